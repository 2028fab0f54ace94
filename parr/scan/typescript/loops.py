"""Registration loops over tool definitions parr already read, and the handler maps they call.

`defs.forEach(t => server.tool(t.name, t.description, t.schema, handler))`, `for (const t of defs)`,
`getTools(ctx).filter(...).forEach(...)` and `const t = DEFS.find(...); server.registerTool(t.name, ...)`
register each definition of the list they walk. The name is not in the call, so the detector would
report a site; here the walked value is described as data (a "source": which array literals,
imported lists and helper returns it is made of, through `.filter`/`.slice`/`.find`/`.concat`/spreads
and `.map(t => ({...t}))`), and the project phase follows the source across files. When every part
of it ends in definitions parr reported as tools, the loop registers those tools and no site is
left; when any part does not (a run-time list, a package's list, a parameter), the site stays.

Such loops often run each tool through a map of bodies, `HANDLERS[t.name](args)`: an object
literal of tool name -> function. What each tool does is then its own handler's code (and the
helpers it calls), read in the map's file and given to the definition of the same name, as
dispatch.py does for the branches of a low-level server's switch.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from tree_sitter import Node

from parr.scan.typescript import effects as fx
from parr.scan.typescript.nodes import (
    FUNCTION_TYPES, args_of, captures, entry_value, function_params, is_function, iter_descendants, object_entries,
    param_pattern, text, unwrap,
)

if TYPE_CHECKING:  # pragma: no cover
    from parr.scan.typescript.detect import Detector

Desc = Any  # a JSON-able source description, or None when parr cannot tell what the value holds

# Array methods whose result holds only elements of the receiver (or the receiver itself).
_SUBSET = frozenset({"filter", "slice", "sort", "toSorted", "reverse", "toReversed", "find", "findLast", "at",
                     "values", "flat"})
_LOOPS = frozenset({"forEach", "map", "flatMap", "some", "every", "filter", "reduce"})
_MAX_DEPTH = 40
_MAX_PARTS = 500
_BUDGET = 20_000  # evaluation steps for one source in the project phase


def _project(module: str) -> bool:
    return module.startswith((".", "@/", "~/", "#"))


def _import_ref(det: "Detector", ident: Node) -> dict[str, str] | None:
    b = det.ctx.lookup(ident, text(ident))
    if b is None or b.kind != "import" or not b.module or not _project(b.module) or b.imported == "*":
        return None
    return {"module": b.module, "name": b.imported}


_NAME_KEYS = ("name", "method", "id", "toolName", "tool_name", "title")


def _object_range(det: "Detector", obj: Node) -> dict[str, Any]:
    """The lines a definition's tool record can carry: the literal's own, or the declaration of the
    function that returns it (`const tool = (ctx) => ({...})`); and its static name-like fields, so a
    loop that registers `t.title` is not taken for one that registers the name parr gave the tool."""
    lo = obj.start_point[0] + 1
    cur = obj.parent
    while cur is not None and cur.type in ("parenthesized_expression", "as_expression", "satisfies_expression",
                                           "arrow_function", "return_statement", "statement_block"):
        cur = cur.parent
    if cur is not None and cur.type == "variable_declarator":
        lo = cur.start_point[0] + 1
    det.walked_definition(obj)  # a project's own `{ name, schema, handler }`: a tool if a loop walks it
    names = {}
    for key, entry in object_entries(obj).items():
        if key in _NAME_KEYS:
            value = det.ctx.string_value(entry_value(entry)) if entry.type != "method_definition" else None
            names[key] = value if isinstance(value, str) else None  # (None: a name made at run time)
    return {"k": "lines", "lo": lo, "hi": obj.end_point[0] + 1, "names": names}


def _union(parts: list[Desc]) -> Desc:
    """Parts of one value; a part parr cannot tell spoils the whole (fail closed), and so does a value
    of more parts than a list of tool definitions has (a data table: its facts would only be weight)."""
    if any(p is None for p in parts):
        return None
    flat: list[Desc] = []
    for p in parts:
        flat.extend(p["of"] if p.get("k") == "union" else [p])
    if len(flat) > _MAX_PARTS:
        return None
    return flat[0] if len(flat) == 1 else {"k": "union", "of": flat}


def _dedupe(values: list[tuple]) -> list[tuple]:
    seen: set = set()
    out = []
    for v in values:
        key = (v[0], v[1], id(v[2])) if v[0] == "tool" else (v[0], v[1], id(v[2]), id(v[3])) if v[0] == "fn" \
            else v[:3]
        if key not in seen:
            seen.add(key)
            out.append(v)
    return out


def _param_index(fn: Node | None, name: str) -> int | None:
    for i, p in enumerate(function_params(fn) if fn is not None else []):
        pat = param_pattern(p)
        if pat is not None and pat.type == "identifier" and text(pat) == name:
            return i
    return None


def _captures(det: "Detector", node: Node, pattern: str, name: str) -> list[Node]:
    """Nodes of one capture of a tree-sitter query run over `node` (in C, not a Python walk), in source order."""
    return captures(det.ctx.grammar, node, pattern, name)


def _assigned(det: "Detector", ident: Node, decl_value: Node) -> list[Node]:
    """Values later assigned to a `let` variable (`tools = tools.filter(...)`) in its scope."""
    scope = decl_value.parent
    while scope is not None and scope.type not in FUNCTION_TYPES and scope.type != "program":
        scope = scope.parent
    if scope is None:
        return []
    cache = det.__dict__.setdefault("_loop_assignments", {})
    by_name = cache.get(scope.id)
    if by_name is None:
        by_name = cache[scope.id] = {}
        for node in _captures(det, scope, "(assignment_expression left: (identifier)) @a", "a"):
            by_name.setdefault(text(node.child_by_field_name("left")), []).append(node)
    out = []
    for node in by_name.get(text(ident), []):
        left = node.child_by_field_name("left")
        b = det.ctx.lookup(left, text(left))
        if b is not None and b.node is not None and b.node.id == decl_value.id:
            out.append(node.child_by_field_name("right"))
    return out


def _pushed(det: "Detector", ident: Node, decl_value: Node) -> list[Node]:
    """Elements later added to a local list (`tools.push(makeTool())`, `tools.push(...more)`) in its scope."""
    scope = decl_value.parent
    while scope is not None and scope.type not in FUNCTION_TYPES and scope.type != "program":
        scope = scope.parent
    if scope is None or b".push(" not in det.ctx.source and b".unshift(" not in det.ctx.source:
        return []
    cache = det.__dict__.setdefault("_loop_pushes", {})
    by_name = cache.get(scope.id)
    if by_name is None:
        by_name = cache[scope.id] = {}
        for node in _captures(det, scope, "(call_expression function: (member_expression object: (identifier) "
                                          "property: (property_identifier) @p (#match? @p \"^(push|unshift)$\"))) @c",
                              "c"):
            obj = unwrap(node.child_by_field_name("function")).child_by_field_name("object")
            by_name.setdefault(text(obj), []).append((obj, node))
    out = []
    for obj, node in by_name.get(text(ident), []):
        b = det.ctx.lookup(obj, text(obj))
        if b is not None and b.node is not None and b.node.id == decl_value.id:
            out.extend(a.named_children[0] if a.type == "spread_element" and a.named_children else a
                       for a in args_of(node))
    return out


def describe(det: "Detector", node: Node | None, fn: Node | None = None, depth: int = 0,
             seen: frozenset = frozenset()) -> Desc:
    """What the list (or one definition) `node` is made of, as data the project phase can follow.
    `fn` is the function being summarised: its parameters become {"k": "param"} slots (a parameter of a
    function around it, {"k": "param", "up": n}: the closure's)."""
    node = unwrap(node)
    if node is None or depth > _MAX_DEPTH:
        return None
    t = node.type
    if t in ("null", "undefined"):
        return {"k": "union", "of": []}  # adds no tool
    if t == "object":
        keys = set(object_entries(node))
        if not keys & {"name", "method"}:
            # `{ ...tool, description }`, `{ ...definition(args), pageScoped: true }`: that definition, changed
            # (its name kept, since the literal sets none)
            spreads = [unwrap(c.named_children[0]) for c in node.named_children
                       if c.type == "spread_element" and c.named_children]
            if len(spreads) == 1 and spreads[0] is not None and spreads[0].type in ("identifier", "call_expression"):
                inner = describe(det, spreads[0], fn, depth + 1, seen)
                if inner is not None:
                    return inner
        renamed = _same_name_as(det, node)
        if renamed is not None:
            # `.map((a) => ({ name: a.name, description: ..., schema: a.schema }))`: the element, as the model sees it
            inner = describe(det, renamed, fn, depth + 1, seen)
            if inner is not None:
                return inner
        return _object_range(det, node)
    if t in ("arrow_function", "function_expression", "function", "function_declaration"):
        return _summary(det, node, depth + 1)
    if t == "array":
        if node.named_child_count > _MAX_PARTS:
            return None
        parts = []
        for el in node.named_children:
            if el.type == "comment":
                continue
            inner = el.named_children[0] if el.type == "spread_element" and el.named_children else el
            parts.append(describe(det, inner, fn, depth + 1, seen))
        return _union(parts)
    if t == "this":
        return _this(node)
    if t == "new_expression":
        ctor = unwrap(node.child_by_field_name("constructor"))
        if ctor is not None and ctor.type == "identifier" and text(ctor) in ("Map", "Set", "Array", "WeakMap") \
                and not args_of(node):
            return {"k": "union", "of": []}  # an empty collection: what is stored into it later is read apart
        cls = describe(det, ctor, fn, depth + 1, seen) if ctor is not None and ctor.type == "identifier" else None
        return {"k": "new", "cls": cls} if cls is not None else None
    if t in ("identifier", "shorthand_property_identifier"):
        b = det.ctx.lookup(node, text(node))
        if b is None:
            return None
        if b.kind == "import":
            ref = _import_ref(det, node)
            return dict(ref, k="imp") if ref else None
        if b.kind == "param":
            return _param_desc(det, node, b, fn, depth, seen)
        if b.kind == "pattern":
            # `for (const t of X)`: each element of X
            walked, _ = _walked(det, node)
            return describe(det, walked, fn, depth + 1, seen) if walked is not None else None
        if b.kind in ("var", "default") and b.node is None:
            # `let handler;` then `handler = new Handler()` (a lazy singleton): what is assigned
            mark = ("let", id(b))
            if mark in seen:
                return {"k": "union", "of": []}
            values = _assigned_anywhere(det, node, b)
            if not values:
                return None
            return _union([describe(det, v, fn, depth + 1, seen | {mark}) for v in values])
        if b.kind in ("var", "default") and b.node is not None:
            if b.node.id in seen:
                return {"k": "union", "of": []}  # `x = x.filter(...)`: what x already holds
            inner_seen = seen | {b.node.id}
            return _union([describe(det, v, fn, depth + 1, inner_seen)
                           for v in [b.node, *_assigned(det, node, b.node), *_pushed(det, node, b.node)]])
        if b.kind == "function" and b.node is not None:
            return _summary(det, b.node, depth + 1)
        if b.kind == "class" and b.node is not None and b.node.parent is not None and \
                b.node.parent.type in ("program", "export_statement"):
            name = b.node.child_by_field_name("name")
            return {"k": "cls", "name": text(name)} if name is not None else None
        return None
    if t == "member_expression" or t == "subscript_expression":
        obj = unwrap(node.child_by_field_name("object"))
        if obj is None:
            return None
        if t == "subscript_expression" and obj.type == "identifier":
            table = det.ctx.value_node(obj)
            if table is not None and table.type == "object":
                # `HANDLERS[key]`: one of the map's values (the one the key names, when it is static)
                key = det.ctx.string_value(node.child_by_field_name("index"))
                entries = object_entries(table)
                if isinstance(key, str) and key in entries:
                    return describe(det, entry_value(entries[key]), fn, depth + 1, seen)
                if not entries or len(entries) > _MAX_PARTS:
                    return None
                return _union([describe(det, entry_value(e), fn, depth + 1, seen) for e in entries.values()
                               if e.type != "method_definition"])
            # DEFS[0]: an element of a described value is no more than the whole
            return describe(det, obj, fn, depth + 1, seen)
        if t == "member_expression" and obj.type in ("this", "identifier"):
            # `this.actions`, `Registry.actions`: a field of a class, with what its methods store into it
            recv = describe(det, obj, fn, depth + 1, seen) if obj.type == "identifier" else _this(obj)
            prop = node.child_by_field_name("property")
            if recv is not None and recv.get("k") in ("cls", "inst", "imp") and prop is not None:
                return {"k": "field", "recv": recv, "f": text(prop)}
        return None
    if t in ("ternary_expression",):
        return _union([describe(det, node.child_by_field_name(f), fn, depth + 1, seen)
                       for f in ("consequence", "alternative")])
    if t == "binary_expression" and text(node.child_by_field_name("operator")) in ("??", "||"):
        return _union([describe(det, node.child_by_field_name(f), fn, depth + 1, seen) for f in ("left", "right")])
    if t == "call_expression":
        callee = unwrap(node.child_by_field_name("function"))
        args = args_of(node)
        if callee is None:
            return None
        if callee.type == "member_expression":
            method = text(callee.child_by_field_name("property"))
            receiver = unwrap(callee.child_by_field_name("object"))
            if receiver is not None and receiver.type in ("identifier", "member_expression") and \
                    text(receiver) in ("Object", "Array") and method in ("values", "from") and args:
                return _collection(det, text(receiver), method, args, fn, depth, seen)
            if method in _SUBSET:
                return describe(det, receiver, fn, depth + 1, seen)
            if method == "concat":
                return _union([describe(det, receiver, fn, depth + 1, seen)]
                              + [describe(det, a, fn, depth + 1, seen) for a in args])
            if method == "map" and args:
                # each element becomes what the callback returns for it: kept when that is the element
                recv = describe(det, receiver, fn, depth + 1, seen)
                cb = unwrap(args[0])
                cb_value = det.ctx.value_node(cb) if cb is not None and cb.type == "identifier" else cb
                each = _summary(det, cb_value, depth + 1) if cb_value is not None and \
                    cb_value.type in FUNCTION_TYPES else None
                return {"k": "map", "recv": recv, "fn": each} if recv is not None and each is not None else None
            if method in _LOOPS or method in _NOT_METHODS or receiver is None:
                return None
            # `handler.getTools(repo)`, `this.available()`, `Registry.tools()`: what that method returns, for the
            # class the receiver turns out to be (every class declaring it, when parr cannot tell which)
            recv = describe(det, receiver, fn, depth + 1, seen) if receiver.type != "this" else _this(receiver)
            arg_descs = [describe(det, a, fn, depth + 1, seen) for a in args]
            return {"k": "mcall", "recv": recv, "m": method, "args": arg_descs}
        if callee.type == "subscript_expression":
            # `FACTORIES[name]()`: a call of one of the functions a local map holds, whichever the key
            table = unwrap(callee.child_by_field_name("object"))
            value = det.ctx.value_node(table) if table is not None and table.type == "identifier" else None
            if value is None or value.type != "object":
                return None
            arg_descs = [describe(det, a, fn, depth + 1, seen) for a in args]
            entries = list(object_entries(value).values())
            if not entries or len(entries) > _MAX_PARTS:
                return None
            return _union([_called(det, unwrap(entry_value(e)) if e.type != "method_definition" else e, arg_descs,
                                   depth) for e in entries])
        if callee.type == "identifier":
            b = det.ctx.lookup(callee, text(callee))
            if b is None:
                return None
            if b.kind == "import" and b.module and not _project(b.module):
                from parr.scan.typescript.frameworks import framework_of

                if framework_of(b.module) is None:
                    return None
                # `tool({...})`, `createTool({...})`: what a framework's factory made here (the candidate read at
                # that call, if any)
                return {"k": "lines", "lo": node.start_point[0] + 1, "hi": node.end_point[0] + 1, "names": {"*": 1}}
            arg_descs = [describe(det, a, fn, depth + 1, seen) for a in args]
            if b.kind == "import":
                ref = _import_ref(det, callee)
                return dict(ref, k="call", args=arg_descs) if ref else None
            target = b.node if b.kind in ("function", "var", "default") else None
            target = unwrap(target)
            if target is not None and target.type in FUNCTION_TYPES:
                summary = _summary(det, target, depth + 1)
                return {"k": "apply", "fn": summary, "args": arg_descs} if summary is not None else None
            if b.kind in ("var", "default", "param", "pattern"):
                # `factory(args)` with `factory` a parameter or an element of a list: whatever the value turns
                # out to be, called (an object called is no value: it throws)
                value = describe(det, callee, fn, depth + 1, seen)
                return {"k": "invoke", "fn": value, "args": arg_descs} if value is not None else None
        return None
    return None


# Methods of built-in values that hand out no element of their receiver.
_NOT_METHODS = frozenset({"toString", "join", "keys", "entries", "has", "get", "set", "add", "delete", "push",
                          "includes", "indexOf", "length", "then", "catch", "finally", "bind", "call", "apply",
                          "forEach", "localeCompare", "startsWith", "endsWith", "split", "trim", "replace"})


def _this(node: Node) -> Desc:
    """`this` in a method of a top-level class: the class (static method) or an instance of it."""
    cur = node.parent
    while cur is not None and cur.type not in ("method_definition", "class_body", "program"):
        if cur.type in ("function_expression", "function", "function_declaration"):
            return None  # `this` of a plain function is its caller's
        cur = cur.parent
    if cur is None or cur.type != "method_definition":
        return None
    body = cur.parent
    cls = body.parent if body is not None and body.type == "class_body" else None
    if cls is None or cls.type not in ("class_declaration", "abstract_class_declaration") or cls.parent is None or \
            cls.parent.type not in ("program", "export_statement"):
        return None
    name = cls.child_by_field_name("name")
    if name is None:
        return None
    ref = {"k": "cls", "name": text(name)}
    static = any(c.type == "static" for c in cur.children)
    return ref if static else {"k": "new", "cls": ref}


def _collection(det: "Detector", owner: str, method: str, args: list[Node], fn: Node | None, depth: int,
                seen: frozenset) -> Desc:
    """`Object.values(ns)` (a namespace import: every value the module exports), `Object.values({...})`,
    `Array.from(x)` and `Array.from(x, f)`."""
    first = unwrap(args[0])
    if first is None:
        return None
    if owner == "Array":
        recv = describe(det, first, fn, depth + 1, seen)
        if len(args) == 1 or recv is None:
            return recv
        cb = unwrap(args[1])
        each = _summary(det, cb, depth + 1) if cb is not None and cb.type in FUNCTION_TYPES else None
        return {"k": "map", "recv": recv, "fn": each} if each is not None else None
    if first.type == "identifier":
        b = det.ctx.lookup(first, text(first))
        if b is not None and b.kind == "import" and b.imported == "*" and b.module and _project(b.module):
            return {"k": "values", "module": b.module}
    table = det.ctx.value_node(first)
    if table is not None and table.type == "object":
        entries = [e for e in object_entries(table).values() if e.type != "method_definition"]
        if not entries or len(entries) > _MAX_PARTS or any(c.type == "spread_element" for c in table.named_children):
            return None
        return _union([describe(det, entry_value(e), fn, depth + 1, seen) for e in entries])
    return None


def _same_name_as(det: "Detector", obj: Node) -> Node | None:
    """`{ name: a.name, ... }` (`a` a name bound here): the object carries `a` under its own name."""
    entries = object_entries(obj)
    entry = entries.get("name")
    if entry is None or entry.type != "pair":
        return None
    value = unwrap(entry_value(entry))
    if value is None or value.type != "member_expression" or text(value.child_by_field_name("property")) != "name":
        return None
    root = unwrap(value.child_by_field_name("object"))
    return root if root is not None and root.type == "identifier" else None


def _owner_function(param: Node) -> Node | None:
    cur = param.parent
    while cur is not None and cur.type not in FUNCTION_TYPES:
        cur = cur.parent
    return cur


def _param_desc(det: "Detector", node: Node, b: Any, fn: Node | None, depth: int, seen: frozenset) -> Desc:
    """A parameter: a slot of the function being summarised, of a function around it (a closure's), or the
    element a loop callback inside it walks (`tools.forEach((t) => out.push(t))`)."""
    i = _param_index(fn, text(node))
    owner = _owner_function(b.node) if b.node is not None else None
    if owner is None:
        return None
    if fn is not None and owner.id == fn.id:
        return {"k": "param", "i": i} if i is not None else None
    up = 0
    cur = fn
    while cur is not None and up < 12:
        if cur.id == owner.id:
            j = _param_index(owner, text(node))
            return {"k": "param", "i": j, "up": up} if j is not None else None
        cur = cur.parent
        if cur is not None and cur.type in FUNCTION_TYPES:
            up += 1
    walked, _ = _walked(det, node)
    if walked is not None and (fn is None or _inside(owner, fn)):
        return describe(det, walked, fn, depth + 1, seen)
    return None


def _inside(node: Node, outer: Node) -> bool:
    return outer.start_byte <= node.start_byte and node.end_byte <= outer.end_byte


def _assigned_anywhere(det: "Detector", ident: Node, b: Any) -> list[Node]:
    """Values assigned to a variable declared without one (`let x;` ... `x = new X()`), in its file."""
    cache = det.__dict__.setdefault("_loop_assignments_all", None)
    if cache is None:
        cache = det._loop_assignments_all = {}
        for node in _captures(det, det.ctx.root, "(assignment_expression left: (identifier)) @a", "a"):
            cache.setdefault(text(node.child_by_field_name("left")), []).append(node)
    out = []
    for node in cache.get(text(ident), [])[:20]:
        left = node.child_by_field_name("left")
        if det.ctx.lookup(left, text(left)) is b:
            out.append(node.child_by_field_name("right"))
    return out


def _called(det: "Detector", callee: Node | None, arg_descs: list[Desc], depth: int) -> Desc:
    """What calling `callee` (a function, a local or an imported one) with described arguments returns."""
    if callee is None:
        return None
    if callee.type in FUNCTION_TYPES or callee.type == "method_definition":
        summary = _summary(det, callee, depth + 1)
        return {"k": "apply", "fn": summary, "args": arg_descs} if summary is not None else None
    if callee.type not in ("identifier", "shorthand_property_identifier"):
        return None
    b = det.ctx.lookup(callee, text(callee))
    if b is None:
        return None
    if b.kind == "import":
        ref = _import_ref(det, callee)
        return dict(ref, k="call", args=arg_descs) if ref else None
    target = unwrap(b.node) if b.kind in ("function", "var", "default") else None
    if target is not None and target.type in FUNCTION_TYPES:
        summary = _summary(det, target, depth + 1)
        return {"k": "apply", "fn": summary, "args": arg_descs} if summary is not None else None
    return None


def _summary(det: "Detector", fn: Node, depth: int) -> Desc:
    """What a function returns, with its parameters as slots: {"k": "fn", "ret": ...}."""
    if depth > _MAX_DEPTH:
        return None
    memo = det.__dict__.setdefault("_loop_summaries", {})
    if fn.id in memo:
        return memo[fn.id]
    memo[fn.id] = None  # a function that returns its own call: nothing parr can tell
    memo[fn.id] = out = _summary_of(det, fn, depth)
    return out


def _summary_of(det: "Detector", fn: Node, depth: int) -> Desc:
    body = fn.child_by_field_name("body")
    if body is None:
        return None
    if body.type != "statement_block":
        ret = describe(det, body, fn, depth + 1)
        return {"k": "fn", "ret": ret} if ret is not None else None
    rets = []
    for node in _captures(det, body, "(return_statement) @r", "r"):
        if _own(node, fn):
            value = node.named_children[0] if node.named_children else None
            rets.append(describe(det, value, fn, depth + 1) if value is not None else {"k": "union", "of": []})
    ret = _union(rets) if rets else None
    return {"k": "fn", "ret": ret} if ret is not None else None


def _own(node: Node, fn: Node) -> bool:
    cur = node.parent
    while cur is not None and cur.id != fn.id:
        if cur.type in FUNCTION_TYPES:
            return False
        cur = cur.parent
    return cur is not None


# -- the detector side ---------------------------------------------------------------------------------
def _name_root(node: Node | None) -> Node | None:
    """`t` of `t.name`, `t.method`, `t["name"]`, `tool.name as string`."""
    node = unwrap(node)
    while node is not None and node.type in ("member_expression", "subscript_expression"):
        node = unwrap(node.child_by_field_name("object"))
    return node if node is not None and node.type == "identifier" else None


def _member(det: "Detector", node: Node | None) -> str | None:
    """The field a name expression reads (`method` of `t.method`, `t["method"]`); None for `t` itself
    (a definition object given whole is registered by its `name`)."""
    node = unwrap(node)
    if node is not None and node.type == "member_expression":
        return text(node.child_by_field_name("property"))
    if node is not None and node.type == "subscript_expression":
        key = det.ctx.string_value(node.child_by_field_name("index"))
        return key if isinstance(key, str) else "?"
    return None


def _walked(det: "Detector", root: Node) -> tuple[Node | None, Node | None]:
    """The value a loop variable walks and the loop's body: the receiver of `X.forEach(t => ...)` or
    `X.map(function (t) {...})`, the right side of `for (const t of X)`, or the value of `const t = X.find(...)`."""
    b = det.ctx.lookup(root, text(root))
    if b is None:
        return None, None
    if b.kind in ("var", "default") and b.node is not None:
        return b.node, None
    cur = root.parent
    while cur is not None:
        if cur.type in ("arrow_function", "function_expression", "function") and b.kind == "param":
            params = function_params(cur)
            pat = param_pattern(params[0]) if params else None
            if pat is not None and pat.type == "identifier" and text(pat) == text(root):
                call = cur.parent.parent if cur.parent is not None and cur.parent.type == "arguments" else None
                fn = unwrap(call.child_by_field_name("function")) if call is not None and \
                    call.type == "call_expression" else None
                if fn is not None and fn.type == "member_expression" and \
                        text(fn.child_by_field_name("property")) in _LOOPS:
                    return fn.child_by_field_name("object"), cur
                return None, None
        if cur.type == "for_in_statement" and b.kind == "pattern":
            left = cur.child_by_field_name("left")
            if left is not None and text(root) in text(left).replace("const", " ").replace("let", " ").split():
                return cur.child_by_field_name("right"), cur.child_by_field_name("body")
        cur = cur.parent
    return None, None


def _handler_map(det: "Detector", body: Node | None, root: Node) -> Desc:
    """`HANDLERS[t.name]` in the loop's body: the map it reads, local or imported."""
    if body is None:
        return None
    for node in iter_descendants(body, 20_000):
        if node.type != "subscript_expression":
            continue
        index = _name_root(node.child_by_field_name("index"))
        obj = unwrap(node.child_by_field_name("object"))
        if index is None or text(index) != text(root) or obj is None or obj.type != "identifier":
            continue
        b = det.ctx.lookup(obj, text(obj))
        if b is not None and b.kind == "import":
            ref = _import_ref(det, obj)
            return dict(ref, k="imp") if ref else None
        value = det.ctx.value_node(obj)
        if value is not None and value.type == "object":
            return {"k": "here", "map": handler_effects(det, value)}
    return None


def registration_site(det: "Detector", call: Node, site: dict[str, Any], name_expr: Node | None = None,
                      style: tuple[str, str] | None = None) -> bool:
    """A registration whose name is a loop variable's field: keep it as a loop fact (with the source it
    walks and the handler map it calls) for the project phase. False when the name is not such. (`name_expr`:
    the definition a registration wrapper is given whole; `style`: the registration it makes.)"""
    if name_expr is not None:
        pass
    elif call.type == "call_expression":
        args = args_of(call)
        name_expr = args[0] if args else None
    elif call.type == "object":  # { type: "function", function: { name: t.method, ... } } (see function_object)
        entries = object_entries(call)
        inner = unwrap(entry_value(entries["function"])) if "function" in entries else None
        named = object_entries(inner) if inner is not None and inner.type == "object" else entries
        name_expr = entry_value(named["name"]) if "name" in named else None
    else:
        return False
    root = _name_root(name_expr)
    if root is None:
        return False
    member = _member(det, name_expr)
    walked, body = _walked(det, root)
    if walked is None:
        return False
    source = describe(det, walked)
    if source is None:
        return False
    if body is None:
        fn = call
        while fn is not None and fn.type not in FUNCTION_TYPES:
            fn = fn.parent
        body = fn
    loop = dict(site, source=source, handlers=_handler_map(det, body, root), member=member)
    callee = unwrap(call.child_by_field_name("function"))
    method = text(callee.child_by_field_name("property")) if callee is not None and \
        callee.type == "member_expression" else ""
    if det.mcp_signal and method in _MCP_STYLES:
        loop["framework"], loop["style"] = "mcp-typescript-sdk", _MCP_STYLES[method]
    elif style is not None:
        loop["framework"], loop["style"] = style
    det.loop_sites.append(loop)
    return True


_MCP_STYLES = {"tool": "mcp_ts.tool", "registerTool": "mcp_ts.registerTool", "registerToolTask": "mcp_ts.registerToolTask"}


def handler_effects(det: "Detector", obj: Node) -> dict[str, dict[str, Any]]:
    """Tool name -> what its function in a handler map does (from its code and the helpers it calls)."""
    out: dict[str, dict[str, Any]] = {}
    for key, entry in list(object_entries(obj).items())[:300]:
        value = entry if entry.type == "method_definition" else det.ctx.value_node(entry_value(entry))
        if value is None or value.type not in FUNCTION_TYPES:
            continue
        eff = fx.analyze(det.ctx, value)
        # A map entry is glue around the tool's real handler (`run_sql: (a) => handleRunSql(a.params)`):
        # that handler is read as a handler of its own, so its helpers are followed as deep as any body's.
        for call in _captures(det, value, "(call_expression function: (identifier) @f)", "f"):
            b = det.ctx.lookup(call, text(call))
            target = unwrap(b.node) if b is not None and b.kind in ("function", "var") else None
            if target is not None and target.type in FUNCTION_TYPES and target.id != value.id:
                sub = fx.analyze(det.ctx, target)
                sub.strong = [e if "(via " in e else f"{e} (via {text(call)}())" for e in sub.strong]
                eff.merge(sub)
        out[key] = {"strong": eff.strong[:8], "medium": eff.medium[:4], "weak": eff.weak[:8],
                    "caps": sorted(eff.caps), "executed": sorted(eff.executed)[:50]}
    return out


# A helper that hands out a list of definitions is short (filter, concat, map over a list); summarising
# every long exported function of every file only to find none of them is one costs scan time.
_MAX_SUMMARY_BYTES = 4000


def _small(fn: Node) -> bool:
    return fn.end_byte - fn.start_byte <= _MAX_SUMMARY_BYTES


def _worth(det: "Detector", fn: Node | None) -> bool:
    """Worth a summary: a short function, or a longer one holding a definition record (`{ name: "x", schema,
    handler }`, screened on its bytes) that it may hand out."""
    if fn is None:
        return False
    if _small(fn):
        return True
    if fn.end_byte - fn.start_byte > _MAX_DEFINING_BYTES:
        return False
    from parr.scan.typescript.scanner import _walked_definition

    return _walked_definition(det.ctx.source[fn.start_byte:fn.end_byte])


_MAX_DEFINING_BYTES = 60_000
_MAX_CLASS_METHODS = 60


def class_lists(det: "Detector") -> dict[str, dict]:
    """The top-level classes of this file: what each method returns (as sources, for a method worth a
    summary), which are static, and what each field holds: its initial value and what the class's methods
    store into it (`this.items.push(x)`, `Registry.actions.set(a.name, a)`), read in the method that stores
    it (`{"k": "in"}`: a parameter there is what each call of that method passes)."""
    out: dict[str, dict] = {}
    for stmt in det.ctx.root.named_children[:2000]:
        cls = stmt.child_by_field_name("declaration") if stmt.type == "export_statement" else stmt
        if cls is None or cls.type not in ("class_declaration", "abstract_class_declaration"):
            continue
        name = cls.child_by_field_name("name")
        body = cls.child_by_field_name("body")
        if name is None or body is None:
            continue
        methods: dict[str, Desc] = {}
        static: list[str] = []
        fields: dict[str, list[Desc]] = {}
        for member in body.named_children[:_MAX_CLASS_METHODS * 2]:
            key = member.child_by_field_name("name")
            if key is None:
                continue
            mname = text(key)
            is_static = any(c.type == "static" for c in member.children)
            if member.type == "method_definition":
                if is_static:
                    static.append(mname)
                if mname == "constructor" or not _worth(det, member):
                    continue
                d = _summary(det, member, 0)
                if d is not None:
                    methods[mname] = d
            elif member.type in ("public_field_definition", "field_definition"):
                value = unwrap(member.child_by_field_name("value"))
                if value is not None and is_function(value) and _worth(det, value):
                    d = _summary(det, value, 0)  # `getTools = () => [...]`
                    if d is not None:
                        methods[mname] = d
                        if is_static:
                            static.append(mname)
                    continue
                fields.setdefault(mname, []).append(
                    describe(det, value) if value is not None else {"k": "union", "of": []})
        if b"." in det.ctx.source[body.start_byte:body.end_byte]:
            for fname, stored in _stores(det, body, text(name)):
                fields.setdefault(fname, []).append(stored)
        entry: dict[str, Any] = {}
        if methods:
            entry["m"] = methods
        if static:
            entry["s"] = sorted(set(static))
        if fields:
            entry["f"] = {f: _union(parts) for f, parts in fields.items()}
        if entry:
            out[text(name)] = entry
    return out


_STORE_METHODS = {"push": None, "unshift": None, "add": None, "set": 1}


def _stores(det: "Detector", body: Node, cls_name: str) -> list[tuple[str, Desc]]:
    """(field, what is stored) for `this.f.push(x)`, `Cls.f.set(k, x)`, `this.f[k] = x`, `this.f = x` in the
    class's methods, each read in the method it sits in."""
    out: list[tuple[str, Desc]] = []

    def field_of(node: Node | None) -> str | None:
        node = unwrap(node)
        if node is None or node.type != "member_expression":
            return None
        obj = unwrap(node.child_by_field_name("object"))
        if obj is None or not (obj.type == "this" or (obj.type == "identifier" and text(obj) == cls_name)):
            return None
        prop = node.child_by_field_name("property")
        return text(prop) if prop is not None else None

    def method_of(node: Node) -> Node | None:
        cur = node.parent
        while cur is not None and cur.id != body.id:
            if cur.type == "method_definition":
                return cur
            cur = cur.parent
        return None

    def stored(method: Node | None, value: Node | None) -> Desc:
        d = describe(det, value, method)
        if method is None or d is None:
            return d
        key = method.child_by_field_name("name")
        return {"k": "in", "cls": cls_name, "m": text(key) if key is not None else "", "d": d}

    for node in _captures(det, body, "(call_expression function: (member_expression property: "
                                     "(property_identifier) @p (#match? @p \"^(push|unshift|add|set)$\"))) @c", "c"):
        callee = unwrap(node.child_by_field_name("function"))
        f = field_of(callee.child_by_field_name("object")) if callee is not None else None
        if f is None:
            continue
        index = _STORE_METHODS.get(text(callee.child_by_field_name("property")))
        args = args_of(node)
        values = args[index:index + 1] if index is not None else args
        for v in values:
            v = v.named_children[0] if v.type == "spread_element" and v.named_children else v
            out.append((f, stored(method_of(node), v)))
    for node in _captures(det, body, "(assignment_expression) @a", "a"):
        left = unwrap(node.child_by_field_name("left"))
        f = field_of(left)
        if f is None and left is not None and left.type == "subscript_expression":
            f = field_of(left.child_by_field_name("object"))
        if f is not None:
            out.append((f, stored(method_of(node), node.child_by_field_name("right"))))
        if len(out) > 200:
            break
    return out


def full_facts(det: "Detector") -> dict[str, Any]:
    """What a file holds for a source another file's loop follows into it, read only when one does (the
    scanner's `extract_full`): its exported lists and functions, its classes, every value it exports, and its
    calls of the project's classes' methods (`Registry.register(action)`: what a registry is given)."""
    out: dict[str, Any] = {}
    lists, _ = exported(det)
    if lists:
        out["lists"] = lists
    classes = class_lists(det)
    if classes:
        out["class_lists"] = classes
    walked = [c for c in det.tools if c.get("loop_only")][:500]
    if walked:
        out["walked"] = walked  # the definition records those read (candidates if a registration takes them)
    calls: list[dict[str, Any]] = []
    if b"." in det.ctx.source or b"new " in det.ctx.source:
        for node in _captures(det, det.ctx.root, "[(call_expression function: (member_expression object: "
                                                 "[(identifier) (this)])) (new_expression constructor: (identifier))] @c",
                              "c"):
            if node.type == "new_expression":
                recv, method = describe(det, node.child_by_field_name("constructor")), "constructor"
            else:
                callee = unwrap(node.child_by_field_name("function"))
                obj = unwrap(callee.child_by_field_name("object"))
                recv = _this(obj) if obj.type == "this" else describe(det, obj)
                method = text(callee.child_by_field_name("property"))
            if not isinstance(recv, dict) or recv.get("k") not in ("imp", "cls", "new"):
                continue
            calls.append({"recv": recv, "m": method, "args": [describe(det, a) for a in args_of(node)][:8]})
            if len(calls) >= 500:
                break
    if calls:
        out["mcalls"] = calls
    return out


def exported(det: "Detector") -> tuple[dict[str, Desc], dict[str, dict]]:
    """This file's exported lists and list-making functions (as sources), and its exported handler maps
    (object literals of two or more functions)."""
    lists: dict[str, Desc] = {}
    maps: dict[str, dict] = {}
    for stmt in det.ctx.root.named_children:
        if stmt.type != "export_statement":
            continue
        decl = stmt.child_by_field_name("declaration")
        value = stmt.child_by_field_name("value")
        if decl is None and value is not None:  # export default tools;
            d = describe(det, value)
            if d is not None:
                lists["default"] = d
            continue
        if decl is None:
            clause = next((c for c in stmt.named_children if c.type == "export_clause"), None)
            if clause is not None and stmt.child_by_field_name("source") is None:
                # `export { Registry, tools as TOOLS }`: the local values under their public names
                for spec in clause.named_children:
                    local, alias = spec.child_by_field_name("name"), spec.child_by_field_name("alias")
                    if local is None or local.type != "identifier":
                        continue
                    b = det.ctx.lookup(local, text(local))
                    if b is None or b.kind == "import":
                        continue  # a re-export: its own module answers
                    d = describe(det, local) if b.kind != "function" or _worth(det, b.node) else None
                    if d is not None:
                        lists[text(alias or local)] = d
            continue
        if decl.type in ("class_declaration", "abstract_class_declaration"):
            name = decl.child_by_field_name("name")
            if name is not None:
                lists[text(name)] = {"k": "cls", "name": text(name)}
                if any(c.type == "default" for c in stmt.children):
                    lists["default"] = lists[text(name)]
            continue
        if decl.type == "function_declaration":
            name = decl.child_by_field_name("name")
            d = _summary(det, decl, 0) if _worth(det, decl) else None
            if name is not None and d is not None:
                lists[text(name)] = d
            if d is not None and any(c.type == "default" for c in stmt.children):
                lists["default"] = d  # export default function makeTool() {...}
            continue
        if decl.type not in ("lexical_declaration", "variable_declaration"):
            continue
        for declarator in decl.named_children:
            name = declarator.child_by_field_name("name") if declarator.type == "variable_declarator" else None
            raw = unwrap(declarator.child_by_field_name("value")) if name is not None else None
            if raw is None:
                continue
            if raw.type == "object":
                entries = object_entries(raw)
                fns = sum(1 for e in entries.values()
                          if e.type == "method_definition" or unwrap(entry_value(e)) is not None
                          and unwrap(entry_value(e)).type in FUNCTION_TYPES)
                if fns >= 2 and "name" not in entries:
                    maps[text(name)] = handler_effects(det, raw)
                elif "name" in entries:
                    lists[text(name)] = describe(det, raw)  # `export const search = { name, schema, handler }`
                continue
            if raw.type in ("array", "call_expression", "identifier", "new_expression") or raw.type in FUNCTION_TYPES:
                d = (_summary(det, raw, 0) if _worth(det, raw) else None) if raw.type in FUNCTION_TYPES \
                    else describe(det, raw)
                if d is not None:
                    lists[text(name)] = d
    return lists, maps


# -- the project side ----------------------------------------------------------------------------------
class _Each(dict):
    """A handler map with the same body for every tool name."""

    def __init__(self, effects: dict[str, Any]):
        super().__init__()
        self.effects = effects

    def get(self, key: Any, default: Any = None) -> Any:
        return self.effects
class ProjectLoops:
    """Follows the loop facts of every file across the project (see the module docstring).

    A source is evaluated to the values it may hold: tool candidates parr read ("tool"), object literals it
    read no tool from ("obj": a record whose name is made at run time), functions with the arguments of the
    call that made them ("fn", a closure), classes and instances of this project's classes ("cls", "inst"), and
    the element a `.map` callback is given ("elem"). None: a part parr cannot tell (fail closed). The work per
    source is bounded (`_BUDGET` steps); past it the source is a part parr cannot tell."""

    def __init__(self, resolver: Any):
        self.r = resolver
        self._busy: set[tuple] = set()
        self._steps = 0
        self._callers: dict[tuple[str, str], list[tuple[str, list]]] = {}
        self._importers: dict[str, list[tuple[str, str, bool]]] | None = None
        self.objects: list[tuple[str, int, dict]] = []  # the records of the last source with no tool read
        # candidates read from full facts (files `extract` did not parse for tools): {id: (file, candidate)}
        self.elsewhere: dict[int, tuple[str, dict]] = {}

    # -- facts of other files ----------------------------------------------------------------------------
    def _full(self, path: str) -> dict[str, Any]:
        loader = getattr(self.r, "full_facts", None)
        if loader is None:
            return {}
        read = getattr(loader, "part", None)
        try:
            return (read(path, "loops") if read is not None else loader(path)) or {}  # (the part read here)
        except Exception:  # noqa: BLE001 - a file that cannot be read adds nothing parr can tell
            return {}

    def _fact(self, path: str, kind: str) -> dict[str, Any]:
        """One kind of loop fact of a file: from its facts, or (a file `extract` did not parse for tools) from
        its full facts, read when a source first reaches it."""
        found = self.r.facts_of(path).get(kind)
        if found is None:
            found = self._full(path).get(kind)
        return found or {}

    def _origin(self, path: str, name: str, depth: int = 0) -> tuple[str, str] | None:
        o = self.r.origin(path, name)
        if o is not None and (o[1] != "default" or name == "default"):
            return o
        if depth > 8:
            return None
        ex = self._full(path).get("exports_full") or {}
        if name in (ex.get("names") or []) or name in (ex.get("consts") or {}):
            return path, name
        for r in ex.get("reexports") or []:
            if r.get("as") in (name, "*"):
                target = self.r.module_path(path, r.get("module") or "")
                found = self._origin(target, r["name"] if r.get("as") == name else name, depth + 1) if target \
                    else None
                if found is not None:
                    return found
        return o

    def _export(self, path: str, ref: dict[str, Any], kind: str) -> tuple[str, Any] | None:
        target = self.r.module_path(path, ref.get("module") or "")
        o = self._origin(target, ref.get("name") or "") if target else None
        if o is None:
            return None
        found = self._fact(o[0], kind).get(o[1])
        return (o[0], found) if found is not None else None

    # -- the values a source stands for ----------------------------------------------------------------
    def tools(self, path: str, desc: Desc, args: list[tuple[str, Desc, Any]] | None = None,
              depth: int = 0, member: str = "name") -> list[tuple[str, dict, dict]] | None:
        """The tool candidates a source stands for: [(file, candidate, its name fields)], or None when any part
        of it is not a definition parr read (fail closed: the loop's site stays). Records that hold the
        registered field but whose value parr cannot read are left in `objects` (each a site of its own);
        functions are no records (dropped)."""
        self._steps = 0
        self.objects = []
        env = ("env", args or [], None) if args else None
        values = self._eval(path, desc, env, depth)
        if values is None:
            return None
        out: list[tuple[str, dict, dict]] = []
        for v in values:
            if v[0] == "tool":
                out.append((v[1], v[2], v[3]))
            elif v[0] == "obj":
                if member not in v[3]:
                    return None  # an object without the field the registration reads: nothing parr can tell
                self.objects.append((v[1], v[2], v[3]))
            elif v[0] != "fn":
                return None  # a class, an instance, a bare element: no record parr can read
        if not out and not self.objects:
            return None
        return out

    def _eval(self, path: str, desc: Desc, env: Any, depth: int) -> list[tuple] | None:
        self._steps += 1
        if not isinstance(desc, dict) or depth > 40 or self._steps > _BUDGET:
            return None
        k = desc.get("k")
        if k == "lines":
            lo, hi = desc.get("lo") or 0, desc.get("hi") or 0
            names = desc.get("names") or {}
            # (not a reading kept only if some call spreads the value; one named in the project phase, by the
            # place it is stored or a constant of another file, counts where records are handed over whole)
            found = [("tool", path, c, names) for c in self.r.facts_of(path).get("tools") or []
                     if lo <= int(c.get("line") or 0) <= hi and not c.get("handoff") and not c.get("spread_export")
                     and (c.get("name") or names.get("*") and (c.get("bind") or c.get("name_ref")))]
            if not found:
                # a file `extract` did not read for tools (a record named by a constant escapes its screen), or a
                # record it did not walk: the records its full facts read
                found = [("tool", path, c, names) for c in self._full(path).get("walked") or []
                         if lo <= int(c.get("line") or 0) <= hi and c.get("name")]
                for v in found:
                    self.elsewhere.setdefault(id(v[2]), (path, v[2]))
            return found or [("obj", path, lo, names)]
        if k == "union":
            out: list[tuple] = []
            for part in desc.get("of") or []:
                got = self._eval(path, part, env, depth + 1)
                if got is None:
                    return None
                out.extend(got)
                if len(out) > _MAX_PARTS:
                    return None
            return _dedupe(out)
        if k == "elem":
            return [("elem",)]
        if k == "fn":
            return [("fn", path, desc, env)]
        if k == "cls":
            return [("cls", path, desc.get("name"))]
        if k == "param":
            frame = env
            for _ in range(int(desc.get("up") or 0)):
                frame = frame[2] if frame is not None else None
            i = desc.get("i")
            if frame is None or not isinstance(i, int) or i >= len(frame[1]):
                return None
            apath, adesc, aenv = frame[1][i]
            return self._eval(apath, adesc, aenv, depth + 1)
        if k == "imp":
            key = ("imp", path, str(desc.get("module")), str(desc.get("name")))
            if key in self._busy:
                return None
            self._busy.add(key)
            try:
                found = self._export(path, desc, "lists")
                return self._eval(found[0], found[1], None, depth + 1) if found else None
            finally:
                self._busy.discard(key)
        if k in ("call", "apply", "invoke"):
            if k == "call":
                fns = self._eval(path, dict(desc, k="imp"), env, depth + 1)
            elif k == "apply":
                fns = self._eval(path, desc.get("fn"), env, depth + 1)
            else:
                fns = self._eval(path, desc.get("fn"), env, depth + 1)
            if fns is None:
                return None
            call_args = [(path, a, env) for a in desc.get("args") or []]
            out = []
            for f in fns:
                if f[0] == "fn":
                    got = self._apply(f, call_args, depth)
                    if got is None:
                        return None
                    out.extend(got)
                elif f[0] in ("tool", "obj") and k == "invoke":
                    continue  # an object called throws: it gives no value
                else:
                    return None
            return _dedupe(out)
        if k == "map":
            fn = desc.get("fn")
            each = self._eval(path, fn.get("ret"), ("env", [(path, {"k": "elem"}, None)], env), depth + 1) \
                if isinstance(fn, dict) else None
            if each is None or not each or not all(v[0] == "elem" for v in each):
                return None  # the callback makes new values: not the definitions themselves
            return self._eval(path, desc.get("recv"), env, depth + 1)
        if k == "new":
            classes = self._eval(path, desc.get("cls"), env, depth + 1)
            if classes is None or not classes or any(c[0] != "cls" for c in classes):
                return None
            return [("inst", c[1], c[2]) for c in classes]
        if k == "values":
            return self._module_values(path, desc, depth)
        if k == "mcall":
            recv = self._eval(path, desc.get("recv"), env, depth + 1)
            if recv is None:
                return None
            call_args = [(path, a, env) for a in desc.get("args") or []]
            out = []
            for v in recv:
                method = self._method(v, str(desc.get("m") or ""))
                if method is None:
                    return None
                got = self._apply(("fn", v[1], method, None), call_args, depth)
                if got is None:
                    return None
                out.extend(got)
            return _dedupe(out)
        if k == "field":
            recv = self._eval(path, desc.get("recv"), env, depth + 1)
            if recv is None:
                return None
            out = []
            for v in recv:
                if v[0] not in ("cls", "inst"):
                    return None
                held = ((self._fact(v[1], "class_lists").get(v[2]) or {}).get("f") or {}).get(desc.get("f"))
                key = ("field", v[1], v[2], desc.get("f"))
                if held is None or key in self._busy:
                    return None
                self._busy.add(key)
                try:
                    got = self._eval(v[1], held, None, depth + 1)
                finally:
                    self._busy.discard(key)
                if got is None:
                    return None
                out.extend(got)
            return _dedupe(out)
        if k == "in":
            # stored by a method: what that method's parameter is at each call of it in the project (none seen:
            # parr cannot tell what the class is given)
            calls = self._calls_of(path, str(desc.get("cls") or ""), str(desc.get("m") or ""))
            if not calls:
                return None
            out = []
            for cpath, args in calls:
                frame = ("env", [(cpath, a, None) for a in args], None)
                got = self._eval(path, desc.get("d"), frame, depth + 1)
                if got is None:
                    return None
                out.extend(got)
            return _dedupe(out)
        return None

    def _apply(self, f: tuple, call_args: list, depth: int) -> list[tuple] | None:
        _, fpath, fdesc, fenv = f
        if not isinstance(fdesc, dict) or fdesc.get("k") != "fn":
            return None
        return self._eval(fpath, fdesc.get("ret"), ("env", call_args, fenv), depth + 1)

    def _method(self, value: tuple, name: str) -> Desc:
        """What `name` of a class (a static method) or of an instance returns, from its class's facts."""
        if value[0] not in ("cls", "inst"):
            return None
        entry = self._fact(value[1], "class_lists").get(value[2]) or {}
        static = name in (entry.get("s") or [])
        if static != (value[0] == "cls"):
            return None
        return (entry.get("m") or {}).get(name)

    def _module_values(self, path: str, desc: dict, depth: int) -> list[tuple] | None:
        """Every value a project module exports (`Object.values(ns)` of `import * as ns`): each must be one
        parr can follow."""
        target = self.r.module_path(path, desc.get("module") or "")
        if target is None:
            return None
        ex = self._full(target).get("exports_full") or self.r.facts_of(target).get("exports") or {}
        if any(r.get("as") == "*" for r in ex.get("reexports") or []):
            return None
        names = sorted(set(ex.get("names") or []) | set(ex.get("consts") or {}) |
                       {r.get("as") for r in ex.get("reexports") or [] if r.get("as")})
        if not names or len(names) > _MAX_PARTS:
            return None
        out = []
        for name in names:
            got = self._eval(path, {"k": "imp", "module": desc.get("module"), "name": name}, None, depth + 1)
            if got is None:
                return None
            out.extend(got)
        return _dedupe(out)

    def _calls_of(self, path: str, cls: str, method: str) -> list[tuple[str, list]]:
        """(file, argument sources) of each call of `cls.method` (or of `new cls(...)`, for the constructor)
        in the files that may name the class: its own, and those importing it."""
        key = (path, cls + "." + method)
        if key in self._callers:
            return self._callers[key]
        self._callers[key] = []
        out: list[tuple[str, list]] = []
        for cpath in [path] + self._importers_of(path):
            for call in (self._full(cpath).get("mcalls") or [])[:500]:
                if call.get("m") != method:
                    continue
                recv = self._eval(cpath, call.get("recv"), None, 0)
                if recv and any(v[0] in ("cls", "inst") and v[1] == path and v[2] == cls for v in recv):
                    out.append((cpath, list(call.get("args") or [])))
        self._callers[key] = out
        return out

    def _importers_of(self, path: str, depth: int = 0) -> list[str]:
        """The files importing `path`, directly or through modules re-exporting from it (every file's facts
        are read once, the imports indexed by the last part of their specifier, as reach.py does)."""
        from parr.scan.typescript.reach import _spec_stem, _stem

        if self._importers is None:
            self._importers = {}
            paths = self.r.paths
            every = sorted(paths) if not isinstance(paths, set) else sorted(paths | set(self.r.facts))
            for fpath in every:
                facts = self.r.facts_of(fpath)
                for spec in facts.get("imps") or {}:
                    self._importers.setdefault(_spec_stem(spec), []).append((fpath, spec, False))
                for r in (facts.get("exports") or {}).get("reexports") or []:
                    spec = r.get("module") or ""
                    if spec.startswith((".", "@/", "~/", "#")):
                        self._importers.setdefault(_spec_stem(spec), []).append((fpath, spec, True))
        out: list[str] = []
        for key in (_stem(path), ".", ".."):
            for fpath, spec, reexport in self._importers.get(key, []):
                if fpath == path or self.r.module_path(fpath, spec) != path:
                    continue
                out.append(fpath)
                if reexport and depth < 4:
                    out.extend(self._importers_of(fpath, depth + 1))  # a barrel: its importers too
        return [p for p in dict.fromkeys(out) if p != path]

    def forwarded(self) -> dict[str, list[dict[str, Any]]]:
        """The `tools:` arguments of calls of functions and methods that forward them to a model (`forwarder`),
        as registrations: {file: [loop facts]}. A call matches a forwarder by its name and the argument's
        position, and by its class when parr can tell the receiver's (every class's method of that name
        otherwise: an interface or base class the project implements several times)."""
        by_name: dict[str, list[tuple[str, dict]]] = {}
        for path in sorted(self.r.facts):
            for f in self.r.facts[path].get("forwards") or []:
                by_name.setdefault(str(f.get("m")), []).append((path, f))
        out: dict[str, list[dict[str, Any]]] = {}
        if not by_name:
            return out
        for path in sorted(self.r.facts):
            for arg in self.r.facts[path].get("tools_args") or []:
                fwd = [(p, f) for p, f in by_name.get(str(arg.get("m")), [])
                       if f.get("i") == arg.get("i") and f.get("keys") == arg.get("keys")]
                if not fwd:
                    continue
                function = (arg.get("recv") or {}).get("k") == "function"
                recv = self._eval(path, arg.get("recv"), None, 0) if arg.get("recv") is not None and not function \
                    else None
                classes = {(v[1], v[2]) for v in recv or [] if v[0] in ("cls", "inst")}
                if function:
                    # `chat({ tools })`: the function of that name this file declares or imports
                    fwd = [(p, f) for p, f in fwd if f.get("cls") is None and self._imports(path, p)]
                elif classes:
                    fwd = [(p, f) for p, f in fwd if (p, f.get("cls")) in classes]
                else:
                    fwd = [(p, f) for p, f in fwd if f.get("cls") is not None]  # a receiver parr cannot tell
                if not fwd:
                    continue
                styles = {(f.get("framework"), f.get("style")) for _, f in fwd}
                framework, style = sorted(styles)[0] if len(styles) == 1 else ("unknown", "forwarded_tools")
                members = {f.get("member") or "name" for _, f in fwd}
                out.setdefault(path, []).append({
                    "line": arg.get("line"), "call": arg.get("call"), "source": arg.get("source"),
                    "member": members.pop() if len(members) == 1 else "*",
                    "reason": "tools handed to a model through a project function parr cannot follow",
                    "framework": framework, "style": style, "handlers": None})
        return out

    def _imports(self, path: str, target: str) -> bool:
        """`path` imports a module that is (or re-exports) `target`, or is it."""
        return path == target or path in self._importers_of(target)

    def handlers(self, path: str, desc: Desc) -> Any:
        if not isinstance(desc, dict):
            return None
        if desc.get("k") == "each":  # one body for every tool of the loop
            return _Each(desc.get("effects") or {})
        if desc.get("k") == "here":
            return desc.get("map")
        if desc.get("k") == "imp":
            found = self._export(path, desc, "handler_maps")
            return found[1] if found else None
        return None

    def run(self, sites: list) -> dict[int, dict]:
        """Sites for the loops that do not resolve; for those that do, the handler effects per candidate
        (by the candidate's id)."""
        from parr.scan.model import UnresolvedSite

        extra: dict[int, dict] = {}
        record_sites: set[tuple[str, int]] = set()
        forwarded = self.forwarded()
        for path in sorted(self.r.facts):
            for loop in (self.r.facts[path].get("loop_sites") or []) + forwarded.get(path, []):
                member = loop.get("member") or "name"
                found = self.tools(path, loop.get("source"), member=member)
                if found and member != "*" and any(not names.get("*") and names.get(member) != cand.get("name")
                                                   for _, cand, names in found):
                    found = None  # the loop registers another field than the one parr named the tool by
                if found is None:
                    sites.append(UnresolvedSite(file=path, line=max(1, int(loop.get("line") or 1)),
                                                call=str(loop.get("call") or ""), reason=str(loop.get("reason") or "")))
                    continue
                for opath, at, names in self.objects:
                    # a record the loop registers whose name parr cannot read: a site where it is written
                    if (opath, at) not in record_sites:
                        record_sites.add((opath, at))
                        sites.append(UnresolvedSite(file=opath, line=max(1, int(at or 1)),
                                                    call=f"{{ {member}: ... }} registered by {loop.get('call') or ''}"[:140],
                                                    reason="tool name made at run time"))
                handlers = self.handlers(path, loop.get("handlers")) or {}
                for _, cand, _ in found:
                    h = dict(handlers.get(cand.get("name")) or {})
                    if loop.get("framework") and (cand.get("framework") or "unknown") == "unknown" and \
                            "framework" not in extra.get(id(cand), {}):
                        # a definition with no framework of its own is a tool of the one that registers it
                        h["framework"], h["style"] = loop["framework"], loop["style"]
                    if cand.get("wrapper"):
                        # a record made by a call of a project function (`defineTool({...})`) that this loop
                        # registers: a tool whatever that function does with it
                        h["registered"] = True
                    if h or cand.get("loop_only"):
                        extra.setdefault(id(cand), {}).update(h)
        return extra


def with_handler(cand: dict[str, Any], h: dict[str, Any]) -> dict[str, Any]:
    """A definition's candidate with what its handler does: effects, capabilities, and untyped when
    a raw SQL/code/command field of the input reaches an executing sink."""
    out = dict(cand)
    if h.get("framework"):
        out["framework"], out["style"] = h["framework"], h["style"]
    for key in ("strong", "medium", "weak"):
        out[key] = list(dict.fromkeys(list(cand.get(key) or []) + list(h.get(key) or [])))
    out["caps"] = sorted(set(cand.get("caps") or []) | set(h.get("caps") or []))
    raw = [f for f in h.get("executed") or [] if _RAW_NAME.search(f)]
    if out.get("typed") is not False and (raw or "sql" in (h.get("caps") or [])):
        # The definition's schema is declared elsewhere, so its fields are not known here: a raw
        # code/SQL/command input reaching a sink, or SQL built from the input (capability "sql"), is untyped.
        out["typed"] = False
        out["typed_evidence"] = [f"raw string '{raw[0]}' is executed or interpreted (in its handler)" if raw
                                 else "model-supplied SQL is executed (in its handler)"]
    return out


_RAW_NAME = re.compile(r"(?i)sql|code|command|cmd|script|statement|expression|program|shell")


def function_object(det: "Detector", obj: Node, name_node: Node) -> None:
    """An OpenAI-format tool (`{ type: "function", function: { name: t.method, ... } }`) built in a
    `.map`/`.forEach` callback with a name parr cannot read: a site (or the loop's definitions)."""
    fn = obj.parent
    while fn is not None and fn.type not in FUNCTION_TYPES:
        fn = fn.parent
    call = fn.parent.parent if fn is not None and fn.parent is not None and fn.parent.type == "arguments" else None
    callee = unwrap(call.child_by_field_name("function")) if call is not None and call.type == "call_expression" \
        else None
    if callee is None or callee.type != "member_expression" or \
            text(callee.child_by_field_name("property")) not in ("map", "flatMap", "forEach"):
        return
    if _from_caller(det, callee.child_by_field_name("object")):
        # a converter of tools it is given (`request.tools.map(...)`): read where the caller builds them (a named
        # function or method doing so is a model call of its own: `forwarder`)
        forwarder(det, callee.child_by_field_name("object"), "openai", "openai.raw_function_schema")
        return
    det._unread(obj, "tool name made at run time", f"{{ type: \"function\", name: {text(name_node)[:60]} }}")


def forwarder(det: "Detector", node: Node | None, framework: str, style: str, member: str = "name") -> None:
    """`input.tools` (or a parameter itself) handed to a model call's tools inside a named function or a class's
    method: that function forwards its callers' tools to the model, so its calls with a `tools:` argument are
    registrations (read in the project phase, `ProjectLoops.forwarded`). Recorded as the function's name, its
    class, the parameter's position and the keys read from it."""
    node = unwrap(node)
    keys: list[str] = []
    for _ in range(6):
        if node is not None and node.type == "binary_expression" and \
                text(node.child_by_field_name("operator")) in ("??", "||"):
            node = unwrap(node.child_by_field_name("left"))
        elif node is not None and node.type == "member_expression":
            prop = node.child_by_field_name("property")
            keys.insert(0, text(prop) if prop is not None else "")
            node = unwrap(node.child_by_field_name("object"))
        else:
            break
    if node is None or node.type != "identifier" or len(keys) > 1:
        return
    b = det.ctx.lookup(node, text(node))
    if b is None or b.kind != "param" or b.node is None:
        return
    fn = _owner_function(b.node)
    i = _param_index(fn, text(node))
    if fn is None or i is None:
        return
    cls_name = None
    if fn.type == "method_definition":
        body = fn.parent
        cls = body.parent if body is not None and body.type == "class_body" else None
        name = cls.child_by_field_name("name") if cls is not None else None
        if name is None:
            return
        cls_name = text(name)
        key = fn.child_by_field_name("name")
        fname = text(key) if key is not None else None
    else:
        from parr.scan.typescript.detect import _function_name

        fname = _function_name(fn)
    if not fname:
        return
    # (`member`: the field the model sees as each tool's name, "*" when the records are handed over as they are)
    entry = {"m": fname, "cls": cls_name, "i": i, "keys": keys, "framework": framework, "style": style,
             "member": member}
    forwards = det.__dict__.setdefault("forwards", [])
    if entry not in forwards and len(forwards) < 50:
        forwards.append(entry)


_TOOLS_ARG_QUERY = """
(call_expression arguments: (arguments (object [(pair key: (property_identifier) @k value: (_) @v)
                                                (shorthand_property_identifier) @s]))) @c
"""


def tools_args(det: "Detector") -> list[dict[str, Any]]:
    """`x.generate({ messages, tools: list })`, `chat({ tools })`: a `tools` entry of an object given to a call
    that no framework this file imports makes. The project phase keeps those whose function or method forwards
    its parameter's tools to a model (`forwarder`): there the list is handed to the model."""
    from parr.scan.typescript.frameworks import framework_of

    out: list[dict[str, Any]] = []
    seen: set[int] = set()
    for node in _captures(det, det.ctx.root, _TOOLS_ARG_QUERY, "c"):
        if node.id in seen:
            continue
        seen.add(node.id)
        callee = unwrap(node.child_by_field_name("function"))
        if callee is None:
            continue
        root = callee
        while root is not None and root.type in ("member_expression", "call_expression"):
            root = unwrap(root.child_by_field_name("object") if root.type == "member_expression"
                          else root.child_by_field_name("function"))
        if root is not None and root.type == "identifier":
            b = det.ctx.lookup(root, text(root))
            if b is not None and b.kind == "import" and framework_of(b.module) is not None:
                continue  # the framework's own call: read by its rules
        if callee.type == "member_expression":
            method = text(callee.child_by_field_name("property"))
            recv_node = unwrap(callee.child_by_field_name("object"))
            recv = (_this(recv_node) if recv_node is not None and recv_node.type == "this"
                    else describe(det, recv_node)) if recv_node is not None else None
        elif callee.type == "identifier":
            method, recv = text(callee), {"k": "function"}
        else:
            continue
        for i, arg in enumerate(args_of(node)):
            obj = unwrap(arg)
            if obj is None or obj.type != "object":
                continue
            for entry in obj.named_children:
                if entry.type == "pair" and text(entry.child_by_field_name("key")) == "tools":
                    value = entry.child_by_field_name("value")
                elif entry.type == "shorthand_property_identifier" and text(entry) == "tools":
                    value = entry
                else:
                    continue
                out.append({"m": method, "i": i, "keys": ["tools"], "line": entry.start_point[0] + 1,
                            "call": f"{method}({{ tools: {' '.join(text(value).split())[:60]} }})",
                            "recv": recv, "source": describe(det, value)})
        if len(out) >= 100:
            break
    return out


def _from_caller(det: "Detector", node: Node | None, depth: int = 0) -> bool:
    """The value comes from a parameter or the instance (`options.tools`, `(request.tools ?? [])`,
    `this.tools`, or a local made from them): tools someone else made."""
    node = unwrap(node)
    if node is None or depth > 6:
        return False
    if node.type == "binary_expression":
        return _from_caller(det, node.child_by_field_name("left"), depth + 1)
    if node.type == "array":
        parts = [c.named_children[0] if c.type == "spread_element" and c.named_children else c
                 for c in node.named_children if c.type != "comment"]
        return bool(parts) and all(_from_caller(det, p, depth + 1) for p in parts)
    while node is not None and node.type in ("member_expression", "subscript_expression", "call_expression"):
        inner = node.child_by_field_name("object") if node.type != "call_expression" else \
            node.child_by_field_name("function")
        node = unwrap(inner)
    if node is None:
        return False
    if node.type == "this":
        return True
    if node.type != "identifier":
        return False
    b = det.ctx.lookup(node, text(node))
    if b is None:
        return False
    if b.kind == "param":
        return True
    return b.kind in ("var", "default") and b.node is not None and _from_caller(det, b.node, depth + 1)


def _returned(cb: Node) -> Node | None:
    """What a callback returns: its expression body, or its one `return` value."""
    body = unwrap(cb.child_by_field_name("body"))
    if body is not None and body.type == "statement_block":
        rets = [c for c in body.named_children if c.type == "return_statement"]
        return unwrap(rets[0].named_children[0]) if len(rets) == 1 and rets[0].named_children else None
    return body


def _factory_of(det: "Detector", call: Node | None) -> tuple[str, Any] | None:
    """(framework, factory) of a call of a framework's tool factory imported here (`tool({...})`)."""
    from parr.scan.typescript.frameworks import BY_ID, framework_of

    call = unwrap(call)
    if call is None or call.type != "call_expression":
        return None
    callee = unwrap(call.child_by_field_name("function"))
    if callee is None or callee.type != "identifier":
        return None
    b = det.ctx.lookup(callee, text(callee))
    fw = framework_of(b.module) if b is not None and b.kind == "import" else None
    spec = BY_ID.get(fw) if fw else None
    factory = next((f for f in spec.factories if f.function == (b.imported or text(callee))), None) if spec else None
    return (fw, factory) if factory is not None else None


def mapped_factories(det: "Detector", call: Node, site: dict[str, Any]) -> bool:
    """`Object.fromEntries(defs.map(t => [t.name, tool({ ... })]))` or `defs.map(t => tool({ name: t.name, ... }))`
    given as tools: one tool per definition walked, each with the callback's body. A loop fact, as for
    registration loops; False when the call has another shape."""
    node = unwrap(call)
    callee = unwrap(node.child_by_field_name("function")) if node is not None and node.type == "call_expression" \
        else None
    if callee is not None and callee.type == "member_expression" and text(callee) == "Object.fromEntries":
        args = args_of(node)
        node = unwrap(args[0]) if args else None
        callee = unwrap(node.child_by_field_name("function")) if node is not None and \
            node.type == "call_expression" else None
    if callee is None or callee.type != "member_expression" or \
            text(callee.child_by_field_name("property")) not in ("map", "flatMap"):
        return False
    args = args_of(node)
    cb = unwrap(det.ctx.value_node(args[0])) if args else None
    params = function_params(cb) if cb is not None and cb.type in FUNCTION_TYPES else []
    pat = param_pattern(params[0]) if params else None
    if pat is None or pat.type != "identifier":
        return False
    value = _returned(cb)
    key = None
    if value is not None and value.type == "array" and len(value.named_children) == 2:
        key, value = value.named_children
    made = _factory_of(det, value)
    if made is None:
        return False
    framework, factory = made
    config = unwrap(args_of(unwrap(value))[factory.config_arg]) if len(args_of(unwrap(value))) > factory.config_arg \
        else None
    entries = object_entries(config) if config is not None and config.type == "object" else {}
    name_expr = key if key is not None else next(
        (entry_value(entries[k]) for k in factory.name_keys if k in entries), None)
    root = _name_root(name_expr)
    if root is None or text(root) != text(pat):
        return False
    source = describe(det, callee.child_by_field_name("object"))
    if source is None:
        return False
    handler = next((det.ctx.value_node(entry_value(entries[k])) for k in factory.handler_keys if k in entries), None)
    eff = fx.analyze(det.ctx, handler) if handler is not None and handler.type in FUNCTION_TYPES else fx.Effects()
    each = {"strong": eff.strong[:8], "medium": eff.medium[:4], "weak": eff.weak[:8], "caps": sorted(eff.caps),
            "executed": sorted(eff.executed)[:50]}
    det.loop_sites.append(dict(site, source=source, handlers={"k": "each", "effects": each},
                               framework=framework, style=factory.style, member=_member(det, name_expr)))
    return True
