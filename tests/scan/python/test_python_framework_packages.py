"""Repositories that are a framework, or a tools package built on one: their tool base classes
live in the repository itself, under the framework's package name."""

from __future__ import annotations

from pathlib import Path

from parr.scan.engine import scan_repository
from parr.scan.python import PythonScanner


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def _tools(root: Path):
    result = scan_repository(root, scanners=[PythonScanner()], use_cache=False)
    assert result.errors == ()
    return {(t.file, t.name): t for t in result.tools}


TOOLS_PACKAGE = {
    # a tools package on crewAI: its bases are imported by absolute crewai_tools paths
    "lib/crewai-tools/src/crewai_tools/__init__.py": "",
    "lib/crewai-tools/src/crewai_tools/tools/rag/rag_tool.py": '''\
from crewai.tools import BaseTool


class RagTool(BaseTool):
    name: str = "Knowledge base"
    description: str = "Answers questions from a knowledge base."

    def _run(self, query: str) -> str:
        return self.adapter.query(query)
''',
    "lib/crewai-tools/src/crewai_tools/tools/csv_search_tool/csv_search_tool.py": '''\
from crewai_tools.tools.rag.rag_tool import RagTool


class CSVSearchTool(RagTool):
    name: str = "Search a CSV's content"
    description: str = "Semantic search over a CSV file."
''',
    "lib/crewai-tools/src/crewai_tools/tools/brave/base.py": '''\
from crewai.tools import BaseTool


class BraveSearchToolBase(BaseTool):
    name: str = "Brave search"
    description: str = "Base for the Brave tools."

    def _run(self, **kwargs) -> str:
        raise NotImplementedError
''',
    "lib/crewai-tools/src/crewai_tools/tools/brave/web.py": '''\
import requests

from crewai_tools.tools.brave.base import BraveSearchToolBase


class BraveWebSearchTool(BraveSearchToolBase):
    name: str = "Brave Web Search"
    description: str = "Search the web with Brave."

    def _run(self, query: str) -> str:
        return requests.get("https://api.search.brave.com/res/v1/web/search", params={"q": query}).text
''',
    "lib/crewai-tools/src/crewai_tools/tools/exa/exa.py": '''\
from crewai.tools import BaseTool


class ExaSearchTool(BaseTool):
    name: str = "exa_search"
    description: str = "Search with Exa."

    def _run(self, query: str) -> str:
        return self.client.search(query)


class EXASearchTool(ExaSearchTool):
    """Deprecated alias."""
''',
}


def test_bases_in_the_frameworks_package_are_followed_through_the_repository(tmp_path: Path) -> None:
    tools = _tools(_write(tmp_path, TOOLS_PACKAGE))
    names = {name for _, name in tools}
    # sanitised the way crewAI shows names to the model
    assert "search_a_csvs_content" in names
    assert "brave_web_search" in names
    # complete tools that others extend are still tools; a base with a stub _run is not
    assert "knowledge_base" in names
    assert "exa_search" in names
    assert "brave_search" not in names
    assert len(names) == 4


SMOLAGENTS_REPO = {
    "src/smolagents/__init__.py": "",
    "src/smolagents/tools.py": '''\
from abc import ABC, abstractmethod


class BaseTool(ABC):
    name: str

    @abstractmethod
    def __call__(self, *args, **kwargs):
        ...


class Tool(BaseTool):
    name = "tool"
    inputs = {}

    def forward(self, *args, **kwargs):
        raise NotImplementedError("Write this method in your subclass of `Tool`.")


class PipelineTool(Tool):
    name = "pipeline"
    inputs = {"prompt": {"type": "string", "description": "The input."}}

    def forward(self, inputs):
        return self.model(**inputs)
''',
    "src/smolagents/default_tools.py": '''\
from .tools import PipelineTool, Tool


class PythonInterpreterTool(Tool):
    name = "python_interpreter"
    description = "Evaluates python code. It can be used to perform calculations."
    inputs = {"code": {"type": "string", "description": "The code snippet to evaluate."}}
    output_type = "string"

    def forward(self, code: str) -> str:
        return str(self.python_evaluator(code, self.state))


class SpeechToTextTool(PipelineTool):
    name = "transcriber"
    description = "Transcribes an audio file to text."
    inputs = {"audio": {"type": "audio", "description": "The audio to transcribe."}}
    output_type = "string"
''',
}


def test_a_frameworks_own_repository(tmp_path: Path) -> None:
    tools = _tools(_write(tmp_path, SMOLAGENTS_REPO))
    assert set(tools) == {("src/smolagents/default_tools.py", "python_interpreter"),
                          ("src/smolagents/default_tools.py", "transcriber")}
    interpreter = tools[("src/smolagents/default_tools.py", "python_interpreter")]
    assert interpreter.framework == "smolagents"
    # its input is code it runs: not typed, and mutating whatever the code says
    assert interpreter.typed is False and interpreter.mutating is True
    assert "code_execution" in interpreter.capabilities


def test_books_the_noun_is_not_books_the_verb(tmp_path: Path) -> None:
    root = _write(tmp_path, {"agent.py": '''\
from langchain_core.tools import tool


@tool
def google_books(query: str) -> str:
    """A wrapper around Google Books. Useful for questions about books and their authors."""
    return lookup(query)


@tool
def reserve(city: str, night: str) -> str:
    """Books a hotel room for the traveller."""
    return agent_api(city, night)
'''})
    tools = {name: t for (_, name), t in _tools(root).items()}
    assert tools["google_books"].mutating is False
    assert tools["reserve"].mutating is True
