"""What a policy evaluation reports: problems, rules, decisions, test results, probe rows, findings."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Engine = Literal["cedar", "rego"]
DecisionValue = Literal["allow", "deny", "error"]
ProblemKind = Literal["missing", "syntax", "schema", "validation", "entrypoint", "limit", "timeout", "engine"]
FindingKind = Literal[
    "needs_approval",  # a production mutation allowed although its gate (or its stage) needs an approval
    "outside_allowlist",  # a production mutation allowed for a tool the manifest does not allow there
    "wrong_rule",  # allowed, but not by the rule its `policy:<rule>` gate names
    "over_threshold",  # allowed above an approval threshold without the approval
    "deny_list",  # allowed although `policies.deny` names the tool
    "default_allow",  # a tool nobody declared is allowed: the policy does not deny by default
    "unmentioned",  # no rule names the tool: it is denied by default
]
# Finding kinds that make `parr policy test` exit 1; `unmentioned` is reported, default deny being the goal.
FAILING_KINDS: frozenset[str] = frozenset(
    {"needs_approval", "outside_allowlist", "wrong_rule", "over_threshold", "deny_list", "default_allow"}
)
# Problems that mean the policy files themselves are bad input (exit 2), not a failed expectation.
INPUT_PROBLEMS: frozenset[str] = frozenset(
    {"missing", "syntax", "schema", "validation", "entrypoint", "limit", "timeout", "engine"}
)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RuleRef(_Frozen):
    """One rule of the policy: a Cedar policy (by its @id, else its position) or a Rego rule."""

    id: str | None = Field(default=None, description="Cedar @id annotation or Rego rule name; None for an unnamed Cedar policy")
    effect: Literal["permit", "forbid", "rule"] = "rule"
    file: str | None = Field(default=None, description="policy file as written in parr.yaml")
    line: int | None = None

    @property
    def where(self) -> str | None:
        if self.file is None:
            return None
        return f"{self.file}:{self.line}" if self.line else self.file

    @property
    def label(self) -> str:
        """How findings name the rule: its id, else its effect and place."""
        if self.id:
            return self.id
        return f"{self.effect} at {self.where}" if self.where else self.effect

    def describe(self) -> str:
        """The rule with its place, e.g. `refund_any (policies/refunds.cedar:14)`."""
        if self.id and self.where:
            return f"{self.id} ({self.where})"
        return self.label


class PolicyProblem(_Frozen):
    kind: ProblemKind
    message: str
    file: str | None = None
    line: int | None = None

    def sentence(self) -> str:
        where = f"{self.file}:{self.line}: " if self.file and self.line else (f"{self.file}: " if self.file else "")
        return f"{where}{self.message}"


class Evaluation(_Frozen):
    """One decision: allow or deny, the rules that determined it, and errors met on the way."""

    decision: DecisionValue
    rules: tuple[RuleRef, ...] = ()
    errors: tuple[str, ...] = ()

    @property
    def allowed(self) -> bool:
        return self.decision == "allow"

    def summary(self) -> str:
        if self.decision == "error":
            return "error: " + (self.errors[0] if self.errors else "the engine gave no decision")
        if not self.rules:
            return "allow" if self.allowed else "deny (no rule allows it)"
        return f"{self.decision} by " + ", ".join(rule.describe() for rule in self.rules)


class PolicyCall(_Frozen):
    """An engine-neutral request: the four parts every policy engine sees, in parr.yaml's spelling.

    Cedar reads principal, action and resource as entity ids (`Agent::"bot"`) or bare names (typed
    Agent, Action and Tool); Rego receives them unchanged in `input`.
    """

    principal: str
    action: str
    resource: str | None = None
    context: dict[str, Any] = Field(default_factory=dict)


class PolicyTestResult(_Frozen):
    index: int
    name: str
    action: str
    expect: Literal["allow", "deny"]
    evaluation: Evaluation

    @property
    def passed(self) -> bool:
        return self.evaluation.decision == self.expect


class ProbeRow(_Frozen):
    """One tool in one environment (at one stage, or at every stage when the policy ignores the stage)."""

    tool: str
    source: Literal["manifest", "scan", "deny-list", "undeclared"]
    access: str | None = None
    mutating: bool
    gate: str = "none"
    environment: str
    stage: str | None = Field(default=None, description="None: the policy never reads the stage, so one probe stands for all")
    mentioned: bool = True
    unapproved: Evaluation
    approved: Evaluation
    over_threshold: Evaluation | None = None
    status: Literal["ok", "fail", "error", "note"] = "ok"


class ProbeFinding(_Frozen):
    kind: FindingKind
    tool: str
    message: str
    environment: str | None = None
    stages: tuple[str, ...] = Field(default=(), description="stages where it holds; empty means every stage")
    rules: tuple[RuleRef, ...] = ()
    manifest_index: int | None = Field(default=None, description="index of the tool under permissions.tools")

    @property
    def failing(self) -> bool:
        return self.kind in FAILING_KINDS

    def text(self) -> str:
        """The message, with the stages it holds at when not every stage."""
        return self.message + (f" (at {', '.join(self.stages)})" if self.stages else "")


class PolicyEvaluation(_Frozen):
    """Everything `parr policy test` found for one manifest; also the fact the policies checks read."""

    engine: Engine
    files: tuple[str, ...]
    schema_file: str | None = None
    entrypoint: str | None = None
    principal: str | None = Field(default=None, description="the principal the probe used")
    rules: tuple[RuleRef, ...] = ()
    problems: tuple[PolicyProblem, ...] = ()
    notes: tuple[str, ...] = ()
    tests: tuple[PolicyTestResult, ...] = ()
    probes: tuple[ProbeRow, ...] = ()
    findings: tuple[ProbeFinding, ...] = ()
    stages: tuple[str, ...] = Field(default=(), description="stages probed; empty when the policy never reads the stage")
    loaded: bool = Field(default=False, description="the engine loaded the files (parsed, validated against the schema)")
    evaluated: bool = Field(default=False, description="the engine ran (no syntax error, no timeout)")

    @property
    def input_problems(self) -> tuple[PolicyProblem, ...]:
        return tuple(p for p in self.problems if p.kind in INPUT_PROBLEMS)

    @property
    def failed_tests(self) -> tuple[PolicyTestResult, ...]:
        return tuple(t for t in self.tests if not t.passed)

    @property
    def failing_findings(self) -> tuple[ProbeFinding, ...]:
        return tuple(f for f in self.findings if f.failing)

    def exit_code(self) -> int:
        if self.input_problems:
            return 2
        return 1 if self.failed_tests or self.failing_findings else 0
