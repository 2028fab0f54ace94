"""NVIDIA NeMo Agent Toolkit (`nvidia-nat`, formerly `aiq`): @register_function builders, function groups, named by the workflow YAML."""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _const_str, _docstring, _kw
from parr.scan.python.frameworks.spec import Framework

_NAT = "nvidia-nat"
# nat.cli.register_workflow: a decorated async generator builds a function from its config; the
# registration names a config TYPE (the config class's `name=`), not a tool. A workflow config
# instantiates the type under a KEY (`functions: {KEY: {_type: TYPE}}`), and agents list keys in
# `tool_names`: the key is the name the model sees (a group's functions are KEY__fn,
# FunctionGroup.SEPARATOR). Resolve reads the key from the repository's YAML (parr.scan.python.nat_config).
_FUNCTION = frozenset({"register_function", "register_per_user_function"})
_GROUP = frozenset({"register_function_group", "register_per_user_function_group"})
REGISTRATIONS = _FUNCTION | _GROUP
_STYLE = "nat.register_function"


def _own_nodes(fn: ast.AST):
    """The nodes of a function's body, not those of the functions and classes it defines."""
    nested = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
    stack = [n for n in getattr(fn, "body", ()) if not isinstance(n, nested)]
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, nested):
                stack.append(child)


def _config_type(ex, deco: ast.Call, scope) -> str | None:
    """The type a registration's config class declares (`class C(FunctionBaseConfig, name="x")`)."""
    cfg = _kw(deco, "config_type") or (deco.args[0] if deco.args else None)
    if not isinstance(cfg, ast.Name):
        return None
    held, _ = ex.lookup(scope, cfg.id)
    node = getattr(held, "node", None)
    if not isinstance(node, ast.ClassDef):
        return None
    return _const_str(_kw(node, "name"))


def _info_fn(ex, value, scope):
    """The callable a yielded value hands NAT, with the description it carries: FunctionInfo.from_fn(fn,
    description=...), FunctionInfo.create(single_fn=fn, ...), the function itself, or a name bound to one."""
    if isinstance(value, ast.Name):
        fi = ex.resolve_func_expr(value, scope)
        if fi is not None:
            return fi, None
        held, held_scope = ex.lookup(scope, value.id)
        if isinstance(held, ast.Call):
            value, scope = held, held_scope or scope
    if not isinstance(value, ast.Call):
        return None, None
    last = (ex.dotted(value.func) or "").rsplit(".", 1)[-1]
    if last == "from_fn":
        fexpr = _kw(value, "fn") or (value.args[0] if value.args else None)
    elif last == "create":
        fexpr = _kw(value, "single_fn") or _kw(value, "stream_fn") or (value.args[0] if value.args else None)
    else:
        return None, None
    fi = ex.resolve_func_expr(fexpr, scope) if fexpr is not None else None
    return fi, _const_str(_kw(value, "description"))


def _cand(ex, fi, scope, ref: str, desc, line: int) -> None:
    ex._func_cand(fi, scope, None, ref, _NAT, _STYLE, desc or _docstring(fi.node), [], line=line)


def _registrations(ex) -> None:
    """Each @register_function(config_type=C) builder of the file: the function it yields is a tool
    named by the workflow config (name_ref `nat:TYPE`); each add_function(name=...) of a
    @register_function_group builder is `nat:TYPE:NAME`. A builder whose callable parr cannot read is a site."""
    if ex.in_framework(_NAT):
        return
    for fi in list(ex.funcs):
        if fi.body_scope is None:
            continue
        for deco, dn in zip(fi.node.decorator_list, fi.decorators):
            last = dn.rsplit(".", 1)[-1]
            if last not in REGISTRATIONS or not isinstance(deco, ast.Call):
                continue
            if ex.fw_of_qual(ex.qualify(dn)) != _NAT:
                continue
            kind = _config_type(ex, deco, fi.scope)
            if kind is None:
                ex.unresolved_site(None, "", fi.node.lineno, "NAT config type parr cannot read",
                                   text=f"@{dn}(config_type=...) def {fi.name}")
                break
            found = False
            for node in _own_nodes(fi.node):
                if last in _GROUP and isinstance(node, ast.Call) and \
                        (ex.dotted(node.func) or "").endswith(".add_function"):
                    name = _const_str(_kw(node, "name") or (node.args[0] if node.args else None))
                    fexpr = _kw(node, "fn") or (node.args[1] if len(node.args) > 1 else None)
                    inner = ex.resolve_func_expr(fexpr, fi.body_scope) if fexpr is not None else None
                    if name is None or inner is None:
                        ex.unresolved_site(None, "", node.lineno, "NAT group function parr cannot read",
                                           text=f"{ex.dotted(node.func)}(...)")
                        continue
                    _cand(ex, inner, fi.body_scope, f"nat:{kind}:{name}",
                          _const_str(_kw(node, "description")), node.lineno)
                    found = True
                elif last in _FUNCTION and isinstance(node, ast.Yield) and node.value is not None:
                    inner, desc = _info_fn(ex, node.value, fi.body_scope)
                    if inner is None:
                        ex.unresolved_site(None, "", node.lineno, "NAT function whose callable parr cannot read",
                                           text=f"@{dn} def {fi.name}: yield ...")
                        continue
                    _cand(ex, inner, fi.body_scope, f"nat:{kind}", desc, node.lineno)
                    found = True
            if not found and last in _FUNCTION:
                ex.unresolved_site(None, "", fi.node.lineno, "NAT function whose callable parr cannot read",
                                   text=f"@{dn} def {fi.name}")
            break


FRAMEWORKS = (
    Framework(
        label=_NAT,
        roots=("nat", "aiq"),
        file_hooks=(_registrations,),
        words=("register_function_group", "FunctionInfo"),
    ),
)
