"""Composio (`composio`, `composio_openai`, `composio_langchain`, ...): tools fetched by slug from Composio's servers."""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _const_str, _docstring, _kw
from parr.scan.python.frameworks.spec import Framework

_CO = "composio"
# composio.tools.get(user_id, tools=[...] | slug=... | toolkits=[...] | search=...) (composio >= 0.8);
# ComposioToolSet().get_tools(actions=[Action.X], apps=[App.Y], tags=[...]) and get_action_schemas
# (composio-core 0.7 and its composio_<provider> toolsets).
_LEGACY = frozenset({"get_tools", "get_actions", "get_action_schemas"})
# Keywords that pick tools Composio lists at run time (a toolkit, a search, tags): a site.
_RUNTIME_PICKS = {"toolkits": "a Composio toolkit's tools, listed by Composio at run time",
                  "search": "Composio tools found by a search at run time",
                  "apps": "a Composio app's tools, listed by Composio at run time",
                  "tags": "Composio tools picked by tag at run time"}


def _file(ex) -> None:
    """A file that imports Composio: each tools.get(...) / get_tools(...) hands a model the tools whose
    slugs it names (a file hook: `get` is too common a word to key on; such a file says `tools` anyway).
    The slug is the tool's name; its code runs on Composio's servers, so its name is the only evidence
    of what it does. The framework's own package is not read."""
    if ex.in_framework(_CO):
        return
    custom = _custom_tools(ex)
    for node in sorted((n for n in ast.walk(ex.tree) if isinstance(n, ast.Call)), key=lambda n: (n.lineno, n.col_offset)):
        d = ex.dotted(node.func)
        if not d:
            continue
        parts = d.split(".")
        last, recv = parts[-1], parts[-2] if len(parts) > 1 else ""
        if last == "get" and recv == "tools" and (node.args or _kw(node, "user_id") is not None):
            slugs = [_kw(node, "tools"), _kw(node, "slug")]
        elif last in _LEGACY and "." in d:
            slugs = [_kw(node, "actions")]
        else:
            continue
        ex.consumed.add(id(node))  # read here: where it is handed to a model, nothing is left to read
        label = f"{d}("
        for e in slugs:
            if e is None or isinstance(e, ast.Constant) and e.value is None:
                continue
            for item in (e.elts if isinstance(e, (ast.List, ast.Tuple)) else [e]):
                _slug(ex, item, node, label, custom)
        for kw, reason in _RUNTIME_PICKS.items():
            v = _kw(node, kw)
            if v is not None and not (isinstance(v, (ast.List, ast.Tuple)) and not v.elts) \
                    and not (isinstance(v, ast.Constant) and v.value is None):
                ex.unresolved_site(v, f"{d}({kw}=", node.lineno, reason)


def _custom_tools(ex) -> set[str]:
    """`@composio.tools.custom_tool` functions (composio 0.8/0.9): Composio offers each under its
    name upper-cased (the slug), running this body. Reported here, at the function; the decorator is
    no unknown one."""
    slugs = set()
    for fi in list(ex.funcs):
        if not any(d.rsplit(".", 1)[-1] == "custom_tool" for d in fi.decorators):
            continue
        slug = fi.name.upper()
        slugs.add(slug)
        ex.unresolved[:] = [s for s in ex.unresolved
                            if not (s.get("line") == fi.node.lineno and "custom_tool" in str(s.get("call")))]
        ex._func_cand(fi, fi.scope, slug, None, _CO, "composio.custom_tool", _docstring(fi.node), [])
    return slugs


def _slug(ex, e, node: ast.Call, label: str, custom: set[str] = frozenset()) -> None:
    """One entry: "GITHUB_CREATE_AN_ISSUE", Action.GITHUB_CREATE_AN_ISSUE, or a constant naming one.
    A custom tool of this file is reported at its function."""
    slug = _const_str(e)
    if slug is None and isinstance(e, ast.Attribute) and (ex.dotted(e.value) or "").rsplit(".", 1)[-1] == "Action":
        slug = e.attr
    if slug is None:
        n, r = ex.name_of(e, ex.module_scope) if isinstance(e, (ast.Name, ast.Attribute)) else (None, None)
        if n is None and r is None:
            ex.unresolved_site(e, label, getattr(e, "lineno", node.lineno), "Composio tool slug parr cannot read")
            return
        slug = n
        ref = r
    else:
        ref = None
    if slug in custom:
        return
    ex.new_cand(name=slug, name_ref=ref, line=getattr(e, "lineno", node.lineno), framework=_CO,
                style="composio.tool_slug", schema="provider_defined", typed=True, flags=("name_only",),
                extra={"no_params": True})


FRAMEWORKS = (
    Framework(
        label=_CO,
        roots=("composio",),
        root_prefixes=("composio_",),
        file_hooks=(_file,),
    ),
)
