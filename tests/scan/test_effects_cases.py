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
               "caps": ",".join(tool.capabilities) or "-"}
        for key in ("mutating", "typed", "caps"):
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
])
def test_name_verbs(name: str, mutating: bool | None) -> None:
    from parr.scan.evidence import name_verdict

    assert name_verdict(name).mutating is mutating
