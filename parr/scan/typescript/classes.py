"""Tool classes: a registration in a base-class method reading `this.<member>` makes each concrete subclass a tool.

The base (`abstract class ToolBase { register(server) { server.registerTool(this.name, { description:
this.description, inputSchema: this.argsShape }, this.invoke.bind(this)) } }`) says which members carry the
name, description and schema and which method handles a call; each concrete class below it, in any file of
the project and however deep, supplies them: a field (instance or static), a getter returning a literal, a
`super({ name: ... })` call, or a value the project's own construction sites inject
(`new ToolClass({ name: ToolClass.toolName })` fed to a constructor doing `this.name = name`).

Phase 1 (`file_facts`) records every class with a base or a `this.`-registration, with its readable members
and, per method, its effects and the `this.` methods it calls. Phase 2 (`resolve`) walks the hierarchy over
the whole project. A concrete subclass whose name cannot be read is a site, never silent; so is a
registering base no concrete subclass of which is found. Whether a subclass's `register` is ever called is
not asked: parr cannot prove it is not, and a tool class in the project is written to be registered.
"""

from __future__ import annotations

import re
from typing import Any

from tree_sitter import Node, QueryCursor

from parr.scan.typescript import effects as fx
from parr.scan.typescript.frameworks import framework_of
from parr.scan.typescript.nodes import (
    captures, args_of, entry_value, function_params, is_function, iter_descendants, line, member_chain, object_entries,
    param_pattern, query, text, unwrap,
)
from parr.scan.typescript.schema import analyze_schema
from parr.scan.typescript.values import FileCtx

try:
    import re2 as _fast  # google-re2: linear time on the byte screens below, as in parr.scan.prefilter
except ImportError:  # pragma: no cover - a platform without a wheel
    _fast = re

# Registrations parr knows whose arguments can be read positionally or as one object.
_POSITIONAL = {"registerTool": "mcp_ts.registerTool", "tool": "mcp_ts.tool"}
_OBJECT = frozenset({"registerTool", "addTool", "tool"})
_TEXT_MEMBERS = frozenset({"name", "toolName", "title", "description", "id", "label"})
_CLASS_TYPES = ("class_declaration", "abstract_class_declaration", "class")
_MAX_CLASSES = 400
_MAX_DEPTH = 12
STYLE = "tool_class"


def _top_level_classes(root: Node) -> list[Node]:
    """The classes a module declares at its top level (exported or not); a class declared inside a
    function is not a tool class parr follows."""
    out: list[Node] = []
    for stmt in root.named_children:
        node = stmt
        if stmt.type == "export_statement":
            node = stmt.child_by_field_name("declaration") or next(
                (c for c in stmt.named_children if c.type in _CLASS_TYPES), None)
        if node is not None and node.type in ("class_declaration", "abstract_class_declaration"):
            out.append(node)
            if len(out) >= _MAX_CLASSES:
                break
    return out


def _this_member(node: Node | None) -> str | None:
    """`x` for `this.x` (also `this.x.bind(this)`), else None."""
    node = unwrap(node)
    if node is None:
        return None
    chain = member_chain(node)
    if len(chain) == 2 and chain[0] == "this":
        return chain[1]
    if len(chain) == 4 and chain[0] == "this" and chain[2] == "bind" and chain[3] == "()":
        return chain[1]
    return None


def _value(ctx: FileCtx, node: Node | None, schema: bool = True) -> dict[str, Any] | None:
    """A member's value as a fact: a string, a reference to another file's constant, or a schema."""
    node = unwrap(node)
    if node is None:
        return None
    static = _class_static(ctx, node)
    if static is not None:
        node = static  # super(ReadFileTool.Name, ...): the static field of a class of this file
    v = ctx.string_value(node)
    if isinstance(v, str):
        return {"s": v[:2000]}
    if isinstance(v, dict):
        return {"ref": v}
    if node.type == "template_string":
        loose = ctx.loose_string(node)  # `... ${x} ...`: good enough for a description, never a name
        return {"loose": loose[:2000]} if loose else {"unread": text(node)[:60]}
    if not schema:
        return {"unread": text(node)[:60], "node": node}
    resolved = ctx.value_node(node)
    if resolved is not None and resolved.type in ("object", "call_expression"):
        info = analyze_schema(ctx, resolved)
        if info.declared and info.kind != "none":
            return {"schema": {"kind": info.kind, "typed": info.typed, "evidence": list(info.evidence)[:4],
                               "fields": dict(list((info.fields or {}).items())[:60])}}
    return {"unread": text(node)[:60]}


def _class_static(ctx: FileCtx, node: Node) -> Node | None:
    """The value of `C.member` where C is a top-level class of this file declaring `static member = value`."""
    if node.type != "member_expression":
        return None
    chain = member_chain(node)
    if len(chain) != 2:
        return None
    b = ctx.lookup(node, chain[0])
    if b is None or b.kind != "class" or b.node is None:
        return None
    body = b.node.child_by_field_name("body")
    for member in (body.named_children if body is not None else []):
        if member.type in ("public_field_definition", "field_definition") and \
                any(c.type == "static" for c in member.children):
            k = member.child_by_field_name("name") or member.child_by_field_name("property")
            if k is not None and text(k) == chain[1]:
                return unwrap(member.child_by_field_name("value"))
    return None


def _returned_classes(ctx: FileCtx, fn: Node) -> list[dict[str, Any]]:
    """The classes a method returns a fresh instance of (`return new ReadFileInvocation(...)`, a
    `createInvocation`-style factory): by name, with the module an imported one comes from."""
    out: list[dict[str, Any]] = []
    body = fn.child_by_field_name("body")
    for node in iter_descendants(body, 20_000) if body is not None else ():
        if node.type != "return_statement" or not node.named_children:
            continue
        value = unwrap(node.named_children[0])
        if value is None or value.type != "new_expression":
            continue
        ctor = unwrap(value.child_by_field_name("constructor"))
        if ctor is None or ctor.type != "identifier":
            continue
        name = text(ctor)
        entry: dict[str, Any] = {"cls": name}
        b = ctx.lookup(ctor, name)
        if b is not None and b.kind == "import":
            entry["module"] = b.module
            entry["imported"] = b.imported
        elif b is None or b.kind != "class":
            continue  # a parameter or a variable: not a class parr can name
        if entry not in out:
            out.append(entry)
        if len(out) >= 4:
            break
    return out


def _getter_value(ctx: FileCtx, method: Node) -> dict[str, Any] | None:
    body = method.child_by_field_name("body")
    returns = [c for c in (body.named_children if body is not None else []) if c.type == "return_statement"]
    if len(returns) != 1 or not returns[0].named_children:
        return {"unread": "getter"}
    return _value(ctx, returns[0].named_children[0])


def _own_calls_and_reads(fn: Node, grammar: str) -> tuple[list[str], list[str]]:
    """The `this.m(...)` methods a method calls and the `this.f` members it reads."""
    calls: list[str] = []
    reads: list[str] = []
    # In source order: the first method reached gives the first evidence in the scan output.
    for node in captures(grammar, fn, "(member_expression object: (this) property: (property_identifier)) @m", "m",
                         1 << 12):
        prop = text(node.child_by_field_name("property"))
        parent = node.parent
        called = parent is not None and parent.type == "call_expression" and \
            parent.child_by_field_name("function") == node
        bound = parent is not None and parent.type == "member_expression" and \
            text(parent.child_by_field_name("property")) in ("bind", "call", "apply")
        target = calls if called or bound else reads
        if prop not in target and prop != "constructor":
            target.append(prop)
    return calls[:40], reads[:40]


def _effects(ctx: FileCtx, fn: Node, calls_out: bool = False) -> dict[str, Any]:
    eff = fx.analyze(ctx, fn)
    out: dict[str, Any] = {}
    if calls_out and eff.imports:
        out["imports"] = eff.imports[:10]  # project functions of other files it calls (followed by resolve)
    for k, n in (("strong", 8), ("medium", 4), ("weak", 8)):
        vals = list(getattr(eff, k))[:n]
        if vals:
            out[k] = vals
    if eff.caps:
        out["caps"] = sorted(eff.caps)
    if eff.executed:
        out["executed"] = sorted(eff.executed)[:30]
    if eff.query_docs:
        out["query_docs"] = sorted(eff.query_docs)[:30]
    return out


def _constructor_facts(ctx: FileCtx, method: Node, fact: dict[str, Any]) -> None:
    """What `super(...)` passes and which members the constructor sets from which parameter."""
    params = function_params(method)
    by_name: dict[str, dict[str, Any]] = {}
    for i, p in enumerate(params[:8]):
        pat = param_pattern(p)
        if pat is None:
            continue
        if pat.type == "identifier":
            by_name[text(pat)] = {"index": i}
            if any(c.type in ("accessibility_modifier", "readonly", "override_modifier") for c in p.children):
                # constructor(readonly name: string): a parameter property sets this.name itself
                fact.setdefault("ctor_sets", {})[text(pat)] = {"index": i}
        elif pat.type == "object_pattern" and i == 0:
            for el in pat.named_children:
                if el.type == "shorthand_property_identifier_pattern":
                    by_name[text(el)] = {"key": text(el)}
                elif el.type == "pair_pattern":
                    k = el.child_by_field_name("key")
                    v = unwrap(el.child_by_field_name("value"))
                    if k is not None and v is not None and v.type == "identifier":
                        by_name[text(v)] = {"key": text(k)}
                elif el.type == "object_assignment_pattern":
                    left = el.child_by_field_name("left")
                    if left is not None:
                        by_name[text(left)] = {"key": text(left)}
    sets: dict[str, Any] = {}
    for node in iter_descendants(method, 20_000):
        if node.type == "assignment_expression":
            member = _this_member(node.child_by_field_name("left"))
            right = unwrap(node.child_by_field_name("right"))
            if member is None or right is None:
                continue
            if right.type == "identifier" and text(right) in by_name:
                sets[member] = by_name[text(right)]
            else:
                sets[member] = _value(ctx, right)
        elif node.type == "call_expression" and (fn := node.child_by_field_name("function")) is not None \
                and fn.type == "super" and "super" not in fact:
            args: list[Any] = []
            for a in args_of(node)[:8]:
                obj = ctx.value_node(a)
                if obj is not None and obj.type == "object":
                    entries = list(object_entries(obj).items())[:40]
                    arg = {"obj": {k: _value(ctx, entry_value(e)) for k, e in entries
                                   if entry_value(e) is not None}}
                    if args and any(k in ("type", "properties") for k, _ in entries):
                        # super(name, ..., { type: "object", properties: {...} }): a JSON schema, not options
                        sv = _value(ctx, obj)
                        if sv is not None and "schema" in sv:
                            arg["schema"] = sv["schema"]
                    args.append(arg)
                else:
                    args.append(_value(ctx, a))
            fact["super"] = args
    if sets:
        fact.setdefault("ctor_sets", {}).update(sets)


def _class_fact(ctx: FileCtx, cls: Node, registers: bool = False, effects: bool = True,
                every: bool = False) -> dict[str, Any] | None:
    from parr.scan.typescript.detect import class_heritage_base

    name_node = cls.child_by_field_name("name")
    if name_node is None:
        return None
    fact: dict[str, Any] = {"line": line(name_node)}
    if cls.type == "abstract_class_declaration":
        fact["abstract"] = True
    base_node = unwrap(class_heritage_base(cls))
    if base_node is not None:
        chain = member_chain(base_node)
        if not chain or "()" in chain or "?" in chain:
            fact["base"] = None  # a mixin or an expression: the hierarchy above is not followed
        else:
            fact["base"] = chain[-1]
            module = ctx.import_source(chain[0])
            if module is not None:
                fact["base_module"] = module
                imported = ctx.imports[chain[0]][1]
                if len(chain) == 1 and imported not in (chain[0], "*", "default"):
                    fact["base_imported"] = imported  # import { ToolBase as Base }
    body = cls.child_by_field_name("body")
    fields: dict[str, Any] = {}
    statics: dict[str, Any] = {}
    methods: dict[str, Any] = {}
    for member in (body.named_children if body is not None else []):
        if member.type in ("public_field_definition", "field_definition"):
            k = member.child_by_field_name("name") or member.child_by_field_name("property")
            value = member.child_by_field_name("value")
            if k is None or value is None:
                continue
            target = statics if any(c.type == "static" for c in member.children) else fields
            target[text(k)] = _value(ctx, value, schema=False)  # schemas below, for a class worth it
        elif member.type == "method_definition":
            k = member.child_by_field_name("name")
            if k is None:
                continue
            mname = text(k)
            if mname == "constructor":
                _constructor_facts(ctx, member, fact)
                continue
            if any(c.type == "get" for c in member.children):
                target = statics if any(c.type == "static" for c in member.children) else fields
                target[mname] = _getter_value(ctx, member)
                continue
            methods[mname] = member
    # What the methods do is read only for a class that may be a tool or a tool's base (their walk is the
    # cost here): abstract, or giving a tool's text (a name, title or description member, or a literal
    # passed to super). Other classes keep their calls, and a tool reaching one of their methods says so.
    analyse = every or registers or bool(fact.get("abstract")) or _super_gives_text(fact.get("super") or []) or any(
        _literal(v) for table in (fields, statics, fact.get("ctor_sets") or {}) for k, v in table.items()
        if k in _TEXT_MEMBERS)
    for table in (fields, statics):
        for k, v in table.items():
            if isinstance(v, dict) and "node" in v:
                table[k] = _value(ctx, v["node"]) if analyse else {"unread": v["unread"]}
    for mname, member in list(methods.items()):
        calls, reads = _own_calls_and_reads(member, ctx.grammar)
        # What a method does is read when a tool's handler reaches it (`extract_full` then reads this file
        # again with effects): most classes read here are no tool's, and that walk was the reader's cost.
        body = (_effects(ctx, member, every) if effects else {"lazy": True}) if analyse else {"unread": True}
        methods[mname] = {"calls": calls, "reads": reads, **body}
        made = _returned_classes(ctx, member) if every and b"new" in ctx.source else []
        if made:
            methods[mname]["returns_new"] = made
    for key, val in (("fields", fields), ("statics", statics), ("methods", methods)):
        if val:
            fact[key] = val
    return fact


def _literal(v: Any) -> bool:
    return isinstance(v, dict) and ("s" in v or "ref" in v or "loose" in v)


def _super_gives_text(args: list[Any]) -> bool:
    """super("run_shell", ...) or super({ name: "x", ... }): a literal a base may read a tool's text from."""
    for a in args:
        if _literal(a) or (isinstance(a, dict) and any(k in _TEXT_MEMBERS and _literal(v)
                                                        for k, v in (a.get("obj") or {}).items())):
            return True
    return False


def _registration(ctx: FileCtx, call: Node, frameworks: set[str]) -> dict[str, Any] | None:
    """The members a `this.`-registration reads: {"name", "description", "schema": [...], "handler", ...}."""
    fn = unwrap(call.child_by_field_name("function"))
    if fn is None or fn.type != "member_expression":
        return None
    prop = text(fn.child_by_field_name("property"))
    args = args_of(call)
    if not args:
        return None
    first = unwrap(args[0])
    out: dict[str, Any] = {"line": line(call), "call": " ".join(text(call).split())[:60]}
    if first is not None and first.type == "object" and prop in _OBJECT:
        entries = object_entries(first)
        name = _this_member(entry_value(entries["name"])) if "name" in entries else None
        if name is None:
            return None
        out["name"] = name
        cfg_entries = entries
        handler_node = entry_value(entries.get("execute") or entries.get("handler")) \
            if ("execute" in entries or "handler" in entries) else None
        out["framework"] = "openclaw" if "openclaw" in frameworks else "unknown"
        out["style"] = f"{out['framework']}.{prop}_class" if out["framework"] != "unknown" else f"{prop}_class"
    elif prop in _POSITIONAL and len(args) >= 2:
        name = _this_member(args[0])
        if name is None:
            return None
        out["name"] = name
        cfg = unwrap(args[1]) if prop == "registerTool" else None
        cfg_entries = object_entries(cfg) if cfg is not None and cfg.type == "object" else {}
        if prop == "tool":
            # server.tool(name, description?, schema?, annotations?, handler)
            middle = [unwrap(a) for a in args[1:-1]]
            for m in middle:
                mem = _this_member(m)
                if m is not None and m.type in ("string", "template_string"):
                    out.setdefault("description_value", _value(ctx, m))
                elif mem is not None and "description" not in out and len(middle) > 1:
                    out["description"] = mem
                elif "schema" not in out:
                    out["schema"] = [mem] if mem is not None else []
                    if mem is None and m is not None:
                        out["schema_value"] = _value(ctx, m)
        handler_node = args[-1] if len(args) >= 3 else None
        out["framework"] = "mcp-typescript-sdk"
        out["style"] = _POSITIONAL[prop] + "_class"
    else:
        return None
    if cfg_entries:
        d = entry_value(cfg_entries["description"]) if "description" in cfg_entries else None
        if d is not None:
            mem = _this_member(d)
            if mem is not None:
                out["description"] = mem
            else:
                out["description_value"] = _value(ctx, d)
        for key in ("inputSchema", "parameters", "schema", "input_schema"):
            if key in cfg_entries:
                s = unwrap(entry_value(cfg_entries[key]))
                mem = _this_member(s)
                if mem is not None:
                    out["schema"] = [mem]
                elif s is not None and s.type == "call_expression":
                    chain = member_chain(s.child_by_field_name("function"))
                    if len(chain) == 2 and chain[0] == "this":
                        out["schema_via"] = chain[1]  # this.buildSchema(): the members that method reads
                    else:
                        out["schema_value"] = _value(ctx, s)
                elif s is not None:
                    out["schema_value"] = _value(ctx, s)
                break
    handler_node = unwrap(handler_node)
    if handler_node is not None:
        mem = _this_member(handler_node)
        if mem is not None:
            out["handler"] = mem
        elif is_function(handler_node):
            calls, _ = _own_calls_and_reads(handler_node, ctx.grammar)
            out["handler_calls"] = calls
            out["handler_effects"] = _effects(ctx, handler_node)
    return out


def _enclosing_class(node: Node) -> Node | None:
    p = node.parent
    while p is not None:
        if p.type in _CLASS_TYPES:
            return p
        p = p.parent
    return None


_EXTENDS = _fast.compile(rb"\bclass\s+[\w$]+[^{;()]{0,200}?\sextends\s+([\w$]+)")
_CONSTRUCT = re.compile(rb"new\s+([\w$]+)\s*\(\s*\{[^;]{0,600}?[:,{]\s*\1\.[\w$]+")


_IMPORT = _fast.compile(rb"\bimport\s[^;'\"]*?from\s*['\"]([^'\"]+)['\"]")
_TEXT_OR_BASE = _fast.compile(
    rb"(?:^|[\s;{.])(?:name|toolName|title|description|id|label)\s*(?::[^=\n;]{0,120})?=\s*['\"`]"
    rb"|\bget\s+(?:name|toolName|title|description|id|label)\s*\("
    rb"|\bsuper\s*\(\s*['\"`{]|\babstract\s+class\b")


_CLASS_NAME = _fast.compile(rb"\bclass\s+([\w$]+)")
_IDENT = _fast.compile(rb"[\w$]+")
# The screen's last answer: the scanner asks before parsing a file for its classes, file_facts again after.
_last_screen: tuple[bytes, bool] = (b"", False)


def may_extend_project(source: bytes) -> bool:
    """A byte screen before parsing a file for its classes alone: whether some class extends a class this
    project may declare (one of this file, or an import from a module no framework or platform owns) and
    the file gives a tool's text (a literal name, title or description member, a literal to super) or is a
    base (abstract). A base bound any other way (require, a namespace)
    counts as possible. A tool class screened out leaves its registering base a site if it has no other."""
    global _last_screen
    if _last_screen[0] is source:
        return _last_screen[1]
    answer = _may_extend_project(source)
    _last_screen = (source, answer)
    return answer


def _may_extend_project(source: bytes) -> bool:
    if not _TEXT_OR_BASE.search(source):
        return False
    # One pass each for the classes declared here and the names each import binds (a regex built per base
    # name cost more than the rest of the screen).
    declared: set[bytes] | None = None
    imports: list[tuple[bytes, str]] | None = None
    for m in _EXTENDS.finditer(source):
        base = m.group(1)
        if declared is None:
            declared = {d.group(1) for d in _CLASS_NAME.finditer(source)}
        if base in declared:
            return True
        if imports is None:
            imports = [(i.group(0), i.group(1).decode("utf-8", "replace")) for i in _IMPORT.finditer(source)]
        module = next((mod for stmt, mod in imports
                       if base in stmt and any(w.group(0) == base for w in _IDENT.finditer(stmt))), None)
        if module is None:
            if b"require(" in source or b"import(" in source:
                return True
            continue  # a global: Error, Map, HTMLElement
        if framework_of(module) is None and ":" not in module:
            return True
    return False


# Only the registrations read below (matching every member call of a file cost more than reading them),
# and calls of a parenthesized callee (`(server.registerTool as Fn)(...)`), filtered once unwrapped.
_REG_QUERY = (
    "(call_expression function: (member_expression property: (property_identifier) @p (#any-of? @p "
    + " ".join(f'"{m}"' for m in sorted(_OBJECT | set(_POSITIONAL))) + "))) @c\n"
    "(call_expression function: (parenthesized_expression)) @c")


def file_facts(ctx: FileCtx, frameworks: set[str] | None = None, effects: bool = False,
               every: bool = False) -> dict[str, Any]:
    """{"tclasses": {name: fact}, "constructs": [{"key", "static"}]} for one file (empty when it has none);
    with `effects`, what each method does (else methods read are marked "lazy": see method_effects); with
    `every` (a file read again because a registered instance's class chain passes through it, instances.py),
    every top-level class, its methods' effects, the project functions they call and the classes they return."""
    out: dict[str, Any] = {}
    classes: dict[str, dict[str, Any]] = {}
    nodes: dict[str, Node] = {}
    src = ctx.source
    registers = b"this." in src and (b"registerTool" in src or b"addTool" in src or b"tool(" in src)
    wanted = b"class" in src and (every or registers or (_EXTENDS.search(src) is not None and may_extend_project(src)))
    for cls in _top_level_classes(ctx.root) if wanted else []:
        name_node = cls.child_by_field_name("name")
        if name_node is None or text(name_node) in nodes:
            continue
        nodes[text(name_node)] = cls
    if b"new " in ctx.source and _CONSTRUCT.search(ctx.source):
        constructs = _constructs(ctx)
        if constructs:
            out["constructs"] = constructs
    if not nodes:
        return out
    frameworks = frameworks if frameworks is not None else \
        {fw for fw in (framework_of(m) for m, _ in ctx.imports.values()) if fw}
    regs: dict[str, dict[str, Any]] = {}
    if registers:
        for call in captures(ctx.grammar, ctx.root, _REG_QUERY, "c", 1 << 16):
            fn = unwrap(call.child_by_field_name("function"))
            if fn is None or fn.type != "member_expression" or \
                    text(fn.child_by_field_name("property")) not in (_OBJECT | set(_POSITIONAL)):
                continue
            cls = _enclosing_class(call)
            cname = text(cls.child_by_field_name("name")) if cls is not None else ""
            if cname not in nodes or cname in regs:
                continue
            reg = _registration(ctx, call, frameworks)
            if reg is not None:
                regs[cname] = reg
    for cname, cls in nodes.items():
        if cname not in regs and not (every and _may_be_in_a_tool_chain(cls)) and \
                not _base_may_be_project(ctx, cls, nodes):
            continue
        fact = _class_fact(ctx, cls, cname in regs, effects, every)
        if fact is None:
            continue
        if cname in regs:
            fact["reg"] = regs[cname]
        classes[cname] = fact
    if classes:
        out["tclasses"] = classes
    return out


def _may_be_in_a_tool_chain(cls: Node) -> bool:
    """Whether a class may sit in the chain of a registered tool class (instances.py): it extends another, is
    abstract, or declares a `name` (a field, a constructor parameter property, `this.name = ...` in its
    constructor). A plain class with none of these (a service, the app's config) is read no further."""
    from parr.scan.typescript.detect import class_heritage_base

    if cls.type == "abstract_class_declaration" or class_heritage_base(cls) is not None:
        return True
    if any(c.type == "class_heritage" and b"LanguageModelTool" in (c.text or b"") for c in cls.children):
        return True  # `implements vscode.LanguageModelTool<T>`: VS Code's tool interface (vscode_lm.py)
    body = cls.child_by_field_name("body")
    for member in (body.named_children if body is not None else []):
        if member.type in ("public_field_definition", "field_definition"):
            k = member.child_by_field_name("name") or member.child_by_field_name("property")
            if k is not None and text(k) == "name":
                return True
        elif member.type == "method_definition" and text(member.child_by_field_name("name")) == "constructor":
            params = member.child_by_field_name("parameters")
            if params is not None and any(
                    any(c.type in ("accessibility_modifier", "readonly") for c in p.children)
                    and text(param_pattern(p)) == "name" for p in params.named_children):
                return True
            if b"this.name" in (member.text or b""):
                return True
    return False


def _base_may_be_project(ctx: FileCtx, cls: Node, local: dict[str, Node]) -> bool:
    """Whether the class extends one that may be declared in this project: a class of this file, or an
    import from a module no framework owns (a relative path, or a workspace package). A global (Error)
    or a framework's class ends the chain: no registering base of the project is above it."""
    from parr.scan.typescript.detect import class_heritage_base

    base = unwrap(class_heritage_base(cls))
    chain = member_chain(base) if base is not None else []
    if not chain or "()" in chain or "?" in chain:
        return False
    if len(chain) == 1 and chain[0] in local:
        return True
    module = ctx.import_source(chain[0])
    # "node:events", "cloudflare:workers", "bun:sqlite": a platform's module, never this project's
    return module is not None and framework_of(module) is None and ":" not in module


def _constructs(ctx: FileCtx) -> list[dict[str, str]]:
    """`new X({ key: X.staticField })`: the project injects a class's static field as the `key` constructor
    argument (X is a class or a variable holding one, as in a loop over tool classes)."""
    out: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()
    q = query(ctx.grammar, "(new_expression constructor: (identifier) @k arguments: (arguments (object) @o)) @n")
    for _, caps in QueryCursor(q, match_limit=1 << 14).matches(ctx.root):
        ctor = text(caps["k"][0])
        for k, entry in object_entries(caps["o"][0]).items():
            chain = member_chain(entry_value(entry))
            if len(chain) == 2 and chain[0] == ctor and (k, chain[1]) not in seen:
                seen.add((k, chain[1]))
                out.append({"key": k, "static": chain[1]})
    return out[:50]


# -- phase 2 ------------------------------------------------------------------------------------------------
def _is_project_module(module: str) -> bool:
    return module.startswith((".", "@/", "~/"))


class _Hierarchy:
    """The classes of the whole project and the chain of bases above each."""

    def __init__(self, resolver: Any):
        self.r = resolver
        self.by_name: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        for path in sorted(resolver.facts):
            for cname, cf in (resolver.facts[path].get("tclasses") or {}).items():
                self.by_name.setdefault(cname, []).append((path, cf))
        self._chains: dict[tuple[str, str], list[tuple[str, str, dict[str, Any]]]] = {}

    def cls(self, path: str, name: str) -> dict[str, Any] | None:
        return (self.r.facts_of(path).get("tclasses") or {}).get(name)

    def parent(self, path: str, cf: dict[str, Any]) -> tuple[str, str, dict[str, Any]] | None:
        base = cf.get("base")
        if not base:
            return None
        module = cf.get("base_module")
        if module is None:
            found = self.cls(path, base)
            return (path, base, found) if found is not None else None
        if _is_project_module(module):
            target = self.r.module_path(path, module)
            o = self.r.origin(target, cf.get("base_imported") or base) if target else None
            found = self.cls(o[0], o[1]) if o else None
            return (o[0], o[1], found) if found is not None else None
        if framework_of(module) is not None:
            return None
        # A workspace package of this repository (`@org/core`): the one class of that name declared here.
        named = self.by_name.get(cf.get("base_imported") or base) or []
        if len(named) != 1:
            return None
        return named[0][0], cf.get("base_imported") or base, named[0][1]

    def chain(self, path: str, name: str, cf: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
        k = (path, name)
        if k in self._chains:
            return self._chains[k]
        out = [(path, name, cf)]
        seen = {k}
        while len(out) < _MAX_DEPTH:
            up = self.parent(out[-1][0], out[-1][2])
            if up is None or (up[0], up[1]) in seen:
                break
            seen.add((up[0], up[1]))
            out.append(up)
        self._chains[k] = out
        return out


def _member(chain, member: str, statics: bool = False) -> tuple[dict[str, Any] | None, str | None]:
    """The value of a member, read from the subclass up: (value fact, file it sits in)."""
    for path, _, cf in chain:
        table = cf.get("statics" if statics else "fields") or {}
        if member in table and table[member] is not None:
            return table[member], path
        sets = cf.get("ctor_sets") or {}
        if not statics and isinstance(sets.get(member), dict) and not ({"key", "index"} & set(sets[member])):
            return sets[member], path
    return None, None


def _injected(chain, member: str, statics_by_key: dict[str, list[str]]) -> tuple[dict[str, Any] | None, str | None]:
    """A member a constructor sets from its parameters: what a subclass's `super(...)` passes, else the
    static field the project's construction sites pass under that key."""
    for i, (_, _, cf) in enumerate(chain):
        how = (cf.get("ctor_sets") or {}).get(member)
        if not isinstance(how, dict) or not ({"key", "index"} & set(how)):
            continue
        for path, _, below in chain[:i]:
            args = below.get("super")
            if not args:
                continue
            if "index" in how and how["index"] < len(args) and isinstance(args[how["index"]], dict) \
                    and ("s" in args[how["index"]] or "ref" in args[how["index"]]):
                return args[how["index"]], path
            if "key" in how and args and isinstance(args[0], dict):
                v = (args[0].get("obj") or {}).get(how["key"])
                if isinstance(v, dict) and ("s" in v or "ref" in v):
                    return v, path
        for static in statics_by_key.get(how.get("key") or "", []):
            v, where = _member(chain, static, statics=True)
            if v is not None:
                return v, where
        return None, None
    return None, None


def _string(resolver: Any, path: str | None, v: dict[str, Any] | None, loose: bool = False) -> str | None:
    if not v or path is None:
        return None
    if loose and "loose" in v:
        return v["loose"]
    if "s" in v:
        return v["s"]
    if "ref" in v:
        return resolver.value(path, v["ref"])
    return None


def _method(chain, name: str, resolver: Any = None) -> tuple[int, dict[str, Any]] | None:
    for i, (path, cname, cf) in enumerate(chain):
        m = (cf.get("methods") or {}).get(name)
        if m is not None:
            if m.get("lazy") and resolver is not None:
                m = {**m, **method_effects(resolver, path, cname, name)}
            return i, m
    return None


def method_effects(resolver: Any, path: str, cname: str, mname: str) -> dict[str, Any]:
    """What method `mname` of class `cname` in `path` does, read from the file's full facts (asked once
    per file); a method parr could not read again is unread, which the tool's evidence says."""
    cache = resolver.__dict__.setdefault("_class_effects", {})
    if path not in cache:
        reader = getattr(resolver, "class_facts", None)
        if reader is not None:
            facts = reader(path)
        else:
            loader = getattr(resolver, "full_facts", None)
            facts = loader(path) if loader is not None else None
        cache[path] = (facts or {}).get("tclasses") or {}
    m = ((cache[path].get(cname) or {}).get("methods") or {}).get(mname)
    if m is None or m.get("lazy") or m.get("unread"):
        return {"unread": True}
    return {k: v for k, v in m.items() if k in ("strong", "medium", "weak", "caps", "executed", "query_docs")}


def reached_methods(chain, start: list[str], limit: int, resolver: Any = None) -> list[tuple[int, dict[str, Any]]]:
    """(index in the chain, method facts) of the methods a call reaches from `start`, breadth first,
    dispatched on the chain's first class (a method of a nearer class overrides its base's); at most
    `limit` method names are looked up."""
    reached: list[tuple[int, dict[str, Any]]] = []
    seen: set[str] = set()
    todo = list(start)
    while todo and len(seen) < limit:
        name = todo.pop(0)
        if name in seen:
            continue
        seen.add(name)
        found = _method(chain, name, resolver)
        if found is None:
            continue
        reached.append(found)
        todo.extend(found[1].get("calls") or [])
    return reached


def _handler_effects(chain, reg: dict[str, Any], base_index: int, resolver: Any = None) -> dict[str, list[str]]:
    """Effects of the methods a call reaches from the handler, dispatched on the subclass: those defined
    below the registering base when it reaches any (the base's own plumbing, logging or telemetry, is
    the same for every tool), else everything reached (the base does the work)."""
    start = [reg["handler"]] if reg.get("handler") else list(reg.get("handler_calls") or [])
    reached = reached_methods(chain, start, 60, resolver)
    if any(m.get("unread") for _, m in reached):
        unread = {"weak": ["a method the handler reaches was not read (its class gives no tool text)"]}
        reached.insert(0, (0, unread))
    own = [m for i, m in reached if i < base_index]
    used = own if own else [m for _, m in reached] + ([reg["handler_effects"]] if reg.get("handler_effects") else [])
    out: dict[str, list[str]] = {"strong": [], "medium": [], "weak": [], "caps": [], "executed": [], "query_docs": []}
    for m in used:
        for k, vals in out.items():
            for e in m.get(k) or []:
                if e not in vals:
                    vals.append(e)
    return out


def resolve(resolver: Any, sites: list) -> list[tuple[str, dict[str, Any]]]:
    """Tool candidates (file, candidate) for every concrete subclass of a registering base; sites for
    those parr cannot name and for registering bases without one."""
    from parr.scan.model import UnresolvedSite

    if not any(any("reg" in c for c in (f.get("tclasses") or {}).values()) for f in resolver.facts.values()):
        return []
    h = _Hierarchy(resolver)
    statics_by_key: dict[str, list[str]] = {}
    for path in sorted(resolver.facts):
        for c in resolver.facts[path].get("constructs") or []:
            lst = statics_by_key.setdefault(c["key"], [])
            if c["static"] not in lst:
                lst.append(c["static"])
    out: list[tuple[str, dict[str, Any]]] = []
    used: set[tuple[str, str]] = set()
    for path in sorted(resolver.facts):
        for cname, cf in sorted((resolver.facts[path].get("tclasses") or {}).items()):
            chain = h.chain(path, cname, cf)
            base_index = next((i for i, (_, _, c) in enumerate(chain) if "reg" in c), None)
            if base_index is None or cf.get("abstract"):
                continue
            bpath, bname, bcf = chain[base_index]
            reg = bcf["reg"]
            nv, npath = _member(chain, reg["name"])
            if nv is None:
                nv, npath = _injected(chain, reg["name"], statics_by_key)
            name = _string(resolver, npath, nv)
            if base_index == 0 and name is None:
                continue  # a concrete registering class read through its subclasses, not itself
            used.add((bpath, bname))
            if name is None:
                sites.append(UnresolvedSite(file=path, line=max(1, int(cf.get("line") or 1)), call=f"class {cname}",
                                            reason=f"tool class (registered by {bname}) whose name parr cannot read"))
                continue
            out.append((path, _candidate(resolver, chain, reg, base_index, name, cf, path)))
    for path in sorted(resolver.facts):
        for cname, cf in sorted((resolver.facts[path].get("tclasses") or {}).items()):
            if "reg" in cf and (path, cname) not in used:
                reg = cf["reg"]
                sites.append(UnresolvedSite(file=path, line=max(1, int(reg.get("line") or 1)),
                                            call=reg.get("call") or "",
                                            reason=f"tool registered from the members of class {cname}; "
                                                   "no concrete subclass found"))
    return out


def _candidate(resolver: Any, chain, reg: dict[str, Any], base_index: int, name: str, cf: dict[str, Any],
               path: str) -> dict[str, Any]:
    desc = None
    if reg.get("description"):
        dv, dpath = _member(chain, reg["description"])
        if dv is None:
            dv, dpath = _injected(chain, reg["description"], {})
        desc = _string(resolver, dpath, dv, loose=True)
    elif reg.get("description_value"):
        desc = _string(resolver, chain[base_index][0], reg["description_value"], loose=True)
    eff = _handler_effects(chain, reg, base_index, resolver)
    members = list(reg.get("schema") or [])
    if reg.get("schema_via"):
        found = _method(chain, reg["schema_via"])
        members += list(found[1].get("reads") or []) if found else []
    schema, typed, tev = "none", True, ["no parameters"]
    declared = bool(members) or bool(reg.get("schema_value")) or bool(reg.get("schema_via"))
    sv = None
    for m in list(members):
        v, vpath = _member(chain, m)
        if v is not None and "schema" in v:
            sv = v["schema"]
            break
        if _literal(v) and reg.get("style") == "mcp_ts.tool_class" and desc is None:
            # server.tool(this.name, this.summary, handler): the one middle member is text, the description
            desc, declared = _string(resolver, vpath, v, loose=True), len(members) > 1 or bool(reg.get("schema_via"))
            members.remove(m)
    if sv is None and isinstance(reg.get("schema_value"), dict) and "schema" in reg["schema_value"]:
        sv = reg["schema_value"]["schema"]
    if sv is not None:
        schema, typed, tev = schema_verdict(sv, eff)
    elif declared:
        schema, typed, tev = "none", False, ["input schema in a class member parr could not read"]
    return {
        "name": name, "name_ref": None, "name_inferred": False, "bind": None, "line": cf.get("line") or 1,
        "framework": reg.get("framework") or "unknown", "style": reg.get("style") or STYLE, "schema": schema,
        "typed": typed, "typed_evidence": tev, "description": desc[:2000] if isinstance(desc, str) else None,
        "description_ref": None, "gates": [], "caps": eff["caps"], "annotations": {}, "strong": eff["strong"][:8],
        "medium": eff["medium"][:4], "weak": eff["weak"][:8], "kind_mutating": None, "extends": None,
    }


# Field types that declare no keys: a record, anything, a schema parr cannot read ("?"), an array of such stages.
_OPEN_TYPES = frozenset({"?", "record", "any", "unknown", "array"})


def open_query_field(fields: dict, query_docs: Any) -> str | None:
    """Evidence that a field declaring no keys is handed whole to a MongoDB query as its filter, update or pipeline:
    a free-form document the database interprets (MQL, as SQL text is), so the input is untyped; or None."""
    docs = set(query_docs)
    hit = next((f for f, t in fields.items() if t in _OPEN_TYPES and f in docs), None)
    return None if hit is None else f"free-form query document '{hit}' is interpreted by the database (MongoDB)"


def schema_verdict(sv: dict, eff: dict) -> tuple[str, bool, list[str]]:
    """(schema kind, typed, evidence) of a tool class's read schema: a string field its code executes (the
    only field, or one named like code or a query) makes it untyped."""
    from parr.scan.typescript.detect import _RAW_FIELDS

    schema, typed, tev = sv.get("kind") or "none", sv.get("typed") is not False, list(sv.get("evidence") or [])
    fields = sv.get("fields") or {}
    strings = [f for f, t in fields.items() if t in fx.EXECUTABLE_TYPES]
    raw = [f for f in strings if f in eff["executed"] and (len(fields) == 1 or f.lower() in _RAW_FIELDS)]
    query = open_query_field(fields, eff.get("query_docs") or ())
    if raw:
        typed, tev = False, [f"raw string '{raw[0]}' is executed or interpreted"]
    elif query:
        typed, tev = False, [query]
    elif not typed:
        tev = tev or ["untyped schema"]
    return schema, typed, tev
