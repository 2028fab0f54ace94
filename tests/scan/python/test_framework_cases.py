"""Every framework family's cases (parr/scan/python/frameworks/cases/<family>.yaml): positive
declarations and traps, each a small real-shaped source tree and the exact tools a scan must find.

A case is a mapping: `id`; `source` (one file, main.py) or `files` (path -> text); `tools`, the
complete list of tools expected, each with `name` and any of framework, style, mutating, typed,
line, gates, model_name, description, file; `unresolved`, reasons (substrings) of sites the scan must report, in
order; `trap: true` marks a case whose point is what must not be found."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from parr.scan.engine import scan_repository
from parr.scan.python import PythonScanner
from parr.scan.python import frameworks

CASE_DIR = Path(frameworks.__file__).parent / "cases"
CASE_FILES = sorted(CASE_DIR.glob("*.yaml"))
CASES = [(path.stem, case) for path in CASE_FILES for case in yaml.safe_load(path.read_text())]
FIELDS = ("framework", "style", "mutating", "typed", "line", "gates", "model_name", "description", "file")
FAMILY_MODULES = {m.__name__.rsplit(".", 1)[-1] for m in frameworks.FAMILIES}


@pytest.mark.parametrize("family,case", CASES, ids=[f"{fam}:{c['id']}" for fam, c in CASES])
def test_framework_case(family: str, case: dict, tmp_path: Path) -> None:
    files = case.get("files") or {"main.py": case["source"]}
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    result = scan_repository(tmp_path, scanners=[PythonScanner()], use_cache=False)
    assert result.errors == ()
    found = sorted((t.name, t.line) for t in result.tools)
    expected = case.get("tools") or []
    assert sorted(t["name"] for t in expected) == [name for name, _ in found], found
    by_name: dict[str, list] = {}
    for tool in result.tools:
        by_name.setdefault(tool.name, []).append(tool)
    for want in expected:
        got = by_name[want["name"]].pop(0)
        for field in FIELDS:
            if field in want:
                value = getattr(got, field)
                value = list(value) if isinstance(value, tuple) else value
                assert value == want[field], f"{want['name']}.{field}: {value!r} (expected {want[field]!r})"
    reasons = [site.reason for site in result.unresolved]
    wanted = case.get("unresolved") or []
    assert len(reasons) == len(wanted), [(s.line, s.call, s.reason) for s in result.unresolved]
    for reason, want in zip(reasons, wanted):
        assert want in reason, reasons


def test_every_family_has_cases_with_a_trap() -> None:
    by_family: dict[str, set[str]] = {}
    for family, case in CASES:
        by_family.setdefault(family, set()).add("trap" if case.get("trap") else "positive")
    lacking = sorted(f for f in FAMILY_MODULES if by_family.get(f) != {"trap", "positive"})
    assert not lacking, f"framework modules without a positive case and a trap: {lacking}"
    assert set(by_family) <= FAMILY_MODULES, set(by_family) - FAMILY_MODULES


def test_the_byte_prefilter_admits_every_declared_form() -> None:
    # A file that only says register_function(...) or handoffs=[...] must still be parsed.
    from parr.scan.prefilter import _python_tool_re

    names = set(frameworks.DECORATORS) | set(frameworks.FACTORIES) | set(frameworks.CALL_HOOKS)
    names |= {suffix for suffix, _ in frameworks.CALL_SUFFIX_HOOKS} | {"handoffs=", "functions="}
    # Class methods called on a tool class (FunctionTool.from_defaults, StructuredTool.from_function):
    # the class's name carries "Tool".
    names -= {"from_defaults", "from_function"}
    missed = sorted(n for n in names if _python_tool_re().search(f"{n}(".encode()) is None)
    assert not missed, f"forms the prefilter would skip: {missed}"
