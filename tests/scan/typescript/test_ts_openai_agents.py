"""openai-agents-js: tool(), built-in tools, hosted MCP, Agent.asTool."""

from ts_scan_helpers import scan


def tools():
    return scan("openai_agents")


def test_function_tools():
    t = tools()
    assert t["get_order"].line == 12 and t["get_order"].style == "openai_agents_js.tool"
    assert not t["get_order"].mutating and t["get_order"].typed
    assert t["cancel_order"].gates == ("needs_approval",) and t["cancel_order"].mutating
    assert t["export_report"].mutating and "file_write" in t["export_report"].capabilities
    assert not t["free_form"].typed  # z.any()


def test_builtin_tools():
    t = tools()
    assert t["web_search"].style == "openai_agents_js.builtin_tool" and not t["web_search"].mutating
    assert t["code_interpreter"].mutating and not t["code_interpreter"].typed
    assert t["shell"].mutating and not t["shell"].typed and t["shell"].gates == ("needs_approval",)
    assert t["shell"].line == 56


def test_hosted_mcp_and_agents_as_tools():
    t = tools()
    assert t["docs_server"].style == "openai_agents_js.hosted_mcp"
    assert "mcp_remote" in t["docs_server"].capabilities
    assert t["research"].style == "openai_agents_js.as_tool" and not t["research"].typed
    # without toolName the SDK derives the name from the agent's name
    assert "research_assistant" in t.names()


def test_nothing_else():
    assert tools().names() == {"get_order", "cancel_order", "export_report", "free_form", "web_search",
                               "code_interpreter", "shell", "docs_server", "research", "research_assistant"}
