"""Every check against its passing and failing cases in cases/*.yaml."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from parr.checklist import load_checklist
from parr.facts import gather_facts
from parr.manifest.loader import load_manifest
from parr.stages import Stage
from parr.verdict import evaluate
from tests.conftest import TODAY, build_repo

CASE_FILES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))
CASES = [case for path in CASE_FILES for case in yaml.safe_load(path.read_text())]
CHECKLIST = load_checklist()


def _case_id(case: dict) -> str:
    detail = case.get("message") or ",".join(sorted((case.get("patch") or {}).keys())) or "base"
    return f"{case['check']}-{case['expect']}-{detail}"[:80]


@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_case(case: dict, tmp_path: Path) -> None:
    repo = build_repo(tmp_path / "repo", case.get("patch"), case.get("files"), case.get("remove"))
    loaded = load_manifest(repo / "parr.yaml")
    facts = gather_facts(loaded, today=TODAY, scan_code=True, use_cache=False)
    report = evaluate(CHECKLIST, facts, Stage(case.get("stage", "propose")))
    result = next(r for r in report.results if r.item.id == case["check"])
    shown = [f"{f.outcome}: {f.message}" for f in result.findings]
    assert result.outcome == case["expect"], shown
    failing = [f for f in result.findings if f.outcome == "fail"]
    if "message" in case:
        assert any(case["message"] in f.message for f in failing), shown
    if "line_of" in case:
        text = (repo / "parr.yaml").read_text().splitlines()
        expected = next(i for i, line in enumerate(text, start=1) if case["line_of"] in line)
        assert any(f.line == expected for f in failing), [(f.line, f.message) for f in failing]
    if "at" in case:
        # A code finding points at the tool's own file and line, not at parr.yaml.
        places = [(f"{Path(f.file).relative_to(repo).as_posix()}:{f.line}") for f in result.findings if f.file]
        assert case["at"] in places, places
    for finding in failing:
        assert finding.file and finding.line, f"a failing finding must point at a file and line: {finding}"


def test_every_check_has_a_passing_and_a_failing_case() -> None:
    seen: dict[str, set[str]] = defaultdict(set)
    for case in CASES:
        seen[case["check"]].add("fail" if case["expect"] == "fail" else "ok")
    lacking = [item.id for item in CHECKLIST.items if seen[item.id] != {"fail", "ok"}]
    assert not lacking, f"checks without both a passing and a failing case: {lacking}"
