"""Running parr on hostile input and judging the outcome: exit 0/1/2, one line per problem naming the
file, no traceback, no file written but the command's own outputs, nothing executed."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from parr.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SEED = int(os.environ.get("PARR_HOSTILE_SEED", "20261206"))
# Multiplies every per-run count; CI runs 1, a long local hunt more.
SCALE = float(os.environ.get("PARR_HOSTILE_SCALE", "1"))
MARKER = "PWNED-BY-SCANNED-REPO"


def scaled(count: int) -> int:
    return max(1, int(count * SCALE))


@dataclass
class Tally:
    """Inputs tried per command and their outcomes, and every failure with what reproduces it."""

    tried: Counter[str] = field(default_factory=Counter)
    outcomes: Counter[tuple[str, str]] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def record(self, command: str, outcome: str) -> None:
        self.tried[command] += 1
        self.outcomes[(command, outcome)] += 1

    def fail(self, command: str, case: str, why: str) -> None:
        self.outcomes[(command, "FAILED")] += 1
        self.failures.append(f"{command} [{case}] (seed {SEED}): {why}")

    def raw(self) -> dict[str, Any]:
        """What a test worker hands the main process (pytest-xdist), to be merged there."""
        return {"tried": dict(self.tried), "outcomes": [[c, o, n] for (c, o), n in self.outcomes.items()],
                "failures": self.failures}

    def merge(self, raw: dict[str, Any]) -> None:
        self.tried.update(raw["tried"])
        for c, o, n in raw["outcomes"]:
            self.outcomes[(c, o)] += n
        self.failures.extend(raw["failures"])

    def summary(self) -> dict[str, Any]:
        return {
            "seed": SEED,
            "tried": dict(self.tried),
            "outcomes": {f"{c}: {o}": n for (c, o), n in sorted(self.outcomes.items())},
            "failures": len(self.failures),
        }


TALLY = Tally()


# ---- the tree: hostile repositories with planted code that must never run ------------------

PLANTS = {
    "conftest.py": f"open({MARKER!r}, 'w').write('conftest')\n",
    "sitecustomize.py": f"open({MARKER!r}, 'w').write('sitecustomize')\n",
    "usercustomize.py": f"open({MARKER!r}, 'w').write('usercustomize')\n",
    "evil.pth": f"import os; open({MARKER!r}, 'w').write('pth')\n",
    "setup.py": f"open({MARKER!r}, 'w').write('setup')\n",
}


def plant_repository(target: Path) -> None:
    """Files and git settings that would create the marker if parr ran anything the repo configures."""
    marker = target / MARKER
    for name, text in PLANTS.items():
        (target / name).write_text(text.replace(repr(MARKER), repr(str(marker))))
    if shutil.which("git") is None:
        return
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    run = lambda *a: subprocess.run(["git", *a], cwd=target, env=env, capture_output=True, check=False)  # noqa: E731
    run("init", "-q")
    run("add", "-A")
    run("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "init")
    hook = f"#!/bin/sh\ntouch '{marker}'\n"
    hooks = target / ".git" / "hooks"
    hooks.mkdir(parents=True, exist_ok=True)
    for name in ("post-index-change", "pre-commit", "post-checkout", "fsmonitor-watchman", "reference-transaction"):
        (hooks / name).write_text(hook)
        (hooks / name).chmod(0o755)
    script = target / ".git" / "pwn.sh"
    script.write_text(hook)
    script.chmod(0o755)
    for key, value in (("core.fsmonitor", str(script)), ("core.pager", str(script)), ("diff.external", str(script)),
                       ("filter.pwn.clean", str(script)), ("filter.pwn.smudge", str(script)),
                       ("filter.pwn.process", str(script)), ("core.hooksPath", str(hooks))):
        run("config", key, value)
    (target / ".gitattributes").write_text("* filter=pwn diff=pwn\n")


def hostile_examples(base: Path) -> dict[str, Path]:
    """Copies of the shipped examples with plants, one per example name."""
    copies = {}
    for example in sorted(p for p in EXAMPLES.iterdir() if (p / "parr.yaml").is_file()):
        target = base / example.name
        shutil.copytree(example, target)
        plant_repository(target)
        copies[example.name] = target
    return copies


def snapshot(root: Path) -> dict[str, tuple[int, int, int]]:
    """Every path under root (git internals aside) with its mode, size and mtime."""
    seen = {}
    for directory, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != ".git"]
        for name in files + dirs:
            path = Path(directory) / name
            try:
                st = path.lstat()
            except OSError:
                continue
            seen[str(path.relative_to(root))] = (stat.S_IFMT(st.st_mode), st.st_size, st.st_mtime_ns)
    return seen


def changed(before: dict[str, Any], after: dict[str, Any], allowed: set[str]) -> list[str]:
    paths = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}
    return sorted(p for p in paths if p not in allowed and not any(p.startswith(a + os.sep) for a in allowed))


# ---- running the CLI and judging the result ------------------------------------------------


# One input taking more CPU than this is a hang, whatever it printed. CPU time, not wall time: on a
# shared, loaded machine (CI runners, parallel test workers) wall time says more about the neighbours
# than about parr.
SLOW_SECONDS = 10.0


def invoke(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> Result:
    old = Path.cwd()
    os.chdir(cwd)
    started = time.process_time()
    try:
        result = CliRunner().invoke(main, args, catch_exceptions=True, env=env)
    finally:
        os.chdir(old)
    result.elapsed = time.process_time() - started  # type: ignore[attr-defined]
    return result


def judge(result: Result, names: list[str], *, allowed_exits: frozenset[int] = frozenset({0, 1, 2})) -> str | None:
    """Why this result breaks the contract, or None when it keeps it."""
    elapsed = getattr(result, "elapsed", 0.0)
    if elapsed > SLOW_SECONDS:
        return f"took {elapsed:.1f} s of CPU (a hang)"
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)[-3:])
        return f"raised {type(exc).__name__}: {str(exc)[:200]}\n{tb}"
    if result.exit_code not in allowed_exits:
        return f"exit {result.exit_code}: {result.stderr.strip()[:300]}"
    if "Traceback (most recent call last)" in result.output or "Traceback" in result.stderr:
        return "a traceback in the output"
    if result.exit_code == 2:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        if not lines:
            return "exit 2 without a message"
        for line in lines:
            if not line.startswith("parr: "):
                return f"exit 2 with a line that is not one parr problem: {line[:200]!r}"
            if names and not any(name in line for name in names):
                return f"exit 2 with a line that names none of {names}: {line[:200]!r}"
    return None


def outcome(result: Result) -> str:
    return {0: "exit 0", 1: "exit 1", 2: "exit 2"}.get(result.exit_code, f"exit {result.exit_code}")
