"""Rendering the rollout history: table on a terminal, JSON, Markdown."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from parr.ledger import Entry


def _plain(text: str) -> str:
    """Control characters as escapes: ledger text cannot move the cursor or retitle a terminal."""
    return escape("".join(c if c.isprintable() else repr(c)[1:-1] for c in text))


def _cell(text: str | None) -> str:
    """Ledger text in a Markdown table cell: one line, no column breaks, no HTML."""
    if not text:
        return ""
    flat = "".join(c if c.isprintable() else repr(c)[1:-1] for c in " ".join(text.split()))
    return flat.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("`", "\\`")


def render_history(entries: Sequence[Entry], fmt: str, *, color: bool = False) -> str:
    if fmt == "json":
        return json.dumps([e.model_dump(mode="json") for e in entries], indent=2) + "\n"
    if fmt == "markdown":
        rows = ["| # | time | action | from → to | by | approver | commit | check | signed | reason |",
                "|---|---|---|---|---|---|---|---|---|---|"]
        for e in entries:
            check = f"{e.check.verdict} ({e.check.digest[:12]})" if e.check else ""
            commit = f"`{_cell(e.commit[:12])}`" if e.commit else ""
            rows.append(f"| {e.seq} | {e.time} | {e.action} | {e.from_stage.value} → {e.to_stage.value} | "
                        f"{_cell(e.actor.name)} | {_cell(e.approver)} | {commit} | {check} | {'yes' if e.signature else ''} | "
                        f"{_cell(e.reason)} |")
        return "\n".join(rows) + "\n"
    if not entries:
        return "no rollout recorded yet: every agent starts in propose\n"
    table = Table()
    for name in ("#", "time", "action", "from → to", "by", "commit", "check", "reason"):
        table.add_column(name, overflow="fold")
    for e in entries:
        style = {"rollback": "red", "hold": "yellow"}.get(e.action, "")
        # Ledger text is data: escaped, so "[/]" in a reason is shown, not taken as rich markup.
        table.add_row(str(e.seq), e.time, f"[{style}]{e.action}[/]" if style else e.action,
                      f"{e.from_stage.value} → {e.to_stage.value}", _plain(e.actor.name),
                      _plain((e.commit or "")[:12]) + (" dirty" if e.allow_dirty else "") + (" signed" if e.signature else ""),
                      _plain(f"{e.check.verdict} {e.check.digest[:8]}") if e.check else "", _plain(e.reason))
    buffer = io.StringIO()
    width = shutil.get_terminal_size((120, 24)).columns if color else 160
    Console(file=buffer, force_terminal=color, no_color=not color, width=width).print(table)
    return buffer.getvalue()
