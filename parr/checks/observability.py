"""Observability: explainable traces with redaction, two streams, alerts on harm, dashboards."""

from __future__ import annotations

from collections.abc import Iterator

from parr.checks.base import Fail, NotApplicable, Pass, Result, check
from parr.facts import DEFAULT_REQUIRED_TRACE_FIELDS, Facts

MAX_OPERATIONAL_RETENTION_DAYS = 90
# Alert signals the seed names, and words that identify each in an alert's `signal`.
ALERT_SIGNALS: dict[str, tuple[str, ...]] = {
    "policy_denials": ("denial", "denied", "deny"),
    "tool_error_rate": ("tool_error", "error_rate", "tool_errors"),
    "retries": ("retry", "retries"),
    "cost_per_run": ("cost", "spend"),
    "outcome_drift": ("drift",),
}


@check("OBS-001", reads=("observability.trace",))
def trace_sample_parses(facts: Facts) -> Iterator[Result]:
    trace = facts.manifest.observability.trace
    if trace is None or not trace.sample:
        yield Fail("no trace sample is declared", loc=("observability",))
        return
    sample = facts.trace_sample
    loc = ("observability", "trace", "sample")
    if sample is None or not sample.exists:
        yield Fail(f"trace sample {trace.sample} does not exist", loc=loc)
    elif sample.error:
        yield Fail(f"trace sample {trace.sample}: {sample.error}", loc=loc)
    elif sample.events == 0:
        yield Fail(f"trace sample {trace.sample} holds no events", loc=loc)
    elif sample.bad_lines:
        lines = ", ".join(str(n) for n in sample.bad_lines[:5])
        yield Fail(f"trace sample {trace.sample} has unparsable lines ({lines})", loc=loc)
    else:
        yield Pass(f"{sample.events} event(s) in {trace.sample}")


@check("OBS-002", reads=("observability.required_fields", "observability.trace",))
def required_fields_declared(facts: Facts) -> Iterator[Result]:
    declared = set(facts.manifest.observability.required_fields)
    if not declared:
        yield Fail("no required trace fields are declared", loc=("observability",))
        return
    missing = [f for f in DEFAULT_REQUIRED_TRACE_FIELDS if f not in declared and not any(d.startswith(f + ".") for d in declared)]
    if missing:
        yield Fail(f"required trace fields leave out {', '.join(missing)}", loc=("observability", "required_fields"))


@check("OBS-003", reads=("observability.trace",))
def sample_has_required_fields(facts: Facts) -> Iterator[Result]:
    sample = facts.trace_sample
    if sample is None or not sample.exists or sample.error or sample.events == 0:
        yield NotApplicable("no readable trace sample")
        return
    for name, count in sorted(sample.missing_counts.items()):
        lines = ", ".join(str(n) for n in sample.missing[name])
        yield Fail(
            f"{count} of {sample.events} trace event(s) lack '{name}' (lines {lines})",
            loc=("observability", "trace", "sample"),
        )


@check("OBS-004", reads=("observability.redacted_fields",))
def redaction_declared(facts: Facts) -> Iterator[Result]:
    redacted = facts.manifest.observability.redacted_fields
    if not redacted:
        yield Fail("no trace fields are declared redacted or hashed", loc=("observability",))
    else:
        yield Pass(f"redacted: {', '.join(redacted)}")


@check("OBS-005", reads=("observability.streams",))
def two_streams(facts: Facts) -> Iterator[Result]:
    streams = facts.manifest.observability.streams
    loc = ("observability", "streams")
    if streams.operational is None:
        yield Fail("no operational trace stream is declared", loc=loc)
    elif streams.operational.retention_days is None:
        yield Fail("the operational stream has no retention", loc=loc + ("operational",))
    elif streams.operational.retention_days > MAX_OPERATIONAL_RETENTION_DAYS:
        yield Fail(
            f"the operational stream keeps traces {streams.operational.retention_days} days (short retention is {MAX_OPERATIONAL_RETENTION_DAYS} or fewer)",
            loc=loc + ("operational", "retention_days"),
        )
    if streams.compliance is None:
        yield Fail("no compliance ledger stream is declared", loc=loc)
    elif not streams.compliance.immutable:
        yield Fail("the compliance stream is not immutable", loc=loc + ("compliance",))


@check("OBS-006", reads=("observability.alerts", "agent.kind"))
def alerts_cover_signals(facts: Facts) -> Iterator[Result]:
    signals = [a.signal.lower() for a in facts.manifest.observability.alerts]
    wanted = dict(ALERT_SIGNALS)
    kind = facts.manifest.agent.kind
    if kind is not None and not kind.calls_model:
        del wanted["cost_per_run"]  # a server that calls no model has no model spend per run to alert on
    missing = [name for name, words in wanted.items() if not any(w in s for s in signals for w in words)]
    if missing:
        loc = ("observability", "alerts") if signals else ("observability",)
        yield Fail(f"no alert for {', '.join(missing)}", loc=loc)


@check("OBS-007", reads=("observability.dashboards",))
def dashboards(facts: Facts) -> Iterator[Result]:
    if not facts.manifest.observability.dashboards:
        yield Fail("no dashboard is linked", loc=("observability",))


@check("OBS-008", reads=("observability.report_issue",))
def failure_reportable(facts: Facts) -> Iterator[Result]:
    if not facts.manifest.observability.report_issue:
        yield Fail("no one-click issue link with trace ids is declared", loc=("observability",))
