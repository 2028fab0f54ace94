"""Evaluating a manifest's declared policies: load, validate, run its tests, probe every tool."""

from __future__ import annotations

import threading
from pathlib import Path

from parr.manifest.loader import LoadedManifest
from parr.policy.bounded import MAX_REQUESTS, EvaluationTimeout, run_bounded, timeout_seconds
from parr.policy.cedar import CedarPolicies, load_cedar
from parr.policy.model import (
    Engine,
    Evaluation,
    PolicyEvaluation,
    PolicyProblem,
    PolicyTestResult,
)
from parr.policy.probe import judge, plan_probes, probe_targets
from parr.policy.rego import RegoPolicies, load_rego
from parr.policy.requests import action_name, default_principal, test_call
from parr.policy.sources import read_source
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
    policies: CedarPolicies | RegoPolicies | None
    if engine == "cedar":
        if declared.entrypoint:
            notes.append("policies.entrypoint is a Rego query; Cedar ignores it")
        schema_source = read_source(loaded.resolve(declared.schema_file), declared.schema_file) if declared.schema_file else None
        if schema_source is not None and schema_source.problem is not None:
            problems.append(schema_source.problem)
        policies, loading = load_cedar(sources, schema_source)
    else:
        if declared.schema_file:
            notes.append("policies.schema is a Cedar schema; Rego ignores it")
        policies, loading, rego_notes = load_rego(sources, declared.entrypoint)
        notes.extend(rego_notes)
    problems.extend(loading)
    result = result.model_copy(update={"notes": tuple(notes)})
    if policies is None or any(p.kind in ("missing", "limit") for p in problems):
        return result.model_copy(update={"problems": tuple(problems)})

    principal = default_principal(manifest, engine)
    tests = list(declared.tests)
    test_calls = [test_call(test, principal) for test in tests]
    reads_stage = policies.reads("stage")
    if not reads_stage:
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
        "rules": policies.rules,
        "stages": tuple(s for s in stages if s is not None),
    })
    total = len(test_calls) + len(probe_calls)
    if total > MAX_REQUESTS:
        problems.append(PolicyProblem(
            kind="limit",
            message=f"the probe needs {total} requests, more than the {MAX_REQUESTS} parr evaluates; pass --stage to probe one stage",
        ))
        return result.model_copy(update={"problems": tuple(problems)})

    def work(cancelled: threading.Event) -> tuple[list[Evaluation], list[Evaluation]]:
        return (
            policies.evaluate(test_calls, with_schema=True, cancelled=cancelled),
            policies.evaluate(probe_calls, with_schema=False, cancelled=cancelled),
        )

    seconds = timeout_seconds(timeout)
    try:
        test_results, probe_results = run_bounded(work, seconds)
    except EvaluationTimeout as exc:
        problems.append(PolicyProblem(kind="timeout", file=declared.files[0], message=f"{exc}; simplify the policy or raise $PARR_POLICY_TIMEOUT"))
        return result.model_copy(update={"problems": tuple(problems)})
    except Exception as exc:  # noqa: BLE001 - an engine crash is a finding about the policy, not a parr crash
        problems.append(PolicyProblem(kind="engine", file=declared.files[0], message=f"the {engine} engine failed: {type(exc).__name__}: {exc}"))
        return result.model_copy(update={"problems": tuple(problems)})

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
    rows, findings = judge(manifest, planned, probe_results, policies.mentions)
    return result.model_copy(update={
        "problems": tuple(problems),
        "tests": results,
        "probes": tuple(rows),
        "findings": tuple(findings),
        "evaluated": True,
    })

