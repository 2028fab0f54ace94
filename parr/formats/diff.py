"""`parr diff` output: a terminal table, JSON (schema: parr/schemas/diff-v1.schema.json), Markdown that
leads a pull-request comment, and SARIF for the findings the change introduces."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from parr.diff.model import RISK_ORDER, AgentDiff, DiffReport

_RISK_STYLE = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "dim"}
MARKDOWN_LIMIT = 60_000  # GitHub refuses comments over 65,536 characters
MARKER = "<!-- parr-diff -->"


def render_diff(report: DiffReport, fmt: str, *, color: bool, width: int = 120) -> str:
    return {"table": _table, "json": _json, "markdown": _markdown, "sarif": _sarif}[fmt](report, color, width)


def headline(report: DiffReport) -> str:
    counts = report.counts()
    total = sum(counts.values())
    if not report.agents:
        return f"parr diff {report.base} → {report.head}: no agent touched by the change"
    parts = ", ".join(f"{counts[k]} {k}" for k in ("critical", "high", "medium", "low") if counts[k])
    return f"parr diff {report.base} → {report.head}: {total} change{'s' if total != 1 else ''}" + (f" ({parts})" if parts else "")


def _verdicts(agent: AgentDiff) -> str:
    def side(s) -> str:
        if not s.present:
            return "no parr.yaml"
        return f"error ({s.problem})" if s.problem else (s.verdict or "-")

    tools = f" (tools {agent.base.tools} → {agent.head.tools}, mutating {agent.base.mutating} → {agent.head.mutating})"
    if not agent.base.present and not agent.head.present:
        return f"{agent.agent_id}: code only, no parr.yaml at either revision{tools}"
    return f"{agent.agent_id} at {agent.stage}: {side(agent.base)} → {side(agent.head)}{tools}"


def _table(report: DiffReport, color: bool, width: int) -> str:
    out = StringIO()
    console = Console(file=out, width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False, emoji=False, legacy_windows=False)
    console.print(Text(headline(report), style="bold"), soft_wrap=True)
    for agent in report.agents:
        console.print()
        console.print(Text(_verdicts(agent), style="bold"), soft_wrap=True)
        if not agent.changes:
            console.print(Text("  no change to the tool surface, manifest, policy decisions or verdict"))
        else:
            table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
            for column in ("risk", "area", "change", "where"):
                table.add_column(column, overflow="fold")
            for change in agent.changes:
                where = f"{change.file}:{change.line}" if change.file and change.line else (change.file or "")
                table.add_row(Text(change.risk, style=_RISK_STYLE[change.risk]), change.area, change.message, where)
            console.print(table)
        if agent.introduced or agent.resolved:
            console.print(Text(_finding_counts(agent)))
            for finding in [f for f in agent.introduced if not f.blocking][:_SHOWN]:
                console.print(Text(f"    + {finding.check_id}: {finding.message}"), soft_wrap=True)
            for finding in agent.resolved[:_SHOWN]:
                console.print(Text(f"    - {finding.check_id}: {finding.message}"), soft_wrap=True)
    return "\n".join(line.rstrip() for line in out.getvalue().splitlines()) + "\n"


_SHOWN = 10


def _finding_counts(agent: AgentDiff) -> str:
    blocking = sum(1 for f in agent.introduced if f.blocking)
    shown = f" ({blocking} blocking, in the table above)" if blocking else ""
    return f"  findings introduced: {len(agent.introduced)}{shown}; resolved: {len(agent.resolved)}"


def _json(report: DiffReport, color: bool, width: int) -> str:
    return json.dumps(report.model_dump(mode="json"), indent=2) + "\n"


def _md(text: Any) -> str:
    from parr.documents.escape import MarkdownText

    return str(MarkdownText(str(text)))


def _code(text: Any) -> str:
    from parr.documents.escape import code_span

    return code_span(text)


def _markdown(report: DiffReport, color: bool, width: int) -> str:
    lines = [MARKER, f"### {_md(headline(report))}", ""]
    for agent in report.agents:
        lines.append(f"**{_md(_verdicts(agent))}**")
        lines.append("")
        if agent.changes:
            lines.append("| risk | change | where |")
            lines.append("|---|---|---|")
            for change in agent.changes:
                where = f"{change.file}:{change.line}" if change.file and change.line else (change.file or "")
                risk = f"**{change.risk}**" if RISK_ORDER[change.risk] >= RISK_ORDER["high"] else change.risk
                lines.append(f"| {risk} | {_md(change.message)} | {_code(where) if where else ''} |")
        else:
            lines.append("No change to the tool surface, manifest, policy decisions or verdict.")
        if agent.introduced or agent.resolved:
            lines.append("")
            lines.append(_md(_finding_counts(agent).strip()) + ".")
            for finding in [f for f in agent.introduced if not f.blocking][:20]:
                lines.append(f"- introduced {_code(finding.check_id)} {_md(finding.message)}")
            for finding in agent.resolved[:20]:
                lines.append(f"- resolved {_code(finding.check_id)} {_md(finding.message)}")
        lines.append("")
    text = "\n".join(lines).rstrip() + "\n"
    if len(text) > MARKDOWN_LIMIT:
        cut = text[:MARKDOWN_LIMIT].rsplit("\n", 1)[0]
        left = text[len(cut):].count("\n| ")
        text = cut + f"\n\n… {left} more rows left out; run `parr diff --format json` for all of them.\n"
    return text


def _sarif(report: DiffReport, color: bool, width: int) -> str:
    """Through the one SARIF writer (parr.formats.sarif): repository-relative URIs, line-free fingerprints."""
    from collections import Counter

    from parr.formats import sarif

    rules: dict[str, dict[str, Any]] = {}
    results = []
    seen: Counter[str] = Counter()
    level = {"critical": "error", "high": "error", "medium": "warning", "low": "note"}
    for agent in report.agents:
        for finding in agent.introduced:
            text = f"Checklist item {finding.check_id} fails after this change; `parr explain {finding.check_id}` says why."
            rules.setdefault(finding.check_id, {"id": finding.check_id, "shortDescription": {"text": finding.check_id},
                                                "fullDescription": {"text": text}, "help": {"text": text}})
            result: dict[str, Any] = {
                "ruleId": finding.check_id,
                "level": level.get(finding.severity, "warning"),
                "message": {"text": f"{agent.agent_id}: {finding.message} (introduced by this change)"},
                "locations": [sarif.repository_location(finding.file or agent.manifest, finding.line)],
                "partialFingerprints": sarif.fingerprint(finding.check_id, agent.agent_id, finding.file or agent.manifest,
                                                         finding.message, seen=seen),
            }
            results.append(result)
    run = sarif.sarif_run(automation_id=sarif.automation_id("diff"), rules=list(rules.values()), results=results,
                          root=None)
    return sarif.dump(sarif.sarif_log([run]))
