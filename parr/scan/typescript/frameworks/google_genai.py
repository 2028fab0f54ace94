"""Google Gen AI (`@google/genai`, `@google/generative-ai`): functionDeclarations and built-in tools."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from parr.scan.typescript.frameworks.spec import Builtin, Factory, FrameworkSpec

if TYPE_CHECKING:
    from parr.scan.typescript.detect import Detector

_SEARCH = Builtin("", False, True, ("http",))
_CODE = Builtin("", True, False, ("code_execution",))
_FILES = Builtin("", False, True)
_COMPUTER = Builtin("", True, True, ("computer_use",))


def hosted_object(det: Detector, obj: Node, entries: dict[str, Node]) -> bool:
    """{ googleSearch: {} } in a tools array: the key is the built-in tool."""
    if len(entries) == 1:
        (k, e), = entries.items()
        if k in SPEC.builtins:
            builtin = SPEC.builtins[k]
            mut, typed, caps = builtin.mutating, builtin.typed, builtin.capabilities
            det.ctx.claim(obj)
            det._emit(node=obj, name=k, framework="google-genai", style="gemini.builtin_tool",
                      schema="provider_defined", typed=typed,
                      typed_evidence=[] if typed else ["model-written code is executed"],
                      caps=caps, kind_mutating=mut)
            return True
    return False

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
    hosted_object=lambda det, obj, entries: hosted_object(det, obj, entries),
)
