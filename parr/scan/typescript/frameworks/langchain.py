"""LangChain.js / LangGraph.js (`langchain`, `@langchain/*`): tool(), Dynamic*Tool, Tool subclasses, built-in tool classes."""

from parr.scan.typescript.frameworks.langchain_builtins import BUILTIN_CLASSES
from parr.scan.typescript.frameworks.spec import Factory, FrameworkSpec

SPEC = FrameworkSpec(
    id="langchainjs",
    packages=("langchain",),
    prefixes=("@langchain/", "langchain"),
    factories=(
        # tool(fn, { name, description, schema }), or headless tool({ name, description, schema })
        Factory("tool", "langchain_js.tool", name_keys=("name",), schema_keys=("schema",), handler_keys=(),
                config_arg=1),
        Factory("DynamicStructuredTool", "langchain_js.DynamicStructuredTool", name_keys=("name",),
                schema_keys=("schema",), handler_keys=("func",)),
        Factory("DynamicTool", "langchain_js.DynamicTool", name_keys=("name",), handler_keys=("func",)),
    ),
    tool_classes={"Tool": "Tool", "StructuredTool": "StructuredTool", "DynamicTool": "DynamicTool",
                  "DynamicStructuredTool": "StructuredTool", "BaseTool": "StructuredTool"},
    builtins=BUILTIN_CLASSES,  # `new TavilySearchResults()` and the like, imported from langchain_builtins.PACKAGES
    context_keys=("tools",),
)
