"""crewAI: @tool("Name"), BaseTool subclasses (names sanitised the way crewAI sends them)."""

from __future__ import annotations

from parr.scan.python.frameworks.spec import Decorator, Framework

FRAMEWORKS = (
    Framework(
        label="crewai",
        roots=("crewai", "crewai_tools"),
        decorators=(Decorator("tool", "crewai.tool_decorator", receiver=None),),
        tool_base_classes=("BaseTool",),
        class_style="crewai.BaseTool_subclass",
    ),
)
