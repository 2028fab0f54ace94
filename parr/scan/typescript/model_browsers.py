"""Browser SDKs driven by a model: the instruction a call passes is interpreted by an LLM, and some calls act on the page."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class BrowserCall:
    method: str
    acts: bool       # changes the page (clicks, types, submits), not only reads it
    evidence: str


# Stagehand (@browserbasehq/stagehand, docs.stagehand.dev): act(instruction) performs the actions an LLM picks
# for the instruction; extract(instruction, schema) and observe(instruction) read the page through an LLM;
# agent(...).execute(instruction) runs an autonomous multi-step agent on the page. Playwright's Page has none
# of these methods, so they are Stagehand's on a Stagehand instance or its page.
_CALLS = {c.method: c for c in (
    BrowserCall("act", True, "stagehand act() performs page actions an LLM chooses"),
    BrowserCall("execute", True, "stagehand agent execute() runs a browsing agent"),
    BrowserCall("extract", False, "stagehand extract() reads the page through an LLM"),
    BrowserCall("observe", False, "stagehand observe() reads the page through an LLM"),
)}
_RECEIVER = re.compile(r"stagehand|^page$|Page$", re.I)


def call(chain: list[str], module: str | None) -> BrowserCall | None:
    """The Stagehand call `a.b.method(...)` is, given its member chain and the module its root comes from."""
    if len(chain) < 2 or chain[-1] not in _CALLS:
        return None
    found = _CALLS[chain[-1]]
    if (module or "").startswith("@browserbasehq/stagehand"):
        return found
    receivers = chain[:-1]
    if found.method == "execute":  # stagehand.agent({...}).execute("..."): only through Stagehand itself
        return found if any("stagehand" in p.lower() for p in receivers) else None
    return found if any(_RECEIVER.search(p) for p in receivers) else None
