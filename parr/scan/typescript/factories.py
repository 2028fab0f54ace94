"""Tool definitions given to a registration as one object: a literal, or what a project function returns.

`api.registerTool({ name, description, parameters, execute }, opts)` (the OpenClaw plugin API, and any
registration taking one definition object) is one tool read from the object. `api.registerTool(
createSearchTool(deps), opts)` is the object the project function returns: read in this file when the
function is declared here, else in the project phase from the `returns` facts of the file that exports it
(every return of the function must be one object literal with the same name). A call parr cannot follow
to such a function is a site, never silent.
"""

from __future__ import annotations

import re
from typing import Any

from tree_sitter import Node

from parr.scan.typescript.nodes import FUNCTION_TYPES, captures, is_function, line, object_entries, text, unwrap

_RETURNS_OBJECT = re.compile(rb"\breturn\s*\{|=>\s*\(\s*\{|\breturn\s+[\w$]+\s*;")
_DEFINITION_KEYS = frozenset({"description", "parameters", "inputSchema", "input_schema", "execute", "handler"})


def _family(det: Any) -> tuple[str, str]:
    if "openclaw" in det.frameworks:
        return "openclaw", "openclaw.registerTool"
    return "unknown", "registerTool_object"


def _tool_object(obj: Node | None) -> bool:
    if obj is None or obj.type != "object":
        return False
    keys = set(object_entries(obj))
    return "name" in keys and bool(keys & _DEFINITION_KEYS)


def returned_object(det: Any, fn: Node) -> Node | None:
    """The object literal every return of `fn` gives, when they agree on one tool name."""
    body = fn.child_by_field_name("body")
    if body is None:
        return None
    if body.type != "statement_block":
        value = det.ctx.value_node(body)
        return value if _tool_object(value) else None
    found: Node | None = None
    names: set[Any] = set()
    for node in captures(det.ctx.grammar, body, "(return_statement) @r", "r", 1 << 12):
        owner = node.parent
        while owner is not None and owner.type not in FUNCTION_TYPES:
            owner = owner.parent
        if owner is not fn and (owner is None or owner.id != fn.id):
            continue  # a return of an inner function
        value = det.ctx.value_node(node.named_children[0]) if node.named_children else None
        if not _tool_object(value):
            return None
        entries = object_entries(value)
        names.add(det.ctx.string_value(entries["name"].child_by_field_name("value"))
                  if entries["name"].type == "pair" else None)
        found = found or value
    if found is None or len(names) != 1 or None in names:
        return None
    return found


def _local_function(det: Any, callee: Node) -> Node | None:
    b = det.ctx.lookup(callee, text(callee))
    if b is None:
        return None
    if b.kind == "function" and b.node is not None:
        return b.node
    if b.kind in ("var", "default") and is_function(unwrap(b.node)):
        return unwrap(b.node)
    return None


def _read_or_site(det: Any, call: Node, obj: Node, style: str, framework: str) -> None:
    """The definition as a tool; a site when it gives no readable name (`{ name: tool.name, ... }`)."""
    before = len(det.tools)
    det._raw_literal(obj, style=style, framework=framework)
    if len(det.tools) == before:
        args = call.child_by_field_name("arguments")
        first = args.named_children[0] if args is not None and args.named_children else obj
        det._unread(call, "tool name made at run time", f"registerTool({text(first)[:60]}, ...)")


def on_registration(det: Any, call: Node, args: list[Node]) -> bool:
    """`registerTool(<object>)` or `registerTool(<call of a project function>)`: read here (True), or
    leave it to the other rules (False)."""
    first = unwrap(args[0]) if args else None
    if first is None:
        return False
    framework, style = _family(det)
    value = det.ctx.value_node(first)
    if _tool_object(value):
        if not det.ctx.is_claimed(value):
            _read_or_site(det, call, value, style, framework)
        return True
    if first.type != "call_expression":
        return False
    callee = unwrap(first.child_by_field_name("function"))
    if callee is None or callee.type != "identifier":
        return False
    if len(args) >= 2:
        second = det.ctx.value_node(args[1])
        if second is not None and second.type == "object" and set(object_entries(second)) & _DEFINITION_KEYS:
            return False  # registerTool(name(), { description, inputSchema }, handler): the MCP form
    fn = _local_function(det, callee)
    if fn is not None:
        obj = returned_object(det, fn)
        if obj is None:
            return False
        if not det.ctx.is_claimed(obj):
            _read_or_site(det, call, obj, style, framework)
        return True
    b = det.ctx.lookup(callee, text(callee))
    if b is None or b.kind != "import" or not b.module or not b.module.startswith((".", "@/", "~/")) \
            or b.imported in ("*", None):
        return False
    det.tools.append({"name": None, "line": line(call), "factory_ref": {
        "module": b.module, "name": b.imported, "framework": framework, "style": style,
        "call": " ".join(text(call).split())[:80]}})
    return True


def returned_tools(det: Any) -> dict[str, dict[str, Any]]:
    """Top-level functions of this file returning one tool definition: {name: {"line", "tool"?}}, the tool
    being the definition read as a candidate when no rule here made it one already."""
    out: dict[str, dict[str, Any]] = {}
    ctx = det.ctx
    for stmt in ctx.root.named_children[:2000]:
        decl = stmt.child_by_field_name("declaration") if stmt.type == "export_statement" else stmt
        if decl is None:
            continue
        fns: list[tuple[str, Node]] = []
        if decl.type in ("function_declaration", "generator_function_declaration"):
            n = decl.child_by_field_name("name")
            if n is not None:
                fns.append((text(n), decl))
        elif decl.type in ("lexical_declaration", "variable_declaration"):
            for d in decl.named_children:
                value = unwrap(d.child_by_field_name("value")) if d.type == "variable_declarator" else None
                n = d.child_by_field_name("name") if d.type == "variable_declarator" else None
                if n is not None and is_function(value):
                    fns.append((text(n), value))
        for name, fn in fns:
            body = ctx.source[fn.start_byte:fn.end_byte]
            if b"name" not in body or not (b"description" in body or b"execute" in body or b"handler" in body) \
                    or _RETURNS_OBJECT.search(body) is None:
                continue
            obj = returned_object(det, fn)
            if obj is None:
                continue
            at = line(obj)
            if any(c.get("line") == at and c.get("name") for c in det.tools):
                out[name] = {"line": at}
                continue
            before = len(det.tools)
            det._raw_literal(obj, style="returned_definition", framework="unknown")
            if len(det.tools) > before:
                out[name] = {"line": at, "tool": det.tools.pop()}
                det.__dict__.setdefault("_returned_ids", set()).add(obj.id)  # a loop may walk it too (loops.py)
    return out


def project_labels(resolver: Any, sites: list) -> tuple[dict[tuple[str, int], tuple[str, str]], list[tuple[str, dict]]]:
    """For every registration of an imported project function: the tool it returns, relabelled with the
    registration's framework and style (as {(file, line): (framework, style)}), plus the candidates only
    such a registration makes tools of; a site for each one whose function parr cannot read."""
    from parr.scan.model import UnresolvedSite

    labels: dict[tuple[str, int], tuple[str, str]] = {}
    extra: list[tuple[str, dict]] = []
    taken: set[tuple[str, int]] = set()
    for path in sorted(resolver.facts):
        for cand in resolver.facts[path].get("tools") or []:
            ref = cand.get("factory_ref")
            if not ref:
                continue
            target = resolver.module_path(path, ref.get("module") or "")
            o = resolver.origin(target, ref.get("name") or "") if target else None
            ret = ((resolver.facts_of(o[0]).get("returns") or {}).get(o[1])) if o else None
            if ret is None:
                sites.append(UnresolvedSite(file=path, line=max(1, int(cand.get("line") or 1)),
                                            call=ref.get("call") or "",
                                            reason="tool made by a project function whose returned definition "
                                                   "parr cannot read"))
                continue
            key = (o[0], int(ret.get("line") or 0))
            labels[key] = (ref.get("framework") or "unknown", ref.get("style") or "registerTool_object")
            if ret.get("tool") and key not in taken:
                taken.add(key)
                extra.append((o[0], dict(ret["tool"], framework=labels[key][0], style=labels[key][1])))
    return labels, extra
