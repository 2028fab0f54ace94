"""Runtime settings for the support-triage agent.

Everything that differs between staging and production, or that oncall may need to turn down in
a hurry, lives here and is read from the environment once at start-up. Secrets are injected by
Vault Agent as environment variables; they are never written to a file or a trace.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

AGENT_ID = "support-triage"
REPO_ROOT = Path(__file__).resolve().parent.parent

Environment = Literal["staging", "production"]


def _env(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise RuntimeError(f"{name} is not set; see README.md for the variables the agent needs")
    return value


@dataclass(frozen=True)
class ModelRouting:
    """Small model for classification and tool choice, the larger one only for customer-facing drafts."""

    triage: str = "gpt-4.1-mini"
    drafting: str = "gpt-4.1"


@dataclass(frozen=True)
class Limits:
    """Timeouts, retries and spend caps. Mirrors `failsafes` and `budgets` in parr.yaml."""

    tool_call_seconds: float = 15.0
    model_call_seconds: float = 30.0
    run_seconds: float = 90.0
    max_turns: int = 12
    max_retries: int = 3
    backoff_base_seconds: float = 0.5
    breaker_failures: int = 5
    breaker_reset_seconds: float = 30.0
    crm_requests_per_minute: int = 120
    kb_requests_per_minute: int = 300
    per_run_usd: float = 0.25
    per_day_usd: float = 150.0
    spend_alert_fraction: float = 0.8


@dataclass(frozen=True)
class Settings:
    environment: Environment
    crm_base_url: str
    crm_token: str = field(repr=False)
    kb_base_url: str
    kb_index: str
    kill_switch_flag: str = "support-triage-agent-enabled"
    policy_dir: Path = REPO_ROOT / "policies"
    models: ModelRouting = ModelRouting()
    limits: Limits = Limits()

    @classmethod
    def from_env(cls) -> "Settings":
        environment = _env("TRIAGE_ENV", "staging")
        if environment not in ("staging", "production"):
            raise RuntimeError(f"TRIAGE_ENV must be staging or production, not {environment!r}")
        return cls(
            environment=environment,  # type: ignore[arg-type]
            crm_base_url=_env("CRM_BASE_URL"),
            crm_token=_env("CRM_API_TOKEN"),
            kb_base_url=_env("KB_SEARCH_URL"),
            kb_index="kb-prod" if environment == "production" else "kb-staging",
        )
