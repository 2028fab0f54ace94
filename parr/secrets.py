"""Credentials in text: provider API keys and tokens, JWTs, private keys, and assigned high-entropy
secrets. Shared by the repository scan (secrets committed with the code) and trace linting.

Matches are never shown whole: `mask` keeps a recognisable prefix and the length.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

# (kind, pattern). Prefixes are the providers' documented ones; lengths keep out short lookalikes.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("private key", r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----"),
        ("Anthropic API key", r"\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{80,}"),
        ("OpenAI API key", r"\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}|\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}"),
        ("AWS access key id", r"\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b"),
        ("GitHub token", r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})\b"),
        ("GitLab token", r"\bglpat-[A-Za-z0-9_-]{20,}\b"),
        ("Slack token", r"\bxox[abprs]-[A-Za-z0-9-]{20,}\b"),
        ("Stripe secret key", r"\b[rs]k_live_[A-Za-z0-9]{20,}\b"),
        ("Google API key", r"\bAIza[0-9A-Za-z_-]{35}\b"),
        ("Hugging Face token", r"\bhf_[A-Za-z0-9]{34,}\b"),
        ("SendGrid API key", r"\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b"),
        ("JSON Web Token", r"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{16,}"),
    )
)
# `api_key = "..."`, `"token": "..."`, `PASSWORD=...`: a name that says secret, then a literal value.
_ASSIGNED = re.compile(
    r"(?i)\b[\w.-]*(?:api[_-]?key|secret|token|passw(?:or)?d|private[_-]?key|access[_-]?key)[\w.-]*[\"']?\s*[:=]\s*[\"']?(?P<value>[A-Za-z0-9+/_\-.=]{20,})[\"']?"
)
_PLACEHOLDER = re.compile(r"(?i)(x{4,}|\*{3,}|your|example|dummy|placeholder|changeme|redacted|sample|fake|test|todo|<|\$\{|\{\{|process\.env|os\.environ|getenv)")
# Cheap substrings that any match contains; a line with none of them is skipped without regexes.
_TRIGGERS = ("-----BEGIN", "sk-", "AKIA", "ASIA", "ABIA", "ACCA", "gh", "github_pat_", "glpat-", "xox", "_live_",
             "AIza", "hf_", "SG.", "eyJ", "key", "KEY", "Key", "secret", "SECRET", "Secret", "token", "TOKEN",
             "Token", "pass", "PASS", "Pass")
MIN_ENTROPY = 3.5


@dataclass(frozen=True)
class SecretHit:
    kind: str
    start: int
    end: int
    masked: str


def mask(value: str) -> str:
    """`sk-p…(164 chars)`: enough to find it, never enough to use it."""
    keep = 4 if len(value) > 12 else 0
    return f"{value[:keep]}…({len(value)} chars)"


def entropy(text: str) -> float:
    counts = Counter(text)
    total = len(text)
    return -sum(c / total * math.log2(c / total) for c in counts.values())


def find_secrets(text: str) -> list[SecretHit]:
    """Every credential in one line or field of text, strongest kinds first, without overlaps."""
    if not any(t in text for t in _TRIGGERS):
        return []
    hits: list[SecretHit] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            span = match.span()
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            if kind != "private key" and _PLACEHOLDER.search(match.group(0)):
                continue  # documentation keys such as AKIAIOSFODNN7EXAMPLE
            taken.append(span)
            hits.append(SecretHit(kind, span[0], span[1], mask(match.group(0))))
    for match in _ASSIGNED.finditer(text):
        value = match.group("value")
        span = match.span("value")
        if any(a < span[1] and span[0] < b for a, b in taken):
            continue
        if _PLACEHOLDER.search(value) or entropy(value) < MIN_ENTROPY or value.isdigit():
            continue
        if not (re.search(r"[A-Za-z]", value) and re.search(r"\d", value)):
            continue  # identifiers and words are not keys; real keys mix letters and digits
        taken.append(span)
        hits.append(SecretHit("assigned secret", span[0], span[1], mask(value)))
    return hits
