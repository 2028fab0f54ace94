"""The effects knowledge (parr.scan.effects_kb) against its cases: each folder of effects_cases/ is
a small repository whose tools carry their expected verdicts inline (see its README)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from parr.scan.engine import scan_repository

CASES = Path(__file__).parent / "effects_cases"
_EXPECT = re.compile(r"^\s*(?:#|//)\s*expect:\s*(.+)$")


def _expectations(folder: Path) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for path in sorted(folder.rglob("*")):
        if path.suffix not in (".py", ".ts", ".js"):
            continue
        for line in path.read_text().splitlines():
            m = _EXPECT.match(line)
            if m:
                fields = dict(part.split("=", 1) for part in m.group(1).split())
                out[fields["name"]] = fields
    return out


@pytest.mark.parametrize("folder", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_effects_case(folder: str) -> None:
    root = CASES / folder
    expected = _expectations(root)
    result = scan_repository(root, use_cache=False)
    found = {t.name: t for t in result.tools}
    assert set(found) == set(expected), f"tools found {sorted(found)} != expected {sorted(expected)}"
    wrong = []
    for name, want in expected.items():
        tool = found[name]
        got = {"mutating": str(tool.mutating).lower(), "typed": str(tool.typed).lower(),
               "caps": ",".join(tool.capabilities) or "-", "unverified": str(bool(tool.unverified)).lower()}
        for key in ("mutating", "typed", "caps", "unverified"):
            if key in want and want[key] != got[key]:
                wrong.append(f"{name}: {key} {got[key]} (expected {want[key]}); evidence {tool.evidence}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(("name", "mutating"), [
    ("checkEligibilityAndPossiblyInitiateReturn", True),  # every clause's verb counts
    ("validate_and_then_submit_claim", True),
    ("ReWriteEmail", False),  # rewriting text is not writing anything
    ("refund_policy_specialist", None),  # names a specialist, not an action
    ("get_order_status", False),
    ("detach_role_policy", True),
    ("upgrade_helm_chart", True),  # lifecycle verbs
    ("cleanup", True),
    ("flush_cache", True),
    ("poll_job_status", False),
    ("generate_issue_summary", None),  # a verb that makes the answer: "issue" is its object
    ("summarize_and_then_close_issue", True),
])
def test_name_verbs(name: str, mutating: bool | None) -> None:
    from parr.scan.evidence import name_verdict

    assert name_verdict(name).mutating is mutating


@pytest.mark.parametrize(("description", "mutating"), [
    # a verb's form used as an adjective or a noun says what the tool is about, not what it does
    ("Clear description for the agent to follow", None),
    ("Close match for a query", None),
    ("Complete list of users in the workspace", None),
    ("Messages waiting in a queue.", None),
    ("Records of calls made today", None),
    ("Set of tools for the planner", None),
    ("Deleted files in the trash", None),
    # in verb position, with what it acts on after it
    ("Clear the cache", True),
    ("Close the ticket", True),
    ("Delete 3 files", True),
    ("Sends an email to a user", True),
    ("Send email to a user", True),
    ("Updates the record", True),
    ("Lists files in a folder", False),
])
def test_description_lead_word(description: str, mutating: bool | None) -> None:
    from parr.scan.evidence import description_lead_verb

    assert description_lead_verb(description).mutating is mutating


@pytest.mark.parametrize(("description", "mutating"), [
    # after a determiner a verb's bare form is a noun; in verb position it still says what the tool does
    ("The ledger entry of one charge.", None),
    ("Shows each update of the order", None),
    ("Offer to record how the user handles a charge you have no saved procedure for.", None),
    ("Totals of the refunds this month", None),
    ("Charge the customer's card", True),
    ("Creates a charge for the order", True),
    ("This charges the card on file", True),
])
def test_description_verbs_anywhere(description: str, mutating: bool | None) -> None:
    from parr.scan.evidence import description_verdict

    assert description_verdict(description).mutating is mutating
