"""Renderers for a ScanResult: a table for people, JSON for programs, SARIF 2.1.0 for code-scanning UIs."""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import Enum
from io import StringIO
from itertools import groupby
from typing import Any
from urllib.parse import quote

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

import parr
from parr.scan.model import ScanResult, ToolRecord, UnresolvedSite

SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


class ScanFormat(str, Enum):
    """Output formats of `parr scan`."""

    TABLE = "table"
    JSON = "json"
    SARIF = "sarif"


def render_scan(result: ScanResult, fmt: ScanFormat | str, *, color: bool, width: int = 120) -> str:
    """The scan result in the given format, ending with a newline."""
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
    ) + (f"; {unread_sites_sentence(result)}" if result.unresolved else "")


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
    console.print(Text(summary_line(result)), soft_wrap=True)
    # rich pads cells to the column width; trailing blanks only add noise to logs and diffs.
    return "\n".join(line.rstrip() for line in out.getvalue().splitlines()) + "\n"


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
            Text("yes", style="bold red") if tool.mutating else Text("no"),
            Text("yes") if tool.typed else Text("no", style="yellow"),
            tool.schema_kind,
            ", ".join(tool.gates) or "-",
        )
    return table


def _render_json(result: ScanResult, color: bool, width: int) -> str:
    # Field order comes from the model definitions, so it is stable; sorting keys would scatter it.
    return json.dumps(result.to_json_dict(), indent=2, ensure_ascii=False) + "\n"


_RULES: list[dict[str, Any]] = [
    {
        "id": "PARR-SCAN-TOOL",
        "name": "ToolExposedToModel",
        "shortDescription": {"text": "A tool the code exposes to a language model."},
        "fullDescription": {
            "text": "parr found a function, class, schema or server registration that a language model can call "
            "as a tool. The model chooses when to call it and with what arguments."
        },
        "help": {
            "text": "Every tool is part of the agent's attack surface: check that its parameters are typed and "
            "validated and that it only reads. Run `parr scan` to list all tools.",
            "markdown": "Every tool is part of the agent's attack surface: check that its parameters are typed "
            "and validated and that it only reads. Run `parr scan` to list all tools.",
        },
        "defaultConfiguration": {"level": "note"},
    },
    {
        "id": "PARR-SCAN-MUTATING-TOOL",
        "name": "MutatingToolExposedToModel",
        "shortDescription": {"text": "A tool exposed to a language model that changes state."},
        "fullDescription": {
            "text": "parr judged this tool to write, delete, send, pay, book, or run model-supplied code, shell "
            "commands or SQL. A model can trigger that side effect on its own."
        },
        "help": {
            "text": "Gate mutating tools before production: require human approval or a policy check, limit "
            "their scope, log every call, and declare them in parr.yaml so readiness checks cover them.",
            "markdown": "Gate mutating tools before production: require **human approval** or a policy check, "
            "limit their scope, log every call, and declare them in `parr.yaml` so readiness checks cover them.",
        },
        "defaultConfiguration": {"level": "warning"},
    },
    {
        "id": "PARR-SCAN-UNRESOLVED",
        "name": "ToolsParrCouldNotRead",
        "shortDescription": {"text": "A place that hands tools to a model which parr could not read."},
        "fullDescription": {
            "text": "The code passes tools to a model here (a tools= argument, bind_tools, a registration) but "
            "parr cannot tell which tools: they are made by a call it cannot follow, come from a package it "
            "did not scan, or are named at run time."
        },
        "help": {
            "text": "Declare the tools this place hands over in parr.yaml with source: <file>:<line>, or suppress "
            "with `parr: ignore[CODE-012] reason` on the line.",
            "markdown": "Declare the tools this place hands over in `parr.yaml` with `source: <file>:<line>`, or "
            "suppress with `parr: ignore[CODE-012] reason` on the line.",
        },
        "defaultConfiguration": {"level": "warning"},
    },
]
_RULE_INDEX = {rule["id"]: i for i, rule in enumerate(_RULES)}


def _sarif_result(tool: ToolRecord) -> dict[str, Any]:
    """One result per tool: a warning when it mutates, else a note (never both, so UIs don't show it twice)."""
    rule_id = "PARR-SCAN-MUTATING-TOOL" if tool.mutating else "PARR-SCAN-TOOL"
    traits = [
        "mutating" if tool.mutating else "read-only",
        "typed" if tool.typed else "untyped",
        f"schema {tool.schema_kind}",
    ]
    if tool.gates:
        traits.append("gates: " + ", ".join(tool.gates))
    return {
        "ruleId": rule_id,
        "ruleIndex": _RULE_INDEX[rule_id],
        "level": _RULES[_RULE_INDEX[rule_id]]["defaultConfiguration"]["level"],
        "message": {"text": f"Tool '{tool.name}' ({tool.framework}, {tool.style}{_cell_note(tool)}) is exposed to the model: {'; '.join(traits)}."},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": quote(tool.file, safe="/")},
                    "region": {"startLine": tool.line},
                }
            }
        ],
        # Line-independent, so moving code does not open a new alert in code-scanning UIs.
        "partialFingerprints": {"parrTool/v1": f"{tool.file}:{tool.name}"},
        "properties": {
            "name": tool.name,
            "language": tool.language,
            "framework": tool.framework,
            "style": tool.style,
            "mutating": tool.mutating,
            "typed": tool.typed,
            "schema": tool.schema_kind,
            "gates": list(tool.gates),
            "evidence": list(tool.evidence),
            "capabilities": list(tool.capabilities),
        },
    }


def _cell_note(record: ToolRecord | UnresolvedSite) -> str:
    """In a notebook, where the region's line (a line of the joined code cells) is: `, cell 3:line 5`."""
    return "" if record.cell is None else f", {record.where()}"


def _sarif_site(site: UnresolvedSite) -> dict[str, Any]:
    return {
        "ruleId": "PARR-SCAN-UNRESOLVED",
        "ruleIndex": _RULE_INDEX["PARR-SCAN-UNRESOLVED"],
        "level": "warning",
        "message": {"text": f"{site.call}: tools handed to a model that parr could not read ({site.reason}){_cell_note(site)}."},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": quote(site.file, safe="/")},
                                            "region": {"startLine": site.line}}}],
        "partialFingerprints": {"parrUnresolved/v1": f"{site.file}:{site.call}"},
        "properties": {"call": site.call, "reason": site.reason},
    }


def _render_sarif(result: ScanResult, color: bool, width: int) -> str:
    notifications = []
    for err in result.errors:
        location: dict[str, Any] = {"artifactLocation": {"uri": quote(err.file, safe="/")}}
        if err.line:
            location["region"] = {"startLine": err.line}
        notifications.append(
            {"level": "warning", "message": {"text": err.message}, "locations": [{"physicalLocation": location}]}
        )
    run = {
        "tool": {
            "driver": {
                "name": "parr",
                "version": parr.__version__,
                "semanticVersion": parr.__version__,
                "rules": _RULES,
            }
        },
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
        "results": [_sarif_result(tool) for tool in result.tools] + [_sarif_site(site) for site in result.unresolved],
        "columnKind": "unicodeCodePoints",
        "properties": {"filesScanned": result.files_scanned, "skipped": result.skipped.model_dump()},
    }
    log = {"$schema": SARIF_SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


_RENDERERS: dict[ScanFormat, Callable[[ScanResult, bool, int], str]] = {
    ScanFormat.TABLE: _render_table,
    ScanFormat.JSON: _render_json,
    ScanFormat.SARIF: _render_sarif,
}
