"""VoltAgent, Mastra, Cloudflare agents (codemode, x402, client tools), raw OpenAI/Gemini/Anthropic schemas."""

from ts_scan_helpers import scan


def test_voltagent_and_mastra():
    t = scan("voltagent_mastra")
    assert t["save_report"].style == "voltagent.createTool" and t["save_report"].mutating
    assert not t["read_report"].mutating
    assert t["get-stock-price"].style == "mastra.createTool" and t["get-stock-price"].line == 4
    assert t.names() == {"save_report", "read_report", "get-stock-price"}


def test_cloudflare_server():
    t = scan("cloudflare")
    # an INSERT the code writes is a write, not the broad "sql" (SQL the model writes)
    assert t["addTask"].mutating and "sql" not in t["addTask"].capabilities and t["addTask"].line == 11
    assert not t["listTasks"].mutating
    code = t["codemode"]
    assert code.style == "codemode.createCodeTool" and code.mutating and not code.typed
    paid = t["premium_quote"]
    assert paid.style == "x402.paidTool" and paid.line == 35 and paid.description == "Get a premium quote"


def test_cloudflare_client_tools_are_named_by_map_key():
    t = scan("cloudflare")
    assert t["getLocation"].style == "cloudflare.client_tool" and t["getLocation"].line == 5
    assert t["changeBackground"].schema_kind == "json_schema"
    assert t["getLocation"].file == "client.tsx" and t["getLocation"].language == "typescript"


def test_openai_raw_schemas():
    t = scan("raw_schemas")
    assert t["get_stock"].style == "openai.raw_function_schema" and t["get_stock"].line == 8
    assert t["book_room"].style == "openai.raw_function_schema" and t["book_room"].mutating
    assert t["web_search_preview"].schema_kind == "provider_defined"
    assert t["delete_file"].style == "openai.zodFunction" and t["delete_file"].mutating


def test_gemini_declarations_and_builtins():
    t = scan("raw_schemas")
    r = t["set_light_values"]
    assert r.style == "gemini.function_declarations" and r.line == 5 and r.language == "javascript"
    assert t["codeExecution"].mutating and not t["codeExecution"].typed
    assert not t["googleSearch"].mutating


def test_anthropic_tools():
    t = scan("raw_schemas")
    assert t["get_weather"].style == "anthropic.raw_tool_schema" and not t["get_weather"].mutating
    assert t["bash"].mutating and not t["bash"].typed


def test_tool_choice_and_tool_calls_are_not_tools():
    names = scan("raw_schemas").names()
    assert names == {"get_stock", "book_room", "web_search_preview", "delete_file", "set_light_values",
                     "codeExecution", "googleSearch", "get_weather", "bash"}
