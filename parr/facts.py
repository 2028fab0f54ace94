"""Facts: everything checks may look at, gathered once with all the I/O, so checks stay pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parr.evidence_files import (
    EvalResultFact,
    PolicyFileFact,
    TraceSampleFact,
    read_eval_result,
    read_policy_file,
    read_trace_analysis,
    trace_sample_fact,
)
from parr.manifest.loader import MANIFEST_NAME, LoadedManifest
from parr.policy.enforcement import EnforcementPoint, read_enforcement_points
from parr.policy.evaluate import evaluate_policies
from parr.policy.model import PolicyEvaluation
from parr.scan.model import ScanResult
from parr.scan.switches import find_switches
from parr.traces.analysis import TraceAnalysis

DEFAULT_REQUIRED_TRACE_FIELDS = ("ts", "agent_id", "session_id", "tool_call", "policy", "result")


@dataclass(frozen=True)
class Facts:
    loaded: LoadedManifest
    today: dt.date
    policy_files: tuple[PolicyFileFact, ...] = ()
    eval_results: dict[str, EvalResultFact] = field(default_factory=dict)
    trace_sample: TraceSampleFact | None = None
    # The trace sample linted and measured by the same code as `parr traces` (parr.traces.analysis).
    trace_analysis: TraceAnalysis | None = None
    scan: ScanResult | None = None
    # The declared Cedar/Rego policies evaluated for real: tests, probe of every tool (parr.policy).
    policy_eval: PolicyEvaluation | None = None
    # Project-wide facts from the scan pass (parr.scan.wiring / parr.scan.secrets); None when not scanned.
    wiring: dict[str, Any] | None = None
    secrets: tuple[dict[str, Any], ...] | None = None
    # `policies.enforcement_points` checked against the code (parr.policy.enforcement).
    enforcement_points: tuple[EnforcementPoint, ...] = ()
    # Server write switches read in the code (parr.scan.switches): flags and environment variables
    # that keep a server read-only, and the ones the manifest names; None when not scanned.
    switches: tuple[dict[str, Any], ...] | None = None
    # Inline `parr: ignore[ID] reason` comments, keyed by (file as in findings, line of the tool).
    suppressions: dict[tuple[str, int], tuple[dict[str, Any], ...]] = field(default_factory=dict)

    @property
    def manifest(self):  # noqa: ANN201 - the Manifest model
        return self.loaded.manifest

    def required_trace_fields(self) -> list[str]:
        return list(self.manifest.observability.required_fields) or list(DEFAULT_REQUIRED_TRACE_FIELDS)


def scan_agent(loaded: LoadedManifest, *, use_cache: bool = True) -> ScanResult:
    """The tool inventory of the agent's repository: the directory holding its manifest."""
    from parr.errors import ParrInputError
    from parr.scan.engine import ScanInputError, scan_repository

    try:
        result = scan_repository(loaded.root, use_cache=use_cache)
    except ScanInputError as exc:
        raise ParrInputError(str(exc)) from None
    return without_nested_agents(result, loaded.root)


def without_nested_agents(result: ScanResult, root: Path) -> ScanResult:
    """A monorepo agent's scan, less the code of other agents below it: a directory holding its
    own parr.yaml belongs to that manifest, not to this one."""
    owned: dict[str, bool] = {}

    def nested(rel_file: str) -> bool:
        parts = rel_file.split("/")[:-1]
        for depth in range(len(parts), 0, -1):
            directory = "/".join(parts[:depth])
            if directory not in owned:
                owned[directory] = (root / directory / MANIFEST_NAME).is_file()
            if owned[directory]:
                return True
        return False

    tools = tuple(t for t in result.tools if not nested(t.file))
    secrets = tuple(s for s in result.secrets if not nested(s["file"]))
    unresolved = tuple(u for u in result.unresolved if not nested(u.file))
    errors = tuple(e for e in result.errors if not nested(e.file))
    unread = tuple(f for f in result.unread if not nested(f.file))
    counts = result.skipped.model_dump()
    for other in set(result.unread) - set(unread):
        counts[other.reason] = max(0, counts.get(other.reason, 0) - 1)  # another agent's file
    wiring = {
        **result.wiring,
        "clients": [c for c in result.wiring.get("clients", []) if not nested(c["file"])],
        "tracing": [t for t in result.wiring.get("tracing", []) if not nested(t["file"])],
        "policy_points": [p for p in result.wiring.get("policy_points", []) if not nested(p["file"])],
    } if result.wiring else result.wiring
    if (len(tools) == len(result.tools) and len(secrets) == len(result.secrets) and wiring == result.wiring
            and len(unresolved) == len(result.unresolved) and len(errors) == len(result.errors)
            and len(unread) == len(result.unread)):
        return result
    return result.model_copy(update={
        "tools": tools, "secrets": secrets, "wiring": wiring, "unresolved": unresolved, "errors": errors,
        "unread": unread, "skipped": type(result.skipped).model_validate(counts)})


def _code_locations(scan: ScanResult) -> list[tuple[str, int]]:
    """Every place in the code a finding can point at, where an inline suppression may sit."""
    places = [(t.file, t.line) for t in scan.tools]
    places += [(c["file"], c["line"]) for c in scan.wiring.get("clients", [])]
    places += [(s["file"], s["line"]) for s in scan.secrets]
    places += [(u.file, u.line) for u in scan.unresolved]
    return places


def gather_facts(loaded: LoadedManifest, *, today: dt.date | None = None, scan: ScanResult | None = None,
                 scan_code: bool = False, use_cache: bool = True) -> Facts:
    """All I/O for one manifest. With `scan_code`, the agent's repository is scanned (unless a
    `scan` is given) so the code-against-manifest checks have something to judge."""
    from parr.policy.isolated import engine_session

    with engine_session():  # one policy engine process serves the file parses and the evaluation
        return _gather(loaded, today, scan, scan_code, use_cache)


def _gather(loaded: LoadedManifest, today: dt.date | None, scan: ScanResult | None, scan_code: bool,
            use_cache: bool) -> Facts:
    from parr.suppressions import collect

    manifest = loaded.manifest
    if scan is None and scan_code:
        scan = scan_agent(loaded, use_cache=use_cache)
    policies = tuple(
        read_policy_file(loaded.resolve(f), f, manifest.policies.engine) for f in manifest.policies.files
    )
    evals: dict[str, EvalResultFact] = {}
    # The agent's own names count as signs that a JUnit file tested this agent (EVAL-008).
    names = (manifest.agent.id, *(t.name for t in manifest.permissions.tools))
    for suite_name in ("regression", "scenario", "adversarial"):
        suite = getattr(manifest.evals, suite_name)
        if suite is not None and suite.results:
            evals[suite_name] = read_eval_result(loaded.resolve(suite.results), suite.results, suite.format, names)
    trace = manifest.observability.trace
    sample = trace_analysis = None
    if trace is not None and trace.sample:
        required = list(manifest.observability.required_fields) or list(DEFAULT_REQUIRED_TRACE_FIELDS)
        # One streamed pass feeds both OBS-001/003 (the sample fact) and the trace checks (lint, signals).
        trace_analysis = read_trace_analysis(loaded.resolve(trace.sample), trace.sample, trace.format, required, manifest)
        sample = trace_sample_fact(trace_analysis)
    return Facts(
        loaded=loaded,
        today=today or dt.date.today(),
        policy_files=policies,
        eval_results=evals,
        trace_sample=sample,
        trace_analysis=trace_analysis,
        scan=scan,
        policy_eval=evaluate_policies(loaded, scan=scan),
        enforcement_points=read_enforcement_points(loaded),
        wiring=scan.wiring if scan is not None else None,
        secrets=scan.secrets if scan is not None else None,
        suppressions=collect(loaded.root, _code_locations(scan)) if scan is not None else {},
        switches=find_switches(loaded.root, declared_switches(manifest)) if scan is not None else None,
    )


def declared_switches(manifest: Any) -> list[str]:
    """The switch names the manifest gives: each tool's `switch`, and a kill switch named like a flag
    or an environment variable."""
    from parr.scan.switches import looks_like_switch

    names = [t.switch for t in manifest.permissions.tools if t.switch]
    kill = manifest.failsafes.kill_switch
    if kill is not None and looks_like_switch(kill.name):
        names.append(kill.name)
    return names
