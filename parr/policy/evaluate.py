"""Evaluating a manifest's declared policies: load, validate, run its tests, probe every tool."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from parr.manifest.loader import LoadedManifest
from parr.policy.bounded import MAX_REQUESTS, timeout_seconds
from parr.policy.isolated import MEMORY_ENV, EngineFailure, EngineProcess, engine_process
from parr.policy.model import (
    Engine,
    Evaluation,
    PolicyEvaluation,
    PolicyProblem,
    PolicyTestResult,
    RuleRef,
)
from parr.policy.probe import judge, plan_probes, probe_targets
from parr.policy.requests import action_name, default_principal, test_call
from parr.policy.sources import PolicySource, read_source
from parr.scan.model import ScanResult
from parr.stages import STAGE_ORDER, Stage


def _engine_of(declared: str | None, files: list[str]) -> Engine:
    if declared == "cedar":
        return "cedar"
    if declared == "rego":
        return "rego"
    return "rego" if any(Path(f).suffix == ".rego" for f in files) else "cedar"


def evaluate_policies(
    loaded: LoadedManifest,
    *,
    scan: ScanResult | None = None,
    stage: Stage | None = None,
    timeout: float | None = None,
) -> PolicyEvaluation | None:
    """The whole evaluation for one manifest; None when it declares no policies at all.

    `stage` limits the probe to one stage when the policy reads `context.stage`; without it every
    stage is probed. Never raises: problems, even an engine crash, are part of the result.
    """
    try:
        return _evaluate(loaded, scan, stage, timeout)
    except Exception as exc:  # noqa: BLE001 - `parr check` gathers this for every run; it must not take the run down
        declared = loaded.manifest.policies
        return PolicyEvaluation(
            engine=_engine_of(declared.engine, declared.files),
            files=tuple(declared.files),
            problems=(PolicyProblem(kind="engine", message=f"parr could not evaluate the policies: {type(exc).__name__}: {exc}"),),
        )


def _evaluate(
    loaded: LoadedManifest, scan: ScanResult | None, stage: Stage | None, timeout: float | None
) -> PolicyEvaluation | None:
    manifest = loaded.manifest
    declared = manifest.policies
    if declared.engine is None and not declared.files:
        return None
    engine = _engine_of(declared.engine, declared.files)
    # Filled in as the evaluation gets further; every early return says how far it got.
    result = PolicyEvaluation(
        engine=engine, files=tuple(declared.files), schema_file=declared.schema_file, entrypoint=declared.entrypoint
    )
    if not declared.files:
        problem = PolicyProblem(kind="missing", message=f"policies.engine is {engine} but policies.files lists no file")
        return result.model_copy(update={"problems": (problem,)})
    sources = [read_source(loaded.resolve(f), f) for f in declared.files]
    problems = [s.problem for s in sources if s.problem is not None]
    notes: list[str] = []
    schema_source = None
    if engine == "cedar":
        if declared.entrypoint:
            notes.append("policies.entrypoint is a Rego query; Cedar ignores it")
        schema_source = read_source(loaded.resolve(declared.schema_file), declared.schema_file) if declared.schema_file else None
        if schema_source is not None and schema_source.problem is not None:
            problems.append(schema_source.problem)
    elif declared.schema_file:
        notes.append("policies.schema is a Cedar schema; Rego ignores it")
    seconds = timeout_seconds(timeout)
    load_request = {
        "op": "load", "engine": engine, "entrypoint": declared.entrypoint,
        "sources": [_wire(s) for s in sources if s.text is not None],
        "schema": _wire(schema_source) if schema_source is not None and schema_source.text is not None else None,
    }
    with engine_process(engine) as process:
        try:
            loading = process.ask(load_request, seconds)
        except EngineFailure as failure:
            problems.append(failure_problem(failure))
            return result.model_copy(update={"problems": tuple(problems), "notes": tuple(notes)})
        problems.extend(PolicyProblem(**p) for p in loading["problems"])
        notes.extend(loading["notes"])
        result = result.model_copy(update={"notes": tuple(notes), "loaded": bool(loading["loaded"])})
        if not loading["loaded"] or any(p.kind in ("missing", "limit") for p in problems):
            return result.model_copy(update={"problems": tuple(problems)})

        principal = default_principal(manifest, engine)
        tests = list(declared.tests)
        test_calls = [test_call(test, principal) for test in tests]
        if not loading["reads_stage"]:
            stages: list[str | None] = [None]
        elif stage is not None:
            stages = [stage.value]
        else:
            stages = [s.value for s in STAGE_ORDER]
        targets = probe_targets(manifest, scan)
        probe_calls, planned = plan_probes(
            manifest, targets, principal=principal, stages=stages,
            stage_value=(stage or Stage.PROPOSE).value,
        )
        result = result.model_copy(update={
            "principal": principal,
            "rules": tuple(RuleRef(**r) for r in loading["rules"]),
            "stages": tuple(s for s in stages if s is not None),
        })
        total = len(test_calls) + len(probe_calls)
        if total > MAX_REQUESTS:
            problems.append(PolicyProblem(
                kind="limit",
                message=f"the probe needs {total} requests, more than the {MAX_REQUESTS} parr evaluates; pass --stage to probe one stage",
            ))
            return result.model_copy(update={"problems": tuple(problems)})
        evaluate_request = {
            "op": "evaluate",
            # What the engine reads while it evaluates: the policies, and for Cedar the schema requests are validated against.
            "files": ", ".join([*declared.files, *([schema_source.shown] if schema_source is not None else [])]),
            "tools": sorted({probe.target.tool for probe in planned}),
            "tests": [call.model_dump(mode="json") for call in test_calls],
            "probes": [call.model_dump(mode="json") for call in probe_calls],
        }
        try:
            answer = process.ask(evaluate_request, seconds)
        except EngineFailure as failure:
            if failure.kind == "crash":
                failure.at = blame(engine, load_request, evaluate_request) or failure.at
            problems.append(failure_problem(failure))
            return result.model_copy(update={"problems": tuple(problems)})

    test_results = [Evaluation(**e) for e in answer["tests"]]
    probe_results = [Evaluation(**e) for e in answer["probes"]]
    mentions: dict[str, bool] = answer["mentions"]
    results = tuple(
        PolicyTestResult(
            index=index,
            name=test.name or f"test {index + 1}",
            action=action_name(test.request.action),
            expect=test.expect.value,
            evaluation=evaluation,
        )
        for index, (test, evaluation) in enumerate(zip(tests, test_results))
    )
    rows, findings = judge(manifest, planned, probe_results, lambda tool: mentions.get(tool, False))
    return result.model_copy(update={
        "problems": tuple(problems),
        "tests": results,
        "probes": tuple(rows),
        "findings": tuple(findings),
        "evaluated": True,
    })


MAX_BLAMED_FILES = 8
BLAME_SECONDS = 5.0


def blame(engine: str, load_request: dict[str, Any], evaluate_request: dict[str, Any]) -> str | None:
    """The one file without which the engine no longer crashes on the first request, if there is one.

    A crash while evaluating involves every module loaded together (a Rego module that uses `with
    input as` crashes queries of any package), so parr loads the files again leaving one out at a
    time, each in a fresh process, and asks the first request. Only on the crash path; at most
    MAX_BLAMED_FILES files."""
    sources = load_request["sources"]
    if not 1 < len(sources) <= MAX_BLAMED_FILES:
        return None
    calls = (evaluate_request["tests"] + evaluate_request["probes"])[:1]
    suspects = []
    for left_out in sources:
        with EngineProcess(engine) as trial:
            try:
                loading = trial.ask({**load_request, "sources": [s for s in sources if s is not left_out]}, BLAME_SECONDS)
                if not loading["loaded"]:
                    continue  # the others do not load without it: no verdict about this file
                trial.ask({**evaluate_request, "tests": calls, "probes": [], "tools": []}, BLAME_SECONDS)
            except EngineFailure:
                continue
        suspects.append(left_out["shown"])
    return suspects[0] if len(suspects) == 1 else None


def _wire(source: PolicySource) -> dict[str, str | None]:
    """A policy file as the engine process receives it: its name for messages and its text, never a path."""
    return {"shown": source.shown, "text": source.text}


FIXES = {
    "timeout": "; simplify the policy or raise $PARR_POLICY_TIMEOUT",
    "memory": f"; simplify the policy or raise ${MEMORY_ENV}",
}


def failure_problem(failure: EngineFailure) -> PolicyProblem:
    """One sentence for an engine that could not answer, e.g. `the Rego engine crashed (SIGSEGV) on policies/x.rego`."""
    where = f" on {failure.at}" if failure.at else ""
    kind = "timeout" if failure.kind == "timeout" else "engine"
    return PolicyProblem(kind=kind, message=f"{failure}{where}{FIXES.get(failure.kind, '')}")
