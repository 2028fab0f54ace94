"""LangSmith run exports: runs (one per line, or the API's list) as trace events.

A run has `id`, `name`, `run_type` (tool, llm, chain, retriever…), `start_time`/`end_time`,
`trace_id`, `inputs`/`outputs`, `error` and `status`, token counts (`prompt_tokens`,
`completion_tokens`), `total_cost`, and `extra.metadata`. A run with run_type "tool" is one tool
call, named by `name`. LangSmith's own `session_id` is the tracing project, not a conversation:
the conversation is `extra.metadata.thread_id` (or session_id, conversation_id) as LangSmith's
threads read it, else the trace.
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

_RUN_TYPES = frozenset({"tool", "llm", "chain", "retriever", "embedding", "prompt", "parser"})


def looks_like(record: dict[str, Any]) -> bool:
    kind = record.get("run_type")
    return isinstance(kind, str) and kind.lower() in _RUN_TYPES and ("start_time" in record or "trace_id" in record)


def _arguments(inputs: Any) -> Any:
    """A LangChain tool run records its input as {"input": "<JSON or text>"}; unwrap that one key."""
    if isinstance(inputs, dict) and set(inputs) == {"input"}:
        return json_arguments(inputs["input"])
    return inputs


def _latency_ms(record: dict[str, Any]) -> float | None:
    from parr.traces.access import _epoch

    start, end = _epoch(_text(record.get("start_time"))), _epoch(_text(record.get("end_time")))
    return (end - start) * 1000 if start is not None and end is not None and end >= start else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def event_from_record(record: dict[str, Any], line: int) -> Any:
    from parr.traces.events import TraceEvent, _approval_state, _int, _num, _str

    kind = str(record.get("run_type") or "").lower()
    extra = record.get("extra")
    meta = extra.get("metadata") if isinstance(extra, dict) else None
    meta = meta if isinstance(meta, dict) else record.get("metadata")
    tool = kind == "tool"
    status = str(record.get("status") or "").lower()
    error = record.get("error")
    failed = bool(error) or status == "error"
    decision, rule = policy_of(meta)
    return TraceEvent(
        line=line,
        ts=_str(record.get("start_time")),
        agent_id=_str(meta_value(meta, "agent_id", "agent_name", "lc_agent_name")),
        session_id=_str(meta_value(meta, *CONVERSATION_KEYS)),
        trace_id=_str(record.get("trace_id")),
        model=_str(meta_value(meta, "ls_model_name")),
        tool_name=_str(record.get("name")) if tool else None,
        tool_call_id=_str(meta_value(meta, "tool_call_id") or record.get("id")) if tool else None,
        tool_args=_arguments(record.get("inputs")) if tool else None,
        policy_decision=_str(decision),
        policy_rule=_str(rule),
        result_status="error" if failed else ("ok" if tool and (status == "success" or record.get("end_time")) else None),
        error=_str(error or "error") if failed else None,
        retry=_int(retry_of(meta)),
        latency_ms=_latency_ms(record),
        input_tokens=_int(record.get("prompt_tokens")),
        output_tokens=_int(record.get("completion_tokens")),
        cost=_num(record.get("total_cost")),
        raw=record,
        operation="execute_tool" if tool else ("chat" if kind == "llm" else kind or None),
        environment=_str(meta_value(meta, *ENVIRONMENT_KEYS)),
        approval=_approval_state(approval_of(meta)),
    )
