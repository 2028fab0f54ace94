"""Running git on a scanned (hostile) repository without running anything that repository configures.

A repository's `.git/config` can name programs git will run: `core.fsmonitor`, hooks (and
`core.hooksPath`), clean/smudge/process filters, `diff.external` and textconv drivers, pagers,
`core.sshCommand` and other transports (a partial clone fetches missing objects lazily), editors,
credential helpers, `gpg.*.program`. Two layers keep all of them asleep:

1. parr runs only plumbing that has no reason to start them: `rev-parse`, `ls-files`, `ls-tree`,
   `cat-file` without `--filters`/`--textconv`, `config --get`. Nothing here runs `status`, `diff`,
   `add` or `hash-object` on the work tree: dirtiness is decided by hashing files ourselves, with
   no filter (`parr.gitinfo`).
2. Every call overrides the dangerous keys with `-c` (command-line config outranks every config
   file, includes too) and sets an environment with no pager, no optional locks (so no index
   refresh and no `post-index-change` hook), no lazy fetch and no terminal prompt.

Every git invocation in parr goes through `git_argv` / `run_git`.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# Where a key takes a program, it is pointed at nothing runnable or switched off. Subsection keys
# (filter.<driver>.clean, diff.<driver>.textconv, merge.<driver>.driver) cannot be overridden by
# name for every driver; the commands parr runs never apply them (layer 1).
SAFE_CONFIG: tuple[tuple[str, str], ...] = (
    ("core.fsmonitor", "false"),
    ("core.untrackedCache", "false"),
    ("core.hooksPath", os.devnull),
    ("core.pager", "cat"),
    ("core.editor", "false"),
    ("sequence.editor", "false"),
    ("core.askPass", ""),
    ("core.sshCommand", "false"),
    ("core.gitProxy", "none"),
    ("core.alternateRefsCommand", ""),
    ("diff.external", ""),
    ("credential.helper", ""),
    ("protocol.allow", "never"),
    # protocol.<name>.allow outranks protocol.allow, so a repository could re-allow one by name.
    *((f"protocol.{name}.allow", "never") for name in ("ext", "file", "ssh", "git", "http", "https", "fd")),
    ("gpg.program", "false"),
    ("gpg.openpgp.program", "false"),
    ("gpg.ssh.program", "false"),
    ("gpg.x509.program", "false"),
    ("gpg.ssh.defaultKeyCommand", ""),
    ("gc.auto", "0"),
    ("maintenance.auto", "false"),
    ("fetch.recurseSubmodules", "false"),
    ("submodule.recurse", "false"),
    ("core.splitIndex", "false"),
    ("core.useReplaceRefs", "false"),  # replace refs would let the repository swap what HEAD's files read as
    # A scanned tree can hold a bare repository (HEAD, objects/, config) of its own; git would then
    # read that repository's config for any directory inside it. Only an explicit --git-dir opens one.
    ("safe.bareRepository", "explicit"),
)

# Environment variables that start a program (parr wants no pager, editor or prompt in any case),
# or that point git at another repository than the path parr was asked about: a git hook runs
# parr with GIT_DIR and GIT_INDEX_FILE set for the repository being committed to.
_DROPPED_ENV = ("GIT_EXTERNAL_DIFF", "GIT_PAGER", "PAGER", "GIT_EDITOR", "GIT_ASKPASS", "SSH_ASKPASS", "GIT_SSH",
                "GIT_SSH_COMMAND", "GIT_PROXY_COMMAND",
                "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES",
                "GIT_COMMON_DIR", "GIT_NAMESPACE", "GIT_PREFIX", "GIT_QUARANTINE_PATH")

SAFE_ENV: dict[str, str] = {
    "GIT_OPTIONAL_LOCKS": "0",
    "GIT_PAGER": "cat",
    "PAGER": "cat",
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_NO_LAZY_FETCH": "1",
    "GIT_NO_REPLACE_OBJECTS": "1",
    "GIT_ALLOW_PROTOCOL": "",
    "LC_ALL": "C",
}

GIT_TIMEOUT_SECONDS = 60


def git_executable() -> str | None:
    return shutil.which("git")


def git_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED_ENV}
    env.update(SAFE_ENV)
    return env


def git_argv(git: str, args: Sequence[str]) -> list[str]:
    """`git --no-pager -c key=value ... <args>`: the argv every parr git call uses."""
    argv = [git, "--no-pager"]
    for key, value in SAFE_CONFIG:
        argv += ["-c", f"{key}={value}"]
    return argv + list(args)


@dataclass(frozen=True)
class GitResult:
    returncode: int
    stdout: bytes
    stderr: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def text(self) -> str:
        return self.stdout.decode("utf-8", "surrogateescape").strip()

    def why(self) -> str:
        """The first line git wrote on stderr, or the exit status: for a one-line message."""
        lines = [line.strip() for line in self.stderr.splitlines() if line.strip()]
        first = lines[0] if lines else f"git exited with status {self.returncode}"
        return first.removeprefix("fatal: ").removeprefix("error: ")


# Files git opens on the way to any answer. One that is a FIFO (or a device) blocks git for ever,
# so each is checked before git runs. refs/ is walked too, up to a bound.
_GITDIR_FILES = ("config", "config.worktree", "HEAD", "index", "packed-refs", "commondir", "shallow",
                 "info/exclude", "info/grafts", "objects/info/alternates", "sharedindex")
_MAX_REFS_CHECKED = 5000


def _git_dir_of(start: Path) -> Path | None:
    """The .git directory git would find from `start` (work trees only: bare repositories are
    refused by safe.bareRepository), following a `gitdir:` file as git does."""
    for directory in (start, *start.parents):
        dot_git = directory / ".git"
        if not os.path.lexists(dot_git):
            continue
        if dot_git.is_dir():
            return dot_git
        if dot_git.is_file():
            try:
                with open(dot_git, "rb") as handle:
                    pointer = handle.read(4096).decode("utf-8", "replace").strip()
            except OSError:
                return dot_git
            if pointer.startswith("gitdir:"):
                target = Path(pointer.removeprefix("gitdir:").strip())
                return target if target.is_absolute() else directory / target
        return dot_git  # neither a directory nor a file: checked (and refused) below
    return None


def repository_hazard(cwd: Path | str) -> str | None:
    """Why git cannot be run safely from `cwd` (a file it must read is a FIFO or a device), or None."""
    git_dir = _git_dir_of(Path(os.path.abspath(cwd)))
    if git_dir is None:
        return None
    candidates = [git_dir]
    try:
        common = (git_dir / "commondir").read_text(encoding="utf-8", errors="replace").strip() \
            if (git_dir / "commondir").is_file() else ""
    except OSError:
        common = ""
    if common:
        candidates.append(git_dir / common if not os.path.isabs(common) else Path(common))
    checked = 0
    for base in candidates:
        paths = [base, *(base / name for name in _GITDIR_FILES)]
        for path in paths:
            problem = _not_plain(path, directory_ok=path == base)
            if problem:
                return problem
        for directory, dirs, files in os.walk(base / "refs"):
            for name in (*dirs, *files):
                checked += 1
                path = Path(directory) / name
                problem = _not_plain(path, directory_ok=name in dirs)
                if problem:
                    return problem
            if checked > _MAX_REFS_CHECKED:
                break
    return None


def _not_plain(path: Path, *, directory_ok: bool) -> str | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"{path}: {exc.strerror or exc}; git cannot read the repository"
    if stat.S_ISREG(st.st_mode) or (directory_ok and stat.S_ISDIR(st.st_mode)):
        return None
    return f"{path} is not a regular file (a pipe or device?), so git would block reading it"


def run_git(args: Sequence[str], cwd: Path | str, *, stdin: bytes | None = None,
            timeout: float = GIT_TIMEOUT_SECONDS) -> GitResult:
    """Run one git plumbing command under the safe settings; never raises for git's own failures."""
    git = git_executable()
    if git is None:
        return GitResult(127, b"", "git is not installed")
    hazard = repository_hazard(cwd)
    if hazard is not None:
        return GitResult(125, b"", hazard)
    try:
        if stdin is not None:
            done = subprocess.run(git_argv(git, args), cwd=str(cwd), input=stdin, capture_output=True, env=git_env(),
                                  timeout=timeout, check=False)
        else:  # git never reads parr's own stdin
            done = subprocess.run(git_argv(git, args), cwd=str(cwd), stdin=subprocess.DEVNULL, capture_output=True,
                                  env=git_env(), timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return GitResult(124, b"", f"git {args[0]} took longer than {timeout:g}s")
    except OSError as exc:
        return GitResult(126, b"", f"cannot run git: {exc.strerror or exc}")
    return GitResult(done.returncode, done.stdout, done.stderr.decode("utf-8", "replace"))
