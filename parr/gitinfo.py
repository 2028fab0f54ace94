"""What git knows about a path (commit, cleanliness, who is acting), read through `parr.git_safe` only.

Cleanliness is decided without `git status` or `git diff` (which refresh the index, run fsmonitor,
filters and hooks): the index and HEAD's tree are listed with plumbing, and each tracked file is
hashed here as git would store it with no filter. A file git would convert on the way in (an LFS
or eol filter) therefore counts as changed: parr says so rather than run the filter.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import stat
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from parr.git_safe import run_git

GITLINK_MODE = "160000"  # a submodule: its content is another repository's commit, not a file here


def _fallback_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER", "unknown")


def _is_parr_state(rel: str) -> bool:
    """parr's own ledger directory: promotions write it, so it never makes the tree dirty."""
    return rel == ".parr" or rel.startswith(".parr/") or "/.parr/" in rel


@dataclass(frozen=True)
class TreeEntry:
    mode: str
    oid: str


@dataclass(frozen=True)
class WorktreeState:
    """How the work tree and index compare with HEAD. `problem` is set when git could not say
    (a corrupt index, say): then nothing may be taken as clean."""

    changed: tuple[str, ...] = ()
    problem: str | None = None

    @property
    def dirty(self) -> bool:
        return bool(self.problem) or any(not _is_parr_state(p) for p in self.changed)


def _blob_hasher(object_format: str, size: int) -> "hashlib._Hash":
    """A hash object already fed git's blob header for `size` bytes, in the repository's object format."""
    digest = hashlib.sha256() if object_format == "sha256" else hashlib.sha1()
    digest.update(b"blob %d\0" % size)
    return digest


def blob_id(data: bytes, object_format: str = "sha1") -> str:
    """The object id git gives `data` as a blob (no filters applied)."""
    digest = _blob_hasher(object_format, len(data))
    digest.update(data)
    return digest.hexdigest()


def _file_blob(path: str, object_format: str) -> tuple[str, str] | None:
    """(mode, blob id) of a work-tree path as git would record it; None when it is missing."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if stat.S_ISLNK(st.st_mode):
        return "120000", blob_id(os.fsencode(os.readlink(path)), object_format)
    if stat.S_ISDIR(st.st_mode):
        return GITLINK_MODE, ""
    if not stat.S_ISREG(st.st_mode):
        return None
    digest = _blob_hasher(object_format, st.st_size)
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return ("100755" if st.st_mode & 0o111 else "100644"), digest.hexdigest()


def _split_z(raw: bytes) -> list[str]:
    return [os.fsdecode(item) for item in raw.split(b"\0") if item]


@dataclass(frozen=True)
class GitContext:
    root: Path | None
    commit: str | None
    actor_name: str
    actor_email: str | None
    note: str | None = None  # why there is no git information, when there is none
    object_format: str = "sha1"

    # ---- reading committed content (cat-file without --filters or --textconv runs nothing) ----

    def relative(self, path: Path) -> str | None:
        """`path` relative to the repository root, '/'-separated; None when outside it."""
        if self.root is None:
            return None
        try:
            return Path(os.path.realpath(path)).relative_to(os.path.realpath(self.root)).as_posix()
        except ValueError:
            return None

    def blob_at(self, commit: str, rel: str) -> bytes | None:
        """The content of `rel` at `commit`; None when it is not there (or the commit is unknown)."""
        if self.root is None:
            return None
        result = run_git(["cat-file", "blob", f"{commit}:{rel}"], self.root)
        return result.stdout if result.ok else None

    def tree_entry(self, commit: str, rel: str) -> TreeEntry | None:
        """Mode and object id of `rel` at `commit` (trees only: works in a partial clone too)."""
        if self.root is None:
            return None
        listed = run_git(["ls-tree", "-z", "--full-tree", commit, "--", rel], self.root)
        for item in _split_z(listed.stdout) if listed.ok else ():
            meta, _, path = item.partition("\t")
            if path == rel:
                mode, _kind, oid = meta.split(" ")
                return TreeEntry(mode, oid)
        return None

    def has_commit(self, commit: str) -> bool:
        if self.root is None:
            return False
        return run_git(["cat-file", "-e", f"{commit}^{{commit}}"], self.root).ok

    def committed_file(self, path: Path) -> bytes | None:
        """The content of `path` at HEAD, or None when it is not committed (or there is no git)."""
        rel = self.relative(path)
        if rel is None or self.commit is None:
            return None
        return self.blob_at(self.commit, rel)

    # ---- the work tree against HEAD ----

    @cached_property
    def head_tree(self) -> dict[str, TreeEntry] | None:
        if self.root is None or self.commit is None:
            return None
        listed = run_git(["ls-tree", "-r", "-z", "--full-tree", self.commit], self.root)
        if not listed.ok:
            return None
        tree = {}
        for item in _split_z(listed.stdout):
            meta, _, rel = item.partition("\t")
            mode, _kind, oid = meta.split(" ")
            tree[rel] = TreeEntry(mode, oid)
        return tree

    @cached_property
    def worktree(self) -> WorktreeState:
        if self.root is None or self.commit is None:
            return WorktreeState()
        tree = self.head_tree
        if tree is None:
            return WorktreeState(problem="git cannot list the files of HEAD")
        listed = run_git(["ls-files", "-s", "-z", "--full-name"], self.root)
        if not listed.ok:
            return WorktreeState(problem=f"git cannot read the index ({listed.why()})")
        changed: set[str] = set()
        index: dict[str, TreeEntry] = {}
        for item in _split_z(listed.stdout):
            meta, _, rel = item.partition("\t")
            mode, oid, stage = meta.split(" ")
            if stage != "0":
                changed.add(rel)  # an unresolved merge conflict
            index[rel] = TreeEntry(mode, oid)
        changed |= {rel for rel in tree.keys() ^ index.keys()}  # staged additions and removals
        root = str(self.root)
        real_root = os.path.realpath(root)
        directories: dict[str, bool] = {}
        for rel, staged in index.items():
            if tree.get(rel) != staged:
                changed.add(rel)
            if staged.mode == GITLINK_MODE or _is_parr_state(rel):
                continue
            parent = os.path.dirname(rel)
            if parent not in directories:
                # git never reads a tracked path through a symlinked directory; neither does parr
                # (it could lead to a device or /proc): such a path counts as changed.
                expected = os.path.normpath(os.path.join(real_root, parent))
                directories[parent] = os.path.realpath(os.path.join(root, parent)) == expected
            if not directories[parent]:
                changed.add(rel)
                continue
            on_disk = _file_blob(os.path.join(root, rel), self.object_format)
            # The executable bit is left out, as with core.fileMode=false; a symlink is not a file.
            if on_disk is None or on_disk[1] != staged.oid or (on_disk[0] == "120000") != (staged.mode == "120000"):
                changed.add(rel)
        return WorktreeState(changed=tuple(sorted(changed)))

    @property
    def dirty(self) -> bool:
        return self.worktree.dirty

    def file_state(self, path: Path) -> str | None:
        """None when `path` is committed at HEAD exactly as it is on disk; else why not."""
        if self.root is None or self.commit is None:
            return "not in a git repository with a commit"
        rel = self.relative(path)
        if rel is None:
            return "outside the git repository"
        tree = self.head_tree
        if tree is None:
            return "git cannot list the files of HEAD"
        committed = tree.get(rel)
        if committed is None:
            return "not committed" if os.path.lexists(path) else "missing and not committed"
        on_disk = _file_blob(os.path.join(str(self.root), rel), self.object_format)
        if on_disk is None:
            return "deleted since the commit"
        if on_disk[1] != committed.oid:
            return "changed since the commit"
        return None


def _config(root: Path, key: str) -> str | None:
    got = run_git(["config", "--get", key], root)
    return got.text() or None if got.ok else None


def global_config(key: str) -> str | None:
    """A key from the user's own git configuration (never the repository's)."""
    got = run_git(["config", "--global", "--get", key], Path.home() if Path.home().is_dir() else "/")
    return got.text() or None if got.ok else None


def git_context(path: Path) -> GitContext:
    where = path if path.is_dir() else path.parent
    if not where.is_dir():
        return GitContext(None, None, _fallback_actor(), None, note=f"{path} is not inside a git repository")
    top = run_git(["rev-parse", "--show-toplevel"], where)
    if not top.ok:
        why = top.why()
        if "not a git repository" in why:
            return GitContext(None, None, _fallback_actor(), None, note=f"{path} is not inside a git repository")
        return GitContext(None, None, _fallback_actor(), None, note=f"git is not usable here: {why}")
    root = Path(top.text())
    head = run_git(["rev-parse", "--verify", "HEAD^{commit}"], root)
    commit = head.text() if head.ok and head.text() else None
    note = None
    if commit is None:
        # No commit yet (an unborn branch, no refs at all), or a HEAD or object store git cannot read.
        refs = run_git(["for-each-ref", "--count=1", "--format=%(refname)"], root)
        if not refs.ok:
            note = f"git cannot read the repository's refs ({refs.why()})"
        elif refs.text():
            note = f"git cannot read the commit at HEAD ({head.why()})"
    fmt = run_git(["rev-parse", "--show-object-format"], root)
    object_format = fmt.text() if fmt.ok and fmt.text() in ("sha1", "sha256") else "sha1"
    name = _config(root, "user.name") or _fallback_actor()
    email = _config(root, "user.email")
    return GitContext(root, commit, name, email, note=note, object_format=object_format)


def repository_root(path: Path) -> Path | None:
    """git's top level for `path` (one plumbing call), or None outside a repository."""
    where = path if path.is_dir() else path.parent
    if not where.is_dir():
        return None
    top = run_git(["rev-parse", "--show-toplevel"], where)
    return Path(top.text()) if top.ok and top.text() else None
