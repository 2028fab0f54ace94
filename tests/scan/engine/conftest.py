"""Helpers that build hostile repository trees for the walker and engine tests."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write a file under tmp_path/repo (text or bytes), creating directories."""

    def _write(rel: str, content: str | bytes = "") -> Path:
        path = tmp_path / "repo" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty tree that git will not see as part of any enclosing work tree."""
    root = tmp_path / "repo"
    root.mkdir(exist_ok=True)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    return root


@pytest.fixture
def git_init() -> Callable[[Path], None]:
    """Make a directory a git work tree and stage everything in it."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")

    def _init(root: Path) -> None:
        subprocess.run(["git", "init", "-q", str(root)], check=True)
        subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)

    return _init
