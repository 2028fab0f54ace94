"""`parr traces lint|signals|review FILE…`: the command group; parses options, calls the core, picks the exit code."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from parr.cliutil import EXIT_FAIL, EXIT_OK, input_errors_exit_2
from parr.errors import ParrInputError
from parr.traces.events import TraceReadError, is_stdin
from parr.traces.parallel import default_jobs


F = TypeVar("F", bound=Callable[..., Any])


def load_thresholds_manifest(manifest: Path | None) -> Any | None:
    """--manifest FILE or a directory holding parr.yaml; without it ./parr.yaml if present, else None."""
    from parr.manifest.loader import MANIFEST_NAME, load_manifest

    if manifest is None:
        default = Path(MANIFEST_NAME)
        return load_manifest(default).manifest if default.is_file() else None
    path = manifest / MANIFEST_NAME if manifest.is_dir() else manifest
    if not path.exists():
        where = f"{manifest} holds no {MANIFEST_NAME}" if manifest.is_dir() else f"{manifest}: no such manifest"
        raise ParrInputError(f"{where}; pass --manifest FILE or run `parr init` to draft one.")
    return load_manifest(path).manifest


def _check_files(files: tuple[Path, ...]) -> list[tuple[Path, str]]:
    from parr.evidence_files import probe_file

    problems = []
    if sum(1 for path in files if is_stdin(path)) > 1:
        raise ParrInputError("`-` (standard input) may be given once.")
    for path in files:
        if is_stdin(path):
            continue
        exists, problem = probe_file(path)
        if not exists and problem == "no such file":
            problems.append(f"{path}: no such trace file.")
        elif problem == "not a file":
            problems.append(f"{path}: not a file; pass trace files (JSON Lines or OTLP JSON, gzipped or not).")
        elif problem is not None:
            problems.append(f"{path}: {problem}.")
    if problems:
        raise ParrInputError(problems[0], problems)
    return [(path, "(standard input)" if is_stdin(path) else path.as_posix()) for path in files]


def _unreadable(exc: TraceReadError) -> ParrInputError:
    if exc.reason.startswith(("it inflates", "gzip on standard input", "standard input can be read")):
        return ParrInputError(f"{exc.path}: {exc.reason}.")
    return ParrInputError(f"{exc.path}: cannot read the trace file ({exc.reason}); check it is complete "
                          "(a cut gzip file ends early) and readable.")


def _emit(text: str, output: Path | None, force: bool) -> None:
    from parr.cliutil import emit_output

    emit_output(text, output, force=force)


def _color(no_color: bool, output: Path | None) -> bool:
    from parr.cliutil import use_color

    return use_color(no_color, output)


_manifest_option = click.option(
    "--manifest", type=click.Path(path_type=Path),
    help="parr.yaml (or the directory holding it) whose thresholds and fields apply; default ./parr.yaml if present.")
_output_option = click.option("--output", type=click.Path(path_type=Path),
                              help="Write the report to FILE (atomically; `-` is stdout). Replaces only a report parr wrote.")
_force_option = click.option("--force", is_flag=True,
                             help="Replace --output even if it is not a report parr wrote (never parr.yaml or .parr/).")
_color_option = click.option("--no-color", is_flag=True, help="Plain text even on a terminal.")
_quiet_option = click.option("--quiet", is_flag=True, help="Print nothing on stdout; the exit code tells.")
# `-` reads standard input (zcat day.jsonl.gz | parr traces signals -).
_jobs_option = click.option(
    "--jobs", type=click.IntRange(min=0), default=0, show_default=True,
    help="Worker processes for large files (0: one per core; 1: this process only). Results are the same.")
_summary_option = click.option(
    "--save-summary", type=click.Path(path_type=Path),
    help="Also write a mergeable summary to FILE: shards summarised apart combine with `parr traces merge`.")
_files_argument = click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True))


@click.group()
def traces() -> None:
    """Trace files: lint for redaction and schema, signals against the manifest's thresholds, an access review against its grants."""


@traces.command("lint")
@_files_argument
@_manifest_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "sarif"]), default="table", show_default=True)
@_output_option
@_force_option
@_color_option
@_quiet_option
@click.option("--max-findings", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Findings kept per rule and file (every one is still counted).")
@_jobs_option
@input_errors_exit_2
def lint(files: tuple[Path, ...], manifest: Path | None, fmt: str, output: Path | None, force: bool,
         no_color: bool, quiet: bool, max_findings: int, jobs: int) -> None:
    """Missing required fields, unparsable lines and unredacted sensitive values: exit 0 clean, 1 findings, 2 bad input."""
    from parr.traces.lint import DEFAULT_REQUIRED_FIELDS, lint_file
    from parr.traces.report import LINT_RENDERERS, LintFormat

    loaded = load_thresholds_manifest(manifest)
    checked = _check_files(files)
    required = list(loaded.observability.required_fields) if loaded else []
    redacted = list(loaded.observability.redacted_fields) if loaded else []
    results = []
    for path, shown in checked:
        try:
            # Each file's format is sniffed: one command may lint JSON Lines and OTLP side by side.
            results.append(lint_file(path, shown=shown, required=required or DEFAULT_REQUIRED_FIELDS,
                                     redacted=redacted, keep=max_findings, jobs=jobs or default_jobs()))
        except TraceReadError as exc:
            raise _unreadable(exc) from None
    if not quiet or output is not None:  # --quiet silences stdout, not a report asked for by name
        if fmt == "sarif":  # paths relative to the repository root, as code scanning resolves them
            from parr.gitinfo import repository_root
            from parr.traces.report import _lint_sarif

            text = _lint_sarif(results, False, repository_root(Path.cwd()))
        else:
            text = LINT_RENDERERS[LintFormat(fmt)](results, _color(no_color, output))
        _emit(text, output, force)
    sys.exit(EXIT_FAIL if any(r.total for r in results) else EXIT_OK)


def _collector_command(fn: F) -> F:
    """The options `signals` and `review` share: files, manifest, format, output, color, quiet,
    --save-summary and --jobs; bad input exits 2."""
    for option in reversed((_files_argument, _manifest_option,
                            click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]),
                                         default="table", show_default=True),
                            _output_option, _force_option, _color_option, _quiet_option, _summary_option,
                            _jobs_option, input_errors_exit_2)):
        fn = option(fn)
    return fn


@traces.command("signals")
@_collector_command
def signals(files: tuple[Path, ...], manifest: Path | None, fmt: str, output: Path | None, force: bool,
            no_color: bool, quiet: bool, save_summary: Path | None, jobs: int) -> None:
    """Runs, tool errors, denials, retries, spend and latency per agent and per tool: exit 1 when a threshold is breached."""
    from parr.traces.signals import Thresholds, collect_from_files
    from parr.traces.summary import signals_summary

    loaded = load_thresholds_manifest(manifest)
    checked = _check_files(files)
    thresholds = Thresholds.from_manifest(loaded)
    report = _collect(lambda files, **kw: collect_from_files(files, thresholds, **kw), checked, save_summary,
                      signals_summary, force, jobs)
    _finish_signals(report, fmt, output, force, no_color, quiet, [shown for _, shown in checked])


def _collect(collect: Callable[..., Any], checked: list[tuple[Path, str]], save_summary: Path | None,
             summarize: Callable[..., Any], force: bool, jobs: int) -> Any:
    """Read the files (on every core unless --jobs says otherwise) and, with --save-summary, write
    the mergeable summary of what was read."""
    saved: list = []
    try:
        report = collect(checked, keep_state=saved if save_summary else None, jobs=jobs or default_jobs())
    except TraceReadError as exc:
        raise _unreadable(exc) from None
    if save_summary is not None and report.events:
        from parr.traces.summary import write_summary

        write_summary(save_summary, summarize(saved[0], report.files, report.bad_lines), force=force)
    return report


def _finish(report: Any, render: Callable[[Any, bool], str], failed: bool, output: Path | None, force: bool,
            no_color: bool, quiet: bool, names: list[str]) -> None:
    if report.events == 0:
        # Signals or a review from nothing would read as "all is well": say the input is not a trace.
        raise ParrInputError(
            f"{', '.join(names)}: no trace event could be read ({report.bad_lines} unparsable line(s)); "
            "give JSON Lines events or OTLP JSON spans."
        )
    if not quiet or output is not None:  # --quiet silences stdout, not a report asked for by name
        _emit(render(report, _color(no_color, output)), output, force)
    sys.exit(EXIT_FAIL if failed else EXIT_OK)


def _finish_signals(report: Any, fmt: str, output: Path | None, force: bool, no_color: bool, quiet: bool,
                    names: list[str]) -> None:
    from parr.traces.report import SIGNALS_RENDERERS, SignalsFormat

    _finish(report, SIGNALS_RENDERERS[SignalsFormat(fmt)], report.breached if report.events else False,
            output, force, no_color, quiet, names)


@traces.command("review")
@_collector_command
def review(files: tuple[Path, ...], manifest: Path | None, fmt: str, output: Path | None, force: bool,
           no_color: bool, quiet: bool, save_summary: Path | None, jobs: int) -> None:
    """Access review: calls outside parr.yaml's grants, and grants never used: exit 1 on undeclared, out-of-environment or denied-but-ran calls."""
    from parr.traces.access import Grants, review_files
    from parr.traces.summary import review_summary

    loaded = load_thresholds_manifest(manifest)
    if loaded is None:
        # Without grants every call would look fine: the review needs the manifest it holds calls against.
        raise ParrInputError("no parr.yaml here; pass --manifest FILE (the manifest whose permissions the traces are reviewed against).")
    checked = _check_files(files)
    grants = Grants.from_manifest(loaded)
    report = _collect(lambda files, **kw: review_files(files, grants, **kw), checked, save_summary, review_summary,
                      force, jobs)
    _finish_review(report, fmt, output, force, no_color, quiet, [shown for _, shown in checked])


def _finish_review(report: Any, fmt: str, output: Path | None, force: bool, no_color: bool, quiet: bool,
                   names: list[str]) -> None:
    from parr.traces.access_report import REVIEW_RENDERERS, ReviewFormat

    _finish(report, REVIEW_RENDERERS[ReviewFormat(fmt)], report.failed if report.events else False,
            output, force, no_color, quiet, names)


@traces.command("merge")
@click.argument("summaries", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table", show_default=True)
@_output_option
@_force_option
@_color_option
@_quiet_option
@input_errors_exit_2
def merge(summaries: tuple[Path, ...], fmt: str, output: Path | None, force: bool, no_color: bool, quiet: bool) -> None:
    """Combine --save-summary files of shards (in shard order) into one signals or review report, with that command's exit code."""
    from parr.traces.summary import merge_documents

    kind, collector, files, bad = merge_documents(list(summaries))
    if kind == "signals":
        report = collector.finish()
        report.files, report.bad_lines = files, bad
        _finish_signals(report, fmt, output, force, no_color, quiet, files)
    else:
        _finish_review(collector.finish(files, bad), fmt, output, force, no_color, quiet, files)
