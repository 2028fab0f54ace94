"""`parr diff [BASE [HEAD]] [PATH]`: parses options, calls the use case, prints, picks the exit code."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click

from parr.cliutil import EXIT_FAIL, EXIT_OK, input_errors_exit_2, parse_date, parse_stage

RISK_LEVELS = ("low", "medium", "high", "critical")


@click.command("diff", context_settings={"ignore_unknown_options": False})
@click.argument("args", nargs=-1)
@click.option("--stage", callback=parse_stage, help="Stage to judge both sides at (default: the agent's stage in its ledger).")
@click.option("--all", "all_manifests", is_flag=True, help="Every agent under PATH that the change touches.")
@click.option("--checklist", "checklists", multiple=True, type=click.Path(path_type=Path), envvar="PARR_CHECKLIST",
              help="An organisation checklist file (repeatable).")
@click.option("--fail-on", type=click.Choice(RISK_LEVELS), help="Exit 1 when any change is at or above this risk.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown", "sarif"]), default="table", show_default=True)
@click.option("--output", type=click.Path(path_type=Path),
              help="Write to FILE (atomically; `-` is stdout). Replaces only a report parr wrote.")
@click.option("--force", is_flag=True, help="Replace --output even if it is not a report parr wrote (never parr.yaml or .parr/).")
@click.option("--no-color", is_flag=True, help="Plain text even on a terminal.")
@click.option("--today", callback=parse_date, envvar="PARR_TODAY", metavar="YYYY-MM-DD",
              help="Judge dates on both sides as of this day.")
@input_errors_exit_2
def diff(args: tuple[str, ...], stage: Any, all_manifests: bool, checklists: tuple[Path, ...], fail_on: str | None,
         fmt: str, output: Path | None, force: bool, no_color: bool, today: dt.date | None) -> None:
    """What a change does to the agent: tools, effects, access, policy decisions, verdict.

    BASE defaults to the merge base with the default branch, HEAD to the work tree, PATH to the
    current directory. Both revisions are read from git's objects; nothing is checked out.
    Exit 0, or 1 with --fail-on when a change is at or above that risk; 2 on bad input.
    """
    from parr.cliutil import emit_output, use_color
    from parr.diff.run import DiffRequest, run_diff, split_arguments
    from parr.formats.diff import render_diff

    base, head, path = split_arguments(args, Path.cwd())
    report = run_diff(DiffRequest(path=path, base=base, head=head, stage=stage, all_manifests=all_manifests,
                                  checklist_files=tuple(checklists), today=today))
    if fail_on:
        report = report.model_copy(update={"fail_on": fail_on})
    color = use_color(no_color, output)
    emit_output(render_diff(report, fmt, color=color), output, force=force)
    sys.exit(EXIT_FAIL if fail_on and report.at_or_above(fail_on) else EXIT_OK)
