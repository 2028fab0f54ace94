"""The OpenAI Python SDK used directly: function-schema dicts, hosted tool dicts, pydantic_function_tool."""

from __future__ import annotations

import ast

from parr.scan.python.frameworks.spec import Framework

def _pydantic_function_tool(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    return ex.schema_factory_cand(node, scope, "openai", "openai.pydantic_function_tool")


FRAMEWORKS = (Framework(label="openai", roots=("openai",), call_hooks={"pydantic_function_tool": (_pydantic_function_tool,)}),)
