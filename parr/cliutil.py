"""What every parr command shares: exit codes, bad input ending as one line + exit 2, and writing --output."""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from parr.errors import ParrInputError

EXIT_OK = 0
EXIT_FAIL = 1  # NO-GO, refused promotion, findings, failed policies
EXIT_INPUT = 2
EXIT_INTERNAL = 70  # EX_SOFTWARE from sysexits.h: a bug in parr, never the user's input
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: the reader of stdout went away before parr finished writing

F = TypeVar("F", bound=Callable[..., Any])


def input_errors_exit_2(fn: F) -> F:
    """Bad input of any kind ends with one line per problem on stderr and exit code 2.

    Anything else that escapes a command is a bug in parr: the last line of defence prints one line
    with the path of the saved traceback and exits 70, so CI tells "fix your input" (2) from "report
    a parr bug" (70). Bad input must never get here: each kind has its own ParrInputError.
    """

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ParrInputError as exc:
            for problem in exc.problems:
                click.echo(f"parr: {problem}", err=True)
            sys.exit(EXIT_INPUT)
        except (click.exceptions.ClickException, click.exceptions.Abort, click.exceptions.Exit):
            raise
        except BrokenPipeError:
            _reader_went_away()
        except Exception as exc:  # noqa: BLE001 - the documented last line of defence, see above
            saved = _save_traceback()
            click.echo(f"parr: internal error ({type(exc).__name__}): a bug in parr, not in your input; "
                       f"the traceback is in {saved}; please report it.", err=True)
            sys.exit(EXIT_INTERNAL)

    return wrapper  # type: ignore[return-value]


def _reader_went_away() -> None:
    """The reader of stdout closed it (`parr explain | head`): stop quietly, as Unix tools do.

    Not a bug in parr, so no traceback and no 70. stdout is pointed at /dev/null so the interpreter's
    final flush cannot raise again, and the exit code is the shell's for a death by SIGPIPE (128 + 13),
    so `set -o pipefail` still sees that the command did not finish.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    sys.exit(EXIT_BROKEN_PIPE)


def _save_traceback() -> str:
    import tempfile
    import traceback

    try:
        fd, path = tempfile.mkstemp(prefix="parr-internal-error-", suffix=".txt")
        with open(fd, "w", encoding="utf-8", errors="backslashreplace") as handle:
            handle.write(traceback.format_exc())
        return path
    except OSError:
        return "(could not be saved)"


def parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    """click callback: a YYYY-MM-DD date (--today), or a usage error saying the format."""
    if value is None:
        return None
    import datetime as dt

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("use YYYY-MM-DD") from None


def use_color(no_color: bool, output: Path | None = None) -> bool:
    """Colour only on a terminal: never with --no-color, with --output, or with $NO_COLOR set to
    anything but the empty string (no-color.org). rich's own NO_COLOR check is bypassed when parr
    passes no_color explicitly, so it is decided here, once."""
    return not no_color and output is None and not os.environ.get("NO_COLOR") and sys.stdout.isatty()


def parse_stage(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    """click callback: a rollout stage by name, or a usage error listing the stages."""
    if value is None:
        return None
    from parr.stages import Stage

    try:
        return Stage.parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


# How parr recognises a report it wrote itself, from the first bytes of the file: the places in
# its formats that carry parr's name (JSON reports' "parr_version", SARIF's tool.driver.name,
# JUnit's <testsuites name="parr ...">, Code Quality's "engine_name"). Reports in formats with no such place (table, Markdown)
# are replaced only with --force.
_OWN_REPORT_HEAD = 4096
_OWN_REPORT_MARKERS = tuple(re.compile(p) for p in (
    rb'\A\s*\{\s*"schema_version"\s*:\s*"[^"]*"\s*,\s*"parr_version"\s*:',
    rb'\A\s*\{\s*"\$schema"\s*:\s*"[^"]*sarif[^"]*"[\s\S]*?"driver"\s*:\s*\{\s*"name"\s*:\s*"parr"',
    rb'\A\s*<\?xml[^>]*\?>\s*<testsuites name="parr ',
    rb'\A\s*\[\s*\{\s*"engine_name"\s*:\s*"parr"',  # GitLab Code Quality (an empty one `[]` needs --force)
))
# Never an output target, --force or not: what the rollout and the verdict stand on (a manifest
# by its name, or under another name by its first key).
_PROTECTED_NAMES = ("parr.yaml",)
_PROTECTED_DIR = ".parr"
_MANIFEST_HEAD = re.compile(rb"^apiVersion:[ \t]*[\"']?parr/", re.M)


def is_parr_report(head: bytes) -> bool:
    """True when these first bytes of a file are those of a report parr writes."""
    return any(marker.search(head) for marker in _OWN_REPORT_MARKERS)


def emit_output(text: str, output: Path | None, *, force: bool = False) -> None:
    """A command's report to stdout (no --output, or `-`), or written to `output` by `write_output`."""
    if output is None or str(output) == "-":
        click.echo(text, nl=False)
        return
    write_output(output, text, force=force)


def write_output(output: Path, text: str, *, force: bool = False) -> None:
    """Write a report atomically (fsync, rename) with a normal file's mode. Refuses (ParrInputError,
    one sentence) parr.yaml and anything under .parr/ whatever --force says, a path through a
    symlink that leads out of the directory holding it, anything that is not a regular file, and
    an existing file that is not a report parr wrote, unless --force."""
    problem = output_problem(output, force=force)
    if problem is not None:
        raise ParrInputError(f"{output}: {problem}")
    from parr.fsutil import write_atomic

    # The path that was checked: `link/..` is resolved as written, never through the link.
    target = Path(os.path.abspath(output))
    # A file that was not there when looked at is created without replacing: one that appears
    # meanwhile is refused, not clobbered.
    write_atomic(target, text, overwrite=os.path.lexists(target))


def output_problem(output: Path, *, force: bool) -> str | None:
    """Why `output` may not be written (None when it may)."""
    absolute = Path(os.path.abspath(output))
    if absolute.name in _PROTECTED_NAMES:
        return "parr never writes a report over a manifest; choose another --output file."
    # Each component as given, then where the symlinks among them lead.
    for part in absolute.parts:
        if part == _PROTECTED_DIR:
            return "parr never writes a report into .parr/ (the rollout ledger lives there); choose another --output file."
    link = _escaping_symlink(absolute)
    if link is not None:
        return (f"{link} is a symbolic link leading outside its directory; parr does not write through it. "
                "Give the real path instead.")
    real = Path(os.path.realpath(absolute))
    if real.name in _PROTECTED_NAMES or _PROTECTED_DIR in real.parts:
        return "it leads to a manifest or into .parr/; choose another --output file."
    try:
        st = os.lstat(absolute)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"cannot inspect it ({exc.strerror}); choose another --output file."
    if stat.S_ISLNK(st.st_mode):
        return "it is a symbolic link; parr does not write through links. Give the real path instead."
    if not stat.S_ISREG(st.st_mode):
        return "it exists and is not a regular file; choose another --output file."
    try:
        # Non-blocking and not through a link: the file may have been swapped since the lstat.
        fd = os.open(absolute, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        try:
            head = os.read(fd, _OWN_REPORT_HEAD) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
        finally:
            os.close(fd)
    except OSError as exc:
        return None if force else f"it exists and cannot be read ({exc.strerror}); pass --force to replace it."
    if _MANIFEST_HEAD.search(head):
        return "it is a parr manifest; parr never writes a report over one. Choose another --output file."
    if force or is_parr_report(head):
        return None
    return "already exists; pass --force to replace it (it is not a report parr wrote), or choose another file."


def _escaping_symlink(absolute: Path) -> Path | None:
    """The first directory on the path that is a symlink leading outside the directory holding it."""
    current = Path(absolute.anchor)
    for part in absolute.parts[1:-1]:
        current = current / part
        if not os.path.islink(current):
            continue
        holder = os.path.realpath(current.parent)
        target = os.path.realpath(current)
        if target != holder and not target.startswith(holder.rstrip(os.sep) + os.sep):
            return current
    return None
