"""`parr traces signals`: runs, tool errors, denials, retries, spend and latency against the manifest's thresholds.

Events stream through a `SignalCollector`. A run (session, else trace) stays open while its events
keep coming; the least recently seen runs are closed once `MAX_OPEN_RUNS` are open, so memory stays
flat on files of any size (a run whose events are that far apart counts as two). Percentiles come
from constant-memory sketches, exact on small inputs.
"""

from __future__ import annotations

import math
import re
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from parr.traces.events import BadLines, TraceEvent, TraceFormat
from parr.traces.redaction import safe_label
from parr.traces.sketch import Quantiles

MAX_OPEN_RUNS = 10_000
MAX_KEYS = 1_000  # distinct agents or tools tracked; the rest are pooled under OTHER
MAX_EXAMPLES = 5
OTHER = "(other)"
UNKNOWN_AGENT = "(unknown agent)"
DEFAULT_TOOL_ERROR_RATE = 0.05
DEFAULT_DENIAL_RATE = 0.10
DEFAULT_MAX_RETRIES = 5

Mark = Literal["ok", "alert", "breach", "n/a"]
# Words that identify an alert's signal in observability.alerts (as OBS-006 reads them).
# A cost alert must say "cost" and its period: "refund_spend_per_day" is about refunds paid, not
# what the agent costs, and a daily alert is not a per-run one.
_ALERT_WORDS: dict[str, tuple[str, ...]] = {
    "denial_rate": ("denial", "denied", "deny"),
    "tool_error_rate": ("tool_error", "error_rate", "tool_errors"),
    "retries": ("retry", "retries"),
    "cost_per_run": ("cost_per_run", "run_cost", "cost_run"),
    "cost_per_day": ("cost_per_day", "daily_cost", "day_cost", "cost_day"),
}


# ---- thresholds ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Limit:
    value: float
    source: str  # where it came from, e.g. "budgets.per_run" or "default"
    loc: tuple[str | int, ...] = ()  # where in parr.yaml, for findings (empty for defaults)


@dataclass(frozen=True)
class Thresholds:
    """The manifest's numbers the signals are held against (defaults where a manifest says nothing)."""

    tool_error_rate: Limit | None = Limit(DEFAULT_TOOL_ERROR_RATE, "default")
    denial_rate: Limit | None = Limit(DEFAULT_DENIAL_RATE, "default")
    max_retries: Limit | None = Limit(DEFAULT_MAX_RETRIES, "default")
    run_cap: Limit | None = None
    run_alert: Limit | None = None
    day_cap: Limit | None = None
    day_alert: Limit | None = None
    tool_timeout_ms: Limit | None = None
    currency: str = "USD"
    declared_tools: frozenset[str] | None = None

    @classmethod
    def from_manifest(cls, manifest: Any | None) -> Thresholds:
        if manifest is None:
            return cls()
        alerts = list(manifest.observability.alerts)
        error_alert = _alert(alerts, "tool_error_rate", rate=True)
        denial_alert = _alert(alerts, "denial_rate", rate=True)
        retries = manifest.failsafes.retries.max
        retry_alert = _alert(alerts, "retries", rate=False)
        budgets = manifest.budgets
        fraction = budgets.alert_threshold
        # An alert declared on the signal itself (cost_per_run_usd: 0.5) is the team's own number:
        # it wins over the level derived from the cap and alert_threshold.
        run_alert = _alert(alerts, "cost_per_run", rate=False)
        if run_alert is None and budgets.per_run is not None and fraction is not None:
            run_alert = Limit(budgets.per_run * fraction, "budgets.per_run × budgets.alert_threshold", ("budgets", "alert_threshold"))
        day_alert = _alert(alerts, "cost_per_day", rate=False)
        if day_alert is None and budgets.per_day is not None and fraction is not None:
            day_alert = Limit(budgets.per_day * fraction, "budgets.per_day × budgets.alert_threshold", ("budgets", "alert_threshold"))
        timeout = manifest.failsafes.timeouts.tool_call_seconds
        tools = manifest.permissions.tools
        return cls(
            tool_error_rate=error_alert or Limit(DEFAULT_TOOL_ERROR_RATE, "default"),
            denial_rate=denial_alert or Limit(DEFAULT_DENIAL_RATE, "default"),
            max_retries=Limit(retries, "failsafes.retries.max", ("failsafes", "retries", "max")) if retries is not None
            else (retry_alert or Limit(DEFAULT_MAX_RETRIES, "default")),
            run_cap=Limit(budgets.per_run, "budgets.per_run", ("budgets", "per_run")) if budgets.per_run is not None else None,
            run_alert=run_alert,
            day_cap=Limit(budgets.per_day, "budgets.per_day", ("budgets", "per_day")) if budgets.per_day is not None else None,
            day_alert=day_alert,
            tool_timeout_ms=Limit(timeout * 1000, "failsafes.timeouts.tool_call_seconds",
                                  ("failsafes", "timeouts", "tool_call_seconds")) if timeout else None,
            currency=budgets.currency,
            declared_tools=frozenset(t.name for t in tools) if tools else None,
        )


def _alert(alerts: list[Any], signal: str, *, rate: bool) -> Limit | None:
    words = _ALERT_WORDS[signal]
    for index, alert in enumerate(alerts):
        name = alert.signal.lower()
        if any(w in name for w in words):
            value = _threshold_number(alert.threshold, rate)
            if value is not None:
                return Limit(value, f"observability.alerts[{index}] ({alert.signal})", ("observability", "alerts", index))
    return None


_THRESHOLD = re.compile(r"^(?:>=?|≥)?\s*([0-9][0-9,]*(?:\.[0-9]+)?|\.[0-9]+)\s*(%|[a-z]{3})?$", re.IGNORECASE)


def _threshold_number(value: float | str | None, rate: bool) -> float | None:
    """0.05, "5%" and (for a rate) 5 all mean five per cent; "> 2,000 USD" means 2000. A count over a
    window ("> 10 denials in 15 min") or anything else unreadable is no threshold."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        found = _THRESHOLD.match(value.strip())
        if found is None:
            return None
        number = float(found.group(1).replace(",", ""))
        if not math.isfinite(number):
            return None  # "nan" would make every comparison false: a threshold never breached
        percent = found.group(2) == "%"
        return number / 100 if percent else (number / 100 if rate and number > 1 else number)
    number = float(value)
    if not math.isfinite(number):
        return None
    return number / 100 if rate and number > 1 else number


# ---- accumulating --------------------------------------------------------------------------


class _Run:
    __slots__ = ("agent", "calls", "cost", "events", "has_cost", "line")

    def __init__(self, agent: str, line: int) -> None:
        self.agent = agent
        self.line = line  # where the run's first event is, for findings
        self.cost = 0.0
        self.has_cost = False
        # call key -> times seen << 16 | highest retry number: one int per call, not a list. The key
        # itself, not its hash: str hashes differ between processes, and summaries merge across them.
        self.calls: dict[str, int] = {}
        self.events = 0

    def absorb(self, other: _Run) -> None:
        """Fold in a run that turned out to be part of this one."""
        self.line = min(self.line, other.line)
        self.cost += other.cost
        self.has_cost = self.has_cost or other.has_cost
        self.events += other.events
        for key, packed in other.calls.items():
            mine = self.calls.get(key)
            self.calls[key] = packed if mine is None else (
                (((mine >> 16) + (packed >> 16)) << 16) | max(mine & 0xFFFF, packed & 0xFFFF))


class ToolStats:
    __slots__ = ("calls", "cost", "decisions", "denials", "errors", "latency", "over_timeout", "retries")

    def __init__(self) -> None:
        self.calls = 0
        self.errors = 0
        self.denials = 0
        self.decisions = 0
        self.retries = 0
        self.latency = Quantiles()
        self.cost = 0.0
        self.over_timeout = 0

    def merge(self, other: ToolStats) -> None:
        self.calls += other.calls
        self.errors += other.errors
        self.denials += other.denials
        self.decisions += other.decisions
        self.retries += other.retries
        self.latency.merge(other.latency)
        self.cost += other.cost
        self.over_timeout += other.over_timeout


@dataclass
class AgentStats:
    events: int = 0
    with_latency: int = 0
    with_cost: int = 0
    with_tokens: int = 0
    runs: int = 0
    tool_calls: int = 0
    tool_errors: int = 0
    decisions: int = 0
    denials: int = 0
    retry_events: int = 0
    retry_data: int = 0  # events that say how often they were retried, or carry a call id repeats would show
    runaway_runs: int = 0
    runs_over_cap: int = 0
    runs_over_alert: int = 0
    runs_with_cost: int = 0
    over_timeout: int = 0
    cost_total: float = 0.0
    retries_per_run: Quantiles = field(default_factory=Quantiles)
    cost_per_run: Quantiles = field(default_factory=Quantiles)
    latency: Quantiles = field(default_factory=Quantiles)
    daily: dict[str, float] = field(default_factory=dict)
    runaway_examples: list[tuple[str, int, int]] = field(default_factory=list)
    over_cap_examples: list[tuple[str, float, int]] = field(default_factory=list)
    tools: dict[str, ToolStats] = field(default_factory=dict)

    def merge(self, other: AgentStats) -> None:
        for name in ("events", "with_latency", "with_cost", "with_tokens", "runs", "tool_calls", "tool_errors", "decisions", "denials", "retry_events", "retry_data", "runaway_runs",
                     "runs_over_cap", "runs_over_alert", "runs_with_cost", "over_timeout", "cost_total"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.retries_per_run.merge(other.retries_per_run)
        self.cost_per_run.merge(other.cost_per_run)
        self.latency.merge(other.latency)
        for day, cost in other.daily.items():
            self.daily[day] = self.daily.get(day, 0.0) + cost
        self.runaway_examples = (self.runaway_examples + other.runaway_examples)[:MAX_EXAMPLES]
        self.over_cap_examples = (self.over_cap_examples + other.over_cap_examples)[:MAX_EXAMPLES]
        for name, tool in other.tools.items():
            self.tools.setdefault(name, ToolStats()).merge(tool)


class SignalCollector:
    """Feeds on events (`add`), closes runs as they go quiet, and reports at the end (`finish`)."""

    def __init__(self, thresholds: Thresholds, max_open_runs: int = MAX_OPEN_RUNS) -> None:
        self.thresholds = thresholds
        self.agents: dict[str, AgentStats] = {}
        self.open_runs: OrderedDict[str, _Run] = OrderedDict()
        self.trace_runs: dict[str, str] = {}  # trace id -> the conversation its spans named
        self.max_open_runs = max_open_runs
        self._max_retries = thresholds.max_retries.value if thresholds.max_retries else math.inf
        self._run_cap = thresholds.run_cap.value if thresholds.run_cap else math.inf
        self._run_alert = thresholds.run_alert.value if thresholds.run_alert else math.inf
        self._timeout = thresholds.tool_timeout_ms.value if thresholds.tool_timeout_ms else math.inf
        self.events = 0

    def _agent(self, name: str | None) -> AgentStats:
        key = name or UNKNOWN_AGENT
        stats = self.agents.get(key)
        if stats is None:
            if len(self.agents) >= MAX_KEYS:
                key = OTHER
                stats = self.agents.get(key)
            if stats is None:
                stats = self.agents[key] = AgentStats()
        return stats

    def add(self, event: TraceEvent) -> None:
        self.events += 1
        agent_name = event.agent_id or UNKNOWN_AGENT
        stats = self._agent(agent_name)
        stats.events += 1
        tool = event.tool_name
        tool_stats = None
        if tool is not None:
            stats.tool_calls += 1
            tool_stats = stats.tools.get(tool)
            if tool_stats is None:
                key = tool if len(stats.tools) < MAX_KEYS else OTHER
                tool_stats = stats.tools.setdefault(key, ToolStats())
            tool_stats.calls += 1
            if event.is_error:
                stats.tool_errors += 1
                tool_stats.errors += 1
        decision = event.policy_decision
        if decision is not None:
            stats.decisions += 1
            denied = decision.lower() in ("deny", "denied", "forbid", "block", "blocked")
            if denied:
                stats.denials += 1
            if tool_stats is not None:
                tool_stats.decisions += 1
                if denied:
                    tool_stats.denials += 1
        retry = event.retry
        if retry is not None or (tool is not None and event.tool_call_id is not None):
            stats.retry_data += 1
        if retry is not None and retry > 0:
            stats.retry_events += 1
            if tool_stats is not None:
                tool_stats.retries += 1
        if event.input_tokens is not None or event.output_tokens is not None:
            stats.with_tokens += 1
        latency = event.latency_ms
        if latency is not None:
            stats.with_latency += 1
            stats.latency.add(latency)
            if tool_stats is not None:
                tool_stats.latency.add(latency)
                if latency > self._timeout:
                    stats.over_timeout += 1
                    tool_stats.over_timeout += 1
        cost = event.cost
        if cost is not None:
            stats.with_cost += 1
            stats.cost_total += cost
            if tool_stats is not None:
                tool_stats.cost += cost
            ts = event.ts
            if ts and len(ts) >= 10:
                day = ts[:10]
                stats.daily[day] = stats.daily.get(day, 0.0) + cost
        run_key = self._run_key(event)
        if run_key is None:
            return
        run = self.open_runs.get(run_key)
        if run is None:
            run = self.open_runs[run_key] = _Run(agent_name, event.line)
            if len(self.open_runs) > self.max_open_runs:
                self._close(*self.open_runs.popitem(last=False))
        else:
            self.open_runs.move_to_end(run_key)
        run.events += 1
        if cost is not None:
            run.cost += cost
            run.has_cost = True
        if tool is not None:
            call_key = event.tool_call_id or (tool if retry is not None else None)
            if call_key is not None:
                key_hash = call_key
                packed = run.calls.get(key_hash)
                attempt = min(max(retry or 0, 0), 0xFFFF)
                if packed is None:
                    run.calls[key_hash] = (1 << 16) | attempt
                else:
                    run.calls[key_hash] = (((packed >> 16) + 1) << 16) | max(packed & 0xFFFF, attempt)

    def _run_key(self, event: TraceEvent) -> str | None:
        """The run an event belongs to: its conversation, else its trace. One run whatever service or
        agent name each span carries; a trace whose spans name the conversation only on some (the
        chat span, say) joins that conversation, and a run opened under the trace id before the
        conversation was known is folded into it."""
        session, trace = event.session_id, event.trace_id
        if session is None:
            if trace is None:
                return None
            return self.trace_runs.get(trace, trace)
        if trace is not None and trace != session and self.trace_runs.get(trace) != session:
            self.trace_runs[trace] = session
            if len(self.trace_runs) > self.max_open_runs:
                del self.trace_runs[next(iter(self.trace_runs))]
            early = self.open_runs.pop(trace, None)
            if early is not None:
                target = self.open_runs.get(session)
                if target is None:
                    self.open_runs[session] = early
                else:
                    target.absorb(early)
        return session

    def _close(self, key: str, run: _Run) -> None:
        stats = self._agent(run.agent)
        stats.runs += 1
        worst = 0
        total = 0
        for packed in run.calls.values():
            retries = max(packed & 0xFFFF, (packed >> 16) - 1)
            total += retries
            worst = max(worst, retries)
        stats.retries_per_run.add(total)
        if worst > self._max_retries:
            stats.runaway_runs += 1
            if len(stats.runaway_examples) < MAX_EXAMPLES:
                stats.runaway_examples.append((safe_label(key), worst, run.line))
        if run.has_cost:
            stats.runs_with_cost += 1
            stats.cost_per_run.add(run.cost)
            if run.cost > self._run_cap:
                stats.runs_over_cap += 1
                if len(stats.over_cap_examples) < MAX_EXAMPLES:
                    stats.over_cap_examples.append((safe_label(key), run.cost, run.line))
            elif run.cost > self._run_alert:
                stats.runs_over_alert += 1

    def finish(self) -> SignalsReport:
        while self.open_runs:
            self._close(*self.open_runs.popitem(last=False))
        overall = AgentStats()
        for stats in self.agents.values():
            overall.merge(stats)
        scopes = [evaluate_scope("overall", overall, self.thresholds)]
        if len(self.agents) > 1:
            scopes += [evaluate_scope(safe_label(name), stats, self.thresholds) for name, stats in sorted(self.agents.items())]
        return SignalsReport(events=self.events, scopes=scopes, tools=tool_rows(overall, self.thresholds),
                             thresholds=self.thresholds, overall=overall,
                             agents=[safe_label(name) for name in sorted(self.agents)])


# ---- judging -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Signal:
    name: str
    label: str
    value: str  # as shown
    limit: str  # the threshold as shown ("" when there is none)
    source: str
    mark: Mark
    numbers: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ScopeSignals:
    scope: str  # "overall" or an agent id
    signals: tuple[Signal, ...]

    @property
    def breached(self) -> bool:
        return any(s.mark in ("alert", "breach") for s in self.signals)


@dataclass(frozen=True)
class ToolRow:
    tool: str
    calls: int
    errors: int
    error_rate: float | None
    denials: int
    denial_rate: float | None
    retries: int
    latency_p50: float | None
    latency_p95: float | None
    cost: float
    over_timeout: int
    declared: bool | None
    mark: Mark


@dataclass
class SignalsReport:
    events: int
    scopes: list[ScopeSignals]
    tools: list[ToolRow]
    thresholds: Thresholds
    files: list[str] = field(default_factory=list)
    bad_lines: int = 0
    overall: AgentStats = field(default_factory=AgentStats)  # the raw tallies behind the overall scope
    agents: list[str] = field(default_factory=list)  # agent ids seen (masked where they hold sensitive values)

    @property
    def breached(self) -> bool:
        return any(scope.breached for scope in self.scopes) or any(t.mark in ("alert", "breach") for t in self.tools)

    def scope(self, name: str = "overall") -> ScopeSignals | None:
        return next((s for s in self.scopes if s.scope == name), None)

    def signal(self, name: str, scope: str = "overall") -> Signal | None:
        found = self.scope(scope)
        return next((s for s in found.signals if s.name == name), None) if found else None


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _money(value: float | None, currency: str) -> str:
    return "—" if value is None else f"{value:,.4f} {currency}"


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f} ms"


def _rate_signal(name: str, label: str, hits: int, total: int, limit: Limit | None) -> Signal:
    rate = hits / total if total else None
    numbers = {"count": hits, "of": total, "rate": rate, "threshold": limit.value if limit else None}
    if rate is None:
        return Signal(name, label, "no data", _limit_text(limit, percent=True), limit.source if limit else "", "n/a", numbers)
    mark: Mark = "ok" if limit is None or rate <= limit.value else "alert"
    if limit is None:
        mark = "n/a"
    return Signal(name, label, f"{rate:.1%} ({hits}/{total})", _limit_text(limit, percent=True),
                  limit.source if limit else "", mark, numbers)


def _limit_text(limit: Limit | None, percent: bool = False, currency: str = "", ms: bool = False) -> str:
    if limit is None:
        return ""
    if percent:
        return f"≤ {limit.value:.1%}"
    if ms:
        return f"≤ {limit.value:,.0f} ms"
    if currency:
        return f"≤ {limit.value:,.4f} {currency}"
    return f"≤ {limit.value:g}"


def evaluate_scope(scope: str, stats: AgentStats, t: Thresholds) -> ScopeSignals:
    cur = t.currency
    signals: list[Signal] = [
        Signal("runs", "runs", f"{stats.runs:,}", "", "", "n/a", {"runs": stats.runs, "events": stats.events}),
        Signal("tool_calls", "tool calls", f"{stats.tool_calls:,}", "", "", "n/a", {"tool_calls": stats.tool_calls}),
        _rate_signal("tool_error_rate", "tool error rate", stats.tool_errors, stats.tool_calls, t.tool_error_rate),
        _rate_signal("denial_rate", "policy denial rate", stats.denials, stats.decisions, t.denial_rate),
    ]
    rpr = stats.retries_per_run
    retry_numbers = {"p50": rpr.quantile(0.5), "p95": rpr.quantile(0.95), "max": rpr.max,
                     "runaway_runs": stats.runaway_runs, "max_retries": t.max_retries.value if t.max_retries else None,
                     "examples": [{"run": r, "retries": n, "line": ln} for r, n, ln in stats.runaway_examples]}
    retry_numbers["retry_data"] = stats.retry_data
    if stats.runs == 0:
        retry_mark: Mark = "n/a"
        retry_value = "no runs"
    elif stats.retry_data == 0:
        # Zero retries would read as "no call was retried"; the traces only cannot tell.
        retry_mark, retry_value = "n/a", "no retry data (no event records retries, attempts or a call id)"
        retry_numbers.update({"p50": None, "p95": None, "max": None})
    else:
        retry_mark = "breach" if stats.runaway_runs else ("ok" if t.max_retries else "n/a")
        retry_value = (f"p50 {rpr.quantile(0.5):g}, p95 {rpr.quantile(0.95):g}, max {rpr.max:g}; "
                       f"{stats.runaway_runs} runaway run(s)")
        if stats.runaway_examples:
            retry_value += " e.g. " + ", ".join(f"{r} ({n} retries)" for r, n, _ in stats.runaway_examples[:3])
    signals.append(Signal("retries_per_run", "retries per run", retry_value,
                          f"≤ {t.max_retries.value:g} per call" if t.max_retries else "",
                          t.max_retries.source if t.max_retries else "", retry_mark, retry_numbers))
    cpr = stats.cost_per_run
    cost_numbers = {"p50": cpr.quantile(0.5), "p95": cpr.quantile(0.95), "max": cpr.max, "mean": cpr.mean,
                    "runs_with_cost": stats.runs_with_cost, "runs_over_cap": stats.runs_over_cap,
                    "runs_over_alert": stats.runs_over_alert,
                    "cap": t.run_cap.value if t.run_cap else None, "alert_at": t.run_alert.value if t.run_alert else None,
                    "examples": [{"run": r, "cost": c, "line": ln} for r, c, ln in stats.over_cap_examples]}
    cost_mark: Mark
    if cpr.count == 0:
        cost_value, cost_mark = "no cost recorded", "n/a"
    else:
        cost_value = (f"p50 {_money(cpr.quantile(0.5), cur)}, p95 {_money(cpr.quantile(0.95), cur)}, "
                      f"max {_money(cpr.max, cur)}")
        if stats.runs_over_cap:
            cost_value += f"; {stats.runs_over_cap} run(s) over the cap"
        elif stats.runs_over_alert:
            cost_value += f"; {stats.runs_over_alert} run(s) over the alert level"
        cost_mark = ("breach" if stats.runs_over_cap else "alert" if stats.runs_over_alert
                     else "ok" if (t.run_cap or t.run_alert) else "n/a")
    limit_text = " ".join(p for p in (_limit_text(t.run_cap, currency=cur),
                                      f"(alert at {t.run_alert.value:,.4f})" if t.run_alert else "") if p)
    sources = ", ".join(x.source for x in (t.run_cap, t.run_alert) if x)
    signals.append(Signal("cost_per_run", "cost per run", cost_value, limit_text, sources, cost_mark, cost_numbers))
    signals.append(_daily_signal(stats, t))
    lat = stats.latency
    lat_numbers = {"p50": lat.quantile(0.5), "p95": lat.quantile(0.95), "max": lat.max,
                   "tool_calls_over_timeout": stats.over_timeout,
                   "timeout_ms": t.tool_timeout_ms.value if t.tool_timeout_ms else None}
    lat_mark: Mark
    if lat.count == 0:
        lat_value, lat_mark = "no latency recorded", "n/a"
    else:
        lat_value = f"p50 {_ms(lat.quantile(0.5))}, p95 {_ms(lat.quantile(0.95))}, max {_ms(lat.max)}"
        if stats.over_timeout:
            lat_value += f"; {stats.over_timeout} tool call(s) over the timeout"
        lat_mark = "breach" if stats.over_timeout else ("ok" if t.tool_timeout_ms else "n/a")
    signals.append(Signal("latency", "latency", lat_value, _limit_text(t.tool_timeout_ms, ms=True) + (" per tool call" if t.tool_timeout_ms else ""),
                          t.tool_timeout_ms.source if t.tool_timeout_ms else "", lat_mark, lat_numbers))
    return ScopeSignals(scope, tuple(signals))


def _daily_signal(stats: AgentStats, t: Thresholds) -> Signal:
    cur = t.currency
    days = stats.daily
    cap = t.day_cap.value if t.day_cap else math.inf
    alert = t.day_alert.value if t.day_alert else math.inf
    over_cap = sorted(d for d, v in days.items() if v > cap)
    over_alert = sorted(d for d, v in days.items() if alert < v <= cap)
    numbers = {"days": {d: round(v, 6) for d, v in sorted(days.items())}, "cap": t.day_cap.value if t.day_cap else None,
               "alert_at": t.day_alert.value if t.day_alert else None, "days_over_cap": over_cap, "days_over_alert": over_alert}
    limit = " ".join(p for p in (_limit_text(t.day_cap, currency=cur),
                                 f"(alert at {t.day_alert.value:,.4f})" if t.day_alert else "") if p)
    source = ", ".join(x.source for x in (t.day_cap, t.day_alert) if x)
    if not days:
        return Signal("daily_spend", "daily spend", "no dated cost recorded", limit, source, "n/a", numbers)
    worst_day = max(days, key=lambda d: days[d])
    value = f"max {_money(days[worst_day], cur)} on {worst_day} over {len(days)} day(s)"
    if over_cap:
        value += f"; {len(over_cap)} day(s) over the cap"
    mark: Mark = "breach" if over_cap else "alert" if over_alert else ("ok" if t.day_cap or t.day_alert else "n/a")
    return Signal("daily_spend", "daily spend", value, limit, source, mark, numbers)


def tool_rows(stats: AgentStats, t: Thresholds) -> list[ToolRow]:
    rows = []
    for name, tool in sorted(stats.tools.items(), key=lambda kv: (-kv[1].calls, kv[0])):
        error_rate = tool.errors / tool.calls if tool.calls else None
        denial_rate = tool.denials / tool.decisions if tool.decisions else None
        breach = tool.over_timeout > 0
        alert = (t.tool_error_rate is not None and error_rate is not None and error_rate > t.tool_error_rate.value) or (
            t.denial_rate is not None and denial_rate is not None and denial_rate > t.denial_rate.value)
        rows.append(ToolRow(
            tool=safe_label(name), calls=tool.calls, errors=tool.errors, error_rate=error_rate, denials=tool.denials,
            denial_rate=denial_rate, retries=tool.retries, latency_p50=tool.latency.quantile(0.5),
            latency_p95=tool.latency.quantile(0.95), cost=tool.cost, over_timeout=tool.over_timeout,
            declared=None if t.declared_tools is None or name == OTHER else name in t.declared_tools,
            mark="breach" if breach else "alert" if alert else "ok",
        ))
    return rows


# ---- files ---------------------------------------------------------------------------------


def collect_from_files(paths: Iterable[tuple[Path, str]], thresholds: Thresholds, fmt: TraceFormat | None = None,
                       bad: BadLines | None = None, keep_state: list[Any] | None = None, jobs: int = 1) -> SignalsReport:
    """Signals over one or more trace files read in one stream (runs may continue across files)."""
    from parr.traces.parallel import feed_files, signals_parallel

    collector = SignalCollector(thresholds)
    bad = bad if bad is not None else BadLines()
    shown_files = feed_files(paths, fmt, bad, collector.add, jobs,
                             lambda path, file_fmt, shown: signals_parallel(collector, path, file_fmt, bad, jobs))
    if keep_state is not None:
        # The tallies before the runs still open are closed: what a mergeable summary holds.
        from parr.traces.summary import signals_from, signals_state

        keep_state.append(signals_from(signals_state(collector)))
    report = collector.finish()
    report.files = shown_files
    report.bad_lines = bad.count
    return report
