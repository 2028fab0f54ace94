"""What the trace sample shows: redaction, document bodies, signal fields, retries, timeouts, spend and access.

The facts come from `parr.traces.analysis` (the same lint and signals code as `parr traces`), read
once in `gather_facts`; these checks only judge them. Findings point at the sample's line when one
event or run is to blame, and at the threshold in parr.yaml when a rate or a total is.
"""

from __future__ import annotations

from collections.abc import Iterator

from parr.checks.base import Fail, NotApplicable, Pass, Result, check, needs
from parr.facts import Facts
from parr.traces.access import AccessReport
from parr.traces.analysis import TraceAnalysis
from parr.traces.lint import FileLint
from parr.traces.redaction import counted
from parr.traces.signals import Limit, SignalsReport

# The rules OBS-009 judges, with what one of each is called.
_PRIVACY_RULES: dict[str, str] = {
    "unredacted-email": "email",
    "unredacted-phone": "phone",
    "unredacted-payment-card": "payment_card",
    "unredacted-iban": "iban",
    "unredacted-national-id": "national_id",
    "unredacted-secret": "secret",
}
_NO_SAMPLE = "no readable trace sample (see OBS-001)"


def _sample(facts: Facts) -> tuple[TraceAnalysis, FileLint, SignalsReport] | None:
    analysis = getattr(facts, "trace_analysis", None)
    if analysis is None or not analysis.readable or analysis.lint is None or analysis.signals is None:
        return None
    if analysis.lint.events == 0:
        return None
    return analysis, analysis.lint, analysis.signals


with_sample = needs(_sample, _NO_SAMPLE)


def _first(lint: FileLint, rule: str) -> tuple[int, str, str]:
    finding = next(f for f in lint.findings if f.rule == rule)
    return finding.line, finding.field, finding.masked


def _limit_fail(message: str, limit: Limit | None, analysis: TraceAnalysis, line: int = 1) -> Fail:
    """Point at the threshold in parr.yaml when it is declared there, else at the sample."""
    if limit is not None and limit.loc:
        return Fail(message, loc=limit.loc)
    return Fail(message, file=analysis.file, line=line)


@check("OBS-009", reads=("observability.trace",))
@with_sample
def sample_has_no_sensitive_values(facts: Facts, found: tuple) -> Iterator[Result]:
    analysis, lint, _ = found
    clean = True
    for rule, kind in _PRIVACY_RULES.items():
        count = lint.counts.get(rule, 0)
        if count:
            clean = False
            line, field, masked = _first(lint, rule)
            yield Fail(f"{counted(count, kind)} in clear in {analysis.path}, first in '{field}' ({masked})",
                       file=analysis.file, line=line)
    if clean:
        yield Pass(f"no sensitive values in {lint.events} event(s) of {analysis.path}")


@check("OBS-010", reads=("observability.redacted_fields", "observability.trace",))
@with_sample
def declared_redactions_hold(facts: Facts, found: tuple) -> Iterator[Result]:
    if not facts.manifest.observability.redacted_fields:
        yield NotApplicable("no fields are declared redacted (see OBS-004)")
        return
    analysis, lint, _ = found
    count = lint.counts.get("redacted-field-in-clear", 0)
    if count:
        line, field, masked = _first(lint, "redacted-field-in-clear")
        yield Fail(f"{counted(count, 'redacted_field')}, first '{field}' ({masked}) in {analysis.path}",
                   file=analysis.file, line=line)
    else:
        yield Pass(f"declared redactions hold in {lint.events} event(s)")


@check("OBS-011", reads=("observability.trace",))
@with_sample
def retrieval_ids_not_bodies(facts: Facts, found: tuple) -> Iterator[Result]:
    analysis, lint, _ = found
    count = lint.counts.get("raw-document-body", 0)
    if count:
        line, field, masked = _first(lint, "raw-document-body")
        yield Fail(f"{counted(count, 'document_body')} in {analysis.path}, first in '{field}' ({masked}); trace ids instead",
                   file=analysis.file, line=line)
    else:
        yield Pass("no raw document bodies")


@check("OBS-012", reads=("observability.trace", "agent.kind"))
@with_sample
def sample_records_signal_fields(facts: Facts, found: tuple) -> Iterator[Result]:
    analysis, _, signals = found
    stats = signals.overall
    kind = facts.manifest.agent.kind
    # Token usage and cost are the spend of a model loop; a server that calls no model has only latency.
    spends = kind is None or kind.calls_model
    if stats.with_latency == 0:
        yield Fail(f"no event in {analysis.path} records its latency", file=analysis.file, line=1)
    if not spends:
        if stats.with_latency:
            yield Pass(f"latency on {stats.with_latency} of {stats.events} event(s); a {kind.value} spends no tokens")
        return
    if stats.with_tokens == 0 and stats.with_cost == 0:
        yield Fail(f"no event in {analysis.path} records token usage or cost, so spend cannot be measured from traces",
                   file=analysis.file, line=1)
    if stats.with_latency and (stats.with_tokens or stats.with_cost):
        yield Pass(f"latency on {stats.with_latency}, tokens on {stats.with_tokens}, cost on {stats.with_cost} of {stats.events} event(s)")


MIN_CALLS_FOR_RATES = 20


@check("OBS-013", reads=("observability.trace",))
@with_sample
def sample_rates_under_alerts(facts: Facts, found: tuple) -> Iterator[Result]:
    analysis, _, signals = found
    calls = signals.overall.tool_calls
    if calls < MIN_CALLS_FOR_RATES:
        # One outage in a dozen calls is 8%: a rate from so few calls says nothing about the agent.
        yield NotApplicable(f"the sample holds {calls} tool call(s); rates are judged from {MIN_CALLS_FOR_RATES} up "
                            "(run `parr traces signals` on a day of traffic)")
        return
    thresholds = signals.thresholds
    for name, limit in (("tool_error_rate", thresholds.tool_error_rate), ("denial_rate", thresholds.denial_rate)):
        signal = signals.signal(name)
        if signal is None or signal.mark != "alert":
            continue
        yield _limit_fail(f"the sample's {signal.label} is {signal.value}, above the alert threshold {signal.limit} ({signal.source})",
                          limit, analysis)
    if not any(s.mark == "alert" for s in (signals.signal("tool_error_rate"), signals.signal("denial_rate")) if s):
        yield Pass("tool error and policy denial rates are under their alert thresholds")


@check("FS-007", reads=("failsafes.retries", "observability.trace",))
@with_sample
def no_runaway_retries(facts: Facts, found: tuple) -> Iterator[Result]:
    analysis, _, signals = found
    stats = signals.overall
    limit = signals.thresholds.max_retries
    if stats.runs == 0:
        yield NotApplicable("the sample's events carry no session or trace id to group them into runs")
        return
    if stats.retry_data == 0:
        yield NotApplicable("no retry data: no event in the sample records retries, an attempt number or a tool call id")
        return
    if stats.runaway_runs:
        run, retries, line = stats.runaway_examples[0]
        yield Fail(f"{stats.runaway_runs} of {stats.runs} run(s) retried a call more than {limit.value:g} time(s) "
                   f"(run {run}: {retries} retries)" if limit else f"{stats.runaway_runs} runaway run(s)",
                   file=analysis.file, line=line)
    else:
        yield Pass(f"no call retried past the limit in {stats.runs} run(s)")


@check("FS-008", reads=("failsafes.timeouts", "observability.trace",))
def tool_calls_within_timeout(facts: Facts) -> Iterator[Result]:
    limit = None
    found = _sample(facts)
    if found is not None:
        limit = found[2].thresholds.tool_timeout_ms
    if found is None or limit is None:
        yield NotApplicable(_NO_SAMPLE if found is None else "no tool-call timeout is declared (see FS-001)")
        return
    analysis, _, signals = found
    stats = signals.overall
    if stats.over_timeout:
        slowest = max(signals.tools, key=lambda t: t.over_timeout)
        yield _limit_fail(f"{stats.over_timeout} tool call(s) in the sample ran longer than the {limit.value / 1000:g} s timeout "
                          f"(most: {slowest.tool})", limit, analysis)
    elif stats.latency.count == 0:
        yield NotApplicable("the sample records no latency (see OBS-012)")
    else:
        yield Pass(f"every timed tool call finished within {limit.value / 1000:g} s")


def _cost_sample(facts: Facts) -> tuple[TraceAnalysis, SignalsReport] | NotApplicable:
    found = _sample(facts)
    if found is None:
        return NotApplicable(_NO_SAMPLE)
    analysis, _, signals = found
    if signals.overall.runs_with_cost == 0:
        return NotApplicable("the sample records no cost per run (see OBS-012)")
    return analysis, signals


@check("BUD-005", reads=("budgets.currency", "budgets.per_run",))
def sample_runs_within_cap(facts: Facts) -> Iterator[Result]:
    cap = facts.manifest.budgets.per_run
    found = _cost_sample(facts)
    if isinstance(found, NotApplicable) or cap is None:
        yield found if isinstance(found, NotApplicable) else NotApplicable("no per-run cap (see BUD-001)")
        return
    analysis, signals = found
    stats = signals.overall
    currency = facts.manifest.budgets.currency
    if stats.runs_over_cap:
        run, cost, line = stats.over_cap_examples[0]
        yield Fail(f"{stats.runs_over_cap} of {stats.runs_with_cost} run(s) cost more than the {cap:g} {currency} cap "
                   f"(run {run}: {cost:.4f} {currency})", file=analysis.file, line=line)
    else:
        yield Pass(f"max cost per run {stats.cost_per_run.max:.4f} {currency} within the {cap:g} {currency} cap")


@check("BUD-006", reads=("budgets.currency",))
def sample_runs_below_alert(facts: Facts) -> Iterator[Result]:
    found = _cost_sample(facts)
    if isinstance(found, NotApplicable):
        yield found
        return
    analysis, signals = found
    limit = signals.thresholds.run_alert
    if limit is None:
        yield NotApplicable("no per-run alert level (budgets.per_run and alert_threshold, see BUD-002)")
        return
    stats = signals.overall
    over = stats.runs_over_alert + stats.runs_over_cap
    currency = facts.manifest.budgets.currency
    p95 = stats.cost_per_run.quantile(0.95)
    if over:
        yield _limit_fail(f"{over} of {stats.runs_with_cost} run(s) cost more than the alert level {limit.value:.4f} {currency} "
                          f"(p95 {p95:.4f} {currency})", limit, analysis)
    else:
        yield Pass(f"p95 cost per run {p95:.4f} {currency} below the alert level {limit.value:.4f} {currency}")


@check("BUD-007", reads=("budgets.currency", "budgets.per_day",))
def sample_days_within_cap(facts: Facts) -> Iterator[Result]:
    cap = facts.manifest.budgets.per_day
    found = _cost_sample(facts)
    if isinstance(found, NotApplicable) or cap is None:
        yield found if isinstance(found, NotApplicable) else NotApplicable("no per-day cap (see BUD-001)")
        return
    _, signals = found
    days = signals.overall.daily
    currency = facts.manifest.budgets.currency
    if not days:
        yield NotApplicable("the sample's costs carry no timestamps to group them by day")
        return
    over = sorted(day for day, spend in days.items() if spend > cap)
    if over:
        worst = max(over, key=lambda d: days[d])
        yield Fail(f"spend exceeded the {cap:g} {currency} daily cap on {len(over)} day(s) in the sample "
                   f"({worst}: {days[worst]:.2f} {currency})", loc=("budgets", "per_day"))
    else:
        worst = max(days, key=lambda d: days[d])
        yield Pass(f"highest daily spend {days[worst]:.2f} {currency} ({worst}) within the {cap:g} {currency} cap")


# ---- the access review of the sample (parr.traces.access) ---------------------------------


def _access(facts: Facts) -> tuple[TraceAnalysis, AccessReport] | None:
    found = _sample(facts)
    if found is None or found[0].access is None:
        return None
    access = found[0].access
    if access.tool_calls == 0:
        return None
    return found[0], access


with_calls = needs(_access, "no tool call in a readable trace sample (see OBS-001)")


def _call_findings(analysis: TraceAnalysis, access: AccessReport, kind: str, what: str) -> Iterator[Result]:
    """One failure per tool (and environment) with its count, first and last time and example runs."""
    for f in access.of_kind(kind):
        where = f" in {f.environment}" if f.environment else ""
        seen = f", {f.first_seen} → {f.last_seen}" if f.first_seen else ""
        examples = f" (e.g. {', '.join(f.examples)})" if f.examples else ""
        yield Fail(f"{f.count} {what} '{f.tool}'{where} in {analysis.path}{seen}{examples}", file=f.file, line=f.line)


@check("OBS-014", reads=("permissions.tools[*].name", "observability.trace",))
@with_calls
def sample_calls_declared_tools(facts: Facts, found: tuple) -> Iterator[Result]:
    analysis, access = found
    failed = False
    for result in _call_findings(analysis, access, "undeclared-tool", "call(s) to undeclared tool"):
        failed = True
        yield result
    if not failed:
        yield Pass(f"all {access.tool_calls} tool call(s) in {analysis.path} are to tools parr.yaml declares")


@check("OBS-015", reads=("permissions.environments", "permissions.tools[*].name", "permissions.tools[*].environments",
                         "observability.trace",))
@with_calls
def sample_calls_in_granted_environments(facts: Facts, found: tuple) -> Iterator[Result]:
    analysis, access = found
    judged = access.tool_calls - access.calls_without_environment
    if judged == 0:
        # Where parr cannot see, it says so: no environment recorded is no evidence either way.
        yield NotApplicable(f"no tool call in {analysis.path} records its environment "
                            "(`environment`, or OTLP deployment.environment.name)")
        return
    failed = False
    for result in _call_findings(analysis, access, "outside-environment", "call(s) outside the granted environments of"):
        failed = True
        yield result
    if not failed:
        yield Pass(f"{judged} of {access.tool_calls} tool call(s) record an environment, each one granted to its tool")


@check("OBS-016", reads=("permissions.tools[*].name", "permissions.tools[*].access", "observability.trace",))
@with_calls
def sample_mutations_allowed_or_approved(facts: Facts, found: tuple) -> Iterator[Result]:
    analysis, access = found
    failed = False
    for result in _call_findings(analysis, access, "mutation-without-approval",
                                 "mutating call(s) with no allow decision or approval recorded, to"):
        failed = True
        yield result
    if not failed:
        yield Pass(f"every mutating call in {analysis.path} records an allow decision or an approval")


@check("OBS-017", reads=("observability.trace",))
@with_calls
def sample_denied_calls_did_not_run(facts: Facts, found: tuple) -> Iterator[Result]:
    analysis, access = found
    failed = False
    for result in _call_findings(analysis, access, "denied-but-ran", "call(s) a policy denied that still ran, to"):
        failed = True
        yield result
    if not failed:
        yield Pass(f"no call in {analysis.path} ran after a policy denied it")


@check("OBS-018", reads=("permissions.environments", "permissions.tools[*].name", "permissions.tools[*].access",
                         "permissions.tools[*].environments", "observability.trace",))
@with_calls
def sample_uses_every_grant(facts: Facts, found: tuple) -> Iterator[Result]:
    analysis, access = found
    first, last = access.period
    period = f" ({first} → {last})" if first and last else ""
    # An unused access level is held only by unused tools: said on their findings, not once more.
    unused_access = {grant.access for grant in access.unused if grant.kind == "unused-access"}
    for grant in access.unused:
        if grant.kind == "unused-access":
            continue
        note = ""
        if grant.kind == "unused-tool":
            what = f"tool '{grant.tool}' ({grant.access}) is granted"
            note = f"; no call used '{grant.access}' access at all" if grant.access in unused_access else ""
        elif grant.tool:
            what = f"environment '{grant.environment}' is granted to '{grant.tool}'"
        else:
            what = f"environment '{grant.environment}' is granted to the agent"
        yield Fail(f"{what} but never used in {analysis.path}{period}: {grant.proposal}{note}", loc=grant.loc)
    if not access.unused:
        yield Pass(f"every declared tool and access level is used in {analysis.path}{period}")
