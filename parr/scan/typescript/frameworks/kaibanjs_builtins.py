"""KaibanJS's own tools (@kaibanjs/tools), as data (generated: do not edit).

Written by benchmarks/kaibanjs_builtins.py from the npm package @kaibanjs/tools 0.8.0, read with
tree-sitter (names only; whether each changes state is the reviewed list in its docstring).
"""

from __future__ import annotations

# class -> (name the model sees, mutating).
TOOLS: dict[str, tuple[str, bool]] = {
    'ExaSearch': ('exa-search', False),
    'Firecrawl': ('firecrawl', False),
    'GithubIssues': ('github-issues', False),
    'JinaUrlToMarkdown': ('jina-url-to-markdown', False),
    'MakeWebhook': ('make_webhook', True),
    'PdfSearch': ('pdf-search', False),
    'Serper': ('serper', False),
    'SimpleRAG': ('simple-rag', False),
    'SimpleRAGRetrieve': ('simple-rag-retrieve', False),
    'TavilySearchResults': ('tavily_search_results_json', False),
    'TextFileSearch': ('textfile-search', False),
    'WebsiteSearch': ('website-search', False),
    'WolframAlphaTool': ('wolfram_alpha', False),
    'ZapierWebhook': ('zapier_webhook', True),
}
