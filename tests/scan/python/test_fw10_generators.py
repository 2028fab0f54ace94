"""swarms and ControlFlow built-ins as data: the generators (benchmarks/swarms_builtins.py, controlflow_builtins.py)
read made-up packages with parr's own readers and write names and flags; the committed modules have the shape the
families read."""

from __future__ import annotations

from pathlib import Path

import pytest

from parr.scan.python.frameworks import controlflow_builtins, metagpt_builtins, swarms_builtins
from tests.scan.python.generator_helpers import generated_module, load_generator, write_wheel

# Made-up files in the layout of the swarms wheel (no third-party code).
_SWARMS = {
    "swarms/structs/autonomous_loop_utils.py": '''
import os
import subprocess


def get_autonomous_planning_tools():
    return [
        {"type": "function", "function": {"name": "make_plan", "description": "Plan.",
         "parameters": {"type": "object", "properties": {"steps": {"type": "array"}}}}},
        {"type": "function", "function": {"name": "remove_file", "description": "Remove a file.",
         "parameters": {"type": "object", "properties": {"file_path": {"type": "string"}}}}},
        {"type": "function", "function": {"name": "shell", "description": "Run a command.",
         "parameters": {"type": "object", "properties": {"command": {"type": "string"}}}}},
        {"type": "function", "function": {"name": "peek", "description": "Read a file.",
         "parameters": {"type": "object", "properties": {"file_path": {"type": "string"}}}}},
    ]


def remove_file_tool(agent, file_path: str) -> str:
    os.remove(file_path)
    return "removed"


def shell_tool(agent, command: str) -> str:
    return subprocess.run(command, shell=True, capture_output=True, text=True).stdout


def peek_tool(agent, file_path: str) -> str:
    with open(file_path) as f:
        return f.read()
''',
}

_CONTROLFLOW = {
    "controlflow/tools/code.py": '''
import subprocess


def shell(command: str) -> str:
    """Run a command."""
    return subprocess.run(command, shell=True, capture_output=True, text=True).stdout
''',
    "controlflow/tools/filesystem.py": '''
def read(path: str) -> str:
    """Read a file."""
    with open(path) as f:
        return f.read()


def write(path: str, contents: str) -> str:
    """Write a file."""
    with open(path, "w") as f:
        f.write(contents)
    return "ok"


def generate_constrained_write(root: str):
    return write


def _helper() -> None:
    pass
''',
    "controlflow/tools/input.py": "",
    "controlflow/tools/web.py": "",
}


def test_swarms_generator_reads_each_handler_and_keeps_loop_only_tools(tmp_path: Path) -> None:
    gen = load_generator("swarms_builtins")
    text = gen.main(str(write_wheel(tmp_path / "swarms-9.9.9-py3-none-any.whl", _SWARMS)))
    ns = generated_module(text, "swarms_builtins")
    assert "swarms 9.9.9" in text
    assert ns["LOOP_TOOLS"] == {"make_plan": (False, True), "remove_file": (True, True), "shell": (True, False),
                                "peek": (False, True)}


def test_swarms_generator_stops_when_the_schema_list_is_gone(tmp_path: Path) -> None:
    gen = load_generator("swarms_builtins")
    with pytest.raises(SystemExit):
        gen.main(str(write_wheel(tmp_path / "swarms-9.9.9-py3-none-any.whl",
                                 {"swarms/structs/autonomous_loop_utils.py": "def other():\n    return []\n"})))


def test_controlflow_generator_reads_public_functions_not_factories(tmp_path: Path) -> None:
    gen = load_generator("controlflow_builtins")
    text = gen.main(str(write_wheel(tmp_path / "controlflow-9.9.9-py3-none-any.whl", _CONTROLFLOW)))
    ns = generated_module(text, "controlflow_builtins")
    assert "controlflow 9.9.9" in text
    assert ns["BUILTINS"] == {"shell": (True, False), "read": (False, True), "write": (True, True)}


def test_committed_modules_have_the_shape_the_families_read() -> None:
    for table in (swarms_builtins.LOOP_TOOLS, controlflow_builtins.BUILTINS):
        assert table and all(isinstance(k, str) and len(v) == 2 and all(isinstance(x, bool) for x in v)
                             for k, v in table.items())
    assert swarms_builtins.LOOP_TOOLS["run_bash"] == (True, False)
    assert controlflow_builtins.BUILTINS["shell"] == (True, False)


_METAGPT = {
    "metagpt/tools/libs/cleaning.py": '''
import os

from metagpt.tools.tool_registry import register_tool

TAGS = ["data preprocessing"]


@register_tool(tags=TAGS)
class ColumnTools:
    """Column helpers."""

    def column(self, names: list[str], index: int) -> str:
        """Return one column."""
        return names[index]

    def purge(self, path: str) -> None:
        """Remove the cached frame."""
        os.remove(path)

    def helper(self):
        return 1


@register_tool(tags=["web"])
def fetch_page(url: str) -> str:
    """Fetch a page."""
    return url
''',
}


def test_metagpt_generator_reads_registered_tools_and_tags(tmp_path: Path) -> None:
    gen = load_generator("metagpt_builtins")
    text = gen.main(str(write_wheel(tmp_path / "metagpt-9.9.9-py3-none-any.whl", _METAGPT)))
    ns = generated_module(text, "metagpt_builtins")
    assert "metagpt 9.9.9" in text
    assert ns["TOOLS"] == {
        "ColumnTools": (("data preprocessing",), (("ColumnTools.column", False, True), ("ColumnTools.purge", True, True))),
        "fetch_page": (("web",), (("fetch_page", False, True),)),
    }


def test_metagpt_committed_module_shape() -> None:
    for owner, (tags, tools) in metagpt_builtins.TOOLS.items():
        assert isinstance(tags, tuple) and tools
        assert all(name == owner or name.startswith(owner + ".") for name, _, _ in tools)
