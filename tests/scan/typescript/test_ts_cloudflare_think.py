"""Cloudflare's sub-agent tools (agentTool) and Think's code-execution tool (createExecuteTool)."""

from ts_scan_helpers import scan


def test_sub_agent_and_execute_tools():
    t = scan("cloudflare_think")
    assert t.names() == {"research", "execute"}
    assert t["research"].style == "cloudflare.agentTool" and t["research"].typed and not t["research"].mutating
    assert t["research"].line == 10
    assert t["execute"].mutating and not t["execute"].typed and "code_execution" in t["execute"].capabilities
