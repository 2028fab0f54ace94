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
    unassign unlock unsubscribe update upload upsert write scale cordon drain evict void
    """.split()
) | frozenset(
    # added with the Python scanner: social, device and money actions
    """
    record reimburse follow unfollow like unlike repost retweet toggle activate deactivate hang
    withdraw deposit vote upvote downvote pin unpin mute unmute kick uninstall reboot provision
    deprovision revert change rmdir mkdir unlink chmod chown truncate purge wipe finalize forget
    """.split()
) | frozenset(
    # cloud and account operations (AWS, Supabase, GitHub verbs: DetachRolePolicy, pause_project)
    """
    detach pause rebase associate disassociate deregister unregister unarchive unban unblock reopen
    redeploy promote demote migrate enroll unenroll dismiss accept initiate
    """.split()
) | frozenset(
    # lifecycle verbs of packages, caches and clusters (upgrade_helm_chart, cleanup, flush_cache)
    """
    upgrade downgrade cleanup prune flush invalidate expire
    """.split()
)

# Verbs that, leading a tool's name, mean it only reads.
READ_VERBS = frozenset(
    """
    analyze analyse ask browse calculate check classify compare compute convert count describe
    detect diff download estimate evaluate explain extract fetch find forecast format get
    inspect list load lookup match parse plan predict preview query read recommend render
    retrieve scan score scrape crawl search show summarize summarise translate validate verify view visit watch
    draft compose propose suggest rewrite rephrase reword paraphrase poll
    """.split()
)

# Phrases in a description that state a side effect even when the name is neutral.
_MUTATING_DESCRIPTION = re.compile(
    r"\b(creates?|deletes?|removes?|updates?|writes?|sends?|posts?|publish(?:es)?|refunds?|"
    r"charges?|pays?|books?(?= (?:a|an|the|your|their|my|flights?|hotels?|rooms?|tables?|seats?|appointments?|"
    r"tickets?|meetings?)\b)|cancels?|executes?|runs? (?:a |the )?(?:shell|command|code|query|sql|script)|"
    r"modif(?:y|ies)|overwrites?|transfers?|submits?|uploads?|inserts?|drops?)\b(?!-)",  # "a write-up" is a noun
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


# Verbs that, leading a name, make what the tool returns (neither listed above: what is made may
# also be stored, which only the body shows).
_OUTPUT_VERBS = frozenset({"generate", "produce"})

# Words that end a name for a person or agent, not an action: refund_policy_specialist.
_ROLE_NOUNS = frozenset("specialist agent expert assistant advisor analyst bot helper".split())
_ADVERBS = frozenset("possibly optionally maybe also then immediately automatically conditionally".split())


# What a tool named `request_<...>` asks the person in the conversation for (request_review, request_refund
# ask someone else for something that changes state).
_PERSON_ANSWERS = frozenset("input inputs clarification clarifications".split())
_ASKED_OF_PERSON = _PERSON_ANSWERS | frozenset("user human".split())


def _verb_words(name: str) -> list[str]:
    """The name's words with a split prefix joined back (ReWriteEmail: rewrite, email)."""
    words = name_words(name)
    out: list[str] = []
    for w in words:
        if out and out[-1] in ("re", "pre", "un") and w.isalpha():
            out[-1] += w
        else:
            out.append(w)
    return out


def name_verdict(name: str) -> Verdict:
    words = _verb_words(name)
    if not words:
        return Verdict()
    if len(words) >= 2 and words[-1] in _ROLE_NOUNS:
        return Verdict()  # names a specialist (a hand-off), not what it does
    # Every clause of a compound name counts: checkEligibilityAndPossiblyInitiateReturn mutates.
    for i, word in enumerate(words[1:], start=1):
        if words[i - 1] in ("and", "then", "or"):
            j = i
            while j < len(words) and words[j] in _ADVERBS:
                j += 1
            if j < len(words) and words[j] in MUTATING_VERBS:
                return Verdict(True, [f"name verb '{words[j]}'"])
    if words[0] == "request" and len(words) >= 2 and set(words[1:]) <= _ASKED_OF_PERSON and \
            set(words[1:]) & _PERSON_ANSWERS:
        # request_user_input, request_clarification: asks the person in the conversation (as `ask` does)
        return Verdict(False, [f"name '{name}' asks the user"])
    if words[0] in _OUTPUT_VERBS:
        # generate_issue_summary: a leading verb that makes the answer; the words after it are its
        # object ("issue" is no verb here). The body and the description say whether it changes anything.
        return Verdict()
    # Namespaced names such as "crm.updateCase" or "github__create_issue": the verb follows
    # the namespace, so look at every word but prefer the first verb found.
    for word in words:
        if word in MUTATING_VERBS:
            return Verdict(True, [f"name verb '{word}'"])
        if word in READ_VERBS:
            return Verdict(False, [f"name verb '{word}'"])
    return Verdict()


# Words that cannot stand before a finite verb: after them an -s form is a plural noun ("recent updates",
# "the posts", "for writes"), not what the tool does.
_BEFORE_NOUN = frozenset("""a an the any all some no these those your my our their its his her recent latest new
    current pending previous past upcoming of for about on with from in into many few several multiple other
    more most live daily weekly""".split())
# Words after which a verb's bare form is a noun too ("one charge", "each update", "a post"); no
# preposition ("for update") and no pronoun that may lead a clause ("this charges the card").
_DETERMINERS = frozenset("""a an the any all some no these those your my our their its his her each every one
    recent latest new current pending previous past upcoming""".split())


def description_verdict(description: str | None) -> Verdict:
    if not description:
        return Verdict()
    first_sentence = description.strip().split("\n\n", 1)[0]
    for match in _MUTATING_DESCRIPTION.finditer(first_sentence):
        word = match.group(0)
        if " " not in word:
            before = first_sentence[:match.start()].split()
            prev = before[-1].lower().strip("(\"'") if before else ""
            if word.lower().endswith("s") and prev in _BEFORE_NOUN or prev in _DETERMINERS:
                continue  # "the refunds", "of one charge", "the latest update": nouns
        return Verdict(True, [f"description says '{word.lower()}'"])
    return Verdict()


# --- Added for the Python scanner (additive; existing names and signatures unchanged) ---------

# Lead-ins that precede the real verb of a tool description ("Useful for checking ...").
_DESCRIPTION_LEAD_IN = re.compile(
    r"^\s*(?:this\s+(?:tool|function)\s+(?:is\s+)?(?:used\s+)?(?:to\s+)?|use\s+this\s+(?:tool|function)\s+to\s+|"
    r"useful\s+(?:for|to)\s+|used\s+(?:for|to)\s+|a\s+tool\s+(?:for|to)\s+|tool\s+(?:for|to)\s+|helps?\s+(?:to\s+)?|"
    r"allows?\s+(?:you\s+)?to\s+|lets?\s+you\s+)",
    re.IGNORECASE,
)


def _verb_stems(word: str) -> list[str]:
    w = word.lower()
    out = [w]
    if w.endswith("ies"):
        out.append(w[:-3] + "y")
    if w.endswith("es"):
        out.append(w[:-2])
    if w.endswith("s"):
        out.append(w[:-1])
    if w.endswith("ing"):
        out += [w[:-3], w[:-3] + "e"]
        if len(w) > 5 and w[-4] == w[-5]:
            out.append(w[:-4])
    if w.endswith("ed"):
        out += [w[:-2], w[:-1]]
    return out


# Words that start what a verb acts on: "Clear the cache", "Close it", "Delete 3 files", "Send `x`".
_OBJECT_STARTS = frozenset(
    """a an the this that these those all any each every some my your his her its our their one two three
    no another both either new existing given specified selected current it them him me us""".split())
# Verbs that are as often adjectives leading a noun phrase ("Clear description for ...", "Close
# match", "Complete list of ...", "Open source search"): verbs only when an object follows.
_ADJECTIVE_VERBS = frozenset(
    "clear close open complete empty free clean secure direct live last level right light total dry blank".split())
# What follows a plural noun, not a verb's object: "Messages waiting", "Updates since Monday".
_AFTER_PLURAL_NOUN = frozenset("of since from in on per for about between within across by".split())


def _in_verb_position(word: str, stem: str, nxt: str | None) -> bool:
    """Whether a description's first word, a known verb's form, is used as a verb: in imperative
    or third-person position with what it acts on after it. "Set of tools", "Record of calls" and
    "Messages waiting" are nouns; "Clear description" and "Complete list" adjectives; "Deleted
    files" a participle: each says what the tool is about, not what it does."""
    w, n = word.lower(), (nxt or "").lower()
    object_next = n in _OBJECT_STARTS or n.isdigit() or n[:1] in ("`", '"', "'")
    if n == "of":
        return False
    if w in _ADJECTIVE_VERBS:
        return object_next
    if w != stem and w.endswith("ed"):
        return object_next
    if w != stem and w.endswith("s") and (not n or n in _AFTER_PLURAL_NOUN or n.endswith(("ing", "ed"))):
        return False
    return True


def description_after_lead(description: str | None) -> str | None:
    """The description without its first word when that word is a verb's form used as a noun
    or adjective ("Records of calls ..."), so that other readings do not take it as a verb."""
    if not description:
        return description
    text = _DESCRIPTION_LEAD_IN.sub("", description.strip(), count=1)
    m = re.match(r"([A-Za-z]+)[ \t]*([A-Za-z]+|\d+|[`\"'])?", text)
    stem = next((x for x in _verb_stems(m.group(1)) if x in MUTATING_VERBS or x in READ_VERBS), None) if m else None
    if stem is not None and not _in_verb_position(m.group(1), stem, m.group(2)):
        return text[len(m.group(1)):]
    return description


def description_lead_verb(description: str | None) -> Verdict:
    """Verdict from the first word of a description once lead-ins such as 'Useful for' are
    removed: 'Useful for checking if ...' reads, 'Deletes the ...' mutates; the word counts only
    where it is used as a verb (see `_in_verb_position`)."""
    if not description:
        return Verdict()
    text = _DESCRIPTION_LEAD_IN.sub("", description.strip(), count=1)
    m = re.match(r"([A-Za-z]+)[ \t]*([A-Za-z]+|\d+|[`\"'])?", text)
    if not m:
        return Verdict()
    word = m.group(1)
    for stem in _verb_stems(word):
        if stem in MUTATING_VERBS or stem in READ_VERBS:
            if not _in_verb_position(word, stem, m.group(2)):
                return Verdict()
            if stem == "move":
                moved = _MOVED_VIEW.match(text[m.end(1):])
                if moved is not None:
                    # "Move the viewport to page 3", "move the cursor down": what is shown changes, not what is stored
                    return Verdict(False, [f"description moves the {moved.group(1).lower()}, which only changes what is shown"])
            return Verdict(stem in MUTATING_VERBS, [f"description starts with '{word.lower()}'"])
    return Verdict()


# What "move" may have as its object and still only change the view: the viewport of a page, terminal or
# document, the text cursor or caret, the focus (the mouse pointer is the desktop knowledge's: moving it reads).
_MOVED_VIEW = re.compile(r"\s+(?:the\s+|a\s+|its\s+|your\s+|this\s+)?(?:current\s+)?(viewport|view|cursor|caret|focus)\b", re.I)


# OpenAI hosted tools, given as {"type": ...} entries of a tools list (Responses and Assistants
# APIs): type -> (mutating, typed, capabilities). Shared by the Python and TypeScript scanners.
OPENAI_HOSTED_TYPES: dict[str, tuple[bool, bool, tuple[str, ...]]] = {
    "web_search": (False, True, ("http",)), "web_search_preview": (False, True, ("http",)),
    "file_search": (False, True, ()), "code_interpreter": (True, False, ("code_execution",)),
    "image_generation": (False, True, ()), "computer_use_preview": (True, True, ("computer_use",)),
    "computer": (True, True, ("computer_use",)),
    "local_shell": (True, False, ("shell",)), "shell": (True, False, ("shell",)),
    "apply_patch": (True, True, ("file_write",)), "mcp": (False, True, ("mcp_remote",)),
}

# xAI's server-side tools in a Responses API tools list (api.x.ai/v1/responses takes the OpenAI
# shape and these types of its own beside web_search/code_interpreter/mcp): type -> as above.
XAI_HOSTED_TYPES: dict[str, tuple[bool, bool, tuple[str, ...]]] = {
    "x_search": (False, True, ("http",)), "collections_search": (False, True, ()),
}


# Folder names that hold test code besides tests/ itself, in either language: integration_tests,
# e2e-tests, test_utils, test-exports-cjs, and the camelCase spelling testHelpers/testUtils (a
# regular-expression fragment, one path segment).
TEST_DIR_WORDS = r"[\w-]+[-_]tests?|tests?[-_][\w-]+|tests?[A-Z][A-Za-z]*"


# A method or function whose name says it reads or computes (`client.get_user`, `api.listOrders`, `to_dict`): a
# call parr cannot read whose own name makes this claim reads by that name, as a tool's name does for the tool.
READ_METHOD = re.compile(
    r"^_*(?:get|list|find|search|fetch|read|query|describe|count|retrieve|lookup|load|check|has|is|show|view|"
    r"inspect|validate|parse|format|render|to|compute|calculate|select|exists|stat|resolve|match|filter|sort|"
    r"wait|await|sleep|log|debug|info|warn|warning|error|trace|json|text|clone|compare|diff|encode|decode|serialize|"
    r"deserialize|stringify|hash|verify|test|next|convert|transform|translate)(?=$|[A-Z_0-9])")

