"""The `parr.yaml` manifest (apiVersion parr/v1) as frozen pydantic models (DESIGN §2)."""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

API_VERSION = "parr/v1"
# A century: longer periods mean nothing for rotation or retention and overflow date arithmetic.
MAX_DAYS = 36_500


class Strict(BaseModel):
    """Every manifest block: immutable, and unknown keys are errors (typos must not pass silently)."""

    # allow_inf_nan: "nan" or "1e999" as a string would otherwise become a float no check can compare.
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, allow_inf_nan=False)


class Access(str, Enum):
    READ = "read"
    WRITE = "write"
    DELETE = "delete"
    SEND = "send"
    PAY = "pay"
    EXECUTE = "execute"

    @property
    def mutating(self) -> bool:
        return self is not Access.READ


class Risk(str, Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


_GATE = re.compile(r"^(none|policy:[A-Za-z0-9_.:/-]+|approval:[A-Za-z0-9_.:/@-]+)$")


# ---- agent ---------------------------------------------------------------------------------


class Kpi(Strict):
    name: str
    baseline: float | str | None = Field(None, description="value measured before the agent")
    target: float | str | None = None
    unit: str | None = None


class Workflow(Strict):
    name: str
    definition_of_done: str | None = None
    kpis: list[Kpi] = Field(default_factory=list)
    baseline: str | None = Field(None, description="where and when the baseline was measured")


class DriAuthority(Strict):
    ship_fixes: bool = False
    kill_switch: bool = False


class Person(Strict):
    name: str
    handle: str | None = None
    email: str | None = None


class Dri(Strict):
    name: str = Field(description="one named person, not a team")
    handle: str | None = None
    email: str | None = None
    authority: DriAuthority = DriAuthority()
    backup: Person | None = None
    review_cadence: str | None = Field(None, description="how often spend and SLOs are reviewed, e.g. weekly")


class Owners(Strict):
    security: str | None = None
    sre: str | None = None
    product: str | None = None
    engineering: str | None = None


class AgentKind(str, Enum):
    """What sort of agent this is: it selects which checklist items apply (`not_for_kinds`)."""

    MODEL_LOOP = "model-loop"  # runs its own model loop: the model picks the next tool call
    MCP_SERVER = "mcp-server"  # serves tools to other agents' models and calls no model itself
    SANDBOXED_RUNNER = "sandboxed-runner"  # runs model-supplied code or commands in a throw-away sandbox
    WORKFLOW_STEP = "workflow-step"  # one model-backed step that a pipeline or orchestrator runs

    @property
    def calls_model(self) -> bool:
        """Whether an agent of this kind pays for model calls itself (CODE-014 holds an MCP server to it)."""
        return self is not AgentKind.MCP_SERVER


class Agent(Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    kind: AgentKind | None = Field(
        None, description="model-loop | mcp-server | sandboxed-runner | workflow-step; selects which checklist "
                          "items apply. Unset: every item applies")
    description: str | None = None
    workflow: Workflow | None = None
    dri: Dri | None = None
    owners: Owners = Owners()
    escalation: list[str] = Field(default_factory=list, description="escalation path, in order")


# ---- model ---------------------------------------------------------------------------------


class Route(Strict):
    step: str
    model: str
    max_tokens: int | None = Field(None, ge=1)


class Model(Strict):
    runtime: str | None = None
    default: str | None = None
    routing: list[Route] = Field(default_factory=list)


# ---- permissions ---------------------------------------------------------------------------


class ToolPermission(Strict):
    name: str
    access: Access
    environments: list[str] = Field(default_factory=list)
    risk: Risk | None = Field(None, description="low | medium | high | critical; unset means never assessed")
    gate: str = Field("none", description="none | policy:<rule> | approval:<queue>")
    sandbox: str | None = Field(None, description="where model-supplied code, SQL or commands run isolated")
    description: str | None = None
    operations: dict[str, Access] = Field(
        default_factory=dict,
        description="for a tool that multiplexes operations behind one argument (operation: create|read|delete): "
                    "the access of each operation, e.g. {create: write, read: read, delete: delete} (PERM-009)")
    switch: str | None = Field(
        None, description="a server flag or environment variable (--read-only, --allow-write, READ_ONLY) without "
                          "which the server does not register this tool or refuses its writes; parr finds where "
                          "the code reads it (PERM-010). Per deployment, not per call: it is no policy or approval gate")
    source: str | None = Field(
        None, pattern=r"^[^:\s][^:]*:[1-9][0-9]*$",
        description="file:line (relative to parr.yaml) of a place that hands this tool to a model which "
                    "`parr scan` lists as unresolved: the declaration explains that place (CODE-012)")

    @field_validator("gate")
    @classmethod
    def _gate_form(cls, value: str) -> str:
        if not _GATE.match(value):
            raise ValueError("gate must be 'none', 'policy:<rule>' or 'approval:<queue>'")
        return value

    @property
    def gate_kind(self) -> str:
        return self.gate.split(":", 1)[0]


class Secret(Strict):
    name: str
    rotation_days: int | None = Field(None, ge=1, le=MAX_DAYS)
    last_rotated: dt.date | None = None
    store: str | None = None


class Permissions(Strict):
    role: str | None = None
    environments: list[str] = Field(default_factory=list)
    tools: list[ToolPermission] = Field(default_factory=list)
    secrets: list[Secret] = Field(default_factory=list)


# ---- policies ------------------------------------------------------------------------------


class Decision(str, Enum):
    ALLOW = "allow"
    DENY = "deny"


class PolicyRequest(Strict):
    principal: str | None = None
    action: str
    resource: str | None = None
    context: dict[str, object] = Field(default_factory=dict)


class PolicyTest(Strict):
    name: str | None = None
    request: PolicyRequest
    expect: Decision


class Approval(Strict):
    tool: str
    approver: str
    threshold: dict[str, float] = Field(default_factory=dict, description="e.g. amount_over: 100")
    max_batch: int | None = Field(None, ge=1)


class Policies(Strict):
    engine: Literal["cedar", "rego"] | None = None
    files: list[str] = Field(default_factory=list)
    schema_file: str | None = Field(None, alias="schema", description="Cedar schema file")
    entrypoint: str | None = Field(None, description="Rego query, e.g. data.agent.allow")
    tests: list[PolicyTest] = Field(default_factory=list)
    approvals: list[Approval] = Field(default_factory=list)
    deny: list[str] = Field(default_factory=list, description="tools or actions never allowed")
    enforcement_points: list[str] = Field(
        default_factory=list,
        description="functions that ask the policy before a tool runs, as FILE:FUNCTION (e.g. src/gate.py:authorize); "
        "parr checks each is defined there",
    )


# ---- evals ---------------------------------------------------------------------------------


class Suite(Strict):
    results: str | None = Field(
        None, description="result file: JUnit XML, promptfoo JSON, an inspect-ai JSON log, a DeepEval test run "
                          "or an OpenAI Evals record file (JSON Lines)")
    format: Literal["junit", "promptfoo", "inspect", "deepeval", "openai-evals"] | None = Field(
        None, description="unset: told from the file's suffix and content")
    pass_threshold: float = Field(0.95, ge=0, le=1)
    categories: list[str] = Field(default_factory=list)
    max_age_days: int | None = Field(None, ge=1, le=MAX_DAYS)


class Evals(Strict):
    regression: Suite | None = None
    scenario: Suite | None = None
    adversarial: Suite | None = None


# ---- observability -------------------------------------------------------------------------


class Trace(Strict):
    format: Literal["jsonl", "otlp"] = "jsonl"
    sample: str | None = None


class Stream(Strict):
    sink: str | None = None
    retention_days: int | None = Field(None, ge=1, le=MAX_DAYS)
    immutable: bool = False


class Streams(Strict):
    operational: Stream | None = None
    compliance: Stream | None = None


class Alert(Strict):
    signal: str
    threshold: float | str | None = None
    route: str | None = None


class Observability(Strict):
    trace: Trace | None = None
    required_fields: list[str] = Field(default_factory=list)
    redacted_fields: list[str] = Field(default_factory=list)
    streams: Streams = Streams()
    metrics: list[str] = Field(default_factory=list)
    alerts: list[Alert] = Field(default_factory=list)
    dashboards: list[str] = Field(default_factory=list)
    report_issue: str | None = Field(None, description="link that files an issue with trace ids attached")


# ---- failsafes -----------------------------------------------------------------------------


class Timeouts(Strict):
    tool_call_seconds: float | None = Field(None, gt=0)
    run_seconds: float | None = Field(None, gt=0)


class Retries(Strict):
    max: int | None = Field(None, ge=0)
    backoff: Literal["none", "fixed", "exponential"] | None = None


class CircuitBreaker(Strict):
    dependency: str
    failure_threshold: int = Field(ge=1)
    reset_seconds: float = Field(gt=0)


class RateLimit(Strict):
    dependency: str
    per_minute: float = Field(gt=0)


class KillSwitch(Strict):
    name: str
    how: str | None = Field(None, description="the exact steps or command that pulls it")
    owner: str | None = None


class Failsafes(Strict):
    timeouts: Timeouts = Timeouts()
    retries: Retries = Retries()
    circuit_breakers: list[CircuitBreaker] = Field(default_factory=list)
    rate_limits: list[RateLimit] = Field(default_factory=list)
    dependencies: list[str] = Field(default_factory=list, description="external systems the tools call")
    kill_switch: KillSwitch | None = None
    fallback: str | None = None


class Operations(Strict):
    """How oncall runs the service the agent is: the runbook's operations section. All optional;
    the kill switch, fallback and dependencies stay under `failsafes`, dashboards under `observability`."""

    health_check: str | None = Field(None, description="how to tell the agent is up: a URL, a command, a console page")
    logs: str | None = Field(None, description="where the agent's logs are and how to read them")
    restart: str | None = Field(None, description="the steps or command that restart the agent")
    deploy_rollback: str | None = Field(
        None, description="how to go back to the previous deployed build (the code; `parr rollout rollback` moves the stage)")
    status_pages: dict[str, str] = Field(
        default_factory=dict, description="dependency name → its status page, for dependencies parr does not know")


# ---- budgets and memory --------------------------------------------------------------------


class Budgets(Strict):
    currency: str = "USD"
    per_run: float | None = Field(None, gt=0)
    per_day: float | None = Field(None, gt=0)
    alert_threshold: float | None = Field(
        None, gt=0, le=1, description="fraction of a cap at which an alert fires, e.g. 0.8"
    )


class Scratchpad(Strict):
    retained: bool = False


class LongTerm(Strict):
    enabled: bool = False
    user_approved: bool = False
    retention_days: int | None = Field(None, ge=1, le=MAX_DAYS)
    store: str | None = None


class ActionLog(Strict):
    immutable: bool = False
    retention_days: int | None = Field(None, ge=1, le=MAX_DAYS)
    store: str | None = None


class Memory(Strict):
    scratchpad: Scratchpad | None = None
    long_term: LongTerm | None = None
    action_log: ActionLog | None = None


# ---- waivers and the whole manifest -------------------------------------------------------


class Waiver(Strict):
    check: str = Field(pattern=r"^[A-Z]+-\d{3}$")
    reason: str = Field(min_length=3)
    owner: str
    expires: dt.date


class OwnerDecision(Strict):
    """An owner's standing decision that a checklist item does not apply to this agent: it does
    not expire, but it names a date by which it is looked at again."""

    check: str = Field(pattern=r"^[A-Z]+-\d{3}$")
    reason: str = Field(min_length=3)
    owner: str
    decided: dt.date
    review_by: dt.date

    @model_validator(mode="after")
    def _review_after_decision(self) -> "OwnerDecision":
        if self.review_by < self.decided:
            raise ValueError(f"the decision on {self.check} is to be reviewed ({self.review_by}) before it was made "
                             f"({self.decided})")
        return self


class Manifest(Strict):
    api_version: Literal["parr/v1"] = Field(alias="apiVersion")
    agent: Agent
    model: Model = Model()
    permissions: Permissions = Permissions()
    policies: Policies = Policies()
    evals: Evals = Evals()
    observability: Observability = Observability()
    failsafes: Failsafes = Failsafes()
    operations: Operations = Operations()
    budgets: Budgets = Budgets()
    memory: Memory = Memory()
    waivers: list[Waiver] = Field(default_factory=list)
    decisions: list[OwnerDecision] = Field(
        default_factory=list, description="items an owner decided do not apply to this agent; they do not "
                                          "expire, and a passed review_by date is a warning (OWN-007)")

    @model_validator(mode="after")
    def _unique_tool_names(self) -> "Manifest":
        seen: set[str] = set()
        for tool in self.permissions.tools:
            if tool.name in seen:
                raise ValueError(f"permissions.tools declares '{tool.name}' twice")
            seen.add(tool.name)
        return self

    def tool(self, name: str) -> ToolPermission | None:
        return next((t for t in self.permissions.tools if t.name == name), None)
