"""smolagents: @tool, Tool and PipelineTool subclasses, its default tools, add_base_tools=True, managed
agents, Tool.from_space and the tools it loads at run time."""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _const_str, _kw
from parr.scan.python.frameworks import agent_builtins as _generated
from parr.scan.python.frameworks.spec import Builtin, Decorator, Framework

_SA = "smolagents"


def _builtin(row) -> Builtin:
    name, mutating, typed, caps = row
    return Builtin(_SA, name, caps, mutating, typed, "json_schema")


# Read from smolagents.default_tools by benchmarks/agent_builtins.py (FinalAnswerTool left out: see there).
_BUILTINS = {cls: _builtin(row) for cls, row in _generated.SMOLAGENTS.items()}


def _base_tools(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """CodeAgent(tools=[...], add_base_tools=True): the base toolbox the agent adds to its own tools
    (ToolCallingAgent also gets the Python interpreter; a CodeAgent runs code itself)."""
    flag = _kw(node, "add_base_tools")
    if fw_q != _SA or not (isinstance(flag, ast.Constant) and flag.value is True):
        return False
    classes = _generated.SMOLAGENTS_BASE
    if d.rsplit(".", 1)[-1] == "ToolCallingAgent":
        classes += _generated.SMOLAGENTS_BASE_TOOL_CALLING
    for cls in classes:
        ex.builtin_cand(_BUILTINS[cls], node.lineno, "builtin_base_tool")
    return False  # its tools= is read as every call's is


def _managed(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """CodeAgent(..., managed_agents=[search_agent]): the model calls each managed agent as a tool
    named by the agent's `name=`, with inputs `task` (a string) and `additional_args` (a free-form
    object), so it is untyped (smolagents 1.26 MultiStepAgent._setup_managed_agents). The older
    ManagedAgent(agent, name=, description=) wrapper names it itself. What the sub-agent's tools do
    is what the tool does."""
    managed = _kw(node, "managed_agents")
    if fw_q != _SA or managed is None or (isinstance(managed, ast.Constant) and managed.value is None):
        return False
    agents = ex.list_elements(managed, scope)
    if agents is None:
        ex.unresolved_site(managed, "managed_agents=", node.lineno, "managed agents parr cannot read: each is a tool")
        return False
    for a, ascope in agents:
        agent_e, named = a, a
        if isinstance(a, ast.Name):
            v, _ = ex.lookup(ascope, a.id)
            named = v if isinstance(v, ast.Call) else a
        if isinstance(named, ast.Call) and (ex.dotted(named.func) or "").rsplit(".", 1)[-1] == "ManagedAgent":
            agent_e = _kw(named, "agent") or (named.args[0] if named.args else None)
            n, r = ex.str_of(_kw(named, "name") or (named.args[1] if len(named.args) > 1 else None), ascope)
        else:
            n, r = ex._agent_name(a, ascope)
        if n is None and r is None:
            ex.unresolved_site(a, "managed_agents=", getattr(a, "lineno", node.lineno),
                               "managed agent whose name parr cannot read: it is a tool")
            continue
        desc = _const_str(_kw(named, "description")) if isinstance(named, ast.Call) else None
        ex.new_cand(name=n, name_ref=r, line=node.lineno, framework=_SA,
                    style="smolagents.managed_agent", schema="framework_defined", typed=False, description=desc,
                    flags=("agent_tool",), extra={"sub_agent": ex.agent_ref(agent_e) or "?"})
    return False  # its tools= is read as every call's is


def _from_space(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """Tool.from_space(space_id, name, description): a Hugging Face Space called as a tool named
    `name`; its inputs come from the Space's API at run time (untyped here), what it does from its
    name and description."""
    if fw_q != _SA:
        return False
    n, r = ex.name_of(_kw(node, "name") or (node.args[1] if len(node.args) > 1 else None), scope)
    if n is None and r is None:
        return True  # where it is handed over, the tools list reports a name made at run time
    desc = _const_str(_kw(node, "description") or (node.args[2] if len(node.args) > 2 else None))
    ex.new_cand(name=n, name_ref=r, line=node.lineno, framework=_SA, style="smolagents.from_space",
                schema="framework_defined", typed=False, description=desc, caps=("http",))
    return True


def _run_time(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """ToolCollection.from_mcp(...) / .from_hub(...): tools an MCP server or a Hub collection names
    at run time, a site where they are made (handed over as `*coll.tools`, their names are never in
    the code)."""
    if fw_q != _SA or "ToolCollection" not in d:
        return False
    source = "an MCP server" if d.endswith("from_mcp") else "a Hub collection"
    ex.unresolved_site(node, "", node.lineno, f"tools of {source}, named at run time")
    return True


FRAMEWORKS = (
    Framework(
        label=_SA,
        roots=("smolagents",),
        decorators=(Decorator("tool", "smolagents.tool_decorator", receiver=None),),
        tool_base_classes=("Tool", "PipelineTool"),
        class_style="smolagents.Tool_subclass",
        builtin_classes=_BUILTINS,
        call_hooks={"CodeAgent": (_base_tools, _managed), "ToolCallingAgent": (_base_tools, _managed),
                    "MultiStepAgent": (_managed,), "from_space": (_from_space,), "from_mcp": (_run_time,),
                    "from_hub": (_run_time,)},
    ),
)
