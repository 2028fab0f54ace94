"""OpenAI Agents SDK (`agents`): @function_tool, FunctionTool(...), hosted and local built-in tools."""

from __future__ import annotations

from parr.scan.python.frameworks.spec import Builtin, Decorator, Factory, Framework

_OA = "openai-agents"

FRAMEWORKS = (
    Framework(
        label=_OA,
        roots=("agents",),
        style_prefix="openai_agents",
        decorators=(
            Decorator("function_tool", "openai_agents.function_tool", name_kws=("name_override",),
                      desc_kws=("description_override", "description")),
            # `from agents import tool`-style bare @tool in a file that speaks only this SDK
            Decorator("tool", "openai_agents.function_tool", receiver=None),
        ),
        factories=(
            Factory("FunctionTool", _OA, "openai_agents.FunctionTool", when_kws=("params_json_schema",),
                    fn_kws=("on_invoke_tool",), fn_pos=None, schema="json_schema", gate_kws=("needs_approval",)),
        ),
        builtin_classes={
            "WebSearchTool": Builtin(_OA, "web_search", ("http",)),
            "FileSearchTool": Builtin(_OA, "file_search"),
            "ComputerTool": Builtin(_OA, "computer_use_preview", ("computer_use",), True),
            "CodeInterpreterTool": Builtin(_OA, "code_interpreter", ("code_execution",), True, False),
            "HostedMCPTool": Builtin(_OA, "hosted_mcp", ("mcp_remote",)),
            "ImageGenerationTool": Builtin(_OA, "image_generation"),
            "LocalShellTool": Builtin(_OA, "local_shell", ("shell",), True, False),
            "ShellTool": Builtin(_OA, "shell", ("shell",), True, False),
            "ApplyPatchTool": Builtin(_OA, "apply_patch", ("file_write",), True),
        },
    ),
)
