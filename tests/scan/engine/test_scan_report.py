"""Scan renderers: table (plain and coloured), JSON, and SARIF validated against the official 2.1.0 schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import parr
from parr.scan.model import ScanError, ScanResult, SkippedCounts, ToolRecord
from parr.formats.scan_report import ScanFormat, render_scan, summary_line

SARIF_SCHEMA = Path(__file__).resolve().parents[2] / "fixtures" / "sarif-schema-2.1.0.json"


def _tool(**overrides: Any) -> ToolRecord:
    fields: dict[str, Any] = {
        "name": "get_weather", "file": "agents/weather.py", "line": 12, "language": "python",
        "framework": "openai-agents", "style": "openai_agents.function_tool", "mutating": False,
        "typed": True, "schema": "type_hints",
    }
    fields.update(overrides)
    return ToolRecord(**fields)


@pytest.fixture
def result() -> ScanResult:
    return ScanResult(
        root="/repo",
        tools=(
            _tool(),
            _tool(name="send_email", line=30, mutating=True, gates=("needs_approval",), evidence=("name verb 'send'",)),
            _tool(name="run [sql]", file="web dir/db tools.ts", line=4, language="typescript", framework="langchainjs",
                  style="langchain.tool", mutating=True, typed=False, schema="zod", capabilities=("sql",)),
        ),
        files_scanned=7,
        errors=(ScanError(file="broken.py", line=3, message="invalid syntax"), ScanError(file="bin.py", message="not UTF-8")),
        skipped=SkippedCounts(ignored=4, too_large=1, binary=2, symlink_outside=1),
    )


def test_every_format_has_a_renderer(result: ScanResult) -> None:
    for fmt in ScanFormat:
        assert render_scan(result, fmt, color=False).endswith("\n")


def test_unknown_format_is_rejected(result: ScanResult) -> None:
    with pytest.raises(ValueError):
        render_scan(result, "xml", color=False)


def test_table_groups_tools_by_file_and_ends_with_a_summary(result: ScanResult) -> None:
    text = render_scan(result, "table", color=False)
    assert "\x1b[" not in text
    weather, db = text.index("agents/weather.py"), text.index("web dir/db tools.ts")
    assert weather < text.index("send_email") < db < text.index("run [sql]")
    for column in ("name", "line", "framework", "style", "mutating", "typed", "schema", "gates"):
        assert column in text
    assert "needs_approval" in text
    assert "broken.py:3: invalid syntax" in text
    assert text.rstrip().splitlines()[-1] == summary_line(result)


def test_summary_line_counts_everything(result: ScanResult) -> None:
    assert summary_line(result) == (
        "3 tools (2 mutating, 1 untyped) in 7 files scanned; "
        "skipped: 4 ignored, 1 too large, 2 binary, 1 symlinks outside root; 2 errors"
    )


def test_coloured_table_highlights_mutating_tools(result: ScanResult) -> None:
    text = render_scan(result, "table", color=True)
    assert "\x1b[1;31msend_email" in text
    assert "\x1b[1;31mget_weather" not in text


def test_table_of_an_empty_scan_is_just_the_summary() -> None:
    empty = ScanResult(root=".", tools=(), files_scanned=0)
    assert render_scan(empty, "table", color=False).strip() == summary_line(empty)


def test_json_is_the_model_dump_in_field_order(result: ScanResult) -> None:
    text = render_scan(result, ScanFormat.JSON, color=True)
    data = json.loads(text)
    assert data == result.to_json_dict()
    assert list(data["tools"][0])[:4] == ["name", "file", "line", "language"]
    assert data["tools"][0]["schema"] == "type_hints"
    assert render_scan(result, "json", color=False) == text


SCAN_SCHEMA = Path(parr.__file__).parent / "schemas" / "scan-v1.schema.json"


def test_the_published_scan_schema_is_the_one_the_model_makes() -> None:
    published = json.loads(SCAN_SCHEMA.read_text(encoding="utf-8"))
    generated = ScanResult.model_json_schema(by_alias=True, mode="serialization")
    assert {k: v for k, v in published.items() if k not in ("$schema", "$id")} == generated, \
        "parr/schemas/scan-v1.schema.json is stale: regenerate it from parr.scan.model.ScanResult"


@pytest.mark.parametrize("example", ["support-triage", "billing-mcp", "infra-oncall"])
def test_scan_json_of_each_example_validates_against_the_published_schema(example: str) -> None:
    from click.testing import CliRunner

    from parr.cli import main

    root = Path(__file__).parents[3] / "examples" / example
    out = CliRunner().invoke(main, ["scan", str(root), "--format", "json", "--no-cache"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["tools"], "the example declares tools"
    jsonschema.Draft202012Validator(json.loads(SCAN_SCHEMA.read_text(encoding="utf-8"))).validate(data)


def test_the_schema_rejects_a_tool_without_its_verdicts(result: ScanResult) -> None:
    data = result.to_json_dict()
    del data["tools"][0]["mutating"]
    with pytest.raises(jsonschema.ValidationError, match="mutating"):
        jsonschema.Draft202012Validator(json.loads(SCAN_SCHEMA.read_text(encoding="utf-8"))).validate(data)


def _sarif(result: ScanResult) -> dict[str, Any]:
    return json.loads(render_scan(result, "sarif", color=False))


def test_sarif_validates_against_the_official_schema(result: ScanResult) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator_cls = jsonschema.validators.validator_for(schema)
    validator_cls.check_schema(schema)
    validator = validator_cls(schema, format_checker=validator_cls.FORMAT_CHECKER)
    for log in (_sarif(result), _sarif(ScanResult(root=".", tools=(), files_scanned=0))):
        errors = sorted(validator.iter_errors(log), key=str)
        assert errors == [], errors[0].message if errors else ""


def test_sarif_raises_only_what_needs_attention(result: ScanResult) -> None:
    """Not one result per tool: a read-only tool and a gated, typed mutating one raise nothing;
    the ungated, untyped SQL tool raises one result for each problem."""
    run = _sarif(result)["runs"][0]
    assert [(r["ruleId"], r["properties"]["name"]) for r in run["results"]] == [
        ("PARR-SCAN-UNGATED-MUTATING-TOOL", "run [sql]"),
        ("PARR-SCAN-UNTYPED-MUTATING-TOOL", "run [sql]"),
    ]
    assert run["automationDetails"]["id"] == "parr/scan/"
    assert run["properties"]["tools"] == 3
    rules = run["tool"]["driver"]["rules"]
    for r in run["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["partialFingerprints"]["parr/v1"]


def test_sarif_fingerprints_do_not_move_with_the_line(result: ScanResult) -> None:
    moved = result.model_copy(update={"tools": tuple(t.model_copy(update={"line": t.line + 40}) for t in result.tools)})
    before = [r["partialFingerprints"] for r in _sarif(result)["runs"][0]["results"]]
    after = [r["partialFingerprints"] for r in _sarif(moved)["runs"][0]["results"]]
    assert before == after


def test_sarif_unread_files_are_results() -> None:
    from parr.scan.model import UnreadFile

    scanned = ScanResult(root="/repo", tools=(), files_scanned=1, unread=(UnreadFile(file="big tools.py", reason="too_large"),))
    [found] = _sarif(scanned)["runs"][0]["results"]
    assert found["ruleId"] == "PARR-SCAN-UNREAD-FILE"
    assert found["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "big%20tools.py", "uriBaseId": "%SRCROOT%"}


def test_sarif_driver_and_rules(result: ScanResult) -> None:
    log = _sarif(result)
    assert log["version"] == "2.1.0"
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "parr"
    assert driver["version"] == parr.__version__
    assert "informationUri" not in driver, "no made-up project URL"
    for rule in driver["rules"]:
        assert rule["help"]["text"]
        assert rule["shortDescription"]["text"]


def test_sarif_locations_are_relative_to_the_repository_root(result: ScanResult) -> None:
    run = _sarif(result)["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///repo/"}}
    location = run["results"][0]["locations"][0]["physicalLocation"]
    assert location == {"artifactLocation": {"uri": "web%20dir/db%20tools.ts", "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": 4}}
    # Scanning a subdirectory of the repository: paths still start at the repository's root.
    nested = json.loads(render_scan(result, "sarif", color=False, repo_root=Path("/")))["runs"][0]
    assert nested["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "repo/web%20dir/db%20tools.ts"


def test_sarif_reports_scan_errors_as_notifications(result: ScanResult) -> None:
    invocation = _sarif(result)["runs"][0]["invocations"][0]
    notes = invocation["toolExecutionNotifications"]
    assert [n["message"]["text"] for n in notes] == ["invalid syntax", "not UTF-8"]
    assert notes[0]["locations"][0]["physicalLocation"]["region"] == {"startLine": 3}


def test_table_marks_a_read_that_rests_on_calls_parr_could_not_read() -> None:
    result = ScanResult(root="/repo", tools=(
        _tool(),
        _tool(name="ledger_entry", line=20, unverified=("calls books.summarize()",)),
    ), files_scanned=1)
    table = render_scan(result, ScanFormat.TABLE, color=False)
    rows = {line.split()[0]: line.split() for line in table.splitlines() if line.startswith(("get_weather", "ledger_entry"))}
    assert rows["get_weather"][4] == "no" and rows["ledger_entry"][4] == "no?"
    assert "1 read-only verdict rests on calls parr could not read ('no?' above; CODE-015):" in table
    assert "  agents/weather.py:20 ledger_entry: calls books.summarize()" in table
    assert summary_line(result).endswith("; 1 read-only verdict rests on calls parr could not read")
