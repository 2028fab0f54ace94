"""JUnit XML that CI systems read: a testsuite per agent, a testcase per checklist item."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from parr.formats.common import problems, where
from parr.verdict import Report


def _lines(result) -> str:  # noqa: ANN001 - ItemResult
    return "\n".join(f"{where(f)}: {f.message}".lstrip(": ") for f in problems(result))


def render(reports: Sequence[Report], color: bool = False) -> str:
    root = ET.Element("testsuites", name="parr check")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for report in reports:
        suite = ET.SubElement(root, "testsuite", name=f"parr check {report.agent_id} ({report.stage.value})")
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for result in report.results:
            item = result.item
            case = ET.SubElement(
                suite, "testcase", classname=f"parr.{report.agent_id}.{item.area}", name=f"{item.id} {item.title}"
            )
            counts["tests"] += 1
            detail = _lines(result)
            if result.outcome == "error" and result.blocking:
                node = ET.SubElement(case, "error", message=detail.splitlines()[0] if detail else "check error", type="error")
                node.text = detail
                counts["errors"] += 1
            elif result.outcome == "fail" and result.blocking:
                first = detail.splitlines()[0] if detail else item.title
                node = ET.SubElement(case, "failure", message=first, type=item.severity.value)
                node.text = f"{detail}\n\nHow to fix: {item.remediation}"
                counts["failures"] += 1
            elif result.outcome == "not_applicable":
                reason = result.not_applicable_reason
                ET.SubElement(case, "skipped", message=f"not applicable: {reason}" if reason else "not applicable")
                counts["skipped"] += 1
            elif result.outcome == "decided" and result.decision is not None:
                decision = result.decision
                ET.SubElement(case, "skipped", message=f"decided not to apply by {decision.owner} (review by "
                                                       f"{decision.review_by.isoformat()}): {decision.reason}")
                counts["skipped"] += 1
            elif result.outcome == "waived" and result.waiver is not None:
                waiver = result.waiver
                ET.SubElement(
                    case, "skipped", message=f"waived by {waiver.owner} until {waiver.expires.isoformat()}: {waiver.reason}"
                )
                counts["skipped"] += 1
            elif result.outcome == "waived":
                suppressed = "; ".join(f.message for f in result.findings if f.outcome == "waived")
                ET.SubElement(case, "skipped", message=f"suppressed inline: {suppressed}")
                counts["skipped"] += 1
            elif result.outcome in ("fail", "error"):
                # Below its blocking stage a failure is a warning: the case passes and says so.
                out = ET.SubElement(case, "system-out")
                out.text = f"WARNING (blocks from {getattr(item.blocking_from, 'value', item.blocking_from)}): {detail}"
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
