"""swarms (`swarms`): `Agent(tools=[fn], tools_list_dictionary=[...], handoffs=[...], max_loops="auto", mcp_url=)`.

What the model sees (swarms/structs/agent.py and swarms/agents/tool_manager.py of the 16.0.3 wheel,
ToolManager.list_tools): the functions of `tools=` (an OpenAI function schema made from each one's signature and
docstring, run by name), the OpenAI function schemas of `tools_list_dictionary=` as they are, then the tools of
the agent's MCP servers (`mcp_url=`, `mcp_urls=`, `mcp_config=`, `mcp_configs=`: listed at run time, a site), then
the built-ins: `handoff_task` when the agent has `handoffs=` (it delegates a task to the named agent), and with
`max_loops="auto"` the autonomous loop's tools (create_plan, think only with `think_tool=True`, create_file,
run_bash, ...; `selected_tools=[...]` keeps only those named), data generated from the wheel (swarms_builtins).
`BaseTool(tools=[...])` converts functions into schemas for code that sends them itself: no tool of its own.
"""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _const_str, _kw
from parr.scan.python.frameworks.spec import Builtin, Framework

_SW = "swarms"
_MCP_KWS = ("mcp_url", "mcp_urls", "mcp_config", "mcp_configs")

HANDOFF = Builtin(_SW, "handoff_task", description="Delegates tasks to the agents of handoffs= (swarms' own tool).",
                  typed=False, schema="json_schema")


def _loop_tools() -> dict[str, Builtin]:
    from parr.scan.python.frameworks.swarms_builtins import LOOP_TOOLS

    return {name: Builtin(_SW, name, mutating=mutating, typed=typed, schema="json_schema", judged=True)
            for name, (mutating, typed) in LOOP_TOOLS.items()}


def _selected(node: ast.Call) -> set[str] | None:
    """selected_tools=[...] names (None: "all", the default, or a value parr cannot read: every tool)."""
    value = _kw(node, "selected_tools")
    if isinstance(value, (ast.List, ast.Tuple)):
        names = {_const_str(e) for e in value.elts}
        return None if None in names else {n for n in names if n}
    return None


def _agent(ex, node: ast.Call) -> None:
    """The built-ins and MCP servers of one swarms Agent(...)."""
    if _kw(node, "handoffs") is not None:
        ex.builtin_cand(HANDOFF, node.lineno, "handoff_tool")
    if _const_str(_kw(node, "max_loops")) == "auto":
        think = _kw(node, "think_tool")
        selected = _selected(node)
        for name, b in _loop_tools().items():
            if name == "think" and not (isinstance(think, ast.Constant) and think.value is True):
                continue
            if selected is not None and name not in selected:
                continue
            ex.builtin_cand(b, node.lineno, "loop_tool")
    for kw in _MCP_KWS:
        value = _kw(node, kw)
        if value is not None and not (isinstance(value, ast.Constant) and value.value is None):
            ex.unresolved_site(None, "", node.lineno, "tools listed at run time by an MCP server",
                               text=f"Agent({kw}=...)")


def _agents(ex) -> None:
    """Every Agent(...) call of the file whose callee is swarms' (the word is too common for a call hook: as a
    prefilter word it would send most files of a large tree to a full parse)."""
    if ex.in_framework(_SW):
        return
    for node in ast.walk(ex.tree):
        if not isinstance(node, ast.Call):
            continue
        dotted = ex.dotted(node.func) or ""
        if dotted.rsplit(".", 1)[-1] != "Agent" or ex.fw_of_qual(ex.qualify(dotted)) != _SW:
            continue
        _agent(ex, node)


FRAMEWORKS = (
    Framework(
        label=_SW,
        roots=("swarms",),
        style_prefix="swarms",
        handoff_naming="builtin",
        # tools_list_dictionary=[{"type": "function", "function": {...}}]: schemas the model is given as they are
        tool_kws=("tools_list_dictionary",),
        # BaseTool(tools=[...]) converts functions to schemas; the code that sends them is where they reach a model
        not_tool_lists=("BaseTool",),
        file_hooks=(_agents,),
        # an Agent given only the autonomous loop or MCP servers carries no tool word (specific enough to cost nothing)
        words=('max_loops="auto"', "max_loops='auto'", "mcp_url", "mcp_config"),
    ),
)
