"""LlamaIndex: FunctionTool(.from_defaults), QueryEngineTool, BaseToolSpec classes, llama-index-tools-* specs and
the llama-hub specs LlamaIndex up to 0.9 used (`from llama_hub.tools.metaphor.base import MetaphorToolSpec`)."""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _const_str, _kw
from parr.scan.python.frameworks import llamahub_toolspecs as _hub, llamaindex_toolspecs as _generated
from parr.scan.python.frameworks.spec import Builtin, Factory, Framework

TOOLSPEC_BASES = frozenset({"BaseToolSpec"})

# The name llama-index-core gives a tool made by `<Class>.from_defaults(...)` without `name=`
# (llama_index/core/tools/query_engine.py and retriever_tool.py: DEFAULT_NAME, 0.14).
DEFAULT_NAMES = {"QueryEngineTool": "query_engine_tool", "RetrieverTool": "retriever_tool"}


def _builtins(table) -> dict[str, tuple[Builtin, ...]]:
    return {cls: tuple(Builtin("llama-index", name, caps, mutating, typed, "type_hints", judged=True)
                       for name, mutating, typed, caps in tools)
            for cls, tools in table.items()}


# The tool specs of llama-hub, by class: a class imported from `llama_hub.` is looked up here (its
# releases' spec functions, benchmarks/llamaindex_toolspecs.py), one from `llama_index.` in TOOLSPECS.
HUB_TOOLSPECS = _builtins(_hub.LLAMAHUB_TOOLSPECS)


def _from_defaults(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """QueryEngineTool.from_defaults(query_engine, name=...), FunctionTool.from_defaults(fn)."""
    if "." not in d:
        return False
    recv_last = d.rsplit(".", 1)[0].rsplit(".", 1)[-1]
    kind = next((k for k in DEFAULT_NAMES if k in recv_last), None)
    if kind is not None:
        name_e = _kw(node, "name")
        n, r = ex.name_of(name_e, scope) if name_e is not None else (DEFAULT_NAMES[kind], None)
        if n or r:
            desc = _const_str(_kw(node, "description"))
            ex.new_cand(name=n, name_ref=r, line=node.lineno, framework="llama-index",
                        style="llama_index.QueryEngineTool", schema="framework_defined", typed=True,
                        description=desc, flags=("agent_tool",))
        else:
            ex.unresolved_site(node, "", node.lineno, "tool name made at run time")
        return True
    fexpr = _kw(node, "fn", "async_fn")
    if fexpr is None and node.args and ex.resolve_func_expr(node.args[0], scope) is not None:
        fexpr = node.args[0]
    if fexpr is not None:
        ex.fn_cand(node, scope, fexpr, "llama-index", "llama_index.FunctionTool.from_defaults")
    return True


def _get_function_tool(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    return ex.schema_factory_cand(node, scope, "llama-index", "llama_index.get_function_tool")


FRAMEWORKS = (
    Framework(
        label="llama-index",
        roots=("llama_index", "llama_hub"),
        style_prefix="llama_index",
        call_hooks={"from_defaults": (_from_defaults,), "get_function_tool": (_get_function_tool,)},
        factories=(
            Factory("FunctionTool", "llama-index", "llama_index.FunctionTool", when_kws=("fn", "async_fn"),
                    fn_kws=("fn", "async_fn"), meta_kw="metadata", meta_pos=1),
            # QueryEngineTool(query_engine, metadata=ToolMetadata(name=..., description=...)): a
            # natural-language question (`input: str`) to a query engine; the same for a retriever.
            Factory("QueryEngineTool", "llama-index", "llama_index.QueryEngineTool", fn_kws=(), fn_pos=None,
                    meta_kw="metadata", meta_pos=1, schema="framework_defined", typed=True, flags=("agent_tool",)),
            Factory("RetrieverTool", "llama-index", "llama_index.QueryEngineTool", fn_kws=(), fn_pos=None,
                    meta_kw="metadata", meta_pos=1, schema="framework_defined", typed=True, flags=("agent_tool",)),
        ),
        # ToolSpec classes of llama-index-tools-* packages -> the tools their to_tool_list() hands out,
        # read from the wheels by benchmarks/llamaindex_toolspecs.py (names and flags only)
        toolspecs=_builtins(_generated.TOOLSPECS),
    ),
)
