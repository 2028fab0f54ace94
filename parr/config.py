"""parr's own settings: `[tool.parr]` in pyproject.toml or a `.parr.toml`, found upward from the working directory."""

from __future__ import annotations

import difflib
import os
import re
import stat
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from parr.errors import ParrInputError
from parr.stages import Stage

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

DOTFILE = ".parr.toml"
PYPROJECT = "pyproject.toml"
MAX_CONFIG_BYTES = 1024 * 1024
FAIL_ON = ("no-go", "bad-input")
KEYS = ("stage", "checklist", "baseline", "fail-on", "format")
_TOOL_PARR = re.compile(r"^\s*\[\s*tool\s*\.\s*parr\s*\]", re.M)


class ParrConfig(BaseModel):
    """What a configuration file sets; paths are resolved against the file's directory."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: Path
    stage: Stage | None = None
    checklist: tuple[Path, ...] = ()
    baseline: Path | None = None
    fail_on: Literal["no-go", "bad-input"] | None = None
    format: str | None = None
    lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)


def find_config(start: Path) -> Path | None:
    """The nearest configuration from `start` upward: in each directory a `.parr.toml`, else a
    pyproject.toml with a [tool.parr] table. The search stops at the repository's root (the first
    directory holding `.git`), so a file above the repository never applies to it."""
    directory = Path(os.path.abspath(start))
    while True:
        dotfile = directory / DOTFILE
        if os.path.lexists(dotfile):
            return dotfile
        pyproject = directory / PYPROJECT
        if pyproject.is_file() and _TOOL_PARR.search(_read(pyproject)):
            return pyproject
        if os.path.lexists(directory / ".git") or directory.parent == directory:
            return None
        directory = directory.parent


def load_config(path: Path) -> ParrConfig:
    """The settings in `path`; ParrInputError (one line per problem, with the line) when they are wrong."""
    text = _read(path)
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc)) or "invalid TOML"
        raise ParrInputError(f"{path}:{found.group(1) if found else 1}: {message}; fix the TOML syntax.") from None
    # A .parr.toml holds the settings at its top level; pyproject.toml in its [tool.parr] table.
    table: Any = document if path.name == DOTFILE else document.get("tool", {}).get("parr", {})
    if not isinstance(table, dict):
        raise ParrInputError(f"{path}:1: [tool.parr] must be a table of settings.")
    header = _TOOL_PARR.search(text) if path.name != DOTFILE else None
    lines = {key: _line_of(text, key, header.end() if header else 0) for key in table}
    problems: list[str] = []
    values: dict[str, Any] = {}

    def problem(key: str, sentence: str) -> None:
        problems.append(f"{path}:{lines.get(key, 1)}: {sentence}")

    for key, value in table.items():
        if key not in KEYS:
            hint = difflib.get_close_matches(key, KEYS, n=1)
            problem(key, f"unknown setting '{key}'" + (f"; did you mean '{hint[0]}'?" if hint else f"; parr reads {', '.join(KEYS)}."))
        elif key == "stage":
            try:
                values["stage"] = Stage.parse(value) if isinstance(value, str) else Stage.parse(repr(value))
            except ValueError as exc:
                problem(key, f"stage: {exc}.")
        elif key == "checklist":
            names = [value] if isinstance(value, str) else value
            if not isinstance(names, list) or not names or not all(isinstance(n, str) and n for n in names):
                problem(key, "checklist must be a file name or a list of file names.")
            else:
                values["checklist"] = tuple(_beside(path, n) for n in names)
        elif key == "baseline":
            if not isinstance(value, str) or not value:
                problem(key, "baseline must be a file name.")
            else:
                values["baseline"] = _beside(path, value)
        elif key == "fail-on":
            if value not in FAIL_ON:
                problem(key, f"fail-on must be one of {', '.join(FAIL_ON)}, not {value!r}.")
            else:
                values["fail_on"] = value
        elif key == "format":
            if not isinstance(value, str) or not value:
                problem(key, "format must be a format name, such as json or sarif.")
            else:
                values["format"] = value
    if problems:
        raise ParrInputError(problems[0], problems)
    return ParrConfig(source=path, lines=lines, **values)


def _beside(config: Path, name: str) -> Path:
    """A path written in a configuration file means the same from any working directory."""
    return Path(os.path.normpath(config.parent / name))


def _read(path: Path) -> str:
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise ParrInputError(f"{path}: is not a regular file; parr reads its configuration only from one.")
        if st.st_size > MAX_CONFIG_BYTES:
            raise ParrInputError(f"{path}: larger than 1 MiB; parr does not read a configuration that big.")
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ParrInputError(f"{path}: is not UTF-8 text; save it as UTF-8.") from None
    except OSError as exc:
        raise ParrInputError(f"{path}: cannot be read ({exc.strerror}).") from None


def _line_of(text: str, key: str, start: int) -> int:
    """The line where `key = ...` is written (bare or quoted) from `start` on, for messages; 1 when not found."""
    pattern = re.compile(rf"^\s*(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')\s*=", re.M)
    found = pattern.search(text, start)
    return text.count("\n", 0, found.start()) + 1 if found else 1
