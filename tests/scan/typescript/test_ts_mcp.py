"""MCP TypeScript SDK: registerTool, every server.tool overload, helpers in other files, this.server."""

from ts_scan_helpers import scan


def tools():
    return scan("mcp")


def test_register_tool_names_lines_and_files():
    t = tools()
    assert {"get_forecast", "archive_project", "notes_digest", "lookup_invoice", "purge_cache", "ping", "echo",
            "run_command", "add", "refund_payment", "save_note", "list_notes"} == t.names()
    assert t["get_forecast"].line == 9 and t["get_forecast"].file == "server.ts"
    assert t["get_forecast"].style == "mcp_ts.registerTool"
    assert t["get_forecast"].language == "typescript"
    assert t["get_forecast"].description == "Get the weather forecast for a city"


def test_names_from_imported_constant_and_enum_member():
    t = tools()
    assert t["lookup_invoice"].line == 40
    assert t["purge_cache"].line == 44


def test_tool_overloads_and_schemas():
    t = tools()
    assert t["ping"].style == "mcp_ts.tool" and t["ping"].schema_kind == "none" and t["ping"].typed
    assert t["echo"].description == "Echo a message back" and t["echo"].schema_kind == "zod"
    assert t["run_command"].annotations == {"destructiveHint": True}
    assert t["get_forecast"].schema_kind == "zod" and t["get_forecast"].typed


def test_annotations_decide_mutating():
    t = tools()
    assert not t["get_forecast"].mutating
    assert t["archive_project"].mutating  # destructiveHint, although 'archive' alone might be unclear
    assert not t["notes_digest"].mutating  # readOnlyHint beats "Sends a summary"
    assert "annotation readOnlyHint: true" in t["notes_digest"].evidence


def test_body_and_name_evidence():
    t = tools()
    assert t["run_command"].mutating and not t["run_command"].typed  # raw command string is executed
    assert "shell" in t["run_command"].capabilities
    assert t["purge_cache"].mutating  # "Drop every cached page"
    assert not t["add"].mutating  # arithmetic add of two numbers
    assert not t["lookup_invoice"].mutating


def test_helper_registration_in_another_file_is_reported_where_registered():
    t = tools()
    r = t["refund_payment"]
    assert r.file == "billing.ts" and r.line == 9
    # A POST to a fixed host changes state but is not arbitrary HTTP (issue 19 item 5).
    assert r.mutating and "http_write" not in r.capabilities


def test_this_server_in_mcp_agent():
    t = tools()
    assert t["save_note"].file == "agent.ts" and t["save_note"].line == 9 and t["save_note"].mutating
    assert t["list_notes"].typed and not t["list_notes"].mutating


def test_prompts_and_resources_are_not_tools():
    t = tools()
    assert not {"review_code", "config", "greeting"} & t.names()
