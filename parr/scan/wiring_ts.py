"""Wiring facts from TypeScript/JavaScript, walking the tree-sitter syntax tree."""

from __future__ import annotations

from parr.scan.language import FileFacts
from parr.scan.typescript.nodes import args_of, callee_name, grammar_for, object_entries, parser, string_literal, unwrap
from parr.scan.wiring import (
    TS_CLIENTS,
    TS_DEEP,
    TS_DEFAULT_TRACING,
    TS_RETRY_KEYS,
    TS_TIMEOUT_KEYS,
    TS_TRACING,
    is_trace_event_shape,
)

MAX_DEPTH = 400
_IMPORT_NAMES = tuple(name.encode() for name in (*TS_TRACING, *TS_DEFAULT_TRACING))


def _tracing_library(module: str) -> str | None:
    for prefix, name in TS_TRACING.items():
        if module == prefix or module.startswith(prefix + "/"):
            return name
    for prefix, name in TS_DEFAULT_TRACING.items():
        if module == prefix or module.startswith(prefix + "/"):
            return name
    return None


def extract_typescript_wiring(rel_path: str, source: bytes) -> FileFacts:
    grammar = grammar_for(rel_path)
    if grammar is None:
        return {}
    deep = any(t in source for t in TS_DEEP)
    if not deep:
        # Only imports matter here, and they sit at the top: parse up to the line of the last
        # mention of a tracing package, not the whole file.
        last = max(source.rfind(t) for t in _IMPORT_NAMES)
        end = source.find(b"\n", last)
        source = source if end < 0 else source[: end + 1]
    tree = parser(grammar).parse(source)
    clients = []
    tracing: set[str] = set()
    disabled = False
    trace_event_line = None
    # Iterative walk: deep nesting in hostile files must not hit the recursion limit. Without a
    # deep trigger (a client, trace fields) the top-level statements settle it: imports live there.
    roots = [tree.root_node] if deep else [c for c in tree.root_node.children if c.type == "import_statement"]
    stack = [(node, 0) for node in roots]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            continue
        kind = node.type
        if kind == "import_statement":
            source_node = node.child_by_field_name("source")
            module = string_literal(source_node) if source_node is not None else None
            library = _tracing_library(module or "")
            if library:
                tracing.add(library)
        elif kind in ("call_expression", "new_expression"):
            name = callee_name(node)
            if name == "require":
                args = args_of(node)
                library = _tracing_library(string_literal(args[0]) or "") if args else None
                if library:
                    tracing.add(library)
            elif name == "setTracingDisabled":
                args = args_of(node)
                disabled = disabled or bool(args and args[0].type == "true")
            elif name in TS_CLIENTS:
                keys: set[str] = set()
                spread = False
                for arg in args_of(node):
                    arg = unwrap(arg)
                    if arg is not None and arg.type == "object":
                        keys |= set(object_entries(arg))
                        spread = spread or any(c.type == "spread_element" for c in arg.named_children)
                clients.append({
                    "name": name,
                    "line": node.start_point[0] + 1,
                    "timeout": spread or bool(keys & TS_TIMEOUT_KEYS),
                    "retries": spread or bool(keys & TS_RETRY_KEYS),
                })
        elif kind in ("object", "object_type", "interface_body") and trace_event_line is None:
            keys = set()
            for child in node.named_children:
                name = child.child_by_field_name("name") if child.type == "property_signature" else None
                if name is not None:
                    keys.add(name.text.decode("utf-8", "replace"))
                elif child.type in ("pair", "shorthand_property_identifier"):
                    key = child.child_by_field_name("key") if child.type == "pair" else child
                    if key is not None:
                        keys.add(key.text.decode("utf-8", "replace").strip("\"'"))
            if is_trace_event_shape(keys):
                trace_event_line = node.start_point[0] + 1
        if kind == "pair":
            key = node.child_by_field_name("key")
            if key is not None and key.text == b"experimental_telemetry":
                tracing.add("AI SDK telemetry (OpenTelemetry)")
        stack.extend((child, depth + 1) for child in reversed(node.children))
    return {"clients": clients, "tracing": sorted(tracing), "tracing_disabled": disabled,
            "trace_event_line": trace_event_line}
