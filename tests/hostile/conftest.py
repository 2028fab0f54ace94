"""The hostile suite prints what it tried and how it ended, so every run's counts are on record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.hostile.harness import TALLY


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not TALLY.tried:
        return
    summary = TALLY.summary()
    terminalreporter.write_sep("-", "hostile inputs tried (seed %d)" % summary["seed"])
    for command, count in sorted(summary["tried"].items()):
        outcomes = ", ".join(f"{key.split(': ', 1)[1]} {n}" for key, n in summary["outcomes"].items()
                             if key.split(": ", 1)[0] == command)
        terminalreporter.write_line(f"{command:<34} {count:>6}  ({outcomes})")
    terminalreporter.write_line(f"failures: {summary['failures']}")
    cache = getattr(terminalreporter.config, "cache", None)
    if cache is not None:  # .pytest_cache/d/parr-hostile/summary.json, for CI to keep
        (Path(cache.makedir("parr-hostile")) / "summary.json").write_text(json.dumps(summary, indent=2))
