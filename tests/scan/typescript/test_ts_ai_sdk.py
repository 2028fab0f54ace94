"""Vercel AI SDK: tool()/dynamicTool() named by the key they are stored under, provider tools."""

from pathlib import Path

from ts_scan_helpers import scan


def tools():
    return scan("ai_sdk")


def test_names_are_keys_including_cross_file_and_spreads():
    t = tools()
    assert t.names() == {"weather", "notifyTool", "searchDocs", "lookupPage", "runScript", "web_search", "bash",
                         "inspect", "count_rows"}
    # weatherTool is declared in tools.ts and stored under the key `weather` in agent.ts
    assert t["weather"].file == "tools.ts" and t["weather"].line == 7
    # shorthand property and a spread map defined in another file
    assert t["notifyTool"].line == 13
    assert t["searchDocs"].line == 23 and t["lookupPage"].line == 31


def test_gates_and_effects():
    t = tools()
    assert t["notifyTool"].gates == ("needs_approval",)
    assert t["notifyTool"].mutating and "email" in t["notifyTool"].capabilities
    assert not t["weather"].mutating and t["weather"].typed and t["weather"].schema_kind == "zod"


def test_executed_raw_string_is_untyped_and_mutating():
    r = tools()["runScript"]
    assert r.mutating and not r.typed and "shell" in r.capabilities


def test_provider_tools():
    t = tools()
    assert t["web_search"].style == "ai_sdk.provider_tool" and t["web_search"].schema_kind == "provider_defined"
    assert not t["web_search"].mutating
    assert t["bash"].mutating and not t["bash"].typed


def test_dynamic_tool_with_unknown_input_is_untyped():
    r = tools()["inspect"]
    assert r.style == "ai_sdk.dynamicTool" and not r.typed


def test_json_schema_helper():
    r = tools()["count_rows"]
    assert r.schema_kind == "json_schema" and r.typed and not r.mutating


def test_app_with_alias_imports_gateway_and_client_tools():
    t = scan("ai_sdk_app")
    assert t.names() == {"weather", "exa_search", "program", "write_sql", "cityAttractions"}
    # named by the key it is stored under, though imported through "@/tool/..." from a nested app
    assert t["weather"].file == "examples/chat/tool/weather-tool.ts" and t["weather"].line == 4
    assert t["exa_search"].style == "ai_sdk.provider_tool" and not t["exa_search"].mutating
    assert t["program"].mutating and not t["program"].typed and "code_execution" in t["program"].capabilities
    assert not t["write_sql"].typed
    assert t["cityAttractions"].line == 24 and t["cityAttractions"].typed


def test_a_tool_a_function_returns_is_reported_at_each_key_its_calls_are_stored_under():
    """One factory keyed in two agents' tools records is two tools the models see, each where it is keyed,
    with the factory's code (effects, schema) read where the factory makes it."""
    import yaml

    from ts_scan_helpers import scan_sources

    cases = yaml.safe_load((Path(__file__).resolve().parents[3] / "parr" / "scan" / "typescript" / "frameworks" /
                            "cases" / "ai_sdk_keyed_factories.yaml").read_text())
    files = next(c for c in cases if c["id"] == "sub-agent-tools-keyed-across-files")["files"]
    files["src/agents/tools/whoami.ts"] = files["src/agents/tools/whoami.ts"].replace(
        "(await options.api.getUser()).name", "(await options.api.deleteUser()).name")
    records, errors = scan_sources(files)
    assert not errors
    where = sorted((r.name, r.file, r.line, r.mutating) for r in records)
    assert where == [("attributeNames", "src/search/agent.ts", 7, False),
                     ("whoami", "src/issues/agent.ts", 4, True),
                     ("whoami", "src/search/agent.ts", 7, True)], where
    assert all(r.typed and r.schema_kind == "zod" for r in records)
