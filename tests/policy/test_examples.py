"""The shipped examples' real policies: Cedar (support-triage) and Rego (billing-mcp), and one broken rule."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from parr.core import CheckRequest, run_check
from parr.manifest.loader import load_manifest
from parr.policy.evaluate import evaluate_policies
from parr.stages import Stage

EXAMPLES = Path(__file__).parents[2] / "examples"
TRIAGE = EXAMPLES / "support-triage"
BILLING = EXAMPLES / "billing-mcp"
TODAY = dt.date(2026, 11, 24)


def _needs(path: Path) -> None:
    if not (path / "parr.yaml").is_file():
        pytest.skip(f"{path.name} example not present")


def test_support_triage_cedar_passes() -> None:
    _needs(TRIAGE)
    evaluation = evaluate_policies(load_manifest(TRIAGE / "parr.yaml"))
    assert evaluation is not None and evaluation.engine == "cedar"
    assert evaluation.exit_code() == 0, [p.sentence() for p in evaluation.problems] + [f.message for f in evaluation.findings]
    assert evaluation.tests and all(t.passed for t in evaluation.tests)
    production = {r.tool: r for r in evaluation.probes if r.environment == "production"}
    assert production["update_case_priority"].unapproved.allowed
    assert not production["parr-undeclared-tool"].unapproved.allowed


def test_breaking_one_triage_rule_turns_the_verdict_to_no_go(tmp_path: Path) -> None:
    _needs(TRIAGE)
    repo = tmp_path / "support-triage"
    shutil.copytree(TRIAGE, repo)
    policy_file = repo / "policies" / "triage.cedar"
    policy_file.write_text(
        policy_file.read_text()
        + '\n@id("notes_anywhere")\npermit (principal, action == Action::"add_case_note", resource);\n'
    )
    [report] = run_check(CheckRequest(path=repo, stage=Stage.NARROW_PRODUCTION_WRITES, today=TODAY))
    assert report.verdict == "NO-GO"
    result = next(r for r in report.results if r.item.id == "POL-009")
    assert result.blocking
    [finding] = [f for f in result.findings if f.outcome == "fail"]
    assert "'add_case_note' (write) is allowed in production without approval by" in finding.message
    assert "notes_anywhere (policies/triage.cedar:" in finding.message
    assert "not by its gate rule 'case_note_write'" in finding.message
    assert finding.file is not None and finding.file.endswith("triage.cedar") and finding.line


def test_billing_mcp_rego_names_the_ungated_refund() -> None:
    _needs(BILLING)
    evaluation = evaluate_policies(load_manifest(BILLING / "parr.yaml"))
    assert evaluation is not None and evaluation.engine == "rego"
    assert evaluation.tests and all(t.passed for t in evaluation.tests)
    assert evaluation.exit_code() == 1
    refund = [f for f in evaluation.failing_findings if f.tool == "issue_refund"]
    assert refund and refund[0].kind == "needs_approval"
    assert "refund_within_limit (policies/billing.rego:" in refund[0].message
