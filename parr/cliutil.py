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

F = TypeVar("F", bound=Callable[..., Any])


def input_errors_exit_2(fn: F) -> F:
    """Bad input of any kind ends with one line per problem on stderr and exit code 2."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ParrInputError as exc:
            for problem in exc.problems:
                click.echo(f"parr: {problem}", err=True)
            sys.exit(EXIT_INPUT)

    return wrapper  # type: ignore[return-value]


def parse_stage(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    """click callback: a rollout stage by name, or a usage error listing the stages."""
    if value is None:
        return None
    from parr.stages import Stage

    try:
        return Stage.parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
