"""The body of a tool declared to the MCP low-level server by its list, found in the call handler.

With the MCP TypeScript SDK's low-level `Server`, tools are listed in one request handler
(`ListToolsRequestSchema`) and run in another (`CallToolRequestSchema`), which dispatches on the
tool's name: `switch (request.params.name) { case "x": ... }` or `if (name === "x") { ... }`. What a
listed tool does is the code of its branch, so its effects are read there, as for any handler.
Cases that fall through (`case "a": case "b": {...}`) share the branch they fall into. A handler
that serves one tool behind a guard (`if (name !== "run_code") throw ...;`) runs that tool's code
after the guard.
"""

from __future__ import annotations

import json

from tree_sitter import Node

from parr.scan.typescript.nodes import args_of, iter_descendants, member_chain, text, unwrap
from parr.scan.typescript.values import FileCtx

_CALL_SCHEMA = "CallToolRequestSchema"
_MAX_NODES = 200_000


def _handlers(ctx: FileCtx) -> list[Node]:
    """Functions passed to `<server>.setRequestHandler(CallToolRequestSchema, fn)` in this file."""
    found = []
    for node in iter_descendants(ctx.root, _MAX_NODES):
        if node.type != "call_expression":
            continue
        chain = member_chain(unwrap(node.child_by_field_name("function")))
        if not chain or chain[-1] != "setRequestHandler":
            continue
        args = args_of(node)
        if len(args) >= 2 and member_chain(unwrap(args[0]))[-1:] == [_CALL_SCHEMA]:
            fn = unwrap(args[1])
            for _ in range(3):
                # a handler wrapped by a higher-order function (`withTelemetry(async (req) => ...)`,
                # `wrap(handler)`): the function it is given is the handler
                if fn is None or fn.type != "call_expression":
                    break
                inner = [unwrap(a) for a in args_of(fn)]
                fn = next((a for a in inner if a is not None and a.type in (
                    "arrow_function", "function_expression", "function", "identifier", "call_expression")), None)
            if fn is not None and fn.type in ("arrow_function", "function_expression", "function"):
                found.append(fn)
            elif fn is not None and fn.type == "identifier":
                value = ctx.value_node(fn)
                if value is not None and value.type in ("arrow_function", "function_expression", "function",
                                                        "function_declaration"):
                    found.append(value)
    return found


def _names_a_tool(node: Node | None) -> bool:
    """`name`, `request.params.name`, `req.params.name`, `toolName`: the thing dispatched on."""
    node = unwrap(node)
    if node is None:
        return False
    chain = member_chain(node)
    # (`functionName`, `toolCallName`: any name of a name; a branch counts only for a tool's own name)
    return bool(chain) and (chain[-1].lower() in ("tool", "name") or chain[-1].lower().endswith(("name", "_name")))


def _string(node: Node | None) -> str | None:
    node = unwrap(node)
    if node is not None and node.type == "string":
        inner = [c for c in node.named_children if c.type == "string_fragment"]
        return text(inner[0]) if len(inner) == 1 else ("" if not inner else None)
    return None


def _exits(node: Node | None) -> bool:
    """The statement (or block) leaves the handler: `throw ...` or `return ...` as its last statement."""
    node = unwrap(node)
    if node is None:
        return False
    if node.type == "statement_block":
        stmts = [c for c in node.named_children if c.type != "comment"]
        return bool(stmts) and stmts[-1].type in ("throw_statement", "return_statement")
    return node.type in ("throw_statement", "return_statement")


def _either(node: Node | None) -> list[str]:
    """The tool names of `name === "a" || name === "b"` (two or more), or nothing."""
    node = unwrap(node)
    if node is None or node.type != "binary_expression":
        return []
    op = node.child_by_field_name("operator")
    if op is None or text(op) != "||":
        return []
    out: list[str] = []
    for side in (node.child_by_field_name("left"), node.child_by_field_name("right")):
        side = unwrap(side)
        if side is not None and side.type == "binary_expression" and text(side.child_by_field_name("operator")) == "||":
            names = _either(side)
            if not names:
                return []
            out += names
            continue
        if side is None or side.type != "binary_expression" or text(side.child_by_field_name("operator")) not in ("===", "=="):
            return []
        left, right = side.child_by_field_name("left"), side.child_by_field_name("right")
        name = next((_string(b) for a, b in ((left, right), (right, left)) if _string(b) is not None and _names_a_tool(a)), None)
        if name is None:
            return []
        out.append(name)
    return out


def branches(ctx: FileCtx) -> dict[str, Node]:
    """Tool name -> the node holding the code that runs for it, for every call handler of the file."""
    cached = getattr(ctx, "_dispatch_branches", None)
    if cached is not None:
        return cached
    out = _branches(_handlers(ctx))
    try:
        ctx._dispatch_branches = out  # type: ignore[attr-defined]
    except AttributeError:
        pass
    return out


def raw_code(ctx: FileCtx, name: str) -> Node | None:
    """The code that runs a tool given to a model API as a raw schema (`{type: "function", function:
    {name, parameters}}`, `{name, input_schema}`): the branch on the call's name anywhere in the file
    (`if (call.function.name === "x")`, `switch`), a table of name -> function looked up by the name
    (`handlers[call.function.name](args)`), else the file's function of the same name."""
    cached = getattr(ctx, "_raw_dispatch", None)
    if cached is None:
        cached = _branches([ctx.root])
        for key, fn in _tables(ctx).items():
            cached.setdefault(key, fn)
        try:
            ctx._raw_dispatch = cached  # type: ignore[attr-defined]
        except AttributeError:
            pass
    code = cached.get(name)
    if code is not None:
        return code
    b = ctx.top_level(name)
    if b is not None and b.kind == "function":
        return b.node
    if b is not None and b.kind in ("var", "default"):
        value = unwrap(b.node)
        if value is not None and value.type in ("arrow_function", "function_expression", "function"):
            return value
    return None


def _tables(ctx: FileCtx) -> dict[str, Node]:
    """`handlers[call.function.name]`: the object literal looked up by a tool's name, key -> value."""
    out: dict[str, Node] = {}
    for node in iter_descendants(ctx.root, _MAX_NODES):
        if node.type != "subscript_expression" or not _names_a_tool(node.child_by_field_name("index")):
            continue
        table = ctx.value_node(node.child_by_field_name("object"))
        if table is None or table.type != "object":
            continue
        for pair in table.named_children:
            if pair.type == "pair":
                key = pair.child_by_field_name("key")
                k = _string(key) if key is not None and key.type == "string" else (text(key) if key is not None else None)
                value = pair.child_by_field_name("value")
                if k and value is not None:
                    out.setdefault(k, value)
            elif pair.type in ("method_definition", "shorthand_property_identifier"):
                key = pair.child_by_field_name("name") if pair.type == "method_definition" else pair
                if key is not None:
                    out.setdefault(text(key), pair)
    return out


def _case_key(case: Node, ctx: FileCtx | None) -> str | None:
    """The tool name a `case` tests: a string, or (with `ctx`) a constant the file imports
    (`case ToolNames.ReadFile:`), as `ref:` and its reference (the project phase reads its value)."""
    value = case.child_by_field_name("value")
    name = _string(value)
    if name is not None or ctx is None:
        return name
    value = unwrap(value)
    if value is None or value.type not in ("member_expression", "identifier"):
        return None
    found = ctx.string_value(value)
    if isinstance(found, str):
        return found
    if isinstance(found, dict):
        return "ref:" + json.dumps(found, sort_keys=True)
    return None


def _branches(roots: list[Node], ctx: FileCtx | None = None) -> dict[str, Node]:
    out: dict[str, Node] = {}
    for handler in roots:
        for node in iter_descendants(handler, _MAX_NODES):
            if node.type == "switch_statement" and _names_a_tool(node.child_by_field_name("value")):
                body = node.child_by_field_name("body")
                pending: list[str] = []
                for case in body.named_children if body is not None else ():
                    if case.type != "switch_case":
                        continue
                    name = _case_key(case, ctx)
                    if name is not None:
                        pending.append(name)
                    has_code = any(c.type not in ("comment",) for c in case.children_by_field_name("body"))
                    if has_code:
                        for tool in pending:
                            out.setdefault(tool, case)
                        pending = []
            elif node.type == "if_statement":
                condition = unwrap(node.child_by_field_name("condition"))
                names = _either(condition)
                if names:
                    # `if (name === "a" || name === "b")`: both tools run this branch
                    consequence = node.child_by_field_name("consequence")
                    if consequence is not None:
                        for tool in names:
                            out.setdefault(tool, consequence)
                    continue
                if condition is not None and condition.type == "binary_expression":
                    op = condition.child_by_field_name("operator")
                    left, right = condition.child_by_field_name("left"), condition.child_by_field_name("right")
                    if op is not None and text(op) in ("===", "=="):
                        for a, b in ((left, right), (right, left)):
                            name = _string(b)
                            if name is not None and _names_a_tool(a):
                                consequence = node.child_by_field_name("consequence")
                                if consequence is not None:
                                    out.setdefault(name, consequence)
                    elif op is not None and text(op) in ("!==", "!=") and node.child_by_field_name("alternative") is None \
                            and _exits(node.child_by_field_name("consequence")) and node.parent is not None \
                            and node.parent.type in ("statement_block", "program"):
                        # `if (name !== "run_code") throw ...;` then the body: the code after the guard
                        # (in the same block) is that tool's branch
                        for a, b in ((left, right), (right, left)):
                            name = _string(b)
                            if name is not None and _names_a_tool(a):
                                out.setdefault(name, node.parent)
    return out


def exported_branches(ctx: FileCtx) -> dict[str, Node]:
    """Tool name -> branch, for the switches on a tool's name in the functions this file exports
    (`export async function handleToolCall(name, args) { switch (name) { ... } }`): a CallTool handler,
    or the code running a model's tool calls, in another file hands its calls there. A case may name
    the tool by a constant of another file (`case BuiltInToolNames.ReadFile:`): keyed `ref:...`."""
    roots: list[Node] = []
    for stmt in ctx.root.named_children:
        if stmt.type != "export_statement":
            continue
        decl = stmt.child_by_field_name("declaration")
        if decl is not None and decl.type in ("function_declaration", "lexical_declaration", "variable_declaration"):
            roots.append(decl)
    return _branches(roots, ctx)
