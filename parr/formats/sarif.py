"""SARIF 2.1.0 for code-scanning: one run, a rule per checklist item, a result per failing finding."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from parr import __version__
from parr.checklist import ChecklistItem
from parr.formats.common import display_path, problems
from parr.verdict import Report

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL_BY_SEVERITY = {"critical": "error", "high": "error", "medium": "warning", "low": "note"}
_SECURITY_SEVERITY = {"critical": "9.0", "high": "7.0", "medium": "5.0", "low": "3.0"}


def _rule(item: ChecklistItem) -> dict[str, Any]:
    blocking = getattr(item.blocking_from, "value", item.blocking_from)
    return {
        "id": item.id,
        "name": "".join(w.capitalize() for w in item.title.replace("-", " ").split()[:8] if w.isalnum()),
        "shortDescription": {"text": item.title},
        "fullDescription": {"text": item.rationale},
        "help": {
            "text": f"{item.rationale}\n\nHow to fix: {item.remediation}",
            "markdown": f"{item.rationale}\n\n**How to fix:** {item.remediation}\n\n"
            f"Area: {item.area} · owner: {item.owner} · blocks from: `{blocking}`",
        },
        "defaultConfiguration": {"level": _LEVEL_BY_SEVERITY[item.severity.value]},
        "properties": {
            "tags": ["parr", item.area],
            "area": item.area,
            "severity": item.severity.value,
            "blocking_from": blocking,
            "owner": item.owner,
            "security-severity": _SECURITY_SEVERITY[item.severity.value],
        },
    }


def document(reports: Sequence[Report]) -> dict[str, Any]:
    rules: dict[str, dict[str, Any]] = {}
    results: list[dict[str, Any]] = []
    for report in reports:
        for result in report.results:
            rules.setdefault(result.item.id, _rule(result.item))
            inline = [f for f in result.findings if f.outcome == "waived"]
            for finding in problems(result) + inline:
                path = display_path(finding.file) or display_path(report.manifest)
                entry: dict[str, Any] = {
                    "ruleId": result.item.id,
                    "level": "error" if result.blocking else "warning",
                    "message": {"text": f"{finding.message} ({report.agent_id}, stage {report.stage.value})"},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": path, "uriBaseId": "%SRCROOT%"},
                                "region": {"startLine": finding.line or 1},
                            }
                        }
                    ],
                    "properties": {
                        "agent_id": report.agent_id,
                        "stage": report.stage.value,
                        "outcome": finding.outcome,
                        "blocking": result.blocking,
                    },
                }
                if finding.evidence:
                    entry["properties"]["evidence"] = list(finding.evidence)
                if finding.outcome == "waived":
                    entry["suppressions"] = [{"kind": "inSource", "status": "accepted", "justification": finding.message}]
                elif result.decision is not None:
                    entry["suppressions"] = [
                        {
                            "kind": "external",
                            "status": "accepted",
                            "justification": f"decided not to apply: {result.decision.reason} (owner "
                                             f"{result.decision.owner}, review by {result.decision.review_by.isoformat()})",
                        }
                    ]
                elif result.waiver is not None:
                    entry["suppressions"] = [
                        {
                            "kind": "external",
                            "status": "accepted",
                            "justification": f"{result.waiver.reason} (owner {result.waiver.owner}, expires {result.waiver.expires.isoformat()})",
                        }
                    ]
                results.append(entry)
    ordered_rules = [rules[k] for k in sorted(rules)]
    rule_index = {rule["id"]: i for i, rule in enumerate(ordered_rules)}
    for entry in results:
        entry["ruleIndex"] = rule_index[entry["ruleId"]]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "parr",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": ordered_rules,
                    }
                },
                "automationDetails": {"id": "parr/check/"},
                "results": results,
                "properties": {
                    "verdicts": {r.agent_id: {"stage": r.stage.value, "verdict": r.verdict} for r in reports},
                },
            }
        ],
    }


def render(reports: Sequence[Report], color: bool = False) -> str:
    return json.dumps(document(reports), indent=2) + "\n"
