"""One event model for agent traces, read in constant memory from JSON Lines or OTLP JSON (gzipped too).

JSON Lines events follow the seed's shape (ts, agent_id, session_id, model, retrieval, tool_call,
policy, result, plus latency, tokens, cost). OTLP spans follow the OpenTelemetry GenAI semantic
conventions (gen_ai.operation.name, gen_ai.tool.name, gen_ai.tool.call.id, gen_ai.usage.*,
gen_ai.conversation.id). Both become `TraceEvent`s; `raw` keeps the original record for linting.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

TraceFormat = Literal["jsonl", "otlp"]


@dataclass(slots=True)
class TraceEvent:
    line: int  # line in the file (for OTLP: the line holding the export request)
    ts: str | None = None
    agent_id: str | None = None
    session_id: str | None = None
    trace_id: str | None = None
    model: str | None = None
    tool_name: str | None = None
    tool_call_id: str | None = None
    tool_args: Any = None
    policy_decision: str | None = None
    policy_rule: str | None = None
    result_status: str | None = None
    error: str | None = None
    retry: int | None = None
    latency_ms: float | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    cost: float | None = None
    retrieval_ids: tuple[str, ...] = ()
    raw: dict[str, Any] = field(default_factory=dict)
    path: str = ""  # where `raw` sits in the file, e.g. "resourceSpans[0].scopeSpans[0].spans[3]"

    @property
    def is_error(self) -> bool:
        status = (self.result_status or "").lower()
        return bool(self.error) or status in ("error", "failed", "failure", "timeout", "exception")

    @property
    def is_denial(self) -> bool:
        return (self.policy_decision or "").lower() in ("deny", "denied", "forbid", "block", "blocked")


@dataclass(slots=True)
class BadLine:
    line: int
    message: str


def open_text(path: Path) -> io.TextIOBase:
    """A text stream over `path`, gunzipping when the file starts with the gzip magic bytes."""
    with open(path, "rb") as probe:
        magic = probe.read(2)
    if magic == b"\x1f\x8b":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", errors="replace")
    return open(path, encoding="utf-8", errors="replace")


def sniff_format(path: Path) -> TraceFormat:
    """OTLP when the first non-blank record holds resourceSpans, else JSON Lines."""
    with open_text(path) as stream:
        for line in stream:
            if line.strip():
                return "otlp" if '"resourceSpans"' in line[:4096] or line.strip() == "{" else "jsonl"
    return "jsonl"


def _num(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def _int(value: Any) -> int | None:
    number = _num(value)
    return None if number is None else int(number)


def _str(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def event_from_jsonl(record: dict[str, Any], line: int) -> TraceEvent:
    tool = record.get("tool_call") if isinstance(record.get("tool_call"), dict) else {}
    policy = record.get("policy") if isinstance(record.get("policy"), dict) else {}
    result = record.get("result") if isinstance(record.get("result"), dict) else {}
    retrieval = record.get("retrieval") if isinstance(record.get("retrieval"), dict) else {}
    tokens = record.get("tokens")
    if isinstance(tokens, dict):
        input_tokens = _int(tokens.get("input", tokens.get("prompt", tokens.get("input_tokens"))))
        output_tokens = _int(tokens.get("output", tokens.get("completion", tokens.get("output_tokens"))))
    else:
        input_tokens = _int(record.get("input_tokens"))
        output_tokens = _int(record.get("output_tokens"))
    cost = record.get("cost_usd", record.get("cost"))
    if isinstance(cost, dict):
        cost = cost.get("usd", cost.get("total"))
    latency = record.get("latency_ms", record.get("duration_ms"))
    if latency is None and isinstance(result, dict):
        latency = result.get("latency_ms")
    error = result.get("error") if isinstance(result, dict) else None
    doc_ids = retrieval.get("doc_ids") if isinstance(retrieval, dict) else None
    return TraceEvent(
        line=line,
        ts=_str(record.get("ts", record.get("timestamp"))),
        agent_id=_str(record.get("agent_id")),
        session_id=_str(record.get("session_id")),
        trace_id=_str(record.get("trace_id")),
        model=_str(record.get("model")),
        tool_name=_str(tool.get("name")),
        tool_call_id=_str(tool.get("id", tool.get("call_id"))),
        tool_args=tool.get("args", tool.get("arguments")),
        policy_decision=_str(policy.get("decision")),
        policy_rule=_str(policy.get("rule")),
        result_status=_str(result.get("status")),
        error=_str(error) if error else None,
        retry=_int(record.get("retry", record.get("attempt_retry", tool.get("retry")))),
        latency_ms=_num(latency),
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        cost=_num(cost),
        retrieval_ids=tuple(str(d) for d in doc_ids) if isinstance(doc_ids, list) else (),
        raw=record,
    )


def _attr_value(value: dict[str, Any]) -> Any:
    """An OTLP AnyValue as a Python value."""
    for key in ("stringValue", "boolValue", "intValue", "doubleValue"):
        if key in value:
            raw = value[key]
            return int(raw) if key == "intValue" else raw
    if "arrayValue" in value:
        return [_attr_value(v) for v in value["arrayValue"].get("values", [])]
    if "kvlistValue" in value:
        return {kv["key"]: _attr_value(kv.get("value", {})) for kv in value["kvlistValue"].get("values", [])}
    return None


def attributes(items: Any) -> dict[str, Any]:
    if not isinstance(items, list):
        return {}
    return {a["key"]: _attr_value(a.get("value", {})) for a in items if isinstance(a, dict) and "key" in a}


def _nanos_to_iso(nanos: Any) -> str | None:
    number = _int(nanos)
    if not number:
        return None
    return dt.datetime.fromtimestamp(number / 1e9, tz=dt.timezone.utc).isoformat().replace("+00:00", "Z")


def events_from_otlp(document: dict[str, Any], line: int) -> Iterator[TraceEvent]:
    for r_index, resource_spans in enumerate(document.get("resourceSpans") or []):
        resource = attributes((resource_spans.get("resource") or {}).get("attributes"))
        for s_index, scope_spans in enumerate(resource_spans.get("scopeSpans") or []):
            for index, span in enumerate(scope_spans.get("spans") or []):
                attrs = attributes(span.get("attributes"))
                status = span.get("status") or {}
                start, end = _int(span.get("startTimeUnixNano")), _int(span.get("endTimeUnixNano"))
                args = attrs.get("gen_ai.tool.call.arguments")
                if isinstance(args, str):
                    try:
                        args = json.loads(args)
                    except ValueError:
                        pass
                code = status.get("code")
                failed = code in (2, "STATUS_CODE_ERROR") or attrs.get("error.type")
                yield TraceEvent(
                    line=line,
                    ts=_nanos_to_iso(span.get("startTimeUnixNano")),
                    agent_id=_str(attrs.get("gen_ai.agent.id") or attrs.get("gen_ai.agent.name") or resource.get("service.name")),
                    session_id=_str(attrs.get("gen_ai.conversation.id")),
                    trace_id=_str(span.get("traceId")),
                    model=_str(attrs.get("gen_ai.response.model") or attrs.get("gen_ai.request.model")),
                    tool_name=_str(attrs.get("gen_ai.tool.name")),
                    tool_call_id=_str(attrs.get("gen_ai.tool.call.id")),
                    tool_args=args,
                    policy_decision=_str(attrs.get("policy.decision")),
                    policy_rule=_str(attrs.get("policy.rule")),
                    result_status="error" if failed else ("ok" if code in (1, "STATUS_CODE_OK") or attrs.get("gen_ai.tool.name") else None),
                    error=_str(attrs.get("error.type") or status.get("message")) if failed else None,
                    retry=_int(attrs.get("retry.count", attrs.get("gen_ai.retry.count"))),
                    latency_ms=(end - start) / 1e6 if start and end else None,
                    input_tokens=_int(attrs.get("gen_ai.usage.input_tokens")),
                    output_tokens=_int(attrs.get("gen_ai.usage.output_tokens")),
                    cost=_num(attrs.get("gen_ai.usage.cost", attrs.get("cost.usd"))),
                    raw=span,
                    path=f"resourceSpans[{r_index}].scopeSpans[{s_index}].spans[{index}]",
                )


def iter_events(path: Path, fmt: TraceFormat | None = None, bad: list[BadLine] | None = None) -> Iterator[TraceEvent]:
    """Stream the events of a trace file. Unparsable lines go to `bad` (if given) and never stop it."""
    fmt = fmt or sniff_format(path)
    if fmt == "otlp" and not _is_jsonl_otlp(path):
        # One (pretty-printed) export document: small by nature, parsed whole.
        with open_text(path) as stream:
            try:
                document = json.load(stream)
            except ValueError as exc:
                if bad is not None:
                    bad.append(BadLine(1, f"not JSON: {exc}"))
                return
        yield from events_from_otlp(document if isinstance(document, dict) else {}, 1)
        return
    with open_text(path) as stream:
        for number, text in enumerate(stream, start=1):
            if not text.strip():
                continue
            try:
                record = json.loads(text)
            except ValueError as exc:
                if bad is not None:
                    bad.append(BadLine(number, f"not JSON: {exc.args[0] if exc.args else exc}"))
                continue
            if not isinstance(record, dict):
                if bad is not None:
                    bad.append(BadLine(number, "not a JSON object"))
                continue
            if fmt == "otlp" or "resourceSpans" in record:
                yield from events_from_otlp(record, number)
            else:
                yield event_from_jsonl(record, number)


def _is_jsonl_otlp(path: Path) -> bool:
    """The collector's file exporter writes one export request per line; a pretty-printed
    document spans many lines. Tell them apart by whether the first line is a whole object."""
    with open_text(path) as stream:
        first = stream.readline()
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False
