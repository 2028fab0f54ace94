"""A terminal table (rich); plain text with no colour codes when piped or with --no-color."""

from __future__ import annotations

import io
import shutil
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from parr.formats.common import blocking_from, display_path, not_applicable_by_reason, plural, problems, where
from parr.verdict import Report

_STYLE = {"NO-GO": "bold red", "GO": "bold green"}
_MARK = {"blocking": ("BLOCK", "bold red"), "fail": ("warn", "yellow"), "error": ("error", "red"), "waived": ("waived", "cyan"),
         "decided": ("decided", "cyan")}


def _report(console: Console, report: Report) -> None:
    table = Table(title=f"{report.agent_id} · stage {report.stage.value}", title_justify="left", expand=False)
    for name in ("", "check", "severity", "finding", "where"):
        table.add_column(name, overflow="fold")
    ordered = sorted(
        (r for r in report.results if r.outcome in ("fail", "error", "waived", "decided")),
        key=lambda r: (not r.blocking, r.outcome in ("waived", "decided"), r.item.id),
    )
    for result in ordered:
        key = "blocking" if result.blocking else result.outcome
        label, style = _MARK[key]
        findings = problems(result)
        if result.outcome == "decided" and result.decision is not None:
            decision = result.decision
            findings_text = [(f"decided not to apply by {decision.owner} (review by {decision.review_by.isoformat()}): "
                              f"{decision.reason}", "")]
        elif result.outcome == "waived" and result.waiver is not None:
            message = f"waived until {result.waiver.expires.isoformat()}: {result.waiver.reason}"
            findings_text = [(message, "")]
        elif result.outcome == "waived":
            findings_text = [(f.message, where(f)) for f in result.findings if f.outcome == "waived"]
        else:
            findings_text = [(f.message, where(f)) for f in findings] or [(result.item.title, "")]
        check = f"{result.item.id} {result.item.title}"
        if not result.blocking and result.outcome in ("fail", "error"):
            check += f" (blocks from {blocking_from(result)})"
        for i, (message, location) in enumerate(findings_text):
            table.add_row(
                f"[{style}]{label}[/]" if i == 0 else "",
                check if i == 0 else "",
                result.item.severity.value if i == 0 else "",
                message,
                location,
            )
    if ordered:
        console.print(table)
    counts = report.counts()
    warnings = counts["fail"] + counts["error"] - counts["blocking"]
    console.print(
        f"[{_STYLE[report.verdict]}]{report.verdict}[/] {report.agent_id} at {report.stage.value}: "
        f"{counts['pass']} passed, {counts['blocking']} blocking, {plural(warnings, 'warning')}, "
        f"{counts['waived']} waived, {counts['not_applicable']} not applicable"
        + (f", {counts['decided']} decided" if counts["decided"] else "")
    )
    for reason, ids in not_applicable_by_reason(report):
        console.print(f"[dim]not applicable[/] to kind {report.agent_kind.value if report.agent_kind else ''} "
                      f"({', '.join(ids)}): {reason}")
    for decision_note in report.decision_notes:
        console.print(f"[yellow]note[/] {decision_note.message}" + (f" (line {decision_note.line})" if decision_note.line else ""))
    for note in report.waiver_notes:
        console.print(f"[yellow]note[/] {note.message}" + (f" (line {note.line})" if note.line else ""))
    for s in report.suppressions:
        where_ = f"{display_path(s.file)}:{s.line}"
        if s.accepted:
            console.print(f"[cyan]suppressed[/] {s.check} at {where_}: {s.reason}")
        else:
            console.print(f"[yellow]note[/] suppression of {s.check} at {where_} has no reason and does not count")


def render(reports: Sequence[Report], color: bool = False) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=shutil.get_terminal_size((120, 24)).columns if color else 140, soft_wrap=False)
    for report in reports:
        _report(console, report)
        console.print()
    if len(reports) > 1:
        overall = "NO-GO" if any(r.verdict == "NO-GO" for r in reports) else "GO"
        console.print(f"[{_STYLE[overall]}]overall {overall}[/] across {len(reports)} agents")
    return buffer.getvalue()
