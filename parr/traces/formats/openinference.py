"""OpenInference span attributes (Phoenix, Arize): a TOOL span is one tool call.

`openinference.span.kind` = TOOL with `tool.name` and `input.value` (the arguments, usually a JSON
string); `tool_call.id` where the instrumentation sets it; `session.id` groups a conversation;
LLM spans carry `llm.model_name`, `llm.token_count.prompt`/`completion` and `llm.cost.total`;
`agent.name` names the agent. Exceptions are the OpenTelemetry `exception.*` attributes.
"""

from __future__ import annotations

from typing import Any

from parr.traces.formats import SpanFields
from parr.traces.formats.otel_genai import json_arguments


def read(attrs: dict[str, Any]) -> SpanFields:
    from parr.traces.events import _int, _num, _str

    get = attrs.get
    kind = str(get("openinference.span.kind") or "").upper()
    tool = kind == "TOOL"
    return SpanFields(
        tool_name=_str(get("tool.name")) if tool else None,
        tool_call_id=_str(get("tool_call.id")) if tool else None,
        tool_args=json_arguments(get("input.value")) if tool else None,
        session_id=_str(get("session.id")),
        agent_id=_str(get("agent.name")),
        model=_str(get("llm.model_name")),
        input_tokens=_int(get("llm.token_count.prompt")),
        output_tokens=_int(get("llm.token_count.completion")),
        cost=_num(get("llm.cost.total")),
        operation="execute_tool" if tool else ({"LLM": "chat", "AGENT": "invoke_agent"}.get(kind) or kind.lower() or None),
        error_type=_str(get("exception.type")),
    )
