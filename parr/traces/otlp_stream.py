"""Spans of one pretty-printed OTLP JSON document, cut out one at a time so memory stays flat."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from parr.traces import events
from parr.traces.events import (
    MAX_LINE_BYTES,
    BadLines,
    Chunk,
    attributes,
    decode_error,
    loads_line,
    open_binary,
)

# A whole string (unrolled loop: fast on long strings), a lone quote (a string cut by the end of
# the buffer), or one structural character. Numbers, literals and whitespace are skipped by search.
_TOKEN = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|"|[{}\[\],:]')
_SPAN_DEPTH = 6  # root{ resourceSpans[ {scopeSpans[ {spans[ -> a span object opens at this depth
_RESOURCE_DEPTH = 3


class _Frame:
    __slots__ = ("brace", "expect_key", "index", "key")

    def __init__(self, brace: bool) -> None:
        self.brace = brace
        self.key: str | None = None
        self.index = 0
        self.expect_key = brace

    @property
    def at(self) -> str | int | None:
        return self.key if self.brace else self.index


def iter_document_spans(path: Path, bad: BadLines, max_lines: int | None = None) -> Iterator[Chunk]:
    """Each span under resourceSpans[i].scopeSpans[j].spans[k] as a `span` chunk, with its first line;
    each resource block as a `resource` chunk (its attributes also ride on the spans' chunks)."""
    stack: list[_Frame] = []
    resources: dict[int, dict[str, Any]] = {}
    buf = b""
    pos = 0
    line = 1
    counted = 0  # newlines in buf[:counted] are already in `line`
    capture_start = -1
    capture_depth = 0
    capture_line = 0
    capture_kind = ""
    eof = False
    saw_resource_spans = False
    with open_binary(path) as stream:
        while True:
            match = _TOKEN.search(buf, pos)
            incomplete = match is None or match.end() == len(buf) or match.group() == b'"'
            if incomplete and not eof:
                keep_from = capture_start if capture_start >= 0 else (match.start() if match else len(buf))
                line += buf.count(b"\n", counted, keep_from)
                buf, pos, counted = buf[keep_from:], (match.start() if match else len(buf)) - keep_from, 0
                if capture_start >= 0:
                    capture_start = 0
                    if len(buf) > MAX_LINE_BYTES:
                        bad.add(capture_line, f"span larger than {MAX_LINE_BYTES // (1024 * 1024)} MiB")
                        return
                piece = stream.read(events.BLOCK_SIZE)
                if piece:
                    buf += piece
                else:
                    eof = True
                continue
            if match is None:
                break
            token = match.group()
            pos = match.end()
            if token == b'"' and match.end() == len(buf):
                bad.add(line + buf.count(b"\n", counted, match.start()), "not JSON: a string is never closed")
                return
            first = token[0]
            if first == 0x22:  # a string: a key when the enclosing object expects one
                top = stack[-1] if stack else None
                if top is not None and top.brace and top.expect_key:
                    top.key = token[1:-1].decode("utf-8", errors="replace")
                    top.expect_key = False
                    if len(stack) == 1 and top.key == "resourceSpans":
                        saw_resource_spans = True
            elif first == 0x7B:  # {
                depth = len(stack)
                if capture_start < 0 and depth in (_SPAN_DEPTH, _RESOURCE_DEPTH):
                    kind = _capture_kind(stack)
                    if kind:
                        line += buf.count(b"\n", counted, match.start())
                        counted = match.start()
                        if max_lines is not None and line > max_lines:
                            return
                        capture_start, capture_depth, capture_line, capture_kind = match.start(), depth, line, kind
                stack.append(_Frame(True))
            elif first == 0x5B:  # [
                stack.append(_Frame(False))
            elif first in (0x7D, 0x5D):  # } ]
                if not stack:
                    bad.add(line + buf.count(b"\n", counted, match.start()), "not JSON: unbalanced brackets")
                    return
                stack.pop()
                if capture_start >= 0 and first == 0x7D and len(stack) == capture_depth:
                    text = buf[capture_start : match.end()]
                    capture_start = -1
                    chunk = _finish(text, capture_kind, capture_line, stack, resources, bad)
                    if chunk is not None:
                        yield chunk
            elif first == 0x2C and stack:  # ,
                top = stack[-1]
                if top.brace:
                    top.expect_key = True
                else:
                    top.index += 1
    if stack:
        bad.add(line + buf.count(b"\n", counted, len(buf)), "not JSON: the document ends early")
    elif not saw_resource_spans:
        bad.add(1, "neither JSON Lines nor an OTLP document: the object holds no resourceSpans")


def _capture_kind(stack: list[_Frame]) -> str:
    path = [frame.at for frame in stack]
    if len(path) == _SPAN_DEPTH and path[0] == "resourceSpans" and path[2] == "scopeSpans" and path[4] == "spans":
        return "span"
    if len(path) == _RESOURCE_DEPTH and path[0] == "resourceSpans" and path[2] == "resource":
        return "resource"
    return ""


def _finish(text: bytes, kind: str, line: int, stack: list[_Frame], resources: dict[int, dict[str, Any]],
            bad: BadLines) -> Chunk | None:
    resource_index = stack[1].index if len(stack) > 1 else 0
    if kind == "resource":
        try:
            parsed = loads_line(text)
        except ValueError as exc:
            bad.add(line, decode_error(exc))
            return None
        resources[resource_index] = attributes(parsed.get("attributes")) if isinstance(parsed, dict) else {}
        # Handed on too, so lint scans what the resource carries (a user.email on every span's resource).
        return Chunk(text, line, "resource", f"resourceSpans[{resource_index}].resource")
    path = f"resourceSpans[{resource_index}].scopeSpans[{stack[3].index}].spans[{stack[5].index}]"
    return Chunk(text, line, "span", path, resources.get(resource_index, {}))
