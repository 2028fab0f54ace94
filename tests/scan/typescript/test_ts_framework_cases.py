"""Every TypeScript framework family against its cases in parr/scan/typescript/frameworks/cases/*.yaml.

A case is real-shaped source (one file, or several) and the exact tools parr must report from it:
name, framework, style, mutating and typed. A trap lists no tools (or fewer than a naive reading
would find): any extra tool fails the case, as does a missing one or a wrong verdict. `unresolved`
lists the lines parr must report as places it could not read.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from parr.scan.typescript.frameworks import ALL

from tests.scan.typescript.ts_scan_helpers import scan_sources_and_sites

CASE_DIR = Path(__file__).resolve().parents[3] / "parr" / "scan" / "typescript" / "frameworks" / "cases"
CASE_FILES = sorted(CASE_DIR.glob("*.yaml"))
CASES = [(path.stem, case) for path in CASE_FILES for case in yaml.safe_load(path.read_text(encoding="utf-8"))]
FIELDS = ("name", "framework", "style", "mutating", "typed")


_scan = scan_sources_and_sites


@pytest.mark.parametrize("family,case", CASES, ids=[f"{fam}-{c['id']}" for fam, c in CASES])
def test_case(family: str, case: dict) -> None:
    files = case.get("files") or {"src/case.ts": case["source"]}
    records, sites = _scan(files)
    found = sorted((tuple(getattr(r, f) for f in FIELDS) for r in records), key=repr)
    expected = sorted((tuple(t[f] for f in FIELDS) for t in case.get("tools") or []), key=repr)
    assert found == expected, "\n".join(f"{r.file}:{r.line} {r.name} {r.style} {r.evidence}" for r in records)
    if "unresolved" in case:
        assert sorted(s.line for s in sites) == sorted(case["unresolved"]), sites


def test_every_family_has_cases_with_a_trap() -> None:
    """Adding a family is one module and one case file, and the case file holds a trap."""
    families = {spec.id.replace("-", "_") for spec in ALL}
    by_file: dict[str, list[dict]] = {}
    for stem, case in CASES:
        by_file.setdefault(stem, []).append(case)
    missing = sorted(f for f in families if f not in by_file)
    assert not missing, f"families without cases/<family>.yaml: {missing}"
    for stem, cases in by_file.items():
        assert any(c.get("trap") for c in cases), f"{stem}.yaml has no trap"
        assert any(c.get("tools") for c in cases), f"{stem}.yaml has no positive case"


def test_every_declared_factory_and_registration_is_an_anchor_of_the_detector() -> None:
    """A factory or method a family declares is one the detector's query looks for (none is dead data)."""
    import re

    from parr.scan.typescript import detect

    query = detect._QUERY_COMMON
    callee = re.compile(re.search(r'#match\? @callee "([^"]+)"', query).group(1))
    ctor = re.compile(re.search(r'#match\? @ctor "([^"]+)"', query).group(1).replace("\\\\", "\\"))
    methods = set(re.findall(r'"(\w+)"', re.search(r"#any-of\? @mprop ([^)]+)\)", query).group(1)))
    for spec in ALL:
        for factory in spec.factories:
            if factory.function.startswith("<"):
                continue  # an object shape, not a call
            assert callee.match(factory.function) or ctor.search(factory.function) or factory.function in methods, \
                (spec.id, factory.function)
        for registration in spec.registrations:
            assert registration.method in methods, (spec.id, registration.method)
        for builtin in (spec.builtins if spec.id == "openai-agents-js" else {}):
            assert callee.match(builtin), (spec.id, builtin)
