"""JSON: a stable, versioned document (schema_version bumps on any breaking change)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from parr import __version__
from parr.verdict import REPORT_SCHEMA_VERSION, ItemResult, Report

if TYPE_CHECKING:
    from parr.formats import RenderContext


def _item(result: ItemResult) -> dict[str, Any]:
    item = result.item
    out: dict[str, Any] = {
        "id": item.id,
        "area": item.area,
        "title": item.title,
        "severity": item.severity.value,
        "blocking_from": getattr(item.blocking_from, "value", item.blocking_from),
        "owner": item.owner,
        "outcome": result.outcome,
        "blocking": result.blocking,
        "findings": [f.model_dump(mode="json") for f in result.findings if f.outcome != "pass"],
    }
    if result.waiver is not None:
        out["waiver"] = result.waiver.model_dump(mode="json")
    if result.decision is not None:
        out["decision"] = result.decision.model_dump(mode="json")
    if result.not_applicable_reason is not None:
        out["not_applicable_reason"] = result.not_applicable_reason
    return out


def report_dict(report: Report) -> dict[str, Any]:
    return {
        "agent_id": report.agent_id,
        "manifest": report.manifest,
        "stage": report.stage.value,
        "verdict": report.verdict,
        "agent_kind": report.agent_kind.value if report.agent_kind is not None else None,
        "counts": report.counts(),
        "items": [_item(r) for r in report.results],
        "waiver_notes": [n.model_dump(mode="json") for n in report.waiver_notes],
        "decision_notes": [n.model_dump(mode="json") for n in report.decision_notes],
        "suppressions": [n.model_dump(mode="json") for n in report.suppressions],
        "disabled": list(report.disabled),
    }


def document(reports: Sequence[Report], context: RenderContext | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "schema_version": REPORT_SCHEMA_VERSION,
        "parr_version": __version__,
        "verdict": "NO-GO" if any(r.verdict == "NO-GO" for r in reports) else "GO",
        "reports": [report_dict(r) for r in reports],
    }
    if context is not None and context.broken:
        # Manifests `check --all` could not judge: the run exits 2 after reporting the others.
        out["errors"] = [{"manifest": b.manifest, "problems": list(b.problems)} for b in context.broken]
    return out


def render(reports: Sequence[Report], color: bool = False, context: RenderContext | None = None) -> str:
    return json.dumps(document(reports, context), indent=2) + "\n"
