"""The GitHub Action's work: run `parr check`, write SARIF, the job summary, one PR comment and the step outputs.

action.yml runs `python -m parr.ci.github` with the action's inputs in PARR_INPUT_* variables (never
interpolated into a shell line, so an input cannot inject commands). This module always exits 0
once it has recorded parr's exit code in the step outputs: the SARIF upload runs next, even on
NO-GO, and the action's last step fails the job with that code.

The PR comment goes through `gh api` (preinstalled on GitHub's runners, authenticated by GH_TOKEN)
rather than actions/github-script: the whole flow stays in this one Python module, which the tests
run with a fake `gh` on PATH, and the action pins no extra JavaScript action.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

# GitHub refuses comment bodies over 65,536 characters.
MAX_COMMENT_CHARS = 65_000
MAX_SUMMARY_CHARS = 1_000_000  # the job summary's limit is 1 MiB per step
EXIT_INTERNAL = 70


@dataclass(frozen=True)
class Inputs:
    path: str = "."
    all_manifests: bool = False
    stage: str = ""
    checklists: tuple[str, ...] = ()
    baseline: str = ""
    fail_on: str = "no-go"
    comment: bool = True
    sarif: str = "parr.sarif"
    diff: bool = True  # on a pull request, `parr diff` against its base leads the comment

    @classmethod
    def from_env(cls, env: dict[str, str]) -> Inputs:
        def text(name: str, default: str = "") -> str:
            return env.get(f"PARR_INPUT_{name}", "").strip() or default

        def flag(name: str, default: bool) -> bool:
            value = text(name).lower()
            return default if not value else value in ("true", "1", "yes")

        lists = text("CHECKLIST").replace(",", "\n").splitlines()
        return cls(path=text("PATH", "."), all_manifests=flag("ALL", False), stage=text("STAGE"),
                   checklists=tuple(c.strip() for c in lists if c.strip()), baseline=text("BASELINE"),
                   fail_on=text("FAIL_ON", "no-go"), comment=flag("COMMENT", True), sarif=text("SARIF", "parr.sarif"),
                   diff=flag("DIFF", True))

    def check_args(self) -> list[str]:
        """`parr check` arguments for these inputs (the format and output are added per run)."""
        args = ["check", self.path, "--no-color", "--fail-on", self.fail_on]
        if self.all_manifests:
            args.append("--all")
        if self.stage:
            args += ["--stage", self.stage]
        for checklist in self.checklists:
            args += ["--checklist", checklist]
        if self.baseline:
            args += ["--baseline", self.baseline]
        return args

    def marker(self) -> str:
        """The hidden line that finds this action's comment again: one per checked path, so two jobs
        checking two agents keep one comment each. A digest, not the path: a path holding `-->`
        would end the HTML comment early."""
        target = ("--all " if self.all_manifests else "") + os.path.normpath(self.path)
        return f"<!-- parr-check-report {hashlib.sha256(target.encode()).hexdigest()[:16]} -->"


@dataclass
class Outcome:
    exit_code: int
    verdict: str
    counts: dict[str, int] = field(default_factory=dict)
    markdown: str = ""
    notes: list[str] = field(default_factory=list)


def _parr(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "parr", *args], capture_output=True, text=True, env=env, check=False)


def run_checks(inputs: Inputs, env: dict[str, str]) -> Outcome:
    """Run `parr check` for the JSON verdict, then the SARIF file and the Markdown report.

    Every run judges the same day (PARR_TODAY pinned at the first, unless the workflow pins it), so
    a job that crosses midnight cannot upload a SARIF that disagrees with its verdict."""
    env = {**env, "PARR_TODAY": env.get("PARR_TODAY") or dt.date.today().isoformat(), "NO_COLOR": "1"}
    base = inputs.check_args()
    verdict_run = _parr([*base, "--format", "json"], env)
    # parr's notes (settings taken from [tool.parr], warnings) belong in the job log.
    sys.stderr.write(verdict_run.stderr)
    if verdict_run.returncode not in (0, 1):
        problem = verdict_run.stderr.strip() or f"parr exited with status {verdict_run.returncode}"
        text = ("## parr check: could not judge\n\n"
                f"parr exited with status {verdict_run.returncode}:\n\n```text\n{problem.replace('```', '` ` `')}\n```\n")
        return Outcome(verdict_run.returncode, "ERROR", markdown=text, notes=[problem])
    report = json.loads(verdict_run.stdout)
    counts: dict[str, int] = {}
    for agent in report.get("reports", []):
        for key, value in agent.get("counts", {}).items():
            counts[key] = counts.get(key, 0) + int(value)
    outcome = Outcome(verdict_run.returncode, report.get("verdict", "ERROR"), counts)
    sarif_run = _parr([*base, "--format", "sarif", "--output", inputs.sarif], env)
    if sarif_run.returncode not in (0, 1):
        outcome.notes.append(f"SARIF not written: {sarif_run.stderr.strip()}")
    markdown_run = _parr([*base, "--format", "markdown"], env)
    outcome.markdown = markdown_run.stdout
    if markdown_run.returncode not in (0, 1):
        outcome.notes.append(f"Markdown report not written: {markdown_run.stderr.strip()}")
    return outcome


def pull_request_base(env: dict[str, str]) -> str | None:
    """The pull request's base commit, from the event file (None outside a pull request)."""
    path = env.get("GITHUB_EVENT_PATH")
    if not path:
        return None
    try:
        with open(path, encoding="utf-8") as handle:
            event = json.load(handle)
    except (OSError, ValueError):
        return None
    base = ((event.get("pull_request") or {}).get("base") or {}).get("sha")
    return base if isinstance(base, str) and base else None


def run_diff(inputs: Inputs, base: str, env: dict[str, str]) -> tuple[str, str | None]:
    """`parr diff BASE HEAD PATH --format markdown`: what the pull request changes in the agent's
    tools, access, policy decisions and verdict. A diff that cannot be made is a note, never a failure
    (a shallow checkout lacks the base commit: fetch-depth 0 gives it)."""
    env = {**env, "PARR_TODAY": env.get("PARR_TODAY") or dt.date.today().isoformat(), "NO_COLOR": "1"}
    args = ["diff", base, "HEAD", inputs.path, "--format", "markdown"]
    if inputs.all_manifests:
        args.append("--all")
    if inputs.stage:
        args += ["--stage", inputs.stage]
    done = _parr(args, env)
    if done.returncode != 0:
        return "", f"parr diff against {base[:12]} not shown: {done.stderr.strip() or done.returncode}"
    return done.stdout, None


def capped(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    note = "\n\n_(report cut at GitHub's size limit; the full report is in the SARIF upload and the job log)_\n"
    return text[: limit - len(note)] + note


def write_outputs(outcome: Outcome, inputs: Inputs, env: dict[str, str]) -> None:
    """Step outputs (verdict, counts, exit-code, sarif) and the job summary, where the runner gives their files."""
    output_file = env.get("GITHUB_OUTPUT")
    if output_file:
        with open(output_file, "a", encoding="utf-8") as handle:
            handle.write(f"verdict={outcome.verdict}\n")
            handle.write(f"counts={json.dumps(outcome.counts, sort_keys=True)}\n")
            handle.write(f"exit-code={outcome.exit_code}\n")
            handle.write(f"sarif={inputs.sarif if Path(inputs.sarif).is_file() else ''}\n")
    summary_file = env.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        with open(summary_file, "a", encoding="utf-8") as handle:
            handle.write(capped(outcome.markdown, MAX_SUMMARY_CHARS) + "\n")


def pull_request_number(env: dict[str, str]) -> int | None:
    """The PR this run belongs to, from the event payload (pull_request and pull_request_target)."""
    event_path = env.get("GITHUB_EVENT_PATH")
    if not event_path or not env.get("GITHUB_EVENT_NAME", "").startswith("pull_request"):
        return None
    try:
        event = json.loads(Path(event_path).read_text(encoding="utf-8"))
        number = event["pull_request"]["number"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return number if isinstance(number, int) and number > 0 else None


def _gh(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["gh", "api", *args], capture_output=True, text=True, env=env, check=False)


def upsert_comment(body: str, marker: str, number: int, env: dict[str, str]) -> str:
    """Create the PR comment, or update the one carrying `marker`; returns what happened, for the log."""
    repo = env["GITHUB_REPOSITORY"]
    found = _gh(["--paginate", f"repos/{repo}/issues/{number}/comments",
                 "--jq", f".[] | select(.body | contains({json.dumps(marker)})) | .id"], env)
    if found.returncode != 0:
        return f"could not list the PR's comments: {found.stderr.strip()}"
    ids = [line.strip() for line in found.stdout.splitlines() if line.strip().isdigit()]
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as payload:
        json.dump({"body": body}, payload)
    try:
        if ids:
            done = _gh(["-X", "PATCH", f"repos/{repo}/issues/comments/{ids[0]}", "--input", payload.name], env)
            what = f"updated comment {ids[0]}"
        else:
            done = _gh(["-X", "POST", f"repos/{repo}/issues/{number}/comments", "--input", payload.name], env)
            what = "created a comment"
    finally:
        os.unlink(payload.name)
    if done.returncode != 0:
        # A fork's pull request gets a read-only token: the report is still in the summary and SARIF.
        return f"could not write the PR comment: {done.stderr.strip()}"
    return what


def _warning(text: str) -> str:
    """A workflow command on one line, escaped as the runner expects (%, CR, LF)."""
    message = " ".join(text.split()).replace("%", "%25")
    return f"::warning title=parr::{message}"


def main(env: dict[str, str] | None = None) -> int:
    env = dict(os.environ if env is None else env)
    inputs = Inputs.from_env(env)
    outcome = run_checks(inputs, env)
    for note in outcome.notes:
        print(_warning(note))
    write_outputs(outcome, inputs, env)
    number = pull_request_number(env)
    if inputs.comment and number is not None:
        lead = ""
        base = pull_request_base(env) if inputs.diff else None
        if base is not None:
            lead, problem = run_diff(inputs, base, env)
            if problem:
                print(_warning(problem))
        body = capped(f"{inputs.marker()}\n{lead}{chr(10) if lead else ''}{outcome.markdown}", MAX_COMMENT_CHARS)
        result = upsert_comment(body, inputs.marker(), number, env)
        print(f"parr: {result}" if result.startswith(("created", "updated")) else _warning(result))
    print(f"parr: {outcome.verdict}, exit code {outcome.exit_code}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
