"""LlamaIndex: FunctionTool(.from_defaults), QueryEngineTool, BaseToolSpec classes and llama-index-tools-* specs."""

from __future__ import annotations

from parr.scan.python.frameworks.spec import Factory, Framework

TOOLSPEC_BASES = frozenset({"BaseToolSpec"})

FRAMEWORKS = (
    Framework(
        label="llama-index",
        roots=("llama_index",),
        style_prefix="llama_index",
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
