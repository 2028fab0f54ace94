"""Runbook, DRI record and postmortem: golden files, loud template errors, a sandbox, safe writes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from parr.cli import main
from tests.conftest import build_repo

GOLDEN = Path(__file__).parents[1] / "golden" / "documents"
UPDATE = os.environ.get("PARR_UPDATE_GOLDEN") == "1"


def _run(args: list[str], cwd: Path):
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, args, catch_exceptions=False)
    finally:
        os.chdir(old)


def _golden(name: str, text: str) -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    path = GOLDEN / name
    if UPDATE or not path.exists():
        path.write_text(text)
    assert text == path.read_text(), f"{name} differs; rerun with PARR_UPDATE_GOLDEN=1 if intended"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return build_repo(tmp_path / "agent")


COMMON = ["--no-scan", "--today", "2026-11-24"]


@pytest.mark.parametrize(
    ("args", "golden"),
    [
        (["generate", "runbook"], "base.runbook.md"),
        (["generate", "dri"], "base.dri.md"),
        (["generate", "dri", "--format", "yaml"], "base.dri.yaml"),
        (["generate", "postmortem"], "base.postmortem.md"),
        (["generate", "postmortem", "--trace", "traces/sample.jsonl", "--session", "s-01"], "base.postmortem-trace.md"),
    ],
)
def test_documents_match_golden_files(repo: Path, args: list[str], golden: str) -> None:
    result = _run([*args, ".", *COMMON], repo)
    assert result.exit_code == 0, result.output
    _golden(golden, result.stdout)


def test_dri_yaml_is_a_backstage_component(repo: Path) -> None:
    result = _run(["generate", "dri", ".", "--format", "yaml", *COMMON], repo)
    entity = yaml.safe_load(result.stdout)
    assert entity["apiVersion"] == "backstage.io/v1alpha1" and entity["kind"] == "Component"
    assert entity["spec"] == {"type": "ai-agent", "lifecycle": "experimental", "owner": "user:default/priya"}
    assert entity["metadata"]["annotations"]["parr.dev/dri"] == "Priya Natarajan"


def test_missing_facts_are_named_not_left_blank(tmp_path: Path) -> None:
    repo = build_repo(tmp_path / "bare", patch={
        "failsafes": {"kill_switch": "__delete__", "fallback": "__delete__", "retries": {"max": "__delete__"}},
        "agent": {"dri": "__delete__", "escalation": []},
        "observability": {"dashboards": []},
    })
    out = _run(["generate", "runbook", ".", *COMMON], repo).stdout
    assert "**No kill switch declared (failsafes.kill_switch).**" in out
    assert "**no safe fallback declared (failsafes.fallback)**" in out
    assert "**no DRI declared (agent.dri)**" in out
    assert "**unbounded (failsafes.retries.max not set)**" in out
    assert "**No dashboard declared (observability.dashboards).**" in out
    assert "pull the kill switch (**no kill switch declared**)" in out


def test_procedures_follow_what_applies(tmp_path: Path) -> None:
    repo = build_repo(tmp_path / "ro", patch={
        "permissions": {"tools": [{"name": "get_charge", "access": "read"}]},
        "policies": {"engine": "__delete__"},
    })
    out = _run(["generate", "runbook", ".", *COMMON], repo).stdout
    assert "Bad write to production" not in out and "Policy-denial spike" not in out, out
    assert "### 1. Runaway spend" in out and "Dependency outage" in out


def test_postmortem_timeline_from_otlp_with_redacted_arguments(repo: Path) -> None:
    span = {
        "traceId": "4bf92f3577b34da6a3ce929d0e0e4736", "spanId": "00f067aa0ba902b7", "name": "execute_tool issue_refund",
        "startTimeUnixNano": "1763608462000000000", "endTimeUnixNano": "1763608462250000000",
        "attributes": [
            {"key": "gen_ai.operation.name", "value": {"stringValue": "execute_tool"}},
            {"key": "gen_ai.tool.name", "value": {"stringValue": "issue_refund"}},
            {"key": "gen_ai.tool.call.arguments", "value": {"stringValue": "{\"card\": \"4111111111111111\"}"}},
            {"key": "gen_ai.conversation.id", "value": {"stringValue": "conv-7"}},
        ],
        "status": {"code": 2, "message": "payments-api timeout"},
    }
    doc = {"resourceSpans": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "refunds"}}]},
                              "scopeSpans": [{"spans": [span]}]}]}
    (repo / "otlp.json").write_text(json.dumps(doc, indent=2))
    out = _run(["generate", "postmortem", ".", "--trace", "otlp.json", "--session", "conv-7", *COMMON], repo).stdout
    row = next(line for line in out.splitlines() if "issue_refund" in line and line.startswith("| 2025"))
    assert "4bf92f3577b34da6a3ce929d0e0e4736" in row and "error: payments-api timeout" in row and "| 250 |" in row
    assert "4111111111111111" not in out and "card=‹redacted " in row


def test_postmortem_stage_at_the_time_comes_from_the_ledger(repo: Path) -> None:
    from parr.ledger import append_entry

    # Written directly: `rollout promote` needs a git commit to certify, and this repo has none.
    append_entry(repo / ".parr" / "ledger.jsonl", lambda state: {
        "time": "2026-11-01T00:00:00+00:00", "action": "promote", "actor": {"name": "Sam Okafor"},
        "from_stage": "propose", "to_stage": "staging-writes", "reason": "x"})
    out = _run(["generate", "postmortem", ".", "--trace", "traces/sample.jsonl", "--session", "s-01", *COMMON], repo).stdout
    assert "| Stage at the time | `staging-writes` (from the rollout ledger) |" in out


def test_template_override_by_name_and_undefined_variable_fails_loudly(repo: Path, tmp_path: Path) -> None:
    custom = tmp_path / "custom"
    custom.mkdir()
    (custom / "dri.md.j2").write_text("DRI of {{ agent.id }}: {{ agent.dri.name }}\n")
    result = _run(["generate", "dri", ".", "--templates", str(custom), *COMMON], repo)
    assert (result.exit_code, result.stdout) == (0, "DRI of refunds-assistant: Priya Natarajan\n")
    (custom / "dri.md.j2").write_text("{{ agent.pager_number }}\n")
    result = _run(["generate", "dri", ".", "--templates", str(custom), *COMMON], repo)
    assert result.exit_code == 2
    assert "template dri.md.j2:" in result.stderr and "pager_number" in result.stderr


@pytest.mark.parametrize(
    "payload",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ agent.__class__ }}",
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        "{% set x = tools.append(1) %}{{ x }}",
    ],
)
def test_override_templates_cannot_reach_python_internals(repo: Path, tmp_path: Path, payload: str) -> None:
    custom = tmp_path / "evil"
    custom.mkdir()
    (custom / "runbook.md.j2").write_text(payload + "\n")
    result = _run(["generate", "runbook", ".", "--templates", str(custom), *COMMON], repo)
    assert result.exit_code == 2, result.stdout
    assert "uid=" not in result.stdout


def test_output_is_atomic_and_never_clobbers_without_force(repo: Path) -> None:
    (repo / "RUNBOOK.md").write_text("hand-written notes\n")
    result = _run(["generate", "runbook", ".", "--output", "RUNBOOK.md", *COMMON], repo)
    assert result.exit_code == 2 and "already exists; pass --force" in result.stderr
    assert (repo / "RUNBOOK.md").read_text() == "hand-written notes\n"
    result = _run(["generate", "runbook", ".", "--output", "RUNBOOK.md", "--force", *COMMON], repo)
    assert result.exit_code == 0
    assert (repo / "RUNBOOK.md").read_text().startswith("# Runbook: refunds-assistant")
    assert [p.name for p in repo.iterdir() if p.name.startswith(".RUNBOOK")] == []


def test_trace_and_session_go_together(repo: Path) -> None:
    result = _run(["generate", "postmortem", ".", "--session", "s-01", *COMMON], repo)
    assert result.exit_code == 2 and "--trace and --session go together" in result.stderr
