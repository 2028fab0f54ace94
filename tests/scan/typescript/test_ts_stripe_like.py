"""A toolkit's tool definitions (method beside a display name), its framework adapter, and
paidTool with an options object after the handler."""

from ts_scan_helpers import scan


def test_definitions_adapters_and_paid_tools():
    t = scan("stripe_like")
    assert t.names() == {"create_customer", "buy_premium"}  # not the StripeTool adapter
    assert t["create_customer"].line == 7 and t["create_customer"].mutating and t["create_customer"].typed
    paid = t["buy_premium"]
    assert paid.style == "x402.paidTool" and paid.mutating and paid.typed and paid.schema_kind == "zod"
