"""`parr generate runbook|dri|postmortem`: oncall documents from the manifest, the scan and traces."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import click

from parr.errors import ParrInputError


def _verdict(loaded: Any, scan_result: Any, ledger: Any, today: dt.date | None,
             checklists: tuple[Path, ...]) -> tuple[Any, bool | None]:
    """The check report at the agent's stage (as `parr check` judges it) and whether the declared
    policies read the stage (None when no policy was evaluated)."""
    from parr.checklist import load_checklist
    from parr.facts import gather_facts
    from parr.stages import Stage
    from parr.verdict import evaluate

    facts = gather_facts(loaded, today=today, scan=scan_result)
    stage = ledger.stage if ledger is not None else Stage.PROPOSE
    report = evaluate(load_checklist(list(checklists)), facts, stage)
    evaluation = facts.policy_eval
    reads_stage = bool(evaluation.stages) if evaluation is not None and evaluation.loaded else None
    return report, reads_stage


def _generate(kind: str, fmt: str, path: Path, manifest: Path | None, templates: Path | None,
              output: Path | None, force: bool, today: dt.date | None, scan: bool,
              trace: Path | None = None, session: str | None = None, checklists: tuple[Path, ...] = ()) -> None:
    from parr.documents.context import build_context, load_procedures, timeline
    from parr.documents.render import DOCUMENTS, package_dir, render_document
    from parr.formats.common import display_path
    from parr.ledger import ledger_path, read_ledger
    from parr.manifest.loader import find_manifest, load_manifest

    manifest_path = find_manifest(path, manifest)
    loaded = load_manifest(manifest_path)
    ledger_file = ledger_path(manifest_path)
    ledger = read_ledger(ledger_file) if ledger_file.exists() else None
    scan_result = None
    if scan:
        from parr.facts import scan_agent

        scan_result = scan_agent(loaded)
    report, reads_stage = _verdict(loaded, scan_result, ledger, today, checklists)
    context: dict[str, Any] = build_context(
        loaded, scan=scan_result, ledger=ledger, today=today or dt.date.today(),
        manifest_display=display_path(str(manifest_path)) or str(manifest_path),
        report=report, policy_reads_stage=reads_stage,
    )
    if kind == "runbook":
        # Present in any form (even a pipe or a broken link): then it is read, and refused if unreadable.
        override = templates / "index.yaml" if templates and os.path.lexists(templates / "index.yaml") else None
        context["procedures"] = load_procedures(override or package_dir("runbooks") / "index.yaml", context)
    if kind == "postmortem":
        context["timeline"] = None
        if trace is not None or session is not None:
            if trace is None or session is None:
                raise ParrInputError("--trace and --session go together: the timeline is one session of one trace file.")
            if not trace.is_file():
                raise ParrInputError(f"{trace}: no such trace file.")
            from parr.traces.events import READ_ERRORS, TraceReadError, iter_events

            try:
                context["timeline"] = timeline(iter_events(trace), session, ledger)
            except READ_ERRORS as exc:
                reason = TraceReadError(str(trace), exc).reason
                raise ParrInputError(f"{trace}: cannot read the trace file ({reason}).") from None
    from parr.documents.escape import escape_tree

    # Everything from the manifest, the scan and the trace is shown escaped, so a stray fence,
    # heading or HTML comment in it cannot reshape the document (and hide the kill switch).
    text = render_document(DOCUMENTS[(kind, fmt)], escape_tree(context), templates)
    if output is None or str(output) == "-":
        click.echo(text, nl=False)
    else:
        from parr.cliutil import write_output

        write_output(output, text, force=force)
        click.echo(f"wrote {output}", err=True)


def _common(fn: Any) -> Any:
    for decorator in reversed([
        click.argument("path", type=click.Path(path_type=Path), default="."),
        click.option("--manifest", type=click.Path(path_type=Path), help="The manifest (default PATH/parr.yaml)."),
        click.option("--templates", type=click.Path(path_type=Path), help="A folder whose .j2 files override the shipped ones by name."),
        click.option("--output", type=click.Path(path_type=Path), help="Write to FILE atomically (refuses to overwrite without --force)."),
        click.option("--force", is_flag=True, help="Overwrite --output if it exists."),
        click.option("--no-scan", is_flag=True, help="Do not scan the code for tools; use the manifest alone."),
        click.option("--checklist", "checklists", multiple=True, type=click.Path(path_type=Path), envvar="PARR_CHECKLIST",
                     help="Organisation checklist file(s) for the verdict the document carries (as `parr check`)."),
        click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), envvar="PARR_TODAY", metavar="YYYY-MM-DD",
                     help="Judge dates as of this day, not the real date (as `parr check --today`)."),
    ]):
        fn = decorator(fn)
    return fn


@click.group()
def generate() -> None:
    """Oncall documents: runbook, DRI record, postmortem template."""


def _wrap(fn: Any) -> Any:
    from parr.cliutil import input_errors_exit_2

    return input_errors_exit_2(fn)


@generate.command()
@_common
def runbook(path: Path, manifest: Path | None, templates: Path | None, output: Path | None, force: bool,
            no_scan: bool, checklists: tuple[Path, ...], today: dt.datetime | None) -> None:
    """The agent's runbook: owners, kill switch, tools, fail-safes and one procedure per failure mode."""
    _wrap(_generate)("runbook", "markdown", path, manifest, templates, output, force,
                     today.date() if today else None, not no_scan, checklists=checklists)


@generate.command()
@_common
@click.option("--format", "fmt", type=click.Choice(["markdown", "yaml"]), default="markdown", show_default=True,
              help="yaml: a Backstage catalog fragment.")
def dri(path: Path, manifest: Path | None, templates: Path | None, output: Path | None, force: bool,
        no_scan: bool, checklists: tuple[Path, ...], today: dt.datetime | None, fmt: str) -> None:
    """The DRI record: who, authority, backup, review cadence, what they own."""
    _wrap(_generate)("dri", fmt, path, manifest, templates, output, force, today.date() if today else None, not no_scan,
                     checklists=checklists)


@generate.command()
@_common
@click.option("--trace", type=click.Path(path_type=Path), help="Trace file (JSON Lines or OTLP JSON) to prefill the timeline.")
@click.option("--session", help="The session id in the trace whose timeline to prefill.")
def postmortem(path: Path, manifest: Path | None, templates: Path | None, output: Path | None, force: bool,
               no_scan: bool, checklists: tuple[Path, ...], today: dt.datetime | None, trace: Path | None,
               session: str | None) -> None:
    """A postmortem template (Google SRE / PagerDuty sections), its timeline prefilled from a trace."""
    _wrap(_generate)("postmortem", "markdown", path, manifest, templates, output, force,
                     today.date() if today else None, not no_scan, trace, session, checklists=checklists)
