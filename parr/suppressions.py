"""Inline suppressions next to a tool: `# parr: ignore[CODE-001] reason` (or `//` in TypeScript).

A suppression sits on the tool's own line or in the block of comment and decorator lines right
above it (a blank line ends the block). A reason is required: one without a reason is reported
and suppresses nothing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

_SUPPRESSION = re.compile(
    r"(?:#|//|/\*)\s*parr:\s*ignore\[(?P<ids>[A-Z][A-Z0-9]*-\d{3}(?:\s*,\s*[A-Z][A-Z0-9]*-\d{3})*)\]\s*(?P<reason>[^*\n]*)"
)
# How far above the tool line a suppression may sit (decorators with arguments span lines).
LOOKBACK_LINES = 12
MAX_FILE_BYTES = 2 * 1024 * 1024


def parse_line(text: str) -> tuple[list[str], str] | None:
    match = _SUPPRESSION.search(text)
    if not match:
        return None
    ids = [i.strip() for i in match.group("ids").split(",")]
    reason = match.group("reason").strip().rstrip("*/").strip()
    return ids, reason


def suppressions_near(lines: list[str], line: int) -> list[dict[str, Any]]:
    """Suppressions that apply to a tool declared at 1-based `line`."""
    found = []
    candidates = [line]
    for number in range(line - 1, max(0, line - 1 - LOOKBACK_LINES), -1):
        if not lines[number - 1].strip():
            break
        candidates.append(number)
    for number in candidates:
        if number < 1 or number > len(lines):
            continue
        parsed = parse_line(lines[number - 1])
        if parsed:
            ids, reason = parsed
            found.append({"ids": ids, "reason": reason, "line": number})
    return found


def collect(root: Path, tool_locations: list[tuple[str, int]]) -> dict[tuple[str, int], tuple[dict[str, Any], ...]]:
    """Suppressions for each (repo-relative file, line) of a tool, read from the files once each."""
    by_file: dict[str, list[int]] = {}
    for rel, line in tool_locations:
        by_file.setdefault(rel, []).append(line)
    out: dict[tuple[str, int], tuple[dict[str, Any], ...]] = {}
    for rel, lines_wanted in by_file.items():
        path = root / rel
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                continue
            raw = path.read_bytes()
        except OSError:
            continue
        if b"parr:" not in raw:
            continue
        lines = raw.decode("utf-8", errors="replace").splitlines()
        for line in lines_wanted:
            hits = suppressions_near(lines, line)
            if hits:
                out[(str(root / rel), line)] = tuple(hits)
    return out
