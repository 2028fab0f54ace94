"""deepagents: create_deep_agent(...) and its middleware, which give the model built-in tools."""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _kw
from parr.scan.python.frameworks import agent_builtins as _generated
from parr.scan.python.frameworks.spec import Builtin, Framework

_DA = "deepagents"


def _tools(rows) -> tuple[Builtin, ...]:
    return tuple(Builtin(_DA, name, caps, mutating, typed, "pydantic") for name, mutating, typed, caps in rows)


# Read from the package by benchmarks/agent_builtins.py: each middleware's tools, and which of
# them create_deep_agent puts on its main agent.
_MIDDLEWARE = {cls: _tools(rows) for cls, rows in _generated.DEEPAGENTS_MIDDLEWARE.items()}
_ALL_MIDDLEWARE = {**{cls: _tools(rows) for cls, rows in _generated.LANGCHAIN_MIDDLEWARE.items()}, **_MIDDLEWARE}


def _async_subagents(ex, value, scope) -> bool:
    """subagents=[{"name": ..., "graph_id": ...}]: an async (remote) sub-agent, read where it is literal."""
    if isinstance(value, ast.Name):
        value = ex.lookup(scope, value.id)[0]
    if not isinstance(value, (ast.List, ast.Tuple)):
        return False
    for el in value.elts:
        if isinstance(el, ast.Name):
            el = ex.lookup(scope, el.id)[0]
        if isinstance(el, ast.Dict) and any(isinstance(k, ast.Constant) and k.value == "graph_id" for k in el.keys):
            return True
    return False


def _called_classes(ex, value, scope, depth: int = 0) -> set[str]:
    """The callee names of the calls in an expression, through the names it reads (one list
    assigned, concatenated or extended in this file)."""
    out: set[str] = set()
    if value is None or depth > 3:
        return out
    for n in ast.walk(value):
        if isinstance(n, ast.Call):
            out.add((ex.dotted(n.func) or "").rsplit(".", 1)[-1])
        elif isinstance(n, ast.Name):
            held = ex.lookup(scope, n.id)[0]
            if isinstance(held, ast.AST) and not isinstance(held, ast.arg):
                out |= _called_classes(ex, held, scope, depth + 1)
    return out


def _create_deep_agent(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """create_deep_agent(model, tools, middleware=[...], subagents=[...]): besides the tools and
    middleware it is given (read as every call's), the tools of the middleware it builds itself."""
    if fw_q != _DA:
        return False
    classes = list(_generated.DEEP_AGENT_ALWAYS)
    for given, added in _generated.DEEP_AGENT_GIVEN.items():
        kw, _, needs = given.partition("+")
        value = _kw(node, kw)
        if value is not None and (not needs or (needs == "graph_id" and _async_subagents(ex, value, scope))):
            classes += added
    # middleware=[FilesystemMiddleware(backend=...)]: the caller's instance replaces the default one
    # of the same class (its tools are read where it is given)
    given_mw = _called_classes(ex, _kw(node, "middleware"), scope)
    seen: set[str] = set()
    for cls in classes:
        if cls in given_mw:
            continue
        for b in _ALL_MIDDLEWARE[cls]:
            if b.name not in seen:
                seen.add(b.name)
                ex.builtin_cand(b, node.lineno, "builtin_agent_tool", home=ex.qualify(d) or d)
    return False  # tools= and middleware= are read as every call's are


FRAMEWORKS = (
    Framework(
        label=_DA,
        roots=("deepagents",),
        style_prefix="deepagents",
        call_hooks={"create_deep_agent": (_create_deep_agent,)},
        # HarnessProfile(extra_middleware=[...] or a function returning them): middleware
        # create_deep_agent adds for the models the profile matches
        tool_kws=("middleware", "extra_middleware"),
        builtin_toolsets=_MIDDLEWARE,
        toolset_name_kws={cls: kw for cls, kw in _generated.MIDDLEWARE_NAME_KWS.items() if cls in _MIDDLEWARE},
    ),
)
