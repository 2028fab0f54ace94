"""The nastiest inputs through the real `parr` executable: no signal, no traceback, nothing planted runs.

CliRunner runs parr inside pytest, where a crash in native code would take the suite down rather
than show as a signal; these cases run the installed console script in its own process.
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.harness import EXAMPLES, MARKER, TALLY, plant_repository

PARR = Path(sys.executable).with_name("parr")


def _cases(repo: Path, tmp: Path) -> list[tuple[str, list[str]]]:
    deep_yaml = tmp / "deep" / "parr.yaml"
    deep_yaml.parent.mkdir()
    deep_yaml.write_text("apiVersion: parr/v1\nagent: " + "[" * 100_000 + "]" * 100_000 + "\n")
    bomb = tmp / "bomb.jsonl.gz"
    bomb.write_bytes(gzip.compress(b"\0" * (80 << 20), compresslevel=1))
    deep_trace = tmp / "deep.jsonl"
    deep_trace.write_bytes(b"[" * 200_000 + b"]" * 200_000 + b"\n" + b'{"cost_usd": NaN, "s": "\\ud800"}\n')
    override = tmp / "override"
    override.mkdir()
    (override / "runbook.md.j2").write_text("{{ 'x' * 10**10 }}")
    control = tmp / "control" / "parr.yaml"
    control.parent.mkdir()
    control.write_bytes(b"apiVersion: parr/v1\nagent: {id: a\x00b}\n")
    return [
        ("check deep YAML", ["check", str(deep_yaml.parent), "--no-scan"]),
        ("check control character", ["check", str(control.parent), "--no-scan"]),
        ("check with scan in a planted repo", ["check", str(repo)]),
        ("traces lint gzip bomb", ["traces", "lint", str(bomb)]),
        ("traces signals deep JSON", ["traces", "signals", str(deep_trace)]),
        ("generate runbook with a 10 GB template", ["generate", "runbook", str(repo), "--no-scan", "--templates", str(override)]),
    ]


@pytest.mark.skipif(not PARR.exists(), reason="the parr console script is not installed beside this Python")
def test_hostile_inputs_through_the_real_executable(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "support-triage", repo)
    plant_repository(repo)
    failures = []
    for name, args in _cases(repo, tmp_path):
        done = subprocess.run([str(PARR), *args], cwd=repo, capture_output=True, text=True, timeout=120,
                              env={"PATH": "/usr/bin:/bin", "PARR_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"})
        why = None
        if done.returncode < 0:
            why = f"killed by signal {-done.returncode}"
        elif done.returncode not in (0, 1, 2):
            why = f"exit {done.returncode}: {done.stderr[-300:]}"
        elif "Traceback" in done.stderr:
            why = "a traceback"
        elif done.returncode == 2 and not all(line.startswith("parr: ") for line in done.stderr.strip().splitlines()):
            why = f"stderr is not one line per problem: {done.stderr[:300]!r}"
        if why:
            TALLY.fail("parr (own process)", name, why)
            failures.append(f"{name}: {why}")
        else:
            TALLY.record("parr (own process)", f"exit {done.returncode}")
    planted = (repo / MARKER).exists()
    assert not failures, "\n".join(failures)
    assert not planted, "the planted git configuration ran during the scan"
