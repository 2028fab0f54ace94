"""Cloudflare agents (`agents`, `agents/*`, `@cloudflare/*`): McpAgent, codemode, agentTool, x402."""

from parr.scan.typescript.frameworks import mcp
from parr.scan.typescript.frameworks.spec import Factory, FrameworkSpec, Registration

SPEC = FrameworkSpec(
    id="cloudflare-agents",
    packages=("agents",),
    prefixes=("@cloudflare/", "agents/"),
    factories=(
        Factory("createCodeTool", "codemode.createCodeTool", handler_keys=()),
        Factory("createExecuteTool", "think.createExecuteTool", handler_keys=(), config_arg=1),
        Factory("agentTool", "cloudflare.agentTool", schema_keys=("inputSchema", "parameters"), handler_keys=(),
                config_arg=1),
    ),
    # x402: paidTool(name, description, price, schema, handler)
    registrations=(Registration("paidTool", "x402.paidTool", hook=mcp.paid_tool),),
)
