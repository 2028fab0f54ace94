"""Final judgement of one candidate: mutating, typed, capabilities, gates and evidence.

Order of the mutating judgement, strongest first: a built-in tool known to change state; what the
body (or a helper it calls) does that certainly changes state (shell, code, SQL writes, HTTP writes,
file writes, e-mail, payments); MCP annotations written by the author; agent hand-offs and pure
calculations (never mutating); the verb in the name; the description; weaker body hints
(verb-named client methods, writes to shared workflow state)."""

from __future__ import annotations

import re

from parr.scan.evidence import (description_after_lead, description_lead_verb, description_verdict, name_verdict,
                                 name_words)
from parr.scan.python import catalog

_EXEC_CAPS = frozenset({"code_execution", "shell"})
_RUNS_CODE = re.compile(r"(?:parameter|property) '(?:code|source|source_code|script|command|cmd|commands|shell_command|"
                        r"bash_command|python_code|js_code|javascript|program|snippet|sql|sql_query|statements?|"
                        r"cypher|cypher_query|bqml_code|sql_string|sql_text|sql_statement|shell_script|bash_script|"
                        r"code_snippet|command_line|cmd_line|ts_code|typescript_code|r_code|script_code)' is a raw string that is executed$|input is a raw string that is executed$")
_RAW_DESC = re.compile(r"\b(execut\w*|run\w*|eval\w*|shell|command|sql|script|python code|code to)\b", re.I)
_HANDOFF = re.compile(r"\b(transfer\w*|hand\s?off\w*|handoff\w*|route\w*|delegat\w*)\b[^.]{0,40}\bagents?\b", re.I)
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


def _fx_evidence(x) -> str:
    ev = x[2]
    if len(x) > 3 and x[3]:
        ev += " via a helper"
    return ev


def judge(c: dict) -> tuple[bool, bool, list[str], list[str], list[str]]:
    """-> (mutating, typed, evidence, capabilities, gates)."""
    fx = c.get("fx") or []
    flags = set(c.get("flags") or ())
    name = c.get("name") or ""
    desc = c.get("description")
    evidence: list[str] = []
    caps: list[str] = list(c.get("caps") or ())
    gates: list[str] = list(c.get("gates") or ())
    for x in fx:
        cap = x[0].partition("@")[0]  # "http@url": the URL's host comes from parameter url
        if cap and cap not in caps:
            caps.append(cap)
        if isinstance(x[1], str) and x[1].startswith("gate:"):
            g = x[1][5:]
            if g not in gates:
                gates.append(g)
    if c.get("framework") == "browser-use" and "browser" not in caps:
        caps.append("browser")

    mutating = _mutating(c, fx, flags, name, desc, evidence)
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
    return mutating, typed, evidence, sorted(set(caps), key=caps.index), gates


_KNOWN_CAPS = frozenset(
    "shell code_execution sql http_write http file_write file_read email payment browser computer_use mcp_remote".split())


def _mutating(c, fx, flags, name, desc, evidence) -> bool:
    if c.get("mutating") is True or "builtin_mutating" in flags:
        evidence.append("built-in tool that changes state")
        return True
    if "builtin_unknown" in flags:
        evidence.append(f"built-in tool type parr does not know ({c.get('builtin_type')}): taken as changing state")
        return True
    ann = c.get("annotations") or {}
    strong = [x for x in fx if x[1] in ("strong", "raw")]
    medium = [x for x in fx if x[1] == "medium"]
    if strong:
        strong.sort(key=lambda x: x[3] if len(x) > 3 else 0)
        evidence.append(_fx_evidence(strong[0]))
        if ann.get("readOnlyHint") is True:
            # The code outranks its annotation (CODE-013 reports the contradiction).
            evidence.append("annotated readOnlyHint=True, but the body changes state")
        return True
    if "framework_state" in flags and not fx:
        # Body first: the whole body is visible and only keeps the agent run's own state.
        evidence.append("only updates the framework's in-process state (context variables) and returns a reply")
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
    text = f"{' '.join(name_words(name))} {desc or ''}"
    if _HANDOFF.search(text) or "agent_tool" in flags and not name_verdict(name).mutating:
        evidence.append("agent hand-off or sub-agent call, not a state change")
        return False
    if "arith" in flags:
        evidence.append("pure calculation on its arguments")
        return False
    nv = name_verdict(name)
    words = name_words(name)
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
    if nv.mutating is not None:
        evidence.extend(nv.evidence)
        if nv.mutating:
            return True
        if medium:
            evidence.append(f"{_fx_evidence(medium[0])} taken as a query: the name says it reads")
        return False
    if medium:
        # A POST with no read verb in the name: a write, whatever the description says.
        evidence.append(_fx_evidence(medium[0]))
        return True
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
    return False


def _typed(c, fx, caps, evidence) -> bool:
    preset = c.get("typed")
    if preset is False:
        if "agent_tool" in (c.get("flags") or ()):
            evidence.append("input is a free-form prompt for a sub-agent")
        elif c.get("schema") == "framework_defined":
            evidence.append("framework-defined single string input")
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
    if params is not None and c.get("schema") in ("type_hints",) and preset is None:
        for p in params:
            if not p["ok"]:
                evidence.append(f"parameter '{p['n']}' has no declared type (or is Any/dict)")
                return False
        for p in params:
            if p["str"] and p["n"] in model_sql:
                evidence.append(f"parameter '{p['n']}' is SQL, a command or code the model writes")
                return False
        for p in params:
            if p["str"] and p["n"] in catalog.RAW_PARAM_NAMES and exec_caps:
                evidence.append(f"parameter '{p['n']}' is a raw string that is executed")
                return False
            if p["str"] and p["n"] in catalog.PROMPT_PARAM_NAMES and prompt_fw:
                evidence.append(f"parameter '{p['n']}' is a free-form prompt forwarded to another agent")
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
        for p in js.get("props", []):
            t = p.get("t")
            if t is None and not p.get("sub"):
                evidence.append(f"property '{p['n']}' has no type")
                return False
            if t == "object" and not p.get("sub"):
                evidence.append(f"property '{p['n']}' is an untyped object")
                return False
        for p in js.get("props", []):
            if p.get("t") == "string" and p["n"] in model_sql:
                evidence.append(f"property '{p['n']}' is SQL, a command or code the model writes")
                return False
            if p.get("t") == "string" and p["n"] in catalog.RAW_PARAM_NAMES:
                d = f"{p.get('d') or ''} {c.get('description') or ''}"
                if exec_caps or _RAW_DESC.search(d):
                    evidence.append(f"property '{p['n']}' is a raw string that is executed")
                    return False
        return True
    if preset is True:
        return True
    return True
