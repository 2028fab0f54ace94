"""What `parr diff` reports: changes to one agent's tool surface, manifest, policy decisions and verdict."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DIFF_SCHEMA_VERSION = "1"

Risk = Literal["low", "medium", "high", "critical"]
RISK_ORDER: dict[str, int] = {"low": 0, "medium": 1, "high": 2, "critical": 3}

Area = Literal["code", "manifest", "policy", "verdict"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Change(_Frozen):
    """One thing that moved, with how much it widens what the agent may do."""

    area: Area
    kind: str = Field(description="e.g. tool_added, became_mutating, access_widened, policy_allows")
    subject: str = Field(description="the tool, manifest field or check it is about")
    risk: Risk
    message: str
    before: str | None = None
    after: str | None = None
    file: str | None = Field(default=None, description="path relative to the repository root, on the head side "
                                                       "(the base side for something removed)")
    line: int | None = None


class FindingDelta(_Frozen):
    check_id: str
    severity: str
    blocking: bool = Field(description="the item blocks at the stage judged")
    message: str
    file: str | None = None
    line: int | None = None


class SideSummary(_Frozen):
    revision: str = Field(description="the revision label: a ref, a commit or 'work tree'")
    commit: str | None = None
    present: bool = Field(description="the agent's manifest exists at this revision")
    verdict: Literal["GO", "NO-GO"] | None = None
    problem: str | None = Field(default=None, description="why there is no verdict (e.g. a manifest that does not load)")
    tools: int = 0
    mutating: int = 0


class AgentDiff(_Frozen):
    agent_id: str
    manifest: str = Field(description="the manifest's path relative to the repository root")
    stage: str
    base: SideSummary
    head: SideSummary
    changes: tuple[Change, ...] = ()
    introduced: tuple[FindingDelta, ...] = ()
    resolved: tuple[FindingDelta, ...] = ()

    @property
    def highest(self) -> str | None:
        return max((c.risk for c in self.changes), key=RISK_ORDER.__getitem__, default=None)


class DiffReport(_Frozen):
    schema_version: str = DIFF_SCHEMA_VERSION
    parr_version: str
    repository: str
    base: str
    head: str
    agents: tuple[AgentDiff, ...]
    fail_on: Risk | None = None

    def at_or_above(self, level: str) -> list[tuple[AgentDiff, Change]]:
        floor = RISK_ORDER[level]
        return [(a, c) for a in self.agents for c in a.changes if RISK_ORDER[c.risk] >= floor]

    def counts(self) -> dict[str, int]:
        tally = {k: 0 for k in RISK_ORDER}
        for agent in self.agents:
            for change in agent.changes:
                tally[change.risk] += 1
        return tally
