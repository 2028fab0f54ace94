"""OpenAI API (`openai`): raw function definitions, zodFunction(), hosted tool types."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tree_sitter import Node

from parr.scan.evidence import OPENAI_HOSTED_TYPES
from parr.scan.typescript import dispatch, loops
from parr.scan.typescript import effects as fx
from parr.scan.typescript.frameworks.spec import Builtin, Factory, FrameworkSpec
from parr.scan.typescript.nodes import object_entries, property_key, string_literal

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


def function_type(det: Detector, obj: Node | None) -> None:
    """{ type: "function", function: { name, description, parameters } } and its flat form (Responses API)."""
    if obj is None or obj.type != "object" or det.ctx.is_claimed(obj):
        return
    parent = obj.parent
    while parent is not None and parent.type in ("parenthesized_expression", "as_expression", "satisfies_expression"):
        parent = parent.parent
    if parent is not None and parent.type == "pair" and property_key(parent) in (
            "tool_choice", "toolChoice", "function_call", "functionCall"):
        return
    entries = object_entries(obj)
    if "arguments" in entries or "call_id" in entries:
        return
    inner_node = det._entry(entries, "function")
    inner = det.ctx.value_node(inner_node) if inner_node is not None else None
    target_entries = entries
    if inner is not None and inner.type == "object":
        target_entries = object_entries(inner)
        det.ctx.claim(inner)
    if "arguments" in target_entries:
        return
    if "parameters" not in target_entries and "description" not in target_entries:
        return
    name_node = det._entry(target_entries, "name")
    name = (det._names(name_node) or None) if name_node is not None else None
    if name is None:
        if name_node is not None:
            loops.function_object(det, obj, name_node)
        return
    det.ctx.claim(obj)
    schema_node = det._entry(target_entries, "parameters")
    info = det._schema_of(schema_node)
    desc, dref = det._description(det._entry(target_entries, "description"))
    handler = det._handler(det._entry(target_entries, "function")) if inner is None else None
    if handler is None and len(name) == 1 and isinstance(name[0], str):
        handler = dispatch.raw_code(det.ctx, name[0])  # run where the model's call comes back
    eff = fx.analyze(det.ctx, handler) if handler is not None else None
    typed, tev = det._typed(info, None, eff, no_schema_means_no_params=True)
    if handler is None:
        typed, tev = det.executor_input(name, info, typed, tev)
    before = len(det.tools)
    det._emit(node=obj, name=name, framework="openai", style="openai.raw_function_schema",
               schema=info.kind if info.declared else "none", typed=typed, typed_evidence=tev,
               description=desc, description_ref=dref, handler=handler, eff=eff)
    if handler is None:
        # its code is not in this file: a function of the project switching on the tool's name (`case
        # ToolNames.ReadFile: return readFileImpl(args)`) runs it (the project phase finds the branch)
        for cand in det.tools[before:]:
            cand["dispatch_by_name"] = True

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
