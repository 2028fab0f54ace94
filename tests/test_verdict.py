"""Verdicts per stage, waivers with expiry, and checks that crash."""

from __future__ import annotations

import pytest

from parr.checklist import load_checklist
from parr.checks import REGISTRY
from parr.facts import gather_facts
from parr.manifest.loader import load_manifest
from parr.stages import STAGE_ORDER, Stage
from parr.verdict import evaluate
from tests.conftest import TODAY

CHECKLIST = load_checklist()


def _report(repo, stage: Stage):
    return evaluate(CHECKLIST, gather_facts(load_manifest(repo / "parr.yaml"), today=TODAY), stage)


def test_base_is_go_at_every_stage(make_repo) -> None:
    repo = make_repo()
    for stage in STAGE_ORDER:
        report = _report(repo, stage)
        assert report.verdict == "GO", [r.item.id for r in report.blocking]
        assert report.counts()["fail"] == 0


def test_failure_warns_below_its_stage_and_blocks_from_it(make_repo) -> None:
    repo = make_repo(patch={"failsafes": {"circuit_breakers": []}})  # FS-003 blocks from narrow-production-writes
    verdicts = {stage: _report(repo, stage) for stage in STAGE_ORDER}
    assert [verdicts[s].verdict for s in STAGE_ORDER] == ["GO", "GO", "NO-GO", "NO-GO"]
    staging = next(r for r in verdicts[Stage.STAGING_WRITES].results if r.item.id == "FS-003")
    assert staging.outcome == "fail" and not staging.blocking


def test_active_waiver_turns_a_block_into_waived(make_repo) -> None:
    waiver = {"check": "FS-003", "reason": "breaker lands next sprint", "owner": "@priya", "expires": "2026-12-31"}
    repo = make_repo(patch={"failsafes": {"circuit_breakers": []}, "waivers": [waiver]})
    report = _report(repo, Stage.NARROW_PRODUCTION_WRITES)
    result = next(r for r in report.results if r.item.id == "FS-003")
    assert (result.outcome, result.blocking, report.verdict) == ("waived", False, "GO")
    assert result.waiver is not None and result.waiver.owner == "@priya"
    assert report.waiver_notes == ()


def test_expired_waiver_no_longer_counts_and_says_so(make_repo) -> None:
    waiver = {"check": "FS-003", "reason": "breaker lands next sprint", "owner": "@priya", "expires": "2026-11-01"}
    repo = make_repo(patch={"failsafes": {"circuit_breakers": []}, "waivers": [waiver]})
    report = _report(repo, Stage.NARROW_PRODUCTION_WRITES)
    assert report.verdict == "NO-GO"
    [note] = report.waiver_notes
    assert note.kind == "expired"
    assert note.message == "waiver for FS-003 (@priya) expired on 2026-11-01 and no longer counts"
    assert note.line is not None


def test_waiver_with_a_placeholder_waives_nothing(make_repo) -> None:
    waiver = {"check": "FS-003", "reason": "TODO: why", "owner": "@TODO", "expires": "2026-12-31"}
    repo = make_repo(patch={"failsafes": {"circuit_breakers": []}, "waivers": [waiver]})
    report = _report(repo, Stage.NARROW_PRODUCTION_WRITES)
    result = next(r for r in report.results if r.item.id == "FS-003")
    assert (result.outcome, result.blocking, report.verdict) == ("fail", True, "NO-GO")
    [note] = report.waiver_notes
    assert note.kind == "placeholder" and "waivers[0].reason is a placeholder ('TODO: why')" in note.message
    assert note.line is not None


@pytest.mark.parametrize(
    ("check", "kind", "text"),
    [
        ("FS-003", "unused", "matches nothing: the check does not fail"),
        ("ZZZ-999", "unknown_check", "not a check in this checklist"),
    ],
)
def test_waiver_matching_nothing_is_reported(make_repo, check: str, kind: str, text: str) -> None:
    waiver = {"check": check, "reason": "just in case", "owner": "@priya", "expires": "2027-01-31"}
    report = _report(make_repo(patch={"waivers": [waiver]}), Stage.PROPOSE)
    [note] = report.waiver_notes
    assert note.kind == kind and text in note.message


def test_a_crashing_check_becomes_an_error_finding(make_repo, monkeypatch) -> None:
    def boom(facts):
        raise KeyError("surprise")
        yield  # pragma: no cover

    monkeypatch.setitem(REGISTRY, "OWN-001", boom)
    report = _report(make_repo(), Stage.PROPOSE)
    result = next(r for r in report.results if r.item.id == "OWN-001")
    assert result.outcome == "error"
    assert result.blocking, "an error fails closed where the item would block"
    assert "the check crashed: KeyError" in result.findings[0].message
    others = [r for r in report.results if r.item.id != "OWN-001"]
    assert all(r.outcome in ("pass", "not_applicable") for r in others)
