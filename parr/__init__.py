"""parr: production agent readiness checks, rollout ledger and oncall documents."""

__version__ = "0.1.0"
