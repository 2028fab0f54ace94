"""The checklist as data: complete, consistent with the code both ways, extensible without Python."""

from __future__ import annotations

from pathlib import Path

import pytest

from parr.checklist import load_checklist
from parr.checks import REGISTRY
from parr.errors import ParrInputError
from parr.facts import gather_facts
from parr.manifest.loader import load_manifest
from parr.stages import Stage
from parr.verdict import evaluate
from tests.conftest import TODAY

AREAS = {"permissions", "policies", "evals", "observability", "failsafes", "ownership", "budgets", "memory"}


def test_default_checklist_covers_every_area_with_at_least_30_items() -> None:
    checklist = load_checklist()
    assert len(checklist.items) >= 30
    assert {item.area for item in checklist.items} == AREAS
    for item in checklist.items:
        assert item.rationale.strip() and item.remediation.strip() and item.title.strip()


def test_every_item_has_an_implementation_and_every_implementation_an_item() -> None:
    checklist = load_checklist()
    python_items = {item.id for item in checklist.items if item.rule is None}
    assert python_items - set(REGISTRY) == set(), "checklist items with no implementation"
    assert set(REGISTRY) - python_items == set(), "implementations with no checklist item"


def _org(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "org-checklist.yaml"
    path.write_text(text)
    return path


ORG = """apiVersion: parr/v1
kind: checklist
name: acme
items:
  - id: ACME-001
    area: failsafes
    title: Runs finish within five minutes
    severity: high
    blocking_from: staging-writes
    owner: SRE
    rationale: Our queue workers are killed after five minutes.
    remediation: Set failsafes.timeouts.run_seconds to 300 or less.
    rule: {path: failsafes.timeouts.run_seconds, present: true, max: 300}
  - id: ACME-002
    area: permissions
    title: Every tool states its risk
    severity: medium
    blocking_from: propose
    owner: Security
    rationale: Risk reviews need a level per tool.
    remediation: Set risk on each tool.
    rule: {path: "permissions.tools[*].risk", present: true, one_of: [low, medium, high]}
overrides:
  - {id: BUD-004, severity: high, blocking_from: propose}
disable:
  - {id: OBS-008, reason: our incident tooling attaches traces already}
"""


def test_organisation_checklist_adds_tightens_and_disables(tmp_path: Path, make_repo) -> None:
    checklist = load_checklist([_org(tmp_path, ORG)])
    assert checklist.get("ACME-001") is not None
    assert checklist.get("OBS-008") is None
    assert checklist.get("BUD-004").severity.value == "high"

    repo = make_repo(
        patch={"failsafes": {"timeouts": {"run_seconds": 600}}, "model": {"routing": []},
               "permissions": {"tools": [{"name": "get_charge", "access": "read"}]}}
    )
    report = evaluate(checklist, gather_facts(load_manifest(repo / "parr.yaml"), today=TODAY), Stage.PROPOSE)
    by_id = {r.item.id: r for r in report.results}
    assert by_id["ACME-001"].outcome == "fail" and not by_id["ACME-001"].blocking
    assert "failsafes.timeouts.run_seconds is 600, must be at most 300" in by_id["ACME-001"].findings[0].message
    assert by_id["ACME-001"].findings[0].line is not None
    assert by_id["ACME-002"].outcome == "fail" and by_id["ACME-002"].blocking
    assert "permissions.tools.0.risk is not set" in by_id["ACME-002"].findings[0].message
    assert by_id["BUD-004"].blocking, "the override made BUD-004 block from propose"
    assert report.verdict == "NO-GO"
    assert report.disabled == ("OBS-008",)


def test_rule_passes_when_satisfied(tmp_path: Path, make_repo) -> None:
    checklist = load_checklist([_org(tmp_path, ORG)])
    repo = make_repo()
    report = evaluate(checklist, gather_facts(load_manifest(repo / "parr.yaml"), today=TODAY), Stage.AUTONOMOUS)
    by_id = {r.item.id: r for r in report.results}
    assert by_id["ACME-001"].outcome == "pass"
    assert by_id["ACME-002"].outcome == "pass"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("overrides:\n  - {id: FS-005, severity: low}\n", "overrides only raise, use `disable`"),
        ("overrides:\n  - {id: FS-005, blocking_from: autonomous}\n", "block later"),
        ("overrides:\n  - {id: NOPE-001, severity: high}\n", "unknown check NOPE-001"),
        ("disable:\n  - {id: NOPE-001, reason: because}\n", "cannot disable unknown check"),
        (
            "items:\n  - {id: FS-001, area: failsafes, title: t, severity: low, blocking_from: propose, owner: SRE,"
            " rationale: r, remediation: m, rule: {path: a, present: true}}\n",
            "already exists",
        ),
        (
            "items:\n  - {id: ACME-009, area: failsafes, title: t, severity: low, blocking_from: propose, owner: SRE,"
            " rationale: r, remediation: m}\n",
            "has no `rule`",
        ),
        ("items:\n  - {id: ACME-009, area: nope}\n", "items.0.area"),
    ],
)
def test_organisation_checklist_mistakes(tmp_path: Path, text: str, message: str) -> None:
    path = _org(tmp_path, "apiVersion: parr/v1\nkind: checklist\nname: acme\n" + text)
    with pytest.raises(ParrInputError, match=message.replace("(", r"\(").replace("`", "`")):
        load_checklist([path])


def test_disabling_everything_is_refused(tmp_path: Path) -> None:
    ids = [item.id for item in load_checklist().items]
    body = "disable:\n" + "".join(f"  - {{id: {i}, reason: testing}}\n" for i in ids)
    with pytest.raises(ParrInputError, match="no enabled items"):
        load_checklist([_org(tmp_path, "apiVersion: parr/v1\nkind: checklist\nname: x\n" + body)])
