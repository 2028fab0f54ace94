"""benchmarks/eve_builtins.py on a made-up eve tarball: the names come from the framework-tools index and the
modules it imports, the harness table leaves out conditional and unlisted tools, and an unknown tool stops it."""

from __future__ import annotations

import io
import json
import tarfile
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from parr.scan.typescript.frameworks import eve, eve_builtins

from tests.scan.python.generator_helpers import generated_module, load_generator

INDEX = (
    'import{BASH_TOOL_DEFINITION}from"#runtime/framework-tools/bash.js";'
    'import{WEB_FETCH_TOOL_DEFINITION}from"#runtime/framework-tools/web-fetch.js";'
    'import{SKILL_TOOL_DEFINITION,createSkillToolDefinition}from"#runtime/framework-tools/skill.js";'
    'import{AGENT_TOOL_DEFINITION}from"#runtime/framework-tools/agent.js";'
    'import{TASK_TOOL_DEFINITIONS}from"#runtime/framework-tools/tasks.js";'
    "const REGISTERED_FRAMEWORK_TOOLS=[BASH_TOOL_DEFINITION,WEB_FETCH_TOOL_DEFINITION,SKILL_TOOL_DEFINITION],"
    "ALL_FRAMEWORK_TOOLS=[...REGISTERED_FRAMEWORK_TOOLS,AGENT_TOOL_DEFINITION,...TASK_TOOL_DEFINITIONS];"
)
MODULES = {
    "bash": "const BASH_TOOL_DEFINITION={description:`Run`,name:`bash`,sourceKind:`module`};",
    "web-fetch": "const WEB_FETCH_TOOL_DEFINITION={description:`Fetch`,name:`web_fetch`};",
    "skill": "function createSkillToolDefinition(e){return{name:`load_skill`,description:e}}"
             "const SKILL_TOOL_DEFINITION=createSkillToolDefinition([]);",
    "agent": "const AGENT_TOOL_NAME=`agent`,AGENT_TOOL_DEFINITION={description:`Delegate`,name:AGENT_TOOL_NAME};",
    "tasks": "const TASK_TOOL_DEFINITIONS=[{name:`task_create`},{name:`task_list`}];",
}
DOCS = """## Built-in tools

| Tool | Does | Where it runs |
| --- | --- | --- |
| `bash` | Run a shell command. | Sandbox |
| `web_fetch` | Fetch a URL. | App runtime |
| `agent` | From the root session, delegate a subtask. | App runtime |
| `load_skill` | Pull a skill in. Present only when the agent declares skills. | App runtime |
"""


def _tgz(path: Path, modules: dict[str, str], docs: str = DOCS) -> Path:
    files = {"package.json": json.dumps({"name": "eve", "version": "9.9.9"}),
             "dist/src/runtime/framework-tools/index.js": INDEX,
             "docs/concepts/default-harness.md": docs,
             **{f"dist/src/runtime/framework-tools/{k}.js": v for k, v in modules.items()}}
    with tarfile.open(path, "w:gz") as tar:
        for rel, body in files.items():
            data = body.encode()
            info = tarfile.TarInfo(f"package/{rel}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def test_names_from_the_package_and_the_harness_table(tmp_path: Path) -> None:
    gen = load_generator("eve_builtins")
    out = io.StringIO()
    with redirect_stdout(out):
        gen.main(str(_tgz(tmp_path / "eve.tgz", MODULES)))
    module = generated_module(out.getvalue(), "eve_builtins.py")
    assert module["VERSION"] == "9.9.9"
    # load_skill is conditional; the task tools are no row of the table (opt-in)
    assert list(module["TOOLS"]) == ["bash", "web_fetch", "agent"]
    assert module["TOOLS"]["bash"] == (True, False, ("shell",))
    assert module["TOOLS"]["agent"] == (True, False, ())


def test_a_tool_without_a_verdict_stops_the_generator(tmp_path: Path) -> None:
    gen = load_generator("eve_builtins")
    modules = dict(MODULES, bash="const BASH_TOOL_DEFINITION={description:`Run`,name:`run_anything`};")
    with pytest.raises(SystemExit, match="run_anything"):
        gen.main(str(_tgz(tmp_path / "eve.tgz", modules)))


def test_the_committed_module_is_what_the_eve_reader_uses() -> None:
    assert eve_builtins.VERSION and {"bash", "read_file", "write_file", "agent"} <= set(eve_builtins.TOOLS)
    assert set(eve.DEFAULTS) == set(eve_builtins.TOOLS)
    assert eve.DEFAULTS["bash"].mutating and not eve.DEFAULTS["bash"].typed
