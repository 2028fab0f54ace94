"""Small readings of Python AST nodes shared by the extractor and the framework hooks."""

from __future__ import annotations

import ast


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
