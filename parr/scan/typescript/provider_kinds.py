"""What a provider-defined tool can do, by its kind: an allow-list of the read-only kinds.

Providers keep adding built-in tools (`{ type: "agent_toolset_20260401" }`, `anthropic.tools.x_2026...()`).
A kind parr knows to only read (web search, URL fetch, file search, image generation) is read-only;
a kind known to run commands, code or edits is mutating; any other kind is one parr does not know,
and fails closed: it is treated as changing state, with evidence saying why.
"""

from __future__ import annotations

import re

# Normalised kinds (lower case, no `_`, no date suffix): webSearch_20250305 -> websearch.
READ_ONLY = frozenset({
    "websearch", "websearchpreview", "webfetch", "filesearch", "googlesearch", "googlesearchretrieval",
    "urlcontext", "imagegeneration", "toolsearch", "toolsearchregex", "toolsearchbm25", "toolsearchtoolregex",
    "toolsearchtoolbm25", "enterprisewebsearch", "googlemaps", "vertexragstore", "xsearch", "retrieval",
    "filesearchtool", "websearchtool",
    # the AI Gateway's search tools (gateway.tools.*)
    "exasearch", "perplexitysearch", "parallelsearch",
})
_KNOWN_MUTATING = re.compile(r"bash|shell|code|computer|editor|str_replace|patch|memory|programmatic", re.I)
_DATE = re.compile(r"[_-]?\d{8}$")


def normalise(kind: str) -> str:
    return _DATE.sub("", kind).replace("_", "").replace("-", "").lower()


def verdict(kind: str) -> tuple[bool, bool]:
    """(mutating, known) for a provider tool kind."""
    if _KNOWN_MUTATING.search(kind):
        return True, True
    if normalise(kind) in READ_ONLY:
        return False, True
    return True, False
