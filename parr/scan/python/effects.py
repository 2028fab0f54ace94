"""What one call inside a function body does: capability, how strongly it implies a mutation, and
the evidence string. Pure functions over already-computed dotted names; no tree walking here."""

from __future__ import annotations

import ast
import re

from parr.scan import effects_kb
from parr.scan.effects_kb import browsers as browsers_kb, datastores, desktop, graphql, sinks
from parr.scan.effects_kb.system import (
    PY_SUBPROCESS_FUNCS as _SUBPROCESS_FUNCS, PY_OS_SHELL as _OS_SHELL, PY_OS_FILE_WRITE as _OS_FILE_WRITE, PY_SHUTIL_WRITE as _SHUTIL_WRITE, PY_PATH_WRITE as _PATH_WRITE, PY_PATH_READ as _PATH_READ,
)
from parr.scan.effects_kb.http import (
    PY_HTTP_ROOTS as _HTTP_ROOTS, PY_HTTP_WRITE as _HTTP_WRITE, PY_HTTP_READ as _HTTP_READ,
)
from parr.scan.effects_kb.payments import (
    PY_PAYMENT_ROOTS as _PAYMENT_ROOTS, PY_PAYMENT_WRITE as _PAYMENT_WRITE,
)
from parr.scan.effects_kb.email import (
    PY_EMAIL_ROOTS as _EMAIL_ROOTS,
)
from parr.scan.evidence import MUTATING_VERBS, name_verdict, name_words
from parr.scan.python import catalog, process

STRONG = "strong"  # the call itself changes state outside the process (or runs code/shell)
WEAK = "weak"  # the call probably changes state (verb-named client method, workflow state)
# A POST is how writes are sent and also how many query APIs are called (search, scrape, GraphQL):
# it changes state unless the tool's name says it reads, as in the TypeScript scanner.
MEDIUM = "medium"
READ = "read"  # a capability without a mutation (HTTP GET, file read)
# Making sure a directory exists (os.makedirs(d, exist_ok=True), Path.mkdir(exist_ok=True)): a no-op
# once it is there, which stores nothing by itself (housekeeping before a read, a cache or a write
# that is judged on its own), unless the model's input chooses the directory: then it is the
# directory the model asked for. The judge decides on the capability's tie ("file_write@path").
ENSURE_DIR = "ensure_dir"
UNKNOWN = "unknown"  # a call parr cannot read (see known_quiet)

_HTTPISH_RECEIVER = re.compile(r"(requests|httpx|aiohttp|session|client|http|api\b|_api|urllib3)", re.I)
_SQL_RECEIVER = re.compile(r"(cursor|\bcur\b|conn|connection|session|sess\b|\bdb\b|_db\b|engine|\bcon\b|database|transaction|\btx\b)", re.I)
_SQL_METHODS = frozenset({"execute", "executemany", "executescript", "exec_driver_sql", "raw", "run_sql", "query"})
_SQL_WRITE = re.compile(
    r"^\s*(insert\s+into|update\s+[\w\".`\[\]]+\s+set|delete\s+from|drop\s+(table|database|schema|index|view)|"
    r"truncate|alter\s+table|create\s+(table|database|schema|index|view)|merge\s+into|replace\s+into|grant|revoke)\b",
    re.I,
)
_SQL_READ = re.compile(r"^\s*(select|with|show|describe|explain|pragma)\b", re.I)
# Transaction control: starts, ends or marks a transaction; it changes no data by itself (the
# statements run inside it are judged each on its own). PostgreSQL, MySQL, SQLite and SQL Server forms.
_SQL_TXN = re.compile(r"^\s*(begin|start\s+transaction|commit|rollback|abort|end|savepoint|release|"
                      r"set\s+(session\s+characteristics\s+as\s+)?transaction)\b[\w\s,]*;?\s*$", re.I)
# Comments before a statement (`/* app tag */ SELECT ...`, `-- note`): the statement starts after them.
_SQL_LEAD_COMMENTS = re.compile(r"^(?:\s+|/\*.*?\*/|--[^\n]*(?:\n|$))+", re.S)
_SQL_CLOSED_COMMENTS = re.compile(r"^(?:\s+|/\*.*?\*/|--[^\n]*\n)+", re.S)  # (a `--` ended by a newline)

# EXPLAIN and its options (PostgreSQL's `EXPLAIN (ANALYZE, FORMAT JSON)`, MySQL's and the old
# `EXPLAIN ANALYZE VERBOSE`): with ANALYZE the statement really runs (postgresql.org/docs/current/sql-explain.html)
_SQL_EXPLAIN = re.compile(r"^\s*explain\b\s*(\([^)]*\)|(?:(?:analy[sz]e|verbose|extended|format\s*=?\s*\w+)\b\s*)*)", re.I)
_ANALYZE_OFF = re.compile(r"analy[sz]e\s+(?:false|off|0)\b", re.I)
# Cypher the code writes (Neo4j sinks of effects_kb.sinks): the clauses a statement may start with,
# and the clauses and procedures that change the graph wherever they stand
_CYPHER_READ = re.compile(r"^\s*(?:optional\s+match|match|call|return|with|unwind|show|create|merge|foreach|load\s+csv)\b", re.I)
_CYPHER_WRITE = re.compile(r"\b(?:create|merge|set|delete|detach\s+delete|remove|drop|foreach|load\s+csv)\b|"
                           r"\bapoc\.(?:create|merge|refactor|periodic|do|trigger|load|nodes\.delete|atomic)\b|"
                           r"\bdb\.(?:create|drop)", re.I)
# CREATE TABLE IF NOT EXISTS before the query a tool runs: it makes sure the table is there and
# stores no data (a no-op once it exists), so it does not make the tool a write by itself.
_SQL_ENSURE = re.compile(r"^\s*create\s+(?:unique\s+)?(?:table|index|view|schema|database)\s+if\s+not\s+exists\b", re.I)
# A receiver that names a browser page, driver or element (`self.page`, `driver`, `page.locator()`,
# `el`): one of its last three parts is such a name, or ends in one (`new_page`, `main_frame`). Not a
# data frame, a pptx text frame or a page cache (`self.pages.clear()`). What each method does:
# effects_kb.browsers.
_BROWSER_PART = re.compile(r"^_*(?:(?:\w+_)?(?:page|browser|driver|locator|tab|element)|webdriver|elem|el|"
                           r"(?:(?:main|child|content|parent|current)_)?i?frame|get_by_\w+|query_selector(?:_all)?|"
                           r"nth|first|last)(?:\(\))?$", re.I)


def _browser_receiver(recv: str) -> bool:
    return any(_BROWSER_PART.match(part) for part in recv.split(".")[-3:])


def _scroll_key(call: ast.Call, method: str) -> bool:
    """keyboard.press("PageDown"), page.press("body", "End"), send_keys(Keys.PAGE_DOWN): every key it
    presses (press: its last argument, after a selector; send_keys: every argument, text included) is
    a fixed one that only scrolls (effects_kb.browsers.SCROLL_KEYS)."""
    if not call.args or call.keywords:
        return False

    def scrolls(key) -> bool:
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            return key.value in browsers_kb.SCROLL_KEYS
        return isinstance(key, ast.Attribute) and isinstance(key.value, ast.Name) and key.value.id == "Keys" \
            and key.attr in browsers_kb.SCROLL_KEYS
    return all(scrolls(k) for k in (call.args[-1:] if method == "press" else call.args))


_SCROLL_CALL = re.compile(r"^\s*(?:window\.)?scroll(?:To|By)\s*\([^;()]*\)\s*;?\s*$")


def _inspects_page(script: str | None, call: ast.Call) -> bool:
    """A literal script (the whole first argument, no run-time part) that only scrolls or reads;
    or one scroll call with values spliced into its arguments (f"window.scrollBy({dx}, {dy})": plain
    names or arithmetic, no call, no text of their own), which only scrolls."""
    a = call.args[0] if call.args else None
    if isinstance(a, ast.JoinedStr):
        parts = []
        for v in a.values:
            if isinstance(v, ast.Constant) and isinstance(v.value, str):
                parts.append(v.value)
            elif isinstance(v, ast.FormattedValue) and v.format_spec is None and v.conversion == -1 and all(
                    isinstance(n, (ast.Name, ast.Attribute, ast.BinOp, ast.UnaryOp, ast.Load, ast.operator,
                                   ast.unaryop)) or isinstance(n, ast.Constant) and isinstance(n.value, (int, float))
                    for n in ast.walk(v.value)):
                parts.append("0")
            else:
                return False
        return bool(_SCROLL_CALL.match("".join(parts)))
    if script is None or not isinstance(a, ast.Constant):
        return False
    statements = [x for x in re.split(r";\s*", script.strip()) if x]
    return bool(statements) and all(browsers_kb.INSPECTS.match(x) for x in statements)
_LOG_RECEIVER = re.compile(r"^(self\.)?(_?log|_?logger|logging|console|print|warnings|st|tracer|span|progress|pbar|rich)\b", re.I)
_POOL_METHODS = frozenset({"submit", "map", "starmap", "apply_async", "map_async", "imap", "imap_unordered"})
_POOL_RECEIVER = re.compile(r"executor|pool", re.I)
_COMMAND_TRANSPORTS = frozenset({"send_command", "send_cmd", "call_command", "dispatch_command", "invoke_command",
                                 "execute_command", "run_command",
                                 # JSON-RPC and other RPC clients: the method is named first
                                 "send_request", "call_method", "invoke_method", "rpc_call", "call_rpc", "jsonrpc"})
# Methods whose first argument is a command line the object runs (a sandbox's, a container's, a
# remote host's shell): the ones named so, never a named command sent to a process (send_command).
_RUNS_COMMAND_LINE = frozenset({"execute_command", "exec_command", "run_command", "run_shell_command",
                                "execute_shell_command", "run_shell"})
# `.call("get_tracks", ...)` / `.request("eth_getBalance", ...)` / `.rpc("x")` name a remote method only on
# a receiver that is a connection to another process (not subprocess.call, not an HTTP request).
# (.send("...") is left out: a socket's literal message is as often data as a command)
_RPC_GENERIC = frozenset({"call", "request", "rpc", "invoke"})
_RPC_RECEIVER = re.compile(r"rpc|conn|socket|sock\b|\bws\b|websocket|bridge|proxy|remote|daemon|channel|peer|ipc", re.I)
_COMMAND_NAME = re.compile(r"[A-Za-z_][\w.-]*(?:/[A-Za-z_][\w.-]*)*")
_HTTP_METHOD_NAMES = frozenset({"get", "post", "put", "patch", "delete", "head", "options"})
# Playback controls: a transport verb on something that plays (start_playback, fire_clip, stop_clip,
# pause_video) or moving the playhead (set_current_song_time). They change what is heard or seen
# now and store nothing (DESIGN section 3: writes, deletes, sends, pays, books or runs code), so a
# command or client method named so is a read, whatever its verb says elsewhere (start_instance).
_PLAYBACK_VERBS = frozenset({"start", "stop", "pause", "resume", "unpause", "play", "fire", "launch", "seek", "rewind",
                             "skip", "replay"})
_PLAYBACK_OBJECTS = frozenset({"playback", "clip", "clips", "song", "audio", "video", "media", "music", "sound", "player",
                               "playhead", "transport", "track", "tracks"})
_SEEK_VERBS = frozenset({"set", "move", "jump", "seek"})
_SEEK_OBJECTS = frozenset({"time", "position", "playhead"})


def playback_control(name: str) -> bool:
    """Whether a command or method name only controls playback (see _PLAYBACK_VERBS)."""
    words = name_words(name)
    if len(words) < 2:
        return False
    rest = set(words[1:])
    if words[0] in _PLAYBACK_VERBS and rest & _PLAYBACK_OBJECTS and not rest & {"recording", "record", "job", "task"}:
        return True
    return words[0] in _SEEK_VERBS and bool(rest & _SEEK_OBJECTS) and bool(rest & (_PLAYBACK_OBJECTS - {"track", "tracks"}))


PLAYBACK_NOTE = "a playback control, which stores nothing"


def command_effect(op: str, how: str) -> list[tuple[str, str, str]]:
    """The effect of asking another process for the command or RPC method `op` by name: the
    transport's own verb (send, call) says nothing, the command's name says what is asked."""
    if playback_control(op):
        return [("", READ, f"sends the command '{op}' ({how}): {PLAYBACK_NOTE}")]
    verdict = name_verdict(op).mutating
    if verdict is False:
        # what it does happens in a process parr cannot see: the tool's name and description
        # decide, as for any call parr cannot read
        return [("", UNKNOWN, f"sends the command '{op}' to another process ({how})")]
    # the code asks for 'delete_scene' by name: that outranks the tool's own name
    return [("", STRONG if verdict else WEAK, f"sends the command '{op}' ({how})")]


def _json_body(call: ast.Call, lookup, last_arg: bool = False) -> ast.Dict | None:
    """The literal dict a call sends as its JSON body: `json=`, `data=json.dumps(...)`, or a name bound to
    one. With `last_arg`, a transport's send also takes it as its last argument, maybe through
    json.dumps (`sock.send(json.dumps({...}))`)."""
    body = _kw(call, "json")
    if body is None:
        data = _kw(call, "data")
        if isinstance(data, ast.Call) and (_call_name(data) or "").endswith("dumps") and data.args:
            body = data.args[0]
    if last_arg:
        if body is None and call.args and isinstance(call.args[-1], (ast.Dict, ast.Name)):
            body = call.args[-1]
        if isinstance(body, ast.Call) and (_call_name(body) or "").endswith("dumps") and body.args:
            body = body.args[0]
    if isinstance(body, ast.Name) and lookup is not None:
        body = lookup(body.id)
    return body if isinstance(body, ast.Dict) else None


def _jsonrpc_method(call: ast.Call, lookup) -> str | None:
    """The literal method of a JSON-RPC request body the call sends ({"jsonrpc": "2.0", "method": ...})."""
    body = _json_body(call, lookup, last_arg=True)
    if body is None:
        return None
    keys = {k.value: v for k, v in zip(body.keys, body.values) if isinstance(k, ast.Constant)}
    method = keys.get("method")
    if "jsonrpc" not in keys or not (isinstance(method, ast.Constant) and isinstance(method.value, str)):
        return None
    return method.value if _COMMAND_NAME.fullmatch(method.value) else None
_SINK_METHODS = frozenset(m for s in sinks.PY_SINKS for m in s.methods)
_CONFIRM_CALLS = frozenset({"input", "get_user_input", "confirm", "raw_input"})
# What a tool tells the connected MCP client on its session or context (progress, log lines) and
# elicit, which asks the client's user. (Sampling and list-changed notices: effects_kb.messaging.)
_MCP_SESSION_SAYS = frozenset({"report_progress", "send_progress_notification", "send_log_message", "elicit"})
_PROGRESS_REPORTS = frozenset({"report_progress", "send_progress_notification"})
_AGENT_RUN = frozenset({"run", "arun", "run_sync", "invoke", "ainvoke", "stream", "astream", "send_message", "chat", "achat", "run_async", "initiate_chat", "generate_reply"})


def _first_str(call: ast.Call) -> str | None:
    if call.args:
        a = call.args[0]
        if isinstance(a, ast.Constant) and isinstance(a.value, str):
            return a.value
        if isinstance(a, ast.JoinedStr):
            return "".join(v.value for v in a.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    return None


def _kw(call: ast.Call, name: str):
    for k in call.keywords:
        if k.arg == name:
            return k.value
    return None


def classify_call(call: ast.Call, dotted: str | None, qual: str | None, is_builtin_name: bool,
                  str_lookup, injected: frozenset[str], *, origin: str | None = None,
                  file_roots: frozenset[str] = frozenset(), url_source=None, lookup=None,
                  params: frozenset[str] = frozenset(), file_modules: frozenset[str] = frozenset(),
                  receiver_call=None, bindable=None, path_source=None) -> list[tuple[str, str, str]]:
    """Effects of one call: [(capability or '', strength, evidence)]. `dotted` is the callee as
    written ("self.client.post"), `qual` the same with its root resolved through the imports.
    `str_lookup(name)` returns a local string literal assigned to a name in the same function;
    `origin` the qualified callee that built the receiver, `file_roots` the file's import roots
    (both for the SDK knowledge in parr.scan.effects_kb). `url_source(expr)` names the function's
    parameters that choose a URL's scheme or host; an HTTP capability carries them after '@'
    ("http@url"), and an empty result (a fixed base URL) leaves no broad capability. `file_modules`
    are the modules the file imports (for the statement sinks of parr.scan.effects_kb.sinks), and
    `receiver_call()` the call that built the receiver (its read-only flags), `bindable()` the
    parameters the function never reassigns (a request's method one of them names is the caller's);
    `path_source(expr)` the parameters that reach any part of a path (for directories it creates)."""
    if not dotted:
        return []
    q = qual or dotted
    parts = q.split(".")
    root = parts[0]
    last = parts[-1]
    recv = dotted.rsplit(".", 1)[0] if "." in dotted else ""
    out: list[tuple[str, str, str]] = []

    # --- builtins called by bare name
    if "." not in dotted and is_builtin_name:
        if last in ("exec", "eval"):
            arg = call.args[0] if call.args else None
            if not (isinstance(arg, ast.Constant)):
                out.append((_tied("code_execution", arg, url_source), STRONG, f"calls {last}()"))
            return out
        if last == "open":
            return _open_mode(call, "open()")
        if last in _CONFIRM_CALLS:
            return [("", "gate:user_confirmation", "asks the user for confirmation")]
        return out
    if last == "get_user_input" or (last in ("confirm", "ask") and root in ("click", "typer", "rich", "Confirm", "questionary")):
        return [("", "gate:user_confirmation", "asks the user for confirmation")]
    if last in _MCP_SESSION_SAYS and re.search(r"session|\bctx\b|context", recv, re.I) \
            and {"mcp", "fastmcp", "mcp_agent"} & file_roots:
        if last == "elicit":
            # MCP elicitation: the client asks its user (book_table asks "Confirm booking?" first)
            return [("", "gate:user_confirmation", f"asks the user through MCP elicitation ({recv.rsplit('.', 1)[-1]}.elicit)")]
        if last in _PROGRESS_REPORTS:
            # The body's code says what it does: it tells the client how far it got. A body that only
            # does that changes nothing, whatever its name says (notify_progress); a body that also
            # reaches nothing else is not a stub standing for its name's action.
            return [("", READ, f"reports progress to the connected MCP client ({recv.rsplit('.', 1)[-1]}.{last})")]
        return []  # log lines to the MCP client: quiet (known_quiet), whatever their verb
    if last == "interrupt" and ("langgraph" in q or dotted == "interrupt"):
        return [("", "gate:interrupt", "calls langgraph interrupt()")]
    if recv and "approv" in recv.rsplit(".", 1)[-1].lower():
        # approvals.propose(...), self.approval_queue.submit(...): the change waits for a person.
        return [("", "gate:approval_request", f"files a request with {recv}.{last}()")]

    # --- shell / processes
    if (root == "subprocess" and last in _SUBPROCESS_FUNCS) or (root == "os" and len(parts) == 2 and _OS_SHELL.match(last)) \
            or (root == "asyncio" and last in ("create_subprocess_exec", "create_subprocess_shell")):
        # a CLI parr knows (effects_kb.cli): its subcommand decides, not "runs a subprocess"
        waiting = process.pending(call, root, last, lookup, params, dotted)
        if waiting is not None:
            return [waiting]
        d = process.decision(call, root, last, lookup, params)
        if d is not None:
            return [process.effect(d, dotted)]
    if root == "subprocess" and last in _SUBPROCESS_FUNCS:
        return [(_tied("shell", _command_arg(call), url_source), STRONG, f"runs a subprocess ({dotted})")]
    if root == "os" and len(parts) == 2 and _OS_SHELL.match(last):
        return [(_tied("shell", _command_arg(call), url_source), STRONG, f"runs a shell command (os.{last})")]
    if root == "asyncio" and last in ("create_subprocess_exec", "create_subprocess_shell"):
        return [(_tied("shell", _command_arg(call), url_source), STRONG, f"runs a subprocess (asyncio.{last})")]
    if root in ("pty", "pexpect") and last in ("spawn", "run", "fork"):
        return [(_tied("shell", _command_arg(call), url_source), STRONG, f"runs a subprocess ({root}.{last})")]
    if root == "runpy" and last in ("run_path", "run_module"):
        return [("code_execution", STRONG, f"runs Python code (runpy.{last})")]
    if root in desktop.MODULES:
        # pyautogui, uiautomation, pywin32, pyperclip ... (effects_kb.desktop): clicks, keys, window
        # focus and the clipboard set act; pointer moves, scrolling, waits and reads do not
        got = desktop.module_call(root, last, call.args, {k.arg: k.value for k in call.keywords if k.arg})
        if got is not None:
            return [got]

    # --- files
    ensured = _ensured_dir(call, root, parts, last, recv)
    if ensured is not None:
        return [(_tied("file_write", ensured[0], path_source or url_source), ENSURE_DIR,
                 f"makes sure a directory exists ({ensured[1]})")]
    if root == "os" and len(parts) == 2 and last in _OS_FILE_WRITE:
        return [("file_write", STRONG, f"changes files (os.{last})")]
    if root == "shutil" and last in _SHUTIL_WRITE:
        return [("file_write", STRONG, f"changes files (shutil.{last})")]
    if last in ("open",) and root in ("io", "codecs", "aiofiles", "gzip", "bz2", "lzma"):
        return _open_mode(call, f"{root}.open()")
    if last in _PATH_WRITE and recv:
        return [("file_write", STRONG, f"writes files (.{last}())")]
    if last == "savefig" and recv:
        # matplotlib's pyplot.savefig / Figure.savefig(fname): writes the image to that file; into an
        # in-memory buffer (io.BytesIO) it writes nothing outside the process
        target = call.args[0] if call.args else _kw(call, "fname")
        held = lookup(target.id) if isinstance(target, ast.Name) and lookup is not None else target
        if isinstance(held, ast.Call) and (_call_name(held) or "") in ("BytesIO", "StringIO"):
            return []
        return [("file_write", STRONG, f"writes an image file (.{last}())")]
    if last in _FRAME_WRITES and recv and (call.args or any(k.arg in _FRAME_TARGET_KWS for k in call.keywords)):
        # pandas/polars DataFrame.to_csv(path) / to_excel / to_parquet ...: writes that file (to_csv()
        # with no target returns the text; into an in-memory buffer it writes nothing outside)
        target = call.args[0] if call.args else next(k.value for k in call.keywords if k.arg in _FRAME_TARGET_KWS)
        held = lookup(target.id) if isinstance(target, ast.Name) and lookup is not None else target
        if isinstance(held, ast.Call) and (_call_name(held) or "") in ("BytesIO", "StringIO"):
            return []
        return [("file_write", STRONG, f"writes a data file (.{last}())")]
    if last == "open" and recv and not _HTTPISH_RECEIVER.search(recv):
        # Path(...).open("w")
        return _open_mode(call, ".open()", mode_pos=0)
    if last in _PATH_READ and recv:
        return [("file_read", READ, f"reads files (.{last}())")]

    if recv and last in _SINK_METHODS:
        sink = sinks.match_python(last, recv, origin or (qual.rsplit(".", 1)[0] if qual and qual != dotted else None),
                                  file_modules)
        if sink is not None:
            return _kb_sink(call, sink, dotted, str_lookup, url_source, receiver_call)

    if last in effects_kb.SIGNIN_URL_METHODS and recv:
        return [("", effects_kb.SIGNIN_URL, f"builds a sign-in URL ({recv.rsplit('.', 1)[-1]}.{last})")]

    # --- e-mail and payments
    if root in _EMAIL_ROOTS or last in ("sendmail", "send_mail", "send_email", "send_mass_mail"):
        return [("email", STRONG, f"sends e-mail ({dotted})")]
    if last == "send_message" and re.search(r"smtp", recv, re.I):
        return [("email", STRONG, f"sends e-mail ({dotted})")]
    if root in _PAYMENT_ROOTS:
        if last in _PAYMENT_WRITE:
            return [("payment", STRONG, f"moves money ({dotted})")]
        return [("payment", READ, f"payment API ({dotted})")]

    if last == "rpc" and recv and ("supabase" in recv.lower() or "supabase" in file_roots or "postgrest" in file_roots):
        rpc = datastores.rpc_effect(_first_str(call))
        return [("", rpc[0], rpc[1])] if rpc else []

    # --- JSON-RPC: the request's method decides, not the POST (or the socket's send) that carries it
    if recv and last in ("post", "request", "send", "send_json", "sendall", "write", "call") and (call.args or call.keywords):
        method = _jsonrpc_method(call, lookup)
        if method is not None:
            return command_effect(method, f"JSON-RPC over {dotted}")

    # --- GraphQL: the document's operation decides, not the POST (or the session's execute) that carries it
    gql = _graphql(call, dotted, q, last, recv, str_lookup, lookup, url_source)
    if gql is not None:
        return gql

    # --- SDK calls that change state (parr.scan.effects_kb: AWS, Google APIs, Kubernetes, Slack,
    # GitHub, Twilio, SendGrid, Supabase, ORMs, MongoDB, Redis, Prisma)
    # SUPPORTED_FORMATS.copy(), DEFAULTS.update(...): an upper-case name is a constant (a collection
    # or settings), never an SDK client, whatever service name its letters contain
    constant = bool(recv) and bool(re.fullmatch(r"[A-Z][A-Z0-9_]+", recv.rsplit(".", 1)[-1]))
    if recv and not constant and effects_kb.candidates(last):
        if origin is None and qual and qual != dotted:
            origin = qual.rsplit(".", 1)[0]  # the receiver is an import: boto3.client("iam")
        hit = effects_kb.match_python(last, recv, origin, file_roots)
        if hit is not None:
            return [(hit.capability, hit.strength, hit.evidence)]
    if recv:
        if origin is None and qual and qual != dotted:
            origin = qual.rsplit(".", 1)[0]
        hit = effects_kb.match_python_read(last, recv, origin, file_roots)
        if hit is not None:
            return [(hit.capability, hit.strength, hit.evidence)]

    # --- HTTP: broad ("http"/"http_write") only where model input picks the URL's scheme or host
    http = _http(call, dotted, q, root, last, recv)
    if http and last == "get" and root not in _HTTP_ROOTS and call.args and isinstance(call.args[0], ast.Constant) \
            and isinstance(call.args[0].value, str) and not re.search(r"[/:]", call.args[0].value):
        http = []  # session_state.get("watchlist", []): a mapping's key, not a URL
    if http:
        cap, strength, ev = http[0]
        url = _url_arg(call, last)
        src = url_source(url) if (url_source is not None and url is not None) else frozenset({"?"})
        out = [(f"{cap}@{','.join(sorted(src))}" if src else "", strength, ev)]
        if strength == READ and last in ("request", "stream", "fetch") and not _fixed_read_method(call, last):
            # client.request(method=method, ...): which method is sent is decided at run time; a
            # read only for the capability, never one the name must yield to
            unread = ("", UNKNOWN, f"HTTP request whose method parr cannot read ({dotted})")
            given = _method_param(call, last, bindable)
            if given is None:
                out.append(unread)
            else:
                # the method is a parameter: a caller's literal decides it (parr.scan.python.branches);
                # where none does, the marker stays and the variants go
                out += _method_variants(out[0][0].replace("http@", "http_write@") if out[0][0] else "",
                                        given, dotted, unread)
        if isinstance(url, ast.Name) and str_lookup(url.id) is not None:
            url = ast.Constant(str_lookup(url.id))  # url = f"https://.../sendMessage?...": its literal parts
        if strength == MEDIUM and (_kw(call, "files") is not None or _upload_path(url)):
            # a multipart upload, or a POST to an upload or object-storage path: it stores what it
            # sends, whatever query APIs do with their POSTs
            return [(out[0][0], STRONG, f"uploads data (HTTP POST {'files=' if _kw(call, 'files') is not None else 'to ' + _upload_path(url)}, {dotted})")]
        action = _url_action(url) if strength == READ else None
        if action is not None:
            # GET .../bot<token>/sendMessage: a GET is safe by the HTTP rules, not by every API's;
            # one whose path names an action is no read the name must yield to
            out.append(("", UNKNOWN, f"HTTP GET to a path that names an action ('{action}')"))
        return out
    if last in ("post", "put", "patch") and recv and not re.search(r"queue|\bq\b", recv, re.I):
        return [("", WEAK, f"calls .{last}()")]

    # --- SQL
    if last in _SQL_METHODS and call.args:
        arg = call.args[0]
        text = _statement_text(arg, str_lookup, lookup)
        sqlish = bool(_SQL_RECEIVER.search(recv)) or (text is not None and (_SQL_WRITE.match(text) or _SQL_READ.match(text))) \
            or (isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) and arg.func.id == "text")
        if sqlish and last != "query" or (last == "query" and text is not None and (_SQL_WRITE.match(text) or _SQL_READ.match(text))):
            if isinstance(arg, ast.IfExp):  # "ROLLBACK" if read_only else "COMMIT": either may run
                return [_sql_effect(a, _statement_text(a, str_lookup, lookup), dotted, url_source)
                        for a in (arg.body, arg.orelse)]
            return [_sql_effect(arg, text, dotted, url_source)]

    # --- browser and page scripts: which page calls act on the site and which only read is the one
    # table of effects_kb.browsers (a script the code does not fix acts; a fixed one that scrolls reads).
    if last in ("evaluate", "execute_script", "execute_async_script") and recv and \
            re.search(r"Runtime|page|frame|cdp|driver|browser|tab", dotted) and _inspects_page(_first_str(call), call):
        return [("browser", READ, f"scrolls or reads the page with a fixed script ({dotted})")]
    if last == "evaluate" and re.search(r"Runtime|page|frame|cdp", dotted):
        return [("browser", WEAK, f"runs JavaScript in the page ({dotted})")]
    if recv and browsers_kb.camel(last) in browsers_kb.LAUNCHES \
            and recv.rsplit(".", 1)[-1].lstrip("_") in browsers_kb.BROWSER_TYPES:
        return [("browser", READ, f"starts the browser it drives ({dotted})")]
    if recv and _browser_receiver(recv):
        device = recv.rsplit(".", 1)[-1]
        page_call = browsers_kb.method_action(last, device if device in browsers_kb.INPUT_DEVICES else None)
        if page_call == "acts" and last in ("press", "send_keys") and _scroll_key(call, last):
            return [("browser", READ, f"scrolls the page with a fixed key (.{last}())")]
        if page_call == "acts":
            return [("browser", WEAK, f"acts on a web page (.{last}())")]
        if page_call == "reads" and re.search(r"page|driver|browser", recv, re.I) and not (
                last == "get" and call.args and not re.search(r"driver|browser", recv, re.I)):
            # page.get("NextToken") is a dict of paginated results, not a browser; driver.get(url) is
            return [("browser", READ, f"reads a web page (.{last}())")]

    # --- MCP client sessions and sub-agents
    if last == "call_tool" and recv:
        out.append(("mcp_remote", READ, f"calls a remote MCP tool ({dotted})"))
        return out
    if last in _AGENT_RUN and (re.search(r"agent|a2a|crew|team", recv, re.I) or q.startswith("agents.Runner")):
        return [("", "prompt", f"forwards input to another agent ({dotted})")]
    if last == "send_message" and recv and "a2a" in (qual or "").lower():
        return [("", "prompt", f"forwards input to another agent ({dotted})")]
    if last in ("job", "job_group") and recv.rsplit(".", 1)[-1] == "pipeline_worker":
        # Pipecat: params.pipeline_worker.job("code-worker", payload={...}) hands the payload to other
        # workers over the bus, whose LLMs act on it
        return [("", "prompt", f"forwards input to another worker ({dotted})")]

    if _INFERENCE_CALL.search(dotted) and _kw(call, "tools") is not None:
        # a model request that offers tools: the text handed to it is an instruction a model acts on
        return [("", "prompt", f"hands its input to a model that can call tools ({dotted})")]

    # --- workflow state held by the framework (llama-index Context.set / ctx.store.set)
    head = dotted.split(".", 1)[0]
    if head in injected:
        if last == "set" and (dotted.count(".") == 1 or dotted.endswith(".store.set")):
            return [("", WEAK, f"writes shared workflow state ({dotted})")]
        if last in ("save_artifact", "delete_artifact"):  # ADK: persisted in the artifact service
            return [("", WEAK, f"{'saves' if last == 'save_artifact' else 'deletes'} an artifact ({dotted})")]
        return []

    # --- a thread or process pool runs the function it is given (followed as a helper by the
    # extractor); handing it over changes nothing
    if last in _POOL_METHODS and recv and _POOL_RECEIVER.search(recv.rsplit(".", 1)[-1]):
        return []

    # --- a method that runs the command line it is given (sandbox.execute_command(cmd), an abstract
    # sandbox's or a remote shell's): where the caller's input starts that command, the input runs
    if last in _RUNS_COMMAND_LINE and recv and (head not in ("self", "cls") or dotted.count(".") >= 2):
        given = call.args[0] if call.args else _kw(call, "command") or _kw(call, "cmd")
        if given is not None and not isinstance(given, ast.Constant) and url_source is not None:
            src = url_source(given)
            if src:
                return [(f"shell@{','.join(sorted(src))}", STRONG, f"runs the command it is given ({dotted})")]
    # --- a command sent by name to another process (blender.send_command("get_scene_info", ...)):
    # the transport's own verb says nothing; the command's name says what is asked
    if recv and head not in ("self", "cls") and (last in _COMMAND_TRANSPORTS or (
            last in _RPC_GENERIC and _RPC_RECEIVER.search(recv.rsplit(".", 1)[-1]))):
        named = call.args[0] if call.args else _kw(call, "method") or _kw(call, "command") or _kw(call, "cmd")
        op = named.value if isinstance(named, ast.Constant) and isinstance(named.value, str) else None
        if op and _COMMAND_NAME.fullmatch(op) and op.lower() not in _HTTP_METHOD_NAMES:
            return command_effect(op, dotted)

    # --- verb-named client methods (create_post, hang_up, messages.update...); a private one
    # (provider._resolve_model_name()) is the object's own helper, no client API
    # (sys.path.insert(0, lib): the interpreter's own import path, which changes nothing outside the process)
    if recv and head not in ("self", "cls") and not _LOG_RECEIVER.match(recv) and not last.startswith("_") \
            and recv not in ("sys.path", "sys.argv", "sys.modules") and not list_insert(call, last) \
            and last not in catalog.METHOD_RULE_EXCLUDED_NAMES and not _INFERENCE_CALL.search(dotted):
        words = name_words(last)
        if words and playback_control(last):
            return [("", READ, f"calls .{last}(): {PLAYBACK_NOTE}")]
        if words:
            verb = words[0]
            if len(words) == 1:
                if verb in catalog.BODY_STRONG_SINGLE_METHODS:
                    return [("", WEAK, f"calls .{last}()")]
            elif verb not in catalog.NON_MUTATING_METHOD_PREFIXES and (
                verb in MUTATING_VERBS or verb in catalog.BODY_STRONG_SINGLE_METHODS
            ):
                return [("", WEAK, f"calls .{last}()")]
    return out


def list_insert(call: ast.Call, last: str) -> bool:
    """`messages.insert(0, system)`: a list's insert(index, item), an integer literal first, which
    changes only that list in memory (a client's insert takes documents or rows, not a position)."""
    if last != "insert" or len(call.args) != 2 or call.keywords:
        return False
    index = call.args[0]
    if isinstance(index, ast.UnaryOp) and isinstance(index.op, ast.USub):
        index = index.operand
    return isinstance(index, ast.Constant) and type(index.value) is int


_GQL_EXECUTE = frozenset({"execute", "execute_async", "aexecute", "subscribe", "execute_sync"})


def _graphql(call: ast.Call, dotted: str, q: str, last: str, recv: str, str_lookup, lookup, url_source):
    """A GraphQL document the code sends: gql("mutation ..."), client.execute(gql(...)), or an HTTP
    POST whose JSON body holds {"query": document}. A literal document (a string, a local or
    module constant) decides read or write; one a parameter starts is tied to that parameter
    ("gql@query", decided where a caller passes a literal); anything else is left to the other rules."""
    if last == "gql" and call.args and (dotted == "gql" or q.split(".", 1)[0] in ("gql", "wandb_gql", "graphql")):
        return _gql_doc(call.args[0], str_lookup, lookup, url_source, f"builds it with {dotted}()")
    if last in _GQL_EXECUTE and call.args and recv and _is_gql_call(call.args[0], lookup):
        return [("", READ, f"sends a GraphQL document ({dotted})")]  # the gql() call says which operation
    if last in _GQL_EXECUTE and recv:
        # python-graphql-client: client.execute(query="mutation ..."): a literal document only (a
        # statement from a parameter stays the SQL rules')
        doc = _kw(call, "query") or _kw(call, "document") or (call.args[0] if call.args else None)
        found = _gql_doc(doc, str_lookup, lookup, None, dotted) if doc is not None else None
        if found is not None and not found[0][0]:
            return found
    if last not in ("post", "request") or not recv:
        return None
    body = _json_body(call, lookup)
    if body is None:
        return None
    doc = next((v for k, v in zip(body.keys, body.values)
                if isinstance(k, ast.Constant) and k.value == "query"), None)
    if doc is None:
        return None
    found = _gql_doc(doc, str_lookup, lookup, url_source, f"over HTTP ({dotted})")
    if found is None or found[0][0]:  # a document a parameter starts: GraphQL only where the request says so
        keys = {k.value for k in body.keys if isinstance(k, ast.Constant)}
        url = _url_arg(call, last)
        texts = [v.value for v in ast.walk(url) if isinstance(v, ast.Constant) and isinstance(v.value, str)] if url is not None else []
        if isinstance(url, ast.Name) and str_lookup(url.id):
            texts.append(str_lookup(url.id))
        if found is None or not ("variables" in keys or "operationName" in keys or any("graphql" in t.lower() for t in texts)):
            return None
    return found


def _call_name(e) -> str | None:
    f = e.func if isinstance(e, ast.Call) else None
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else None


def _is_gql_call(a, lookup) -> bool:
    if isinstance(a, ast.Name) and lookup is not None:
        a = lookup(a.id)
    return isinstance(a, ast.Call) and _call_name(a) == "gql"


def _gql_doc(arg, str_lookup, lookup, url_source, how: str):
    """The effect of sending the document `arg`, or None when parr cannot read it as one."""
    text = _statement_text(arg, str_lookup)
    if text is None and isinstance(arg, ast.Name) and lookup is not None:
        v = lookup(arg.id)  # a module constant
        if isinstance(v, (ast.Constant, ast.JoinedStr)):
            text = _statement_text(v, str_lookup)
    if isinstance(arg, ast.Call) and _call_name(arg) in ("strip", "dedent") :
        inner = arg.func.value if isinstance(arg.func, ast.Attribute) and _call_name(arg) == "strip" else (arg.args[0] if arg.args else None)
        return _gql_doc(inner, str_lookup, lookup, url_source, how) if inner is not None else None
    got = graphql.effect(text)
    if got is not None:
        writes, ev = got
        return [("", STRONG if writes else READ, f"{ev} ({how})")]
    src = url_source(arg) if url_source is not None else frozenset()
    if src and "?" not in src:
        # the caller's document: read where a caller passes a literal (parr.scan.python.flow)
        return [(f"gql@{','.join(sorted(src))}", UNKNOWN, f"sends a GraphQL document its caller writes ({how})")]
    return None


def _statement_text(arg, str_lookup, lookup=None) -> str | None:
    """The literal text of a statement argument: a string, the literal parts of an f-string, a local
    variable holding a literal, `text("...")`, or `" ".join(parts)` over a list (literal, or a local
    name bound to one) whose first part is a literal: the statement starts there, whatever the code
    appends after it (clauses, placeholders)."""
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "join" \
            and isinstance(arg.func.value, ast.Constant) and isinstance(arg.func.value.value, str) \
            and len(arg.args) == 1 and not arg.keywords:
        parts = arg.args[0]
        if isinstance(parts, ast.Name) and lookup is not None:
            parts = lookup(parts.id)
        if isinstance(parts, ast.List) and parts.elts and isinstance(parts.elts[0], ast.Constant) \
                and isinstance(parts.elts[0].value, str):
            return parts.elts[0].value
    if isinstance(arg, ast.JoinedStr):
        return "".join(v.value for v in arg.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    if isinstance(arg, ast.Name):
        return str_lookup(arg.id)
    if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) and arg.func.id == "text" and arg.args:
        a0 = arg.args[0]
        if isinstance(a0, ast.Constant) and isinstance(a0.value, str):
            return a0.value
        if isinstance(a0, ast.Name):
            return str_lookup(a0.id)
    return None


def _sql_effect(arg, text: str | None, dotted: str, url_source) -> tuple[str, str, str]:
    """What running the statement `arg` does. The capability "sql" (broad) is for SQL the model
    writes: a statement whose start comes from a parameter. A statement the code writes, with values
    bound or interpolated, is a database read or write, not arbitrary SQL."""
    text = sql_body(text)
    if text is not None and _SQL_ENSURE.match(text):
        return ("", READ, f"makes sure a table exists ({_sql_head(text)} ... IF NOT EXISTS), which stores no data")
    if text is not None and _SQL_TXN.match(text):
        return ("", READ, f"controls a transaction ({_sql_head(text)}), which changes no data by itself")
    if text is not None and _SQL_WRITE.match(text):
        return ("", STRONG, f"writes to a database ({_sql_head(text)})")
    if text is not None and _SQL_EXPLAIN.match(text):
        return _explained(arg, text, dotted, url_source)
    if text is not None and _SQL_READ.match(text):
        return ("", READ, f"reads a database ({_sql_head(text)})")
    src = url_source(sql_lead(arg)) if url_source is not None else frozenset({"?"})
    if src:
        return (f"sql@{','.join(sorted(src))}", "raw", f"executes SQL the model writes ({dotted})")
    return ("", "raw", f"executes SQL built at run time ({dotted})")


def _kb_sink(call: ast.Call, sink, dotted: str, str_lookup, url_source, receiver_call=None) -> list[tuple[str, str, str]]:
    """A statement sink of parr.scan.effects_kb.sinks: SQL read like any driver's, code and commands
    tied to the parameters that start them."""
    arg = sinks.statement_arg(sink, call.args, {k.arg: k.value for k in call.keywords if k.arg})
    if arg is None or isinstance(arg, ast.Starred):
        return []
    if sink.kind == "sql":
        text = _statement_text(arg, str_lookup)
        if sink.language == "cypher" and text is not None and _CYPHER_READ.match(text):
            # a Cypher statement the code writes: a write clause anywhere makes it a write
            w = _CYPHER_WRITE.search(text)
            if w is not None:
                return [("", STRONG, f"writes to a graph database (Cypher {' '.join(w.group(0).split()).upper()}, {dotted})")]
            return [("", READ, f"reads a graph database (Cypher {text.split()[0].upper()}, {dotted})")]
        cap, strength, ev = _sql_effect(arg, text, dotted, url_source)
        if strength != READ and sinks.read_only(sink, [call, receiver_call() if receiver_call is not None else None]):
            # the model may still write the statement (untyped), but the client cannot change anything
            return [(cap, READ, f"{ev}, read-only ({sink.name})")]
        return [(cap, strength, ev)]
    what = "runs code" if sink.kind == "code_execution" else "runs a command"
    return [(_tied(sink.kind, arg, url_source), STRONG, f"{what} ({sink.name}: {dotted})")]


def _http(call: ast.Call, dotted: str, q: str, root: str, last: str, recv: str) -> list[tuple[str, str, str]]:
    if root in _HTTP_ROOTS or (recv and _HTTPISH_RECEIVER.search(recv)):
        if last in _HTTP_WRITE:
            return [("http_write", MEDIUM if last == "post" else STRONG, f"HTTP {last.upper()} ({dotted})")]
        if last == "request":
            m = _first_str(call) or ""
            mv = _kw(call, "method")
            if isinstance(mv, ast.Constant) and isinstance(mv.value, str):
                m = mv.value
            if m.upper() in ("POST", "PUT", "PATCH", "DELETE"):
                return [("http_write", MEDIUM if m.upper() == "POST" else STRONG, f"HTTP {m.upper()} ({dotted})")]
            return [("http", READ, f"HTTP request ({dotted})")]
        if last in _HTTP_READ and (root in _HTTP_ROOTS or re.search(r"client|http|session", recv, re.I)):
            return [("http", READ, f"HTTP GET ({dotted})")]
        if last in ("urlopen", "fetch", "stream"):
            return [("http", READ, f"HTTP request ({dotted})")]
    if last == "urlopen" and (q.startswith("urllib.request.") or root == "urllib"):
        if _kw(call, "data") is not None or len(call.args) > 1:
            return [("http_write", STRONG, "HTTP request with a body (urlopen data=)")]
        return [("http", READ, "HTTP request (urlopen)")]
    return []


_READ_METHODS = ("GET", "HEAD", "OPTIONS")
_WRITE_METHODS = ("DELETE", "PATCH", "POST", "PUT")


def _method_param(call: ast.Call, last: str, bindable) -> str | None:
    """The parameter (never reassigned) a generic request's method is: request(method, url),
    request(method=method.upper(), ...)."""
    mv = _kw(call, "method")
    if mv is None and last in ("request", "stream") and call.args:
        mv = call.args[0]
    if isinstance(mv, ast.Call) and not mv.args and isinstance(mv.func, ast.Attribute) and mv.func.attr in ("upper", "lower"):
        mv = mv.func.value
    if not isinstance(mv, ast.Name) or bindable is None:
        return None
    return mv.id if mv.id in bindable() else None


def _method_variants(write_cap: str, param: str, dotted: str, unread: tuple) -> list[tuple]:
    """What a request whose method is the parameter `param` does, by the method a caller passes:
    GET/HEAD/OPTIONS read (the capability alone), POST a medium write, PUT/PATCH/DELETE a strong
    one; any other value, or none parr can read, leaves the method unread."""
    known = sorted(_READ_METHODS + _WRITE_METHODS)
    return [
        (*unread, 0, [[param, "notin", known, "u"]]),
        (write_cap, MEDIUM, f"HTTP POST ({dotted}, the method its caller passes)", 0, [[param, "is", ["POST"], "u"]]),
        # "{method}": the literal that chose this variant (parr.scan.python.flow.bind_conds)
        (write_cap, STRONG, f"HTTP {{method}} ({dotted}, the method its caller passes)", 0,
         [[param, "is", ["DELETE", "PATCH", "PUT"], "u"]]),
    ]


def _fixed_read_method(call: ast.Call, last: str) -> bool:
    """request("GET", url) / request(method="HEAD", ...) / fetch(url) with no method: a read the code fixes."""
    mv = _kw(call, "method")
    if mv is None and last in ("request", "stream") and call.args:
        mv = call.args[0]
    if mv is None:
        return last == "fetch" and not any(k.arg in ("data", "json", "body") for k in call.keywords)
    return isinstance(mv, ast.Constant) and isinstance(mv.value, str) and mv.value.upper() in ("GET", "HEAD", "OPTIONS")


_UPLOAD_PATH = re.compile(r"/(?:upload\w*|storage/v\d+/object)(?=/|$|\?)", re.I)


def _upload_path(url) -> str | None:
    """The part of a URL's literal path that names an upload or an object-storage write
    ('/upload', '/files/upload', Supabase's '/storage/v1/object/<bucket>/<name>'), or None."""
    if isinstance(url, ast.Constant) and isinstance(url.value, str):
        text = url.value
    elif isinstance(url, ast.JoinedStr):
        text = "/".join(v.value.strip("/") for v in url.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
        text = "/" + text if text else text
    else:
        return None
    m = _UPLOAD_PATH.search(text.split("?", 1)[0] + "/")
    return m.group(0) if m else None


def _url_action(url) -> str | None:
    """A mutating verb in the literal path of a URL ('sendMessage', '/delete', '/trigger'), or None."""
    if isinstance(url, ast.Constant) and isinstance(url.value, str):
        text = url.value
    elif isinstance(url, ast.JoinedStr):
        text = "/".join(v.value for v in url.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    else:
        return None
    path = text.split("://", 1)[1].partition("/")[2] if "://" in text else text
    for segment in re.split(r"[/?&=.]", path.split("#", 1)[0]):
        words = name_words(segment)
        if words and words[0] in MUTATING_VERBS:
            return segment
    return None


def _command_arg(call: ast.Call):
    """The command of a process call: args=/cmd=, else the first argument."""
    for name in ("args", "cmd", "command"):
        kw = _kw(call, name)
        if kw is not None:
            return kw
    return call.args[0] if call.args else None


def _ensured_dir(call: ast.Call, root: str, parts: list[str], last: str, recv: str):
    """(the directory, how) of a call that creates a directory only where it is missing:
    os.makedirs(d, exist_ok=True) (exist_ok is its third parameter) or <path>.mkdir(..., exist_ok=True)
    (pathlib: mode, parents, exist_ok); else None. A literal True only: exist_ok=flag may fail on an
    existing directory, which is the caller's test, and plain mkdir creates or fails."""
    if last == "makedirs" and (root == "os" and len(parts) == 2 or root != "os" and recv):
        target = call.args[0] if call.args else _kw(call, "name") or _kw(call, "path")
        how = f"{'os' if root == 'os' else recv.rsplit('.', 1)[-1]}.makedirs exist_ok=True"
    elif last == "mkdir" and recv and isinstance(call.func, ast.Attribute) and root != "os":
        target = call.func.value
        how = ".mkdir(exist_ok=True)"
    else:
        return None
    flag = _kw(call, "exist_ok")
    if flag is None and len(call.args) >= 3 and not any(isinstance(a, ast.Starred) for a in call.args):
        flag = call.args[2]
    if target is None or not (isinstance(flag, ast.Constant) and flag.value is True):
        return None
    return target, how


# DataFrame writers (pandas, polars write_* aside) given a path or buffer: the target's keywords.
_FRAME_WRITES = frozenset({"to_csv", "to_excel", "to_parquet", "to_feather", "to_pickle", "to_hdf", "to_stata"})
_FRAME_TARGET_KWS = frozenset({"path_or_buf", "excel_writer", "path", "fname"})


def _tied(cap: str, arg, url_source) -> str:
    """`cap`, tied to the parameters whose value starts the command or code ("shell@cmd"), so
    the judge can tell a command the model writes from a fixed one."""
    if arg is None or url_source is None:
        return cap
    src = url_source(arg)
    return f"{cap}@{','.join(sorted(src))}" if src else cap


def _url_arg(call: ast.Call, last: str):
    """The expression holding the URL: url=, else the first argument (the second for
    request(method, url))."""
    kw = _kw(call, "url")
    if kw is not None:
        return kw
    pos = 1 if last == "request" else 0
    return call.args[pos] if len(call.args) > pos else None


# A model call is not a state change: chat.completions.create(), messages.create(),
# responses.create(), embeddings.create(), an AutoGen model_client.create().
_INFERENCE_CALL = re.compile(
    r"(?:^|\.)(?:completions|messages|responses|embeddings|moderations|model_client|_model_client|llm)\.a?create$")


def sql_lead(arg):
    """The expression a statement starts with: in `f"/* tag */ {query}"` (only comments or spaces
    before the first value) that value, else the argument itself."""
    if isinstance(arg, ast.JoinedStr):
        lead = ""
        for v in arg.values:
            if isinstance(v, ast.Constant) and isinstance(v.value, str):
                lead += v.value
                continue
            if isinstance(v, ast.FormattedValue) and not _SQL_CLOSED_COMMENTS.sub("", lead):
                return v.value
            break
    return arg


def sql_body(text: str | None) -> str | None:
    """A statement's text without the comments before it."""
    if text is None or ("/*" not in text[:200] and "--" not in text[:200]):
        return text
    return _SQL_LEAD_COMMENTS.sub("", text, count=1)


def sql_text_effect(texts: list[str]) -> tuple[str, str, str]:
    """What literal SQL statements handed to a helper that runs them do: a write if any writes."""
    texts = [sql_body(t) or "" for t in texts]
    for t in texts:
        if _SQL_WRITE.match(t) and not _SQL_ENSURE.match(t):
            return ("", STRONG, f"writes to a database ({_sql_head(t)})")
    if all(_SQL_READ.match(t) and not _explain_runs(t)[0] or _SQL_ENSURE.match(t) or _SQL_TXN.match(t) for t in texts):
        return ("", READ, f"reads a database ({_sql_head(texts[0])})")
    return ("", "raw", "executes SQL built at run time")


def _explain_runs(text: str) -> tuple[bool, str]:
    """(whether the explained statement runs, the statement's text after EXPLAIN and its options).
    ANALYZE runs it; options the code fills in at run time (an f-string's `EXPLAIN ({opts}) ...`
    leaves `()`) may hold ANALYZE, so they count as running it (fail closed)."""
    m = _SQL_EXPLAIN.match(text)
    if m is None:
        return False, text
    opts = m.group(1) or ""
    runs = bool(re.search(r"analy[sz]e", opts, re.I)) and not _ANALYZE_OFF.search(opts) \
        or re.fullmatch(r"\(\s*\)", opts.strip()) is not None
    return runs, text[m.end():]


def _explained(arg, text: str, dotted: str, url_source) -> tuple[str, str, str]:
    """EXPLAIN: a plan, unless ANALYZE runs the statement (then what the statement does); the
    statement the model writes is interpreted either way, so it is raw input (typed false)."""
    runs, rest = _explain_runs(text)
    if rest.strip():
        if runs:
            return _sql_effect(arg, rest, dotted, url_source)
        return ("", READ, f"plans a statement without running it ({_sql_head(text)})")
    # the statement is what follows EXPLAIN: in an f-string, its last interpolated part
    stmt = arg
    if isinstance(arg, ast.JoinedStr):
        parts = [v.value for v in arg.values if isinstance(v, ast.FormattedValue)]
        stmt = parts[-1] if parts else arg
    src = url_source(stmt) if url_source is not None else frozenset({"?"})
    if runs:
        return (f"sql@{','.join(sorted(src))}" if src else "", "raw",
                f"runs {'SQL the model writes' if src else 'SQL built at run time'} under EXPLAIN ANALYZE ({dotted})")
    if src:
        return (f"sql@{','.join(sorted(src))}", READ, f"plans SQL the model writes without running it ({dotted})")
    return ("", READ, f"plans a statement without running it ({_sql_head(text)})")


def _sql_head(text: str) -> str:
    return " ".join(text.split()[:2]).upper()


_MODE = re.compile(r"[rwxabtU+]{1,4}")


def _open_mode(call: ast.Call, what: str, mode_pos: int = 1) -> list[tuple[str, str, str]]:
    """A file opened for writing or for reading. A method's mode may come first (Path.open("w")) or
    second (ZipFile.open("word/document.xml", "w"), a member's name first): only a string that is
    a mode counts as one."""
    mode = None
    for m in call.args[mode_pos:mode_pos + 1] + (call.args[1:2] if mode_pos == 0 else []):
        if isinstance(m, ast.Constant) and isinstance(m.value, str) and _MODE.fullmatch(m.value):
            mode = m.value
            break
    mk = _kw(call, "mode")
    if isinstance(mk, ast.Constant) and isinstance(mk.value, str):
        mode = mk.value
    if mode and any(ch in mode for ch in "wax+"):
        return [("file_write", STRONG, f"opens a file for writing ({what} mode '{mode}')")]
    return [("file_read", READ, f"reads files ({what})")]


# --- Calls whose effect parr knows to be none ------------------------------------------------
# A call that no rule above classified is either known to change nothing outside the process (it
# computes, formats, logs, builds an object, keeps the framework's state) or unknown. The body of
# a tool decides its verdict over its name only when every call in it is known (see judge.py);
# an unknown call leaves the name and description to count (fail closed).
# Standard-library modules (and module functions) that compute, parse, format or wait.
_PURE_MODULES = frozenset(
    """json math re datetime time uuid random logging base64 hashlib hmac typing itertools functools collections
    string textwrap copy decimal fractions statistics dataclasses enum operator pprint html difflib unicodedata
    calendar zoneinfo pytz dateutil secrets struct binascii urllib.parse os.path posixpath ntpath pathlib.PurePath
    asyncio.sleep asyncio.gather asyncio.wait_for asyncio.to_thread asyncio.get_event_loop asyncio.create_task
    os.getenv os.environ traceback warnings inspect contextlib heapq bisect numbers pydantic typing_extensions
    shlex fnmatch glob""".split())
# Methods of values (str, bytes, dict, list, set, datetime, pydantic models, parsed JSON) that
# compute or change only the value itself.
_PURE_METHODS = frozenset(
    """get items keys values copy format join strip lstrip rstrip split rsplit splitlines lower upper title
    capitalize casefold replace startswith endswith rfind encode decode isdigit isalpha isalnum
    isspace zfill ljust rjust center partition rpartition removeprefix removesuffix expandtabs translate
    append extend sort reverse setdefault pop popitem move_to_end discard union intersection difference
    strftime strptime isoformat timestamp date astimezone total_seconds model_dump model_dump_json model_validate
    model_copy dict json parse_obj parse_raw to_dict to_json hexdigest digest group groups groupdict loads dumps
    tolist mean sum min max round astype fillna sort_values reset_index result done raise_for_status
    copy_with copy_add_param copy_set_param copy_merge_params copy_remove_param""".split())
# (copy_*: httpx.URL's, which return a new URL with the change and touch nothing else)


# Libraries whose objects live in memory only: every method of an object one of them built (an HTML
# parse tree and its elements: soup.find(), elem.decompose()) computes or changes that object alone.
_IN_MEMORY_ORIGINS = re.compile(r"^(?:bs4|BeautifulSoup)\.")


def known_quiet(dotted: str, qual: str | None, is_builtin: bool, injected: frozenset[str],
                imported_heads: frozenset[str], origin: str | None = None) -> bool:
    """Whether a call no rule classified is known to change nothing outside the process: a
    builtin, a standard-library helper that computes, a method of a plain value, a log line, an
    object being built (a capitalised callee), or the framework's own state it was handed."""
    if is_builtin:
        return True
    q = qual or dotted
    parts = q.split(".")
    last = parts[-1]
    if last[:1].isupper():
        return True  # building an object (a model, a request, an exception) does nothing by itself
    for i in range(len(parts), 0, -1):
        if ".".join(parts[:i]) in _PURE_MODULES:
            return True
    head = dotted.split(".", 1)[0]
    if head in injected:
        return True  # tool_context.state.get(...), ctx.deps: the framework's in-process state
    if origin and _IN_MEMORY_ORIGINS.match(origin):
        return True  # soup = BeautifulSoup(html): soup.find_all(...), soup(["script"]), elem.decompose()
    if last in _POOL_METHODS and "." in dotted and _POOL_RECEIVER.search(dotted.rsplit(".", 2)[-2]):
        return True  # executor.submit(fn): fn is read as a helper
    if "." in dotted:
        recv = dotted.rsplit(".", 1)[0]
        if _LOG_RECEIVER.match(recv) or last in ("debug", "info", "warning", "warn", "error", "exception", "critical") \
                and re.search(r"log|^(ctx|context|app_ctx)$", recv, re.I):
            # ctx.info(...): the MCP context's log line to the client (FastMCP Context, mcp-agent Context)
            return True
        if last in _MCP_SESSION_SAYS and re.search(r"session|\bctx\b|context", recv, re.I):
            return True  # the MCP client's progress bar and log: what the tool says, not what it does
        if (head not in imported_heads or "()" in recv) and last in _PURE_METHODS:
            return True  # a method of a value (not of an imported module): requests.get(u).json()
        if last in ("read", "readline", "readlines") and head not in imported_heads \
                and re.fullmatch(r"(?:\w+_)?(?:resp|response|res|r)", recv.rsplit(".", 1)[-1], re.I):
            return True  # `with urlopen(req) as response: response.read()`: the reply's body, read
    return False
