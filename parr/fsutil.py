"""File writes that never leave a half-written file behind, and never clobber without being asked."""

from __future__ import annotations

import os
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
