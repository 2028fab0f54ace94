"""`parr traces review`: an access review of what the agent really called, held against the manifest's grants.

The postmortem of an agent incident is an access review, not a prompt review. Each tool call in the
traces is held against `permissions` in parr.yaml: calls to tools the manifest does not declare,
calls in an environment the tool is not granted, mutating calls with neither an allow decision nor
an approval recorded, and calls a policy denied that still ran. The other direction, as IAM access
analysers do: tools, environments and access levels granted but never used over the traces'
period, proposed for removal.

Memory is one tally per (finding kind, tool, environment), whatever the size of the traces, and
tallies merge (`AccessCollector.merge`), so shards read apart combine into the same review.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from parr.traces.events import ALLOW_DECISIONS, BadLines, TraceEvent, TraceFormat
from parr.traces.redaction import safe_label

FindingKind = Literal["undeclared-tool", "outside-environment", "mutation-without-approval", "denied-but-ran"]
UnusedKind = Literal["unused-tool", "unused-environment", "unused-access"]

# The kinds that fail `parr traces review` (exit 1): the agent did what nothing granted it.
# A mutation with no decision recorded is shown and fails OBS-016 in `parr check`, but the review
# itself gates on calls that broke a grant.
BLOCKING_KINDS: frozenset[str] = frozenset({"undeclared-tool", "outside-environment", "denied-but-ran"})
KIND_TEXT: dict[str, str] = {
    "undeclared-tool": "calls to a tool parr.yaml does not declare",
    "outside-environment": "calls in an environment the tool is not granted",
    "mutation-without-approval": "mutating calls with no allow decision and no approval recorded",
    "denied-but-ran": "calls a policy denied that still ran",
}
MAX_EXAMPLES = 3
MAX_TALLIES = 10_000  # distinct (kind, tool, environment) kept; the rest pool under OTHER
OTHER = "(other)"
# Result statuses that say the call went through. A denied call with no status cannot be told
# apart from one that stopped, so only these make it "denied but ran".
RAN_STATUSES = frozenset({"ok", "success", "succeeded", "completed", "complete", "done", "executed", "applied", "sent"})
# Environment names teams spell more than one way.
_ENV_ALIASES = {"prod": "production", "prd": "production", "live": "production", "stage": "staging", "stg": "staging",
                "dev": "development", "develop": "development", "test": "testing"}


def canonical_env(name: str) -> str:
    text = name.strip().lower()
    return _ENV_ALIASES.get(text, text)


def _epoch(ts: str | None) -> float | None:
    """Seconds since the epoch of an ISO 8601 time (a `Z` suffix or an offset; naive reads as UTC), else None."""
    if not ts or len(ts) < 10 or len(ts) > 40:
        return None
    text = ts[:-1] + "+00:00" if ts[-1] in "zZ" else ts
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        # Python 3.10 accepts at most 6 fractional digits: trim nanoseconds.
        head, dot, rest = text.partition(".")
        if not dot:
            return None
        digits = len(rest) - len(rest.lstrip("0123456789"))
        try:
            moment = dt.datetime.fromisoformat(f"{head}.{rest[:min(digits, 6)]}{rest[digits:]}")
        except ValueError:
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.timestamp()


@dataclass
class Tally:
    """How often one finding was seen, when first and last, where first, and a few of its runs."""

    count: int = 0
    first: tuple[float, str] | None = None  # (epoch, as written)
    last: tuple[float, str] | None = None
    file: str = ""
    line: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, when: float | None, ts: str | None, file: str, line: int, example: str | None) -> None:
        self.count += 1
        if not self.file:
            self.file, self.line = file, line
        if when is not None and ts is not None:
            if self.first is None or when < self.first[0]:
                self.first = (when, ts)
            if self.last is None or when > self.last[0]:
                self.last = (when, ts)
        if example and len(self.examples) < MAX_EXAMPLES and example not in self.examples:
            self.examples.append(example)

    def merge(self, other: Tally) -> None:
        self.count += other.count
        if not self.file:
            self.file, self.line = other.file, other.line
        if other.first and (self.first is None or other.first[0] < self.first[0]):
            self.first = other.first
        if other.last and (self.last is None or other.last[0] > self.last[0]):
            self.last = other.last
        for example in other.examples:
            if len(self.examples) < MAX_EXAMPLES and example not in self.examples:
                self.examples.append(example)

    def to_dict(self) -> dict[str, Any]:
        return {"count": self.count, "first": list(self.first) if self.first else None,
                "last": list(self.last) if self.last else None, "file": self.file, "line": self.line,
                "examples": list(self.examples)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Tally:
        first, last = data.get("first"), data.get("last")
        return cls(count=int(data["count"]), first=(float(first[0]), str(first[1])) if first else None,
                   last=(float(last[0]), str(last[1])) if last else None, file=str(data.get("file", "")),
                   line=int(data.get("line", 0)), examples=[str(e) for e in data.get("examples", [])][:MAX_EXAMPLES])


@dataclass(frozen=True)
class Grant:
    """One declared tool as the review needs it."""

    name: str
    access: str
    mutating: bool
    environments: frozenset[str]  # canonical names; empty means the manifest scopes it nowhere
    index: int  # position in permissions.tools, for findings that point into parr.yaml


@dataclass(frozen=True)
class Grants:
    tools: dict[str, Grant]
    environments: frozenset[str]  # permissions.environments, canonical
    approval_tools: frozenset[str]  # tools with an approval flow (policies.approvals or gate approval:)

    @classmethod
    def from_manifest(cls, manifest: Any) -> Grants:
        permissions = manifest.permissions
        agent_envs = frozenset(canonical_env(e) for e in permissions.environments)
        tools: dict[str, Grant] = {}
        for index, tool in enumerate(permissions.tools):
            envs = frozenset(canonical_env(e) for e in tool.environments) or agent_envs
            tools.setdefault(tool.name, Grant(tool.name, tool.access.value, tool.access.mutating, envs, index))
        approvals = frozenset(a.tool for a in manifest.policies.approvals) | frozenset(
            t.name for t in permissions.tools if t.gate_kind == "approval")
        return cls(tools=tools, environments=agent_envs, approval_tools=approvals)


Key = tuple[str, str, str]  # (kind, tool, environment or "")


class AccessCollector:
    """Feeds on events (`add`) and tallies each finding; `finish` adds the unused grants."""

    def __init__(self, grants: Grants) -> None:
        self.grants = grants
        self.tallies: dict[Key, Tally] = {}
        self.used: dict[str, set[str]] = {}  # tool -> canonical environments seen ("" when none recorded)
        self.events = 0
        self.tool_calls = 0
        self.calls_without_environment = 0
        self.first: tuple[float, str] | None = None
        self.last: tuple[float, str] | None = None
        self.file = ""

    def _tally(self, key: Key) -> Tally:
        tally = self.tallies.get(key)
        if tally is None:
            if len(self.tallies) >= MAX_TALLIES:
                key = (key[0], OTHER, "")
                tally = self.tallies.get(key)
            if tally is None:
                tally = self.tallies[key] = Tally()
        return tally

    def add(self, event: TraceEvent) -> None:
        self.events += 1
        ts = event.ts
        when = _epoch(ts)
        if when is not None:
            if self.first is None or when < self.first[0]:
                self.first = (when, ts)  # type: ignore[assignment]
            if self.last is None or when > self.last[0]:
                self.last = (when, ts)  # type: ignore[assignment]
        tool = event.tool_name
        if tool is None:
            return
        self.tool_calls += 1
        env = canonical_env(event.environment) if event.environment else ""
        if not env:
            self.calls_without_environment += 1
        seen = self.used.get(tool)
        if seen is None:
            if len(self.used) < MAX_TALLIES:
                self.used[tool] = {env}
        else:
            seen.add(env)
        example = event.trace_id or event.session_id
        where = (when, ts, self.file, event.line, example)
        grant = self.grants.tools.get(tool)
        decision = (event.policy_decision or "").lower()
        if grant is None:
            self._tally(("undeclared-tool", tool, env)).add(*where)
        elif env and grant.environments and env not in grant.environments:
            self._tally(("outside-environment", tool, env)).add(*where)
        if event.is_denial:
            if (event.result_status or "").lower() in RAN_STATUSES and not event.is_error:
                self._tally(("denied-but-ran", tool, env)).add(*where)
        elif grant is not None and grant.mutating and decision not in ALLOW_DECISIONS and event.approval != "approved":
            self._tally(("mutation-without-approval", tool, env)).add(*where)

    def merge(self, other: AccessCollector) -> None:
        for key, tally in other.tallies.items():
            self._tally(key).merge(tally)
        for tool, envs in other.used.items():
            if tool in self.used or len(self.used) < MAX_TALLIES:
                self.used.setdefault(tool, set()).update(envs)
        self.events += other.events
        self.tool_calls += other.tool_calls
        self.calls_without_environment += other.calls_without_environment
        if other.first and (self.first is None or other.first[0] < self.first[0]):
            self.first = other.first
        if other.last and (self.last is None or other.last[0] > self.last[0]):
            self.last = other.last

    def finish(self, files: list[str], bad_lines: int = 0) -> AccessReport:
        findings = [
            AccessFinding(kind=kind, tool=safe_label(tool), environment=safe_label(env) if env else None,  # type: ignore[arg-type]
                          access=(self.grants.tools[tool].access if tool in self.grants.tools else None),
                          count=t.count, first_seen=t.first[1] if t.first else None,
                          last_seen=t.last[1] if t.last else None,
                          examples=tuple(safe_label(e) for e in t.examples), file=t.file, line=t.line)
            for (kind, tool, env), t in self.tallies.items()
        ]
        findings.sort(key=lambda f: (list(KIND_TEXT).index(f.kind), -f.count, f.tool, f.environment or ""))
        return AccessReport(files=files, events=self.events, tool_calls=self.tool_calls,
                            calls_without_environment=self.calls_without_environment,
                            period=(self.first[1] if self.first else None, self.last[1] if self.last else None),
                            findings=findings, unused=self._unused(), bad_lines=bad_lines,
                            declared_tools=len(self.grants.tools))

    def _unused(self) -> list[UnusedGrant]:
        out: list[UnusedGrant] = []
        used_access: set[str] = set()
        seen_envs: set[str] = set()
        for name, grant in self.grants.tools.items():
            envs = self.used.get(name)
            if not envs:
                out.append(UnusedGrant("unused-tool", name, None, grant.access, ("permissions", "tools", grant.index),
                                       f"remove tool '{name}' ({grant.access}) or record why it is kept"))
                continue
            used_access.add(grant.access)
            known = {e for e in envs if e}
            seen_envs |= known
            # An environment is judged unused only when the traces record environments for this tool
            # at all: calls with none recorded say nothing about where it ran.
            if known:
                for env in sorted(grant.environments - known):
                    out.append(UnusedGrant("unused-environment", name, env, grant.access,
                                           ("permissions", "tools", grant.index, "environments"),
                                           f"drop '{env}' from tool '{name}' environments"))
        granted_access = sorted({g.access for g in self.grants.tools.values()} - used_access)
        for access in granted_access:
            holders = sorted(g.name for g in self.grants.tools.values() if g.access == access)
            out.append(UnusedGrant("unused-access", ", ".join(holders), None, access, ("permissions", "tools"),
                                   f"no call used '{access}' access: the agent's role needs none of it"))
        if seen_envs:
            for env in sorted(self.grants.environments - seen_envs):
                out.append(UnusedGrant("unused-environment", "", env, None, ("permissions", "environments"),
                                       f"drop '{env}' from permissions.environments"))
        return out

    # ---- summaries (for `--save-summary` and `parr traces merge`) ----

    def to_dict(self) -> dict[str, Any]:
        return {"events": self.events, "tool_calls": self.tool_calls,
                "calls_without_environment": self.calls_without_environment,
                "first": list(self.first) if self.first else None, "last": list(self.last) if self.last else None,
                "used": {tool: sorted(envs) for tool, envs in sorted(self.used.items())},
                "tallies": [[kind, tool, env, t.to_dict()] for (kind, tool, env), t in sorted(self.tallies.items())]}

    @classmethod
    def from_dict(cls, grants: Grants, data: dict[str, Any]) -> AccessCollector:
        collector = cls(grants)
        collector.events = int(data["events"])
        collector.tool_calls = int(data["tool_calls"])
        collector.calls_without_environment = int(data["calls_without_environment"])
        first, last = data.get("first"), data.get("last")
        collector.first = (float(first[0]), str(first[1])) if first else None
        collector.last = (float(last[0]), str(last[1])) if last else None
        collector.used = {str(tool): {str(e) for e in envs} for tool, envs in data.get("used", {}).items()}
        for kind, tool, env, tally in data.get("tallies", []):
            if kind not in KIND_TEXT:
                raise ValueError(f"unknown finding kind '{kind}'")
            collector.tallies[(kind, str(tool), str(env))] = Tally.from_dict(tally)
        return collector


@dataclass(frozen=True)
class AccessFinding:
    kind: FindingKind
    tool: str
    environment: str | None
    access: str | None  # the declared access level; None for an undeclared tool
    count: int
    first_seen: str | None
    last_seen: str | None
    examples: tuple[str, ...]  # trace ids (else session ids) of a few calls
    file: str
    line: int  # the first call's line in `file`

    @property
    def blocking(self) -> bool:
        return self.kind in BLOCKING_KINDS


@dataclass(frozen=True)
class UnusedGrant:
    kind: UnusedKind
    tool: str  # "" for an agent-wide environment; several names for an access level
    environment: str | None
    access: str | None
    loc: tuple[str | int, ...]  # where the grant is in parr.yaml
    proposal: str

    @property
    def manifest_path(self) -> str:
        """`permissions.tools[2].environments`, as the manifest's own error messages spell a place."""
        return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(self.loc))


@dataclass
class AccessReport:
    files: list[str]
    events: int
    tool_calls: int
    calls_without_environment: int
    period: tuple[str | None, str | None]
    findings: list[AccessFinding]
    unused: list[UnusedGrant]
    bad_lines: int = 0
    declared_tools: int = 0

    @property
    def failed(self) -> bool:
        return any(f.blocking for f in self.findings)

    def of_kind(self, kind: str) -> list[AccessFinding]:
        return [f for f in self.findings if f.kind == kind]


def review_files(paths: Iterable[tuple[Path, str]], grants: Grants, fmt: TraceFormat | None = None,
                 bad: BadLines | None = None, keep_state: list[Any] | None = None, jobs: int = 1) -> AccessReport:
    """The access review over one or more trace files, read in one stream."""
    from parr.traces.parallel import feed_files, review_parallel

    collector = AccessCollector(grants)
    bad = bad if bad is not None else BadLines()

    def on_file(shown: str) -> None:
        collector.file = shown

    shown_files = feed_files(paths, fmt, bad, collector.add, jobs,
                             lambda path, file_fmt, shown: review_parallel(collector, path, file_fmt, bad, shown, jobs),
                             on_file)
    if keep_state is not None:
        keep_state.append(collector)
    return collector.finish(shown_files, bad.count)
