"""File writes that never leave a half-written file behind, and never clobber without being asked."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from parr.errors import ParrInputError


def write_atomic(path: Path, text: str, *, overwrite: bool = True) -> None:
    """Write `text` to `path` via a temporary file in the same directory and an atomic rename."""
    if not overwrite and path.exists():
        raise ParrInputError(f"{path}: already exists; pass --force to overwrite it.")
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise ParrInputError(f"{path}: the directory {directory} does not exist.")
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        # mkstemp makes the file 0600; the result gets the mode the file already had, else the one
        # any new file gets under the user's umask (a report is for the team to read).
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if not overwrite:
            # Link fails if someone created the file meanwhile, so a concurrent writer is never clobbered.
            try:
                os.link(temp, path)
            except FileExistsError:
                raise ParrInputError(f"{path}: already exists; pass --force to overwrite it.") from None
            os.unlink(temp)
        else:
            os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


def _mode_for(path: Path) -> int:
    try:
        st = os.stat(path, follow_symlinks=False)
        if stat.S_ISREG(st.st_mode):
            return stat.S_IMODE(st.st_mode)
    except OSError:
        pass
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def relative_posix(path: str | None, root: str | Path) -> str | None:
    """An absolute `path` relative to `root` with '/' (`../` when outside it, so two copies of a tree
    name a shared file alike); a relative path as it is; None for none."""
    if not path:
        return None
    if os.path.isabs(path):
        try:
            return os.path.relpath(path, root).replace(os.sep, "/")
        except ValueError:  # another drive on Windows
            return path
    return path.replace(os.sep, "/")
