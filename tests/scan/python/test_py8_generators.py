"""Letta, PraisonAI and crewai_tools built-ins as data: the generators (benchmarks/letta_builtins.py,
benchmarks/praisonai_builtins.py, benchmarks/crewai_builtins.py) read made-up wheels with `ast` and
write names, flags and effects; the committed modules have the shape the scanner reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from parr.scan.python.frameworks import crewai_builtins, letta_builtins, praisonai_builtins
from tests.scan.python.generator_helpers import generated_module, load_generator, write_wheel

_META = "Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"

# Made-up files in the layout of the Letta server wheel (no third-party code).
_LETTA = {
    "letta-9.9.9.dist-info/METADATA": _META.format(name="letta", version="9.9.9"),
    "letta/constants.py": '''
SEND_MESSAGE_TOOL_NAME = "send_message"
BASE_TOOLS = [SEND_MESSAGE_TOOL_NAME, "conversation_search", "archival_memory_insert"]
DEPRECATED_LETTA_TOOLS = ["archival_memory_insert"]
BASE_MEMORY_TOOLS = ["core_memory_append"]
BASE_MEMORY_TOOLS_V2 = ["memory_insert"]
BASE_MEMORY_TOOLS_V3 = []
BASE_SLEEPTIME_CHAT_TOOLS = [SEND_MESSAGE_TOOL_NAME]
BASE_SLEEPTIME_TOOLS = ["memory_finish_edits"]
BASE_VOICE_SLEEPTIME_CHAT_TOOLS = [SEND_MESSAGE_TOOL_NAME]
BASE_VOICE_SLEEPTIME_TOOLS = []
MULTI_AGENT_TOOLS = ["send_message_to_agent_async"]
BUILTIN_TOOLS = ["run_code", "web_search"]
FILES_TOOLS = ["grep_files"]
''',
    "letta/functions/function_sets/base.py": '''
def send_message(self, message: str):
    """Sends a message to the human user."""
def conversation_search(self, query: str):
    """Search prior conversation history."""
def archival_memory_insert(self, content: str):
    """Add to archival memory."""
def core_memory_append(agent_state, label: str, content: str):
    """Append to core memory."""
def memory_insert(agent_state, label: str, new_string: str):
    """Insert text into a memory block."""
def memory_finish_edits(agent_state):
    """Finish editing memory."""
def send_message_to_agent_async(message: str, other_agent_id: str):
    """Message another agent."""
def run_code(code: str, language: str):
    """Run code in a sandbox."""
def web_search(query: str):
    """Search the web."""
def grep_files(agent_state, pattern: str):
    """Search files."""
''',
    "letta/schemas/enums.py": '''
class AgentType(str, Enum):
    memgpt_agent = "memgpt_agent"
    memgpt_v2_agent = "memgpt_v2_agent"
    letta_v1_agent = "letta_v1_agent"
    react_agent = "react_agent"
    workflow_agent = "workflow_agent"
    split_thread_agent = "split_thread_agent"
    sleeptime_agent = "sleeptime_agent"
    voice_convo_agent = "voice_convo_agent"
    voice_sleeptime_agent = "voice_sleeptime_agent"
''',
    "letta/schemas/agent.py": '''
class CreateAgent(BaseModel):
    agent_type: AgentType = Field(default_factory=lambda: AgentType.letta_v1_agent, description="x")
''',
    "letta/services/agent_manager.py": '''
        if agent_create.include_base_tools:
            if agent_create.agent_type == AgentType.voice_sleeptime_agent:
                pass
            elif agent_create.agent_type == AgentType.voice_convo_agent:
                pass
            elif agent_create.agent_type == AgentType.sleeptime_agent:
                pass
            elif agent_create.enable_sleeptime:
                tool_names |= set(BASE_SLEEPTIME_CHAT_TOOLS)
            elif agent_create.agent_type == AgentType.memgpt_v2_agent:
                pass
            elif agent_create.agent_type == AgentType.react_agent:
                pass
            elif agent_create.agent_type == AgentType.letta_v1_agent:
                pass
            elif agent_create.agent_type == AgentType.workflow_agent:
                pass
        if agent_create.include_multi_agent_tools:
            pass
''',
}


def test_letta_generator_reads_the_lists_and_agent_types(tmp_path: Path) -> None:
    gen = load_generator("letta_builtins")
    text = gen.main(str(write_wheel(tmp_path / "letta.whl", _LETTA)))
    ns = generated_module(text, "letta_builtins")
    assert "letta 9.9.9" in text
    tools = ns["TOOLS"]
    assert tools["run_code"][:3] == (True, False, ("code_execution",))
    assert tools["web_search"][:3] == (False, True, ("http",))
    assert tools["core_memory_append"][0] is True and tools["memory_finish_edits"][0] is False
    assert tools["conversation_search"][0] is False and tools["send_message"][0] is False
    assert tools["send_message"][3] == "Sends a message to the human user."
    # letta_v1: the v2 base set without send_message; memgpt_agent: the v1 set; deprecated ones dropped
    assert ns["BY_AGENT_TYPE"]["letta_v1_agent"] == ("conversation_search", "memory_insert")
    assert ns["BY_AGENT_TYPE"]["memgpt_agent"] == ("send_message", "conversation_search", "core_memory_append")
    assert ns["DEFAULT_AGENT_TYPE"] == "letta_v1_agent"
    assert ns["MULTI_AGENT"] == ("send_message_to_agent_async",)


def test_letta_generator_stops_on_an_agent_type_it_does_not_know(tmp_path: Path) -> None:
    gen = load_generator("letta_builtins")
    files = dict(_LETTA)
    files["letta/schemas/enums.py"] += "    swarm_agent = \"swarm_agent\"\n"
    with pytest.raises(SystemExit):
        gen.main(str(write_wheel(tmp_path / "letta.whl", files)))


_PRAISON = {
    "praisonaiagents-9.9.9.dist-info/METADATA": _META.format(name="praisonaiagents", version="9.9.9"),
    "praisonaiagents/__init__.py": "",
    "praisonaiagents/tools/__init__.py": '''
TOOL_MAPPINGS = {
    'web_lookup': ('.web_tools', None),
    'web_tools': ('.web_tools', None),
    'read_note': ('.note_tools', 'NoteTools'),
    'erase_note': ('.note_tools', 'NoteTools'),
    'create_note_tools': ('.note_tools', None),
}
''',
    "praisonaiagents/tools/web_tools.py": '''
import requests

def web_lookup(query: str) -> str:
    """Look a query up on the web."""
    return requests.get("https://search.example/", params={"q": query}).text
''',
    "praisonaiagents/tools/note_tools.py": '''
import os

class NoteTools:
    def read_note(self, path: str) -> str:
        """Read a note."""
        with open(path) as f:
            return f.read()

    def erase_note(self, path: str) -> str:
        """Erase a note."""
        os.remove(path)
        return "erased"

_notes = NoteTools()
read_note = _notes.read_note
erase_note = _notes.erase_note

def create_note_tools():
    return [read_note, erase_note]
''',
}


def test_praisonai_generator_names_tools_and_reads_their_bodies(tmp_path: Path) -> None:
    gen = load_generator("praisonai_builtins")
    text = gen.main(str(write_wheel(tmp_path / "pa.whl", _PRAISON)))
    ns = generated_module(text, "praisonai_builtins")
    assert set(ns["TOOLS"]) == {"web_lookup", "read_note", "erase_note"}  # not the module, not the factory
    assert ns["TOOLS"]["erase_note"][0] is True
    assert ns["TOOLS"]["read_note"][0] is False and ns["TOOLS"]["web_lookup"][0] is False
    assert ns["FACTORIES"] == ("create_note_tools",)


_CREW = {
    "crewai_tools-9.9.9.dist-info/METADATA": _META.format(name="crewai-tools", version="9.9.9"),
    "crewai_tools/__init__.py": "from crewai_tools.tools.memo import MemoWriterTool, MemoSearchTool, MemoConfig\n",
    "crewai_tools/tools/memo.py": '''
from crewai.tools import BaseTool
from pydantic import BaseModel


class MemoConfig(BaseModel):
    path: str = "memos"


class MemoWriterTool(BaseTool):
    name: str = "Write a memo"
    description: str = "Write a memo to disk."

    def _run(self, title: str, text: str) -> str:
        with open(title, "w") as f:
            f.write(text)
        return "written"


class MemoSearchTool(BaseTool):
    name: str = "Search memos"
    description: str = "Search the memos."

    def _run(self, query: str) -> str:
        with open("index.txt") as f:
            return f.read()
''',
}


def test_crewai_generator_keeps_exported_tool_classes_with_the_names_they_send(tmp_path: Path) -> None:
    gen = load_generator("crewai_builtins")
    text = gen.main(str(write_wheel(tmp_path / "ct.whl", _CREW)))
    ns = generated_module(text, "crewai_builtins")
    assert set(ns["CLASSES"]) == {"MemoWriterTool", "MemoSearchTool"}  # MemoConfig is no tool
    assert ns["CLASSES"]["MemoWriterTool"][:2] == ("write_a_memo", True)
    assert ns["CLASSES"]["MemoSearchTool"][:2] == ("search_memos", False)


def test_committed_modules_have_the_shape_the_scanner_reads() -> None:
    assert letta_builtins.DEFAULT_AGENT_TYPE in letta_builtins.BY_AGENT_TYPE
    assert all(n in letta_builtins.TOOLS for names in letta_builtins.BY_AGENT_TYPE.values() for n in names)
    assert all(len(v) == 3 for v in praisonai_builtins.TOOLS.values()) and praisonai_builtins.TOOLS
    assert all(len(v) == 4 and isinstance(v[0], str) for v in crewai_builtins.CLASSES.values())
