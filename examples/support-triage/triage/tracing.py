"""Structured, redacted trace events: one JSON line per tool call.

Two streams leave this module:

* the operational trace (logger ``triage.trace``): the full event, shipped to Loki and kept
  14 days — this is what oncall reads;
* the compliance ledger (logger ``triage.ledger``): a minimal record of each action and the
  policy decision, shipped to the audit bucket (S3 Object Lock, 7 years).

Free text (notes, drafts, search queries) and customer identifiers are never logged raw: they
are replaced by a salted SHA-256, so two events about the same value still correlate.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
from dataclasses import dataclass, field
from typing import Any

from triage.config import AGENT_ID

# Per-model prices in USD per million tokens (input, output); reviewed with finance each quarter.
PRICES_PER_MTOK: dict[str, tuple[float, float]] = {
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1": (2.00, 8.00),
}
# Tool arguments that carry free text or customer data. Mirrors observability.redacted_fields.
REDACTED_ARGS = frozenset({"query", "note", "instructions", "requester_email"})

_trace_log = logging.getLogger("triage.trace")
_ledger_log = logging.getLogger("triage.ledger")
_SALT = os.environ.get("TRACE_HASH_SALT", "").encode()


def redact(value: object) -> str:
    return "sha256:" + hashlib.sha256(_SALT + str(value).encode()).hexdigest()


def cost_usd(model: str, input_tokens: int, output_tokens: int) -> float:
    price_in, price_out = PRICES_PER_MTOK[model]
    return round((input_tokens * price_in + output_tokens * price_out) / 1_000_000, 6)


@dataclass
class RunTrace:
    """Per-run trace state: the session id and the model usage not yet attributed to a tool call."""

    session_id: str
    model: str
    pending_input_tokens: int = 0
    pending_output_tokens: int = 0
    spent_usd: float = 0.0
    retrieval: dict[str, Any] | None = field(default=None)

    def add_usage(self, model: str, input_tokens: int, output_tokens: int) -> float:
        self.model = model
        self.pending_input_tokens += input_tokens
        self.pending_output_tokens += output_tokens
        spent = cost_usd(model, input_tokens, output_tokens)
        self.spent_usd += spent
        return spent

    def tool_call(
        self,
        name: str,
        args: dict[str, Any],
        policy: dict[str, str],
        result: dict[str, Any],
        latency_ms: int,
        approval: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        """Write one event to the operational trace and its minimal record to the ledger."""
        tokens = {"input": self.pending_input_tokens, "output": self.pending_output_tokens}
        event: dict[str, Any] = {
            "ts": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "agent_id": AGENT_ID,
            "session_id": self.session_id,
            "model": self.model,
            "tool_call": {"name": name, "args": {k: redact(v) if k in REDACTED_ARGS else v for k, v in args.items()}},
            "policy": policy,
            "result": result,
            "latency_ms": latency_ms,
            "tokens": tokens,
            "cost_usd": cost_usd(self.model, tokens["input"], tokens["output"]),
        }
        if approval is not None:
            event["approval"] = approval
        if self.retrieval is not None:
            event["retrieval"] = self.retrieval
            self.retrieval = None
        self.pending_input_tokens = self.pending_output_tokens = 0
        _trace_log.info(json.dumps(event, separators=(",", ":")))
        _ledger_log.info(
            json.dumps(
                {
                    "ts": event["ts"],
                    "agent_id": AGENT_ID,
                    "session_id": self.session_id,
                    "action": name,
                    "case_id": args.get("case_id"),
                    "policy": policy,
                    "status": result.get("status"),
                },
                separators=(",", ":"),
            )
        )
        return event
