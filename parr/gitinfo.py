"""What git knows about a path (commit, cleanliness, who is acting), through GitPython."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from pathlib import Path

import git


@dataclass(frozen=True)
class GitContext:
    root: Path | None
    commit: str | None
    dirty: bool
    actor_name: str
    actor_email: str | None
    note: str | None = None  # why there is no git information, when there is none

    def committed_file(self, path: Path) -> bytes | None:
        """The content of `path` at HEAD, or None when it is not committed (or there is no git)."""
        if self.root is None or self.commit is None:
            return None
        try:
            repo = git.Repo(self.root)
            rel = path.resolve().relative_to(self.root.resolve()).as_posix()
            blob = repo.head.commit.tree / rel
            return blob.data_stream.read()
        except (KeyError, ValueError, git.exc.GitError):
            return None


def _fallback_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER", "unknown")


def _dirty(repo: git.Repo) -> bool:
    """Uncommitted changes to tracked files, except parr's own ledger (promotions write it)."""
    changed = {d.a_path for d in repo.index.diff(None)} | {d.a_path for d in repo.index.diff("HEAD")}
    return any(not (p == ".parr" or p.startswith(".parr/") or "/.parr/" in p) for p in changed if p)


def git_context(path: Path) -> GitContext:
    try:
        repo = git.Repo(path if path.is_dir() else path.parent, search_parent_directories=True)
    except (git.exc.InvalidGitRepositoryError, git.exc.NoSuchPathError):
        return GitContext(None, None, False, _fallback_actor(), None, note=f"{path} is not inside a git repository")
    except git.exc.GitError as exc:
        return GitContext(None, None, False, _fallback_actor(), None, note=f"git is not usable here: {exc}")
    root = Path(repo.working_tree_dir) if repo.working_tree_dir else None
    try:
        commit = repo.head.commit.hexsha
    except ValueError:
        commit = None  # a repository with no commits yet
    reader = repo.config_reader()
    name = reader.get_value("user", "name", default="") or _fallback_actor()
    email = reader.get_value("user", "email", default="") or None
    dirty = _dirty(repo) if commit else False
    return GitContext(root, commit, dirty, str(name), str(email) if email else None)
