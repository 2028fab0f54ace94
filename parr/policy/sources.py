"""Reading policy and schema files: bounded in size, UTF-8, every problem a PolicyProblem with its file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from parr.policy.model import PolicyProblem

# Policy sets are hand-written; a file this large is a mistake or an attack on the evaluator.
MAX_POLICY_BYTES = 1024 * 1024


@dataclass(frozen=True)
class PolicySource:
    shown: str  # the path as written in parr.yaml, used in every message
    path: Path
    text: str | None
    problem: PolicyProblem | None = None


def read_source(path: Path, shown: str) -> PolicySource:
    try:
        if not path.exists():
            return PolicySource(shown, path, None, PolicyProblem(kind="missing", file=shown, message="no such file"))
        if not path.is_file():
            return PolicySource(shown, path, None, PolicyProblem(kind="missing", file=shown, message="not a file"))
        size = path.stat().st_size
        if size > MAX_POLICY_BYTES:
            message = f"{size} bytes, larger than the {MAX_POLICY_BYTES // 1024} KiB parr evaluates"
            return PolicySource(shown, path, None, PolicyProblem(kind="limit", file=shown, message=message))
        raw = path.read_bytes()
    except OSError as exc:
        return PolicySource(shown, path, None, PolicyProblem(kind="missing", file=shown, message=f"cannot read it ({exc.strerror})"))
    try:
        return PolicySource(shown, path, raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return PolicySource(shown, path, None, PolicyProblem(kind="syntax", file=shown, line=line, message="not UTF-8 text"))


def line_of_offset(text: str, offset: int) -> int:
    return text.count("\n", 0, max(0, offset)) + 1
