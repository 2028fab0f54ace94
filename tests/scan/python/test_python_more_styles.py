"""More declaration styles seen in real repositories: CAMEL toolkits handing out methods through
a name map, decorators applied by a call, positional LangChain Tool(), Bedrock toolSpec dicts,
and tool lists with a default (tools or [...])."""

from __future__ import annotations

from pathlib import Path

from parr.scan.engine import scan_repository
from parr.scan.python import PythonScanner

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "scan" / "python_more"


def _tools():
    result = scan_repository(FIXTURES, scanners=[PythonScanner()], use_cache=False)
    assert result.errors == ()
    return {t.name: t for t in result.tools}


def test_camel_toolkit_methods_through_a_name_map() -> None:
    tools = _tools()
    assert tools["read_note"].framework == "camel" and tools["read_note"].line == 17
    assert tools["read_note"].mutating is False
    assert tools["write_note"].mutating is True
    assert "is_ready" not in tools  # a property read in get_tools, not a method handed out


def test_decorators_applied_by_a_call() -> None:
    tools = _tools()
    assert tools["redraw_diagram"].framework == "pydantic-ai" and tools["redraw_diagram"].line == 9
    assert tools["delete_note"].framework == "mcp" and tools["delete_note"].mutating is True


def test_positional_langchain_tool_and_bedrock_tool_spec() -> None:
    tools = _tools()
    dalle = tools["Dall-E-Image-Generator"]
    assert dalle.style == "langchain.Tool" and dalle.description == "Generate an image from a prompt."
    weather = tools["get_weather"]
    assert weather.framework == "bedrock" and weather.schema_kind == "json_schema" and weather.typed


def test_tool_list_with_a_default() -> None:
    shot = _tools()["save_screenshot"]
    assert shot.file == "helpers_video.py" and shot.mutating is True


def test_a_model_call_is_not_a_state_change() -> None:
    tools = _tools()
    assert tools["mind_answer"].mutating is False
    assert tools["new_incident"].mutating is True  # tracker.incidents.create(): a record in another system


def test_autogen_tool_schemas() -> None:
    tools = _tools()
    assert tools["open_path"].style == "autogen.ToolSchema" and tools["open_path"].line == 3
    assert tools["open_path"].typed and tools["page_up"].typed and not tools["page_up"].mutating


def test_semantic_kernel_process_steps_and_run_time_names_are_not_tools() -> None:
    tools = _tools()
    assert "switch_on" in tools
    assert "create_plan" not in tools  # a process step's handler: the process runtime calls it
    assert "_as_kernel_function" not in tools  # name=function_name: made at run time


def test_adk_artifacts_are_saved_state_but_session_bookkeeping_is_not() -> None:
    tools = _tools()
    assert tools["keep_chart"].mutating is True
    assert tools["roll_dice"].mutating is False


def test_openai_hosted_tools_given_as_dicts() -> None:
    tools = _tools()
    assert tools["code_interpreter"].mutating and not tools["code_interpreter"].typed
    assert not tools["file_search"].mutating and tools["web_search_preview"].style == "openai.builtin_tool"


def test_semantic_kernel_functions_carry_the_plugin_qualified_name() -> None:
    tools = _tools()
    # added with plugin_name="menu" in another file; plugins=[LightsPlugin()] names it after the class
    assert tools["get_specials"].model_name == "menu-get_specials"
    assert tools["place_order"].model_name == "menu-place_order" and tools["place_order"].mutating
    assert tools["switch_on"].model_name == "LightsPlugin-switch_on"
    assert tools["read_note"].model_name is None


def test_decorator_factories_applied_by_a_call() -> None:
    tools = _tools()
    assert tools["calculator"].style == "autogen.register_for_llm" and tools["calculator"].line == 7
    assert tools["remove_file"].framework == "mcp" and tools["remove_file"].mutating


def test_adk_built_in_tool_named_by_its_instance() -> None:
    rag = _tools()["retrieve_rag_documentation"]
    assert rag.framework == "google-adk" and rag.style == "adk.builtin_tool_instance" and rag.line == 4


def test_a_toolkits_own_list_of_tool_definitions() -> None:
    tools = _tools()
    # the display name has spaces; adapters give the model the method
    create = tools["create_customer"]
    assert create.file == "stripe_like/tools.py" and create.line == 7 and create.mutating and create.typed
    assert tools["list_customers"].mutating is False


def test_description_override_is_what_the_model_reads() -> None:
    seat = _tools()["display_seat_map"]
    assert seat.description.startswith("Display an interactive seat map")
    assert seat.mutating is False  # the docstring's "Trigger the UI" is not shown to the model


def test_classes_standing_for_anthropic_built_in_tools() -> None:
    tools = _tools()
    bash, computer = tools["bash"], tools["computer"]
    assert bash.line == 13 and bash.style == "anthropic.builtin_tool_class" and bash.mutating and not bash.typed
    assert computer.line == 25 and computer.mutating and "computer_use" in computer.capabilities  # name from its base


def test_tool_class_passing_an_anthropic_schema_to_its_base() -> None:
    note = _tools()["note_write"]
    assert note.style == "anthropic.tool_class" and note.line == 15 and note.mutating and note.typed


def test_functions_renamed_with_dunder_name() -> None:
    tools = _tools()
    assert tools["find_order"].line == 13  # lookup_order.__name__ = "find_order"
    assert "proxy" not in tools and "lookup_order" not in tools  # proxy.__name__ = tool_name: run time


def test_agent_tool_run_by_code_is_not_handed_to_a_model() -> None:
    tools = _tools()
    assert "call_db_agent" in tools and "database_agent" not in tools


def test_strands_community_tools_imported_by_name() -> None:
    tools = _tools()
    assert tools["http_request"].mutating and tools["http_request"].style == "strands.builtin_tool_instance"
    assert tools["shell"].mutating and not tools["shell"].typed
    assert not tools["current_time"].mutating


def test_nothing_else() -> None:
    assert set(_tools()) == {"read_note", "write_note", "redraw_diagram", "delete_note", "Dall-E-Image-Generator",
                             "get_weather", "save_screenshot", "mind_answer", "new_incident", "open_path", "page_up",
                             "switch_on", "keep_chart", "roll_dice", "code_interpreter", "file_search",
                             "web_search_preview", "get_specials", "place_order", "calculator",
                             "remove_file", "retrieve_rag_documentation", "create_customer", "list_customers",
                             "display_seat_map", "bash", "computer", "note_write", "find_order", "call_db_agent", "http_request", "shell",
                             "current_time"}
