"""Vercel AI SDK (`ai`, `@ai-sdk/*`): tool(), dynamicTool(), provider tools, `tools:` maps."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from parr.scan.typescript import effects as fx
from parr.scan.typescript.frameworks import opencode
from parr.scan.typescript.frameworks.spec import Factory, FrameworkSpec
from parr.scan.typescript.nodes import member_chain, unwrap
from parr.scan.typescript.schema import SchemaInfo, analyze_schema

if TYPE_CHECKING:
    from parr.scan.typescript.detect import Detector


def tool(det: Detector, call: Node, args: list[Node], style: str) -> None:
    """tool({ description, inputSchema, execute }), dynamicTool, OpenCode's plugin tool: named by where it is stored."""
    if not args:
        return
    cfg, entries = det._config(args[0])
    if cfg is None:
        return
    det.ctx.claim(cfg)
    callee = member_chain(unwrap(call.child_by_field_name("function")))
    in_opencode = bool(callee) and det.ctx.import_source(callee[0]) == opencode.PACKAGE
    if det._register_wrapper(cfg, entries, "opencode" if in_opencode else "ai-sdk",
                              opencode.SPEC.factory("tool").style if in_opencode else style):
        return
    if det._wraps_parameters(entries, ("description",), ("inputSchema", "parameters", "args")):
        return  # tool({ description, inputSchema: schema, execute }) over a function's parameters: an adapter
    in_opencode = bool(callee) and det.ctx.import_source(callee[0]) == opencode.PACKAGE
    # OpenCode plugins: tool({ description, args: { x: tool.schema.string() }, execute })
    spec = (opencode.SPEC if in_opencode else SPEC).factory("tool")
    schema_node = det._entry(entries, *spec.schema_keys)
    handler = det._handler(det._entry(entries, "execute"))
    info = analyze_schema(det.ctx, schema_node) if schema_node is not None else SchemaInfo()
    eff = fx.analyze(det.ctx, handler) if handler is not None else fx.Effects()
    typed, tev = det._typed(info, handler, eff)
    typed, tev = det._spread_evidence(cfg, info, typed, tev)
    desc, dref = det._description(det._entry(entries, "description"))
    naming = det._naming(call)
    if in_opencode:
        framework, style = opencode.SPEC.id, spec.style
    else:
        framework = "ai-sdk"
    det._emit_named(call, naming, default_name=None, framework=framework, style=style,
                     schema=info.kind if info.declared else "none", typed=typed, typed_evidence=tev,
                     description=desc, description_ref=dref, handler=handler, eff=eff,
                     gates=det._gates(entries, eff), annotations=det._annotations(det._entry(entries, "annotations")),
                     definition=det._definition_ref(cfg, None, info))


SPEC = FrameworkSpec(
    id="ai-sdk",
    packages=("ai",),
    prefixes=("@ai-sdk/",),
    factories=(
        # Cloudflare agents, Mastra and VoltAgent re-export the AI SDK's tool().
        Factory("tool", "ai_sdk.tool", schema_keys=("inputSchema", "parameters"),
                hook=lambda det, call, args, fw, fname: tool(det, call, args, "ai_sdk.tool"),
                read_for=("ai-sdk", "cloudflare-agents", "mastra", "voltagent")),
        Factory("dynamicTool", "ai_sdk.dynamicTool", schema_keys=("inputSchema", "parameters"),
                hook=lambda det, call, args, fw, fname: tool(det, call, args, "ai_sdk.dynamicTool"), read_for=("*",)),
    ),
    context_keys=("tools",),
)

# Community providers whose `.tools.*` are provider-defined tools like @ai-sdk/*'s.
PROVIDER_PACKAGES = ("workers-ai-provider", "ollama-ai-provider", "@openrouter/ai-sdk-provider")


def is_provider_module(module: str | None) -> bool:
    return bool(module) and (module.startswith("@ai-sdk/") or "ai-sdk-provider" in module
                             or module in PROVIDER_PACKAGES)
