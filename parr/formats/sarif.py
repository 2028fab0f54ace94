"""SARIF 2.1.0, the one writer for `check`, `scan` and `traces lint`, shaped for code-scanning UIs.

What GitHub code scanning needs, and why each piece is here:
- artifact URIs relative to the repository root with `uriBaseId` %SRCROOT% (and the root itself in
  `originalUriBaseIds`), percent-encoded: an absolute or cwd-relative path shows as "file not found";
- `automationDetails.id` per command and agent: runs with the same id replace each other's alerts;
- `partialFingerprints` from check, agent and the finding's line-free key: moving code or editing
  the lines above a finding must not close one alert and open another;
- `security-severity` only on rules about security: it files every result of the rule as a
  security alert with that score;
- no `suppressions` unless asked: code scanning shows a suppressed result as an open alert.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from parr import __version__

if TYPE_CHECKING:
    from parr.checklist import ChecklistItem
    from parr.formats import RenderContext
    from parr.verdict import ItemResult, Report

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT = "parr/v1"
_LEVEL_BY_SEVERITY = {"critical": "error", "high": "error", "medium": "warning", "low": "note"}
_SECURITY_SEVERITY = {"critical": "9.0", "high": "7.0", "medium": "5.0", "low": "3.0"}
# Areas whose items guard what the agent may do; an item there owned by Product is bookkeeping
# (a risk label, an approver's name), not a security control.
_SECURITY_AREAS = frozenset({"permissions", "policies"})


# ---- the pieces every SARIF log of parr's shares ------------------------------------------


def is_security_rule(area: str, owner: str) -> bool:
    """Owned by Security, or a permissions/policies control not owned by Product: the checklist's
    own metadata decides, so an organisation's item is classified the same way."""
    return owner == "Security" or (area in _SECURITY_AREAS and owner != "Product")


def security_severity(severity: str) -> str:
    return _SECURITY_SEVERITY[severity]


def artifact_location(path: str, root: Path | None) -> dict[str, str]:
    """A file as code scanning finds it: relative to the repository root under %SRCROOT%,
    percent-encoded; a file outside the root (or with no root known) as an absolute file URI."""
    absolute = Path(os.path.abspath(path))
    if root is not None:
        try:
            rel = absolute.relative_to(os.path.abspath(root)).as_posix()
        except ValueError:
            rel = None
        if rel is not None and rel != ".":
            # From the file name's bytes: a name that is not UTF-8 becomes %FF, not an error.
            return {"uri": quote(os.fsencode(rel), safe="/"), "uriBaseId": SRCROOT}
    return {"uri": "file://" + quote(os.fsencode(absolute.as_posix()), safe="/")}


def fingerprint(*parts: str, seen: Counter[str] | None = None) -> dict[str, str]:
    """`partialFingerprints` from what a result is about (never its line). With `seen`, a second
    result about the same thing gets its own (code scanning would merge the two into one alert)."""
    text = "\x1f".join(parts)
    if seen is not None:
        seen[text] += 1
        if seen[text] > 1:
            text += f"\x1f{seen[text]}"
    return {FINGERPRINT: hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()}


def repository_location(rel: str, line: int | None) -> dict[str, Any]:
    """A location from a path already relative to the repository root (as `parr diff` has them)."""
    return {"physicalLocation": {"artifactLocation": {"uri": quote(os.fsencode(rel), safe="/"), "uriBaseId": SRCROOT},
                                 "region": {"startLine": max(1, line or 1)}}}


def location(path: str, line: int | None, root: Path | None) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": artifact_location(path, root),
                                 "region": {"startLine": max(1, line or 1)}}}


def sarif_run(*, automation_id: str, rules: list[dict[str, Any]], results: list[dict[str, Any]],
              root: Path | None, notifications: Iterable[dict[str, Any]] = (), successful: bool = True,
              properties: dict[str, Any] | None = None) -> dict[str, Any]:
    """One run: rule indexes filled in from the rules given (sorted by id)."""
    ordered = sorted(rules, key=lambda r: r["id"])
    index = {rule["id"]: i for i, rule in enumerate(ordered)}
    for result in results:
        result["ruleIndex"] = index[result["ruleId"]]
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "parr", "version": __version__, "semanticVersion": __version__, "rules": ordered}},
        "automationDetails": {"id": automation_id},
        "invocations": [{"executionSuccessful": successful, "toolExecutionNotifications": list(notifications)}],
        "results": results,
        "columnKind": "unicodeCodePoints",
    }
    if root is not None:
        run["originalUriBaseIds"] = {SRCROOT: {"uri": Path(os.path.abspath(root)).as_uri().rstrip("/") + "/"}}
    if properties:
        run["properties"] = {k: v for k, v in properties.items() if v is not None}
    return run


def sarif_log(runs: list[dict[str, Any]]) -> dict[str, Any]:
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": runs}


def dump(log: dict[str, Any]) -> str:
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def automation_id(command: str, agent: str | None = None) -> str:
    """`parr/check/<agent>/`: code scanning's category; the trailing `/` lets it add a run id."""
    parts = ["parr", command] + ([quote(agent, safe="")] if agent else [])
    return "/".join(parts) + "/"


# ---- parr check ----------------------------------------------------------------------------


def _rule(item: ChecklistItem) -> dict[str, Any]:
    blocking = getattr(item.blocking_from, "value", item.blocking_from)
    security = is_security_rule(item.area, item.owner)
    properties: dict[str, Any] = {
        "tags": ["parr", item.area] + (["security"] if security else []),
        "area": item.area,
        "severity": item.severity.value,
        "blocking_from": blocking,
        "owner": item.owner,
    }
    if security:
        properties["security-severity"] = security_severity(item.severity.value)
    return {
        "id": item.id,
        "name": "".join(w.capitalize() for w in item.title.replace("-", " ").split()[:8] if w.isalnum()),
        "shortDescription": {"text": item.title},
        "fullDescription": {"text": item.rationale},
        "help": {
            "text": f"{item.rationale}\n\nHow to fix: {item.remediation}",
            "markdown": f"{item.rationale}\n\n**How to fix:** {item.remediation}\n\n"
            f"Area: {item.area} · owner: {item.owner} · blocks from: `{blocking}`",
        },
        "defaultConfiguration": {"level": _LEVEL_BY_SEVERITY[item.severity.value]},
        "properties": properties,
    }


def _shown(result: ItemResult, include_suppressed: bool) -> list[Any]:
    """The findings that become results: failures and errors; waived and suppressed ones only on
    request; baselined and out-of-scope ones never (they are known or not this change's)."""
    from parr.formats.common import problems

    if result.waiver is not None or getattr(result, "decision", None) is not None:
        # waived, or an owner's standing decision that the item does not apply: set aside by a person
        return problems(result) if include_suppressed else []
    inline = [f for f in result.findings if f.outcome == "waived"] if include_suppressed else []
    return problems(result) + inline


def _check_run(report: Report, context: RenderContext) -> dict[str, Any]:
    rules = {r.item.id: _rule(r.item) for r in report.results}
    results: list[dict[str, Any]] = []
    seen: Counter[str] = Counter()
    for result in report.results:
        for finding in _shown(result, context.include_suppressed):
            key = finding.key or f"{finding.file or report.manifest} :: {finding.message}"
            entry: dict[str, Any] = {
                "ruleId": result.item.id,
                "level": "error" if result.blocking else "warning",
                "message": {"text": f"{finding.message} ({report.agent_id}, stage {report.stage.value})"},
                "locations": [location(finding.file or report.manifest, finding.line, context.repo_root)],
                "partialFingerprints": fingerprint(result.item.id, report.agent_id, key, seen=seen),
                "properties": {"agent_id": report.agent_id, "stage": report.stage.value, "outcome": finding.outcome,
                               "blocking": result.blocking, "key": key},
            }
            if finding.evidence:
                entry["properties"]["evidence"] = list(finding.evidence)
            if finding.outcome == "waived":
                entry["suppressions"] = [{"kind": "inSource", "status": "accepted", "justification": finding.message}]
            elif result.decision is not None:
                decision = result.decision
                entry["suppressions"] = [{"kind": "external", "status": "accepted",
                                          "justification": f"decided not to apply: {decision.reason} (owner "
                                                           f"{decision.owner}, review by {decision.review_by.isoformat()})"}]
            elif result.waiver is not None:
                waiver = result.waiver
                entry["suppressions"] = [{"kind": "external", "status": "accepted",
                                          "justification": f"{waiver.reason} (owner {waiver.owner}, expires "
                                                           f"{waiver.expires.isoformat()})"}]
            results.append(entry)
    counts = report.counts()
    # Findings (not items) the baseline or the --since scope set aside: not results, but counted.
    aside = {kind: sum(1 for r in report.results for f in r.findings if f.outcome == kind)
             for kind in ("baselined", "not_in_scope")}
    return sarif_run(
        automation_id=automation_id("check", report.agent_id), rules=list(rules.values()), results=results,
        root=context.repo_root,
        properties={"agent_id": report.agent_id, "stage": report.stage.value, "verdict": report.verdict,
                    "counts": counts, "findings_set_aside": aside, "baseline": context.baseline,
                    "since": context.since},
    )


def _broken_run(context: RenderContext) -> dict[str, Any]:
    notifications = [{"level": "error", "message": {"text": problem},
                      "locations": [location(b.manifest, None, context.repo_root)]}
                     for b in context.broken for problem in b.problems]
    return sarif_run(automation_id=automation_id("check", "unreadable-manifests"), rules=[], results=[],
                     root=context.repo_root, notifications=notifications, successful=False)


def document(reports: Sequence[Report], context: RenderContext | None = None) -> dict[str, Any]:
    from parr.formats import RenderContext

    context = context or RenderContext()
    runs = [_check_run(report, context) for report in reports]
    if context.broken:
        runs.append(_broken_run(context))
    return sarif_log(runs)


def render(reports: Sequence[Report], color: bool = False, context: RenderContext | None = None) -> str:
    return dump(document(reports, context))
