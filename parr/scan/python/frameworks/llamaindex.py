"""LlamaIndex: FunctionTool(.from_defaults), QueryEngineTool, BaseToolSpec classes and llama-index-tools-* specs."""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _const_str, _kw
from parr.scan.python.frameworks.spec import Factory, Framework

TOOLSPEC_BASES = frozenset({"BaseToolSpec"})

def _from_defaults(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """QueryEngineTool.from_defaults(name=...), FunctionTool.from_defaults(fn)."""
    if "." not in d:
        return False
    recv_last = d.rsplit(".", 1)[0].rsplit(".", 1)[-1]
    if "QueryEngineTool" in recv_last or "RetrieverTool" in recv_last:
        n, r = ex.str_of(_kw(node, "name"), scope)
        if n or r:
            desc = _const_str(_kw(node, "description"))
            ex.new_cand(name=n, name_ref=r, line=node.lineno, framework="llama-index",
                        style="llama_index.QueryEngineTool", schema="framework_defined", typed=False,
                        description=desc, flags=("agent_tool",))
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
        roots=("llama_index",),
        style_prefix="llama_index",
        call_hooks={"from_defaults": (_from_defaults,), "get_function_tool": (_get_function_tool,)},
        factories=(
            Factory("FunctionTool", "llama-index", "llama_index.FunctionTool", when_kws=("fn", "async_fn"),
                    fn_kws=("fn", "async_fn")),
        ),
        # llama-index ToolSpec classes from llama-index-tools-* packages -> spec_functions (model names)
        toolspecs={
            "TavilyToolSpec": ("search",),
            "WikipediaToolSpec": ("load_data", "search_data"),
            "DuckDuckGoSearchToolSpec": ("duckduckgo_instant_search", "duckduckgo_full_search"),
            "ArxivToolSpec": ("arxiv_query",),
            "BraveSearchToolSpec": ("brave_search",),
            "YahooFinanceToolSpec": ("balance_sheet", "income_statement", "cash_flow", "stock_basic_info",
                                     "stock_analyst_recommendations", "stock_news"),
        },
    ),
)
