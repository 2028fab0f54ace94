"""MCP TypeScript SDK (`@modelcontextprotocol/*`): server.registerTool / server.tool, tools/list."""

from parr.scan.typescript.frameworks.spec import Factory, FrameworkSpec, Registration

SPEC = FrameworkSpec(
    id="mcp-typescript-sdk",
    prefixes=("@modelcontextprotocol/",),
    registrations=(
        # registerTool(name, { title, description, inputSchema, annotations }, handler)
        Registration("registerTool", "mcp_ts.registerTool"),
        # tool(name, description?, schema?, annotations?, handler)
        Registration("tool", "mcp_ts.tool"),
    ),
    # A tools/list answer: { name, description, inputSchema }
    factories=(Factory("<tools/list entry>", "mcp_ts.list_tools", name_keys=("name",), schema_keys=("inputSchema",),
                       handler_keys=()),),
)
