"""Scan a repository: walk it, extract per-file facts (cached, in parallel when large), resolve tools per language."""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import multiprocessing.context
import os
import re
import stat
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from itertools import chain, islice
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parr.scan.cache import FactsCache, default_cache_dir, key_hasher
from parr.scan.language import FileFacts, LanguageScanner
from parr.scan.model import ScanError, ScanResult, ToolRecord, UnreadFile, UnresolvedSite
from parr.scan.pathindex import PathIndex
from parr.scan.wiring import WiringSummary
from parr.scan.walker import (
    DEFAULT_EXCLUDED_DIRS,
    DEFAULT_MAX_FILE_BYTES,
    UNREAD_REASONS,
    FileEntry,
    WalkOptions,
    WalkStats,
    file_path,
    looks_binary,
    root_prefix,
    walk_files,
)

# Below this many files to extract, worker start-up costs more than it saves.
POOL_MIN_FILES = 200
# Files per task sent to a worker, and a byte cap so one task never carries a huge payload.
CHUNK_FILES = 64
CHUNK_BYTES = 4 * 1024 * 1024
# Files read per step; with at most two steps in flight, contents held in memory stay bounded.
READ_BATCH = 512
READ_BATCH_BYTES = 32 * 1024 * 1024
# Shared by every file whose facts are empty (see `_extract_all`).
_NO_FACTS: FileFacts = {}
# Files extracted in-process between collections of the young generation.
IN_PROCESS_GC_FILES = 16


class ScanInputError(Exception):
    """The scan root is unusable (missing, or not a directory)."""


def default_scanners() -> list[LanguageScanner]:
    """The scanners `parr scan` runs when none are given."""
    from parr.scan.python import PythonScanner
    from parr.scan.secrets_scan import SecretsScanner
    from parr.scan.typescript import TypeScriptScanner

    return [PythonScanner(), TypeScriptScanner(), SecretsScanner()]


@dataclass(slots=True)
class _Pending:
    """A file whose facts must be extracted: scanner index, path, content, cache key."""

    scanner: int
    rel_path: str
    source: bytes | None  # None until read: a remembered digest made reading unnecessary so far
    key: bytes


def _reported(entries: Iterator[FileEntry], progress: Callable[[], None] | None) -> Iterator[FileEntry]:
    if progress is None:
        return entries
    return _each_reported(entries, progress)


def _each_reported(entries: Iterator[FileEntry], progress: Callable[[], None]) -> Iterator[FileEntry]:
    for entry in entries:
        progress()
        yield entry


def scan_repository(
    root: Path,
    *,
    scanners: Sequence[LanguageScanner] | None = None,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    use_cache: bool = True,
    cache_dir: Path | None = None,
    jobs: int | None = None,
    excluded_dirs: frozenset[str] = DEFAULT_EXCLUDED_DIRS,
    progress: Callable[[], None] | None = None,
) -> ScanResult:
    """Every tool the code under `root` exposes to a model; per-file problems become `ScanError`s.
    `progress`, when given, is called once per file walked (a progress display; it decides nothing)."""
    root = Path(root)
    if not root.exists():
        raise ScanInputError(f"Scan root {root} does not exist.")
    if not root.is_dir():
        raise ScanInputError(f"Scan root {root} is not a directory.")
    active = list(scanners) if scanners is not None else default_scanners()
    stats = WalkStats()
    options = WalkOptions(max_file_bytes=max_file_bytes, excluded_dirs=excluded_dirs)
    entries = _reported(walk_files(root, lambda rel: _scanners_for(active, rel), stats, options), progress)
    prefix = root_prefix(root)
    errors: list[ScanError] = []
    sites: list[UnresolvedSite] = []
    cache = FactsCache(cache_dir or default_cache_dir()) if use_cache else None
    tree_digest: bytes | None = None
    known: _Digests | None = None
    tree: _TreeHash | None = None
    if cache is not None and cache.enabled:
        # An unchanged tree (same paths, same contents, same scanners, same skips) gets its last
        # result back whole: reading and hashing every file is then the whole cost of a rescan.
        known = _Digests(cache, prefix)
        walked = iter(entries)
        head = list(islice(walked, 4096))
        if known.mostly_known(head):
            tree_digest = _tree_digest(chain(head, walked), prefix, active, max_file_bytes, stats, known)
            del head
            stored = cache.get_tree(tree_digest)
            if stored is not None:
                cache.close()
                try:
                    return readable_result(
                        ScanResult.model_validate_json(stored).model_copy(update={"root": root.as_posix()}))
                except ValueError:
                    pass  # an entry from an incompatible parr: scan afresh
            known.flush()  # what the digest pass learnt, for the extraction pass to look up
            # Walk again rather than hold every entry of the first walk: memory stays flat, and
            # a rescan that finds changes pays one more listing of the tree.
            stats = WalkStats()
            entries = _reported(walk_files(root, lambda rel: _scanners_for(active, rel), stats, options), progress)
        else:
            # Mostly new or changed files: no stored result can match, and their facts are not
            # cached either. Extraction reads each file once and hashes the tree on the way,
            # while the walk goes on.
            tree = _TreeHash(active, stats, max_file_bytes)
            entries = chain(head, walked)
            del head
    paths = PathIndex()
    with _gc_paused():
        try:
            facts_by_scanner, wiring_summary, files_scanned = _extract_all(
                entries, prefix, active, max_file_bytes, stats, errors, cache, jobs,
                known if tree is None else None, tree, known if tree is not None else None, paths)
            if tree is not None:
                tree_digest = tree.digest()  # the walk is over: `stats` holds its skips
                stats.merge(tree.read_stats)
            # The facts go once resolved, while collection is still paused: reference counting frees
            # them, and re-enabling the collector does not start with a pass over millions of them.
            tools = _resolve_all(active, facts_by_scanner, errors, _FullFacts(root, active, max_file_bytes, cache),
                                 paths, sites)
        finally:
            paths.close()
            if cache and tree_digest is None:
                cache.close()
        tools, sites = _locate_in_notebooks(root, max_file_bytes, tools, sites)
        summaries = _summarize_all(active, facts_by_scanner, errors)
        wiring = wiring_summary.result()
        del facts_by_scanner
    errors.extend(stats.errors)
    tools.sort(key=lambda t: (t.file, t.line, t.name))
    # Scanners may report facts['errors'] from resolve too; the engine reports them either way, once.
    unique_errors = sorted(set(errors), key=lambda e: (e.file, e.line or 0, e.message))
    result = ScanResult(
        root=root.as_posix(),
        tools=tuple(tools),
        files_scanned=files_scanned,
        errors=tuple(unique_errors),
        skipped=stats.skipped(),
        unread=tuple(UnreadFile(file=f, reason=r) for r, f in sorted(set(stats.unread), key=lambda u: (u[1], u[0]))),
        wiring=wiring,
        secrets=tuple(summaries.get("secrets", {}).get("secrets", ())),
        unresolved=tuple(sorted(set(sites), key=lambda s: (s.file, s.line, s.call))),
    )
    result = readable_result(result)
    if cache is not None and tree_digest is not None:
        cache.put_tree(tree_digest, result.model_dump_json(by_alias=True))
        cache.close()
    return result


_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape_surrogate(match: re.Match[str]) -> str:
    code = ord(match.group())
    # 0xDC80-0xDCFF stand for the undecodable bytes of a file name (surrogateescape): show the byte.
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def readable_text(text: str) -> str:
    """`text` with each lone surrogate written as a backslash escape: valid UTF-8 for every format."""
    return _SURROGATE.sub(_escape_surrogate, text)


def _readable(value: Any) -> Any:
    if isinstance(value, str):
        return readable_text(value)
    if isinstance(value, dict):
        return {_readable(k): _readable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_readable(v) for v in value]
    return value


def readable_result(result: ScanResult) -> ScanResult:
    """The result as every format can write it. File names that are not valid UTF-8 (and escaped
    lone surrogates in scanned strings) reach parr as lone surrogates, which no UTF-8 output can
    hold: they are shown as \\xNN / \\uNNNN escapes instead of ending the command with a traceback."""
    try:
        result.model_dump_json(by_alias=True)
        return result
    except ValueError:  # pydantic's serialisation error wraps the UnicodeEncodeError
        return ScanResult.model_validate(_readable(result.model_dump(by_alias=True)))


# What a remembered digest says of a file that is not text within the size limit.
_BINARY = b"binary"
_TOO_LARGE = b"too-large"


class _Digests:
    """Content digests of files whose stat fingerprint matches the one remembered with the digest:
    a rescan does not read (or hash) files that have not changed. Looked up a batch at a time, so
    nothing here grows with the tree; new digests are remembered as files are read."""

    def __init__(self, cache: FactsCache, prefix: str) -> None:
        self._cache = cache
        self._prefix = prefix.encode("utf-8", "surrogateescape")

    def _key(self, rel_path: str) -> bytes:
        return hashlib.blake2b(self._prefix + rel_path.encode("utf-8", "surrogateescape"), digest_size=16).digest()

    def mostly_known(self, entries: list[FileEntry]) -> bool:
        """Whether about half the files or more have a remembered digest (a rescan, not a first
        scan), judged on an evenly spread sample."""
        if not entries:
            return False
        step = max(1, len(entries) // 512)
        sample = entries[::step]
        return len(self.lookup(sample)) * 2 >= len(sample)

    def lookup(self, batch: list[FileEntry]) -> dict[str, bytes]:
        """rel_path -> digest (or a binary / too-large marker) for the batch's unchanged files."""
        keys = {self._key(e.rel_path): e for e in batch if e.sig}
        if not keys:
            return {}
        found = {}
        for key, (sig, digest) in self._cache.get_digests(list(keys)).items():
            entry = keys[key]
            if sig == entry.sig:
                found[entry.rel_path] = digest
        return found

    def learn(self, entry: FileEntry, digest: bytes) -> None:
        if entry.sig:
            self._cache.put_digest(self._key(entry.rel_path), entry.sig, digest)

    def flush(self) -> None:
        self._cache.flush()


def _read_and_learn(batch: list[FileEntry], prefix: str, max_file_bytes: int, stats: WalkStats,
                    errors: list[ScanError], known: _Digests | None) -> Iterator[tuple[FileEntry, bytes, bytes]]:
    """Text files of the batch with their content digest; what is binary or too large is counted
    in `stats` and remembered as such."""
    skipped: list[tuple[FileEntry, bytes]] = []
    for entry, source in _read_batch(batch, prefix, max_file_bytes, stats, errors,
                                     skipped if known is not None else None):
        digest = hashlib.blake2b(source, digest_size=20).digest()
        if known is not None:
            known.learn(entry, digest)
        yield entry, source, digest
    for entry, marker in skipped:
        known.learn(entry, marker)  # type: ignore[union-attr]


def _count_known_skip(digest: bytes, stats: WalkStats, rel_path: str) -> bool:
    """True (and counted) when a remembered digest says the file is binary or too large."""
    if digest == _BINARY:
        stats.count_unread("binary", rel_path)
        return True
    if digest == _TOO_LARGE:
        stats.count_unread("too_large", rel_path)
        return True
    return False


class _TreeHash:
    """One hash over every text file's path, content digest and scanner tag (in walk order),
    what the walk and the reads skipped, and the scanners' versions: equal hashes, same result."""

    def __init__(self, scanners: Sequence[LanguageScanner], walk_stats: WalkStats, max_file_bytes: int) -> None:
        self._hash = hashlib.blake2b(digest_size=20)
        self._versions = [key_hasher(s.language, s.facts_version).digest() for s in scanners]
        self._walk = walk_stats  # read once the walk is over
        self._max = max_file_bytes
        self.read_stats = WalkStats()  # binary and too large files found by reading
        self.read_errors = 0

    def file(self, entry: FileEntry, digest: bytes) -> None:
        self._hash.update(entry.rel_path.encode("utf-8", "surrogateescape") + b"\0" + digest)
        self._hash.update(entry.tag.to_bytes(4, "little"))

    def digest(self) -> bytes:
        for version in self._versions:
            self._hash.update(version)  # parr version, scanner languages and their facts versions
        self._hash.update(f"{self._walk.skipped().model_dump_json()}|{self.read_stats.skipped().model_dump_json()}|{self.read_errors}|{self._max}".encode())
        # The names of the files left unread are part of the result, not only their number.
        for reason, rel_path in sorted([*self._walk.unread, *self.read_stats.unread]):
            self._hash.update(f"{reason}\0".encode() + rel_path.encode("utf-8", "surrogateescape") + b"\0")
        return self._hash.digest()


def _tree_digest(entries: list[FileEntry], prefix: str, scanners: Sequence[LanguageScanner], max_file_bytes: int,
                 stats: WalkStats, known: _Digests | None = None) -> bytes:
    """The tree's `_TreeHash`, reading only the files whose digest is not remembered; contents
    are not kept."""
    tree = _TreeHash(scanners, stats, max_file_bytes)
    read_errors: list[ScanError] = []
    for batch in _batches(iter(entries)):
        digests: dict[str, bytes] = {}
        unknown: list[FileEntry] = []
        remembered = known.lookup(batch) if known is not None else {}
        for entry in batch:
            d = remembered.get(entry.rel_path)
            if d is None:
                unknown.append(entry)
            elif not _count_known_skip(d, tree.read_stats, entry.rel_path):
                digests[entry.rel_path] = d
        for entry, _, digest in _read_and_learn(unknown, prefix, max_file_bytes, tree.read_stats, read_errors, known):
            digests[entry.rel_path] = digest
        for entry in batch:  # in walk order, whichever way the digest was learnt
            content = digests.get(entry.rel_path)
            if content is not None:
                tree.file(entry, content)
    tree.read_errors = len(read_errors)
    return tree.digest()


def _summarize_all(
    scanners: Sequence[LanguageScanner], facts_by_scanner: list[dict[str, FileFacts]], errors: list[ScanError]
) -> dict[str, dict]:
    """Project-wide facts from scanners that report more than tools (wiring, committed secrets)."""
    out: dict[str, dict] = {}
    for scanner, facts_by_path in zip(scanners, facts_by_scanner):
        summarize = getattr(scanner, "summarize", None)
        if summarize is None:
            continue
        try:
            out[scanner.language] = summarize(facts_by_path)
        except Exception as exc:  # noqa: BLE001 - like resolve: one scanner's bug must not lose the rest
            errors.append(ScanError(file=".", message=f"{scanner.language} summary failed: {exc!r}"))
    return out


def _extract_all(
    entries: Iterator[FileEntry],
    prefix: str,
    scanners: Sequence[LanguageScanner],
    max_file_bytes: int,
    stats: WalkStats,
    errors: list[ScanError],
    cache: FactsCache | None,
    jobs: int | None,
    known: _Digests | None = None,
    tree: _TreeHash | None = None,
    learn: _Digests | None = None,
    paths: PathIndex | None = None,
) -> tuple[list[dict[str, FileFacts]], WiringSummary, int]:
    """Facts of every file, per scanner, from the cache or extracted; the project's wiring; and
    the number of files read."""
    # Seeded once per scanner; each file's key is a copy fed with the file's bytes.
    hashers = [key_hasher(s.language, s.facts_version) for s in scanners]
    facts_by_scanner: list[dict[str, FileFacts]] = [{} for _ in scanners]
    wiring_summary = WiringSummary()
    files_scanned = 0
    in_flight: deque[Iterator[tuple[_Pending, FileFacts, str | None]]] = deque()

    # Only what resolve needs stays in memory: wiring is summed up as it comes, and the facts
    # of files a scanner only indexed are dropped; resolve reads such a file in full if a tool
    # reaches it (`_FullFacts`). Most files have nothing for most scanners: one shared empty dict
    # stands for all of them (no resolver writes into facts; tens of thousands of dicts add up).
    index_only = [getattr(s, "index_only", None) if getattr(s, "extract_full", None) else None for s in scanners]
    # A scanner whose resolve needs no list of every file (secrets) keeps only the files with facts.
    every_path = [getattr(s, "needs_every_path", True) for s in scanners]
    # A scanner that takes a path index (`path_key`) gets every path from disk at resolve time.
    path_keys = [getattr(s, "path_key", None) if paths is not None else None for s in scanners]
    spillable = [getattr(s, "lookup_only", None) for s in scanners]
    if paths is not None and cache:
        paths.load_facts = lambda fkey: cache.get_many([fkey]).get(fkey)

    def keep(index: int, rel_path: str, facts: FileFacts, key: bytes = b"") -> None:
        limit = facts.get("limit")
        if limit in UNREAD_REASONS:
            # The scanner read the file but a limit (nesting depth) kept it from seeing into it.
            stats.count_unread(limit, rel_path)
        wiring = facts.get("wiring")
        if wiring:
            wiring_summary.add(rel_path, wiring)
            facts = {k: v for k, v in facts.items() if k != "wiring"}
        dropped = index_only[index]
        key_of = path_keys[index]
        if key_of is not None:
            # Every path goes to the on-disk index; only facts resolve must iterate stay here.
            # Facts it only looks up (a module's exports) stay in the cache, found by their key.
            if facts and not (dropped is not None and dropped(facts)):
                spill = spillable[index]
                if key and cache and spill is not None and spill(facts):
                    paths.add(index, rel_path, key_of(rel_path), key)
                    return
                facts_by_scanner[index][rel_path] = facts
            paths.add(index, rel_path, key_of(rel_path))
            return
        if facts or every_path[index]:
            facts_by_scanner[index][rel_path] = facts or _NO_FACTS

    def collect(results: Iterator[tuple[_Pending, FileFacts, str | None]]) -> None:
        for item, facts, crash in results:
            if crash is not None:
                language = scanners[item.scanner].language
                errors.append(ScanError(file=item.rel_path, message=f"{language} scanner failed: {crash}"))
                stats.count_unread("failed", item.rel_path)  # a scanner bug, or its worker died on the file
                continue
            if cache:
                cache.put(item.key, facts)
            keep(item.scanner, item.rel_path, facts, item.key)

    def add_pending(pending: list[_Pending], entry: FileEntry, source: bytes | None, digest: bytes) -> None:
        # The content is hashed once per file (not once per scanner), and not at all when there is
        # no cache to key. The path is part of the key: scanners read it (module names, test
        # files, .tsx). entry.tag is a bit mask: every scanner that reads the file gets an item.
        file_id = entry.rel_path.encode("utf-8", "surrogateescape") + b"\0" + digest if cache else b""
        for index in range(len(scanners)):
            if not entry.tag >> index & 1:
                continue
            key = b""
            if cache:
                hasher = hashers[index].copy()
                hasher.update(file_id)
                key = hasher.digest()
            pending.append(_Pending(index, entry.rel_path, source, key))

    extractor = _Extractor(scanners, jobs)
    try:
        for batch in _batches(entries):
            pending: list[_Pending] = []
            # Files whose digest is remembered (unchanged since a scan saw them) are read only if
            # some scanner's facts for them are not cached.
            unread: dict[str, FileEntry] = {}
            to_read: list[FileEntry] = []
            remembered = known.lookup(batch) if known is not None else {}
            for entry in batch:
                digest = remembered.get(entry.rel_path)
                if digest is None:
                    to_read.append(entry)
                elif not _count_known_skip(digest, stats, entry.rel_path):
                    files_scanned += 1
                    unread[entry.rel_path] = entry
                    add_pending(pending, entry, None, digest)
            if cache:
                read_stats = tree.read_stats if tree is not None else stats
                read_errors: list[ScanError] = []
                for entry, source, digest in _read_and_learn(to_read, prefix, max_file_bytes, read_stats, read_errors,
                                                             known or learn):
                    files_scanned += 1
                    add_pending(pending, entry, source, digest)
                    if tree is not None:
                        tree.file(entry, digest)
                errors.extend(read_errors)
                if tree is not None:
                    tree.read_errors += len(read_errors)
            else:
                for entry, source in _read_batch(to_read, prefix, max_file_bytes, stats, errors):
                    files_scanned += 1
                    add_pending(pending, entry, source, b"")
            cached = cache.get_many(p.key for p in pending) if cache else {}
            misses: list[_Pending] = []
            for item in pending:
                hit = cached.get(item.key)
                if hit is not None:
                    keep(item.scanner, item.rel_path, hit, item.key)
                else:
                    misses.append(item)
            del pending, cached
            if any(item.source is None for item in misses):
                misses = _read_misses(misses, unread, prefix, max_file_bytes, stats, errors, known, add_pending)
            # Workers extract this batch while the next one is read and looked up.
            in_flight.append(extractor.submit(misses))
            while len(in_flight) > 1:
                collect(in_flight.popleft())
        while in_flight:
            collect(in_flight.popleft())
    finally:
        extractor.close()
    if cache:
        cache.flush()  # resolve reads facts it did not keep in memory back from the cache
    return facts_by_scanner, wiring_summary, files_scanned


def _read_misses(misses: list[_Pending], unread: dict[str, FileEntry], prefix: str, max_file_bytes: int,
                 stats: WalkStats, errors: list[ScanError], known: _Digests | None, add_pending) -> list[_Pending]:
    """Read the files of cache misses whose digest was remembered, not read. A file that changed
    since the walk is keyed by its new content (its facts must not be cached under the old key)."""
    ready = [item for item in misses if item.source is not None]
    wanted = {item.rel_path: unread[item.rel_path] for item in misses if item.source is None}
    missing_scanners: dict[str, set[int]] = {}
    for item in misses:
        if item.source is None:
            missing_scanners.setdefault(item.rel_path, set()).add(item.scanner)
    for entry, source, digest in _read_and_learn(list(wanted.values()), prefix, max_file_bytes, stats, errors, known):
        fresh: list[_Pending] = []
        add_pending(fresh, entry, source, digest)
        ready.extend(p for p in fresh if p.scanner in missing_scanners[entry.rel_path])
    return ready


class _FullFacts:
    """Full facts of one file on demand, for scanners whose `extract` keeps only an index of the
    files that cannot declare a tool (`extract_full`): resolve asks for the few such files a tool
    refers to (a helper listed in tools=[...], a module re-exporting one). Read afresh from disk,
    under the same limits as the walk, and cached under their own key."""

    def __init__(self, root: Path, scanners: Sequence[LanguageScanner], max_file_bytes: int,
                 cache: FactsCache | None) -> None:
        self._root = root
        self._scanners = scanners
        self._max = max_file_bytes
        self._cache = cache

    def loader(self, index: int):
        scanner = self._scanners[index]
        if getattr(scanner, "extract_full", None) is None:
            return None
        return _FullLoader(self, scanner)

    def _load(self, scanner: LanguageScanner, hasher, rel_path: str, part: str | None = None) -> FileFacts | None:
        stats, errors = WalkStats(), []
        entry = FileEntry(rel_path=rel_path, size=0, tag=0)
        read = list(_read_batch([entry], root_prefix(self._root), self._max, stats, errors))
        if not read:
            return None
        source = read[0][1]
        key = b""
        if self._cache:
            h = hasher.copy()
            h.update(rel_path.encode("utf-8", "surrogateescape") + b"\0" + hashlib.blake2b(source, digest_size=20).digest())
            key = h.digest()
            hit = self._cache.get_many([key]).get(key)
            if hit is not None:
                return hit
        facts, crash = _extract_one_full(scanner, rel_path, source, part)
        if not gc.isenabled():
            # Resolve runs with collection paused (`_gc_paused`), and a parse leaves its syntax
            # tree in reference cycles: without this, every file read here kept its tree until
            # the scan ended (26 MB of ASTs on awslabs/mcp, the +15% peak memory). Only objects
            # made since the last collection are visited.
            gc.collect(0)
        if crash is not None:
            return None
        if self._cache:
            self._cache.put(key, facts)
        return facts


class _FullLoader:
    """`full_facts(rel_path)` for one scanner, and `full_facts.part(rel_path, name)` for a scanner whose
    `extract_full` can compute one named part of them alone (`parts`): what a resolver reading one
    kind of fact needs, without the rest. Each part is cached under its own key."""

    def __init__(self, full: _FullFacts, scanner: LanguageScanner) -> None:
        self._full = full
        self._scanner = scanner
        self._hashers = {None: key_hasher(scanner.language + "+full", scanner.facts_version)}

    def __call__(self, rel_path: str) -> FileFacts | None:
        return self._full._load(self._scanner, self._hashers[None], rel_path)

    def part(self, rel_path: str, name: str) -> FileFacts | None:
        if name not in (getattr(self._scanner, "full_parts", None) or ()):
            return self(rel_path)
        hasher = self._hashers.get(name)
        if hasher is None:
            hasher = self._hashers[name] = key_hasher(f"{self._scanner.language}+full+{name}",
                                                      self._scanner.facts_version)
        return self._full._load(self._scanner, hasher, rel_path, name)


def _locate_in_notebooks(root: Path, max_file_bytes: int, tools: list[ToolRecord],
                         sites: list[UnresolvedSite]) -> tuple[list[ToolRecord], list[UnresolvedSite]]:
    """Tools and sites in Jupyter notebooks get their cell and line within the cell (scanners
    report lines of the joined code cells). Each notebook is read again, once: there are few."""
    from parr.scan.python.notebook import NotebookUnreadable, is_notebook, read_notebook

    wanted = sorted({r.file for r in (*tools, *sites) if is_notebook(r.file)})
    if not wanted:
        return tools, sites
    notebooks = {}
    stats, read_errors = WalkStats(), []
    entries = [FileEntry(rel_path=f, size=0, tag=0) for f in wanted]
    for entry, source in _read_batch(entries, root_prefix(root), max_file_bytes, stats, read_errors):
        try:
            notebooks[entry.rel_path] = read_notebook(source)
        except NotebookUnreadable:
            pass  # changed since it was scanned: its records keep the joined line only

    def located(record):
        notebook = notebooks.get(record.file)
        if notebook is None:
            return record
        cell, cell_line = notebook.locate(record.line)
        return record.model_copy(update={"cell": cell, "cell_line": cell_line})

    return [located(t) for t in tools], [located(s) for s in sites]


def _extract_one_full(scanner: LanguageScanner, rel_path: str, source: bytes,
                      part: str | None = None) -> tuple[FileFacts, str | None]:
    try:
        if part is not None:
            return scanner.extract_full(rel_path, source, part=part), None  # type: ignore[attr-defined]
        return scanner.extract_full(rel_path, source), None  # type: ignore[attr-defined]
    except Exception as exc:  # noqa: BLE001 - same contract as `_extract_one`
        return {}, repr(exc)


def _resolve_all(
    scanners: Sequence[LanguageScanner], facts_by_scanner: list[dict[str, FileFacts]], errors: list[ScanError],
    full: _FullFacts | None = None, paths: PathIndex | None = None, sites: list[UnresolvedSite] | None = None,
) -> list[ToolRecord]:
    """Each scanner's tools from its files' facts; per-file and resolve errors go to `errors`, the
    places where tools are handed to a model that a scanner could not read go to `sites`."""
    tools: list[ToolRecord] = []
    for index, (scanner, facts_by_path) in enumerate(zip(scanners, facts_by_scanner)):
        errors.extend(_fact_errors(facts_by_path))
        extra: dict = {}
        loader = full.loader(index) if full is not None else None
        if loader is not None:
            extra["full_facts"] = loader
        if paths is not None and getattr(scanner, "path_key", None) is not None:
            extra["paths"] = paths.view(index)
        if sites is not None and getattr(scanner, "reports_sites", False):
            extra["sites"] = sites
        try:
            ordered = dict(sorted(facts_by_path.items()))
            found, resolve_errors = scanner.resolve(ordered, **extra)
        except Exception as exc:  # noqa: BLE001 - a scanner bug must not lose the other languages' results
            errors.append(ScanError(file=".", message=f"{scanner.language} resolve failed: {exc!r}"))
            continue
        tools.extend(found)
        errors.extend(resolve_errors)
    return tools


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause automatic garbage collection: the facts of 100k files are millions of long-lived,
    acyclic containers that repeated collections would traverse again and again (4x slower)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _scanners_for(scanners: Sequence[LanguageScanner], rel_path: str) -> int | None:
    """Bit mask of the scanners that read the path (bit i: scanners[i]), or None when none does."""
    mask = 0
    for index, scanner in enumerate(scanners):
        if scanner.handles(rel_path):
            mask |= 1 << index
    return mask or None


def _batches(entries: Iterator[FileEntry]) -> Iterator[list[FileEntry]]:
    """Consecutive entries, at most READ_BATCH files or READ_BATCH_BYTES bytes a batch."""
    batch: list[FileEntry] = []
    size = 0
    for entry in entries:
        batch.append(entry)
        size += entry.size
        if len(batch) >= READ_BATCH or size >= READ_BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _read_batch(
    batch: list[FileEntry], prefix: str, max_bytes: int, stats: WalkStats, errors: list[ScanError],
    skipped: list[tuple[FileEntry, bytes]] | None = None,
) -> Iterator[tuple[FileEntry, bytes]]:
    """Contents of the batch's files; unreadable ones become errors, binary and too large ones are
    counted (and listed in `skipped` with why, when given)."""
    flags = (os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
             | getattr(os, "O_CLOEXEC", 0))
    for entry in batch:
        try:
            # Raw fd reads: a buffered file object per file is measurable on 100k files.
            # O_NOFOLLOW: the file may have been swapped for a symlink since the walk; O_NONBLOCK
            # and the S_ISREG test: or for a fifo or a device, which would block or never end.
            fd = os.open(file_path(prefix, entry.rel_path), flags)
            try:
                if not stat.S_ISREG(os.fstat(fd).st_mode):
                    source = None
                else:
                    # Never trust the walk's size alone: the file may have grown since.
                    source = _read_up_to(fd, entry.size, max_bytes + 1)
            finally:
                os.close(fd)
        except OSError as exc:
            errors.append(ScanError(file=entry.rel_path, message=f"cannot read: {exc.strerror or exc}"))
            stats.count_unread("unreadable", entry.rel_path)
            continue
        if source is None:
            stats.count_unread("unreadable", entry.rel_path)
            continue
        if len(source) > max_bytes:
            stats.count_unread("too_large", entry.rel_path)
            if skipped is not None:
                skipped.append((entry, _TOO_LARGE))
            continue
        if looks_binary(source):
            stats.count_unread("binary", entry.rel_path)
            if skipped is not None:
                skipped.append((entry, _BINARY))
            continue
        yield entry, source


def _read_up_to(fd: int, expected: int, limit: int) -> bytes:
    """At most `limit` bytes; asks for the size the walk saw (+1 to notice growth), since asking
    for `limit` every time allocates a limit-sized buffer per file."""
    parts: list[bytes] = []
    size = 0
    want = min(limit, expected + 1)
    while size < limit:
        chunk = os.read(fd, want)
        parts.append(chunk)
        size += len(chunk)
        if len(chunk) < want:
            break  # a short read of a regular file is its end
        want = min(limit - size, 1024 * 1024)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _fact_errors(facts_by_path: dict[str, FileFacts]) -> Iterator[ScanError]:
    """The decode and syntax errors scanners put in facts['errors']."""
    for rel_path, facts in facts_by_path.items():
        for err in facts.get("errors") or ():
            if not isinstance(err, dict):
                continue
            line = err.get("line")
            yield ScanError(
                file=rel_path,
                line=line if isinstance(line, int) and line >= 1 else None,
                message=str(err.get("message", "error")),
            )


# Scanners a worker process uses; set once by the pool initializer.
_WORKER_SCANNERS: Sequence[LanguageScanner] = ()


def _init_worker(scanners: Sequence[LanguageScanner]) -> None:
    global _WORKER_SCANNERS
    _WORKER_SCANNERS = scanners
    # A forked worker inherits the parent's paused collector; extraction makes cyclic garbage.
    # Everything inherited (modules, scanners, the parent's state at fork) lives as long as the
    # worker: frozen, the collector never traverses it again (extraction is ~15% faster).
    gc.freeze()
    gc.enable()


def _extract_one(scanner: LanguageScanner, rel_path: str, source: bytes) -> tuple[FileFacts, str | None]:
    try:
        return scanner.extract(rel_path, source), None
    except Exception as exc:  # noqa: BLE001 - the protocol says never raise; a bug in one file must not stop the scan
        return {}, repr(exc)


def _extract_chunk(items: list[tuple[int, str, bytes]]) -> list[tuple[FileFacts, str | None]]:
    return [_extract_one(_WORKER_SCANNERS[i], rel, src) for i, rel, src in items]


class _Extractor:
    """Runs `extract` in-process until enough files need it, then in a process pool."""

    def __init__(self, scanners: Sequence[LanguageScanner], jobs: int | None) -> None:
        self._scanners = scanners
        self._workers = max(1, jobs) if jobs is not None else max(1, min(os.cpu_count() or 1, 8))
        # jobs=None decides by volume: small repos and warm rescans never pay for a pool.
        self._min_files = POOL_MIN_FILES if jobs is None else 0
        self._seen = 0
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, items: list[_Pending]) -> Iterator[tuple[_Pending, FileFacts, str | None]]:
        """Start extracting; the returned iterator yields results in order, waiting as needed."""
        self._seen += len(items)
        if self._workers <= 1 or self._seen < self._min_files or len(items) < CHUNK_FILES:
            return self._in_process(items)
        chunks = list(_chunks(items))
        for attempt in range(3):
            if self._pool is None:
                self._pool = ProcessPoolExecutor(self._workers, mp_context=_worker_context(),
                                                 initializer=_init_worker, initargs=(self._scanners,))
            try:
                futures = [self._pool.submit(_extract_chunk, [(p.scanner, p.rel_path, p.source) for p in c]) for c in chunks]
                break
            except BrokenProcessPool:
                # A worker died (killed, out of memory) before any result said so: the pool takes no
                # more work. Its failed tasks are reported where their results are read.
                self._drop_broken_pool()
        else:
            return ((item, {}, "worker failed: the process pool kept breaking") for item in items)
        return self._pooled(chunks, futures)

    def _in_process(self, items: list[_Pending]) -> Iterator[tuple[_Pending, FileFacts, str | None]]:
        for done, item in enumerate(items, 1):
            facts, crash = _extract_one(self._scanners[item.scanner], item.rel_path, item.source)
            yield item, facts, crash
            if done % IN_PROCESS_GC_FILES == 0 and not gc.isenabled():
                # Parsing leaves cyclic garbage (some holding parse trees' C memory). With
                # automatic collection paused, a young-generation pass frees it and visits
                # each new object only once.
                gc.collect(0)

    def _pooled(
        self, chunks: list[list[_Pending]], futures: list[Future[list[tuple[FileFacts, str | None]]]]
    ) -> Iterator[tuple[_Pending, FileFacts, str | None]]:
        for chunk, future in zip(chunks, futures):
            try:
                results = future.result()
            except Exception as exc:  # noqa: BLE001 - a worker died (e.g. out of memory): report the chunk, carry on
                results = [({}, f"worker failed: {exc!r}")] * len(chunk)
                if isinstance(exc, BrokenProcessPool):
                    self._drop_broken_pool()
            for item, (facts, crash) in zip(chunk, results):
                yield item, facts, crash

    def _drop_broken_pool(self) -> None:
        # A broken pool fails every later task; the next submit starts a fresh one.
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


def _worker_context() -> multiprocessing.context.BaseContext:
    """How worker processes start, such that none can import the scanned repository's code.

    A forked worker imports nothing. A spawned one (macOS, Windows, and forkserver, Linux's default
    from Python 3.14) is a new interpreter started with `-c` in parr's working directory, which
    Python puts first on sys.path: run from inside the scanned repository, its `multiprocessing/`
    or `parr/` would be imported. PYTHONSAFEPATH (3.11+) keeps that directory off sys.path in
    every Python parr starts; on 3.10, fork where the platform has it."""
    os.environ["PYTHONSAFEPATH"] = "1"
    if sys.version_info < (3, 11) and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _chunks(items: list[_Pending]) -> Iterator[list[_Pending]]:
    chunk: list[_Pending] = []
    size = 0
    for item in items:
        chunk.append(item)
        size += len(item.source)
        if len(chunk) >= CHUNK_FILES or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk
