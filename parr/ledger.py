"""The rollout ledger: append-only JSON Lines, each entry chained to the previous one by its hash.

`.parr/ledger.jsonl` beside the manifest is the single source of truth for an agent's stage.
Appends hold a file lock, write one whole line and fsync; a line left unterminated by a crash is
never part of the ledger and is cut away by the next append. `verify` recomputes the chain.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from filelock import FileLock, Timeout
from pydantic import BaseModel, ConfigDict, ValidationError

from parr.errors import ParrInputError
from parr.stages import Stage

LEDGER_DIR = ".parr"
LEDGER_NAME = "ledger.jsonl"
GENESIS = "0" * 64
LOCK_TIMEOUT_SECONDS = 30

Action = Literal["promote", "rollback", "hold", "release"]


class Actor(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    email: str | None = None


class CheckDigest(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    stage: Stage
    verdict: Literal["GO", "NO-GO"]
    digest: str  # sha256 of the JSON check report that allowed the step
    passed: int
    blocking: int
    warnings: int


class Entry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    seq: int
    time: str
    action: Action
    actor: Actor
    approver: str | None = None
    commit: str | None = None
    dirty: bool = False
    allow_dirty: bool = False
    from_stage: Stage
    to_stage: Stage
    reason: str
    check: CheckDigest | None = None
    prev: str
    hash: str

    def body(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude={"hash"})


def entry_hash(body: dict[str, Any]) -> str:
    """sha256 over canonical JSON (sorted keys, no spaces), so any edited field changes it."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def ledger_path(manifest_path: Path) -> Path:
    return manifest_path.parent / LEDGER_DIR / LEDGER_NAME


@dataclass(frozen=True)
class LedgerState:
    entries: tuple[Entry, ...]
    torn_tail: bool  # an unterminated last line (a crash mid-write); ignored

    @property
    def stage(self) -> Stage:
        for entry in reversed(self.entries):
            if entry.action in ("promote", "rollback"):
                return entry.to_stage
        return Stage.PROPOSE

    @property
    def held(self) -> Entry | None:
        """The hold entry in force, if promotion is frozen."""
        for entry in reversed(self.entries):
            if entry.action == "hold":
                return entry
            if entry.action == "release":
                return None
        return None

    @property
    def last_move(self) -> Entry | None:
        return next((e for e in reversed(self.entries) if e.action in ("promote", "rollback")), None)

    @property
    def head(self) -> str:
        return self.entries[-1].hash if self.entries else GENESIS


def _split_lines(raw: bytes) -> tuple[list[bytes], bool]:
    """Complete lines, and whether a torn (unterminated) tail was dropped."""
    if not raw:
        return [], False
    lines = raw.split(b"\n")
    tail = lines.pop()  # the empty string after the final newline, or an unterminated tail
    torn = False
    if tail.strip():
        try:
            json.loads(tail)
            lines.append(tail)  # whole entry, only its newline is missing
        except ValueError:
            torn = True
    return [line for line in lines if line.strip()], torn


def parse_entries(raw: bytes, shown: str) -> LedgerState:
    lines, torn = _split_lines(raw)
    entries = []
    for number, line in enumerate(lines, start=1):
        try:
            entries.append(Entry.model_validate_json(line))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "entry"
            raise ParrInputError(
                f"{shown}:{number}: not a ledger entry ({where}: {first['msg']}); run `parr rollout verify` "
                "and restore the ledger from version control."
            ) from None
    return LedgerState(entries=tuple(entries), torn_tail=torn)


def read_ledger(path: Path) -> LedgerState:
    if not path.exists():
        return LedgerState(entries=(), torn_tail=False)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ParrInputError(f"{path}: cannot read the ledger ({exc.strerror}).") from None
    return parse_entries(raw, str(path))


def append_entry(path: Path, build: Any) -> Entry:
    """Append under an exclusive lock. `build(state)` returns the new entry's fields (without
    seq, prev and hash) or raises; it sees the ledger as it is at the moment of writing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path) + ".lock")
    try:
        with lock.acquire(timeout=LOCK_TIMEOUT_SECONDS):
            raw = path.read_bytes() if path.exists() else b""
            state = parse_entries(raw, str(path))
            fields = build(state)
            body = {**fields, "seq": len(state.entries) + 1, "prev": state.head}
            entry = Entry.model_validate({**body, "hash": entry_hash(Entry.model_validate({**body, "hash": ""}).body())})
            line = json.dumps(entry.model_dump(mode="json"), sort_keys=True, ensure_ascii=False) + "\n"
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                data = line.encode("utf-8")
                if state.torn_tail:
                    # Cut the half line a crashed writer left, so the ledger stays line-parsable.
                    os.ftruncate(fd, raw.rfind(b"\n") + 1)
                elif raw and not raw.endswith(b"\n"):
                    data = b"\n" + data
                os.lseek(fd, 0, os.SEEK_END)
                written = 0
                while written < len(data):
                    written += os.write(fd, data[written:])
                os.fsync(fd)
            finally:
                os.close(fd)
            return entry
    except Timeout:
        raise ParrInputError(
            f"{path}: another parr process has held the ledger lock for {LOCK_TIMEOUT_SECONDS}s; try again."
        ) from None


@dataclass(frozen=True)
class VerifyProblem:
    line: int
    message: str


def verify_entries(raw: bytes, shown: str, committed: bytes | None = None) -> list[VerifyProblem]:
    """Every way the chain can be broken: edited, removed, reordered or inserted entries."""
    problems: list[VerifyProblem] = []
    lines, torn = _split_lines(raw)
    previous = GENESIS
    expected_seq = 1
    for number, line in enumerate(lines, start=1):
        try:
            data = json.loads(line)
            entry = Entry.model_validate(data)
        except (ValueError, ValidationError):
            problems.append(VerifyProblem(number, "not a valid ledger entry (edited by hand?)"))
            previous = ""
            continue
        recomputed = entry_hash(entry.body())
        if recomputed != entry.hash:
            problems.append(
                VerifyProblem(number, f"entry {entry.seq} was edited: its content no longer matches its hash")
            )
        if entry.prev != previous:
            if entry.seq > expected_seq:
                what = f"entries {expected_seq}..{entry.seq - 1} were removed before entry {entry.seq}"
            elif entry.seq < expected_seq:
                what = f"entry {entry.seq} is out of order (expected entry {expected_seq})"
            else:
                what = f"entry {entry.seq} does not follow the entry before it (inserted or reordered)"
            problems.append(VerifyProblem(number, what))
        elif entry.seq != expected_seq:
            problems.append(VerifyProblem(number, f"entry numbered {entry.seq} where {expected_seq} was expected"))
        previous = entry.hash
        expected_seq = entry.seq + 1
    if torn:
        problems.append(VerifyProblem(len(lines) + 1, "the last line is incomplete (a write was interrupted); the next append removes it"))
    if committed is not None:
        committed_lines, _ = _split_lines(committed)
        for number, (old, new) in enumerate(zip(committed_lines, lines), start=1):
            if old != new:
                problems.append(VerifyProblem(number, "differs from the ledger committed in git (rewritten history)"))
                break
        if len(lines) < len(committed_lines):
            problems.append(
                VerifyProblem(
                    len(lines) + 1,
                    f"{len(committed_lines) - len(lines)} entr(ies) committed in git are missing from the end",
                )
            )
    return problems
