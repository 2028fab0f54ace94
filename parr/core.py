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


def run_check(request: CheckRequest, checklist: Checklist | None = None) -> list[Report]:
    checklist = checklist or load_checklist(list(request.checklist_files))
    if request.all_manifests:
        if request.manifest is not None:
            raise ParrInputError("--all and --manifest cannot be combined; --all finds every parr.yaml itself.")
        paths = find_all_manifests(request.path)
    else:
        paths = [find_manifest(request.path, request.manifest)]
    reports: list[Report] = []
    problems: list[str] = []
    loaded_all = []
    for path in paths:
        try:
            loaded_all.append(load_manifest(path))
        except ParrInputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ParrInputError(problems[0], problems)
    for loaded in loaded_all:
        facts = gather_facts(loaded, today=request.today, scan_code=request.scan_code)
        stage = request.stage or default_stage(loaded.path)
        reports.append(evaluate(checklist, facts, stage))
    return reports
