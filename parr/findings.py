"""Findings: what one check says about one thing, with an outcome that is a string from day one."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

# `decided`: the check fails, and an owner's standing decision (parr.yaml `decisions`) says the item
# does not apply to this agent; it never blocks and every report shows it.
Outcome = Literal["pass", "fail", "not_applicable", "error", "waived", "decided"]


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    check_id: str
    outcome: Outcome
    message: str
    file: str | None = None
    line: int | None = None
    evidence: tuple[str, ...] = ()
