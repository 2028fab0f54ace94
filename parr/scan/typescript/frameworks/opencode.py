"""OpenCode plugins (`@opencode-ai/plugin`): tool({ description, args, execute })."""

from parr.scan.typescript.frameworks.spec import Factory, FrameworkSpec

SPEC = FrameworkSpec(
    id="opencode",
    # Not in the family lookup (framework_of): its tool() is read as the AI SDK's, then told apart by the
    # import of the callee.
    factories=(Factory("tool", "opencode.plugin_tool", schema_keys=("args",)),),
)
PACKAGE = "@opencode-ai/plugin"
