"""OpenTelemetry GenAI semantic conventions: span attributes, current names and the older ones still emitted.

Current: gen_ai.operation.name (execute_tool, chat, invoke_agent), gen_ai.tool.name,
gen_ai.tool.call.id, gen_ai.tool.call.arguments, gen_ai.conversation.id, gen_ai.agent.id/name,
gen_ai.request/response.model, gen_ai.usage.input_tokens/output_tokens. Older, still emitted by
many instrumentations: gen_ai.usage.prompt_tokens/completion_tokens, session.id for the
conversation. parr's own: policy.decision, policy.rule, retry.count (or gen_ai.retry.count, or
the HTTP conventions' http.request.resend_count).
"""

from __future__ import annotations

from typing import Any

from parr.traces.formats import SpanFields


def _first(attrs: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        value = attrs.get(key)
        if value is not None and value != "":
            return value
    return None


def json_arguments(value: Any) -> Any:
    """Arguments recorded as a JSON string become the object they encode; anything else stays as it is."""
    from parr.traces.events import loads_line

    if value.__class__ is str and value[:1] in ("{", "["):
        try:
            return loads_line(value.encode("utf-8", errors="replace"))
        except ValueError:
            return value
    return value


def read(attrs: dict[str, Any]) -> SpanFields:
    from parr.traces.events import _int, _num, _str

    get = attrs.get
    # parr's retry.count, or OpenTelemetry's HTTP resend count (the retries of this request).
    retry = _first(attrs, "retry.count", "gen_ai.retry.count", "http.request.resend_count")
    return SpanFields(
        tool_name=_str(get("gen_ai.tool.name")),
        tool_call_id=_str(get("gen_ai.tool.call.id")),
        tool_args=json_arguments(get("gen_ai.tool.call.arguments")),
        session_id=_str(_first(attrs, "gen_ai.conversation.id", "session.id")),
        agent_id=_str(_first(attrs, "gen_ai.agent.id", "gen_ai.agent.name")),
        model=_str(_first(attrs, "gen_ai.response.model", "gen_ai.request.model")),
        input_tokens=_int(_first(attrs, "gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens")),
        output_tokens=_int(_first(attrs, "gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens")),
        cost=_num(_first(attrs, "gen_ai.usage.cost", "cost.usd")),
        retry=_int(retry),
        operation=_str(get("gen_ai.operation.name")),
        policy_decision=_str(get("policy.decision")),
        policy_rule=_str(get("policy.rule")),
        error_type=_str(get("error.type")),
    )
