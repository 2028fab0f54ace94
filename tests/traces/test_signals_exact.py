"""Signals that are exact: retries however recorded, "no retry data" rather than 0, the manifest's own alert numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from parr.traces.commands import traces
from parr.traces.signals import SignalCollector, Thresholds, _threshold_number, collect_from_files
from tests.traces.tracegen import event, write_jsonl


def _retries(tmp_path: Path, records: list[dict]) -> dict:
    path = write_jsonl(tmp_path / "t.jsonl", records)
    report = collect_from_files([(path, "t.jsonl")], Thresholds())
    signal = report.signal("retries_per_run")
    assert signal is not None
    return {"value": signal.value, "mark": signal.mark, **signal.numbers}


@pytest.mark.parametrize("field", [{"retries": 3}, {"retry_count": 3}, {"retry": 3}, {"attempt": 4}])
def test_one_call_retried_three_times_however_recorded(tmp_path: Path, field: dict) -> None:
    base = event(0, session_id="s-1")
    base["tool_call"].pop("id")
    numbers = _retries(tmp_path, [{**base, **field}])
    assert numbers["max"] == 3 and numbers["retry_data"] == 1


def test_repeated_call_ids_are_retries(tmp_path: Path) -> None:
    records = [event(0, session_id="s-1"), event(1, session_id="s-1"), event(2, session_id="s-1")]
    for record in records:
        record["tool_call"]["id"] = "call-1"
    assert _retries(tmp_path, records)["max"] == 2


def test_no_retry_data_is_said_not_zero(tmp_path: Path) -> None:
    records = [event(i, session_id="s-1") for i in range(3)]
    for record in records:
        record["tool_call"].pop("id")
    numbers = _retries(tmp_path, records)
    assert numbers["mark"] == "n/a" and numbers["value"].startswith("no retry data")
    assert numbers["max"] is None and numbers["retry_data"] == 0


def test_threshold_texts() -> None:
    assert _threshold_number("> 2,000 USD", rate=False) == 2000
    assert _threshold_number("5%", rate=True) == 0.05
    assert _threshold_number(">= 0.5", rate=False) == 0.5
    assert _threshold_number("> 10 denials in 15 min", rate=True) is None
    assert _threshold_number("nan", rate=False) is None


MANIFEST = """apiVersion: parr/v1
agent: {id: support-triage-v3}
observability:
  alerts:
    - {signal: cost_per_run_usd, threshold: 0.02, route: "pagerduty:x"}
    - {signal: refund_spend_per_day, threshold: "> 2,000 USD", route: "slack:#x"}
    - {signal: runaway_retries, threshold: 2, route: "pagerduty:x"}
budgets: {per_run: 1.0, alert_threshold: 0.8}
"""


def test_explicit_alerts_are_used_and_breach_exits_1(tmp_path: Path) -> None:
    manifest = tmp_path / "parr.yaml"
    manifest.write_text(MANIFEST)
    from parr.manifest.loader import load_manifest

    thresholds = Thresholds.from_manifest(load_manifest(manifest).manifest)
    assert thresholds.run_alert is not None and thresholds.run_alert.value == 0.02
    assert "cost_per_run_usd" in thresholds.run_alert.source
    assert thresholds.day_alert is None  # "refund_spend_per_day" is about refunds paid, not what the agent costs
    assert thresholds.max_retries is not None and thresholds.max_retries.value == 2
    # four events of one session at 0.01 each: 0.04 per run, over the 0.02 alert (below the 0.8 derived one)
    path = write_jsonl(tmp_path / "t.jsonl", [event(i) for i in range(4)])
    result = CliRunner().invoke(traces, ["signals", str(path), "--manifest", str(manifest), "--format", "json"])
    assert result.exit_code == 1, result.output
    cost = next(s for s in json.loads(result.output)["scopes"][0]["signals"] if s["name"] == "cost_per_run")
    assert cost["mark"] == "alert" and cost["alert_at"] == 0.02


def test_collector_attributes_early_tool_spans_to_the_conversation() -> None:
    # A tool span that names only its trace, seen before the chat span that names the conversation.
    from parr.traces.events import TraceEvent

    collector = SignalCollector(Thresholds())
    collector.add(TraceEvent(line=1, trace_id="t1", agent_id="tools-svc", tool_name="get_charge", cost=0.01))
    collector.add(TraceEvent(line=2, trace_id="t1", session_id="conv-1", agent_id="chat-svc", cost=0.02))
    collector.add(TraceEvent(line=3, trace_id="t2", session_id="conv-1", agent_id="chat-svc", cost=0.03))
    report = collector.finish()
    assert report.overall.runs == 1 and report.overall.cost_per_run.max == pytest.approx(0.06)
