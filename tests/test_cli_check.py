"""`parr check` end to end through the CLI: exit codes, every format, golden files, schemas."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from parr import __version__
from parr.cli import main
from tests.conftest import FIXTURES

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("PARR_UPDATE_GOLDEN") == "1"
SARIF_SCHEMA = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text())
REPORT_SCHEMA = json.loads((Path(__file__).parents[1] / "parr" / "schemas" / "check-report-v1.schema.json").read_text())

# One blocking failure at staging-writes (FS-005), one warning (FS-003 blocks later), one waived
# block (EVAL-002), one expired waiver and one that matches nothing.
SCENARIO = {
    "failsafes": {"kill_switch": {"how": "__delete__"}, "circuit_breakers": []},
    "waivers": [
        {"check": "EVAL-002", "reason": "flaky judge model, fix in PR 812", "owner": "@priya", "expires": "2026-12-15"},
        {"check": "OBS-007", "reason": "dashboard migration", "owner": "@sre-payments", "expires": "2026-10-01"},
        {"check": "BUD-001", "reason": "left over", "owner": "@priya", "expires": "2027-01-01"},
    ],
}
SCENARIO_FILES = {
    "agent/admin.py": "from agents import function_tool\n\n\n"
    "# parr: ignore[CODE-001] admin-only deployment, reviewed in SEC-231\n"
    "@function_tool\ndef delete_customer(customer_id: str) -> str:\n    \"\"\"Delete a customer.\"\"\"\n    return 'deleted'\n",
    "evals/regression.xml": "<testsuite name='r' timestamp='2026-11-20T10:00:00'><testcase name='a'/>"
    "<testcase name='b'><failure message='picked the wrong tool'/></testcase></testsuite>",
}


def _run(args: list[str], cwd: Path) -> tuple[int, str, str]:
    runner = CliRunner()
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = runner.invoke(main, args, catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def _golden(name: str, text: str, root: Path | None = None) -> None:
    path = GOLDEN / name
    text = text.replace(__version__, "<version>")
    if root is not None:  # SARIF names the repository root it resolves paths against
        text = text.replace(root.resolve().as_uri(), "file:///<repo>")
    if UPDATE or not path.exists():
        path.write_text(text)
    assert text == path.read_text(), f"{name} differs; rerun with PARR_UPDATE_GOLDEN=1 if the change is intended"


@pytest.fixture
def scenario(make_repo) -> Path:
    return make_repo(patch=SCENARIO, files=SCENARIO_FILES)


def _check(repo: Path, fmt: str, stage: str = "staging-writes") -> tuple[int, str, str]:
    return _run(["check", ".", "--stage", stage, "--today", "2026-11-24", "--format", fmt], repo)


def test_table_is_plain_when_piped(scenario: Path) -> None:
    code, out, _ = _check(scenario, "table")
    assert code == 1
    assert "\x1b[" not in out
    _golden("check.txt", out)


def test_json_matches_its_schema(scenario: Path) -> None:
    code, out, _ = _check(scenario, "json")
    assert code == 1
    document = json.loads(out)
    jsonschema.validate(document, REPORT_SCHEMA)
    [report] = document["reports"]
    assert report["verdict"] == "NO-GO" and report["stage"] == "staging-writes"
    blocking = [i["id"] for i in report["items"] if i["blocking"]]
    assert blocking == ["FS-005"]
    assert {n["kind"] for n in report["waiver_notes"]} == {"expired", "unused"}
    assert report["suppressions"] == [{"check": "CODE-001", "file": report["suppressions"][0]["file"], "line": 4,
                                       "reason": "admin-only deployment, reviewed in SEC-231", "accepted": True}]
    assert report["suppressions"][0]["file"].endswith("agent/admin.py")
    _golden("check.json", out)


def test_sarif_validates_against_the_2_1_0_schema(scenario: Path) -> None:
    code, out, _ = _check(scenario, "sarif")
    assert code == 1
    document = json.loads(out)
    jsonschema.validate(document, SARIF_SCHEMA)
    run = document["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["FS-005"]["help"]["text"].startswith('"Ship with evals and a rollback path')
    by_rule = {r["ruleId"]: r for r in run["results"]}
    fs005 = by_rule["FS-005"]
    assert fs005["level"] == "error"
    location = fs005["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "parr.yaml"
    text = (scenario / "parr.yaml").read_text().splitlines()
    assert "kill_switch" in text[location["region"]["startLine"] - 1]
    assert by_rule["FS-003"]["level"] == "warning"
    assert "EVAL-002" not in by_rule and "CODE-001" not in by_rule, "waived and suppressed results are left out"
    assert run["automationDetails"]["id"] == "parr/check/refunds-assistant/"
    _golden("check.sarif", out, scenario)
    code, out, _ = _run(["check", ".", "--stage", "staging-writes", "--today", "2026-11-24", "--format", "sarif",
                         "--sarif-include-suppressed"], scenario)
    by_rule = {r["ruleId"]: r for r in json.loads(out)["runs"][0]["results"]}
    assert by_rule["EVAL-002"]["suppressions"][0]["kind"] == "external"
    assert by_rule["CODE-001"]["suppressions"][0]["kind"] == "inSource"


def test_junit_has_a_testcase_per_item_and_failures_for_blocking(scenario: Path) -> None:
    code, out, _ = _check(scenario, "junit")
    assert code == 1
    root = ET.fromstring(out)
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    from parr.checklist import load_checklist

    assert len(cases) == len(load_checklist().items) == int(suite.get("tests"))
    failed = [c.get("name") for c in cases if c.find("failure") is not None]
    assert failed == ["FS-005 A named kill switch, with the steps to pull it"]
    assert root.get("failures") == "1"
    skipped = {c.get("name").split()[0]: c.find("skipped").get("message") for c in cases if c.find("skipped") is not None}
    assert skipped["EVAL-002"].startswith("waived by @priya until 2026-12-15")
    assert skipped["CODE-001"].startswith("suppressed inline: mutating tool 'delete_customer'")
    _golden("check.junit.xml", out)


def test_markdown_for_a_pull_request(scenario: Path) -> None:
    code, out, _ = _check(scenario, "markdown")
    assert code == 1
    assert out.startswith("## parr check: NO-GO\n")
    _golden("check.md", out)


def test_markdown_report_keeps_manifest_text_inert(make_repo) -> None:
    """A waiver reason is the manifest's text: in a PR comment it must not open an HTML comment
    that hides what follows, break the table, or ping the owner's handle."""
    hostile = "<!-- hide the rest | of it\n```\n[x](javascript:alert(1))"
    patch = {**SCENARIO, "waivers": [{"check": "EVAL-002", "reason": hostile, "owner": "@priya", "expires": "2026-12-15"}]}
    code, out, _ = _check(make_repo(patch=patch, files=SCENARIO_FILES), "markdown")
    assert code == 1
    waived = next(line for line in out.splitlines() if line.startswith("- `EVAL-002`"))
    assert "<!--" not in out and "&lt;!--" in waived
    assert "`@priya`" in waived and " @priya" not in waived
    assert "\\|" in waived and "\\[x\\]" in waived and "```" not in out
    assert "**Suppressed inline**" in out  # what follows the reason is still there to read


def test_go_exits_0_and_quiet_prints_nothing(make_repo) -> None:
    repo = make_repo()
    code, out, _ = _run(["check", ".", "--stage", "autonomous", "--today", "2026-11-24", "--quiet"], repo)
    assert (code, out) == (0, "")


def test_output_file_is_written(scenario: Path) -> None:
    code, out, _ = _run(["check", ".", "--today", "2026-11-24", "--format", "sarif", "--output", "report.sarif"], scenario)
    assert code == 0, "FS-005 blocks from staging-writes only; propose is the default stage"
    assert out == ""
    assert json.loads((scenario / "report.sarif").read_text())["version"] == "2.1.0"


def test_typo_in_manifest_exits_2_with_one_line_per_problem(make_repo) -> None:
    repo = make_repo(patch={"failsafes": {"kill_swich": {"name": "x"}}, "budgets": {"per_run": "cheap"}})
    code, out, err = _run(["check", "."], repo)
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("parr: parr.yaml:") and "did you mean 'kill_switch'?" in lines[0] or "per_run" in lines[0]
    assert all("Traceback" not in line for line in lines)


def test_yaml_syntax_error_exits_2(tmp_path: Path) -> None:
    (tmp_path / "parr.yaml").write_text("apiVersion: parr/v1\nagent:\n  id: 'unterminated\n")
    code, _, err = _run(["check", "."], tmp_path)
    assert code == 2
    assert err.startswith("parr: parr.yaml:") and "YAML syntax error" in err and len(err.strip().splitlines()) == 1


def test_bad_stage_and_missing_manifest_exit_2(tmp_path: Path) -> None:
    code, _, err = _run(["check", ".", "--stage", "production"], tmp_path)
    assert code == 2 and "unknown stage 'production'" in err
    code, _, err = _run(["check", "."], tmp_path)
    assert code == 2 and "no parr.yaml here" in err


def test_all_checks_every_manifest_and_reports_overall(tmp_path: Path, make_repo) -> None:
    from tests.conftest import build_repo

    build_repo(tmp_path / "mono" / "agents" / "refunds")
    build_repo(tmp_path / "mono" / "agents" / "broken", patch={"agent": {"id": "broken", "dri": "__delete__"}})
    build_repo(tmp_path / "mono" / "node_modules" / "vendored", patch={"agent": {"id": "vendored"}})
    code, out, _ = _run(["check", "mono", "--all", "--today", "2026-11-24", "--format", "json"], tmp_path)
    assert code == 1
    document = json.loads(out)
    assert document["verdict"] == "NO-GO"
    assert {r["agent_id"]: r["verdict"] for r in document["reports"]} == {"broken": "NO-GO", "refunds-assistant": "GO"}


def test_all_reports_every_broken_manifest_at_once(tmp_path: Path) -> None:
    from tests.conftest import build_repo

    build_repo(tmp_path / "a", patch={"agent": {"idd": "x"}})
    build_repo(tmp_path / "b", patch={"budgets": {"per_day": "lots"}})
    code, _, err = _run(["check", ".", "--all"], tmp_path)
    assert code == 2
    assert "a/parr.yaml" in err and "b/parr.yaml" in err


def test_explain(tmp_path: Path) -> None:
    code, out, _ = _run(["explain", "fs-005"], tmp_path)
    assert code == 0 and out.startswith("FS-005  A named kill switch")
    assert "How to fix:" in out
    code, _, err = _run(["explain", "FS-05"], tmp_path)
    assert code == 2 and "did you mean FS-005?" in err


def test_schema_is_a_json_schema_that_accepts_the_base_manifest() -> None:
    import yaml

    code, out, _ = _run(["schema"], Path.cwd())
    assert code == 0
    schema = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    manifest = yaml.safe_load((FIXTURES / "check_base" / "parr.yaml").read_text())
    manifest = json.loads(json.dumps(manifest, default=str))
    jsonschema.validate(manifest, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**manifest, "budgetz": {}}, schema)


def test_a_monorepo_agent_does_not_own_the_tools_of_agents_below_it(tmp_path: Path) -> None:
    from tests.conftest import build_repo

    outer = build_repo(tmp_path / "mono")
    inner = build_repo(outer / "agents" / "deleter", patch={"agent": {"id": "deleter"}, "permissions": {"tools": [
        {"name": "delete_customer", "access": "delete", "environments": ["staging"], "risk": "high", "gate": "approval:ops"}]}})
    (inner / "agent" / "admin.py").write_text(
        "from agents import function_tool\n\n\n@function_tool(needs_approval=True)\n"
        "def delete_customer(customer_id: str) -> str:\n    \"\"\"Delete a customer.\"\"\"\n    return 'deleted'\n")
    code, out, _ = _run(["check", ".", "--all", "--today", "2026-11-24", "--format", "json"], outer)
    reports = {r["agent_id"]: r for r in json.loads(out)["reports"]}
    outer_code001 = next(i for i in reports["refunds-assistant"]["items"] if i["id"] == "CODE-001")
    assert outer_code001["outcome"] == "pass", outer_code001["findings"]
    inner_code003 = next(i for i in reports["deleter"]["items"] if i["id"] == "CODE-003")
    assert inner_code003["outcome"] == "pass", "the inner agent sees its own tool"
