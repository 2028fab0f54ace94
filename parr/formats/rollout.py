"""Rendering the rollout history: table on a terminal, JSON, Markdown."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from parr.ledger import Entry


def render_history(entries: Sequence[Entry], fmt: str, *, color: bool = False) -> str:
    if fmt == "json":
        return json.dumps([e.model_dump(mode="json") for e in entries], indent=2) + "\n"
    if fmt == "markdown":
        rows = ["| # | time | action | from → to | by | approver | commit | check | reason |", "|---|---|---|---|---|---|---|---|---|"]
        for e in entries:
            check = f"{e.check.verdict} ({e.check.digest[:12]})" if e.check else ""
            commit = f"`{e.commit[:12]}`" if e.commit else ""
            reason = e.reason.replace("|", "\\|")
            rows.append(f"| {e.seq} | {e.time} | {e.action} | {e.from_stage.value} → {e.to_stage.value} | "
                        f"{e.actor.name} | {e.approver or ''} | {commit} | {check} | {reason} |")
        return "\n".join(rows) + "\n"
    if not entries:
        return "no rollout recorded yet: every agent starts in propose\n"
    table = Table()
    for name in ("#", "time", "action", "from → to", "by", "commit", "check", "reason"):
        table.add_column(name, overflow="fold")
    for e in entries:
        style = {"rollback": "red", "hold": "yellow"}.get(e.action, "")
        table.add_row(str(e.seq), e.time, f"[{style}]{e.action}[/]" if style else e.action,
                      f"{e.from_stage.value} → {e.to_stage.value}", e.actor.name,
                      (e.commit or "")[:12] + (" dirty" if e.allow_dirty else ""),
                      f"{e.check.verdict} {e.check.digest[:8]}" if e.check else "", e.reason)
    buffer = io.StringIO()
    width = shutil.get_terminal_size((120, 24)).columns if color else 160
    Console(file=buffer, force_terminal=color, no_color=not color, width=width).print(table)
    return buffer.getvalue()
