"""Language-neutral judgement of whether a tool mutates, from its name and description.

Language scanners add what the body calls (HTTP methods, file writes, subprocess, SQL, e-mail,
payments) themselves and combine it with `name_verdict`. Each judgement comes with the
evidence strings that `parr scan` reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Verbs that, leading a tool's name, mean it changes state outside the model's context.
MUTATING_VERBS = frozenset(
    """
    add append apply approve archive assign attach ban block book buy cancel charge checkout
    clear click close comment commit complete configure create debit decline delete deploy
    destroy disable dispatch drop edit email enable enqueue erase escalate execute exec fill
    fork grant insert install invite issue kill label launch lock mark merge message modify
    move mutate notify order patch pay persist post publish purchase push put reassign
    refund register reject release remove rename reply replace request reset resolve
    restart restore revoke rollback run save schedule send set share shutdown sign
    start stop store submit subscribe suspend sync tag terminate transfer trigger type
    unassign unlock unsubscribe update upload upsert write
    """.split()
)

# Verbs that, leading a tool's name, mean it only reads.
READ_VERBS = frozenset(
    """
    analyze analyse ask browse calculate check classify compare compute convert count describe
    detect diff download estimate evaluate explain extract fetch find forecast format get
    inspect list load lookup match parse plan predict preview query read recommend render
    retrieve scan score search show summarize summarise translate validate verify view watch
    """.split()
)

# Phrases in a description that state a side effect even when the name is neutral.
_MUTATING_DESCRIPTION = re.compile(
    r"\b(creates?|deletes?|removes?|updates?|writes?|sends?|posts?|publish(?:es)?|refunds?|"
    r"charges?|pays?|books?|cancels?|executes?|runs? (?:a |the )?(?:shell|command|code|query|sql|script)|"
    r"modif(?:y|ies)|overwrites?|transfers?|submits?|uploads?|inserts?|drops?)\b",
    re.IGNORECASE,
)

_WORD_SPLIT = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def name_words(name: str) -> list[str]:
    """Split snake_case, kebab-case, dotted and camelCase names into lower-case words."""
    return [w.lower() for w in _WORD_SPLIT.findall(name)]


@dataclass
class Verdict:
    """A partial judgement: `mutating` is None when this source of evidence says nothing."""

    mutating: bool | None = None
    evidence: list[str] = field(default_factory=list)


def name_verdict(name: str) -> Verdict:
    words = name_words(name)
    if not words:
        return Verdict()
    # Namespaced names such as "crm.updateCase" or "github__create_issue": the verb follows
    # the namespace, so look at every word but prefer the first verb found.
    for word in words:
        if word in MUTATING_VERBS:
            return Verdict(True, [f"name verb '{word}'"])
        if word in READ_VERBS:
            return Verdict(False, [f"name verb '{word}'"])
    return Verdict()


def description_verdict(description: str | None) -> Verdict:
    if not description:
        return Verdict()
    first_sentence = description.strip().split("\n\n", 1)[0]
    match = _MUTATING_DESCRIPTION.search(first_sentence)
    if match:
        return Verdict(True, [f"description says '{match.group(0).lower()}'"])
    return Verdict()
