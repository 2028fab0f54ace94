"""The two-phase contract every language scanner implements: per-file extraction, then project resolution.

Phase 1, `extract(rel_path, source)`, looks at one file alone and returns its `FileFacts`: tool
candidates (whose names may still be references to constants, enums or tool maps defined
elsewhere), plus whatever the file exports that other files may need (string constants, enum
members, tool maps, helper functions that register tools). It is pure and deterministic, so the
engine may run it in worker processes and cache its result keyed by the file's content hash.

Phase 2, `resolve(all_facts)`, sees every file's facts of that language at once and produces the
final `ToolRecord`s: it resolves cross-file references and drops candidates that turn out not to
be tools. It must be cheap: no parsing, except that a scanner whose `extract` keeps only an
index of files that cannot declare a tool may also offer `extract_full(rel_path, source)`; its
`resolve` then gets `full_facts(rel_path)`, which returns (reading, extracting and caching) the
full facts of one such file when a tool refers to it. A scanner whose `resolve` and `summarize`
need only the files that have facts sets `needs_every_path = False`.
"""

from __future__ import annotations

from typing import Any, Protocol

from parr.scan.model import ScanError, ToolRecord

# JSON-serialisable (dicts, lists, str, int, float, bool, None) so the cache can store it as-is.
FileFacts = dict[str, Any]


class LanguageScanner(Protocol):
    language: str
    # Bumped whenever extraction logic changes, so cached facts from older versions are ignored.
    facts_version: str

    def handles(self, rel_path: str) -> bool:
        """True when this scanner reads files with this path (by extension)."""
        ...

    def extract(self, rel_path: str, source: bytes) -> FileFacts:
        """Facts of one file. Syntax errors and decoding problems go into facts['errors'] as
        dicts {"line": int | None, "message": str}; never raise for bad input."""
        ...

    def resolve(self, facts_by_path: dict[str, FileFacts]) -> tuple[list[ToolRecord], list[ScanError]]:
        """Final tools of this language across the project, sorted by (file, line, name)."""
        ...
