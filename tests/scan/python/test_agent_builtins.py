"""Pydantic AI, agent middleware, smolagents and OpenAI Agents built-ins as data: the generator
(benchmarks/agent_builtins.py) reads wheels with `ast` and writes names and flags; the committed
module has the shape the framework modules read."""

from __future__ import annotations

from pathlib import Path

import pytest

from parr.scan.python.frameworks import agent_builtins as generated
from tests.scan.python.generator_helpers import load_generator, write_wheel



# Made-up packages in the wheel layout the generator reads (no third-party code).
_FILES = {
    "pydantic_ai/native_tools/__init__.py": '''
class AbstractNativeTool:
    kind: str = "unknown_native_tool"

class WebSearchTool(AbstractNativeTool):
    kind: str = "web_search"

class CodeExecutionTool(AbstractNativeTool):
    kind: str = "code_execution"

class UrlContextTool(WebSearchTool):
    pass
''',
    "pydantic_ai/capabilities/web_search.py": '''
from pydantic_ai.native_tools import WebSearchTool

class WebSearch:
    def _default_native(self):
        return WebSearchTool()

class Thinking:
    pass
''',
    "pydantic_ai/common_tools/search.py": '''
from pydantic_ai.tools import Tool

def notes_search_tool(client=None):
    return Tool[object](client.search, name="notes_search", description="Search notes.")

def helper():
    return 1
''',
    "langchain/agents/middleware/todo.py": '''
from langchain_core.tools import StructuredTool, tool
from langchain.agents.middleware.types import AgentMiddleware

SHELL_NAME = "shell"

class TodoListMiddleware(AgentMiddleware):
    def __init__(self):
        self.tools = [StructuredTool.from_function(name="write_todos", func=len)]

class ShellToolMiddleware(AgentMiddleware):
    def __init__(self, tool_name: str = SHELL_NAME):
        self._tool_name = tool_name

        @tool(self._tool_name)
        def run(command: str) -> str:
            return command

        self.tools = [run]

class SummarizationMiddleware(AgentMiddleware):
    pass
''',
    "deepagents/middleware/filesystem.py": '''
from langchain_core.tools import StructuredTool
from langchain.agents.middleware.types import AgentMiddleware

class FilesystemMiddleware(AgentMiddleware):
    def __init__(self):
        self.tools = self._create_tools()

    def _create_tools(self):
        return [factory() for factory in (self._ls, self._write)]

    def _ls(self):
        return StructuredTool.from_function(name="ls", func=len)

    def _write(self):
        return _build_write()

def _build_write():
    return StructuredTool.from_function(name="write_file", func=len)

class SubAgentMiddleware(AgentMiddleware):
    def __init__(self):
        task_tool = StructuredTool.from_function(name="task", func=len)
        self.tools = [task_tool]
''',
    "deepagents/graph.py": '''
from deepagents.middleware.filesystem import FilesystemMiddleware, SubAgentMiddleware
from langchain.agents.middleware import TodoListMiddleware

def create_deep_agent(model, tools=None, *, todos=None, subagents=None):
    inline_subagents = []
    deepagent_middleware = [FilesystemMiddleware()]
    if inline_subagents:
        deepagent_middleware.append(SubAgentMiddleware())
    if todos is not None:
        deepagent_middleware.append(TodoListMiddleware())
    return deepagent_middleware
''',
    "smolagents/default_tools.py": '''
from smolagents.tools import Tool

class PythonInterpreterTool(Tool):
    name = "python_interpreter"

class FinalAnswerTool(Tool):
    name = "final_answer"

class DuckDuckGoSearchTool(Tool):
    name = "web_search"

TOOL_MAPPING = {t.name: t for t in [PythonInterpreterTool, DuckDuckGoSearchTool]}
''',
    "smolagents/agents.py": '''
from smolagents.default_tools import TOOL_MAPPING

class MultiStepAgent:
    def _setup_tools(self, tools, add_base_tools):
        if add_base_tools:
            self.tools.update({n: c() for n, c in TOOL_MAPPING.items()
                               if n != "python_interpreter" or self.__class__.__name__ == "ToolCallingAgent"})
''',
    "agents/tool.py": '''
class FunctionTool:
    name: str

class WebSearchTool:
    @property
    def name(self):
        return "web_search"

class ShellTool:
    name: str = "shell"

class NotInTheUnion:
    @property
    def name(self):
        return "other"

Tool = FunctionTool | WebSearchTool | ShellTool
''',
}


@pytest.fixture
def written(tmp_path: Path, capsys) -> dict:
    wheel = write_wheel(tmp_path / "fakepkg-1.0.0-py3-none-any.whl", _FILES)
    assert load_generator("agent_builtins").main([str(wheel)]) == 0
    namespace: dict = {}
    exec(capsys.readouterr().out, namespace)  # the generated module: literals only
    return namespace


def test_pydantic_ai_native_tools_capabilities_and_common_tools(written) -> None:
    assert written["PYDANTIC_NATIVE"] == {
        "WebSearchTool": ("web_search", False, True, ("http",)),
        "CodeExecutionTool": ("code_execution", True, False, ("code_execution",)),
        "UrlContextTool": ("web_search", False, True, ("http",)),  # inherits its base's kind
    }
    assert written["PYDANTIC_CAPABILITIES"] == {"WebSearch": ("web_search", False, True, ("http",))}
    assert written["PYDANTIC_COMMON"] == {"notes_search_tool": ("notes_search", False, True, ("http",))}


def test_middleware_tools_through_methods_functions_and_parameter_defaults(written) -> None:
    assert written["LANGCHAIN_MIDDLEWARE"] == {
        "TodoListMiddleware": (("write_todos", False, True, ()),),
        "ShellToolMiddleware": (("shell", True, False, ("shell",)),),
        "SummarizationMiddleware": (),  # listed with no tools: no site where it is handed over
    }
    assert written["DEEPAGENTS_MIDDLEWARE"]["FilesystemMiddleware"] == (
        ("ls", False, True, ("file_read",)), ("write_file", True, True, ("file_write",)))
    assert written["DEEPAGENTS_MIDDLEWARE"]["SubAgentMiddleware"] == (("task", True, True, ()),)
    # the name came from a constructor parameter's default: that keyword renames the tool
    assert written["MIDDLEWARE_NAME_KWS"] == {"ShellToolMiddleware": "tool_name"}


def test_create_deep_agent_always_and_when_given(written) -> None:
    # inline_subagents holds by default (a general-purpose sub-agent); todos= is a parameter
    assert written["DEEP_AGENT_ALWAYS"] == ("FilesystemMiddleware", "SubAgentMiddleware")
    assert written["DEEP_AGENT_GIVEN"] == {"todos": ("TodoListMiddleware",)}


def test_smolagents_defaults_and_base_tools_per_agent_type(written) -> None:
    assert "FinalAnswerTool" not in written["SMOLAGENTS"]
    assert written["SMOLAGENTS"]["DuckDuckGoSearchTool"][0] == "web_search"
    assert written["SMOLAGENTS_BASE"] == ("DuckDuckGoSearchTool",)
    assert written["SMOLAGENTS_BASE_TOOL_CALLING"] == ("PythonInterpreterTool",)


def test_openai_agents_union_members_named_by_property_or_field(written) -> None:
    assert written["OPENAI_AGENTS"] == {"WebSearchTool": ("web_search", False, True, ("http",)),
                                        "ShellTool": ("shell", True, False, ("shell",))}


def test_a_condition_the_generator_does_not_know_stops_it(tmp_path: Path) -> None:
    files = dict(_FILES)
    files["deepagents/graph.py"] = files["deepagents/graph.py"].replace("if inline_subagents:", "if surprise:")
    wheel = write_wheel(tmp_path / "fakepkg-1.0.0-py3-none-any.whl", files)
    with pytest.raises(SystemExit, match="surprise"):
        load_generator("agent_builtins").main([str(wheel)])


def test_committed_module_shape() -> None:
    assert "deepagents" in (generated.__doc__ or "") and "pydantic-ai-slim" in (generated.__doc__ or "")
    assert generated.LANGCHAIN_MIDDLEWARE["TodoListMiddleware"] == (("write_todos", False, True, ()),)
    assert set(generated.DEEP_AGENT_ALWAYS) <= set(generated.DEEPAGENTS_MIDDLEWARE)
    for rows in (generated.PYDANTIC_NATIVE, generated.PYDANTIC_CAPABILITIES, generated.PYDANTIC_COMMON,
                 generated.SMOLAGENTS, generated.OPENAI_AGENTS):
        for name, mutating, typed, caps in rows.values():
            assert name and isinstance(mutating, bool) and isinstance(typed, bool) and isinstance(caps, tuple)
