"""Every check implementation, registered by checklist id on import."""

from parr.checks import code, evals, observability, operations, permissions, policies, policy_eval, traces  # noqa: F401
from parr.checks.base import REGISTRY

__all__ = ["REGISTRY"]
