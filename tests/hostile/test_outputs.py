"""--output never loses what the user had: every command that writes a report shares one writer."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from parr.cli import main
from parr.cliutil import is_parr_report

EXAMPLE = Path(__file__).parents[2] / "examples" / "support-triage"

# Every command with --output, as run from inside the agent's repository; {out} is the target.
COMMANDS = {
    "check": ["check", ".", "--format", "json", "--output", "{out}"],
    "scan": ["scan", ".", "--format", "json", "--output", "{out}"],
    "traces lint": ["traces", "lint", "traces/sample.jsonl", "--format", "json", "--output", "{out}"],
    "traces signals": ["traces", "signals", "traces/sample.jsonl", "--format", "json", "--output", "{out}"],
    "policy test": ["policy", "test", ".", "--format", "json", "--output", "{out}"],
    "generate runbook": ["generate", "runbook", ".", "--output", "{out}"],
}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "agent"
    shutil.copytree(EXAMPLE, target)
    monkeypatch.setenv("PARR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("PARR_TODAY", "2026-11-24")
    monkeypatch.chdir(target)
    held = CliRunner().invoke(main, ["rollout", "hold", ".", "--reason", "a real ledger to protect"])
    assert held.exit_code == 0, held.stderr
    return target


def _run(command: str, out: str, *extra: str):
    args = [a.replace("{out}", out) for a in COMMANDS[command]] + list(extra)
    return CliRunner().invoke(main, args, catch_exceptions=False)


def _refused(result) -> str:
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("parr: "), result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file() and not p.is_symlink()}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("target", ["parr.yaml", ".parr/ledger.jsonl", ".parr/new-report.json", "sub/../parr.yaml",
                                    "renamed-manifest.yaml"])
def test_manifest_and_ledger_are_never_outputs_even_with_force(repo: Path, command: str, target: str) -> None:
    if target == "renamed-manifest.yaml":
        (repo / target).write_bytes((repo / "parr.yaml").read_bytes())
    before = _snapshot(repo)
    for extra in ((), ("--force",)):
        message = _refused(_run(command, target, *extra))
        assert "parr.yaml" in message or ".parr" in message or "manifest" in message
    assert _snapshot(repo) == before


@pytest.mark.parametrize("command", COMMANDS)
def test_a_file_parr_did_not_write_is_kept_unless_forced(repo: Path, command: str) -> None:
    notes = repo / "NOTES.md"
    notes.write_text("hand-written notes\n")
    os.chmod(notes, 0o640)
    message = _refused(_run(command, "NOTES.md"))
    assert "NOTES.md" in message and "--force" in message
    assert notes.read_text() == "hand-written notes\n"
    result = _run(command, "NOTES.md", "--force")
    assert result.exit_code in (0, 1), result.stderr
    assert notes.read_text() != "hand-written notes\n"
    assert stat.S_IMODE(notes.stat().st_mode) == 0o640  # a replaced file keeps its mode
    assert not [p for p in repo.iterdir() if p.name.startswith(".NOTES.md.")]  # no temporary file left


@pytest.mark.parametrize("command", [c for c in COMMANDS if c != "generate runbook"])
def test_a_report_parr_wrote_is_replaced_and_gets_a_normal_mode(repo: Path, command: str) -> None:
    old = os.umask(0o022)
    try:
        first = _run(command, "report.json")
        assert first.exit_code in (0, 1), first.stderr
        report = repo / "report.json"
        assert is_parr_report(report.read_bytes()[:4096])
        assert stat.S_IMODE(report.stat().st_mode) == 0o644  # not mkstemp's 0600
        again = _run(command, "report.json")
        assert again.exit_code == first.exit_code, again.stderr
    finally:
        os.umask(old)


def test_umask_is_honoured(repo: Path) -> None:
    old = os.umask(0o077)
    try:
        assert _run("scan", "private.json").exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((repo / "private.json").stat().st_mode) == 0o600


@pytest.mark.parametrize("command", COMMANDS)
def test_never_through_a_symlink(repo: Path, tmp_path: Path, command: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim.json").write_text("precious\n")
    ledger = (repo / ".parr" / "ledger.jsonl").read_bytes()
    (repo / "reports").symlink_to(outside)  # a directory the repository links out of itself
    (repo / "link.json").symlink_to(outside / "victim.json")
    (repo / "to-ledger.json").symlink_to(repo / ".parr" / "ledger.jsonl")
    (repo / "inside").mkdir()
    for target in ("reports/new.json", "reports/victim.json", "link.json", "to-ledger.json", "inside/../reports/x.json"):
        for extra in ((), ("--force",)):
            _refused(_run(command, target, *extra))
    assert sorted(p.name for p in outside.iterdir()) == ["victim.json"]
    # `link/..` is the folder holding the link, as written, never the link's target's parent.
    assert _run(command, "reports/../lexical.json").exit_code in (0, 1)
    assert (repo / "lexical.json").exists() and not (tmp_path / "lexical.json").exists()
    assert (outside / "victim.json").read_text() == "precious\n"
    assert (repo / ".parr" / "ledger.jsonl").read_bytes() == ledger


@pytest.mark.parametrize("command", COMMANDS)
def test_not_a_regular_file(repo: Path, command: str) -> None:
    (repo / "adir").mkdir()
    os.mkfifo(repo / "fifo")
    for target in ("adir", "fifo"):
        _refused(_run(command, target, "--force"))
    assert (repo / "adir").is_dir() and stat.S_ISFIFO(os.lstat(repo / "fifo").st_mode)


@pytest.mark.parametrize("command", COMMANDS)
def test_dash_is_stdout(repo: Path, command: str) -> None:
    result = _run(command, "-")
    assert result.exit_code in (0, 1), result.stderr
    assert result.stdout.strip()
    assert not (repo / "-").exists()


def test_a_symlink_inside_its_own_directory_is_followed(repo: Path) -> None:
    (repo / "out").mkdir()
    (repo / "latest").symlink_to(repo / "out")
    assert _run("scan", "latest/scan.json").exit_code == 0
    assert is_parr_report((repo / "out" / "scan.json").read_bytes())
