"""What every parr command shares: exit codes, and bad input ending as one line per problem + exit 2."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click

from parr.errors import ParrInputError

EXIT_OK = 0
EXIT_FAIL = 1  # NO-GO, refused promotion, findings, failed policies
EXIT_INPUT = 2
EXIT_INTERNAL = 70  # EX_SOFTWARE from sysexits.h: a bug in parr, never the user's input

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
        except Exception as exc:  # noqa: BLE001 - the documented last line of defence, see above
            saved = _save_traceback()
            click.echo(f"parr: internal error ({type(exc).__name__}): a bug in parr, not in your input; "
                       f"the traceback is in {saved}; please report it.", err=True)
            sys.exit(EXIT_INTERNAL)

    return wrapper  # type: ignore[return-value]


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


def parse_stage(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    """click callback: a rollout stage by name, or a usage error listing the stages."""
    if value is None:
        return None
    from parr.stages import Stage

    try:
        return Stage.parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
