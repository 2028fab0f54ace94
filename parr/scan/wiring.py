"""How the agent is wired, beyond its tools: model clients (with or without timeouts and retry
limits) and tracing libraries. Lets `parr check` test the manifest's claims against the code.

Python files get their wiring from the Python tool scanner's own parse (`python_wiring`);
TypeScript/JavaScript files from `WiringScanner`. Either way it sits under facts["wiring"], and
`summarize_wiring` gathers the project-wide view.
"""

from __future__ import annotations

import ast
from typing import Any

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
_PY_DEEP = tuple({name.encode() for name in PY_CLIENTS} | {b"set_tracing_disabled", b"session_id", b"trace_id"})
_PY_TRIGGERS = _PY_DEEP + tuple({root.encode() for root in PY_TRACING} | {b"agents"})
TS_DEEP = tuple({name.encode() for name in TS_CLIENTS}
                | {b"experimental_telemetry", b"setTracingDisabled", b"session_id", b"trace_id"})
_TS_TRIGGERS = TS_DEEP + tuple({name.encode() for name in TS_TRACING} | {b"@openai/agents"})


class WiringScanner:
    """Wiring of TypeScript/JavaScript files (Python's comes from the Python scanner's own parse)."""

    language = "wiring"
    facts_version = "4"

    def handles(self, rel_path: str) -> bool:
        return rel_path.endswith((".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs")) and not rel_path.endswith(".d.ts")

    def extract(self, rel_path: str, source: bytes) -> FileFacts:
        if not any(t in source for t in _TS_TRIGGERS):
            return {}
        return {"wiring": _extract_typescript(rel_path, source)}

    def resolve(self, facts_by_path: dict[str, FileFacts]) -> tuple[list[ToolRecord], list[ScanError]]:
        return [], []


def has_python_wiring_trigger(source: bytes) -> bool:
    return any(t in source for t in _PY_TRIGGERS)


def wiring_from_python_source(source: bytes) -> FileFacts:
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}  # the tool scanner reports the syntax error; wiring just has nothing to say
    return python_wiring(tree, source)


def summarize_wiring(facts_by_path: dict[str, FileFacts]) -> dict[str, Any]:
    """Project-wide wiring from every file's `wiring` facts, whichever scanner produced them."""
    clients = []
    tracing: dict[str, str] = {}
    tracing_disabled = []
    for path, all_facts in sorted(facts_by_path.items()):
        facts = all_facts.get("wiring") or {}
        if facts.get("trace_event_line"):
            tracing.setdefault(f"hand-written trace events (line {facts['trace_event_line']})", path)
        for client in facts.get("clients", []):
            clients.append({**client, "file": path})
        for library in facts.get("tracing", []):
            tracing.setdefault(library, path)
        if facts.get("tracing_disabled"):
            tracing_disabled.append(path)
    return {
        "clients": clients,
        "tracing": [{"library": k, "file": v} for k, v in sorted(tracing.items())],
        "tracing_disabled": tracing_disabled,
    }


_SKIP = (ast.Constant, ast.Name, ast.Load, ast.Store, ast.operator, ast.cmpop, ast.unaryop, ast.boolop)


def _nodes(tree: ast.AST):
    """Every node of interest, depth first, without ast.walk's generator-per-node overhead."""
    stack = [tree]
    pop, push = stack.pop, stack.extend
    while stack:
        node = pop()
        yield node
        for name in node._fields:
            value = getattr(node, name, None)
            if type(value) is list:
                push(v for v in value if isinstance(v, ast.AST) and not isinstance(v, _SKIP))
            elif isinstance(value, ast.AST) and not isinstance(value, _SKIP):
                stack.append(value)


def python_wiring(tree: ast.AST, source: bytes | None = None) -> FileFacts:
    """Clients, tracing imports and trace-event shapes; with `source` and none of the deep
    triggers in it, only the module's top-level statements are looked at (imports live there)."""
    if source is not None and not any(t in source for t in _PY_DEEP):
        nodes = [n for n in getattr(tree, "body", []) if isinstance(n, (ast.Import, ast.ImportFrom))]
    else:
        nodes = _nodes(tree)
    clients = []
    tracing = set()
    disabled = False
    trace_event_line = None
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
                root = module.split(".")[0]
                if root in PY_TRACING:
                    tracing.add(PY_TRACING[root])
                if root in PY_DEFAULT_TRACING:
                    tracing.add(PY_DEFAULT_TRACING[root])
        elif isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            if name == "set_tracing_disabled" and node.args and isinstance(node.args[0], ast.Constant) and node.args[0].value is True:
                disabled = True
            if name in PY_CLIENTS:
                keys = {k.arg for k in node.keywords if k.arg}
                spread = any(k.arg is None for k in node.keywords)  # **kwargs: cannot tell, assume set
                clients.append({
                    "name": name,
                    "line": node.lineno,
                    "timeout": spread or bool(keys & PY_TIMEOUT_KWARGS),
                    "retries": spread or bool(keys & PY_RETRY_KWARGS),
                })
    return {"clients": clients, "tracing": sorted(tracing), "tracing_disabled": disabled,
            "trace_event_line": trace_event_line}


def _extract_typescript(rel_path: str, source: bytes) -> FileFacts:
    from parr.scan.wiring_ts import extract_typescript_wiring

    return extract_typescript_wiring(rel_path, source)
