"""Pydantic AI: @agent.tool / @agent.tool_plain, Tool(fn), toolsets=, native tools, capabilities, common tools."""

from __future__ import annotations

import ast

from parr.scan.python.astutil import fn_arg
from parr.scan.python.frameworks import agent_builtins as _generated
from parr.scan.python.frameworks.spec import Builtin, Framework

_PA = "pydantic-ai"


def _tool(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """Tool(fn, takes_ctx=...)."""
    if fw_q == "pydantic-ai" or (node.args and ex.resolve_func_expr(node.args[0], scope) is not None):
        ex.fn_cand(node, scope, fn_arg(node, "function"), "pydantic-ai", "pydantic_ai.Tool")
    return True


def _builtin(row, schema: str) -> Builtin:
    name, mutating, typed, caps = row
    # MCPServerTool(url=...): the provider calls a remote MCP server whose tools are named at run time
    site = "hosted remote MCP server: its tools are named at run time" if name == "mcp_server" else None
    return Builtin(_PA, name, caps, mutating, typed, schema, site=site)


# Read from the package by benchmarks/agent_builtins.py. Native tools run at the provider and are
# named by their kind; a capability (WebSearch()) gives its native tool; a common tool
# (duckduckgo_search_tool()) is a Tool made by the package, its name fixed there.
_BUILTINS = {
    **{cls: _builtin(row, "provider_defined") for cls, row in _generated.PYDANTIC_NATIVE.items()},
    **{cls: _builtin(row, "provider_defined") for cls, row in _generated.PYDANTIC_CAPABILITIES.items()},
    **{fn: _builtin(row, "type_hints") for fn, row in _generated.PYDANTIC_COMMON.items()},
}

FRAMEWORKS = (Framework(
    label=_PA, roots=("pydantic_ai",), style_prefix="pydantic_ai", call_hooks={"Tool": (_tool,)},
    # Agent(builtin_tools=[WebSearchTool()]) (1.x), capabilities=[WebSearch()]: tools the model is given
    tool_kws=("builtin_tools", "native_tools", "capabilities"),
    # capabilities=[NativeTool(WebFetchTool())]: the capability that hands over one native tool
    wrapper_calls=("NativeTool",),
    builtin_classes=_BUILTINS,
),)
