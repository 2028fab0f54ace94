"""Per-file facts cache in one sqlite database, keyed by path, content, scanner language, facts version and parr version."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path

import parr
from parr.scan.language import FileFacts

CACHE_DB_NAME = "scan-facts-v2.sqlite3"
# sqlite's default limit on bound parameters is 999 on old builds; stay under it.
_LOOKUP_BATCH = 900
# Whole-tree results kept (most recently used first); each is one ScanResult, small next to the facts.
TREES_KEPT = 64


def default_cache_dir() -> Path:
    """PARR_CACHE_DIR, else $XDG_CACHE_HOME/parr, else ~/.cache/parr."""
    override = os.environ.get("PARR_CACHE_DIR")
    if override:
        return Path(override)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "parr"


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> bytes:
    """A digest of parr's own scanner code: any change to it (an edited resolver, a new rule)
    invalidates cached facts and cached whole-tree results, even where nobody bumped a version."""
    h = hashlib.blake2b(digest_size=16)
    package = Path(__file__).parent.parent
    # The scanners' code, and the credential patterns the secrets pass shares with trace linting.
    for path in [*sorted((package / "scan").rglob("*.py")), package / "secrets.py"]:
        try:
            h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
        except OSError:
            h.update(path.name.encode())
    return h.digest()


def key_hasher(language: str, facts_version: str) -> hashlib.blake2b:
    """A hasher already fed with everything but the file; `copy()` it per file, then feed it the
    file's path and the digest of its bytes."""
    h = hashlib.blake2b(digest_size=20)
    h.update(f"parr={parr.__version__}\0lang={language}\0facts={facts_version}\0key=2\0".encode())
    h.update(code_fingerprint())
    return h


class FactsCache:
    """Get and put facts by key; every failure degrades to a cache miss, never to a failed scan."""

    def __init__(self, directory: Path) -> None:
        self._conn: sqlite3.Connection | None = None
        self._pending: list[tuple[bytes, str]] = []
        try:
            directory.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(directory / CACHE_DB_NAME, timeout=10, isolation_level=None)
            # WAL lets concurrent parr runs read while one writes; a lost cache write is harmless.
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=OFF")
            conn.execute("CREATE TABLE IF NOT EXISTS facts (key BLOB PRIMARY KEY, facts TEXT NOT NULL) WITHOUT ROWID")
            conn.execute("CREATE TABLE IF NOT EXISTS trees (digest BLOB PRIMARY KEY, result TEXT NOT NULL, used REAL NOT NULL)")
            self._conn = conn
        except (OSError, sqlite3.Error):
            self._conn = None

    @property
    def enabled(self) -> bool:
        return self._conn is not None

    def get_many(self, keys: Iterable[bytes]) -> dict[bytes, FileFacts]:
        """Facts for the keys found; unknown or unreadable entries are simply absent."""
        if self._conn is None:
            return {}
        found: dict[bytes, FileFacts] = {}
        key_list = list(keys)
        try:
            for i in range(0, len(key_list), _LOOKUP_BATCH):
                batch = key_list[i : i + _LOOKUP_BATCH]
                marks = ",".join("?" * len(batch))
                for key, text in self._conn.execute(f"SELECT key, facts FROM facts WHERE key IN ({marks})", batch):
                    try:
                        found[key] = json.loads(text)
                    except ValueError:
                        continue
        except sqlite3.Error:
            self._disable()
        return found

    def get_tree(self, digest: bytes) -> str | None:
        """The stored ScanResult JSON of a whole tree with this digest, if any."""
        if self._conn is None:
            return None
        try:
            row = self._conn.execute("SELECT result FROM trees WHERE digest = ?", (digest,)).fetchone()
            if row is not None:
                self._conn.execute("UPDATE trees SET used = ? WHERE digest = ?", (time.time(), digest))
        except sqlite3.Error:
            self._disable()
            return None
        return row[0] if row else None

    def put_tree(self, digest: bytes, result_json: str) -> None:
        """Remember a whole tree's result; only the most recently used trees are kept."""
        if self._conn is None:
            return
        try:
            with self._conn:
                self._conn.execute("BEGIN")
                self._conn.execute("INSERT OR REPLACE INTO trees (digest, result, used) VALUES (?, ?, ?)",
                                   (digest, result_json, time.time()))
                self._conn.execute("DELETE FROM trees WHERE digest NOT IN (SELECT digest FROM trees ORDER BY used DESC LIMIT ?)",
                                   (TREES_KEPT,))
        except sqlite3.Error:
            self._disable()

    def put(self, key: bytes, facts: FileFacts) -> None:
        """Queue facts for writing; written in batches by `flush`."""
        if self._conn is None:
            return
        try:
            text = json.dumps(facts, separators=(",", ":"), ensure_ascii=False)
        except (TypeError, ValueError):
            return  # a scanner returned something not JSON-serialisable: just don't cache it
        self._pending.append((key, text))
        if len(self._pending) >= 2000:
            self.flush()

    def flush(self) -> None:
        if self._conn is None or not self._pending:
            return
        try:
            with self._conn:
                self._conn.execute("BEGIN")
                self._conn.executemany("INSERT OR REPLACE INTO facts (key, facts) VALUES (?, ?)", self._pending)
        except sqlite3.Error:
            self._disable()
        self._pending.clear()

    def close(self) -> None:
        self.flush()
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _disable(self) -> None:
        # A locked, corrupt or read-only database: carry on uncached rather than fail the scan.
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
        self._conn = None
