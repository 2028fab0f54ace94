"""The GitHub Action's steps run as a script in a fake runner: GITHUB_* files, a pull_request event
and a fake `gh` on PATH that records every call. Asserts the files, the summary, the comment body,
the outputs and the exit code the job ends with."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from parr.ci.github import Inputs

ROOT = Path(__file__).parents[2]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text())

FAKE_GH = r'''#!{python}
"""A stand-in for `gh`: logs each call (and the JSON it was given) and answers like `gh api`."""
import json, os, sys
args = sys.argv[1:]
call = {{"args": args}}
if "--input" in args:
    call["input"] = json.load(open(args[args.index("--input") + 1]))
with open(os.environ["FAKE_GH_LOG"], "a") as log:
    log.write(json.dumps(call) + "\n")
if "-X" not in args:  # listing the comments, filtered by the --jq expression
    print(os.environ.get("FAKE_GH_EXISTING", ""))
elif os.environ.get("FAKE_GH_FAIL_WRITES"):
    sys.stderr.write("HTTP 403: Resource not accessible by integration\n")
    sys.exit(1)
else:
    print(json.dumps({{"id": 4242}}))
'''


class Runner:
    """A fake GitHub runner around one checkout."""

    def __init__(self, tmp: Path, example: str) -> None:
        self.workspace = tmp / "workspace"
        shutil.copytree(ROOT / "examples" / example, self.workspace)
        self.summary = tmp / "summary.md"
        self.outputs = tmp / "outputs.txt"
        self.gh_log = tmp / "gh.jsonl"
        bin_dir = tmp / "bin"
        bin_dir.mkdir()
        (bin_dir / "gh").write_text(FAKE_GH.format(python=sys.executable))
        (bin_dir / "gh").chmod(0o755)
        event = tmp / "event.json"
        event.write_text(json.dumps({"action": "synchronize", "pull_request": {"number": 17}}))
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PARR_"))},
            "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
            "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(self.workspace), "GITHUB_REPOSITORY": "acme/agents",
            "GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": str(event),
            "GITHUB_STEP_SUMMARY": str(self.summary), "GITHUB_OUTPUT": str(self.outputs),
            "GH_TOKEN": "not-a-real-token", "FAKE_GH_LOG": str(self.gh_log), "PARR_TODAY": "2026-11-24",
        }
        # The action's defaults, as the composite step passes them.
        for name, spec in ACTION["inputs"].items():
            key = "PARR_INPUT_" + {"sarif-file": "SARIF"}.get(name, name.upper().replace("-", "_"))
            if key in self.step_env():
                self.env[key] = str(spec.get("default", ""))

    @staticmethod
    def step_env() -> dict[str, str]:
        return next(s for s in ACTION["runs"]["steps"] if s.get("id") == "parr")["env"]

    def run_step(self, **inputs: str) -> subprocess.CompletedProcess[str]:
        env = {**self.env, **{f"PARR_INPUT_{k.upper()}": v for k, v in inputs.items()}}
        step = next(s for s in ACTION["runs"]["steps"] if s.get("id") == "parr")
        return subprocess.run(["bash", "-c", step["run"]], cwd=self.workspace, env=env, capture_output=True,
                              text=True, timeout=600)

    def job_exit(self) -> int:
        """The action's last step, run with the exit code the parr step recorded."""
        last = ACTION["runs"]["steps"][-1]
        env = {**self.env, "PARR_EXIT": self.output().get("exit-code", "")}
        return subprocess.run(["bash", "-c", last["run"]], env=env, capture_output=True, text=True).returncode

    def output(self) -> dict[str, str]:
        if not self.outputs.exists():
            return {}
        return dict(line.split("=", 1) for line in self.outputs.read_text().splitlines() if "=" in line)

    def gh_calls(self) -> list[dict]:
        return [json.loads(line) for line in self.gh_log.read_text().splitlines()] if self.gh_log.exists() else []


def test_no_go_pull_request(tmp_path: Path) -> None:
    runner = Runner(tmp_path, "billing-mcp")
    step = runner.run_step()
    assert step.returncode == 0, step.stdout + step.stderr  # the SARIF upload must still run
    out = runner.output()
    assert out["verdict"] == "NO-GO" and out["exit-code"] == "1"
    counts = json.loads(out["counts"])
    assert counts["blocking"] > 0 and counts["pass"] > 0 and set(counts) >= {"fail", "error", "waived", "not_applicable"}
    assert runner.job_exit() == 1

    sarif = json.loads((runner.workspace / out["sarif"]).read_text())
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["tool"]["driver"]["name"] == "parr"
    assert any(r["ruleId"] == "CODE-005" for r in sarif["runs"][0]["results"])

    summary = runner.summary.read_text()
    assert "parr check: NO-GO" in summary and "issue_refund" in summary

    listing, created = runner.gh_calls()
    assert listing["args"][:3] == ["api", "--paginate", "repos/acme/agents/issues/17/comments"]
    assert created["args"][:4] == ["api", "-X", "POST", "repos/acme/agents/issues/17/comments"]
    body = created["input"]["body"]
    marker = Inputs().marker()
    assert re.fullmatch(r"<!-- parr-check-report [0-9a-f]{16} -->", marker)
    assert Inputs(path="./").marker() == marker != Inputs(path="agents/billing").marker() != Inputs(all_manifests=True).marker()
    assert body.startswith(marker + "\n") and "parr check: NO-GO" in body and "CODE-005" in body
    jq = listing["args"][listing["args"].index("--jq") + 1]
    assert jq == f".[] | select(.body | contains({json.dumps(marker)})) | .id"  # exactly this marker


def test_second_run_updates_the_same_comment(tmp_path: Path) -> None:
    runner = Runner(tmp_path, "billing-mcp")
    runner.env["FAKE_GH_EXISTING"] = "987654"
    step = runner.run_step()
    assert step.returncode == 0, step.stderr
    calls = runner.gh_calls()
    assert [c["args"][:4] for c in calls[1:]] == [["api", "-X", "PATCH", "repos/acme/agents/issues/comments/987654"]]
    assert "updated comment 987654" in step.stdout


def test_go_without_comment(tmp_path: Path) -> None:
    runner = Runner(tmp_path, "infra-oncall")
    (runner.workspace / ".parr.toml").write_text('stage = "propose"\nfail-on = "bad-input"\n')
    step = runner.run_step(comment="false")
    # The repository's settings are named in the job log; its fail-on loses to the action's input.
    assert "parr: note: stage is set by" in step.stderr and "fail-on is set" not in step.stderr
    assert step.returncode == 0, step.stderr
    assert runner.output()["verdict"] == "GO" and runner.output()["exit-code"] == "0"
    assert runner.job_exit() == 0
    assert runner.gh_calls() == []
    assert "parr check: GO" in runner.summary.read_text()


def test_advisory_run_reports_no_go_without_failing(tmp_path: Path) -> None:
    runner = Runner(tmp_path, "billing-mcp")
    step = runner.run_step(fail_on="bad-input")
    assert runner.output()["verdict"] == "NO-GO" and runner.output()["exit-code"] == "0", step.stderr
    assert runner.job_exit() == 0


def test_bad_input_fails_the_job_and_says_why(tmp_path: Path) -> None:
    runner = Runner(tmp_path, "billing-mcp")
    manifest = runner.workspace / "parr.yaml"
    manifest.write_text(manifest.read_text().replace("apiVersion: parr/v1", "apiVersion: parr/v9", 1))
    step = runner.run_step()
    assert step.returncode == 0, step.stderr
    out = runner.output()
    assert out["verdict"] == "ERROR" and out["exit-code"] == "2" and out["sarif"] == ""
    assert runner.job_exit() == 2
    summary = runner.summary.read_text()
    assert "could not judge" in summary and "apiVersion 'parr/v9' is not supported" in summary
    assert "could not judge" in runner.gh_calls()[-1]["input"]["body"]


def test_a_read_only_token_still_leaves_summary_sarif_and_exit_code(tmp_path: Path) -> None:
    runner = Runner(tmp_path, "billing-mcp")
    runner.env["FAKE_GH_FAIL_WRITES"] = "1"
    step = runner.run_step()
    assert step.returncode == 0
    assert "::warning title=parr::could not write the PR comment: HTTP 403" in step.stdout
    assert runner.output()["exit-code"] == "1" and (runner.workspace / "parr.sarif").is_file()


def test_not_a_pull_request_means_no_comment(tmp_path: Path) -> None:
    runner = Runner(tmp_path, "billing-mcp")
    runner.env["GITHUB_EVENT_NAME"] = "push"
    runner.run_step()
    assert runner.gh_calls() == [] and runner.output()["verdict"] == "NO-GO"


def test_a_crashed_step_fails_the_job() -> None:
    last = ACTION["runs"]["steps"][-1]
    assert last["if"] == "always()"
    done = subprocess.run(["bash", "-c", last["run"]], env={"PATH": os.environ["PATH"], "PARR_EXIT": ""},
                          capture_output=True, text=True)
    assert done.returncode == 70


def test_action_wiring() -> None:
    steps = ACTION["runs"]["steps"]
    assert ACTION["runs"]["using"] == "composite"
    for step in steps:
        # Inputs go through env, never pasted into a shell line (script injection).
        assert "${{" not in step.get("run", ""), step.get("name")
    parr_step = next(s for s in steps if s.get("id") == "parr")
    for value in parr_step["env"].values():
        if value.startswith("${{ inputs."):
            assert value[len("${{ inputs."):-3].strip() in ACTION["inputs"], value
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@"))
    assert upload["if"].startswith("always()")
    assert steps.index(upload) > steps.index(parr_step)
    for name, spec in ACTION["outputs"].items():
        assert spec["value"] == f"${{{{ steps.parr.outputs.{name} }}}}"


@pytest.mark.parametrize("inputs, expected", [
    ({}, ["check", ".", "--no-color", "--fail-on", "no-go"]),
    ({"PARR_INPUT_ALL": "true", "PARR_INPUT_PATH": "agents", "PARR_INPUT_STAGE": "staging-writes",
      "PARR_INPUT_CHECKLIST": "ci/a.yaml, ci/b.yaml", "PARR_INPUT_BASELINE": "ci/base.json"},
     ["check", "agents", "--no-color", "--fail-on", "no-go", "--all", "--stage", "staging-writes",
      "--checklist", "ci/a.yaml", "--checklist", "ci/b.yaml", "--baseline", "ci/base.json"]),
])
def test_inputs_become_check_flags(inputs: dict[str, str], expected: list[str]) -> None:
    assert Inputs.from_env(inputs).check_args() == expected


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed (gh evaluates the same filter with gojq)")
def test_the_comment_filter_finds_only_this_paths_comment() -> None:
    marker = Inputs(path="agents/billing").marker()
    comments = [{"id": 1, "body": "LGTM"}, {"id": 2, "body": Inputs().marker() + "\nreport for ."},
                {"id": 3, "body": marker + "\n## parr check: NO-GO"}]
    jq = f".[] | select(.body | contains({json.dumps(marker)})) | .id"
    done = subprocess.run(["jq", jq], input=json.dumps(comments), capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["3"]


def test_the_pull_requests_diff_leads_the_comment(tmp_path: Path) -> None:
    runner = Runner(tmp_path, "billing-mcp")
    ws = runner.workspace
    git_env = {**runner.env, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ws, env=git_env, capture_output=True, text=True, check=True).stdout.strip()

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-qm", "base")
    base = git("rev-parse", "HEAD")
    manifest = ws / "parr.yaml"
    manifest.write_text(manifest.read_text().replace("per_day:", "per_day: 99999 #", 1))
    git("commit", "-qam", "raise the daily cap")
    event = Path(runner.env["GITHUB_EVENT_PATH"])
    event.write_text(json.dumps({"action": "synchronize", "pull_request": {"number": 17, "base": {"sha": base}}}))
    step = runner.run_step()
    assert step.returncode == 0, step.stdout + step.stderr
    body = runner.gh_calls()[-1]["input"]["body"]
    marker = Inputs().marker()
    assert body.startswith(marker + "\n<!-- parr-diff -->\n### parr diff")
    assert "spend cap per day raised" in body
    assert body.index("parr diff") < body.index("parr check: NO-GO")
    off = runner.run_step(diff="false")
    assert off.returncode == 0
    assert "<!-- parr-diff -->" not in runner.gh_calls()[-1]["input"]["body"]
