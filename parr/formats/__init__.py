"""Output formats for check reports: one renderer per format, chosen from an enum. Formats decide nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # `parr scan` imports parr.formats.sarif: nothing of the checklist may load with it
    from parr.core import BrokenManifest
    from parr.verdict import Report


class Format(str, Enum):
    TABLE = "table"
    JSON = "json"
    SARIF = "sarif"
    JUNIT = "junit"
    MARKDOWN = "markdown"
    GITLAB_CODEQUALITY = "gitlab-codequality"


@dataclass(frozen=True)
class RenderContext:
    """What a renderer needs beyond the reports; the CLI fills it, formats only read it."""

    # Paths in SARIF and Code Quality are relative to this (git's top level, else the checked path).
    repo_root: Path | None = None
    # `https://github.com/o/r/blob/<sha>/`: Markdown links files under it when CI says where the code is.
    link_base: str | None = None
    broken: tuple[BrokenManifest, ...] = ()  # manifests `check --all` could not judge: shown as errors
    include_suppressed: bool = False  # SARIF: keep waived and suppressed results (code scanning shows them as open)
    baseline: str | None = None  # the --baseline file, named in reports that set findings aside by it
    since: str | None = None  # the --since ref


Renderer = Callable[[Sequence["Report"], bool, RenderContext], str]


def renderer_for(fmt: Format) -> Renderer:
    from parr.formats import codequality, json_format, junit, markdown, sarif, table

    renderers: dict[Format, Renderer] = {
        # The table is read by a person at a terminal: the CLI says what else happened on stderr.
        Format.TABLE: lambda reports, color, context: table.render(reports, color),
        Format.JSON: json_format.render,
        Format.SARIF: sarif.render,
        Format.JUNIT: junit.render,
        Format.MARKDOWN: markdown.render,
        Format.GITLAB_CODEQUALITY: codequality.render,
    }
    return renderers[fmt]


def overall_verdict(reports: Sequence[Report]) -> str:
    return "NO-GO" if any(r.verdict == "NO-GO" for r in reports) else "GO"
