"""Committed credentials: the secrets pass finds them at the right line, masks them, and leaves
placeholders, prose and environment lookups alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from parr.scan.engine import scan_repository
from parr.secrets import CREDENTIAL_RULES
from parr.scan.secrets_scan import MAX_HITS_PER_FILE, SecretsScanner

# Built at run time so that no complete credential-shaped string sits in this repository.
OPENAI = "sk-proj-" + "Q7vR2mX9kL4pW8nB3cT6yH1j"
AWS = "AKIA" + "Q7VR2MX9KL4PW8NB"
GITHUB = "ghp_" + "Q7vR2mX9kL4pW8nB3cT6yH1jZ5dF0sA2gE7uK9"


def _scan(root: Path) -> list[tuple[str, int, str]]:
    result = scan_repository(root, scanners=[SecretsScanner()], use_cache=False)
    return [(s["file"], s["line"], s["kind"]) for s in result.secrets]


def test_keys_are_found_at_their_line_and_masked(tmp_path: Path) -> None:
    (tmp_path / "settings.py").write_text(
        f'import os\n\nOPENAI_KEY = "{OPENAI}"\nREGION = "eu-west-1"\n\n\ndef client():\n    return "{AWS}"\n')
    (tmp_path / ".env").write_text(f"GITHUB_TOKEN={GITHUB}\n")
    (tmp_path / "web.ts").write_text(f'const apiKey = process.env.OPENAI_API_KEY;\nconst k = "{OPENAI}";\n')
    result = scan_repository(tmp_path, scanners=[SecretsScanner()], use_cache=False)
    found = [(s["file"], s["line"], s["kind"]) for s in result.secrets]
    assert found == [
        (".env", 1, "GitHub token"),
        ("settings.py", 3, "OpenAI-style secret key"),
        ("settings.py", 8, "AWS access key id"),
        ("web.ts", 2, "OpenAI-style secret key"),
    ]
    for secret in result.secrets:
        assert OPENAI not in secret["masked"] and AWS not in secret["masked"] and GITHUB not in secret["masked"]


# Keys the trace redaction knew first; one table serves both, so committed ones are found too.
GROQ = "gsk_" + "Q7vR2mX9kL4pW8nB3cT6yH1jZ5dF0sA2gE7uK9Q7vR2mX9kL4pW8n"
SLACK_HOOK = "https://hooks.slack.com/services/" + "T0AB12CD3/B0EF45GH6/" + "Q7vR2mX9kL4pW8nB3cT6yH1j"
AZURE = "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=" + "Q7vR2mX9kL4pW8nB3cT6" * 4 + "Q7vR2m==;"


def test_provider_keys_and_webhook_urls_in_code(tmp_path: Path) -> None:
    (tmp_path / "notify.py").write_text(
        f'GROQ_KEY = "{GROQ}"\nWEBHOOK = "{SLACK_HOOK}"\nSTORAGE = "{AZURE}"\n'
        'DOCS = "https://hooks.slack.com/services/T000/B000/XXXX"\n')
    assert _scan(tmp_path) == [("notify.py", 1, "Groq API key"), ("notify.py", 2, "Slack webhook URL"),
                               ("notify.py", 3, "Azure storage account key")]


_R = "Q7vR2mX9kL4pW8nB3cT6yH1jZ5dF0sA2gE7uK9wN4bV8cX3zL6mP1qT5rY2"  # no real key: a fixed jumble
SAMPLES = {  # one sample per rule, each built at run time; a new rule without a sample fails below
    "Anthropic API key": "sk-ant-api03-" + _R[:40],
    "OpenAI-style secret key": OPENAI,
    "AWS access key id": AWS,
    "GitHub token": GITHUB,
    "GitHub fine-grained token": "github_pat_" + _R[:30],
    "GitLab token": "glpat-" + _R[:20],
    "Slack token": "xoxb-" + "1234567890-" + _R[:12],
    "Google API key": "AIza" + _R[:35],
    "Stripe secret key": "sk_" + "live_" + _R[:24],
    "Hugging Face token": "hf_" + _R[:34],
    "npm token": "npm_" + _R[:36],
    "SendGrid API key": "SG." + _R[:22] + "." + _R[:43],
    "JWT": "eyJ" + _R[:12] + ".eyJ" + _R[:12] + "." + _R[:16],
    "private key": "-----BEGIN RSA PRIVATE KEY-----",
    "bearer token": "Authorization: Bearer " + _R[:32],
    "Groq API key": GROQ,
    "Replicate API token": "r8_" + _R[:37],
    "Perplexity API key": "pplx-" + _R[:48],
    "xAI API key": "xai-" + (_R * 2)[:80],
    "LangSmith API key": "lsv2_pt_" + "0123456789abcdef" * 2 + "_" + "0123456789",
    "Azure storage account key": AZURE,
    "PGP private key": "-----BEGIN PGP PRIVATE KEY BLOCK-----",
    "Slack webhook URL": SLACK_HOOK,
    "Discord webhook URL": "https://discord.com/api/webhooks/" + "123456789012345678/" + (_R + _R)[:68],
    "Microsoft Teams webhook URL": "https://acme.webhook.office.com/webhookb2/" + _R[:36] + "/IncomingWebhook/"
                                   + "0123456789abcdef" * 2 + "/" + "01234567-89ab-cdef-0123-456789abcdef",
}


@pytest.mark.parametrize("kind", [label for _, label, _ in CREDENTIAL_RULES])
def test_every_rule_finds_its_sample_in_a_committed_file(tmp_path: Path, kind: str) -> None:
    """Each rule passes the cheap screens (byte screen, triggers) as well as its own pattern."""
    (tmp_path / "settings.py").write_text(f'VALUE = "{SAMPLES[kind]}"\n')
    assert _scan(tmp_path) == [("settings.py", 1, kind)]


def test_line_numbers_count_newlines_only(tmp_path: Path) -> None:
    # CRLF endings and a form feed (old Python files have them between sections) are not extra lines.
    key = OPENAI.encode()
    (tmp_path / "a.py").write_bytes(b"a = '" + key + b"'\r\n\x0c\r\ny = 2 \x0c z = 3\r\nb = '" + key + b"'\r\n")
    assert _scan(tmp_path) == [("a.py", 1, "OpenAI-style secret key"), ("a.py", 4, "OpenAI-style secret key")]


def test_placeholders_and_lookups_are_not_secrets(tmp_path: Path) -> None:
    (tmp_path / "config.py").write_text(
        'import os\n'
        'api_key = os.environ["OPENAI_API_KEY"]\n'
        'token = "your-token-goes-here-please"\n'
        'password = "xxxxxxxxxxxxxxxxxxxxxxxx"\n'
        'AWS_EXAMPLE = "AKIAIOSFODNN7EXAMPLE"\n'
        'secret_name = "database_connection_string"\n'
    )
    (tmp_path / "README.md").write_text(f"Set OPENAI_API_KEY={OPENAI}\n")  # prose is not scanned
    assert _scan(tmp_path) == []


def test_an_assigned_high_entropy_value_is_a_secret(tmp_path: Path) -> None:
    (tmp_path / "deploy.yaml").write_text("service:\n  name: billing\n  api_key: 9fQ2xL7vB3mK8pR4tW6zN1cH5jD0sG\n")
    assert _scan(tmp_path) == [("deploy.yaml", 3, "assigned secret")]


def test_a_file_full_of_keys_is_capped(tmp_path: Path) -> None:
    (tmp_path / "dump.py").write_text("".join(f'K{i} = "{OPENAI}{i:04d}"\n' for i in range(200)))
    facts = SecretsScanner().extract("dump.py", (tmp_path / "dump.py").read_bytes())
    assert len(facts["secrets"]) == MAX_HITS_PER_FILE and facts["truncated"] is True
    assert [h["line"] for h in facts["secrets"]] == list(range(1, MAX_HITS_PER_FILE + 1))


@pytest.mark.parametrize("name, source", [
    ("keyword run", b"token" * 400_000),                      # was quadratic: 40 KB took 27 s
    ("jwt-like run", b"eyJaaaaaaaa" * 180_000),
    ("jwt-like run with dots", b"eyJaaaaaaaa." * 160_000),
    ("many keys on one line", b"sk-aaaaaaaaaaaaaaaaaaaaaaaa " * 70_000),
    ("assignments chained", b"token=token=" * 160_000),
    ("a key per line", b"sk-aaaaaaaaaaaaaaaaaaaaaaaa\n" * 70_000),
])
def test_hostile_2mb_files_are_screened_in_linear_time(name: str, source: bytes) -> None:
    import time

    from parr.scan.secrets_scan import MAX_HITS_PER_FILE, SecretsScanner

    started = time.monotonic()
    facts = SecretsScanner().extract("x.py", source)
    assert time.monotonic() - started < 20, name
    assert len(facts.get("secrets", [])) <= MAX_HITS_PER_FILE
