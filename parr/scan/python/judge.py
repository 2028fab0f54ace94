"""Final judgement of one candidate: mutating, typed, capabilities, gates and evidence.

Order of the mutating judgement, strongest first: a built-in tool known to change state; what the
body (or a helper, or a sub-agent it runs) does that certainly changes state (shell, code, SQL writes,
HTTP writes, file writes, e-mail, payments); a body that only keeps the framework's state; MCP
annotations written by the author; agent hand-offs and pure calculations (never mutating); a body
that only reads and makes no call parr cannot read (it outranks the name); the verb in the name;
the description; weaker body hints (verb-named client methods, writes to shared workflow state).
A call parr cannot read leaves the name and description to count (fail closed); a stub that
reaches nothing stands for what its name says."""

from __future__ import annotations

import json
import re

from parr.scan.effects_kb import cli as cli_kb
from parr.scan.evidence import (READ_METHOD, Verdict, description_after_lead, description_lead_verb, description_verdict,
                                 name_verdict, name_words)
from parr.scan.python import arg_reads, catalog, flow
from parr.scan.python.effects import ENSURE_DIR, PLAYBACK_NOTE, UNKNOWN

_EXEC_CAPS = frozenset({"code_execution", "shell"})
_RUNS_CODE = re.compile(r"(?:parameter|property) '(?:code|source|source_code|script|command|cmd|commands|shell_command|"
                        r"bash_command|python_code|js_code|javascript|program|snippet|sql|sql_query|statements?|"
                        r"cypher|cypher_query|bqml_code|sql_string|sql_text|sql_statement|shell_script|bash_script|"
                        r"code_snippet|command_line|cmd_line|ts_code|typescript_code|r_code|script_code)' is a raw string that is executed$|input is a raw string that is executed$")
_RAW_DESC = re.compile(r"\b(execut\w*|run\w*|eval\w*|shell|command|sql|script|python code|code to)\b", re.I)
_HANDOFF = re.compile(r"\b(transfer\w*|hand\s?off\w*|handoff\w*|route\w*|delegat\w*)\b[^.]{0,40}\bagents?\b", re.I)
# Hand-offs read from the verb's object, not from a list of names: "transfer/route/escalate/hand off/
# pass (work, control of the dialog, the user) (back) to <the ... agent|assistant|specialist>": what
# moves is the conversation. "Transfer $50 to the agent's account" moves money (its object says so).
# Only a model's roles: escalating to a human, a team or a desk notifies people, which is an effect.
_ROLES = frozenset("agent agents assistant assistants specialist specialists expert experts bot bots triage".split())
_HANDOFF_VERBS = frozenset("transfer route escalate handoff delegate pass redirect switch forward".split())
_HANDOFF_DESC = re.compile(
    r"\b(?:transfer|hand(?:s|ing|ed)?\s?off|handoff|route|escalat|delegat|pass|redirect|switch|forward)\w*"
    r"((?:\s+[\w'$-]+){0,5}?)\s+(?:back\s+)?to\s+(?:the\s+|a\s+|an\s+|another\s+|other\s+|this\s+|that\s+)?"
    r"(?:[\w-]+\s+){0,3}?(" + "|".join(sorted(_ROLES)) + r")\b", re.I)
# Words that make an "agent" a person ("escalate_to_human_agent", "a live agent"): notifying people is an effect.
_PEOPLE = frozenset("human humans person people live real operator operators manager managers staff supervisor "
                    "representative rep employee team desk department".split())
_MOVED_GOODS = frozenset("funds money amount amounts payment payments balance credit credits usd dollars cash tokens "
                         "shares stock ownership domain domains file files data ticket tickets case cases".split())
# "load X onto/into Y": the object and what it is loaded onto
_LOADS_ONTO = re.compile(r"\bload(?:s|ing)?\b[^.\n]{0,80}?\b(onto|into)\s+(?:(?:a|an|the|this|that|its|each|every|"
                         r"selected|specified|given|current|your)\s+)?(\w+)", re.I)
# What a load returns to the caller: loading into memory or context reads
_LOAD_SINKS = frozenset("memory context conversation prompt dataframe dataframes df pandas variable variables string "
                        "strings python json dict list text model chat cache buffer ram workspace notebook".split())
_EXTRA_DESC = re.compile(
    r"\b(stores?|records?|saves?|reimburses?|schedules?|books?(?= (?:a|an|the|your|their|my|flights?|"
    r"hotels?|rooms?|tables?|seats?|appointments?|tickets?|meetings?)\b)|hangs? up|follows?|"
    r"likes? (?:a |the |this |that )?(?:post|tweet|comment|photo|video|message|page|story|reply)s?|reposts?|"
    r"toggles?|activates?|deactivates?|installs?|deploys?|files? an?)\b", re.I)
_PROCESS_VERBS = frozenset({"process", "handle", "initiate", "issue", "file", "place", "open", "lodge"})
_BUSINESS_OBJECTS = frozenset(
    {"return", "returns", "refund", "refunds", "order", "orders", "payment", "payments", "claim", "claims",
     "application", "transaction", "transactions", "invoice", "invoices", "ticket", "tickets", "withdrawal",
     "deposit", "booking", "reservation", "complaint", "dispute", "chargeback", "shipment", "pr", "prs", "pull",
     "issue", "issues", "incident", "incidents", "case", "cases", "account", "accounts"})
_DETERMINERS = frozenset("a an the new this that their your my our".split())


def _acts_on_record(desc: str | None) -> str | None:
    """"Open a PR", "File an incident", "Place the order": a process verb leading the description,
    whose object is a business record."""
    words = re.findall(r"[A-Za-z]+", (desc or "")[:80].lower())
    if len(words) < 2 or words[0] not in _PROCESS_VERBS:
        return None
    rest = [w for w in words[1:4] if w not in _DETERMINERS]
    return f"{words[0]} {rest[0]}" if rest and rest[0] in _BUSINESS_OBJECTS else None


def _hands_off(c, name: str, desc: str | None, fx) -> str | None:
    """What shows a tool only hands the conversation to another agent, or None. Its body (if any)
    must do nothing but compute or read; then either its name is a hand-off verb followed straight
    by "to" ("transfer_to_sales", "transfer_back_to_triage": no object, so what moves is the
    conversation) and it takes no input or names a role, or it returns an agent, or its name is
    "To<Role>" ("ToQuoteAssistant", a routing schema), or its description says the verb moves the
    work to an agent, assistant or specialist (not money or files, not to a person)."""
    if any(x[1] not in ("read",) for x in fx):
        return None
    words = name_words(name)
    if "returns_agent" in (c.get("flags") or ()):
        return "returns an agent"
    rest = words[2:] if words[1:2] == ["to"] else words[3:] if words[1:3] == ["back", "to"] else None
    if words and words[0] in _HANDOFF_VERBS and rest and not set(rest) & _PEOPLE:
        params = [p for p in (c.get("params") or []) if p.get("n") not in ("self", "cls")]
        # with no input, "transfer_to_sales" can only move the conversation; "switch_to_dark_mode"
        # or "forward_to_voicemail" still change a setting unless they name an agent
        if rest[-1] in _ROLES or not params and words[0] in ("transfer", "handoff", "delegate"):
            return f"name '{name}'"
    if len(words) >= 2 and words[0] == "to" and words[-1] in _ROLES and not set(words) & _PEOPLE:
        return f"routing schema '{name}'"
    if _task_param(c):
        # delegate_task(task, context): the agent is given a task and its answer comes back (a
        # sub-agent call, judged by what that agent does), not the conversation to carry on
        return None
    for m in _HANDOFF_DESC.finditer(desc or ""):
        moved = set(re.findall(r"[\w$]+", m.group(1).lower()))
        if set(re.findall(r"\w+", m.group(0).lower())) & _PEOPLE:
            continue  # "... to a live agent", "... to the support team's human agent"
        if not moved & _MOVED_GOODS and not any("$" in w or w.isdigit() for w in moved):
            return f"description says '{' '.join(m.group(0).split())}'"
    return None


# What a described agent does on pages or systems that changes them (the browsers knowledge base's acts).
_AGENT_ACTS = re.compile(r"\b(?:fill(?:s|ing)?\s+(?:out\s+|in\s+)?(?:\w+\s+)?forms?|click(?:s|ing)|typ(?:es|ing)\s+(?:in|into|text)|"
                         r"submit(?:s|ting)?\s+(?:\w+\s+)?forms?|purchas(?:es|ing)|book(?:s|ing)\s+(?:a|an|the)\b)", re.I)
# request_user_input, ask_user, request_clarification: the tool puts a question to the person at the
# keyboard and returns the answer (escalating to a human agent or team is another matter: _PEOPLE).
_ASK_VERBS = frozenset({"request", "ask", "prompt", "solicit"})
_ASKED = frozenset({"user", "input", "clarification", "clarifications", "feedback", "confirmation", "answer"})


def _asks_user(name: str) -> bool:
    words = name_words(name)
    return len(words) >= 2 and words[0] in _ASK_VERBS and words[1] in _ASKED and not set(words) & _MOVED_GOODS


# Inputs that are a task for another agent to carry out (a sub-agent call), not a hand-off's reason.
_TASK_PARAMS = frozenset({"task", "task_description", "instructions", "instruction", "goal", "objective"})


def _task_param(c) -> bool:
    names = {p.get("n") for p in c.get("params") or () if isinstance(p, dict)}
    names |= {p.get("n") for p in ((c.get("jschema") or {}).get("props") or ()) if isinstance(p, dict)}
    return bool(names & _TASK_PARAMS)


# What a "run"/"perform" in a name may run that only reads (run_tests, run_query, run_migration do not end so).
_READ_NOUNS = frozenset("check checks validation validations verification inspection scan scans search lookup analysis "
                        "evaluation audit review diagnostic diagnostics estimate forecast".split())
# Verbs that run what their object names ("run_check", "initiate_search"): the object decides.
_RUN_VERBS = frozenset({"run", "perform", "initiate", "start"})
# Heads of a name that asks a question about an action ("valid_to_change_flight", "allowed_to_delete").
_PREDICATE_HEADS = frozenset({"valid", "eligible", "allowed", "able", "permitted", "ok", "safe", "ready"})
_STATE_NOUNS = frozenset("state states context session variable variables vars var scratchpad".split())


def _names_state(name: str) -> bool:
    """A name whose verb acts on the framework's state itself (store_state, update_context_vars)."""
    words = [w for w in name_words(name) if w != "tool"]
    return len(words) >= 2 and all(w in _STATE_NOUNS for w in words[1:])


def _names_state_key(name: str, keys) -> bool:
    """set_proverbs writing tool_context.state["proverbs"]: the name's object is the key of the
    framework state its body writes, so what the name says it changes is that state."""
    words = [w for w in name_words(name) if w != "tool"]
    return len(words) >= 2 and any(name_words(k) == words[1:] for k in keys or ())


# What a description may say a tool creates that is only its answer (a rendering of data it returns).
_ANSWER_NOUNS = frozenset("representation representations visualization visualizations visualisation visualisations "
                          "summary summaries chart charts diagram diagrams plot plots overview explanation explanations "
                          "rendering preview".split())
_MAKE_VERBS = re.compile(r"^\s*(?:this\s+tool\s+)?(creates?|generates?|makes?|builds?|produces?|draws?|renders?|writes?)\s+"
                         r"((?:[\w-]+\s+){0,5}?)([\w-]+)(?=\s+(?:of|for|from|about|showing|that|which|with|based)\b|\s*[.,;:]|\s*$)", re.I)
# Pieces of text a tool composes (with a model, or from its arguments) and hands back: "write" with
# one of these as its object means compose, as "generate" does (write_section, "Writes a research
# outline"); writing a file, a record or a row is no such piece and keeps its verb.
_TEXT_NOUNS = frozenset("outline outlines proposal proposals section sections paragraph paragraphs essay essays article "
                        "articles story stories poem poems chapter chapters summary summaries abstract caption captions "
                        "headline headlines draft drafts".split())


def _composes_text(name: str) -> bool:
    """write_section, WriteResearchOutline: a name whose verb composes the text it names."""
    words = name_words(name)
    return len(words) >= 2 and words[0] == "write" and words[-1] in _TEXT_NOUNS


# Agent nouns of reading verbs that end a name for what the tool is (email_phishing_analyzer,
# sql_validator): the words before them are their object, not a verb ("email" is no sending here).
_READER_NOUNS = frozenset("analyzer analyser checker validator classifier detector summarizer summariser scanner "
                          "inspector evaluator parser reader finder searcher viewer monitor".split())


# Verbs that are never a noun in front of another word (as "email" is in email_phishing_analyzer): a name
# that starts with one names what it does to the noun after it (create_monitor makes a monitor).
_OBJECT_VERBS = frozenset("create update delete cancel remove add stop start pause resume enable disable register "
                          "schedule deploy install configure set edit modify rename restart kill destroy".split())


# What crawling APIs "map" (Firecrawl's map_url, Anakin's map_website): listing the URLs a site links.
_WEB_PLACES = frozenset("site sites website websites url urls domain domains link links page pages web".split())


def _name_verdict(name: str):
    """name_verdict, except that "write" composing a piece of text says nothing by itself: the body
    and the rest of the description decide (as for "generate"); nor does a name that ends in a
    reader's agent noun (email_phishing_analyzer) say more than that it reads, unless a verb that acts
    on it leads (create_monitor, cancel_monitor: the reader is the object made or changed)."""
    words = name_words(name)
    if len(words) >= 2 and words[-1] in _READER_NOUNS and words[0] not in _OBJECT_VERBS:
        return Verdict(False, [f"name '{name}' ends in the reader noun '{words[-1]}'"])
    if len(words) >= 2 and words[0] == "map" and set(words[1:]) & _WEB_PLACES:
        return Verdict(False, [f"name '{name}' maps a site (lists the URLs it links), which reads"])
    return Verdict() if _composes_text(name) else name_verdict(name)


def _makes_answer(desc: str | None) -> tuple[str, str] | None:
    """"Creates a visual graph representation of ...", "Generates a summary of ...": the verb's
    object (the head noun of its phrase) is a rendering of data the tool returns. -> (what it makes,
    the rest of the description), or None."""
    text = (desc or "").strip()
    m = _MAKE_VERBS.match(text.split("\n", 1)[0])
    if m is None or m.group(3).lower() not in (_TEXT_NOUNS if m.group(1).lower().startswith("write") else _ANSWER_NOUNS):
        return None
    return f"{m.group(1).lower()} {' '.join((m.group(2) + m.group(3)).split())}", text[m.end():]


def _reads_only(fx):
    """The first read of a body that reaches something outside the process only to read it (a
    KB read, an HTTP GET, a SELECT, a file or page read) and makes no call parr cannot read; else
    None. Such a body decides over the name and description (code outranks claims). A body that
    reaches nothing is a stub and stands for what its name says; one that forwards to an agent or
    a remote MCP tool does what that does."""
    reads = []
    for x in fx:
        if x[1] != "read" or x[0].partition("@")[0] == "mcp_remote":
            return None
        reads.append(x)
    # (a directory made where missing is said only when the body does nothing else)
    return next((x for x in reads if not x[2].endswith(_HOUSEKEEPING)), reads[0]) if reads else None


_CALLED = re.compile(r"^calls (?:[\w.()\[\]'\"]*\.)?(\w+)\(\)")


def _named_read(unknown: str) -> bool:
    """Whether an unread call's evidence ("calls client.get_user()") names a method that says it reads."""
    m = _CALLED.match(unknown)
    return bool(m and READ_METHOD.match(m.group(1)))


def _fx_evidence(x) -> str:
    ev = x[2]
    if len(x) > 3 and x[3]:
        ev += " via a helper"
    return ev


def _cli_choices(c: dict, fx: list) -> list:
    """A CLI subcommand the model picks ("cli_choice", effects_kb.cli), judged with the values the
    schema allows: a write (strong, shell) when one of them writes or none is declared, else a read."""
    if not any(x[1] in ("cli_choice", "cli_pending") for x in fx):
        return fx
    options = {p["n"]: p["ops"] for p in (c.get("params") or []) if isinstance(p, dict) and p.get("ops")}
    options.update({p["n"]: p["ops"] for p in ((c.get("jschema") or {}).get("props") or []) if p.get("ops")})
    out = []
    for x in fx:
        if x[1] == "cli_pending":
            # a process whose words come from a parameter no caller filled: it runs what it is given
            try:
                how = json.loads(x[2]).get("how") or "subprocess"
            except ValueError:
                how = "subprocess"
            out.append((x[0], "strong", f"runs a subprocess ({how})", *x[3:]))
            continue
        if x[1] != "cli_choice":
            out.append(x)
            continue
        try:
            fact = json.loads(x[2])
        except ValueError:
            out.append(("shell", "strong", "runs a command parr could not read", *x[3:]))
            continue
        changes, why = cli_kb.judge_choice_fact(fact, options)
        # a field the schema does not restrict: the model writes the command word (untyped, like a command)
        cap = "shell" if cli_kb.choice_values(fact, options) is not None else f"shell@{fact.get('field')}"
        out.append((cap if changes else "", "strong" if changes else "cli_read", why, *x[3:]))
    return out


_HOUSEKEEPING = ", which stores nothing by itself"


def _ensured_dirs(c: dict, fx: list) -> list:
    """Directories made only where missing (effects.ENSURE_DIR), seen from the tool: one the model's
    input names, in part or whole ("file_write@path" on a parameter the model fills, or on input
    parr could not trace, "?") is a directory the model asks for, a write; one the code fixes or
    derives from what the framework injects (its runtime, its context) is housekeeping, which
    stores nothing. Where parr cannot tell the model's parameters apart (a schema other than the
    function's own type hints), any tie to input is the model's (fail closed)."""
    if not any(x[1] == ENSURE_DIR for x in fx):
        return fx
    params = c.get("params")
    shown = {p["n"] for p in params if isinstance(p, dict)} \
        if params is not None and c.get("schema") == "type_hints" else None
    out = []
    for x in fx:
        if x[1] != ENSURE_DIR:
            out.append(x)
            continue
        tied = set(filter(None, x[0].partition("@")[2].split(",")))
        if tied and (shown is None or "?" in tied or tied & shown):
            out.append((x[0], "strong", f"{x[2]} that its input names", *x[3:]))
        else:
            out.append(("", "read", f"{x[2]}{_HOUSEKEEPING}", *x[3:]))
    return out


def judge(c: dict) -> tuple[bool, bool, list[str], list[str], list[str], list[str]]:
    """-> (mutating, typed, evidence, capabilities, gates, unverified): `unverified` names the calls parr
    could not read on which a read-only verdict rests when no claim decides it (empty otherwise)."""
    # branch conditions no caller decided: on the tool's own parameters (the model's input) or
    # where parr did not follow the arguments; every branch stays (parr.scan.python.flow)
    fx = _ensured_dirs(c, _cli_choices(c, flow.bind_conds(c.get("fx") or [], None, [], {})))
    flags = set(c.get("flags") or ())
    # A name a framework builds around the developer's words (mcp-agent's workflows-<Class>-run) is
    # judged by those words alone: its fixed verb is no claim about what the code does.
    name = c.get("judge_name") or c.get("name") or ""
    desc = c.get("description")
    evidence: list[str] = []
    caps: list[str] = list(c.get("caps") or ())
    gates: list[str] = list(c.get("gates") or ())
    for x in fx:
        if x[1] in (UNKNOWN, "subagent"):
            continue
        cap = x[0].partition("@")[0]  # "http@url": the URL's host comes from parameter url
        if cap and cap not in caps:
            caps.append(cap)
        if isinstance(x[1], str) and x[1].startswith("gate:"):
            g = x[1][5:]
            if g not in gates:
                gates.append(g)
    if c.get("framework") == "browser-use" and "browser" not in caps:
        caps.append("browser")

    unverified: list[str] = []
    mutating = _mutating(c, fx, flags, name, desc, evidence, unverified)
    if not mutating:
        # processes it runs that only read (effects_kb.cli): said, as the reason nothing changes
        evidence.extend(e for e in dict.fromkeys(x[2] for x in fx if x[1] == "cli_read") if e not in evidence)
    if "dispatch_unread" in flags:
        # a low-level MCP tool whose branch of the call handler parr did not find: said, not hidden
        evidence.append("its code in the MCP call handler was not found: judged by its name, description "
                        "and annotations")
    typed = _typed(c, fx, caps, evidence)
    if not mutating and not typed and any(_RUNS_CODE.match(e) for e in evidence):
        # Its own input is run as code or a command: whatever that string says, it does. ("query"
        # and "expression" are left out: a search query is run too, and changes nothing.)
        mutating = True
        if "code_execution" not in caps and "shell" not in caps and "sql" not in caps:
            caps.append("code_execution")
    caps = [k for k in caps if k in _KNOWN_CAPS]
    return mutating, typed, evidence, sorted(set(caps), key=caps.index), gates, [] if mutating else unverified


_KNOWN_CAPS = frozenset(
    "shell code_execution sql http_write http file_write file_read email payment browser computer_use mcp_remote".split())


def _mutating(c, fx, flags, name, desc, evidence, unverified) -> bool:
    if c.get("mutating") is True or "builtin_mutating" in flags:
        evidence.append("built-in tool that changes state")
        return True
    if "builtin_read" in flags:
        # a framework's tool whose data says it changes nothing (read from its package's code, or
        # from the framework's tool reference): that, not its name (TodoWrite keeps the agent's list)
        evidence.append("built-in tool that changes nothing (parr's data on its framework)")
        return False
    if "builtin_unknown" in flags:
        evidence.append(f"built-in tool type parr does not know ({c.get('builtin_type')}): taken as changing state")
        return True
    if ("name_only" in flags or "abstract_exec" in flags) and not [x for x in fx if x[1] != UNKNOWN]:
        # A tool whose code runs elsewhere (a Composio slug, a remote MCP server's tool): its name is
        # all parr has. A name with no verb parr knows is taken as changing state (fail closed).
        nv = name_verdict(name)
        if nv.mutating is None:
            evidence.append(f"its code runs elsewhere and its name '{name}' says nothing parr knows: taken as changing state")
            return True
        evidence.extend(nv.evidence)
        evidence.append("its code runs elsewhere: the name is the only evidence")
        return nv.mutating
    ann = c.get("annotations") or {}
    strong = [x for x in fx if x[1] in ("strong", "raw")]
    medium = [x for x in fx if x[1] == "medium"]
    if strong:
        # the nearest write first; a directory made where missing after what else is written there
        strong.sort(key=lambda x: (x[3] if len(x) > 3 else 0, x[2].startswith("makes sure a directory exists")))
        evidence.append(_fx_evidence(strong[0]))
        if ann.get("readOnlyHint") is True:
            # The code outranks its annotation (CODE-013 reports the contradiction).
            evidence.append("annotated readOnlyHint=True, but the body changes state")
        return True
    if "framework_state" in flags and not fx:
        # Body first: the whole body is visible and only keeps the agent run's own state.
        evidence.append("only updates the framework's in-process state (context variables) and returns a reply")
        return False
    if "state_writes" in flags and not fx and (_names_state(name) or _names_state_key(name, c.get("state_keys"))):
        # store_state_tool writing tool_context.state: what its name says it changes is the
        # framework's state, and that is all its body changes. (A stub of cancel_booking that notes
        # the booking in the state still stands for the cancellation its name says.)
        evidence.append("only writes the framework's in-process state, which is what its name says it changes")
        return False
    if ann.get("destructiveHint") is True or ann.get("readOnlyHint") is False:
        evidence.append("MCP annotation readOnlyHint=False" if ann.get("readOnlyHint") is False
                        else "MCP annotation destructiveHint=True")
        return True
    if ann.get("readOnlyHint") is True:
        evidence.append("MCP annotation readOnlyHint=True")
        return False
    if "handoff" in flags:
        evidence.append("agent hand-off: passes the conversation on, changes nothing by itself")
        return False
    if "long_running" in flags:
        evidence.append("starts a long-running operation (LongRunningFunctionTool)")
        return True
    handoff = _hands_off(c, name, desc, fx)
    if handoff is not None:
        evidence.append(f"hands the conversation to another agent ({handoff}), changes nothing by itself")
        return False
    text = f"{' '.join(name_words(name))} {desc or ''}"
    old = _HANDOFF.search(text)
    if old is not None and set(re.findall(r"\w+", old.group(0).lower())) & (_MOVED_GOODS | _PEOPLE):
        old = None  # "transfer funds to the agent" moves money; "... to a live agent" calls a person
    words = name_words(name)
    if words[1:2] == ["to"] and words[0] in _HANDOFF_VERBS and set(words[2:]) & _PEOPLE:
        evidence.append(f"name '{name}' hands the conversation to a person, which notifies someone")
        return True
    acts = _AGENT_ACTS.search(desc or "") if old is not None and _task_param(c) else None
    if acts is not None:
        # delegate_cua(task, context): "the web agent ... filling out forms, clicking, typing": the
        # agent it hands the task to acts on pages (parr.scan.effects_kb.browsers counts those as acts)
        evidence.append(f"delegates a task to an agent whose description says it acts ('{acts.group(0)}')")
        return True
    if old is not None or "agent_tool" in flags and not _name_verdict(name).mutating and "sub_unread" not in flags:
        evidence.append("runs a sub-agent whose tools change nothing" if "sub_reads" in flags and old is None
                        else "agent hand-off or sub-agent call, not a state change")
        return False
    if "arith" in flags:
        evidence.append("pure calculation on its arguments")
        return False
    if _asks_user(name) and not medium and not any(x[1] == "weak" for x in fx):
        evidence.append(f"name '{name}' asks the user for an answer, which changes nothing by itself")
        return False
    quiet = _reads_only(fx)
    if quiet is not None:
        nv, lead = _name_verdict(name), description_lead_verb(desc)
        said = nv.evidence if nv.mutating else lead.evidence if lead.mutating else []
        evidence.append(f"its body only reads ({_fx_evidence(quiet)}) and calls nothing parr cannot read"
                        + (f"; its {said[0]} does not make it a change" if said else ""))
        return False
    played = next((x for x in fx if x[1] == "read" and PLAYBACK_NOTE in x[2] and not (len(x) > 3 and x[3])), None)
    if played is not None and not medium and all(x[1] == "read" for x in fx if not (len(x) > 3 and x[3])):
        # Its own code only asks for a playback control (send_command("start_playback"),
        # player.pause_playback()): that, not the tool's name, says what it does, as a command that
        # deletes outranks the name above; what its helpers do around the connection yields to
        # names anyway (weak or unread).
        evidence.append(f"{played[2]}; its name or description does not make it a change")
        return False
    nv = _name_verdict(name)
    words = name_words(name)
    hides_nothing = not any(x[1] == UNKNOWN for x in fx) \
        and not any(p.get("n") in catalog.RAW_PARAM_NAMES for p in c.get("params") or [])
    if nv.mutating and len(words) >= 2 and words[0] in _RUN_VERBS and words[-1] in _READ_NOUNS and hides_nothing:
        # "run_inventory_check", "initiate_baggage_search": the verb's object says what runs, and a
        # check or search reads. Only where the body hides nothing: "run" over code parr cannot read
        # may run anything (fail closed), and one that takes a command or code to run
        # (run_diagnostic(command)) runs that.
        evidence.append(f"name '{name}' runs a {words[-1]}, and its body calls nothing parr cannot read")
        return False
    if nv.mutating and len(words) >= 3 and words[0] in _PREDICATE_HEADS and words[1] == "to" and hides_nothing:
        # "valid_to_change_flight", "eligible_to_refund": the name asks whether the action may be
        # taken, it does not take it; the body, which hides nothing, decides
        evidence.append(f"name '{name}' asks whether it may {words[2]}, and its body calls nothing parr cannot read")
        return False
    if nv.mutating is None and len(words) >= 2 and words[0] in _PROCESS_VERBS and set(words[1:]) & _BUSINESS_OBJECTS:
        evidence.append(f"name '{name}' acts on a business record")
        return True
    signin = [x for x in fx if x[1] == "signin_url"]
    if nv.mutating and signin and not medium and not any(x[1] == "weak" for x in fx):
        # start_auth: its body only builds the URL a person opens to sign in; the name's verb
        # starts nothing by itself (code over claims)
        evidence.append(f"{_fx_evidence(signin[0])} and changes nothing else, whatever its "
                        f"{nv.evidence[0] if nv.evidence else 'name'} says")
        return False
    onto = _LOADS_ONTO.search((desc or "").strip().split("\n\n", 1)[0]) \
        if nv.mutating is False and nv.evidence == ["name verb 'load'"] else None
    if onto is not None and onto.group(2).lower() not in _LOAD_SINKS:
        # "Load an instrument onto a track", "load a drum kit into it": what is loaded is added to
        # the target, which changes it; loading a file returns it (the read verb stands)
        evidence.append(f"description says '{' '.join(onto.group(0).split()).lower()}': it adds to its target")
        return True
    if nv.mutating is not None:
        evidence.extend(nv.evidence)
        if nv.mutating:
            return True
        if medium:
            evidence.append(f"{_fx_evidence(medium[0])} taken as a query: the name says it reads")
        return False
    if medium:
        # A POST with no verb in the name: the description's leading verb is the next claim (a name of
        # nouns, "system_overview", says nothing either way). "Get a summary ..." reads, as a read verb
        # in the name would; any other description leaves the POST a write (fail closed).
        lead = description_lead_verb(desc)
        if lead.mutating is False:
            evidence.extend(lead.evidence)
            evidence.append(f"{_fx_evidence(medium[0])} taken as a query: the description says it reads")
            return False
        evidence.append(_fx_evidence(medium[0]))
        return True
    made = _makes_answer(desc)
    if made is not None:
        # "Creates a visual graph representation of the schema": what it creates is its answer;
        # the rest of the description is still read ("... and saves it to disk")
        evidence.append(f"description says it {made[0]}: an answer it returns, not a change")
        desc = made[1]
    lead = description_lead_verb(desc)
    acts = _acts_on_record(desc) if lead.mutating is None else None
    if acts is not None:
        evidence.append(f"description says '{acts}': acts on a business record")
        return True
    if lead.mutating is True:
        evidence.extend(lead.evidence)
        return True
    body = description_after_lead(desc)  # "Records of calls ...": its first word is no verb
    dv = description_verdict(body) if lead.mutating is None else None
    if dv is not None and dv.mutating:
        evidence.extend(dv.evidence)
        return True
    if body and lead.mutating is None:
        m = _EXTRA_DESC.search(body.strip().split("\n\n", 1)[0])
        if m:
            evidence.append(f"description says '{m.group(0).lower()}'")
            return True
    weak = [x for x in fx if x[1] == "weak"]
    if weak:
        weak.sort(key=lambda x: x[3] if len(x) > 3 else 0)
        evidence.append(_fx_evidence(weak[0]))
        return True
    unknown = list(dict.fromkeys(_fx_evidence(x) for x in fx if x[1] == UNKNOWN))
    unread = [u for u in unknown if not _named_read(u)]
    if unknown and not unread:
        # client.get_balance(): what it calls says it reads, by its own name (as a tool's name would)
        evidence.append(f"its body calls nothing that changes state, and what it calls says it reads "
                        f"({unknown[0].removeprefix('calls ')})")
    elif unread:
        # Said, not hidden: the verdict rests on what parr could read, and the report shows the gap;
        # no claim decides it either, so the record names the calls (`unverified`, CODE-015)
        evidence.append(f"nothing parr read changes state, nor do its name and description say so; but it "
                        f"{unread[0]}, which parr cannot read")
        unverified.extend(unread[:5])
    else:
        evidence.append("its body calls nothing that changes state, and its name and description claim no change")
    return False


def _typed(c, fx, caps, evidence) -> bool:
    preset = c.get("typed")
    if preset is False:
        if "agent_tool" in (c.get("flags") or ()):
            evidence.append("input is a free-form prompt for a sub-agent")
        elif c.get("schema") == "framework_defined":
            evidence.append("framework-defined single string input")
        elif "builtin_read" in (c.get("flags") or ()):
            evidence.append("an input its package's code leaves free-form (a raw query, a dict or Any)")
        else:
            evidence.append("input is a raw string that is executed")
        return False
    exec_caps = bool(set(caps) & _EXEC_CAPS) or any(x[1] == "raw" for x in fx)
    prompt_fw = any(x[1] == "prompt" for x in fx)
    params = c.get("params")
    # Parameters whose value starts an SQL statement, a command or code the tool runs (in its body
    # or a helper): what the model writes there is what runs.
    model_sql = {n for x in fx if x[0].partition("@")[0] in ("sql", "shell", "code_execution") and "@" in x[0]
                 for n in x[0].partition("@")[2].split(",")}
    if params is not None and c.get("schema") in ("type_hints", "pydantic") and preset is None:
        for p in params:
            if not p["ok"]:
                evidence.append(f"parameter '{p['n']}' has no declared type (or is Any/dict)")
                return False
        for p in params:
            if p["str"] and p["n"] in model_sql:
                evidence.append(f"parameter '{p['n']}' is SQL, a command or code the model writes")
                return False
            if p.get("m") and p["n"] in model_sql and not p.get("ops"):
                # `__call__(self, params: Params)` running `params.command`: a structured input whose
                # field starts what runs; the model writes that field
                evidence.append(f"parameter '{p['n']}' holds SQL, a command or code the model writes")
                return False
        for p in params:
            if p["str"] and p["n"] in catalog.RAW_PARAM_NAMES and exec_caps:
                evidence.append(f"parameter '{p['n']}' is a raw string that is executed")
                return False
            if p["str"] and p["n"] in catalog.PROMPT_PARAM_NAMES and prompt_fw:
                evidence.append(f"parameter '{p['n']}' is a free-form prompt forwarded to another agent")
                return False
            if p["str"] and p["n"] in (c.get("handoff_text") or ()):
                # return Result(value=sub_task, agent=coder): the text is what the next agent is told to do
                evidence.append(f"parameter '{p['n']}' is free-form text handed to the agent it transfers to")
                return False
        return True
    js = c.get("jschema")
    if c.get("schema") == "json_schema" and js:
        if js.get("open"):
            evidence.append("its schema declares no properties and accepts any (additionalProperties)")
            return False
        # The statement starts with the handler's whole input (`arguments.code`, `arguments["sql"]`)
        # where the schema shows no field it comes from: what the model writes there runs.
        outside = sorted(model_sql - {"?"} - {p["n"] for p in js.get("props", [])})
        if outside:
            evidence.append(f"input '{outside[0]}' reaches SQL, a command or code the tool runs")
            return False
        if js.get("opaque"):
            return True
        # The open-object rule (as TypeScript's): an object the schema declares no fields of (the
        # input itself, or a property) is untyped when the tool's code reads keys out of it, typed
        # when it reads none (a tool without parameters; an object handed on whole).
        reads = {tuple(p) for p in c.get("arg_reads") or ()}
        if not js.get("props") and not js.get("pydantic"):
            read = arg_reads.reads_inside(reads, ())
            if read is not None:
                evidence.append(f"its schema declares no parameters, but its code reads '{'.'.join(read)}'")
                return False
        for p in js.get("props", []):
            t = p.get("t")
            if t is None and not p.get("sub"):
                evidence.append(f"property '{p['n']}' has no type")
                return False
            if t == "object" and not p.get("sub") and "arg_reads" not in c:
                # no code of the tool in sight: what it takes out of the object is unknown (fail closed)
                evidence.append(f"property '{p['n']}' is an object with no declared fields, and parr sees no code "
                                "that runs the tool")
                return False
            read = arg_reads.reads_inside(reads, (p["n"],)) if t == "object" and not p.get("sub") else None
            if read is not None:
                evidence.append(f"property '{p['n']}' is an object with no declared fields, and its code reads "
                                f"'{'.'.join(read)}' from it")
                return False
        for p in js.get("props", []):
            if p.get("t") == "string" and p["n"] in model_sql:
                evidence.append(f"property '{p['n']}' is SQL, a command or code the model writes")
                return False
            if p.get("t") == "string" and p["n"] in catalog.RAW_PARAM_NAMES and not p.get("ops") and not p.get("sel"):
                # (a string the schema limits to an enum is a choice among those words, never code;
                # so is one the code only compares with literals: extract._mark_selectors)
                d = f"{p.get('d') or ''} {c.get('description') or ''}"
                if exec_caps or _RAW_DESC.search(d):
                    evidence.append(f"property '{p['n']}' is a raw string that is executed")
                    return False
        return True
    if preset is True:
        return True
    return True
