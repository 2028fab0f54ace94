"""Findings: what one check says about one thing, with an outcome that is a string from day one."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

# `decided`: the check fails, and an owner's standing decision (parr.yaml `decisions`) says the item
# does not apply to this agent; it never blocks and every report shows it.
# `baselined`: a failure recorded in the baseline file (`--baseline`), reported but not blocking.
# `not_in_scope`: a failure in a file `--since REF` did not change, reported but not blocking.
Outcome = Literal["pass", "fail", "not_applicable", "error", "waived", "decided", "baselined", "not_in_scope"]


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    check_id: str
    outcome: Outcome
    message: str
    file: str | None = None
    line: int | None = None
    evidence: tuple[str, ...] = ()
    # What the finding is about, without its line: the field path in parr.yaml (list items by
    # name) or the file relative to the manifest's directory, then the message with numbers
    # outside quotes as `#`. Baselines and SARIF fingerprints match on it (parr.baseline).
    key: str | None = None
