"""Markdown for a pull-request comment: the verdict first, then what blocks, then warnings."""

from __future__ import annotations

from collections.abc import Sequence

from parr.documents.escape import MarkdownText, code_span
from parr.formats.common import blocking_from, not_applicable_by_reason, plural, problems, where
from parr.formats.common import display_path as where_path
from parr.verdict import ItemResult, Report


def _cell(text: str) -> str:
    """Untrusted text (messages quote manifest values, tool names and code) made inert: it can
    neither break the table nor open HTML, links or a fence."""
    return MarkdownText(text)


def _rows(results: Sequence[ItemResult]) -> list[str]:
    rows = ["| check | severity | finding | where |", "|---|---|---|---|"]
    for result in results:
        for finding in problems(result) or []:
            location = where(finding)
            rows.append(
                f"| `{result.item.id}` {_cell(result.item.title)} | {result.item.severity.value} | "
                f"{_cell(finding.message)} | {code_span(location) if location else ''} |"
            )
    return rows


def _report(report: Report) -> list[str]:
    mark = "✅" if report.verdict == "GO" else "❌"
    counts = report.counts()
    out = [
        f"### {mark} {report.verdict}: {code_span(report.agent_id)} at stage `{report.stage.value}`",
        "",
        f"{counts['pass']} passed · {counts['blocking']} blocking · "
        f"{plural(counts['fail'] + counts['error'] - counts['blocking'], 'warning')} · {counts['waived']} waived · "
        f"{counts['not_applicable']} not applicable" + (f" · {counts['decided']} decided" if counts["decided"] else ""),
        "",
    ]
    blocking = [r for r in report.results if r.blocking]
    warnings = [r for r in report.results if r.outcome in ("fail", "error") and not r.blocking]
    if blocking:
        out += ["**Blocking**", "", *_rows(blocking), ""]
    if warnings:
        out += ["<details><summary>Warnings (block at a later stage)</summary>", "", *_rows(warnings), ""]
        out += [f"- `{r.item.id}` blocks from `{blocking_from(r)}`" for r in warnings]
        out += ["", "</details>", ""]
    waived = [r for r in report.results if r.waiver is not None]
    if waived:
        out += ["**Waived**", ""]
        out += [
            f"- `{r.item.id}` by {code_span(r.waiver.owner)} until {r.waiver.expires.isoformat()}: {_cell(r.waiver.reason)}"
            for r in waived
            if r.waiver
        ]
        out.append("")
    decided = [r for r in report.results if r.decision is not None]
    if decided:
        out += ["**Decided not to apply**", ""]
        out += [
            f"- `{r.item.id}` by {code_span(r.decision.owner)} on {r.decision.decided.isoformat()}, review by "
            f"{r.decision.review_by.isoformat()}: {_cell(r.decision.reason)}"
            for r in decided
            if r.decision
        ]
        out.append("")
    exempt = not_applicable_by_reason(report)
    if exempt and report.agent_kind is not None:
        out += [f"**Not applicable to kind {code_span(report.agent_kind.value)}**", ""]
        out += [f"- {', '.join(f'`{i}`' for i in ids)}: {_cell(reason)}" for reason, ids in exempt]
        out.append("")
    if report.suppressions:
        out += ["**Suppressed inline**", ""]
        out += [
            f"- {code_span(n.check)} at {code_span(f'{where_path(n.file)}:{n.line}')}: {_cell(n.reason)}" if n.accepted
            else f"- {code_span(n.check)} at {code_span(f'{where_path(n.file)}:{n.line}')} has no reason and does not count"
            for n in report.suppressions
        ]
        out.append("")
    if report.waiver_notes:
        out += ["**Waiver notes**", ""] + [f"- {_cell(n.message)}" for n in report.waiver_notes] + [""]
    if report.decision_notes:
        out += ["**Decision notes**", ""] + [f"- {_cell(n.message)}" for n in report.decision_notes] + [""]
    return out


def render(reports: Sequence[Report], color: bool = False) -> str:
    overall = "NO-GO" if any(r.verdict == "NO-GO" for r in reports) else "GO"
    lines = [f"## parr check: {overall}", ""]
    for report in reports:
        lines += _report(report)
    return "\n".join(lines).rstrip() + "\n"
