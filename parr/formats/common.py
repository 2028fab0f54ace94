"""Small helpers the renderers share: paths as shown to users, stage names, finding locations."""

from __future__ import annotations

import os
from pathlib import Path

from parr.findings import Finding
from parr.verdict import ItemResult, Report


def display_path(path: str | None) -> str | None:
    """Relative to the working directory when inside it, with '/', as CI annotations expect."""
    if path is None:
        return None
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            candidate = candidate.relative_to(Path.cwd())
        except ValueError:
            return candidate.as_posix()
    return candidate.as_posix() if os.sep == "/" else str(candidate).replace(os.sep, "/")


def where(finding: Finding) -> str:
    path = display_path(finding.file)
    if path is None:
        return ""
    return f"{path}:{finding.line}" if finding.line else path


def problems(result: ItemResult) -> list[Finding]:
    """The findings worth showing for an item: failures and errors, else nothing."""
    return [f for f in result.findings if f.outcome in ("fail", "error")]


def blocking_from(result: ItemResult) -> str:
    return str(getattr(result.item.blocking_from, "value", result.item.blocking_from))


def not_applicable_by_reason(report: Report) -> list[tuple[str, list[str]]]:
    """The items the agent's kind exempts, grouped by the checklist's reason, in checklist order."""
    groups: dict[str, list[str]] = {}
    for result in report.results:
        if result.not_applicable_reason is not None:
            groups.setdefault(result.not_applicable_reason, []).append(result.item.id)
    return list(groups.items())


def plural(count: int, word: str) -> str:
    """`1 warning`, `2 warnings`."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def repo_path(path: str | None, root: Path | None) -> str | None:
    """Relative to the repository root when inside it (as CI links files), else as `display_path`."""
    if path is None:
        return None
    if root is not None:
        try:
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
        except ValueError:
            pass
    return display_path(path)


def set_aside(result: ItemResult) -> list[Finding]:
    """Failures a --baseline or --since set aside: reported, not blocking."""
    return [f for f in result.findings if f.outcome in ("baselined", "not_in_scope")]
