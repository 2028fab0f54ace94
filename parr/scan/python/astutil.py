"""Small readings of Python AST nodes shared by the extractor and the framework hooks."""

from __future__ import annotations

import ast


def _node_classes(cls: type) -> set[type]:
    out = {cls}
    for sub in cls.__subclasses__():
        out |= _node_classes(sub)
    return out


_NODE_CLASSES = frozenset(_node_classes(ast.AST))
# Field values that are never nodes (names, literals' values): no isinstance asked.
_PLAIN = frozenset({str, int, float, complex, bytes, bool, type(None), type(Ellipsis)})


def walk(node) -> list:
    """Every node of `node`'s subtree in the order `ast.walk` yields them (breadth first, each node's
    fields in order), as one list: the same nodes without ast.walk's two generators per node, which were
    most of the cost of a reader walking a function's body."""
    out = [node]
    nodes, plain = _NODE_CLASSES, _PLAIN
    for n in out:  # (the list grows behind the loop: breadth first)
        d = n.__dict__
        for name in n._fields:
            v = d[name] if name in d else getattr(n, name, None)
            c = v.__class__
            if c is list:
                for x in v:
                    cx = x.__class__
                    if cx in nodes or (cx not in plain and isinstance(x, ast.AST)):
                        out += (x,)
            elif c in nodes or (c not in plain and isinstance(v, ast.AST)):
                out += (v,)
    return out


def _docstring(node) -> str | None:
    try:
        d = ast.get_docstring(node, clean=True)
    except Exception:
        return None
    if not d:
        return None
    para = d.strip().split("\n\n", 1)[0]
    return " ".join(para.split())


def _literal_keys(d: ast.Dict) -> dict:
    """A dict literal's entries by string key (None for keys that are not string literals;
    `**spread` entries are left out)."""
    return {_const_str(k): v for k, v in zip(d.keys, d.values) if k is not None}


def _const_str(e) -> str | None:
    if isinstance(e, ast.Constant) and isinstance(e.value, str):
        return e.value
    return None


def _kw(call: ast.Call, *names):
    for k in call.keywords:
        if k.arg in names:
            return k.value
    return None


def _truthy_kw(call: ast.Call, name: str) -> bool:
    v = _kw(call, name)
    if v is None:
        return False
    if isinstance(v, ast.Constant) and v.value in (False, None, 0, ""):
        return False
    return True


def fn_arg(node: ast.Call, *kws: str, pos: int = 0):
    """The first of the keywords given to a call, else its positional argument at `pos`."""
    v = _kw(node, *kws)
    if v is None and len(node.args) > pos:
        v = node.args[pos]
    return v


def _short_source(e) -> str:
    try:
        return " ".join(ast.unparse(e).split())
    except Exception:  # noqa: BLE001 - unparse of an odd node must not stop the scan
        return type(e).__name__


def _shorten(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


_STMT_BODIES = ("body", "orelse", "finalbody", "handlers", "cases")


def statements(stmts):
    """Every statement under `stmts`, nested blocks and inner definitions included: what
    `ast.walk` yields of statement type, without visiting a single expression node."""
    todo = list(stmts)
    while todo:
        st = todo.pop()
        yield st
        for field in _STMT_BODIES:
            inner = getattr(st, field, None)
            if inner:
                todo.extend(inner)
