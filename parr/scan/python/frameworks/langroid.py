"""Langroid (`langroid`): ToolMessage subclasses, and the built-in ones `agent.enable_message(...)` hands the model.

What the model sees (langroid/agent/tool_message.py, agent/base.py of langroid/langroid): a tool is a
ToolMessage (or XMLToolMessage) subclass; its name is the default of `request`, its description the default
of `purpose`, its parameters the other pydantic fields (`purpose` and `id` are left out). It runs where the
agent finds a handler: the class's own `handle`/`handle_async`/`response`/`response_async`, else an agent
method named after the request (`def web_search(self, msg)` on a ChatAgent subclass). `_allow_llm_use =
False` makes a message the model never writes; `enable_message(X, use=False)` likewise, for that agent.
Built-in tools (langroid.agent.tools: searches, file tools, orchestration) reach a model through
`enable_message(...)`: their names and verdicts are data generated from the wheel (langroid_builtins.py).
"""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _const_str, _kw
from parr.scan.python.frameworks.model_fields import class_chain, derives_from, field_params
from parr.scan.python.frameworks.spec import Builtin, Framework

_LR = "langroid"
BASES = frozenset({"ToolMessage", "XMLToolMessage"})
# The handler methods Langroid looks up on a tool class (ChatAgent._get_tool_list / handle_message).
HANDLERS = ("handle", "handle_async", "response", "response_async", "handle_message_fallback")


def _builtins() -> dict[str, Builtin]:
    from parr.scan.python.frameworks.langroid_builtins import BUILTINS

    return {cls: Builtin(_LR, name, mutating=mutating, typed=typed, schema="pydantic", judged=True)
            for cls, (name, mutating, typed) in BUILTINS.items()}


_MCP_SITE = "tools listed at run time by an MCP server"
# langroid.agent.tools.mcp helpers that make ToolMessage classes from a server's tools at run time.
_MCP_MAKERS = frozenset({"get_tool", "get_tool_async", "get_tools", "get_tools_async", "get_langroid_tools",
                         "get_langroid_tools_async", "get_mcp_tool_async", "get_mcp_tools_async"})


def _is_tool_class(ex, ci) -> bool:
    """A ToolMessage subclass: by a base imported from Langroid, or a class of this file that is one."""
    return derives_from(ex, ci, lambda base: base.rsplit(".", 1)[-1] in BASES and (
        ex.fw_of_qual(base) == _LR or "." not in base and ex.fw_of_qual(base) is None))


def _attr(ex, ci, name: str, seen: int = 0):
    """A class attribute's value, from the class or a base of this file; `Field("x", description=...)` is its
    default."""
    if name in ci.attrs:
        value = ci.attrs[name]
        if isinstance(value, ast.Call) and (ex.dotted(value.func) or "").rsplit(".", 1)[-1] == "Field":
            return _kw(value, "default") or (value.args[0] if value.args else None)
        return value
    for base in ci.bases if seen < 8 else ():
        parent = ex._local_class(base, ci)
        if parent is not None:
            found = _attr(ex, parent, name, seen + 1)
            if found is not None:
                return found
    return None


def _mcp_bound(ex, ci) -> bool:
    """The class is bound to an MCP server's tool by @mcp_tool(server, name) (langroid.agent.tools.mcp)."""
    for d in ci.node.decorator_list:
        dotted = ex.dotted(d.func if isinstance(d, ast.Call) else d) or ""
        if dotted.rsplit(".", 1)[-1] == "mcp_tool" and ex.fw_of_qual(ex.qualify(dotted)) == _LR:
            return True
    return False


def _not_used(ex) -> set[str]:
    """Classes this file enables with use=False (the agent handles them; the model never writes them)."""
    out: set[str] = set()
    for node in ast.walk(ex.tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "enable_message":
            use = _kw(node, "use")
            if isinstance(use, ast.Constant) and use.value is False:
                for arg in node.args[:1]:
                    for el in (arg.elts if isinstance(arg, (ast.List, ast.Tuple)) else [arg]):
                        if isinstance(el, ast.Name):
                            out.add(el.id)
    return out


def _tool_messages(ex) -> None:
    """Every concrete ToolMessage subclass of this file: one tool named by its `request`."""
    if ex.in_framework(_LR):
        return  # Langroid's own classes are data (langroid_builtins.py), reported where a project enables them
    hidden = _not_used(ex) if "use=False" in ex.text else set()
    for ci in ex.classes:
        if not _is_tool_class(ex, ci):
            continue
        ci.claimed = True  # read here (a field called `name` is a parameter), not by the generic class reading
        if _mcp_bound(ex, ci):
            # @mcp_tool(server, "get_alerts"): the MCP server's tool, run by that server (read where it is served)
            ex.unresolved_site(None, "", ci.node.lineno, _MCP_SITE, text=f"@mcp_tool ... class {ci.name}")
            continue
        if ci.name in hidden:
            continue
        allow = _attr(ex, ci, "_allow_llm_use")
        if isinstance(allow, ast.Constant) and allow.value is False:
            continue
        request = _attr(ex, ci, "request")
        if request is None:
            continue  # an abstract base of the project's tools
        n, r = ex.name_of(request, ci.body_scope)
        if n is None and r is None:
            ex.unresolved_site(None, "", ci.node.lineno, "tool name parr cannot read",
                               text=f"class {ci.name}: request = ...")
            continue
        if n == "":
            continue  # FinalResultTool-style bases: no name of their own
        fn = ex.class_method(ci, HANDLERS)
        if fn is None and n:
            # the agent's method named after the request (ChatAgent subclasses in this file)
            fn = next((c.methods[n] for c in ex.classes if c is not ci and n in c.methods), None)
        purpose = _attr(ex, ci, "purpose")
        desc = _const_str(purpose) if purpose is not None else None
        ex.new_cand(name=n, name_ref=r, line=ci.node.lineno, framework=_LR, style="langroid.ToolMessage",
                    schema="pydantic", fn=fn, description=desc or None, cls=ci,
                    params=field_params(class_chain(ex, ci), frozenset({"request", "purpose", "id"})),
                    def_line=ci.node.lineno, extra={"class_name": ci.name})


def _enable_message(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """agent.enable_message(DoneTool) / enable_message([A, B], use=True): Langroid's built-in tools given to
    the agent's model (the project's own classes are tools where they are declared)."""
    if "." not in d or _LR not in ex.fw_hints:
        return False
    use = _kw(node, "use")
    if isinstance(use, ast.Constant) and use.value is False:
        return True
    arg = node.args[0] if node.args else _kw(node, "message_class")
    builtins = _builtins()
    for el in (arg.elts if isinstance(arg, (ast.List, ast.Tuple)) else [arg]) if arg is not None else ():
        if _from_mcp(ex, el.value if isinstance(el, ast.Starred) else el, scope):
            ex.unresolved_site(None, "", node.lineno, _MCP_SITE, text=f"{d}(...)")
            continue
        target = el.func if isinstance(el, ast.Call) and isinstance(el.func, ast.Attribute) \
            and el.func.attr == "create" else el  # ReadFileTool.create(get_curr_dir)
        if isinstance(target, ast.Attribute) and target.attr == "create":
            target = target.value
        dotted = ex.dotted(target)
        q = ex.qualify(dotted) if dotted else None
        last = (q or "").rsplit(".", 1)[-1]
        if last in builtins and ex.fw_of_qual(q) == _LR:
            ex.builtin_cand(builtins[last], node.lineno, "builtin_tool")
    return True


def _from_mcp(ex, e, scope, depth: int = 0) -> bool:
    """`e` is made by one of Langroid's MCP helpers (`tools = await get_tools_async(server)`)."""
    if isinstance(e, ast.Await):
        e = e.value
    if isinstance(e, ast.Name) and depth < 3:
        held, _ = ex.lookup(scope, e.id)
        return isinstance(held, ast.AST) and not isinstance(held, ast.arg) and _from_mcp(ex, held, scope, depth + 1)
    if isinstance(e, ast.Call):
        return (ex.dotted(e.func) or "").rsplit(".", 1)[-1] in _MCP_MAKERS
    return False


FRAMEWORKS = (
    Framework(
        label=_LR,
        roots=("langroid",),
        style_prefix="langroid",
        call_hooks={"enable_message": (_enable_message,)},
        # AgentDoneTool(tools=[ResultTool(...)]): tool messages a handler returns as its result, not a model's tools
        not_tool_lists=("AgentDoneTool", "AgentSendTool", "DoneTool", "FinalResultTool", "ResultTool"),
        file_hooks=(_tool_messages,),
        words=("ToolMessage",),
    ),
)
