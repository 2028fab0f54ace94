"""`parr traces lint`: unparsable lines, missing required fields and unredacted sensitive values, streamed.

A linter sees each chunk of the file once. Every record gets the cheap checks (required fields,
fields declared redacted, field names that say "sensitive"); the pattern detectors run over the
raw block first and only the lines they point at are walked field by field. Findings are counted
in full and kept up to a limit per rule, so memory does not grow with the file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parr.traces.events import (
    READ_ERRORS,
    RECORD_FORMATS,
    BadLines,
    Chunk,
    TraceEvent,
    TraceFormat,
    TraceReadError,
    decode_error,
    event_from_jsonl,
    events_from_record,
    event_from_span,
    events_from_otlp,
    iter_chunks,
    iter_records,
    line_count,
    loads_line,
    paused_gc,
    sniff_format,
)
from parr.traces.redaction import (
    KIND_LABELS,
    Hit,
    candidate_offsets,
    deep_scan,
    key_category,
    line_indexes,
    long_text_lines,
    looks_redacted,
    mask_generic,
    needs_deep_scan,
    scan_text,
)

DEFAULT_REQUIRED_FIELDS: tuple[str, ...] = ("ts", "agent_id", "session_id", "tool_call", "policy", "result")
DEFAULT_KEEP = 1000  # findings kept per rule and file; the rest are counted
MAX_UNPARSABLE_SCAN = 1024 * 1024  # bytes of one unparsable line scanned as text

RULES: dict[str, tuple[str, str]] = {
    # rule id: (short description, how to fix)
    "unparsable-line": ("A line is not a JSON object", "Write one JSON object per line; a crash mid-write leaves half a line."),
    "no-events": ("The file holds no trace event", "Point parr at the tracer's output: JSON Lines events or OTLP JSON spans."),
    "missing-field": ("An event lacks a required field", "Make the tracer write the field, or drop it from observability.required_fields."),
    "unredacted-email": ("An e-mail address in clear", "Hash or drop the address before it is traced."),
    "unredacted-phone": ("A phone number in clear", "Hash or drop the number before it is traced."),
    "unredacted-payment-card": ("A payment card number in clear (Luhn-valid)", "Never trace card numbers; keep a token or the last four digits."),
    "unredacted-iban": ("An IBAN in clear (checksum-valid)", "Trace a token or a hash of the account, not the IBAN."),
    "unredacted-national-id": ("A national id in clear", "Drop national ids from traces, or hash them with a keyed hash."),
    "unredacted-secret": ("An API key, token or private key in a trace", "Rotate the credential now, then keep it out of tool arguments and traces."),
    "raw-document-body": ("A raw document body where only ids belong", "Trace retrieval ids, not retrieved text."),
    "redacted-field-in-clear": ("A field declared redacted holds a clear value", "Hash or mask the field in the tracer, as observability.redacted_fields promises."),
}
_RULE_BY_KIND = {
    "email": "unredacted-email",
    "phone": "unredacted-phone",
    "payment_card": "unredacted-payment-card",
    "iban": "unredacted-iban",
    "national_id": "unredacted-national-id",
    "secret": "unredacted-secret",
    "document_body": "raw-document-body",
    "redacted_field": "redacted-field-in-clear",
}
SENSITIVE_RULES = frozenset(_RULE_BY_KIND.values())


_NONE: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class LintFinding:
    rule: str
    file: str
    line: int
    field: str  # the field path ("" for a whole line)
    message: str  # never holds a sensitive value: only its masked form
    masked: str = ""


@dataclass
class FileLint:
    """What linting one file found: every finding counted, the first `keep` per rule kept."""

    file: str
    format: TraceFormat
    keep: int = DEFAULT_KEEP
    lines: int = 0
    events: int = 0
    bytes: int = 0
    truncated: bool = False  # stopped at max_lines
    error: str | None = None  # the file could not be read at all
    counts: Counter[str] = field(default_factory=Counter)
    findings: list[LintFinding] = field(default_factory=list)
    missing: Counter[str] = field(default_factory=Counter)  # required field -> events lacking it
    missing_lines: dict[str, list[int]] = field(default_factory=dict)  # required field -> first lines lacking it
    kept: Counter[str] = field(default_factory=Counter)
    bad: BadLines = field(default_factory=BadLines)

    def add(self, finding: LintFinding) -> None:
        self.counts[finding.rule] += 1
        if self.kept[finding.rule] < self.keep:
            self.kept[finding.rule] += 1
            self.findings.append(finding)

    @property
    def total(self) -> int:
        return sum(self.counts.values()) + self.bad.count

    @property
    def sensitive_count(self) -> int:
        return sum(n for rule, n in self.counts.items() if rule in SENSITIVE_RULES)

    def all_findings(self) -> list[LintFinding]:
        """Kept findings, unparsable lines included, in file order."""
        bad = [LintFinding("unparsable-line", self.file, b.line, "", b.message) for b in self.bad.items]
        return sorted(bad + self.findings, key=lambda f: (f.line, f.rule, f.field))

    def rule_counts(self) -> dict[str, int]:
        counts = dict(self.counts)
        if self.bad.count:
            counts["unparsable-line"] = self.bad.count
        return dict(sorted(counts.items()))


# ---- required fields -----------------------------------------------------------------------


def _dotted(field_name: str) -> tuple[str, ...]:
    return tuple(field_name.split("."))


def _has(record: dict[str, Any], keys: tuple[str, ...]) -> bool:
    current: Any = record
    for key in keys:
        if current.__class__ is not dict:
            return False
        current = current.get(key)
        if current is None:
            return False
    return True


# OTLP spans carry the seed's fields under GenAI names. Each required field maps to: the spans it
# applies to, and how to tell it is there. Other names are looked up as span attributes.
_TOOL_OPS = frozenset({"execute_tool"})
_MODEL_OPS = frozenset({"chat", "text_completion", "generate_content", "embeddings"})


def _span_kind(event: TraceEvent) -> str:
    if event.operation in _TOOL_OPS or event.tool_name:
        return "tool"
    if event.operation in _MODEL_OPS:
        return "model"
    if event.operation or any(k.startswith("gen_ai.") for k in event.attributes):
        return "genai"
    return ""


_OTLP_FIELDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    # field: (applies to: any|tool|model, shown as, TraceEvent attributes of which one must be set)
    "ts": ("any", "startTimeUnixNano", ("ts",)),
    "timestamp": ("any", "startTimeUnixNano", ("ts",)),
    "agent_id": ("any", "gen_ai.agent.id or service.name", ("agent_id",)),
    "session_id": ("any", "gen_ai.conversation.id", ("session_id",)),
    "trace_id": ("any", "traceId", ("trace_id",)),
    "model": ("model", "gen_ai.request.model", ("model",)),
    "tool_call": ("tool", "gen_ai.tool.name", ("tool_name",)),
    "tool_call.name": ("tool", "gen_ai.tool.name", ("tool_name",)),
    "tool_call.id": ("tool", "gen_ai.tool.call.id", ("tool_call_id",)),
    "tool_call.args": ("tool", "gen_ai.tool.call.arguments", ("tool_args",)),
    "policy": ("tool", "policy.decision", ("policy_decision",)),
    "policy.decision": ("tool", "policy.decision", ("policy_decision",)),
    "policy.rule": ("tool", "policy.rule", ("policy_rule",)),
    "result": ("tool", "status", ("result_status",)),
    "result.status": ("tool", "status", ("result_status",)),
    "latency_ms": ("any", "start and end time", ("latency_ms",)),
    "tokens": ("model", "gen_ai.usage.input_tokens", ("input_tokens", "output_tokens")),
    "cost": ("model", "gen_ai.usage.cost", ("cost",)),
}
# One rule per required field: (reported name, applies to, event attributes, or None for a raw attribute key).
OtlpRule = tuple[str, str, "tuple[str, ...] | None", str]


def otlp_rules(required: Iterable[str]) -> list[OtlpRule]:
    rules: list[OtlpRule] = []
    for name in required:
        known = _OTLP_FIELDS.get(name)
        if known is None:
            rules.append((name, "any", None, name))
        else:
            applies, shown, fields = known
            rules.append((f"{name} ({shown})", applies, fields, name))
    return rules


def _otlp_missing(event: TraceEvent, rules: list[OtlpRule], raw_keys: bool = False) -> Iterator[str]:
    kind = _span_kind(event)
    if not kind:
        return  # not a GenAI span (an HTTP client span, say): the trace schema does not apply
    for shown, applies, fields, name in rules:
        if applies != "any" and applies != kind:
            continue
        if fields is None:
            # A name parr does not map is an attribute key of a span, or a key of an exported record.
            if (not _has(event.raw, _dotted(name))) if raw_keys else (name not in event.attributes):
                yield name
            continue
        for attribute in fields:
            if getattr(event, attribute) is not None:
                break
        else:
            yield shown


# ---- the linter ----------------------------------------------------------------------------


class Linter:
    """Lints one file chunk by chunk; `feed` returns the chunk's events when asked, so signals can share the pass."""

    def __init__(self, result: FileLint, required: Iterable[str], redacted: Iterable[str]) -> None:
        self.result = result
        self.required = [(name, _dotted(name)) for name in required]
        self.otlp_rules = otlp_rules(name for name, _ in self.required)
        self.redacted = [(name, _dotted(name)) for name in redacted]
        self.fmt = result.format

    def feed(self, chunk: Chunk, want_events: bool = False) -> list[TraceEvent]:
        result = self.result
        result.bytes += len(chunk.text)
        if chunk.kind == "span":
            return self._feed_span(chunk)
        if chunk.kind == "resource":
            self._feed_resource(chunk)
            return []
        result.lines += line_count(chunk)
        text = chunk.text
        if not text.strip():
            return []  # blank lines only (a gzip of newlines inflates to a billion): nothing to scan
        first = chunk.first_line
        offsets = candidate_offsets(text)
        deep = {first + i for i in line_indexes(text, offsets)} if offsets else _NONE
        long_offsets = long_text_lines(text)
        long_lines = {first + i for i in line_indexes(text, long_offsets)} if long_offsets else _NONE
        events: list[TraceEvent] = []
        otlp = self.fmt == "otlp"
        if self.fmt in RECORD_FORMATS:
            for number, record in iter_records(chunk, result.bad, self._scan_unparsable):
                events.extend(self._exported_record(record, number, number in deep, number in long_lines))
            return events
        for number, record in iter_records(chunk, result.bad, self._scan_unparsable):
            if otlp or "resourceSpans" in record:
                events.extend(self._otlp_record(record, number, number in deep, number in long_lines))
            else:
                result.events += 1
                self._jsonl_record(record, number, number in deep, number in long_lines)
                if want_events:
                    events.append(event_from_jsonl(record, number))
        return events

    def _scan_unparsable(self, line: int, text: bytes) -> None:
        """A line that is not JSON may still hold what must not be there: its text is scanned as text."""
        if len(text) > MAX_UNPARSABLE_SCAN:
            text = text[:MAX_UNPARSABLE_SCAN]
        decoded = text.decode("utf-8", errors="replace")
        for hit in scan_text(decoded):
            self._sensitive(line, "(unparsable line)", hit)

    def _jsonl_record(self, record: dict[str, Any], line: int, deep: bool, long_text: bool) -> None:
        for name, keys in self.required:
            value = record.get(keys[0])
            if value is None or (len(keys) > 1 and not _has(record, keys)):
                self._missing(name, line, name, f"the event lacks required field '{name}'")
        for name, keys in self.redacted:
            value = record.get(keys[0]) if len(keys) == 1 else _lookup(record, keys)
            if value is not None and not looks_redacted(value):
                self._sensitive(line, name, Hit("redacted_field", mask_generic(str(value))), declared=True)
        if deep or needs_deep_scan(record, long_text):
            for path, hit in deep_scan(record):
                self._sensitive(line, path, hit)

    def _exported_record(self, record: dict[str, Any], line: int, deep: bool, long_text: bool) -> list[TraceEvent]:
        """A Langfuse observation or LangSmith run (or a `data` list of them): required fields are
        judged on what parr read from it, as for OTLP spans; the whole record is scanned for values."""
        events = list(events_from_record(record, line, self.fmt))
        for event in events:
            self.result.events += 1
            for name in _otlp_missing(event, self.otlp_rules, raw_keys=True):
                self._missing(name.split(" (")[0], line, name.split(" (")[0], f"the record lacks required field '{name.split(' (')[0]}'")
        if deep or needs_deep_scan(record, long_text):
            for path, hit in deep_scan(record):
                self._sensitive(line, path, hit)
        return events

    def _otlp_record(self, record: dict[str, Any], line: int, deep: bool, long_text: bool) -> list[TraceEvent]:
        events = list(events_from_otlp(record, line))
        for event in events:
            self._span_checks(event, line)
        # JSON keys of an export request are OTLP's own ("key", "value"); the names that tell are attribute keys.
        if deep or _attributes_telling(events, long_text):
            for path, hit in deep_scan(record):
                self._sensitive(line, path, hit)
        return events

    def _feed_span(self, chunk: Chunk) -> list[TraceEvent]:
        result = self.result
        result.lines += chunk.text.count(b"\n") + 1
        try:
            span = loads_line(chunk.text)
        except ValueError as exc:
            result.bad.add(chunk.first_line, decode_error(exc))
            return []
        if not isinstance(span, dict):
            result.bad.add(chunk.first_line, "not a JSON object")
            return []
        event = event_from_span(span, chunk.resource or {}, chunk.first_line, chunk.path)
        self._span_checks(event, chunk.first_line)
        long_text = bool(long_text_lines(chunk.text))
        if candidate_offsets(chunk.text) or _attributes_telling([event], long_text):
            for path, hit in deep_scan(span, chunk.path):
                self._sensitive(chunk.first_line, path, hit)
        return [event]

    def _feed_resource(self, chunk: Chunk) -> None:
        """A pretty-printed document's resource block: scanned like a span (no event, no required fields)."""
        try:
            resource = loads_line(chunk.text)
        except ValueError:
            return  # the stream reported it already
        if isinstance(resource, dict):
            for path, hit in deep_scan(resource, chunk.path):
                self._sensitive(chunk.first_line, path, hit)

    def _span_checks(self, event: TraceEvent, line: int) -> None:
        result = self.result
        result.events += 1
        for name in _otlp_missing(event, self.otlp_rules):
            self._missing(name, line, f"{event.path}: {name}", f"the span lacks required field '{name}'")
        for name, _ in self.redacted:
            value = event.attributes.get(name)
            if value is not None and not looks_redacted(value):
                self._sensitive(line, f'{event.path}.attributes["{name}"]', Hit("redacted_field", mask_generic(str(value))),
                                declared=True)

    def _missing(self, name: str, line: int, path: str, message: str) -> None:
        result = self.result
        result.missing[name] += 1
        lines = result.missing_lines.setdefault(name, [])
        if len(lines) < 5:
            lines.append(line)
        result.add(LintFinding("missing-field", result.file, line, path, message))

    def _sensitive(self, line: int, path: str, hit: Hit, declared: bool = False) -> None:
        rule = _RULE_BY_KIND[hit.kind]
        what = KIND_LABELS[hit.kind]
        detail = f" ({hit.detail})" if hit.detail and not hit.detail.startswith("value of") else ""
        if declared:
            message = f"'{path}' is declared redacted but holds a clear value {hit.masked}"
        else:
            message = f"{what}{detail} in clear: {hit.masked}"
        self.result.add(LintFinding(rule, self.result.file, line, path, message, hit.masked))


_TELLING_KEYS_CACHE: dict[tuple[str, ...], tuple[str, ...]] = {}


def _telling_keys(keys: tuple[str, ...]) -> tuple[str, ...]:
    """The attribute keys whose names matter, per distinct key set (spans of one kind share theirs)."""
    found = _TELLING_KEYS_CACHE.get(keys)
    if found is None:
        found = tuple(k for k in keys if key_category(k))
        if len(_TELLING_KEYS_CACHE) < 10_000:
            _TELLING_KEYS_CACHE[keys] = found
    return found


def _attributes_telling(events: list[TraceEvent], long_text: bool) -> bool:
    """OTLP names live in attribute keys ("user.phone"), not in JSON keys: look at those, on spans and span events."""
    for event in events:
        attrs = event.attributes
        for key in _telling_keys(tuple(attrs)):
            if _telling_key(key, attrs[key], long_text):
                return True
        span_events = event.raw.get("events")
        if isinstance(span_events, list):
            for span_event in span_events:
                items = span_event.get("attributes") if isinstance(span_event, dict) else None
                for item in items if isinstance(items, list) else ():
                    if isinstance(item, dict) and _telling_key(str(item.get("key", "")), item.get("value"), long_text):
                        return True
    return False


def _telling_key(key: str, value: Any, long_text: bool) -> bool:
    category = key_category(key)
    if category == "sensitive":
        return value is not None
    return long_text and category in ("body", "retrieval") and value is not None


def _lookup(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    current: Any = record
    for key in keys:
        if current.__class__ is not dict:
            return None
        current = current.get(key)
    return current


def lint_file(path: Path, *, shown: str | None = None, required: Iterable[str] = DEFAULT_REQUIRED_FIELDS,
              redacted: Iterable[str] = (), fmt: TraceFormat | None = None, max_lines: int | None = None,
              keep: int = DEFAULT_KEEP, jobs: int = 1) -> FileLint:
    try:
        fmt = fmt or sniff_format(path)
    except READ_ERRORS as exc:
        raise TraceReadError(shown or str(path), exc) from None
    result = FileLint(file=shown or str(path), format=fmt, keep=keep, bad=BadLines(keep))
    linter = Linter(result, list(required), list(redacted))
    from parr.traces.parallel import lint_parallel, use_parallel

    try:
        if max_lines is None and use_parallel(path, jobs):
            lint_parallel(result, path, fmt, list(required), list(redacted), jobs)
        else:
            with paused_gc():
                for chunk in iter_chunks(path, fmt, result.bad, max_lines):
                    linter.feed(chunk)
    except READ_ERRORS as exc:
        raise TraceReadError(result.file, exc) from None
    result.truncated = max_lines is not None and result.lines >= max_lines
    if result.events == 0:
        # An empty file has nothing unredacted in it, and proves nothing either: never clean.
        result.add(LintFinding("no-events", result.file, 1, "",
                               f"no trace event in {result.lines} line(s) ({result.bad.count} unparsable)"))
    return result
