"""Command-line conventions: NO_COLOR, `-` for stdout, `python -m parr`, every environment variable in
`--help`, and a scan progress line on a terminal only."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from parr.cli import main

ROOT = Path(__file__).parents[2]
PACKAGE = ROOT / "parr"
ANSI = re.compile(rb"\x1b\[[0-9;]*m")


def _on_terminal(args: list[str], env: dict[str, str], *, stdout_tty: bool = True) -> tuple[bytes, bytes]:
    """Run with a pseudo-terminal as stderr (and stdout unless stdout_tty is False): (stdout, terminal)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(args, stdout=slave if stdout_tty else subprocess.PIPE, stderr=slave,
                            stdin=subprocess.DEVNULL, env=env, cwd=ROOT)
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    stdout = proc.stdout.read() if proc.stdout else b""
    proc.wait(timeout=300)
    os.close(master)
    return stdout, seen


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    return {**env, "TERM": "xterm-256color", "COLUMNS": "200", "PARR_TODAY": "2026-11-24", **extra}


PARR = [sys.executable, "-m", "parr"]
COLOURED = [
    ["scan", "examples/support-triage"],
    ["check", "examples/billing-mcp"],
    ["traces", "lint", "examples/support-triage/traces/sample.jsonl"],
]


@pytest.mark.parametrize("args", COLOURED, ids=lambda a: a[0])
def test_no_color_is_honoured_on_a_terminal(args: list[str]) -> None:
    _, coloured = _on_terminal(PARR + args, _env())
    assert ANSI.search(coloured), coloured[:300]
    _, empty = _on_terminal(PARR + args, _env(NO_COLOR=""))  # no-color.org: an empty value does not count
    assert ANSI.search(empty)
    _, plain = _on_terminal(PARR + args, _env(NO_COLOR="1"))
    assert not ANSI.search(plain), plain[:300]
    assert len(plain) > 50


def test_colour_is_decided_in_one_place() -> None:
    """Every command asks cliutil.use_color, so NO_COLOR holds for commands added later too."""
    deciding = sorted(str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
                      if "stdout.isatty()" in p.read_text(encoding="utf-8"))
    assert deciding == ["cliutil.py"]


ENV_READS = (
    re.compile(r"""environ\.get\(\s*["']([A-Z][A-Z0-9_]+)["']"""),
    re.compile(r"""envvar=["']([A-Z][A-Z0-9_]+)["']"""),
    re.compile(r"""^[A-Z_]*ENV\s*=\s*["']([A-Z][A-Z0-9_]+)["']""", re.M),
)
# Read for other reasons than configuring parr: the actor's fallback name, the Action's inputs
# (documented in action.yml), and variables parr passes on or strips for child processes.
NOT_SETTINGS = {"USER"}


def test_every_environment_variable_is_in_help() -> None:
    names: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        if path.parent.name == "ci":
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in ENV_READS:
            names.update(pattern.findall(text))
    names -= NOT_SETTINGS
    assert {"PARR_TODAY", "PARR_POLICY_MEMORY_MB", "PARR_REQUIRE_SIGNED", "PARR_CACHE_DIR"} <= names
    shown = CliRunner().invoke(main, ["--help"]).output
    missing = sorted(n for n in names | {"NO_COLOR"} if n not in shown)
    assert missing == []


@pytest.mark.parametrize("args", [
    ["check", "examples/billing-mcp", "--format", "json"],
    ["scan", "examples/support-triage", "--format", "json"],
    ["traces", "lint", "examples/support-triage/traces/sample.jsonl", "--format", "json"],
    ["generate", "runbook", "examples/support-triage"],
], ids=lambda a: a[0])
def test_dash_is_stdout(args: list[str], tmp_path: Path) -> None:
    env = {**_env(), "NO_COLOR": "1"}
    done = subprocess.run([*PARR, *[str(ROOT / a) if a.startswith("examples/") else a for a in args], "--output", "-"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 1), done.stderr
    assert len(done.stdout) > 100 and list(tmp_path.iterdir()) == []
    if "json" in args:
        json.loads(done.stdout)


def test_python_dash_m() -> None:
    via_module = subprocess.run([*PARR, "--version"], capture_output=True, text=True, check=True)
    assert via_module.stdout == CliRunner().invoke(main, ["--version"]).output
    usage = subprocess.run([*PARR, "--help"], capture_output=True, text=True, check=True).stdout
    assert usage.startswith("Usage: parr ")


PROGRESS_PROBE = """
import sys
import parr.progress
parr.progress.DELAY_SECONDS = 0.0
sys.argv = ["parr", "scan", sys.argv[1], "--format", "json", "--no-cache"]
from parr.cli import main
main()
"""


@pytest.fixture
def many_files(tmp_path: Path) -> Path:
    for index in range(300):
        (tmp_path / f"module_{index}.py").write_text(f"def helper_{index}(value: int) -> int:\n    return value\n")
    return tmp_path


def test_progress_on_a_terminal_only(many_files: Path) -> None:
    command = [sys.executable, "-c", PROGRESS_PROBE, str(many_files)]
    stdout, terminal = _on_terminal(command, _env(), stdout_tty=False)
    assert b"scanning: " in terminal and b"files" in terminal
    assert json.loads(stdout)["files_scanned"] == 300  # the report itself is untouched
    piped = subprocess.run(command, capture_output=True, env=_env(), cwd=ROOT, timeout=300)
    assert piped.returncode == 0 and piped.stderr == b""
