"""Policy decisions that moved: the probes `parr policy test` runs, on both revisions, compared."""

from __future__ import annotations

import re

from parr.diff.model import Change, Risk
from parr.policy.model import PolicyEvaluation, ProbeRow

_PRODUCTION = re.compile(r"prod", re.I)


def _key(row: ProbeRow) -> tuple[str, str, str]:
    return (row.tool, row.environment, row.stage or "*")


def _decision(evaluation) -> str:
    return getattr(evaluation, "decision", None) or "error"


def compare_policies(base: PolicyEvaluation | None, head: PolicyEvaluation | None, policy_file: str | None) -> list[Change]:
    """For each tool, environment and stage probed on both sides: a decision that changed, unapproved
    or approved. Probes on one side only come from manifest changes, which are reported as such."""
    if base is None or head is None or not base.evaluated or not head.evaluated:
        return _engine_changes(base, head, policy_file)
    old = {_key(r): r for r in base.probes}
    changes: list[Change] = []
    for row in head.probes:
        before = old.get(_key(row))
        if before is None:
            continue
        where = f"{row.tool} in {row.environment}" + (f" at {row.stage}" if row.stage else "")
        for label, was, now in (("without approval", before.unapproved, row.unapproved),
                                ("with approval", before.approved, row.approved)):
            was_d, now_d = _decision(was), _decision(now)
            if was_d == now_d:
                continue
            risk: Risk
            if now_d == "allow":
                unapproved = label == "without approval"
                prod_write = row.mutating and _PRODUCTION.search(row.environment)
                risk = ("critical" if prod_write and unapproved else "high" if unapproved or prod_write else "medium")
                kind = "policy_allows"
            else:
                risk, kind = "low", "policy_denies"
            changes.append(Change(area="policy", kind=kind, subject=row.tool, risk=risk,
                                  message=f"the policy now {'allows' if now_d == 'allow' else 'denies'} {where} {label} "
                                          f"(was {was_d})", before=was_d, after=now_d, file=policy_file))
    return changes


def _engine_changes(base: PolicyEvaluation | None, head: PolicyEvaluation | None, policy_file: str | None) -> list[Change]:
    """Where one side's policies could not be evaluated, say so: decisions cannot be compared."""
    out: list[Change] = []
    was_ok = base is not None and base.evaluated
    now_ok = head is not None and head.evaluated
    if was_ok and not now_ok:
        why = head.problems[0].message if head is not None and head.problems else "no policies are declared"
        out.append(Change(area="policy", kind="policy_not_evaluated", subject="policies", risk="high",
                          message=f"the policies no longer evaluate ({why}); decisions cannot be compared",
                          file=policy_file))
    return out
