"""Rendering the access review (table, JSON per parr/schemas/traces-review-v1.schema.json, Markdown); formats decide nothing."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from enum import Enum
from typing import Any

from rich.markup import escape
from rich.table import Table

from parr import __version__
from parr.traces.access import KIND_TEXT, AccessReport
from parr.traces.report import REPORT_SCHEMA_VERSION, _code, _console, _md


class ReviewFormat(str, Enum):
    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"


def _period(report: AccessReport) -> str:
    first, last = report.period
    return f"{first} → {last}" if first and last else "no timestamps"


def _coverage(report: AccessReport) -> str | None:
    """Say what the review could not see: calls with no environment recorded are not judged on it."""
    if report.tool_calls and report.calls_without_environment:
        return (f"{report.calls_without_environment:,} of {report.tool_calls:,} tool call(s) record no environment; "
                "they are not judged against environment grants")
    return None


_STATE_STYLE = {"calls outside the grants": "bold red", "mutations to review": "yellow",
                "every call within the grants": "bold green"}


def _state(report: AccessReport) -> str:
    if report.failed:
        return "calls outside the grants"
    return "mutations to review" if report.findings else "every call within the grants"


def review_document(report: AccessReport) -> dict[str, Any]:
    first, last = report.period
    return {
        "schema_version": REPORT_SCHEMA_VERSION,
        "parr_version": __version__,
        "files": report.files,
        "events": report.events,
        "tool_calls": report.tool_calls,
        "calls_without_environment": report.calls_without_environment,
        "unparsable_lines": report.bad_lines,
        "period": {"first": first, "last": last},
        "failed": report.failed,
        "findings": [
            {"kind": f.kind, "blocking": f.blocking, "tool": f.tool, "environment": f.environment, "access": f.access,
             "count": f.count, "first_seen": f.first_seen, "last_seen": f.last_seen, "examples": list(f.examples),
             "file": f.file, "line": f.line}
            for f in report.findings
        ],
        "unused": [
            {"kind": u.kind, "tool": u.tool or None, "environment": u.environment, "access": u.access,
             "manifest_path": u.manifest_path,
             "proposal": u.proposal}
            for u in report.unused
        ],
    }


def _json(report: AccessReport, color: bool) -> str:
    return json.dumps(review_document(report), indent=2, ensure_ascii=False) + "\n"


def _table(report: AccessReport, color: bool) -> str:
    buffer = io.StringIO()
    console = _console(buffer, color)
    if report.findings:
        table = Table(title="access review · calls outside the grants", title_justify="left")
        for name in ("finding", "tool", "env", "access", "calls", "first seen", "last seen", "examples", "first at"):
            table.add_column(name, overflow="fold", justify="right" if name == "calls" else "left")
        for f in report.findings:
            style = "bold red" if f.blocking else "yellow"
            table.add_row(f"[{style}]{f.kind}[/]", escape(f.tool), escape(f.environment or "—"), f.access or "—",
                          f"{f.count:,}", escape(f.first_seen or "—"), escape(f.last_seen or "—"),
                          escape(", ".join(f.examples) or "—"), escape(f"{f.file}:{f.line}"))
        console.print(table)
    if report.unused:
        table = Table(title=f"granted but never used ({_period(report)}) · proposed for removal", title_justify="left")
        for name in ("grant", "tool", "env", "access", "in parr.yaml", "proposal"):
            table.add_column(name, overflow="fold")
        for u in report.unused:
            table.add_row(u.kind, escape(u.tool or "—"), escape(u.environment or "—"), u.access or "—",
                          u.manifest_path, escape(u.proposal))
        console.print(table)
    if (note := _coverage(report)) is not None:
        console.print(f"[yellow]note[/] {escape(note)}")
    verdict = f"[{_STATE_STYLE[_state(report)]}]{_state(report)}[/]"
    extra = f", {report.bad_lines:,} unparsable line(s) skipped" if report.bad_lines else ""
    console.print(f"{verdict}: {report.tool_calls:,} tool call(s) in {report.events:,} event(s) from "
                  f"{len(report.files)} file(s), {_period(report)}{extra}")
    return buffer.getvalue()


def _markdown(report: AccessReport, color: bool) -> str:
    lines = ["# Access review", ""]
    state = f"**{_state(report)}**" if report.findings else _state(report)
    lines.append(f"{report.tool_calls:,} tool call(s) in {report.events:,} event(s) from "
                 f"{', '.join(_code(f) for f in report.files)}, {_md(_period(report))}: {state}.")
    if (note := _coverage(report)) is not None:
        lines += ["", f"Note: {_md(note)}."]
    if report.bad_lines:
        lines += ["", f"{report.bad_lines:,} unparsable line(s) skipped."]
    if report.findings:
        lines += ["", "## Calls outside the grants", "",
                  "| finding | tool | env | calls | first seen | last seen | examples |", "|---|---|---|---:|---|---|---|"]
        for f in report.findings:
            kind = f"**{f.kind}**" if f.blocking else f.kind
            lines.append(f"| {kind} | {_code(f.tool)} | {_md(f.environment or '—')} | {f.count:,} | {_md(f.first_seen or '—')} | "
                         f"{_md(f.last_seen or '—')} | {', '.join(_code(e) for e in f.examples) or '—'} |")
        lines += [""] + [f"- {kind}: {text}" for kind, text in KIND_TEXT.items() if report.of_kind(kind)]
    if report.unused:
        lines += ["", "## Granted but never used (proposed for removal)", "",
                  "| grant | tool | env | access | proposal |", "|---|---|---|---|---|"]
        for u in report.unused:
            lines.append(f"| {u.kind} | {_code(u.tool) if u.tool else '—'} | {_md(u.environment or '—')} | {u.access or '—'} | {_md(u.proposal)} |")
    return "\n".join(lines) + "\n"


REVIEW_RENDERERS: dict[ReviewFormat, Callable[[AccessReport, bool], str]] = {
    ReviewFormat.TABLE: _table,
    ReviewFormat.JSON: _json,
    ReviewFormat.MARKDOWN: _markdown,
}
