"""Server-side write switches in the code: command-line flags (argparse, click, typer, commander,
node's parseArgs) and environment variables (os.environ, os.getenv, process.env) whose names say
they keep a server read-only (`--read-only`, `--allow-write`, `READ_ONLY`), or that the manifest
names. Read as text, never run; a switch found is where the code reads it, not proof that it
guards every write."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

SOURCE_SUFFIXES = (".py", ".ts", ".tsx", ".js", ".mjs", ".cjs", ".mts", ".cts")
_SKIP_DIRS = frozenset({"node_modules", "venv", ".venv", "env", "dist", "build", "__pycache__", "site-packages",
                        "vendor", "third_party", "target", "coverage", "tests", "test", "__tests__"})
MAX_FILES = 20_000
MAX_BYTES = 1_000_000

# Names that say a switch keeps writes off (or turns them on).
SWITCH_NAME = re.compile(r"read[-_]?only|allow[-_]?(?:writes?|mutations?)|enable[-_]?writes?|writes?[-_]?(?:enabled|allowed)"
                         r"|(?:^|[-_])dangerous", re.I)

_FLAG_PATTERNS = (
    ("argparse", re.compile(r"add_argument\(\s*['\"](--[A-Za-z][\w-]*)['\"]")),
    ("click/typer", re.compile(r"\b(?:click\.option|Option|option)\(\s*(?:[^()]{0,200}?,\s*)?['\"](--[A-Za-z][\w-]*)['\"]")),
    ("parseArgs", re.compile(r"\[?['\"]([A-Za-z][\w-]*)['\"]\]?\s*:\s*\{\s*type\s*:\s*['\"]boolean['\"]")),
)
_ENV_PATTERNS = (
    ("os.environ", re.compile(r"\b(?:os\.)?(?:environ\.get|getenv|environ\[)\(?\s*['\"]([A-Z][A-Z0-9_]*)['\"]")),
    ("process.env", re.compile(r"\bprocess\.env(?:\.([A-Z][A-Z0-9_]*)|\[\s*['\"]([A-Z][A-Z0-9_]*)['\"]\s*\])")),
)


def normalise(name: str) -> str:
    """`--read-only`, `read_only` and `READ_ONLY` are the same switch."""
    return name.lstrip("-").replace("-", "_").lower()


def looks_like_switch(name: str) -> bool:
    """A manifest value that names a flag or an environment variable rather than describing steps."""
    return bool(re.fullmatch(r"--?[A-Za-z][\w-]*|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+", name.strip()))


def _sources(root: Path) -> Iterable[Path]:
    seen = 0
    for directory, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS)
        for name in sorted(files):
            if not name.endswith(SOURCE_SUFFIXES) or ".test." in name or ".spec." in name or name.startswith("test_"):
                continue
            seen += 1
            if seen > MAX_FILES:
                return
            yield Path(directory) / name


def find_switches(root: Path, declared: Iterable[str] = ()) -> tuple[dict[str, Any], ...]:
    """Every place a write switch is read: {name, file, line, how}. `declared` names (from the
    manifest) are looked for whatever they are called."""
    declared = [n for n in declared if n and n.strip()]
    wanted = {normalise(n) for n in declared}
    found: list[dict[str, Any]] = []
    for path in _sources(root):
        try:
            if path.is_symlink() or path.stat().st_size > MAX_BYTES:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        rel = path.relative_to(root).as_posix()
        for how, pattern in (*_FLAG_PATTERNS, *_ENV_PATTERNS):
            for match in pattern.finditer(text):
                name = next(g for g in match.groups() if g)
                if how == "parseArgs":
                    name = "--" + name
                if SWITCH_NAME.search(name) or normalise(name) in wanted:
                    line = text.count("\n", 0, match.start()) + 1
                    found.append({"name": name, "file": rel, "line": line, "how": how})
        # A declared name the code reads some other way (a parsed env schema: env.WRITES_ENABLED):
        # its first mention per file, weaker evidence than a flag or an environment read.
        for name in declared:
            if normalise(name) in {normalise(f["name"]) for f in found if f["file"] == rel}:
                continue
            mention = re.search(rf"(?<![\w-]){re.escape(name.strip())}(?![\w-])", text)
            if mention is not None:
                line = text.count("\n", 0, mention.start()) + 1
                found.append({"name": name.strip(), "file": rel, "line": line, "how": "named"})
    unique = {(f["name"], f["file"], f["line"]): f for f in found}
    return tuple(sorted(unique.values(), key=lambda f: (f["file"], f["line"], f["name"])))
