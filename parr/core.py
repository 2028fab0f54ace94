"""The use cases the CLI calls: find manifests, gather facts, run the checklist, return reports."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from parr.checklist import Checklist, load_checklist
from parr.errors import ParrInputError
from parr.facts import gather_facts
from parr.manifest.loader import MANIFEST_NAME, find_manifest, load_manifest
from parr.stages import Stage
from parr.verdict import Report, evaluate

# Directories never searched for manifests: vendored code and build output hold other people's.
_PRUNE = frozenset({".git", "node_modules", ".venv", "venv", "__pycache__", ".tox", "dist", "build", ".parr"})


@dataclass(frozen=True)
class CheckRequest:
    path: Path
    manifest: Path | None = None
    stage: Stage | None = None
    all_manifests: bool = False
    checklist_files: tuple[Path, ...] = ()
    today: dt.date | None = None
    scan_code: bool = True


def find_all_manifests(root: Path) -> list[Path]:
    """Every parr.yaml under root, skipping vendored and build directories, in a stable order."""
    if not root.is_dir():
        raise ParrInputError(f"{root}: --all needs a directory.")
    found: list[Path] = []
    for directory, subdirs, files in os.walk(root, followlinks=False):
        subdirs[:] = sorted(d for d in subdirs if d not in _PRUNE)
        if MANIFEST_NAME in files:
            found.append(Path(directory) / MANIFEST_NAME)
    if not found:
        raise ParrInputError(f"{root}: no {MANIFEST_NAME} anywhere under it.")
    return sorted(found)


def default_stage(manifest_path: Path) -> Stage:
    """The stage to judge when none is given: the rollout ledger's, else propose."""
    from parr.rollout import current_stage

    return current_stage(manifest_path)


@dataclass(frozen=True)
class BrokenManifest:
    """A manifest `--all` found but could not judge: its own problems (YAML, fields, its ledger)."""

    manifest: str
    problems: tuple[str, ...]


@dataclass(frozen=True)
class CheckRun:
    reports: tuple[Report, ...]
    broken: tuple[BrokenManifest, ...] = ()


def run_check(request: CheckRequest, checklist: Checklist | None = None) -> list[Report]:
    """Every report, or a ParrInputError listing every problem when any manifest is broken."""
    run = run_checks(request, checklist)
    if run.broken:
        problems = [p for broken in run.broken for p in broken.problems]
        raise ParrInputError(problems[0], problems)
    return list(run.reports)


def run_checks(request: CheckRequest, checklist: Checklist | None = None) -> CheckRun:
    """Judge one manifest (its problems raise), or with --all every manifest found: one that
    cannot be judged is returned as broken and the others are still judged."""
    checklist = checklist or load_checklist(list(request.checklist_files))
    if request.all_manifests:
        if request.manifest is not None:
            raise ParrInputError("--all and --manifest cannot be combined; --all finds every parr.yaml itself.")
        paths = find_all_manifests(request.path)
    else:
        paths = [find_manifest(request.path, request.manifest)]
    reports: list[Report] = []
    broken: list[BrokenManifest] = []
    from parr.policy.isolated import engine_session

    with engine_session():  # one policy engine process for every agent of the run
        for path in paths:
            _judge_one(request, checklist, path, reports, broken)
    return CheckRun(tuple(reports), tuple(broken))


def _judge_one(request: CheckRequest, checklist: Checklist, path: Path, reports: list[Report],
               broken: list[BrokenManifest]) -> None:
    """One manifest's report, or (with --all) its problems as a broken manifest."""
    try:
        loaded = load_manifest(path)
        stage = request.stage or default_stage(loaded.path)  # a broken ledger is this agent's problem
        facts = gather_facts(loaded, today=request.today, scan_code=request.scan_code)
        reports.append(evaluate(checklist, facts, stage))
    except ParrInputError as exc:
        if not request.all_manifests:
            raise
        broken.append(BrokenManifest(str(path), tuple(exc.problems)))
