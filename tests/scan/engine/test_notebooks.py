"""Jupyter notebooks are scanned as Python: code cells joined, magics blanked, locations given as cell and line."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from parr.formats.scan_report import render_scan
from parr.scan.engine import scan_repository
from parr.scan.python.notebook import NotebookUnreadable, read_notebook

TOOL_CELL = ["@tool\n", "def delete_user(user_id: str) -> str:\n", "    \"\"\"Delete a user.\"\"\"\n", "    return user_id\n"]


def _notebook(*cells: tuple[str, object]) -> str:
    return json.dumps({"cells": [{"cell_type": kind, "metadata": {}, "source": source} for kind, source in cells],
                       "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "repo"
    root.mkdir()
    return root


def _scan(root: Path, **kwargs):
    return scan_repository(root, use_cache=False, jobs=1, **kwargs)


def test_a_langchain_tool_in_a_notebook_is_found_at_its_cell_and_line(repo: Path) -> None:
    (repo / "agent.ipynb").write_text(_notebook(
        ("markdown", ["# Support agent\n", "Deletes users."]),
        ("code", ["%pip install langchain-core\n", "from langchain_core.tools import tool\n", "!ls -la"]),
        ("code", TOOL_CELL),
    ))
    result = _scan(repo)
    [tool] = result.tools
    assert (tool.name, tool.file, tool.mutating) == ("delete_user", "agent.ipynb", True)
    assert (tool.cell, tool.cell_line) == (3, 2)  # the def line, second line of the third cell
    assert tool.line == 7  # in the joined code: 2 markdown lines, 4 lines of cell 2 (it ends without a newline: 3)
    document = json.loads(result.model_dump_json(by_alias=True))
    data = document["tools"][0]
    assert (data["cell"], data["cell_line"]) == (3, 2)
    schema = json.loads((Path(__file__).parents[3] / "parr" / "schemas" / "scan-v1.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(document)
    text = render_scan(result, "table", color=False)
    assert "cell 3:line 2" in text
    sarif = render_scan(result, "sarif", color=False)
    assert "cell 3:line 2" in sarif and '"startLine": 7' in sarif


def test_python_files_keep_their_json_without_cell_fields(repo: Path) -> None:
    (repo / "agent.py").write_text("from langchain_core.tools import tool\n\n" + "".join(TOOL_CELL))
    data = json.loads(_scan(repo).model_dump_json(by_alias=True))["tools"][0]
    assert "cell" not in data and "cell_line" not in data and data["line"] == 4


def test_a_bad_cell_is_named_and_the_other_cells_still_scanned(repo: Path) -> None:
    (repo / "agent.ipynb").write_text(_notebook(
        ("code", "from langchain_core.tools import tool\n"),
        ("code", ["def broken(:\n", "    pass\n"]),
        ("code", ["%%bash\n", "rm -rf /tmp/x\n"]),  # a cell magic: not Python, not an error
        ("code", TOOL_CELL),
    ))
    result = _scan(repo)
    assert [(t.name, t.cell) for t in result.tools] == [("delete_user", 4)]
    assert [e.message for e in result.errors] == ["cell 2, line 1: invalid syntax; the cell was not scanned"]
    assert not result.unread


def test_invalid_json_is_unread_unparsable_not_a_crash(repo: Path) -> None:
    (repo / "broken.ipynb").write_text('{"cells": [')
    (repo / "odd.ipynb").write_text('{"cells": [{"cell_type": "code", "source": [1, 2]}]}')
    result = _scan(repo)
    assert {(u.file, u.reason) for u in result.unread} == {("broken.ipynb", "unparsable"), ("odd.ipynb", "unparsable")}
    assert result.skipped.unparsable == 2 and not result.tools


def test_a_huge_notebook_is_reported_too_large(repo: Path) -> None:
    cells = [("code", TOOL_CELL), ("code", "x = '" + "a" * 5000 + "'\n")]
    (repo / "big.ipynb").write_text(_notebook(*cells))
    result = _scan(repo, max_file_bytes=4096)
    assert [(u.file, u.reason) for u in result.unread] == [("big.ipynb", "too_large")]
    assert not result.tools


def test_cells_map_back_from_joined_lines() -> None:
    notebook = read_notebook(_notebook(("code", "a = 1\nb = 2\n"), ("markdown", "x"), ("code", "!pip install y\nc = 3")).encode())
    assert notebook.source.splitlines()[4:6] == ["pass", "c = 3"]  # the shell line replaced, lines kept
    assert [notebook.locate(n) for n in (1, 2, 4, 5, 6)] == [(1, 1), (1, 2), (2, 1), (3, 1), (3, 2)]
    with pytest.raises(NotebookUnreadable):
        read_notebook(b"[1, 2]")


def test_magics_inside_blocks_assignments_and_continuations_leave_the_cell_parsable(repo: Path) -> None:
    (repo / "nb.ipynb").write_text(_notebook(
        ("code", ["%pip install -q \\\n", "    langchain-core \\\n", "    requests\n",
                  "from langchain_core.tools import tool\n"]),
        ("code", ["token = !gcloud auth print-access-token\n", "if token:\n", "    print(token)\n",
                  "else:\n", "    !wget https://example.com/data.jsonl\n"]),
        ("code", TOOL_CELL),
    ))
    result = _scan(repo)
    assert not result.errors
    assert [(t.name, t.cell, t.cell_line) for t in result.tools] == [("delete_user", 3, 2)]


def test_a_csharp_notebook_is_not_read_as_python_but_its_python_cells_are(repo: Path) -> None:
    csharp = json.loads(_notebook(("code", ['#r "nuget: Microsoft.SemanticKernel"\n', "var kernel = Kernel.Builder();\n"])))
    csharp["metadata"] = {"kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"}}
    (repo / "dotnet.ipynb").write_text(json.dumps(csharp))
    polyglot = json.loads(_notebook(("code", "from langchain_core.tools import tool\n"), ("code", TOOL_CELL),
                                    ("code", "var x = 1;\n")))
    polyglot["metadata"] = {"kernelspec": {"language": "C#"}}
    for cell in polyglot["cells"][:2]:
        cell["metadata"] = {"vscode": {"languageId": "python"}}
    (repo / "polyglot.ipynb").write_text(json.dumps(polyglot))
    result = _scan(repo)
    assert not result.errors and not result.unread
    assert [(t.file, t.name, t.cell) for t in result.tools] == [("polyglot.ipynb", "delete_user", 2)]


def test_writefile_cells_are_the_notebooks_code_and_other_cell_magics_are_not() -> None:
    notebook = read_notebook(_notebook(
        ("code", ["%%writefile pkg/tools.py\n", "def helper(x: int) -> int:\n", "    return x\n"]),
        ("code", ["%%writefile -a pkg/register.py\n", "from . import tools\n"]),
        ("code", ["%%writefile pkg/configs/config.yml\n", "workflow:\n", "  _type: react_agent\n"]),
        ("code", ["%%bash\n", "def not_python(:\n"]),
    ).encode())
    lines = notebook.source.split("\n")
    assert lines[0] == "" and lines[1] == "def helper(x: int) -> int:"  # the magic line blanked, numbers hold
    assert "from . import tools" in notebook.source
    assert "_type" not in notebook.source and "not_python" not in notebook.source
    assert notebook.written == (("pkg/configs/config.yml", "workflow:\n  _type: react_agent\n"),)
    assert notebook.bad == ()


def test_a_tool_a_writefile_cell_declares_is_found_in_the_notebook(repo: Path) -> None:
    (repo / "build.ipynb").write_text(_notebook(
        ("markdown", ["Write the agent's tools module."]),
        ("code", ["%%writefile agent/tools.py\n", "from langchain_core.tools import tool\n", "\n", *TOOL_CELL]),
    ))
    result = _scan(repo)
    [tool] = result.tools
    assert (tool.name, tool.file, tool.mutating) == ("delete_user", "build.ipynb", True)
    assert (tool.cell, tool.cell_line) == (2, 5)  # the def line under the magic, the import and a blank
