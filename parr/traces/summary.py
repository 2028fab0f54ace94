"""Mergeable summaries of `traces signals` and `traces review`: shards read apart combine into one report.

`--save-summary FILE` writes the collector's tallies as JSON before anything is judged final:
runs still open at the end of a shard stay open in the summary, so a run that crosses from one
shard into the next (a day boundary, a file split) is one run after `parr traces merge`. The
thresholds (signals) or grants (review) a summary was made with are stored in it; summaries made
with different ones are refused, since their tallies were judged against different numbers.
Merging summaries in the order of the shards gives the report one pass over the whole would,
as long as no shard held more than MAX_OPEN_RUNS runs open at once.
"""

from __future__ import annotations

import dataclasses
import json
from collections import OrderedDict
from pathlib import Path
from typing import Any

from parr import __version__
from parr.errors import ParrInputError
from parr.traces.access import AccessCollector, Grant, Grants
from parr.traces.signals import AgentStats, Limit, SignalCollector, Thresholds, ToolStats, _Run
from parr.traces.sketch import Quantiles

SUMMARY_VERSION = 1
KINDS = ("signals", "review")


# ---- quantile sketches and tallies ------------------------------------------------------------


def _quantiles(q: Quantiles) -> dict[str, Any]:
    return {"count": q.count, "total": q.total, "max": q.max, "exact": q._exact,
            "buckets": {str(k): v for k, v in q._buckets.items()}, "zeros": q._zeros}


def _quantiles_from(data: dict[str, Any]) -> Quantiles:
    q = Quantiles()
    q.count, q.total, q.max = int(data["count"]), float(data["total"]), data["max"]
    q._exact = [float(v) for v in data["exact"]] if data["exact"] is not None else None
    q._buckets = {int(k): int(v) for k, v in data["buckets"].items()}
    q._zeros = int(data["zeros"])
    return q


_TOOL_NUMBERS = ("calls", "cost", "decisions", "denials", "errors", "over_timeout", "retries")


def _tool(t: ToolStats) -> dict[str, Any]:
    return {**{name: getattr(t, name) for name in _TOOL_NUMBERS}, "latency": _quantiles(t.latency)}


def _tool_from(data: dict[str, Any]) -> ToolStats:
    t = ToolStats()
    for name in _TOOL_NUMBERS:
        setattr(t, name, data[name])
    t.latency = _quantiles_from(data["latency"])
    return t


def _agent(a: AgentStats) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in dataclasses.fields(a):
        value = getattr(a, f.name)
        if isinstance(value, Quantiles):
            out[f.name] = _quantiles(value)
        elif f.name == "tools":
            out[f.name] = {name: _tool(t) for name, t in value.items()}
        else:
            out[f.name] = value
    return out


def _agent_from(data: dict[str, Any]) -> AgentStats:
    a = AgentStats()
    for f in dataclasses.fields(a):
        value = data[f.name]
        if isinstance(getattr(a, f.name), Quantiles):
            value = _quantiles_from(value)
        elif f.name == "tools":
            value = {name: _tool_from(t) for name, t in value.items()}
        elif f.name.endswith("_examples"):
            value = [tuple(x) for x in value]
        setattr(a, f.name, value)
    return a


def _run(r: _Run) -> dict[str, Any]:
    return {"agent": r.agent, "line": r.line, "cost": r.cost, "has_cost": r.has_cost, "events": r.events, "calls": r.calls}


def _run_from(data: dict[str, Any]) -> _Run:
    r = _Run(str(data["agent"]), int(data["line"]))
    r.cost, r.has_cost, r.events = float(data["cost"]), bool(data["has_cost"]), int(data["events"])
    r.calls = {str(k): int(v) for k, v in data["calls"].items()}
    return r


def _thresholds(t: Thresholds) -> dict[str, Any]:
    out = dataclasses.asdict(t)
    out["declared_tools"] = sorted(t.declared_tools) if t.declared_tools is not None else None
    return out


def _thresholds_from(data: dict[str, Any]) -> Thresholds:
    values: dict[str, Any] = {}
    for f in dataclasses.fields(Thresholds):
        value = data[f.name]
        if isinstance(value, dict):
            value = Limit(float(value["value"]), str(value["source"]), tuple(value["loc"]))
        elif f.name == "declared_tools" and value is not None:
            value = frozenset(value)
        values[f.name] = value
    return Thresholds(**values)


def signals_state(collector: SignalCollector) -> dict[str, Any]:
    return {"thresholds": _thresholds(collector.thresholds), "events": collector.events,
            "agents": {name: _agent(a) for name, a in collector.agents.items()},
            "open_runs": [[key, _run(r)] for key, r in collector.open_runs.items()],
            "trace_runs": collector.trace_runs}


def signals_from(state: dict[str, Any]) -> SignalCollector:
    collector = SignalCollector(_thresholds_from(state["thresholds"]))
    collector.events = int(state["events"])
    collector.agents = {name: _agent_from(a) for name, a in state["agents"].items()}
    collector.open_runs = OrderedDict((str(key), _run_from(r)) for key, r in state["open_runs"])
    collector.trace_runs = {str(k): str(v) for k, v in state["trace_runs"].items()}
    return collector


def merge_signals(into: SignalCollector, other: SignalCollector) -> None:
    """Fold a later shard's collector into an earlier one's, runs still open joining their halves."""
    into.events += other.events
    for name, stats in other.agents.items():
        into.agents.setdefault(name, AgentStats()).merge(stats)
    for trace, session in other.trace_runs.items():
        if into.trace_runs.get(trace) != session:
            into.trace_runs[trace] = session
            early = into.open_runs.pop(trace, None)  # opened before the conversation was named
            if early is not None:
                target = into.open_runs.get(session)
                if target is None:
                    into.open_runs[session] = early
                else:
                    target.absorb(early)
    for key, run in other.open_runs.items():
        key = into.trace_runs.get(key, key)  # a later block's run under a trace the earlier named
        mine = into.open_runs.get(key)
        if mine is None:
            into.open_runs[key] = run
        else:
            mine.absorb(run)
            into.open_runs.move_to_end(key)
        while len(into.open_runs) > into.max_open_runs:
            into._close(*into.open_runs.popitem(last=False))
    while len(into.trace_runs) > into.max_open_runs:
        del into.trace_runs[next(iter(into.trace_runs))]


def _grants(g: Grants) -> dict[str, Any]:
    return {"tools": [dataclasses.asdict(t) | {"environments": sorted(t.environments)} for t in g.tools.values()],
            "environments": sorted(g.environments), "approval_tools": sorted(g.approval_tools)}


def _grants_from(data: dict[str, Any]) -> Grants:
    tools = {t["name"]: Grant(t["name"], t["access"], bool(t["mutating"]), frozenset(t["environments"]), int(t["index"]))
             for t in data["tools"]}
    return Grants(tools=tools, environments=frozenset(data["environments"]), approval_tools=frozenset(data["approval_tools"]))


# ---- files -------------------------------------------------------------------------------------


def summary_document(kind: str, files: list[str], bad_lines: int, state: dict[str, Any],
                     judged_by: dict[str, Any]) -> dict[str, Any]:
    # schema_version then parr_version first: how parr recognises a file it wrote and may replace.
    return {"schema_version": str(SUMMARY_VERSION), "parr_version": __version__, "parr_summary": SUMMARY_VERSION,
            "kind": kind, "files": files,
            "unparsable_lines": bad_lines, "judged_by": judged_by, "state": state}


def signals_summary(collector: SignalCollector, files: list[str], bad_lines: int) -> dict[str, Any]:
    state = signals_state(collector)
    return summary_document("signals", files, bad_lines, state, state["thresholds"])


def review_summary(collector: AccessCollector, files: list[str], bad_lines: int) -> dict[str, Any]:
    grants = _grants(collector.grants)
    return summary_document("review", files, bad_lines, collector.to_dict(), grants)


def write_summary(path: Path, document: dict[str, Any], force: bool = False) -> None:
    """Atomically, through the same guard as every --output (never over parr.yaml or into .parr/)."""
    from parr.cliutil import write_output

    write_output(path, json.dumps(document, separators=(",", ":"), ensure_ascii=False) + "\n", force=force)


def read_summary(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ParrInputError(f"{path}: cannot read the summary ({exc.strerror or exc}).") from None
    except ValueError:
        raise ParrInputError(f"{path}: not a parr summary (not JSON); give files written by --save-summary.") from None
    if not isinstance(document, dict) or document.get("parr_summary") != SUMMARY_VERSION or document.get("kind") not in KINDS:
        raise ParrInputError(f"{path}: not a parr summary (version {SUMMARY_VERSION}); give files written by --save-summary.")
    return document


def merge_documents(paths: list[Path]) -> tuple[str, Any, list[str], int]:
    """(kind, merged collector, files, unparsable lines) from summaries of one kind and one manifest."""
    documents = [(path, read_summary(path)) for path in paths]
    first_path, first = documents[0]
    kind = first["kind"]
    for path, document in documents[1:]:
        if document["kind"] != kind:
            raise ParrInputError(f"{path}: a {document['kind']} summary cannot merge with {first_path}'s {kind} summary.")
        if document["judged_by"] != first["judged_by"]:
            what = "thresholds" if kind == "signals" else "grants"
            raise ParrInputError(f"{path}: made with other {what} than {first_path}; summarise every shard with the same parr.yaml.")
    files = [f for _, d in documents for f in d["files"]]
    bad = sum(int(d["unparsable_lines"]) for _, d in documents)
    try:
        if kind == "signals":
            merged = signals_from(first["state"])
            for _, document in documents[1:]:
                merge_signals(merged, signals_from(document["state"]))
            return kind, merged, files, bad
        grants = _grants_from(first["judged_by"])
        review = AccessCollector.from_dict(grants, first["state"])
        for _, document in documents[1:]:
            review.merge(AccessCollector.from_dict(grants, document["state"]))
        return kind, review, files, bad
    except (KeyError, TypeError, ValueError) as exc:
        raise ParrInputError(f"a summary is damaged ({type(exc).__name__}: {exc}); write it again with --save-summary.") from None
