"""SDK calls that change state, as data: one table per SDK family, read by one small matcher.

Each family module declares its `FAMILIES`: the import roots and receiver names that
identify a client of the SDK, and the operations that change state, either by the SDK's naming
rule (a leading verb, as botocore names operations) or as exact method names. Both language
scanners ask `match_python` / `match_typescript`; neither keeps its own list of SDK methods."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

STRONG = "strong"
WEAK = "weak"
READ = "read"

_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def words_of(name: str) -> list[str]:
    """snake_case, camelCase and PascalCase names as lower-case words."""
    return [w.lower() for w in _WORDS.findall(name)]


@dataclass(frozen=True)
class Family:
    """One SDK family's state-changing calls.

    A call matches when its client is identified (the receiver was built by one of `modules`, or
    the file imports one of them and the receiver's name fits `receivers`, or the receiver or its
    origin fits `identifying`) and the method is a mutation: an
    exact name in `methods`, or a name whose verb (the first word, or the word after the
    namespace for `namespaced` SDKs such as Slack's chat_postMessage) is in `verbs`, with at
    least `min_words` words."""

    name: str
    what: str  # evidence wording, e.g. "changes AWS resources"
    capability: str = ""  # a scan capability ("email", "payment", "shell", "sql") or ""
    py_modules: frozenset[str] = frozenset()
    ts_modules: tuple[str, ...] = ()  # module specifiers, matched as prefixes ("@aws-sdk/")
    receivers: re.Pattern[str] | None = None  # receiver text (or its origin) fitting a client, in a file importing it
    identifying: re.Pattern[str] | None = None  # receiver text (or its origin) that alone names the SDK
    not_clients: re.Pattern[str] | None = None  # receivers (or origins) that are configuration, not clients
    anywhere: bool = False  # `methods` are unique to the SDK: no client needs identifying
    verbs: frozenset[str] = frozenset()
    min_words: int = 2
    namespaced: bool = False
    methods: frozenset[str] = frozenset()
    read_methods: frozenset[str] = frozenset()
    chain_requires: re.Pattern[str] | None = None  # the receiver chain must show this shape
    ts_command_classes: bool = False  # `new <Verb><Noun>Command(...)` of a modular v3 SDK
    shell_methods: frozenset[str] = field(default_factory=frozenset)  # calls that run a command
    # (receiver pattern, method, capability): a call of the family with a capability of its own
    # (Gmail's users().messages().send() sends e-mail; its drafts().create() only stores a draft)
    method_caps: tuple[tuple[re.Pattern[str], str, str], ...] = ()
    # Calls that only read (the Redis command table's read-only commands): a body whose every call
    # is known and reads is judged by them, not by its name's verb (redis `type`: r.type(key)).
    reads: frozenset[str] = frozenset()
    read_what: str = ""


def _what(fam: Family, cap: str) -> str:
    return "sends e-mail" if cap == "email" and fam.capability != "email" else fam.what


def capability_of(fam: Family, receiver: str, method: str) -> str:
    for pattern, name, cap in fam.method_caps:
        if name == method and pattern.search(receiver):
            return cap
    return fam.capability


@dataclass(frozen=True)
class Hit:
    family: str
    capability: str
    strength: str
    evidence: str


def _verb(method: str, fam: Family) -> tuple[str | None, int]:
    base = method.rstrip("_")
    if fam.namespaced and "_" in base:
        base = base.split("_", 1)[1]
    words = words_of(base)
    if len(words) > 1 and words[0] in ("batch", "transact"):
        words = words[1:]  # BatchDeleteAttributes, TransactWriteItems: the second word is the verb
    return (words[0] if words else None), len(words)


# create_client, create_clidriver, create_session: factories of in-process objects, not operations
_FACTORY_NOUNS = frozenset("client clidriver driver session connection engine parser logger app agent model "
                           "pool config context builder factory waiter paginator".split())


def _mutation(method: str, fam: Family) -> bool:
    if method in fam.read_methods:
        return False
    if method in fam.methods:
        return True
    verb, n = _verb(method, fam)
    if verb == "create" and words_of(method)[-1] in _FACTORY_NOUNS:
        return False
    return verb is not None and verb in fam.verbs and n >= fam.min_words


def _identified_py(fam: Family, receiver: str, origin: str | None, file_roots: frozenset[str]) -> bool:
    if fam.anywhere:
        return True
    if fam.not_clients is not None and fam.not_clients.search(
            f"{receiver.rsplit('.', 1)[-1]} {(origin or '').rstrip('()').rsplit('.', 1)[-1]}"):
        return False  # judged by what built the receiver last: Session().client("s3") is a client
    if origin and origin.split(".", 1)[0].rstrip("()") in fam.py_modules:
        return True
    if fam.chain_requires is not None and not fam.chain_requires.search(receiver):
        return False
    text = f"{receiver} {origin or ''}"
    fits = fam.receivers is None or bool(fam.receivers.search(text))
    if file_roots & fam.py_modules and fits:
        return True
    return fam.identifying is not None and bool(fam.identifying.search(text))


@lru_cache(maxsize=8192)
def candidates(method: str) -> tuple[Family, ...]:
    """The families in which `method` would be a mutation or run a command (a pure function of
    the name, asked for every call a scanner sees: cached)."""
    return tuple(f for f in ALL if method in f.shell_methods or _mutation(method, f))


def match_python(method: str, receiver: str, origin: str | None, file_roots: frozenset[str],
                 families: tuple[Family, ...] | None = None) -> Hit | None:
    """The state change of `receiver.method(...)`, or None. `origin` is the qualified callee that
    built the receiver (`boto3.client`), when the scanner knows it; `file_roots` the file's
    top-level imports."""
    if not receiver or receiver in ("self", "cls"):
        return None
    for fam in families or candidates(method):
        if method in fam.shell_methods and _identified_py(fam, receiver, origin, file_roots):
            return Hit(fam.name, "shell", STRONG, f"runs a command ({fam.name} {method})")
        if _mutation(method, fam) and _identified_py(fam, receiver, origin, file_roots):
            cap = capability_of(fam, receiver, method)
            return Hit(fam.name, cap, STRONG, f"{_what(fam, cap)} ({receiver.rsplit('.', 1)[-1]}.{method})")
    return None


def match_python_read(method: str, receiver: str, origin: str | None, file_roots: frozenset[str]) -> Hit | None:
    """`receiver.method(...)` as a known read of an SDK family whose reads are listed, or None."""
    if not receiver or receiver in ("self", "cls"):
        return None
    for fam in _READERS.get(method, ()):
        if _identified_py(fam, receiver, origin, file_roots):
            return Hit(fam.name, "", READ, f"{fam.read_what} ({receiver.rsplit('.', 1)[-1]}.{method})")
    return None


def _ts_module_of(fam: Family, module: str | None) -> bool:
    return module is not None and any(module == m or module.startswith(m) for m in fam.ts_modules)


def match_typescript(chain: list[str], module: str | None, families: tuple[Family, ...] | None = None) -> Hit | None:
    """The state change of a call `a.b.method(...)` given as its member chain, with the module the
    chain's root was imported from (if any)."""
    if len(chain) < 2:
        return None
    method = chain[-1]
    cands = families or candidates(method)
    if not cands:
        return None
    receiver = ".".join(chain[:-1]).replace(".()", "()")  # supabase.from("t").insert: supabase.from()
    shown = receiver.rsplit(".", 1)[-1]
    for fam in cands:
        if not fam.ts_modules and not fam.anywhere:
            continue
        if fam.chain_requires is not None and not fam.chain_requires.search(receiver):
            continue
        ident = fam.anywhere or _ts_module_of(fam, module) or (
            fam.identifying is not None and bool(fam.identifying.search(receiver)))
        if not ident:
            continue
        if method in fam.shell_methods:
            return Hit(fam.name, "shell", STRONG, f"runs a command ({fam.name} {method})")
        if _mutation(method, fam):
            cap = capability_of(fam, receiver, method)
            return Hit(fam.name, cap, STRONG, f"{_what(fam, cap)} ({shown}.{method})")
    return None


def match_command_class(cls_name: str, module: str | None) -> Hit | None:
    """`new DetachRolePolicyCommand(...)` of a modular SDK (AWS SDK v3): the operation is the
    class name without 'Command', named by the SDK's verb rule."""
    if not cls_name.endswith("Command") or len(cls_name) <= len("Command"):
        return None
    op = cls_name[: -len("Command")]
    for fam in ALL:
        if not fam.ts_command_classes:
            continue
        if module is not None and not _ts_module_of(fam, module):
            continue
        verb, n = _verb(op, fam)
        if verb in fam.verbs and n >= 1:
            cap = fam.capability
            if "Email" in op and verb == "send":
                cap = "email"
            return Hit(fam.name, cap, STRONG, f"{fam.what} ({cls_name})")
    return None


from parr.scan.effects_kb import aws, containers, datastores, desktop, google, kubernetes, messaging, saas, vectors  # noqa: E402

ALL: tuple[Family, ...] = (
    # (vector stores before MongoDB, whose drop_collection is matched anywhere: milvus.drop_collection is Milvus's)
    *vectors.FAMILIES, *datastores.FAMILIES, *aws.FAMILIES, *google.FAMILIES, *kubernetes.FAMILIES,
    *messaging.FAMILIES, *saas.FAMILIES, *containers.FAMILIES, *desktop.FAMILIES,
)

# method -> the families that list it as a read
_READERS: dict[str, tuple[Family, ...]] = {}
for _fam in ALL:
    for _m in _fam.reads:
        _READERS[_m] = _READERS.get(_m, ()) + (_fam,)


# Helpers that are the server's own plumbing (sign-in and its credential cache, logging, tracing,
# metrics): what they write is not what a tool does for the model, so their effects are not
# followed into the tools that call them. Matched on the helper's own name, word by word; words
# that also name actions (authorize a payment, revoke a token, update settings) are left out.
_PLUMBING_WORDS = frozenset(
    "auth authenticate authentication credentials credential creds oauth login "
    "logger logging log telemetry trace tracing tracer span metric metrics".split())


# Calls that build the URL a person opens to sign in (OAuth authorization): what a "start auth"
# tool does; nothing changes until the person acts. google_auth_oauthlib / requests_oauthlib
# (authorization_url), Authlib (create_authorization_url), MSAL (get_authorization_request_url,
# initiate_auth_code_flow), oauth2client (step1_get_authorize_url).
SIGNIN_URL = "signin_url"
SIGNIN_URL_METHODS = frozenset({"authorization_url", "create_authorization_url", "get_authorization_request_url",
                                "initiate_auth_code_flow", "step1_get_authorize_url"})


# A client's own connection set-up (`_ensure_connected`, `_initialize_connection`, `get_conn`): it
# runs the operator's init statements and probes (`SELECT 1`), not what a tool asks for. Creating a
# connection resource (`create_connection`) is not set-up and stays an effect.
_CONNECTION_SETUP = re.compile(
    r"^_*(?:(?:ensure|init|initiali[sz]e|get|open|setup|lazy|new|re)_?)?(?:db_|database_)?"
    r"(?:connect|connected|connection|conn)$", re.I)


def is_plumbing(function_name: str) -> bool:
    """Whether a helper's name says it is sign-in, logging, tracing or metrics plumbing, or a
    client's connection set-up."""
    last = function_name.rsplit(".", 1)[-1]
    return bool(set(words_of(last)) & _PLUMBING_WORDS) or bool(_CONNECTION_SETUP.match(last))


_SIGNIN_WORDS = frozenset("auth authenticate authentication oauth login".split())


def is_signin(function_name: str) -> bool:
    """Whether a plumbing helper's name says it is sign-in (the only plumbing that may build a
    sign-in URL worth following into)."""
    return bool(set(words_of(function_name.rsplit(".", 1)[-1])) & _SIGNIN_WORDS)


def makes_client(function_name: str) -> bool:
    """Whether a helper's name says it builds or hands out a client, connection or session
    (get_connection, create_client, _get_driver): setting one up is not what the tool does, so the
    calls parr cannot read inside it do not count; what the tool calls on the client does."""
    words = words_of(function_name.rsplit(".", 1)[-1])
    return bool(words) and words[-1] in _FACTORY_NOUNS and words[0] in ("get", "create", "make", "build", "new", "init",
                                                                      "open", "connect", "ensure", "load")
