"""Settings for the oncall assistant, read from the environment at start-up.

The service catalog below is the only place that says which deployments the assistant may look
at or touch, and how far it may scale them. Anything not listed is out of reach.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Literal

Environment = Literal["staging", "production"]


@dataclass(frozen=True)
class ServiceSpec:
    namespace: str
    min_replicas: int
    max_replicas: int


# Deployments the assistant may investigate and act on, per environment.
SERVICE_CATALOG: dict[str, ServiceSpec] = {
    "checkout-api": ServiceSpec(namespace="checkout", min_replicas=3, max_replicas=24),
    "search-api": ServiceSpec(namespace="search", min_replicas=2, max_replicas=16),
    "notifications-worker": ServiceSpec(namespace="notifications", min_replicas=1, max_replicas=12),
    "image-resizer": ServiceSpec(namespace="media", min_replicas=2, max_replicas=10),
}


@dataclass(frozen=True)
class Settings:
    environment: Environment
    loki_url: str
    prometheus_url: str
    checkpoint_db_url: str = field(repr=False)
    model: str = "gpt-4.1"
    model_timeout_seconds: float = 30.0
    model_max_retries: int = 2
    http_timeout_seconds: float = 20.0
    recursion_limit: int = 16
    step_timeout_seconds: float = 120.0
    max_log_lines: int = 200

    @classmethod
    def from_env(cls) -> "Settings":
        environment = os.environ.get("ONCALL_ENV", "staging")
        if environment not in ("staging", "production"):
            raise RuntimeError(f"ONCALL_ENV must be staging or production, not {environment!r}")
        return cls(
            environment=environment,  # type: ignore[arg-type]
            loki_url=os.environ["LOKI_URL"],
            prometheus_url=os.environ["PROMETHEUS_URL"],
            checkpoint_db_url=os.environ["CHECKPOINT_DB_URL"],
        )
