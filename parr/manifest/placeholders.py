"""Placeholder values in parr.yaml (TODO, TBD, FIXME, <queue>, @TODO): found on load, each with its line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

# A value is a placeholder when it starts with a placeholder word (TODO, "TODO: ...", TODO-queue),
# when a part after ':' or '@' is one (approval:TODO-review-queue, "@TODO", policy:<rule>), or when
# it is an <angle-bracket> slot. Words inside prose ("handles todo lists") are not placeholders.
# Addresses in the domains reserved for examples (example.com) are not either: documentation and
# example manifests are written with them on purpose, and `parr init` never writes one.
_WORD = r"(?:TODO|TBD|FIXME|XXX|CHANGEME|CHANGE[_-]ME|REPLACE[_-]?ME|FILL[_-]?ME(?:[_-]?IN)?)"
_PLACEHOLDER = re.compile(
    rf"^\s*{_WORD}(?![A-Za-z0-9])"               # TODO, TODO: ..., TODO-service-account, XXX
    rf"|(?:^|[:@/])\s*{_WORD}(?![A-Za-z0-9])"    # approval:TODO-queue, @TODO
    r"|^\s*<[^<>]{1,80}>\s*$|[:@]<[^<>]{1,80}>",  # <queue>, policy:<rule>
)
# In lower case only the word on its own is one ("todo", "tbd: ask finance"); "todo-list triage" is prose.
_CASELESS_WORDS = re.compile(rf"^\s*@?{_WORD.replace('XXX|', '')}\s*(?::.*)?$", re.I | re.S)


def is_placeholder(value: Any) -> bool:
    """A string that stands for a value nobody has decided yet."""
    if not isinstance(value, str):
        return False
    return bool(_PLACEHOLDER.search(value) or _CASELESS_WORDS.search(value))


FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Placeholder:
    """One placeholder value at a path of the manifest (keys and list indexes), with its line."""

    path: FieldPath
    line: int | None
    value: str

    @property
    def dotted(self) -> str:
        out = ""
        for part in self.path:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
        return out


def walk(data: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every placeholder string in a YAML document, with its path (keys are never placeholders)."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from walk(value, path + (str(key),))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from walk(value, path + (index,))
    elif is_placeholder(data):
        yield path, data


_READ = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|\[\*\]")


def read_matches(read: str, path: FieldPath) -> bool:
    """Whether a declared read (`failsafes.timeouts`, `permissions.tools[*].gate`) covers a
    placeholder's path: its parts match the path's first parts, `[*]` matching any list index."""
    parts = _READ.findall(read)
    if len(parts) > len(path):
        return False
    for part, actual in zip(parts, path):
        if part == "[*]":
            if not isinstance(actual, int):
                return False
        elif part != actual:
            return False
    return True
