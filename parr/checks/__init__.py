"""Every check implementation, registered by checklist id on import."""

from parr.checks import (  # noqa: F401
    code,
    evals,
    observability,
    operations,
    permissions,
    policies,
    policy_eval,
    traces,
)
from parr.checks.base import REGISTRY

__all__ = ["REGISTRY"]
