"""Fail-safes, ownership, budgets and memory: the operational controls that keep a bad run small."""

from __future__ import annotations

import re
from collections.abc import Iterator

from parr.checks.base import Fail, NotApplicable, Pass, Result, check
from parr.facts import Facts

MAX_RETRIES = 5
MAX_ALERT_FRACTION = 0.9
# A DRI is one person: these words or separators mean a team, a rota or several people.
_NOT_ONE_PERSON = re.compile(r"(\bteam\b|\bsquad\b|\boncall\b|\bon-call\b|\brota\b|\bgroup\b|,|&|/|\band\b|\+)", re.I)


# ---- fail-safes ----------------------------------------------------------------------------


@check("FS-001", reads=("failsafes.timeouts",))
def timeouts_set(facts: Facts) -> Iterator[Result]:
    timeouts = facts.manifest.failsafes.timeouts
    if timeouts.tool_call_seconds is None:
        yield Fail("no tool-call timeout is set", loc=("failsafes", "timeouts"))
    if timeouts.run_seconds is None:
        yield Fail("no run timeout is set", loc=("failsafes", "timeouts"))
    if (
        timeouts.tool_call_seconds is not None
        and timeouts.run_seconds is not None
        and timeouts.tool_call_seconds > timeouts.run_seconds
    ):
        yield Fail("the tool-call timeout is longer than the whole run's", loc=("failsafes", "timeouts", "tool_call_seconds"))


@check("FS-002", reads=("failsafes.retries",))
def retries_bounded(facts: Facts) -> Iterator[Result]:
    retries = facts.manifest.failsafes.retries
    if retries.max is None:
        yield Fail("retries have no maximum", loc=("failsafes", "retries"))
    elif retries.max > MAX_RETRIES:
        yield Fail(f"retries allow {retries.max} attempts (at most {MAX_RETRIES})", loc=("failsafes", "retries", "max"))
    elif retries.max > 0 and retries.backoff in (None, "none"):
        yield Fail("retries do not back off", loc=("failsafes", "retries"))


def _per_dependency(facts: Facts, kind: str, covered: set[str]) -> Iterator[Result]:
    dependencies = facts.manifest.failsafes.dependencies
    if not dependencies:
        yield Fail("no dependencies are listed under `failsafes.dependencies`", loc=("failsafes",))
        return
    for index, dependency in enumerate(dependencies):
        if dependency not in covered:
            yield Fail(f"dependency '{dependency}' has no {kind}", loc=("failsafes", "dependencies", index))


@check("FS-003", reads=("failsafes.circuit_breakers", "failsafes.dependencies",))
def circuit_breakers(facts: Facts) -> Iterator[Result]:
    covered = {b.dependency for b in facts.manifest.failsafes.circuit_breakers}
    yield from _per_dependency(facts, "circuit breaker", covered)


@check("FS-004", reads=("failsafes.dependencies", "failsafes.rate_limits",))
def rate_limits(facts: Facts) -> Iterator[Result]:
    covered = {r.dependency for r in facts.manifest.failsafes.rate_limits}
    yield from _per_dependency(facts, "rate limit", covered)


@check("FS-005", reads=("failsafes.kill_switch",))
def kill_switch(facts: Facts) -> Iterator[Result]:
    switch = facts.manifest.failsafes.kill_switch
    if switch is None or not switch.name.strip():
        yield Fail("no kill switch is named", loc=("failsafes",))
    elif not switch.how:
        yield Fail(f"kill switch '{switch.name}' does not say how to pull it", loc=("failsafes", "kill_switch"))
    else:
        yield Pass(f"kill switch '{switch.name}'")


@check("FS-006", reads=("failsafes.fallback",))
def fallback(facts: Facts) -> Iterator[Result]:
    if not facts.manifest.failsafes.fallback:
        yield Fail("no safe fallback is described", loc=("failsafes",))


# ---- ownership -----------------------------------------------------------------------------


@check("OWN-001", reads=("agent.dri",))
def one_dri(facts: Facts) -> Iterator[Result]:
    dri = facts.manifest.agent.dri
    if dri is None or not dri.name.strip():
        yield Fail("no DRI is named", loc=("agent",))
    elif _NOT_ONE_PERSON.search(dri.name) or dri.name.strip().startswith("@") and not dri.handle:
        yield Fail(f"DRI '{dri.name}' is not one named person", loc=("agent", "dri", "name"))
    elif not (dri.handle or dri.email):
        yield Fail(f"DRI '{dri.name}' has no handle or e-mail to reach them", loc=("agent", "dri"))
    else:
        yield Pass(f"DRI {dri.name} ({dri.handle or dri.email})")


@check("OWN-002", reads=("agent.dri",))
def dri_authority(facts: Facts) -> Iterator[Result]:
    dri = facts.manifest.agent.dri
    if dri is None:
        yield Fail("no DRI is named", loc=("agent",))
        return
    lacking = [name for name in ("ship_fixes", "kill_switch") if not getattr(dri.authority, name)]
    if lacking:
        yield Fail(f"the DRI lacks authority: {', '.join(lacking)}", loc=("agent", "dri"))


@check("OWN-003", reads=("agent.owners",))
def owners_named(facts: Facts) -> Iterator[Result]:
    owners = facts.manifest.agent.owners
    missing = [role for role in ("security", "sre", "product", "engineering") if not getattr(owners, role)]
    if missing:
        yield Fail(f"no owner named for {', '.join(missing)}", loc=("agent",))


@check("OWN-004", reads=("agent.workflow",))
def kpi_baseline(facts: Facts) -> Iterator[Result]:
    workflow = facts.manifest.agent.workflow
    if workflow is None or not workflow.kpis:
        yield Fail("the workflow has no KPI", loc=("agent",) if workflow is None else ("agent", "workflow"))
        return
    for index, kpi in enumerate(workflow.kpis):
        if kpi.baseline is None:
            yield Fail(f"KPI '{kpi.name}' has no baseline", loc=("agent", "workflow", "kpis", index))


@check("OWN-005", reads=("agent.dri",))
def review_cadence(facts: Facts) -> Iterator[Result]:
    dri = facts.manifest.agent.dri
    if dri is None or not dri.review_cadence:
        yield Fail("no review cadence for spend and SLOs", loc=("agent", "dri") if dri else ("agent",))


@check("OWN-006", reads=("agent.dri",))
def dri_backup(facts: Facts) -> Iterator[Result]:
    dri = facts.manifest.agent.dri
    if dri is None or dri.backup is None:
        yield Fail("the DRI has no named backup", loc=("agent", "dri") if dri else ("agent",))
    elif dri.backup.name.strip().lower() == dri.name.strip().lower():
        yield Fail("the DRI's backup is the DRI", loc=("agent", "dri", "backup"))


# ---- budgets -------------------------------------------------------------------------------


@check("BUD-001", reads=("budgets",))
def spend_caps(facts: Facts) -> Iterator[Result]:
    budgets = facts.manifest.budgets
    if budgets.per_run is None:
        yield Fail("no per-run spend cap", loc=("budgets",))
    if budgets.per_day is None:
        yield Fail("no per-day spend cap", loc=("budgets",))


@check("BUD-002", reads=("budgets.alert_threshold", "budgets.per_run", "budgets.per_day",))
def alert_before_cap(facts: Facts) -> Iterator[Result]:
    threshold = facts.manifest.budgets.alert_threshold
    if threshold is None:
        yield Fail("no spend alert threshold", loc=("budgets",))
    elif threshold > MAX_ALERT_FRACTION:
        yield Fail(
            f"the spend alert fires at {threshold:.0%} of the cap, too late (at most {MAX_ALERT_FRACTION:.0%})",
            loc=("budgets", "alert_threshold"),
        )


@check("BUD-003", reads=("budgets",))
def run_cap_within_day_cap(facts: Facts) -> Iterator[Result]:
    budgets = facts.manifest.budgets
    if budgets.per_run is None or budgets.per_day is None:
        yield NotApplicable("both caps are needed to compare them")
    elif budgets.per_run > budgets.per_day:
        yield Fail(
            f"per-run cap {budgets.per_run} exceeds per-day cap {budgets.per_day}",
            loc=("budgets", "per_run"),
        )


@check("BUD-004", reads=("model.routing",))
def model_routing(facts: Facts) -> Iterator[Result]:
    if not facts.manifest.model.routing:
        yield Fail("no model routing declared", loc=("model",))


# ---- memory --------------------------------------------------------------------------------


@check("MEM-001", reads=("memory.scratchpad",))
def scratchpad_ephemeral(facts: Facts) -> Iterator[Result]:
    scratchpad = facts.manifest.memory.scratchpad
    if scratchpad is None:
        yield Fail("the scratchpad's retention is not declared", loc=("memory",))
    elif scratchpad.retained:
        yield Fail("the scratchpad is retained", loc=("memory", "scratchpad", "retained"))


@check("MEM-002", reads=("memory.long_term",))
def long_term_governed(facts: Facts) -> Iterator[Result]:
    long_term = facts.manifest.memory.long_term
    if long_term is None or not long_term.enabled:
        yield NotApplicable("no long-term memory")
        return
    if not long_term.user_approved:
        yield Fail("long-term memory is not user-approved", loc=("memory", "long_term"))
    if long_term.retention_days is None:
        yield Fail("long-term memory never expires", loc=("memory", "long_term"))


@check("MEM-003", reads=("memory.action_log",))
def action_log(facts: Facts) -> Iterator[Result]:
    log = facts.manifest.memory.action_log
    if log is None:
        yield Fail("no action log is declared", loc=("memory",))
        return
    if not log.immutable:
        yield Fail("the action log is not immutable", loc=("memory", "action_log"))
    if log.retention_days is None:
        yield Fail("the action log has no retention period", loc=("memory", "action_log"))


# ---- decisions -----------------------------------------------------------------------------


@check("OWN-007", reads=("decisions",))
def decisions_reviewed(facts: Facts) -> Iterator[Result]:
    """Decisions do not expire, so their review date is the only thing that brings them back."""
    decisions = facts.manifest.decisions
    if not decisions:
        yield NotApplicable("no decisions are recorded")
        return
    for index, decision in enumerate(decisions):
        if decision.review_by < facts.today:
            yield Fail(f"the decision that {decision.check} does not apply ({decision.owner}, {decision.decided.isoformat()}) "
                       f"was due for review on {decision.review_by.isoformat()}; it still holds, but review it and move "
                       "review_by on (or remove it)", loc=("decisions", index, "review_by"))
        else:
            yield Pass(f"decision on {decision.check} is reviewed by {decision.review_by.isoformat()}")
