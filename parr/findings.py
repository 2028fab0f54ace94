"""Findings: what one check says about one thing, with an outcome that is a string from day one."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Outcome = Literal["pass", "fail", "not_applicable", "error", "waived"]


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    check_id: str
    outcome: Outcome
    message: str
    file: str | None = None
    line: int | None = None
    evidence: tuple[str, ...] = ()
