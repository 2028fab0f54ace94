"""The keys a tool's code reads out of the model's input: `args.filter.status` is ("filter", "status")."""

from __future__ import annotations

from tree_sitter import Node

from parr.scan.typescript.nodes import (
    ancestors, function_params, is_function, iter_descendants, member_chain, param_pattern, property_key,
    string_literal, text, unwrap,
)

_MAX_NODES = 20_000
# What an index or a computed key reads: an item of an array, or keys parr cannot name.
ITEM, ANY = "[]", "*"
# `request.params.arguments` (the MCP low-level CallTool request): the model's input in a branch.
_ARGUMENTS = ["params", "arguments"]


def read_paths(node: Node | None) -> set[tuple[str, ...]]:
    """The key paths a handler (its first parameter is the input) or a low-level dispatch branch
    (the input is `request.params.arguments`, or a name bound to it in the handler around it) reads.
    Only reads in the node itself: an input handed on whole to another function is not read here."""
    if node is None:
        return set()
    roots: dict[str, tuple[str, ...]] = {}
    out: set[tuple[str, ...]] = set()
    if is_function(node):
        params = function_params(node)
        if params:
            _bind(param_pattern(params[0]), (), roots, out)
        body = node.child_by_field_name("body") or node
    else:
        body = node
        handler = next((a for a in ancestors(node) if is_function(a)), None)
        for n in iter_descendants(handler or node, _MAX_NODES):
            if n.type == "variable_declarator" and _is_arguments(n.child_by_field_name("value")):
                # names bound to the input around the branch; what shared code takes is no one tool's read
                _bind(n.child_by_field_name("name"), (), roots, set())
    for n in iter_descendants(body, _MAX_NODES):
        if n.type == "variable_declarator":
            value = _strip_default(n.child_by_field_name("value"))
            at = _path(value, roots)
            if at is not None:
                _bind(n.child_by_field_name("name"), at, roots, out)
        elif n.type in ("member_expression", "subscript_expression"):
            parent = n.parent
            if parent is not None and parent.type == "call_expression" and parent.child_by_field_name("function") == n:
                continue  # args.url.trim(): a method of the value, not a key of the input
            at = _path(n, roots)
            if at:
                out.add(at)
    return out


def reads_inside(paths: set[tuple[str, ...]], open_path: tuple[str, ...]) -> tuple[str, ...] | None:
    """A read path that takes a key out of the object at `open_path` (one the schema leaves open)."""
    for p in sorted(paths):
        if len(p) > len(open_path) and all(o == x or ITEM in (o, x) for o, x in zip(open_path, p)) \
                and p[len(open_path)] != ITEM:
            return p
    return None


UNSEEN = "parr sees no code that runs the tool"


def open_object(path: tuple[str, ...]) -> str:
    """How evidence names an object the schema leaves open."""
    return "its schema declares no parameters" if not path else \
        f"parameter '{shown(path)}' is an object with no declared fields"


def read_evidence(open_path: tuple[str, ...], read: tuple[str, ...]) -> str:
    if not open_path:
        return f"its schema declares no parameters, but its code reads '{shown(read)}'"
    return f"{open_object(open_path)}, and its code reads '{shown(read)}' from it"


def shown(path: tuple[str, ...]) -> str:
    """A key path as the code writes it: nodes[].config."""
    return ".".join(path).replace(f".{ITEM}", ITEM)


def _is_arguments(value: Node | None) -> bool:
    chain = member_chain(_strip_default(value))
    return chain[-2:] == _ARGUMENTS


def _strip_default(value: Node | None) -> Node | None:
    """`request.params.arguments ?? {}`, `args || {}`: the left side."""
    value = unwrap(value)
    while value is not None and value.type == "binary_expression" and text(value.child_by_field_name("operator")) in ("??", "||"):
        value = unwrap(value.child_by_field_name("left"))
    return value


def _path(node: Node | None, roots: dict[str, tuple[str, ...]]) -> tuple[str, ...] | None:
    """The key path an expression reads from the input, or None when it is not rooted in it."""
    keys: list[str] = []
    node = unwrap(node)
    for _ in range(32):
        if node is None:
            return None
        if node.type == "identifier":
            base = roots.get(text(node))
            return None if base is None else base + tuple(reversed(keys))
        if node.type == "member_expression":
            if _is_arguments(node):
                return tuple(reversed(keys))  # request.params.arguments.url
            keys.append(text(node.child_by_field_name("property")))
            node = unwrap(node.child_by_field_name("object"))
        elif node.type == "subscript_expression":
            index = unwrap(node.child_by_field_name("index"))
            s = string_literal(index)
            keys.append(s if s is not None else ITEM if index is not None and index.type == "number" else ANY)
            node = unwrap(node.child_by_field_name("object"))
        else:
            return None
    return None


def _bind(pattern: Node | None, at: tuple[str, ...], roots: dict, out: set) -> None:
    """A name or destructuring pattern bound to the input at `at`: `{ url, filter: { status } }`."""
    pattern = unwrap(pattern)
    if pattern is None:
        return
    if pattern.type == "assignment_pattern":  # { limit = 10 }
        _bind(pattern.child_by_field_name("left"), at, roots, out)
        return
    if pattern.type in ("identifier", "shorthand_property_identifier_pattern"):
        roots[text(pattern)] = at
        if at:
            out.add(at)
        return
    if pattern.type == "object_pattern":
        for child in pattern.named_children:
            if child.type == "shorthand_property_identifier_pattern":
                _bind(child, at + (text(child),), roots, out)
            elif child.type == "object_assignment_pattern":  # { limit = 10 }
                left = child.child_by_field_name("left")
                key = text(left) if left is not None else None
                if key:
                    _bind(left, at + (key,), roots, out)
            elif child.type == "pair_pattern":
                key = property_key(child)
                _bind(child.child_by_field_name("value"), at + (key if key is not None else ANY,), roots, out)
            elif child.type == "rest_pattern":
                continue  # ...rest: the other keys, handed on whole
    elif pattern.type == "array_pattern":
        for child in pattern.named_children:
            _bind(child, at + (ITEM,), roots, out)
