"""Microsoft Agent Framework (`agent_framework`): @tool / @ai_function, FunctionTool / AIFunction."""

from __future__ import annotations

from parr.scan.python.frameworks.spec import Decorator, Factory, Framework

_AF = "agent-framework"
_ALWAYS = (("approval_mode", "always_require"),)

FRAMEWORKS = (
    Framework(
        label=_AF,
        roots=("agent_framework",),
        style_prefix="agent_framework",
        decorators=(
            Decorator("ai_function", "agent_framework.ai_function", gate_values=_ALWAYS),
            Decorator("tool", "agent_framework.tool", receiver=None, gate_values=_ALWAYS),
        ),
        factories=(
            # FunctionTool(name=..., description=..., func=fn): without func it only declares the
            # tool; the model's call comes back to the caller.
            Factory("FunctionTool", _AF, "agent_framework.FunctionTool", fn_pos=None, gate_values=_ALWAYS),
            Factory("AIFunction", _AF, "agent_framework.FunctionTool", fn_pos=None, gate_values=_ALWAYS),
        ),
    ),
)
