"""langchainjs: tool(), DynamicStructuredTool, DynamicTool, StructuredTool/Tool subclasses."""

from ts_scan_helpers import scan


def tools():
    return scan("langchain")


def test_tool_function_and_dynamic_tools():
    t = tools()
    assert t["multiply"].style == "langchain_js.tool" and t["multiply"].line == 5 and not t["multiply"].mutating
    assert t["create_ticket"].style == "langchain_js.DynamicStructuredTool" and t["create_ticket"].mutating
    assert t["shout"].style == "langchain_js.DynamicTool" and not t["shout"].typed


def test_subclasses_use_class_line_and_name_field():
    t = tools()
    assert t["restock_item"].line == 38 and t["restock_item"].style == "langchain_js.StructuredTool_subclass"
    assert t["restock_item"].mutating  # PUT request
    # base class declared (abstract) in another file
    assert t["stock_level"].line == 27 and not t["stock_level"].mutating and t["stock_level"].typed


def test_string_tool_running_sql_is_mutating_and_untyped():
    r = tools()["sql_query"]
    assert r.style == "langchain_js.Tool_subclass" and r.mutating and not r.typed and "sql" in r.capabilities


def test_abstract_and_unnamed_classes_are_not_tools():
    names = tools().names()
    assert "abstract_search" not in names and "Unnamed" not in names and "WarehouseTool" not in names
    assert names == {"multiply", "create_ticket", "shout", "stock_level", "restock_item", "sql_query"}
