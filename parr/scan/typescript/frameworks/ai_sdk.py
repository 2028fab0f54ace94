"""Vercel AI SDK (`ai`, `@ai-sdk/*`): tool(), dynamicTool(), provider tools, `tools:` maps."""

from parr.scan.typescript.frameworks.spec import Factory, FrameworkSpec

SPEC = FrameworkSpec(
    id="ai-sdk",
    packages=("ai",),
    prefixes=("@ai-sdk/",),
    factories=(
        Factory("tool", "ai_sdk.tool", schema_keys=("inputSchema", "parameters")),
        Factory("dynamicTool", "ai_sdk.dynamicTool", schema_keys=("inputSchema", "parameters")),
    ),
    context_keys=("tools",),
)

# Community providers whose `.tools.*` are provider-defined tools like @ai-sdk/*'s.
PROVIDER_PACKAGES = ("workers-ai-provider", "ollama-ai-provider", "@openrouter/ai-sdk-provider")


def is_provider_module(module: str | None) -> bool:
    return bool(module) and (module.startswith("@ai-sdk/") or "ai-sdk-provider" in module
                             or module in PROVIDER_PACKAGES)
