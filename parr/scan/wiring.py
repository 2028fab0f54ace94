"""How the agent is wired, beyond its tools: model clients (with or without timeouts and retry
limits) and tracing libraries. Lets `parr check` test the manifest's claims against the code.

Each language's tool scanner takes the wiring from its own parse of the file (`python_wiring`
here, `wiring_ts` for TypeScript/JavaScript): it sits under facts["wiring"], and
`WiringSummary` gathers the project-wide view.
"""

from __future__ import annotations

import ast
import re
from typing import Any

from parr.scan import policy_points
from parr.scan.bytes_re import any_of
from parr.scan.language import FileFacts
from parr.scan.model import ScanError, ToolRecord

# Constructors of model clients, and the keyword arguments that set a timeout / a retry limit.
PY_CLIENTS = frozenset({
    "OpenAI", "AsyncOpenAI", "AzureOpenAI", "AsyncAzureOpenAI", "Anthropic", "AsyncAnthropic",
    "AnthropicBedrock", "AnthropicVertex", "ChatOpenAI", "AzureChatOpenAI", "ChatAnthropic",
    "ChatGoogleGenerativeAI", "ChatVertexAI", "ChatBedrock", "ChatMistralAI", "ChatGroq", "ChatOllama",
    "Mistral", "Groq", "Cohere", "ClientV2", "OpenAIChat", "Claude", "Gemini",
})
# Model wrappers (OpenAIChatCompletionsModel, pydantic-ai's OpenAIModel, ...) take a client and have no
# timeout of their own; the client they wrap is what is judged.
PY_TIMEOUT_KWARGS = frozenset({"timeout", "request_timeout", "timeout_seconds", "read_timeout"})
PY_RETRY_KWARGS = frozenset({"max_retries", "retries", "max_attempts", "num_retries"})

TS_CLIENTS = frozenset({
    "OpenAI", "AzureOpenAI", "Anthropic", "ChatOpenAI", "AzureChatOpenAI", "ChatAnthropic",
    "ChatGoogleGenerativeAI", "ChatVertexAI", "ChatBedrockConverse", "ChatMistralAI", "ChatGroq", "Mistral",
    "Groq", "GoogleGenAI", "createOpenAI", "createAnthropic", "createGoogleGenerativeAI", "createAzure",
    "generateText", "streamText", "generateObject", "streamObject",
})
TS_TIMEOUT_KEYS = frozenset({"timeout", "abortSignal", "requestTimeout", "timeoutMs"})
TS_RETRY_KEYS = frozenset({"maxRetries", "retries", "maxAttempts"})

# Import roots of tracing libraries (Python module roots, npm package names or scopes).
PY_TRACING = {
    "opentelemetry": "OpenTelemetry", "langfuse": "Langfuse", "logfire": "Logfire", "langsmith": "LangSmith",
    "openinference": "OpenInference", "traceloop": "Traceloop", "phoenix": "Arize Phoenix", "arize": "Arize",
    "weave": "W&B Weave", "braintrust": "Braintrust", "helicone": "Helicone", "agentops": "AgentOps",
    "mlflow": "MLflow", "ddtrace": "Datadog", "sentry_sdk": "Sentry", "opik": "Opik", "lunary": "Lunary",
}
TS_TRACING = {
    "@opentelemetry": "OpenTelemetry", "langfuse": "Langfuse", "langfuse-vercel": "Langfuse", "@langfuse": "Langfuse",
    "langsmith": "LangSmith", "@traceloop": "Traceloop", "@arizeai": "Arize", "@vercel/otel": "OpenTelemetry",
    "braintrust": "Braintrust", "@helicone": "Helicone", "dd-trace": "Datadog", "@sentry": "Sentry", "weave": "W&B Weave",
}
# Frameworks that trace by default unless told not to.
PY_DEFAULT_TRACING = {"agents": "OpenAI Agents SDK tracing"}
TS_DEFAULT_TRACING = {"@openai/agents": "OpenAI Agents SDK tracing"}

# A hand-written tracer is tracing too: a dict, object or record type whose keys are the trace
# fields oncall reads (the seed's event shape) counts as wired tracing.
TRACE_FIELDS = frozenset({
    "ts", "timestamp", "agent_id", "session_id", "trace_id", "span_id", "run_id", "tool_call", "tool", "tool_name",
    "policy", "policy_decision", "result", "latency_ms", "tokens", "cost", "cost_usd", "model", "retrieval",
})
_RUN_KEYS = frozenset({"session_id", "trace_id", "span_id", "run_id"})
_ACTION_KEYS = frozenset({"tool_call", "tool", "tool_name", "policy", "policy_decision"})


def is_trace_event_shape(keys: set[str]) -> bool:
    return len(keys & TRACE_FIELDS) >= 4 and bool(keys & _RUN_KEYS) and bool(keys & _ACTION_KEYS)


# A file is parsed for wiring only when it names a client, a tracing library or trace fields:
# most files name none, and parsing every file twice would halve the scan's speed.
# Deep triggers need a walk of the whole tree (client constructions, trace-event shapes); the
# others are settled by the top-level imports alone.
_PY_DEEP = tuple({name.encode() for name in PY_CLIENTS} | {b"set_tracing_disabled", b"session_id", b"trace_id"}
                 | set(policy_points.PY_TRIGGERS))
_PY_TRIGGERS = _PY_DEEP + tuple({root.encode() for root in PY_TRACING} | {b"agents"})
TS_DEEP = tuple({name.encode() for name in TS_CLIENTS}
                | {b"experimental_telemetry", b"setTracingDisabled", b"session_id", b"trace_id"}
                | set(policy_points.TS_TRIGGERS))
_TS_TRIGGERS = TS_DEEP + tuple({name.encode() for name in TS_TRACING} | {b"@openai/agents"})





_TS_TRIGGER_RE = any_of(_TS_TRIGGERS)
_PY_TRIGGER_RE = any_of(_PY_TRIGGERS)
_PY_DEEP_RE = any_of(_PY_DEEP)


def has_typescript_wiring_trigger(source: bytes) -> bool:
    return _TS_TRIGGER_RE.search(source) is not None


def has_python_wiring_trigger(source: bytes) -> bool:
    return _PY_TRIGGER_RE.search(source) is not None


# A top-level import statement (column 0), with continuations or a parenthesised name list.
_PY_TOP_IMPORT = re.compile(rb"^(?:from[ \t]+[\w.]+[ \t]+)?import[ \t]+(?:\([^)]*\)|[^\n]*(?:\\\r?\n[^\n]*)*)", re.M)


def wiring_from_python_source(source: bytes) -> FileFacts:
    """Wiring of a file the tool scanner did not parse. Without a deep trigger only the top-level
    imports count, so only they are parsed, not the whole file."""
    if _PY_DEEP_RE.search(source) is None:
        imports = b"\n".join(m.group() for m in _PY_TOP_IMPORT.finditer(source))
        try:
            return python_wiring(ast.parse(imports), imports)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            pass  # an odd statement the pattern cut short: parse the whole file
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}  # the tool scanner reports the syntax error; wiring just has nothing to say
    return python_wiring(tree, source)


def compact_wiring(facts: FileFacts) -> FileFacts:
    """Wiring facts without their empty parts (`WiringSummary` reads each with a default);
    empty when the file says nothing about wiring."""
    return {k: v for k, v in facts.items() if v}


class WiringSummary:
    """Project-wide wiring gathered file by file, in any order; what it holds grows with the
    clients and libraries found, not with the number of files."""

    def __init__(self) -> None:
        self._clients: list[tuple[str, int, dict[str, Any]]] = []
        self._tracing: dict[str, str] = {}  # library -> first file (in path order) that wires it
        self._disabled: list[str] = []
        self._policy_points: list[dict[str, Any]] = []

    def add(self, path: str, facts: FileFacts) -> None:
        self._policy_points.extend({**point, "file": path} for point in facts.get("policy_points", []))
        if facts.get("trace_event_line"):
            self._first(f"hand-written trace events (line {facts['trace_event_line']})", path)
        for order, client in enumerate(facts.get("clients", [])):
            self._clients.append((path, order, client))
        for library in facts.get("tracing", []):
            self._first(library, path)
        if facts.get("tracing_disabled"):
            self._disabled.append(path)

    def _first(self, library: str, path: str) -> None:
        known = self._tracing.get(library)
        if known is None or path < known:
            self._tracing[library] = path

    def result(self) -> dict[str, Any]:
        return {
            "clients": [{**client, "file": path} for path, _, client in sorted(self._clients, key=lambda c: c[:2])],
            "tracing": [{"library": k, "file": v} for k, v in sorted(self._tracing.items())],
            "tracing_disabled": sorted(self._disabled),
            "policy_points": sorted(self._policy_points, key=lambda p: (p["file"], p["line"])),
        }


_SKIP = (ast.Constant, ast.Name, ast.Load, ast.Store, ast.operator, ast.cmpop, ast.unaryop, ast.boolop)


def _all_subclasses(classes) -> set[type]:
    out: set[type] = set()
    todo = list(classes)
    while todo:
        c = todo.pop()
        if c not in out:
            out.add(c)
            todo.extend(c.__subclasses__())
    return out


_SKIP_TYPES = frozenset(_all_subclasses(_SKIP))
_WANTED = frozenset({ast.Dict, ast.ClassDef, ast.Import, ast.ImportFrom, ast.Call})
# Fields that only ever hold names, numbers or flags (or nodes `_nodes` skips, or aliases):
# nothing `python_wiring` looks at can sit under them.
_SCALAR_FIELDS = frozenset({"id", "arg", "attr", "module", "level", "name", "names", "ctx", "op", "ops", "kind",
                            "type_comment", "is_async", "simple", "conversion", "lineno", "tag"})
_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}


def _child_fields(t: type) -> tuple[str, ...]:
    fields = _CHILD_FIELDS.get(t)
    if fields is None:
        fields = _CHILD_FIELDS[t] = tuple(f for f in getattr(t, "_fields", ()) if f not in _SCALAR_FIELDS)
    return fields


def _wanted_nodes(tree: ast.AST) -> list[ast.AST]:
    """The Dict, ClassDef, Import, ImportFrom and Call nodes `_nodes` yields, in the same order
    (leaves and subtrees that cannot hold them are not pushed, which keeps the others' order)."""
    out: list[ast.AST] = []
    keep = out.append
    stack = [tree]
    pop, push = stack.pop, stack.append
    skip, wanted, AST = _SKIP_TYPES, _WANTED, ast.AST
    fields_of = _CHILD_FIELDS.get
    while stack:
        node = pop()
        t = type(node)
        if t in wanted:
            keep(node)
        fields = fields_of(t)
        if fields is None:
            fields = _child_fields(t)
        for name in fields:
            value = getattr(node, name, None)
            if type(value) is list:
                for v in value:
                    if type(v) not in skip and isinstance(v, AST):
                        push(v)
            elif type(value) not in skip and isinstance(value, AST):
                push(value)
    return out


def python_wiring(tree: ast.AST, source: bytes | None = None) -> FileFacts:
    """Clients, tracing imports and trace-event shapes; with `source` and none of the deep
    triggers in it, only the module's top-level statements are looked at (imports live there)."""
    if source is not None and _PY_DEEP_RE.search(source) is None:
        nodes = [n for n in getattr(tree, "body", []) if isinstance(n, (ast.Import, ast.ImportFrom))]
    else:
        nodes = _wanted_nodes(tree)
    clients = []
    tracing = set()
    disabled = False
    trace_event_line = None
    sdks: set[str] = set()
    decision_calls: list[tuple[str, int]] = []
    for node in nodes:
        if trace_event_line is None and isinstance(node, (ast.Dict, ast.ClassDef)):
            if isinstance(node, ast.Dict):
                keys = {k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}
            else:  # TypedDict, dataclass or pydantic model of an event
                keys = {s.target.id for s in node.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)}
            if is_trace_event_shape(keys):
                trace_event_line = node.lineno
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for module in modules:
                sdks.update(sdk.name for sdk in policy_points.py_sdks_for_module(module))
                root = module.split(".")[0]
                if root in PY_TRACING:
                    tracing.add(PY_TRACING[root])
                if root in PY_DEFAULT_TRACING:
                    tracing.add(PY_DEFAULT_TRACING[root])
        elif isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            if name in _PY_DECISION_CALLS:
                decision_calls.append((name, node.lineno))
            if name == "set_tracing_disabled" and node.args and isinstance(node.args[0], ast.Constant) and node.args[0].value is True:
                disabled = True
            if name in PY_CLIENTS:
                keys = {k.arg for k in node.keywords if k.arg}
                spread = any(k.arg is None for k in node.keywords)  # **kwargs: cannot tell, assume set
                client = {
                    "name": name,
                    "line": node.lineno,
                    "timeout": spread or bool(keys & PY_TIMEOUT_KWARGS),
                    "retries": spread or bool(keys & PY_RETRY_KWARGS),
                }
                # The literal values, where the code writes them: `parr init` drafts them, never invents them.
                for k in node.keywords:
                    value = k.value.value if isinstance(k.value, ast.Constant) else None
                    if isinstance(value, bool) or not isinstance(value, (int, float)):
                        continue
                    if k.arg in PY_TIMEOUT_KWARGS and value > 0:
                        client["timeout_seconds"] = value
                    elif k.arg in PY_RETRY_KWARGS and value >= 0:
                        client["max_retries"] = int(value)
                clients.append(client)
    return {"clients": clients, "tracing": sorted(tracing), "tracing_disabled": disabled,
            "trace_event_line": trace_event_line,
            "policy_points": _python_policy_points(sdks, decision_calls, source)}


_PY_DECISION_CALLS = frozenset({c for sdk in policy_points.SDKS for c in sdk.py_calls} | policy_points.PY_HTTP_CALLS)


def _python_policy_points(sdks: set[str], calls: list[tuple[str, int]], source: bytes | None) -> list[dict[str, Any]]:
    """Decision calls of an SDK the file imports (or names, for boto3 services); a POST to OPA's REST path."""
    if source is not None:
        sdks |= {sdk.name for sdk in policy_points.py_markers() if sdk.py_marker and sdk.py_marker.encode() in source}
    found: dict[str, dict[str, Any]] = {}
    for name, line in calls:
        for sdk in policy_points.SDKS:
            if sdk.name in sdks and name in sdk.py_calls and sdk.name not in found:
                found[sdk.name] = {"sdk": sdk.name, "call": name, "line": line}
    if source is not None and policy_points.OPA_REST_PATH.encode() in source:
        http = next(((n, line) for n, line in calls if n in policy_points.PY_HTTP_CALLS), None)
        if http is not None:
            found["opa-rest"] = {"sdk": "opa-rest", "call": http[0], "line": http[1]}
    return list(found.values())
