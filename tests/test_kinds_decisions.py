"""Kinds of agent and owners' decisions through the verdict and every report format."""

from __future__ import annotations

import json
from pathlib import Path

from parr.checklist import load_checklist
from parr.facts import gather_facts
from parr.formats import json_format, junit, markdown, sarif, table
from parr.manifest.loader import load_manifest
from parr.stages import Stage
from parr.verdict import evaluate
from tests.conftest import TODAY

CHECKLIST = load_checklist()
DECISION = {"check": "FS-005", "reason": "the orchestrator's queue pause is the kill switch", "owner": "@priya",
            "decided": "2026-09-01", "review_by": "2027-03-01"}


def _report(repo: Path, stage: Stage, checklist=CHECKLIST, scan: bool = False):
    facts = gather_facts(load_manifest(repo / "parr.yaml"), today=TODAY, scan_code=scan, use_cache=False)
    return evaluate(checklist, facts, stage)


def _text(report) -> str:
    """The plain table with its cell wrapping undone."""
    return " ".join(table.render([report]).split())


def _by_id(report):
    return {r.item.id: r for r in report.results}


def test_no_kind_exempts_nothing(make_repo) -> None:
    repo = make_repo(patch={"budgets": {"per_run": "__delete__", "per_day": "__delete__"}})
    report = _report(repo, Stage.STAGING_WRITES)
    assert report.agent_kind is None
    assert _by_id(report)["BUD-001"].blocking
    assert not any(r.not_applicable_reason for r in report.results)


def test_mcp_server_kind_exempts_spend_with_the_reason_shown_everywhere(make_repo) -> None:
    repo = make_repo(patch={"agent": {"kind": "mcp-server"}, "budgets": {"per_run": "__delete__", "per_day": "__delete__"}})
    report = _report(repo, Stage.STAGING_WRITES, scan=True)
    budget = _by_id(report)["BUD-001"]
    assert budget.outcome == "not_applicable" and not budget.blocking
    assert "calls no model of its own" in budget.not_applicable_reason
    assert budget.findings[0].message.startswith("not applicable to kind mcp-server: an MCP server calls no model")
    # The code of the base fixture builds a model client: the claim is refused where it matters.
    assert _by_id(report)["CODE-014"].blocking
    text = _text(report)
    assert "not applicable to kind mcp-server (BUD-001, BUD-002, BUD-003, BUD-004, BUD-005, BUD-006, BUD-007)" in text
    assert "MEM-001" in text and "OWN-004" in text
    doc = json.loads(json_format.render([report]))["reports"][0]
    assert doc["agent_kind"] == "mcp-server"
    item = next(i for i in doc["items"] if i["id"] == "BUD-001")
    assert "calls no model" in item["not_applicable_reason"]
    assert "Not applicable to kind `mcp-server`" in markdown.render([report])
    assert 'message="not applicable: an MCP server calls no model' in junit.render([report])


def test_decision_turns_a_failure_into_decided_and_every_format_shows_it(make_repo) -> None:
    repo = make_repo(patch={"failsafes": {"kill_switch": "__delete__"}, "decisions": [DECISION]})
    report = _report(repo, Stage.PROPOSE)
    result = _by_id(report)["FS-005"]
    assert result.outcome == "decided" and not result.blocking and result.decision.owner == "@priya"
    assert report.counts()["decided"] == 1
    text = _text(report)
    import re

    assert re.search(r"0 waived, \d+ not applicable, 1 decided", text), text[-300:]
    assert "decided FS-005 A named kill switch" in text and "decided not to apply by @priya" in text
    doc = json.loads(json_format.render([report]))["reports"][0]
    assert next(i for i in doc["items"] if i["id"] == "FS-005")["decision"]["review_by"] == "2027-03-01"
    assert doc["counts"]["decided"] == 1
    assert "**Decided not to apply**" in markdown.render([report]) and "· 1 decided" in markdown.render([report])
    assert "decided not to apply by @priya" in junit.render([report])
    # SARIF leaves set-aside results out by default (code scanning shows a suppression as an open
    # alert); asked to keep them, it marks the decision as an accepted external suppression.
    from parr.formats import RenderContext

    assert not [r for r in sarif.document([report])["runs"][0]["results"] if r["ruleId"] == "FS-005"]
    results = sarif.document([report], RenderContext(include_suppressed=True))["runs"][0]["results"]
    fs005 = [r for r in results if r["ruleId"] == "FS-005"]
    assert fs005 and all(r["suppressions"][0]["justification"].startswith("decided not to apply") for r in fs005)


def test_decision_does_not_expire_but_a_passed_review_warns(make_repo) -> None:
    old = {**DECISION, "decided": "2025-01-01", "review_by": "2026-06-01"}
    repo = make_repo(patch={"failsafes": {"kill_switch": "__delete__"}, "decisions": [old]})
    report = _report(repo, Stage.AUTONOMOUS)
    assert _by_id(report)["FS-005"].outcome == "decided"
    review = _by_id(report)["OWN-007"]
    assert review.outcome == "fail" and not review.blocking  # a warning, never silent, never a block
    assert report.verdict == "GO", [r.item.id for r in report.blocking]


def test_decision_with_a_placeholder_decides_nothing(make_repo) -> None:
    repo = make_repo(patch={"failsafes": {"kill_switch": "__delete__"}, "decisions": [{**DECISION, "owner": "@TODO"}]})
    report = _report(repo, Stage.STAGING_WRITES)
    assert _by_id(report)["FS-005"].outcome == "fail" and _by_id(report)["FS-005"].blocking
    assert [n.kind for n in report.decision_notes] == ["placeholder"]


def test_decision_on_a_critical_security_item_at_a_write_stage_is_a_visible_warning(make_repo) -> None:
    decision = {**DECISION, "check": "OBS-004", "reason": "the trace holds no personal data"}
    repo = make_repo(patch={"observability": {"redacted_fields": []}, "decisions": [decision]})
    propose = _report(repo, Stage.PROPOSE)
    assert _by_id(propose)["OBS-004"].outcome == "decided" and not propose.decision_notes
    staging = _report(repo, Stage.STAGING_WRITES)
    assert _by_id(staging)["OBS-004"].outcome == "decided"
    assert [n.kind for n in staging.decision_notes] == ["security_item"]
    assert "critical security item that blocks at staging-writes" in _text(staging)


def test_decision_not_needed_or_unknown_is_said(make_repo) -> None:
    repo = make_repo(patch={"decisions": [DECISION, {**DECISION, "check": "NOPE-001"}]})
    report = _report(repo, Stage.PROPOSE)
    assert _by_id(report)["FS-005"].outcome == "pass"
    assert [n.kind for n in report.decision_notes] == ["unused", "unknown_check"]


def test_decision_review_before_decided_is_bad_input(make_repo) -> None:
    import pytest

    from parr.errors import ParrInputError

    repo = make_repo(patch={"decisions": [{**DECISION, "review_by": "2026-01-01"}]})
    with pytest.raises(ParrInputError, match="parr.yaml:[0-9]+: decisions\\[0\\]: .*before it was made"):
        load_manifest(repo / "parr.yaml")


def test_organisation_checklist_disables_an_item_for_one_kind(tmp_path: Path, make_repo) -> None:
    org = tmp_path / "acme.yaml"
    org.write_text(
        "apiVersion: parr/v1\nkind: checklist\nname: acme\n"
        "items:\n"
        "  - id: ACME-001\n    area: failsafes\n    title: Runs finish within five minutes\n    severity: high\n"
        "    blocking_from: propose\n    owner: SRE\n    rationale: queue workers die after five minutes\n"
        "    remediation: set run_seconds to 300 or less\n"
        "    rule: {path: failsafes.timeouts.run_seconds, present: true, max: 300}\n"
        "    not_for_kinds: {mcp-server: \"a server has no runs, only requests\"}\n"
        "disable:\n  - {id: OBS-007, reason: \"our workflow steps share the pipeline's dashboard\", kinds: [workflow-step]}\n")
    checklist = load_checklist([org])
    repo = make_repo(patch={"agent": {"kind": "workflow-step"}, "observability": {"dashboards": []},
                            "failsafes": {"timeouts": {"run_seconds": 600}}})
    by_id = _by_id(_report(repo, Stage.AUTONOMOUS, checklist))
    assert by_id["OBS-007"].outcome == "not_applicable"
    assert by_id["OBS-007"].not_applicable_reason == "our workflow steps share the pipeline's dashboard"
    assert by_id["ACME-001"].outcome == "fail"
    server = make_repo(patch={"agent": {"kind": "mcp-server"}, "observability": {"dashboards": []},
                              "failsafes": {"timeouts": {"run_seconds": 600}}})
    by_id = _by_id(_report(server, Stage.AUTONOMOUS, checklist))
    assert by_id["OBS-007"].outcome == "fail", "disabled for workflow steps only"
    assert by_id["ACME-001"].not_applicable_reason == "a server has no runs, only requests"
