"""LangChain's Python built-ins as data: the generator (benchmarks/langchain_builtins.py) reads a
wheel with `ast` and writes names and flags; the committed module has the shape the scanner reads."""

from __future__ import annotations

import re
from pathlib import Path

from parr.scan.python.frameworks import langchain_builtins as generated
from tests.scan.python.generator_helpers import generated_module, load_generator, write_wheel



# A made-up package in the wheel layout the generator reads (no third-party code).
_TOOLS = '''
from langchain_core.tools import BaseTool


class _Base(BaseTool):
    """No name of its own: its subclasses give one."""


class NoteReader(_Base):
    name: str = "read_note"


class NoteWriter(_Base):
    name: str = "write_note"


class NoteDelete(_Base):
    name: str = "delete_note"


class Renamed(BaseTool):
    pass


class NotATool:
    name = "plain"
'''

_TOOLKIT = '''
from langchain_core.tools import BaseToolkit
from fakepkg.tools import NoteReader, NoteWriter, NoteDelete, Renamed

_MAP = {"read_note": NoteReader, "write_note": NoteWriter}


class NotesToolkit(BaseToolkit):
    def get_tools(self):
        allowed = self.selected_tools or _MAP
        return [_MAP[t]() for t in allowed]


class ArchiveToolkit(BaseToolkit):
    tools: list = []

    def get_tools(self):
        return self.tools

    @classmethod
    def build(cls):
        return cls(tools=[NoteReader(), NoteDelete()])


def create_notes_agent(llm, toolkit=None, extra_tools=()):
    toolkit = toolkit or NotesToolkit()
    return [NoteReader()] + toolkit.get_tools() + list(extra_tools)


class OperationsToolkit(BaseToolkit):
    def get_tools(self):
        return self.tools

    @classmethod
    def build(cls, ops):
        return cls(tools=[Renamed(name=op["name"]) for op in ops] + [NoteReader(name=op["x"]) for op in ops])
'''

_LOAD = '''
from langchain_core.tools import Tool
from fakepkg.tools import NoteReader


def _reader():
    return NoteReader()


def _sms(**kwargs):
    return Tool(name="Text-Message", func=print, description="Send a text message.")


_BASE_TOOLS = {"notes": _reader}
_EXTRA_OPTIONAL_TOOLS = {"twilio": (_sms, ["sid"])}
'''


def _wheel(tmp_path: Path) -> Path:
    return write_wheel(tmp_path / "langchain_community-9.9.9-py3-none-any.whl", {
        "langchain_community/__init__.py": "",
        "langchain_community/tools/notes.py": _TOOLS.replace("fakepkg", "langchain_community"),
        "langchain_community/agent_toolkits/notes.py": _TOOLKIT.replace("fakepkg.tools", "langchain_community.tools.notes"),
        "langchain_community/agent_toolkits/load_tools.py": _LOAD.replace("fakepkg.tools", "langchain_community.tools.notes"),
        "langchain_community/tests/test_x.py": "class Hidden(BaseTool):\n    name = 'hidden'\n",
    })


def test_generator_reads_names_toolkits_and_loaders_from_a_wheel(tmp_path: Path) -> None:
    gen = load_generator("langchain_builtins")
    reader = gen.Reader()
    reader.read_wheel(_wheel(tmp_path))
    text = gen.render(reader)
    namespace = generated_module(text, "generated")
    tools, toolkits, loads = namespace["TOOLS"], namespace["TOOLKITS"], namespace["LOAD_TOOLS"]
    # names through a nameless base; a class without a static name, a non-tool and test code are left out
    assert set(tools) == {"NoteReader", "NoteWriter", "NoteDelete"}
    assert tools["NoteReader"][:3] == ("read_note", False, True)
    assert tools["NoteWriter"][1] is True and tools["NoteDelete"][1] is True  # by the verb rule
    # get_tools() through a module-level map, with its selecting keyword; a field filled by a constructor;
    # tools named at run time: no tools (the scanner reports a site)
    assert toolkits["NotesToolkit"] == (("NoteReader", "NoteWriter"), "selected_tools")
    assert toolkits["ArchiveToolkit"] == (("NoteReader", "NoteDelete"), None)
    assert toolkits["OperationsToolkit"] == ((), None)
    assert namespace["AGENTS"]["create_notes_agent"] == (("NoteReader",), ("toolkit", 1), "NotesToolkit", (("extra_tools", 2),))
    assert loads["notes"] == ("read_note", False, True, ("http",))
    assert loads["twilio"][:2] == ("Text-Message", True)
    assert "  langchain-community 9.9.9" in text.splitlines()[:5]


def test_committed_module_names_its_package_versions_and_is_consistent() -> None:
    header = (generated.__doc__ or "").replace("\n", " ")
    assert re.search(r"langchain-community \d+\.\d+", header) and re.search(r"langchain-core \d+\.\d+", header)
    assert len(generated.TOOLS) > 150
    for cls, (name, mutating, typed, caps) in generated.TOOLS.items():
        assert name and isinstance(mutating, bool) and isinstance(typed, bool) and isinstance(caps, tuple), cls
    for kit, (tools, selector) in generated.TOOLKITS.items():
        assert all(t in generated.TOOLS for t in tools), kit
        assert selector in (None, "selected_tools"), kit
    for key, entry in generated.LOAD_TOOLS.items():
        assert len(entry) == 4 and entry[0], key


def test_committed_flags_follow_the_rule() -> None:
    t = generated.TOOLS
    # state changes: files, shell, code, model-written SQL, HTTP writes, e-mail and messages
    for cls in ("WriteFileTool", "DeleteFileTool", "MoveFileTool", "ShellTool", "PythonREPLTool", "QuerySQLDatabaseTool",
                "RequestsPostTool", "RequestsDeleteTool", "GmailSendMessage", "O365SendMessage", "SlackSendMessage",
                "CalendarCreateEvent", "SheetsUpdateValuesTool"):
        assert t[cls][1] is True, cls
    for cls in ("ReadFileTool", "ListDirectoryTool", "DuckDuckGoSearchResults", "WikipediaQueryRun", "InfoSQLDatabaseTool",
                "QuerySQLCheckerTool", "GmailSearch", "TavilySearch", "NavigateTool"):
        assert t[cls][1] is False, cls
    # the statement the model writes is what runs: untyped
    for cls in ("ShellTool", "PythonREPLTool", "QuerySQLDatabaseTool", "RequestsGetTool"):
        assert t[cls][2] is False, cls
    assert generated.TOOLKITS["SQLDatabaseToolkit"][0] == (
        "ListSQLDatabaseTool", "InfoSQLDatabaseTool", "QuerySQLDatabaseTool", "QuerySQLCheckerTool")
    assert generated.LOAD_TOOLS["terminal"][:2] == ("terminal", True)
    assert generated.AGENTS["create_sql_agent"][1:3] == (("toolkit", 1), "SQLDatabaseToolkit")
    assert generated.AGENTS["create_pandas_dataframe_agent"][0] == ("PythonAstREPLTool",)
    assert generated.LOAD_TOOLS["serpapi"][:2] == ("Search", False)
