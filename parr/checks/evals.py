"""Evals: regression, scenario and adversarial suites exist, pass their thresholds and are fresh."""

from __future__ import annotations

from collections.abc import Iterator

from parr.checks.base import Fail, NotApplicable, Pass, Result, check
from parr.facts import Facts
from parr.manifest.models import Suite

ADVERSARIAL_CATEGORIES = ("prompt_injection", "data_exfiltration", "tool_misuse")
DEFAULT_MAX_AGE_DAYS = 30
MIN_MEANINGFUL_THRESHOLD = 0.8


def _suite_threshold(facts: Facts, name: str, suite: Suite | None) -> Iterator[Result]:
    """Shared by the three 'meets its threshold' checks: results readable and pass rate high enough."""
    if suite is None or not suite.results:
        yield Fail(f"no {name} results are declared", loc=("evals",) if suite is None else ("evals", name))
        return
    fact = facts.eval_results.get(name)
    loc = ("evals", name, "results")
    if fact is None or not fact.exists:
        yield Fail(f"{name} results file {suite.results} does not exist", loc=loc)
    elif fact.error:
        yield Fail(f"{name} results file {suite.results}: {fact.error}", loc=loc)
    elif fact.total == 0:
        yield Fail(f"{name} results file {suite.results} holds no test cases", loc=loc)
    elif fact.pass_rate is not None and fact.pass_rate < suite.pass_threshold:
        yield Fail(
            f"{name} suite passed {fact.passed}/{fact.total} ({fact.pass_rate:.0%}), below its threshold {suite.pass_threshold:.0%}",
            loc=loc,
            evidence=(f"{fact.total - fact.passed} failing case(s) in {suite.results}",),
        )
    else:
        yield Pass(f"{name} suite passed {fact.passed}/{fact.total}")


@check("EVAL-001", reads=("evals.regression",))
def regression_declared(facts: Facts) -> Iterator[Result]:
    suite = facts.manifest.evals.regression
    if suite is None or not suite.results:
        yield Fail("no regression suite results are declared", loc=("evals",))
        return
    fact = facts.eval_results.get("regression")
    if fact is None or not fact.exists:
        yield Fail(f"regression results file {suite.results} does not exist", loc=("evals", "regression", "results"))
    else:
        yield Pass(f"regression results at {suite.results}")


@check("EVAL-002", reads=("evals.regression",))
def regression_passes(facts: Facts) -> Iterator[Result]:
    yield from _suite_threshold(facts, "regression", facts.manifest.evals.regression)


@check("EVAL-003", reads=("evals.adversarial",))
def adversarial_coverage(facts: Facts) -> Iterator[Result]:
    suite = facts.manifest.evals.adversarial
    if suite is None:
        yield Fail("no adversarial suite is declared", loc=("evals",))
        return
    covered = {c.lower().replace("-", "_").replace(" ", "_") for c in suite.categories}
    missing = [c for c in ADVERSARIAL_CATEGORIES if c not in covered]
    if missing:
        yield Fail(f"the adversarial suite does not cover {', '.join(missing)}", loc=("evals", "adversarial"))


@check("EVAL-004", reads=("evals.adversarial",))
def adversarial_passes(facts: Facts) -> Iterator[Result]:
    yield from _suite_threshold(facts, "adversarial", facts.manifest.evals.adversarial)


@check("EVAL-005", reads=("evals.scenario",))
def scenario_passes(facts: Facts) -> Iterator[Result]:
    yield from _suite_threshold(facts, "scenario", facts.manifest.evals.scenario)


@check("EVAL-006", reads=("evals",))
def results_fresh(facts: Facts) -> Iterator[Result]:
    checked = False
    for name, fact in sorted(facts.eval_results.items()):
        suite: Suite = getattr(facts.manifest.evals, name)
        if not fact.exists or fact.error:
            continue
        checked = True
        if fact.timestamp is None:
            yield Fail(f"{name} results carry no timestamp, so their age is unknown", loc=("evals", name, "results"))
            continue
        limit = suite.max_age_days or DEFAULT_MAX_AGE_DAYS
        age = (facts.today - fact.timestamp.date()).days
        if age > limit:
            yield Fail(f"{name} results are {age} days old (limit {limit})", loc=("evals", name, "results"))
    if not checked:
        yield NotApplicable("no readable eval results")


@check("EVAL-007", reads=("evals",))
def thresholds_meaningful(facts: Facts) -> Iterator[Result]:
    any_suite = False
    for name in ("regression", "scenario", "adversarial"):
        suite = getattr(facts.manifest.evals, name)
        if suite is None:
            continue
        any_suite = True
        if suite.pass_threshold < MIN_MEANINGFUL_THRESHOLD:
            yield Fail(
                f"{name} pass threshold {suite.pass_threshold} is below {MIN_MEANINGFUL_THRESHOLD}",
                loc=("evals", name, "pass_threshold"),
            )
    if not any_suite:
        yield NotApplicable("no eval suites declared")



@check("EVAL-008", reads=("evals.regression.results", "evals.scenario.results", "evals.adversarial.results"))
def results_are_evals(facts: Facts) -> Iterator[Result]:
    """A JUnit file says nothing about what it tested; one that never names a model, an agent, a
    prompt or this agent's tools is a unit-test run, whatever suite it is declared as."""
    readable = False
    for name, fact in sorted(facts.eval_results.items()):
        if not fact.exists or fact.error:
            continue
        readable = True
        if fact.format == "junit" and not fact.markers:
            yield Fail(f"{name} results {fact.path} are unit tests, not an eval suite: no suite, case, property or "
                       "output in it names a model, an agent, a prompt, this agent's id or one of its tools",
                       loc=("evals", name, "results"))
        else:
            shown = ", ".join(fact.markers[:3])
            yield Pass(f"{name} results ({fact.format}) name {shown}")
    if not readable:
        yield NotApplicable("no readable eval results")
