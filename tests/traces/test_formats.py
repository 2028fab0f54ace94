"""Every trace format teams export, read from a real-shaped fixture into the same events, as data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from parr.traces.commands import traces
from parr.traces.events import iter_events, sniff_format
from parr.traces.signals import SignalCollector, Thresholds

HERE = Path(__file__).parent / "fixtures" / "formats"
EXPECTED = yaml.safe_load((HERE / "expected.yaml").read_text())
FILES = sorted(EXPECTED["files"])


@pytest.mark.parametrize("name", FILES)
def test_each_format_reads_the_same_run(name: str) -> None:
    path = HERE / name
    want = {**EXPECTED["common"], **EXPECTED["files"][name]}
    assert sniff_format(path) == want["format"]
    events = list(iter_events(path))
    calls = [[e.tool_name, "error" if e.is_error else "ok"] for e in events if e.tool_name]
    assert calls == want["tool_calls"]
    refund = next(e for e in events if e.tool_name == "issue_refund")
    assert refund.tool_args == want["issue_refund_args"]
    assert refund.environment == want["environment"]
    assert all(e.latency_ms and e.latency_ms > 0 for e in events if e.tool_name)
    assert sum(e.input_tokens or 0 for e in events) == want["input_tokens"]
    assert sum(e.output_tokens or 0 for e in events) == want["output_tokens"]
    if want.get("cost") is not None:
        assert sum(e.cost or 0 for e in events) == pytest.approx(want["cost"])
    assert {e.session_id for e in events if e.session_id} == ({want["session"]} if want["session"] else set())
    collector = SignalCollector(Thresholds())
    for event in events:
        collector.add(event)
    report = collector.finish()
    assert report.overall.runs == want["runs"], "chat and tool calls are one run"
    assert report.overall.tool_errors == 1 and report.overall.tool_calls == 2


@pytest.mark.parametrize("name", FILES)
def test_review_and_signals_read_each_format(name: str, tmp_path: Path) -> None:
    manifest = tmp_path / "parr.yaml"
    manifest.write_text("apiVersion: parr/v1\nagent: {id: refunds-assistant}\npermissions:\n  tools:\n"
                        "    - {name: get_charge, access: read, environments: [production]}\n")
    runner = CliRunner()
    result = runner.invoke(traces, ["review", str(HERE / name), "--manifest", str(manifest), "--format", "json"])
    assert result.exit_code == 1, result.output
    [finding] = json.loads(result.output)["findings"]
    assert (finding["kind"], finding["tool"], finding["environment"], finding["count"]) == (
        "undeclared-tool", "issue_refund", "production", 1)
    result = runner.invoke(traces, ["signals", str(HERE / name), "--manifest", str(manifest), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    assert json.loads(result.output)["events"] >= 3


def test_chat_and_tool_spans_from_different_services_are_one_run() -> None:
    # The legacy fixture's chat span comes from service refunds-llm, its tool spans from refunds-tools.
    events = list(iter_events(HERE / "otel-genai-legacy.jsonl"))
    assert {e.agent_id for e in events} == {"refunds-llm", "refunds-tools"}
    collector = SignalCollector(Thresholds())
    for event in events:
        collector.add(event)
    assert collector.finish().overall.runs == 1


def test_lint_reads_exported_records_without_seed_field_noise(tmp_path: Path) -> None:
    runner = CliRunner()
    for name in ("langfuse.jsonl", "langsmith.jsonl"):
        result = runner.invoke(traces, ["lint", str(HERE / name), "--format", "json"])
        document = json.loads(result.output)
        [file] = document["files"]
        assert file["format"] == name.split(".")[0] and file["events"] == 3
        assert file["sensitive_values"] == 0, file["findings"]


def test_seed_event_schema_describes_the_examples() -> None:
    import jsonschema

    root = Path(__file__).parents[2]
    schema = json.loads((root / "parr" / "schemas" / "trace-event-v1.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    samples = [root / "examples" / "billing-mcp" / "traces" / "sample.jsonl",
               root / "examples" / "support-triage" / "traces" / "sample.jsonl",
               root / "tests" / "fixtures" / "check_base" / "traces" / "sample.jsonl",
               Path(__file__).parent / "fixtures" / "access" / "review.jsonl"]
    for sample in samples:
        for line in sample.read_text().splitlines():
            jsonschema.validate(json.loads(line), schema)
    assert {"environment", "approval", "retries", "attempt", "retry"} <= set(schema["properties"])
