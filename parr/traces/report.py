"""Rendering trace lint results (table, JSON, SARIF 2.1.0 through parr.formats.sarif) and signals (table, JSON, Markdown); formats decide nothing."""

from __future__ import annotations

import io
import json
import shutil
from collections import Counter
from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from parr import __version__
from parr.formats import sarif
from parr.traces.lint import RULES, SENSITIVE_RULES, FileLint
from parr.traces.signals import Signal, SignalsReport

REPORT_SCHEMA_VERSION = "1"
TABLE_ROWS = 200  # findings shown per file in a table; JSON and SARIF carry every kept finding


class LintFormat(str, Enum):
    TABLE = "table"
    JSON = "json"
    SARIF = "sarif"


class SignalsFormat(str, Enum):
    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"


def _console(buffer: io.StringIO, color: bool) -> Console:
    width = shutil.get_terminal_size((120, 24)).columns if color else 160
    return Console(file=buffer, force_terminal=color, no_color=not color, width=width, soft_wrap=False, highlight=False)


# ---- lint ----------------------------------------------------------------------------------


def _lint_table(results: Sequence[FileLint], color: bool) -> str:
    buffer = io.StringIO()
    console = _console(buffer, color)
    for result in results:
        findings = result.all_findings()
        if result.error:
            console.print(f"[red]error[/] {escape(result.file)}: {escape(result.error)}")
            continue
        if findings:
            table = Table(title=f"{result.file} · {result.format}", title_justify="left")
            for name in ("where", "rule", "field", "finding"):
                table.add_column(name, overflow="fold")
            for finding in findings[:TABLE_ROWS]:
                style = "red" if finding.rule in SENSITIVE_RULES else "yellow"
                table.add_row(f"{finding.file}:{finding.line}", f"[{style}]{finding.rule}[/]", escape(finding.field),
                              escape(finding.message))
            console.print(table)
            hidden = result.total - min(len(findings), TABLE_ROWS)
            if hidden > 0:
                console.print(f"  … and {hidden:,} more (every one is counted below; --format json lists the kept ones)")
        counts = result.rule_counts()
        summary = ", ".join(f"{rule} {n:,}" for rule, n in counts.items()) or "clean"
        style = "bold red" if result.sensitive_count else ("yellow" if counts else "bold green")
        console.print(f"[{style}]{escape(result.file)}[/]: {result.events:,} event(s) on {result.lines:,} line(s): {summary}")
        if result.missing:
            parts = ", ".join(f"{name} ({n:,})" for name, n in sorted(result.missing.items()))
            console.print(f"  events lacking required fields: {escape(parts)}")
        if result.truncated:
            console.print("  [yellow]note[/] only the first lines were read")
    return buffer.getvalue()


def lint_document(results: Sequence[FileLint]) -> dict[str, Any]:
    return {
        "schema_version": REPORT_SCHEMA_VERSION,
        "parr_version": __version__,
        "clean": all(r.total == 0 and not r.error for r in results),
        "files": [
            {
                "file": r.file,
                "format": r.format,
                "error": r.error,
                "lines": r.lines,
                "events": r.events,
                "bytes": r.bytes,
                "counts": r.rule_counts(),
                "missing_fields": dict(sorted(r.missing.items())),
                "sensitive_values": r.sensitive_count,
                "kept_per_rule": r.keep,
                "findings": [
                    {"rule": f.rule, "line": f.line, "field": f.field, "message": f.message, "masked": f.masked}
                    for f in r.all_findings()
                ],
            }
            for r in results
        ],
    }


def _lint_json(results: Sequence[FileLint], color: bool) -> str:
    return json.dumps(lint_document(results), indent=2, ensure_ascii=False) + "\n"


def _sarif_rule(rule: str) -> dict[str, Any]:
    short, fix = RULES[rule]
    sensitive = rule in SENSITIVE_RULES
    properties: dict[str, Any] = {"tags": ["parr", "traces", "security" if sensitive else "observability"]}
    if sensitive:  # a secret or personal data in clear in a trace: a security finding, by its rule
        properties["security-severity"] = sarif.security_severity("high")
    return {
        "id": rule,
        "name": "".join(w.capitalize() for w in rule.split("-")),
        "shortDescription": {"text": short},
        "fullDescription": {"text": f"{short}. How to fix: {fix}"},  # GitHub refuses a rule without one
        "help": {"text": f"{short}. How to fix: {fix}", "markdown": f"{short}.\n\n**How to fix:** {fix}"},
        "defaultConfiguration": {"level": "error" if sensitive else "warning"},
        "properties": properties,
    }


def sarif_document(results: Sequence[FileLint], repo_root: Path | None = None) -> dict[str, Any]:
    root = repo_root if repo_root is not None else Path.cwd()
    used = sorted({f.rule for r in results for f in r.all_findings()})
    sarif_results: list[dict[str, Any]] = []
    seen: Counter[str] = Counter()
    for result in results:
        for finding in result.all_findings():
            location = sarif.location(result.file, finding.line, root)
            if finding.field:
                location["logicalLocations"] = [{"fullyQualifiedName": finding.field, "kind": "member"}]
            sarif_results.append({
                "ruleId": finding.rule,
                "level": "error" if finding.rule in SENSITIVE_RULES else "warning",
                "message": {"text": finding.message + (f" (field {finding.field})" if finding.field else "")},
                "locations": [location],
                # A trace file's lines are events, not code: the same event line and field is the same finding.
                "partialFingerprints": sarif.fingerprint(finding.rule, result.file, str(finding.line), finding.field,
                                                         seen=seen),
                "properties": {"field": finding.field, "masked": finding.masked} if finding.masked else {"field": finding.field},
            })
    notifications = [{"level": "error", "message": {"text": r.error}, "locations": [sarif.location(r.file, None, root)]}
                     for r in results if r.error]
    run = sarif.sarif_run(automation_id=sarif.automation_id("traces/lint"), rules=[_sarif_rule(r) for r in used],
                          results=sarif_results, root=root, notifications=notifications,
                          properties={"counts": {r.file: r.rule_counts() for r in results}})
    return sarif.sarif_log([run])


def _lint_sarif(results: Sequence[FileLint], color: bool, repo_root: Path | None = None) -> str:
    return sarif.dump(sarif_document(results, repo_root))


LINT_RENDERERS: dict[LintFormat, Callable[[Sequence[FileLint], bool], str]] = {
    LintFormat.TABLE: _lint_table,
    LintFormat.JSON: _lint_json,
    LintFormat.SARIF: _lint_sarif,
}


# ---- signals -------------------------------------------------------------------------------

_MARK_STYLE = {"ok": "green", "alert": "yellow", "breach": "bold red", "n/a": "dim"}


def _fmt_rate(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _fmt_ms(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


def _declared(value: bool | None) -> str:
    return "—" if value is None else ("yes" if value else "NO")


def _scope_title(scope: str, report: SignalsReport) -> str:
    """'overall' names its agent when there is only one (then it is also the per-agent view)."""
    if scope == "overall" and len(report.agents) == 1:
        return f"overall · agent {report.agents[0]}"
    return scope if scope == "overall" else f"agent {scope}"


def _signals_table(report: SignalsReport, color: bool) -> str:
    buffer = io.StringIO()
    console = _console(buffer, color)
    for scope in report.scopes:
        table = Table(title=f"signals · {_scope_title(scope.scope, report)}", title_justify="left")
        for name in ("signal", "value", "threshold", "from", ""):
            table.add_column(name, overflow="fold")
        for signal in scope.signals:
            style = _MARK_STYLE[signal.mark]
            table.add_row(signal.label, escape(signal.value), escape(signal.limit), escape(signal.source),
                          f"[{style}]{signal.mark.upper() if signal.mark in ('alert', 'breach') else signal.mark}[/]")
        console.print(table)
    if report.tools:
        table = Table(title="per tool", title_justify="left")
        for name in ("tool", "calls", "errors", "error rate", "denials", "denial rate", "retries", "p50 ms", "p95 ms",
                     "cost", "declared", ""):
            table.add_column(name, overflow="fold", justify="right" if name not in ("tool", "") else "left")
        for row in report.tools:
            style = _MARK_STYLE[row.mark]
            table.add_row(escape(row.tool), f"{row.calls:,}", f"{row.errors:,}", _fmt_rate(row.error_rate), f"{row.denials:,}",
                          _fmt_rate(row.denial_rate), f"{row.retries:,}", _fmt_ms(row.latency_p50), _fmt_ms(row.latency_p95),
                          f"{row.cost:,.4f}", _declared(row.declared), f"[{style}]{row.mark}[/]")
        console.print(table)
    verdict = "[bold red]thresholds breached[/]" if report.breached else "[bold green]within thresholds[/]"
    extra = f", {report.bad_lines:,} unparsable line(s) skipped" if report.bad_lines else ""
    console.print(f"{verdict}: {report.events:,} event(s) from {len(report.files)} file(s){extra}")
    return buffer.getvalue()


def _signal_json(signal: Signal) -> dict[str, Any]:
    return {"name": signal.name, "value": signal.value, "threshold": signal.limit, "source": signal.source,
            "mark": signal.mark, **signal.numbers}


def signals_document(report: SignalsReport) -> dict[str, Any]:
    t = report.thresholds
    return {
        "schema_version": REPORT_SCHEMA_VERSION,
        "parr_version": __version__,
        "files": report.files,
        "events": report.events,
        "unparsable_lines": report.bad_lines,
        "breached": report.breached,
        "agents": report.agents,
        "currency": t.currency,
        "scopes": [{"scope": s.scope, "signals": [_signal_json(x) for x in s.signals]} for s in report.scopes],
        "tools": [
            {"tool": r.tool, "calls": r.calls, "errors": r.errors, "error_rate": r.error_rate, "denials": r.denials,
             "denial_rate": r.denial_rate, "retries": r.retries, "latency_p50_ms": r.latency_p50,
             "latency_p95_ms": r.latency_p95, "cost": round(r.cost, 6), "over_timeout": r.over_timeout,
             "declared": r.declared, "mark": r.mark}
            for r in report.tools
        ],
    }


def _signals_json(report: SignalsReport, color: bool) -> str:
    return json.dumps(signals_document(report), indent=2, ensure_ascii=False) + "\n"


def _md(text: str) -> str:
    """Agent and tool names come from the trace: escaped, so one cannot open a fence or an HTML comment."""
    from parr.documents.escape import MarkdownText

    return str(MarkdownText(text))


def _code(text: str) -> str:
    from parr.documents.escape import code_span

    return code_span(text)


def _signals_markdown(report: SignalsReport, color: bool) -> str:
    lines = ["# Trace signals", ""]
    state = "**thresholds breached**" if report.breached else "within thresholds"
    lines.append(f"{report.events:,} event(s) from {', '.join(_code(f) for f in report.files)}: {state}.")
    if report.bad_lines:
        lines.append(f"{report.bad_lines:,} unparsable line(s) skipped.")
    for scope in report.scopes:
        lines += ["", f"## {_md(_scope_title(scope.scope, report))}", "", "| signal | value | threshold | from | mark |", "|---|---|---|---|---|"]
        for s in scope.signals:
            mark = f"**{s.mark}**" if s.mark in ("alert", "breach") else s.mark
            lines.append(f"| {s.label} | {_md(s.value)} | {_md(s.limit)} | {_md(s.source)} | {mark} |")
    if report.tools:
        lines += ["", "## Per tool", "",
                  "| tool | calls | errors | error rate | denials | denial rate | retries | p50 ms | p95 ms | cost | declared | mark |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"]
        for r in report.tools:
            mark = f"**{r.mark}**" if r.mark in ("alert", "breach") else r.mark
            lines.append(f"| {_code(r.tool)} | {r.calls:,} | {r.errors:,} | {_fmt_rate(r.error_rate)} | {r.denials:,} | "
                         f"{_fmt_rate(r.denial_rate)} | {r.retries:,} | {_fmt_ms(r.latency_p50)} | {_fmt_ms(r.latency_p95)} | "
                         f"{r.cost:,.4f} | {_declared(r.declared)} | {mark} |")
    return "\n".join(lines) + "\n"


SIGNALS_RENDERERS: dict[SignalsFormat, Callable[[SignalsReport, bool], str]] = {
    SignalsFormat.TABLE: _signals_table,
    SignalsFormat.JSON: _signals_json,
    SignalsFormat.MARKDOWN: _signals_markdown,
}
