"""Agno (and its predecessor phidata): @tool, Toolkit classes registering their methods, Function(...)."""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _const_str, _docstring, _kw
from parr.scan.python.frameworks import agno_builtins as _generated
from parr.scan.python.frameworks.spec import Builtin, ConfiguredToolkit, Decorator, FlaggedTool, Framework

# A Toolkit subclass hands its registered methods to the model.
TOOLKIT_BASES = frozenset({"Toolkit"})

def _function(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """Function(name=..., entrypoint=fn, parameters={...})."""
    if not (fw_q == "agno" or _kw(node, "entrypoint") is not None):
        return False
    n, r = ex.name_of(_kw(node, "name"), scope)
    fexpr = _kw(node, "entrypoint")
    params_v = _kw(node, "parameters")
    if n is None and r is None:
        fi = ex.resolve_func_expr(fexpr, scope) if fexpr is not None else None
        if fi is None:
            return True
        n = fi.name
    fi = ex.resolve_func_expr(fexpr, scope) if fexpr is not None else None
    desc = _const_str(_kw(node, "description")) or (_docstring(fi.node) if fi else None)
    extra = {}
    schema = "type_hints"
    if params_v is not None:
        schema = "json_schema"
        extra["jschema"] = ex.json_schema_info(params_v, scope)
    ex.new_cand(name=n, name_ref=r, line=node.lineno, framework="agno", style="agno.Function", schema=schema,
                fn=fi, description=desc, extra=extra, def_line=fi.node.lineno if fi else None)
    ex.consumed.add(id(node))
    return True


def _toolkits(root: str) -> dict[str, ConfiguredToolkit]:
    """agno's and phidata's toolkits, read from their wheels by benchmarks/agno_builtins.py. Toolkit's
    own constructor keeps `include_tools`, drops `exclude_tools` and asks a person first for
    `requires_confirmation_tools` (agno; phidata's Toolkit has none of them)."""
    kws = ("include_tools", "exclude_tools", "requires_confirmation_tools") if root == "agno" else (None, None, None)

    def tools(entries) -> tuple[FlaggedTool, ...]:
        return tuple(FlaggedTool(Builtin("agno", name, caps, mutating, typed, "type_hints", judged=True), conds)
                     for name, conds, mutating, typed, caps in entries)

    older = _generated.OLDER[root]
    return {cls: ConfiguredToolkit(tools(entries), tuple(tools(v) for v in older.get(cls, ())), *kws)
            for cls, entries in _generated.TOOLKITS[root].items()}


FRAMEWORKS = (
    Framework(
        label="agno",
        roots=("agno", "phi"),
        call_hooks={"Function": (_function,)},
        decorators=(Decorator("tool", "agno.tool_decorator", receiver=None),),
        # A built-in toolkit reaches a model only inside tools=[...], whose word already admits the file.
        configured_toolkits={"agno": _toolkits("agno"), "phi": _toolkits("phi")},
    ),
)
