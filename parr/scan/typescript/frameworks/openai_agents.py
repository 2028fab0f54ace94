"""OpenAI Agents JS (`@openai/agents*`): tool(), hosted tools, agent.asTool(), hand-offs."""

from parr.scan.typescript.frameworks.spec import Builtin, Factory, FrameworkSpec, Handoff

SPEC = FrameworkSpec(
    id="openai-agents-js",
    prefixes=("@openai/agents",),
    factories=(
        Factory("tool", "openai_agents_js.tool", name_keys=("name",), schema_keys=("parameters",)),
        Factory("asTool", "openai_agents_js.as_tool", name_keys=("toolName", "name"),
                description_keys=("toolDescription", "description"), handler_keys=()),
    ),
    builtins={
        "webSearchTool": Builtin("web_search", False, True, ("http",)),
        "fileSearchTool": Builtin("file_search", False, True),
        "codeInterpreterTool": Builtin("code_interpreter", True, False, ("code_execution",)),
        "imageGenerationTool": Builtin("image_generation", False, True),
        "computerTool": Builtin("computer_use_preview", True, True, ("computer_use",)),
        "shellTool": Builtin("shell", True, False, ("shell",)),
        "localShellTool": Builtin("local_shell", True, False, ("shell",)),
        "applyPatchTool": Builtin("apply_patch", True, True, ("file_write",)),
        "toolSearchTool": Builtin("tool_search", False, True),
    },
    handoffs=(Handoff("handoff", "openai_agents_js.handoff", "transfer_to_", "toolNameOverride"),),
    context_keys=("tools", "handoffs"),
)
