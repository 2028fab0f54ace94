"""Rendering report pages to one self-contained HTML file: no network, every string escaped.

jinja2 escapes every value (autoescape); the only script and style are parr's own, inlined, and the
page's Content-Security-Policy allows exactly those two by hash and nothing else (no network,
no other script), so markup that slipped into a tool name could not run even if escaping failed.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from importlib import resources

import jinja2

from parr.report.build import AgentPage


def _read(name: str) -> str:
    return (resources.files("parr") / "report" / name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def render_html(pages: list[AgentPage], *, today: dt.date | None = None, generated: str | None = None) -> str:
    from parr import __version__

    env = jinja2.Environment(loader=jinja2.DictLoader({"report.html.j2": _read("report.html.j2")}),
                             autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    style, script = _read("report.css"), _read("report.js")
    title = f"parr readiness report: {pages[0].agent_id}" if len(pages) == 1 else f"parr readiness report: {len(pages)} agents"
    return env.get_template("report.html.j2").render(
        pages=pages, title=title, version=__version__, style=style, script=script,
        style_hash=_sha256(style), script_hash=_sha256(script),
        generated=generated or dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        today_note=today.isoformat() if today else None,
    )
