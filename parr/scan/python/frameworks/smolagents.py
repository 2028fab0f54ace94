"""smolagents: @tool, Tool and PipelineTool subclasses."""

from __future__ import annotations

from parr.scan.python.frameworks.spec import Decorator, Framework

FRAMEWORKS = (
    Framework(
        label="smolagents",
        roots=("smolagents",),
        decorators=(Decorator("tool", "smolagents.tool_decorator", receiver=None),),
        tool_base_classes=("Tool", "PipelineTool"),
        class_style="smolagents.Tool_subclass",
    ),
)
