"""smolagents: @tool, Tool and PipelineTool subclasses, its default tools, add_base_tools=True."""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _kw
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


FRAMEWORKS = (
    Framework(
        label=_SA,
        roots=("smolagents",),
        decorators=(Decorator("tool", "smolagents.tool_decorator", receiver=None),),
        tool_base_classes=("Tool", "PipelineTool"),
        class_style="smolagents.Tool_subclass",
        builtin_classes=_BUILTINS,
        call_hooks={"CodeAgent": (_base_tools,), "ToolCallingAgent": (_base_tools,)},
    ),
)
