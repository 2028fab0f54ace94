"""Reading a git revision of part of a repository into a scratch directory, from blobs, never by checkout.

Only plumbing runs (`rev-parse`, `ls-tree`, `cat-file --batch`, `diff-tree`, `diff-index`,
`ls-files`, `merge-base`) through parr.git_safe, so no hook, filter, textconv or external diff of
the scanned repository runs and the user's work tree and index are untouched. What is written is
bounded (files and bytes) and stays inside the scratch directory: symlinks and submodules are not
written (each is counted), and a path that would leave the directory is refused.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from parr.errors import ParrInputError
from parr.git_safe import run_git

MAX_FILES = 200_000
MAX_BYTES = 4 * 1024 ** 3
_BATCH_BYTES = 64 * 1024 * 1024
_BATCH_OBJECTS = 4000
SYMLINK_MODE = "120000"
GITLINK_MODE = "160000"
# Branches a default base is looked for under, in order, when origin/HEAD names none.
_DEFAULT_BRANCHES = ("refs/remotes/origin/main", "refs/remotes/origin/master", "refs/heads/main",
                     "refs/heads/master", "refs/remotes/origin/trunk", "refs/heads/trunk")


@dataclass(frozen=True)
class Revision:
    """One side of a diff: a commit, or the work tree when `commit` is None."""

    label: str
    commit: str | None = None

    @property
    def is_worktree(self) -> bool:
        return self.commit is None


@dataclass
class Materialized:
    files: int = 0
    bytes: int = 0
    skipped_symlinks: int = 0
    skipped_submodules: int = 0
    refused: list[str] = field(default_factory=list)


def _split_z(raw: bytes) -> list[str]:
    return [p for p in raw.decode("utf-8", "surrogateescape").split("\0") if p]


def repository_root(path: Path) -> Path:
    """The top level of the git repository holding `path`; one sentence when there is none."""
    where = path if path.is_dir() else path.parent
    if not where.is_dir():
        raise ParrInputError(f"{path}: no such directory.")
    top = run_git(["rev-parse", "--show-toplevel"], where)
    if not top.ok:
        raise ParrInputError(f"{path}: parr diff compares git revisions, and this is not inside a usable git "
                             f"repository ({top.why()}).")
    return Path(top.text())


def resolve_commit(root: Path, rev: str) -> str | None:
    """The commit `rev` names, or None when it names none."""
    if not rev or rev.startswith("-"):
        return None
    found = run_git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], root)
    return found.text() if found.ok and found.text() else None


def default_base(root: Path) -> Revision:
    """The merge base of HEAD with the default branch (origin/HEAD, else main, master or trunk)."""
    candidates: list[str] = []
    head_ref = run_git(["symbolic-ref", "-q", "refs/remotes/origin/HEAD"], root)
    if head_ref.ok and head_ref.text():
        candidates.append(head_ref.text())
    candidates.extend(_DEFAULT_BRANCHES)
    head = resolve_commit(root, "HEAD")
    if head is None:
        raise ParrInputError(f"{root}: the repository has no commit yet; there is nothing to compare against.")
    for ref in candidates:
        commit = resolve_commit(root, ref)
        if commit is None:
            continue
        base = run_git(["merge-base", head, commit], root)
        if base.ok and base.text():
            short = ref.removeprefix("refs/remotes/").removeprefix("refs/heads/")
            return Revision(f"merge-base with {short}", base.text())
    raise ParrInputError(f"{root}: no default branch (origin/HEAD, main, master, trunk) to compare against; "
                         "name the base revision: parr diff BASE.")


def changed_paths(root: Path, base: str, head: Revision) -> set[str]:
    """Repository-relative paths that differ between `base` and `head` (a commit or the work tree)."""
    if head.commit is not None:
        listed = run_git(["diff-tree", "-r", "-z", "--name-only", "--no-renames", base, head.commit], root)
        if not listed.ok:
            raise ParrInputError(f"git cannot compare {base[:12]} with {head.label}: {listed.why()}")
        return set(_split_z(listed.stdout))
    # The work tree: tracked files changed since base (staged or not) and untracked, unignored files.
    listed = run_git(["diff-index", "-z", "--name-only", "--no-renames", base, "--"], root)
    if not listed.ok:
        raise ParrInputError(f"git cannot compare {base[:12]} with the work tree: {listed.why()}")
    changed = set(_split_z(listed.stdout))
    others = run_git(["ls-files", "-z", "--others", "--exclude-standard", "--full-name"], root)
    if others.ok:
        changed |= set(_split_z(others.stdout))
    return changed


def _safe_target(dest: Path, rel: str) -> Path | None:
    parts = PurePosixPath(rel).parts
    if not parts or PurePosixPath(rel).is_absolute() or any(p in ("..", ".", "") or p == ".git" for p in parts):
        return None
    return dest.joinpath(*parts)


def list_tree(root: Path, commit: str, prefixes: list[str]) -> list[tuple[str, str, int, str]]:
    """(mode, object id, size, path) of every entry under `prefixes` at `commit` ('' = the whole tree)."""
    args = ["ls-tree", "-r", "-z", "-l", "--full-tree", commit, "--"]
    wanted = [p for p in prefixes if p]
    listed = run_git(args + wanted if wanted and "" not in prefixes else args, root)
    if not listed.ok:
        raise ParrInputError(f"git cannot list the files of {commit[:12]}: {listed.why()}")
    entries = []
    for item in _split_z(listed.stdout):
        meta, _, path = item.partition("\t")
        mode, kind, oid, size = meta.split()
        entries.append((mode, oid, int(size) if size.isdigit() else 0, path if kind != "tree" else ""))
    return [e for e in entries if e[3]]


def materialize(root: Path, commit: str, prefixes: list[str], dest: Path, done: Materialized | None = None) -> Materialized:
    """Write the files under `prefixes` (repository-relative directories or files) at `commit` into `dest`."""
    done = done or Materialized()
    entries = list_tree(root, commit, prefixes)
    blobs: list[tuple[str, int, Path]] = []
    for mode, oid, size, rel in entries:
        if mode == SYMLINK_MODE:
            done.skipped_symlinks += 1
            continue
        if mode == GITLINK_MODE:
            done.skipped_submodules += 1
            continue
        target = _safe_target(dest, rel)
        if target is None:
            done.refused.append(rel)
            continue
        if target.exists():
            continue  # already written (a referenced file inside a prefix already read)
        done.files += 1
        done.bytes += size
        if done.files > MAX_FILES or done.bytes > MAX_BYTES:
            raise ParrInputError(f"{root}: the revision {commit[:12]} holds more than {MAX_FILES:,} files or "
                                 f"{MAX_BYTES // 1024 ** 3} GiB under the agent; run parr diff on a narrower PATH.")
        blobs.append((oid, size, target))
    batch: list[tuple[str, int, Path]] = []
    batch_bytes = 0
    for blob in blobs:
        batch.append(blob)
        batch_bytes += blob[1]
        if batch_bytes >= _BATCH_BYTES or len(batch) >= _BATCH_OBJECTS:
            _write_batch(root, batch)
            batch, batch_bytes = [], 0
    if batch:
        _write_batch(root, batch)
    return done


def _write_batch(root: Path, batch: list[tuple[str, int, Path]]) -> None:
    request = b"".join(oid.encode("ascii") + b"\n" for oid, _size, _target in batch)
    out = run_git(["cat-file", "--batch"], root, stdin=request)
    if not out.ok:
        raise ParrInputError(f"git cannot read the files of the revision: {out.why()}")
    data = out.stdout
    pos = 0
    for oid, _size, target in batch:
        header_end = data.index(b"\n", pos)
        header = data[pos:header_end].split()
        if len(header) != 3 or header[1] != b"blob":
            raise ParrInputError(f"git did not return the file {oid[:12]} of the revision ({b' '.join(header).decode(errors='replace')}).")
        size = int(header[2])
        body = data[header_end + 1: header_end + 1 + size]
        pos = header_end + 1 + size + 1
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(body)
