"""Shared helpers: build an agent repository from the base fixture plus a patch, run parr on it."""

from __future__ import annotations

import datetime as dt
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
