"""Langfuse exports: observations (the API's `data` list, or one per line) as trace events.

An observation has `id`, `traceId`, `type` (TOOL, GENERATION, SPAN, AGENT, EVENT…), `name`,
`startTime`/`endTime` (ISO 8601), `input`/`output`, `metadata`, `model`, token counts under
`usageDetails` (or the older `usage`), cost under `costDetails.total` (or `calculatedTotalCost`),
`level` (ERROR marks a failure) with `statusMessage`, and `environment`. A TOOL observation is one
tool call, named by `name`. Its run is the trace's session where the export carries `sessionId`,
else the trace. Policy decisions, approvals and retries are read from `metadata` when the agent
records them there (`policy: {decision, rule}`, `approval`, `retries`).
"""

from __future__ import annotations

from typing import Any

from parr.traces.formats._records import (
    CONVERSATION_KEYS,
    ENVIRONMENT_KEYS,
    approval_of,
    meta_value,
    policy_of,
    retry_of,
)
from parr.traces.formats.otel_genai import json_arguments

TOOL_TYPES = frozenset({"TOOL"})
_TYPES = frozenset({"TOOL", "GENERATION", "SPAN", "AGENT", "EVENT", "CHAIN", "RETRIEVER", "EVALUATOR",
                    "EMBEDDING", "GUARDRAIL"})


def looks_like(record: dict[str, Any]) -> bool:
    kind = record.get("type")
    return "traceId" in record and "startTime" in record and isinstance(kind, str) and kind.upper() in _TYPES


def _latency_ms(record: dict[str, Any]) -> float | None:
    from parr.traces.access import _epoch
    from parr.traces.events import _num

    start, end = _epoch(record.get("startTime")), _epoch(record.get("endTime"))
    if start is not None and end is not None and end >= start:
        return (end - start) * 1000
    latency = _num(record.get("latency"))  # some API views give seconds
    return latency * 1000 if latency is not None else None


def event_from_record(record: dict[str, Any], line: int) -> Any:
    from parr.traces.events import TraceEvent, _approval_state, _int, _num, _str

    kind = str(record.get("type") or "").upper()
    meta = record.get("metadata")
    usage = record.get("usageDetails") or record.get("usage") or {}
    usage = usage if isinstance(usage, dict) else {}
    costs = record.get("costDetails")
    cost = costs.get("total") if isinstance(costs, dict) else None
    if cost is None:
        cost = record.get("calculatedTotalCost", record.get("totalCost"))
    level = str(record.get("level") or "").upper()
    decision, rule = policy_of(meta)
    tool = kind in TOOL_TYPES
    failed = level == "ERROR"
    session = record.get("sessionId") or meta_value(meta, *CONVERSATION_KEYS)
    return TraceEvent(
        line=line,
        ts=_str(record.get("startTime")),
        agent_id=_str(meta_value(meta, "agent_id", "agent_name", "agent")),
        session_id=_str(session),
        trace_id=_str(record.get("traceId")),
        model=_str(record.get("model")),
        tool_name=_str(record.get("name")) if tool else None,
        tool_call_id=_str(meta_value(meta, "tool_call_id") or record.get("id")) if tool else None,
        tool_args=json_arguments(record.get("input")) if tool else None,
        policy_decision=_str(decision),
        policy_rule=_str(rule),
        result_status="error" if failed else ("ok" if tool and record.get("endTime") else None),
        error=_str(record.get("statusMessage") or "error") if failed else None,
        retry=_int(retry_of(meta)),
        latency_ms=_latency_ms(record),
        input_tokens=_int(usage.get("input", usage.get("promptTokens"))),
        output_tokens=_int(usage.get("output", usage.get("completionTokens"))),
        cost=_num(cost),
        raw=record,
        operation="execute_tool" if tool else ("chat" if kind == "GENERATION" else kind.lower() or None),
        environment=_str(record.get("environment") or meta_value(meta, *ENVIRONMENT_KEYS)),
        approval=_approval_state(approval_of(meta)),
    )
