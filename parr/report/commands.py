"""`parr report [PATH]`: one self-contained HTML page per run (parses options, calls the builder, writes)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from parr.cliutil import input_errors_exit_2, parse_date, parse_stage


@click.command("report")
@click.argument("path", type=click.Path(path_type=Path), default=".")
@click.option("--output", type=click.Path(path_type=Path),
              help="The HTML file to write (atomically); without it, or with `-`, the page goes to stdout.")
@click.option("--force", is_flag=True, help="Replace --output even if it is not a report parr wrote.")
@click.option("--all", "all_manifests", is_flag=True, help="Every parr.yaml under PATH, with a fleet overview first.")
@click.option("--manifest", type=click.Path(path_type=Path), help="The manifest to read (default PATH/parr.yaml).")
@click.option("--stage", callback=parse_stage, help="Stage to judge (default: each agent's stage in its ledger).")
@click.option("--checklist", "checklists", multiple=True, type=click.Path(path_type=Path), envvar="PARR_CHECKLIST",
              help="An organisation checklist file (repeatable).")
@click.option("--traces", "traces", multiple=True, type=click.Path(path_type=Path),
              help="Trace files whose signals to chart (default: the manifest's trace sample). Repeatable.")
@click.option("--today", callback=parse_date, envvar="PARR_TODAY", metavar="YYYY-MM-DD",
              help="Judge dates as of this day.")
@input_errors_exit_2
def report(path: Path, output: Path | None, force: bool, all_manifests: bool, manifest: Path | None, stage: Any,
           checklists: tuple[Path, ...], traces: tuple[Path, ...], today: dt.date | None) -> None:
    """One self-contained HTML page: verdicts, blockers and fixes, the tool surface (sortable,
    filterable), waivers and decisions, the rollout history and runtime signals."""
    from parr.checklist import load_checklist
    from parr.cliutil import emit_output
    from parr.core import find_all_manifests
    from parr.errors import ParrInputError
    from parr.manifest.loader import find_manifest
    from parr.report.build import build_page
    from parr.report.html import render_html
    from parr.traces.events import TraceReadError

    if all_manifests and manifest is not None:
        raise ParrInputError("--all and --manifest cannot be combined; --all finds every parr.yaml itself.")
    for trace in traces:
        if not trace.is_file():
            raise ParrInputError(f"{trace}: no such trace file.")
    checklist = load_checklist(list(checklists))
    paths = find_all_manifests(path) if all_manifests else [find_manifest(path, manifest)]
    try:
        pages = [build_page(p, checklist, stage, today, tuple(traces)) for p in paths]
    except TraceReadError as exc:
        raise ParrInputError(str(exc)) from None
    emit_output(render_html(pages, today=today), output, force=force)
