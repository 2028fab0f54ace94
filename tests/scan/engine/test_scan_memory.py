"""Files read in full during resolve do not keep their syntax trees while the scan goes on."""

from __future__ import annotations

import ast
import gc
from pathlib import Path

import pytest

from parr.scan import engine
from parr.scan.engine import scan_repository

HELPERS = 30


def test_helpers_read_during_resolve_leave_no_syntax_trees(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "repo"
    (root / "app").mkdir(parents=True)
    (root / "app" / "__init__.py").write_text("")
    imports = []
    for i in range(HELPERS):
        # A plain helper: only indexed by extract, read in full when the tool list reaches it.
        (root / "app" / f"helper{i}.py").write_text(
            f"import subprocess\n\n\ndef run{i}(cmd: str) -> str:\n    \"\"\"Run.\"\"\"\n"
            f"    return subprocess.run(cmd, shell=True).stdout\n")
        imports.append(f"from app.helper{i} import run{i}")
    names = ", ".join(f"run{i}" for i in range(HELPERS))
    (root / "app" / "agent.py").write_text(
        "\n".join(imports) + f"\nfrom agents import Agent\n\nagent = Agent(name='a', tools=[{names}])\n")

    alive: list[int] = []
    resolve = engine._resolve_all

    def counting(*args, **kwargs):
        out = resolve(*args, **kwargs)
        assert not gc.isenabled()  # still inside the paused collection, where trees would pile up
        alive.append(sum(1 for o in gc.get_objects() if isinstance(o, ast.FunctionDef)))
        return out

    monkeypatch.setattr(engine, "_resolve_all", counting)
    result = scan_repository(root, use_cache=False, jobs=1)
    assert len(result.tools) == HELPERS  # every helper was read in full
    assert alive and alive[0] < 3, f"{alive[0]} function nodes alive after resolve"
