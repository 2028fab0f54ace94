"""Escaping untrusted text (manifest strings, tool names, trace values) for the Markdown documents.

Every string a document shows inline is made inert: no newline (so it cannot start a heading, a
list or a fence), every Markdown punctuation that could open emphasis, links, code or tables
backslash-escaped, and `<` and `&` as entities (so no HTML comment or tag can hide what follows,
such as the kill-switch steps). The original stays on the value as `.raw` for the `code` and
`yaml` filters, which quote it their own way.
"""

from __future__ import annotations

import re
from typing import Any

# CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that can start
# or end a construct inline. `<` (any HTML, comments included) and an `&` that would start an
# entity become entities instead; `>` only matters at the start of a line (a quote).
# An underscore between two letters or digits can neither open nor close emphasis, so
# snake_case names stay readable in the Markdown source.
_INLINE = re.compile(r"([\\`*\[\]|~]|(?<![^\W_])_|_(?![^\W_]))")
_ENTITY_START = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Line breaks and other control or invisible layout characters, including Unicode line separators
# and bidirectional overrides that could make text read differently than it is stored.
_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]+")
# At the start of a line these make a block: list items, ordered lists, setext underlines, quotes.
_LINE_START = re.compile(r"^([-+#](?=\s|$)|[=>])")
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


class MarkdownText(str):
    """A string already escaped for Markdown; `raw` is what the manifest, scan or trace said."""

    raw: str

    def __new__(cls, raw: str) -> MarkdownText:
        text = _BREAKS.sub(" ", raw)
        text = _ENTITY_START.sub("&amp;", text).replace("<", "&lt;")
        text = _INLINE.sub(r"\\\1", text)
        text = _ORDERED.sub(r"\1\\\2", _LINE_START.sub(r"\\\1", text.strip()))
        made = super().__new__(cls, text)
        made.raw = raw
        return made


class PlaceholderText(MarkdownText):
    """A placeholder from the manifest (TODO, <queue>): shown as one, never as a decided value."""

    def __new__(cls, raw: str) -> PlaceholderText:
        made = str.__new__(cls, f"**placeholder, not decided: {MarkdownText(raw)}**")
        made.raw = raw
        return made


def escape_tree(value: Any, *, keep: frozenset[str] = frozenset({"template"})) -> Any:
    """Every string in `value` (dict values and list items, recursively) as MarkdownText.

    Keys are parr's own field names and stay as they are; so do values under a key in `keep`
    (runbook procedure template names, which name files and are not shown).
    """
    if isinstance(value, MarkdownText):
        return value
    if isinstance(value, str):
        return MarkdownText(value)
    if isinstance(value, dict):
        return {k: (v if k in keep else escape_tree(v, keep=keep)) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [escape_tree(v, keep=keep) for v in value]
    return value


def raw_text(value: Any) -> Any:
    return getattr(value, "raw", value)


def markdown_text(value: Any) -> str:
    """The `md` filter: escape a value that is not escaped yet (an override template's own data)."""
    return value if isinstance(value, MarkdownText) else MarkdownText(str(value))


def code_span(value: Any) -> str:
    """The `code` filter: the raw value as an inline code span whose fence no backtick inside can close."""
    text = " ".join(_BREAKS.sub(" ", str(raw_text(value))).split())
    if not text:
        return "` `"
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    # GFM splits table cells at any unescaped pipe, inside code spans too.
    return f"{fence}{pad}{text.replace('|', chr(92) + '|')}{pad}{fence}"
