"""Model Context Protocol servers: FastMCP (`mcp.server.fastmcp`, `fastmcp`) and the low-level `mcp` API."""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _const_str, _kw
from parr.scan.python.frameworks.spec import Decorator, Framework

def _lowlevel_tool(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """types.Tool(name=..., description=..., inputSchema={...}) listed by a low-level server."""
    if not (_kw(node, "inputSchema", "input_schema") is not None or fw_q == "mcp"):
        return False
    n, r = ex.str_of(_kw(node, "name"), scope)
    if n or r:
        schema_v = _kw(node, "inputSchema", "input_schema")
        sch = ex.json_schema_info(schema_v, scope)
        desc = _const_str(_kw(node, "description"))
        ann = ex._mcp_annotations(node)
        ex.new_cand(name=n, name_ref=r, line=node.lineno, framework="mcp", style="mcp.lowlevel_Tool",
                    schema="json_schema", description=desc, annotations=ann, extra={"jschema": sch})
        ex.consumed.add(id(node))
    return True


FRAMEWORKS = (
    Framework(
        label="mcp",
        roots=("mcp",),
        call_hooks={"Tool": (_lowlevel_tool,)},
        # a bare @tool imported from mcp is FastMCP's standalone decorator
        decorators=(Decorator("tool", "fastmcp.standalone_tool", receiver=None),),
    ),
    Framework(
        label="fastmcp",
        roots=("fastmcp",),
        decorators=(Decorator("tool", "fastmcp.standalone_tool", receiver=None),),
    ),
)
