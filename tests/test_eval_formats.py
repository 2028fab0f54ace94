"""Eval result formats (JUnit, promptfoo, inspect-ai, DeepEval, OpenAI Evals) on real-shaped files,
and EVAL-008: a JUnit file that names no model, agent, prompt or tool is unit tests, not evals."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from parr.checklist import load_checklist
from parr.evidence_files import read_eval_result
from parr.facts import gather_facts
from parr.manifest.loader import load_manifest
from parr.stages import Stage
from parr.verdict import evaluate
from tests.conftest import TODAY

RESULTS = Path(__file__).parent / "fixtures" / "eval_results"
UTC = dt.timezone.utc


@pytest.mark.parametrize(("name", "fmt", "total", "passed", "stamp", "marker"), [
    ("inspect-log.json", "inspect", 4, 3, dt.datetime(2026, 11, 21, 9, 13, 31, tzinfo=UTC), "openai/gpt-4.1"),
    ("deepeval-test-run.json", "deepeval", 3, 2, None, "gpt-4.1-mini"),
    ("oaieval-record.jsonl", "openai-evals", 3, 2, dt.datetime(2026, 11, 21, 9, 15, 0, 482113, tzinfo=UTC), "gpt-4.1"),
])
def test_each_format_is_read_and_told_from_its_content(name, fmt, total, passed, stamp, marker) -> None:
    for declared in (None, fmt):
        fact = read_eval_result(RESULTS / name, name, declared)
        assert fact.error is None, fact.error
        assert (fact.format, fact.total, fact.passed, fact.timestamp) == (fmt, total, passed, stamp)
        assert marker in fact.markers


def test_deepeval_run_time_comes_from_the_results_folder_file_name(tmp_path: Path) -> None:
    target = tmp_path / "test_run_20261121_091500.json"
    shutil.copy(RESULTS / "deepeval-test-run.json", target)
    assert read_eval_result(target, target.name, None).timestamp == dt.datetime(2026, 11, 21, 9, 15, tzinfo=UTC)


@pytest.mark.parametrize(("name", "edit", "error"), [
    ("inspect-log.json", ('"status": "success"', '"status": "error"'), "did not finish (status 'error')"),
    ("inspect-log.json", ('"value": "I"', '"value": "maybe"'), "samples[3] has a score value"),
    ("oaieval-record.jsonl", ('{"final_report"', '{"not_final"'), "no 'final_report' line"),
    ("oaieval-record.jsonl", ('"correct": false', '"correct": "no"'), "a match event without a true/false"),
    ("deepeval-test-run.json", ('"testCases"', '"cases"', '"conversationalTestCases"', '"turns"'), "no 'testCases'"),
    ("deepeval-test-run.json", ('"testPassed": 2', '"testPassed": -2'), "testPassed is not a whole count"),
])
def test_a_file_parr_cannot_count_is_a_finding_not_a_pass(name, edit, error, tmp_path: Path) -> None:
    text = (RESULTS / name).read_text()
    for old, new in zip(edit[::2], edit[1::2]):
        assert old in text
        text = text.replace(old, new, 1)
    target = tmp_path / name
    target.write_text(text)
    fact = read_eval_result(target, name, None)
    assert fact.error is not None and error in fact.error, fact.error


def test_inspect_header_without_samples_counts_from_accuracy(tmp_path: Path) -> None:
    import json

    data = json.loads((RESULTS / "inspect-log.json").read_text())
    del data["samples"]
    target = tmp_path / "header.json"
    target.write_text(json.dumps(data))
    fact = read_eval_result(target, target.name, None)
    assert (fact.total, fact.passed) == (4, 3)


def _report(repo: Path, stage: Stage = Stage.AUTONOMOUS):
    return evaluate(load_checklist(), gather_facts(load_manifest(repo / "parr.yaml"), today=TODAY), stage)


def _item(report, check_id: str):
    return next(r for r in report.results if r.item.id == check_id)


def test_unit_tests_declared_as_the_regression_suite_are_a_warning_naming_why(make_repo) -> None:
    repo = make_repo(files={"evals/regression.xml": (RESULTS / "unit-tests.xml").read_text()})
    report = _report(repo)
    result = _item(report, "EVAL-008")
    assert result.outcome == "fail" and not result.blocking
    failing = [f.message for f in result.findings if f.outcome == "fail"]
    assert len(failing) == 1 and "regression results evals/regression.xml are unit tests, not an eval suite" in failing[0]
    assert _item(report, "EVAL-002").outcome == "pass", "the suite still counts; the warning says what it is"
    assert report.verdict == "GO"


def test_new_formats_feed_the_threshold_and_freshness_checks(make_repo) -> None:
    repo = make_repo(
        patch={"evals": {"regression": {"results": "evals/regression.json", "format": "inspect", "pass_threshold": 0.9}}},
        files={"evals/regression.json": (RESULTS / "inspect-log.json").read_text()})
    report = _report(repo)
    assert "regression suite passed 3/4 (75%), below its threshold 90%" in _item(report, "EVAL-002").findings[0].message
    assert _item(report, "EVAL-006").outcome == "pass"
    assert _item(report, "EVAL-008").outcome == "pass"
