"""OpenAI API (`openai`): raw function definitions, zodFunction(), hosted tool types."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tree_sitter import Node

from parr.scan.evidence import OPENAI_HOSTED_TYPES
from parr.scan.typescript.frameworks.spec import Builtin, Factory, FrameworkSpec
from parr.scan.typescript.nodes import string_literal

if TYPE_CHECKING:
    from parr.scan.typescript.detect import Detector


def hosted_object(det: Detector, obj: Node, entries: dict[str, Node]) -> bool:
    """{ type: "web_search" } and the other hosted tool types in a tools array (an MCP one named by its label)."""
    t = det._entry(entries, "type")
    tval = string_literal(t) if t is not None else None
    if tval is None or tval == "function" or tval not in SPEC.builtins:
        return False
    builtin = SPEC.builtins[tval]
    mut, typed, caps = builtin.mutating, builtin.typed, builtin.capabilities
    name: Any = tval
    if tval == "mcp":
        lab = det._entry(entries, "server_label", "serverLabel")
        v = det.ctx.string_value(lab) if lab is not None else None
        name = v if v is not None else "mcp"
    det.ctx.claim(obj)
    det._emit(node=obj, name=name, framework="openai", style="openai.builtin_tool",
              schema="provider_defined", typed=typed, caps=caps,
              kind_mutating=None if tval == "mcp" else mut,
              typed_evidence=[] if typed else ["model-written command or code"])
    return True

SPEC = FrameworkSpec(
    id="openai",
    packages=("openai",),
    prefixes=("openai/",),
    factories=(
        Factory("zodFunction", "openai.zodFunction", name_keys=("name",), schema_keys=("parameters",), handler_keys=(),
                hook=lambda det, call, args, fw, fname: det._factory_tool(call, args, SPEC, SPEC.factory(fname)),
                read_for=("*",)),
        Factory("zodResponsesFunction", "openai.zodFunction", name_keys=("name",), schema_keys=("parameters",),
                handler_keys=(), hook=lambda det, call, args, fw, fname: det._factory_tool(call, args, SPEC, SPEC.factory(fname)),
                read_for=("*",)),
        # { type: "function", function: { name, description, parameters } } and its flat form
        Factory("<type: function>", "openai.raw_function_schema", name_keys=("name",), schema_keys=("parameters",),
                handler_keys=()),
    ),
    # { type: "web_search" } and the like in a tools array (shared with the Python scanner)
    builtins={t: Builtin(t, mut, typed, caps) for t, (mut, typed, caps) in OPENAI_HOSTED_TYPES.items()},
    hosted_object=lambda det, obj, entries: hosted_object(det, obj, entries),
)
