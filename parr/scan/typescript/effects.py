"""What a tool's handler body does: writes, deletes, sends, pays, runs shell/code/SQL (from its calls).

The analysis reads calls in the handler's syntax tree (and, one or two levels deep, the bodies of
functions of the same file that it calls). It never runs anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from tree_sitter import Node

from parr.scan import effects_kb
from parr.scan.evidence import READ_METHOD, name_words
from parr.scan.typescript.purity import PURE_METHODS, PURE_ROOTS
from parr.scan.effects_kb import browsers as browsers_kb, cli as cli_kb, datastores, graphql, sinks
from parr.scan.effects_kb.system import (
    TS_FS_MODULES as _FS_MODULES, TS_FS_ROOTS as _FS_ROOTS, TS_FS_WRITE as _FS_WRITE, TS_FS_READ as _FS_READ, TS_CP_MODULES as _CP_MODULES, TS_CP_FUNCS as _CP_FUNCS, TS_VM_FUNCS as _VM_FUNCS, TS_CODE_RUN_NAMES as _CODE_RUN_NAMES,
)
from parr.scan.effects_kb.http import (
    TS_HTTP_WRITE_METHODS as _HTTP_WRITE_METHODS,
)
from parr.scan.effects_kb.payments import (
    TS_PAYMENT_MODULES as _PAYMENT_MODULES, TS_PAYMENT_VERBS as _PAYMENT_VERBS,
)
from parr.scan.effects_kb.email import (
    TS_EMAIL_MODULES as _EMAIL_MODULES,
)
from parr.scan.typescript.nodes import (
    FUNCTION_TYPES, args_of, captures, commonjs_exports, entry_value, function_params, is_function, iter_descendants, member_chain, member_root,
    object_entries, param_pattern, string_literal, text, unwrap,
)
from parr.scan.typescript import branches, model_browsers
from parr.scan.typescript import framework_state, process
from parr.scan.typescript.values import FileCtx, this_object

_SQL_RUN_NAMES = frozenset({"executeSql", "execSql", "runSql", "executeSQL", "runSQL", "execute_sql", "run_sql",
                            "executeRawSql", "runRawSql",
                            # the Supabase Management API's migration endpoint (and clients named for it) runs the
                            # migration's SQL (`applyMigration(projectId, { name, query })`)
                            "applyMigration"})
_SQL_KEYS = frozenset({"query", "sql", "statement", "text"})
# Input field types whose value, when the handler executes it, is model-written code, SQL or a
# command: a string, or a type parr cannot read (a schema imported from a package): fail closed.
EXECUTABLE_TYPES = frozenset({"string", "?"})
_READ_ONLY_KEYS = frozenset({"read_only", "readOnly"})
_SQL_METHODS = frozenset({"query", "execute", "exec", "run", "raw", "all", "get", "prepare", "unsafe", "sql",
                          "$queryRaw", "$executeRaw", "$queryRawUnsafe", "$executeRawUnsafe", "many", "one",
                          "none", "any", "oneOrNone", "manyOrNone", "batch", "first", "queryRaw"})
# Query-running methods of a project's own database wrapper, read on a receiver named for a database (not a
# bare `client`: `searchClient.runQuery(q)` runs a search).
_QUERY_RUNNERS = frozenset({"runQuery", "executeQuery", "execQuery", "runRawQuery", "executeRawQuery"})
_DB_RECEIVER = re.compile(r"db|database|sql|conn|pool|knex|postgres|mysql|sqlite|pg|drizzle|neon|turso", re.I)
_SQL_START = re.compile(r"^\s*\(?\s*(SELECT|WITH|INSERT|UPDATE|DELETE|DROP|CREATE|ALTER|TRUNCATE|REPLACE|MERGE|UPSERT|GRANT|REVOKE|PRAGMA|SHOW|DESCRIBE|EXPLAIN)\b", re.I)
_SQL_WRITE = re.compile(r"^\s*\(?\s*(INSERT|UPDATE|DELETE|DROP|CREATE|ALTER|TRUNCATE|REPLACE|MERGE|UPSERT|GRANT|REVOKE)\b", re.I)
_SQL_WRITE_ANYWHERE = re.compile(r"\b(INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|DROP\s+TABLE|TRUNCATE\s+TABLE|ALTER\s+TABLE)\b", re.I)
_DBISH = re.compile(r"db|database|sql|conn|pool|knex|prisma|pg|mysql|sqlite|postgres|supabase|drizzle|tx|trx|d1|neon|turso|client", re.I)
_DB_WRITE_METHODS = frozenset({
    "insert", "insertOne", "insertMany", "update", "updateOne", "updateMany", "delete", "deleteOne",
    "deleteMany", "upsert", "replaceOne", "findOneAndUpdate", "findOneAndDelete", "findOneAndReplace",
    "findByIdAndUpdate", "findByIdAndDelete", "bulkWrite", "createMany", "updateMany", "destroy", "truncate",
    "del", "set", "put", "remove", "save", "create", "drop", "add", "setDoc", "addDoc", "updateDoc", "deleteDoc",
})
_STOREISH = re.compile(r"db|database|prisma|knex|supabase|collection|repo|repository|table|sql|mongo|redis|"
                       r"\bkv\b|kv$|^kv|cache|bucket|storage|r2|s3|firestore|dynamo|drizzle|store", re.I)
_MUTATING_METHOD_PREFIX = re.compile(
    r"^(create|update|delete|remove|send|post|put|patch|insert|upsert|publish|cancel|refund|charge|transfer|"
    r"merge|archive|destroy|write|upload|drop|submit|approve|reject|assign|invite|close|reopen|add|set|"
    r"book|purchase|pay|execute|deploy|trigger|dispatch|enqueue|notify|reply|comment|move|rename|revoke|grant|"
    r"pause|resume|detach|attach|terminate|restore|rebase|reset|associate|disassociate|deregister|unarchive|"
    r"reboot|purge|restart|reorder)"
    r"(?=$|[A-Z_])")
# A call that builds a read (a query, a selection, a search): `.execute()`/`.run()` on its result runs that read.
_READ_BUILDER = re.compile(r"^(query|select|selectFrom|search|find|get|list|read|count|fetch|describe)(?=$|[A-Z_])")
# A receiver that is the code's own tracing or logging (getActiveSpan().setAttribute, scope.setTag).
_OBSERVABILITY = re.compile(r"span|trace|tracer|tracing|telemetry|metric|meter\b|logger|otel|breadcrumb|scope", re.I)
# Starting or launching something through a client (not a span or timer of its own telemetry).
_STARTS_REMOTE_WORK = re.compile(r"^(start|launch)(?=[A-Z_])")
# Work started on a service that only reads what it reaches: a crawl, scrape, search or research job, a stream of
# a run's events (firecrawl's startCrawl, Exa's createStream); what it returns is its output. (`createSearch`, `createMap`
# are left out: they make a saved thing on the service.)
_STARTS_READ_JOB = re.compile(r"^(?:(?:start|launch|submit|enqueue)(?:Async|Batch|_)?(?:Crawl|Scrape|Search|Research|"
                              r"Extract|Extraction)(?:Job|Task|Run)?|createStream)$")
_READ_JOB_RESOURCE = re.compile(r"^(?:crawl|scrape|search|research|extract|extraction|map)s?$", re.I)
# Setters of a client library's own settings in this process (`wikipedia.setLang(lang)`, `client.setTimeout(5000)`):
# they configure the object the tool then calls, and change nothing outside it.
_CLIENT_SETTING = re.compile(r"^set(?:Lang|Language|Locale|Timeout|LogLevel|Verbose|Debug|Defaults?|Options?|Config|"
                             r"ApiKey|BaseUrl|BaseURL|Proxy|Headers?|UserAgent|Encoding)$")
_CLIENTISH = re.compile(r"client|api|sdk|octokit|github|gitlab|slack|stripe|twilio|resend|mailer|transporter|"
                        r"jira|linear|notion|gmail|calendar|drive|sheets|s3|bucket|prisma|supabase|firestore|"
                        r"mongo|hubspot|salesforce|shopify|zendesk|intercom|discord|telegram|airtable|asana|"
                        r"trello|clickup|sendgrid|mailgun|postmark|sns|sqs|ses|lambda|queue|kafka|webhook", re.I)
_BROWSER_ACTIONS = frozenset({"goto", "click", "fill", "type", "press", "evaluate", "screenshot", "pdf",
                              "setContent", "selectOption", "check", "hover", "dblclick", "tap", "dragAndDrop",
                              "keyboard", "mouse", "newPage", "waitForSelector", "setInputFiles"})
_AGENT_CALLS = frozenset({"invoke", "stream", "run", "call", "generate", "generateText", "streamText",
                          "ainvoke", "chat", "ask", "prompt", "execute", "runAgent", "generateObject",
                          "streamVNext", "generateVNext"})
_AGENTISH = re.compile(r"agent|chain|executor|graph|crew|supervisor|assistant|workflow", re.I)
_SHARED_MUTATORS = frozenset({"push", "splice", "set", "delete", "add", "clear", "unshift", "pop", "shift",
                              "setState", "assign", "fill", "copyWithin"})
_HITL_CALLS = frozenset({"elicitInput", "elicit", "interrupt", "requestApproval", "askForApproval",
                         "requestConfirmation", "confirmAction", "humanApproval"})

_MUTATING_FN_NAME = re.compile(
    r"^(add|append|apply|approve|archive|assign|book|buy|cancel|charge|clear|close|commit|complete|create|"
    r"delete|deploy|destroy|disable|drop|edit|enable|erase|execute|grant|insert|install|invite|kill|mark|"
    r"merge|modify|move|mutate|notify|pay|persist|post|publish|purchase|push|put|refund|register|reject|"
    r"remove|rename|replace|reset|restart|restore|revoke|save|schedule|send|set|store|submit|transfer|"
    r"trigger|unlink|update|upload|upsert|write)(?=$|[A-Z_])")


_BENIGN_GLOBALS = frozenset({"setTimeout", "setInterval", "setImmediate", "clearTimeout", "clearInterval",
                             "clearImmediate", "addEventListener", "removeEventListener", "setState", "setLoading",
                             "setError", "setResult", "setData", "setStatus", "postMessage"})


# A tracing or metrics object (`getActiveSpan().setAttribute(...)`, `meter.addCounter(...)`): setting
# its attributes records telemetry, not a change the tool makes.
_TELEMETRY = re.compile(r"span|attribute|trace|log|metric|telemetry|timer|timeout|interval|header|cookie|"
                        r"loading|context|state|status|progress|debug|cache", re.I)


@dataclass
class Effects:
    strong: list[str] = field(default_factory=list)      # evidence that the handler writes/sends/executes
    weak: list[str] = field(default_factory=list)        # evidence of in-memory state changes
    medium: list[str] = field(default_factory=list)      # POSTs: writes unless the name says it reads
    caps: set[str] = field(default_factory=set)
    executed: set[str] = field(default_factory=set)      # names passed raw to shell/code/SQL/agent sinks
    hitl: bool = False
    approval_request: bool = False  # filed a request in an approval queue (approvals.propose(...))
    confirm_text: bool = False
    pending: list = field(default_factory=list)  # (capability, helper parameters picking a URL's host)
    reads: list[str] = field(default_factory=list)  # processes run that only read ("kubectl get: reads")
    choices: list[dict] = field(default_factory=list)  # CLI subcommands the model picks (effects_kb.cli)
    proc_params: list[dict] = field(default_factory=list)  # a helper runs a process from its parameters
    imports: list[dict] = field(default_factory=list)  # calls of functions imported from this project
    as_helper: bool = False  # read for callers in other files: a process run from parameters waits for them
    runs: list[str] = field(default_factory=list)  # input fields a CLI runs as a command (kubectl exec -- <x>)
    bound: dict = field(default_factory=dict)  # a helper's parameters -> the literal its caller passes (branches)
    written: set = field(default_factory=set)  # names written into a file of the sandbox/workspace (write-then-run)
    query_docs: set = field(default_factory=set)  # names handed whole to a MongoDB query as its filter/pipeline
    unread: list[str] = field(default_factory=list)  # calls of code parr cannot read (an SDK, a runtime object)
    no_code: bool = False  # a tool with no handler beside it: what runs it is found elsewhere, or nowhere
    prompted: set = field(default_factory=set)  # names made the text of a user's message to a model (a free prompt)
    sink_notes: list = field(default_factory=list)  # sinks of raw text no other evidence names (ops.exec(command))
    command_args: set = field(default_factory=set)  # names in an argument named `command`/`code` of a command method

    def add_strong(self, evidence: str, cap: str | None = None) -> None:
        if evidence not in self.strong:
            self.strong.append(evidence)
        if cap:
            self.caps.add(cap)

    def merge(self, other: "Effects") -> None:
        for e in other.strong:
            if e not in self.strong:
                self.strong.append(e)
        for e in other.weak:
            if e not in self.weak:
                self.weak.append(e)
        for e in other.medium:
            if e not in self.medium:
                self.medium.append(e)
        self.caps |= other.caps
        self.reads += [e for e in other.reads if e not in self.reads]
        self.choices += [c for c in other.choices if c not in self.choices]
        self.runs += [f for f in other.runs if f not in self.runs]
        self.imports += [c for c in other.imports if c not in self.imports][:20]
        self.unread += [e for e in other.unread if e not in self.unread][:8]
        self.hitl = self.hitl or other.hitl
        self.approval_request = self.approval_request or other.approval_request


def _names_in(node: Node | None, limit: int = 400) -> set[str]:
    out: set[str] = set()
    if node is None:
        return out
    for n in iter_descendants(node, limit):
        if n.type in ("identifier", "property_identifier", "shorthand_property_identifier"):
            out.add(text(n))
    return out


# Puppeteer's page.evaluate(pageFunction, ...args) and Playwright's page.evaluate(pageFunction, arg) call
# pageFunction in the page with the values given after it: its parameters are those values.
_EVALUATE_METHODS = frozenset({"evaluate", "evaluateHandle", "evaluateOnNewDocument"})
_CONSTANT_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")


def _fixed_code(ctx: FileCtx, node: Node | None, depth: int = 0) -> bool:
    """True when `node` is code text the project fixes (a literal, a constant, a script a package ships),
    so compiling it runs no text of the tool's input. Anything parr cannot follow is not fixed."""
    node = unwrap(node)
    if node is None or depth > 6:
        return False
    t = node.type
    if t == "string":
        return True
    if t == "template_string":
        return all(_fixed_code(ctx, c.named_children[0] if c.named_children else None, depth + 1)
                   for c in node.named_children if c.type == "template_substitution")
    if t == "binary_expression" and text(node.child_by_field_name("operator") or node) == "+":
        return (_fixed_code(ctx, node.child_by_field_name("left"), depth + 1)
                and _fixed_code(ctx, node.child_by_field_name("right"), depth + 1))
    if t != "identifier":
        return False
    b = ctx.lookup(node, text(node))
    if b is None:
        return False
    if b.kind == "import":
        # a package's script (`import { READABILITY_SCRIPT } from 'pkg'`) or a project constant by its name
        module = b.module or ctx.import_source(text(node)) or ""
        return not module.startswith(".") or bool(_CONSTANT_NAME.match(b.imported or text(node)))
    if b.kind == "var":
        decl = b.node.parent if b.node is not None else None
        while decl is not None and decl.type not in ("lexical_declaration", "variable_declaration"):
            decl = decl.parent
        if decl is None or not text(decl).startswith("const"):
            return False
        return _fixed_code(ctx, b.node, depth + 1)
    if b.kind != "param":
        return False
    # a parameter of a page function: the value passed after it to page.evaluate()
    if b.node is None:
        return False
    fn = node.parent
    while fn is not None and not (fn.type in FUNCTION_TYPES
                                  and any(p.id == b.node.id for p in function_params(fn))):
        fn = fn.parent
    if fn is None or fn.parent is None or fn.parent.type != "arguments":
        return False
    call = fn.parent.parent
    chain = member_chain(call.child_by_field_name("function")) if call is not None and call.type == "call_expression" else []
    args = args_of(call) if chain else []
    first = unwrap(args[0]) if args else None
    if len(chain) < 2 or chain[-1] not in _EVALUATE_METHODS or first is None or first.id != fn.id:
        return False
    params = function_params(fn)
    at = next((i for i, p in enumerate(params) if p.id == b.node.id), None)
    if at is None or at + 1 >= len(args):
        return False
    return _fixed_code(ctx, args[at + 1], depth + 1)


def _method_of(call: Node, bound: dict | None = None) -> str | None:
    """HTTP method named in a fetch-style options object (2nd argument) or a config object; a
    helper's parameter there (`{ method }`) is what its caller passed, when that is a literal."""
    for arg in args_of(call):
        arg = unwrap(arg)
        if arg is not None and arg.type == "object":
            entry = object_entries(arg).get("method")
            if entry is not None:
                v = entry_value(entry)
                if bound and v is not None and v.type in ("identifier", "shorthand_property_identifier") \
                        and text(v) in bound:
                    return bound[text(v)].upper()
                folded = branches.bound_value(v, bound) if bound and v is not None else None
                if folded is not None:  # { method: method.toUpperCase() }
                    return folded.upper()
                s = text(v).strip("'\"`") if v is not None else ""
                return s.upper()
    return None


def _sql_text(ctx: FileCtx, node: Node | None) -> str | None:
    """Text of an SQL argument: literal, template (substitutions blanked) or a local string variable."""
    node = unwrap(node)
    if node is None:
        return None
    if node.type == "identifier":
        b = ctx.lookup(node, text(node))
        if b is not None and b.kind in ("var", "default") and b.node is not None:
            node = unwrap(b.node)
        else:
            return None
    if node is None:
        return None
    if node.type in ("string", "template_string"):
        raw = text(node)
        return re.sub(r"\$\{[^}]*\}", "?", raw[1:-1])
    if node.type == "binary_expression":
        return re.sub(r"\$\{[^}]*\}", "?", text(node))
    return None


def _param_names(ctx: FileCtx, fn: Node, node: Node | None) -> set[str]:
    """Identifiers under `node` bound to a parameter (a shorthand { query } passes one)."""
    out: set[str] = set()
    if node is None:
        return out
    for n in iter_descendants(node, 200):
        if n.type in ("identifier", "shorthand_property_identifier"):
            b = ctx.lookup(n, text(n))
            if b is not None and b.kind == "param":
                out.add(text(n))
    return out


# Where the SQL is among a database call's arguments. An options entry or a parameter named for a
# statement says so outright (`d1.database.query(databaseId, { sql })`); otherwise the first argument
# counts, unless it is named as an id (`client.d1.database.get(databaseId)`, `stmt.get(userId)`: what a
# REST SDK or a prepared statement is given) or as GraphQL.
_STATEMENT_KEYS = frozenset({"sql", "statement", "stmt"})
_STATEMENT_NAME = re.compile(r"sql|statement|stmt", re.I)
_NOT_SQL_NAME = re.compile(r"(?:^|_)(?:ids?|names?)$|[a-z](?:Ids?|Names?)$|graphql|gql")
# Methods that take SQL text first (pg, mysql2, Prisma's raw calls, postgres.js' unsafe, D1's prepare);
# the others (get, all, run, one, ...) run SQL only when called on the database itself (node-sqlite3's
# `db.all(sql)`), not on a REST SDK's resource (`client.r2.buckets.get(name)`).
_SQL_TEXT_METHODS = frozenset({"query", "execute", "exec", "raw", "unsafe", "sql", "prepare", "$queryRaw", "$executeRaw",
                               "$queryRawUnsafe", "$executeRawUnsafe", "queryRaw"})


def _model_statement(ctx: FileCtx, fn: Node, method: str, receiver: str, args: list[Node]) -> Node | None:
    """The argument holding SQL the model wrote, or None."""
    options = [entries for entries in (_literal_entries(a) for a in args) if entries]
    named = [entry_value(e) for entries in options for k, e in entries.items() if k in _STATEMENT_KEYS]
    for candidate in [*named, *args]:
        if candidate is None or not _is_param_derived(ctx, fn, candidate):
            continue
        names = _names_in(candidate)
        if any(_STATEMENT_NAME.search(n) for n in names) and not any("graphql" in n.lower() for n in names):
            return candidate
    first = args[0] if args else None
    if named or first is None or not _is_param_derived(ctx, fn, first):
        return None
    if method not in _SQL_TEXT_METHODS and not _DBISH.search(receiver):
        return None
    return None if any(_NOT_SQL_NAME.search(n) for n in _names_in(first)) else first


def _is_param_derived(ctx: FileCtx, fn: Node, node: Node | None) -> bool:
    """True when `node` is (a member of) a parameter of the handler `fn`."""
    node = unwrap(node)
    if node is None:
        return False
    # `{ sql }` in an options object is the variable `sql`
    plain = node.type in ("identifier", "shorthand_property_identifier")
    chain = member_chain(node) if node.type == "member_expression" else [text(node)] if plain else []
    if not chain:
        return False
    b = ctx.lookup(node, chain[0]) if plain else None
    if node.type == "member_expression":
        root = member_root(node)
        if root is None:
            return False
        b = ctx.lookup(root, text(root))
    if b is None:
        return False
    if b.kind == "param":
        return True
    # `async ({ sql_query = "" }) => ...`: a destructured parameter with a default is still the caller's
    return b.kind == "default" and _in_parameters(b.node)


def _in_parameters(node: Node | None) -> bool:
    """Whether `node` (a default value) sits in a function's parameter list."""
    cur = node.parent if node is not None else None
    for _ in range(12):
        if cur is None or cur.type in FUNCTION_TYPES or cur.type == "statement_block":
            return False
        if cur.type == "formal_parameters":
            return True
        cur = cur.parent
    return False


def _url_from_input(ctx: FileCtx, node: Node | None, depth: int = 0) -> frozenset[str]:
    """The parameters that choose the scheme or host of the URL `node` ("?" when it is bound where
    this reading does not follow). Empty for a fixed destination: a literal with a host, a path on
    a client's base URL, or a constant base followed by typed path or query fields."""
    node = unwrap(node)
    none: frozenset[str] = frozenset()
    if node is None or depth > 4:
        return none
    t = node.type
    if t == "string":
        return none
    if t == "template_string":
        raw = text(node)[1:-1]
        cut = raw.find("${")
        prefix = raw if cut < 0 else raw[:cut]
        if prefix.startswith("/") or re.match(r"[a-z][\w+.-]*://[^/$]+/", prefix) or (cut < 0 and prefix):
            return none
        if prefix and "://" not in prefix:
            return none  # "api/v1/${x}": relative to a fixed base
        for child in node.named_children:
            if child.type == "template_substitution":
                inner = child.named_children[0] if child.named_children else None
                return _url_from_input(ctx, inner, depth + 1)
        return none
    if t == "binary_expression":
        return _url_from_input(ctx, node.child_by_field_name("left"), depth + 1)
    if t == "new_expression":  # new URL(path, base): the base decides
        args = args_of(node)
        return _url_from_input(ctx, args[1] if len(args) > 1 else (args[0] if args else None), depth + 1)
    if t == "call_expression":
        args = args_of(node)
        return _url_from_input(ctx, args[0], depth + 1) if args else none
    if t in ("member_expression", "subscript_expression"):
        root = node
        while root is not None and root.type in ("member_expression", "subscript_expression"):
            root = unwrap(root.child_by_field_name("object"))
        if root is None or root.type != "identifier":
            return none
        b = ctx.lookup(root, text(root))
        return frozenset({"?"}) if b is not None and b.kind == "param" else none
    if t == "identifier":
        b = ctx.lookup(node, text(node))
        if b is None:
            return none
        if b.kind == "param":
            return frozenset({text(node)})
        if b.kind == "pattern":
            # a destructured local (const { url } = JSON.parse(input)) is not followed: fail closed
            return frozenset({"?"})
        if b.kind in ("var", "default") and b.node is not None and b.node is not node:
            return _url_from_input(ctx, b.node, depth + 1)
        return none
    return none


def _http_cap(ctx: FileCtx, eff: "Effects", depth: int, url: Node | None, cap: str) -> str | None:
    """The broad capability of an HTTP call, when model input picks where it goes. In a helper
    (depth > 0) a URL from the helper's own parameters waits for the call site (`pending`)."""
    src = _url_from_input(ctx, url)
    if not src:
        return None
    if depth == 0 or "?" in src:
        return cap
    eff.pending.append((cap, src))
    return None


def _map_pending(ctx: FileCtx, eff: "Effects", sub: "Effects", target: Node, call: Node, depth: int) -> None:
    """A helper's URL tied to its parameters, seen from the call site: broad when the caller's
    argument comes from input, nothing when the caller passes a fixed URL."""
    names = []
    for param in function_params(target):
        pat = param_pattern(param)
        names.append(text(pat) if pat is not None and pat.type == "identifier" else None)
    args = args_of(call)
    for cap, tied in sub.pending:
        src: set[str] = set()
        for name in tied:
            if name not in names:
                src.add("?")
                continue
            i = names.index(name)
            if i < len(args):
                if unwrap(args[i]) is not None and unwrap(args[i]).type == "spread_element":
                    src.add("?")
                else:
                    src |= _url_from_input(ctx, args[i])
        if not src:
            continue
        if depth == 0 or "?" in src:
            eff.caps.add(cap)
        else:
            eff.pending.append((cap, frozenset(src)))


def _local_of_enclosing(fn: Node, decl: Node) -> bool:
    """`decl` is declared inside a function that encloses `fn` (a local of the function `fn` is nested in)."""
    cur = fn.parent
    for _ in range(200):
        if cur is None:
            return False
        if cur.type in FUNCTION_TYPES and cur.start_byte <= decl.start_byte < cur.end_byte:
            return True
        cur = cur.parent
    return False


def analyze(ctx: FileCtx, fn: Node | None, depth: int = 0, visited: set | None = None,
            as_helper: bool = False, bound: dict | None = None) -> Effects:
    """Effects of a handler function (or any node: class bodies, config objects). `bound`: the
    literal each parameter holds at the call read (a helper's branches it decides are skipped)."""
    eff = Effects(as_helper=as_helper, bound=dict(bound or {}))
    if fn is None:
        return eff
    if visited is None:
        visited = set()
    if not eff.bound:
        visited.add(fn.id)  # (read with literals bound, the caller keeps (id, literals) instead)
    fn_start, fn_end = fn.start_byte, fn.end_byte
    skip = branches.skipped(fn, eff.bound)
    for node in iter_descendants(fn, 60_000):
        if skip and any(a <= node.start_byte < b for a, b in skip):
            continue
        t = node.type
        if t == "call_expression":
            _call(ctx, fn, node, eff, depth, visited)
        elif t == "new_expression":
            ctor = unwrap(node.child_by_field_name("constructor"))
            chain = member_chain(ctor)
            last = chain[-1] if chain else ""
            if last == "Function" and len(chain) == 1 and all(
                    _fixed_code(ctx, a) for a in args_of(node)) and args_of(node):
                pass  # new Function('module', `${SCRIPT}`): a script the project ships, no text of the input
            elif last == "Function" and len(chain) == 1:
                eff.add_strong("new Function() compiles code", "code_execution")
                eff.executed |= _names_in(node.child_by_field_name("arguments"))
            elif chain[-2:] == ["vm", "Script"] or (last == "Script" and ctx.import_source(chain[0]) in ("vm", "node:vm")):
                eff.add_strong("vm.Script runs code", "code_execution")
                eff.executed |= _names_in(node.child_by_field_name("arguments"))
            elif last in _USER_MESSAGE_CLASSES and depth == 0:
                # new HumanMessage(text), new HumanMessage({ content: text }): the text a model is asked with
                eff.prompted |= _prompt_text(args_of(node)[0] if args_of(node) else None)
            elif last.endswith("Command") and (hit := effects_kb.match_command_class(last, ctx.import_source(chain[0]))):
                # new DetachRolePolicyCommand(...) of the AWS SDK v3: the operation's verb decides
                eff.add_strong(hit.evidence, hit.capability or None)
            elif last.endswith("Command") and _MUTATING_METHOD_PREFIX.match(last):
                cap = "email" if "Email" in last else None  # a command object of the app's own bus
                eff.add_strong(f"{last} request", cap)
        elif t in ("assignment_expression", "augmented_assignment_expression"):
            left = unwrap(node.child_by_field_name("left"))
            if left is not None and left.type in ("member_expression", "subscript_expression"):
                root = left
                while root is not None and root.type in ("member_expression", "subscript_expression"):
                    root = unwrap(root.child_by_field_name("object"))
                if root is None:
                    continue
                if left.type == "member_expression" and b".state" in ctx.source and framework_state.in_state(
                        ctx, left, member_chain(left)):
                    continue  # the agent framework's own state (network.state.data.x = ...)
                if root.type == "this":
                    eff.weak.append("assigns this." + text(left.child_by_field_name("property") or left)[:40])
                elif root.type == "identifier":
                    name = text(root)
                    if name in ("document", "window", "globalThis", "localStorage", "sessionStorage"):
                        continue
                    b = ctx.lookup(root, name)
                    if b is not None and b.kind in ("var", "default", "pattern", "param"):
                        decl = b.node
                        if b.kind == "pattern" or (decl is not None and fn_start <= decl.start_byte < fn_end):
                            continue
                        if depth > 0 and decl is not None and _local_of_enclosing(fn, decl):
                            continue  # a helper's closure over its caller's own local (`stats.x = ...` in a callback)
                        if b.kind == "param":
                            continue
                    if b is None:
                        continue
                    if b"useRef" in ctx.source and framework_state.react_ref_write(b, left):
                        continue  # `pulseSeq.current += 1`: a component's own React ref, nothing outside sees it
                    eff.weak.append(f"assigns {name}.…")
        elif t == "object" and depth == 0:
            entries = object_entries(node)
            if "tools" in entries and "model" in entries:
                # { model, tools, input | messages }: a model request that offers tools; the text it
                # is given is an instruction a model acts on (a supervisor or sub-agent)
                for key in ("input", "messages"):
                    if key in entries:  # the variables in it (not its keys: role, content)
                        eff.executed |= {text(n) for n in iter_descendants(entry_value(entries[key]), 400)
                                         if n.type in ("identifier", "shorthand_property_identifier")}
        elif t == "string" and not eff.confirm_text:
            s = text(node).lower()
            if "confirm" in s or "are you sure" in s:
                eff.confirm_text = True
    if eff.written and eff.caps & {"shell", "code_execution"}:
        # sandbox.writeTextFile({ content: input.script }) then sandbox.run({ command: `python3 ${path}` }): a
        # script written by the body that also runs a command or code is the code it runs
        eff.executed |= eff.written
    if eff.executed and fn.type in FUNCTION_TYPES_WITH_BODY:
        eff.executed |= _local_sources(fn, eff.executed)
    if eff.query_docs and fn.type in FUNCTION_TYPES_WITH_BODY:
        eff.query_docs |= _local_sources(fn, eff.query_docs)
    if eff.command_args and fn.type in FUNCTION_TYPES_WITH_BODY:
        eff.command_args |= _local_sources(fn, eff.command_args)
    if eff.prompted:
        # the names the message's text is made of, and those its locals are built from: the requests in words
        more = _local_sources(fn, eff.prompted) if fn.type in FUNCTION_TYPES_WITH_BODY else set()
        eff.prompted = {n for n in eff.prompted | more if n in PROMPT_NAMES}
    return eff


# Arguments named for the code or command they hold (a sandbox's run method given one runs it).
_RAW_ARG_NAMES = frozenset({"code", "command", "cmd", "script", "source", "snippet", "program"})
# The classes of a user's chat message (LangChain's HumanMessage and its chunk): their text is a model's prompt.
_USER_MESSAGE_CLASSES = frozenset({"HumanMessage", "HumanMessageChunk"})
# Names of a field that holds an instruction or request in words (as the Python side's PROMPT_PARAM_NAMES, less
# the names of data a model is given to work on -- text, content, input -- and with a task's `description`, `goal`).
# A user's message written from such a field is the model's own request to another model; a message written from
# a note or a document it is given to summarize is not.
PROMPT_NAMES = frozenset({"message", "message_text", "prompt", "request", "task", "instruction", "instructions",
                          "query", "question", "user_message", "topic", "description", "goal", "objective",
                          "userMessage", "userPrompt", "taskDescription", "task_description"})


def _prompt_text(node: Node | None) -> set[str]:
    """The names a message's text is written from (`content: input.description`, `HumanMessage(task)`,
    `Research ${topic}`); the caller keeps those of a request in words (PROMPT_NAMES)."""
    node = unwrap(node)
    if node is not None and node.type == "object":
        entries = object_entries(node)
        node = unwrap(entry_value(entries["content"])) if "content" in entries else None
    if node is None:
        return set()
    return _names_in(node, 200)


def _whole_value(node: Node | None) -> set[str]:
    """The names a value is handed on whole from: `filter`, `args.filter` ("filter"), `[...pipeline]`."""
    node = unwrap(node)
    if node is None:
        return set()
    if node.type == "identifier":
        return {text(node)}
    if node.type == "member_expression":
        prop = node.child_by_field_name("property")
        return {text(prop)} if prop is not None else set()
    if node.type == "binary_expression" and text(node.child_by_field_name("operator")) in ("??", "||"):
        return _whole_value(node.child_by_field_name("left"))  # `filter ?? {}`: the given one, else none
    if node.type == "array":
        out: set[str] = set()
        for el in node.named_children:
            if el.type == "spread_element" and el.named_children:
                out |= _whole_value(el.named_children[0])
        return out
    return set()


FUNCTION_TYPES_WITH_BODY = frozenset({"arrow_function", "function_expression", "function", "function_declaration",
                                      "method_definition", "generator_function", "generator_function_declaration"})


def _local_sources(fn: Node, executed: set[str]) -> set[str]:
    """The names the locals run raw are built from: `const line = `${command} 2>&1``, `const { shell, args } =
    getShellCommand(command)` (what a call makes of its arguments carries them). Declarations in this function,
    followed up to four steps."""
    values: dict[str, list[Node]] = {}
    count = 0
    for node in iter_descendants(fn, 20_000):
        if node.type != "variable_declarator":
            continue
        name, value = node.child_by_field_name("name"), node.child_by_field_name("value")
        if name is None or value is None:
            continue
        for ident in iter_descendants(name, 200) if name.type != "identifier" else [name]:
            if ident.type in ("identifier", "shorthand_property_identifier_pattern"):
                values.setdefault(text(ident), []).append(value)
        count += 1
        if count > 400:
            break
    if not values:
        return set()
    out: set[str] = set()
    frontier = {n for n in executed if n in values}
    for _ in range(4):
        nxt: set[str] = set()
        for n in frontier:
            for value in values.get(n, ())[:4]:
                found = _names_in(value, 200)
                nxt |= found - out - executed
                out |= found
        frontier = {n for n in nxt if n in values}
        if not frontier:
            break
    return out


_FILE_WRITES = frozenset({"writeFile", "writeTextFile", "writeFileSync", "write", "writeFiles"})
_WRITE_TARGET = re.compile(r"sandbox|files?$|fs$|workspace|sbx", re.I)
_FS_MODULE = re.compile(r"(?:node:)?fs(?:/promises)?|fs-extra")


# A JavaScript collection built in this file: `clients.delete(id)` on a `new Set()` is not an HTTP
# DELETE and `cache.set(k, v)` on a `new Map()` is not a store write, whatever the variable is called.
_COLLECTION_CTORS = frozenset({"Set", "Map", "WeakMap", "WeakSet", "Array", "URLSearchParams", "Headers",
                               "FormData"})
_COLLECTION_TYPE = re.compile(r"^(Readonly)?(Set|Map|WeakMap|WeakSet|Array|ReadonlyArray|Record)\s*<|\[\]\s*$")


def _is_collection_value(node: Node | None) -> bool:
    node = unwrap(node)
    if node is None:
        return False
    if node.type in ("array", "object"):
        return True
    if node.type == "new_expression":
        ctor = unwrap(node.child_by_field_name("constructor"))
        return ctor is not None and ctor.type == "identifier" and text(ctor) in _COLLECTION_CTORS
    return False


def _class_field(fn_node: Node, field_name: str) -> Node | None:
    """The `field = value` / `field: T` definition of the class enclosing `fn_node`, if any."""
    node = fn_node.parent
    while node is not None and node.type != "class_body":
        node = node.parent
    if node is None:
        return None
    for member in node.named_children:
        if member.type in ("public_field_definition", "field_definition"):
            prop = member.child_by_field_name("name") or member.child_by_field_name("property")
            if prop is not None and text(prop) == field_name:
                return member
    return None


def _in_memory_receiver(ctx: FileCtx, call: Node, chain: list[str]) -> bool:
    """Whether the call's receiver is a Set/Map/array/object literal declared in this file."""
    if len(chain) == 2 and chain[0] not in ("this", "()", "?", "[]"):
        b = ctx.lookup(call, chain[0])
        if b is None or b.kind != "var" or b.node is None:
            return False
        if _is_collection_value(b.node):
            return True
        decl = b.node.parent
        annotation = decl.child_by_field_name("type") if decl is not None and decl.type == "variable_declarator" else None
        return annotation is not None and bool(_COLLECTION_TYPE.match(text(annotation).lstrip(": ").strip()))
    if len(chain) == 3 and chain[0] not in ("this", "()", "?", "[]") and (
            chain[2] in _DB_WRITE_METHODS or chain[2] in _SHARED_MUTATORS):
        # bucket.orgs.add(x) with `const bucket = map.get(k) ?? { orgs: new Set() }`: a collection held by a
        # literal made here
        b = ctx.lookup(call, chain[0])
        value = unwrap(b.node) if b is not None and b.kind == "var" else None
        parts = [value]
        if value is not None and value.type == "binary_expression":
            parts = [unwrap(value.child_by_field_name("left")), unwrap(value.child_by_field_name("right"))]
        for part in parts:
            if part is not None and part.type == "object":
                entry = object_entries(part).get(chain[1])
                if entry is not None and _is_collection_value(entry_value(entry)):
                    return True
        return False
    if len(chain) == 3 and chain[0] == "this":
        member = _class_field(call, chain[1])
        if member is None:
            return False
        if _is_collection_value(member.child_by_field_name("value")):
            return True
        annotation = member.child_by_field_name("type")
        return annotation is not None and bool(_COLLECTION_TYPE.match(text(annotation).lstrip(": ").strip()))
    return False


# SQL drivers and query builders: a client made by their functions runs the SQL it is given, whatever
# the variable is called (`const runQuery = neon(url); runQuery.query(sql)`).
_SQL_DRIVER_MODULES = ("pg", "postgres", "@neondatabase/serverless", "mysql", "mysql2", "mysql2/promise",
                       "better-sqlite3", "sqlite3", "sqlite", "@vercel/postgres", "@libsql/client",
                       "@planetscale/database", "mssql", "oracledb", "duckdb", "@duckdb/node-api", "knex",
                       "@electric-sql/pglite", "pg-promise", "slonik", "tedious", "bun:sqlite", "node:sqlite")


def _sql_client(ctx: FileCtx, call: Node, root: str) -> bool:
    """The receiver is a value made by a SQL driver imported here (`neon(url)`, `new Pool()`)."""
    if root in ("this", "()", "?", "[]"):
        return False
    node = call.child_by_field_name("function")
    while node is not None and unwrap(node) is not None and unwrap(node).type == "member_expression":
        node = unwrap(node).child_by_field_name("object")
    value = ctx.value_node(node) if node is not None else None
    if value is None or value.type not in ("call_expression", "new_expression"):
        return False
    made_by = member_chain(unwrap(value.child_by_field_name("function") or value.child_by_field_name("constructor")))
    module = ctx.import_source(made_by[0]) if made_by else None
    return module is not None and module in _SQL_DRIVER_MODULES


_INFERENCE_RECEIVERS = frozenset({"completions", "responses", "embeddings", "moderations"})


def _own_method(callee: Node, member: str) -> Node | None:
    """The function `this.<member>` names where `this` is an object literal (values.this_object): its
    `member: function () {...}`, `member: () => ...` or `member() {...}` entry."""
    obj_node = unwrap(callee.child_by_field_name("object"))
    owner = this_object(obj_node) if obj_node is not None and obj_node.type == "this" else None
    if owner is None:
        return None
    entry = object_entries(owner).get(member)
    if entry is None:
        return None
    if entry.type == "method_definition":
        return entry
    value = unwrap(entry_value(entry))
    return value if value is not None and is_function(value) else None


_CLASS_NODES = ("class_declaration", "abstract_class_declaration", "class")


def _this_class(node: Node) -> Node | None:
    """The class whose instance `this` is at `node`: the nearest non-arrow function is one of its methods, or
    `node` is in a field's initializer (`run = () => this.exec()`). None in a free function or an object's method."""
    cur = node.parent
    while cur is not None:
        t = cur.type
        if t == "class_body":
            return cur.parent if cur.parent is not None and cur.parent.type in _CLASS_NODES else None
        if t == "program" or (t in FUNCTION_TYPES and t not in ("arrow_function", "method_definition")):
            return None
        if t == "method_definition":
            owner = cur.parent
            return owner.parent if owner is not None and owner.type == "class_body" and owner.parent is not None \
                and owner.parent.type in _CLASS_NODES else None
        cur = cur.parent
    return None


class _Unreadable(NamedTuple):
    """Why parr cannot read a class member (`_class_member`), and the base class holding it when that is where
    the chain leaves this file."""
    why: str
    base: str | None = None


def _class_member(ctx: FileCtx, cls: Node, member: str, hops: int = 0) -> Node | _Unreadable | None:
    """The function a class's instance calls as `.member(...)`: its own method, a field holding a function, or
    the same of a base class declared in this file. `_Unreadable` says why parr cannot read it (a base class of
    another file or a package, a member no class of the chain declares); None when the class is not one
    parr reads (too deep a chain)."""
    body = cls.child_by_field_name("body")
    for m in body.named_children if body is not None else []:
        n = m.child_by_field_name("name")
        if n is None or text(n) != member:
            continue
        if m.type == "method_definition":
            return m
        if m.type in ("public_field_definition", "field_definition"):
            v = unwrap(m.child_by_field_name("value"))
            return v if v is not None and is_function(v) else _Unreadable("a field set at run time")
    base = None
    for h in cls.named_children:
        if h.type == "class_heritage":
            ext = next((c for c in h.named_children if c.type == "extends_clause"), h)
            base = next((unwrap(c) for c in ext.named_children if c.type in ("identifier", "member_expression")),
                        None)
    if base is None:
        return _Unreadable("a member its class does not declare")
    b = ctx.top_level(text(base)) if base.type == "identifier" else None
    if b is None or b.kind != "class" or b.node is None or b.node.type not in _CLASS_NODES:
        return _Unreadable(f"a member of its base class {text(base)}", text(base))
    return _class_member(ctx, b.node, member, hops + 1) if hops < 4 else None


def _local_class(ctx: FileCtx, var: str) -> Node | None:
    """The class declared in this file that a variable of this file holds an instance of (`_instance_classes`)."""
    cls = _instance_classes(ctx).get(var)
    b = ctx.top_level(cls) if cls else None
    return b.node if b is not None and b.kind == "class" and b.node is not None and b.node.type in _CLASS_NODES \
        else None


# A receiver named as a cache by one of its words (`CACHE_KV`, `docsCache`: evidence.name_words).
_CACHE_WORD = frozenset({"cache", "cached"})


def handler_reference(ref: tuple[str, str, str] | None) -> Effects:
    """The effects of a tool whose handler is not a function of its file: an imported function of the project
    (`server.tool(name, desc, schema, saveThing)` with saveThing from "./handlers") is a call the project phase
    follows; one of a package is a call parr cannot read; none at all leaves `no_code` (the project phase may find
    the code by the tool's name, else the read rests on nothing parr read)."""
    if ref is None:
        return Effects(no_code=True)
    module, name, local = ref
    if module.startswith((".", "@/", "~/", "#")):
        return Effects(imports=[{"module": module, "name": name, "argv": [], "local": local}])
    return Effects(unread=[f"hands the call to {local}() of {module}"])


def _ensures_dir(ctx: FileCtx, name: str, args: list[Node]) -> bool:
    """A call making sure a directory exists (`mkdir(d, { recursive: true })`, which does not fail on an existing
    directory; fs-extra's `ensureDir`/`mkdirp`) whose path no parameter reaches (also through locals): a no-op once
    the directory is there, which stores nothing by itself (the write that follows is judged on its own). As in the
    Python scanner (ENSURE_DIR); a directory the caller's input names is a write."""
    if not args:
        return False
    if name in ("mkdir", "mkdirSync"):
        opts = unwrap(args[1]) if len(args) > 1 else None
        entry = object_entries(opts).get("recursive") if opts is not None and opts.type == "object" else None
        value = unwrap(entry_value(entry)) if entry is not None else None
        if (value is None or value.type != "true") and not _guarded_by_missing(args[0]):
            return False
    elif name not in ("ensureDir", "ensureDirSync", "mkdirp", "mkdirpSync", "mkdirs", "mkdirsSync"):
        return False
    return not _reaches_param(ctx, args[0], 0)


def _guarded_by_missing(path: Node) -> bool:
    """`if (!fs.existsSync(p)) { fs.mkdirSync(p) }`: the call runs only where the same path is missing."""
    cur, hops = path.parent, 0
    while cur is not None and hops < 6 and cur.type != "if_statement":
        cur, hops = cur.parent, hops + 1
    cond = unwrap(cur.child_by_field_name("condition")) if cur is not None else None
    if cond is None or cond.type != "unary_expression" or text(cond)[:1] != "!":
        return False
    check = unwrap(cond.child_by_field_name("argument"))
    if check is None or check.type != "call_expression":
        return False
    chain = member_chain(unwrap(check.child_by_field_name("function")))
    cargs = args_of(check)
    return bool(chain) and chain[-1] == "existsSync" and bool(cargs) and text(unwrap(cargs[0])) == text(unwrap(path))


def _reaches_param(ctx: FileCtx, node: Node | None, depth: int) -> bool:
    """Some name in `node` is a parameter, or a local whose value names one (three assignments deep); unknown
    (too deep, too large) counts as reaching."""
    if node is None:
        return False
    if depth > 3 or node.end_byte - node.start_byte > 2000:
        return True
    for n in iter_descendants(node, 200):
        if n.type not in ("identifier", "shorthand_property_identifier"):
            continue
        b = ctx.lookup(n, text(n))
        if b is None or b.kind in ("import", "function", "class", "enum"):
            continue
        if b.kind in ("param", "pattern"):
            return True
        if b.kind in ("var", "default") and b.node is not None and b.node is not node and \
                _reaches_param(ctx, b.node, depth + 1):
            return True
    return False


# An OAuth 2.0 token endpoint (RFC 6749 §3.2: `.../oauth2/token`, `/oauth/access_token`, `/api/token`) or a request
# carrying `grant_type`: the client signs in for an access token, which changes nothing the tool acts on.
_TOKEN_PATH = re.compile(r"^[^?#]*/(?:access_)?token/?(?:[?#]|$)", re.I)


def _token_request(ctx: FileCtx, url: Node | None, options: list[Node], body: Node | None = None) -> bool:
    """A POST to an OAuth token endpoint (by its URL), or whose body carries `grant_type`: the `body` of fetch's
    options, or the data an HTTP client's `post(url, data)` sends."""
    u = unwrap(url)
    if u is not None and u.type in ("string", "template_string"):
        if _TOKEN_PATH.search(re.sub(r"\$\{[^}]*\}", "x", text(u)[1:-1])):  # `${base}/oauth2/token` too
            return True
    bodies = [body] if body is not None else []
    for opt in options:
        o = unwrap(opt)
        entry = object_entries(o).get("body") if o is not None and o.type == "object" else None
        if entry is not None:
            bodies.append(entry if entry.type == "shorthand_property_identifier" else entry_value(entry))
    for value in bodies:
        value = unwrap(value)
        if value is not None and value.type in ("identifier", "shorthand_property_identifier"):
            value = ctx.value_node(value) if value.type == "identifier" else \
                ctx.value_node(value) or value
        if value is not None and re.search(r"""(?:^|[^\w])["']?grant_type["']?\s*[:=,]""", text(value)[:2000]):
            return True
    return False


def _signin(eff: Effects, how: str) -> None:
    why = f"{how} POST to an OAuth token endpoint (sign-in, no change)"
    if why not in eff.reads:
        eff.reads.append(why)


_SHELLS = re.compile(r"^(?:/(?:usr/)?bin/)?(?:ba|z|da|k|fi)?sh$|^(?:powershell|pwsh|cmd)(?:\.exe)?$", re.I)
_SHELL_FLAGS = frozenset({"-c", "-lc", "-ic", "/c", "/C", "-Command", "-command", "-EncodedCommand"})


def _shell_program(node: Node | None) -> bool:
    """The program a process call starts is a shell: a literal (`"bash"`, `"/bin/sh"`, `"powershell.exe"`) or the
    user's login shell (`process.env.SHELL`)."""
    node = unwrap(node)
    if node is None:
        return False
    if node.type == "string":
        return bool(_SHELLS.match(text(node)[1:-1]))
    return member_chain(node)[-3:] == ["process", "env", "SHELL"]


def _shell_command_flag(node: Node | None) -> bool:
    """An argument list handing the shell a command line (`["-c", line]`, `["/c", line]`, `["-Command", line]`)."""
    node = unwrap(node)
    return node is not None and node.type == "array" and any(
        c.type == "string" and text(c)[1:-1] in _SHELL_FLAGS for c in node.named_children)


def _call(ctx: FileCtx, fn: Node, call: Node, eff: Effects, depth: int, visited: set) -> None:
    callee = unwrap(call.child_by_field_name("function"))
    if callee is None:
        return
    chain = member_chain(callee)
    if not chain:
        return
    if len(chain) == 1 and callee.type == "identifier" and b"promisify" in ctx.source:
        target = _promisified(ctx, callee)
        if target is not None:
            callee, chain = target, member_chain(target)  # execAsync(cmd) of `execAsync = promisify(exec)`: exec
            if not chain:
                return
    name = chain[-1].lstrip("_#")
    root = chain[0]
    if _in_memory_receiver(ctx, call, chain) or (b".state" in ctx.source and framework_state.in_state(ctx, callee, chain)):
        return  # (the agent framework's own state: not a store)
    root_module = ctx.import_source(root) if root not in ("this", "()", "?", "[]") else None
    if root_module is None and root not in ("this", "()", "?", "[]") and b"import(" in ctx.source:
        head = callee
        while head is not None and head.type == "member_expression":
            head = unwrap(head.child_by_field_name("object"))
        rb = ctx.lookup(head, root) if head is not None and head.type == "identifier" else None
        if rb is not None and rb.kind == "import":
            root_module = rb.module  # `const { run } = await import("./x")`: imported where it is used
    if root == "require" and len(chain) >= 3 and chain[1] == "()" and ctx.lookup(callee, "require") is None:
        # `require("fs").rmSync(p)`: a module's function called on the require itself
        head = unwrap(callee.child_by_field_name("object"))
        fn_node = unwrap(head.child_by_field_name("function")) if head is not None and head.type == "call_expression" \
            else None
        if fn_node is not None and fn_node.type == "identifier" and text(fn_node) == "require":
            req = args_of(head)
            module = string_literal(req[0]) if req else None
            if module:
                root_module = module
                root = module.split(":")[-1].split("/")[0]  # the name a binding of it would have: `fs`
                chain = [root] + chain[2:]
    args = args_of(call)
    first = args[0] if args else None
    lname = name.lower()
    if len(chain) >= 2 and name in datastores.MONGODB_QUERIES:
        # `coll.find(filter)`, `provider.aggregate(db, coll, pipeline)`: a document or pipeline handed whole is
        # the query itself, which the database interprets (an object built here field by field is not)
        for a in args[:5]:
            eff.query_docs |= _whole_value(a)
        # the pipeline: the last argument that is no options literal (`coll.aggregate(pipeline)`,
        # `provider.aggregate(db, coll, pipeline, {...})`); a plan asked for (`.aggregate(...).explain()`) runs nothing
        pipeline = next((unwrap(a) for a in reversed(args[:5]) if unwrap(a) is not None and unwrap(a).type != "object"),
                        None)
        parent = call.parent
        explained = parent is not None and parent.type == "member_expression" and \
            text(parent.child_by_field_name("property")) == "explain"
        if name in datastores.MONGODB_PIPELINES and not explained and pipeline is not None and \
                pipeline.type in ("identifier", "member_expression") and _is_param_derived(ctx, fn, pipeline):
            # a pipeline the caller gives, run as given: its stages may end in $out or $merge, which write
            eff.add_strong(f"runs a given aggregation pipeline, whose $out/$merge stages write "
                           f"({'.'.join(chain[-2:])}())")
    if name in _FILE_WRITES and (len(chain) >= 2 and _WRITE_TARGET.search(chain[-2]) or len(chain) == 1
                                 and _FS_MODULE.fullmatch(root_module or "")):  # import { writeFileSync } from "fs"
        for a in args:  # what goes into the file: run later by the same body? (see `analyze`)
            eff.written |= _names_in(a)

    # --- GraphQL: the document's operation decides, not the POST that carries it ---------------
    doc = _graphql_effect(ctx, call, chain, name, args)
    if doc is not None:
        writes, evidence = doc
        if writes:
            eff.add_strong(evidence)
        return
    model_doc = _model_graphql(ctx, fn, chain, name, args)
    if model_doc is not None:
        # client.query({ query: args.graphql_query }): the model writes the document the API runs (a query or a
        # mutation: which one, parr cannot tell)
        evidence = f"sends a model-written GraphQL document ({'.'.join(chain[-2:])}())"
        if evidence not in eff.medium:
            eff.medium.append(evidence)
        eff.executed |= _names_in(model_doc)
        return

    # --- HTTP ------------------------------------------------------------------------------
    if name in ("fetch", "$fetch", "ofetch", "fetchWithTimeout", "undiciFetch", "request") and (
            len(chain) == 1 or root in ("window", "globalThis", "self", "undici")):
        method = _method_of(call, eff.bound)
        if method == "POST" and _token_request(ctx, first, args[1:2]):
            _signin(eff, "fetch")
        elif method == "POST":
            eff.medium.append("fetch with method POST")
            cap = _http_cap(ctx, eff, depth, first, "http_write")
            if cap:
                eff.caps.add(cap)
        elif method in _HTTP_WRITE_METHODS:
            eff.add_strong(f"fetch with method {method}", _http_cap(ctx, eff, depth, first, "http_write"))
        else:
            cap = _http_cap(ctx, eff, depth, first, "http")
            if cap:
                eff.caps.add(cap)
        return
    if len(chain) >= 2 and lname in ("post", "put", "patch", "delete") and (
            re.search(r"axios|http|got|ky|superagent|needle|request|api|client|fetcher|instance|octokit", " ".join(chain[:-1]), re.I)
            or (root_module is not None and not root_module.startswith("."))):
        if lname == "post" and _token_request(ctx, first, [], args[1] if len(args) > 1 else None):
            _signin(eff, f"{'.'.join(chain[-2:])}()")
        elif lname == "post":
            eff.medium.append(f"{'.'.join(chain[-2:])}() HTTP POST")
            cap = _http_cap(ctx, eff, depth, first, "http_write")
            if cap:
                eff.caps.add(cap)
        else:
            eff.add_strong(f"{'.'.join(chain[-2:])}() HTTP {name.upper()}", _http_cap(ctx, eff, depth, first, "http_write"))
        return
    if root in ("axios", "got", "ky") and (len(chain) == 1 or name == "request"):
        method = _method_of(call, eff.bound)
        url = first
        if url is not None and unwrap(url) is not None and unwrap(url).type == "object":
            entry = object_entries(unwrap(url)).get("url")
            url = entry_value(entry) if entry is not None else None
        if method == "POST":
            eff.medium.append(f"{root} with method POST")
            cap = _http_cap(ctx, eff, depth, url, "http_write")
            if cap:
                eff.caps.add(cap)
        elif method in _HTTP_WRITE_METHODS:
            eff.add_strong(f"{root} with method {method}", _http_cap(ctx, eff, depth, url, "http_write"))
        else:
            cap = _http_cap(ctx, eff, depth, url, "http")
            if cap:
                eff.caps.add(cap)
        return
    if len(chain) >= 2 and lname in ("get", "head") and re.search(r"axios|http|got|ky|superagent|needle|request", chain[-2], re.I):
        cap = _http_cap(ctx, eff, depth, first, "http")
        if cap:
            eff.caps.add(cap)
        return

    # --- files -------------------------------------------------------------------------------
    is_fs = root_module in _FS_MODULES or root in _FS_ROOTS or (len(chain) >= 2 and chain[-2] == "promises" and root in _FS_ROOTS)
    if is_fs or (len(chain) == 1 and root_module in _FS_MODULES):
        if _ensures_dir(ctx, name, args):
            return  # mkdir(dir, { recursive: true }) of a directory the input does not choose: a no-op once there
        if name in _FS_WRITE:
            eff.add_strong(f"fs.{name}", "file_write")
            return
        if name in _FS_READ:
            eff.caps.add("file_read")
            return
    if name in ("writeFile", "writeFileSync", "appendFile", "unlink", "rm", "mkdir") and len(chain) >= 2 and \
            re.search(r"fs|file|vfs|workspace|storage|disk", chain[-2], re.I):
        eff.add_strong(f"{chain[-2]}.{name}", "file_write")
        return

    # --- shell ---------------------------------------------------------------------------------
    is_cp = root_module in _CP_MODULES or root in ("child_process", "cp", "childProcess", "shell", "shelljs")
    if (is_cp and name in _CP_FUNCS | {"exec", "spawn"}) or (len(chain) == 1 and root_module in _CP_MODULES):
        if _cli_process(ctx, fn, call, name, chain, eff, f"child_process {name}()", depth):
            return
        eff.add_strong(f"child_process {name}()", "shell")
        if first is not None:
            eff.executed |= _names_in(first)
        if len(args) > 1 and _shell_program(first) and _shell_command_flag(args[1]):
            eff.executed |= _names_in(args[1])  # spawn("bash", ["-c", line]): the shell runs the line as a command
        return
    if root in ("Bun", "Deno") and name in ("spawn", "spawnSync", "run", "Command"):
        if _cli_process(ctx, fn, call, name, chain, eff, f"{root}.{name}()", depth):
            return
        eff.add_strong(f"{root}.{name}()", "shell")
        if first is not None:
            eff.executed |= _names_in(first)
        return
    if len(chain) >= 2 and name in sinks.TS_COMMAND_METHODS and \
            re.search(r"sandbox|shell|terminal|commands?$|container|ssh|process$", chain[-2], re.I) and root != "process":
        eff.add_strong(f"{'.'.join(chain[-2:])}() runs a command", "shell")
        at = sinks.TS_COMMAND_METHODS[name]
        command = args[at] if isinstance(at, int) and len(args) > at else None
        if isinstance(at, str):
            command = next((entry_value(e) for a in args for k, e in (_literal_entries(a) or {}).items() if k == at), None)
        if command is not None:
            eff.executed |= _names_in(command)
        for a in args:
            # sandbox.execute(sandboxId, code, ...): an argument named as the code or command it holds is run,
            # wherever the method takes it
            a = unwrap(a)
            last = a.child_by_field_name("property") if a is not None and a.type == "member_expression" else a
            if last is not None and last.type in ("identifier", "property_identifier") and \
                    text(last) in _RAW_ARG_NAMES:
                eff.executed.add(text(last))
        return

    if len(chain) >= 2 and name in sinks.TS_COMMAND_METHODS and root != "process":
        # ops.exec(spawnContext.command, cwd): whatever the object (an operations interface a caller may swap),
        # a command method given an argument named as the command it holds runs that text; what the object does
        # besides is left to the rules that know it. Only a field named as a command or code is raw through it
        # (detect.py): a command line a builder makes of the model's flags (`--app ${app}`) is not its text
        for a in args[:4]:
            a = unwrap(a)
            last = a.child_by_field_name("property") if a is not None and a.type == "member_expression" else a
            if last is not None and last.type in ("identifier", "property_identifier") and \
                    text(last) in _RAW_ARG_NAMES:
                eff.command_args |= _names_in(a)
                if len(eff.sink_notes) < 4:
                    eff.sink_notes.append(f"{'.'.join(chain[-2:])}() is given the {text(last)} to run")

    # --- code execution --------------------------------------------------------------------------
    if chain == ["eval"] or chain[-2:] == ["window", "eval"] or chain[-2:] == ["globalThis", "eval"]:
        eff.add_strong("eval() of code", "code_execution")
        if first is not None:
            eff.executed |= _names_in(first)
        return
    if name == "eval" and len(chain) >= 2 and first is not None and not re.search(r"math|expr|calc", chain[-2], re.I) \
            and not _fixed_code(ctx, first):
        # session.eval(input.code), interpreter.eval(src): a REPL, sandbox or VM object's eval runs the text as
        # code (a math library's expression evaluator is not code)
        eff.add_strong(f"{chain[-2]}.eval() runs code", "code_execution")
        eff.executed |= _names_in(first)
        return
    if chain == ["Function"] and args_of(call) and all(_fixed_code(ctx, a) for a in args_of(call)):
        return  # Function(CONSTANT_SCRIPT): fixed text, no text of the input
    if chain == ["Function"]:  # Function(src)() compiles code like new Function(src)
        eff.add_strong("Function() compiles code", "code_execution")
        eff.executed |= _names_in(call.child_by_field_name("arguments"))
        return
    if name in _VM_FUNCS and (root == "vm" or root_module in ("vm", "node:vm") or len(chain) == 1):
        eff.add_strong(f"vm.{name}() runs code", "code_execution")
        if first is not None:
            eff.executed |= _names_in(first)
        return
    if name in _CODE_RUN_NAMES:
        eff.add_strong(f"{name}() runs code", "code_execution")
        if first is not None:
            eff.executed |= _names_in(first)
        return

    if name in _SQL_RUN_NAMES and args:
        # database.executeSql(projectId, { query }): a method named for running SQL runs what it is given;
        # when an options object holds the statement, only that entry is run (not the project id beside it).
        options = [entries for entries in (_literal_entries(a) for a in args) if entries]
        statements = [entry_value(e) for entries in options for k, e in entries.items() if k in _SQL_KEYS]
        run = statements or args
        model_sql = any(_is_param_derived(ctx, fn, a) or _names_in(a) & _param_names(ctx, fn, a) for a in run)
        read_only = any(entry_value(e) is not None and entry_value(e).type == "true"
                        for entries in options for k, e in entries.items() if k in _READ_ONLY_KEYS)
        # A statement the code wrote itself, run in a read-only transaction it asked for, changes nothing.
        if not (read_only and not model_sql):
            eff.add_strong(f"{name}() runs SQL", "sql" if model_sql else None)
        for a in run:
            eff.executed |= _names_in(a)
        return

    if name == "rpc" and len(chain) >= 2 and ((root_module or "").startswith("@supabase/") or "supabase" in " ".join(chain).lower()):
        fn_name = None
        if first is not None and unwrap(first) is not None and unwrap(first).type == "string":
            fn_name = text(unwrap(first)).strip("'\"`")
        rpc = datastores.rpc_effect(fn_name)
        if rpc:
            eff.weak.append(rpc[1])
        return

    # --- SDK calls that change state (parr.scan.effects_kb) ------------------------------------------
    if len(chain) >= 2:
        hit = effects_kb.match_typescript([*chain[:-1], name], root_module)
        if hit is not None:
            eff.add_strong(hit.evidence, hit.capability or None)
            if hit.capability == "shell" and first is not None:
                eff.executed |= _names_in(first)
            return

    # --- SQL -------------------------------------------------------------------------------------
    if name in _QUERY_RUNNERS and len(chain) >= 2 and _DB_RECEIVER.search(chain[-2]) and first is not None:
        # db.runQuery(sql): a project's database wrapper (its connector classes are built at run time)
        # handed the model's statement runs it
        statement = _model_statement(ctx, fn, name, chain[-2], args)
        if statement is not None:
            eff.add_strong("executes model-supplied SQL", "sql")
            eff.executed |= _names_in(statement)
            return
    if name in _SQL_METHODS or (call.child_by_field_name("arguments") is not None
                                and call.child_by_field_name("arguments").type == "template_string"
                                and lname == "sql"):
        sql = _sql_text(ctx, first)
        if sql is not None and (_SQL_START.search(sql) or _SQL_WRITE_ANYWHERE.search(sql)):
            # SQL the code writes (values bound or interpolated): a read or a write, not the broad
            # capability "sql", which is SQL the model writes
            m = _SQL_WRITE.search(sql) or _SQL_WRITE_ANYWHERE.search(sql)
            if m:
                verb = m.group(1).split()[0].upper()
                eff.add_strong(f"SQL {verb}")
            return
        receiver = " ".join(chain[:-1])
        if first is not None and (_DBISH.search(receiver or name) or _sql_client(ctx, call, root)) and \
                not re.search(r"agent|runner|chain|graph|llm|model", receiver, re.I):
            statement = _model_statement(ctx, fn, name, chain[-2] if len(chain) >= 2 else "", args)
            if statement is not None:
                eff.add_strong("executes model-supplied SQL", "sql")
                eff.executed |= _names_in(statement)
                return

    # --- e-mail / payments / SaaS writes ------------------------------------------------------------
    if name in ("sendMail", "sendEmail", "send_email", "sendTransacEmail") or (
            root_module in _EMAIL_MODULES and name in ("send", "create", "sendEmailWithTemplate", "sendMultiple")) or (
            len(chain) >= 2 and chain[-2] == "emails" and name == "send"):
        eff.add_strong(f"{'.'.join(chain[-2:])}() sends e-mail", "email")
        return
    if (root_module is not None and _PAYMENT_MODULES.match(root_module)) or re.search(r"stripe|paypal|braintree|razorpay", root, re.I):
        if name in _PAYMENT_VERBS or _MUTATING_METHOD_PREFIX.match(name):
            eff.add_strong(f"{'.'.join(chain)}() payment call", "payment")
            return
    if name == "postMessage" and "chat" in chain:
        eff.add_strong("chat.postMessage()")  # a fixed API: a write, not arbitrary HTTP
        return

    # --- browser ---------------------------------------------------------------------------------
    driven = model_browsers.call(chain, root_module)
    if driven is not None:  # Stagehand: an LLM interprets the instruction (and acts on the page for act())
        eff.add_strong(driven.evidence, "browser") if driven.acts else eff.caps.add("browser")
        if first is not None:
            eff.executed |= _names_in(first)
        return
    page_call = browsers_kb.page_action(chain)
    if page_call == "acts" and name == "press" and args and unwrap(args[-1]) is not None \
            and unwrap(args[-1]).type == "string" and text(unwrap(args[-1])).strip("'\"") in browsers_kb.SCROLL_KEYS:
        page_call = "reads"  # keyboard.press("PageDown"), page.press("body", "End"): a fixed key that scrolls
    if page_call == "acts":
        # a click, a key press, a filled field, an upload or a script acts on the live site (effects_kb.browsers)
        eff.caps.add("browser")
        script = unwrap(first) if first is not None else None
        if name in ("evaluate", "evaluateHandle", "executeScript", "executeAsyncScript", "addScriptTag") \
                and script is not None:
            if script.type == "template_string" and _wraps_substitution(script):
                # page.evaluate(`(${args.script})()`): the template only calls or wraps what it is given, so the
                # code the page runs is that value
                eff.add_strong(f"{'.'.join(chain[-2:])}() runs model-supplied JavaScript in the page", "code_execution")
                eff.executed |= _names_in(script)
                return
            if script.type in ("string", "template_string", "arrow_function", "function_expression", "function"):
                if browsers_kb.INSPECTS.match(text(script).strip("'\"`")):
                    return  # a fixed script that only scrolls or reads the page
            elif name != "addScriptTag" and (script.type in ("member_expression", "subscript_expression") or (
                    script.type == "identifier" and (ctx.value_node(script) is None or ctx.value_node(script).type
                                                     not in ("arrow_function", "function_expression", "function",
                                                             "function_declaration", "string", "template_string")))):
                # page.evaluate(args.script): the model writes the JavaScript the page runs
                eff.add_strong(f"{'.'.join(chain[-2:])}() runs model-supplied JavaScript in the page", "code_execution")
                eff.executed |= _names_in(script)
                return
        receiver = next((r for r in reversed(chain[:-1]) if r not in ("()", "?", "[]")), "page")
        evidence = f"acts on a web page ({receiver}.{name}())"
        if evidence not in eff.weak:
            eff.weak.append(evidence)
        return
    if page_call == "reads" or name in _BROWSER_ACTIONS and len(chain) >= 2 and re.search(
            r"page|browser|frame|tab|locator|context", chain[-2], re.I):
        eff.caps.add("browser")
        if name in ("pdf", "screenshot") and args and unwrap(args[0]) is not None and unwrap(args[0]).type == "object" \
                and "path" in object_entries(unwrap(args[0])):
            eff.add_strong(f"page.{name}() writes a file", "file_write")
        return

    # --- agents (free-form input forwarded) -----------------------------------------------------------
    if len(chain) >= 2 and args:
        hit = sinks.interpreted(name, " ".join(chain[:-1]), root_module)
        if hit is not None:
            # stagehand.act(params.action): a model reads the instruction and drives the browser
            eff.caps.add("browser")
            if hit[1]:
                eff.add_strong(f"{'.'.join(chain[-2:])}() acts on a web page from a model-read instruction")
            eff.executed |= _names_in(args[0])
            return
    if name in _AGENT_CALLS and len(chain) >= 2 and _AGENTISH.search(chain[-2]):
        for a in args:
            eff.executed |= _names_in(a)
        return
    if chain == ["run"] and root_module is not None and root_module.startswith("@openai/agents") and len(args) >= 2:
        eff.executed |= _names_in(args[1])
        return

    # --- human in the loop -------------------------------------------------------------------------
    if name in _HITL_CALLS:
        eff.hitl = True
        return
    if len(chain) >= 2 and re.search(r"approv", chain[-2], re.I):
        # approvals.propose(...), approvalQueue.submit(...): the change waits for a person.
        eff.approval_request = True
        return

    # --- a model call (chat.completions.create(), responses.create(), embeddings.create()): asks a model, changes
    # nothing (as Python's _INFERENCE_CALL; `messages.create` is left out here: Twilio sends SMS with it in JS)
    if len(chain) >= 2 and name in ("create", "parse", "stream") and chain[-2] in _INFERENCE_RECEIVERS:
        return

    # --- databases / stores / SaaS clients ---------------------------------------------------------------
    if len(chain) >= 2:
        receiver_text = " ".join(chain[:-1])
        if name == "create" and sinks.ts_own_workspace(chain, [m for m, _ in ctx.imports.values() if m]):
            return  # Sandbox.create(), bb.sessions.create(): the tool's own workspace
        if _CACHE_WORD.intersection(name_words(chain[-2])) and \
                name in _DB_WRITE_METHODS | {"set", "put", "add"}:
            return  # docsCache.set(url, page), env.CACHE_KV.put(k, v): a cache keeps a copy of what was read
        if name in _DB_WRITE_METHODS and _STOREISH.search(receiver_text) and name not in ("add", "set") or \
                (name in ("set", "put", "add") and re.search(r"kv|redis|cache|bucket|storage|r2|s3|firestore|collection|store\b|db", receiver_text, re.I)):
            eff.add_strong(f"{'.'.join(chain[-2:])}() writes to a store")
            return
        if name in ("execute", "run", "exec") and len(chain) >= 3 and chain[-2] == "()" and \
                _READ_BUILDER.match(chain[-3]):
            return  # api.query({...}).execute(q), db.selectFrom(t).execute(): runs a read built by the call before
        if _CLIENT_SETTING.match(name):
            return  # the client's own settings, in this process
        if (_STARTS_READ_JOB.match(name) or _READ_JOB_RESOURCE.match(chain[-2]) and _STARTS_REMOTE_WORK.match(name)) \
                and (_CLIENTISH.search(receiver_text) or root_module is not None):
            # client.startCrawl(url), client.createStream(run), client.crawl.startAndWait(params): a read job on
            # the service, named by the method or by the resource it is called on
            return
        if _MUTATING_METHOD_PREFIX.match(name) and not _OBSERVABILITY.search(receiver_text) and (
                _CLIENTISH.search(receiver_text)
                or (root_module is not None and not root_module.startswith(".") and root_module not in _FS_MODULES
                    and not root_module.startswith(("@modelcontextprotocol", "zod", "ai", "@ai-sdk", "@openai/agents",
                                                    "@langchain", "langchain", "@voltagent", "@mastra", "react",
                                                    "node:", "path", "url", "util", "crypto", "events",
                                                    "@sentry/", "@opentelemetry/"))
                    and not _MATCHER_PACKAGES.match(root_module))):
            eff.add_strong(f"{'.'.join(chain[-3:])}() call")  # an SDK method: a write, not arbitrary HTTP
            return
        if _STARTS_REMOTE_WORK.match(name) and _CLIENTISH.search(receiver_text) and not _TELEMETRY.search(name):
            # apiService.startAutofix(...), client.launchInstance(...): starts a run on the service
            eff.add_strong(f"{'.'.join(chain[-3:])}() starts work on the service")
            return
        if name in _SHARED_MUTATORS:
            base = chain[-2]
            if root == "this":
                eff.weak.append(f"{'.'.join(chain[-2:])}() changes object state")
                return
            if root in ("()", "?", "[]", "Object", "Array", "JSON", "Math", "console", "Promise", "Reflect", "params",
                        "url", "headers", "searchParams", "res", "response", "reply", "req", "request", "ctx"):
                return
            rb = None
            # Find the root identifier node to look up its binding.
            node = unwrap(callee)
            while node is not None and node.type in ("member_expression", "subscript_expression"):
                node = unwrap(node.child_by_field_name("object"))
            if node is not None and node.type == "identifier":
                rb = ctx.lookup(node, text(node))
            if rb is None or rb.kind in ("param", "pattern"):
                return
            decl = rb.node
            if decl is not None and fn.start_byte <= decl.start_byte < fn.end_byte:
                return
            if rb.kind == "import" and rb.module is not None and not rb.module.startswith("."):
                return
            eff.weak.append(f"{base}.{name}() changes shared state")
            return

    # --- a method of an instance of a class of another file (`selectTool.execute(args)` where
    # `selectTool = new SelectTool(server)`): the project phase follows it (`fn_effects` "Class.method")
    member = chain[1] if len(chain) == 2 else None
    if member == "[]" and callee.type == "subscript_expression":
        # `HANDLERS["update_app"](request)`: one entry of a table of handlers another file exports
        member = string_literal(callee.child_by_field_name("index"))
    if member and len(chain) == 2 and root not in ("this", "()", "?", "[]") and len(eff.imports) < 20:
        cls = _instance_classes(ctx).get(root)
        imp = ctx.imports.get(cls) if cls else ctx.imports.get(root)  # or an object it imports: `tool.handler(args)`
        if imp is not None and imp[0].startswith((".", "@/", "~/")) and imp[1] not in ("*", "default"):
            ref = {"module": imp[0], "name": imp[1], "member": member, "argv": []}
            names = arg_names(args)
            if names:
                ref["names"] = names
            if ref not in eff.imports:
                eff.imports.append(ref)

    # --- `this.search(q)` in a method of an object literal or of a class: that object's own `search` function;
    # `p.tap(x)` where `p = new Phone()` of this file: Phone's `tap` ------------------------------------------
    if len(chain) == 2 and root not in ("()", "?", "[]", "super") and chain[1] not in ("[]", "?", "()"):
        target = _own_method(callee, chain[1]) if root == "this" else None
        if target is None:
            cls = _this_class(callee) if root == "this" else _local_class(ctx, root)
            found = _class_member(ctx, cls, chain[1]) if cls is not None else None
            if isinstance(found, _Unreadable):
                imp = ctx.imports.get(found.base) if found.base else None
                if imp is not None and imp[0].startswith((".", "@/", "~/")) and imp[1] not in ("*", "default"):
                    # a method of a base class of another file of the project: the project phase follows it
                    ref = {"module": imp[0], "name": imp[1], "member": chain[1], "argv": []}
                    if ref not in eff.imports and len(eff.imports) < 20:
                        eff.imports.append(ref)
                elif not (READ_METHOD.match(chain[1]) or _QUIET_METHOD.match(chain[1])) and len(eff.unread) < 8:
                    label = f"calls {root}.{chain[1]}() ({found.why})"
                    if label not in eff.unread:
                        eff.unread.append(label)
                return
            target = found
        if target is not None and depth >= 2:
            if len(eff.unread) < 8 and f"calls {root}.{chain[1]}()" not in eff.unread:
                eff.unread.append(f"calls {root}.{chain[1]}()")  # a method three calls deep: not read
            return
        if target is not None and target.id not in visited and target.end_byte - target.start_byte < 200_000:
            visited.add(target.id)
            # a class's private helper is called from many of its methods: read once per depth in this file
            cache = ctx.__dict__.setdefault("_member_effects", {})
            sub = cache.get((target.id, depth + 1))
            if sub is None:
                sub = cache[(target.id, depth + 1)] = analyze(ctx, target, depth + 1, visited)
            sub = replace(sub, strong=[f"{e} (via {root}.{chain[1]}())" if "(via " not in e else e for e in sub.strong],
                          reads=[f"{e} (via {root}.{chain[1]}())" if "(via " not in e else e for e in sub.reads])
            eff.merge(sub)
            _map_pending(ctx, eff, sub, target, call, depth)
            _map_executed(eff, sub, target, call)
            _map_process(ctx, fn, eff, sub, call, depth, chain[1])
            return

    # --- calls into functions of this file ------------------------------------------------------------
    if len(chain) == 1 and callee.type == "identifier":
        if _MUTATING_FN_NAME.match(name) and name not in _BENIGN_GLOBALS and not _TELEMETRY.search(name) and \
                root_module is not None and root_module.startswith((".", "@/", "~/")):
            eff.weak.append(f"calls {name}()")
        b = ctx.lookup(callee, name)
        if b is not None and b.kind == "import" and b.module is not None and b.imported not in (None, "*") \
                and b.module.startswith((".", "@/", "~/")) and len(eff.imports) < 20:
            # a function of another file of the project: the project phase follows it (its exported
            # effects, `fn_effects`), with this call's arguments for a process it runs. A helper
            # passing its own parameters on (`run(cmd, args) { return execSafe(cmd, args) }`) leaves
            # the arguments to its callers.
            ref = {"module": b.module, "name": b.imported, "argv": [process.arg_fact(ctx, a) for a in args[:4]]}
            names = arg_names(args)
            if names:
                ref["names"] = names  # what each argument names, for a parameter the callee runs raw
            at = [process.param_index(fn, a, ctx) for a in args[:4]] if depth > 0 or eff.as_helper else []
            if any(i is not None for i in at):
                fwd = {"forward": ref, "at": at, "how": f"{name}()"}
                if fwd not in eff.proc_params:
                    eff.proc_params.append(fwd)
            elif ref not in eff.imports:
                eff.imports.append(ref)
        if depth < 2:
            target = None
            if b is not None:
                if b.kind == "function":
                    target = b.node
                elif b.kind in ("var", "default") and is_function(unwrap(b.node)):
                    target = unwrap(b.node)
            bound = branches.bind_call(ctx, target, call, eff.bound) if target is not None else {}
            # a helper called with other literals is read again (its branches may differ)
            seen_key = (target.id, tuple(sorted(bound.items()))) if bound and target is not None else \
                target.id if target is not None else None
            if target is not None and seen_key not in visited and target.end_byte - target.start_byte < 200_000:
                visited.add(seen_key)
                sub = analyze(ctx, target, depth + 1, visited, bound=bound)
                sub.strong = [f"{e} (via {name}())" if "(via " not in e else e for e in sub.strong]
                sub.reads = [f"{e} (via {name}())" if "(via " not in e else e for e in sub.reads]
                eff.merge(sub)
                _map_pending(ctx, eff, sub, target, call, depth)
                _map_executed(eff, sub, target, call)
                _map_process(ctx, fn, eff, sub, call, depth, name)
    # --- none of the above: a call of code parr cannot read, said (the verdict then rests on what it read) ----
    if len(eff.unread) < 8:
        unread = _unread_call(ctx, call, callee, chain, name, root, root_module)
        if unread is not None and unread not in eff.unread:
            eff.unread.append(unread)
            b = ctx.lookup(callee, name) if len(chain) == 1 and callee.type == "identifier" else None
            if b is not None and b.kind == "import" and b.imported not in (None, "*") and len(eff.imports) < 12:
                # a package's function: if the package is one of this repository's (a monorepo's workspace
                # package), the project phase reads it and the call is no longer unknown
                eff.imports.append({"module": b.module, "name": b.imported, "argv": [process.arg_fact(ctx, a)
                                                                                    for a in args[:4]],
                                    "pkg": unread})


# Packages whose calls compute, validate, log, trace or ask a model: nothing outside changes through them.
_QUIET_PACKAGES = re.compile(
    r"^(?:node:)?(?:path|url|util|crypto|os|events|assert|buffer|querystring|string_decoder|timers|perf_hooks|zlib)$|"
    r"^(?:zod|valibot|arktype|yup|joi|@sinclair/typebox|ai|@ai-sdk/|openai|@anthropic-ai/|@google/genai|"
    r"@google/generative-ai|@langchain/|langchain|@modelcontextprotocol/|@mastra/|@openai/agents|uuid|nanoid|lodash|"
    r"date-fns|dayjs|moment|chalk|zod-to-json-schema|@opentelemetry/|@sentry/|pino|winston|debug|effect)|"
    r"^(?:ignore|minimatch|micromatch|picomatch)$|"
    r"(?:^|[/@-])i18n(?:ext)?(?:$|[/-])|^react-i18next$")  # i18n packages: `t("key")` looks up a string
# Packages whose objects live in memory: pattern matchers (`ignore().add(rules)` adds rules to the matcher) and
# Effect's core (`Ref.set(ref, v)` sets a reference of the program); nothing outside changes through them.
_MATCHER_PACKAGES = re.compile(r"^(?:ignore|minimatch|micromatch|picomatch|effect)$")
# Globals whose methods compute or read in this process (a global not here, `chrome.downloads`, is unknown).
_QUIET_GLOBALS = PURE_ROOTS | frozenset({
    "Reflect", "process", "globalThis", "window", "document", "navigator", "performance", "crypto", "URL", "Error", "Map",
    "Set", "BigInt", "Atomics", "WeakMap", "WeakSet", "AbortSignal", "AbortController", "TextEncoder", "TextDecoder",
    "Response", "Request", "Headers", "location", "history", "self", "module", "require", "exports", "__dirname",
    "__filename"})
# Methods of events, promises and callbacks in this process (`emitter.on(...)`, `p.then(...)`); a method whose name
# says it reads is quiet by that name (evidence.READ_METHOD). A mutating verb on a client or store is a write
# above; elsewhere its receiver is unknown, and so is the call.
_QUIET_METHOD = re.compile(
    r"^(?:emit|on|once|off|then|catch|finally|blob|arrayBuffer|bind|call|apply|abort|throwIfAborted|iterator|"
    r"asyncIterator|subscribe|unsubscribe|listen|addListener|removeListener|measure|mark|time|timeEnd|"
    r"introspect|addCitation)(?=$|[A-Z_0-9])")  # AIbitat's `this.super.introspect(...)`: a line shown to the user
# Beyond purity's methods of plain values (and the read-named ones above): a value's own collection methods,
# promise combinators, schema-builder steps, and a response object answering the caller.
_PURE_CALL_METHODS = PURE_METHODS | frozenset({
    "push", "pop", "shift", "unshift", "splice", "set", "delete", "add", "clear", "reverse", "fill", "assign", "freeze",
    "race", "all", "allSettled", "any",
    "default", "optional", "nullable", "min", "max", "url", "email", "int", "positive", "array", "object", "string",
    "number", "boolean", "enum", "union", "literal", "record", "extend", "pick", "omit", "partial", "required",
    "shape", "refine", "pipe", "catchall", "strict", "passthrough", "length",
    "end", "writeHead", "setHeader", "status",
})


def quiet_call(name: str) -> bool:
    """A method or function whose name says it reads (`listTags`), an event or promise method of this process, or
    one of the pure methods (`.map`, `.has`, `.parse`): a call of it that parr did not read leaves nothing unknown."""
    return bool(READ_METHOD.match(name) or _QUIET_METHOD.match(name)) or name in _PURE_CALL_METHODS


def _unread_call(ctx: FileCtx, call: Node, callee: Node, chain: list[str], name: str, root: str,
                 root_module: str | None) -> str | None:
    """`calls x.y()` for a call no rule above read whose code parr cannot read: a function or object of a package
    (not one that computes or asks a model), a global parr has no knowledge of, a member of `this` two deep
    (a client field), or a method of a parameter or of an object a package made. None for everything else:
    the project's own code (read here or by the project phase), values and methods that compute."""
    label = f"calls {'.'.join(c for c in chain[-3:] if c not in ('()', '?', '[]'))}()"
    if root_module is not None and root_module.startswith((".", "@/", "~/", "#")):
        return None  # the project's own code: the project phase follows it
    if READ_METHOD.match(name) or _QUIET_METHOD.match(name):
        return None  # its name says it reads (`client.getUser`), or an event or promise of this process
    parent = call.parent
    if parent is not None and parent.type == "member_expression" and parent.parent is not None \
            and parent.parent.type == "call_expression":
        return None  # api.surveys().list(): an accessor; the call made on what it returns is judged
    if any(unwrap(a) is not None and unwrap(a).type in ("arrow_function", "function_expression", "function")
           for a in args_of(call)):
        return None  # step.run("x", async () => ...): a wrapper whose callback is read with the body
    if len(chain) == 1:
        if root_module is not None and not _QUIET_PACKAGES.match(root_module):
            return f"calls {name}() of {root_module}"
        return None
    if name in _PURE_CALL_METHODS or root in ("()", "?", "[]", "super"):
        return None
    if root_module is not None:
        return None if _QUIET_PACKAGES.match(root_module) else label
    if root == "this":
        return label if len(chain) >= 3 else None  # this.client.join(): a field holding a client; this.x(): own
    head = callee
    while head is not None and head.type in ("member_expression", "subscript_expression"):
        head = unwrap(head.child_by_field_name("object"))
    if head is None or head.type != "identifier":
        return None
    b = ctx.lookup(head, root)
    if b is None:
        return None if root in _QUIET_GLOBALS else label  # chrome.downloads.download(): a host API
    if b.kind == "param":
        return label  # runtime.getService(...).joinChannel(): an object the caller hands in
    if b.kind == "var" and b.node is not None:
        made = unwrap(b.node)
        made = unwrap(made.child_by_field_name("argument")) if made is not None and made.type == "await_expression" \
            else made
        if made is not None and made.type in ("new_expression", "call_expression"):
            ctor = unwrap(made.child_by_field_name("constructor") or made.child_by_field_name("function"))
            mchain = member_chain(ctor) if ctor is not None else []
            if made.type == "new_expression" and len(mchain) == 1 and ctor is not None:
                cb = ctx.lookup(ctor, mchain[0])
                if cb is not None and cb.kind == "class":
                    return None  # const p = new Phone(); p.tap(x): a class of this file, its method read above
            module = ctx.import_source(mchain[0]) if mchain else None
            if module is not None and not module.startswith((".", "@/", "~/", "#")) and not _QUIET_PACKAGES.match(module):
                return label  # const voice = new VoiceClient(); voice.join(): an object a package made
    return None


def _cli_process(ctx: FileCtx, fn: Node, call: Node, name: str, chain: list[str], eff: Effects, how: str,
                 depth: int) -> bool:
    """A process call whose executable is a CLI the knowledge base knows (effects_kb.cli): its
    subcommand decides. Reads leave no write; a subcommand the model picks waits for the schema."""
    if depth > 0 or eff.as_helper:
        proc = process.helper_argv(ctx, fn, call, name)
        if proc is not None:
            # the argument list is this helper's parameter: each call site reads its own
            eff.proc_params.append({**proc, "how": how})
            return True
    d = process.decision(ctx, fn, call, name, chain)
    if d is None:
        return False
    _apply_decision(eff, d, how)
    return True


def _apply_decision(eff: Effects, d: "cli_kb.Decision", how: str) -> None:
    if d.kind == cli_kb.READ:
        if d.evidence not in eff.reads:
            eff.reads.append(d.evidence)
    elif d.kind == cli_kb.CHOICE:
        fact = cli_kb.choice_fact(d)
        if fact not in eff.choices:
            eff.choices.append(fact)  # judged with the schema's values (scanner: "shell" when one writes)
    else:
        eff.add_strong(f"{d.evidence} ({how})", "shell")
        eff.executed |= set(d.runs)  # `kubectl exec pod -- <command>`: the model's words run
        eff.runs += [f for f in d.runs if f not in eff.runs]


def _map_process(ctx: FileCtx, fn: Node, eff: Effects, sub: Effects, call: Node, depth: int, name: str) -> None:
    """A helper running a process from its parameters, seen from this call: the CLI words passed here
    decide; passed on from the caller's own parameters, the caller's callers decide (depth > 0); an
    executable parr cannot read runs a process as before."""
    args = args_of(call)
    for proc in sub.proc_params:
        if "forward" in proc:
            # the helper hands its parameters to a function of another file: this call's arguments go there
            ref = dict(proc["forward"])
            argv = list(ref.get("argv") or [])
            up_at: list = []
            for k, i in enumerate(proc.get("at") or []):
                if i is None or k >= len(argv):
                    up_at.append(None)
                    continue
                a = args[i] if i < len(args) else None
                argv[k] = process.arg_fact(ctx, a) if a is not None else {}
                up_at.append(process.param_index(fn, a, ctx) if a is not None else None)
            ref["argv"] = argv
            if any(i is not None for i in up_at) and (depth > 0 or eff.as_helper):
                fwd = {"forward": ref, "at": up_at, "how": proc.get("how")}
                if fwd not in eff.proc_params:
                    eff.proc_params.append(fwd)
            elif ref not in eff.imports and len(eff.imports) < 20:
                eff.imports.append(ref)
            continue
        d, up = process.call_site(ctx, fn, call, proc)
        if up is not None and (depth > 0 or eff.as_helper):
            eff.proc_params.append({**up, "how": proc.get("how") or "process"})
            continue
        if d is not None:
            _apply_decision(eff, d, f"{proc.get('how') or 'process'} via {name}()")
            continue
        eff.add_strong(f"{proc.get('how') or 'process'} (via {name}())", "shell")
        eff.executed |= _names_in(call.child_by_field_name("arguments"))


def _map_executed(eff: Effects, sub: Effects, target: Node, call: Node) -> None:
    """A helper that runs one of its parameters raw (`handleRunSql(sql)`) runs what the caller passes
    there: the names in that argument (`params.sql`, `EXPLAIN ${params.sql}`) are executed too."""
    if not sub.executed:
        return
    args = args_of(call)
    for i, param in enumerate(function_params(target)[:len(args)]):
        pattern = param_pattern(param)
        names = {text(n) for n in iter_descendants(pattern, 400) if n.type in (
            "identifier", "shorthand_property_identifier_pattern")} if pattern is not None else set()
        hit = names & sub.executed
        if pattern is not None and pattern.type == "identifier":
            # runCommand(args) whose body runs `args.command` (or a local made from it): the caller's field
            # of that name is executed
            hit |= _fields_read(target, text(pattern)) & sub.executed
        if not hit:
            continue
        entries = _literal_entries(args[i]) if pattern is not None and pattern.type == "object_pattern" else {}
        if entries:
            # handleRunSql({ sql: params.sql, projectId }): only the entries the helper runs
            for key in hit:
                if key in entries:
                    value = entry_value(entries[key]) or entries[key]
                    eff.executed |= _names_in(value) | {key}
        else:
            eff.executed |= _names_in(args[i]) | hit


_GQL_TAGS = frozenset({"gql", "graphql"})
_GQL_SENDERS = frozenset({"request", "rawRequest", "mutate", "query", "fetch", "post"})


def _graphql_text(ctx: FileCtx, node: Node | None, depth: int = 0) -> str | None:
    """The text of a GraphQL document: a string, a gql`...` tagged template (its literal parts),
    or a constant holding either."""
    node = unwrap(node)
    if node is None or depth > 3:
        return None
    if node.type == "call_expression":
        f = unwrap(node.child_by_field_name("function"))
        a = node.child_by_field_name("arguments")
        if f is not None and text(f) in _GQL_TAGS and a is not None and a.type == "template_string":
            return "".join(text(c) for c in a.named_children if c.type == "string_fragment")
        return None
    if node.type in ("identifier", "shorthand_property_identifier"):
        b = ctx.lookup(node, text(node))
        if b is not None and b.kind in ("var", "default") and b.node is not None:
            return _graphql_text(ctx, b.node, depth + 1)
        return None
    value = ctx.string_value(node)
    return value if isinstance(value, str) else None


def _graphql_effect(ctx: FileCtx, call: Node, chain: list[str], name: str, args: list[Node]) -> tuple[bool, str] | None:
    """(writes, evidence) for a call that sends or builds a GraphQL document the code writes:
    gql`mutation ...`, client.request(DOC), client.mutate({ mutation }), a POST whose body holds
    { query: DOC }; None where no document parr can read is sent."""
    a = call.child_by_field_name("arguments")
    if len(chain) == 1 and name in _GQL_TAGS and a is not None and a.type == "template_string":
        got = graphql.effect("".join(text(c) for c in a.named_children if c.type == "string_fragment"))
        return (got[0], f"{got[1]} ({name}`...`)") if got is not None else None
    if name not in _GQL_SENDERS and not (len(chain) == 1 and name in ("fetch", "$fetch", "ofetch")) \
            and chain[0] not in ("axios", "got", "ky"):
        return None
    docs: list[Node] = []
    for arg in args[:3]:
        u = unwrap(arg)
        if u is None:
            continue
        if u.type == "object":
            entries = object_entries(u)
            for key in ("query", "mutation", "document"):
                if key in entries:
                    docs.append(entry_value(entries[key]))
            for key in ("body", "data", "json"):  # fetch(url, { body: JSON.stringify({ query }) })
                body = unwrap(entry_value(entries[key])) if key in entries else None
                if body is not None and body.type == "call_expression" and text(
                        body.child_by_field_name("function")).endswith("stringify"):
                    body = unwrap(args_of(body)[0]) if args_of(body) else None
                if body is not None and body.type == "object" and "query" in object_entries(body):
                    docs.append(entry_value(object_entries(body)["query"]))
        elif name in ("request", "rawRequest"):
            docs.append(u)  # graphql-request: request(url, document) / client.request(document)
    for d in docs:
        got = graphql.effect(_graphql_text(ctx, d))
        if got is not None:
            return got[0], f"{got[1]} ({'.'.join(chain[-2:])}())"
    return None


_GQL_NAME = re.compile(r"graphql|gql", re.I)


def _model_graphql(ctx: FileCtx, fn: Node, chain: list[str], name: str, args: list[Node]) -> Node | None:
    """The GraphQL document argument of a sender (`client.request(doc)`, `client.query({ query: doc })`) when it
    comes from the handler's input rather than from text the code wrote, and the call is GraphQL for sure: the
    receiver, the document's expression or a GraphQL client module says so (a `query` of a search SDK or a query
    engine is a question in words, not a document)."""
    if name not in _GQL_SENDERS or name in ("fetch", "post") or len(chain) < 2:
        return None
    docs: list[Node] = []
    for arg in args[:2]:
        entries = _literal_entries(arg)
        if entries:
            docs += [entry_value(entries[k]) for k in ("query", "document", "mutation") if k in entries]
        elif name in ("request", "rawRequest") and arg is not None:
            docs.append(arg)
    root = chain[0]
    module = ctx.import_source(root) if root not in ("this", "()", "?", "[]") else None
    for d in docs:
        if d is None or not (_is_param_derived(ctx, fn, d) or _names_in(d) & _param_names(ctx, fn, d)):
            continue
        if _GQL_NAME.search(" ".join(chain[:-1])) or any(_GQL_NAME.search(n) for n in _names_in(d)) or (
                module is not None and module in graphql.TS_CLIENT_MODULES):
            return d
    return None


def _literal_entries(node: Node | None) -> dict[str, Node]:
    """The entries of an object literal argument, or nothing."""
    node = unwrap(node)
    return object_entries(node) if node is not None and node.type == "object" else {}


# Declarations and assignments that can bind an instance; JavaScript has no typed parameters.
_INSTANCE_QUERY = {"javascript": "[(variable_declarator) (assignment_expression)] @n"}
_INSTANCE_QUERY_TS = "[(required_parameter) (optional_parameter) (variable_declarator) (assignment_expression)] @n"


def _instance_classes(ctx: FileCtx) -> dict[str, str]:
    """Variables of this file holding an instance of one class: `const t = new C(...)`, `let t: C;` then
    `t = new C(...)` -> {t: C}; a name given two classes is left out."""
    cached = getattr(ctx, "_instance_classes", None)
    if cached is not None:
        return cached
    out: dict[str, str] = {}
    clash: set[str] = set()

    def note(var: str, cls: str) -> None:
        if out.get(var, cls) != cls:
            clash.add(var)
        out[var] = cls

    if b"new " in ctx.source or b"import type" in ctx.source or b"import {" in ctx.source:
        # one query run in tree-sitter's C code, not a Python walk over every node of the file
        for node in captures(ctx.grammar, ctx.root, _INSTANCE_QUERY.get(ctx.grammar, _INSTANCE_QUERY_TS), "n", 1 << 16):
            if node.type in ("required_parameter", "optional_parameter"):
                # `figmaService: FigmaService`: a parameter holding an instance of an imported class
                n, t = node.child_by_field_name("pattern"), node.child_by_field_name("type")
                named = [c for c in t.named_children] if t is not None else []
                if n is not None and n.type == "identifier" and len(named) == 1 and named[0].type == "type_identifier":
                    note(text(n), text(named[0]))
            elif node.type == "variable_declarator":
                n, v = node.child_by_field_name("name"), unwrap(node.child_by_field_name("value"))
                t = node.child_by_field_name("type")
                if n is None or n.type != "identifier":
                    continue
                if v is not None and v.type == "new_expression":
                    c = v.child_by_field_name("constructor")
                    if c is not None and c.type == "identifier":
                        note(text(n), text(c))
                elif v is None and t is not None:
                    named = [c for c in t.named_children if c.type == "type_identifier"]
                    if len(named) == 1 and len(t.named_children) == 1:
                        note(text(n), text(named[0]))
                else:
                    # `const vm = service.voiceManager as VoiceManager`: the value asserted to be one class
                    raw = node.child_by_field_name("value")
                    while raw is not None and raw.type == "parenthesized_expression" and raw.named_children:
                        raw = raw.named_children[0]
                    if raw is not None and raw.type == "as_expression" and len(raw.named_children) == 2 and \
                            raw.named_children[1].type == "type_identifier":
                        note(text(n), text(raw.named_children[1]))
            elif node.type == "assignment_expression":
                left, right = node.child_by_field_name("left"), unwrap(node.child_by_field_name("right"))
                if left is not None and left.type == "identifier" and right is not None and right.type == "new_expression":
                    c = right.child_by_field_name("constructor")
                    if c is not None and c.type == "identifier":
                        note(text(left), text(c))
    out = {k: v for k, v in out.items() if k not in clash}
    try:
        ctx._instance_classes = out  # type: ignore[attr-defined]
    except AttributeError:
        pass
    return out


def exported_class_method_effects(ctx: FileCtx, limit: int = 60) -> dict[str, dict]:
    """Effects of the methods of the classes this file exports, as "Class.method" (another file calls
    them on an instance it made: `new SelectTool(server)` then `.execute(args)`)."""
    out: dict[str, dict] = {}
    instanced = _exported_instance_classes(ctx)
    for stmt in ctx.root.named_children:
        decl = stmt.child_by_field_name("declaration") if stmt.type == "export_statement" else stmt
        if decl is None or decl.type not in ("class_declaration", "abstract_class_declaration"):
            continue
        if stmt.type != "export_statement" and (decl.child_by_field_name("name") is None or
                                                text(decl.child_by_field_name("name")) not in instanced):
            continue  # a class of this file only: unless the file exports an instance of it
        cname = decl.child_by_field_name("name")
        body = decl.child_by_field_name("body")
        if cname is None or body is None:
            continue
        for member in body.named_children:
            if member.type != "method_definition":
                continue
            mname = member.child_by_field_name("name")
            if mname is None or text(mname) == "constructor":
                continue
            if len(out) >= limit:
                return out
            fact = helper_fact(member, analyze(ctx, member, as_helper=True))
            followed = {f"calls {c.get('name')}()" for c in fact.get("calls") or []}
            if fact.get("weak"):
                # `calls createErrorResponse()`: a function of the project the resolver follows; what it does
                # decides, not its name. `this.logs = []`: the instance's own memory, nothing outside it.
                fact["weak"] = [w for w in fact["weak"] if w not in followed and not w.startswith("assigns this.")
                                and not w.endswith("() changes object state")]
                if not fact["weak"]:
                    del fact["weak"]
            out[f"{text(cname)}.{text(mname)}"] = fact  # {}: read, and it changes nothing
    return out


def _exported_instance_classes(ctx: FileCtx) -> set[str]:
    """Classes of this file it exports an instance of (`export const crm = new CrmStore()`)."""
    out: set[str] = set()
    if b"new " not in ctx.source:
        return out
    for stmt in ctx.root.named_children:
        decl = stmt.child_by_field_name("declaration") if stmt.type == "export_statement" else None
        if decl is None or decl.type not in ("lexical_declaration", "variable_declaration"):
            continue
        for d in decl.named_children:
            v = unwrap(d.child_by_field_name("value")) if d.type == "variable_declarator" else None
            c = v.child_by_field_name("constructor") if v is not None and v.type == "new_expression" else None
            if c is not None and c.type == "identifier":
                out.add(text(c))
    return out


def arg_names(args: list[Node]) -> list:
    """The names in each argument of a call into another file (at most 4): a list of names, or for an
    object literal its keys' names (`{ sql: args.statement, name }`). Empty when no argument names any."""
    out: list = []
    for a in args[:4]:
        entries = _literal_entries(a)
        if entries:
            out.append({k: sorted(_names_in(entry_value(e) or e, 100))[:12] for k, e in list(entries.items())[:12]})
        else:
            out.append(sorted(_names_in(a, 100))[:12])
    return out if any(out) else []


def raw_params(fn: Node, eff: Effects) -> list[list]:
    """The parameters of a helper that reach a sink interpreting them (SQL, a shell, code: `executed`), as
    [position, key] (key "" for the whole parameter, else the entry of a destructured options object), and the
    names of its parameters (for a callee of another file that runs what this helper passes on)."""
    out: list[list] = []
    for i, local in enumerate(param_names(fn)):
        if isinstance(local, str) and local in eff.executed:
            out.append([i, ""])
        elif isinstance(local, dict):
            out += [[i, key] for key, name in local.items() if name in eff.executed]
    return out


def param_names(fn: Node) -> list:
    """Each parameter's name, or for a destructured object its keys -> local names (None when neither)."""
    out: list = []
    for param in function_params(fn)[:6]:
        pat = unwrap(param_pattern(param))
        if pat is not None and pat.type == "identifier":
            out.append(text(pat))
        elif pat is not None and pat.type == "object_pattern":
            keys: dict = {}
            for child in pat.named_children:
                if child.type == "shorthand_property_identifier_pattern":
                    keys[text(child)] = text(child)
                elif child.type == "object_assignment_pattern" and child.child_by_field_name("left") is not None:
                    keys[text(child.child_by_field_name("left"))] = text(child.child_by_field_name("left"))
                elif child.type == "pair_pattern":
                    k, v = child.child_by_field_name("key"), unwrap(child.child_by_field_name("value"))
                    if k is not None and v is not None and v.type == "identifier":
                        keys[text(k)] = text(v)
            out.append(keys or None)
        else:
            out.append(None)
    return out


def sink_of(eff: Effects) -> str | None:
    """The evidence naming the sink a raw string reaches (the first statement, command, code or document run)."""
    for e in eff.strong + eff.medium:
        if re.search(r"SQL|child_process|command|code|eval|Function|vm\.|Bun\.|Deno\.|GraphQL|JavaScript", e):
            return e
    if eff.sink_notes:
        return eff.sink_notes[0]
    return eff.strong[0] if eff.strong else None


def helper_fact(fn: Node, eff: Effects) -> dict:
    """`effects_fact` of a function other files call, with the parameters it runs raw (`raw`, `sink`) and,
    when it calls into other files, its parameters' names (`params`: what it passes on)."""
    fact = effects_fact(eff)
    raw = raw_params(fn, eff) if eff.executed else []
    if raw:
        fact["raw"] = raw
        sink = sink_of(eff)
        if sink:
            fact["sink"] = sink
    if fact.get("calls") or any("forward" in p for p in fact.get("proc") or []):
        fact["params"] = param_names(fn)
    return fact


def effects_fact(eff: Effects) -> dict:
    """Effects as facts (JSON) another file's tools take in when they call this code (see scanner)."""
    out: dict = {}
    for key, value in (("strong", eff.strong[:8]), ("weak", eff.weak[:8]), ("medium", eff.medium[:4]),
                       ("reads", eff.reads[:4]), ("choices", eff.choices[:4]), ("caps", sorted(eff.caps)),
                       ("proc", eff.proc_params[:4]), ("calls", eff.imports[:20]), ("runs", eff.runs[:4]),
                       ("unread", eff.unread[:4])):
        if value:
            out[key] = value
    return out


def exported_function_effects(ctx: FileCtx, limit: int = 200) -> dict[str, dict]:
    """Effects of the functions this file exports (`export function f`, `export const f = () => ...`),
    read as helpers (a process run from their parameters waits for the caller's arguments)."""
    out: dict[str, dict] = {}
    def local_function(node: Node | None) -> Node | None:
        node = unwrap(node)
        if node is not None and node.type in ("identifier", "shorthand_property_identifier"):
            b = ctx.top_level(text(node))
            node = b.node if b is not None and b.kind == "function" else (
                unwrap(b.node) if b is not None and b.kind in ("var", "default") else None)
        return node if node is not None and is_function(node) else None

    for stmt in ctx.root.named_children:
        found: list[tuple[str, Node]] = []
        cjs = commonjs_exports(stmt)
        if cjs is not None:
            # CommonJS: `module.exports = { run, exec: runCommand, check() {...} }`, `exports.run = ...`
            found = [(k, v if v.type == "method_definition" else local_function(v)) for k, v in cjs if k != "default"]
            found = [(k, v) for k, v in found if v is not None]
        elif stmt.type != "export_statement":
            continue
        elif any(c.type == "default" for c in stmt.children):
            # `export default function keep(...)`, `export default async (args) => ...`, `export default keep`
            fn = local_function(stmt.child_by_field_name("declaration") or stmt.child_by_field_name("value"))
            if fn is not None:
                found.append(("default", fn))
        elif (decl := stmt.child_by_field_name("declaration")) is None:
            # `function run(...) {...}` then `export { run, run as exec }`: the local function, by the exported name
            clause = next((c for c in stmt.named_children if c.type == "export_clause"), None)
            if clause is None or stmt.child_by_field_name("source") is not None:
                continue
            for spec in clause.named_children:
                local, alias = spec.child_by_field_name("name"), spec.child_by_field_name("alias")
                fn = local_function(local) if local is not None and local.type == "identifier" else None
                if fn is not None:
                    found.append((text(alias if alias is not None else local), fn))
        elif decl.type in ("function_declaration", "generator_function_declaration"):
            n = decl.child_by_field_name("name")
            if n is not None:
                found.append((text(n), decl))
        elif decl.type in ("lexical_declaration", "variable_declaration"):
            for d in decl.named_children:
                if d.type == "variable_declarator":
                    n, v = d.child_by_field_name("name"), unwrap(d.child_by_field_name("value"))
                    if n is not None and n.type == "identifier" and is_function(v):
                        found.append((text(n), v))
                    elif n is not None and n.type == "identifier" and v is not None and v.type == "object":
                        # `export const endSession = { name, handler: async (args) => ... }`: another file
                        # calls `endSession.handler(args)`
                        for pair in v.named_children:
                            # (`handler: downloadImages`: a function of this file)
                            value = local_function(pair.child_by_field_name("value")) if pair.type == "pair" else None
                            if value is not None:
                                key = pair.child_by_field_name("key")
                                k = text(key) if key is not None and key.type == "property_identifier" else (
                                    string_literal(key) if key is not None and key.type == "string" else None)
                                if k:
                                    found.append((f"{text(n)}.{k}", value))
                            elif pair.type == "method_definition" and pair.child_by_field_name("name") is not None:
                                found.append((f"{text(n)}.{text(pair.child_by_field_name('name'))}", pair))
        for name, fn in found:
            if len(out) >= limit:
                return out
            fact = helper_fact(fn, analyze(ctx, fn, as_helper=True))
            by = _literal_variants(ctx, fn, fact)
            if by:
                fact["by"] = by
            out[name] = fact  # {}: read, and it changes nothing (a missing name is one parr did not read)
    return out


def _literal_variants(ctx: FileCtx, fn: Node, base: dict) -> dict:
    """{position: {literal: effects}} for the parameters of an exported function whose branches
    (or request method) a literal decides: a caller in another file that passes one of these
    literals there takes those effects instead of every branch's; "" is a call that leaves the
    parameter out (its default holds)."""
    out: dict = {}
    for i, param in enumerate(function_params(fn)[:4]):
        pattern = param_pattern(param)
        if pattern is None or pattern.type != "identifier":
            continue
        name = text(pattern)
        values = branches.tested_values(fn, name)
        if not values:
            continue
        variants: dict = {}
        default = branches.param_default(param)
        dv = ctx.string_value(default) if default is not None else None
        for v in values + ([""] if isinstance(dv, str) else []):
            fact = effects_fact(analyze(ctx, fn, as_helper=True, bound={name: v if v else dv}))
            if fact != base:
                variants[v] = fact
        if variants:
            out[str(i)] = variants
    return out


def _wraps_substitution(template: Node) -> bool:
    """A template string whose literal text is only brackets, parentheses, semicolons and spaces around its
    substitutions (`(${code})()`, `${code}`): the string is the substituted value, called or as it is."""
    subs = [c for c in template.named_children if c.type == "template_substitution"]
    if not subs:
        return False
    rest = text(template)
    for c in subs:
        rest = rest.replace(text(c), "")
    return re.fullmatch(r"[`\s();{}\[\]]*", rest) is not None


def _promisified(ctx: FileCtx, ident: Node) -> Node | None:
    """`f` of `const g = promisify(f)` (Node's util.promisify): calling `g` calls `f`, its result as a promise."""
    value = unwrap(ctx.value_node(ident))
    if value is None or value.type != "call_expression":
        return None
    fn = unwrap(value.child_by_field_name("function"))
    chain = member_chain(fn) if fn is not None else []
    if not chain or chain[-1] != "promisify":
        return None
    source = ctx.import_source(chain[0])
    if source not in ("util", "node:util"):
        return None
    args = args_of(value)
    target = unwrap(args[0]) if len(args) == 1 else None
    return target if target is not None and target.type in ("identifier", "member_expression") else None


def _fields_read(fn: Node, param: str) -> set[str]:
    """Fields a function reads off its parameter `param` (`param.x`, `param?.x`)."""
    out: set[str] = set()
    body = fn.child_by_field_name("body")
    for n in iter_descendants(body, 5000) if body is not None else ():
        if n.type == "member_expression":
            obj = unwrap(n.child_by_field_name("object"))
            prop = n.child_by_field_name("property")
            if obj is not None and obj.type == "identifier" and text(obj) == param and prop is not None:
                out.add(text(prop))
    return out
