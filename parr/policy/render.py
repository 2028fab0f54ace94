"""Showing a policy evaluation: a terminal table, JSON, or Markdown. Renderers decide nothing."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from parr import __version__
from parr.policy.model import Evaluation, PolicyEvaluation, ProbeRow

POLICY_REPORT_SCHEMA_VERSION = "1"


class PolicyFormat(str, Enum):
    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"


@dataclass(frozen=True)
class PolicyReport:
    """One manifest's evaluation with what the renderers need to title it."""

    manifest: str
    agent_id: str
    evaluation: PolicyEvaluation | None

    @property
    def exit_code(self) -> int:
        return 0 if self.evaluation is None else self.evaluation.exit_code()

    @property
    def result(self) -> str:
        return {0: "pass", 1: "fail", 2: "error"}[self.exit_code]


Renderer = Callable[[PolicyReport, bool], str]


def renderer_for(fmt: PolicyFormat) -> Renderer:
    renderers: dict[PolicyFormat, Renderer] = {
        PolicyFormat.TABLE: render_table,
        PolicyFormat.JSON: render_json,
        PolicyFormat.MARKDOWN: render_markdown,
    }
    return renderers[fmt]


# ---- shared wording ------------------------------------------------------------------------


def decision_text(evaluation: Evaluation) -> str:
    """Short cell text: `allow · refund_small`, `deny`, `deny · forbid no_prod_refunds`, `error`."""
    if evaluation.decision == "error":
        return "error"
    # A Rego entrypoint rule is called `allow` too; its line tells its definitions apart.
    labels = ", ".join(
        f"{rule.label}:{rule.line}" if rule.id == evaluation.decision and rule.line else rule.label
        for rule in evaluation.rules
    )
    return f"{evaluation.decision} · {labels}" if labels else evaluation.decision


def _stage_text(evaluation: PolicyEvaluation) -> str:
    if not evaluation.stages:
        return "every stage (the policy does not read context.stage)"
    return ", ".join(evaluation.stages)


def summary_line(report: PolicyReport) -> str:
    ev = report.evaluation
    if ev is None:
        return f"{report.agent_id}: no policies declared"
    if ev.input_problems:
        return f"ERROR {report.agent_id}: {len(ev.input_problems)} problem(s) in the policy files"
    passed = sum(1 for t in ev.tests if t.passed)
    failing = len(ev.failing_findings)
    verdict = "FAIL" if ev.exit_code() else "PASS"
    return (
        f"{verdict} {report.agent_id}: {passed}/{len(ev.tests)} tests pass, {len(ev.probes)} probes, "
        f"{failing} probe failure{'s' if failing != 1 else ''}"
    )


MAX_ERROR_NOTES = 10


def error_notes(evaluation: PolicyEvaluation) -> list[str]:
    """Errors met while probing, once each: in Cedar a policy that errors is skipped, so they matter."""
    seen: dict[str, str] = {}
    for row in evaluation.probes:
        for error in row.unapproved.errors + row.approved.errors:
            seen.setdefault(error, f"{row.tool} in {row.environment}: {error}")
    notes = list(seen.values())
    if len(notes) > MAX_ERROR_NOTES:
        notes = notes[:MAX_ERROR_NOTES] + [f"... and {len(notes) - MAX_ERROR_NOTES} more (see --format json)"]
    return notes


def _with_stage(rows: Sequence[ProbeRow]) -> bool:
    return any(row.stage is not None for row in rows)


# ---- table ---------------------------------------------------------------------------------

_STATUS = {"ok": ("ok", "green"), "fail": ("FAIL", "bold red"), "error": ("error", "red"), "note": ("note", "yellow")}


def render_table(report: PolicyReport, color: bool = False) -> str:
    buffer = io.StringIO()
    width = shutil.get_terminal_size((120, 24)).columns if color else 160
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width, soft_wrap=False)
    ev = report.evaluation
    if ev is None:
        console.print(summary_line(report))
        return buffer.getvalue()
    files = ", ".join(ev.files) + (f" · schema {ev.schema_file}" if ev.schema_file and ev.engine == "cedar" else "")
    entry = f" · entrypoint {ev.entrypoint}" if ev.engine == "rego" and ev.entrypoint else ""
    console.print(escape(f"{report.agent_id} · {ev.engine} · {files}{entry}"))
    if ev.evaluated:
        console.print(escape(f"principal {ev.principal} · {len(ev.rules)} rules · stage: {_stage_text(ev)}"))
    for note in ev.notes:
        console.print(f"[yellow]note[/] {escape(note)}")
    for problem in ev.problems:
        console.print(f"[red]error[/] {escape(problem.sentence())}")
    if ev.tests:
        tests = Table(title=f"Tests ({sum(1 for t in ev.tests if t.passed)}/{len(ev.tests)} pass)", title_justify="left")
        for name in ("", "test", "action", "expect", "got"):
            tests.add_column(name, overflow="fold")
        for test in ev.tests:
            label, style = ("ok", "green") if test.passed else ("FAIL", "bold red")
            tests.add_row(f"[{style}]{label}[/]", escape(test.name), escape(test.action), test.expect,
                          escape(test.evaluation.summary()))
        console.print(tests)
    if ev.probes:
        staged = _with_stage(ev.probes)
        probe = Table(title="Probe: tool × environment × decision", title_justify="left")
        columns = ["tool", "access", "gate", "environment"] + (["stage"] if staged else []) + [
            "without approval", "with approval", "result"]
        for name in columns:
            probe.add_column(name, overflow="fold")
        for row in ev.probes:
            label, style = _STATUS[row.status]
            cells = [row.tool, _access(row), _gate(row), row.environment] + ([row.stage or "all"] if staged else [])
            cells += [_decision_cell(row.unapproved, row.over_threshold), decision_text(row.approved)]
            probe.add_row(*(escape(c) for c in cells), f"[{style}]{label}[/]")
        console.print(probe)
    for note in error_notes(ev):
        console.print(f"[yellow]evaluation error[/] {escape(note)}")
    for finding in ev.findings:
        mark = "[bold red]FAIL[/]" if finding.failing else "[yellow]note[/]"
        console.print(f"{mark} {escape(finding.text())}")
    for test in ev.failed_tests:
        console.print(f"[bold red]FAIL[/] test '{escape(test.name)}': expected {test.expect}, got "
                      f"{escape(test.evaluation.summary())}")
    console.print(escape(summary_line(report)))
    return buffer.getvalue()


def _gate(row: ProbeRow) -> str:
    """Only manifest tools have a declared gate; for the others a gate would be misleading."""
    return row.gate if row.source == "manifest" else "-"


def _access(row: ProbeRow) -> str:
    if row.source == "deny-list":
        return "deny list"
    if row.source == "undeclared":
        return "undeclared"
    if row.source == "scan":
        return "code (mutating)" if row.mutating else "code (read)"
    return row.access or "?"


def _decision_cell(unapproved: Evaluation, over: Evaluation | None) -> str:
    text = decision_text(unapproved)
    if over is not None:
        text += f"; over threshold: {decision_text(over)}"
    return text


# ---- json ----------------------------------------------------------------------------------


def render_json(report: PolicyReport, color: bool = False) -> str:
    document = {
        "schema_version": POLICY_REPORT_SCHEMA_VERSION,
        "parr_version": __version__,  # as in every JSON report; --output recognises parr's own by it
        "manifest": report.manifest,
        "agent_id": report.agent_id,
        "result": report.result,
        "exit_code": report.exit_code,
        "evaluation": report.evaluation.model_dump(mode="json") if report.evaluation else None,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


# ---- markdown ------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: PolicyReport, color: bool = False) -> str:
    ev = report.evaluation
    lines = [f"# Policy test: {report.agent_id}", ""]
    if ev is None:
        return "\n".join(lines + [summary_line(report), ""])
    lines.append(f"**{summary_line(report)}**")
    lines.append("")
    lines.append(f"- engine: {ev.engine}; files: {', '.join(f'`{f}`' for f in ev.files)}")
    if ev.schema_file and ev.engine == "cedar":
        lines.append(f"- schema: `{ev.schema_file}`")
    if ev.engine == "rego" and ev.entrypoint:
        lines.append(f"- entrypoint: `{ev.entrypoint}`")
    if ev.evaluated:
        lines.append(f"- principal: `{ev.principal}`; stage: {_stage_text(ev)}")
    lines.extend(f"- note: {note}" for note in ev.notes)
    lines.append("")
    if ev.problems:
        lines += ["## Problems", ""] + [f"- {_cell(p.sentence())}" for p in ev.problems] + [""]
    if ev.tests:
        lines += ["## Tests", "", "| | test | action | expect | got |", "|---|---|---|---|---|"]
        for test in ev.tests:
            mark = "ok" if test.passed else "**FAIL**"
            lines.append(f"| {mark} | {_cell(test.name)} | `{_cell(test.action)}` | {test.expect} | {_cell(test.evaluation.summary())} |")
        lines.append("")
    if ev.probes:
        staged = _with_stage(ev.probes)
        header = ["tool", "access", "gate", "environment"] + (["stage"] if staged else []) + [
            "without approval", "with approval", "result"]
        lines += ["## Probe: tool × environment × decision", "", "| " + " | ".join(header) + " |",
                  "|" + "---|" * len(header)]
        for row in ev.probes:
            cells = [f"`{row.tool}`", _access(row), f"`{_gate(row)}`", row.environment]
            cells += [row.stage or "all"] if staged else []
            cells += [_decision_cell(row.unapproved, row.over_threshold), decision_text(row.approved),
                      "**FAIL**" if row.status == "fail" else row.status]
            lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
        lines.append("")
    errors = error_notes(ev)
    if errors:
        lines += ["## Evaluation errors", ""] + [f"- {_cell(note)}" for note in errors] + [""]
    if ev.findings:
        lines += ["## Findings", ""]
        lines += [f"- {'**FAIL**' if f.failing else 'note'}: {_cell(f.text())}" for f in ev.findings]
        lines.append("")
    return "\n".join(lines)
