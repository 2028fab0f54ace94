"""Hostile trace files: deep JSON, odd numbers, lone surrogates, gzip bombs, blank floods, no events.

One bad line is counted and skipped with its line number; it never aborts the file. A file with
no events is never clean. A gzip that inflates past its bound stops with one line naming the file.
"""

from __future__ import annotations

import json
import random
import time
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from parr.cli import main
from parr.traces import events as events_module
from parr.traces.events import iter_events
from parr.traces.lint import lint_file
from parr.traces.signals import Thresholds, collect_from_files

GOOD = {"ts": "2026-11-20T03:14:22Z", "agent_id": "a", "session_id": "s1", "model": "m",
        "tool_call": {"name": "get_charge", "args": {"id": "ch_1"}}, "policy": {"decision": "allow"},
        "result": {"status": "ok", "latency_ms": 120}, "cost_usd": 0.01, "tokens": {"input": 10, "output": 5}}

BAD_LINES = {
    "deep-array": b"[" * 5000 + b"]" * 5000,
    "deep-object-within-orjson": b'{"a":' * 900 + b"1" + b"}" * 900,
    "moderately-deep": b'{"tool_call": ' + b"[" * 70 + b"]" * 70 + b"}",
    "nan": b'{"cost_usd": NaN}',
    "infinity": b'{"latency_ms": -Infinity}',
    "float-overflow": b'{"latency_ms": 1e400}',
    "lone-surrogate": b'{"session_id": "\\ud800"}',
}


def _write(path: Path, *lines: bytes) -> Path:
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def _run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=True)


@pytest.mark.parametrize("name", sorted(BAD_LINES))
def test_one_bad_line_is_counted_with_its_number_and_the_rest_is_read(tmp_path: Path, name: str) -> None:
    good = json.dumps(GOOD).encode()
    path = _write(tmp_path / "t.jsonl", good, BAD_LINES[name], good)
    result = lint_file(path)
    assert (result.events, result.bad.count, [b.line for b in result.bad.items]) == (2, 1, [2])
    report = collect_from_files([(path, "t.jsonl")], Thresholds.from_manifest(None))
    assert (report.events, report.bad_lines) == (2, 1)
    cli = _run("traces", "lint", str(path), "--format", "json")
    assert cli.exit_code == 1 and cli.exception is None or isinstance(cli.exception, SystemExit)
    assert '"unparsable-line"' in cli.stdout


def test_a_clean_file_is_clean(tmp_path: Path) -> None:
    path = _write(tmp_path / "t.jsonl", json.dumps(GOOD).encode())
    assert _run("traces", "lint", str(path)).exit_code == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [("cost_usd", "nan"), ("cost_usd", "1e999"), ("latency_ms", "inf"), ("retry", "9" * 5000),
     ("retry", 2**70), ("latency_ms", 1e308 * 10 if False else 1.7e308), ("tokens", {"input": "9" * 30})],
)
def test_numbers_that_are_not_finite_or_fit_no_int64_read_as_absent(tmp_path: Path, field: str, value) -> None:
    record = {**GOOD, field: value}
    path = _write(tmp_path / "t.jsonl", json.dumps(record).encode())
    (event,) = list(iter_events(path))
    for number in (event.cost, event.latency_ms):
        assert number is None or (number == number and abs(number) != float("inf"))
    for number in (event.retry, event.input_tokens):
        assert number is None or abs(number) < 2**63
    assert _run("traces", "signals", str(path), "--format", "json").exit_code in (0, 1)


def test_otlp_numbers_out_of_range_read_as_absent(tmp_path: Path) -> None:
    span = {"traceId": "t", "startTimeUnixNano": "9" * 40, "endTimeUnixNano": "1" * 5000, "attributes": [
        {"key": "gen_ai.usage.input_tokens", "value": {"intValue": "9" * 5000}},
        {"key": "gen_ai.usage.cost", "value": {"doubleValue": "NaN"}},
        {"key": "gen_ai.tool.name", "value": {"stringValue": "x"}}]}
    path = _write(tmp_path / "o.jsonl", json.dumps({"resourceSpans": [{"scopeSpans": [{"spans": [span]}]}]}).encode())
    (event,) = list(iter_events(path))
    assert (event.ts, event.latency_ms, event.input_tokens, event.cost) == (None, None, None, None)


def _gzip_stream(pieces) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    return b"".join(compressor.compress(piece) for piece in pieces) + compressor.flush()


def test_a_gzip_bomb_stops_at_the_inflate_bound_with_one_line(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.jsonl.gz"
    bomb.write_bytes(_gzip_stream(b"\0" * (1 << 20) for _ in range(80)))  # 80 KB that inflate to 80 MiB
    assert bomb.stat().st_size < 200_000
    for command in ("lint", "signals"):
        started = time.monotonic()
        result = _run("traces", command, str(bomb))
        assert result.exit_code == 2 and time.monotonic() - started < 20
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and str(bomb) in lines[0] and "inflates to more than 64 MiB" in lines[0]


def test_a_real_large_gzip_within_the_ratio_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(events_module, "MIN_INFLATE_LIMIT", 1024)
    rng = random.Random(7)
    lines = [json.dumps({**GOOD, "session_id": f"s{rng.getrandbits(64):x}", "cost_usd": rng.random(),
                         "tool_call": {"name": "get_charge", "args": {"id": f"ch_{rng.getrandbits(48):x}"}}}).encode() + b"\n"
             for _ in range(2000)]
    path = tmp_path / "ok.jsonl.gz"
    path.write_bytes(_gzip_stream(lines))
    assert lint_file(path).events == 2000


def test_a_flood_of_blank_lines_is_fast_and_says_no_events(tmp_path: Path) -> None:
    flood = tmp_path / "blank.jsonl.gz"
    flood.write_bytes(_gzip_stream(b"\n" * (1 << 20) for _ in range(40)))
    started = time.monotonic()
    result = lint_file(flood)
    assert time.monotonic() - started < 10
    assert (result.events, result.lines, result.counts["no-events"]) == (0, 40 << 20, 1)


@pytest.mark.parametrize("content", [b"", b"\n\n   \n", b"[1, 2]\n\"x\"\n", b"[" * 3000 + b"]" * 3000 + b"\n"])
def test_a_file_without_events_is_never_clean(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "none.jsonl"
    path.write_bytes(content)
    lint = _run("traces", "lint", str(path))
    assert lint.exit_code == 1 and "no-events" in lint.stdout
    signals = _run("traces", "signals", str(path))
    assert signals.exit_code == 2 and "no trace event could be read" in signals.stderr


def test_a_runaway_line_is_capped_and_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(events_module, "MAX_LINE_BYTES", 64 * 1024)
    monkeypatch.setattr(events_module, "BLOCK_SIZE", 16 * 1024)
    path = _write(tmp_path / "long.jsonl", b'{"a": "' + b"x" * 300_000 + b'"}', json.dumps(GOOD).encode())
    result = lint_file(path)
    assert result.events == 1 and result.bad.items[0].line == 1 and "longer than" in result.bad.items[0].message


def test_deep_json_inside_a_string_value_is_scanned_as_text(tmp_path: Path) -> None:
    # Tool arguments often arrive as JSON in a string; the redaction scan parses them, boundedly.
    args = {"q": "[" * 50_000 + "]" * 50_000, "to": "jane.doe+refunds@example.co.uk"}
    path = _write(tmp_path / "t.jsonl", json.dumps({**GOOD, "tool_call": {"name": "send", "args": json.dumps(args)}}).encode())
    result = lint_file(path)
    assert (result.events, result.bad.count, result.counts["unredacted-email"]) == (1, 0, 1)


@pytest.mark.parametrize("threshold", ['"nan"', '"inf"', '"-inf%"'])
def test_a_threshold_that_is_not_a_finite_number_is_no_threshold(threshold: str) -> None:
    from parr.traces.signals import _threshold_number

    assert _threshold_number(json.loads(threshold), rate=True) is None
    assert _threshold_number("5%", rate=True) == 0.05


def test_signals_markdown_escapes_names_from_the_trace(tmp_path: Path) -> None:
    from markdown_it import MarkdownIt

    records = [{**GOOD, "agent_id": "agent<!--", "tool_call": {"name": "x`` ```\n# h", "args": {}}},
               {**GOOD, "agent_id": "ok", "tool_call": {"name": "get_charge", "args": {}}}]
    path = _write(tmp_path / "t.jsonl", *(json.dumps(r).encode() for r in records))
    result = _run("traces", "signals", str(path), "--format", "markdown")
    assert result.exit_code in (0, 1), result.output
    kinds = {t.type for t in MarkdownIt("commonmark").enable("table").parse(result.stdout)}
    assert not kinds & {"fence", "code_block", "html_block", "html_inline"}, kinds
    assert "## Per tool" in result.stdout and "get_charge" in result.stdout
