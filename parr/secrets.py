"""Credentials in text: provider API keys and tokens, JWTs, private keys, and assigned high-entropy
secrets. Shared by the repository scan (secrets committed with the code) and trace linting.

Matches are never shown whole: `mask` keeps a recognisable prefix and the length.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

# (pattern, what it is, how many leading characters a mask may keep: the public prefix only).
# One table for both uses: committed secrets in a repository and unredacted secrets in traces.
CREDENTIAL_RULES: tuple[tuple[str, str, int], ...] = (
    (r"sk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{20,}", "Anthropic API key", 7),
    (r"sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}", "OpenAI-style secret key", 3),
    (r"(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}", "AWS access key id", 4),
    (r"gh[pousr]_[A-Za-z0-9]{36,}", "GitHub token", 4),
    (r"github_pat_[A-Za-z0-9_]{22,}", "GitHub fine-grained token", 11),
    (r"glpat-[A-Za-z0-9_-]{20,}", "GitLab token", 6),
    (r"xox[abposr]-[A-Za-z0-9-]{10,}", "Slack token", 5),
    (r"AIza[0-9A-Za-z_-]{35}", "Google API key", 4),
    (r"[sr]k_(?:live|test)_[A-Za-z0-9]{16,}", "Stripe secret key", 8),
    (r"hf_[A-Za-z0-9]{30,}", "Hugging Face token", 3),
    (r"npm_[A-Za-z0-9]{36}", "npm token", 4),
    (r"SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}", "SendGrid API key", 3),
    (r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}", "JWT", 3),
    (r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----", "private key", 0),
    (r"(?<=[Bb]earer )[A-Za-z0-9._~+/-]{20,}=*", "bearer token", 0),
    # By each provider's documented key format (cross-checked against gitleaks' rule set).
    (r"gsk_[A-Za-z0-9]{52}", "Groq API key", 4),
    (r"r8_[A-Za-z0-9]{37}", "Replicate API token", 3),
    (r"pplx-[A-Za-z0-9]{48}", "Perplexity API key", 5),
    (r"xai-[A-Za-z0-9]{80}", "xAI API key", 4),
    (r"lsv2_(?:pt|sk)_[0-9a-f]{32}_[0-9a-f]{10}", "LangSmith API key", 8),
    (r"(?<=AccountKey=)[A-Za-z0-9+/]{86}==", "Azure storage account key", 0),
    (r"-----BEGIN PGP PRIVATE KEY BLOCK-----", "PGP private key", 0),
    # Webhook URLs are credentials: whoever has one can post as the integration.
    (r"(?<=hooks\.slack\.com/services/)T[A-Z0-9]{6,12}/B[A-Z0-9]{6,12}/[A-Za-z0-9]{20,32}", "Slack webhook URL", 0),
    (r"(?<=/api/webhooks/)\d{15,20}/[A-Za-z0-9_-]{60,70}", "Discord webhook URL", 0),
    (r"(?<=webhook\.office\.com/webhookb2/)[A-Za-z0-9@-]{30,}/IncomingWebhook/[0-9a-f]{32}/[0-9a-f-]{36}",
     "Microsoft Teams webhook URL", 0),
)
# A credential starts at a token boundary: not in the middle of a longer identifier.
CREDENTIAL_BOUNDARY = r"(?<![A-Za-z0-9_-])"
PATTERNS: tuple[tuple[str, re.Pattern[str], int], ...] = tuple(
    (label, re.compile(pattern if pattern.startswith("(?<=") else CREDENTIAL_BOUNDARY + pattern), keep)
    for pattern, label, keep in CREDENTIAL_RULES
)
# `api_key = "..."`, `"token": "..."`, `PASSWORD=...`: a name that says secret, then a literal value.
# The name's tail is bounded: unbounded, each keyword in a run like `tokentokentoken...` rescans
# the rest of the run (quadratic: 40 KB took 27 s).
_ASSIGNED = re.compile(
    r"(?i)(?:api[_-]?key|secret|token|passw(?:or)?d|private[_-]?key|access[_-]?key)[\w.-]{0,64}[\"']?\s*[:=]\s*[\"']?(?P<value>[A-Za-z0-9+/_\-.=]{20,})[\"']?"
)
# Byte-level screening before any decoding. Each credential pattern runs on its own and without
# the boundary look-behind: a leading literal lets the regex engine skip ahead, which neither one
# big alternation nor a look-behind allows. Patterns that start with a class or a look-behind run
# only where a literal they need occurs. A screen only finds where a credential may start, so each
# pattern stops at its first open-ended repeat, taken exactly: without the boundary, every `eyJ`
# inside a long run would otherwise rescan the run looking for what follows it (quadratic).
_GUARDS = {"Stripe secret key": (b"k_live_", b"k_test_"), "bearer token": (b"earer ",)}


def _screen(pattern: str) -> bytes:
    # A look-behind becomes a plain prefix (RE2 has none): `(?<=Bearer )x{20,}` screens `Bearer x{20}`.
    pattern = re.sub(r"\A\(\?<=((?:[^()\\]|\\.)*)\)", r"\1", pattern)
    return re.sub(r"\{(\d+),\}.*\Z", r"{\1}", pattern, flags=re.S).encode()


# RE2 (google-re2, as for .gitignore patterns) runs the screens in linear time whatever the bytes;
# Python's re stays the fallback where google-re2 has no wheel.
try:
    import re2 as _screen_engine
except ImportError:  # pragma: no cover
    _screen_engine = re  # type: ignore[assignment]
_CREDENTIAL_BYTES = tuple(
    (_screen_engine.compile(_screen(p)), _GUARDS.get(label, ())) for p, label, _ in CREDENTIAL_RULES
)
_KEYWORDS = (b"key", b"secret", b"token", b"passw")
_ASSIGNED_BYTES = _screen_engine.compile(
    rb"(?:api[_-]?key|secret|token|passw(?:or)?d|private[_-]?key|access[_-]?key)[\w.-]{0,64}[\"']?\s*[:=]\s*[\"']?[a-z0-9+/_\-.=]{20,}"
)


def _first_per_line(pattern, source: bytes, spans: list[tuple[int, int]]) -> None:
    """The pattern's first match in each line it matches: one more in the same line adds nothing
    (a minified file is one line, and may hold 100k matches)."""
    pos = 0
    while True:
        match = pattern.search(source, pos)
        if match is None:
            return
        spans.append(match.span())
        newline = source.find(b"\n", match.end())
        if newline < 0:
            return
        pos = newline + 1


def candidate_lines(source: bytes) -> list[int]:
    """Offsets of the starts of the lines that may hold a credential, in order (most files: none).
    Every line a byte-level match touches is included, so each line `find_secrets` would report
    on is among them."""
    spans: list[tuple[int, int]] = []
    for pattern, guards in _CREDENTIAL_BYTES:
        if not guards or any(g in source for g in guards):
            _first_per_line(pattern, source, spans)
    lowered = source.lower()
    if any(k in lowered for k in _KEYWORDS):
        _first_per_line(_ASSIGNED_BYTES, lowered, spans)
    # In offset order, each stretch of the file is searched for newlines once: a 2 MB line with
    # 100k matches in it must not be scanned back to its start 100k times.
    spans.sort()
    starts: list[int] = []
    covered = 0  # the lines starting before this offset are decided
    for start, end in spans:
        if end <= covered:
            continue
        if start < covered:
            line = covered
        else:
            newline = source.rfind(b"\n", covered, start)
            line = newline + 1 if newline >= 0 else covered
        while True:
            starts.append(line)
            nxt = source.find(b"\n", line, end)
            if nxt < 0 or nxt + 1 >= end:
                break
            line = nxt + 1
        line_end = source.find(b"\n", line)
        covered = line_end + 1 if line_end >= 0 else len(source) + 1
    return starts


_PLACEHOLDER = re.compile(r"(?i)(x{4,}|\*{3,}|your|example|dummy|placeholder|changeme|redacted|sample|fake|test|todo|<|\$\{|\{\{|process\.env|os\.environ|getenv)")
# Cheap substrings that any match contains; a line with none of them is skipped without regexes.
_TRIGGERS = ("-----BEGIN", "sk-", "AKIA", "ASIA", "ABIA", "ACCA", "gh", "github_pat_", "glpat-", "xox", "k_live_",
             "k_test_", "AIza", "hf_", "npm_", "SG.", "eyJ", "earer ", "key", "KEY", "Key", "secret", "SECRET",
             "Secret", "token", "TOKEN", "Token", "pass", "PASS", "Pass", "gsk_", "r8_", "pplx-", "xai-", "lsv2_",
             "hooks.slack.com/services/", "/api/webhooks/", "webhook.office.com/")
MIN_ENTROPY = 3.5


@dataclass(frozen=True)
class SecretHit:
    kind: str
    start: int
    end: int
    masked: str


def mask(value: str, keep: int = 4) -> str:
    """`sk-p…(164 chars)`: the public prefix at most, enough to find it, never enough to use it."""
    keep = keep if len(value) > 12 else 0
    return f"{value[:keep]}…({len(value)} chars)"


def entropy(text: str) -> float:
    counts = Counter(text)
    total = len(text)
    return -sum(c / total * math.log2(c / total) for c in counts.values())


def find_secrets(text: str, limit: int | None = None) -> list[SecretHit]:
    """Every credential in one line or field of text, strongest kinds first, without overlaps;
    at most `limit` of them (each new hit is checked against every earlier one)."""
    if not any(t in text for t in _TRIGGERS):
        return []
    hits: list[SecretHit] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern, keep in PATTERNS:
        if limit is not None and len(hits) >= limit:
            return hits
        for match in pattern.finditer(text):
            if limit is not None and len(hits) >= limit:
                return hits
            span = match.span()
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            if kind != "private key" and _PLACEHOLDER.search(match.group(0)):
                continue  # documentation keys such as AKIAIOSFODNN7EXAMPLE
            taken.append(span)
            hits.append(SecretHit(kind, span[0], span[1], mask(match.group(0), keep)))
    for match in _ASSIGNED.finditer(text):
        if limit is not None and len(hits) >= limit:
            return hits
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
