"""Shared helpers: build an agent repository from the base fixture plus a patch, run parr on it."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

FIXTURES = Path(__file__).parent / "fixtures"
BASE = FIXTURES / "check_base"
TODAY = dt.date(2026, 11, 24)
DELETE = "__delete__"


def deep_merge(base: Any, patch: Any) -> Any:
    """Mappings merge key by key, `__delete__` removes a key, anything else replaces."""
    if not isinstance(base, dict) or not isinstance(patch, dict):
        return patch
    merged = dict(base)
    for key, value in patch.items():
        if value == DELETE:
            merged.pop(key, None)
        elif key in merged:
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def build_repo(target: Path, patch: dict | None = None, files: dict[str, str] | None = None,
               remove: list[str] | None = None) -> Path:
    shutil.copytree(BASE, target, dirs_exist_ok=True)
    for rel in remove or ():
        victim = target / rel
        shutil.rmtree(victim) if victim.is_dir() else victim.unlink()
    manifest_path = target / "parr.yaml"
    if patch:
        data = yaml.safe_load(manifest_path.read_text())
        manifest_path.write_text(yaml.safe_dump(deep_merge(data, patch), sort_keys=False, allow_unicode=True))
    for rel, text in (files or {}).items():
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text)
    return target


@pytest.fixture
def make_repo(tmp_path: Path):
    counter = iter(range(1000))

    def _make(patch: dict | None = None, files: dict[str, str] | None = None) -> Path:
        return build_repo(tmp_path / f"repo{next(counter)}", patch, files)

    return _make


# ---- the hostile suite's record ---------------------------------------------------------------
# tests/hostile prints what it tried and how it ended, so every run's counts are on record. Here,
# not in tests/hostile/conftest.py: with pytest-xdist the main process collects nothing, so only
# this conftest is loaded there; each worker hands its tally over when it finishes.
_HOSTILE_KEY = "parr_hostile_tally"


def pytest_sessionfinish(session: pytest.Session) -> None:
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is None:
        return
    from tests.hostile.harness import TALLY

    if TALLY.tried:
        workeroutput[_HOSTILE_KEY] = json.dumps(TALLY.raw())


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    raw = getattr(node, "workeroutput", {}).get(_HOSTILE_KEY)
    if raw:
        from tests.hostile.harness import TALLY

        TALLY.merge(json.loads(raw))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    from tests.hostile.harness import TALLY

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
