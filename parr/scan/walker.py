"""File discovery under a scan root that survives hostile trees (ignored files, symlinks, huge and binary files)."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from parr.scan.model import ScanError, SkippedCounts

DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024

# Directories that hold vendored, generated or cached code: never the agent's own tools, and often huge.
DEFAULT_EXCLUDED_DIRS: frozenset[str] = frozenset(
    {
        ".git", ".hg", ".svn", "node_modules", "bower_components", ".venv", "venv", "__pycache__",
        "site-packages", ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".cache",
        "dist", "build", ".next", ".nuxt", ".turbo", ".parcel-cache", ".svelte-kit", ".eggs",
        "coverage", ".parr",
    }
)

# git's own heuristic: a NUL byte in the first 8000 bytes means binary; 8 KiB is close enough.
BINARY_SNIFF_BYTES = 8192


def looks_binary(head: bytes) -> bool:
    """True when the first bytes of a file contain a NUL byte."""
    return b"\0" in head[:BINARY_SNIFF_BYTES]


@dataclass(frozen=True, slots=True)
class FileEntry:
    """One file to scan: '/'-separated path relative to the root (the real path of the root the
    walk was given: see `file_path`), size, and the tag the caller's `classify` gave it (e.g.
    which scanner reads it). No absolute path: a monorepo's entries are all held at once."""

    rel_path: str
    size: int
    tag: int
    # A fingerprint of the file's stat (size, mtime, ctime, inode): equal fingerprints mean the
    # content hash remembered for it still holds. 0 when it cannot be trusted: a file changed
    # within the last seconds could change again within the same clock tick (git's "racy" case).
    sig: int = 0


RACY_NS = 2_000_000_000


def stat_sig(st: os.stat_result, racy_after_ns: int) -> int:
    if st.st_mtime_ns >= racy_after_ns:
        return 0
    return hash((st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)) & 0x7FFF_FFFF_FFFF_FFFF or 1


def root_prefix(root: Path | str) -> str:
    """What `file_path` joins a relative path to: the real path of the walked root, with a slash."""
    return os.path.realpath(root).rstrip(os.sep) + os.sep


def file_path(prefix: str, rel_path: str) -> str:
    return prefix + rel_path


MAX_LISTED_SKIPS = 1000


@dataclass
class WalkStats:
    """What the walk left out, counted as it goes; `errors` holds unreadable directories."""

    ignored: int = 0
    too_large: int = 0
    binary: int = 0
    symlink_outside: int = 0
    errors: list[ScanError] = field(default_factory=list)
    # (path, category) of files left out for a reason other than being ignored: a check reports
    # each by name (CODE-012). The first MAX_LISTED_SKIPS only; the counts stay exact.
    skipped_files: list[tuple[str, str]] = field(default_factory=list)

    def skip(self, category: str, rel_path: str) -> None:
        setattr(self, category, getattr(self, category) + 1)
        if len(self.skipped_files) < MAX_LISTED_SKIPS:
            self.skipped_files.append((rel_path, category))

    def skipped(self) -> SkippedCounts:
        return SkippedCounts(
            ignored=self.ignored,
            too_large=self.too_large,
            binary=self.binary,
            symlink_outside=self.symlink_outside,
        )


@dataclass(frozen=True)
class WalkOptions:
    """Limits of one walk."""

    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    excluded_dirs: frozenset[str] = DEFAULT_EXCLUDED_DIRS
    use_git: bool = True


# Gives a wanted file's tag, or None for files no one reads.
Classify = Callable[[str], "int | None"]


def walk_files(
    root: Path,
    classify: Classify,
    stats: WalkStats,
    options: WalkOptions = WalkOptions(),
) -> Iterator[FileEntry]:
    """Yield the files under `root` that `classify` tags, skipping ignored, outside-symlinked and
    too-large ones (counted in `stats`). Binary files are not sniffed here: the reader does that
    on the bytes it reads anyway (see `looks_binary`)."""
    root_real = os.path.realpath(root)
    listed = _git_listing(root_real) if options.use_git else None
    if listed is not None:
        yield from _walk_git_listing(root_real, listed, classify, stats, options)
    else:
        yield from _walk_tree(root_real, classify, stats, options)


_GIT_ENV = {"GIT_OPTIONAL_LOCKS": "0"}


def _git_listing(root: str) -> tuple[Iterator[str], subprocess.Popen[bytes]] | None:
    """Tracked and untracked-but-not-ignored files under `root`, plus a running listing of the
    ignored ones; None when root is not in a git work tree (or git is unusable)."""
    git = shutil.which("git")
    if git is None:
        return None
    env = {**os.environ, **_GIT_ENV}
    try:
        inside = subprocess.run(
            [git, "rev-parse", "--is-inside-work-tree"],
            cwd=root, capture_output=True, text=True, env=env, check=False,
        )
        if inside.returncode != 0 or inside.stdout.strip() != "true":
            return None
        # Only counted, so it runs alongside the main listing instead of after it.
        ignored = subprocess.Popen(
            [git, "ls-files", "-o", "-i", "--exclude-standard", "--directory", "-z"],
            cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
        )
        # Run from root: ls-files then lists only files below it, relative to it. The listing is
        # spooled to a temporary file and read back a chunk at a time: a monorepo's list of paths
        # is never held in memory whole.
        spool = tempfile.TemporaryFile()
        out = subprocess.run(
            [git, "ls-files", "-co", "--exclude-standard", "-z"],
            cwd=root, stdout=spool, stderr=subprocess.DEVNULL, env=env, check=False,
        )
    except OSError:
        return None
    if out.returncode != 0:
        spool.close()
        ignored.kill()
        ignored.communicate()
        return None
    return _spooled_paths(spool), ignored


def _spooled_paths(spool, chunk_size: int = 1 << 20) -> Iterator[str]:
    """NUL-separated paths from a spooled listing, one at a time; the file is closed at the end."""
    with spool:
        spool.seek(0)
        rest = b""
        while True:
            chunk = spool.read(chunk_size)
            if not chunk:
                break
            parts = (rest + chunk).split(b"\0")
            rest = parts.pop()
            for part in parts:
                if part:
                    yield part.decode("utf-8", "surrogateescape")
        if rest:
            yield rest.decode("utf-8", "surrogateescape")


def _git_ignored_count(ignored: subprocess.Popen[bytes], classify: Classify) -> int:
    """Ignored directories under root (each once) plus ignored files a scanner would read."""
    stdout, _ = ignored.communicate()
    if ignored.returncode != 0:
        return 0
    entries = sorted(p for p in stdout.decode("utf-8", "surrogateescape").split("\0") if p)
    count = 0
    for i, path in enumerate(entries):
        if path.endswith("/"):
            # git may list a directory holding only ignored files *and* those files; count the files alone.
            if not (i + 1 < len(entries) and entries[i + 1].startswith(path)):
                count += 1
        elif classify(path) is not None:
            count += 1
    return count


def _walk_git_listing(
    root: str,
    listing: tuple[Iterator[str], subprocess.Popen[bytes]],
    classify: Classify,
    stats: WalkStats,
    options: WalkOptions,
) -> Iterator[FileEntry]:
    listed, ignored = listing
    excluded = options.excluded_dirs
    excluded_seen: set[str] = set()
    racy_after = time.time_ns() - RACY_NS
    prefix = root.rstrip(os.sep) + os.sep
    try:
        for rel in listed:
            if not rel:
                continue
            parts = rel.split("/")
            if len(parts) > 1 and not excluded.isdisjoint(parts[:-1]):
                # Vendored trees git lists (committed, or not in .gitignore) count once per directory.
                at = next(i for i, p in enumerate(parts[:-1]) if p in excluded)
                excluded_seen.add("/".join(parts[: at + 1]))
                continue
            path = prefix + rel
            try:
                st = os.lstat(path)
            except OSError:
                continue  # tracked but deleted from the work tree
            if stat.S_ISLNK(st.st_mode):
                _count_symlink(root, path, stats)
                continue
            if not stat.S_ISREG(st.st_mode):
                continue  # submodule gitlinks show up as directories
            tag = classify(rel)
            if tag is None:
                continue
            if st.st_size > options.max_file_bytes:
                stats.skip("too_large", rel)
                continue
            yield FileEntry(rel, st.st_size, tag, stat_sig(st, racy_after))
    finally:
        stats.ignored += len(excluded_seen) + _git_ignored_count(ignored, classify)


def _count_symlink(root: str, path: str, stats: WalkStats) -> None:
    """Symlinks are never followed: those leaving the root are counted, those inside it point at
    files the walk reaches under their own path anyway (and following them could loop)."""
    target = os.path.realpath(path)
    if not _is_within(root, target):
        stats.symlink_outside += 1


def _is_within(root: str, path: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


class _IgnoreFile:
    """A parsed .gitignore and the '/'-path (relative to the root) of the directory it sits in."""

    def __init__(self, base: str, spec: pathspec.GitIgnoreSpec) -> None:
        self.base = base
        self.spec = spec
        self._any = _any_pattern_regex(spec)

    def check(self, rel: str) -> bool | None:
        """True ignored, False re-included by a '!' pattern, None when no pattern matches."""
        sub = rel[len(self.base) + 1 :] if self.base else rel
        # pathspec tries its patterns one by one; one combined regex answers "none match" (the
        # common case) far faster on .gitignore files with dozens of patterns.
        if self._any is not None and self._any.match(sub) is None:
            return None
        return self.spec.check_file(sub).include


_NAMED_GROUP = re.compile(r"\(\?P<[A-Za-z_][A-Za-z0-9_]*>")


def _any_pattern_regex(spec: pathspec.GitIgnoreSpec) -> re.Pattern[str] | None:
    """One regex matching wherever any of the spec's patterns matches, or None if it can't be built."""
    parts = []
    for pattern in spec.patterns:
        regex = getattr(pattern, "regex", None)
        if getattr(pattern, "include", None) is None or regex is None:
            continue
        # Group names repeat across patterns; a combined regex may not repeat them.
        parts.append(_NAMED_GROUP.sub("(?:", regex.pattern))
    if not parts:
        return re.compile(r"(?!)")
    try:
        return re.compile("|".join(f"(?:{p})" for p in parts))
    except re.error:
        return None


def _is_ignored(rel: str, is_dir: bool, ignores: list[_IgnoreFile]) -> bool:
    """git's precedence: the deepest .gitignore with a matching pattern decides."""
    path = rel + "/" if is_dir else rel
    for ignore in reversed(ignores):
        verdict = ignore.check(path)
        if verdict is not None:
            return verdict
    return False


def _read_gitignore(dir_path: str, rel_dir: str, stats: WalkStats) -> _IgnoreFile | None:
    path = os.path.join(dir_path, ".gitignore")
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            lines = fh.read().splitlines()
    except FileNotFoundError:
        return None
    except OSError as exc:
        stats.errors.append(ScanError(file=_join(rel_dir, ".gitignore"), message=f"cannot read: {exc.strerror}"))
        return None
    try:
        return _IgnoreFile(rel_dir, pathspec.GitIgnoreSpec.from_lines(lines))
    except (ValueError, TypeError) as exc:  # pathspec rejects some malformed patterns
        stats.errors.append(ScanError(file=_join(rel_dir, ".gitignore"), message=f"invalid pattern: {exc}"))
        return None


def _join(rel_dir: str, name: str) -> str:
    return f"{rel_dir}/{name}" if rel_dir else name


def _walk_tree(root: str, classify: Classify, stats: WalkStats, options: WalkOptions) -> Iterator[FileEntry]:
    """Depth-first walk outside git, honouring every .gitignore on the way down."""
    # Explicit stack rather than recursion: deep trees must not hit the recursion limit.
    stack: list[tuple[str, str, list[_IgnoreFile]]] = [(root, "", [])]
    racy_after = time.time_ns() - RACY_NS
    while stack:
        dir_path, rel_dir, inherited = stack.pop()
        try:
            with os.scandir(dir_path) as it:
                entries = list(it)  # unsorted: the engine sorts what it reports
        except OSError as exc:
            stats.errors.append(ScanError(file=rel_dir or ".", message=f"cannot list directory: {exc.strerror}"))
            continue
        own = None
        if any(e.name == ".gitignore" for e in entries):
            own = _read_gitignore(dir_path, rel_dir, stats)
        ignores = [*inherited, own] if own else inherited
        subdirs: list[tuple[str, str, list[_IgnoreFile]]] = []
        for entry in entries:
            rel = _join(rel_dir, entry.name)
            if entry.is_symlink():
                _count_symlink(root, entry.path, stats)
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if is_dir:
                if entry.name in options.excluded_dirs or _is_ignored(rel, True, ignores):
                    stats.ignored += 1
                else:
                    subdirs.append((entry.path, rel, ignores))
                continue
            if not entry.is_file(follow_symlinks=False):
                continue  # sockets, fifos, devices
            # Only files a scanner would read are ignore-checked (and counted): checks cost time.
            tag = classify(rel)
            if tag is None:
                continue
            if _is_ignored(rel, False, ignores):
                stats.ignored += 1
                continue
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError as exc:
                stats.errors.append(ScanError(file=rel, message=f"cannot stat: {exc.strerror}"))
                continue
            if st.st_size > options.max_file_bytes:
                stats.skip("too_large", rel)
                continue
            yield FileEntry(rel, st.st_size, tag, stat_sig(st, racy_after))
        stack.extend(reversed(subdirs))
