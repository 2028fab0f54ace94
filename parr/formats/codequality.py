"""GitLab Code Quality (`--format gitlab-codequality`): the JSON array GitLab's merge-request widget reads.

Each issue has the documented fields (description, check_name, fingerprint, severity,
location.path relative to the repository root, location.lines.begin). Fingerprints come from
check, agent and the finding's line-free key, and are unique within the report: GitLab shows only
the first issue with a given fingerprint. Baselined, out-of-scope, waived and suppressed findings
are left out: GitLab itself compares the report with the target branch's.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from parr.formats.common import problems, repo_path
from parr.verdict import Report

if TYPE_CHECKING:
    from parr.formats import RenderContext

_BLOCKING = {"critical": "blocker", "high": "critical", "medium": "major", "low": "minor"}
_WARNING = {"critical": "minor", "high": "minor", "medium": "minor", "low": "info"}


def _fingerprint(seen: Counter[str], *parts: str) -> str:
    base = "\x1f".join(parts)
    seen[base] += 1
    occurrence = seen[base]
    # A second finding with the same key gets its own fingerprint, stable as long as the order is.
    text = base if occurrence == 1 else f"{base}\x1f{occurrence}"
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def document(reports: Sequence[Report], context: RenderContext | None = None) -> list[dict[str, Any]]:
    from parr.formats import RenderContext

    context = context or RenderContext()
    issues: list[dict[str, Any]] = []
    seen: Counter[str] = Counter()
    for broken in context.broken:
        path = repo_path(broken.manifest, context.repo_root) or broken.manifest
        for problem in broken.problems:
            issues.append({"engine_name": "parr", "type": "issue", "check_name": "parr/manifest",
                           "description": f"manifest could not be checked: {problem}",
                           "fingerprint": _fingerprint(seen, "manifest", path, problem), "severity": "blocker",
                           "categories": ["Bug Risk"], "location": {"path": path, "lines": {"begin": 1}}})
    for report in reports:
        for result in report.results:
            if result.waiver is not None:
                continue
            item = result.item
            for finding in problems(result):
                key = finding.key or finding.message
                path = repo_path(finding.file or report.manifest, context.repo_root) or report.manifest
                severity = (_BLOCKING if result.blocking else _WARNING)[item.severity.value]
                issues.append({
                    "engine_name": "parr",
                    "type": "issue",
                    "check_name": f"parr/{item.id}",
                    "description": f"{item.id} {item.title}: {finding.message} ({report.agent_id}, stage "
                                   f"{report.stage.value}{'' if result.blocking else ', not blocking yet'})",
                    "fingerprint": _fingerprint(seen, item.id, report.agent_id, key),
                    "severity": severity,
                    "categories": ["Security" if item.owner == "Security" else "Bug Risk"],
                    "location": {"path": path, "lines": {"begin": max(1, finding.line or 1)}},
                })
    return issues


def render(reports: Sequence[Report], color: bool = False, context: RenderContext | None = None) -> str:
    return json.dumps(document(reports, context), indent=2, ensure_ascii=False) + "\n"
