"""Langroid, agency-swarm, Qwen-Agent and griptape built-ins as data: the generators (benchmarks/langroid_builtins.py,
agency_swarm_builtins.py, qwen_agent_builtins.py, griptape_builtins.py) read made-up packages with parr's own
readers and write names and flags; the committed modules have the shape the families read."""

from __future__ import annotations

from pathlib import Path

import pytest

from parr.scan.python.frameworks import agency_swarm_builtins, langroid_builtins, qwen_agent_builtins
from tests.scan.python.generator_helpers import generated_module, load_generator, write_wheel

# Made-up files in the layout of the langroid wheel (no third-party code).
_LANGROID = {
    "langroid/agent/tools/search_tool.py": '''
import requests
from langroid.agent.tool_message import ToolMessage

class NoteSearchTool(ToolMessage):
    request: str = "note_search"
    purpose: str = "To search notes for a <query>."
    query: str

    def handle(self) -> str:
        return requests.get("https://notes.example.com/search", params={"q": self.query}).text
''',
    "langroid/agent/tools/shell_tool.py": '''
import subprocess
from langroid.agent.tool_message import ToolMessage

class ShellTool(ToolMessage):
    request: str = "shell"
    purpose: str = "To run a <command>."
    command: str

    def handle(self) -> str:
        return subprocess.run(self.command, shell=True, capture_output=True, text=True).stdout

class AgentOnly(ToolMessage):
    request: str = "agent_only"
    purpose: str = "Internal."
    _allow_llm_use: bool = False
''',
}


def test_langroid_generator_names_classes_by_request_and_reads_handlers(tmp_path: Path) -> None:
    gen = load_generator("langroid_builtins")
    text = gen.main(str(write_wheel(tmp_path / "langroid-9.9.9-py3-none-any.whl", _LANGROID)))
    ns = generated_module(text, "langroid_builtins")
    assert "langroid 9.9.9" in text
    assert ns["BUILTINS"] == {"NoteSearchTool": ("note_search", False, True), "ShellTool": ("shell", True, False)}


def test_langroid_generator_stops_when_it_reads_nothing(tmp_path: Path) -> None:
    gen = load_generator("langroid_builtins")
    with pytest.raises(SystemExit):
        gen.main(str(write_wheel(tmp_path / "langroid-9.9.9-py3-none-any.whl", {"langroid/__init__.py": ""})))


def test_agency_swarm_generator_reads_a_checkout(tmp_path: Path) -> None:
    gen = load_generator("agency_swarm_builtins")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "agency-swarm"\nversion = "9.9.9"\n')
    tools = tmp_path / "src" / "agency_swarm" / "tools" / "built_in"
    tools.mkdir(parents=True)
    (tools / "Runner.py").write_text('''
import subprocess
from pydantic import Field
from agency_swarm.tools.base_tool import BaseTool

class Runner(BaseTool):
    """Run a shell command."""
    command: str = Field(..., description="the command")

    def run(self) -> str:
        return subprocess.run(self.command, shell=True, capture_output=True, text=True).stdout
''')
    (tools / "Reader.py").write_text('''
from agency_swarm.tools.base_tool import BaseTool

class Reader(BaseTool):
    """Read a file of the agent's folder."""
    path: str

    def run(self) -> str:
        return open(self.path).read()
''')
    text = gen.main(str(tmp_path))
    ns = generated_module(text, "agency_swarm_builtins")
    assert "agency-swarm 9.9.9" in text
    assert ns["BUILTINS"] == {"Reader": ("Reader", False, True), "Runner": ("Runner", True, False)}


_QWEN = {
    "qwen_agent/tools/base.py": '''
class BaseTool:
    name = ""
''',
    "qwen_agent/tools/painter.py": '''
import requests
from qwen_agent.tools.base import BaseTool, register_tool

@register_tool("paint")
class Painter(BaseTool):
    description = "Paint a picture."
    parameters = [{"name": "prompt", "type": "string", "description": "what to paint", "required": True}]

    def call(self, params, **kwargs):
        return requests.get("https://paint.example.com", params={"p": params}).text
''',
    "qwen_agent/tools/runner.py": '''
import subprocess
from qwen_agent.tools.base import BaseTool, register_tool

@register_tool("run_code")
class Runner(BaseTool):
    description = "Run code."
    parameters = [{"name": "code", "type": "string", "description": "code", "required": True}]

    def call(self, params, **kwargs):
        return subprocess.run(["python", "-c", params], capture_output=True).stdout

# @register_tool("unsafe")
class Unsafe(BaseTool):
    name = "unsafe"
    description = "Not registered by default."

    def call(self, params, **kwargs):
        return subprocess.run(params, shell=True).returncode
''',
}


def test_qwen_generator_keeps_registered_tools_only(tmp_path: Path) -> None:
    gen = load_generator("qwen_agent_builtins")
    text = gen.main(str(write_wheel(tmp_path / "qwen_agent-9.9.9-py3-none-any.whl", _QWEN)))
    ns = generated_module(text, "qwen_agent_builtins")
    assert "qwen-agent 9.9.9" in text
    assert ns["BUILTINS"] == {"paint": (False, True), "run_code": (True, False)}


@pytest.mark.parametrize("module", [langroid_builtins, agency_swarm_builtins])
def test_committed_modules_have_the_shape_the_families_read(module) -> None:
    assert module.BUILTINS
    for cls, (name, mutating, typed) in module.BUILTINS.items():
        assert cls.isidentifier() and isinstance(name, str) and name
        assert isinstance(mutating, bool) and isinstance(typed, bool)


def test_committed_qwen_module_has_the_shape_the_family_reads() -> None:
    assert "code_interpreter" in qwen_agent_builtins.BUILTINS
    for name, (mutating, typed) in qwen_agent_builtins.BUILTINS.items():
        assert name and isinstance(mutating, bool) and isinstance(typed, bool)


_GRIPTAPE = {
    "griptape/tools/notes/tool.py": '''
import requests
from schema import Literal, Schema
from griptape.tools import BaseTool
from griptape.utils.decorators import activity

class NotesTool(BaseTool):
    @activity(config={"description": "Can be used to read a note", "schema": Schema({Literal("id"): str})})
    def read_note(self, params: dict):
        return requests.get("https://notes.example.com/" + params["values"]["id"]).text

    @activity(config={"name": "erase", "description": "Can be used to erase a note", "schema": Schema({"id": str})})
    def erase_note(self, params: dict):
        return requests.delete("https://notes.example.com/" + params["values"]["id"]).status_code

    def helper(self):
        return 1
''',
}


def test_griptape_generator_names_activities_by_class(tmp_path: Path) -> None:
    from parr.scan.python.frameworks import griptape_builtins

    gen = load_generator("griptape_builtins")
    text = gen.main(str(write_wheel(tmp_path / "griptape-9.9.9-py3-none-any.whl", _GRIPTAPE)))
    ns = generated_module(text, "griptape_builtins")
    assert "griptape 9.9.9" in text
    assert ns["TOOLSETS"] == {"NotesTool": (("NotesTool_erase", True, True), ("NotesTool_read_note", False, True))}
    assert all(name.startswith(cls + "_") for cls, tools in griptape_builtins.TOOLSETS.items() for name, _, _ in tools)
