"""Tool classes registered as instances: `registry.registerTool(new ReadFileTool(config))`, `tools: [new C()]`.

The class itself registers nothing: a registration hands an instance of it to a tool registry, and the class's
chain of bases says what the model sees. A base declares the tool interface when the chain gives a `name`, a
`description`, a schema member (`parameters`, `parameterSchema`, `inputSchema`, ... any member whose name ends
in `schema` or `parameters`) and a method that runs a call (a name with the word execute, invoke, run, call or
handle: `execute`, `buildAndExecute`, `_call`). The tool is then:

- named by the `name` member as the subclass supplies it: a field, a static, a getter, or the argument of
  `super(...)` in the position (or under the key) the base's constructor stores as `name`
  (`constructor(readonly name: string, ...)`), read through identifiers, the class's own statics
  (`super(ReadFileTool.Name, ...)`), constants and enum members of other files. A name parr cannot read (made
  at run time) is a site, never silent;
- given the schema member's value the same way (a literal JSON schema or zod object; else untyped, said so);
- judged on the methods a call runs: from the base's execute-like methods, through `this.m()` calls dispatched
  on the subclass, and through factories returning a fresh instance (`createInvocation() { return new
  ReadFileInvocation(...) }`) into that class's `execute`/`run`/`invoke`/`call`/`handle`. As in classes.py,
  what the classes below the interface's base do decides when they do anything (the base's plumbing is the
  same for every tool), else everything reached.

A class never handed to a registration is no tool (whatever its base). A project-level `kind` or category the
constructor passes is not read as an annotation: a base's `isReadOnly` derived from it says what may run in
parallel, not what changes state.

Phase 1 (`registrations`) records, in files that register tools, each class whose instance a registration is
handed (by name and import). Phase 2 (`resolve`) reads the chain of each from the files' full facts
(`extract_full`, classes.file_facts with `every`), only for registered classes.
"""

from __future__ import annotations

import re
from typing import Any

from tree_sitter import Node

from parr.scan.typescript.frameworks import framework_of, vscode_lm
from parr.scan.typescript.nodes import args_of, captures_each, line, text, unwrap
from parr.scan.typescript.values import FileCtx

# Registry methods handed tool instances (each argument, or the elements of an array argument).
_REGISTER_METHODS = ("registerTool", "registerTools", "addTool", "addTools")
# Members of a tool interface.
_SCHEMA_MEMBER = re.compile(r"(?:^|[a-z_])(?:[Ss]chema|[Pp]arameters)$|^(?:schema|parameters)$")
_RUN_WORD = re.compile(r"(?:^|_|[a-z])(?:[Ee]xecute|[Ii]nvoke|[Rr]un|[Cc]all|[Hh]andle)(?:$|[A-Z_])")
_INVOCATION_METHODS = ("execute", "run", "invoke", "call", "handle", "_call", "_run", "_execute")
_MAX_DEPTH = 12
_MAX_REGS = 300
STYLE = "registered_tool_class"

TRIGGER = re.compile(rb"new\s+[A-Z][\w$]*\s*\(")


def _is_project_module(module: str) -> bool:
    return module.startswith((".", "@/", "~/"))


# -- phase 1 ------------------------------------------------------------------------------------------------
_QUERY = (
    "(call_expression function: (member_expression property: (property_identifier) @p (#any-of? @p "
    + " ".join(f'"{m}"' for m in _REGISTER_METHODS) + "))) @c\n"
    "(pair key: [(property_identifier) (string)] @k (#match? @k \"^['\\\"]?tools['\\\"]?$\") value: (array) @a)")


def _class_ref(ctx: FileCtx, ident: Node, depth: int = 0) -> list[dict[str, Any]]:
    """The classes an identifier used as `new X(...)` names: a class of this file, an import, or each class of
    an array literal a `for (const X of [A, B])` loop or `[A, B].map((X) => ...)` walks."""
    name = text(ident)
    b = ctx.lookup(ident, name)
    if b is None:
        return []
    if b.kind == "class":
        return [{"cls": name}]
    if b.kind == "import":
        if b.module is None or b.imported in ("*",):
            return []
        return [{"cls": name, "module": b.module, "imported": b.imported or name}]
    if depth > 0 or b.kind not in ("var", "param", "pattern"):
        return []
    # the array the loop or the map walks
    node = ident.parent
    arr = None
    for _ in range(40):
        if node is None:
            break
        if node.type == "for_in_statement":
            left = node.child_by_field_name("left")
            if left is not None and any(text(c) == name for c in [left, *left.named_children]):
                arr = node.child_by_field_name("right")
                break
        if node.type in ("arrow_function", "function_expression"):
            call = node.parent.parent if node.parent is not None else None
            params = node.child_by_field_name("parameters") or node.child_by_field_name("parameter")
            if call is not None and call.type == "call_expression" and params is not None and \
                    name in text(params):
                fn = unwrap(call.child_by_field_name("function"))
                if fn is not None and fn.type == "member_expression" and \
                        text(fn.child_by_field_name("property")) in ("map", "forEach", "flatMap"):
                    arr = fn.child_by_field_name("object")
                    break
        node = node.parent
    arr = ctx.value_node(arr) if arr is not None else None
    if arr is None or arr.type != "array":
        return []
    out: list[dict[str, Any]] = []
    for el in arr.named_children[:60]:
        el = unwrap(el)
        if el is not None and el.type == "identifier":
            out += _class_ref(ctx, el, depth + 1)
    return out


def _instances(ctx: FileCtx, node: Node | None, depth: int = 0) -> list[tuple[Node, list[dict[str, Any]]]]:
    """The `new X(...)` a registration argument holds: itself, the elements of an array, a local bound to one."""
    node = unwrap(node)
    if node is None or depth > 3:
        return []
    if node.type == "new_expression":
        ctor = unwrap(node.child_by_field_name("constructor"))
        if ctor is not None and ctor.type == "identifier":
            return [(node, _class_ref(ctx, ctor))]
        return []
    if node.type == "array":
        out: list[tuple[Node, list[dict[str, Any]]]] = []
        for el in node.named_children[:100]:
            if el.type == "spread_element":
                el = el.named_children[0] if el.named_children else None
            out += _instances(ctx, el, depth + 1)
        return out
    if node.type == "identifier":
        b = ctx.lookup(node, text(node))
        if b is not None and b.kind == "var" and b.node is not None:
            return _instances(ctx, b.node, depth + 1)
    return []


def registrations(ctx: FileCtx) -> list[dict[str, Any]]:
    """[{"cls", "module"?, "imported"?, "line", "call"}]: each class an instance of which this file hands to a
    tool registration."""
    src = ctx.source
    if TRIGGER.search(src) is None or not (b"tools" in src or any(m.encode() in src for m in _REGISTER_METHODS)):
        return []
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str, int]] = set()
    calls, arrays = captures_each(ctx.grammar, ctx.root, _QUERY, ("c", "a"), 1 << 14)  # (one run of the query)
    vscode = b"vscode" in src
    for node in calls + arrays:
        held = args_of(node) if node.type == "call_expression" else [node]
        lm = vscode and node.type == "call_expression" and vscode_lm.is_registration(ctx, node)
        for arg in held[:8]:
            for new, refs in _instances(ctx, arg):
                for ref in refs:
                    key = (ref["cls"], ref.get("module") or "", line(new))
                    if key in seen:
                        continue
                    seen.add(key)
                    reg = {**ref, "line": line(new), "call": " ".join(text(new).split())[:60]}
                    if lm:
                        # VS Code's lm.registerTool(name, instance): named by the call, described by package.json
                        reg["lm"] = vscode_lm.name_of(ctx, held[0] if held else None, new)
                        reg["reg_line"] = line(node)
                    out.append(reg)
                    if len(out) >= _MAX_REGS:
                        return out
    out.sort(key=lambda r: (r["line"], r["cls"]))
    return out


# -- phase 2 ------------------------------------------------------------------------------------------------
class _Chains:
    """Classes read from the files' full facts, and the chain of bases above each."""

    def __init__(self, resolver: Any):
        self.r = resolver
        self.loader = getattr(resolver, "class_facts", None) or getattr(resolver, "full_facts", None)
        self._files: dict[str, dict[str, Any]] = {}

    def classes(self, path: str) -> dict[str, Any]:
        if path not in self._files:
            facts = self.loader(path) if self.loader is not None else None
            if facts is None:
                facts = self.r.facts_of(path)
            self._files[path] = (facts or {}).get("tclasses") or {}
        return self._files[path]

    def locate(self, path: str, cls: str, module: str | None, imported: str | None) -> tuple[str, str] | None:
        """(file, name) of a class named in `path`, or None when it is not the project's."""
        if module is None:
            return path, cls
        if framework_of(module) is not None or ":" in module:
            return None
        target = self.r.module_path(path, module)
        if target is None:
            return None
        name = imported if imported not in (None, "default") else cls
        o = self.r.origin(target, name)
        if o is not None:
            return o
        return (target, name) if name in self.classes(target) else None

    def chain(self, path: str, name: str) -> tuple[list[tuple[str, str, dict[str, Any]]], str]:
        """The classes from `name` up, and how the chain ends: "root" (a class without a base), "framework"
        (a framework's class), "unread" (a base parr could not find or read)."""
        out: list[tuple[str, str, dict[str, Any]]] = []
        seen: set[tuple[str, str]] = set()
        at: tuple[str, str] | None = (path, name)
        while at is not None and len(out) < _MAX_DEPTH and at not in seen:
            seen.add(at)
            cf = self.classes(at[0]).get(at[1])
            if cf is None:
                return out, "unread"
            out.append((at[0], at[1], cf))
            if "base" not in cf:
                return out, "root"
            base = cf.get("base")
            if not base:
                return out, "unread"  # a mixin or an expression
            module = cf.get("base_module")
            if module is not None and framework_of(module) is not None:
                return out, "framework"
            at = self.locate(at[0], base, module, cf.get("base_imported") or base)
            if at is None:
                return out, "framework" if module is not None and not _is_project_module(module) else "unread"
        return out, "unread"


def _declares(cf: dict[str, Any], member: str) -> bool:
    return any(member in (cf.get(k) or {}) for k in ("fields", "statics", "ctor_sets"))


def _schema_member(chain) -> str | None:
    for _, _, cf in chain:
        for k in ("ctor_sets", "fields"):
            for m in (cf.get(k) or {}):
                if _SCHEMA_MEMBER.search(m) and not m.lower().startswith(("output", "result", "response", "return")):
                    return m
    return None


def _run_methods(chain) -> list[str]:
    out: list[str] = []
    for _, _, cf in chain:
        for m in (cf.get("methods") or {}):
            if _RUN_WORD.search(m) and m not in out and not m.startswith(("get", "set", "should", "can", "is", "on")):
                out.append(m)
    return out


def _interface(chain) -> tuple[int, str, str | None] | None:
    """(index of the class declaring `name`, the schema member, description member) when the chain gives a tool
    interface, else None."""
    name_at = next((i for i, (_, _, cf) in enumerate(chain) if _declares(cf, "name")), None)
    if name_at is None:
        return None
    desc = "description" if any(_declares(cf, "description") for _, _, cf in chain) else None
    schema = _schema_member(chain)
    if desc is None or schema is None or not _run_methods(chain):
        return None
    top = max(name_at, next(i for i, (_, _, cf) in enumerate(chain) if _declares(cf, "description")))
    return top, schema, desc


def _arg_for(chain, member: str) -> tuple[Any, str | None]:
    """The value the chain gives `member`: a field/static/getter of a class (from the subclass up), else the
    argument a subclass's super(...) passes where the constructor that stores it takes it."""
    from parr.scan.typescript.classes import _member

    v, where = _member(chain, member)
    if v is not None:
        return v, where
    v, where = _member(chain, member, statics=True)
    if v is not None:
        return v, where
    for i, (_, _, cf) in enumerate(chain):
        how = (cf.get("ctor_sets") or {}).get(member)
        if not isinstance(how, dict) or not ({"key", "index"} & set(how)):
            continue
        for path, _, below in reversed(chain[:i]):  # the super(...) nearest the storing constructor
            args = below.get("super")
            if not args:
                continue
            if "index" in how:
                return (args[how["index"]], path) if how["index"] < len(args) else (None, None)
            if isinstance(args[0], dict):
                return (args[0].get("obj") or {}).get(how["key"]), path
            return None, None
        return None, None
    return None, None


def _walk(ch: _Chains, chain, start: list[str], top: int, seen_classes: set, depth: int = 0) -> list[dict[str, Any]]:
    """The method facts a call reaches from `start`, dispatched on the chain's first class; each marked
    own (defined below index `top`) or not, following returned instances to their run methods."""
    from parr.scan.typescript.classes import reached_methods

    out: list[dict[str, Any]] = []
    for i, m in reached_methods(chain, start, 80):
        out.append({**m, "own": i < top, "at": chain[i][0]})
        for made in m.get("returns_new") or []:
            if depth >= 2:
                continue
            at = ch.locate(chain[i][0], made["cls"], made.get("module"), made.get("imported"))
            if at is None or at in seen_classes:
                continue
            seen_classes.add(at)
            sub, _ = ch.chain(at[0], at[1])
            if not sub:
                out.append({"weak": [f"the {made['cls']} a call makes was not read"], "own": True, "at": at[0]})
                continue
            # the made class's own methods (not its abstract bases') count as the tool's own
            below = next((k for k, (_, _, cf) in enumerate(sub) if cf.get("abstract")), len(sub))
            runs = [r for r in _INVOCATION_METHODS if any(r in (cf.get("methods") or {}) for _, _, cf in sub)]
            for m2 in _walk(ch, sub, runs, below, seen_classes, depth + 1):
                out.append({**m2, "own": m2.get("own") and i < top})
    return out


def resolve(resolver: Any, sites: list, known: set[tuple[str, int]] = frozenset(),
            placed: set[tuple[str, int]] | None = None) -> list[tuple[str, dict[str, Any]]]:
    """Tool candidates (file, candidate) for the registered instances' classes; sites for those whose name
    parr cannot read, whose class it cannot read, or whose class gives no tool interface. A class at a line
    in `known` (file, line) is a tool by another rule already (its family's, classes.py's): left to it. The
    registrations read as tools, (file, line), go into `placed`."""
    from parr.scan.model import UnresolvedSite
    from parr.scan.typescript import classes as cl

    regs = [(path, r) for path in sorted(resolver.facts) for r in resolver.facts[path].get("inst_regs") or []]
    if not regs:
        return []
    ch = _Chains(resolver)
    out: list[tuple[str, dict[str, Any]]] = []
    done: dict[tuple[str, str], bool] = {}
    for path, reg in regs:
        at = ch.locate(path, reg["cls"], reg.get("module"), reg.get("imported"))
        if at is None:
            continue
        if at in done:
            if done[at] and placed is not None:
                placed.add((path, int(reg.get("line") or 0)))
            continue
        done[at] = False
        chain, end = ch.chain(*at)
        if not chain and "lm" in reg:
            # handed to VS Code's lm.registerTool: a tool whatever parr can read of it
            sites.append(UnresolvedSite(file=path, line=max(1, int(reg.get("reg_line") or reg.get("line") or 1)),
                                        call=reg.get("call") or f"new {reg['cls']}(...)",
                                        reason=f"VS Code language-model tool of class {reg['cls']}, which parr "
                                               "cannot read"))
            continue
        if not chain:
            continue  # not a class of the project parr reads (a function, a re-export it cannot follow)
        if end == "framework":
            continue  # a framework's tool class: its family reads it where the class is declared
        cpath, cname, cf = chain[0]
        if (cpath, cf.get("line")) in known:
            continue
        if "lm" in reg:
            made = _lm_candidate(resolver, ch, chain, path, reg, sites)
            done[at] = made is not None
            if made is not None and placed is not None:
                placed.add((path, int(reg.get("line") or 0)))
            if made:
                out.append((cpath, made))
            continue
        iface = _interface(chain)
        if iface is None:
            why = "its class's bases could not be read" if end == "unread" else \
                "its class gives no tool interface parr reads (name, description, schema, a method that runs it)"
            sites.append(UnresolvedSite(file=path, line=max(1, int(reg.get("line") or 1)),
                                        call=reg.get("call") or f"new {reg['cls']}(...)",
                                        reason=f"instance of {reg['cls']} handed to a tool registration; {why}"))
            continue
        top, schema_member, desc_member = iface
        nv, npath = _arg_for(chain, "name")
        name = cl._string(resolver, npath, nv) if isinstance(nv, dict) else None
        if name is None:
            sites.append(UnresolvedSite(file=cpath, line=max(1, int(cf.get("line") or 1)), call=f"class {cname}",
                                        reason=f"tool class (an instance registered at {path}:{reg.get('line')}) "
                                               "whose name parr cannot read"))
            continue
        out.append((cpath, _candidate(resolver, ch, chain, top, schema_member, desc_member, name)))
        done[at] = True
        if placed is not None:
            placed.add((path, int(reg.get("line") or 0)))
    return out


def _lm_entry(resolver: Any, path: str, name: str) -> dict[str, Any] | None:
    """The `contributes.languageModelTools` entry named `name` of the nearest package.json above `path` that
    declares such tools."""
    import posixpath

    folder = posixpath.dirname(path)
    for _ in range(30):
        pkg = (resolver.facts_of(posixpath.join(folder, "package.json") if folder else "package.json") or {}).get(
            "package") or {}
        tools = pkg.get("lm_tools")
        if tools:
            return tools.get(name)
        if not folder:
            return None
        folder = posixpath.dirname(folder)
    return None


def _lm_candidate(resolver: Any, ch: _Chains, chain, path: str, reg: dict[str, Any], sites: list) -> Any:
    """A VS Code language-model tool (vscode_lm.py): the candidate; {} for a tool its package.json never offers
    (`"when": "false"`); None with a site where parr cannot read its name or the class has no `invoke`."""
    from parr.scan.model import UnresolvedSite
    from parr.scan.typescript import classes as cl

    cpath, cname, cf = chain[0]
    lm = reg.get("lm") or {}
    name = lm.get("name")
    if name is None and lm.get("static"):
        nv, npath = _arg_for(chain, lm["static"])
        name = cl._string(resolver, npath, nv) if isinstance(nv, dict) else None
    at_line = max(1, int(reg.get("reg_line") or reg.get("line") or 1))
    if not isinstance(name, str) or not name:
        sites.append(UnresolvedSite(file=path, line=at_line, call=reg.get("call") or f"new {reg['cls']}(...)",
                                    reason="VS Code language-model tool whose name parr cannot read"))
        return None
    if "invoke" not in _run_methods(chain):
        sites.append(UnresolvedSite(file=path, line=at_line, call=reg.get("call") or f"new {reg['cls']}(...)",
                                    reason=f"VS Code language-model tool '{name}' whose class has no invoke() "
                                           "parr reads"))
        return None
    entry = _lm_entry(resolver, path, name)
    if entry is not None and vscode_lm.never_offered(entry):
        return {}  # "when": "false": VS Code never offers it to a model
    if entry is None:
        fixed = {"schema": {"kind": "none", "typed": False,
                            "evidence": ["no languageModelTools entry in package.json parr could read"]},
                 "description": None}
    else:
        fixed = {"schema": entry.get("schema") or {}, "description": entry.get("description")}
    cand = _candidate(resolver, ch, chain, 1, "", None, name, fixed=fixed)
    cand["framework"], cand["style"] = "vscode", vscode_lm.STYLE
    return cand


def _candidate(resolver: Any, ch: _Chains, chain, top: int, schema_member: str, desc_member: str | None,
               name: str, fixed: dict[str, Any] | None = None) -> dict[str, Any]:
    """`fixed`: the schema and description declared outside the class (a VS Code package.json)."""
    from parr.scan.typescript import classes as cl

    cpath, cname, cf = chain[0]
    desc = fixed.get("description") if fixed is not None else None
    if desc_member:
        dv, dpath = _arg_for(chain, desc_member)
        desc = cl._string(resolver, dpath, dv, loose=True) if isinstance(dv, dict) else None
    reached = _walk(ch, chain, _run_methods(chain), top, {(cpath, cname)})
    own = [m for m in reached if m.get("own")]
    used = own if any(m.get(k) for m in own for k in ("strong", "medium", "weak")) else reached
    eff: dict[str, list] = {"strong": [], "medium": [], "weak": [], "caps": [], "executed": []}
    calls: list = []
    for m in used:
        if m.get("unread") or m.get("lazy"):
            if "a method a call reaches was not read" not in eff["weak"]:
                eff["weak"].append("a method a call reaches was not read")
        for k, vals in eff.items():
            for e in m.get(k) or []:
                if e not in vals:
                    vals.append(e)
        if m.get("at") == cpath:
            calls += [c for c in m.get("imports") or [] if c not in calls]
    sv, _ = _arg_for(chain, schema_member) if fixed is None else ({"schema": fixed.get("schema") or {}}, None)
    schema, typed, tev = "none", False, [f"input schema ({schema_member}) parr could not read"]
    if isinstance(sv, dict) and "schema" in sv:
        schema, typed, tev = cl.schema_verdict(sv["schema"], eff)
    return {
        "name": name, "name_ref": None, "name_inferred": False, "bind": None, "line": cf.get("line") or 1,
        "framework": "unknown", "style": STYLE, "schema": schema, "typed": typed, "typed_evidence": tev,
        "description": desc[:2000] if isinstance(desc, str) else None, "description_ref": None, "gates": [],
        "caps": eff["caps"], "annotations": {}, "strong": eff["strong"][:8], "medium": eff["medium"][:4],
        "weak": eff["weak"][:8], "kind_mutating": None, "extends": None,
        **({"calls": calls[:20]} if calls else {}),
    }
