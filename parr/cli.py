"""The `parr` command line: parses options, calls the core, prints, and picks the exit code."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import click

from parr import __version__
from parr.clilazy import LazyGroup
from parr.cliutil import EXIT_FAIL, EXIT_INPUT, EXIT_OK, input_errors_exit_2, parse_date, parse_stage
from parr.errors import ParrInputError

EXIT_GO = EXIT_OK
EXIT_NO_GO = EXIT_FAIL


def _use_color(no_color: bool) -> bool:
    from parr.cliutil import use_color

    return use_color(no_color)


def _emit(text: str, output: Path | None, force: bool = False) -> None:
    from parr.cliutil import emit_output

    emit_output(text, output, force=force)


format_choice = click.Choice(["table", "json", "sarif", "junit", "markdown", "gitlab-codequality"])


# Every environment variable parr reads, for `parr --help` (tests/ci/test_conventions.py finds them in the code).
ENVIRONMENT = (
    ("PARR_TODAY", "judge dates as of YYYY-MM-DD instead of today (check --today)"),
    ("PARR_CHECKLIST", "an organisation checklist file (--checklist of check, explain, rollout)"),
    ("PARR_REQUIRE_SIGNED", "1: every ledger entry must be signed (rollout verify --require-signed)"),
    ("PARR_POLICY_TIMEOUT", "seconds a policy evaluation may take (default 10; policy test --timeout)"),
    ("PARR_POLICY_MEMORY_MB", "memory cap of the policy engine process in MiB (default 512)"),
    ("PARR_CACHE_DIR", "the scan cache (default $XDG_CACHE_HOME/parr, else ~/.cache/parr)"),
    ("PARR_CACHE_MAX_MB", "the scan cache's size cap in MiB (default 1024)"),
    ("PARR_SCAN_PREFILTER", "0: parse every file in full (no byte prefilter), to compare scan results"),
    ("NO_COLOR", "any non-empty value: plain text even on a terminal (--no-color)"),
    ("TERM", "dumb: no scan progress line on the terminal"),
)
_EPILOG = "\b\nEnvironment:\n" + "\n".join(f"  {name:<22} {text}" for name, text in ENVIRONMENT) + (
    "\n\n\b\nConfiguration: [tool.parr] in pyproject.toml or .parr.toml (check's defaults; see the README).")


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]}, epilog=_EPILOG, lazy_subcommands={
    "diff": "parr.diff.commands:diff",
    "generate": "parr.documents.commands:generate",
    "policy": "parr.policy.commands:policy",
    "report": "parr.report.commands:report",
    "traces": "parr.traces.commands:traces",
})
@click.version_option(__version__, prog_name="parr")
@click.pass_context
def main(ctx: click.Context) -> None:
    """parr: production readiness for AI agents. Scan the tools, check the manifest, GO or NO-GO."""
    if ctx.invoked_subcommand == "check":
        # Only `check` reads the configuration: a broken file must never stop `rollout rollback`.
        ctx.default_map = {"check": _ConfigDefaults(ctx.meta)}


class _ConfigDefaults(Mapping[str, Any]):
    """`check`'s defaults from the configuration file, read when click first asks for one.

    click asks while it fills in parameters, help included: `parr check --help` prints help even
    when the configuration file is broken, and any real run reports the file's problems (exit 2).
    """

    def __init__(self, meta: dict[str, Any]) -> None:
        self._meta = meta
        self._values: dict[str, Any] | None = None

    def _load(self) -> dict[str, Any]:
        if self._values is None:
            try:
                self._values = _check_defaults(self._meta)
            except ParrInputError as exc:
                # Help is rendered while parameters are filled in, so a broken file is reported
                # by the command itself (never reached with --help), not here.
                self._meta["parr.config_error"] = exc
                self._values = {}
        return self._values

    def __getitem__(self, key: str) -> Any:
        return self._load()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())

    def __bool__(self) -> bool:  # click tests the map for truth before --help is handled
        return True


# Configuration key -> the `check` parameter it gives a default to (flags and $PARR_* still win).
CONFIG_PARAMS = {"stage": "stage", "checklist": "checklists", "baseline": "baseline", "fail-on": "fail_on",
                 "format": "fmt"}


def _check_defaults(meta: dict[str, Any]) -> dict[str, Any]:
    from parr.config import find_config, load_config

    found = find_config(Path.cwd())
    if found is None:
        return {}
    config = load_config(found)
    meta["parr.config"] = config
    params = {p.name: p for p in check.params}
    values = {"stage": config.stage.value if config.stage else None,
              "checklist": [str(p) for p in config.checklist] or None,
              "baseline": str(config.baseline) if config.baseline else None,
              "fail-on": config.fail_on, "format": config.format}
    defaults: dict[str, Any] = {}
    for key, value in values.items():
        param = params.get(CONFIG_PARAMS[key])
        if value is None or param is None:
            continue
        choices = getattr(param.type, "choices", None)
        if choices is not None and value not in choices:
            raise ParrInputError(f"{found}:{config.line_of(key)}: {key} must be one of {', '.join(choices)}, not {value!r}.")
        defaults[CONFIG_PARAMS[key]] = value
    return defaults


def _config_notes(ctx: click.Context) -> None:
    """Say on stderr where a setting that changes what is judged came from, when it came from the
    configuration file: a change to pyproject.toml that lowers the bar shows in every CI log."""
    from click.core import ParameterSource

    config = ctx.meta.get("parr.config")
    if config is None:
        return
    for key, name in (("stage", "stage"), ("fail-on", "fail_on"), ("checklist", "checklists"), ("baseline", "baseline")):
        if name in ctx.params and ctx.get_parameter_source(name) is ParameterSource.DEFAULT_MAP:
            click.echo(f"parr: note: {key} is set by {config.source}:{config.line_of(key)}", err=True)


def _report_root(path: Path) -> Path:
    """Where report paths start: git's top level, else the checked directory."""
    from parr.gitinfo import repository_root

    return repository_root(path) or (path if path.is_dir() else path.parent)


@main.command()
@click.argument("path", type=click.Path(path_type=Path), default=".")
@click.option("--stage", callback=parse_stage, help="Stage to judge: propose, staging-writes, narrow-production-writes, autonomous.")
@click.option("--all", "all_manifests", is_flag=True, help="Check every parr.yaml under PATH: one verdict each and overall. "
              "A manifest that cannot be read is reported as an error beside the others, and the run exits 2.")
@click.option("--manifest", type=click.Path(path_type=Path), help="The manifest to read (default PATH/parr.yaml).")
@click.option("--checklist", "checklists", multiple=True, type=click.Path(path_type=Path), envvar="PARR_CHECKLIST",
              help="An organisation checklist file adding, tightening or disabling items (repeatable).")
@click.option("--format", "fmt", type=format_choice, default="table", show_default=True)
@click.option("--output", type=click.Path(path_type=Path),
              help="Write the report to FILE (atomically; `-` is stdout). Replaces only a report parr wrote.")
@click.option("--force", is_flag=True, help="Replace --output even if it is not a report parr wrote (never parr.yaml or .parr/).")
@click.option("--quiet", is_flag=True, help="Print nothing; the exit code says GO (0) or NO-GO (1).")
@click.option("--no-color", is_flag=True, help="Plain text even on a terminal.")
@click.option("--verbose", "-v", is_flag=True, help="Table: show the warnings in full and every location (JSON always has every finding).")
@click.option("--no-scan", is_flag=True, help="Judge the manifest alone; skip the code-against-manifest checks.")
@click.option("--today", callback=parse_date, envvar="PARR_TODAY", metavar="YYYY-MM-DD",
              help="Judge dates (eval freshness, secret rotation, waiver expiry) as of this day, not the "
                   "real date: to reproduce a past verdict, or see what expires before a launch.")
@click.option("--fail-on", type=click.Choice(["no-go", "bad-input"]), default="no-go", show_default=True,
              help="no-go: exit 1 on NO-GO. bad-input: report NO-GO but exit 0 (advisory CI runs); bad input still exits 2.")
@click.option("--baseline", "baseline", type=click.Path(path_type=Path), metavar="FILE",
              help="Failures recorded in FILE are reported as baselined and do not block; new ones do.")
@click.option("--write-baseline", "write_baseline", type=click.Path(path_type=Path), metavar="FILE",
              help="Record every failure of this run in FILE (this run's verdict is unchanged).")
@click.option("--since", metavar="REF",
              help="Only code findings in files changed since the git REF block; the others are reported as not in scope.")
@click.option("--sarif-include-suppressed", is_flag=True,
              help="SARIF: keep waived and inline-suppressed results (code scanning shows them as open alerts).")
@input_errors_exit_2
def check(path: Path, stage: Any, all_manifests: bool, manifest: Path | None, checklists: tuple[Path, ...],
          fmt: str, output: Path | None, force: bool, quiet: bool, no_color: bool, verbose: bool, no_scan: bool,
          today: dt.date | None, fail_on: str, baseline: Path | None, write_baseline: Path | None,
          since: str | None, sarif_include_suppressed: bool) -> None:
    """Readiness verdict for a rollout stage: exit 0 GO, 1 NO-GO, 2 bad input."""
    import os

    config_error = click.get_current_context().meta.get("parr.config_error")
    if config_error is not None:
        raise config_error
    if not quiet:
        _config_notes(click.get_current_context())

    from parr.core import CheckRequest, run_checks
    from parr.formats import Format, RenderContext, overall_verdict, renderer_for
    from parr.formats.markdown import ci_link_base

    baseline_file, known = baseline, None
    if baseline_file is not None:
        from parr.baseline import load_baseline

        known = load_baseline(baseline_file)  # bad input stops the run before any scan
    if write_baseline is not None:
        from parr.cliutil import output_problem

        problem = output_problem(write_baseline, force=force)
        if problem is not None:
            raise ParrInputError(f"{write_baseline}: {problem}")
    request = CheckRequest(path=path, manifest=manifest, stage=stage, all_manifests=all_manifests,
                           checklist_files=tuple(checklists), today=today, scan_code=not no_scan)
    scope = None
    if since is not None:
        from parr.baseline import changed_since

        scope = changed_since(path, since)
    run = run_checks(request)
    reports = list(run.reports)
    if scope is not None:
        from parr.baseline import apply_scope

        reports = apply_scope(reports, scope[1], scope[0])
    unmatched = 0
    if known is not None:
        from parr.baseline import apply_baseline

        reports, unmatched = apply_baseline(reports, known)
    if write_baseline is not None:
        from parr.baseline import baseline_of, dump_baseline
        from parr.cliutil import write_output

        write_output(write_baseline, dump_baseline(baseline_of(reports)), force=force)
    from parr.gitinfo import repository_root

    git_root = repository_root(path)
    # Links only for paths relative to git's top level: CI's URL and commit name that tree.
    context = RenderContext(repo_root=git_root or (path if path.is_dir() else path.parent),
                            link_base=ci_link_base(os.environ) if git_root else None, broken=run.broken,
                            include_suppressed=sarif_include_suppressed,
                            baseline=str(baseline_file) if baseline_file else None, since=since)
    if not quiet and (reports or not run.broken):
        color = _use_color(no_color) and output is None
        if fmt == "table":
            from parr.formats import table

            text = table.render(reports, color, verbose=verbose)
        else:
            text = renderer_for(Format(fmt))(reports, color, context)
        _emit(text, output, force)
    aside = {kind: sum(1 for r in reports for res in r.results for f in res.findings if f.outcome == kind)
             for kind in ("baselined", "not_in_scope")}
    if any(aside.values()) and not quiet:
        # Every format counts them; this line is for the table, which a person reads at a terminal.
        parts = ([f"{aside['baselined']} failure(s) in the baseline"] if known is not None else []) + \
                ([f"{aside['not_in_scope']} in files unchanged since {since}"] if since is not None else [])
        click.echo(f"parr: note: not blocking: {', '.join(parts)}", err=True)
    if unmatched and not quiet:
        click.echo(f"parr: note: {unmatched} baseline entr{'y matches' if unmatched == 1 else 'ies match'} nothing now "
                   "(fixed, or the finding changed); --write-baseline drops them", err=True)
    if run.broken:
        for broken in run.broken:
            for problem in broken.problems:
                click.echo(f"parr: {problem}", err=True)
        sys.exit(EXIT_INPUT)
    sys.exit(EXIT_NO_GO if overall_verdict(reports) == "NO-GO" and fail_on == "no-go" else EXIT_GO)


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
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--quiet", is_flag=True, help="Print nothing when every manifest is valid.")
@input_errors_exit_2
def validate(paths: tuple[Path, ...], quiet: bool) -> None:
    """Load each manifest (a parr.yaml or the directory holding one; default .) without scanning:
    exit 0 when all are valid, 2 with one line per problem otherwise. Fast enough for pre-commit."""
    from parr.manifest.loader import find_manifest, load_manifest

    problems: list[str] = []
    for path in paths or (Path("."),):
        try:
            loaded = load_manifest(find_manifest(path))
        except ParrInputError as exc:
            problems.extend(exc.problems)
            continue
        if not quiet:
            tools = len(loaded.manifest.permissions.tools)
            click.echo(f"{loaded.path}: valid ({loaded.manifest.agent.id}, {tools} tool{'' if tools == 1 else 's'} declared)")
    for problem in problems:
        click.echo(f"parr: {problem}", err=True)
    sys.exit(EXIT_INPUT if problems else EXIT_OK)


@main.command()
def schema() -> None:
    """The JSON Schema of parr.yaml, for editors' YAML completion."""
    from parr.manifest.schema import manifest_json_schema

    click.echo(json.dumps(manifest_json_schema(), indent=2))


# ---- scan and init ------------------------------------------------------------------------


def _scan(path: Path, use_cache: bool = True) -> Any:
    from parr.progress import ScanProgress
    from parr.scan.engine import ScanInputError, scan_repository

    try:
        with ScanProgress() as progress:
            return scan_repository(path, use_cache=use_cache, progress=progress)
    except ScanInputError as exc:
        raise ParrInputError(str(exc)) from None


@main.command()
@click.argument("path", type=click.Path(path_type=Path), default=".")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "sarif"]), default="table", show_default=True)
@click.option("--output", type=click.Path(path_type=Path),
              help="Write to FILE (atomically; `-` is stdout). Replaces only a report parr wrote.")
@click.option("--force", is_flag=True, help="Replace --output even if it is not a report parr wrote (never parr.yaml or .parr/).")
@click.option("--no-cache", is_flag=True, help="Re-extract every file instead of using the content-hash cache.")
@click.option("--no-color", is_flag=True, help="Plain text even on a terminal.")
@input_errors_exit_2
def scan(path: Path, fmt: str, output: Path | None, force: bool, no_cache: bool, no_color: bool) -> None:
    """Every tool the code under PATH exposes to a model (never imports or runs it)."""
    from parr.formats.scan_report import render_scan

    result = _scan(path, use_cache=not no_cache)
    root = _report_root(path) if fmt == "sarif" else None
    _emit(render_scan(result, fmt, color=_use_color(no_color) and output is None, repo_root=root), output, force)


@main.command()
@click.argument("path", type=click.Path(path_type=Path), default=".")
@click.option("--force", is_flag=True, help="Overwrite an existing parr.yaml.")
@input_errors_exit_2
def init(path: Path, force: bool) -> None:
    """Scan PATH and write a draft parr.yaml with every tool declared."""
    from parr.fsutil import write_atomic
    from parr.init import draft_manifest, draft_summary
    from parr.manifest.loader import MANIFEST_NAME, load_manifest

    result = _scan(path)
    target = path / MANIFEST_NAME
    write_atomic(target, draft_manifest(path, result), overwrite=force)
    loaded = load_manifest(target)  # the draft must pass validation; a failure here is a parr bug
    summary = draft_summary(loaded, result)
    click.echo(f"wrote {target}: {summary}; fill in every TODO, then `parr check {path}`")


# ---- rollout -------------------------------------------------------------------------------

_rollout_path = click.argument("path", type=click.Path(path_type=Path), default=".")
_manifest_opt = click.option("--manifest", type=click.Path(path_type=Path), help="The manifest (default PATH/parr.yaml).")
_reason_opt = click.option("--reason", required=True, help="Why; recorded in the ledger.")
_checklist_opt = click.option("--checklist", "checklists", multiple=True, type=click.Path(path_type=Path),
                              envvar="PARR_CHECKLIST", help="Organisation checklist file(s).")
_sign_opt = click.option("--sign-key", metavar="KEY", help="SSH key to sign the entry with (default: your global git "
                         "user.signingkey, when the repository has .parr/allowed_signers).")


def _ledger_errors(fn: Any) -> Any:
    """A ledger parr cannot use ends the command with one line: exit 1 for a broken ledger's
    content, exit 2 for a ledger place that is not usable (a directory, a symlink out, ...)."""
    from functools import wraps

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from parr.ledger import LedgerError

        try:
            return fn(*args, **kwargs)
        except LedgerError as exc:
            for problem in exc.problems:
                click.echo(f"parr: {problem}", err=True)
            sys.exit(exc.exit_code)

    return wrapper


def _shown(text: str) -> str:
    """Ledger text for a terminal: control characters (escape sequences, carriage returns) as
    escapes, so an entry cannot rewrite what the screen shows."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _entry_line(entry: Any) -> str:
    approver = f", approved by {entry.approver}" if entry.approver and entry.approver != entry.actor.name else ""
    commit = f" at {entry.commit[:12]}" if entry.commit else " (no git commit)"
    dirty = " (dirty tree allowed)" if entry.allow_dirty else ""
    signed = " [signed]" if entry.signature else ""
    return _shown(f"#{entry.seq} {entry.time} {entry.action} {entry.from_stage.value} → {entry.to_stage.value} "
                  f"by {entry.actor.name}{approver}{commit}{dirty}{signed}: {entry.reason}")


@main.group()
def rollout() -> None:
    """Staged rollout: status, promote, rollback, hold, release, history, verify."""


@rollout.command("status")
@_rollout_path
@_manifest_opt
@_checklist_opt
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@input_errors_exit_2
@_ledger_errors
def rollout_status(path: Path, manifest: Path | None, checklists: tuple[Path, ...], fmt: str) -> None:
    """Current stage, since when, by whom, at which commit, and what the next stage still needs."""
    from parr import rollout as ops

    ctx = ops.open_rollout(path, manifest, checklists)
    st = ops.status(ctx)
    blocking = [f"{r.item.id} {r.item.title}: " + "; ".join(f.message for f in r.findings if f.outcome in ("fail", "error"))
                for r in (st.next_report.blocking if st.next_report else ())]
    if fmt == "json":
        click.echo(json.dumps({
            "agent_id": st.agent_id,
            "stage": st.stage.value,
            "since": st.since.model_dump(mode="json") if st.since else None,
            "held": st.held.model_dump(mode="json") if st.held else None,
            "next_stage": st.next_stage.value if st.next_stage else None,
            "next_stage_verdict": st.next_report.verdict if st.next_report else None,
            "next_stage_needs": blocking + st.graduation,
            "git": st.git_note,
            "unanchored_entries": st.unanchored,
        }, indent=2))
        return
    click.echo(f"{st.agent_id}: {st.stage.value}")
    if st.since:
        click.echo(_shown(f"  since {st.since.time}, {st.since.action} by {st.since.actor.name}"
                          + (f" at {st.since.commit[:12]}" if st.since.commit else "") + f": {st.since.reason}"))
    else:
        click.echo("  no rollout recorded yet: every agent starts in propose")
    if st.held:
        click.echo(_shown(f"  ON HOLD since {st.held.time} by {st.held.actor.name}: {st.held.reason}"))
    if st.git_note:
        click.echo(f"  note: {st.git_note}; actor and commit are not recorded from git")
    if st.unanchored:
        click.echo(f"  note: {st.unanchored} ledger entr{'y is' if st.unanchored == 1 else 'ies are'} not in any commit "
                   "yet; commit the ledger (`parr rollout verify` checks it)")
    if st.next_stage is None:
        click.echo("  autonomous is the last stage")
        return
    needs = blocking + st.graduation
    verdict = st.next_report.verdict if st.next_report else "?"
    click.echo(f"  next: {st.next_stage.value} ({verdict} on checks)")
    for need in needs:
        click.echo(f"    - {need}")


def _refused(exc: Any, what: str = "promotion") -> None:
    click.echo(f"parr: {what} refused:", err=True)
    for reason in exc.reasons:
        click.echo(f"  - {_shown(reason)}", err=True)
    sys.exit(EXIT_NO_GO)


@rollout.command("promote")
@_rollout_path
@_manifest_opt
@_checklist_opt
@_reason_opt
@click.option("--to", "to", callback=parse_stage, help="Target stage (only the next one is allowed).")
@click.option("--approver", help="Who approves, by the handle or name in parr.yaml (required where the checklist "
                                 "names a role); never the person running the promotion.")
@click.option("--allow-dirty", is_flag=True, help="Promote despite uncommitted changes to files the verdict does not "
                                                  "read (recorded in the ledger); never covers parr.yaml or evidence.")
@_sign_opt
@input_errors_exit_2
@_ledger_errors
def rollout_promote(path: Path, manifest: Path | None, checklists: tuple[Path, ...], reason: str, to: Any,
                    approver: str | None, allow_dirty: bool, sign_key: str | None) -> None:
    """Move to the next stage if its checks say GO; refused (exit 1, every reason listed) otherwise."""
    from parr import rollout as ops

    ctx = ops.open_rollout(path, manifest, checklists, sign_key=sign_key)
    try:
        entry, _ = ops.promote(ctx, reason=reason, to=to, approver=approver, allow_dirty=allow_dirty)
    except ops.RolloutRefused as exc:
        _refused(exc)
    click.echo(_entry_line(entry))


@rollout.command("rollback")
@_rollout_path
@_manifest_opt
@_reason_opt
@click.option("--to", "to", callback=parse_stage, help="Stage to return to (default: the previous one).")
@_sign_opt
@input_errors_exit_2
def rollout_rollback(path: Path, manifest: Path | None, reason: str, to: Any, sign_key: str | None) -> None:
    """Return to an earlier stage. Always allowed: it is the kill switch. Exit 1 when the ledger
    could not take it (the rollback is then written to a file of its own, named on stderr)."""
    from parr import rollout as ops
    from parr.ledger import LedgerError

    try:
        outcome = ops.rollback(ops.open_rollout(path, manifest, sign_key=sign_key, for_rollback=True), reason=reason, to=to)
    except LedgerError as exc:
        click.echo(f"parr: {exc.problems[0]}", err=True)
        sys.exit(EXIT_NO_GO)
    for warning in outcome.warnings:
        click.echo(f"parr: warning: {warning}", err=True)
    if outcome.entry is None:
        click.echo(f"parr: the rollback was written to {outcome.recorded_in} instead; treat the agent as rolled back, "
                   "repair the ledger, then record the rollback again.", err=True)
        sys.exit(EXIT_NO_GO)
    click.echo(_entry_line(outcome.entry))


@rollout.command("hold")
@_rollout_path
@_manifest_opt
@_reason_opt
@_sign_opt
@input_errors_exit_2
@_ledger_errors
def rollout_hold(path: Path, manifest: Path | None, reason: str, sign_key: str | None) -> None:
    """Freeze promotion until `parr rollout release`."""
    from parr import rollout as ops

    ctx = ops.open_rollout(path, manifest, sign_key=sign_key)
    try:
        entry = ops.hold(ctx, reason=reason)
    except ops.RolloutRefused as exc:
        _refused(exc, "hold")
    click.echo(_entry_line(entry))
    if not entry.signature and ctx.allowed_signers.is_file():
        click.echo("parr: warning: recorded unsigned: no --sign-key and no global git user.signingkey; "
                   "`parr rollout verify` will say so", err=True)


@rollout.command("release")
@_rollout_path
@_manifest_opt
@_reason_opt
@_sign_opt
@input_errors_exit_2
@_ledger_errors
def rollout_release(path: Path, manifest: Path | None, reason: str, sign_key: str | None) -> None:
    """Lift a hold."""
    from parr import rollout as ops

    try:
        click.echo(_entry_line(ops.release(ops.open_rollout(path, manifest, sign_key=sign_key), reason=reason)))
    except ops.RolloutRefused as exc:
        _refused(exc, "release")


@rollout.command("history")
@_rollout_path
@_manifest_opt
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table", show_default=True)
@click.option("--no-color", is_flag=True)
@input_errors_exit_2
@_ledger_errors
def rollout_history(path: Path, manifest: Path | None, fmt: str, no_color: bool) -> None:
    """Every promote, rollback, hold and release, oldest first."""
    from parr import rollout as ops
    from parr.formats.rollout import render_history

    entries = ops.history(ops.open_rollout(path, manifest))
    click.echo(render_history(entries, fmt, color=_use_color(no_color)), nl=False)


@rollout.command("verify")
@_rollout_path
@_manifest_opt
@click.option("--require-signed", is_flag=True, envvar="PARR_REQUIRE_SIGNED",
              help="Every entry must carry a valid signature from .parr/allowed_signers (as committed).")
@input_errors_exit_2
@_ledger_errors
def rollout_verify(path: Path, manifest: Path | None, require_signed: bool) -> None:
    """Check the ledger's hash chain, that it extends the copy committed in git, its signatures,
    and the files each promotion certified (read from its commit): exit 1 if anything is broken.
    Entries not yet in a commit are reported as unanchored, without failing by themselves."""
    from parr import rollout as ops

    ctx = ops.open_rollout(path, manifest, for_rollback=True)
    problems = ops.verify(ctx, require_signed=require_signed)
    for problem in problems:
        where = f"{ctx.ledger}:{problem.line}" if problem.line else str(ctx.ledger)
        click.echo(_shown(f"{where}: {'' if problem.failing else 'note: '}{problem.message}"))
    if any(p.failing for p in problems):
        sys.exit(EXIT_NO_GO)
    count = len(ops.history(ctx))
    click.echo(f"{ctx.ledger}: {count} entr{'y' if count == 1 else 'ies'}, chain intact")
