"""The trace formats teams export, each read by its own module into the one `TraceEvent` model.

Spans on the OTLP wire carry one of three attribute vocabularies: the OpenTelemetry GenAI
semantic conventions (`otel_genai`, current names and the older ones still emitted), OpenInference
(`openinference`: Phoenix, Arize) and OpenLLMetry (`openllmetry`: `traceloop.*`). Each span is read
by the vocabulary it carries, the GenAI names filling whatever its own leaves out. Records exported
by Langfuse (observations) and LangSmith (runs) are JSON objects of their own, one per line or
under a document's `data` list; the seed's JSON Lines events are read by `parr.traces.events`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(slots=True)
class SpanFields:
    """What an OTLP span says about the call, in parr's terms (None where the span is silent)."""

    tool_name: str | None = None
    tool_call_id: str | None = None
    tool_args: Any = None
    session_id: str | None = None
    agent_id: str | None = None
    model: str | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    cost: float | None = None
    retry: int | None = None
    operation: str | None = None
    policy_decision: str | None = None
    policy_rule: str | None = None
    error_type: str | None = None

    def fill(self, other: SpanFields) -> SpanFields:
        """Take `other`'s value wherever this one has none."""
        for name in self.__slots__:  # type: ignore[attr-defined]
            if getattr(self, name) is None:
                setattr(self, name, getattr(other, name))
        return self


def read_span(attrs: dict[str, Any]) -> SpanFields:
    """The span's fields by the vocabulary it carries, GenAI names filling the gaps."""
    from parr.traces.formats import openinference, openllmetry, otel_genai

    base = otel_genai.read(attrs)
    if "openinference.span.kind" in attrs:
        return openinference.read(attrs).fill(base)
    if "traceloop.span.kind" in attrs or "traceloop.workflow.name" in attrs or "llm.request.type" in attrs:
        return openllmetry.read(attrs).fill(base)
    return base


RecordReader = Callable[[dict[str, Any], int], Any]


def record_reader(fmt: str) -> RecordReader | None:
    """The reader of one exported record for a record format (None for the seed's JSON Lines and OTLP)."""
    from parr.traces.formats import langfuse, langsmith

    return {"langfuse": langfuse.event_from_record, "langsmith": langsmith.event_from_record}.get(fmt)


def sniff_record(record: Any) -> str | None:
    """Which record format one parsed object is: "otlp", "langsmith", "langfuse", or None (the seed's events)."""
    from parr.traces.formats import langfuse, langsmith

    if not isinstance(record, dict):
        return None
    if "resourceSpans" in record:
        return "otlp"
    data = record.get("data")
    if isinstance(data, list) and data and isinstance(data[0], dict):
        record = data[0]  # a document as the APIs return it: {"data": [...], "meta": {...}}
    if langsmith.looks_like(record):
        return "langsmith"
    if langfuse.looks_like(record):
        return "langfuse"
    return None
