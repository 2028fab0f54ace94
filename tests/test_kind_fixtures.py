"""One fixture agent per kind (tests/fixtures/kinds/<kind>/), checked against its expected findings,
kept as data in expected.yaml beside it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from parr.checklist import load_checklist
from parr.facts import gather_facts
from parr.manifest.loader import load_manifest
from parr.stages import Stage
from parr.verdict import evaluate
from tests.conftest import TODAY

KINDS = Path(__file__).parent / "fixtures" / "kinds"


@pytest.mark.parametrize("kind", sorted(p.name for p in KINDS.iterdir() if p.is_dir()))
def test_kind_fixture_has_its_expected_findings(kind: str, tmp_path: Path) -> None:
    repo = shutil.copytree(KINDS / kind, tmp_path / kind)
    expected = yaml.safe_load((repo / "expected.yaml").read_text())
    loaded = load_manifest(repo / "parr.yaml")
    assert loaded.manifest.agent.kind is not None and loaded.manifest.agent.kind.value == kind
    report = evaluate(load_checklist(), gather_facts(loaded, today=TODAY, scan_code=True, use_cache=False),
                      Stage(expected["stage"]))
    assert report.verdict == expected["verdict"]
    assert sorted(r.item.id for r in report.results if r.outcome in ("fail", "error")) == sorted(expected["fail"])
    assert sorted(r.item.id for r in report.blocking) == sorted(expected["blocking"])
    assert sorted(r.item.id for r in report.results if r.not_applicable_reason) == sorted(expected["not_for_kind"])
    code014 = next(r for r in report.results if r.item.id == "CODE-014")
    assert code014.outcome == "pass", "each fixture's declared kind is what its code shows"
    for check_id, message in (expected.get("messages") or {}).items():
        result = next(r for r in report.results if r.item.id == check_id)
        assert any(message in f.message for f in result.findings), [f.message for f in result.findings]
