"""SuperAGI: subclasses of its own pydantic BaseTool (superagi.tools.base_tool), handed out by toolkits' get_tools()."""

from __future__ import annotations

from parr.scan.python.frameworks.spec import Framework

FRAMEWORKS = (
    Framework(
        label="superagi",
        roots=("superagi",),
        # superagi/tools/base_tool.py: BaseTool(BaseModel) declares name, description and
        # args_schema (the pydantic model the agent prompt lists per tool) and an abstract
        # _execute, the body execute() runs. A subclass with a literal name is one tool; its
        # toolkit (BaseToolkit, "... Toolkit") only lists instances and is no tool itself.
        # The module-level @tool decorator is left out: FunctionalTool.from_function sets no
        # name, so what the model would see cannot be read from the code.
        tool_base_classes=("BaseTool",),
        class_style="superagi.BaseTool_subclass",
    ),
)
