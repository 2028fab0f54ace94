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

CACHE_DB_NAME = "scan-facts-v3.sqlite3"
# Above this size the least recently used facts are evicted when a scan ends (PARR_CACHE_MAX_MB).
DEFAULT_MAX_MB = 1024
# A hit refreshes an entry's stamp only when the stamp is this many scans old: recency to within a
# few scans is enough for eviction, and a rescan does not rewrite every row it reads.
STAMP_SLACK = 16
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


# Databases of earlier cache layouts, which this parr never reads again.
_OLD_DB_NAMES = ("scan-facts-v1.sqlite3", "scan-facts-v2.sqlite3")


def _remove_old_versions(directory: Path) -> None:
    for name in _OLD_DB_NAMES:
        for suffix in ("", "-wal", "-shm"):
            try:
                (directory / (name + suffix)).unlink()
            except OSError:
                pass  # absent, or in use by an older parr still running: leave it


def _max_bytes_from_env() -> int:
    value = os.environ.get("PARR_CACHE_MAX_MB", "")
    try:
        megabytes = int(value) if value else DEFAULT_MAX_MB
    except ValueError:
        megabytes = DEFAULT_MAX_MB  # a cache setting never fails a scan
    return max(1, megabytes) * 1024 * 1024


def key_hasher(language: str, facts_version: str) -> hashlib.blake2b:
    """A hasher already fed with everything but the file; `copy()` it per file, then feed it the
    file's path and the digest of its bytes."""
    h = hashlib.blake2b(digest_size=20)
    h.update(f"parr={parr.__version__}\0lang={language}\0facts={facts_version}\0key=2\0".encode())
    h.update(code_fingerprint())
    return h


class FactsCache:
    """Get and put facts by key; every failure degrades to a cache miss, never to a failed scan."""

    def __init__(self, directory: Path, max_bytes: int | None = None) -> None:
        self._conn: sqlite3.Connection | None = None
        self._pending: list[tuple[bytes, str, int]] = []
        self._touched: list[tuple[int, bytes]] = []
        self._stats: list[tuple[bytes, int, bytes, int]] = []
        self._generation = 0
        self._max_bytes = max_bytes if max_bytes is not None else _max_bytes_from_env()
        try:
            directory.mkdir(parents=True, exist_ok=True)
            _remove_old_versions(directory)
            conn = sqlite3.connect(directory / CACHE_DB_NAME, timeout=10, isolation_level=None)
            # Freed pages go back to the file system when entries are evicted (set before any table).
            conn.execute("PRAGMA auto_vacuum=INCREMENTAL")
            # WAL lets concurrent parr runs read while one writes; a lost cache write is harmless.
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=OFF")
            conn.execute("CREATE TABLE IF NOT EXISTS facts (key BLOB PRIMARY KEY, facts TEXT NOT NULL, "
                         "stamp INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID")
            conn.execute("CREATE INDEX IF NOT EXISTS facts_stamp ON facts (stamp)")
            conn.execute("CREATE TABLE IF NOT EXISTS trees (digest BLOB PRIMARY KEY, result TEXT NOT NULL, used REAL NOT NULL)")
            conn.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL)")
            # Content digests by file (root and path) and stat fingerprint: an unchanged file is not
            # read again to learn its digest.
            conn.execute("CREATE TABLE IF NOT EXISTS stats (key BLOB PRIMARY KEY, sig INTEGER NOT NULL, "
                         "digest BLOB NOT NULL, stamp INTEGER NOT NULL) WITHOUT ROWID")
            # Each scan is one generation; an entry's stamp is the last generation that used it.
            with conn:
                conn.execute("BEGIN IMMEDIATE")
                row = conn.execute("SELECT value FROM meta WHERE name = 'generation'").fetchone()
                self._generation = (row[0] if row else 0) + 1
                conn.execute("INSERT OR REPLACE INTO meta (name, value) VALUES ('generation', ?)", (self._generation,))
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
                rows = self._conn.execute(f"SELECT key, facts, stamp FROM facts WHERE key IN ({marks})", batch)
                for key, text, stamp in rows:
                    try:
                        found[key] = json.loads(text)
                    except ValueError:
                        continue
                    if stamp < self._generation - STAMP_SLACK:
                        self._touched.append((self._generation, key))
        except sqlite3.Error:
            self._disable()
        return found

    def get_digests(self, keys: list[bytes]) -> dict[bytes, tuple[int, bytes]]:
        """(stat fingerprint, content digest) remembered for these files."""
        if self._conn is None:
            return {}
        found: dict[bytes, tuple[int, bytes]] = {}
        try:
            for i in range(0, len(keys), _LOOKUP_BATCH):
                batch = keys[i : i + _LOOKUP_BATCH]
                marks = ",".join("?" * len(batch))
                for key, sig, digest, stamp in self._conn.execute(
                        f"SELECT key, sig, digest, stamp FROM stats WHERE key IN ({marks})", batch):
                    found[key] = (sig, digest)
                    if stamp < self._generation - STAMP_SLACK:
                        self._stats.append((key, sig, digest, self._generation))  # still in use
        except sqlite3.Error:
            self._disable()
        return found

    def put_digest(self, key: bytes, sig: int, digest: bytes) -> None:
        if self._conn is None:
            return
        self._stats.append((key, sig, digest, self._generation))
        if len(self._stats) >= 5000:
            self.flush()

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
            result_json.encode("utf-8")
        except UnicodeEncodeError:
            return  # not storable as sqlite text: the next scan just redoes the work
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
            # ASCII escapes: facts hold paths and strings with lone surrogates (file names that are
            # not UTF-8, escaped literals in the scanned code), which sqlite cannot encode; json
            # escapes them as \udcXX and reads them back unchanged.
            text = json.dumps(facts, separators=(",", ":"), ensure_ascii=True)
        except (TypeError, ValueError, RecursionError):
            return  # a scanner returned something not JSON-serialisable (or too deep): just don't cache it
        self._pending.append((key, text, self._generation))
        if len(self._pending) >= 2000:
            self.flush()

    def flush(self) -> None:
        if self._conn is None or not (self._pending or self._touched or self._stats):
            return
        try:
            with self._conn:
                self._conn.execute("BEGIN")
                self._conn.executemany("INSERT OR REPLACE INTO facts (key, facts, stamp) VALUES (?, ?, ?)", self._pending)
                self._conn.executemany("UPDATE facts SET stamp = ? WHERE key = ?", self._touched)
                self._conn.executemany("INSERT OR REPLACE INTO stats (key, sig, digest, stamp) VALUES (?, ?, ?, ?)",
                                       self._stats)
        except (sqlite3.Error, UnicodeError):
            self._disable()
        self._pending.clear()
        self._touched.clear()
        self._stats.clear()

    def size_bytes(self) -> int:
        if self._conn is None:
            return 0
        try:
            pages = self._conn.execute("PRAGMA page_count").fetchone()[0]
            free = self._conn.execute("PRAGMA freelist_count").fetchone()[0]
            size = self._conn.execute("PRAGMA page_size").fetchone()[0]
        except sqlite3.Error:
            return 0
        return (pages - free) * size

    def evict(self) -> None:
        """Over the size limit, drop the least recently used half of the facts (older stamps
        first) and give the space back. Entries used in the last STAMP_SLACK scans are kept, so
        the limit is soft: a cache may stay above it while everything in it is in use."""
        if self._conn is None or self.size_bytes() <= self._max_bytes:
            return
        try:
            row = self._conn.execute("SELECT (SELECT MIN(stamp) FROM facts), stamp FROM facts ORDER BY stamp "
                                     "LIMIT 1 OFFSET (SELECT COUNT(*) / 2 FROM facts)").fetchone()
            if row is None:
                return
            oldest, median = row
            # Everything older than the median; when the oldest generation is half or more of the
            # cache, that whole generation. Never what this scan used.
            # Entries this scan read may carry stamps up to STAMP_SLACK generations old.
            cutoff = min(median if median > oldest else median + 1, self._generation - STAMP_SLACK)
            with self._conn:
                self._conn.execute("BEGIN")
                self._conn.execute("DELETE FROM facts WHERE stamp < ?", (cutoff,))
                self._conn.execute("DELETE FROM stats WHERE stamp < ?", (cutoff,))
            # One page per step; executescript steps it to the end (execute would free one page).
            self._conn.executescript("PRAGMA incremental_vacuum;")
        except sqlite3.Error:
            self._disable()

    def close(self) -> None:
        self.flush()
        self.evict()
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
