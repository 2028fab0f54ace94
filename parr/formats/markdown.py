"""Markdown for a pull-request comment: the verdict first, then what blocks, then warnings.

A comment on GitHub holds at most 65,536 characters: the report stops before that and says how
many findings and agents it left out. Where CI says which repository and commit the run is on,
each location links to the file at that commit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING
from urllib.parse import quote

from parr.documents.escape import MarkdownText, code_span
from parr.findings import Finding
from parr.formats.common import blocking_from, not_applicable_by_reason, plural, problems, repo_path, set_aside
from parr.formats.common import display_path as where_path
from parr.verdict import ItemResult, Report

if TYPE_CHECKING:
    from parr.formats import RenderContext

# Below GitHub's 65,536-character limit for a comment, with room for the marker and footer a CI
# step adds to find and update its own comment.
MAX_CHARS = 64_000
_TRUNCATION_RESERVE = 400
_SHA = re.compile(r"[0-9a-fA-F]{7,64}")
_URL = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~%/-]*)?")


def ci_link_base(env: Mapping[str, str]) -> str | None:
    """`<server>/<repo>/blob/<sha>/` from GitHub Actions' or GitLab CI's variables; None when
    they are absent or do not look like a URL and a commit (no link beats a wrong one)."""
    server, repository, sha = env.get("GITHUB_SERVER_URL", ""), env.get("GITHUB_REPOSITORY", ""), env.get("GITHUB_SHA", "")
    if server and repository and sha:
        base = f"{server.rstrip('/')}/{repository.strip('/')}"
        if _URL.fullmatch(base) and _SHA.fullmatch(sha):
            return f"{base}/blob/{sha}/"
    project, commit = env.get("CI_PROJECT_URL", ""), env.get("CI_COMMIT_SHA", "")
    if project and commit and _URL.fullmatch(project.rstrip("/")) and _SHA.fullmatch(commit):
        return f"{project.rstrip('/')}/-/blob/{commit}/"
    return None


def _cell(text: str) -> str:
    """Untrusted text (messages quote manifest values, tool names and code) made inert: it can
    neither break the table nor open HTML, links or a fence."""
    return MarkdownText(text)


class _Place:
    """Where a finding is, as a code span, linked to the file at the commit when CI says where."""

    def __init__(self, context: RenderContext) -> None:
        self.root = context.repo_root
        self.link_base = context.link_base

    def __call__(self, finding: Finding) -> str:
        if finding.file is None:
            return ""
        rel = repo_path(finding.file, self.root)
        shown = f"{rel}:{finding.line}" if finding.line else (rel or "")
        span = code_span(shown)
        inside = self.root is not None and rel is not None and not rel.startswith(("/", "../"))
        if self.link_base and inside and rel:
            anchor = f"#L{finding.line}" if finding.line else ""
            return f"[{span}]({self.link_base}{quote(rel, safe='/')}{anchor})"
        return span


def _rows(results: Sequence[ItemResult], place: _Place, pick=problems) -> list[tuple[str, str]]:  # noqa: ANN001
    rows = [("| check | severity | finding | where |", "other"), ("|---|---|---|---|", "other")]
    for result in results:
        for finding in pick(result):
            rows.append((f"| `{result.item.id}` {_cell(result.item.title)} | {result.item.severity.value} | "
                         f"{_cell(finding.message)} | {place(finding)} |", "finding"))
    return rows


def _counts_line(report: Report) -> str:
    counts = report.counts()
    line = (f"{counts['pass']} passed · {counts['blocking']} blocking · "
            f"{plural(counts['fail'] + counts['error'] - counts['blocking'], 'warning')} · {counts['waived']} waived · "
            f"{counts['not_applicable']} not applicable")
    if counts["decided"]:
        line += f" · {counts['decided']} decided"
    if counts["baselined"]:
        line += f" · {counts['baselined']} baselined"
    if counts["not_in_scope"]:
        line += f" · {counts['not_in_scope']} not in scope"
    return line


def _report(report: Report, place: _Place, context: RenderContext) -> list[tuple[str, str]]:
    mark = "✅" if report.verdict == "GO" else "❌"
    out: list[tuple[str, str]] = [
        (f"### {mark} {report.verdict}: {code_span(report.agent_id)} at stage `{report.stage.value}`", "agent"),
        ("", "other"), (_counts_line(report), "other"), ("", "other"),
    ]
    blocking = [r for r in report.results if r.blocking]
    warnings = [r for r in report.results if r.outcome in ("fail", "error") and not r.blocking]
    if blocking:
        out += [("**Blocking**", "other"), ("", "other"), *_rows(blocking, place), ("", "other")]
    if warnings:
        out += [("<details><summary>Warnings (block at a later stage)</summary>", "open"), ("", "other"),
                *_rows(warnings, place), ("", "other")]
        out += [(f"- `{r.item.id}` blocks from `{blocking_from(r)}`", "other") for r in warnings]
        out += [("", "other"), ("</details>", "close"), ("", "other")]
    aside = [r for r in report.results if set_aside(r) and r.waiver is None]
    if aside:
        why = []
        if context.baseline:
            why.append(f"baselined in {code_span(context.baseline)}")
        if context.since:
            why.append(f"outside the files changed since {code_span(context.since)}")
        title = f"Known, not blocking ({'; '.join(why) or 'baselined or not in scope'})"
        out += [(f"<details><summary>{title}</summary>", "open"), ("", "other"),
                *_rows(aside, place, set_aside), ("", "other"), ("</details>", "close"), ("", "other")]
    waived = [r for r in report.results if r.waiver is not None]
    if waived:
        out += [("**Waived**", "other"), ("", "other")]
        out += [(f"- `{r.item.id}` by {code_span(r.waiver.owner)} until {r.waiver.expires.isoformat()}: "
                 f"{_cell(r.waiver.reason)}", "other") for r in waived if r.waiver]
        out.append(("", "other"))
    decided = [r for r in report.results if r.decision is not None]
    if decided:
        out += [("**Decided not to apply**", "other"), ("", "other")]
        out += [(f"- `{r.item.id}` by {code_span(r.decision.owner)} on {r.decision.decided.isoformat()}, review by "
                 f"{r.decision.review_by.isoformat()}: {_cell(r.decision.reason)}", "other") for r in decided if r.decision]
        out.append(("", "other"))
    exempt = not_applicable_by_reason(report)
    if exempt and report.agent_kind is not None:
        out += [(f"**Not applicable to kind {code_span(report.agent_kind.value)}**", "other"), ("", "other")]
        out += [(f"- {', '.join(f'`{i}`' for i in ids)}: {_cell(reason)}", "other") for reason, ids in exempt]
        out.append(("", "other"))
    if report.suppressions:
        out += [("**Suppressed inline**", "other"), ("", "other")]
        out += [
            (f"- {code_span(n.check)} at {code_span(f'{where_path(n.file)}:{n.line}')}: {_cell(n.reason)}" if n.accepted
             else f"- {code_span(n.check)} at {code_span(f'{where_path(n.file)}:{n.line}')} has no reason and does not count",
             "other")
            for n in report.suppressions
        ]
        out.append(("", "other"))
    if report.waiver_notes:
        out += [("**Waiver notes**", "other"), ("", "other")]
        out += [(f"- {_cell(n.message)}", "other") for n in report.waiver_notes] + [("", "other")]
    if report.decision_notes:
        out += [("**Decision notes**", "other"), ("", "other")]
        out += [(f"- {_cell(n.message)}", "other") for n in report.decision_notes] + [("", "other")]
    return out


def _broken(context: RenderContext) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for broken in context.broken:
        shown = repo_path(broken.manifest, context.repo_root) or broken.manifest
        out += [(f"### ⚠️ ERROR: {code_span(shown)} could not be checked", "agent"), ("", "other")]
        out += [(f"- {_cell(problem)}", "other") for problem in broken.problems]
        out.append(("", "other"))
    return out


def _capped(lines: list[tuple[str, str]], limit: int) -> list[str]:
    """The lines that fit in `limit` characters; past that, a count of the findings and agents
    left out, with any open <details> closed so the rest of the page renders."""
    kept: list[str] = []
    size = 0
    open_details = 0
    for index, (text, kind) in enumerate(lines):
        if size + len(text) + 1 > limit - _TRUNCATION_RESERVE:
            rest = lines[index:]
            findings = sum(1 for _, k in rest if k == "finding")
            agents = sum(1 for _, k in rest if k == "agent")
            kept += ["</details>"] * open_details
            left = [plural(findings, "finding")] + ([plural(agents, "more agent")] if agents else [])
            kept += ["", f"**Cut here:** {' and '.join(left)} left out to stay below GitHub's 65,536-character "
                         "limit for a comment; the `--format json` or `--format sarif` report has them all."]
            return kept
        kept.append(text)
        size += len(text) + 1
        open_details += {"open": 1, "close": -1}.get(kind, 0)
    return kept


def render(reports: Sequence[Report], color: bool = False, context: RenderContext | None = None,
           limit: int = MAX_CHARS) -> str:
    from parr.formats import RenderContext

    context = context or RenderContext()
    overall = "NO-GO" if any(r.verdict == "NO-GO" for r in reports) else "GO"
    if context.broken:
        overall += f" (and {plural(len(context.broken), 'manifest')} that could not be checked)"
    place = _Place(context)
    lines: list[tuple[str, str]] = [(f"## parr check: {overall}", "other"), ("", "other")]
    lines += _broken(context)
    for report in reports:
        lines += _report(report, place, context)
    return "\n".join(_capped(lines, limit)).rstrip() + "\n"

