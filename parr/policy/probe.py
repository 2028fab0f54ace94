"""Probing every tool: which tools, which requests, and what counts as a failure.

Tools probed: every tool of `permissions.tools`, every tool the scan found that the manifest does
not declare, every name on `policies.deny`, and one tool nobody declared (`parr-undeclared-tool`),
which tells whether the policy denies by default. Each is probed in every environment the manifest
names plus production, and at every rollout stage when the policy reads `context.stage` (once
otherwise: the stage cannot change its decisions).

A request allowed *without approval* fails when:

- `needs_approval`: a mutating tool in production whose gate is `approval:<queue>`, or that has no
  gate at all (a production mutation needs a policy gate or a human);
- `wrong_rule`: a mutating tool in production gated `policy:<rule>` is allowed, but not by <rule>;
- `outside_allowlist`: a mutating tool in production that the manifest does not allow there (not in
  its `environments`, or found in code and not declared at all);
- `over_threshold`: a request over an approval threshold (`amount_over: N`) in production;
- `deny_list`: any request (approved or not, any environment) for a tool on `policies.deny`;
- `default_allow`: the undeclared tool in production.

A tool no rule names is reported as `unmentioned`, not failed: default deny is the expected posture.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from parr.manifest.models import Access, Manifest
from parr.policy.model import Evaluation, FindingKind, PolicyCall, ProbeFinding, ProbeRow, RuleRef
from parr.policy.requests import (
    Template,
    is_production,
    probe_context,
    production_environment,
    templates_for,
    thresholds_for,
)
from parr.scan.model import ScanResult

UNDECLARED_TOOL = "parr-undeclared-tool"
MAX_ERRORS_SHOWN = 3


@dataclass(frozen=True)
class ProbeTarget:
    tool: str
    source: Literal["manifest", "scan", "deny-list", "undeclared"]
    mutating: bool
    access: str | None = None
    gate: str = "none"
    risk: str | None = None
    environments: tuple[str, ...] = ()
    denied: bool = False  # on policies.deny
    manifest_index: int | None = None
    code_location: str | None = None  # file:line in the repository, for tools found by the scan

    @property
    def gate_kind(self) -> str:
        return self.gate.split(":", 1)[0]

    @property
    def gate_rule(self) -> str | None:
        return self.gate.split(":", 1)[1] if self.gate_kind == "policy" else None


def probe_targets(manifest: Manifest, scan: ScanResult | None) -> list[ProbeTarget]:
    deny = set(manifest.policies.deny)
    targets = [
        ProbeTarget(
            tool=tool.name,
            source="manifest",
            mutating=tool.access is not Access.READ,
            access=tool.access.value,
            gate=tool.gate,
            risk=tool.risk.value if tool.risk else None,
            environments=tuple(tool.environments),
            denied=tool.name in deny,
            manifest_index=index,
        )
        for index, tool in enumerate(manifest.permissions.tools)
    ]
    known = {t.tool for t in targets}
    if scan is not None:
        for record in sorted(scan.tools, key=lambda r: (r.name, r.file, r.line)):
            if record.name in known:
                continue
            known.add(record.name)
            targets.append(ProbeTarget(
                tool=record.name, source="scan", mutating=record.mutating, denied=record.name in deny,
                code_location=f"{record.file}:{record.line}",
            ))
    for name in manifest.policies.deny:
        if name not in known and "*" not in name:
            known.add(name)
            targets.append(ProbeTarget(tool=name, source="deny-list", mutating=True, denied=True))
    targets.append(ProbeTarget(tool=UNDECLARED_TOOL, source="undeclared", mutating=True))
    return targets


@dataclass
class PlannedProbe:
    """One table row: the requests sent for it, by index into the batch."""

    target: ProbeTarget
    environment: str
    stage: str | None
    unapproved: list[int] = field(default_factory=list)
    approved: list[int] = field(default_factory=list)
    over: dict[str, list[int]] = field(default_factory=dict)


def plan_probes(
    manifest: Manifest,
    targets: Sequence[ProbeTarget],
    *,
    principal: str,
    stages: Sequence[str | None],
    stage_value: str,
) -> tuple[list[PolicyCall], list[PlannedProbe]]:
    """Every request of the probe, in one batch, and the rows they answer."""
    production = production_environment(manifest)
    granted = list(dict.fromkeys(manifest.permissions.environments))
    calls: list[PolicyCall] = []
    planned: list[PlannedProbe] = []
    for target in targets:
        if target.source == "undeclared":
            environments = [production]
        else:
            environments = list(dict.fromkeys(granted + list(target.environments) + [production]))
        templates = templates_for(manifest, target.tool) if target.source != "undeclared" else [Template()]
        thresholds = thresholds_for(manifest, target.tool)
        for environment in environments:
            for stage in stages:
                row = PlannedProbe(target, environment, stage)

                def add(
                    template: Template, approved: bool, over: str | None = None,
                    row: PlannedProbe = row, thresholds: dict[str, float] = thresholds,
                ) -> int:
                    context = probe_context(
                        template, environment=row.environment, stage=row.stage or stage_value, risk=row.target.risk,
                        approved=approved, thresholds=thresholds, over=over,
                    )
                    calls.append(PolicyCall(
                        principal=template.principal or principal,
                        action=row.target.tool,
                        resource=template.resource,
                        context=context,
                    ))
                    return len(calls) - 1

                for template in templates:
                    row.unapproved.append(add(template, False))
                    row.approved.append(add(template, True))
                    if is_production(environment):
                        for attribute in thresholds:
                            row.over.setdefault(attribute, []).append(add(template, False, attribute))
                planned.append(row)
    return calls, planned


def combine(evaluations: Sequence[Evaluation]) -> Evaluation:
    """The worst case over a row's request shapes: allowed if any shape is allowed."""
    errors = tuple(dict.fromkeys(e for ev in evaluations for e in ev.errors))[:MAX_ERRORS_SHOWN]
    allowing = [e for e in evaluations if e.allowed]
    if allowing:
        return Evaluation(decision="allow", rules=_rules(allowing), errors=errors)
    denying = [e for e in evaluations if e.decision == "deny"]
    if denying:
        return Evaluation(decision="deny", rules=_rules(denying), errors=errors)
    return Evaluation(decision="error", errors=errors or ("no decision",))


def _rules(evaluations: Sequence[Evaluation]) -> tuple[RuleRef, ...]:
    return tuple(dict.fromkeys(rule for e in evaluations for rule in e.rules))


def _named(rules: Sequence[RuleRef]) -> str:
    return ", ".join(rule.describe() for rule in rules) or "a rule parr cannot name"


def judge(
    manifest: Manifest,
    planned: Sequence[PlannedProbe],
    evaluations: Sequence[Evaluation],
    mentions: Callable[[str], bool],
) -> tuple[list[ProbeRow], list[ProbeFinding]]:
    """Rows for the table and the findings they raise (findings merged across stages)."""
    rows: list[ProbeRow] = []
    raw: list[tuple[ProbeFinding, str | None]] = []
    for probe in planned:
        target = probe.target
        unapproved = combine([evaluations[i] for i in probe.unapproved])
        approved = combine([evaluations[i] for i in probe.approved])
        over_evals = {a: combine([evaluations[i] for i in idx]) for a, idx in probe.over.items()}
        over = combine(list(over_evals.values())) if over_evals else None
        mentioned = target.source == "undeclared" or mentions(target.tool)
        each = [evaluations[i] for i in probe.unapproved]
        found = _row_findings(manifest, probe, unapproved, approved, over_evals, each)
        raw.extend((finding, probe.stage) for finding in found)
        status: Literal["ok", "fail", "error", "note"] = (
            "fail" if found else "error" if unapproved.decision == "error" else "ok"
        )
        if status == "ok" and not mentioned and not target.denied:
            status = "note"
        rows.append(ProbeRow(
            tool=target.tool, source=target.source, access=target.access, mutating=target.mutating,
            gate=target.gate, environment=probe.environment, stage=probe.stage, mentioned=mentioned,
            unapproved=unapproved, approved=approved, over_threshold=over, status=status,
        ))
    findings = _merge_stages(raw, {p.stage for p in planned})
    for target in _distinct_targets(planned):
        if target.source in ("manifest", "scan") and not target.denied and not mentions(target.tool):
            where = f" (found in code at {target.code_location}, not declared in parr.yaml)" if target.code_location else ""
            findings.append(ProbeFinding(
                kind="unmentioned", tool=target.tool, manifest_index=target.manifest_index,
                message=f"no policy rule names '{target.tool}'{where}: it is denied by default",
            ))
    return rows, findings


def _distinct_targets(planned: Sequence[PlannedProbe]) -> list[ProbeTarget]:
    return list(dict.fromkeys(p.target for p in planned))


def _row_findings(
    manifest: Manifest,
    probe: PlannedProbe,
    unapproved: Evaluation,
    approved: Evaluation,
    over: dict[str, Evaluation],
    each: Sequence[Evaluation],
) -> list[ProbeFinding]:
    """`each`: the unapproved evaluation of every request shape, judged one by one for the gate rule."""
    target, env = probe.target, probe.environment
    found: list[ProbeFinding] = []

    def add(kind: FindingKind, message: str, rules: tuple[RuleRef, ...]) -> None:
        found.append(ProbeFinding(
            kind=kind, tool=target.tool, environment=env, rules=rules, message=message,
            manifest_index=target.manifest_index,
        ))

    if target.source == "undeclared":
        if unapproved.allowed:
            add("default_allow", f"a tool nobody declared ('{target.tool}') is allowed in {env} by "
                f"{_named(unapproved.rules)}: the policy does not deny by default", unapproved.rules)
        return found
    if target.denied:
        allowing = unapproved if unapproved.allowed else approved if approved.allowed else None
        if allowing is not None:
            add("deny_list", f"'{target.tool}' is on policies.deny, but the policy allows it in {env} by "
                f"{_named(allowing.rules)}", allowing.rules)
        return found
    if not is_production(env) or not target.mutating:
        return found
    kind_of = target.access or "mutating"
    if unapproved.allowed:
        rules = unapproved.rules
        if target.source == "scan":
            add("outside_allowlist", f"'{target.tool}' (found in code at {target.code_location}, mutating) is allowed in "
                f"{env} by {_named(rules)}, but parr.yaml does not declare it", rules)
        elif env not in target.environments:
            add("outside_allowlist", f"'{target.tool}' ({kind_of}) is allowed in {env} by {_named(rules)}, but "
                f"parr.yaml does not allow it there (environments: {', '.join(target.environments) or 'none'})", rules)
        elif target.gate_kind == "approval":
            add("needs_approval", f"'{target.tool}' ({kind_of}) is allowed in {env} without approval by "
                f"{_named(rules)}; its gate is {target.gate}, so the policy must deny it unless approved", rules)
        elif target.gate_kind == "none":
            add("needs_approval", f"'{target.tool}' ({kind_of}) is allowed in {env} without approval by "
                f"{_named(rules)}, and parr.yaml gives it no gate: a production mutation needs a policy rule "
                "of its own or an approval", rules)
        else:
            # Each request shape on its own: one the gate rule does not cover must not be let through by another rule.
            stray = _rules([e for e in each if e.allowed and target.gate_rule not in {r.id for r in e.rules}])
            if stray:
                add("wrong_rule", f"'{target.tool}' ({kind_of}) is allowed in {env} without approval by {_named(stray)}, "
                    f"not by its gate rule '{target.gate_rule}'", stray)
    thresholds = thresholds_for(manifest, target.tool)
    for attribute, evaluation in over.items():
        if evaluation.allowed:
            value = thresholds[attribute]
            add("over_threshold", f"'{target.tool}' with {attribute} over the approval threshold ({value:g}) is "
                f"allowed in {env} without approval by {_named(evaluation.rules)}", evaluation.rules)
    return found


def _merge_stages(raw: Sequence[tuple[ProbeFinding, str | None]], probed: set[str | None]) -> list[ProbeFinding]:
    """One finding per (kind, tool, environment, rules), listing the stages it holds at."""
    merged: dict[tuple[object, ...], tuple[ProbeFinding, list[str]]] = {}
    for finding, stage in raw:
        key = (finding.kind, finding.tool, finding.environment, finding.rules)
        entry = merged.setdefault(key, (finding, []))
        if stage is not None:
            entry[1].append(stage)
    result = []
    every = {s for s in probed if s is not None}
    for finding, stages in merged.values():
        if not stages or set(stages) == every:
            result.append(finding)
        else:
            result.append(finding.model_copy(update={"stages": tuple(dict.fromkeys(stages))}))
    return result
