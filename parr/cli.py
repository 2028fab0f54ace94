"""The `parr` command line: parses options, calls the core, prints, and picks the exit code."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from parr import __version__
from parr.errors import ParrInputError

EXIT_GO = 0
EXIT_NO_GO = 1
EXIT_INPUT = 2

F = TypeVar("F", bound=Callable[..., Any])


def _fail_input(exc: ParrInputError) -> None:
    for problem in exc.problems:
        click.echo(f"parr: {problem}", err=True)
    sys.exit(EXIT_INPUT)


def input_errors_exit_2(fn: F) -> F:
    """Bad input of any kind ends with one line per problem on stderr and exit code 2."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ParrInputError as exc:
            _fail_input(exc)

    return wrapper  # type: ignore[return-value]


def _use_color(no_color: bool) -> bool:
    return not no_color and sys.stdout.isatty()


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    from parr.fsutil import write_atomic

    write_atomic(output, text)


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("use YYYY-MM-DD") from None


def _parse_stage(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    if value is None:
        return None
    from parr.stages import Stage

    try:
        return Stage.parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


format_choice = click.Choice(["table", "json", "sarif", "junit", "markdown"])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="parr")
def main() -> None:
    """parr: production readiness for AI agents. Scan the tools, check the manifest, GO or NO-GO."""


@main.command()
@click.argument("path", type=click.Path(path_type=Path), default=".")
@click.option("--stage", callback=_parse_stage, help="Stage to judge: propose, staging-writes, narrow-production-writes, autonomous.")
@click.option("--all", "all_manifests", is_flag=True, help="Check every parr.yaml under PATH: one verdict each and overall.")
@click.option("--manifest", type=click.Path(path_type=Path), help="The manifest to read (default PATH/parr.yaml).")
@click.option("--checklist", "checklists", multiple=True, type=click.Path(path_type=Path), envvar="PARR_CHECKLIST",
              help="An organisation checklist file adding, tightening or disabling items (repeatable).")
@click.option("--format", "fmt", type=format_choice, default="table", show_default=True)
@click.option("--output", type=click.Path(path_type=Path), help="Write the report to FILE (atomically) instead of stdout.")
@click.option("--quiet", is_flag=True, help="Print nothing; the exit code says GO (0) or NO-GO (1).")
@click.option("--no-color", is_flag=True, help="Plain text even on a terminal.")
@click.option("--today", callback=_parse_date, hidden=True, help="Judge dates (waivers, rotation) as of this day.")
@input_errors_exit_2
def check(path: Path, stage: Any, all_manifests: bool, manifest: Path | None, checklists: tuple[Path, ...],
          fmt: str, output: Path | None, quiet: bool, no_color: bool, today: dt.date | None) -> None:
    """Readiness verdict for a rollout stage: exit 0 GO, 1 NO-GO, 2 bad input."""
    from parr.core import CheckRequest, run_check
    from parr.formats import Format, overall_verdict, renderer_for

    request = CheckRequest(path=path, manifest=manifest, stage=stage, all_manifests=all_manifests,
                           checklist_files=tuple(checklists), today=today)
    reports = run_check(request)
    if not quiet:
        text = renderer_for(Format(fmt))(reports, _use_color(no_color) and output is None)
        _emit(text, output)
    sys.exit(EXIT_NO_GO if overall_verdict(reports) == "NO-GO" else EXIT_GO)


@main.command()
@click.argument("check_id", required=False)
@click.option("--checklist", "checklists", multiple=True, type=click.Path(path_type=Path), envvar="PARR_CHECKLIST")
@input_errors_exit_2
def explain(check_id: str | None, checklists: tuple[Path, ...]) -> None:
    """What a check looks at, why, and how to fix it. Without CHECK_ID, list every check."""
    import difflib

    from parr.checklist import load_checklist

    checklist = load_checklist(list(checklists))
    if check_id is None:
        for entry in checklist.items:
            blocks = getattr(entry.blocking_from, "value", entry.blocking_from)
            click.echo(f"{entry.id:<9} {entry.severity.value:<8} {blocks:<25} {entry.title}")
        return
    item = checklist.get(check_id.upper())
    if item is None:
        ids = [i.id for i in checklist.items]
        hint = difflib.get_close_matches(check_id.upper(), ids, n=1)
        suggestion = f"; did you mean {hint[0]}?" if hint else "; run `parr explain` to list every check."
        raise ParrInputError(f"no check '{check_id}' in the checklist{suggestion}")
    blocking = getattr(item.blocking_from, "value", item.blocking_from)
    click.echo(f"{item.id}  {item.title}")
    click.echo(f"area: {item.area}   severity: {item.severity.value}   blocks from: {blocking}   owner: {item.owner}")
    click.echo("")
    click.echo(f"Why: {item.rationale}")
    click.echo("")
    click.echo(f"How to fix: {item.remediation}")
    if item.rule is not None:
        click.echo("")
        click.echo("Rule: " + json.dumps(item.rule.model_dump(exclude_none=True)))


@main.command()
def schema() -> None:
    """The JSON Schema of parr.yaml, for editors' YAML completion."""
    from parr.manifest.schema import manifest_json_schema

    click.echo(json.dumps(manifest_json_schema(), indent=2))
