"""Every file a scanner read, kept on disk during a scan so that memory does not grow with the tree.

Resolvers need to know which files exist (a TypeScript import `./tools` may be tools.ts or
tools/index.ts; a Python reference `pkg.helpers.fn` names a module) long after the files' facts
were extracted, but most files have no facts worth keeping. The paths live in a temporary sqlite
file instead of in Python sets and dicts; its page cache is bounded. If the temporary file cannot
be made, the index is kept in memory, which is correct, only larger.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

_FLUSH_ROWS = 5000
_CONTAINS_CACHE = 4096


# Paths and keys are stored as UTF-8 bytes with surrogates passed through: a file name that is not
# valid UTF-8 reaches parr as a str with lone surrogates, which sqlite cannot store as text. Byte
# order is code point order, so ORDER BY matches sorting the strings.
def _db(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _str(blob: bytes) -> str:
    return blob.decode("utf-8", "surrogatepass")


class PathIndex:
    """Paths per scanner, each with a lookup key the scanner chose (a Python module's last part)."""

    def __init__(self) -> None:
        self._pending: list[tuple[int, bytes, bytes, bytes | None]] = []
        self._memory: dict[int, dict[str, tuple[str, bytes | None]]] | None = None
        # Reads facts back by their cache key (set by the engine when there is a cache).
        self.load_facts: Callable[[bytes], dict | None] | None = None
        self._dir: tempfile.TemporaryDirectory[str] | None = None
        self._conn: sqlite3.Connection | None = None
        self._opened = False  # the temporary file is made on the first path added

    def _open(self) -> None:
        self._opened = True
        try:
            self._dir = tempfile.TemporaryDirectory(prefix="parr-paths-")
            conn = sqlite3.connect(Path(self._dir.name) / "paths.sqlite3", isolation_level=None)
            conn.execute("PRAGMA journal_mode=OFF")
            conn.execute("PRAGMA synchronous=OFF")
            conn.execute("CREATE TABLE paths (scanner INTEGER NOT NULL, path BLOB NOT NULL, key BLOB NOT NULL, "
                         "fkey BLOB, PRIMARY KEY (scanner, path)) WITHOUT ROWID")
            conn.execute("CREATE INDEX paths_key ON paths (scanner, key)")
            self._conn = conn
        except (OSError, sqlite3.Error):
            self._fall_back()

    def add(self, scanner: int, path: str, key: str, facts_key: bytes | None = None) -> None:
        """`facts_key`: where the file's facts are cached, for facts not kept in memory."""
        if not self._opened:
            self._open()
        if self._memory is not None:
            self._memory.setdefault(scanner, {})[path] = (key, facts_key)
            return
        self._pending.append((scanner, _db(path), _db(key), facts_key))
        if len(self._pending) >= _FLUSH_ROWS:
            self._flush()

    def view(self, scanner: int) -> PathView:
        if not self._opened:
            self._memory = {}  # nothing was added: an empty index needs no file
            self._opened = True
        self._flush()
        return PathView(self, scanner)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._dir is not None:
            self._dir.cleanup()
            self._dir = None

    # -- internals -------------------------------------------------------------------------------
    def _flush(self) -> None:
        if self._conn is None or not self._pending:
            return
        try:
            with self._conn:
                self._conn.execute("BEGIN")
                self._conn.executemany("INSERT OR REPLACE INTO paths (scanner, path, key, fkey) VALUES (?, ?, ?, ?)",
                                       self._pending)
        except sqlite3.Error:
            rows = self._pending
            self._fall_back()
            for scanner, path, key, facts_key in rows:
                self.add(scanner, _str(path), _str(key), facts_key)
        self._pending = []

    def _fall_back(self) -> None:
        """Keep everything in memory from here on (what the disk already holds is copied over)."""
        memory: dict[int, dict[str, tuple[str, bytes | None]]] = {}
        if self._conn is not None:
            try:
                for scanner, path, key, fkey in self._conn.execute("SELECT scanner, path, key, fkey FROM paths"):
                    memory.setdefault(scanner, {})[_str(path)] = (_str(key), fkey)
            except sqlite3.Error:
                pass
        self.close()
        self._memory = memory
        for scanner, path, key, fkey in self._pending:
            memory.setdefault(scanner, {})[_str(path)] = (_str(key), fkey)
        self._pending = []

    def _contains(self, scanner: int, path: str) -> bool:
        if self._memory is not None:
            return path in self._memory.get(scanner, {})
        assert self._conn is not None
        row = self._conn.execute("SELECT 1 FROM paths WHERE scanner = ? AND path = ?", (scanner, _db(path))).fetchone()
        return row is not None

    def _facts_key(self, scanner: int, path: str) -> bytes | None:
        if self._memory is not None:
            return self._memory.get(scanner, {}).get(path, ("", None))[1]
        assert self._conn is not None
        row = self._conn.execute("SELECT fkey FROM paths WHERE scanner = ? AND path = ?", (scanner, _db(path))).fetchone()
        return row[0] if row else None

    def _with_key(self, scanner: int, key: str) -> list[str]:
        if self._memory is not None:
            return sorted(p for p, (k, _) in self._memory.get(scanner, {}).items() if k == key)
        assert self._conn is not None
        rows = self._conn.execute("SELECT path FROM paths WHERE scanner = ? AND key = ? ORDER BY path", (scanner, _db(key)))
        return [_str(r[0]) for r in rows]

    def _iter(self, scanner: int) -> Iterator[str]:
        if self._memory is not None:
            yield from sorted(self._memory.get(scanner, {}))
            return
        assert self._conn is not None
        for (path,) in self._conn.execute("SELECT path FROM paths WHERE scanner = ? ORDER BY path", (scanner,)):
            yield _str(path)


class PathView:
    """One scanner's paths: `path in view`, `view.with_key(key)`, iteration in path order."""

    def __init__(self, index: PathIndex, scanner: int) -> None:
        self._index = index
        self._scanner = scanner
        self._seen: dict[str, bool] = {}
        self._loaded: dict[str, dict] = {}

    def __contains__(self, path: object) -> bool:
        if not isinstance(path, str):
            return False
        hit = self._seen.get(path)
        if hit is None:
            hit = self._index._contains(self._scanner, path)
            if len(self._seen) >= _CONTAINS_CACHE:
                self._seen.clear()
            self._seen[path] = hit
        return hit

    def with_key(self, key: str) -> list[str]:
        return self._index._with_key(self._scanner, key)

    def facts(self, path: str) -> dict | None:
        """Facts the engine left in the cache instead of memory (None when it kept them, or has none)."""
        hit = self._loaded.get(path)
        if hit is not None:
            return hit
        fkey = self._index._facts_key(self._scanner, path)
        load = self._index.load_facts
        if fkey is None or load is None:
            return None
        facts = load(fkey) or {}
        if len(self._loaded) >= _CONTAINS_CACHE:
            self._loaded.clear()
        self._loaded[path] = facts
        return facts

    def __iter__(self) -> Iterator[str]:
        return self._index._iter(self._scanner)
