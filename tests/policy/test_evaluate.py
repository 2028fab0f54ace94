"""Whole evaluations on the check_base repository: tests, the probe table, findings, both engines."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from parr.manifest.loader import load_manifest
from parr.policy import evaluate as evaluate_module
from parr.policy.evaluate import evaluate_policies
from parr.policy.model import PolicyEvaluation, ProbeRow
from parr.scan.model import ScanResult, ToolRecord
from parr.stages import Stage

REGO = """package refunds
import rego.v1

default allow := false

allow if charge_reads
allow if refund_small
allow if close_case_approved

charge_reads if input.action == "get_charge"

refund_small if {
\tinput.action == "issue_refund"
\tinput.context.amount <= 50
}

close_case_approved if {
\tinput.action == "close_case"
\tinput.context.environment != "production"
}

close_case_approved if {
\tinput.action == "close_case"
\tinput.context.approved == true
}
"""
REGO_PATCH = {
    "policies": {
        "engine": "rego",
        "files": ["policies/refunds.rego"],
        "entrypoint": "data.refunds.allow",
        "tests": [
            {"name": "small refund", "request": {"principal": "refunds-assistant", "action": "issue_refund", "context": {"amount": 20}}, "expect": "allow"},
            {"name": "large refund", "request": {"principal": "refunds-assistant", "action": "issue_refund", "context": {"amount": 80}}, "expect": "deny"},
        ],
    }
}
APPROVAL_GATED_REFUNDS = {
    "permissions": {
        "tools": [
            {"name": "get_charge", "access": "read", "environments": ["staging", "production"], "risk": "low"},
            {"name": "issue_refund", "access": "pay", "environments": ["staging", "production"], "risk": "high", "gate": "approval:billing-leads"},
            {"name": "close_case", "access": "write", "environments": ["staging", "production"], "risk": "medium", "gate": "approval:billing-leads"},
        ]
    }
}


def _evaluate(repo: Path, **kwargs: object) -> PolicyEvaluation:
    result = evaluate_policies(load_manifest(repo / "parr.yaml"), **kwargs)  # type: ignore[arg-type]
    assert result is not None
    return result


def _row(evaluation: PolicyEvaluation, tool: str, environment: str) -> ProbeRow:
    return next(r for r in evaluation.probes if r.tool == tool and r.environment == environment)


def test_cedar_base_passes_with_a_full_table(make_repo) -> None:
    evaluation = _evaluate(make_repo())
    assert evaluation.exit_code() == 0 and evaluation.evaluated
    assert [t.passed for t in evaluation.tests] == [True]
    assert evaluation.principal == 'Agent::"refunds-assistant"'
    assert {(r.tool, r.environment) for r in evaluation.probes} == {
        ("get_charge", "staging"), ("get_charge", "production"),
        ("issue_refund", "staging"), ("issue_refund", "production"),
        ("close_case", "staging"), ("close_case", "production"),
        ("delete_customer", "staging"), ("delete_customer", "production"),
        ("parr-undeclared-tool", "production"),
    }
    close = _row(evaluation, "close_case", "production")
    assert (close.unapproved.decision, close.approved.decision) == ("deny", "allow")
    assert [r.id for r in close.approved.rules] == ["close_case_approved"]
    assert [r.id for r in _row(evaluation, "delete_customer", "production").unapproved.rules] == ["deny_delete_customer"]
    assert evaluation.stages == ()  # the policy never reads context.stage


def test_cedar_refunds_in_production_without_approval_fail(make_repo) -> None:
    evaluation = _evaluate(make_repo(patch=APPROVAL_GATED_REFUNDS))
    assert evaluation.exit_code() == 1
    [finding] = evaluation.failing_findings
    assert (finding.kind, finding.tool, finding.environment) == ("needs_approval", "issue_refund", "production")
    assert [r.describe() for r in finding.rules] == ["refund_small (policies/refunds.cedar:1)"]
    assert _row(evaluation, "issue_refund", "production").status == "fail"
    assert _row(evaluation, "issue_refund", "staging").status == "ok"


def test_rego_passes_and_fails_for_real(make_repo) -> None:
    passing = _evaluate(make_repo(patch=REGO_PATCH, files={"policies/refunds.rego": REGO}))
    assert passing.exit_code() == 0, passing.findings
    assert [t.passed for t in passing.tests] == [True, True]
    assert [r.id for r in _row(passing, "issue_refund", "production").unapproved.rules] == ["refund_small"]

    broken = REGO.replace('\tinput.context.approved == true\n', '\ttrue\n')
    failing = _evaluate(make_repo(patch=REGO_PATCH, files={"policies/refunds.rego": broken}))
    [finding] = failing.failing_findings
    assert finding.tool == "close_case" and finding.kind == "needs_approval"
    assert [r.describe() for r in finding.rules] == ["close_case_approved (policies/refunds.rego:17)"]  # a rule is located at its first definition


def test_failing_test_case(make_repo) -> None:
    patch = {"policies": {"tests": [{"name": "big", "request": {"principal": 'Agent::"refunds-assistant"', "action": 'Action::"issue_refund"', "resource": 'Charge::"c"', "context": {"amount": 99}}, "expect": "allow"}]}}
    evaluation = _evaluate(make_repo(patch=patch))
    assert evaluation.exit_code() == 1
    [failed] = evaluation.failed_tests
    assert failed.evaluation.decision == "deny" and failed.action == "issue_refund"


def test_stage_aware_policies_are_probed_per_stage(make_repo) -> None:
    policy = """@id("refund_autonomous")
permit (principal == Agent::"refunds-assistant", action == Action::"issue_refund", resource)
when { context.stage == "autonomous" };
@id("charge_reads")
permit (principal, action == Action::"get_charge", resource);
@id("close_case_approved")
permit (principal, action == Action::"close_case", resource) when { context.approved };
"""
    repo = make_repo(patch=APPROVAL_GATED_REFUNDS, files={"policies/refunds.cedar": policy})
    every = _evaluate(repo)
    assert every.stages == ("propose", "staging-writes", "narrow-production-writes", "autonomous")
    [finding] = every.failing_findings
    assert finding.stages == ("autonomous",) and finding.tool == "issue_refund"
    assert _evaluate(repo, stage=Stage.PROPOSE).failing_findings == ()


def test_over_threshold_and_deny_list(make_repo) -> None:
    patch = {"policies": {"approvals": [
        {"tool": "close_case", "approver": "@leads", "max_batch": 10},
        {"tool": "issue_refund", "approver": "@leads", "max_batch": 10, "threshold": {"amount_over": 30}},
    ], "deny": ["delete_customer", "get_charge"]}}
    evaluation = _evaluate(make_repo(patch=patch))
    kinds = {(f.kind, f.tool) for f in evaluation.failing_findings}
    assert ("over_threshold", "issue_refund") in kinds
    assert ("deny_list", "get_charge") in kinds
    over = _row(evaluation, "issue_refund", "production").over_threshold
    assert over is not None and over.allowed


def test_scan_tools_are_probed_and_default_allow_is_caught(make_repo) -> None:
    scan = ScanResult(root=".", files_scanned=1, tools=(
        ToolRecord(name="drop_table", file="agent/tools.py", line=12, language="python", framework="langchain",
                   style="langchain.tool", mutating=True, typed=True, schema="type_hints"),
    ))
    permissive = '@id("anything")\npermit (principal, action, resource);\n'
    evaluation = _evaluate(make_repo(files={"policies/refunds.cedar": permissive}), scan=scan)
    kinds = {(f.kind, f.tool) for f in evaluation.findings}
    assert ("outside_allowlist", "drop_table") in kinds
    assert ("default_allow", "parr-undeclared-tool") in kinds
    assert _row(evaluation, "drop_table", "production").source == "scan"

    strict = _evaluate(make_repo(), scan=scan)
    unmentioned = [f for f in strict.findings if f.kind == "unmentioned"]
    assert [f.tool for f in unmentioned] == ["drop_table"]
    assert "found in code at agent/tools.py:12" in unmentioned[0].message
    assert strict.exit_code() == 0  # default deny: reported, not failed


def test_bad_files_are_input_problems(make_repo) -> None:
    missing = _evaluate(make_repo(patch={"policies": {"files": ["policies/nope.cedar"]}}))
    assert missing.exit_code() == 2 and missing.problems[0].kind == "missing"
    broken = _evaluate(make_repo(files={"policies/refunds.cedar": "@id(\"a\")\npermit (principal, action, resource)\nwhen { context.x == };\n"}))
    assert broken.exit_code() == 2 and not broken.evaluated
    [problem] = broken.problems
    assert problem.sentence() == "policies/refunds.cedar:3: Cedar syntax error: unexpected token `}`"


def test_no_policies_declared(make_repo) -> None:
    loaded = load_manifest(make_repo(patch={"policies": {"engine": "__delete__", "files": []}}) / "parr.yaml")
    assert evaluate_policies(loaded) is None


def test_request_cap(make_repo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(evaluate_module, "MAX_REQUESTS", 5)
    evaluation = _evaluate(make_repo())
    assert evaluation.exit_code() == 2 and evaluation.problems[0].kind == "limit"


def test_slow_rego_is_cut_off_by_the_deadline(make_repo) -> None:
    slow = "package refunds\nimport rego.v1\n\nallow if {\n\tcount([x | some x in numbers.range(1, 300000)]) < 0\n}\n"
    repo = make_repo(patch=REGO_PATCH, files={"policies/refunds.rego": slow})
    started = time.monotonic()
    evaluation = _evaluate(repo, timeout=0.05)
    assert time.monotonic() - started < 5  # the engine process starts first (about 0.3 s, more on a busy machine)
    assert evaluation.exit_code() == 2
    assert [p.kind for p in evaluation.problems] == ["timeout"]
    assert "did not finish within 0.05 s" in evaluation.problems[0].message
