"""Baselines and changed-only runs: known failures and failures outside the change reported, not blocking."""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from parr import __version__
from parr.errors import ParrInputError
from parr.findings import Finding, Outcome
from parr.verdict import ItemResult, Report

BASELINE_SCHEMA_VERSION = "1"
BASELINE_KIND = "parr-baseline"
# Failures a baseline or a --since scope may set aside. An `error` (parr could not judge) never:
# it is not a known finding, it is parr not seeing.
_SET_ASIDE_FROM = ("fail",)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class BaselineEntry(_Frozen):
    check: str = Field(min_length=1)
    agent: str = Field(min_length=1)
    key: str = Field(min_length=1)
    count: int = Field(1, ge=1)  # findings with this very key the baseline accepts; one more is new
    message: str = ""  # for people reading the file; matching ignores it


class Baseline(_Frozen):
    schema_version: Literal["1"]
    parr_version: str
    kind: Literal["parr-baseline"]
    entries: tuple[BaselineEntry, ...]

    def allowance(self) -> Counter[tuple[str, str, str]]:
        allowed: Counter[tuple[str, str, str]] = Counter()
        for entry in self.entries:
            allowed[(entry.check, entry.agent, entry.key)] += entry.count
        return allowed


Decide = Callable[[ItemResult, Finding], bool]


# ---- writing and reading -------------------------------------------------------------------


def baseline_of(reports: Sequence[Report]) -> Baseline:
    """Every failure of these reports, by check, agent and key. Findings of waived items are left
    out: a waiver's expiry must still bring them back."""
    counts: Counter[tuple[str, str, str]] = Counter()
    messages: dict[tuple[str, str, str], str] = {}
    for report in reports:
        for result in report.results:
            if result.waiver is not None or getattr(result, "decision", None) is not None:
                continue  # set aside by a person, who may take it back: never folded into the baseline
            for finding in result.findings:
                if finding.outcome in ("fail", "baselined", "not_in_scope") and finding.key:
                    ident = (result.item.id, report.agent_id, finding.key)
                    counts[ident] += 1
                    messages.setdefault(ident, finding.message)
    entries = tuple(BaselineEntry(check=c, agent=a, key=k, count=n, message=messages[(c, a, k)])
                    for (c, a, k), n in sorted(counts.items()))
    return Baseline(schema_version=BASELINE_SCHEMA_VERSION, parr_version=__version__, kind=BASELINE_KIND, entries=entries)


def dump_baseline(baseline: Baseline) -> str:
    # schema_version then parr_version first: how parr recognises a file it wrote (parr.cliutil).
    return json.dumps(baseline.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def load_baseline(path: Path) -> Baseline:
    """The baseline at `path`; anything else is one ParrInputError naming the file and the place."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ParrInputError(f"{path}: no such baseline file; write one with `parr check --write-baseline {path}`.") from None
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ParrInputError(f"{path}: cannot read the baseline ({why}).") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParrInputError(f"{path}:{exc.lineno}: the baseline is not valid JSON ({exc.msg}); "
                             "write it again with --write-baseline.") from None
    if not isinstance(data, dict) or data.get("kind") != BASELINE_KIND:
        raise ParrInputError(f"{path}: not a parr baseline (no \"kind\": \"{BASELINE_KIND}\"); "
                             "write one with --write-baseline.")
    if data.get("schema_version") != BASELINE_SCHEMA_VERSION:
        raise ParrInputError(f"{path}: baseline schema_version {data.get('schema_version')!r} is not one this parr "
                             f"reads ({BASELINE_SCHEMA_VERSION!r}); write it again with --write-baseline.")
    try:
        return Baseline.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "the top level"
        raise ParrInputError(f"{path}: baseline field {where}: {first['msg']}; "
                             "fix it or write it again with --write-baseline.") from None


# ---- applying ------------------------------------------------------------------------------


def _item_outcome(result: ItemResult, findings: Iterable[Finding]) -> Outcome:
    if result.waiver is not None:
        return "waived"
    if getattr(result, "decision", None) is not None:
        return "decided"  # an owner's standing decision: the baseline neither adds to nor takes from it
    kinds = {f.outcome for f in findings}
    for outcome in ("error", "fail", "baselined", "not_in_scope", "waived"):
        if outcome in kinds:
            return outcome  # type: ignore[return-value]
    return result.outcome


def _rejudge(report: Report, results: list[ItemResult]) -> Report:
    verdict = "NO-GO" if any(r.blocking for r in results) else "GO"
    return report.model_copy(update={"results": tuple(results), "verdict": verdict})


def _set_aside(report: Report, outcome: Outcome, decide: Decide) -> Report:
    results = []
    for result in report.results:
        findings = tuple(f.model_copy(update={"outcome": outcome}) if f.outcome in _SET_ASIDE_FROM and decide(result, f)
                         else f for f in result.findings)
        if findings == result.findings:
            results.append(result)
            continue
        item_outcome = _item_outcome(result, findings)
        blocking = item_outcome in ("fail", "error") and result.item.blocks_at(report.stage)
        results.append(result.model_copy(update={"findings": findings, "outcome": item_outcome, "blocking": blocking}))
    return _rejudge(report, results)


def apply_baseline(reports: Sequence[Report], baseline: Baseline) -> tuple[list[Report], int]:
    """Failures the baseline holds become `baselined` (each key as often as the baseline counts
    it, so a second finding with a known key is new). Returns the reports and how many baseline
    entries matched nothing (fixed since, or their key changed)."""
    allowed = baseline.allowance()

    def known(report: Report) -> Decide:
        def decide(result: ItemResult, finding: Finding) -> bool:
            if result.waiver is not None or not finding.key:
                return False
            ident = (result.item.id, report.agent_id, finding.key)
            if allowed[ident] <= 0:
                return False
            allowed[ident] -= 1
            return True

        return decide

    out = [_set_aside(report, "baselined", known(report)) for report in reports]
    return out, sum(1 for n in allowed.values() if n > 0)


def apply_scope(reports: Sequence[Report], changed: frozenset[str], repo_root: Path) -> list[Report]:
    """Failures in a file of the repository that is not among `changed` (paths relative to
    `repo_root`) become `not_in_scope`. Findings in parr.yaml, or with no file, stay in scope."""
    root = os.path.realpath(repo_root)

    def decide_for(report: Report) -> Decide:
        manifest = os.path.realpath(report.manifest)

        def decide(result: ItemResult, finding: Finding) -> bool:
            if finding.file is None:
                return False
            real = os.path.realpath(finding.file)
            if real == manifest:
                return False
            try:
                rel = Path(real).relative_to(root).as_posix()
            except ValueError:
                return False  # outside the repository: git cannot say it is unchanged
            return rel not in changed

        return decide

    return [_set_aside(report, "not_in_scope", decide_for(report)) for report in reports]


def changed_since(path: Path, ref: str) -> tuple[Path, frozenset[str]]:
    """The repository root and every file that differs between `ref` and the work tree: committed
    since (diff-tree), changed in the index or on disk (hashed by parr.gitinfo), or untracked.
    Plumbing only (parr.git_safe); a bad ref or no repository is a ParrInputError."""
    from parr.gitinfo import git_context
    from parr.git_safe import run_git

    if ref.startswith("-"):
        raise ParrInputError(f"--since {ref}: a git ref cannot start with '-'.")
    git = git_context(path)
    if git.root is None or git.commit is None:
        raise ParrInputError(f"--since needs a git repository with a commit; {git.note or f'{path} has none'}.")
    resolved = run_git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], git.root)
    if not resolved.ok or not resolved.text():
        raise ParrInputError(f"--since {ref}: no such commit in {git.root} (a shallow clone? fetch the ref first).")
    committed = run_git(["diff-tree", "-r", "--name-only", "--no-renames", "-z", resolved.text(), git.commit], git.root)
    if not committed.ok:
        raise ParrInputError(f"--since {ref}: git cannot compare it with HEAD ({committed.why()}).")
    untracked = run_git(["ls-files", "--others", "--exclude-standard", "-z", "--full-name"], git.root)
    if not untracked.ok:
        raise ParrInputError(f"--since {ref}: git cannot list untracked files ({untracked.why()}).")
    worktree = git.worktree
    if worktree.problem:
        raise ParrInputError(f"--since {ref}: {worktree.problem}, so parr cannot tell what changed.")
    names = {os.fsdecode(n) for n in committed.stdout.split(b"\0") if n}
    names |= {os.fsdecode(n) for n in untracked.stdout.split(b"\0") if n}
    names |= set(worktree.changed)
    return git.root, frozenset(names)
