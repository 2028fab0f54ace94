"""The rollout ledger: append-only JSON Lines, each entry chained to the previous one by its hash.

`.parr/ledger.jsonl` beside the manifest is the single source of truth for an agent's stage.
Appends hold a lock, write one whole line and fsync; a line left unterminated by a crash is never
part of the ledger and is cut away by the next append. `verify` recomputes the chain.

The ledger lives in a repository parr may not trust, so its place on disk is checked before every
read and write: `.parr` must be a directory, the ledger a regular file, and neither may lead
outside the repository through a symlink (`LedgerError`, exit 2). Content that is not a valid
ledger is `LedgerBroken` (exit 1). A rollback reads the ledger leniently: it is the kill switch.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import re
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pydantic_core
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from parr.errors import ParrInputError
from parr.stages import Stage

try:  # POSIX: a lock on the lock file's descriptor, opened without following symlinks
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LEDGER_DIR = ".parr"
LEDGER_NAME = "ledger.jsonl"
GENESIS = "0" * 64
LOCK_TIMEOUT_SECONDS = 30
MAX_LEDGER_BYTES = 64 * 1024 * 1024
MAX_UNCOMMITTED_SHOWN = 100  # a ledger is one line per decision; more is not a ledger

Action = Literal["promote", "rollback", "hold", "release"]
COMMIT_ID = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
# The last path component is never followed as a symlink (where the platform can say so).
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


class LedgerError(ParrInputError):
    """The ledger's place on disk cannot be used (a directory, unreadable, a symlink out of the
    repository, `.parr` a file): one line, exit 2."""

    exit_code = 2


class LedgerBroken(LedgerError):
    """The ledger's content is not a valid ledger (an entry that does not parse or validate): exit 1."""

    exit_code = 1


def parse_time(value: str) -> dt.datetime:
    """An entry's time: ISO 8601 with a UTC offset (as parr writes it); anything else is refused."""
    text = value[:-1] + "+00:00" if value.endswith("Z") else value
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"time {value[:40]!r} is not an ISO 8601 timestamp such as 2026-11-24T09:00:00+00:00") from None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise ValueError(f"time {value[:40]!r} has no UTC offset, so it cannot be ordered")
    return parsed


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


class EvidenceDigest(BaseModel):
    """A file the verdict read, as it was when the promotion was judged."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    path: str  # relative to the repository root with '/', or absolute when outside it
    sha256: str
    blob: str | None = None  # git's object id at the recorded commit: checkable without the content
    in_repository: bool = True  # False: another repository or parr's own files; not rechecked from this git


# Fields added after the first ledgers were written: left out of the hash while unset, so an old
# entry's hash is what it always was.
OPTIONAL_FIELDS = ("evidence", "uncommitted", "signature")


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
    evidence: tuple[EvidenceDigest, ...] | None = None
    # With --allow-dirty: the paths that differed from the commit (at most MAX_UNCOMMITTED_SHOWN).
    uncommitted: tuple[str, ...] | None = None
    signature: str | None = None  # an SSH signature (`ssh-keygen -Y sign`) over `signed_payload()`
    prev: str
    hash: str

    @field_validator("time")
    @classmethod
    def _aware_iso_time(cls, value: str) -> str:
        parse_time(value)
        return value

    @field_validator("commit")
    @classmethod
    def _commit_id(cls, value: str | None) -> str | None:
        # It reaches git's command line in verify: an object id, never an option or a revision expression.
        if value is not None and not COMMIT_ID.fullmatch(value):
            raise ValueError(f"commit {value[:50]!r} is not a git commit id (40 or 64 hex digits)")
        return value

    @model_validator(mode="after")
    def _encodable(self) -> Entry:
        # A lone surrogate ("\ud800" in the JSON) cannot be hashed or printed: not a ledger entry.
        try:
            canonical(self.model_dump(mode="json")).encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("the entry holds text that is not valid Unicode") from None
        return self

    @property
    def moment(self) -> dt.datetime:
        return parse_time(self.time)

    def body(self) -> dict[str, Any]:
        """What the hash covers: every field but the hash (new fields only once set)."""
        data = self.model_dump(mode="json", exclude={"hash"})
        for name in OPTIONAL_FIELDS:
            if data.get(name) is None:
                data.pop(name, None)
        return data

    def signed_payload(self) -> bytes:
        """What a signature covers: the body without the signature itself."""
        data = self.body()
        data.pop("signature", None)
        return canonical(data).encode("utf-8")


def canonical(body: dict[str, Any]) -> str:
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(body: dict[str, Any]) -> str:
    """sha256 over canonical JSON (sorted keys, no spaces), so any edited field changes it."""
    return hashlib.sha256(canonical(body).encode("utf-8")).hexdigest()


def seal(fields: dict[str, Any]) -> Entry:
    """An entry from its fields (with seq and prev, without hash), its hash computed."""
    draft = Entry.model_validate({**fields, "hash": ""})
    return draft.model_copy(update={"hash": entry_hash(draft.body())})


def ledger_path(manifest_path: Path) -> Path:
    return manifest_path.parent / LEDGER_DIR / LEDGER_NAME


@dataclass(frozen=True)
class LedgerState:
    entries: tuple[Entry, ...]
    torn_tail: bool  # an unterminated last line (a crash mid-write); ignored
    unreadable: tuple[int, ...] = ()  # line numbers skipped by a lenient read (rollback only)

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


def load_json(line: bytes) -> Any:
    """One JSON value; pydantic's parser bounds nesting depth, so `[[[[...` is a ValueError, not a
    RecursionError."""
    return pydantic_core.from_json(line)


def split_lines(raw: bytes) -> tuple[list[bytes], bool]:
    """Complete lines, and whether a torn (unterminated) tail was dropped."""
    if not raw:
        return [], False
    lines = raw.split(b"\n")
    tail = lines.pop()  # the empty string after the final newline, or an unterminated tail
    torn = False
    if tail.strip():
        try:
            load_json(tail)
            lines.append(tail)  # whole entry, only its newline is missing
        except ValueError:
            torn = True
    return [line for line in lines if line.strip()], torn


def _entry_problem(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "entry"
    message = str(first["msg"]).removeprefix("Value error, ")
    return f"{where}: {message}"[:200]


def parse_entries(raw: bytes, shown: str, *, lenient: bool = False) -> LedgerState:
    """The entries of a ledger. Strict: the first line that is not an entry raises LedgerBroken.
    Lenient (rollback): such lines are skipped and their numbers kept."""
    lines, torn = split_lines(raw)
    entries = []
    unreadable = []
    for number, line in enumerate(lines, start=1):
        try:
            entries.append(Entry.model_validate_json(line))
        except ValidationError as exc:
            if lenient:
                unreadable.append(number)
                continue
            raise LedgerBroken(
                f"{shown}:{number}: not a ledger entry ({_entry_problem(exc)}); run `parr rollout verify` "
                "and restore the ledger from version control."
            ) from None
    return LedgerState(entries=tuple(entries), torn_tail=torn, unreadable=tuple(unreadable))


# ---- the ledger's place on disk ------------------------------------------------------------


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def checked_location(path: Path, root: Path | None = None) -> str:
    """The real path to read and write the ledger at, after refusing every unsafe shape: `.parr`
    not a directory, the ledger not a regular file, a symlink loop, or a path that leads outside
    `root` (default: the manifest's directory)."""
    root = root if root is not None else path.parent.parent
    directory = path.parent
    dir_stat = _stat_if_present(directory, "cannot be used for the ledger")
    if dir_stat is not None and not stat.S_ISDIR(dir_stat.st_mode):
        raise LedgerError(f"{directory}: is a file, but parr keeps its ledger in the directory "
                          f"{LEDGER_DIR}/{LEDGER_NAME}; move the file away.")
    _stat_if_present(path, "cannot be used as the ledger")
    real = os.path.realpath(path)
    real_root = os.path.realpath(root)
    if not _inside(real, real_root):
        raise LedgerError(f"{path}: leads to {real}, outside {root}; parr never reads or writes a ledger through a "
                          "symlink out of the repository: replace the link with the ledger file itself.")
    if os.path.lexists(real):
        st = os.stat(real)
        if stat.S_ISDIR(st.st_mode):
            raise LedgerError(f"{path}: is a directory, not a ledger file; move it away.")
        if not stat.S_ISREG(st.st_mode):
            raise LedgerError(f"{path}: is not a regular file (a pipe or device?); replace it with the ledger file.")
        if st.st_nlink > 1:
            # A hard link can share its content with any file on the disk: parr appends only to its own.
            raise LedgerError(f"{path}: has {st.st_nlink} hard links, so it may be another file too; "
                              "replace it with a copy (cp it aside, then move the copy back).")
    return real


def _stat_if_present(path: Path, unusable: str) -> os.stat_result | None:
    """`path`'s stat (symlinks followed), None when nothing is there; any other failure (a
    symlink loop, no permission) is the one-line LedgerError "<path>: <unusable> (<why>)."."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise LedgerError(f"{path}: {unusable} ({_why(exc)}).") from None


def _why(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "a symlink loop"
    return exc.strerror or str(exc)


def _read_fd(fd: int, shown: str) -> bytes:
    size = os.fstat(fd).st_size
    if size > MAX_LEDGER_BYTES:
        raise LedgerBroken(f"{shown}: is {size} bytes; a ledger over {MAX_LEDGER_BYTES} bytes is not parr's.")
    chunks: list[bytes] = []
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def read_raw(path: Path, root: Path | None = None) -> bytes | None:
    """The ledger's bytes, None when there is no ledger yet; LedgerError when it cannot be read."""
    real = checked_location(path, root)
    if not os.path.lexists(real):
        return None
    try:
        fd = os.open(real, os.O_RDONLY | _NO_FOLLOW)
    except OSError as exc:
        raise LedgerError(f"{path}: cannot read the ledger ({_why(exc)}).") from None
    try:
        return _read_fd(fd, str(path))
    except OSError as exc:
        raise LedgerError(f"{path}: cannot read the ledger ({_why(exc)}).") from None
    finally:
        os.close(fd)


def read_ledger(path: Path, root: Path | None = None, *, lenient: bool = False) -> LedgerState:
    raw = read_raw(path, root)
    if raw is None:
        return LedgerState(entries=(), torn_tail=False)
    return parse_entries(raw, str(path), lenient=lenient)


class _Lock:
    """An exclusive lock on `<ledger>.lock`, opened without following a symlink (a planted link
    could otherwise point the lock at any file) and never truncated."""

    def __init__(self, real: str, shown: str) -> None:
        self.path = real + ".lock"
        self.shown = shown + ".lock"
        self.fd: int | None = None
        self._fallback: Any = None

    def __enter__(self) -> _Lock:
        if fcntl is None:  # pragma: no cover - Windows
            from filelock import FileLock, Timeout

            self._fallback = FileLock(self.path)
            try:
                self._fallback.acquire(timeout=LOCK_TIMEOUT_SECONDS)
            except Timeout:
                raise LedgerError(f"{self.shown}: another parr process has held the ledger lock for "
                                  f"{LOCK_TIMEOUT_SECONDS}s; try again.") from None
            return self
        flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
        try:
            self.fd = os.open(self.path, flags, 0o644)
        except OSError as exc:
            what = "a symlink (or a symlink loop)" if exc.errno == errno.ELOOP else _why(exc)
            raise LedgerError(f"{self.shown}: cannot take the ledger lock: {what}; remove it, parr recreates it.") from None
        deadline = time.monotonic() + LOCK_TIMEOUT_SECONDS
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return self
            except BlockingIOError:
                if time.monotonic() > deadline:
                    os.close(self.fd)
                    raise LedgerError(f"{self.shown}: another parr process has held the ledger lock for "
                                      f"{LOCK_TIMEOUT_SECONDS}s; try again.") from None
                time.sleep(0.02)
            except OSError as exc:
                os.close(self.fd)
                raise LedgerError(f"{self.shown}: cannot take the ledger lock ({_why(exc)}).") from None

    def __exit__(self, *exc: object) -> None:
        if self._fallback is not None:  # pragma: no cover - Windows
            self._fallback.release()
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)


def append_entry(path: Path, build: Callable[[LedgerState], dict[str, Any]], root: Path | None = None, *,
                 lenient: bool = False, sign: Callable[[bytes], str] | None = None) -> Entry:
    """Append under an exclusive lock. `build(state)` returns the new entry's fields (without
    seq, prev and hash) or raises; it sees the ledger as it is at the moment of writing.
    `sign(payload)` returns a signature for the entry (or "" for none); the hash covers it.
    A refused append leaves no trace: a `.parr` it had to create is removed again."""
    real = checked_location(path, root)
    directory = os.path.dirname(real)
    created_dir = not os.path.isdir(directory)
    try:
        os.makedirs(directory, exist_ok=True)
    except OSError as exc:
        raise LedgerError(f"{path.parent}: cannot create the ledger directory ({_why(exc)}).") from None
    lock = _Lock(real, str(path))
    wrote = False
    try:
        with lock:
            raw = read_raw(path, root) or b""
            state = parse_entries(raw, str(path), lenient=lenient)
            fields = build(state)
            fields = {**fields, "seq": len(state.entries) + 1 + len(state.unreadable), "prev": state.head}
            entry = seal(fields)
            signature = sign(entry.signed_payload()) if sign is not None else ""
            if signature:
                entry = seal({**fields, "signature": signature})
            data = (entry_line(entry) + "\n").encode("utf-8")
            try:
                fd = os.open(real, os.O_RDWR | os.O_CREAT | _NO_FOLLOW, 0o644)
            except OSError as exc:
                raise LedgerError(f"{path}: cannot open the ledger for writing ({_why(exc)}).") from None
            try:
                if os.fstat(fd).st_size != len(raw):
                    raise LedgerError(f"{path}: changed while parr held its lock (written by something other than "
                                      "parr?); run the command again.")
                if state.torn_tail:
                    # Cut the half line a crashed writer left, so the ledger stays line-parsable.
                    os.ftruncate(fd, raw.rfind(b"\n") + 1)
                elif raw and not raw.endswith(b"\n"):
                    data = b"\n" + data
                os.lseek(fd, 0, os.SEEK_END)
                written = 0
                while written < len(data):
                    written += os.write(fd, data[written:])
                wrote = True
                os.fsync(fd)
            except OSError as exc:
                raise LedgerError(f"{path}: cannot write the ledger ({_why(exc)}).") from None
            finally:
                os.close(fd)
            return entry
    finally:
        if created_dir and not wrote:
            for leftover in (lock.path,):
                try:
                    os.unlink(leftover)
                except OSError:
                    pass
            try:
                os.rmdir(directory)
            except OSError:
                pass


def entry_line(entry: Entry) -> str:
    """The JSON line for an entry, without the optional fields it does not use."""
    data = entry.model_dump(mode="json")
    for name in OPTIONAL_FIELDS:
        if data.get(name) is None:
            data.pop(name, None)
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


# ---- verification ---------------------------------------------------------------------------


@dataclass(frozen=True)
class VerifyProblem:
    line: int
    message: str
    failing: bool = True  # False: said, but not a broken ledger by itself (e.g. not committed yet)


def verify_entries(raw: bytes, shown: str, committed: bytes | None = None) -> list[VerifyProblem]:
    """Every way the chain can be broken: edited, removed, reordered or inserted entries."""
    problems: list[VerifyProblem] = []
    lines, torn = split_lines(raw)
    previous = GENESIS
    expected_seq = 1
    for number, line in enumerate(lines, start=1):
        try:
            entry = Entry.model_validate_json(line)
        except ValidationError as exc:
            problems.append(VerifyProblem(number, f"not a valid ledger entry ({_entry_problem(exc)})"))
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
        committed_lines, _ = split_lines(committed)
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
        elif len(lines) > len(committed_lines):
            first = len(committed_lines) + 1
            span = f"entry {first}" if first == len(lines) else f"entries {first}..{len(lines)}"
            problems.append(VerifyProblem(
                first, f"{span} unanchored: not in any commit yet, so nothing but this file vouches for "
                       "them; commit the ledger", failing=False))
    return problems
