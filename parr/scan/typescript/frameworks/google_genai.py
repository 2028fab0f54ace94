"""Google Gen AI (`@google/genai`, `@google/generative-ai`): functionDeclarations and built-in tools."""

from parr.scan.typescript.frameworks.spec import Builtin, Factory, FrameworkSpec

_SEARCH = Builtin("", False, True, ("http",))
_CODE = Builtin("", True, False, ("code_execution",))
_FILES = Builtin("", False, True)
_COMPUTER = Builtin("", True, True, ("computer_use",))

SPEC = FrameworkSpec(
    id="google-genai",
    prefixes=("@google/genai", "@google/generative-ai"),
    factories=(Factory("<functionDeclarations entry>", "gemini.function_declarations", name_keys=("name",),
                       schema_keys=("parameters",), handler_keys=()),),
    # { googleSearch: {} } in a tools array: the key is the tool
    builtins={key: Builtin(key, b.mutating, b.typed, b.capabilities) for key, b in (
        ("googleSearch", _SEARCH), ("google_search", _SEARCH),
        ("googleSearchRetrieval", _SEARCH), ("google_search_retrieval", _SEARCH),
        ("codeExecution", _CODE), ("code_execution", _CODE),
        ("urlContext", _SEARCH), ("url_context", _SEARCH),
        ("googleMaps", _SEARCH), ("google_maps", _SEARCH),
        ("fileSearch", _FILES), ("file_search", _FILES),
        ("enterpriseWebSearch", _SEARCH),
        ("computerUse", _COMPUTER), ("computer_use", _COMPUTER),
    )},
    context_keys=("functionDeclarations", "function_declarations", "tools"),
)
