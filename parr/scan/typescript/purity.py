"""Whether a handler's code changes nothing outside its call, or only its caller's session.

A tool's annotations and name are claims; its body is what runs. When every call in the body is one parr
knows to change nothing (string, number, array and JSON work, `console`, timers, promises, values made in
the body) the body is "pure"; it may be a stub, so its name and annotations still say what it stands for
(judge.py). When its only other acts go to the calling client through the request context the framework
hands it (its second parameter: `extra.sendRequest(...)` of a sampling or elicitation request, `log`,
`reportProgress`; other members of the context are unknown) or write a module-level collection keyed by
the caller's session id (`counters.set(context.sessionId, 0)`), it is "session": it changes the calling
session's own state at most, and that outranks its name and annotations. Anything else (an imported
function, an SDK, `fetch`, a write to shared state) leaves the body unclassified (None), and the other
evidence decides. Fail closed: unknown is not pure.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from parr.scan.typescript.nodes import (
    FUNCTION_TYPES,
    exported_functions,
    function_params,
    iter_descendants,
    member_chain,
    text,
    unwrap,
)
from parr.scan.typescript.values import FileCtx

PURE_ROOTS = frozenset({"console", "JSON", "Math", "Number", "String", "Object", "Array", "Promise", "Date",
                         "Boolean", "Symbol", "Intl", "Buffer"})
_PURE_GLOBALS = frozenset({"String", "Number", "Boolean", "parseInt", "parseFloat", "isNaN", "isFinite",
                           "setTimeout", "clearTimeout", "setInterval", "clearInterval", "encodeURIComponent", "decodeURIComponent", "encodeURI",
                           "decodeURI", "structuredClone", "Array", "Symbol", "BigInt", "resolve", "reject"})
_PURE_NEW = frozenset({"Promise", "Date", "URL", "Error", "TypeError", "RangeError", "Map", "Set", "Array", "RegExp",
                       "TextEncoder", "TextDecoder", "URLSearchParams"})
# Methods of strings, numbers, arrays, maps, dates and promises that return a new value or read one.
PURE_METHODS = frozenset({
    "toString", "toFixed", "toPrecision", "toISOString", "toLocaleString", "toLocaleDateString",
    "toLocaleTimeString", "toUpperCase", "toLowerCase", "trim", "trimStart", "trimEnd", "split", "slice",
    "substring", "substr", "replace", "replaceAll", "padStart", "padEnd", "repeat", "startsWith", "endsWith",
    "includes", "indexOf", "lastIndexOf", "charAt", "charCodeAt", "codePointAt", "match", "matchAll", "search",
    "concat", "join", "map", "filter", "reduce", "reduceRight", "find", "findIndex", "findLast", "some", "every",
    "flat", "flatMap", "at", "keys", "values", "entries", "forEach", "get", "has", "getTime", "getFullYear",
    "getMonth", "getDate", "getDay", "getHours", "getMinutes", "getSeconds", "valueOf", "then", "catch",
    "finally", "localeCompare", "normalize", "test", "toJSON", "size", "parse", "safeParse",
})
# Imported modules whose functions only build or compute values: schema builders, hashing, ids, paths and
# in-memory compression (module -> its pure functions, or None for all of them).
_PURE_IMPORTS: dict[str, frozenset[str] | None] = {
    "zod": None, "zod/v4": None, "zod/v3": None, "valibot": None, "arktype": None, "@sinclair/typebox": None,
    "yup": None, "joi": None,
    "crypto": frozenset({"randomUUID", "randomBytes", "randomInt", "createHash", "createHmac"}),
    "path": frozenset({"join", "resolve", "basename", "dirname", "extname", "relative", "normalize", "parse"}),
    "zlib": frozenset({"gzipSync", "gunzipSync", "deflateSync", "inflateSync", "brotliCompressSync",
                       "brotliDecompressSync"}),
    "util": frozenset({"format", "inspect", "isDeepStrictEqual"}),
}
# Members of a handler's request context that talk to the calling client only: MCP's RequestHandlerExtra
# (sendRequest of sampling/elicitation, sendNotification), FastMCP's context (log, reportProgress, streamContent).
_CLIENT_CHANNEL = frozenset({"sendRequest", "sendNotification", "elicitInput", "createMessage", "log",
                             "reportProgress", "streamContent"})
# Methods that change the collection they are called on.
_COLLECTION_WRITES = frozenset({"push", "set", "add", "delete", "clear", "splice", "unshift", "pop", "shift",
                                "sort", "reverse", "fill"})
_SESSION_KEY = re.compile(r"session_?id|sessionKey|session\.id", re.I)
_MAX_NODES = 20_000


# A server's notification addressed to one session (`server.sendLoggingMessage(msg, sessionId)`): that session only.
_SESSION_NOTIFY = frozenset({"sendLoggingMessage"})


def body_kind(ctx: FileCtx, fn: Node | None, imported: list | None = None, depth: int = 0) -> str | None:
    """"pure", "session" or None (see the module docstring). With `imported`, a call of a function of another
    file of the project is left to the project phase: it goes into that list ({module, name}) and the body's
    kind holds only if each of them is pure or session too (`exported_kinds`)."""
    if fn is None or fn.type not in FUNCTION_TYPES:
        return None
    params = function_params(fn)
    context_ids = {p.id for p in params[1:]}
    session = False
    for node in iter_descendants(fn, _MAX_NODES):
        t = node.type
        if t == "new_expression":
            ctor = member_chain(unwrap(node.child_by_field_name("constructor")))
            if len(ctor) != 1 or ctor[0] not in _PURE_NEW and not ctor[0].endswith("Error"):
                return None  # (an error object, even the SDK's own, is thrown back to the caller)
        elif t in ("assignment_expression", "augmented_assignment_expression", "update_expression"):
            target = unwrap(node.child_by_field_name("left") or node.child_by_field_name("argument"))
            if not _local(ctx, fn, target):
                return None
        elif t == "call_expression":
            kind = _call_kind(ctx, fn, node, context_ids, depth)
            if kind is None and imported is not None:
                ref = _project_call(ctx, node)
                if ref is not None:
                    if ref not in imported:
                        imported.append(ref)
                    continue
            if kind is None:
                return None
            session = session or kind == "session"
    return "session" if session else "pure"


def _project_call(ctx: FileCtx, call: Node) -> dict | None:
    """{module, name} for `helper(...)` where `helper` is a function imported from another file of this project."""
    callee = unwrap(call.child_by_field_name("function"))
    if callee is None or callee.type != "identifier":
        return None
    b = ctx.lookup(callee, text(callee))
    if b is None or b.kind != "import" or not b.module or b.imported in (None, "*", "default") or \
            not b.module.startswith((".", "@/", "~/")):
        return None
    return {"module": b.module, "name": b.imported}


def exported_kinds(ctx: FileCtx, limit: int = 200) -> dict[str, str]:
    """The kind ("pure" or "session") of each function this file exports whose body parr can vouch for: a tool
    of another file calling one takes that kind (see `body_kind`)."""
    out: dict[str, str] = {}
    for name, fn in exported_functions(ctx.root):
        if len(out) >= limit:
            return out
        kind = body_kind(ctx, fn)
        if kind is not None:
            out[name] = kind
    return out


def _root(node: Node | None) -> Node | None:
    node = unwrap(node)
    while node is not None and node.type in ("member_expression", "subscript_expression", "call_expression"):
        inner = node.child_by_field_name("function") if node.type == "call_expression" else \
            node.child_by_field_name("object")
        node = unwrap(inner)
    return node


def _declared_in(ctx: FileCtx, fn: Node, ident: Node) -> tuple[str, Node | None]:
    """("local", decl) for a name declared inside `fn` (its parameters too), ("param", param) for one of
    `fn`'s own parameters, ("outer", decl) otherwise, ("unknown", None) when unbound."""
    b = ctx.lookup(ident, text(ident))
    if b is not None and b.node is None and b.kind in ("var", "default") and \
            re.search(rb"\b(?:let|var|const)\s+" + re.escape(text(ident).encode()) + rb"\b",
                      ctx.source[fn.start_byte:fn.end_byte]):
        return ("local", None)  # `let status: string | undefined;` in the body (a declaration without value)
    if b is not None and b.kind == "import":
        return ("import", None)
    if b is None or b.node is None:
        return ("unknown", None)
    for p in function_params(fn):
        if p.start_byte <= b.node.start_byte < p.end_byte:
            return ("param", p)
    if fn.start_byte <= b.node.start_byte < fn.end_byte:
        return ("local", b.node)
    return ("outer", b.node)


def _local(ctx: FileCtx, fn: Node, target: Node | None) -> bool:
    root = _root(target)
    if root is None or root.type != "identifier":
        return False
    where, _ = _declared_in(ctx, fn, root)
    return where == "local"


def _call_kind(ctx: FileCtx, fn: Node, call: Node, context_ids: set[int], depth: int = 0) -> str | None:
    callee = unwrap(call.child_by_field_name("function"))
    if callee is None:
        return None
    if callee.type in FUNCTION_TYPES:
        return "pure"  # an inline function called at once: its body is walked with the handler's
    if callee.type == "identifier":
        name = text(callee)
        where, decl = _declared_in(ctx, fn, callee)
        if where == "local":
            return "pure"  # a function made in the body: walked with it
        if where == "unknown" and name in _PURE_GLOBALS or where == "import" and _pure_import(ctx, callee, name):
            return "pure"
        if where == "param" and decl is not None and decl.id in context_ids and name in _CLIENT_CHANNEL:
            return "session"  # reportProgress(...) destructured from the request context
        if where == "outer" and depth < 2 and decl is not None and decl.type == "function_declaration" and \
                not (decl.start_byte <= fn.start_byte and fn.end_byte <= decl.end_byte):
            return body_kind(ctx, decl, None, depth + 1)  # a function of this file: its own body decides
        return None
    if callee.type != "member_expression":
        return None
    method = text(callee.child_by_field_name("property"))
    root = _root(callee)
    if root is None:
        return None
    if root.type in ("string", "template_string", "array", "number", "regex"):
        return "pure" if method in PURE_METHODS else None
    if root.type != "identifier":
        return None
    where, decl = _declared_in(ctx, fn, root)
    if where == "unknown":
        return "pure" if text(root) in PURE_ROOTS else None
    if where == "import":
        # `randomBytes(16).toString("hex")`: a method on what a pure import gave (the root is that import)
        return "pure" if _pure_import(ctx, root, text(root) if root != _member_root(callee) else None) else None
    chain = member_chain(callee)
    args = call.child_by_field_name("arguments")
    if method in _SESSION_NOTIFY and args is not None and any(_session_key(ctx, fn, a) for a in args.named_children):
        return "session"  # server.sendLoggingMessage(msg, sessionId): a notification to that session's client
    if where == "param" and decl is not None and decl.id in context_ids and (
            chain[0] in _CLIENT_CHANNEL or len(chain) > 1 and chain[1] in _CLIENT_CHANNEL
            and not (chain[1] == "log" and len(chain) == 2)):
        # extra.sendRequest(...), log.info(...), context.log.warn(...): through the caller's request context.
        # (`deps.log(...)` is a method named log of whatever the caller hands in: `provider.log()` runs git log)
        return "session"
    if method in _COLLECTION_WRITES:
        if where == "local":
            return "pure"
        first = args.named_children[0] if args is not None and args.named_children else None
        if where == "outer" and first is not None and _session_key(ctx, fn, first):
            return "session"  # counters.set(context.sessionId, 0): this session's entry of a module map
        return None
    if method in PURE_METHODS and where in ("local", "param", "outer"):
        return "pure"
    return None


def _member_root(callee: Node) -> Node | None:
    """The object a member call starts from when no call comes between (`crypto.randomUUID` -> `crypto`)."""
    node = unwrap(callee)
    while node is not None and node.type in ("member_expression", "subscript_expression"):
        node = unwrap(node.child_by_field_name("object"))
    return node


def _pure_import(ctx: FileCtx, ident: Node, name: str | None) -> bool:
    b = ctx.lookup(ident, text(ident))
    module = (b.module or "") if b is not None else ""
    module = module[5:] if module.startswith("node:") else module
    if module not in _PURE_IMPORTS:
        return False
    names = _PURE_IMPORTS[module]
    return names is None or (name is not None and (b.imported or name) in names)


def _session_key(ctx: FileCtx, fn: Node, key: Node) -> bool:
    """The key names the caller's session: `context.sessionId`, or a local made from it."""
    if _SESSION_KEY.search(text(key)):
        return True
    key = unwrap(key)
    if key is None or key.type != "identifier":
        return False
    where, decl = _declared_in(ctx, fn, key)
    value = ctx.value_node(key) if where == "local" else None
    return value is not None and _SESSION_KEY.search(text(value)) is not None
