"""Trace generators for the tests: seed-shaped JSON Lines events and OTLP GenAI spans, built in code."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

BASE_NS = 1_763_610_862_000_000_000  # 2025-11-20T03:54:22Z

# Every kind of sensitive value, in clear, as a tracer might leak it (kind, field, value).
SENSITIVE: list[tuple[str, str, Any]] = [
    ("unredacted-email", "notify", "jane.doe+refunds@example.co.uk"),
    ("unredacted-phone", "callback", "+44 20 7946 0958"),
    ("unredacted-phone", "contact", "(415) 555-0132"),
    ("unredacted-payment-card", "pan", "4111 1111 1111 1111"),
    ("unredacted-payment-card", "amount_ref", 5555555555554444),  # a JSON number, not a string
    ("unredacted-payment-card", "note", "paid with 3782-822463-10005 yesterday"),
    ("unredacted-iban", "payout", "DE89 3704 0044 0532 0130 00"),
    ("unredacted-iban", "account", "GB82WEST12345698765432"),
    ("unredacted-national-id", "customer_ref", "078-05-1120"),
    ("unredacted-national-id", "ni", "AB 12 34 56 C"),
    ("unredacted-secret", "header", "Authorization: Bearer Q9vT2mLx8rW4nB7kC1pZ5sD3fG6hJ0aEyU"),
    ("unredacted-secret", "key", "sk-proj-Q9vT2mLx8rW4nB7kC1pZ5sD3fG6hJ0aE"),
    ("unredacted-secret", "aws", "AKIAIOSFODNN7EXAMPLE"),
    ("unredacted-secret", "gh", "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"),
    ("unredacted-secret", "session", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"),
    ("unredacted-secret", "pem", "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----"),
    ("unredacted-secret", "password", "hunter2!"),  # caught by the field name alone
    ("unredacted-phone", "phone", "4155550132"),  # bare digits: only the field name tells
]

# Values that look like the above and must not be flagged.
NEAR_MISSES: list[tuple[str, Any]] = [
    ("order_id", "4111111111111112"),  # 16 digits, fails Luhn
    ("order_num", 4111111111111112),
    ("shipment", "9400 1118 9922 3344"),  # no card network starts with 94, fails Luhn anyway
    ("zeros", "0000 0000 0000 0000"),
    ("started", "2026-04-10T03:14:22Z"),
    ("started_local", "2026-04-10 03:14:22"),
    ("epoch_ms", 1763610862123),
    ("epoch_ns", "1763610862000000000"),
    ("trace", "5b8efff798038103d269b633813fc60c"),
    ("uuid", "123e4567-e89b-12d3-a456-426614174000"),
    ("handle", "@priya"),
    ("host", "user@localhost"),
    ("version", "10.0.19041.1"),
    ("bad_iban", "GB00WEST12345698765432"),
    ("bad_ssn", "000-12-3456"),
    ("ssn_666", "666-12-3456"),
    ("word", "task-abcdefghijklmnopqrstuvwxyz"),
    ("short_key", "sk-123"),
    ("masked_card", "**** **** **** 4242"),
    ("card_last4", "4242"),
    ("password", "[REDACTED]"),
    ("token", "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
    ("case", "C-88319"),
    ("kb", "KB-1821"),
    ("price", 1234.5678),
    ("ip", "10.12.130.4"),
]


def event(i: int = 0, **overrides: Any) -> dict[str, Any]:
    """One event in the seed's shape, plus latency, tokens and cost."""
    record: dict[str, Any] = {
        "ts": f"2026-04-10T03:{(i // 60) % 60:02d}:{i % 60:02d}Z",
        "agent_id": "support-triage-v3",
        "session_id": f"sess-{i // 4:06d}",
        "model": "gpt-4.1-mini",
        "retrieval": {"index": "kb-prod", "doc_ids": ["KB-1821", "KB-4470"]},
        "tool_call": {"name": "crm.updateCase", "id": f"call-{i}", "args": {"caseId": "C-88319", "priority": "P2"}},
        "policy": {"decision": "allow", "rule": "case_priority_write"},
        "result": {"status": "ok"},
        "latency_ms": 120.0,
        "tokens": {"input": 900, "output": 80},
        "cost": 0.01,
    }
    for key, value in overrides.items():
        if value is None:
            record.pop(key, None)
        else:
            record[key] = value
    return record


def write_jsonl(path: Path, records: list[Any], *, gz: bool = False) -> Path:
    text = "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)
    if gz:
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text)
    return path


def _value(value: Any) -> dict[str, Any]:
    if isinstance(value, bool):
        return {"boolValue": value}
    if isinstance(value, int):
        return {"intValue": str(value)}
    if isinstance(value, float):
        return {"doubleValue": value}
    return {"stringValue": value}


def span(i: int, *, op: str = "execute_tool", tool: str | None = "crm.updateCase", conversation: str | None = "conv-1",
         duration_ms: float = 150.0, error: bool = False, attrs: dict[str, Any] | None = None) -> dict[str, Any]:
    """One OTLP span with GenAI semantic-convention attributes."""
    start = BASE_NS + i * 1_000_000_000
    attributes: dict[str, Any] = {"gen_ai.operation.name": op}
    if conversation:
        attributes["gen_ai.conversation.id"] = conversation
    if op == "execute_tool" and tool:
        attributes.update({"gen_ai.tool.name": tool, "gen_ai.tool.call.id": f"call_{i}",
                           "gen_ai.tool.call.arguments": json.dumps({"caseId": "C-88319"}), "policy.decision": "allow"})
    if op == "chat":
        attributes.update({"gen_ai.request.model": "gpt-4.1-mini", "gen_ai.usage.input_tokens": 900,
                           "gen_ai.usage.output_tokens": 80, "gen_ai.usage.cost": 0.01})
    attributes.update(attrs or {})
    return {
        "traceId": f"{i // 4:032x}",
        "spanId": f"{i:016x}",
        "name": f"{op} {tool or ''}".strip(),
        "kind": 1,
        "startTimeUnixNano": str(start),
        "endTimeUnixNano": str(start + int(duration_ms * 1_000_000)),
        "attributes": [{"key": k, "value": _value(v)} for k, v in attributes.items()],
        "status": {"code": 2, "message": "upstream 503"} if error else {},
    }


def otlp_request(spans: list[dict[str, Any]], service: str = "support-triage-v3") -> dict[str, Any]:
    return {"resourceSpans": [{
        "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": service}}]},
        "scopeSpans": [{"scope": {"name": "openai-agents"}, "spans": spans}],
    }]}
