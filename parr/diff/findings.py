"""Which failing findings a change introduces and which it resolves, matched by what they are about
(check, file and message with line numbers taken out), never by line."""

from __future__ import annotations

import os
import re

from parr.diff.model import Change, FindingDelta, Risk
from parr.fsutil import relative_posix
from parr.verdict import Report

_NUMBERS_IN_LOCATIONS = re.compile(r"(:\d+)+\b|\bline \d+\b")
_FAILING = ("fail", "error")
_SEVERITY_RISK: dict[str, Risk] = {"critical": "critical", "high": "high", "medium": "medium", "low": "low"}


def _failing(report: Report | None, root: str) -> dict[tuple, FindingDelta]:
    out: dict[tuple, FindingDelta] = {}
    if report is None:
        return out
    for result in report.results:
        if result.outcome not in _FAILING:
            continue
        for finding in result.findings:
            if finding.outcome not in _FAILING:
                continue
            file = relative_posix(finding.file, root)
            stable = getattr(finding, "key", None) or _NUMBERS_IN_LOCATIONS.sub("", finding.message.replace(root, ""))
            key = (finding.check_id, file, stable)
            out.setdefault(key, FindingDelta(check_id=finding.check_id, severity=result.item.severity.value,
                                             blocking=result.blocking, message=finding.message.replace(root + os.sep, ""),
                                             file=file, line=finding.line))
    return out


def compare_findings(base: Report | None, head: Report | None, base_root: str, head_root: str,
                     prefix: str) -> tuple[list[FindingDelta], list[FindingDelta], list[Change]]:
    """(introduced, resolved, verdict changes). Paths come out relative to the repository root."""
    old = _failing(base, base_root)
    new = _failing(head, head_root)

    def located(delta: FindingDelta) -> FindingDelta:
        return delta.model_copy(update={"file": f"{prefix}{delta.file}" if delta.file else None})

    introduced = [located(new[k]) for k in new if k not in old]
    resolved = [located(old[k]) for k in old if k not in new]
    changes: list[Change] = []
    if base is not None and head is not None and base.verdict != head.verdict:
        worse = head.verdict == "NO-GO"
        changes.append(Change(area="verdict", kind="verdict_changed", subject=str(head.stage.value), risk="high" if worse else "low",
                              message=f"the verdict at {head.stage.value} goes from {base.verdict} to {head.verdict}",
                              before=base.verdict, after=head.verdict))
    for delta in introduced:
        if delta.blocking:
            changes.append(Change(area="verdict", kind="blocking_finding_introduced", subject=delta.check_id,
                                  risk=_SEVERITY_RISK.get(delta.severity, "medium"),
                                  message=f"{delta.check_id} now blocks: {delta.message}", file=delta.file, line=delta.line))
    return introduced, resolved, changes
