"""What Langfuse observations and LangSmith runs share: a metadata object that may say what parr needs."""

from __future__ import annotations

from typing import Any

CONVERSATION_KEYS = ("session_id", "sessionId", "conversation_id", "thread_id", "threadId", "chat_id")
ENVIRONMENT_KEYS = ("environment", "env", "deployment.environment.name", "deployment.environment")


def meta_value(meta: Any, *keys: str) -> Any:
    """The first of `keys` set in a metadata object (flat, or one level down for dotted keys)."""
    if not isinstance(meta, dict):
        return None
    for key in keys:
        value = meta.get(key)
        if value is None and "." in key:
            head, _, tail = key.partition(".")
            inner = meta.get(head)
            value = inner.get(tail) if isinstance(inner, dict) else None
        if value is not None and value != "":
            return value
    return None


def policy_of(meta: Any) -> tuple[Any, Any]:
    """(decision, rule) from `policy: {decision, rule}` or flat `policy.decision` / `policy_decision`."""
    decision = meta_value(meta, "policy.decision", "policy_decision")
    rule = meta_value(meta, "policy.rule", "policy_rule")
    return decision, rule


def retry_of(meta: Any) -> Any:
    return meta_value(meta, "retries", "retry", "retry_count", "retry.count", "attempt")


def approval_of(meta: Any) -> Any:
    if not isinstance(meta, dict):
        return None
    value = meta.get("approval")
    if value is not None:
        return value
    flat = {key[9:]: v for key, v in meta.items() if isinstance(key, str) and key.startswith("approval.")}
    return flat or None
