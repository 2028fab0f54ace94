"""JUnit XML that CI systems read: a testsuite per agent, a testcase per checklist item.

Suite names carry no stage, so a promotion does not turn every test into a new one in CI history;
the stage is a suite property. A failing case names the file and line of its first finding (the
`file` and `line` attributes GitLab and CircleCI read) and every finding in its text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from parr.findings import Finding
from parr.formats.common import problems, repo_path, set_aside
from parr.verdict import ItemResult, Report

if TYPE_CHECKING:
    from parr.formats import RenderContext


def _where(finding: Finding, root: Path | None) -> str:
    path = repo_path(finding.file, root)
    if path is None:
        return ""
    return f"{path}:{finding.line}" if finding.line else path


def _lines(findings: Sequence[Finding], root: Path | None) -> str:
    return "\n".join(f"{_where(f, root)}: {f.message}".lstrip(": ") for f in findings)


def _locate(case: ET.Element, findings: Sequence[Finding], root: Path | None) -> None:
    first = next((f for f in findings if f.file), None)
    if first is not None:
        case.set("file", repo_path(first.file, root) or "")
        if first.line:
            case.set("line", str(first.line))


def _case(suite: ET.Element, report: Report, result: ItemResult, root: Path | None, counts: dict[str, int]) -> None:
    item = result.item
    case = ET.SubElement(suite, "testcase", classname=f"parr.{report.agent_id}.{item.area}", name=f"{item.id} {item.title}",
                         time="0")
    counts["tests"] += 1
    found = problems(result)
    detail = _lines(found, root)
    if result.outcome == "error" and result.blocking:
        _locate(case, found, root)
        node = ET.SubElement(case, "error", message=detail.splitlines()[0] if detail else "check error", type="error")
        node.text = detail
        counts["errors"] += 1
    elif result.outcome == "fail" and result.blocking:
        _locate(case, found, root)
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
        ET.SubElement(case, "skipped",
                      message=f"waived by {waiver.owner} until {waiver.expires.isoformat()}: {waiver.reason}")
        counts["skipped"] += 1
    elif result.outcome == "waived":
        suppressed = "; ".join(f.message for f in result.findings if f.outcome == "waived")
        ET.SubElement(case, "skipped", message=f"suppressed inline: {suppressed}")
        counts["skipped"] += 1
    elif result.outcome in ("baselined", "not_in_scope"):
        aside = set_aside(result)
        why = "in the baseline" if result.outcome == "baselined" else "outside the files changed since the --since ref"
        _locate(case, aside, root)
        ET.SubElement(case, "skipped", message=f"{len(aside)} known failure(s) {why}: {aside[0].message}" if aside else why)
        out = ET.SubElement(case, "system-out")
        out.text = _lines(aside, root)
        counts["skipped"] += 1
    elif result.outcome in ("fail", "error"):
        # Below its blocking stage a failure is a warning: the case passes and says so.
        out = ET.SubElement(case, "system-out")
        out.text = f"WARNING (blocks from {getattr(item.blocking_from, 'value', item.blocking_from)}): {detail}"


def _suite(root_el: ET.Element, name: str, properties: dict[str, str]) -> ET.Element:
    suite = ET.SubElement(root_el, "testsuite", name=name)
    props = ET.SubElement(suite, "properties")
    for key, value in properties.items():
        ET.SubElement(props, "property", name=key, value=value)
    return suite


def render(reports: Sequence[Report], color: bool = False, context: RenderContext | None = None) -> str:
    from parr.formats import RenderContext

    context = context or RenderContext()
    root_el = ET.Element("testsuites", name="parr check")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    suites: list[tuple[ET.Element, dict[str, int]]] = []
    for report in reports:
        suite = _suite(root_el, f"parr check {report.agent_id}",
                       {"stage": report.stage.value, "verdict": report.verdict,
                        "manifest": repo_path(report.manifest, context.repo_root) or report.manifest})
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for result in report.results:
            _case(suite, report, result, context.repo_root, counts)
        suites.append((suite, counts))
    for broken in context.broken:
        shown = repo_path(broken.manifest, context.repo_root) or broken.manifest
        suite = _suite(root_el, f"parr check {shown}", {"manifest": shown})
        case = ET.SubElement(suite, "testcase", classname="parr.manifest", name="the manifest can be read", time="0",
                             file=shown)
        node = ET.SubElement(case, "error", message=broken.problems[0], type="input")
        node.text = "\n".join(broken.problems)
        suites.append((suite, {"tests": 1, "failures": 0, "errors": 1, "skipped": 0}))
    for suite, counts in suites:
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        suite.set("time", "0")
    for key, value in totals.items():
        if key != "skipped":  # junit-10.xsd has no `skipped` on <testsuites>; each suite carries its own
            root_el.set(key, str(value))
    root_el.set("time", "0")
    ET.indent(root_el)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root_el, encoding="unicode") + "\n"
