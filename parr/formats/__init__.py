"""Output formats for check reports: one renderer per format, chosen from an enum. Formats decide nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the verdict pulls in the checklist and every check; `parr scan` needs none of them
    from parr.verdict import Report


class Format(str, Enum):
    TABLE = "table"
    JSON = "json"
    SARIF = "sarif"
    JUNIT = "junit"
    MARKDOWN = "markdown"


Renderer = Callable[[Sequence["Report"], bool], str]


def renderer_for(fmt: Format) -> Renderer:
    from parr.formats import json_format, junit, markdown, sarif, table

    renderers: dict[Format, Renderer] = {
        Format.TABLE: table.render,
        Format.JSON: json_format.render,
        Format.SARIF: sarif.render,
        Format.JUNIT: junit.render,
        Format.MARKDOWN: markdown.render,
    }
    return renderers[fmt]


def overall_verdict(reports: Sequence[Report]) -> str:
    return "NO-GO" if any(r.verdict == "NO-GO" for r in reports) else "GO"
