"""Python tool discovery over hand-written fixtures in each framework's style, plus traps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parr.scan.python import PythonScanner
from parr.scan.python.catalog import crewai_sanitize

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "scan" / "python"


@pytest.fixture(scope="module")
def scan():
    sc = PythonScanner()
    facts = {p.name: sc.extract(p.name, p.read_bytes()) for p in sorted(FIXTURES.glob("*.py"))}
    for f in facts.values():
        json.dumps(f)  # facts must be JSON-serialisable for the cache
    tools, errors = sc.resolve(facts)
    assert errors == []
    return tools


def _by(tools, file):
    return {t.name: t for t in tools if t.file == file}


# (file, name, line, mutating, typed, gates that must be present)
EXPECTED = [
    ("approval_queue_tool.py", "update_billing_email", 9, True, True, ("approval_request",)),
    ("approval_queue_tool.py", "update_shipping_address", 16, True, True, ()),
    ("hosted_approval_and_calculator.py", "add", 12, False, True, ()),
    ("hosted_approval_and_calculator.py", "review_rollout_risk", 19, False, True, ()),
    ("hosted_approval_and_calculator.py", "shell", 27, True, False, ("needs_approval",)),
    ("openai_agents_app.py", "lookup_order", 18, False, True, ()),
    ("openai_agents_app.py", "refund_customer", 25, True, True, ("needs_approval",)),
    ("openai_agents_app.py", "run_shell", 32, True, False, ()),
    ("openai_agents_app.py", "add_note", 38, True, False, ()),
    ("openai_agents_app.py", "web_search", 53, False, True, ()),
    ("openai_agents_app.py", "code_interpreter", 54, True, False, ()),
    ("openai_agents_app.py", "ask_billing", 55, False, False, ()),
    ("mcp_fastmcp_server.py", "list_notes", 16, False, True, ()),
    ("mcp_fastmcp_server.py", "save-note", 22, True, True, ()),
    ("mcp_fastmcp_server.py", "wipe", 29, True, True, ()),
    ("mcp_lowlevel_server.py", "search_docs", 13, False, True, ()),
    ("mcp_lowlevel_server.py", "delete_doc", 18, True, True, ()),
    ("mcp_lowlevel_server.py", "echo", 23, False, False, ()),
    ("langchain_tools.py", "get_weather", 17, False, True, ()),
    ("langchain_tools.py", "wire_money", 23, True, True, ("interrupt",)),
    ("langchain_tools.py", "sql_query", 30, True, False, ()),
    ("langchain_tools.py", "city_population", 47, False, True, ()),
    ("langchain_tools.py", "shout", 60, False, True, ()),
    ("langchain_tools.py", "legacy_search", 61, False, False, ()),
    ("langchain_tools.py", "tavily_search_results_json", 63, False, True, ()),
    ("crewai_tools_app.py", "search_the_web", 6, False, True, ()),
    ("crewai_tools_app.py", "send_slack_message", 11, True, True, ()),
    ("smolagents_tools.py", "get_stock_price", 5, False, True, ()),
    ("smolagents_tools.py", "python_sandbox", 14, True, False, ()),
    ("autogen_tools.py", "send_email", 18, True, True, ()),
    ("autogen_tools.py", "count_words", 19, False, True, ()),
    ("pydantic_ai_agent.py", "customer_balance", 7, False, True, ()),
    ("pydantic_ai_agent.py", "roll_dice", 13, False, True, ()),
    ("pydantic_ai_agent.py", "close_account", 23, True, True, ()),
    ("anthropic_raw.py", "get_stock_price", 9, False, True, ()),
    ("anthropic_raw.py", "bash", 14, True, False, ()),
    ("anthropic_raw.py", "str_replace_based_edit_tool", 15, True, True, ()),
    ("anthropic_raw.py", "create_ticket", 19, True, False, ()),
    ("anthropic_raw.py", "get_time", 27, False, True, ()),
    ("anthropic_raw.py", "get_weather", 32, False, True, ()),
    ("adk_agent.py", "get_exchange_rate", 10, False, True, ()),
    ("adk_agent.py", "google_search", 30, False, True, ()),
    ("adk_agent.py", "cancel_booking", 37, True, True, ("needs_approval",)),
    ("adk_agent.py", "request_budget", 38, True, True, ()),
    ("adk_agent.py", "researcher", 39, False, False, ()),
    ("adk_agent.py", "read_file", 41, False, True, ()),
    ("adk_agent.py", "list_directory", 41, False, True, ()),
    ("helpers.py", "book_flight", 4, True, True, ()),
    ("agno_toolkit.py", "read_file", 15, False, True, ()),
    ("agno_toolkit.py", "delete_file", 20, True, True, ()),
    ("agno_toolkit.py", "list_files", 25, False, True, ()),
    ("agno_toolkit.py", "publish_post", 34, True, True, ("needs_approval",)),
    ("sk_plugin.py", "get_lights", 8, False, True, ()),
    ("sk_plugin.py", "change_state", 12, True, True, ()),
    ("browser_use_actions.py", "save_pdf", 13, True, True, ()),
    ("browser_use_actions.py", "read_title", 20, False, True, ()),
    ("strands_spec.py", "shell", 7, True, False, ()),
    ("llama_tools.py", "remember", 12, True, True, ()),
    ("llama_tools.py", "list_events", 23, False, True, ()),
    ("llama_tools.py", "create_event", 27, True, True, ()),
    ("llama_tools.py", "times", 35, False, True, ()),
]


@pytest.mark.parametrize("file,name,line,mutating,typed,gates", EXPECTED, ids=[f"{e[0]}:{e[1]}" for e in EXPECTED])
def test_expected_tool(scan, file, name, line, mutating, typed, gates):
    tools = _by(scan, file)
    assert name in tools, f"{name} not found in {file}: {sorted(tools)}"
    t = tools[name]
    assert t.line == line
    assert t.mutating is mutating, t.evidence
    assert t.typed is typed, t.evidence
    assert set(gates) <= set(t.gates)
    assert t.language == "python"


def test_no_unexpected_tools(scan):
    expected = {(e[0], e[1]) for e in EXPECTED}
    extra = sorted((t.file, t.name, t.line) for t in scan if (t.file, t.name) not in expected)
    assert extra == []


@pytest.mark.parametrize("file,name", [
    ("openai_agents_app.py", "fake_tool"),  # docstring example
    ("openai_agents_app.py", "_format_ticket"),  # helper beside tools
    ("mcp_fastmcp_server.py", "summarize_prompt"),  # MCP prompt
    ("mcp_fastmcp_server.py", "read_note"),  # MCP resource
    ("mcp_fastmcp_server.py", "_note_path"),
    ("langchain_tools.py", "logging_mixin"),  # mixin with a name attribute
    ("langchain_tools.py", "BaseCityTool"),  # abstract base
    ("langchain_tools.py", "_helper"),
    ("smolagents_tools.py", "not_a_tool"),  # class with name but not a Tool subclass
    ("adk_agent.py", "before_model"),  # callback
    ("agno_toolkit.py", "_resolve"),
    ("sk_plugin.py", "_helper"),
    ("browser_use_actions.py", "not_real"),
    ("helpers.py", "unused_helper"),
    ("llama_tools.py", "_auth"),
])
def test_traps_not_reported(scan, file, name):
    assert name not in _by(scan, file)


def test_unexposed_builtin_instance_not_reported(scan):
    # `unused_search = TavilySearchResults(...)` is never given to a model
    assert [t.line for t in scan if t.file == "langchain_tools.py" and t.name == "tavily_search_results_json"] == [63]


def test_capabilities_and_schema(scan):
    oa = _by(scan, "openai_agents_app.py")
    assert "shell" in oa["run_shell"].capabilities
    # A POST to a fixed URL changes state but is not "arbitrary HTTP" (issue 19 item 5).
    assert oa["refund_customer"].mutating and "http_write" not in oa["refund_customer"].capabilities
    assert _by(scan, "langchain_tools.py")["city_population"].schema_kind == "pydantic"
    assert _by(scan, "anthropic_raw.py")["get_stock_price"].schema_kind == "json_schema"
    assert _by(scan, "autogen_tools.py")["send_email"].capabilities == ("email",)
    assert _by(scan, "mcp_fastmcp_server.py")["save-note"].annotations == {"readOnlyHint": False}


def test_crewai_name_normalisation():
    assert crewai_sanitize("Search The Web") == "search_the_web"
    assert crewai_sanitize("getWeatherNow") == "get_weather_now"
    assert crewai_sanitize("Send e-mail (fast)!") == "send_e_mail_fast"


def test_bad_inputs_become_errors_not_crashes():
    sc = PythonScanner()
    deep = b"x = " + b"(" * 5000 + b"1" + b")" * 5000 + b"\n# tool\n"
    facts = {
        "broken.py": sc.extract("broken.py", b"from agents import function_tool\n@function_tool\ndef f(:\n"),
        "deep.py": sc.extract("deep.py", deep),
        "latin.py": sc.extract("latin.py", b"# tool \xe9\nx = 1\n"),
        "nul.py": sc.extract("nul.py", b"tool = 1\x00\n"),
    }
    json.dumps(facts)
    tools, errors = sc.resolve(facts)
    assert tools == []
    assert {e.file for e in errors} >= {"broken.py", "deep.py", "nul.py"}
    assert any(e.line == 3 for e in errors if e.file == "broken.py")


def test_prefilter_and_test_files_skipped():
    sc = PythonScanner()
    assert sc.extract("a.py", b"x = 1\n").get("skipped")
    assert sc.extract("tests/test_agent.py", b"from agents import function_tool\n@function_tool\ndef f(x: int) -> int:\n    return x\n").get("skipped")
    assert sc.handles("pkg/mod.py") and not sc.handles("pkg/mod.ts")


def test_nested_scopes_resolve_same_named_functions():
    src = b'''from llama_index.core.tools import FunctionTool

def tools_a():
    def check(x: int) -> bool:
        """First."""
        return True
    return [FunctionTool.from_defaults(fn=check)]

def tools_b():
    def check(x: int) -> bool:
        """Second."""
        return False
    return [FunctionTool.from_defaults(fn=check)]
'''
    sc = PythonScanner()
    tools, _ = sc.resolve({"m.py": sc.extract("m.py", src)})
    assert [(t.name, t.line, t.description) for t in tools] == [("check", 7, "First."), ("check", 13, "Second.")]


def test_a_direct_write_has_no_approval_gate(scan):
    tools = _by(scan, "approval_queue_tool.py")
    assert tools["update_shipping_address"].mutating
    assert "approval_request" not in tools["update_shipping_address"].gates
