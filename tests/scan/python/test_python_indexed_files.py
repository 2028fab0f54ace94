"""Files the Python scanner only indexes (they cannot declare a tool) are read in full when a tool
turns out to use them: helpers listed in tools=[...] keep their effects, re-exports resolve,
and calls that take a tool list positionally are seen even when nothing says "tool"."""

from __future__ import annotations

from pathlib import Path

import pytest

from parr.scan.engine import scan_repository
from parr.scan.python import PythonScanner

HELPERS = '''\
import shutil


def cleanup_workspace(path: str) -> str:
    """Remove a scratch directory."""
    shutil.rmtree(path)
    return "ok"


def word_count(text: str) -> int:
    """Count the words."""
    return len(text.split())
'''

REEXPORT = '''\
from .impl import archive_ticket
'''

IMPL = '''\
import requests


def archive_ticket(ticket_id: str) -> dict:
    """File a ticket away."""
    return requests.post(f"https://desk.example.com/tickets/{ticket_id}/archive").json()
'''


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def _spy_full_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the Python scanner parses in full, in order."""
    read: list[str] = []
    original = PythonScanner.extract_full

    def spy(self, rel_path, source, **kwargs):
        read.append(rel_path)
        return original(self, rel_path, source, **kwargs)

    monkeypatch.setattr(PythonScanner, "extract_full", spy)
    return read


def _tools(root: Path, **kwargs):
    result = scan_repository(root, scanners=[PythonScanner()], **kwargs)
    assert result.errors == ()
    return {t.name: t for t in result.tools}


@pytest.mark.parametrize("cache", [False, True])
def test_helper_from_a_file_without_tool_words_keeps_its_effects(tmp_path: Path, cache: bool) -> None:
    root = _write(tmp_path / "repo", {
        "helpers.py": HELPERS,
        "agent.py": "from google.adk.agents import Agent\nfrom helpers import cleanup_workspace, word_count\n\n"
                    "root_agent = Agent(name='ops', tools=[cleanup_workspace, word_count])\n",
    })
    for run in range(3):
        if run == 2:  # a changed tree: helpers.py's facts come from the facts cache, not the tree cache
            (root / "agent.py").write_text((root / "agent.py").read_text() + "# reviewed\n")
        tools = _tools(root, use_cache=cache, cache_dir=tmp_path / "cache")
        assert tools["cleanup_workspace"].file == "helpers.py"
        assert tools["cleanup_workspace"].line == 4
        assert tools["cleanup_workspace"].mutating is True
        assert any("shutil.rmtree" in e for e in tools["cleanup_workspace"].evidence)
        assert tools["word_count"].mutating is False


def test_tool_reexported_by_a_package_init_resolves_to_its_definition(tmp_path: Path) -> None:
    root = _write(tmp_path, {
        "desk/__init__.py": REEXPORT,
        "desk/impl.py": IMPL,
        "agent.py": "from google.adk.agents import Agent\nfrom desk import archive_ticket\n\n"
                    "root_agent = Agent(name='desk', tools=[archive_ticket])\n",
    })
    tools = _tools(root, use_cache=False)
    assert tools["archive_ticket"].file == "desk/impl.py"
    assert tools["archive_ticket"].mutating is True


def test_positional_tool_list_without_the_word_tool(tmp_path: Path) -> None:
    root = _write(tmp_path, {
        "helpers.py": HELPERS,
        "graph.py": "from langgraph.prebuilt import create_react_agent\nfrom helpers import cleanup_workspace\n\n"
                    "graph = create_react_agent(model, [cleanup_workspace])\n",
    })
    tools = _tools(root, use_cache=False)
    assert set(tools) == {"cleanup_workspace"}
    assert tools["cleanup_workspace"].framework == "langchain"
    assert tools["cleanup_workspace"].mutating is True


def test_unreferenced_helpers_are_never_tools(tmp_path: Path) -> None:
    # The trap: a file full of effectful functions that no tool list names.
    root = _write(tmp_path, {
        "helpers.py": HELPERS,
        "agent.py": "from agents import Agent, function_tool\n\n\n@function_tool\ndef ping() -> str:\n"
                    "    \"\"\"Say pong.\"\"\"\n    return 'pong'\n\n\nagent = Agent(name='a', tools=[ping])\n",
    })
    assert set(_tools(root, use_cache=False)) == {"ping"}


def test_full_facts_only_for_files_a_tool_reaches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    read = _spy_full_reads(monkeypatch)
    files = {f"lib/util_{i}.py": HELPERS for i in range(20)}
    files["agent.py"] = ("from google.adk.agents import Agent\nfrom lib.util_3 import cleanup_workspace\n\n"
                         "root_agent = Agent(name='ops', tools=[cleanup_workspace])\n")
    root = _write(tmp_path, files)
    tools = _tools(root, use_cache=False, jobs=1)
    assert tools["cleanup_workspace"].file == "lib/util_3.py"
    # agent.py is parsed whole in extract; of the indexed files only the one a tool names.
    assert sorted(read) == ["agent.py", "lib/util_3.py"]


@pytest.mark.parametrize(("source", "declares"), [
    # tool words only in imports whose names the file never uses: nothing declared here
    ("from agents import function_tool, RunContextWrapper\n\n\nclass Repo:\n    pass\n", False),
    ("from agents import (\n    Agent,\n    function_tool,\n)\n\nx = 1\n", False),
    ("try:\n    from agents import function_tool\nexcept ImportError:\n    pass\n", False),
    ("from .tools import search, archive\n", False),
    # the imported name is used, aliased, joined with ';' or unknown (star): parse the file
    ("from agents import function_tool as ft\n\n\n@ft\ndef a() -> str:\n    return 'a'\n", True),
    ("from agents import function_tool; t = function_tool(f)\n", True),
    ("from myproj.tools.base import BaseSearch\n\n\nclass Web(BaseSearch):\n    pass\n", True),
    ("from mytools import search\n\ngraph = create_react_agent(model, [search])\n", True),
    ("from .tools import *\n", True),
    ("from x import y\n# tools are registered below\n", True),
])
def test_which_files_can_declare_tools(source: str, declares: bool) -> None:
    from parr.scan.python import can_declare_tools

    assert can_declare_tools(source.encode()) is declares


def test_subclass_of_a_project_tool_imported_from_a_tools_package(tmp_path: Path) -> None:
    root = _write(tmp_path, {
        "myproj/__init__.py": "",
        "myproj/tools/__init__.py": "",
        "myproj/tools/base.py": "from langchain_core.tools import BaseTool\n\n\nclass BaseSearch(BaseTool):\n"
                                "    name: str = 'base_search'\n    description: str = 'Search.'\n\n"
                                "    def _run(self, query: str) -> str:\n        return query\n",
        "myproj/web.py": "from myproj.tools.base import BaseSearch\n\n\nclass WebSearch(BaseSearch):\n"
                         "    name: str = 'web_search'\n    description: str = 'Search the web.'\n",
    })
    tools = _tools(root, use_cache=False)
    assert tools["web_search"].file == "myproj/web.py"
    assert "base_search" not in tools  # extended by another tool class: an abstract base


def test_shared_sdk_header_is_indexed_not_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    read = _spy_full_reads(monkeypatch)
    header = "from agents import function_tool, RunContextWrapper\n\n"
    root = _write(tmp_path, {
        "svc/store.py": header + HELPERS,
        "svc/math.py": header + "def double(x: int) -> int:\n    return 2 * x\n",
        "agent.py": "from agents import Agent\nfrom svc.store import cleanup_workspace\n\n"
                    "agent = Agent(name='ops', tools=[cleanup_workspace])\n",
    })
    tools = _tools(root, use_cache=False, jobs=1)
    assert tools["cleanup_workspace"].mutating is True
    assert sorted(read) == ["agent.py", "svc/store.py"]
