"""Combine the evidence gathered for one tool into `mutating` (with the reasons why)."""

from __future__ import annotations

import re
from typing import Any

from parr.scan.effects_kb import cli as cli_kb
from parr.scan.evidence import _DESCRIPTION_LEAD_IN, Verdict, description_verdict, name_verdict, name_words
from parr.scan.model import operations_of

# Words that lead a name as a noun as often as a verb: "request_count", "order_status", "run_history".
_NOUN_VERBS = frozenset("""
    request order message comment tag label type post run set lock mark issue book email patch push release
    schedule sign start stop store sync transfer trigger update upload commit charge block ban task event
    """.split())
_READ_NOUNS = frozenset("""
    count counts status statuses info information details detail history list summary stats statistics id ids
    log logs size length total number url urls data metadata schema state progress
    """.split())

# Side effects stated in a description that the shared verb list does not cover (gerunds, "add ... to").
_EXTRA_DESCRIPTION = re.compile(
    r"\b(adds?|adding|marks? (?:\w+ ){0,3}as|marking|approves?|approving|rejects?|rejecting|assigns?|assigning|"
    r"scheduling|saves?|saving|storing|clearing|resets?|resetting|renames?|renaming|installs?|installing|"
    r"deploys?|deploying|launch(?:es|ing)|terminat(?:e|es|ing)|restarts?|restarting|creating|deleting|"
    r"removing|updating|writing|sending|posting|publishing|executing|"
    r"running (?:a |the )?(?:shell|command|code|query|sql|script)|paying|booking|cancell?ing|transferring|"
    r"submitting|uploading|inserting|dropping|overwriting|modifying|purchas(?:e|es|ing))\b", re.I)
_ADD_TO = re.compile(r"\badd(?:s|ing)?\b[^.]{0,60}\bto\b", re.I)
# A description that warns about the tool's power.
_CAUTION = re.compile(r"\b(use with caution|dangerous|destructive|irreversibl[ey]|cannot be undone|permanently|"
                      r"superpower|admin(?:istrative)?(?:-only)? (?:tool|action|access|override|operation|command)s?)\b", re.I)
# A description of input sent to a page: simulated key presses, clicks or typing.
_PAGE_INPUT = re.compile(r"\b(?:simulat\w*|send\w*|dispatch\w*)\s+(?:(?:keyboard|key|mouse|click|touch)\s+)"
                         r"(?:events?|press(?:es)?|strokes?|input)\b|\bpress(?:es)?\s+(?:a\s+)?keys?\b", re.I)
_READ_ONLY_DESCRIPTION = re.compile(r"\b(read[- ]only|does not (?:modify|change|write)|without (?:modifying|changing))\b", re.I)


# A tool named only for starting or ending a session of its own (a browser, a sandbox, a connection).
_LIFECYCLE_VERBS = frozenset({"start", "stop", "end", "begin", "open", "close", "start_session", "end_session",
                              "close_session", "open_session"})
# Activities that only read, which a tool may start in the background and stop again.
_READ_ACTIVITIES = frozenset({"search", "searches", "lookup", "watch", "watching", "monitor", "monitoring", "poll",
                              "polling", "tail", "listen", "listening", "scan", "capture", "capturing", "debugger",
                              "research", "researcher", "crawl", "crawler", "scrape", "scraper"})
# Local connections a tool opens and ends for itself (the words after or before a lifecycle verb).
_OWN_CONNECTIONS = frozenset({"port forward", "portforward", "tunnel", "ssh tunnel", "connection", "session"})
_OWN_SESSION = re.compile(r"\b(session|browser|sandbox|connection)\b", re.I)


# Tools whose name alone says they run commands, code or drive a computer.
_EXECUTOR_NAME = re.compile(r"(bash|shell|terminal|computer|computer_use|code_interpreter|python_repl|repl|"
                            r"run_code|execute_code|exec_code|run_python|execute_python|apply_patch|"
                            r"run_command|execute_command|run_shell|exec|"
                            r"(?:run|execute|exec)_(?:terminal|shell|bash|system)_(?:command|cmd))(_\d{8})?")
EXECUTOR_NAME = _EXECUTOR_NAME  # (detect.py: a raw definition's one code string under such a name is untyped)


# Of those, the ones that lead a name as a noun far more often ("issue_fields", "event_types", "task_tags"),
# and the plural nouns that end such a name when it lists attributes of that thing.
_MOSTLY_NOUNS = frozenset("issue event task order message comment tag label type run email release".split())
_ATTRIBUTE_NOUNS = frozenset("fields attributes tags types columns properties keys values names options templates "
                             "categories kinds".split())


# resolve_library_id, resolveUserName: resolving a name to an identifier looks it up (resolve_incident changes one).
_IDENTIFIER_NOUNS = frozenset("id ids identifier identifiers name names url urls uri uris path paths address addresses "
                              "ref refs reference references alias aliases handle handles".split())


def ts_name_verdict(name: str) -> Verdict:
    words = name_words(name)
    if len(words) >= 2 and words[0] == "resolve" and words[-1] in _IDENTIFIER_NOUNS:
        return Verdict(False, [f"name '{name}' looks up an identifier"])
    if len(words) >= 2 and words[0] in _NOUN_VERBS and words[-1] in _READ_NOUNS:
        return Verdict(None, [f"name '{name}' reads as a noun phrase"])
    if len(words) >= 2 and words[0] in _MOSTLY_NOUNS and words[-1] in _ATTRIBUTE_NOUNS:
        return Verdict(None, [f"name '{name}' reads as a noun phrase"])
    return name_verdict(name)


_COMPOUND_NOUN = re.compile(r"\b(write|set|add|run|post|log|sign|check|mark|roll|back|push|pop|drop)-(up|on|in|out|down|off|back|time|based|only|processing)\b", re.I)


# A description that leads with producing output, and the purpose clause after that output.
_OUTPUT_LEAD = re.compile(r"\s*(?:generates?|returns?|produces?|formats?|prepares?|computes?|calculates?|renders?|"
                          r"drafts?|suggests?|builds?|gets?|fetch(?:es)?|lists?|finds?|searches|looks? up)\b", re.I)
_PURPOSE_CLAUSE = re.compile(r"\b(?:for|when)\s+\w+ing\b[^.;:,]*", re.I)


# Words of the shared list of side effects that are nouns as often ("Search X posts", "List charges for a
# customer", "post engagement metrics"): verbs only as the description's first word, or after a conjunction
# or `to` with what they act on next ("... and post it", "to post a reply").
_NOUN_TOO = re.compile(r"\b(posts?|charges|transfers|uploads|books|drops|inserts|refunds)\b", re.I)
_VERB_BEFORE = frozenset("and or then also to will can it that which".split())
_OBJECT_NEXT = re.compile(r"""\s*(?:a|an|the|this|that|these|those|it|them|my|your|our|their|its|each|every|all|"""
                          r"""new|to|on|in|into|onto|as|\d|["'`])\b""", re.I)


def _nouns_masked(description: str) -> str:
    """The description with those words, where they are nouns, replaced by a neutral noun."""
    head = _DESCRIPTION_LEAD_IN.sub("", description, count=1)
    offset = len(description) - len(head)

    def noun(m: re.Match) -> bool:
        if m.start() <= offset + (len(head) - len(head.lstrip())):
            return False  # the first word: an imperative or third-person verb ("Posts a message")
        before = description[:m.start()].rstrip()
        prev = re.search(r"([\w']+|[,;:])$", before)
        if prev is None or prev.group(1).lower() not in _VERB_BEFORE | {",", ";", ":"}:
            return True
        return _OBJECT_NEXT.match(description, m.end()) is None

    return _NOUN_TOO.sub(lambda m: "items" if noun(m) else m.group(0), description)


# A description's leading verb that reads.
_READ_LEAD = re.compile(r"\s*(gets?|fetch(?:es)?|search(?:es)?|finds?|lists?|looks? up|lookup|retrieves?|reads?|"
                        r"quer(?:y|ies)|shows?|views?|browses?)\s+(?!(?:and|or|then)\b)", re.I)


def ts_description_verdict(description: str | None) -> Verdict:
    if description:
        description = _COMPOUND_NOUN.sub(lambda m: m.group(1) + m.group(2), description)
        description = _nouns_masked(description)
    v = description_verdict(description)
    if v.mutating:
        return v
    if not description:
        return Verdict()
    first = description.strip().split("\n\n", 1)[0]
    if _OUTPUT_LEAD.match(first):
        # "Generate JSON data for creating charts": the gerund says what the output is for, not what
        # the tool does (it only returns that output)
        first = _PURPOSE_CLAUSE.sub("", first)
    m = _EXTRA_DESCRIPTION.search(first)
    if m:
        word = m.group(0).lower()
        if word.startswith("add") and not _ADD_TO.search(first):
            pass
        else:
            return Verdict(True, [f"description says '{word}'"])
    m = _CAUTION.search(first)
    if m:
        return Verdict(True, [f"description warns '{m.group(0).lower()}'"])
    m = _PAGE_INPUT.search(first)
    if m:
        # "Simulate keyboard events in the browser": key presses and clicks act on the live page
        # (effects_kb.browsers: a key press submits forms and follows buttons)
        return Verdict(True, [f"description says '{m.group(0).lower()}' (input to a live page)"])
    return Verdict()


def judge_mutating(cand: dict[str, Any], name: str, description: str | None) -> tuple[bool, list[str]]:
    """`mutating` and why. A CLI subcommand the model picks (effects_kb.cli) is judged here, where the
    schema's allowed values are known: a writing value is body evidence like any write; processes
    that only read are named in the evidence of a read-only verdict."""
    writes, reads = [], list(cand.get("reads") or [])
    for fact in cand.get("cli_choices") or []:
        changes, why = cli_kb.judge_choice_fact(fact, cand.get("options"))
        (writes if changes else reads).append(why)
    if writes:
        cand = {**cand, "strong": list(cand.get("strong") or []) + writes}
    mutating, evidence = _judge(cand, name, description)
    if not mutating and reads:
        evidence = list(evidence) + [r for r in reads[:3] if r not in evidence]
    return mutating, evidence


def _read_only_operations(cand: dict[str, Any]) -> str | None:
    """Why a tool multiplexed by an operation enum (`action: z.enum(["get", "list"])`) only reads: each value
    is a read verb by the same name rules. None when there is no such parameter or a value is not one."""
    param, values = operations_of(cand.get("options") or {})
    if param is None:
        return None
    if not all(ts_name_verdict(v).mutating is False for v in values):
        return None
    return f"every {param} it takes reads ({', '.join(values[:6])})"


def _judge(cand: dict[str, Any], name: str, description: str | None) -> tuple[bool, list[str]]:
    ann = cand.get("annotations") or {}
    strong = cand.get("strong") or []
    kind = cand.get("kind_mutating")
    # A body seen to act only on the calling session (purity.py) outranks the annotations; a body that does
    # nothing at all does not (a stub: its author's annotation and its name say what it stands for).
    body = cand.get("body") if not strong and not cand.get("medium") else None
    if ann.get("destructiveHint") is True and body != "session":
        return True, ["annotation destructiveHint: true"] + strong[:3]
    if kind is True and cand.get("kind_unknown"):
        return True, [f"built-in tool '{cand['kind_unknown']}' parr does not know: treated as changing state"] + strong[:3]
    if kind is True:
        return True, ["built-in tool runs commands, code or edits"] + strong[:3]
    if strong:
        if ann.get("readOnlyHint") is True:
            # The code outranks its annotation (CODE-013 reports the contradiction).
            return True, list(strong[:4]) + ["annotated readOnlyHint: true, but the body changes state"]
        return True, list(strong[:5])
    if cand.get("state_only") and not cand.get("medium"):
        # The whole body is visible and only keeps the agent run's own state (AgentKit's network.state),
        # which is what the framework's routers and agents read: a step of its control flow, not an effect.
        # A frontend action that only sets the page's React state or draws a component says so (copilotkit).
        state = cand["state_only"]
        return False, [state if isinstance(state, str)
                       else "only writes the agent framework's own state (network.state)"]
    if cand.get("handoff"):
        # The model hands the conversation to another agent: nothing changes until that agent acts
        # (its own tools are reported where they are declared).
        return False, ["hand-off to another agent"]
    if body == "session":
        # Its only acts go through the caller's request context or its own session's entry of a map: the
        # calling session's state at most, whatever its name or annotations claim.
        return False, ["only changes the calling session's own state or asks the client"]
    if ann.get("readOnlyHint") is False:
        # the author says it is not read-only: annotations outrank names (DESIGN §3), even where a server
        # writes MCP's default on every tool; a read-verb name does not overrule it (fail closed)
        return True, ["annotation readOnlyHint: false"]
    if ann.get("readOnlyHint") is True:
        return False, ["annotation readOnlyHint: true"]
    if kind is False:
        return False, ["built-in read-only tool"]
    if not cand.get("name_inferred") and _EXECUTOR_NAME.fullmatch(name.strip().lower()):
        return True, [f"name '{name}' is a command/code executor"]
    medium = cand.get("medium") or []
    if not cand.get("name_inferred") and name.strip().lower() in _LIFECYCLE_VERBS and description \
            and _OWN_SESSION.search(description) and not medium:
        # `start` / `end` of the tool's own browser or sandbox session: nothing of the user's changes unless
        # the body shows it (strong evidence above); its name and "Create ... session" say no more.
        return False, [f"name '{name}' opens or closes the tool's own session"]
    words = name_words(name)
    activity = words[1] if len(words) == 2 and words[0] in _LIFECYCLE_VERBS else \
        words[-2] if len(words) >= 2 and words[-1] in _LIFECYCLE_VERBS else None
    if not cand.get("name_inferred") and not medium and len(words) <= 3 and set(words[-2:]) & {"tab", "tabs"} and (
            set(words[-2:]) & _LIFECYCLE_VERBS):
        # open_tab / close_tab / chrome_close_tabs: tabs of the agent's own browser, opened or closed like its
        # session (navigating one is a read, effects_kb.browsers); only body evidence (above) says otherwise
        return False, [f"name '{name}' opens or closes a tab of the agent's own browser"]
    rest = words[1:] if words and words[0] in _LIFECYCLE_VERBS else words[:-1] if words and words[-1] in _LIFECYCLE_VERBS \
        else None
    if not cand.get("name_inferred") and not medium and rest and " ".join(rest) in _OWN_CONNECTIONS:
        # stop_port_forward, close_tunnel: a local process or connection the tool opened itself (kubectl
        # port-forward, an ssh tunnel), ended like its session; what it reached through it is unchanged
        return False, [f"name '{name}' opens or closes a connection of the tool's own"]
    if not cand.get("name_inferred") and activity in _READ_ACTIVITIES and not medium:
        # start_search / stop_search, network_capture_start: begins or ends a read of the tool's own (a
        # background search, a capture of traffic); what it reads changes nothing, and only body evidence
        # (above) says otherwise
        return False, [f"name '{name}' starts or stops a {activity} of the tool's own"]
    reads = _read_only_operations(cand)
    if reads is not None and not medium:
        # pipelines_run(action: "get" | "list"): the name is the resource, the operation parameter the verb; every
        # value of it reads, and the body (above) shows no write on any branch
        return False, [reads]
    if not cand.get("name_inferred"):
        nv = ts_name_verdict(name)
        if nv.mutating is not None:
            return nv.mutating, nv.evidence
    if medium and description:
        # A POST alone does not say it writes (search, context and completion APIs take POSTs): a description
        # whose leading verb reads, stating no side effect anywhere, decides as a name that reads does.
        head = _DESCRIPTION_LEAD_IN.sub("", description.strip().split("\n\n", 1)[0], count=1)
        lead = _READ_LEAD.match(head)
        if lead and not ts_description_verdict(description).mutating:
            return False, [f"description says '{lead.group(1).lower()}'", f"{medium[0]}, read as a request"]
    if medium:
        return True, list(medium[:3])
    dv = ts_description_verdict(description)
    if dv.mutating:
        return True, dv.evidence
    if description and _READ_ONLY_DESCRIPTION.search(description):
        return False, ["description says read-only"]
    weak = cand.get("weak") or []
    if weak:
        return True, [f"body {weak[0]}"]
    # Said, not left blank: the read rests on what parr read of the body, its name and its description
    unread = cand.get("unread") or []
    if unread:
        # Said, not hidden: no claim decides, and the body calls code parr cannot read (`unverified`, CODE-015)
        return False, [f"{UNREAD_READ}; but it {unread[0]}, which parr cannot read"]
    reads = cand.get("reads") or []
    if reads:
        return False, [f"its body only reads ({reads[0]}), and its name and description claim no change"]
    return False, ["nothing parr read in its body changes state, and its name and description claim no change"]


# The lead of the evidence of a read verdict resting on calls parr cannot read (the record names them).
UNREAD_READ = "nothing parr read changes state, nor do its name and description say so"
