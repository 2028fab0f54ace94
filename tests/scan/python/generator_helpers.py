"""Shared by the tests of the built-in generators under benchmarks/: load one by path (they are
scripts, not a package), write made-up files in the layout of a wheel, and read back the data module a
generator wrote."""

from __future__ import annotations

import importlib.util
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def load_generator(name: str):
    """benchmarks/<name>.py as a module."""
    spec = importlib.util.spec_from_file_location(f"{name}_gen", ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def write_wheel(path: Path, files: dict[str, str]) -> Path:
    """A zip at `path` holding `files` (path in the wheel -> text)."""
    with zipfile.ZipFile(path, "w") as zf:
        for rel, text in files.items():
            zf.writestr(rel, text)
    return path


def generated_module(text: str, name: str = "<generated>") -> dict:
    """The names a generator's output defines: parr's own generated data module, checked as data."""
    ns: dict = {}
    exec(compile(text, name, "exec"), ns)  # noqa: S102 - the generator's own output, not scanned code
    return ns
