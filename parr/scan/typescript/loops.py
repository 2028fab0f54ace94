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
    FUNCTION_TYPES, args_of, captures, entry_value, function_params, iter_descendants, object_entries, param_pattern,
    text, unwrap,
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
            value = det.ctx.string_value(entry_value(entry))
            if isinstance(value, str):
                names[key] = value
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
    `fn` is the function being summarised: its parameters become {"k": "param"} slots."""
    node = unwrap(node)
    if node is None or depth > _MAX_DEPTH:
        return None
    t = node.type
    if t in ("null", "undefined"):
        return {"k": "union", "of": []}  # adds no tool
    if t == "object":
        # `{ ...tool, description }` with `tool` a parameter: that definition, changed (its name kept
        # unless the literal sets one)
        keys = set(object_entries(node))
        for c in node.named_children:
            inner = unwrap(c.named_children[0]) if c.type == "spread_element" and c.named_children else None
            if inner is not None and inner.type == "identifier" and fn is not None and \
                    not keys & {"name", "method"} and _param_index(fn, text(inner)) is not None:
                return {"k": "param", "i": _param_index(fn, text(inner))}
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
    if t in ("identifier", "shorthand_property_identifier"):
        b = det.ctx.lookup(node, text(node))
        if b is None:
            return None
        if b.kind == "import":
            ref = _import_ref(det, node)
            return dict(ref, k="imp") if ref else None
        if b.kind == "param":
            i = _param_index(fn, text(node))
            return {"k": "param", "i": i} if i is not None else None
        if b.kind in ("var", "default") and b.node is not None:
            if b.node.id in seen:
                return {"k": "union", "of": []}  # `x = x.filter(...)`: what x already holds
            inner_seen = seen | {b.node.id}
            return _union([describe(det, v, fn, depth + 1, inner_seen)
                           for v in [b.node, *_assigned(det, node, b.node), *_pushed(det, node, b.node)]])
        if b.kind == "function" and b.node is not None:
            return _summary(det, b.node, depth + 1)
        return None
    if t == "member_expression" or t == "subscript_expression":
        # DEFS[0], defs.items: an element or a part of a described value is no more than the whole
        obj = unwrap(node.child_by_field_name("object"))
        return describe(det, obj, fn, depth + 1, seen) if obj is not None and obj.type in ("identifier",) and \
            t == "subscript_expression" else None
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
            receiver = callee.child_by_field_name("object")
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
            return None
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
            arg_descs = [describe(det, a, fn, depth + 1, seen) for a in args]
            if b.kind == "import":
                ref = _import_ref(det, callee)
                return dict(ref, k="call", args=arg_descs) if ref else None
            target = b.node if b.kind in ("function", "var", "default") else None
            target = unwrap(target)
            if target is not None and target.type in FUNCTION_TYPES:
                summary = _summary(det, target, depth + 1)
                return {"k": "apply", "fn": summary, "args": arg_descs} if summary is not None else None
        return None
    return None


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


def registration_site(det: "Detector", call: Node, site: dict[str, Any]) -> bool:
    """A registration whose name is a loop variable's field: keep it as a loop fact (with the source it
    walks and the handler map it calls) for the project phase. False when the name is not such."""
    if call.type == "call_expression":
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
            continue
        if decl.type == "function_declaration":
            name = decl.child_by_field_name("name")
            d = _summary(det, decl, 0) if _small(decl) else None
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
                fns = sum(1 for e in object_entries(raw).values()
                          if e.type == "method_definition" or unwrap(entry_value(e)) is not None
                          and unwrap(entry_value(e)).type in FUNCTION_TYPES)
                if fns >= 2:
                    maps[text(name)] = handler_effects(det, raw)
                continue
            if raw.type in ("array", "call_expression", "identifier") or raw.type in FUNCTION_TYPES:
                d = (_summary(det, raw, 0) if _small(raw) else None) if raw.type in FUNCTION_TYPES \
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
    """Follows the loop facts of every file across the project (see the module docstring)."""

    def __init__(self, resolver: Any):
        self.r = resolver
        self._busy: set[tuple[str, str]] = set()

    def _export(self, path: str, ref: dict[str, Any], kind: str) -> tuple[str, Any] | None:
        target = self.r.module_path(path, ref.get("module") or "")
        o = self.r.origin(target, ref.get("name") or "") if target else None
        if o is None:
            return None
        found = (self.r.facts_of(o[0]).get(kind) or {}).get(o[1])
        return (o[0], found) if found is not None else None

    def tools(self, path: str, desc: Desc, args: list[tuple[str, Desc, Any]] | None = None,
              depth: int = 0) -> list[tuple[str, dict]] | None:
        """The tool candidates a source stands for: [(file, candidate, its name fields)], or None when any part of it is
        not a definition parr read (fail closed: the loop's site stays)."""
        if not isinstance(desc, dict) or depth > 24:
            return None
        k = desc.get("k")
        if k == "lines":
            lo, hi = desc.get("lo") or 0, desc.get("hi") or 0
            names = desc.get("names") or {}
            found = [(path, c, names) for c in self.r.facts_of(path).get("tools") or []
                     if lo <= int(c.get("line") or 0) <= hi and not c.get("handoff") and c.get("name")]
            return found or None
        if k == "union":
            out = []
            for part in desc.get("of") or []:
                got = self.tools(path, part, args, depth + 1)
                if got is None:
                    return None
                out.extend(got)
            return out
        if k == "elem":
            return [("", {"elem": True}, {})]
        if k == "map":
            fn = desc.get("fn")
            each = self.tools(path, fn.get("ret"), [(path, {"k": "elem"}, None)], depth + 1) if isinstance(fn, dict) \
                else None
            if each is None or not all(c.get("elem") for _, c, _ in each):
                return None  # the callback makes new values: not the definitions themselves
            return self.tools(path, desc.get("recv"), args, depth + 1)
        if k == "param":
            i = desc.get("i")
            if args is None or not isinstance(i, int) or i >= len(args):
                return None
            apath, adesc, aenv = args[i]
            return self.tools(apath, adesc, aenv, depth + 1)
        if k == "imp":
            key = (path, str(desc.get("module")) + "#" + str(desc.get("name")))
            if key in self._busy:
                return None
            self._busy.add(key)
            try:
                found = self._export(path, desc, "lists")
                return self.tools(found[0], found[1], None, depth + 1) if found else None
            finally:
                self._busy.discard(key)
        if k in ("call", "apply"):
            if k == "call":
                found = self._export(path, desc, "lists")
                if found is None:
                    return None
                fpath, fn = found
            else:
                fpath, fn = path, desc.get("fn")
            if not isinstance(fn, dict) or fn.get("k") != "fn":
                return None
            call_args = [(path, a, args) for a in desc.get("args") or []]
            return self.tools(fpath, fn.get("ret"), call_args, depth + 1)
        return None

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
        for path in sorted(self.r.facts):
            for loop in self.r.facts[path].get("loop_sites") or []:
                found = self.tools(path, loop.get("source"))
                member = loop.get("member") or "name"
                if found and any(names.get(member) != cand.get("name") for _, cand, names in found):
                    found = None  # the loop registers another field than the one parr named the tool by
                if not found:
                    sites.append(UnresolvedSite(file=path, line=max(1, int(loop.get("line") or 1)),
                                                call=str(loop.get("call") or ""), reason=str(loop.get("reason") or "")))
                    continue
                handlers = self.handlers(path, loop.get("handlers")) or {}
                for _, cand, _ in found:
                    h = dict(handlers.get(cand.get("name")) or {})
                    if loop.get("framework") and (cand.get("framework") or "unknown") == "unknown" and \
                            "framework" not in extra.get(id(cand), {}):
                        # a definition with no framework of its own is a tool of the one that registers it
                        h["framework"], h["style"] = loop["framework"], loop["style"]
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
        return  # a converter of tools it is given (`request.tools.map(...)`): read where the caller builds them
    det._unread(obj, "tool name made at run time", f"{{ type: \"function\", name: {text(name_node)[:60]} }}")


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
