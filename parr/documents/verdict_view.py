"""The check report as the oncall documents show it: verdict, blockers, waivers, decisions, and
every place where the code shows something other than what the manifest declares."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from parr.formats.grouping import is_placeholder_finding
from parr.manifest.placeholders import is_placeholder
from parr.verdict import Report

# Checks whose failure means the manifest claims something the code does not do: a declared tool
# the scan cannot find, a tool declared read whose code mutates, an approval gate with no hook, a
# policy gate no rule or enforcement point serves, clients built without the declared timeouts,
# declared tracing that is not wired, a read-only annotation the code contradicts.
CODE_DISAGREES = ("CODE-003", "CODE-004", "CODE-008", "CODE-009", "CODE-010", "CODE-013", "POL-001", "POL-012")
# Backstage entity names: 1-63 characters, letters and digits separated by single - _ or .
_ENTITY_NAME = re.compile(r"^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$")


def _where(file: str | None, line: int | None, root: Path) -> str:
    if not file:
        return ""
    path = Path(file)
    try:
        shown = path.relative_to(root).as_posix() if path.is_absolute() else path.as_posix()
    except ValueError:
        shown = path.as_posix()
    return f"{shown}:{line}" if line else shown


def verdict_view(report: Report | None) -> dict[str, Any] | None:
    """Verdict at the agent's stage with what blocks it, what is waived and what owners decided."""
    if report is None:
        return None
    counts = report.counts()
    blocking = []
    for result in report.blocking:
        problems = [f for f in result.findings if f.outcome in ("fail", "error")]
        blocking.append({"id": result.item.id, "title": result.item.title, "severity": result.item.severity.value,
                         "findings": len(problems), "first": problems[0].message if problems else result.item.title})
    waivers = [{"check": r.item.id, "title": r.item.title, "owner": r.waiver.owner, "reason": r.waiver.reason,
                "expires": r.waiver.expires.isoformat()} for r in report.results if r.waiver is not None]
    # Owners' standing decisions (parr.yaml `decisions`): always listed, "none" included, never left out.
    decisions = [{"check": r.item.id, "title": r.item.title, "owner": r.decision.owner, "reason": r.decision.reason,
                  "review_by": r.decision.review_by.isoformat()} for r in report.results if r.decision is not None]
    notes = [n.message for n in (*report.waiver_notes, *report.decision_notes)]
    return {
        "stage": report.stage.value,
        "verdict": report.verdict,
        "passed": counts["pass"],
        "warnings": counts["fail"] + counts["error"] - counts["blocking"],
        "blocking": blocking,
        "waivers": waivers,
        "decisions": decisions,
        "notes": notes,
    }


def disagreements(report: Report | None, root: Path, policies_declared: bool = True) -> list[dict[str, Any]]:
    """What the code shows where the manifest declares otherwise, one row per finding. A placeholder
    claims nothing, and POL-001 disagrees with the manifest only when it declares a policy engine."""
    if report is None:
        return []
    rows = []
    for result in report.results:
        if result.item.id not in CODE_DISAGREES or (result.item.id == "POL-001" and not policies_declared):
            continue
        for finding in result.findings:
            if finding.outcome in ("fail", "error", "waived") and not is_placeholder_finding(finding.message):
                rows.append({"check": result.item.id, "message": finding.message,
                             "where": _where(finding.file, finding.line, root), "waived": finding.outcome == "waived"
                             or result.outcome == "waived"})
    return rows


def entity_name(handle: str | None) -> str | None:
    """A Backstage entity name from a handle (`@ingrid` → `ingrid`), or None when it cannot be one."""
    if not handle or is_placeholder(handle):
        return None
    name = handle.strip().lstrip("@")
    return name if len(name) <= 63 and _ENTITY_NAME.match(name) else None


def backstage_owner(agent: Any) -> dict[str, str | None]:
    """spec.owner as a valid entity reference: the DRI as `user:`, else the engineering owner as
    `group:`; None (and why) when neither is a valid entity name."""
    dri = getattr(agent, "dri", None)
    if dri is not None:
        for candidate in (dri.handle, (dri.email or "").partition("@")[0] or None):
            name = entity_name(candidate)
            if name:
                return {"ref": f"user:default/{name}", "why": None}
    owners = getattr(agent, "owners", None)
    name = entity_name(getattr(owners, "engineering", None)) if owners is not None else None
    if name:
        return {"ref": f"group:default/{name}", "why": None}
    return {"ref": None, "why": "no DRI handle or e-mail, nor an engineering owner, is a valid Backstage entity name"}
