"""One event model for agent traces, read in constant memory from JSON Lines or OTLP JSON (gzipped too).

JSON Lines events follow the seed's shape (ts, agent_id, session_id, model, retrieval, tool_call,
policy, result, plus latency, tokens, cost). OTLP spans follow the OpenTelemetry GenAI semantic
conventions (gen_ai.operation.name, gen_ai.tool.name, gen_ai.tool.call.id, gen_ai.usage.*,
gen_ai.conversation.id). Both become `TraceEvent`s; `raw` keeps the original record for linting.

Everything here reads the file in blocks of whole lines (`iter_chunks`), so memory stays flat
however large the file is; `lint`, `signals`, `parr check` and the postmortem timeline all read
through it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import gzip
import io
import math
import re
import sys
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Literal

# orjson parses trace lines 5-10x faster than the standard library, and refuses what a trace must
# not hold: NaN and infinities, lone surrogates, nesting past 1024 levels. A required dependency.
import orjson

TraceFormat = Literal["jsonl", "otlp", "langfuse", "langsmith"]
RECORD_FORMATS = ("langfuse", "langsmith")  # exported records, one per line or in a `data` list

BLOCK_SIZE = 1024 * 1024  # bigger blocks are no faster and leave glibc more room to fragment
# One line longer than this is reported as unparsable and skipped, so one runaway line cannot
# take memory with it (a parsed line costs several times its size).
MAX_LINE_BYTES = 16 * 1024 * 1024
GZIP_MAGIC = b"\x1f\x8b"
# A gzip file may inflate to this many times its size (real traces compress 5-30x), and at least
# MIN_INFLATE_LIMIT: a 240 KB bomb of zeros or blank lines stops here instead of at 4 GB.
MAX_INFLATE_RATIO = 200
MIN_INFLATE_LIMIT = 64 * 1024 * 1024
# Records nested deeper than this may be unparsable lines, twice as deep always are (see too_deep):
# the walkers that lint and redact a record recurse, and no tracer nests anywhere near this.
MAX_JSON_DEPTH = 64
# Integers outside int64 (as OTLP counts them) are not counts, times or tokens; they read as absent.
MAX_INT = 2**63 - 1


@dataclass(slots=True)
class TraceEvent:
    line: int  # line in the file (for OTLP: the line holding the export request, or where the span starts)
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
    operation: str | None = None  # OTLP gen_ai.operation.name (chat, execute_tool, invoke_agent, ...)
    attributes: dict[str, Any] = field(default_factory=dict)  # OTLP span attributes, decoded
    environment: str | None = None  # where the call ran (`environment`; OTLP deployment.environment.name)
    approval: str | None = None  # "approved", "pending", "rejected"… as recorded; None when no approval is recorded

    @property
    def is_error(self) -> bool:
        status = (self.result_status or "").lower()
        return bool(self.error) or status in ERROR_STATUSES

    @property
    def is_denial(self) -> bool:
        return (self.policy_decision or "").lower() in DENY_DECISIONS

    @property
    def run_id(self) -> str | None:
        """What groups events into one run: the session (conversation), else the trace."""
        return self.session_id or self.trace_id


ERROR_STATUSES = frozenset({"error", "failed", "failure", "timeout", "exception"})
DENY_DECISIONS = frozenset({"deny", "denied", "forbid", "block", "blocked"})
ALLOW_DECISIONS = frozenset({"allow", "allowed", "permit", "permitted", "approve", "approved"})
# An approval record counts as granted only when it says so: a queue name alone is a request.
APPROVED_STATES = frozenset({"approved", "granted", "allow", "allowed", "accepted"})


def _approval_state(value: Any) -> str | None:
    """What an `approval` record says: "approved" when it names who approved or says approved, its
    own status otherwise ("pending", "rejected"), None when there is none."""
    if value is None or value is False:
        return None
    if value is True:
        return "approved"
    if value.__class__ is str:
        text = value.strip().lower()
        return ("approved" if text in APPROVED_STATES else text) if text else None
    if value.__class__ is dict:
        status = value.get("status", value.get("decision", value.get("state")))
        if status.__class__ is str and status.strip():
            text = status.strip().lower()
            return "approved" if text in APPROVED_STATES else text
        if value.get("approved") is True or any(value.get(k) for k in ("approved_by", "approver", "granted_by")):
            return "approved"
        return "requested" if value else None
    return None


class TraceReadError(Exception):
    """The file itself cannot be read (permissions, a truncated or corrupt gzip stream)."""

    def __init__(self, path: str, exc: BaseException) -> None:
        self.path = path
        self.reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        super().__init__(f"{path}: {self.reason}")


class InflateLimitExceeded(OSError):
    """A gzip trace inflates past MAX_INFLATE_RATIO times its size: a decompression bomb."""

    def __init__(self, limit: int, compressed: int) -> None:
        super().__init__(
            f"it inflates to more than {limit // (1024 * 1024)} MiB from {compressed} bytes of gzip "
            f"(over {MAX_INFLATE_RATIO}x); reading stopped there. Split it, or give it uncompressed"
        )
        self.strerror = str(self.args[0])


READ_ERRORS = (OSError, EOFError, zlib.error)


@dataclass(slots=True)
class BadLine:
    line: int
    message: str


class BadLines:
    """Unparsable lines: every one counted, the first `keep` kept with their line numbers."""

    def __init__(self, keep: int = 1000, sink: list[BadLine] | None = None) -> None:
        self.keep = keep
        self.count = 0
        self.items: list[BadLine] = sink if sink is not None else []

    def add(self, line: int, message: str) -> None:
        self.count += 1
        if len(self.items) < self.keep:
            self.items.append(BadLine(line, message))


@dataclass(slots=True)
class Chunk:
    """Raw trace text and where it starts: whole lines (`lines`) or one span of a pretty-printed OTLP document (`span`)."""

    text: bytes
    first_line: int
    kind: Literal["lines", "span", "resource"] = "lines"
    path: str = ""
    resource: dict[str, Any] | None = None


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while trace records stream through.

    Parsed records and events hold no reference cycles, so the collector's scans over millions of
    short-lived dicts find nothing and cost 10-15% of the run; reference counting frees them all.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# ---- opening and sniffing ------------------------------------------------------------------


class _BoundedGzip(io.RawIOBase):
    """A gzip stream that raises InflateLimitExceeded once it has inflated past its limit."""

    def __init__(self, path: Path) -> None:
        compressed = path.stat().st_size
        self._inner = gzip.open(path, "rb")
        self._limit = max(MIN_INFLATE_LIMIT, MAX_INFLATE_RATIO * compressed)
        self._compressed = compressed
        self._read = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        piece = self._inner.read(size if size is not None and size >= 0 else self._limit + 1 - self._read)
        self._read += len(piece)
        if self._read > self._limit:
            raise InflateLimitExceeded(self._limit, self._compressed)
        return piece

    def readinto(self, buffer: Any) -> int:
        piece = self.read(len(buffer))
        buffer[: len(piece)] = piece
        return len(piece)

    def close(self) -> None:
        self._inner.close()
        super().close()


STDIN = "-"


def is_stdin(path: Path | str) -> bool:
    return str(path) == STDIN


class _Stdin:
    """Standard input as a trace file: its first line is read ahead for sniffing the format and
    replayed, so the stream is still read once, in blocks, never held whole."""

    def __init__(self) -> None:
        self.head: bytes | None = None
        self.opened = False

    def _stream(self) -> BinaryIO:
        return sys.stdin.buffer  # type: ignore[return-value]

    def first_line(self, limit: int) -> bytes:
        if self.head is None:
            stream, head = self._stream(), b""
            while len(head) < limit and b"\n" not in head:
                piece = stream.read1(65536) if hasattr(stream, "read1") else stream.read(65536)
                if not piece:
                    break
                head += piece
            self.head = head
        return self.head

    def open(self) -> BinaryIO:
        if self.opened:
            raise OSError("standard input can be read only once; give `-` once")
        head = self.first_line(1 << 20)
        if head[:2] == GZIP_MAGIC:
            # The inflate limit is a ratio of the compressed size, which a pipe does not have.
            raise OSError("gzip on standard input: pipe it through gunzip (zcat FILE | parr traces ... -)")
        self.opened = True
        return _Replay(head, self._stream())  # type: ignore[return-value]


class _Replay(io.RawIOBase):
    """Bytes already read, then the rest of a stream."""

    def __init__(self, head: bytes, rest: Any) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if self._head:
            if size is None or size < 0:
                piece, self._head = self._head + self._rest.read(), b""
                return piece
            piece, self._head = self._head[:size], self._head[size:]
            return piece
        return self._rest.read(size if size is not None else -1)

    def readinto(self, buffer: Any) -> int:
        piece = self.read(len(buffer))
        buffer[: len(piece)] = piece
        return len(piece)


_STDIN = _Stdin()


def open_binary(path: Path) -> BinaryIO:
    """A byte stream over `path`, gunzipping (within the inflate limit) when it starts with the gzip magic bytes.
    `-` is standard input."""
    if is_stdin(path):
        return _STDIN.open()
    with open(path, "rb") as probe:
        magic = probe.read(2)
    if magic == GZIP_MAGIC:
        return _BoundedGzip(path)  # type: ignore[return-value]
    return open(path, "rb", buffering=0)


def open_text(path: Path) -> io.TextIOBase:
    """A text stream over `path`, gunzipping when the file starts with the gzip magic bytes."""
    return io.TextIOWrapper(io.BufferedReader(open_binary(path)), encoding="utf-8", errors="replace")  # type: ignore[arg-type]


def _first_line(path: Path, limit: int = 1 << 20) -> bytes:
    if is_stdin(path):
        head = _STDIN.first_line(limit)
        lines = [line for line in head.split(b"\n") if line.strip()]
        return lines[0] if lines else b""
    with open_binary(path) as stream:
        head = b""
        while len(head) < limit:
            piece = stream.read(65536)
            if not piece:
                break
            head += piece
            if b"\n" in head:
                break
    lines = [line for line in head.split(b"\n") if line.strip()]
    return lines[0] if lines else b""


def sniff_format(path: Path) -> TraceFormat:
    """OTLP when the first non-blank record holds resourceSpans (or opens a pretty-printed document);
    Langfuse observations or LangSmith runs when the first record is one; else the seed's JSON Lines."""
    from parr.traces.formats import sniff_record

    first = _first_line(path)
    if b'"resourceSpans"' in first[:4096] or first.strip() == b"{":
        return "otlp"
    try:
        record = loads_line(first) if first else None
    except ValueError:
        return "jsonl"
    found = sniff_record(record)
    return found if found in ("otlp", "langfuse", "langsmith") else "jsonl"  # type: ignore[return-value]


def _is_jsonl_otlp(path: Path) -> bool:
    """The collector's file exporter writes one export request per line; a pretty-printed
    document spans many lines. Tell them apart by whether the first line is a whole object."""
    first = _first_line(path)
    try:
        return isinstance(loads_line(first), dict)
    except ValueError:
        return False


def loads_line(text: bytes) -> Any:
    """Parse one line; invalid UTF-8 is replaced rather than rejected, as a text reader would.

    Raises ValueError for anything that is not plain finite JSON within MAX_JSON_DEPTH levels.
    """
    try:
        record = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        if "UTF-8" not in str(exc):
            raise
        record = orjson.loads(text.decode("utf-8", errors="replace"))
    if (text.count(b"[") + text.count(b"{") > MAX_JSON_DEPTH) and too_deep(text):
        raise ValueError(f"nested more than {MAX_JSON_DEPTH} levels deep")
    return record


_NOT_STRUCTURE = bytes(b for b in range(256) if b not in b'[]{}"\\')


def too_deep(text: bytes) -> bool:
    """Whether valid JSON nests deeper than MAX_JSON_DEPTH, in C-speed passes rather than a Python walk.

    Keep only brackets, quotes and backslashes; drop escaped characters and whole strings; then
    peel the innermost bracket pairs off one round at a time. Each round takes away at least one
    level and at most two: True means deeper than MAX_JSON_DEPTH, False means at most twice that,
    which the recursive walkers downstream handle.
    """
    skeleton = text.translate(None, _NOT_STRUCTURE).replace(b"\\\\", b"").replace(b'\\"', b"")
    skeleton = b"".join(skeleton.split(b'"')[::2]).replace(b"\\", b"")  # every other piece is outside strings
    for _ in range(MAX_JSON_DEPTH):
        if not skeleton:
            return False
        skeleton = skeleton.replace(b"[]", b"").replace(b"{}", b"")
    return bool(skeleton)


def decode_error(exc: ValueError) -> str:
    """A parse error without the offending text (a bad line may hold exactly what must not be printed)."""
    text = str(exc.args[0] if exc.args else exc)
    for marker in (": line 1 column", " line 1 column", ": column"):
        if marker in text:
            text = text.split(marker)[0]
    return f"not JSON: {text.strip()}"[:120]


# ---- reading in blocks ---------------------------------------------------------------------


def iter_line_blocks(path: Path, bad: BadLines, block_size: int | None = None) -> Iterator[Chunk]:
    """Blocks of whole lines with the number of their first line; memory is one block plus the longest line."""
    block_size = block_size or BLOCK_SIZE
    line = 1
    # The unfinished tail of the last block, as pieces: a line longer than a block is joined once,
    # not re-concatenated on every read.
    pending: list[bytes] = []
    pending_size = 0
    with open_binary(path) as stream:
        while True:
            piece = stream.read(block_size)
            if not piece:
                break
            cut = piece.rfind(b"\n")
            if cut < 0:
                pending.append(piece)
                pending_size += len(piece)
                if pending_size > MAX_LINE_BYTES:
                    bad.add(line, f"line longer than {MAX_LINE_BYTES // (1024 * 1024)} MiB")
                    rest = _skip_to_newline(stream, block_size)
                    if rest is None:
                        return
                    line += 1
                    pending, pending_size = ([rest], len(rest)) if rest else ([], 0)
                continue
            head, tail = piece[: cut + 1], piece[cut + 1 :]
            block = b"".join((*pending, head)) if pending else head
            pending, pending_size = ([tail], len(tail)) if tail else ([], 0)
            yield Chunk(block, line)
            line += block.count(b"\n")
    if pending:
        yield Chunk(b"".join(pending), line)


def _skip_to_newline(stream: BinaryIO, block_size: int) -> bytes | None:
    """Drop the rest of an oversized line; return what follows its newline (None at end of file)."""
    while True:
        piece = stream.read(block_size)
        if not piece:
            return None
        cut = piece.find(b"\n")
        if cut >= 0:
            return piece[cut + 1 :]


def iter_chunks(path: Path, fmt: TraceFormat | None = None, bad: BadLines | None = None,
                max_lines: int | None = None) -> Iterator[Chunk]:
    """The trace file as chunks: blocks of lines, or spans of one pretty-printed OTLP document."""
    bad = bad if bad is not None else BadLines()
    fmt = fmt or sniff_format(path)
    if fmt == "otlp" and not _is_jsonl_otlp(path):
        from parr.traces.otlp_stream import iter_document_spans

        yield from iter_document_spans(path, bad, max_lines)
        return
    yield from _limited_blocks(path, bad, max_lines)


def _limited_blocks(path: Path, bad: BadLines, max_lines: int | None) -> Iterator[Chunk]:
    for chunk in iter_line_blocks(path, bad):
        if max_lines is not None:
            lines = chunk.text.count(b"\n") + (0 if chunk.text.endswith(b"\n") else 1)
            last = chunk.first_line + lines - 1
            if chunk.first_line > max_lines:
                return
            if last > max_lines:
                keep = max_lines - chunk.first_line + 1
                parts = chunk.text.split(b"\n")[:keep]
                yield Chunk(b"\n".join(parts) + b"\n", chunk.first_line)
                return
        yield chunk


def _numbered_lines(chunk: Chunk) -> Iterator[tuple[int, bytes]]:
    """(line number, text) of the lines of a chunk that may hold a record.

    A block of mostly blank lines (a gzip of newlines inflates to a billion of them) is walked
    from one non-blank character to the next in C, not line by line in Python.
    """
    text = chunk.text
    if not text.strip():
        return
    newlines = text.count(b"\n")
    if newlines * 8 <= len(text):
        yield from enumerate(text.split(b"\n"), chunk.first_line)
        return
    number, counted, position = chunk.first_line, 0, 0
    while True:
        found = _NON_BLANK.search(text, position)
        if found is None:
            return
        start = text.rfind(b"\n", 0, found.start()) + 1
        end = text.find(b"\n", found.start())
        end = len(text) if end < 0 else end
        number += text.count(b"\n", counted, start)
        counted = start
        yield number, text[start:end]
        position = end


_NON_BLANK = re.compile(rb"[^\s]")


def iter_records(chunk: Chunk, bad: BadLines,
                 on_bad: Callable[[int, bytes], None] | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, parsed object) for each line of a `lines` chunk; blank lines are skipped and
    unparsable ones go to `bad` (and their text to `on_bad`, so lint can still scan it). Records
    are handed on one at a time, never kept: holding a block's worth of parsed dicts costs more
    than parsing them."""
    loads = orjson.loads
    for number, text in _numbered_lines(chunk):
        try:
            record = loads(text)
            if (text.count(b"[") + text.count(b"{") > MAX_JSON_DEPTH) and too_deep(text):
                bad.add(number, f"nested more than {MAX_JSON_DEPTH} levels deep")
                if on_bad is not None:
                    on_bad(number, text)
                continue
        except ValueError:
            if not text.strip():
                continue
            try:
                record = loads_line(text)
            except ValueError as exc:
                bad.add(number, decode_error(exc))
                if on_bad is not None:
                    on_bad(number, text)
                continue
        if record.__class__ is not dict:
            bad.add(number, "not a JSON object")
            if on_bad is not None:
                on_bad(number, text)
            continue
        yield number, record


def line_count(chunk: Chunk) -> int:
    text = chunk.text
    return text.count(b"\n") + (0 if text.endswith(b"\n") or not text else 1)


# ---- JSON Lines events ---------------------------------------------------------------------


def _num(value: Any) -> float | None:
    """A finite float, or None: NaN, infinities and numbers past float range read as absent."""
    if value.__class__ is float:
        return value if math.isfinite(value) else None  # type: ignore[no-any-return]
    if value.__class__ is int:
        return float(value) if -MAX_INT <= value <= MAX_INT else None  # type: ignore[operator]
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float, str)):
        try:
            number = float(value) if not isinstance(value, str) or len(value) <= 64 else math.nan
        except (ValueError, OverflowError):
            return None
        return number if math.isfinite(number) else None
    return None


def _int(value: Any) -> int | None:
    """An int within int64, or None."""
    if value.__class__ is int:
        return value if -MAX_INT <= value <= MAX_INT else None  # type: ignore[no-any-return,operator]
    if value.__class__ is str and len(value) <= 64:
        try:
            number = int(value)  # OTLP's int64 nanoseconds arrive as strings; float would round them
            return number if -MAX_INT <= number <= MAX_INT else None
        except ValueError:
            pass
    number = _num(value)
    return None if number is None or not -MAX_INT <= number <= MAX_INT else int(number)


def _str(value: Any) -> str | None:
    if value is None:
        return None
    return value if value.__class__ is str else str(value)


_EMPTY: dict[str, Any] = {}


def _retries(*places: dict[str, Any]) -> int | None:
    """How many times this call was retried, however the event records it: a count of retries
    (`retries`, `retry_count`), the number of this retry (`retry`, 0 for the first try), or the
    attempt (`attempt`, 1 for the first try). None when the event says nothing about retries."""
    for place in places:
        for key in ("retries", "retry_count", "retry", "attempt_retry"):
            value = _int(place.get(key))
            if value is not None:
                return max(value, 0)
        attempt = _int(place.get("attempt", place.get("attempt_number")))
        if attempt is not None:
            return max(attempt - 1, 0)
    return None


def event_from_jsonl(record: dict[str, Any], line: int) -> TraceEvent:
    get = record.get
    tool = get("tool_call")
    tool = tool if tool.__class__ is dict else _EMPTY
    policy = get("policy")
    policy = policy if policy.__class__ is dict else _EMPTY
    result = get("result")
    result = result if result.__class__ is dict else _EMPTY
    retrieval = get("retrieval")
    tokens = get("tokens")
    if tokens.__class__ is dict:
        input_tokens = _int(tokens.get("input", tokens.get("prompt", tokens.get("input_tokens"))))
        output_tokens = _int(tokens.get("output", tokens.get("completion", tokens.get("output_tokens"))))
    else:
        input_tokens = _int(get("input_tokens"))
        output_tokens = _int(get("output_tokens"))
    cost = get("cost_usd", get("cost"))
    if cost.__class__ is dict:
        cost = cost.get("usd", cost.get("total"))
    latency = get("latency_ms", get("duration_ms"))
    if latency is None:
        latency = result.get("latency_ms")
    error = result.get("error")
    doc_ids = retrieval.get("doc_ids") if retrieval.__class__ is dict else None
    retry = _retries(record, tool, result)
    environment = get("environment", get("env"))
    if environment is None:
        deployment = get("deployment")
        environment = deployment.get("environment") if deployment.__class__ is dict else None
    approval = get("approval")
    if approval is None:
        approval = tool.get("approval", policy.get("approval"))
    return TraceEvent(
        line=line,
        ts=_str(get("ts", get("timestamp"))),
        agent_id=_str(get("agent_id")),
        session_id=_str(get("session_id")),
        trace_id=_str(get("trace_id")),
        model=_str(get("model")),
        tool_name=_str(tool.get("name")),
        tool_call_id=_str(tool.get("id", tool.get("call_id"))),
        tool_args=tool.get("args", tool.get("arguments")),
        policy_decision=_str(policy.get("decision")),
        policy_rule=_str(policy.get("rule")),
        result_status=_str(result.get("status")),
        error=_str(error) if error else None,
        retry=retry,
        latency_ms=_num(latency),
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        cost=_num(cost),
        retrieval_ids=tuple(str(d) for d in doc_ids) if isinstance(doc_ids, list) else (),
        raw=record,
        environment=_str(environment) if environment.__class__ in (str, int) else None,
        approval=_approval_state(approval),
    )


# ---- OTLP events ---------------------------------------------------------------------------


def _attr_value(value: dict[str, Any]) -> Any:
    """An OTLP AnyValue as a Python value."""
    if not isinstance(value, dict):
        return None
    for key in ("stringValue", "boolValue", "intValue", "doubleValue"):
        if key in value:
            raw = value[key]
            if key == "intValue":
                return _int(raw) if not isinstance(raw, bool) else None
            if key == "doubleValue":
                return _num(raw)
            return raw
    if "bytesValue" in value:
        return _bytes_text(value["bytesValue"])
    if "arrayValue" in value:
        return [_attr_value(v) for v in (value["arrayValue"] or {}).get("values", []) or []]
    if "kvlistValue" in value:
        return {kv["key"]: _attr_value(kv.get("value", {})) for kv in (value["kvlistValue"] or {}).get("values", []) or []
                if isinstance(kv, dict) and "key" in kv}
    return None


MAX_BYTES_VALUE = 1024 * 1024  # base64 characters decoded from one bytesValue; past it the value reads as absent


def _bytes_text(value: Any) -> str | None:
    """An OTLP bytesValue (base64 in OTLP JSON) as text, so what it carries is read and scanned like any string."""
    import base64
    import binascii

    if value.__class__ is not str or len(value) > MAX_BYTES_VALUE:
        return None
    try:
        return base64.b64decode(value, validate=True).decode("utf-8", errors="replace")
    except (binascii.Error, ValueError):
        return None


def attributes(items: Any) -> dict[str, Any]:
    """OTLP KeyValue list → dict. String values (most of them) take the short path."""
    if items.__class__ is not list:
        return {}
    out: dict[str, Any] = {}
    for item in items:
        if item.__class__ is not dict:
            continue
        key = item.get("key")
        if key is None:
            continue
        value = item.get("value")
        if value.__class__ is dict and "stringValue" in value:
            out[key] = value["stringValue"]
        else:
            out[key] = _attr_value(value) if value is not None else None
    return out


_DAY_NS = 86_400 * 1_000_000_000
_day_cache: dict[int, str] = {}


def _nanos_to_iso(nanos: Any) -> str | None:
    """Nanoseconds since the epoch as ISO 8601 UTC; the date is looked up per day, the time is arithmetic."""
    number = _int(nanos)
    if not number or number < 0:
        return None
    day, rest = divmod(number, _DAY_NS)
    date = _day_cache.get(day)
    if date is None:
        try:
            date = (dt.date(1970, 1, 1) + dt.timedelta(days=day)).isoformat()
        except OverflowError:
            return None
        if len(_day_cache) > 10_000:
            _day_cache.clear()
        _day_cache[day] = date
    seconds, nanos_left = divmod(rest, 1_000_000_000)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    fraction = f".{nanos_left // 1000:06d}" if nanos_left else ""
    return f"{date}T{hours:02d}:{minutes:02d}:{seconds:02d}{fraction}Z"


def event_from_span(span: dict[str, Any], resource: dict[str, Any], line: int, path: str) -> TraceEvent:
    """One OTLP span as a TraceEvent, read by the vocabulary it carries (parr.traces.formats)."""
    from parr.traces.formats import read_span

    attrs = attributes(span.get("attributes"))
    fields = read_span(attrs)
    status = span.get("status")
    if status.__class__ is not dict:
        status = _EMPTY
    start, end = _int(span.get("startTimeUnixNano")), _int(span.get("endTimeUnixNano"))
    code = status.get("code")
    error_type = fields.error_type
    failed = code in (2, "STATUS_CODE_ERROR") or error_type
    tool_name = fields.tool_name
    return TraceEvent(
        line=line,
        ts=_nanos_to_iso(start),
        agent_id=fields.agent_id or _str(resource.get("service.name")),
        session_id=fields.session_id,
        trace_id=_str(span.get("traceId")),
        model=fields.model,
        tool_name=tool_name,
        tool_call_id=fields.tool_call_id,
        tool_args=fields.tool_args,
        policy_decision=fields.policy_decision,
        policy_rule=fields.policy_rule,
        result_status="error" if failed else ("ok" if code in (1, "STATUS_CODE_OK") or tool_name else None),
        error=_str(error_type or status.get("message")) if failed else None,
        retry=fields.retry,
        latency_ms=(end - start) / 1e6 if start and end else None,
        input_tokens=fields.input_tokens,
        output_tokens=fields.output_tokens,
        cost=fields.cost,
        raw=span,
        path=path,
        operation=fields.operation,
        attributes=attrs,
        environment=_str(_first_of(attrs, resource, _ENVIRONMENT_KEYS)),
        approval=_approval_state(_otlp_approval(attrs)),
    )


# deployment.environment.name is the current semantic convention; deployment.environment the older one.
_ENVIRONMENT_KEYS = ("deployment.environment.name", "deployment.environment")


def _first_of(attrs: dict[str, Any], resource: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for source in (attrs, resource):
        for key in keys:
            value = source.get(key)
            if value.__class__ is str and value:
                return value
    return None


def _otlp_approval(attrs: dict[str, Any]) -> Any:
    """approval.status / approval.approved_by span attributes as the same record a JSON Lines event holds."""
    found = {key[9:]: value for key, value in attrs.items() if key.startswith("approval.")}
    return found or None


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def events_from_otlp(document: dict[str, Any], line: int) -> Iterator[TraceEvent]:
    for r_index, resource_spans in enumerate(_dicts(document.get("resourceSpans"))):
        resource_block = resource_spans.get("resource")
        resource = attributes(resource_block.get("attributes")) if isinstance(resource_block, dict) else {}
        for s_index, scope_spans in enumerate(_dicts(resource_spans.get("scopeSpans"))):
            for index, span in enumerate(_dicts(scope_spans.get("spans"))):
                yield event_from_span(span, resource, line, f"resourceSpans[{r_index}].scopeSpans[{s_index}].spans[{index}]")


def _record_events(record: dict[str, Any], line: int, fmt: TraceFormat) -> Iterator[TraceEvent]:
    """The events of one parsed record of a record format: itself, or each item of its `data` list."""
    from parr.traces.formats import record_reader

    reader = record_reader(fmt)
    assert reader is not None
    data = record.get("data")
    if data.__class__ is list:
        for item in data:
            if item.__class__ is dict:
                yield reader(item, line)
        return
    yield reader(record, line)


def events_from_record(record: dict[str, Any], line: int, fmt: TraceFormat) -> Iterator[TraceEvent]:
    """The events of one parsed line: one seed-shaped event, every span of an OTLP export request,
    or the Langfuse observations or LangSmith runs it holds."""
    if fmt == "otlp" or "resourceSpans" in record:
        yield from events_from_otlp(record, line)
    elif fmt in RECORD_FORMATS:
        yield from _record_events(record, line, fmt)
    else:
        yield event_from_jsonl(record, line)


def events_from_chunk(chunk: Chunk, bad: BadLines, fmt: TraceFormat) -> Iterator[TraceEvent]:
    if chunk.kind == "resource":
        return  # no event: only lint reads it (for values the resource attributes carry)
    if chunk.kind == "span":
        try:
            span = loads_line(chunk.text)
        except ValueError as exc:
            bad.add(chunk.first_line, decode_error(exc))
            return
        if isinstance(span, dict):
            yield event_from_span(span, chunk.resource or {}, chunk.first_line, chunk.path)
        return
    if fmt == "otlp":
        for number, record in iter_records(chunk, bad):
            yield from events_from_otlp(record, number)
        return
    if fmt in RECORD_FORMATS:
        for number, record in iter_records(chunk, bad):
            yield from _record_events(record, number, fmt)
        return
    for number, record in iter_records(chunk, bad):
        if "resourceSpans" in record:
            yield from events_from_otlp(record, number)
        else:
            yield event_from_jsonl(record, number)


def iter_events(path: Path, fmt: TraceFormat | None = None, bad: list[BadLine] | None = None,
                max_lines: int | None = None) -> Iterator[TraceEvent]:
    """Stream the events of a trace file. Unparsable lines go to `bad` (if given) and never stop it."""
    fmt = fmt or sniff_format(path)
    sink = BadLines(keep=1 << 62, sink=bad) if bad is not None else BadLines(keep=0)
    for chunk in iter_chunks(path, fmt, sink, max_lines):
        yield from events_from_chunk(chunk, sink, fmt)
