"""Wiring facts from TypeScript/JavaScript, walking the tree-sitter syntax tree."""

from __future__ import annotations

from functools import lru_cache

from tree_sitter import Node, Query, QueryCursor, Tree

from parr.scan import policy_points
from parr.scan.language import FileFacts
from parr.scan.typescript.nodes import (
    args_of,
    callee_name,
    entry_value,
    grammar_for,
    object_entries,
    check_tree,
    parser,
    query,
    string_literal,
    text,
    unwrap,
)
from parr.scan.wiring import (
    _RUN_KEYS,
    TS_CLIENTS,
    TS_DEEP,
    TS_DEFAULT_TRACING,
    TS_RETRY_KEYS,
    TS_TIMEOUT_KEYS,
    TS_TRACING,
    is_trace_event_shape,
)

_IMPORT_NAMES = tuple(name.encode() for name in (*TS_TRACING, *TS_DEFAULT_TRACING))


def _tracing_library(module: str) -> str | None:
    for prefix, name in TS_TRACING.items():
        if module == prefix or module.startswith(prefix + "/"):
            return name
    for prefix, name in TS_DEFAULT_TRACING.items():
        if module == prefix or module.startswith(prefix + "/"):
            return name
    return None


_RUN_KEY_BYTES = tuple(k.encode() for k in _RUN_KEYS)


@lru_cache(maxsize=None)
def _queries(grammar: str) -> tuple[Query, Query, Query]:
    """Calls of interest (selected by name inside tree-sitter), object shapes, object keys."""
    names = " ".join(f'"{n}"' for n in sorted({*TS_CLIENTS, "require", "setTracingDisabled", *policy_points.TS_CALL_NAMES}))
    callee = "[(identifier) @n (member_expression property: (property_identifier) @n)]"
    calls = query(grammar, f"""
        (call_expression function: {callee} (#any-of? @n {names})) @call
        (new_expression constructor: {callee} (#any-of? @n {names})) @call
        (import_statement) @call
    """)
    shapes = query(grammar, "(object) @o" + (" (object_type) @o (interface_body) @o" if grammar != "javascript" else ""))
    keys = query(grammar, "(pair key: (_) @k)")
    return calls, shapes, keys


def _captured(q: Query, root: Node, name: str) -> list[Node]:
    nodes = QueryCursor(q, match_limit=1 << 16).captures(root).get(name, [])
    nodes.sort(key=lambda n: (n.start_byte, -n.end_byte))  # document order, outer before inner
    return nodes


def extract_typescript_wiring(rel_path: str, source: bytes, tree: Tree | None = None) -> FileFacts:
    """Clients, tracing imports and trace-event shapes of one file. `tree` is the file's parse
    when the tool scanner already made one. Tree-sitter queries pick the few nodes that matter
    (calls by name, imports), so the tree is never walked node by node in Python."""
    grammar = grammar_for(rel_path)
    if grammar is None:
        return {}
    deep = any(t in source for t in TS_DEEP)
    if tree is None:
        if not deep:
            # Only imports matter here, and they sit at the top: parse up to the line of the last
            # mention of a tracing package, not the whole file.
            last = max(source.rfind(t) for t in _IMPORT_NAMES)
            end = source.find(b"\n", last)
            source = source if end < 0 else source[: end + 1]
        tree = parser(grammar).parse(source)
        check_tree(source, tree.root_node)  # the caller reports the file, as for the tool scan
    root = tree.root_node
    clients = []
    tracing: set[str] = set()
    disabled = False
    trace_event_line = None
    sdks: set[str] = set()
    decision_calls: list[tuple[str, int]] = []
    calls_q, shapes_q, keys_q = _queries(grammar)
    if deep:
        nodes = _captured(calls_q, root, "call")
    else:
        nodes = [c for c in root.children if c.type == "import_statement"]
    for node in nodes:
        if node.type == "import_statement":
            source_node = node.child_by_field_name("source")
            module = (string_literal(source_node) if source_node is not None else None) or ""
            library = _tracing_library(module)
            if library:
                tracing.add(library)
            sdks.update(sdk.name for sdk in policy_points.ts_sdks_for_package(module))
            continue
        name = callee_name(node)
        if name in policy_points.TS_CALL_NAMES:
            decision_calls.append((name, node.start_point[0] + 1))
        if name == "require":
            args = args_of(node)
            module = (string_literal(args[0]) or "") if args else ""
            library = _tracing_library(module)
            if library:
                tracing.add(library)
            sdks.update(sdk.name for sdk in policy_points.ts_sdks_for_package(module))
        elif name == "setTracingDisabled":
            args = args_of(node)
            disabled = disabled or bool(args and args[0].type == "true")
        elif name in TS_CLIENTS:
            keys: set[str] = set()
            spread = False
            literals: dict[str, float] = {}
            for arg in args_of(node):
                arg = unwrap(arg)
                if arg is not None and arg.type == "object":
                    entries = object_entries(arg)
                    keys |= set(entries)
                    spread = spread or any(c.type == "spread_element" for c in arg.named_children)
                    for key, entry in entries.items():
                        value = unwrap(entry_value(entry)) if entry.type == "pair" else None
                        if value is not None and value.type == "number":
                            try:
                                literals[key] = float(text(value).replace("_", ""))
                            except ValueError:
                                pass
            client = {
                "name": name,
                "line": node.start_point[0] + 1,
                "timeout": spread or bool(keys & TS_TIMEOUT_KEYS),
                "retries": spread or bool(keys & TS_RETRY_KEYS),
            }
            # The literal values, where the code writes them: `parr init` drafts them, never invents them.
            for key in ("timeout", "requestTimeout", "timeoutMs"):
                if literals.get(key, 0) > 0:
                    client["timeout_seconds"] = literals[key] / 1000  # the JS SDKs take milliseconds
                    break
            for key in TS_RETRY_KEYS:
                if key in literals and literals[key] >= 0:
                    client["max_retries"] = int(literals[key])
                    break
            clients.append(client)
    if deep and any(k in source for k in _RUN_KEY_BYTES):
        for node in _captured(shapes_q, root, "o"):
            if _shape_keys(node) is not None:
                trace_event_line = node.start_point[0] + 1
                break
    if deep and b"experimental_telemetry" in source:
        for key in _captured(keys_q, root, "k"):
            if key.text == b"experimental_telemetry":
                tracing.add("AI SDK telemetry (OpenTelemetry)")
                break
    return {"clients": clients, "tracing": sorted(tracing), "tracing_disabled": disabled,
            "trace_event_line": trace_event_line,
            "policy_points": _policy_points(sdks, decision_calls, source) if deep else []}


def _policy_points(sdks: set[str], calls: list[tuple[str, int]], source: bytes) -> list[dict[str, object]]:
    """Decision calls of an SDK the file imports; an HTTP call in a file that names OPA's REST path."""
    found: dict[str, dict[str, object]] = {}
    for name, line in calls:
        for sdk in policy_points.SDKS:
            if sdk.name in sdks and name in sdk.ts_calls and sdk.name not in found:
                found[sdk.name] = {"sdk": sdk.name, "call": name, "line": line}
    if policy_points.OPA_REST_PATH.encode() in source:
        http = next(((n, line) for n, line in calls if n in policy_points.TS_HTTP_CALLS), None)
        if http is not None:
            found["opa-rest"] = {"sdk": "opa-rest", "call": http[0], "line": http[1]}
    return list(found.values())


def _shape_keys(node: Node) -> set[str] | None:
    """The keys of an object literal, object type or interface when they are a trace event's."""
    keys = set()
    for child in node.named_children:
        name = child.child_by_field_name("name") if child.type == "property_signature" else None
        if name is not None:
            keys.add(name.text.decode("utf-8", "replace"))
        elif child.type in ("pair", "shorthand_property_identifier"):
            key = child.child_by_field_name("key") if child.type == "pair" else child
            if key is not None:
                keys.add(key.text.decode("utf-8", "replace").strip("\"'"))
    return keys if is_trace_event_shape(keys) else None
