"""Cloudflare agents (`agents`, `agents/*`, `@cloudflare/*`): McpAgent, codemode, agentTool, x402."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from parr.scan.typescript.frameworks import mcp
from parr.scan.typescript.frameworks.spec import Factory, FrameworkSpec, Registration

if TYPE_CHECKING:
    from parr.scan.typescript.detect import Detector


def agent_tool(det: Detector, call: Node, args: list[Node]) -> None:
    """agentTool(ResearcherAgent, { description, inputSchema }): a sub-agent the model calls."""
    cfg, entries = det._config(args[1]) if len(args) > 1 else (None, {})
    if cfg is not None:
        det.ctx.claim(cfg)
    schema_node = det._entry(entries, "inputSchema", "parameters")
    info = det._schema_of(schema_node)
    typed, tev = det._typed(info, None, None, no_schema_means_no_params=True)
    desc, dref = det._description(det._entry(entries, "description"))
    det._emit_named(call, det._naming(call), default_name=None, framework="cloudflare-agents",
                     style="cloudflare.agentTool", schema=info.kind if info.declared else "none",
                     typed=typed, typed_evidence=tev, description=desc, description_ref=dref,
                     gates=det._gates(entries, None))


def code_tool(det: Detector, call: Node, args: list[Node], style: str = "codemode.createCodeTool",
               default_name: str = "codemode") -> None:
    """createCodeTool / Think's execute tool: the model writes code the agent runs."""
    cfg, entries = det._config(args[0]) if args else (None, {})
    if cfg is not None:
        det.ctx.claim(cfg)
    desc, dref = det._description(det._entry(entries, "description"))
    naming = det._naming(call)
    det._emit_named(call, naming, default_name=default_name, framework="cloudflare-agents",
                     style=style, schema="framework_defined", typed=False,
                     typed_evidence=["model-written code is executed"], description=desc,
                     description_ref=dref, caps=("code_execution",), kind_mutating=True,
                     gates=det._gates(entries, None))


SPEC = FrameworkSpec(
    id="cloudflare-agents",
    packages=("agents",),
    prefixes=("@cloudflare/", "agents/"),
    factories=(
        Factory("createCodeTool", "codemode.createCodeTool", handler_keys=(),
                hook=lambda det, call, args, fw, fname: code_tool(det, call, args), read_for=("*",)),
        Factory("createExecuteTool", "think.createExecuteTool", handler_keys=(), config_arg=1,
                hook=lambda det, call, args, fw, fname: code_tool(det, call, args[1:], style="think.createExecuteTool",
                                                                  default_name="execute")),
        Factory("agentTool", "cloudflare.agentTool", schema_keys=("inputSchema", "parameters"), handler_keys=(),
                config_arg=1, hook=lambda det, call, args, fw, fname: agent_tool(det, call, args)),
    ),
    # x402: paidTool(name, description, price, schema, handler)
    registrations=(Registration("paidTool", "x402.paidTool", hook=mcp.paid_tool),),
)
