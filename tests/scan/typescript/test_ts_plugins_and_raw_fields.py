"""OpenCode plugin tools (args built with tool.schema, which is zod) and a command field run as is
beside options."""

from ts_scan_helpers import scan


def test_opencode_plugin_tool_is_typed_by_its_args():
    t = scan("opencode")["add_memory"]
    assert t.framework == "opencode" and t.style == "opencode.plugin_tool"
    assert t.typed and t.schema_kind == "zod" and t.mutating


def test_command_field_run_as_is_is_untyped_even_beside_options():
    t = scan("opencode")["bash"]
    assert t.mutating and not t.typed
    assert any("raw string 'command'" in e for e in t.evidence)
