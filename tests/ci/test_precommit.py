"""The pre-commit hooks: the file parses as pre-commit reads it, and each hook, run the way
pre-commit runs it (entry + args + the staged files its `files` pattern selects), passes a good
fixture and fails a bad one."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).parents[2]
HOOKS = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}


def test_hooks_file_has_what_pre_commit_needs() -> None:
    assert set(HOOKS) == {"parr-validate", "parr-check", "parr-traces-lint"}
    for hook in HOOKS.values():
        assert {"id", "name", "entry", "language"} <= set(hook), hook["id"]
        assert hook["language"] == "python"  # pre-commit installs this repository with pip
        assert shlex.split(hook["entry"])[0] == "parr"
        re.compile(hook.get("files", ""))
        re.compile(hook.get("exclude", "^$"))


def _selected(hook: dict, repo: Path) -> list[str]:
    """The repository's files pre-commit would hand this hook (pattern search on the relative path)."""
    files = sorted(p.relative_to(repo).as_posix() for p in repo.rglob("*") if p.is_file())
    include, exclude = re.compile(hook.get("files", "")), re.compile(hook.get("exclude", "^$"))
    return [f for f in files if include.search(f) and not exclude.search(f)]


def _run_hook(hook_id: str, repo: Path, today: str = "2026-11-24") -> subprocess.CompletedProcess[str]:
    hook = HOOKS[hook_id]
    command = [sys.executable, "-m", "parr", *shlex.split(hook["entry"])[1:], *hook.get("args", [])]
    if hook.get("pass_filenames", True):
        selected = _selected(hook, repo)
        assert selected, f"{hook_id} selects no file in {repo}"
        command += selected
    env = {**os.environ, "PARR_TODAY": today}
    return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture
def triage(tmp_path: Path) -> Path:
    repo = tmp_path / "support-triage"
    shutil.copytree(ROOT / "examples" / "support-triage", repo)
    return repo


def test_validate_hook(triage: Path) -> None:
    assert _selected(HOOKS["parr-validate"], triage) == ["parr.yaml"]
    good = _run_hook("parr-validate", triage)
    assert good.returncode == 0, good.stderr
    manifest = triage / "parr.yaml"
    manifest.write_text(manifest.read_text().replace("  description:", "  descripton:", 1))
    bad = _run_hook("parr-validate", triage)
    assert bad.returncode == 2
    lines = bad.stderr.strip().splitlines()
    assert len(lines) == 1 and re.match(r"parr: parr\.yaml:\d+: unknown key 'descripton'", lines[0]), bad.stderr


def test_check_hook(triage: Path) -> None:
    good = _run_hook("parr-check", triage)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "GO support-triage" in good.stdout
    # A commit adds a tool that deletes, and no manifest entry for it: blocking from propose.
    (triage / "triage" / "admin.py").write_text(
        "import httpx\nfrom agents import function_tool\n\n\n@function_tool\n"
        "def purge_case(case_id: str) -> str:\n    httpx.delete(f'https://crm.internal/cases/{case_id}')\n    return 'gone'\n")
    bad = _run_hook("parr-check", triage)
    assert bad.returncode == 1 and "NO-GO support-triage" in bad.stdout and "purge_case" in bad.stdout


def test_traces_lint_hook(triage: Path) -> None:
    # A rollout ledger is JSON Lines too: the trace hook must leave it alone.
    (triage / ".parr").mkdir()
    (triage / ".parr" / "ledger.jsonl").write_text('{"seq": 1}\n')
    assert _selected(HOOKS["parr-traces-lint"], triage) == ["traces/sample.jsonl"]
    good = _run_hook("parr-traces-lint", triage)
    assert good.returncode == 0, good.stdout + good.stderr
    event = json.loads((triage / "traces" / "sample.jsonl").read_text().splitlines()[0])
    event["tool_call"]["args"]["customer_email"] = "dana.whitfield@gmail.com"
    (triage / "traces" / "leaky-trace.jsonl").write_text(json.dumps(event) + "\n")
    bad = _run_hook("parr-traces-lint", triage)
    assert bad.returncode == 1
    assert "leaky-trace.jsonl" in bad.stdout and "dana.whitfield@gmail.com" not in bad.stdout


def test_hooks_file_against_pre_commits_own_schema() -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib", reason="pre-commit is not installed here")
    hooks = clientlib.load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert {h["id"] for h in hooks} == set(HOOKS)
