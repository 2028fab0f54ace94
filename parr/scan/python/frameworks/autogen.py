"""AutoGen (0.2 `autogen`, 0.4 `autogen_core`/`autogen_agentchat`/`autogen_ext`): register_for_llm, FunctionTool, BaseTool."""

from __future__ import annotations

from parr.scan.python.frameworks.spec import Decorator, Factory, Framework

FRAMEWORKS = (
    Framework(
        label="autogen",
        roots=("autogen_core", "autogen_ext", "autogen_agentchat", "autogen"),
        decorators=(Decorator("register_for_llm", "autogen.register_for_llm", as_call=False),),
        factories=(Factory("FunctionTool", "autogen", "autogen.FunctionTool", when_args=True),),
        tool_base_classes=("BaseTool", "BaseToolWithState", "BaseStreamTool"),
        class_style="autogen.BaseTool_subclass",
    ),
)
