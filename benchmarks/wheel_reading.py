"""Shared by the built-in generators (agno_builtins, llamaindex_toolspecs, langchain_builtins): parr's
own verdict on a package's extracted sources, a wheel's sources under a folder, and the last name of a
dotted expression."""

from __future__ import annotations

import ast
import sys
import tempfile
import zipfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))  # this checkout's parr, not an installed one


def wheel_sources(wheel: str, prefix: str, folder: str, skip: str | None = None) -> tuple[str, dict[str, bytes]]:
    """(version, {path: bytes}) of the .py files under `prefix` in a wheel, moved under `folder` (outside
    the package, so parr's reader treats them as a project's own tool classes); `skip` leaves out the
    files whose path holds it."""
    version = wheel.rsplit("/", 1)[-1].split("-")[1]
    sources: dict[str, bytes] = {}
    with zipfile.ZipFile(wheel) as zf:
        for info in zf.infolist():
            name = info.filename
            if name.startswith(prefix) and name.endswith(".py") and not (skip and skip in name):
                sources[folder + "/" + name[len(prefix):]] = zf.read(info)
    return version, sources


def parr_verdicts(sources: dict[str, bytes]) -> list[dict]:
    """Every tool parr reads in `sources` (path -> bytes of a package's files), with its file, line,
    name, mutating, typed and capabilities: parr's own reading, in this process (the package's code
    is written to a temporary folder and parsed, never imported)."""
    from parr.scan.engine import scan_repository
    from parr.scan.python import PythonScanner

    with tempfile.TemporaryDirectory() as tmp:
        for path, data in sources.items():
            target = Path(tmp) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        tools = scan_repository(Path(tmp), scanners=[PythonScanner()], use_cache=False, jobs=1).tools
    return [{"file": t.file, "line": t.line, "name": t.name, "mutating": t.mutating,
             "typed": t.typed, "capabilities": list(t.capabilities)} for t in tools]


def last_name(e: ast.expr) -> str | None:
    """`Tool` of `x.Tool`, `Tool[...]` or `Tool`; None for anything else."""
    if isinstance(e, ast.Subscript):
        e = e.value
    if isinstance(e, ast.Attribute):
        return e.attr
    return e.id if isinstance(e, ast.Name) else None


def flag_table(doc: list[str], var: str, rows: list[tuple[str, bool, bool]]) -> str:
    """A generated module: its docstring lines, then `var`, a dict from each tool name to its (mutating,
    typed) flags, in the order given."""
    out = [*doc, "", f"{var}: dict[str, tuple[bool, bool]] = {{"]
    out += [f"    {name!r}: ({mutating}, {typed})," for name, mutating, typed in rows]
    out.append("}")
    return "\n".join(out) + "\n"
