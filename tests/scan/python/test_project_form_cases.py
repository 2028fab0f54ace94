"""Generic Python forms that belong to no framework family (tests/scan/python/cases/*.yaml): the
project's own tool classes, tools handed over inside a kwargs dict, notebook rebinding, names of
the project that look like a framework's. Same case shape as the framework cases
(tests/scan/python/test_framework_cases.py): `files` or `source`, the complete `tools` list, and
the `unresolved` reasons in order; `trap: true` marks what must not be found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from parr.scan.engine import scan_repository
from parr.scan.python import PythonScanner

CASE_FILES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))
CASES = [(path.stem, case) for path in CASE_FILES for case in yaml.safe_load(path.read_text())]
FIELDS = ("framework", "style", "mutating", "typed", "line", "description", "cell", "cell_line")


def _notebook(cells: list[str]) -> str:
    return json.dumps({"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                                  "source": text} for text in cells],
                       "metadata": {"language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5})


@pytest.mark.parametrize("group,case", CASES, ids=[f"{g}:{c['id']}" for g, c in CASES])
def test_project_form_case(group: str, case: dict, tmp_path: Path) -> None:
    files = case.get("files") or {"main.py": case["source"]}
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_notebook(text) if rel.endswith(".ipynb") else text)
    result = scan_repository(tmp_path, scanners=[PythonScanner()], use_cache=False)
    assert result.errors == ()
    expected = case.get("tools") or []
    assert sorted(t["name"] for t in expected) == sorted(t.name for t in result.tools), \
        [(t.name, t.file, t.line) for t in result.tools]
    by_name: dict[str, list] = {}
    for tool in sorted(result.tools, key=lambda t: (t.file, t.line)):
        by_name.setdefault(tool.name, []).append(tool)
    for want in expected:
        got = by_name[want["name"]].pop(0)
        for field in FIELDS:
            if field in want:
                value = getattr(got, field)
                assert value == want[field], f"{want['name']}.{field}: {value!r} (expected {want[field]!r})"
    reasons = [site.reason for site in result.unresolved]
    wanted = case.get("unresolved") or []
    assert len(reasons) == len(wanted), [(s.file, s.line, s.call, s.reason) for s in result.unresolved]
    for reason, want in zip(reasons, wanted):
        assert want in reason, reasons


def test_every_group_has_a_positive_case_and_a_trap() -> None:
    groups: dict[str, set[str]] = {}
    for group, case in CASES:
        groups.setdefault(group, set()).add("trap" if case.get("trap") else "positive")
    assert CASES and all(kinds == {"trap", "positive"} for kinds in groups.values()), groups
