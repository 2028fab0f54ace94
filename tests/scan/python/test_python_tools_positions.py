"""A `tools=` keyword (or functions=, handoffs=, a tool list by position) is a tools position
only where it reaches a model: a framework's callee, any callee in a file that speaks to a model,
or a class or function of the project that passes the parameter on to a framework. Elsewhere
(a report model's `tools=len(...)` in code that knows no model) it makes neither tools nor sites."""

from __future__ import annotations

from pathlib import Path

from parr.scan.engine import scan_repository
from parr.scan.python import PythonScanner


def _scan(tmp_path: Path, files: dict[str, str]):
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return scan_repository(tmp_path, scanners=[PythonScanner()], use_cache=False)


def test_a_project_model_in_code_that_knows_no_model_is_no_tools_position(tmp_path: Path) -> None:
    result = _scan(tmp_path, {
        "report/summary.py": (
            "from pydantic import BaseModel\n"
            "from report.rows import tool_rows\n\n"
            "class SideSummary(BaseModel):\n    tools: int\n\n"
            "def side(scan):\n"
            "    return SideSummary(tools=len(scan.tools))\n\n"
            "def page(facts):\n"
            "    return render(tools=tool_rows(facts))\n"),
        "report/rows.py": "def tool_rows(facts):\n    return [t for t in facts]\n",
    })
    assert result.tools == ()
    assert result.unresolved == ()


def test_a_project_helper_that_passes_tools_on_to_a_framework_keeps_them(tmp_path: Path) -> None:
    result = _scan(tmp_path, {
        "app/agent.py": (
            "from agents import Agent\n\n"
            "def build_agent(tools):\n"
            "    return Agent(name='helper', tools=tools)\n"),
        "app/stats.py": "def count_tools(tools):\n    return len(tools)\n",
        "app/main.py": (
            "from app.agent import build_agent\n"
            "from app.stats import count_tools\n"
            "from vendorlib import Dashboard\n\n"
            "def search_docs(query: str) -> str:\n    return query\n\n"
            "def archive(query: str) -> str:\n    return query\n\n"
            "def clock() -> str:\n    return 'now'\n\n"
            "agent = build_agent(tools=[search_docs, lookup_later()])\n"
            "n = count_tools(tools=[archive])\n"
            "board = Dashboard(tools=[clock])\n"),
    })
    assert [t.name for t in result.tools] == ["search_docs"]
    # the helper's other element is a site; nothing of count_tools(...) or Dashboard(...)
    assert [(s.file, s.line) for s in result.unresolved] == [("app/main.py", 14)]


def test_a_local_class_needs_a_framework_base_or_to_pass_tools_on(tmp_path: Path) -> None:
    result = _scan(tmp_path, {
        "main.py": (
            "from dataclasses import dataclass\n"
            "from openai import OpenAI\n"
            "from agents import Agent\n\n"
            "@dataclass\n"
            "class RunRecord:\n    tools: list\n\n"
            "class Helper(Agent):\n    pass\n\n"
            "class Wrapper:\n"
            "    def __init__(self, tools):\n"
            "        self.agent = Agent(name='w', tools=tools)\n\n"
            "def fetch_page(url: str) -> str:\n    return url\n\n"
            "def weather(city: str) -> str:\n    return city\n\n"
            "def note(text: str) -> str:\n    return text\n\n"
            "client = OpenAI()\n"
            "record = RunRecord(tools=[note])\n"
            "helper = Helper(name='h', tools=[fetch_page])\n"
            "wrapped = Wrapper(tools=[weather])\n"),
    })
    assert sorted(t.name for t in result.tools) == ["fetch_page", "weather"]
