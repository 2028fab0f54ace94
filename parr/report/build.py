"""What one HTML report page shows about an agent, gathered from the same facts `parr check` judges.

The page data is plain values (strings, numbers, lists): the renderer escapes every string, so
nothing taken from a repository, a manifest or a trace can become markup or script.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parr.checklist import Checklist
from parr.errors import ParrInputError
from parr.formats.common import display_path
from parr.formats.grouping import group_findings, group_lines
from parr.fsutil import relative_posix
from parr.stages import STAGE_ORDER, Stage

FINDINGS_SHOWN = 8  # locations listed under an item
SUBJECTS_SHOWN = 12  # a repeated finding lists this many subjects, then "+N" (the table shows 3)


@dataclass
class ItemView:
    id: str
    title: str
    severity: str
    fix: str
    messages: list[str]
    locations: list[str]
    outcome: str


@dataclass
class ToolRow:
    name: str
    access: str
    mutating: str  # yes / no / not in code
    typed: str
    gate: str
    environments: str
    risk: str
    location: str
    evidence: str
    ungated_write: bool
    declared: bool
    in_code: bool


@dataclass
class Chart:
    """A bullet chart: markers on a 0..scale axis and a limit line, all numbers (the SVG is drawn from them)."""

    label: str
    value_text: str
    limit_text: str
    mark: str
    markers: list[tuple[str, float]]
    limit: float | None
    scale: float
    unit: str = ""


@dataclass
class HistoryEntry:
    seq: int
    time: str
    action: str
    actor: str
    approver: str
    move: str
    reason: str
    verdict: str


@dataclass
class AgentPage:
    anchor: str
    agent_id: str
    manifest: str
    stage: str
    verdict: str
    next_stage: str | None
    next_verdict: str | None
    dri: str
    counts: dict[str, int]
    blocking: list[ItemView]
    next_blocking: list[ItemView]
    warnings: list[ItemView]
    waivers: list[dict[str, str]]
    decisions: list[dict[str, str]]
    suppressions: list[dict[str, str]]
    tools: list[ToolRow]
    history: list[HistoryEntry]
    history_problem: str | None
    signals: list[Chart]
    signal_rows: list[dict[str, str]]
    signals_source: str | None
    scan_notes: list[str] = field(default_factory=list)

    @property
    def mutating_tools(self) -> int:
        return sum(1 for t in self.tools if t.mutating == "yes")

    @property
    def ungated_writes(self) -> int:
        return sum(1 for t in self.tools if t.ungated_write)


def _rel(path: str | None, root: Path) -> str:
    return relative_posix(path, root) or ""


def _items(results, root: Path, want) -> list[ItemView]:
    out = []
    for r in results:
        if not want(r):
            continue
        failing = [f for f in r.findings if f.outcome in ("fail", "error")] or list(r.findings)
        locations = []
        for f in failing:
            loc = _rel(f.file, root)
            if loc:
                locations.append(f"{loc}:{f.line}" if f.line else loc)
        out.append(ItemView(id=r.item.id, title=r.item.title, severity=r.item.severity.value,
                            fix=r.item.remediation, messages=group_lines(group_findings(failing), SUBJECTS_SHOWN),
                            locations=sorted(set(locations))[:FINDINGS_SHOWN], outcome=r.outcome))
    return out


def _next_stage(stage: Stage) -> Stage | None:
    index = STAGE_ORDER.index(stage)
    return STAGE_ORDER[index + 1] if index + 1 < len(STAGE_ORDER) else None


def _tool_rows(facts, root: Path) -> list[ToolRow]:
    manifest = facts.loaded.manifest
    declared = {t.name: t for t in manifest.permissions.tools}
    rows: list[ToolRow] = []
    seen: set[str] = set()
    for tool in facts.scan.tools if facts.scan else ():
        name = tool.model_name or tool.name
        seen.add(tool.name)
        seen.add(name)
        perm = declared.get(tool.name) or declared.get(name)
        gate = perm.gate if perm else "none"
        if tool.gates:
            gate = f"{gate} (code: {', '.join(tool.gates)})" if gate != "none" else f"code: {', '.join(tool.gates)}"
        rows.append(ToolRow(
            name=name, access=perm.access.value if perm else "undeclared",
            mutating="yes" if tool.mutating else "no", typed="yes" if tool.typed else "no", gate=gate,
            environments=", ".join(perm.environments) if perm else "", risk=perm.risk.value if perm and perm.risk else "",
            location=f"{_rel(tool.file, root)}:{tool.line}", evidence="; ".join(tool.evidence[:3]),
            ungated_write=tool.mutating and gate == "none", declared=perm is not None, in_code=True))
    for name, perm in declared.items():
        if name in seen:
            continue
        writes = perm.access.value != "read"
        rows.append(ToolRow(
            name=name, access=perm.access.value, mutating="not in code", typed="", gate=perm.gate,
            environments=", ".join(perm.environments), risk=perm.risk.value if perm.risk else "", location="",
            evidence="declared in parr.yaml; the scan did not find it in the code",
            ungated_write=writes and perm.gate == "none", declared=True, in_code=False))
    return rows


def _history(manifest_path: Path) -> tuple[list[HistoryEntry], ParrInputError | None, Stage]:
    """The ledger's entries as a timeline, why it could not be read (if so), and its stage: read once
    for both the page and the stage judged (what `parr check` takes as the default stage)."""
    from parr.gitinfo import git_context
    from parr.ledger import ledger_path, read_ledger

    try:
        state = read_ledger(ledger_path(manifest_path), git_context(manifest_path).root or manifest_path.parent)
    except ParrInputError as exc:
        return [], exc, Stage.PROPOSE
    out = []
    for e in state.entries:
        verdict = f"{e.check.verdict} at {e.check.stage.value} ({e.check.blocking} blocking)" if e.check else ""
        out.append(HistoryEntry(seq=e.seq, time=e.time, action=e.action, actor=e.actor.name,
                                approver=e.approver or "", move=f"{e.from_stage.value} → {e.to_stage.value}",
                                reason=e.reason, verdict=verdict))
    return out, None, state.stage


def _charts(signals_report) -> tuple[list[Chart], list[dict[str, str]]]:
    charts: list[Chart] = []
    rows: list[dict[str, str]] = []
    if signals_report is None:
        return charts, rows
    scope = signals_report.scope("overall")
    for s in scope.signals if scope else ():
        n = s.numbers or {}
        rows.append({"label": s.label, "value": s.value, "limit": s.limit, "mark": s.mark})
        chart = _chart_for(s.label, s.value, s.limit, s.mark, n)
        if chart is not None:
            charts.append(chart)
    return charts, rows


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _chart_for(label: str, value: str, limit_text: str, mark: str, n: dict[str, Any]) -> Chart | None:
    if _num(n.get("rate")) is not None:
        rate = _num(n["rate"]) or 0.0
        limit = _num(n.get("threshold"))
        scale = max(rate, limit or 0.0, 0.01) * 1.25
        return Chart(label, value, limit_text, mark, [("rate", rate)], limit, scale, "%")
    limit = None
    for key in ("cap", "max_retries", "timeout_ms", "day_cap"):
        if _num(n.get(key)) is not None:
            limit = _num(n[key])
            break
    points = [(k, _num(n[k])) for k in ("p50", "p95", "max") if _num(n.get(k)) is not None]
    if not points:
        return None
    scale = max([v for _, v in points] + [limit or 0.0, 1e-9]) * 1.15  # type: ignore[type-var]
    return Chart(label, value, limit_text, mark, _merge_close(points, scale), limit, scale)  # type: ignore[arg-type]


def _merge_close(points: list[tuple[str, float]], scale: float) -> list[tuple[str, float]]:
    """Markers closer than a label's width on the 300-unit axis share one label (`p50 = p95`)."""
    merged: list[tuple[str, float]] = []
    for name, value in points:
        if merged and abs(value - merged[-1][1]) / scale * 300 < 24:
            merged[-1] = (f"{merged[-1][0]} = {name}", merged[-1][1])
        else:
            merged.append((name, value))
    return merged


def build_page(manifest_path: Path, checklist: Checklist, stage: Stage | None, today: dt.date | None,
               traces: tuple[Path, ...] = ()) -> AgentPage:
    from parr.facts import gather_facts
    from parr.manifest.loader import load_manifest
    from parr.verdict import evaluate

    loaded = load_manifest(manifest_path)
    facts = gather_facts(loaded, today=today, scan_code=True)
    history, history_error, ledger_stage = _history(loaded.path)
    if stage is None:
        if history_error is not None:
            raise history_error  # no stage to judge without the ledger, as in `parr check`
        stage = ledger_stage
    report = evaluate(checklist, facts, stage)
    nxt = _next_stage(stage)
    next_report = evaluate(checklist, facts, nxt) if nxt else None
    root = loaded.root
    manifest = loaded.manifest
    dri = manifest.agent.dri
    blocking = _items(report.results, root, lambda r: r.blocking)
    now_blocking = {b.id for b in blocking}
    next_blocking = _items(next_report.results, root, lambda r: r.blocking and r.item.id not in now_blocking) if next_report else []
    warnings = _items(report.results, root, lambda r: r.outcome in ("fail", "error") and not r.blocking)
    waivers = [{"check": w.check, "reason": w.reason, "owner": w.owner, "expires": w.expires.isoformat()}
               for w in manifest.waivers]
    decisions = [{"check": str(getattr(d, "check", "")), "reason": str(getattr(d, "reason", "")),
                  "owner": str(getattr(d, "owner", "")),
                  "review": str(getattr(d, "review_by", "") or getattr(d, "review", "") or "")}
                 for d in getattr(manifest, "decisions", None) or ()]
    suppressions = [{"check": s.check, "where": f"{_rel(s.file, root)}:{s.line}", "reason": s.reason,
                     "accepted": "yes" if s.accepted else "refused (no reason)"} for s in report.suppressions]
    history_problem = None
    if history_error is not None:
        history_problem = history_error.problems[0] if history_error.problems else str(history_error)
    signals_report, source = None, None
    if traces:
        from parr.traces.signals import Thresholds, collect_from_files

        signals_report = collect_from_files([(p, str(p)) for p in traces], Thresholds.from_manifest(manifest))
        source = ", ".join(str(p) for p in traces)
    elif facts.trace_analysis is not None and facts.trace_analysis.signals is not None:
        signals_report = facts.trace_analysis.signals
        source = f"{facts.trace_analysis.path} (the manifest's trace sample)"
    charts, rows = _charts(signals_report)
    notes = []
    if facts.scan is not None:
        if facts.scan.unresolved:
            notes.append(f"{len(facts.scan.unresolved)} place(s) hand tools to a model in a form the scan cannot read; "
                         "tools may be missing from this table")
        if facts.scan.unread:
            notes.append(f"{len(facts.scan.unread)} file(s) could not be read; their tools, if any, are missing")
    counts = report.counts()
    return AgentPage(
        anchor="agent-" + "".join(c if c.isalnum() or c in "-_" else "-" for c in manifest.agent.id),
        agent_id=manifest.agent.id, manifest=display_path(str(loaded.path)) or str(loaded.path),
        stage=stage.value, verdict=report.verdict, next_stage=nxt.value if nxt else None,
        next_verdict=next_report.verdict if next_report else None,
        dri=(f"{dri.name} ({dri.handle})" if dri.handle else dri.name) if dri else "",
        counts=counts, blocking=blocking, next_blocking=next_blocking, warnings=warnings, waivers=waivers,
        decisions=decisions, suppressions=suppressions, tools=_tool_rows(facts, root), history=history,
        history_problem=history_problem, signals=charts, signal_rows=rows, signals_source=source, scan_notes=notes)

