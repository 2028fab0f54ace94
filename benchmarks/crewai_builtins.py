#!/usr/bin/env python3
"""Write parr/scan/python/frameworks/crewai_builtins.py from the crewai-tools wheel, read with `ast`.

usage: crewai_builtins.py WHEEL > parr/scan/python/frameworks/crewai_builtins.py
  e.g. pip download --no-deps -d /tmp/ct crewai-tools && python benchmarks/crewai_builtins.py /tmp/ct/*.whl

Nothing is imported or run; only class names, tool names and flags are written out. What is read:

- crewai_tools/__init__.py: every class the package exports (`from crewai_tools import SerperDevTool`).
- Each of those that parr's own scan of the wheel reports as a crewAI BaseTool subclass (the scan
  follows the class's bases through the wheel, reads its `name` default, sanitised as crewAI sends it,
  and judges its `_run` by what it calls): that name, and that reading's mutating, typed and
  capabilities (wheel_reading.parr_verdicts), except where _OVERRIDES says otherwise, and why;
  capabilities judged by hand before (_HAND_CAPS) are added to the reading's.
- An exported class the scan does not report as a tool (a toolkit, an adapter, a base) is left out.
"""

from __future__ import annotations

import ast
import re
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the generators' shared helpers
from wheel_reading import parr_verdicts  # noqa: E402

# (pattern on the class name, mutating, typed, caps, why): first match wins over the effects reading.
_OVERRIDES: tuple[tuple[str, bool, bool, tuple[str, ...], str], ...] = (
    # search APIs called with POST whose optional save_file writes the results the model asked for
    # to a local file: a search, the file a side note (hand-checked against the classes' _run)
    (r"^(SerperDevTool|BraveSearchTool)$", False, True, ("http",), "a search; save_file only keeps its results"),
    # evaluation, parsing and reranking APIs called with POST: they answer, they change nothing
    (r"^(Patronus(Predefined Criteria)?EvalTool|PatronusPredefinedCriteriaEvalTool|ContextualAIParseTool|"
     r"ContextualAIRerankTool)$", False, True, ("http",), "an API that answers a POST with a result"),
    (r"^(BrightDataDatasetTool|BrightDataWebUnlockerTool|ArxivPaperTool)$", False, True, ("http",),
     "fetches pages or datasets (Arxiv also stores the PDFs it fetched)"),
    # the model writes SQL (or a query language) that is run as given: untyped, and it may change data
    (r"^(NL2SQLTool|DatabricksQueryTool|SnowflakeSearchTool)$", True, False, ("sql",), "runs the model's SQL"),
    (r"^CodeInterpreterTool$", True, False, ("code_execution",), "runs the model's code"),
    # a sandbox that runs the model's code or command line as given: untyped
    (r"^(E2B|Daytona)PythonTool$", True, False, ("code_execution",), "runs the model's code in a sandbox"),
    (r"^(E2B|Daytona)ExecTool$", True, False, ("shell",), "runs the model's command line in a sandbox"),
    # the model's SQL, run only when _validate_query finds a SELECT or SHOW: a read, the SQL still raw
    (r"^SingleStoreSearchTool$", False, False, ("sql",), "runs the model's SELECT/SHOW only"),
    # waits; converts a page or starts a web research job (POST): nothing outside changes
    (r"^WaitTool$", False, True, (), "sleeps"),
    (r"^(SerplyWebpageToMarkdownTool|TavilyResearchTool)$", False, True, ("http",), "reads the web"),
    # browser agents that click, type and submit for the model
    (r"^(MultiOnTool|StagehandTool)$", True, True, ("computer_use",), "drives a browser"),
)

# Capabilities judged by hand from crewAIInc/crewAI-tools (2025-10), before this generator: added to
# what the reading finds, which does not see the network behind a RAG adapter or a vendor SDK.
_HAND_CAPS: dict[str, tuple[str, ...]] = {
    'AIMindTool': ('http',), 'ArxivPaperTool': ('http',), 'BraveSearchTool': ('http',),
    'BrightDataDatasetTool': ('http',), 'BrightDataSearchTool': ('http',), 'BrightDataWebUnlockerTool': ('http',),
    'BrowserbaseLoadTool': ('http',), 'CSVSearchTool': ('file_read',), 'CodeDocsSearchTool': ('http',),
    'CodeInterpreterTool': ('code_execution',), 'ContextualAICreateAgentTool': ('http_write',),
    'ContextualAIParseTool': ('http',), 'ContextualAIQueryTool': ('http',), 'ContextualAIRerankTool': ('http',),
    'CouchbaseFTSVectorSearchTool': ('http',), 'DOCXSearchTool': ('file_read',), 'DallETool': ('http',),
    'DatabricksQueryTool': ('sql',), 'DirectoryReadTool': ('file_read',), 'DirectorySearchTool': ('file_read',),
    'EXASearchTool': ('http',), 'FileCompressorTool': ('file_write',), 'FileReadTool': ('file_read',),
    'FileWriterTool': ('file_write',), 'FirecrawlCrawlWebsiteTool': ('http',),
    'FirecrawlScrapeWebsiteTool': ('http',), 'FirecrawlSearchTool': ('http',),
    'GenerateCrewaiAutomationTool': ('http_write',), 'GithubSearchTool': ('http',),
    'HyperbrowserLoadTool': ('http',), 'InvokeCrewAIAutomationTool': ('http_write',),
    'JSONSearchTool': ('file_read',), 'JinaScrapeWebsiteTool': ('http',), 'LinkupSearchTool': ('http',),
    'MDXSearchTool': ('file_read',), 'MongoDBVectorSearchTool': ('http',), 'MultiOnTool': ('computer_use',),
    'MySQLSearchTool': ('http',), 'NL2SQLTool': ('sql',), 'OCRTool': ('file_read',),
    'OxylabsAmazonProductScraperTool': ('http',), 'OxylabsAmazonSearchScraperTool': ('http',),
    'OxylabsGoogleSearchScraperTool': ('http',), 'OxylabsUniversalScraperTool': ('http',),
    'PDFSearchTool': ('file_read',), 'PDFTextWritingTool': ('file_write',), 'PGSearchTool': ('http',),
    'ParallelSearchTool': ('http',), 'PatronusEvalTool': ('http',), 'PatronusLocalEvaluatorTool': ('http',),
    'PatronusPredefinedCriteriaEvalTool': ('http',), 'QdrantVectorSearchTool': ('http',),
    'RagTool': ('file_read',), 'ScrapeElementFromWebsiteTool': ('http',), 'ScrapeWebsiteTool': ('http',),
    'ScrapegraphScrapeTool': ('http',), 'ScrapflyScrapeWebsiteTool': ('http',), 'SeleniumScrapingTool': ('http',),
    'SerpApiGoogleSearchTool': ('http',), 'SerpApiGoogleShoppingTool': ('http',), 'SerperDevTool': ('http',),
    'SerperScrapeWebsiteTool': ('http',), 'SerplyJobSearchTool': ('http',), 'SerplyNewsSearchTool': ('http',),
    'SerplyScholarSearchTool': ('http',), 'SerplyWebSearchTool': ('http',),
    'SerplyWebpageToMarkdownTool': ('http',), 'SingleStoreSearchTool': ('http',), 'SnowflakeSearchTool': ('sql',),
    'SpiderTool': ('http',), 'StagehandTool': ('computer_use',), 'TXTSearchTool': ('file_read',),
    'TavilyExtractorTool': ('http',), 'TavilySearchTool': ('http',), 'VisionTool': ('file_read',),
    'WeaviateVectorSearchTool': ('http',), 'WebsiteSearchTool': ('http',), 'XMLSearchTool': ('file_read',),
    'YoutubeChannelSearchTool': ('http',), 'YoutubeVideoSearchTool': ('http',),
}


def _exports(zf: zipfile.ZipFile) -> list[str]:
    tree = ast.parse(zf.read("crewai_tools/__init__.py"))
    names = []
    for st in tree.body:
        if isinstance(st, ast.ImportFrom):
            names += [a.asname or a.name for a in st.names if (a.asname or a.name)[:1].isupper()]
    return sorted(set(names))


def main(wheel: str) -> str:
    zf = zipfile.ZipFile(wheel)
    meta = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
    version = re.search(r"^Version: (.+)$", zf.read(meta).decode(), re.M).group(1)
    sources = {n: zf.read(n) for n in zf.namelist() if n.startswith("crewai_tools/") and n.endswith(".py")}
    classes: dict[tuple[str, int], str] = {}  # (file, line) -> class name
    for path, data in sources.items():
        for node in ast.walk(ast.parse(data)):
            if isinstance(node, ast.ClassDef):
                classes[(path, node.lineno)] = node.name
    reading = {classes[(t["file"], t["line"])]: t for t in parr_verdicts(sources) if (t["file"], t["line"]) in classes}
    out = [
        '"""crewai_tools\' built-in tool classes, as data (generated: do not edit).',
        "",
        f"Written by benchmarks/crewai_builtins.py from the wheel of crewai-tools {version}, read with `ast` (names",
        "and flags only). Its docstring says what is read and how effects are decided.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "# class -> (name the model sees, mutating, typed, capabilities)",
        "CLASSES: dict[str, tuple[str, bool, bool, tuple[str, ...]]] = {",
    ]
    for cls in _exports(zf):
        t = reading.get(cls)
        if t is None:
            print(f"left out {cls}: not a tool in parr's reading", file=sys.stderr)
            continue
        caps = tuple(dict.fromkeys((*t["capabilities"], *_HAND_CAPS.get(cls, ()))))
        flags = (bool(t["mutating"]), bool(t["typed"]), caps)
        for pattern, mutating, typed, caps, _why in _OVERRIDES:
            if re.search(pattern, cls):
                flags = (mutating, typed, caps)
                break
        out.append(f"    {cls!r}: {(t['name'], *flags)!r},")
    out += ["}", ""]
    return "\n".join(out)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.stdout.write(main(sys.argv[1]))
