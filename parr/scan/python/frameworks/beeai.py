"""BeeAI Framework for Python (`beeai_framework`): @tool, Tool subclasses and the package's own tools."""

from __future__ import annotations

from parr.scan.python.frameworks import beeai_builtins as _generated
from parr.scan.python.frameworks.spec import Builtin, Decorator, Framework

_BEE = "beeai"

# Generated from the wheel by benchmarks/beeai_builtins.py; a class named at run time (HandoffTool, MCPTool,
# OpenAPITool, SandboxTool) is a site where it is given to a model.
_BUILTINS = {
    cls: (Builtin(_BEE, name, (), mutating, typed, "json_schema") if name is not None else
          Builtin(_BEE, "", (), mutating, typed, "json_schema", site="built-in tool named at run time"))
    for cls, (_module, name, mutating, typed) in _generated.PY_TOOLS.items()
}

FRAMEWORKS = (
    Framework(
        label=_BEE,
        roots=("beeai_framework",),
        # @tool / @tool(name=..., description=..., input_schema=...): name defaults to the function's,
        # description to its docstring, schema to its signature (beeai_framework/tools/tool.py).
        decorators=(Decorator("tool", "beeai.tool_decorator", receiver=None),),
        # class X(Tool[Input, Options, Output]) with name, description and input_schema attributes and a _run.
        tool_base_classes=("Tool",),
        class_style="beeai.Tool_subclass",
        builtin_classes=_BUILTINS,
    ),
)
