"""The CI formats checked against their consumers: SARIF (2.1.0 schema and the SARIF multitool's
GitHub ingestion rules), JUnit (a Jenkins/Ant junit XSD), GitLab Code Quality (its documented
format) and the Markdown PR comment (size cap, file links)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import git
import jsonschema
import pytest

from tests.conftest import FIXTURES, build_repo
from tests.test_baseline import ADMIN, TODAY, WIPE, _git
from tests.test_cli_check import SARIF_SCHEMA, _run

CI = FIXTURES / "ci"
CODEQUALITY_SCHEMA = json.loads((CI / "gitlab-codequality.schema.json").read_text())


@pytest.fixture
def mono(tmp_path: Path) -> Path:
    """A git repository holding two agents under agents/, one with an undeclared mutating tool."""
    root = tmp_path / "mono"
    build_repo(root / "agents" / "refunds", files={"agent/admin.py": ADMIN})
    build_repo(root / "agents" / "second", patch={"agent": {"id": "second"}})
    _git(root)
    return root


def _out(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[int, str]:
    old = {k: os.environ.get(k) for k in (env or {})}
    os.environ.update(env or {})
    try:
        code, out, _ = _run(args, cwd)
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return code, out


# ---- SARIF ---------------------------------------------------------------------------------


def _check_sarif(mono: Path, *extra: str) -> dict:
    code, out = _out(["check", "agents", "--all", *TODAY, "--format", "sarif", *extra], mono)
    assert code == 1
    log = json.loads(out)
    jsonschema.validate(log, SARIF_SCHEMA)
    return log


def test_check_sarif_has_a_run_per_agent_with_paths_from_the_repository_root(mono: Path) -> None:
    log = _check_sarif(mono)
    ids = [run["automationDetails"]["id"] for run in log["runs"]]
    assert ids == ["parr/check/refunds-assistant/", "parr/check/second/"], "agents must not overwrite each other"
    run = log["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == mono.resolve().as_uri() + "/"
    [result] = [r for r in run["results"] if r["ruleId"] == "CODE-001"]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "agents/refunds/agent/admin.py", "uriBaseId": "%SRCROOT%"}
    assert location["region"]["startLine"] == 5
    # Run from a subdirectory, the paths are the same: git's top level, not the working directory.
    code, out = _out(["check", ".", *TODAY, "--format", "sarif"], mono / "agents" / "refunds")
    [again] = [r for r in json.loads(out)["runs"][0]["results"] if r["ruleId"] == "CODE-001"]
    assert again["locations"] == result["locations"]


def test_check_sarif_puts_security_severity_only_on_security_rules(mono: Path) -> None:
    rules = {r["id"]: r for r in _check_sarif(mono)["runs"][0]["tool"]["driver"]["rules"]}
    with_score = {i for i, r in rules.items() if "security-severity" in r["properties"]}
    assert {"CODE-001", "CODE-005", "PERM-006", "POL-010", "OBS-009", "EVAL-003", "PERM-007"} <= with_score
    assert not with_score & {"OWN-001", "OWN-002", "OWN-003", "FS-005", "BUD-001", "OBS-007", "EVAL-005", "PERM-008",
                             "POL-006"}, "ownership, documentation and operations items are not security alerts"
    assert all("security" in rules[i]["properties"]["tags"] for i in with_score)
    assert float(rules["CODE-001"]["properties"]["security-severity"]) >= 9.0


def test_check_sarif_fingerprints_survive_moved_lines_and_not_renames(mono: Path) -> None:
    def fingerprint() -> str:
        [result] = [r for r in _check_sarif(mono)["runs"][0]["results"] if r["ruleId"] == "CODE-001"]
        return result["partialFingerprints"]["parr/v1"]

    first = fingerprint()
    admin = mono / "agents" / "refunds" / "agent" / "admin.py"
    admin.write_text('"""Admin."""\n\n\n\n' + ADMIN)
    assert fingerprint() == first
    admin.write_text(ADMIN.replace("delete_customer", "remove_customer"))
    assert fingerprint() != first


def test_check_sarif_leaves_waived_and_baselined_results_out(mono: Path) -> None:
    _out(["check", "agents", "--all", *TODAY, "--write-baseline", "b.json", "--quiet"], mono)
    (mono / "agents" / "refunds" / "agent" / "wipe.py").write_text(WIPE)
    log = _check_sarif(mono, "--baseline", "b.json")
    messages = [r["message"]["text"] for run in log["runs"] for r in run["results"] if r["ruleId"] == "CODE-001"]
    assert len(messages) == 1 and "wipe_ledger" in messages[0]
    assert log["runs"][0]["properties"]["findings_set_aside"] == {"baselined": 1, "not_in_scope": 0}


def _multitool(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The SARIF multitool from npm, installed into this session's temp dir (skipped without node)."""
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        pytest.skip("node/npm not installed: the SARIF multitool's GitHub rules are not checked here")
    prefix = tmp_path_factory.mktemp("sarif-multitool")
    try:
        done = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", str(prefix),
                               "--cache", str(prefix / "npm-cache"), "@microsoft/sarif-multitool@5"],
                              capture_output=True, text=True, timeout=300, check=False)
    except subprocess.TimeoutExpired:
        pytest.skip("downloading @microsoft/sarif-multitool took over 300 s")
    if done.returncode != 0:
        pytest.skip(f"cannot install @microsoft/sarif-multitool from npm: {done.stderr.strip().splitlines()[-1:]}")
    found = [p for p in (prefix / "node_modules" / "@microsoft").glob("sarif-multitool-*/Sarif.Multitool*")
             if p.name in ("Sarif.Multitool", "Sarif.Multitool.exe")]
    if not found:
        pytest.skip("the multitool package has no binary for this platform")
    return found[0]


@pytest.fixture(scope="session")
def multitool(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _multitool(tmp_path_factory)


def _github_problems(binary: Path, log_text: str, where: Path) -> list[str]:
    target = where / "parr.sarif"
    target.write_text(log_text)
    out = where / "validation.sarif"
    # One argv element: "Sarif;Gh" must not meet a shell (npx would split it at the `;`).
    done = subprocess.run([str(binary), "validate", "--rule-kind", "Sarif;Gh", str(target), "--output", str(out),
                           "--log", "ForceOverwrite"], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    results = json.loads(out.read_text())["runs"][0]["results"]
    # SARIF2005 asks for driver.informationUri: parr has no published project URL to give.
    return [f"{r['ruleId']}: {r['message']['text'] if 'text' in r['message'] else r['message']}"
            for r in results if r["ruleId"] != "SARIF2005"]


def test_sarif_of_check_scan_and_lint_passes_the_github_ingestion_rules(multitool: Path, mono: Path,
                                                                        tmp_path: Path) -> None:
    trace = mono / "traces.jsonl"
    trace.write_text('{"ts": "2026-11-20T10:00:00Z", "agent_id": "a"}\n{"broken\n')
    outputs = {
        "check": _out(["check", "agents", "--all", *TODAY, "--format", "sarif", "--sarif-include-suppressed"], mono)[1],
        "scan": _out(["scan", "agents/refunds", "--format", "sarif"], mono)[1],
        "lint": _out(["traces", "lint", "traces.jsonl", "--format", "sarif"], mono)[1],
    }
    for name, text in outputs.items():
        log = json.loads(text)
        jsonschema.validate(log, SARIF_SCHEMA)
        assert log["runs"][0]["results"], f"{name}: a log with results, so the result rules run"
        assert _github_problems(multitool, text, tmp_path) == [], name
    # The checker checks: a message by id alone is refused by GitHub.
    broken = json.loads(outputs["check"])
    broken["runs"][0]["results"][0]["message"] = {"id": "default"}
    assert any(p.startswith("GH") for p in _github_problems(multitool, json.dumps(broken), tmp_path))


# ---- JUnit ---------------------------------------------------------------------------------


def _xsd(strict: bool):  # noqa: ANN202
    from lxml import etree

    text = (CI / "junit.xsd").read_text()
    if strict:
        text = "\n".join(line for line in text.splitlines() if "<!-- XUNIT1 -->" not in line)
    return etree.XMLSchema(etree.fromstring(text.encode()))


def test_junit_is_valid_and_names_file_and_line_of_each_failing_case(mono: Path) -> None:
    from lxml import etree

    code, out = _out(["check", "agents", "--all", *TODAY, "--format", "junit"], mono)
    assert code == 1
    document = etree.fromstring(out.encode())
    schema = _xsd(strict=False)
    assert schema.validate(document), schema.error_log
    failing = [case for case in document.iter("testcase") if case.find("failure") is not None]
    assert [c.get("name").split()[0] for c in failing] == ["CODE-001"]
    case = failing[0]
    assert (case.get("file"), case.get("line")) == ("agents/refunds/agent/admin.py", "5")
    assert "agents/refunds/agent/admin.py:5: mutating tool 'delete_customer'" in case.find("failure").text
    # Without the two xunit1 attributes it is strict Jenkins junit-10.
    for element in document.iter("testcase"):
        element.attrib.pop("file", None)
        element.attrib.pop("line", None)
    strict = _xsd(strict=True)
    assert strict.validate(document), strict.error_log


def test_junit_suite_and_case_names_do_not_change_on_promotion(mono: Path) -> None:
    from lxml import etree

    names = []
    for stage in ("propose", "autonomous"):
        _, out = _out(["check", "agents", "--all", *TODAY, "--stage", stage, "--format", "junit"], mono)
        document = etree.fromstring(out.encode())
        names.append([(s.get("name"), [c.get("name") for c in s.iter("testcase")]) for s in document.iter("testsuite")])
        stage_property = document.find("testsuite/properties/property[@name='stage']")
        assert stage_property.get("value") == stage
    assert names[0] == names[1]
    assert [n for n, _ in names[0]] == ["parr check refunds-assistant", "parr check second"]


# ---- GitLab Code Quality ----------------------------------------------------------------------


def test_gitlab_codequality_follows_the_documented_format(mono: Path) -> None:
    (mono / "agents" / "refunds" / "agent" / "wipe.py").write_text(WIPE)
    code, out = _out(["check", "agents", "--all", *TODAY, "--format", "gitlab-codequality"], mono)
    assert code == 1
    issues = json.loads(out)
    jsonschema.validate(issues, CODEQUALITY_SCHEMA)
    code001 = sorted((i["location"]["path"], i["location"]["lines"]["begin"], i["severity"]) for i in issues
                     if i["check_name"] == "parr/CODE-001")
    assert code001 == [("agents/refunds/agent/admin.py", 5, "blocker"), ("agents/refunds/agent/wipe.py", 5, "blocker")]
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints), "GitLab shows only the first issue of a fingerprint"
    # Written once, replaced by the next run without --force: parr knows its own report.
    assert _out(["check", "agents", "--all", *TODAY, "--format", "gitlab-codequality", "--output", "cq.json"], mono)[0] == 1
    assert _out(["check", "agents", "--all", *TODAY, "--format", "gitlab-codequality", "--output", "cq.json"], mono)[0] == 1
    assert json.loads((mono / "cq.json").read_text()) == issues


# ---- Markdown ------------------------------------------------------------------------------


def _many_tools(count: int) -> str:
    return "from agents import function_tool\n" + "".join(
        f"\n\n@function_tool\ndef delete_record_{n}(record_id: str) -> str:\n    \"\"\"Delete record.\"\"\"\n"
        "    return 'gone'\n" for n in range(count))


def test_markdown_stays_below_the_comment_limit_and_counts_what_it_left_out(tmp_path: Path) -> None:
    repo = build_repo(tmp_path / "big", files={"agent/admin.py": _many_tools(900)})
    code, out = _out(["check", ".", *TODAY, "--format", "markdown"], repo)
    assert code == 1
    assert len(out) < 65_536
    match = re.search(r"\*\*Cut here:\*\* (\d+) findings? left out", out)
    assert match, out[-500:]
    shown = out.count("| `CODE-001`")
    # CODE-001 (undeclared) and CODE-005-style rows: every finding is either shown or counted.
    from parr.core import CheckRequest, run_check

    [report] = run_check(CheckRequest(path=repo, today=__import__("datetime").date(2026, 11, 24)))
    total = sum(len([f for f in r.findings if f.outcome in ("fail", "error")]) for r in report.results
                if r.outcome in ("fail", "error"))
    assert shown + int(match.group(1)) == total
    assert out.count("<details>") == out.count("</details>")


def test_markdown_links_files_at_the_commit_ci_names(mono: Path) -> None:
    sha = git.Repo(mono).head.commit.hexsha
    env = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "acme/agents", "GITHUB_SHA": sha}
    _, out = _out(["check", "agents/refunds", *TODAY, "--format", "markdown"], mono, env)
    assert (f"[`agents/refunds/agent/admin.py:5`](https://github.com/acme/agents/blob/{sha}/"
            "agents/refunds/agent/admin.py#L5)") in out
    env = {"GITHUB_SERVER_URL": "", "CI_PROJECT_URL": "https://gitlab.example/acme/agents", "CI_COMMIT_SHA": sha}
    _, out = _out(["check", "agents/refunds", *TODAY, "--format", "markdown"], mono, env)
    assert f"(https://gitlab.example/acme/agents/-/blob/{sha}/agents/refunds/agent/admin.py#L5)" in out
    # A variable that is not a URL and a commit makes no link rather than a wrong one.
    env = {"CI_PROJECT_URL": "javascript:alert(1)//", "CI_COMMIT_SHA": sha, "GITHUB_SERVER_URL": ""}
    _, out = _out(["check", "agents/refunds", *TODAY, "--format", "markdown"], mono, env)
    assert "](" not in out and "`agents/refunds/agent/admin.py:5`" in out
