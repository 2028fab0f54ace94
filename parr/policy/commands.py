"""`parr policy test|scaffold`: evaluate the declared policies, or draft a starting Cedar policy."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

import click

from parr.cliutil import input_errors_exit_2, parse_stage
from parr.errors import ParrInputError


def _scan(root: Path) -> Any:
    """The repository's tools when the scanner is available; the probe works without them."""
    from parr.facts import without_nested_agents
    from parr.scan.engine import scan_repository

    try:
        return without_nested_agents(scan_repository(root), root)
    except Exception as exc:  # noqa: BLE001 - the scan only adds tools to probe; its failure must not stop the test
        click.echo(f"parr: note: the scan of {root} failed ({type(exc).__name__}: {exc}); probing the manifest's tools only", err=True)
        return None


@click.group()
def policy() -> None:
    """Policies: evaluate the declared Cedar or Rego policies, or draft a starting Cedar policy."""


@policy.command("test")
@click.argument("path", type=click.Path(path_type=Path), default=".")
@click.option("--manifest", type=click.Path(path_type=Path), help="The manifest (default PATH/parr.yaml).")
@click.option("--stage", callback=parse_stage,
              help="Probe at this stage only (when the policy reads context.stage); default: every stage.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table", show_default=True)
@click.option("--output", type=click.Path(path_type=Path),
              help="Write the report to FILE (atomically; `-` is stdout). Replaces only a report parr wrote.")
@click.option("--force", is_flag=True, help="Replace --output even if it is not a report parr wrote (never parr.yaml or .parr/).")
@click.option("--no-scan", is_flag=True, help="Probe the manifest's tools only; do not scan the code for more.")
@click.option("--timeout", type=click.FloatRange(min=0.1), help="Seconds the evaluation may take (default 10, or $PARR_POLICY_TIMEOUT).")
@click.option("--no-color", is_flag=True, help="Plain text even on a terminal.")
@input_errors_exit_2
def policy_test(path: Path, manifest: Path | None, stage: Any, fmt: str, output: Path | None, force: bool,
                no_scan: bool, timeout: float | None, no_color: bool) -> None:
    """Run the policy's test cases and probe every tool: exit 0 all good, 1 failures, 2 bad policy files."""
    from parr.cliutil import emit_output
    from parr.formats.common import display_path
    from parr.manifest.loader import find_manifest, load_manifest
    from parr.policy.evaluate import evaluate_policies
    from parr.policy.render import PolicyFormat, PolicyReport, renderer_for

    manifest_path = find_manifest(path, manifest)
    loaded = load_manifest(manifest_path)
    if loaded.manifest.policies.engine is None and not loaded.manifest.policies.files:
        raise ParrInputError(
            f"{manifest_path}: declares no policies; set policies.engine and policies.files, "
            f"or run `parr policy scaffold {path}` to draft a Cedar policy."
        )
    scan = None if no_scan else _scan(loaded.root)
    evaluation = evaluate_policies(loaded, scan=scan, stage=stage, timeout=timeout)
    report = PolicyReport(
        manifest=display_path(str(manifest_path)) or str(manifest_path),
        agent_id=loaded.manifest.agent.id,
        evaluation=evaluation,
    )
    from parr.cliutil import use_color

    color = use_color(no_color, output)
    text = renderer_for(PolicyFormat(fmt))(report, color)
    emit_output(text, output, force=force)
    if evaluation is not None and evaluation.input_problems:
        for problem in evaluation.input_problems:
            if problem.kind in ("engine", "timeout") and not problem.file:
                # The engine is absent, crashed or ran out of time: the sentence names the policy file
                # involved and what to do; there is nothing to change in parr.yaml, so it is not named.
                click.echo(f"parr: {problem.message}", err=True)
                continue
            shown = display_path(str(loaded.resolve(problem.file))) if problem.file else display_path(str(manifest_path))
            where = f"{shown}:{problem.line}" if problem.line else str(shown)
            click.echo(f"parr: {where}: {problem.message}", err=True)
    sys.exit(report.exit_code)


@policy.command("scaffold")
@click.argument("path", type=click.Path(path_type=Path), default=".")
@click.option("--manifest", type=click.Path(path_type=Path), help="The manifest (default PATH/parr.yaml).")
@click.option("--output", "output_dir", type=click.Path(path_type=Path),
              help="Directory for the .cedar and .cedarschema files (default: policies/ beside the manifest).")
@click.option("--force", is_flag=True, help="Overwrite files that exist.")
@input_errors_exit_2
def policy_scaffold(path: Path, manifest: Path | None, output_dir: Path | None, force: bool) -> None:
    """Draft a Cedar policy and schema from the permission manifest: reads allowed, production mutations need approval."""
    from parr.fsutil import write_atomic
    from parr.manifest.loader import find_manifest, load_manifest
    from parr.policy.scaffold import scaffold_cedar

    loaded = load_manifest(find_manifest(path, manifest))
    if not loaded.manifest.permissions.tools:
        raise ParrInputError(f"{loaded.path}: permissions.tools is empty; declare the agent's tools first (parr init drafts them).")
    directory = output_dir if output_dir is not None else loaded.root / "policies"
    if directory.exists() and not directory.is_dir():
        raise ParrInputError(f"{directory}: not a directory; pass --output DIR.")
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", loaded.manifest.agent.id)
    policy_path, schema_path = directory / f"{stem}.cedar", directory / f"{stem}.cedarschema"
    existing = [p for p in (policy_path, schema_path) if p.exists()]
    if existing and not force:
        raise ParrInputError(*_exists(existing))
    draft = scaffold_cedar(loaded.manifest, _relative(policy_path, loaded.root), _relative(schema_path, loaded.root))
    directory.mkdir(parents=True, exist_ok=True)
    write_atomic(policy_path, draft.policy, overwrite=force)
    write_atomic(schema_path, draft.schema, overwrite=force)
    click.echo(f"wrote {policy_path}", err=True)
    click.echo(f"wrote {schema_path}", err=True)
    click.echo("# Add to parr.yaml (replacing any `policies:` engine, files, schema and tests), then run `parr policy test`:")
    click.echo(draft.manifest_snippet, nl=False)


def _exists(paths: list[Path]) -> tuple[str, list[str]]:
    problems = [f"{p}: already exists; pass --force to overwrite it." for p in paths]
    return problems[0], problems


def _relative(target: Path, root: Path) -> str:
    return Path(os.path.relpath(target.resolve(), root.resolve())).as_posix()
