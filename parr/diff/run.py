"""`parr diff`: judge the agent at two revisions and say what moved (use case; the CLI only parses)."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from parr.checklist import Checklist, load_checklist
from parr.diff.code import compare_tools
from parr.diff.findings import compare_findings
from parr.diff.manifest import compare_manifests
from parr.diff.model import AgentDiff, Change, DiffReport, SideSummary, RISK_ORDER
from parr.diff.policy import compare_policies
from parr.diff.revision import (
    Revision, changed_paths, default_base, materialize, repository_root, resolve_commit,
)
from parr.errors import ParrInputError
from parr.manifest.loader import MANIFEST_NAME
from parr.stages import Stage

@dataclass(frozen=True)
class DiffRequest:
    path: Path
    base: str | None = None
    head: str | None = None
    stage: Stage | None = None
    all_manifests: bool = False
    checklist_files: tuple[Path, ...] = ()
    today: dt.date | None = None


def split_arguments(args: tuple[str, ...], cwd: Path) -> tuple[str | None, str | None, Path]:
    """`[BASE [HEAD]] [PATH]`: revisions first, then at most one path. A word that names both a
    revision and a directory is taken as a revision unless it is the last of three, as git does
    with `--`, which also works here (`parr diff main -- agents/x`)."""
    words = list(args)
    path: Path | None = None
    if "--" in words:
        at = words.index("--")
        rest = words[at + 1:]
        words = words[:at]
        if len(rest) > 1:
            raise ParrInputError("parr diff takes one PATH after `--`.")
        path = Path(rest[0]) if rest else None
    if len(words) > 3 or (path is not None and len(words) > 2):
        raise ParrInputError("parr diff takes at most BASE, HEAD and one PATH.")
    probe = cwd if cwd.is_dir() else Path(".")
    try:
        root = repository_root(probe)
    except ParrInputError:
        root = None
    revs: list[str] = []
    for position, word in enumerate(words):
        last = position == len(words) - 1
        is_rev = root is not None and resolve_commit(root, word) is not None
        if path is None and last and (not is_rev or len(words) == 3) and Path(word).exists():
            path = Path(word)
        elif is_rev:
            revs.append(word)
        elif Path(word).exists() and path is None and last:
            path = Path(word)
        else:
            raise ParrInputError(f"'{word}' is neither a git revision nor an existing path; "
                                 "give parr diff [BASE [HEAD]] [PATH].")
    base = revs[0] if revs else None
    head = revs[1] if len(revs) > 1 else None
    return base, head, path or Path(".")


def run_diff(request: DiffRequest) -> DiffReport:
    from parr import __version__

    target = request.path.resolve()
    root = repository_root(target)
    rel = _relative(target, root)
    if request.base is not None:
        commit = resolve_commit(root, request.base)
        if commit is None:
            raise ParrInputError(f"'{request.base}' names no commit in {root}.")
        base = Revision(request.base, commit)
    else:
        base = default_base(root)
    head = Revision("work tree")
    if request.head is not None:
        commit = resolve_commit(root, request.head)
        if commit is None:
            raise ParrInputError(f"'{request.head}' names no commit in {root}.")
        head = Revision(request.head, commit)
    assert base.commit is not None
    changed = changed_paths(root, base.commit, head)
    checklist = load_checklist(list(request.checklist_files))
    with tempfile.TemporaryDirectory(prefix="parr-diff-") as scratch:
        base_dir = Path(scratch) / "base"
        head_dir = Path(scratch) / "head" if head.commit else root
        prefixes = [rel]
        materialize(root, base.commit, prefixes, base_dir)
        if head.commit:
            materialize(root, head.commit, prefixes, head_dir)
        agents = _agents(base_dir, head_dir, rel, request.all_manifests, target)
        diffs = []
        for agent_rel in agents:
            if request.all_manifests and not _touched(agent_rel, changed, base_dir, head_dir):
                continue
            diffs.append(_diff_agent(root, agent_rel, base, head, base_dir, head_dir, checklist, request))
    return DiffReport(parr_version=__version__, repository=str(root), base=_label(base), head=_label(head),
                      agents=tuple(diffs))


def _label(rev: Revision) -> str:
    return f"{rev.label} ({rev.commit[:12]})" if rev.commit and rev.commit[:12] not in rev.label else rev.label


def _relative(target: Path, root: Path) -> str:
    try:
        rel = target.relative_to(root.resolve()).as_posix()
    except ValueError:
        raise ParrInputError(f"{target} is outside the git repository {root}.") from None
    return "" if rel == "." else rel


def _manifests_under(top: Path) -> list[str]:
    from parr.core import find_all_manifests

    try:
        return [p.parent.relative_to(top).as_posix() for p in find_all_manifests(top)]
    except ParrInputError:
        return []  # none here (or no such directory at this revision)


def _agents(base_dir: Path, head_dir: Path, rel: str, all_manifests: bool, target: Path) -> list[str]:
    """Agent directories (repository-relative) on either side."""
    def sub(top: Path) -> Path:
        return top / rel if rel else top

    if not all_manifests:
        # With no parr.yaml at either revision, the code is still compared (the tool surface alone).
        return [rel]
    found = {_join(rel, a) for a in _manifests_under(sub(base_dir)) + _manifests_under(sub(head_dir))}
    if not found:
        raise ParrInputError(f"{target}: no {MANIFEST_NAME} under it at either revision.")
    return sorted(found)


def _join(rel: str, inner: str) -> str:
    inner = "" if inner == "." else inner
    return "/".join(p for p in (rel, inner) if p)


def _touched(agent_rel: str, changed: set[str], base_dir: Path, head_dir: Path) -> bool:
    prefix = f"{agent_rel}/" if agent_rel else ""
    if any(p.startswith(prefix) for p in changed):
        return True
    from parr.manifest.loader import load_manifest

    for top in (base_dir, head_dir):
        manifest = (top / agent_rel / MANIFEST_NAME) if agent_rel else top / MANIFEST_NAME
        try:
            loaded = load_manifest(manifest)
        except (ParrInputError, OSError):
            continue
        if any(path in changed for path in _named_paths(loaded.manifest, agent_rel)):
            return True
    return False


def _named_paths(manifest, agent_rel: str) -> list[str]:
    """The files the manifest names, as repository-relative paths ('../' when outside the repository)."""
    from parr.manifest.references import referenced_files

    return [os.path.normpath(os.path.join(agent_rel, name)).replace(os.sep, "/") for name in referenced_files(manifest)]


def _referenced_outside(root: Path, commit: str, agent_rel: str, side_dir: Path, manifest) -> None:
    """Files the manifest names outside its directory (a shared policy, say) are read at the same revision."""
    wanted = []
    for resolved in _named_paths(manifest, agent_rel):
        if resolved.startswith("../") or resolved == ".." or os.path.isabs(resolved):
            continue  # outside the repository: the same file for both sides, read where it is
        if agent_rel and resolved.startswith(agent_rel + "/"):
            continue
        wanted.append(resolved)
    if wanted:
        materialize(root, commit, wanted, side_dir)


def _side(label: Revision, agent_dir: Path, checklist: Checklist, stage: Stage, today: dt.date | None,
          before_facts=None):
    """(summary, loaded, facts, report) of one revision; a missing or broken manifest is a summary, not an
    error. `before_facts(manifest)` runs between loading the manifest and reading what it names."""
    from parr.facts import gather_facts
    from parr.manifest.loader import load_manifest
    from parr.verdict import evaluate

    manifest = agent_dir / MANIFEST_NAME
    if not manifest.is_file():
        scan = _scan_only(agent_dir)
        summary = SideSummary(revision=label.label, commit=label.commit, present=False,
                              tools=len(scan.tools) if scan else 0,
                              mutating=sum(1 for t in scan.tools if t.mutating) if scan else 0)
        return summary, None, _CodeOnly(scan) if scan else None, None
    try:
        loaded = load_manifest(manifest)
        if before_facts is not None:
            before_facts(loaded.manifest)
        facts = gather_facts(loaded, today=today, scan_code=True)
    except ParrInputError as exc:
        problem = exc.problems[0] if exc.problems else str(exc)
        return (SideSummary(revision=label.label, commit=label.commit, present=True,
                            problem=problem.replace(str(agent_dir) + os.sep, "")), None, None, None)
    report = evaluate(checklist, facts, stage)
    scan = facts.scan
    return (SideSummary(revision=label.label, commit=label.commit, present=True, verdict=report.verdict,
                        tools=len(scan.tools) if scan else 0,
                        mutating=sum(1 for t in scan.tools if t.mutating) if scan else 0),
            loaded, facts, report)


@dataclass(frozen=True)
class _CodeOnly:
    """The facts of a side with no manifest: only its scan (no policies, no verdict)."""

    scan: object
    policy_eval: None = None


def _scan_only(agent_dir: Path):
    from parr.scan.engine import ScanInputError, scan_repository

    if not agent_dir.is_dir():
        return None
    try:
        return scan_repository(agent_dir)
    except ScanInputError as exc:
        raise ParrInputError(str(exc)) from None


def _stage_for(request: DiffRequest, root: Path, agent_rel: str) -> Stage:
    if request.stage is not None:
        return request.stage
    manifest = (root / agent_rel / MANIFEST_NAME) if agent_rel else root / MANIFEST_NAME
    if manifest.is_file():
        from parr.core import default_stage

        try:
            return default_stage(manifest)
        except ParrInputError:
            return Stage.PROPOSE
    return Stage.PROPOSE


def _diff_agent(root: Path, agent_rel: str, base: Revision, head: Revision, base_dir: Path, head_dir: Path,
                checklist: Checklist, request: DiffRequest) -> AgentDiff:
    assert base.commit is not None
    stage = _stage_for(request, root, agent_rel)
    b_dir = base_dir / agent_rel if agent_rel else base_dir
    h_dir = head_dir / agent_rel if agent_rel else head_dir
    b_sum, b_loaded, b_facts, b_report = _side(
        base, b_dir, checklist, stage, request.today,
        lambda manifest: _referenced_outside(root, base.commit, agent_rel, base_dir, manifest))
    h_sum, h_loaded, h_facts, h_report = _side(
        head, h_dir, checklist, stage, request.today,
        (lambda manifest: _referenced_outside(root, head.commit, agent_rel, head_dir, manifest)) if head.commit else None)
    prefix = f"{agent_rel}/" if agent_rel else ""
    manifest_file = f"{prefix}{MANIFEST_NAME}"
    changes: list[Change] = []
    changes += compare_tools(b_facts.scan if b_facts else None, h_facts.scan if h_facts else None, prefix)
    changes += compare_manifests(b_loaded.manifest if b_loaded else None, h_loaded.manifest if h_loaded else None,
                                 manifest_file)
    policy_file = None
    if h_loaded and h_loaded.manifest.policies.files:
        policy_file = os.path.normpath(f"{prefix}{h_loaded.manifest.policies.files[0]}").replace(os.sep, "/")
    changes += compare_policies(b_facts.policy_eval if b_facts else None, h_facts.policy_eval if h_facts else None,
                                policy_file)
    introduced, resolved, verdict_changes = compare_findings(b_report, h_report, str(b_dir), str(h_dir), prefix)
    changes += verdict_changes
    if b_sum.present and h_sum.present and b_sum.problem is None and h_sum.problem is not None:
        changes.append(Change(area="manifest", kind="manifest_broken", subject=manifest_file, risk="high",
                              message=f"the manifest no longer loads: {h_sum.problem}", file=manifest_file))
    if not b_sum.present and h_sum.present:
        changes.insert(0, Change(area="manifest", kind="agent_added", subject=manifest_file, risk="medium",
                                 message="a new agent: its manifest is new at this revision", file=manifest_file))
    changes.sort(key=lambda c: (-RISK_ORDER[c.risk], c.area, c.subject, c.kind))
    agent_id = (h_loaded or b_loaded).manifest.agent.id if (h_loaded or b_loaded) else (agent_rel or root.name)
    return AgentDiff(agent_id=agent_id, manifest=manifest_file, stage=stage.value, base=b_sum, head=h_sum,
                     changes=tuple(changes), introduced=tuple(introduced), resolved=tuple(resolved))
