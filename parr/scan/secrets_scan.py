"""Secrets committed with the code: a scanner pass over source and configuration files."""

from __future__ import annotations

from typing import Any

from parr.scan.language import FileFacts
from parr.scan.model import ScanError, ToolRecord
from parr.secrets import candidate_lines, find_secrets

# Code and configuration; prose (.md, .txt) is left out because docs are full of sample keys.
_EXTENSIONS = (
    ".py", ".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".json", ".yaml", ".yml",
    ".toml", ".ini", ".cfg", ".conf", ".properties", ".env", ".sh", ".bash", ".zsh", ".tf", ".tfvars",
    ".pem", ".key", ".xml", ".gradle", ".rb", ".go", ".java", ".cs", ".php", ".rs",
)
MAX_HITS_PER_FILE = 50


class SecretsScanner:
    language = "secrets"
    facts_version = "2"
    # Only files with findings matter; the engine need not remember every file it read.
    needs_every_path = False

    def handles(self, rel_path: str) -> bool:
        name = rel_path.rsplit("/", 1)[-1]
        return name.startswith(".env") or rel_path.endswith(_EXTENSIONS)

    def extract(self, rel_path: str, source: bytes) -> FileFacts:
        starts = candidate_lines(source)
        if not starts:
            return {}
        # Only the lines a byte-level screen picked are decoded and judged, in file order.
        hits = []
        number, counted = 1, 0
        for start in starts:
            number += source.count(b"\n", counted, start)
            counted = start
            end = source.find(b"\n", start)
            line = source[start:] if end < 0 else source[start:end]
            for hit in find_secrets(line.decode("utf-8", errors="replace").rstrip("\r"), MAX_HITS_PER_FILE - len(hits)):
                hits.append({"line": number, "kind": hit.kind, "masked": hit.masked})
                if len(hits) >= MAX_HITS_PER_FILE:
                    return {"secrets": hits, "truncated": True}
        return {"secrets": hits} if hits else {}

    def resolve(self, facts_by_path: dict[str, FileFacts]) -> tuple[list[ToolRecord], list[ScanError]]:
        return [], []

    def summarize(self, facts_by_path: dict[str, FileFacts]) -> dict[str, Any]:
        return {
            "secrets": [
                {**hit, "file": path}
                for path, facts in sorted(facts_by_path.items())
                for hit in facts.get("secrets", [])
            ]
        }
