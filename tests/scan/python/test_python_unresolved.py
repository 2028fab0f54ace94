"""Places where Python code hands tools to a model that the scan cannot turn into tools are
reported (file, line, call, reason); elements that resolve to tools found elsewhere are not."""

from __future__ import annotations

from pathlib import Path

from parr.formats.scan_report import render_scan
from parr.scan.engine import scan_repository
from parr.scan.python import PythonScanner

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "scan" / "python_unresolved"


def _scan():
    return scan_repository(FIXTURES, scanners=[PythonScanner()], use_cache=False)


def test_each_unread_site_is_reported_with_its_reason() -> None:
    sites = {(s.file, s.line, s.reason) for s in _scan().unresolved}
    assert sites == {
        ("app/agent.py", 31, "tools made by a call parr cannot read"),
        ("app/agent.py", 33, "imported from a module parr did not scan"),
        ("app/agent.py", 35, "tools made by a call parr cannot read"),
        ("app/server.py", 18, "tool registration parr cannot read"),
        ("app/server.py", 24, "tool name made at run time"),
        ("app/plugins.py", 6, "tool decorator parr does not know"),
        ("app/mail_graph.py", 21, "class parr does not read as a tool"),
        ("app/dynamic_tools.py", 7, "tool name made at run time"),
        ("app/crew.py", 8, "method parr does not read as a tool"),
    }


def test_traps_resolve_to_tools_and_make_no_site() -> None:
    result = _scan()
    # tools=[...] at line 27 lists found tools, a spread of a list of found tools, a hosted tool,
    # a local factory and a project function that returns a tool list: all read, no site.
    assert not [s for s in result.unresolved if s.file == "app/agent.py" and s.line in (21, 27, 28, 29, 38)]
    # Class.method of a tool class in another module, and Class.tools() handing back its tools
    assert not [s for s in result.unresolved if s.file == "app/crew.py" and s.line == 6]
    # REGISTRY.values(), REGISTRY["a"], BASE.copy(), comprehensions, a parameter's spread
    assert not [s for s in result.unresolved if s.file == "app/registry_traps.py"]
    names = {t.name for t in result.tools}
    assert {"lookup_order", "search", "fetch_page", "web_search", "delete_user"} <= names
    # FUNCS["lookup_order"]: the plain function behind a map entry is a tool
    assert ("lookup_order", "app/registry_traps.py") in {(t.name, t.file) for t in result.tools}


def test_site_text_names_the_call_and_the_context() -> None:
    site = next(s for s in _scan().unresolved if s.line == 31)
    assert site.call == "toolkit.get_tools() in Agent(tools=...)"


def test_scan_table_and_json_show_the_sites() -> None:
    result = _scan()
    table = render_scan(result, "table", color=False)
    assert "9 places hand tools to a model that parr could not read" in table
    assert "app/agent.py:33: make_crm_tools() in Agent(tools=...)" in table
    data = result.to_json_dict()
    assert {"file": "app/server.py", "line": 24, "call": "@mcp.tool(name=...) def run",
            "reason": "tool name made at run time"} in data["unresolved"]


def test_schema_classes_bound_as_tools_are_tools() -> None:
    # bind_tools([NewEmailDraft, SendCalendarInvite]): pydantic models the model calls, here and
    # from another module; what the model may do is what the graph does with the call.
    tools = {(t.name, t.file, t.line): t for t in _scan().tools}
    assert ("NewEmailDraft", "app/mail_graph.py", 8) in tools
    invite = tools[("SendCalendarInvite", "app/schemas.py", 5)]
    assert invite.style == "langchain.schema_class" and invite.mutating


def test_sarif_lists_each_site_as_a_warning() -> None:
    import json

    log = json.loads(render_scan(_scan(), "sarif", color=False))
    sites = [r for r in log["runs"][0]["results"] if r["ruleId"] == "PARR-SCAN-UNRESOLVED"]
    assert len(sites) == 9 and all(r["level"] == "warning" for r in sites)
    assert {"app/agent.py"} <= {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sites}
