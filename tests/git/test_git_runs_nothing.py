"""A scanned repository's git configuration never makes parr run a command (issue 20).

The fixture's `.git/config` names a marker-writing program in every key git documents as taking a
command (fsmonitor, hooks and hooksPath, filters, external diff and textconv, pagers, editors,
transports, credential helpers, gpg programs), a tracked `.gitattributes` routes every file through
those filters, and the work tree is touched so that an index refresh would re-hash (and filter)
everything. Every parr command that can reach git then runs; the marker must never appear. A
control at the end runs plain `git status` and `git diff` to prove the trap is armed.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from parr.cli import main
from tests.conftest import build_repo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

HOOKS = (
    "applypatch-msg pre-applypatch post-applypatch pre-commit pre-merge-commit prepare-commit-msg commit-msg "
    "post-commit pre-rebase post-checkout post-merge pre-push pre-receive update proc-receive post-receive "
    "post-update reference-transaction push-to-checkout pre-auto-gc post-rewrite sendemail-validate "
    "fsmonitor-watchman post-index-change"
).split()


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)


def _executable(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


def hostile_repo(tmp_path: Path) -> tuple[Path, Path]:
    """An agent repository whose git configuration would run `evil` in every way it can."""
    marker = tmp_path / "MARKER"
    evil = tmp_path / "evil.sh"
    # Records who ran it, and behaves enough like each program (cat for filters) not to hang git.
    _executable(evil, f'#!/bin/sh\necho "$0 $*" >> "{marker}"\ncat >/dev/null 2>&1 </dev/null\nexit 0\n')
    repo = build_repo(tmp_path / "agent", files={".gitattributes": "* filter=evil diff=evil merge=evil\n"})
    _git(repo, "init", "-q")
    _git(repo, "config", "user.name", "Priya Natarajan")
    _git(repo, "config", "user.email", "priya@example.com")
    _git(repo, "add", "-A")
    assert _git(repo, "commit", "-qm", "agent").returncode == 0

    hooks = tmp_path / "hooks"
    hooks.mkdir()
    for directory in (hooks, repo / ".git" / "hooks"):
        for name in HOOKS:
            _executable(directory / name, f'#!/bin/sh\necho "hook {name}" >> "{marker}"\n')
    settings = {
        "core.fsmonitor": f"{evil} fsmonitor",
        "core.hooksPath": str(hooks),
        "core.pager": f"{evil} pager",
        "core.editor": f"{evil} editor",
        "sequence.editor": f"{evil} sequence-editor",
        "core.askPass": f"{evil} askpass",
        "core.sshCommand": f"{evil} ssh",
        "core.gitProxy": f"{evil} gitproxy",
        "core.alternateRefsCommand": f"{evil} alternate-refs",
        "core.untrackedCache": "true",
        "filter.evil.clean": f"{evil} clean",
        "filter.evil.smudge": f"{evil} smudge",
        "filter.evil.process": f"{evil} process",
        "filter.evil.required": "true",
        "diff.external": f"{evil} external-diff",
        "diff.evil.textconv": f"{evil} textconv",
        "diff.evil.command": f"{evil} diff-command",
        "merge.evil.driver": f"{evil} merge-driver",
        "pager.status": f"{evil} pager-status",
        "pager.diff": f"{evil} pager-diff",
        "pager.log": f"{evil} pager-log",
        "pager.ls-files": f"{evil} pager-ls-files",
        "pager.cat-file": f"{evil} pager-cat-file",
        "credential.helper": f"!{evil} credential",
        "gpg.program": f"{evil} gpg",
        "gpg.ssh.program": f"{evil} gpg-ssh",
        "gpg.ssh.defaultKeyCommand": f"{evil} ssh-default-key",
        "gc.auto": "1",
        "gc.autoDetach": "false",
        "protocol.ext.allow": "always",
        "remote.origin.url": f"ext::{evil} ext-transport",
        "remote.origin.uploadpack": f"{evil} uploadpack",
        "web.browser": "evil",
        "browser.evil.cmd": f"{evil} browser",
        "alias.ls-files": f"!{evil} alias",
        "include.path": str(tmp_path / "included.gitconfig"),
    }
    # An included file is config too: command-line -c still outranks it.
    (tmp_path / "included.gitconfig").write_text(f"[core]\n\tfsmonitor = {evil} included-fsmonitor\n"
                                                 f"\thooksPath = {hooks}\n[diff]\n\texternal = {evil} included-diff\n")
    for key, value in settings.items():
        assert _git(repo, "config", key, value).returncode == 0, key
    # A touched work tree: any index refresh (status, diff, add) would re-hash through the filter.
    later = time.time() + 5
    for path in repo.rglob("*"):
        if ".git" not in path.parts and path.is_file():
            os.utime(path, (later, later))
    assert not marker.exists(), "setting up the fixture ran a command"
    return repo, marker


COMMANDS = [
    ["scan", "{repo}", "--no-cache", "--format", "json"],
    ["check", "{repo}", "--format", "json", "--today", "2026-11-24"],
    ["check", "{repo}", "--all", "--today", "2026-11-24"],
    ["generate", "runbook", "{repo}"],
    ["policy", "test", "{repo}"],
    ["rollout", "status", "{repo}"],
    ["rollout", "promote", "{repo}", "--reason", "go", "--approver", "@eng-billing"],
    ["rollout", "hold", "{repo}", "--reason", "look"],
    ["rollout", "release", "{repo}", "--reason", "ok"],
    ["rollout", "history", "{repo}", "--format", "json"],
    ["rollout", "verify", "{repo}"],
    ["rollout", "rollback", "{repo}", "--reason", "kill"],
    ["init", "{repo}"],  # scans, then refuses to overwrite parr.yaml
]


def test_no_git_configured_program_runs_for_any_command(tmp_path: Path) -> None:
    repo, marker = hostile_repo(tmp_path)
    runner = CliRunner()
    outcomes = {}
    for command in COMMANDS:
        args = [a.format(repo=repo) for a in command]
        result = runner.invoke(main, args)
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
        outcomes[" ".join(command[:2])] = result.exit_code
        assert not marker.exists(), f"`parr {' '.join(command)}` ran: {marker.read_text()}"
    # The rollout commands really reached git: the promotion recorded the commit.
    assert outcomes["rollout promote"] == 0
    head = _git(repo, "rev-parse", "HEAD").stdout.strip()
    assert head in (repo / ".parr" / "ledger.jsonl").read_text()

    # Control: git itself, without parr's settings, does run the planted programs here.
    _git(repo, "status")
    _git(repo, "diff")
    assert marker.exists() and "fsmonitor" in marker.read_text()


def test_a_partial_clone_never_fetches_through_a_configured_transport(tmp_path: Path) -> None:
    """Reading an old blob that a partial clone lacks would make git fetch it lazily from the
    promisor remote, through whatever transport the repository names (here `ext::`, re-allowed
    by `protocol.ext.allow`). `rollout verify` reads certified files from old commits."""
    from parr.rollout import open_rollout, promote

    marker = tmp_path / "MARKER"
    evil = tmp_path / "evil.sh"
    _executable(evil, f'#!/bin/sh\necho "$0 $*" >> "{marker}"\nexit 1\n')
    src = build_repo(tmp_path / "src")
    _git(src, "init", "-q")
    _git(src, "config", "user.name", "Sam Okafor")
    _git(src, "config", "user.email", "sam@example.com")
    _git(src, "config", "uploadpack.allowFilter", "true")
    _git(src, "add", "-A")
    _git(src, "commit", "-qm", "agent")
    promote(open_rollout(src), reason="ready", approver="@priya")
    (src / "parr.yaml").write_text((src / "parr.yaml").read_text() + "# reviewed\n")
    _git(src, "add", "-A")
    _git(src, "commit", "-qm", "ledger, and a later manifest")
    dst = tmp_path / "dst"
    assert _git(tmp_path, "clone", "-q", "--filter=blob:none", f"file://{src}", str(dst)).returncode == 0
    _git(dst, "config", "protocol.ext.allow", "always")
    _git(dst, "config", "remote.origin.url", f"ext::{evil} %S")

    result = CliRunner().invoke(main, ["rollout", "verify", str(dst)])
    assert result.exit_code == 0, result.output
    assert "parr.yaml in commit" in result.stdout and "is not in this clone (a partial clone?)" in result.stdout
    assert not marker.exists()

    old = _git(src, "rev-parse", "HEAD~1").stdout.strip()
    _git(dst, "cat-file", "blob", f"{old}:parr.yaml")  # control: git alone runs the transport
    assert marker.exists()


def test_cleanliness_never_reads_a_tracked_path_through_a_symlinked_directory(tmp_path: Path) -> None:
    from parr.gitinfo import git_context

    repo = build_repo(tmp_path / "agent")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=a", "-c", "user.email=a@b", "commit", "-qm", "agent")
    assert git_context(repo).worktree.changed == ()
    # Swap a tracked directory for a link to a directory outside holding the same names.
    outside = tmp_path / "elsewhere"
    shutil.move(str(repo / "evals"), str(outside))
    os.symlink(outside, repo / "evals")
    changed = git_context(repo).worktree.changed
    assert {"evals/regression.xml", "evals/scenario.xml", "evals/adversarial.json"} <= set(changed)


def test_a_fifo_exclude_file_does_not_hang_the_scan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """git blocks for ever opening .git/info/exclude when it is a FIFO; the scan walks the tree instead."""
    import parr.scan.walker as walker

    monkeypatch.setattr(walker, "GIT_LISTING_TIMEOUT_SECONDS", 2)
    repo = build_repo(tmp_path / "agent")
    _git(repo, "init", "-q")
    exclude = repo / ".git" / "info" / "exclude"
    exclude.parent.mkdir(exist_ok=True)
    exclude.unlink(missing_ok=True)
    os.mkfifo(exclude)
    started = time.monotonic()
    result = CliRunner().invoke(main, ["scan", str(repo), "--no-cache", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert time.monotonic() - started < 30
    assert "issue_refund" in result.stdout


def test_git_reads_the_repository_at_the_path_not_one_named_by_the_environment(tmp_path: Path, monkeypatch) -> None:
    """A git hook runs parr with GIT_DIR/GIT_INDEX_FILE of the repository being committed to."""
    from parr.gitinfo import git_context

    agent = build_repo(tmp_path / "agent")
    other = tmp_path / "other"
    other.mkdir()
    for repo in (agent, other):
        _git(repo, "init", "-q")
        (repo / "x.txt").write_text(repo.name)
        _git(repo, "add", "-A")
        _git(repo, "-c", "user.name=a", "-c", "user.email=a@b", "commit", "-qm", repo.name)
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))
    monkeypatch.setenv("GIT_INDEX_FILE", str(other / ".git" / "index"))
    context = git_context(agent)
    assert context.root == agent and context.commit == _git(agent, "rev-parse", "HEAD").stdout.strip()
    assert context.worktree.changed == ()


def test_no_git_configured_program_runs_in_a_real_process(tmp_path: Path) -> None:
    """The same trap through a separate parr process (its own environment and stdin/stdout)."""
    import sys

    repo, marker = hostile_repo(tmp_path)
    for command in (["scan", str(repo), "--no-cache"], ["check", str(repo)], ["rollout", "status", str(repo)],
                    ["rollout", "verify", str(repo)]):
        done = subprocess.run([sys.executable, "-c", "from parr.cli import main; main()", *command],
                              capture_output=True, text=True, timeout=300, check=False)
        assert done.returncode in (0, 1), (command, done.stderr[-500:])
        assert "Traceback" not in done.stderr
        assert not marker.exists(), f"`parr {' '.join(command)}` ran: {marker.read_text()}"


@pytest.mark.parametrize("where", ["config", "HEAD", "index", "packed-refs", "refs/heads/trap", "info/exclude"])
def test_a_fifo_inside_dot_git_never_hangs_a_command(tmp_path: Path, where: str) -> None:
    """git blocks for ever opening any of these when it is a FIFO; parr checks before it runs git."""
    repo = build_repo(tmp_path / "agent")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=a", "-c", "user.email=a@b", "commit", "-qm", "agent")
    ledger = repo / ".parr" / "ledger.jsonl"
    ledger.parent.mkdir()
    ledger.write_text('{"action":"promote","actor":{"email":null,"name":"S"},"allow_dirty":false,"approver":null,'
                      '"check":null,"commit":null,"dirty":false,"from_stage":"propose","hash":"x","prev":"0",'
                      '"reason":"seed","seq":1,"time":"2026-11-24T09:00:00+00:00","to_stage":"staging-writes"}\n')
    target = repo / ".git" / where
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    os.mkfifo(target)
    started = time.monotonic()
    runner = CliRunner()
    for command in (["scan", str(repo), "--no-cache", "--format", "json"], ["rollout", "status", str(repo)],
                    ["rollout", "promote", str(repo), "--reason", "go", "--approver", "@eng-billing"],
                    ["rollout", "verify", str(repo)]):
        result = runner.invoke(main, command)
        assert result.exception is None or isinstance(result.exception, SystemExit), (command, result.exception)
    promote = runner.invoke(main, ["rollout", "promote", str(repo), "--reason", "go", "--approver", "@eng-billing"])
    assert promote.exit_code == 1 and "is not a regular file (a pipe or device?)" in promote.stderr, promote.output
    rolled = runner.invoke(main, ["rollout", "rollback", str(repo), "--reason", "stop"])
    assert rolled.exit_code == 0 and "rollback staging-writes → propose" in rolled.stdout, rolled.output
    assert time.monotonic() - started < 60
