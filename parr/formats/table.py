"""The default `parr check` output: verdict first, one row per blocking item with its fix, warnings counted.

A rich table on a terminal; plain lines (no colour codes, no box drawing) when piped or with --no-color.
`--verbose` shows the warnings in full and every location; the JSON format keeps every finding.
"""

from __future__ import annotations

import io
import shutil
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Console
from rich.table import Table
from rich.text import Text

from parr.formats.common import blocking_from, display_path, not_applicable_by_reason, plural, problems
from parr.formats.grouping import first_sentence, group_findings, group_lines, is_placeholder_finding
from parr.verdict import ItemResult, Report

_STYLE = {"NO-GO": "bold red", "GO": "bold green"}
_MARK = {"blocking": ("BLOCK", "bold red"), "fail": ("warn", "yellow"), "error": ("error", "red"),
         "waived": ("waived", "cyan"), "decided": ("decided", "cyan")}
SUBJECTS_SHOWN = 3  # "17 tools: a, b, c, +14"
GROUPS_SHOWN = 4  # distinct sentences per item before "+N more"
WIDTH = 110  # plain text wraps the warning ids here


def _shown(text: str) -> str:
    """Text from a repository or manifest, for a terminal: control characters as escapes."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


@dataclass(frozen=True)
class _Row:
    mark: str
    heading: str  # "CODE-005 Every mutating tool has a policy or approval gate (critical)"
    lines: tuple[str, ...]  # findings, then the fix


def _finding_lines(result: ItemResult, verbose: bool) -> list[str]:
    if result.outcome == "waived" and result.waiver is not None:
        w = result.waiver
        return [f"waived until {w.expires.isoformat()} by {w.owner}: {w.reason}"]
    decision = result.decision
    if result.outcome == "decided" and decision is not None:
        return [f"decided not to apply by {decision.owner} (review by {decision.review_by.isoformat()}): {decision.reason}"]
    shown = [f for f in result.findings if f.outcome == "waived"] if result.outcome == "waived" else problems(result)
    groups = group_findings(shown)
    lines = group_lines(groups if verbose else groups[:GROUPS_SHOWN], None if verbose else SUBJECTS_SHOWN)
    hidden = sum(g.count for g in groups[GROUPS_SHOWN:]) if not verbose else 0
    if hidden:
        lines.append(f"+{plural(hidden, 'more finding')} (--verbose lists them)")
    return lines or [result.item.title]


def _row(result: ItemResult, verbose: bool) -> _Row:
    key = "blocking" if result.blocking else result.outcome
    label = _MARK[key][0]
    qualifier = result.item.severity.value
    if not result.blocking and result.outcome in ("fail", "error"):
        qualifier += f", blocks from {blocking_from(result)}"
    lines = _finding_lines(result, verbose)
    if result.outcome in ("fail", "error"):
        lines.append("fix: " + first_sentence(result.item.remediation))
    heading = f"{result.item.id} {result.item.title} ({qualifier})"
    return _Row(mark=label, heading=_shown(heading), lines=tuple(_shown(line) for line in lines))


def _summary(report: Report) -> str:
    counts = report.counts()
    warnings = counts["fail"] + counts["error"] - counts["blocking"]
    decided = counts["decided"]
    return (f"{report.verdict} {report.agent_id} at {report.stage.value}: {counts['pass']} passed, "
            f"{counts['blocking']} blocking, {plural(warnings, 'warning')}, {counts['waived']} waived, "
            f"{counts['not_applicable']} not applicable" + (f", {decided} decided" if decided else "")
            + (f", {counts['baselined']} baselined" if counts["baselined"] else "")
            + (f", {counts['not_in_scope']} not in scope" if counts["not_in_scope"] else ""))


def _warnings(report: Report) -> list[ItemResult]:
    return [r for r in report.results if r.outcome in ("fail", "error") and not r.blocking]


def _warning_ids(results: list[ItemResult]) -> str:
    return ", ".join(r.item.id + (" (error)" if r.outcome == "error" else "") for r in results)


def _warnings_line(report: Report, warnings: list[ItemResult]) -> str:
    """`56 warnings (not blocking at propose; 48 only for TODOs to fill): ids; --verbose ...`."""
    todo_only = sum(1 for r in warnings if (found := problems(r)) and all(is_placeholder_finding(f.message) for f in found))
    todo = f"; {todo_only} only for TODOs to fill" if todo_only else ""
    return (f"{plural(len(warnings), 'warning')} (not blocking at {report.stage.value}{todo}): {_warning_ids(warnings)}; "
            "`--verbose` shows them with their findings and fixes")


def _notes(report: Report) -> list[tuple[str, str]]:
    """(label, text) lines after the items: waiver and decision notes, inline suppressions."""
    out = []
    for note in (*report.waiver_notes, *report.decision_notes):
        out.append(("note", note.message + (f" (line {note.line})" if note.line else "")))
    for s in report.suppressions:
        where_ = f"{display_path(s.file)}:{s.line}"
        if s.accepted:
            out.append(("suppressed", f"{s.check} at {where_}: {s.reason}"))
        else:
            out.append(("note", f"suppression of {s.check} at {where_} has no reason and does not count"))
    return [(label, _shown(text)) for label, text in out]


def _rows(report: Report, verbose: bool) -> list[tuple[ItemResult, _Row]]:
    """Blocking items, then waived and decided ones (never silent), then (verbose) the warnings."""
    shown = [r for r in report.results if r.blocking]
    shown += [r for r in report.results if r.outcome in ("waived", "decided")]
    if verbose:
        shown += _warnings(report)
    return [(r, _row(r, verbose)) for r in shown]


def _kind_exempt(report: Report) -> list[str]:
    """Items the agent's kind exempts, one line per reason: always shown, an exemption is never silent."""
    kind = report.agent_kind.value if report.agent_kind else None
    return [_shown(f"not applicable to {'kind ' + kind if kind else 'this kind of agent'} ({', '.join(ids)}): {reason}")
            for reason, ids in not_applicable_by_reason(report)]


def _not_applicable(report: Report) -> list[str]:
    out = []
    for r in report.results:
        if r.outcome != "not_applicable" or r.not_applicable_reason:
            continue
        reason = r.not_applicable_reason or next((f.message for f in r.findings if f.message), "")
        out.append(_shown(f"{r.item.id} {r.item.title}" + (f": {reason}" if reason else "")))
    return out


def _plain(report: Report, verbose: bool) -> str:
    out = [_summary(report)]
    rows = _rows(report, verbose)
    if rows:
        out.append("")
    for _, row in rows:
        out.append(f"{row.mark:<7} {row.heading}")
        out.extend(f"        {line}" for line in row.lines)
    warnings = _warnings(report)
    if warnings and not verbose:
        out.append("")
        out.extend(textwrap.wrap(_warnings_line(report, warnings), WIDTH, subsequent_indent="  ", break_on_hyphens=False))
    if exempt := _kind_exempt(report):
        out.append("")
        out.extend(exempt)
    if verbose and (na := _not_applicable(report)):
        out.append("")
        out.append("not applicable:")
        out.extend(f"        {line}" for line in na)
    notes = _notes(report)
    if notes:
        out.append("")
        out.extend(f"{label} {text}" for label, text in notes)
    return "\n".join(out) + "\n"


def _rich(console: Console, report: Report, verbose: bool) -> None:
    console.print(Text(_summary(report), style=_STYLE[report.verdict]))
    rows = _rows(report, verbose)
    if rows:
        table = Table(show_header=False, expand=False, show_lines=True, title_justify="left")
        table.add_column("", no_wrap=True)
        table.add_column("check", overflow="fold")
        for result, row in rows:
            key = "blocking" if result.blocking else result.outcome
            cell = Text(row.heading, style="bold")
            for line in row.lines:
                cell.append("\n")
                cell.append(line, style="dim" if line.startswith("fix: ") else "")
            table.add_row(Text(row.mark, style=_MARK[key][1]), cell)
        console.print(table)
    warnings = _warnings(report)
    if warnings and not verbose:
        console.print(Text(_warnings_line(report, warnings), style="yellow"))
    for line in _kind_exempt(report):
        console.print(Text(line, style="dim"))
    if verbose and (na := _not_applicable(report)):
        console.print(Text("not applicable:\n  " + "\n  ".join(na), style="dim"))
    for label, text in _notes(report):
        line = Text(label + " ", style="cyan" if label == "suppressed" else "yellow")
        line.append(text)
        console.print(line)


def render(reports: Sequence[Report], color: bool = False, verbose: bool = False) -> str:
    overall = "NO-GO" if any(r.verdict == "NO-GO" for r in reports) else "GO"
    if not color:
        text = "\n".join(_plain(report, verbose) for report in reports)
        if len(reports) > 1:
            text += f"\noverall {overall} across {len(reports)} agents\n"
        return text
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=shutil.get_terminal_size((120, 24)).columns,
                      soft_wrap=False, highlight=False)
    for report in reports:
        _rich(console, report, verbose)
        console.print()
    if len(reports) > 1:
        console.print(Text(f"overall {overall} across {len(reports)} agents", style=_STYLE[overall]))
    return buffer.getvalue()
