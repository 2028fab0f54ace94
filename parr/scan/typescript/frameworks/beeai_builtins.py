"""The BeeAI Framework's own TypeScript tools, as data (generated: do not edit).

Written by benchmarks/beeai_builtins.py from the npm package beeai-framework 0.1.30, read with
tree-sitter (names and flags only; its docstring gives the rules).
"""

from __future__ import annotations

# class -> (name the model sees or None when set at run time, mutating, typed, renamed by the `name` option).
TS_TOOLS: dict[str, tuple[str | None, bool, bool, bool]] = {
    'ArXivTool': ('ArXiv', False, True, False),
    'CalculatorTool': ('Calculator', False, True, False),
    'CustomTool': (None, True, False, False),
    'ElasticSearchTool': ('ElasticSearchTool', False, True, False),
    'MilvusDatabaseTool': ('MilvusDatabaseTool', True, True, False),
    'QdrantDatabaseTool': ('QdrantDatabaseTool', True, True, False),
    'SQLTool': ('SQLTool', True, False, False),
    'HandoffTool': (None, False, True, False),
    'LLMTool': ('LLM', False, True, True),
    'MCPTool': (None, True, False, False),
    'OpenAPITool': (None, True, False, False),
    'PythonTool': ('Python', True, False, False),
    'DuckDuckGoSearchTool': ('DuckDuckGo', False, True, False),
    'GoogleSearchTool': ('GoogleSearch', False, True, False),
    'SearXNGTool': ('Web Search', False, True, False),
    'WikipediaTool': ('Wikipedia', False, True, False),
    'SimilarityTool': ('Similarity', False, True, False),
    'ThinkTool': ('think', False, True, False),
    'OpenMeteoTool': ('OpenMeteo', False, True, False),
    'WebCrawlerTool': ('WebCrawler', False, True, False),
}
