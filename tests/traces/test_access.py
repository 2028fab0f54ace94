"""`parr traces review`: every access finding kind and its near misses, in JSON Lines and OTLP, as data."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml
from markdown_it import MarkdownIt
from click.testing import CliRunner

from parr.manifest.loader import load_manifest
from parr.traces.access import AccessCollector, Grants, review_files
from parr.traces.access_report import REVIEW_RENDERERS, ReviewFormat, review_document
from parr.traces.commands import traces
from parr.traces.events import iter_events
from tests.traces.tracegen import otlp_request, span, write_jsonl

HERE = Path(__file__).parent / "fixtures" / "access"
MANIFEST = HERE / "parr.yaml"
TRACE = HERE / "review.jsonl"
EXPECTED = yaml.safe_load((HERE / "expected.yaml").read_text())
SCHEMA = json.loads((Path(__file__).parents[2] / "parr" / "schemas" / "traces-review-v1.schema.json").read_text())


def _grants() -> Grants:
    return Grants.from_manifest(load_manifest(MANIFEST).manifest)


def _review(path: Path = TRACE) -> dict:
    return review_document(review_files([(path, path.name)], _grants()))


def test_every_finding_kind_as_expected() -> None:
    document = _review()
    jsonschema.validate(document, SCHEMA)
    found = [{k: f[k] for k in ("kind", "tool", "environment", "count", "first_seen", "last_seen", "examples", "line")}
             for f in document["findings"]]
    expected = sorted(EXPECTED["findings"], key=lambda f: (f["kind"], f["tool"]))
    assert sorted(found, key=lambda f: (f["kind"], f["tool"])) == expected
    keys = ("kind", "tool", "environment", "access", "manifest_path")
    unused = sorted(tuple(u.get(k) for k in keys) for u in document["unused"])
    assert unused == sorted(tuple(e.get(k) for k in keys) for e in EXPECTED["unused"])
    assert document["period"] == EXPECTED["period"]
    assert document["tool_calls"] == EXPECTED["tool_calls"]
    assert document["calls_without_environment"] == EXPECTED["calls_without_environment"]
    assert document["failed"] is True


def test_cli_exit_codes_and_formats(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(traces, ["review", str(TRACE), "--manifest", str(MANIFEST), "--format", "json"])
    assert result.exit_code == 1, result.output
    jsonschema.validate(json.loads(result.output), SCHEMA)
    # Only the mutation finding: shown, but the review does not fail on it.
    record = json.loads(TRACE.read_text().splitlines()[5])
    clean = write_jsonl(tmp_path / "mutation.jsonl", [{**record, "environment": "production"}])
    result = runner.invoke(traces, ["review", str(clean), "--manifest", str(MANIFEST)])
    assert result.exit_code == 0, result.output
    assert "mutation-without-approval" in result.output and "outside-environment" not in result.output
    assert "mutations to review" in result.output
    result = runner.invoke(traces, ["review", str(TRACE), "--manifest", str(MANIFEST), "--format", "markdown"])
    assert result.exit_code == 1 and "## Calls outside the grants" in result.output
    assert "| **undeclared-tool** | `delete_customer` | production | 2 |" in result.output


def test_cli_needs_a_manifest_and_events(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(traces, ["review", str(TRACE)])
    assert result.exit_code == 2 and "pass --manifest FILE" in result.output
    empty = tmp_path / "empty.jsonl"
    empty.write_text("not json\n")
    result = runner.invoke(traces, ["review", str(empty), "--manifest", str(MANIFEST)])
    assert result.exit_code == 2 and "no trace event could be read" in result.output


def test_no_environment_recorded_is_said_not_judged(tmp_path: Path) -> None:
    records = [json.loads(line) for line in TRACE.read_text().splitlines()]
    for record in records:
        record.pop("environment", None)
    path = write_jsonl(tmp_path / "noenv.jsonl", records)
    document = _review(path)
    assert not [f for f in document["findings"] if f["kind"] == "outside-environment"]
    assert not [u for u in document["unused"] if u["kind"] == "unused-environment"]
    assert document["calls_without_environment"] == 10
    table = REVIEW_RENDERERS[ReviewFormat.TABLE](review_files([(path, "noenv.jsonl")], _grants()), False)
    assert "10 of 10 tool call(s) record no environment" in table


def test_otlp_spans_environment_and_approval(tmp_path: Path) -> None:
    # The same kinds from OTLP: environment from the resource (current and older attribute names),
    # the decision from policy.decision, an approval from approval.* attributes.
    spans = [
        span(0, tool="get_charge", attrs={"policy.decision": "allow"}),
        span(1, tool="delete_customer"),
        span(2, tool="close_case", attrs={"policy.decision": "not_evaluated"}),
        span(3, tool="close_case", attrs={"policy.decision": "not_evaluated", "approval.approved_by": "sha256:ab12"}),
        span(4, tool="issue_refund", attrs={"policy.decision": "deny"}),
        span(5, tool="issue_refund", attrs={"policy.decision": "deny"}, error=True),
    ]
    request = otlp_request(spans)
    request["resourceSpans"][0]["resource"]["attributes"].append(
        {"key": "deployment.environment", "value": {"stringValue": "production"}})
    path = write_jsonl(tmp_path / "spans.jsonl", [request])
    assert {e.environment for e in iter_events(path)} == {"production"}
    kinds = {(f["kind"], f["tool"], f["count"]) for f in _review(path)["findings"]}
    assert kinds == {("undeclared-tool", "delete_customer", 1), ("mutation-without-approval", "close_case", 1),
                     ("denied-but-ran", "issue_refund", 1)}


def test_shards_merge_to_the_whole(tmp_path: Path) -> None:
    lines = TRACE.read_text().splitlines(keepends=True)
    whole = AccessCollector(_grants())
    for event in iter_events(TRACE):
        whole.add(event)
    merged = AccessCollector(_grants())
    for index, start in enumerate(range(0, len(lines), 3)):
        shard = tmp_path / f"shard{index}.jsonl"
        shard.write_text("".join(lines[start:start + 3]))
        part = AccessCollector(_grants())
        for event in iter_events(shard):
            part.add(event)
        # through the summary form, as `--save-summary` and `merge` would
        merged.merge(AccessCollector.from_dict(_grants(), json.loads(json.dumps(part.to_dict()))))
    strip = lambda d: {**d, "findings": [{**f, "line": 0, "file": ""} for f in d["findings"]]}  # noqa: E731
    assert strip(review_document(merged.finish(["x"]))) == strip(review_document(whole.finish(["x"])))


def test_trace_values_are_escaped_in_markdown(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "hostile.jsonl", [
        {"ts": "2026-11-20T03:14:22Z", "trace_id": "t|<!--", "environment": "production",
         "tool_call": {"name": "x` | <!-- hidden"}, "result": {"status": "ok"}}])
    text = REVIEW_RENDERERS[ReviewFormat.MARKDOWN](review_files([(path, "hostile.jsonl")], _grants()), False)
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    flat = [t for block in tokens for t in [block, *(block.children or [])]]
    assert not [t for t in flat if t.type.startswith("html")]
    # Every row keeps its table's column count: no `|` from the trace split a cell.
    widths, row = [], 0
    for token in tokens:
        if token.type == "tr_open":
            row = 0
        elif token.type in ("th_open", "td_open"):
            row += 1
        elif token.type == "tr_close":
            widths.append(row)
        elif token.type == "table_close":
            assert len(set(widths)) == 1, widths
            widths = []
    assert "x\\` \\| &lt;!-- hidden" in text or "``x` \\| <!-- hidden``" in text
