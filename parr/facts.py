"""Facts: everything checks may look at, gathered once with all the I/O, so checks stay pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from parr.evidence_files import (
    EvalResultFact,
    PolicyFileFact,
    TraceSampleFact,
    read_eval_result,
    read_policy_file,
    read_trace_sample,
)
from parr.manifest.loader import LoadedManifest
from parr.scan.model import ScanResult

DEFAULT_REQUIRED_TRACE_FIELDS = ("ts", "agent_id", "session_id", "tool_call", "policy", "result")


@dataclass(frozen=True)
class Facts:
    loaded: LoadedManifest
    today: dt.date
    policy_files: tuple[PolicyFileFact, ...] = ()
    eval_results: dict[str, EvalResultFact] = field(default_factory=dict)
    trace_sample: TraceSampleFact | None = None
    scan: ScanResult | None = None

    @property
    def manifest(self):  # noqa: ANN201 - the Manifest model
        return self.loaded.manifest

    def required_trace_fields(self) -> list[str]:
        return list(self.manifest.observability.required_fields) or list(DEFAULT_REQUIRED_TRACE_FIELDS)


def gather_facts(loaded: LoadedManifest, *, today: dt.date | None = None, scan: ScanResult | None = None) -> Facts:
    manifest = loaded.manifest
    policies = tuple(
        read_policy_file(loaded.resolve(f), f, manifest.policies.engine) for f in manifest.policies.files
    )
    evals: dict[str, EvalResultFact] = {}
    for suite_name in ("regression", "scenario", "adversarial"):
        suite = getattr(manifest.evals, suite_name)
        if suite is not None and suite.results:
            evals[suite_name] = read_eval_result(loaded.resolve(suite.results), suite.results, suite.format)
    trace = manifest.observability.trace
    sample = None
    if trace is not None and trace.sample:
        required = list(manifest.observability.required_fields) or list(DEFAULT_REQUIRED_TRACE_FIELDS)
        sample = read_trace_sample(loaded.resolve(trace.sample), trace.sample, trace.format, required)
    return Facts(
        loaded=loaded,
        today=today or dt.date.today(),
        policy_files=policies,
        eval_results=evals,
        trace_sample=sample,
        scan=scan,
    )
