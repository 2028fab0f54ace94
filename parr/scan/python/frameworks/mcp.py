"""Model Context Protocol servers: FastMCP (`mcp.server.fastmcp`, `fastmcp`) and the low-level `mcp` API."""

from __future__ import annotations

from parr.scan.python.frameworks.spec import Decorator, Framework

FRAMEWORKS = (
    Framework(
        label="mcp",
        roots=("mcp",),
        # a bare @tool imported from mcp is FastMCP's standalone decorator
        decorators=(Decorator("tool", "fastmcp.standalone_tool", receiver=None),),
    ),
    Framework(
        label="fastmcp",
        roots=("fastmcp",),
        decorators=(Decorator("tool", "fastmcp.standalone_tool", receiver=None),),
    ),
)
