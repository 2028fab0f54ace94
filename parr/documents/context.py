"""The plain data the oncall documents are rendered from: manifest, scan, ledger and traces, merged.

Templates only ever see dicts, lists, strings and numbers built here, never parr's objects, so an
overriding template has nothing to reach through.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from parr.errors import ParrInputError
from parr.ledger import LedgerState
from parr.manifest.loader import LoadedManifest
from parr.manifest.models import AgentKind
from parr.scan.model import ScanResult, ToolRecord
from parr.stages import STAGE_ORDER
from parr.traces.events import TraceEvent
from parr.verdict import Report
from parr.yamlsafe import load_yaml

PRODUCTION = frozenset({"production", "prod", "prd", "live"})
# The values of `agent.kind`, for the runbook index's `not_for`.
AGENT_KINDS = tuple(kind.value for kind in AgentKind)


# Skipped-file reasons that hide nothing of the agent: files excluded on purpose, links out of the repository.
_DELIBERATE_SKIPS = frozenset({"ignored", "symlink_outside"})


def _not_in_code(tool: Any, scan: ScanResult) -> str:
    """Why a declared tool has no place in the code: the scan could not read its registration, or
    could not read everything, or it is not there."""
    sites = {f"{s.file}:{s.line}" for s in scan.unresolved}
    if tool.source is not None:
        if tool.source in sites:
            return "unreadable_registration"
        return "source_gone"
    skipped = any(v for k, v in scan.skipped.model_dump().items() if k not in _DELIBERATE_SKIPS and isinstance(v, int))
    if scan.unresolved or scan.errors or skipped:
        return "scan_blind"
    return "not_found"


def _mark_placeholders(context: dict[str, Any], loaded: LoadedManifest) -> None:
    """Every placeholder string the context carries from the manifest becomes a PlaceholderText,
    so a document shows 'placeholder, not decided' where the draft says TODO."""
    from parr.documents.escape import PlaceholderText

    for placeholder in getattr(loaded, "placeholders", ()):
        node: Any = context
        path = list(placeholder.path)
        for part in path[:-1]:
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and part < len(node):
                node = node[part]
            else:
                node = None
                break
        last = path[-1] if path else None
        if isinstance(node, dict) and last in node and isinstance(node[last], str):
            node[last] = PlaceholderText(node[last])
        elif isinstance(node, list) and isinstance(last, int) and last < len(node) and isinstance(node[last], str):
            node[last] = PlaceholderText(node[last])
    for index, tool in enumerate(loaded.manifest.permissions.tools):
        row = next((r for r in context["tools"] if r["declared"] and r["name"] == tool.name), None)
        for placeholder in getattr(loaded, "placeholders", ()):
            if row is not None and placeholder.path[:3] == ("permissions", "tools", index) and len(placeholder.path) == 4:
                field = placeholder.path[3]
                if isinstance(field, str) and field in row:
                    # the row holds what the model read ("not assessed", gate "none"): show the placeholder itself
                    row[field] = PlaceholderText(placeholder.value)


def _mentions(message: str, name: str) -> bool:
    return f"'{name}'" in message


def _tools(loaded: LoadedManifest, scan: ScanResult | None,
           disagreements: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Every tool the manifest declares or the code exposes, with where each fact came from."""
    found: dict[str, ToolRecord] = {}
    for record in scan.tools if scan else ():
        found.setdefault(record.name, record)
    rows = []
    for tool in loaded.manifest.permissions.tools:
        code = found.pop(tool.name, None)
        rows.append({
            "name": tool.name,
            "declared": True,
            "access": tool.access.value,
            "mutating": tool.access.mutating,
            "risk": tool.risk.value if tool.risk else "not assessed",
            "gate": tool.gate,
            "environments": list(tool.environments),
            "production": any(e.lower() in PRODUCTION for e in tool.environments),
            "sandbox": tool.sandbox,
            "location": f"{code.file}:{code.line}" if code else None,
            "in_code": code is not None if scan else None,
            # not_found | unreadable_registration | scan_blind | source_gone, when the scan has no place for it
            "not_in_code": _not_in_code(tool, scan) if scan is not None and code is None else None,
            "source": tool.source,
            "code_mutating": code.mutating if code else None,
            "framework": code.framework if code else None,
            "code_shows": [d["message"] for d in disagreements or () if _mentions(d["message"], tool.name)],
        })
    for name, code in sorted(found.items()):
        rows.append({
            "name": name,
            "declared": False,
            "access": "undeclared",
            "mutating": code.mutating,
            "risk": "not assessed",
            "gate": "none",
            "environments": [],
            "production": False,
            "sandbox": None,
            "location": f"{code.file}:{code.line}",
            "in_code": True,
            "not_in_code": None,
            "source": None,
            "code_mutating": code.mutating,
            "framework": code.framework,
            "code_shows": [],
        })
    return rows


def _dependencies(loaded: LoadedManifest) -> list[dict[str, Any]]:
    from parr.documents.status_pages import status_page

    failsafes = loaded.manifest.failsafes
    operations = getattr(loaded.manifest, "operations", None)
    declared_pages = dict(operations.status_pages) if operations is not None else {}
    breakers = {b.dependency: b for b in failsafes.circuit_breakers}
    limits = {r.dependency: r for r in failsafes.rate_limits}
    names = list(dict.fromkeys([*failsafes.dependencies, *breakers, *limits]))
    return [
        {
            "name": name,
            "circuit_breaker": (
                f"opens after {breakers[name].failure_threshold} failures, retries after {breakers[name].reset_seconds:g}s"
                if name in breakers else None
            ),
            "rate_limit": f"{limits[name].per_minute:g}/min" if name in limits else None,
            "status_page": page[1] if (page := status_page(name, declared_pages)) else None,
        }
        for name in names
    ]


def _stage_at(ledger: LedgerState | None, when: str | None) -> str | None:
    if ledger is None or not ledger.entries:
        return None
    stage = "propose"
    for entry in ledger.entries:
        if when is not None and entry.time > when:
            break
        if entry.action in ("promote", "rollback"):
            stage = entry.to_stage.value
    return stage


def _tidy(value: Any) -> Any:
    """Whole floats as ints (a cap of 200 reads "200", not "200.0"), recursively."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _tidy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_tidy(v) for v in value]
    return value


def _data(model: Any) -> Any:
    return _tidy(model.model_dump(mode="json", by_alias=True)) if model is not None else None


def build_context(
    loaded: LoadedManifest,
    *,
    scan: ScanResult | None,
    ledger: LedgerState | None,
    today: dt.date,
    manifest_display: str,
    report: Report | None = None,
    policy_reads_stage: bool | None = None,
) -> dict[str, Any]:
    """`report` is the check report at the agent's stage; `policy_reads_stage` whether the declared
    policies read `context.stage` (None: not known, no policy evaluated)."""
    from parr.documents.verdict_view import backstage_owner, disagreements, verdict_view

    manifest = loaded.manifest
    placeholders = {p.path[:2] for p in getattr(loaded, "placeholders", ())}
    policies_declared = manifest.policies.engine is not None and ("policies", "engine") not in placeholders
    differences = disagreements(report, loaded.root, policies_declared)
    tools = _tools(loaded, scan, differences)
    fs = manifest.failsafes
    stage = ledger.stage.value if ledger is not None else "propose"
    kind = manifest.agent.kind
    facts = {
        "has_policies": manifest.policies.engine is not None,
        "has_dependencies": bool(_dependencies(loaded)),
        "has_production_mutations": any(t["mutating"] and t["production"] for t in tools),
        "has_mutations": any(t["mutating"] for t in tools),
        "has_tools": bool(tools),
        "has_traces": manifest.observability.trace is not None,
        "has_kpis": bool(manifest.agent.workflow and manifest.agent.workflow.kpis),
        "has_budgets": manifest.budgets.per_run is not None or manifest.budgets.per_day is not None,
    }
    context = {
        "generated_on": today.isoformat(),
        "manifest_path": manifest_display,
        "agent": _data(manifest.agent),
        "model": _data(manifest.model),
        "permissions": _data(manifest.permissions),
        "policies": _data(manifest.policies),
        "evals": _data(manifest.evals),
        "observability": _data(manifest.observability),
        "failsafes": _data(fs),
        "budgets": _data(manifest.budgets),
        "memory": _data(manifest.memory),
        "waivers": [_data(w) for w in manifest.waivers],
        "operations": _data(getattr(manifest, "operations", None)),
        "kind": getattr(kind, "value", kind),
        "verdict": verdict_view(report),
        "code_disagrees": differences,
        "code_timeouts": [d for d in differences if d["check"] == "CODE-009"],
        # CODE-012's findings: places and files the scan could not read, so "nothing contradicts" is never said bare
        "scan_unread": sum(1 for r in (report.results if report else ()) if r.item.id == "CODE-012"
                           for f in r.findings if f.outcome in ("fail", "error")),
        "policy_reads_stage": policy_reads_stage,
        "backstage_owner": backstage_owner(manifest.agent),
        "tools": tools,
        "undeclared_tools": [t for t in tools if not t["declared"]],
        "scanned": scan is not None,
        "scan_files": scan.files_scanned if scan else 0,
        "dependencies": _dependencies(loaded),
        "stage": stage,
        "stages": [s.value for s in STAGE_ORDER],
        "ledger": [_data(e) for e in ledger.entries] if ledger else [],
        "applies": facts,
        "procedures": [],
        "left_out": [],
    }
    _mark_placeholders(context, loaded)
    return context


class Procedure(BaseModel):
    """One entry of runbooks/index.yaml."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    title: str
    template: str
    applies: str = "always"
    # Kinds of agent (agent.kind) this procedure does not fit, each with the reason the runbook shows.
    not_for: dict[str, str] = {}


class ProcedureIndex(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    procedures: list[Procedure]


def load_procedures(index_file: Path, context: dict[str, Any]) -> list[dict[str, Any]]:
    """The failure-mode procedures that apply to this agent, from runbooks/index.yaml (or an override's)."""
    document = load_yaml(index_file, what="runbook index")
    try:
        index = ProcedureIndex.model_validate(document.data)
    except ValidationError as exc:
        err = exc.errors()[0]
        line = document.line_of(tuple(err["loc"])) or 1
        where = ".".join(str(part) for part in err["loc"]) or "the top level"
        raise ParrInputError(
            f"{index_file}:{line}: {where}: {err['msg'][0].lower() + err['msg'][1:]}; each procedure needs "
            "id, title and template (and may name a fact it `applies` to)."
        ) from None
    known = {"always", *context["applies"]}
    chosen = []
    context["left_out"] = []
    for number, entry in enumerate(index.procedures):
        for kind in entry.not_for:
            if kind not in AGENT_KINDS:
                line = document.line_of(("procedures", number, "not_for", kind)) or 1
                raise ParrInputError(f"{index_file}:{line}: not_for names '{kind}', which is not a kind of agent; "
                                     f"use one of {', '.join(AGENT_KINDS)}.")
        if context.get("kind") in entry.not_for:
            context["left_out"].append({"title": entry.title, "reason": entry.not_for[context["kind"]]})
            continue
        if entry.applies not in known:
            line = document.line_of(("procedures", number, "applies")) or 1
            raise ParrInputError(
                f"{index_file}:{line}: applies '{entry.applies}' is not a fact parr knows; use one of "
                f"{', '.join(sorted(known))}."
            )
        if entry.applies == "always" or context["applies"].get(entry.applies):
            chosen.append({"id": entry.id, "title": entry.title, "template": entry.template})
    return chosen


# ---- postmortem timeline -------------------------------------------------------------------


def mask(value: Any) -> str:
    """A stable, non-reversible stand-in: the same value always masks the same way."""
    text = value if isinstance(value, str) else repr(value)
    return "‹redacted " + hashlib.sha256(text.encode("utf-8")).hexdigest()[:8] + "›"


def redact_args(args: Any) -> str:
    if args is None:
        return ""
    if isinstance(args, dict):
        return ", ".join(f"{key}={mask(value)}" for key, value in args.items())
    return mask(args)


def timeline(events: Iterable[TraceEvent], session: str, ledger: LedgerState | None) -> dict[str, Any]:
    rows = []
    cost = 0.0
    tokens = 0
    for event in events:
        if event.session_id != session:
            continue
        cost += event.cost or 0.0
        tokens += (event.input_tokens or 0) + (event.output_tokens or 0)
        rows.append({
            "ts": event.ts or "",
            "trace_id": event.trace_id or "",
            "tool": event.tool_name or "",
            "args": redact_args(event.tool_args),
            "policy": " ".join(p for p in (event.policy_decision, f"({event.policy_rule})" if event.policy_rule else None) if p),
            "result": f"{event.result_status or 'error'}: {event.error}" if event.error else (event.result_status or ""),
            "retry": event.retry if event.retry is not None else "",
            "latency_ms": f"{event.latency_ms:g}" if event.latency_ms is not None else "",
            "cost": f"{event.cost:.4f}" if event.cost is not None else "",
            "model": event.model or "",
            "line": event.line,
        })
    rows.sort(key=lambda r: (r["ts"], r["line"]))
    start = rows[0]["ts"] if rows else None
    return {
        "session": session,
        "rows": rows,
        "start": start,
        "end": rows[-1]["ts"] if rows else None,
        "tool_calls": sum(1 for r in rows if r["tool"]),
        "denials": sum(1 for r in rows if r["policy"].startswith(("deny", "denied", "forbid"))),
        "errors": sum(1 for r in rows if r["result"].startswith(("error", "failed", "timeout"))),
        "cost": f"{cost:.4f}",
        "tokens": tokens,
        "stage_at_time": _stage_at(ledger, start),
    }
