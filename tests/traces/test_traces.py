"""`parr traces lint|signals`: every kind of sensitive value and its near misses, both formats, malformed files, formats."""

from __future__ import annotations

import gzip
import json
import tracemalloc
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from parr.traces import events as events_module
from parr.traces.commands import traces
from parr.traces.events import iter_events, sniff_format
from parr.traces.lint import lint_file
from parr.traces.redaction import looks_redacted, luhn_ok, scan_text
from parr.traces.report import (
    LINT_RENDERERS,
    SIGNALS_RENDERERS,
    LintFormat,
    SignalsFormat,
)
from parr.traces.signals import SignalCollector, Thresholds, collect_from_files
from parr.traces.sketch import Quantiles
from tests.conftest import BASE, FIXTURES
from tests.traces.tracegen import (
    NEAR_MISSES,
    SENSITIVE,
    event,
    otlp_request,
    span,
    write_jsonl,
)

SARIF_SCHEMA = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text())
MANIFEST = BASE / "parr.yaml"


def _raw_forms(value: Any) -> list[str]:
    """How a sensitive value could show up in output: as written, JSON-escaped, and its digits alone."""
    text = str(value)
    forms = [text, json.dumps(text)[1:-1]]
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) >= 8:
        forms.append(digits)
    return [f for f in forms if len(f) >= 6]


def _assert_never_printed(output: str) -> None:
    for _, _, value in SENSITIVE:
        for form in _raw_forms(value):
            if form == "hunter2!":
                form = "hunter2"
            assert form not in output, f"a sensitive value leaked into the output: {form[:4]}…"


def _run(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(traces, args, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def leaky_jsonl(tmp_path: Path) -> Path:
    records: list[Any] = [event(0)]
    for i, (_, field, value) in enumerate(SENSITIVE, start=1):
        records.append(event(i, tool_call={"name": "crm.updateCase", "id": f"c{i}", "args": {field: value}}))
    records.append(event(len(records), tool_call={"name": "crm.getCase", "args": dict(NEAR_MISSES)}))
    return write_jsonl(tmp_path / "leaky.jsonl", records)


# ---- detectors -----------------------------------------------------------------------------


def test_luhn_and_near_misses() -> None:
    assert luhn_ok("4111111111111111") and not luhn_ok("4111111111111112")
    for field, value in NEAR_MISSES:
        assert scan_text(str(value)) == [], f"{field} is a near miss and must not be flagged"
    assert looks_redacted("****4242") and looks_redacted("sha256:9f86d081884c7d65") and not looks_redacted("jane@x.io")


@pytest.mark.parametrize("rule,field,value", SENSITIVE, ids=[f"{r}-{f}" for r, f, _ in SENSITIVE])
def test_each_kind_of_sensitive_value_is_found_with_line_and_field(tmp_path: Path, rule: str, field: str, value: Any) -> None:
    path = write_jsonl(tmp_path / "one.jsonl", [event(0), event(1, tool_call={"name": "t", "args": {field: value}})])
    result = lint_file(path)
    found = [f for f in result.findings if f.rule == rule]
    assert found, [(f.rule, f.field) for f in result.findings]
    assert found[0].line == 2 and found[0].field == f"tool_call.args.{field}"
    for form in _raw_forms(value):
        assert form not in found[0].message and form not in found[0].masked
    assert not [f for f in result.findings if f.rule.startswith("unredacted") and f.rule != rule]


def test_near_misses_in_a_trace_are_not_flagged(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "near.jsonl", [event(i, tool_call={"name": "t", "args": dict(NEAR_MISSES)}) for i in range(3)])
    result = lint_file(path)
    assert result.rule_counts() == {}, [(f.rule, f.field) for f in result.findings]


def test_document_bodies_where_ids_belong(tmp_path: Path) -> None:
    body = ("Duplicate charges are refunded within five business days when the second charge matches the first "
            "in amount and merchant, and the customer has not already disputed it with the card issuer.")
    path = write_jsonl(tmp_path / "bodies.jsonl", [
        event(0),
        event(1, retrieval={"index": "kb", "doc_ids": ["KB-1"], "chunks": [body]}),
        event(2, retrieval={"index": "kb", "doc_ids": [body]}),
        event(3, result={"status": "ok", "summary": body}),  # prose outside retrieval and body fields is not a document
    ])
    result = lint_file(path)
    bodies = [(f.line, f.field) for f in result.findings if f.rule == "raw-document-body"]
    assert bodies == [(2, "retrieval.chunks[0]"), (3, "retrieval.doc_ids[0]")]
    assert "Duplicate charges" not in json.dumps([f.message for f in result.findings])


def test_field_names_and_declared_redactions(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "names.jsonl", [
        event(0, customer={"email": "sha256:9f86d081884c7d659a2feaa0c55ad015"}),
        event(1, customer={"email": "jane at example"}),
        {**event(2), "jane.doe@example.com": "a key that is an address"},
    ])
    result = lint_file(path, redacted=["customer.email"])
    rules = sorted((f.line, f.rule, f.field) for f in result.findings)
    assert (2, "redacted-field-in-clear", "customer.email") in rules
    assert (3, "unredacted-email", "(top level) (a field name)") in rules
    assert all(line != 1 for line, _, _ in rules)


# ---- both formats ------------------------------------------------------------------------


def test_otlp_export_lines_are_read_as_genai_events(tmp_path: Path) -> None:
    spans = [span(0, op="chat", tool=None), span(1), span(2, error=True), span(3, attrs={"policy.decision": "deny"})]
    path = write_jsonl(tmp_path / "otlp.jsonl", [otlp_request(spans[:2]), otlp_request(spans[2:])], gz=True)
    assert sniff_format(path) == "otlp"
    got = list(iter_events(path))
    assert [e.line for e in got] == [1, 1, 2, 2]
    assert got[0].input_tokens == 900 and got[0].cost == 0.01 and got[0].session_id == "conv-1"
    assert got[1].tool_name == "crm.updateCase" and got[1].tool_call_id == "call_1" and got[1].latency_ms == 150.0
    assert got[2].is_error and got[3].is_denial
    assert got[1].agent_id == "support-triage-v3"
    assert got[3].path == "resourceSpans[0].scopeSpans[0].spans[1]"


def test_otlp_lint_names_span_attribute_and_line(tmp_path: Path) -> None:
    leaky = span(1, attrs={"gen_ai.tool.call.arguments": json.dumps({"to": "jane.doe@example.com", "card": "4111111111111111"}),
                           "user.phone": "5550132"})
    no_conversation = span(2, conversation=None)
    path = write_jsonl(tmp_path / "otlp.jsonl", [otlp_request([span(0)]), otlp_request([leaky, no_conversation])])
    result = lint_file(path)
    found = {(f.rule, f.line, f.field) for f in result.findings}
    prefix = "resourceSpans[0].scopeSpans[0].spans[0]"
    assert ("unredacted-email", 2, f'{prefix}.attributes["gen_ai.tool.call.arguments"].to') in found
    assert ("unredacted-payment-card", 2, f'{prefix}.attributes["gen_ai.tool.call.arguments"].card') in found
    assert ("unredacted-phone", 2, f'{prefix}.attributes["user.phone"]') in found
    assert result.missing == {"session_id (gen_ai.conversation.id)": 1}
    assert result.events == 3


@pytest.mark.parametrize("gz", [False, True])
def test_pretty_printed_otlp_document_streams_span_by_span(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gz: bool) -> None:
    monkeypatch.setattr(events_module, "BLOCK_SIZE", 256)  # force spans to straddle reads
    leaky = span(5, attrs={"customer.email": "jane.doe@example.com"})
    document = otlp_request([span(i) for i in range(5)] + [leaky])
    text = json.dumps(document, indent=2)
    path = tmp_path / ("export.json.gz" if gz else "export.json")
    path.write_bytes(gzip.compress(text.encode()) if gz else text.encode())
    got = list(iter_events(path))
    assert len(got) == 6 and got[0].agent_id == "support-triage-v3"
    lines = text.splitlines()
    assert all(lines[e.line - 1].strip() == "{" for e in got)
    result = lint_file(path)
    [finding] = [f for f in result.findings if f.rule == "unredacted-email"]
    assert finding.line == got[5].line and finding.field.endswith('spans[5].attributes["customer.email"]')


def test_pretty_printed_json_that_is_not_otlp_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "pretty.json"
    path.write_text(json.dumps(event(0), indent=2) + "\n")
    result = lint_file(path)
    assert result.events == 0 and [b.line for b in result.bad.items] == [1]
    assert "no resourceSpans" in result.bad.items[0].message


def test_gzip_jsonl_reads_like_plain(tmp_path: Path, leaky_jsonl: Path) -> None:
    gz = tmp_path / "leaky.jsonl.gz"
    gz.write_bytes(gzip.compress(leaky_jsonl.read_bytes()))
    assert lint_file(gz).rule_counts() == lint_file(leaky_jsonl).rule_counts()


# ---- malformed input ---------------------------------------------------------------------


def test_malformed_lines_are_counted_with_line_numbers_and_never_fatal(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl"
    lines = [json.dumps(event(0)), "", "{\"ts\": \"2026-04-10T03:00:00Z\", \"agent_id\": ", "[1, 2, 3]",
             "not json jane.doe@example.com", json.dumps(event(1)), "\x00\x01garbage", json.dumps(event(2))]
    path.write_bytes(("\n".join(lines)).encode() + b"\n\xff\xfe{\n" + json.dumps(event(3)).encode())
    result = lint_file(path)
    assert [b.line for b in result.bad.items] == [3, 4, 5, 7, 9]
    assert result.events == 4 and result.bad.count == 5
    assert all("jane" not in b.message for b in result.bad.items)
    code, out, err = _run(["lint", str(path), "--format", "json", "--manifest", str(MANIFEST)])
    assert code == 1 and err == ""
    document = json.loads(out)
    # An unparsable line is still scanned as text (issue 16): the address in it is found, masked.
    assert document["files"][0]["counts"] == {"unparsable-line": 5, "unredacted-email": 1}
    assert "jane" not in out


def test_lines_longer_than_a_block_and_oversized_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(events_module, "BLOCK_SIZE", 1024)
    monkeypatch.setattr(events_module, "MAX_LINE_BYTES", 64 * 1024)
    long_ok = event(1, retrieval={"index": "kb", "doc_ids": [f"KB-{i}" for i in range(3000)]})  # ~30 KiB
    too_long = event(2, retrieval={"index": "kb", "doc_ids": [f"KB-{i}" for i in range(20000)]})  # ~200 KiB
    path = write_jsonl(tmp_path / "long.jsonl", [event(0), long_ok, too_long, event(3, customer={"email": "jane.doe@example.com"})])
    result = lint_file(path)
    assert [b.line for b in result.bad.items] == [3] and result.bad.items[0].message.startswith("line longer than")
    assert result.events == 3
    [finding] = [f for f in result.findings if f.rule == "unredacted-email"]
    assert finding.line == 4


def test_bad_input_exits_2_with_one_sentence(tmp_path: Path) -> None:
    code, out, err = _run(["lint", str(tmp_path / "nope.jsonl")])
    assert code == 2 and out == "" and err.count("\n") == 1 and "nope.jsonl: no such trace file" in err
    trace = write_jsonl(tmp_path / "t.jsonl", [event(0)])
    bad_manifest = tmp_path / "parr.yaml"
    bad_manifest.write_text("apiVersion: parr/v1\nagent: {id: x}\nbudgets: {per_runn: 1}\n")
    code, _, err = _run(["signals", str(trace), "--manifest", str(bad_manifest)])
    assert code == 2 and "per_runn" in err and "Traceback" not in err
    code, _, err = _run(["lint", str(trace), "--manifest", str(tmp_path / "missing.yaml")])
    assert code == 2 and "no such manifest" in err
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(gzip.compress(("\n".join(json.dumps(event(i)) for i in range(2000))).encode())[:3000])
    code, _, err = _run(["lint", str(cut)])
    assert code == 2 and "cut.jsonl.gz: cannot read the trace file" in err and err.count("\n") == 1


# ---- lint output ---------------------------------------------------------------------------


def test_lint_formats_never_print_sensitive_values(leaky_jsonl: Path) -> None:
    for fmt in ("table", "json", "sarif"):
        code, out, err = _run(["lint", str(leaky_jsonl), "--format", fmt, "--no-color", "--manifest", str(MANIFEST)])
        assert code == 1 and err == ""
        _assert_never_printed(out)
    assert set(LINT_RENDERERS) == set(LintFormat)


def test_lint_sarif_validates_and_points_at_file_and_line(leaky_jsonl: Path) -> None:
    code, out, _ = _run(["lint", str(leaky_jsonl), "--format", "sarif"])
    assert code == 1
    document = json.loads(out)
    jsonschema.validate(document, SARIF_SCHEMA)
    run = document["runs"][0]
    rule_ids = {r["id"] for r in run["tool"]["driver"]["rules"]}
    expected = {rule for rule, _, _ in SENSITIVE}
    assert expected <= rule_ids
    first = run["results"][0]
    location = first["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"].endswith("leaky.jsonl")
    assert location["physicalLocation"]["region"]["startLine"] == 2
    assert location["logicalLocations"][0]["fullyQualifiedName"] == "tool_call.args.notify"


def test_lint_json_counts_every_finding_and_keeps_a_limit(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "many.jsonl", [event(i, policy=None) for i in range(50)])
    code, out, _ = _run(["lint", str(path), "--format", "json", "--max-findings", "10"])
    [entry] = json.loads(out)["files"]
    assert code == 1 and entry["counts"] == {"missing-field": 50} and len(entry["findings"]) == 10
    assert entry["missing_fields"] == {"policy": 50}


def test_clean_trace_exits_0_and_output_file(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "clean.jsonl", [event(i) for i in range(20)])
    report = tmp_path / "report.json"
    code, out, _ = _run(["lint", str(path), "--format", "json", "--output", str(report), "--manifest", str(BASE)])
    assert code == 0 and out == "" and json.loads(report.read_text())["clean"] is True


# ---- signals -------------------------------------------------------------------------------


def _signals_trace(tmp_path: Path) -> Path:
    records = []
    # 10 runs of 4 tool calls costing 0.01 each (0.04 per run); run 9 costs 0.60 (over the 0.5 cap)
    for run in range(10):
        for step in range(4):
            i = run * 4 + step
            records.append(event(i, session_id=f"run-{run}", cost=0.15 if run == 9 else 0.01,
                                 latency_ms=100.0 + step * 100,
                                 tool_call={"name": "crm.getCase" if step % 2 else "crm.updateCase", "id": f"c{i}"}))
    records[1]["result"] = {"status": "error", "error": "503"}
    records[2]["policy"] = {"decision": "deny", "rule": "no_prod_writes"}
    # run 3: one call retried five times (limit 3)
    records += [event(100 + k, session_id="run-3", retry=k + 1, cost=0.0, tool_call={"name": "crm.updateCase", "id": "c12"})
                for k in range(5)]
    return write_jsonl(tmp_path / "signals.jsonl", records)


def test_signals_against_the_manifest(tmp_path: Path) -> None:
    path = _signals_trace(tmp_path)
    manifest = yaml.safe_load(MANIFEST.read_text())
    from parr.manifest.models import Manifest

    report = collect_from_files([(path, "signals.jsonl")], Thresholds.from_manifest(Manifest.model_validate(manifest)))
    get = report.signal
    assert get("runs").numbers["runs"] == 10
    assert get("tool_calls").numbers["tool_calls"] == 45
    assert get("tool_error_rate").numbers["count"] == 1 and get("tool_error_rate").mark == "ok"
    assert get("denial_rate").numbers["rate"] == pytest.approx(1 / 45)
    retries = get("retries_per_run")
    assert retries.mark == "breach" and retries.numbers["runaway_runs"] == 1 and retries.numbers["max"] == 5
    assert retries.numbers["examples"][0]["run"] == "run-3"
    cost = get("cost_per_run")
    assert cost.mark == "breach" and cost.numbers["runs_over_cap"] == 1
    assert cost.numbers["max"] == pytest.approx(0.6) and cost.numbers["p50"] == pytest.approx(0.04)
    assert get("daily_spend").mark == "ok" and get("daily_spend").numbers["days"] == {"2026-04-10": pytest.approx(0.96)}
    latency = get("latency")
    assert latency.numbers["p50"] == 200.0 and latency.numbers["p95"] == 400.0 and latency.mark == "ok"
    tools = {t.tool: t for t in report.tools}
    assert tools["crm.getCase"].errors == 1 and tools["crm.updateCase"].retries == 5
    assert tools["crm.getCase"].declared is False
    assert report.breached


def test_signals_cli_formats_and_exit_codes(tmp_path: Path) -> None:
    path = _signals_trace(tmp_path)
    code, out, _ = _run(["signals", str(path), "--format", "json", "--manifest", str(BASE)])
    document = json.loads(out)
    assert code == 1 and document["breached"] is True
    marks = {s["name"]: s["mark"] for s in document["scopes"][0]["signals"]}
    assert marks["cost_per_run"] == "breach" and marks["retries_per_run"] == "breach"
    code, out, _ = _run(["signals", str(path), "--format", "markdown", "--manifest", str(BASE)])
    assert out.startswith("# Trace signals") and "| cost per run |" in out and "**breach**" in out
    code, out, _ = _run(["signals", str(path), "--no-color", "--manifest", str(BASE)])
    assert "thresholds breached" in out and "\x1b[" not in out
    calm = write_jsonl(tmp_path / "calm.jsonl", [event(i) for i in range(40)])
    code, out, _ = _run(["signals", str(calm), "--format", "json", "--manifest", str(BASE)])
    assert code == 0 and json.loads(out)["breached"] is False
    assert set(SIGNALS_RENDERERS) == set(SignalsFormat)


def test_signals_per_agent_and_otlp(tmp_path: Path) -> None:
    spans = [span(i, conversation=f"conv-{i // 3}", error=i == 4) for i in range(9)] + [span(9, op="chat", tool=None)]
    path = write_jsonl(tmp_path / "otlp.jsonl", [otlp_request(spans[:5], "agent-a"), otlp_request(spans[5:], "agent-b")])
    report = collect_from_files([(path, "otlp.jsonl")], Thresholds())
    assert [s.scope for s in report.scopes] == ["overall", "agent-a", "agent-b"]
    assert report.signal("tool_calls").numbers["tool_calls"] == 9
    assert report.signal("tool_error_rate", "agent-a").numbers == {"count": 1, "of": 5, "rate": 0.2, "threshold": 0.05}
    assert report.signal("tool_error_rate", "agent-a").mark == "alert"
    assert report.signal("runs").numbers["runs"] == 3  # conv-1 spans both agents: still one run (issue 16)


def test_interleaved_runs_close_in_constant_memory() -> None:
    collector = SignalCollector(Thresholds(), max_open_runs=3)
    from parr.traces.events import TraceEvent

    for i in range(100):
        collector.add(TraceEvent(line=i + 1, agent_id="a", session_id=f"s{i % 5}", tool_name="t", cost=0.01))
        assert len(collector.open_runs) <= 3
    report = collector.finish()
    assert report.signal("runs").numbers["runs"] >= 5


def test_quantile_sketch_is_exact_small_and_close_large() -> None:
    small = Quantiles()
    for v in [5, 1, 4, 2, 3]:
        small.add(v)
    assert (small.quantile(0.5), small.quantile(0.95), small.max) == (3, 5, 5)
    large = Quantiles()
    for v in range(1, 200_001):
        large.add(float(v))
    assert large.quantile(0.5) == pytest.approx(100_000, rel=0.02)
    assert large.quantile(0.95) == pytest.approx(190_000, rel=0.02)
    assert len(large._buckets) < 2000


# ---- memory ------------------------------------------------------------------------------


def _peak(path: Path) -> int:
    tracemalloc.start()
    lint_file(path)
    collect_from_files([(path, path.name)], Thresholds())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def test_peak_memory_does_not_grow_with_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(events_module, "BLOCK_SIZE", 64 * 1024)
    line = json.dumps(event(0)) + "\n"
    small = tmp_path / "small.jsonl"
    big = tmp_path / "big.jsonl"
    # sessions repeat so open runs stay few: the file grows, the state does not
    small.write_text("".join(line.replace("sess-000000", f"sess-{i % 50}") for i in range(2_000)))
    big.write_text("".join(line.replace("sess-000000", f"sess-{i % 50}") for i in range(16_000)))
    assert big.stat().st_size > 7 * small.stat().st_size
    small_peak, big_peak = _peak(small), _peak(big)
    assert big_peak < small_peak * 1.5 + 256 * 1024, (small_peak, big_peak)


def test_signals_never_print_sensitive_ids(tmp_path: Path) -> None:
    records = [event(i, session_id="jane.doe@example.com", agent_id=agent, retry=i, cost=0.3,
                     tool_call={"name": "pay 4111 1111 1111 1111", "id": "c1"})
               for i, agent in enumerate(["a", "a", "a", "a", "a", "b"])]
    path = write_jsonl(tmp_path / "ids.jsonl", records)
    for fmt in ("json", "markdown", "table"):
        code, out, _ = _run(["signals", str(path), "--format", fmt, "--no-color", "--manifest", str(BASE)])
        assert code == 1
        assert "jane.doe" not in out and "4111 1111" not in out


def test_signals_on_a_file_with_no_events_is_bad_input(tmp_path):
    from click.testing import CliRunner

    from parr.cli import main

    path = tmp_path / "notes.txt"
    path.write_text("this is not a trace\nneither is this\n")
    result = CliRunner().invoke(main, ["traces", "signals", str(path)])
    assert result.exit_code == 2
    assert "no trace event could be read (2 unparsable line(s))" in result.stderr
