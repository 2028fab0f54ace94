"""Policies evaluated for real: they validate, pass their own tests, and gate every mutating tool."""

from __future__ import annotations

from collections.abc import Iterator

from parr.checks.base import Error, Fail, NotApplicable, Pass, Result, check, needs
from parr.facts import Facts
from parr.policy.model import PolicyEvaluation, PolicyProblem, ProbeFinding

PROBE_KINDS = frozenset({"needs_approval", "outside_allowlist", "wrong_rule", "over_threshold", "deny_list"})
RUN_PROBLEMS = frozenset({"timeout", "engine", "limit"})


def _problem_fail(facts: Facts, problem: PolicyProblem, loc: tuple[str | int, ...]) -> Fail:
    if problem.file and problem.line:
        return Fail(problem.sentence(), file=str(facts.loaded.resolve(problem.file)), line=problem.line)
    return Fail(problem.sentence(), loc=loc)


with_policies = needs(lambda facts: facts.policy_eval, "no policies declared")


def _not_run(facts: Facts, evaluation: PolicyEvaluation) -> Iterator[Result]:
    """Why nothing was evaluated: an engine that crashed, timed out or ran out of memory is an
    `error` (parr could not judge, and that blocks); too many requests is a failure; unreadable
    files are POL-002's."""
    ran_out = [p for p in evaluation.problems if p.kind in RUN_PROBLEMS]
    for problem in ran_out:
        if problem.kind in ("timeout", "engine"):
            yield Error(problem.sentence(), loc=("policies", "files"))
        else:
            yield _problem_fail(facts, problem, ("policies", "files"))
    if not ran_out:
        yield NotApplicable("the policies could not be loaded (see POL-002 and POL-007)")


def _finding_fail(facts: Facts, finding: ProbeFinding) -> Fail:
    """Point at the rule that allowed it when known, else at the tool's entry in parr.yaml."""
    rule = next((r for r in finding.rules if r.file and r.line), None)
    evidence = tuple(r.describe() for r in finding.rules)
    if rule is not None:
        return Fail(finding.text(), file=str(facts.loaded.resolve(rule.file or "")), line=rule.line, evidence=evidence)
    if finding.manifest_index is not None:
        return Fail(finding.text(), loc=("permissions", "tools", finding.manifest_index), evidence=evidence)
    if finding.kind == "deny_list":
        return Fail(finding.text(), loc=("policies", "deny"), evidence=evidence)
    return Fail(finding.text(), loc=("policies",), evidence=evidence)


@check("POL-007", reads=("policies.engine", "policies.files", "policies.tests",))
@with_policies
def policies_validate(facts: Facts, evaluation: PolicyEvaluation) -> Iterator[Result]:
    if not evaluation.loaded and any(p.kind in ("timeout", "engine") for p in evaluation.problems):
        # The engine died before it could say whether the files validate: nothing here may pass.
        yield from _not_run(facts, evaluation)
        return
    schema_missing = [
        p for p in evaluation.problems
        if p.kind in ("missing", "limit") and evaluation.schema_file and p.file == evaluation.schema_file
    ]
    relevant = schema_missing + [p for p in evaluation.problems if p.kind in ("schema", "validation", "entrypoint")]
    if not relevant and any(p.kind in ("missing", "syntax", "limit") for p in evaluation.problems):
        yield NotApplicable("the policy files do not load, so they cannot be validated (see POL-002)")
        return
    for problem in relevant:
        key = "entrypoint" if problem.kind == "entrypoint" else "schema" if problem.kind != "validation" else "files"
        yield _problem_fail(facts, problem, ("policies", key))
    if relevant:
        return
    if evaluation.engine == "rego":
        yield Pass(f"entrypoint {evaluation.entrypoint or 'data.<package>.allow'} names a rule the modules define")
    elif evaluation.schema_file:
        yield Pass(f"{len(evaluation.rules)} Cedar policies validate against {evaluation.schema_file}")
    else:
        yield NotApplicable("no Cedar schema declared, so the policies are not type-checked")


@check("POL-008", reads=("policies.engine", "policies.files", "policies.tests", "permissions.tools[*].name", "permissions.tools[*].access", "permissions.tools[*].gate",))
@with_policies
def policy_tests_pass(facts: Facts, evaluation: PolicyEvaluation) -> Iterator[Result]:
    if not evaluation.evaluated:
        yield from _not_run(facts, evaluation)
        return
    if not evaluation.tests:
        yield NotApplicable("the manifest has no policy tests (see POL-005)")
        return
    for test in evaluation.failed_tests:
        yield Fail(
            f"policy test '{test.name}': expected {test.expect}, got {test.evaluation.summary()}",
            loc=("policies", "tests", test.index),
            evidence=test.evaluation.errors,
        )
    if not evaluation.failed_tests:
        yield Pass(f"{len(evaluation.tests)}/{len(evaluation.tests)} policy tests pass under {evaluation.engine}")


@check("POL-009", reads=("policies.engine", "policies.files", "policies.tests", "permissions.tools[*].name", "permissions.tools[*].access", "permissions.tools[*].gate",))
@with_policies
def mutations_need_their_approval(facts: Facts, evaluation: PolicyEvaluation) -> Iterator[Result]:
    if not evaluation.evaluated:
        yield from _not_run(facts, evaluation)
        return
    failing = [f for f in evaluation.findings if f.kind in PROBE_KINDS]
    for finding in failing:
        yield _finding_fail(facts, finding)
    if not failing:
        probed = len({row.tool for row in evaluation.probes if row.mutating and row.source != "undeclared"})
        yield Pass(f"{probed} mutating tool(s) probed; none is allowed in production without the approval it needs")


@check("POL-010", reads=("policies.engine", "policies.files", "policies.tests", "permissions.tools[*].name", "permissions.tools[*].access", "permissions.tools[*].gate",))
@with_policies
def denies_by_default(facts: Facts, evaluation: PolicyEvaluation) -> Iterator[Result]:
    if not evaluation.evaluated:
        yield from _not_run(facts, evaluation)
        return
    failing = [f for f in evaluation.findings if f.kind == "default_allow"]
    for finding in failing:
        yield _finding_fail(facts, finding)
    if not failing:
        yield Pass("a tool nobody declared is denied")


@check("POL-011", reads=("policies.engine", "policies.files", "policies.tests", "permissions.tools[*].name", "permissions.tools[*].access", "permissions.tools[*].gate",))
@with_policies
def every_tool_named(facts: Facts, evaluation: PolicyEvaluation) -> Iterator[Result]:
    if not evaluation.evaluated:
        yield NotApplicable("the policies could not be evaluated")
        return
    unnamed = [f for f in evaluation.findings if f.kind == "unmentioned"]
    for finding in unnamed:
        loc: tuple[str | int, ...] = ("permissions", "tools", finding.manifest_index) if finding.manifest_index is not None else ("permissions", "tools")
        yield Fail(finding.message, loc=loc)
    if not unnamed:
        yield Pass("every declared tool is named by a policy rule")
