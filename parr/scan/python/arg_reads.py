"""The keys a tool's code reads out of the model's input: `arguments["filter"]["status"]` is ("filter", "status")."""

from __future__ import annotations

import ast
from collections.abc import Iterable

# An index parr cannot name (`arguments[key]`) reads keys it does not know.
ANY = "*"
_MAX_NODES = 20_000


def read_paths(nodes: Iterable[ast.AST], roots: dict[str, tuple[str, ...]]) -> set[tuple[str, ...]]:
    """The key paths read from the input by these nodes (in source order), given the names bound
    to it (`arguments` -> ()). A name assigned a part of it (`f = arguments.get("filter", {})`)
    reads on from there. Only these nodes count: an input handed on whole to a function is not
    read here."""
    roots = dict(roots)
    out: set[tuple[str, ...]] = set()
    for seen, node in enumerate(nodes):
        if seen > _MAX_NODES:
            break
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            at = _path(node.value, roots)
            if at is not None:
                roots[node.targets[0].id] = at
        elif isinstance(node, (ast.Subscript, ast.Call)):
            at = _path(node, roots)
            if at:
                out.add(at)
    return out


def reads_inside(paths: set[tuple[str, ...]], open_path: tuple[str, ...]) -> tuple[str, ...] | None:
    """A read path that takes a key out of the object at `open_path` (one the schema leaves open)."""
    for p in sorted(paths):
        if len(p) > len(open_path) and p[:len(open_path)] == open_path:
            return p
    return None


def _path(e: ast.AST, roots: dict[str, tuple[str, ...]]) -> tuple[str, ...] | None:
    keys: list[str] = []
    for _ in range(32):
        if isinstance(e, ast.Name):
            base = roots.get(e.id)
            return None if base is None else base + tuple(reversed(keys))
        if isinstance(e, ast.Subscript):
            s = e.slice
            keys.append(s.value if isinstance(s, ast.Constant) and isinstance(s.value, str) else ANY)
            e = e.value
        elif isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute) and e.func.attr == "get" and e.args:
            a = e.args[0]
            keys.append(a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else ANY)
            e = e.func.value
        elif isinstance(e, ast.BoolOp) and isinstance(e.op, ast.Or) and e.values:
            e = e.values[0]  # arguments.get("filter") or {}
        else:
            return None
    return None
