"""Generated trace files, eval result files and template overrides through the commands that read them."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from parr.documents import render
from parr.evidence_files import read_eval_result
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
from tests.hostile.mutate import (
    junit_file,
    promptfoo_file,
    template_override,
    trace_file,
)

TRACE_FILES_IN_PROCESS = scaled(600)
TRACE_FILES = scaled(120)
TRACE_SAMPLES_IN_CHECK = scaled(40)
EVAL_FILES = scaled(600)
EVAL_FILES_IN_CHECK = scaled(40)
TEMPLATE_OVERRIDES = scaled(50)
ENV = {"PARR_TODAY": "2026-11-24", "NO_COLOR": "1"}


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return hostile_examples(tmp_path_factory.mktemp("hostile-files"))


def _check(command: str, case: str, result, names: list[str], root: Path, before, allowed: set[str],
           failures: list[str]) -> None:
    why = judge(result, names)
    if why is None and (root / MARKER).exists():
        why = "the planted code ran"
    moved = changed(before, snapshot(root), allowed)
    if why is None and moved:
        why = f"wrote {moved[:5]}"
    if why:
        TALLY.fail(command, case, why)
        failures.append(f"{command} [{case}]: {why}")
    else:
        TALLY.record(command, outcome(result))


def test_generated_trace_files_in_process(tmp_path: Path) -> None:
    """lint and signals straight on the readers: every file read, or refused as unreadable."""
    from parr.traces.events import TraceReadError
    from parr.traces.lint import lint_file
    from parr.traces.signals import Thresholds, collect_from_files

    rng = random.Random(SEED + 11)
    failures: list[str] = []
    path = tmp_path / "t.jsonl"
    for index in range(TRACE_FILES_IN_PROCESS):
        kind, raw = trace_file(rng)
        path.write_bytes(raw)
        case = f"{SEED + 11}#{index} {kind}"
        try:
            result = lint_file(path, shown=path.name)
            report = collect_from_files([(path, path.name)], Thresholds.from_manifest(None))
        except TraceReadError as exc:
            TALLY.record("traces lint+signals (in-process)", "unreadable")
            if "\n" in str(exc):
                failures.append(f"{case}: multi-line {str(exc)[:200]!r}")
            continue
        except Exception as exc:  # noqa: BLE001 - the failure being hunted
            TALLY.fail("traces lint+signals (in-process)", case, f"{type(exc).__name__}: {str(exc)[:200]}")
            failures.append(f"{case}: {type(exc).__name__}: {str(exc)[:200]}")
            continue
        if result.events == 0 and result.total == 0:
            failures.append(f"{case}: no events, and lint found nothing")
        if report.events != result.events:
            failures.append(f"{case}: lint saw {result.events} events, signals {report.events}")
        TALLY.record("traces lint+signals (in-process)", "events" if result.events else "no events")
    assert not failures, "\n".join(failures[:10])


def test_generated_trace_files(examples: dict[str, Path], tmp_path: Path) -> None:
    rng = random.Random(SEED + 10)
    root = examples["support-triage"]
    traces = tmp_path / "traces"
    traces.mkdir()
    failures: list[str] = []
    for index in range(TRACE_FILES):
        kind, raw = trace_file(rng)
        path = traces / f"t{index}.jsonl"
        path.write_bytes(raw)
        case = f"{SEED + 10}#{index} {kind}"
        for command in ("lint", "signals"):
            before = snapshot(traces)
            result = invoke(["traces", command, str(path), "--manifest", str(root / "parr.yaml"), "--format", "json"],
                            tmp_path, ENV)
            _check(f"parr traces {command}", case, result, [path.name], traces, before, set(), failures)
            if command == "lint" and result.exit_code == 0 and b'"ts"' not in _inflated(path):
                # A file without a single event is never clean.
                TALLY.fail("parr traces lint", case, "a file without events passed")
                failures.append(f"lint [{case}]: no events, exit 0")
        if index % 3 == 0:
            # The postmortem timeline reads the same file; trace values land in a Markdown table.
            before = snapshot(traces)
            result = invoke(["generate", "postmortem", str(root), "--no-scan", "--trace", str(path), "--session", "s1"],
                            tmp_path, ENV)
            _check("parr generate postmortem --trace", case, result, [path.name], traces, before, set(), failures)
            if result.exit_code == 0:
                from markdown_it import MarkdownIt

                kinds = {t.type for t in MarkdownIt("commonmark").enable("table").parse(result.stdout)}
                if kinds & {"fence", "code_block", "html_block", "html_inline"}:
                    failures.append(f"postmortem [{case}]: trace text became {sorted(kinds)}")
    sample = root / "traces" / "sample.jsonl"
    original = sample.read_bytes()
    try:
        for index in range(TRACE_SAMPLES_IN_CHECK):
            kind, raw = trace_file(rng)
            sample.write_bytes(raw)
            before = snapshot(root)
            result = invoke(["check", str(root), "--no-scan", "--format", "json"], root, ENV)
            case = f"{SEED + 10}#s{index} {kind}"
            _check("parr check (trace sample)", case, result, ["parr.yaml"], root, before, set(), failures)
            if kind in ("empty", "blank") and result.exit_code in (0, 1):
                items = json.loads(result.stdout)["reports"][0]["items"]
                sample_check = next(i for i in items if i["id"] == "OBS-001")
                if sample_check["outcome"] == "pass":
                    failures.append(f"check [{case}]: a trace sample without events passed OBS-001")
    finally:
        sample.write_bytes(original)
    assert not failures, "\n".join(failures[:10])


def _inflated(path: Path) -> bytes:
    import gzip
    import zlib

    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        try:
            return gzip.decompress(raw)[:10_000_000]
        except (OSError, EOFError, zlib.error):
            return b""
    return raw


def test_generated_eval_result_files(examples: dict[str, Path]) -> None:
    rng = random.Random(SEED + 20)
    failures: list[str] = []
    scratch = examples["support-triage"] / "evals" / "results"
    for index in range(EVAL_FILES):
        kind, raw = (promptfoo_file if index % 2 else junit_file)(rng)
        path = scratch / ("hostile.json" if index % 2 else "hostile.xml")
        path.write_bytes(raw)
        command = "eval file read (in-process)"
        try:
            fact = read_eval_result(path, path.name, None)
        except Exception as exc:  # noqa: BLE001 - the failure being hunted
            TALLY.fail(command, f"{SEED + 20}#{index} {kind}", f"{type(exc).__name__}: {str(exc)[:200]}")
            failures.append(f"{kind}: {type(exc).__name__}: {exc}")
            continue
        if fact.error is not None and "\n" in fact.error:
            failures.append(f"{kind}: multi-line error {fact.error[:200]!r}")
        TALLY.record(command, "unreadable" if fact.error else "read")
        path.unlink()
    root = examples["support-triage"]
    targets = [root / "evals" / "results" / "adversarial.json", root / "evals" / "results" / "regression.xml"]
    originals = {t: t.read_bytes() for t in targets}
    try:
        for index in range(EVAL_FILES_IN_CHECK):
            target = targets[index % 2]
            kind, raw = (promptfoo_file if target.suffix == ".json" else junit_file)(rng)
            target.write_bytes(raw)
            before = snapshot(root)
            result = invoke(["check", str(root), "--no-scan", "--format", "json"], root, ENV)
            _check("parr check (eval results)", f"{SEED + 20}#c{index} {kind}", result, ["parr.yaml"], root, before,
                   set(), failures)
    finally:
        for target, raw in originals.items():
            target.write_bytes(raw)
    assert not failures, "\n".join(failures[:10])


def test_generated_template_overrides(examples: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Loops must end on the deadline; a short one keeps the suite fast and proves the same thing.
    monkeypatch.setattr(render, "TEMPLATE_TIMEOUT_SECONDS", 2.0)
    rng = random.Random(SEED + 30)
    root = examples["support-triage"]
    failures: list[str] = []
    for index in range(TEMPLATE_OVERRIDES):
        kind, files = template_override(rng)
        folder = tmp_path / f"override{index}"
        folder.mkdir()
        for name, raw in files.items():
            (folder / name).write_bytes(raw)
        before = snapshot(root)
        result = invoke(["generate", "runbook", str(root), "--no-scan", "--templates", str(folder)], root, ENV)
        # A problem names the override folder (or a file in it), or the shipped template it reached.
        _check("parr generate runbook --templates", f"{SEED + 30}#{index} {kind}", result,
               [str(folder), "template "], root, before, set(), failures)
        shutil.rmtree(folder)
    assert not failures, "\n".join(failures[:10])


CHECKLIST_FILES = scaled(300)


def test_generated_organisation_checklists(tmp_path: Path) -> None:
    """Mutations of an organisation checklist through `parr explain --checklist`: exit 0 or 2, one line each."""
    from tests.hostile.mutate import ManifestMutator
    from tests.test_checklist import ORG

    mutator = ManifestMutator(ORG)
    rng = random.Random(SEED + 40)
    path = tmp_path / "org-checklist.yaml"
    failures: list[str] = []
    for index in range(CHECKLIST_FILES):
        kind, raw = mutator.mild(rng) if rng.random() < 0.3 else mutator.mutate(rng)
        path.write_bytes(raw)
        result = invoke(["explain", "--checklist", str(path)], tmp_path, ENV)
        why = judge(result, [path.name], allowed_exits=frozenset({0, 2}))
        if why:
            TALLY.fail("parr explain --checklist", f"{SEED + 40}#{index} {kind}", why)
            failures.append(f"{kind}: {why}")
        else:
            TALLY.record("parr explain --checklist", outcome(result))
    assert not failures, "\n".join(failures[:10])
