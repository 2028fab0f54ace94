"""Model input carried across calls: what a call passes for each parameter of its callee, and the
callee's statement sinks and deferred calls seen in the caller's parameters.

An argument map is {key: info} for one call, `key` the position ("0") or keyword, `info` a dict with
"p" (the caller's parameters that start the value; "?" for bound where parr does not follow), "t"
(its literal text), "o" (the qualified class that built the object passed), "v" (the literal string
passed, for the callee's branch conditions: parr.scan.python.branches), "f" (a function whose code the
caller's reading holds: a thunk or a helper defined in the caller, which a callee calling its parameter
runs), "pp" (the caller's parameters
that reach other parts of the value than its start, for a directory the callee makes), "n" (the caller's parameter
passed as it is) or "x" (something else: the callee's default does not hold). A deferred call is a
call parr resolves in another file, or on an object a parameter holds:
["q", qualified callee, argument map] (the map left out when empty) or ["p", parameter, method,
argument map]. Pure data in,
data out: the extractor and the cross-file resolver share it."""

from __future__ import annotations

from parr.scan.effects_kb import graphql
from parr.scan.python import branches

_MAX_ITEMS = 30


def binding(argmap: dict, params: list[str]) -> dict[str, dict]:
    """The callee's parameters -> what the call passes there (by position, then keyword)."""
    out: dict[str, dict] = {}
    for key, info in argmap.items():
        if key.isdigit():
            i = int(key)
            if i < len(params):
                out[params[i]] = info
        elif key in params:
            out[key] = info
    if "*" in argmap:  # f(*args) / f(**kwargs): any parameter may be given anything
        for p in params:
            out.setdefault(p, argmap["*"])
    return out


def _sources(names, bound: dict[str, dict], params: list[str], path: bool = False) -> set[str]:
    """The caller's parameters that start what the call passes for the callee's `names`; with
    `path`, also those that reach any other part of it ("pp": where a directory is made)."""
    src: set[str] = set()
    for n in names:
        if n in bound:
            src |= set(bound[n].get("p") or ())
            if path:
                src |= set(bound[n].get("pp") or ())
        elif n not in params:
            src.add("?")  # not one of the callee's parameters: bound where parr does not follow
    return src


def translate_map(argmap: dict, bound: dict[str, dict], params: list[str]) -> dict:
    """An argument map written in the callee's parameters, rewritten in the caller's."""
    out = {}
    for key, info in argmap.items():
        new = {}
        src = _sources(info.get("p") or (), bound, params)
        if src:
            new["p"] = sorted(src)
        more = _sources([*(info.get("p") or ()), *(info.get("pp") or ())], bound, params, path=True) - src
        if more:
            new["pp"] = sorted(more)
        for k in ("t", "o", "v"):
            if k in info:
                new[k] = info[k]
        handed = bound.get(info["p"][0]) if len(info.get("p") or ()) == 1 else None
        if handed is not None:  # the parameter itself was handed on: its literal text, its object
            for k in ("t", "o"):
                if k in handed and k not in new:
                    new[k] = handed[k]
        if "n" in info:  # the callee's own parameter passed on as it is: what its caller passed there
            given = bound.get(info["n"])
            if given is not None:
                for k in ("v", "n"):
                    if k in given:
                        new[k] = given[k]
        if ("n" in info or "x" in info) and "v" not in new and "n" not in new:
            new["x"] = 1  # not a literal here: the callee's default does not hold
        if new:
            out[key] = new
    return out


def translate_call(item: list, bound: dict[str, dict], params: list[str]) -> list | None:
    """A callee's deferred call seen from its caller: a method on an object a parameter holds
    becomes a call of that object's class when the caller passed an object parr knows, or stays
    deferred on the caller's own parameter."""
    if item[0] == "q":
        return call_item(item[1], translate_map(args_of(item), bound, params))
    _, p, method, argmap = item
    new_map = translate_map(argmap, bound, params)
    info = bound.get(p)
    if info is None:
        return None
    if info.get("o"):
        return call_item(f"{info['o']}.{method}", new_map)
    src = [s for s in info.get("p") or () if s != "?"]
    if len(src) == 1 and info.get("p") == src:
        return ["p", src[0], method, new_map]
    return None


def map_effects(fx: list, bound: dict[str, dict], params: list[str], sql_text_effect) -> list:
    """A callee's effects seen from its caller: a capability tied to the callee's parameters
    ("sql@query") is tied to the caller's parameters that reach them, or, when the caller passes a
    fixed statement, is that statement's read or write (SQL) or stays unbroad (code, commands)."""
    out = []
    for x in fx:
        cap = x[0]
        if "@" not in cap:
            out.append(list(x))
            continue
        base, _, tied = cap.partition("@")
        names = tied.split(",")
        if base == "fn":
            # the callee calls its parameter: gone where the call hands it a function the caller's
            # reading holds ("f"), tied to the caller's parameter passed on as it is, else unread
            if all(n in bound and bound[n].get("f") for n in names):
                continue
            handed = [bound[n]["n"] for n in names if n in bound and "n" in bound[n]]
            out.append([f"fn@{handed[0]}" if len(handed) == len(names) == 1 else ""] + list(x[1:]))
            continue
        src = _sources(names, bound, params, path=x[1] == "ensure_dir")
        texts = [bound[n].get("t") if n in bound else None for n in names]
        if base == "sql" and not src and texts and all(t is not None for t in texts):
            out.append(list(sql_text_effect(texts)) + list(x[3:]))
            continue
        if base == "gql" and not src and texts and all(t is not None for t in texts):
            got = gql_text_effect(texts)
            if got is not None:
                out.append(list(got) + list(x[3:]))
                continue
        keep = base if base in ("shell", "code_execution") else ""
        ev = x[2] if src or base != "sql" else x[2].replace("SQL the model writes", "SQL built at run time")
        out.append([f"{base}@{','.join(sorted(src))}" if src else keep, x[1], ev] + list(x[3:]))
    return out


def call_item(qual: str, argmap: dict) -> list:
    return ["q", qual, argmap] if argmap else ["q", qual]


def args_of(item: list) -> dict:
    """The argument map of a deferred call (empty when left out)."""
    return item[-1] if len(item) > (2 if item[0] == "q" else 3) else {}


def informative(item: list) -> bool:
    """A deferred call that passes the caller's input, a statement or an object (not only literals
    and values for the callee's branch conditions)."""
    return any(k in info for info in args_of(item).values() for k in ("p", "pp", "t", "o", "f"))


def dedupe(items: list) -> list:
    """Without repeats; the calls that pass input, statements or objects first (a long list is cut
    where it matters least: a call left out decides none of its callee's branches)."""
    seen, keep, rest = set(), [], []
    for it in items:
        k = repr(it)
        if k not in seen:
            seen.add(k)
            (keep if informative(it) else rest).append(it)
    return keep[:_MAX_ITEMS] + rest[:_MAX_ITEMS - 10]


def bind_conds(fx: list, bound: dict[str, dict] | None, params: list[str], defaults: dict[str, str]) -> list:
    """A callee's effects seen from a call: an effect under a branch condition
    (parr.scan.python.branches) the call's literal arguments (or the callee's defaults, for what
    it does not pass) decide is kept or dropped; one on a parameter the caller passes on as it is
    is tied to the caller's parameter; else the condition is left out (every branch stays) and an
    "is" variant is dropped. With `bound` None nothing is bound (a tool's own parameters: the
    model's input)."""
    out = []
    for x in fx:
        if len(x) < 5 or not x[4]:
            out.append(x)
            continue
        keep, rest, chosen = True, [], None
        for item in x[4]:
            p = item[0]
            if bound is not None and p in bound:
                info = bound[p]
                value = info.get("v")
                if value is None and "n" in info and "?" not in (info.get("p") or ()):
                    rest.append([info["n"], *item[1:]])
                    continue
            elif bound is not None and p in params:
                value = defaults.get(p)
            else:
                value = None
            if value is None:
                if item[1] == "is":
                    keep = False
                continue
            if not branches.decide(item, value):
                keep = False
            elif item[1] == "is":
                chosen = value.upper() if item[3] == "u" else value
        if keep:
            ev = x[2].replace("{method}", chosen) if chosen is not None else x[2]
            out.append([x[0], x[1], ev, *x[3:4]] + ([rest] if rest else []))
    return out


def gql_text_effect(texts: list[str]):
    """What literal GraphQL documents handed to a helper that sends them do: a write if any is a
    mutation, a read if all are queries; None if one is not a document parr reads."""
    got = [graphql.effect(t) for t in texts]
    if any(g is None for g in got):
        return None
    hit = next((g for g in got if g[0]), got[0])
    return ("", "strong" if hit[0] else "read", hit[1])
