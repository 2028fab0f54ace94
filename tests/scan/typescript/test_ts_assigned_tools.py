"""Tools added to a tool set one by one: toolSet.name = {...} and toolSet["name"] = {...}."""

from ts_scan_helpers import scan


def test_tools_assigned_to_members_of_a_tool_set():
    t = scan("assigned_tools")
    assert t.names() == {"set_context", "load_context"}
    assert t["set_context"].line == 6 and t["set_context"].mutating and t["set_context"].typed
    assert t["load_context"].line == 11 and not t["load_context"].mutating
