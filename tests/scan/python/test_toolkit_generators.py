"""agno toolkits and LlamaIndex tool specs as data: the generators (benchmarks/agno_builtins.py,
benchmarks/llamaindex_toolspecs.py) read wheels with `ast` and write names, flags and effects; the
committed modules have the shape the scanner reads."""

from __future__ import annotations

from pathlib import Path

from parr.scan.python.frameworks import agno_builtins, llamahub_toolspecs, llamaindex_toolspecs
from tests.scan.python.generator_helpers import generated_module, load_generator, write_wheel



# Made-up toolkits in the layout of the agno wheel (no third-party code).
_AGNO_BASE = '''
class Toolkit:
    def __init__(self, name="toolkit", tools=None, **kwargs):
        self.tools = tools or []

    def register(self, function, name=None):
        pass
'''

_AGNO_NOTES = '''
import os
import subprocess
from typing import List
from agno.tools.toolkit import Toolkit


class NotesTools(Toolkit):
    def __init__(self, enable_read: bool = True, enable_delete: bool = False, all: bool = False,
                 api_key=None, **kwargs):
        self.api_key = api_key or os.getenv("NOTES_KEY")
        tools: List = []
        async_tools: List = []
        if all or enable_read:
            tools.append(self.read_note)
            async_tools.append((self.aread_note, "read_note"))
        if all or enable_delete:
            tools.append(self.delete_note)
        if self.api_key:
            tools.append(self.sync_notes)
        super().__init__(name="notes", tools=tools, async_tools=async_tools, **kwargs)

    def read_note(self, note_id: str) -> str:
        """Read a note."""
        with open(note_id) as f:
            return f.read()

    async def aread_note(self, note_id: str) -> str:
        return self.read_note(note_id)

    def delete_note(self, note_id: str) -> str:
        """Delete a note."""
        os.remove(note_id)
        return "ok"

    def sync_notes(self) -> str:
        return "synced"


class QuickNotes(NotesTools):
    def __init__(self, enable_delete: bool = True, **kwargs):
        super().__init__(enable_read=False, enable_delete=enable_delete, **kwargs)


class Terminal(Toolkit):
    def __init__(self):
        super().__init__(name="terminal")
        self.register(self.run, name="run_command")

    def run(self, command: str) -> str:
        """Run a command."""
        return subprocess.run(command, shell=True, capture_output=True, text=True).stdout


class Remote(Toolkit):
    def __init__(self, server: str):
        super().__init__(name="remote")
        self.server = server

    async def connect(self):
        for t in await self.list_remote():
            self.functions[t.name] = t
'''

_SPEC = '''
import requests
from llama_index.core.tools.tool_spec.base import BaseToolSpec


class NotesToolSpec(BaseToolSpec):
    spec_functions = ["find_note", ("post_note", "apost_note")]

    def find_note(self, query: str) -> str:
        """Find a note."""
        return requests.get("https://notes.example", params={"q": query}).text

    def post_note(self, text: str) -> str:
        """Post a note."""
        return requests.post("https://notes.example", json={"text": text}).text

    async def apost_note(self, text: str) -> str:
        return self.post_note(text)


class ActionsToolSpec(BaseToolSpec):
    spec_functions = []

    def __init__(self, actions):
        for a in actions:
            self.spec_functions.append(a)


class NotASpec:
    spec_functions = ["nothing"]
'''




def _exec(text: str) -> dict:
    ns = generated_module(text, "<generated>")
    return ns


def test_agno_generator_reads_flags_inheritance_and_effects(tmp_path: Path) -> None:
    gen = load_generator("agno_builtins")
    reader = gen.Reader()
    reader.read_wheel(write_wheel(tmp_path / "agno-9.9.9-py3-none-any.whl",
                             {"agno/tools/toolkit.py": _AGNO_BASE, "agno/tools/notes.py": _AGNO_NOTES}))
    kits = _exec(gen.render(reader))["TOOLKITS"]["agno"]
    notes = {t[0]: t for t in kits["NotesTools"]}
    # read_note registered under `all or enable_read` (default on), its async variant under the same name
    assert notes["read_note"][1] == ((("all", False, False), ("enable_read", True, False)),)
    assert notes["delete_note"][1] == ((("all", False, False), ("enable_delete", False, False)),)
    assert notes["sync_notes"][1] == ()  # an API key present is no call-site choice: counted
    assert notes["delete_note"][2:4] == (True, True) and notes["read_note"][2] is False
    # a subclass fixes one flag and forwards the other under its own default
    quick = {t[0]: t for t in kits["QuickNotes"]}
    assert quick["read_note"][1] == ((("all", False, False),),)  # enable_read=False: only all=True (via **kwargs)
    assert quick["delete_note"][1] == ((("all", False, False), ("enable_delete", True, False)),)
    # register(..., name=) renames; a raw command line is mutating and untyped
    assert [t[0] for t in kits["Terminal"]] == ["run_command"]
    assert kits["Terminal"][0][2:4] == (True, False)
    assert kits["Remote"] == ()  # tools listed at run time: written with none, a site for the scanner
    assert "Toolkit" not in kits


_AGNO_OLD = '''
from agno.tools.toolkit import Toolkit


class NotesTools(Toolkit):
    def __init__(self, read: bool = True, delete: bool = False):
        super().__init__(name="notes")
        if read:
            self.register(self.read_note)
        if delete:
            self.register(self.delete_note)

    def read_note(self, note_id: str) -> str:
        return note_id

    def delete_note(self, note_id: str) -> str:
        return note_id


class Terminal(Toolkit):
    def __init__(self):
        super().__init__(name="terminal")
        self.register(self.run, name="run_command")

    def run(self, command: str) -> str:
        return command
'''


def test_agno_generator_keeps_an_older_release_only_where_its_flags_differ(tmp_path: Path) -> None:
    gen = load_generator("agno_builtins")
    reader = gen.Reader()
    new = write_wheel(tmp_path / "agno-9.9.9-py3-none-any.whl",
                 {"agno/tools/toolkit.py": _AGNO_BASE, "agno/tools/notes.py": _AGNO_NOTES})
    old = write_wheel(tmp_path / "agno-1.0.0-py3-none-any.whl",
                 {"agno/tools/toolkit.py": _AGNO_BASE, "agno/tools/notes.py": _AGNO_OLD})
    for wheel in (new, old):  # newest first, as main() orders them
        reader.read_wheel(wheel)
    ns = _exec(gen.render(reader))
    assert {t[0] for t in ns["TOOLKITS"]["agno"]["NotesTools"]} == {"read_note", "delete_note", "sync_notes"}
    (older,) = ns["OLDER"]["agno"]["NotesTools"]
    assert {t[0]: t[1] for t in older} == {"read_note": ((("read", True, False),),),
                                            "delete_note": ((("delete", False, False),),)}
    assert "Terminal" not in ns["OLDER"]["agno"]  # no flags of its own: nothing an old call could pick


def test_llamaindex_generator_reads_spec_functions_and_effects(tmp_path: Path) -> None:
    gen = load_generator("llamaindex_toolspecs")
    reader = gen.Reader()
    reader.read_wheel(write_wheel(tmp_path / "llama_index_tools_notes-0.1.0-py3-none-any.whl",
                             {"llama_index/tools/notes/base.py": _SPEC}))
    text, notes = gen.render(reader)
    specs = _exec(text)["TOOLSPECS"]
    # the (sync, async) pair is named by its first; a GET reads, a POST writes
    assert [t[:3] for t in specs["NotesToolSpec"]] == [("find_note", False, True), ("post_note", True, True)]
    assert specs["ActionsToolSpec"] == ()
    assert "NotASpec" not in specs and notes == []


# Made-up llama-hub releases: a spec emptied in the newer one (deprecated for another), one that grew, one
# whose list is made at run time, and a Jupyter checkpoint copy that must not be read.
_HUB_OLD = {
    "llama_hub/tools/notes/base.py": _SPEC,
    "llama_hub/tools/web/base.py": '''
import requests
from llama_index.tools.tool_spec.base import BaseToolSpec


class WebToolSpec(BaseToolSpec):
    spec_functions = ["search", "fetch"]

    def search(self, query: str) -> str:
        return requests.get("https://web.example", params={"q": query}).text

    def fetch(self, url: str) -> str:
        return requests.get(url).text
''',
}
_HUB_NOTES_NEW = _SPEC.replace('spec_functions = ["find_note", ("post_note", "apost_note")]',
                                'spec_functions = ["find_note", "delete_note", ("post_note", "apost_note")]').replace(
    "    async def apost_note", '''    def delete_note(self, note_id: str) -> str:
        """Delete a note."""
        return requests.delete(f"https://notes.example/{note_id}").text

    async def apost_note''')
_HUB_NEW = {
    "llama_hub/tools/web/.ipynb_checkpoints/base-checkpoint.py": '''
from llama_index.tools.tool_spec.base import BaseToolSpec


class WebToolSpec(BaseToolSpec):
    spec_functions = ["stale_name"]
''',
    "llama_hub/tools/notes/base.py": _HUB_NOTES_NEW,
    "llama_hub/tools/web/base.py": '''
from llama_index.tools.tool_spec.base import BaseToolSpec


class WebToolSpec(BaseToolSpec):
    spec_functions = []

    def __init__(self) -> None:
        raise NotImplementedError("Use NewWebToolSpec")
''',
}


def test_llamahub_generator_unions_releases(tmp_path: Path) -> None:
    gen = load_generator("llamaindex_toolspecs")
    readers = []
    for version, files in (("0.0.9", _HUB_NEW), ("0.0.8", _HUB_OLD)):  # newest first, as main() orders them
        reader = gen.Reader("llama_hub/tools")
        reader.read_wheel(write_wheel(tmp_path / f"llama_hub-{version}-py3-none-any.whl", files))
        readers.append(reader)
    text, _notes = gen.render_hub(readers)
    specs = _exec(text)["LLAMAHUB_TOOLSPECS"]
    # the newer list first, then what only the older had; emptied later: the older names stay
    assert [t[:2] for t in specs["NotesToolSpec"]] == [("find_note", False), ("delete_note", True), ("post_note", True)]
    assert [t[:2] for t in specs["WebToolSpec"]] == [("search", False), ("fetch", False)]
    assert specs["ActionsToolSpec"] == ()  # made at run time in a release read: no tools, a site
    assert "stale_name" not in text


def test_committed_modules_have_the_shape_the_scanner_reads() -> None:
    assert "agno 3.1.10" in agno_builtins.__doc__ and "phidata" in agno_builtins.__doc__
    for root in ("agno", "phi"):
        for cls, tools in agno_builtins.TOOLKITS[root].items():
            for name, conds, mutating, typed, caps in tools:
                assert isinstance(name, str) and isinstance(mutating, bool) and isinstance(typed, bool), cls
                for group in conds:
                    assert group and all(isinstance(f, str) and isinstance(d, bool) and isinstance(n, bool)
                                         for f, d, n in group), (cls, name)
    shell = {t[0]: t for t in agno_builtins.TOOLKITS["agno"]["ShellTools"]}
    assert shell["run_shell_command"][2] is True
    assert agno_builtins.TOOLKITS["agno"]["MCPTools"] == ()
    assert len(llamaindex_toolspecs.TOOLSPECS) >= 30
    gmail = {t[0]: t for t in llamaindex_toolspecs.TOOLSPECS["GmailToolSpec"]}
    assert gmail["send_draft"][1] is True and gmail["search_messages"][1] is False
    assert llamaindex_toolspecs.TOOLSPECS["McpToolSpec"] == ()
    hub = llamahub_toolspecs.LLAMAHUB_TOOLSPECS
    assert "llama-hub 0.0.79.post1" in llamahub_toolspecs.__doc__ and "llama-hub 0.0.75" in llamahub_toolspecs.__doc__
    assert [t[0] for t in hub["MetaphorToolSpec"]] == ["search", "retrieve_documents", "search_and_retrieve_documents",
                                                       "find_similar", "current_date"]
    assert {t[0]: t[1] for t in hub["NotionToolSpec"]}["append_data"] is True
    assert hub["ZapierToolSpec"] == ()
