"""Renderers for a ScanResult: a table for people, JSON for programs, SARIF 2.1.0 for code-scanning UIs."""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import Enum
from io import StringIO
from collections import Counter
from itertools import groupby
from pathlib import Path
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from parr.formats import sarif
from parr.scan.model import ScanResult, ToolRecord, UnresolvedSite


class ScanFormat(str, Enum):
    """Output formats of `parr scan`."""

    TABLE = "table"
    JSON = "json"
    SARIF = "sarif"


def render_scan(result: ScanResult, fmt: ScanFormat | str, *, color: bool, width: int = 120,
                repo_root: Path | None = None) -> str:
    """The scan result in the given format, ending with a newline. SARIF paths are relative to
    `repo_root` (git's top level; default the scanned root)."""
    if ScanFormat(fmt) is ScanFormat.SARIF:
        return _render_sarif(result, color, width, repo_root)
    return _RENDERERS[ScanFormat(fmt)](result, color, width)


def summary_line(result: ScanResult) -> str:
    """One line of totals: tools, mutating, untyped, files, skipped, errors."""
    mutating = sum(t.mutating for t in result.tools)
    untyped = sum(not t.typed for t in result.tools)
    s = result.skipped
    # Limits most scans never reach are named only when they did.
    extra = "".join(f", {count} {label}" for count, label in ((s.too_deep, "too deeply nested"),
                                                               (s.unreadable, "unreadable"),
                                                               (s.failed, "failed"),
                                                               (s.unparsable, "unparsable")) if count)
    return (
        f"{len(result.tools)} tools ({mutating} mutating, {untyped} untyped) in {result.files_scanned} files scanned; "
        f"skipped: {s.ignored} ignored, {s.too_large} too large, {s.binary} binary, "
        f"{s.symlink_outside} symlinks outside root{extra}; {len(result.errors)} errors"
    ) + (f"; {unread_sites_sentence(result)}" if result.unresolved else "") + (
        f"; {unverified_sentence(result)}" if any(t.unverified for t in result.tools) else "")


def unverified_sentence(result: ScanResult) -> str:
    n = sum(bool(t.unverified) for t in result.tools)
    return f"{n} read-only verdict{'s' if n != 1 else ''} rest{'s' if n == 1 else ''} on calls parr could not read"


def unread_sites_sentence(result: ScanResult) -> str:
    n = len(result.unresolved)
    return f"{n} place{'s' if n != 1 else ''} hand{'s' if n == 1 else ''} tools to a model that parr could not read"


_UNREAD_SHOWN = 20
_UNREAD_LABELS = {"too_large": "too large", "binary": "binary", "too_deep": "too deeply nested",
                  "unreadable": "unreadable", "failed": "the scanner failed on it",
                  "unparsable": "a syntax error spoils too much of it"}


def _render_table(result: ScanResult, color: bool, width: int) -> str:
    out = StringIO()
    console = Console(
        file=out, width=width, force_terminal=color, no_color=not color, color_system="standard" if color else None,
        highlight=False, emoji=False, legacy_windows=False,
    )
    for index, (file, group) in enumerate(groupby(result.tools, key=lambda t: t.file)):
        if index:
            console.print()
        console.print(Text(file, style="bold"), soft_wrap=True)
        console.print(_file_table(list(group)))
    if result.errors:
        console.print(Text("errors:", style="bold yellow"))
        for err in result.errors:
            where = f"{err.file}:{err.line}" if err.line else err.file
            console.print(Text(f"  {where}: {err.message}"), soft_wrap=True)
    if result.unread:
        console.print(Text("not read (their tools, if any, are not in this scan):", style="bold yellow"))
        for unread in result.unread[:_UNREAD_SHOWN]:
            console.print(Text(f"  {unread.file}: {_UNREAD_LABELS.get(unread.reason, unread.reason)}"), soft_wrap=True)
        if len(result.unread) > _UNREAD_SHOWN:
            console.print(Text(f"  ... and {len(result.unread) - _UNREAD_SHOWN} more (--format json lists them all)"))
    if result.unresolved:
        console.print(Text(f"{unread_sites_sentence(result)} (declare them in parr.yaml):", style="bold yellow"))
        for site in result.unresolved:
            console.print(Text(f"  {_where(site)}: {site.call} ({site.reason})"), soft_wrap=True)
    unverified = [t for t in result.tools if t.unverified]
    if unverified:
        console.print(Text(f"{unverified_sentence(result)} ('no?' above; CODE-015):", style="bold yellow"))
        for tool in unverified[:_UNREAD_SHOWN]:
            console.print(Text(f"  {_where(tool)} {tool.name}: {'; '.join(tool.unverified[:3])}"), soft_wrap=True)
        if len(unverified) > _UNREAD_SHOWN:
            console.print(Text(f"  ... and {len(unverified) - _UNREAD_SHOWN} more (--format json lists them all)"))
    console.print(Text(summary_line(result)), soft_wrap=True)
    # rich pads cells to the column width; trailing blanks only add noise to logs and diffs.
    return "\n".join(line.rstrip() for line in out.getvalue().splitlines()) + "\n"


def _cell_note(record: ToolRecord | UnresolvedSite) -> str:
    """In a notebook, where the region's line (a line of the joined code cells) is: `, cell 3:line 5`."""
    return "" if getattr(record, "cell", None) is None else f", {record.where()}"


def _where(record: ToolRecord | UnresolvedSite) -> str:
    """file:12, or file.ipynb:cell 3:line 5 in a notebook."""
    return f"{record.file}:{record.line}" if record.cell is None else f"{record.file}:{record.where()}"


def _file_table(tools: list[ToolRecord]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column in ("name", "line", "framework", "style", "mutating", "typed", "schema", "gates"):
        table.add_column(column, justify="right" if column == "line" else "left", overflow="fold")
    for tool in tools:
        table.add_row(
            Text(tool.name, style="bold red" if tool.mutating else ""),
            str(tool.line) if tool.cell is None else tool.where(),
            tool.framework,
            tool.style,
            Text("yes", style="bold red") if tool.mutating else Text("no?", style="yellow") if tool.unverified
            else Text("no"),
            Text("yes") if tool.typed else Text("no", style="yellow"),
            tool.schema_kind,
            ", ".join(tool.gates) or "-",
        )
    return table


def _render_json(result: ScanResult, color: bool, width: int) -> str:
    # Field order comes from the model definitions, so it is stable; sorting keys would scatter it.
    return json.dumps(result.to_json_dict(), indent=2, ensure_ascii=False) + "\n"


def _scan_rule(rule_id: str, name: str, short: str, full: str, fix: str, level: str,
               security: str | None = None) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "id": rule_id, "name": name, "shortDescription": {"text": short}, "fullDescription": {"text": full},
        "help": {"text": fix, "markdown": fix}, "defaultConfiguration": {"level": level},
        "properties": {"tags": ["parr", "scan"] + (["security"] if security else [])},
    }
    if security:
        rule["properties"]["security-severity"] = security
    return rule


# `parr scan` SARIF raises only what needs attention: the full inventory is `--format json`.
_RULES: dict[str, dict[str, Any]] = {rule["id"]: rule for rule in (
    _scan_rule(
        "PARR-SCAN-UNGATED-MUTATING-TOOL", "UngatedMutatingToolExposedToModel",
        "A tool exposed to a language model changes state with no approval or policy gate in the code.",
        "parr judged this tool to write, delete, send, pay, book, or run model-supplied code, shell commands or SQL, "
        "and found no approval hook on it. A model can trigger that side effect on its own.",
        "Gate the tool before production: require human approval or a policy check, limit its scope, log every "
        "call, and declare it in parr.yaml with its gate so `parr check` covers it.",
        "warning", security="7.0"),
    _scan_rule(
        "PARR-SCAN-UNTYPED-MUTATING-TOOL", "UntypedMutatingToolExposedToModel",
        "A tool that changes state takes untyped input, or one raw string it executes or interprets.",
        "The model writes this tool's arguments; with no declared types, or one raw string that is run as code, "
        "shell or SQL, nothing narrows what the model can make it do.",
        "Give the tool typed, narrow parameters (type hints, pydantic, zod or a JSON schema) instead of a raw "
        "command, query or code string.",
        "warning", security="5.0"),
    _scan_rule(
        "PARR-SCAN-UNRESOLVED", "ToolsParrCouldNotRead",
        "A place that hands tools to a model which parr could not read.",
        "The code passes tools to a model here (a tools= argument, bind_tools, a registration) but parr cannot tell "
        "which tools: they are made by a call it cannot follow, come from a package it did not scan, or are named "
        "at run time.",
        "Declare the tools this place hands over in parr.yaml with source: <file>:<line>, or suppress with "
        "`parr: ignore[CODE-012] reason` on the line.",
        "warning"),
    _scan_rule(
        "PARR-SCAN-UNREAD-FILE", "FileParrDidNotRead",
        "A file of the agent's code that parr did not read, so its tools, if any, are not in the scan.",
        "A scan limit (size, depth, an undecodable or binary file, a scanner failure) kept parr from reading this "
        "file. A tool declared in it would be invisible to every check.",
        "Make the file readable to parr (split it, fix its syntax or encoding), or exclude it on purpose in "
        ".gitignore if it holds no agent code.",
        "warning"),
)}


def _tool_results(tool: ToolRecord, root: Path, repo_root: Path | None, seen: Counter[str]) -> list[dict[str, Any]]:
    """Results for a mutating tool that is ungated or untyped; nothing for one that is neither."""
    from parr.scan.engine import readable_text

    if not tool.mutating:
        return []
    out = []
    traits = f"{tool.framework}, {tool.style}, schema {tool.schema_kind}"
    for rule_id, needed, what in (("PARR-SCAN-UNGATED-MUTATING-TOOL", not tool.gates, "changes state with no gate"),
                                  ("PARR-SCAN-UNTYPED-MUTATING-TOOL", not tool.typed, "changes state and takes untyped input")):
        if not needed:
            continue
        out.append({
            "ruleId": rule_id,
            "level": "warning",
            "message": {"text": f"Tool '{tool.name}' ({traits}) {what}{_cell_note(tool)}."},
            "locations": [sarif.location(str(root / tool.file), tool.line, repo_root)],
            # Line-independent, so moving code does not open a new alert in code-scanning UIs.
            "partialFingerprints": sarif.fingerprint(rule_id, tool.file, tool.name, seen=seen),
            "properties": {"name": tool.name, "file": readable_text(tool.file), "language": tool.language, "framework": tool.framework,
                           "style": tool.style, "mutating": tool.mutating, "typed": tool.typed,
                           "schema": tool.schema_kind, "gates": list(tool.gates), "evidence": list(tool.evidence),
                           "capabilities": list(tool.capabilities)},
        })
    return out


def sarif_document(result: ScanResult, repo_root: Path | None = None) -> dict[str, Any]:
    root = Path(result.root)
    repo_root = repo_root if repo_root is not None else root
    seen: Counter[str] = Counter()
    results: list[dict[str, Any]] = []
    for tool in result.tools:
        results += _tool_results(tool, root, repo_root, seen)
    for site in result.unresolved:
        results.append({
            "ruleId": "PARR-SCAN-UNRESOLVED", "level": "warning",
            "message": {"text": f"{site.call}: tools handed to a model that parr could not read ({site.reason}){_cell_note(site)}."},
            "locations": [sarif.location(str(root / site.file), site.line, repo_root)],
            "partialFingerprints": sarif.fingerprint("PARR-SCAN-UNRESOLVED", site.file, site.call, seen=seen),
            "properties": {"call": site.call, "reason": site.reason},
        })
    for unread in result.unread:
        results.append({
            "ruleId": "PARR-SCAN-UNREAD-FILE", "level": "warning",
            "message": {"text": f"parr did not read this file ({_UNREAD_LABELS.get(unread.reason, unread.reason)}); "
                                "a tool in it would not be seen."},
            "locations": [sarif.location(str(root / unread.file), 1, repo_root)],
            "partialFingerprints": sarif.fingerprint("PARR-SCAN-UNREAD-FILE", unread.file, seen=seen),
            "properties": {"reason": unread.reason},
        })
    notifications = []
    for err in result.errors:
        notifications.append({"level": "warning", "message": {"text": err.message},
                              "locations": [sarif.location(str(root / err.file), err.line, repo_root)]})
    run = sarif.sarif_run(
        automation_id=sarif.automation_id("scan"), rules=[_RULES[k] for k in sorted({r["ruleId"] for r in results})],
        results=results, root=repo_root, notifications=notifications,
        properties={"tools": len(result.tools), "mutating": sum(t.mutating for t in result.tools),
                    "filesScanned": result.files_scanned, "skipped": result.skipped.model_dump()},
    )
    return sarif.sarif_log([run])


def _render_sarif(result: ScanResult, color: bool, width: int, repo_root: Path | None = None) -> str:
    return sarif.dump(sarif_document(result, repo_root))


_RENDERERS: dict[ScanFormat, Callable[[ScanResult, bool, int], str]] = {
    ScanFormat.TABLE: _render_table,
    ScanFormat.JSON: _render_json,
    ScanFormat.SARIF: _render_sarif,
}
