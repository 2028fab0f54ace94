"""The OpenAI Python SDK used directly: function-schema dicts, hosted tool dicts, pydantic_function_tool,
and the typed constructors of the same dicts (openai's and litellm's TypedDicts)."""

from __future__ import annotations

import ast

from parr.scan.python.frameworks.spec import Framework

# The TypedDicts a chat-completions tool is written with: `ChatCompletionToolParam(type="function",
# function=FunctionDefinition(name=..., parameters={...}))` (openai.types.chat), litellm's
# `ChatCompletionToolParam(..., function=ChatCompletionToolParamFunctionChunk(...))`. Called, a
# TypedDict is the dict of its keywords: read as that dict literal.
_TOOL_PARAMS = ("ChatCompletionToolParam", "ChatCompletionFunctionToolParam")
FUNCTION_CHUNKS = frozenset({"ChatCompletionToolParamFunctionChunk", "FunctionDefinition"})


def typed_dict(node: ast.Call) -> ast.Dict | None:
    """The dict literal a TypedDict constructor called with keywords only stands for."""
    if node.args or not node.keywords or any(k.arg is None for k in node.keywords):
        return None
    keys = [ast.copy_location(ast.Constant(value=k.arg), k.value) for k in node.keywords]
    values = []
    for k in node.keywords:
        v = k.value
        if k.arg == "function" and isinstance(v, ast.Call) and _callee(v) in FUNCTION_CHUNKS:
            v = typed_dict(v) or v
        values.append(v)
    return ast.copy_location(ast.Dict(keys=keys, values=values), node)


def _callee(node: ast.Call) -> str:
    f = node.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


def _tool_param(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    synthetic = typed_dict(node)
    if synthetic is None:
        return False
    ex.synthetic.append(synthetic)  # (its id() goes into the consumed set: no later node may reuse it)
    made = len(ex.cands)
    ex.visit_dict(synthetic, scope)
    return len(ex.cands) > made


def _pydantic_function_tool(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    return ex.schema_factory_cand(node, scope, "openai", "openai.pydantic_function_tool")


FRAMEWORKS = (Framework(label="openai", roots=("openai",), call_hooks={
    "pydantic_function_tool": (_pydantic_function_tool,),
    **{name: (_tool_param,) for name in _TOOL_PARAMS}}),)
