"""Redaction a privacy reviewer trusts: every planted kind found with its detail, every near miss left alone, as data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from parr.traces.lint import lint_file
from tests.traces.tracegen import event, otlp_request, span, write_jsonl

CASES = yaml.safe_load((Path(__file__).parent / "fixtures" / "redaction" / "cases.yaml").read_text())


def _clean_event(i: int, **fields: object) -> dict:
    record = event(i)
    record["tool_call"]["args"] = dict(fields)
    return record


@pytest.mark.parametrize("case", CASES["planted"], ids=[f"{c['rule']}-{c['detail'] or c['value'][:12]}" for c in CASES["planted"]])
def test_planted_value_is_found(case: dict, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "t.jsonl", [_clean_event(0), _clean_event(1, **{case["field"]: case["value"]})])
    result = lint_file(path)
    found = [f for f in result.all_findings() if f.rule == case["rule"]]
    assert found, [(f.rule, f.field, f.message) for f in result.all_findings()]
    assert all(f.line == 2 for f in found)
    assert any(case["detail"] in f.message for f in found), [f.message for f in found]
    assert any(f.field == f"tool_call.args.{case['field']}" for f in found), [f.field for f in found]
    printed = json.dumps([[f.message, f.masked, f.field] for f in result.all_findings()])
    secret_part = case["value"].split("//")[-1].split("@")[0].split(":")[-1]
    assert len(secret_part) < 6 or secret_part not in printed, "the value itself must never be printed"


def test_near_misses_are_left_alone(tmp_path: Path) -> None:
    records = [_clean_event(i, **{case["field"]: case["value"]}) for i, case in enumerate(CASES["near_misses"])]
    result = lint_file(write_jsonl(tmp_path / "t.jsonl", records))
    flagged = [(f.line, f.field, f.message) for f in result.all_findings() if f.rule.startswith("unredacted")]
    assert flagged == []


def test_unparsable_lines_and_otlp_bytes_values_are_scanned(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps(_clean_event(0)) + "\n" + CASES["unparsable_line"] + "\n")
    result = lint_file(path)
    assert result.bad.count == 1
    [hit] = [f for f in result.all_findings() if f.rule == "unredacted-secret"]
    assert (hit.line, hit.field) == (2, "(unparsable line)")
    spans = [span(0, attrs={"note": "fine"})]
    spans[0]["attributes"].append({"key": "gen_ai.tool.call.result", "value": {"bytesValue": CASES["otlp_bytes_value"]}})
    path = write_jsonl(tmp_path / "spans.jsonl", [otlp_request(spans)])
    result = lint_file(path)
    [hit] = [f for f in result.all_findings() if f.rule == "unredacted-email"]
    assert "gen_ai.tool.call.result" in hit.field and "jane" not in hit.masked


def test_resource_attributes_of_a_pretty_printed_document_are_scanned(tmp_path: Path) -> None:
    # Found on held-out traces: a document's resource block (user.email on the resource) was parsed
    # for its attributes but never scanned; JSON Lines export requests were.
    request = otlp_request([span(0), span(1)])
    request["resourceSpans"][0]["resource"]["attributes"].append(
        {"key": "user.email", "value": {"stringValue": "jane.doe@example.com"}})
    for name, text in (("doc.json", json.dumps(request, indent=2)), ("lines.jsonl", json.dumps(request))):
        path = tmp_path / name
        path.write_text(text + "\n")
        [hit] = [f for f in lint_file(path).all_findings() if f.rule == "unredacted-email"]
        assert hit.field.endswith('resource.attributes["user.email"]'), hit.field
