"""DSPy (`dspy`): dspy.Tool(fn, name=, desc=), and the modules that hand a model tools (ReAct, ReActV2, CodeAct).

What the model sees (dspy/adapters/types/tool.py, dspy/predict/react.py, react_v2.py, code_act.py of
stanfordnlp/dspy): a tool is `Tool(func, name=None, desc=None, args=None, ...)`, named `name` or the
function's `__name__`, described by `desc` or the docstring, its arguments from the signature's type hints. A
plain function in `tools=[...]` is wrapped as `Tool(fn)`. `ReAct(signature, tools=[...])` adds its own
`finish` tool (no arguments; it only ends the loop) and `ReActV2` its `submit` (the signature's output
fields, returned as they are); `CodeAct(signature, tools=[...])` lets generated code call the functions, each
listed to the model by name. `Tool.from_langchain(t)` is the LangChain tool as it is; `Tool.from_mcp_tool`
lists a server's tools at run time (a site where it is handed over).
"""

from __future__ import annotations

import ast

from parr.scan.python.astutil import fn_arg
from parr.scan.python.frameworks.spec import Builtin, Framework

_DSPY = "dspy"

# The tool each agent module adds to the user's tools, by module class.
LOOP_TOOLS = {
    "ReAct": Builtin(_DSPY, "finish", description="Marks the task as complete (ReAct's own tool; no arguments)."),
    "ReActV2": Builtin(_DSPY, "submit", description="Returns the final outputs (ReActV2's own tool)."),
}


def _tool(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """dspy.Tool(func, name=None, desc=None): named `name` or the function's name, `desc` or the docstring."""
    if fw_q != _DSPY:
        return False
    ex.fn_cand(node, scope, fn_arg(node, "func", pos=0), _DSPY, "dspy.Tool", desc_kws=("desc",))
    return True


def _loop_tool(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """dspy.ReAct(signature, tools=[...]): the model also gets the module's own finish (ReActV2: submit)."""
    if fw_q != _DSPY:
        return False
    b = LOOP_TOOLS[d.rsplit(".", 1)[-1]]
    ex.builtin_cand(b, node.lineno, "loop_tool")
    return True


FRAMEWORKS = (
    Framework(
        label=_DSPY,
        roots=("dspy",),
        style_prefix="dspy",
        call_hooks={"Tool": (_tool,), **{cls: (_loop_tool,) for cls in LOOP_TOOLS}},
        tool_adapters=("from_langchain",),
    ),
)
