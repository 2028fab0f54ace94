"""Every check implementation, registered by checklist id on import."""

from parr.checks import evals, observability, operations, permissions, policies  # noqa: F401
from parr.checks.base import REGISTRY

__all__ = ["REGISTRY"]
