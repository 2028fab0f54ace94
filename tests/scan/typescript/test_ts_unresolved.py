"""Places where TypeScript code hands tools to a model that the scan cannot turn into tools are
reported; tools found here or in the project's own modules, hosted tools and parameters are not."""

from __future__ import annotations

from pathlib import Path

from parr.scan.engine import scan_repository
from parr.scan.typescript import TypeScriptScanner

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "scan" / "ts_unresolved"


def _scan():
    return scan_repository(FIXTURES, scanners=[TypeScriptScanner()], use_cache=False)


def test_each_unread_site_is_reported_with_its_reason() -> None:
    sites = {(s.file, s.line, s.reason, s.call) for s in _scan().unresolved}
    assert sites == {
        ("src/route.ts", 24, "tools made by a call parr cannot read", "mcp.tools() in tools: ..."),
        ("src/route.ts", 25, "imported from a package parr did not scan", "crmTools in tools: ..."),
        ("src/server.ts", 12, "tool name made at run time", "registerTool(plugin.name, ...)"),
        # export const TOOLS = [...] bound in another module: read where the list is made (a built-in class
        # parr knows, TavilySearchResults, is a tool; AWSLambda, named by its caller, is not in the table)
        ("src/graph_tools.ts", 7, "langchainjs tool class parr does not know",
         'new AWSLambda({ name: "send-reply", description: "Send the reply", fun in TOOLS = [...]'),
    }


def test_traps_make_no_site() -> None:
    result = _scan()
    # a local tool, a tool from a project module, a project factory, a hosted tool, a parameter spread
    assert not [s for s in result.unresolved if s.line in (19, 20, 21, 22, 23)]
    assert {"lookupOrder", "getWeather", "get_status", "lookup_ticket", "tavily_search_results_json"} <= {
        t.name for t in result.tools}
    assert not [s for s in result.unresolved if s.file == "src/graph.ts"]
