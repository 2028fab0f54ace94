"""Policies: a deterministic engine decides; its files parse; high-risk actions are gated."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from parr.checks.base import Fail, NotApplicable, Pass, Result, check
from parr.facts import Facts
from parr.manifest.models import Access, Risk

HIGH_RISK_ACCESS = frozenset({Access.DELETE, Access.PAY, Access.EXECUTE})
HIGH_RISK = frozenset({Risk.HIGH, Risk.CRITICAL})
MAX_APPROVAL_BATCH = 25


def enforcement_in_code(facts: Facts) -> tuple[str, ...]:
    """Where the code asks a policy decision point: an SDK or OPA REST call the scan found, or a
    function `policies.enforcement_points` names that parr found defined. Empty when none is seen."""
    seen = [f"{p.entry} (defined at line {p.line})" for p in facts.enforcement_points if p.verified]
    seen += [
        f"{point['sdk']}: {point['call']}() at {point['file']}:{point['line']}"
        for point in (facts.wiring or {}).get("policy_points", [])
    ]
    return tuple(seen)


def _tool_hooks(facts: Facts, tool: str) -> tuple[str, ...]:
    """The framework's own gates on one tool in the code (needs_approval, interrupt, guardrails)."""
    if facts.scan is None:
        return ()
    return tuple(f"{gate} on {t.name} at {t.file}:{t.line}" for t in facts.scan.tools if t.name == tool for gate in t.gates)


def _no_enforcement(facts: Facts) -> str:
    if facts.scan is None:
        return "the code was not scanned, so parr cannot see where it asks the policy"
    return ("the code calls no policy decision point parr knows (cedarpy, OPA REST or SDK, regopy, Verified "
            "Permissions, Cerbos, OpenFGA, Permit.io, Oso) and `policies.enforcement_points` names none it could find")


@check("POL-001", reads=("policies", "permissions.tools[*].name"))
def engine_declared(facts: Facts) -> Iterator[Result]:
    policies = facts.manifest.policies
    if policies.engine is None:
        yield Fail("no policy engine declared", loc=("policies",))
        return
    if not policies.files:
        yield Fail(f"engine '{policies.engine}' is declared but no policy files are listed", loc=("policies", "engine"))
        return
    for point in facts.enforcement_points:
        if not point.verified:
            yield Fail(f"policies.enforcement_points: {point.entry}: {point.problem}",
                       loc=("policies", "enforcement_points", point.index))
    hooks = tuple(h for t in facts.manifest.permissions.tools for h in _tool_hooks(facts, t.name))
    seen = enforcement_in_code(facts) + hooks
    if not seen and facts.scan is None:
        # Like every code check: without a scan (--no-scan) parr says it did not look, and does not pass.
        yield NotApplicable(f"{policies.engine}: {len(policies.files)} file(s); {_no_enforcement(facts)}")
        return
    if not seen:
        yield Fail(f"{policies.engine} policies are declared, but {_no_enforcement(facts)}: nothing in the code "
                   "puts them between the model and the tools", loc=("policies", "engine"))
        return
    yield Pass(f"{policies.engine}: {len(policies.files)} file(s), asked at {seen[0]}"
               + (f" and {len(seen) - 1} more place(s)" if len(seen) > 1 else ""))


@check("POL-002", reads=("policies.engine", "policies.files",))
def files_parse(facts: Facts) -> Iterator[Result]:
    if not facts.policy_files:
        yield NotApplicable("no policy files declared")
        return
    for index, fact in enumerate(facts.policy_files):
        loc = ("policies", "files", index)
        if not fact.exists:
            yield Fail(f"policy file {fact.path} does not exist", loc=loc)
        elif fact.error and fact.error_line:
            # Point into the policy file itself: that is where the fix goes.
            yield Fail(
                f"policy file {fact.path}:{fact.error_line}: {fact.error}",
                file=str(facts.loaded.resolve(fact.path)),
                line=fact.error_line,
                evidence=(fact.error,),
            )
        elif fact.error:
            yield Fail(f"policy file {fact.path}: {fact.error}", loc=loc, evidence=(fact.error,))


@check("POL-003", reads=("permissions.tools[*].name", "permissions.tools[*].access", "permissions.tools[*].risk", "permissions.tools[*].gate",))
def high_risk_gated(facts: Facts) -> Iterator[Result]:
    for index, tool in enumerate(facts.manifest.permissions.tools):
        risky = tool.access in HIGH_RISK_ACCESS or tool.risk in HIGH_RISK
        if risky and tool.gate_kind == "none":
            why = f"risk {tool.risk.value}" if tool.risk in HIGH_RISK else f"access {tool.access.value}"
            yield Fail(f"tool '{tool.name}' ({why}) runs with no policy or approval gate", loc=("permissions", "tools", index, "gate"))


def _policy_gated(facts: Facts) -> list[tuple[int, Any, str]]:
    """(manifest index, tool entry, rule path) of every tool behind a `policy:<rule>` gate; OPA
    spells rule paths with dots or slashes (billing/void_unpaid_only), so slashes become dots."""
    return [
        (i, t, t.gate.split(":", 1)[1].replace("/", "."))
        for i, t in enumerate(facts.manifest.permissions.tools) if t.gate_kind == "policy"
    ]


@check("POL-004", reads=("permissions.tools[*].name", "permissions.tools[*].gate", "policies.files",))
def gates_name_defined_rules(facts: Facts) -> Iterator[Result]:
    gated = _policy_gated(facts)
    if not gated:
        yield NotApplicable("no tool has a policy gate")
        return
    readable = [f for f in facts.policy_files if f.exists and not f.error]
    if not readable:
        yield Fail("tools name policy gates but no policy file could be read", loc=("policies",))
        return
    defined = set().union(*(f.rule_ids for f in readable))
    for index, tool, rule in gated:
        if rule not in defined:
            yield Fail(
                f"tool '{tool.name}' is gated by policy rule '{rule}', which no policy file defines",
                loc=("permissions", "tools", index, "gate"),
                evidence=(f"rules defined: {', '.join(sorted(n for n in defined if '.' not in n)) or 'none'}",),
            )


@check("POL-005", reads=("permissions.tools[*].name", "permissions.tools[*].gate", "policies.tests",))
def policies_tested(facts: Facts) -> Iterator[Result]:
    policies = facts.manifest.policies
    if policies.engine is None:
        yield NotApplicable("no policy engine declared")
        return
    if not policies.tests:
        yield Fail("the policies have no test cases", loc=("policies",))
        return
    actions = [test.request.action for test in policies.tests]
    for index, tool in enumerate(facts.manifest.permissions.tools):
        # Cedar spells actions as entity ids (Action::"refund"); Rego tests usually use the bare name.
        tested = any(a == tool.name or a.endswith(f'::"{tool.name}"') for a in actions)
        if tool.gate_kind == "policy" and not tested:
            yield Fail(f"no policy test exercises gated tool '{tool.name}'", loc=("permissions", "tools", index, "gate"))


@check("POL-006", reads=("permissions.tools[*].name", "permissions.tools[*].gate", "policies.approvals",))
def approval_queues_staffed(facts: Facts) -> Iterator[Result]:
    approvals = {a.tool: (i, a) for i, a in enumerate(facts.manifest.policies.approvals)}
    queued = [(i, t) for i, t in enumerate(facts.manifest.permissions.tools) if t.gate_kind == "approval"]
    if not queued:
        yield NotApplicable("no tool has an approval gate")
        return
    for index, tool in queued:
        entry = approvals.get(tool.name)
        if entry is None:
            yield Fail(
                f"tool '{tool.name}' waits on approval but `policies.approvals` names no approver for it",
                loc=("permissions", "tools", index, "gate"),
            )
            continue
        approval_index, approval = entry
        if approval.max_batch is None or approval.max_batch > MAX_APPROVAL_BATCH:
            yield Fail(
                f"approvals for '{tool.name}' have no batch limit of {MAX_APPROVAL_BATCH} or fewer",
                loc=("policies", "approvals", approval_index),
            )


@check("POL-012", reads=("permissions.tools[*].name", "permissions.tools[*].gate", "policies.files", "policies.enforcement_points"))
def policy_gates_enforced(facts: Facts) -> Iterator[Result]:
    gated = _policy_gated(facts)
    if not gated:
        yield NotApplicable("no tool has a policy gate")
        return
    readable = [f for f in facts.policy_files if f.exists and not f.error]
    defined = set().union(*(f.rule_ids for f in readable)) if readable else set()
    in_code = enforcement_in_code(facts)
    for index, tool, rule in gated:
        loc = ("permissions", "tools", index, "gate")
        if not readable:
            yield Fail(f"tool '{tool.name}' is gated by policy:{rule}, but no declared policy file could be read", loc=loc)
        elif rule not in defined:
            yield Fail(f"tool '{tool.name}' is gated by policy:{rule}, which no declared policy file defines", loc=loc,
                       evidence=(f"rules defined: {', '.join(sorted(n for n in defined if '.' not in n)) or 'none'}",))
        points = in_code + _tool_hooks(facts, tool.name)
        if not points and facts.scan is None:
            yield NotApplicable(f"'{tool.name}': {_no_enforcement(facts)}")
        elif not points:
            yield Fail(f"tool '{tool.name}' is gated by policy:{rule}, but {_no_enforcement(facts)}", loc=loc)
        elif readable and rule in defined:
            yield Pass(f"'{tool.name}': rule {rule} is defined and asked at {points[0]}")
