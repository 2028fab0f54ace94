"""Pydantic AI: @agent.tool / @agent.tool_plain, Tool(fn), toolsets=."""

from __future__ import annotations

import ast

from parr.scan.python.astutil import fn_arg
from parr.scan.python.frameworks.spec import Framework

def _tool(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """Tool(fn, takes_ctx=...)."""
    if fw_q == "pydantic-ai" or (node.args and ex.resolve_func_expr(node.args[0], scope) is not None):
        ex.fn_cand(node, scope, fn_arg(node, "function"), "pydantic-ai", "pydantic_ai.Tool")
    return True


FRAMEWORKS = (Framework(label="pydantic-ai", roots=("pydantic_ai",), style_prefix="pydantic_ai", call_hooks={"Tool": (_tool,)}),)
