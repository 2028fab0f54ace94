"""Baselines, --since scopes and `check --all` with a broken manifest, end to end through the CLI on real git histories."""

from __future__ import annotations

import json
from pathlib import Path

import git
import jsonschema
import pytest

from tests.conftest import build_repo
from tests.test_cli_check import REPORT_SCHEMA, _run

BASELINE_SCHEMA = json.loads((Path(__file__).parents[1] / "parr" / "schemas" / "baseline-v1.schema.json").read_text())
TODAY = ["--today", "2026-11-24"]
ADMIN = ("from agents import function_tool\n\n\n@function_tool\ndef delete_customer(customer_id: str) -> str:\n"
         "    \"\"\"Delete a customer.\"\"\"\n    return 'deleted'\n")
WIPE = ("from agents import function_tool\n\n\n@function_tool\ndef wipe_ledger(ledger_id: str) -> str:\n"
        "    \"\"\"Erase a ledger.\"\"\"\n    return 'wiped'\n")


def _git(path: Path) -> git.Repo:
    repo = git.Repo.init(path)
    with repo.config_writer() as config:
        config.set_value("user", "name", "Sam Okafor")
        config.set_value("user", "email", "sam@example.com")
    repo.git.add(A=True)
    repo.index.commit("agent")
    return repo


def _json(repo: Path, *args: str) -> tuple[int, dict, str]:
    code, out, err = _run(["check", ".", *TODAY, "--format", "json", *args], repo)
    return code, json.loads(out) if out else {}, err


def _blocking_findings(document: dict) -> list[tuple[str, str]]:
    return [(item["id"], f["message"]) for report in document["reports"] for item in report["items"] if item["blocking"]
            for f in item["findings"] if f["outcome"] in ("fail", "error")]


@pytest.fixture
def onboarded(tmp_path: Path) -> Path:
    """An agent with one undeclared mutating tool (CODE-001 blocks at propose), in git."""
    repo = build_repo(tmp_path / "agent", files={"agent/admin.py": ADMIN})
    _git(repo)
    return repo


def test_baseline_round_trip_only_the_new_finding_blocks(onboarded: Path) -> None:
    code, before, _ = _json(onboarded, "--write-baseline", "parr-baseline.json")
    assert code == 1, "writing a baseline does not change the verdict of the run that writes it"
    assert [i for i, _ in _blocking_findings(before)] == ["CODE-001"]
    written = json.loads((onboarded / "parr-baseline.json").read_text())
    jsonschema.validate(written, BASELINE_SCHEMA)
    [entry] = [e for e in written["entries"] if e["check"] == "CODE-001"]
    assert entry["key"].startswith("agent/admin.py :: ") and "'delete_customer'" in entry["key"], entry
    assert entry["count"] == 1 and set(entry) == {"check", "agent", "key", "count", "message"}

    code, known, _ = _json(onboarded, "--baseline", "parr-baseline.json")
    assert code == 0 and _blocking_findings(known) == []
    jsonschema.validate(known, REPORT_SCHEMA)
    [report] = known["reports"]
    assert report["counts"]["baselined"] >= 1
    item = next(i for i in report["items"] if i["id"] == "CODE-001")
    assert item["outcome"] == "baselined" and not item["blocking"]
    assert {f["outcome"] for f in item["findings"]} == {"baselined"}

    # Lines move above the known tool: still the same finding.
    (onboarded / "agent" / "admin.py").write_text('"""Admin tools."""\n\nimport os\n\n' + ADMIN)
    code, _, _ = _json(onboarded, "--baseline", "parr-baseline.json")
    assert code == 0

    # A new tool: only it blocks, the known one stays baselined.
    (onboarded / "agent" / "wipe.py").write_text(WIPE)
    code, after, _ = _json(onboarded, "--baseline", "parr-baseline.json")
    assert code == 1
    assert [(i, "wipe_ledger" in m) for i, m in _blocking_findings(after)] == [("CODE-001", True)]
    item = next(i for i in after["reports"][0]["items"] if i["id"] == "CODE-001")
    assert sorted(f["outcome"] for f in item["findings"]) == ["baselined", "fail"]


def test_a_finding_whose_key_changed_is_new(onboarded: Path) -> None:
    _json(onboarded, "--write-baseline", "b.json")
    # The same tool under another name is another finding: the baseline does not cover it.
    (onboarded / "agent" / "admin.py").write_text(ADMIN.replace("delete_customer", "delete_customers"))
    code, document, err = _json(onboarded, "--baseline", "b.json")
    assert code == 1 and any("delete_customers" in m for _, m in _blocking_findings(document))
    assert "1 baseline entry matches nothing now" in err


def test_a_second_finding_with_a_known_key_is_new(tmp_path: Path) -> None:
    """Keys are counted: the baseline accepts as many findings with a key as it recorded."""
    from parr.baseline import Baseline, BaselineEntry, apply_baseline
    from parr.core import CheckRequest, run_check

    repo = build_repo(tmp_path / "agent", files={"agent/admin.py": ADMIN})
    [report] = run_check(CheckRequest(path=repo))
    [finding] = [f for r in report.results if r.item.id == "CODE-001" for f in r.findings if f.outcome == "fail"]
    doubled = report.model_copy(update={"results": tuple(
        r.model_copy(update={"findings": r.findings + (finding,)}) if r.item.id == "CODE-001" else r for r in report.results)})
    baseline = Baseline(schema_version="1", parr_version="x", kind="parr-baseline",
                        entries=(BaselineEntry(check="CODE-001", agent=report.agent_id, key=finding.key),))
    [judged], unmatched = apply_baseline([doubled], baseline)
    outcomes = sorted(f.outcome for r in judged.results if r.item.id == "CODE-001" for f in r.findings)
    assert outcomes == ["baselined", "fail"] and judged.verdict == "NO-GO" and unmatched == 0


def test_a_baseline_never_outlives_a_waiver(tmp_path: Path) -> None:
    """A waived item's findings are not written to the baseline: when the waiver expires, they block."""
    patch = {"waivers": [{"check": "CODE-001", "reason": "admin tool, reviewed in SEC-1", "owner": "@priya",
                          "expires": "2026-12-01"}]}
    repo = build_repo(tmp_path / "agent", patch=patch, files={"agent/admin.py": ADMIN})
    code, _, _ = _json(repo, "--write-baseline", "b.json")
    assert code == 0
    assert not [e for e in json.loads((repo / "b.json").read_text())["entries"] if e["check"] == "CODE-001"]
    code, _, _ = _run(["check", ".", "--today", "2026-12-02", "--baseline", "b.json", "--quiet"], repo)
    assert code == 1


@pytest.mark.parametrize(("content", "expected"), [
    ("{not json", "b.json:1: the baseline is not valid JSON"),
    ('{"kind": "sarif"}', "not a parr baseline"),
    ('{"schema_version": "9", "kind": "parr-baseline", "entries": []}', "schema_version '9'"),
    ('{"schema_version": "1", "parr_version": "x", "kind": "parr-baseline", "entries": [{"check": "CODE-001"}]}',
     "baseline field entries.0.agent"),
])
def test_a_bad_baseline_is_one_line_and_exit_2(onboarded: Path, content: str, expected: str) -> None:
    (onboarded / "b.json").write_text(content)
    code, out, err = _run(["check", ".", "--baseline", "b.json"], onboarded)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and expected in err and "Traceback" not in err


def test_a_missing_baseline_is_exit_2(onboarded: Path) -> None:
    code, _, err = _run(["check", ".", "--baseline", "nope.json"], onboarded)
    assert code == 2 and "no such baseline file" in err


def test_write_baseline_never_replaces_a_file_parr_did_not_write(onboarded: Path) -> None:
    (onboarded / "notes.json").write_text('{"mine": true}\n')
    code, _, err = _run(["check", ".", "--write-baseline", "notes.json"], onboarded)
    assert code == 2 and "--force" in err
    assert (onboarded / "notes.json").read_text() == '{"mine": true}\n'


# ---- --since -------------------------------------------------------------------------------


def test_since_blocks_only_on_files_the_change_touched(onboarded: Path) -> None:
    repo = git.Repo(onboarded)
    base = repo.head.commit.hexsha
    repo.git.checkout("-b", "feature")
    (onboarded / "agent" / "wipe.py").write_text(WIPE)
    repo.git.add(A=True)
    repo.index.commit("add wipe_ledger")
    code, document, _ = _json(onboarded, "--since", base)
    assert code == 1
    assert [("wipe_ledger" in m) for _, m in _blocking_findings(document)] == [True]
    item = next(i for i in document["reports"][0]["items"] if i["id"] == "CODE-001")
    outcomes = {f["message"].split("'")[1]: f["outcome"] for f in item["findings"] if "'" in f["message"]}
    assert outcomes == {"delete_customer": "not_in_scope", "wipe_ledger": "fail"}, "reported, not dropped"
    assert document["reports"][0]["counts"]["not_in_scope"] == 0, "the item still fails, so it counts as failing"

    # An untracked or edited file is part of the change too.
    (onboarded / "agent" / "admin.py").write_text("# touched\n" + ADMIN)
    code, document, _ = _json(onboarded, "--since", "HEAD")
    assert code == 1 and any("delete_customer" in m for _, m in _blocking_findings(document))


def test_since_keeps_manifest_findings_in_scope(onboarded: Path) -> None:
    import yaml

    data = yaml.safe_load((onboarded / "parr.yaml").read_text())
    del data["failsafes"]["kill_switch"]
    (onboarded / "parr.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    git.Repo(onboarded).git.add(A=True)
    git.Repo(onboarded).index.commit("drop kill switch")
    (onboarded / "agent" / "admin.py").unlink()
    git.Repo(onboarded).git.add(A=True)
    git.Repo(onboarded).index.commit("drop admin")
    code, _, _ = _run(["check", ".", *TODAY, "--stage", "staging-writes", "--quiet", "--since", "HEAD"], onboarded)
    assert code == 1, "a manifest failure blocks whatever --since says"


def test_since_a_bad_ref_or_no_repository_is_exit_2(onboarded: Path, tmp_path: Path) -> None:
    code, _, err = _run(["check", ".", "--since", "no-such-branch"], onboarded)
    assert code == 2 and "no-such-branch: no such commit" in err
    code, _, err = _run(["check", ".", "--since", "--output=x"], onboarded)
    assert code == 2 and "cannot start with '-'" in err
    plain = build_repo(tmp_path / "plain")
    code, _, err = _run(["check", ".", "--since", "main"], plain)
    assert code == 2 and "--since needs a git repository" in err


# ---- --all with a broken manifest ------------------------------------------------------------


def test_all_reports_the_others_and_the_broken_one_as_an_error(tmp_path: Path) -> None:
    build_repo(tmp_path / "mono" / "refunds")
    build_repo(tmp_path / "mono" / "typo", patch={"agent": {"id": "typo", "kill_swich": 1}})
    for fmt in ("json", "junit", "markdown", "sarif", "gitlab-codequality", "table"):
        code, out, err = _run(["check", "mono", "--all", *TODAY, "--format", fmt], tmp_path)
        assert code == 2, fmt
        assert "typo/parr.yaml" in err and "Traceback" not in err
        if fmt == "json":
            document = json.loads(out)
            jsonschema.validate(document, REPORT_SCHEMA)
            assert [r["agent_id"] for r in document["reports"]] == ["refunds-assistant"]
            assert document["errors"][0]["manifest"].endswith("typo/parr.yaml")
        elif fmt == "junit":
            assert 'name="parr check refunds-assistant"' in out and "<error" in out and "typo/parr.yaml" in out
        elif fmt == "markdown":
            assert "ERROR:" in out and "refunds-assistant" in out
        elif fmt == "sarif":
            runs = json.loads(out)["runs"]
            assert runs[-1]["invocations"][0]["executionSuccessful"] is False
            assert runs[0]["automationDetails"]["id"] == "parr/check/refunds-assistant/"
        elif fmt == "gitlab-codequality":
            assert any(i["check_name"] == "parr/manifest" for i in json.loads(out))
        else:
            assert "refunds-assistant" in out


def test_all_goes_on_past_a_broken_ledger(tmp_path: Path) -> None:
    build_repo(tmp_path / "mono" / "refunds")
    broken = build_repo(tmp_path / "mono" / "ledgered", patch={"agent": {"id": "ledgered"}})
    (broken / ".parr").mkdir()
    (broken / ".parr" / "ledger.jsonl").write_text("{not an entry\n")
    code, out, err = _run(["check", "mono", "--all", *TODAY, "--format", "json"], tmp_path)
    assert code == 2 and "ledger.jsonl" in err
    assert [r["agent_id"] for r in json.loads(out)["reports"]] == ["refunds-assistant"]


def test_the_table_counts_what_the_baseline_set_aside(onboarded: Path) -> None:
    from click.testing import CliRunner

    from parr.cli import main

    CliRunner().invoke(main, ["check", str(onboarded), "--write-baseline", str(onboarded / "parr-baseline.json")])
    result = CliRunner().invoke(main, ["check", str(onboarded), "--baseline", str(onboarded / "parr-baseline.json"),
                                       "--no-color"])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first.startswith("GO ") and ", 1 baselined" in first, first
