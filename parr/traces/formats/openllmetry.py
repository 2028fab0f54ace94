"""OpenLLMetry (Traceloop) span attributes: `traceloop.span.kind` = tool marks one tool call.

The tool's name is `traceloop.entity.name`, its input `traceloop.entity.input` (a JSON string of
`{"args": [...], "kwargs": {...}}`, or of the inputs themselves); the conversation is an
association property (`traceloop.association.properties.session_id`, `chat_id`, `thread_id`,
`conversation_id`); the workflow name (`traceloop.workflow.name`) names the agent. LLM spans carry
the older GenAI names (gen_ai.usage.prompt_tokens, gen_ai.usage.completion_tokens), read by
`otel_genai`, and `llm.request.type` (chat, completion) for the operation.
"""

from __future__ import annotations

from typing import Any

from parr.traces.formats import SpanFields
from parr.traces.formats.otel_genai import json_arguments

_ASSOCIATION = "traceloop.association.properties."
_CONVERSATION_KEYS = ("session_id", "conversation_id", "thread_id", "chat_id")


def _arguments(value: Any) -> Any:
    parsed = json_arguments(value)
    if isinstance(parsed, dict) and set(parsed) <= {"args", "kwargs", "inputs"}:
        # The decorator wraps a function's arguments; the keyword arguments are what a tool takes.
        if isinstance(parsed.get("kwargs"), dict) and parsed["kwargs"]:
            return parsed["kwargs"]
        if isinstance(parsed.get("inputs"), dict):
            return parsed["inputs"]
    return parsed


def read(attrs: dict[str, Any]) -> SpanFields:
    from parr.traces.events import _str

    get = attrs.get
    kind = str(get("traceloop.span.kind") or "").lower()
    tool = kind == "tool"
    session = next((get(_ASSOCIATION + key) for key in _CONVERSATION_KEYS if get(_ASSOCIATION + key)), None)
    return SpanFields(
        tool_name=_str(get("traceloop.entity.name")) if tool else None,
        tool_args=_arguments(get("traceloop.entity.input")) if tool else None,
        session_id=_str(session),
        agent_id=_str(get("traceloop.workflow.name")),
        operation="execute_tool" if tool else ({"agent": "invoke_agent", "workflow": "invoke_agent"}.get(kind) or kind
                                               or _str(get("llm.request.type"))),
    )
