"""Thousands of mutated parr.yaml files: loaded and judged in-process, a few hundred through `parr check`."""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml

from parr.checklist import load_checklist
from parr.errors import ParrInputError
from parr.facts import gather_facts
from parr.manifest.loader import load_manifest
from parr.stages import Stage
from parr.verdict import evaluate
from tests.hostile.harness import (
    MARKER,
    SEED,
    TALLY,
    changed,
    hostile_examples,
    invoke,
    judge,
    outcome,
    scaled,
    snapshot,
)
from tests.hostile.mutate import ManifestMutator

IN_PROCESS = scaled(5200)
JUDGED_IN_PROCESS = scaled(60)  # of the mutations that load, how many also go through facts and checks
THROUGH_CLI = scaled(300)
THROUGH_CLI_WITH_SCAN = scaled(20)
TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return hostile_examples(tmp_path_factory.mktemp("hostile-manifests"))


def _cases(examples: dict[str, Path], seed: int, count: int, mild: float = 0.0):
    """(case id, example copy, manifest bytes); a `mild` share keeps the shape so checks run."""
    rng = random.Random(seed)
    mutators = {name: ManifestMutator((path / "parr.yaml").read_text()) for name, path in examples.items()}
    names = sorted(examples)
    for index in range(count):
        name = rng.choice(names)
        kind, raw = mutators[name].mild(rng) if rng.random() < mild else mutators[name].mutate(rng)
        yield f"{seed}#{index} {name} {kind}", examples[name], raw


@pytest.fixture
def scratch(tmp_path: Path):
    """A folder in memory when the machine has one: thousands of small writes cost seconds on disk."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        folder = Path(tempfile.mkdtemp(prefix="parr-hostile-", dir=shm))
        yield folder
        shutil.rmtree(folder, ignore_errors=True)
    else:
        yield tmp_path


def test_mutated_manifests_load_or_fail_with_one_line_each(examples: dict[str, Path], scratch: Path) -> None:
    checklist = load_checklist([])
    originals = {root: (root / "parr.yaml").read_bytes() for root in examples.values()}
    before = {root: snapshot(root) for root in examples.values()}
    judged = 0
    manifest = scratch / "parr.yaml"
    try:
        for case, root, raw in _cases(examples, SEED, IN_PROCESS, mild=0.15):
            manifest.write_bytes(raw)
            try:
                loaded = load_manifest(manifest)
            except ParrInputError as exc:
                bad = [p for p in exc.problems if not p.startswith(str(manifest)) or "\n" in p]
                if bad:
                    TALLY.fail("load+validate (in-process)", case, f"problem not one line naming the file: {bad[0][:200]!r}")
                else:
                    TALLY.record("load+validate (in-process)", "input error")
                continue
            except Exception as exc:  # noqa: BLE001 - the failure being hunted
                TALLY.fail("load+validate (in-process)", case, f"{type(exc).__name__}: {str(exc)[:200]}")
                continue
            TALLY.record("load+validate (in-process)", "valid")
            if judged >= JUDGED_IN_PROCESS:
                continue
            judged += 1
            try:
                # Facts read the evidence beside the manifest: judge it from inside the example copy.
                (root / "parr.yaml").write_bytes(raw)
                loaded = load_manifest(root / "parr.yaml")
                facts = gather_facts(loaded, today=TODAY, scan_code=False)
                report = evaluate(checklist, facts, Stage.NARROW_PRODUCTION_WRITES)
                TALLY.record("facts+checks (in-process)", report.verdict)
            except ParrInputError as exc:
                TALLY.record("facts+checks (in-process)", "input error")
                if any("\n" in p for p in exc.problems):
                    TALLY.fail("facts+checks (in-process)", case, f"multi-line problem {exc.problems[0][:200]!r}")
            except Exception as exc:  # noqa: BLE001
                TALLY.fail("facts+checks (in-process)", case, f"{type(exc).__name__}: {str(exc)[:200]}")
    finally:
        for root, raw in originals.items():
            (root / "parr.yaml").write_bytes(raw)
    for root in examples.values():
        assert not (root / MARKER).exists()
        assert changed(before[root], snapshot(root), {"parr.yaml"}) == []
    failures = [f for f in TALLY.failures if "(in-process)" in f]
    assert TALLY.tried["load+validate (in-process)"] + len(failures) >= 5000 or IN_PROCESS < 5000
    assert not failures, "\n".join(failures[:10])


def _through_cli(examples: dict[str, Path], cache: Path, seed: int, count: int, scan: bool) -> list[str]:
    env = {"PARR_CACHE_DIR": str(cache), "PARR_TODAY": "2026-11-24", "NO_COLOR": "1"}
    originals = {root: (root / "parr.yaml").read_bytes() for root in examples.values()}
    command = "parr check" + (" (with scan)" if scan else " --no-scan")
    failures = []
    try:
        for case, root, raw in _cases(examples, seed, count, mild=0.5):
            (root / "parr.yaml").write_bytes(raw)
            before = snapshot(root)
            result = invoke(["check", str(root), "--format", "json", *([] if scan else ["--no-scan"])], root, env)
            why = judge(result, ["parr.yaml"])
            if why is None and (root / MARKER).exists():
                why = "the planted code ran: " + ((root / MARKER).read_text() or "a git hook, filter or fsmonitor")
            (root / MARKER).unlink(missing_ok=True)  # so the next case is judged on its own
            moved = changed(before, snapshot(root), {"parr.yaml", MARKER})
            if why is None and moved:
                why = f"wrote {moved[:5]}"
            if why:
                TALLY.fail(command, case, why)
                failures.append(f"{case}: {why}")
            else:
                TALLY.record(command, outcome(result))
            if not scan and result.exit_code in (0, 1):
                failures.extend(_runbook_holds(root, case, env))
    finally:
        for root, raw in originals.items():
            (root / "parr.yaml").write_bytes(raw)
    return failures


_STRUCTURE = {"fence", "code_block", "html_block", "html_inline", "blockquote_open"}


def _runbook_holds(root: Path, case: str, env: dict[str, str]) -> list[str]:
    """A valid manifest's runbook: rendered, and no manifest text turned into code, HTML or quotes."""
    from markdown_it import MarkdownIt

    before = snapshot(root)
    result = invoke(["generate", "runbook", str(root), "--no-scan"], root, env)
    why = judge(result, ["parr.yaml"])
    if why is None and result.exit_code == 0:
        kinds = {t.type for t in MarkdownIt("commonmark").enable("table").parse(result.stdout)} & _STRUCTURE
        why = f"manifest text became {sorted(kinds)}" if kinds else None
    if why is None and result.exit_code == 0:
        # The Backstage fragment quotes every value: whatever the manifest holds, it parses back.
        dri = invoke(["generate", "dri", str(root), "--no-scan", "--format", "yaml"], root, env)
        why = judge(dri, ["parr.yaml"])
        if why is None:
            try:
                document = yaml.safe_load(dri.stdout)
                if not isinstance(document, dict) or document.get("kind") != "Component":
                    why = "the DRI fragment is not one Component"
            except yaml.YAMLError as exc:
                why = f"the DRI fragment is not YAML: {str(exc)[:200]}"
    if why is None and changed(before, snapshot(root), set()):
        why = "wrote into the repository"
    if why:
        TALLY.fail("parr generate runbook+dri", case, why)
        return [f"runbook {case}: {why}"]
    TALLY.record("parr generate runbook+dri", outcome(result))
    return []


def test_mutated_manifests_through_parr_check(examples: dict[str, Path], tmp_path: Path) -> None:
    failures = _through_cli(examples, tmp_path / "cache", SEED + 1, THROUGH_CLI, scan=False)
    assert not failures, "\n".join(failures[:10])


def test_mutated_manifests_through_parr_check_with_scan(examples: dict[str, Path], tmp_path: Path) -> None:
    """The scan reads the repository through git: nothing the planted git config names may run."""
    failures = _through_cli(examples, tmp_path / "cache", SEED + 2, THROUGH_CLI_WITH_SCAN, scan=True)
    assert not failures, "\n".join(failures[:10])
