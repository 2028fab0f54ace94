"""gptme: tools are ToolSpec objects (gptme/tools/base.py).

gptme finds them by importing its tool modules (TOOL_MODULES, "gptme.tools" by default, and the
tool modules of plugins) and keeping every module attribute that is a ToolSpec
(tools/__init__.py _discover_tools). What the model is offered of one spec:

- `ToolSpec(name=..., desc=..., execute=fn, block_types=[...], parameters=[Parameter(...)])`: one
  tool under `name`, which the model calls as a code block of that type or (tool format) as a
  function with the declared parameters; `execute` runs it. A spec with neither `execute` nor
  `block_types` runs nothing the model writes (hooks and commands only: autocommit, lessons).
- `functions=[f, ToolFunction.from_callable(g), ToolFunction(name=..., fn=h)]`: Python functions
  put in the ipython tool's namespace and listed to the model as available functions (each by its
  name, get_functions_description): each a tool, declared where the function is.
- `ToolSpec.from_function(fn)`: one tool named after the function, run with the model's arguments.

A spec whose name is made at run time (one per MCP tool, mcp_adapter) is a site.
"""

from __future__ import annotations

import ast

from parr.scan.python.astutil import fn_arg
from parr.scan.python.frameworks.spec import Framework

_GP = "gptme"
_FUNCTION_WRAPPERS = frozenset({"from_callable", "ToolFunction"})


def _const(e) -> str | None:
    return e.value if isinstance(e, ast.Constant) and isinstance(e.value, str) else None


def _kw(node: ast.Call, name: str):
    return next((k.value for k in node.keywords if k.arg == name), None)


def _given(e) -> bool:
    return e is not None and not (isinstance(e, ast.Constant) and e.value is None)


def _parameters_schema(e) -> dict:
    """parameters=[Parameter(name="code", type="string", description=..., required=True)] as the
    summary parr keeps of a JSON schema; one parr cannot read is opaque (not an open blob)."""
    if e is None:
        return {"props": [], "blob": False}
    if not isinstance(e, (ast.List, ast.Tuple)):
        return {"props": [], "blob": False, "opaque": True}
    props = []
    for p in e.elts:
        if not isinstance(p, ast.Call):
            return {"props": [], "blob": False, "opaque": True}
        name = _const(_kw(p, "name")) or (_const(p.args[0]) if p.args else None)
        if name is None:
            return {"props": [], "blob": False, "opaque": True}
        ptype = _const(_kw(p, "type")) or (_const(p.args[1]) if len(p.args) > 1 else None)
        props.append({"n": name, "t": ptype, "d": _const(_kw(p, "description")), "sub": False})
    return {"props": props, "blob": False}


def _function_exprs(ex, e, scope, out: list, depth: int = 0) -> bool:
    """The function expressions of a functions=[...] list (through ToolFunction wrappers and a
    comprehension over a literal list); False when an element is none of these forms."""
    if depth > 4:
        return False
    if isinstance(e, ast.Name) and not isinstance(ex.lookup(scope, e.id)[0], (ast.List, ast.Tuple, ast.ListComp)):
        out.append(e)
        return True
    if isinstance(e, ast.Name):
        return _function_exprs(ex, ex.lookup(scope, e.id)[0], scope, out, depth + 1)
    if isinstance(e, (ast.List, ast.Tuple)):
        return all(_function_exprs(ex, el, scope, out, depth + 1) for el in e.elts)
    if isinstance(e, ast.Starred):
        return _function_exprs(ex, e.value, scope, out, depth + 1)
    if isinstance(e, ast.BinOp) and isinstance(e.op, ast.Add):
        return _function_exprs(ex, e.left, scope, out, depth + 1) and _function_exprs(ex, e.right, scope, out, depth + 1)
    if isinstance(e, (ast.ListComp, ast.GeneratorExp)) and len(e.generators) == 1:
        return _function_exprs(ex, e.generators[0].iter, scope, out, depth + 1)
    if isinstance(e, ast.Attribute):
        out.append(e)
        return True
    if isinstance(e, ast.Call):
        last = (ex.dotted(e.func) or "").rsplit(".", 1)[-1]
        if last in _FUNCTION_WRAPPERS:
            inner = fn_arg(e, "fn", pos=1 if last == "ToolFunction" else 0)
            if last == "ToolFunction" and _given(_kw(e, "name")) and _const(_kw(e, "name")) is None:
                return False  # ToolFunction(name=computed, fn=f): a name parr cannot read
            if last == "ToolFunction" and _const(_kw(e, "name")) is not None and inner is not None:
                out.append((inner, _const(_kw(e, "name")), _const(_kw(e, "description"))))
                return True
            return inner is not None and _function_exprs(ex, inner, scope, out, depth + 1)
    return False


def _functions(ex, node: ast.Call, scope, given) -> None:
    """Each function a spec lists to the model: declared where the function is (this file, or the
    module it is imported from, read there by resolve); one parr cannot follow is a site."""
    found: list = []
    if not _function_exprs(ex, given, scope, found):
        ex.unresolved_site(given, "ToolSpec(functions=", node.lineno, "functions listed to the model that parr cannot read")
        return
    for item in found:
        if isinstance(item, tuple):  # ToolFunction(name="x", fn=f, description=...): its own name
            fexpr, name, desc = item
            fi = ex.resolve_func_expr(fexpr, scope)
            if fi is not None:
                ex._func_cand(fi, fi.scope, name, None, _GP, "plain_function", desc or None, [], line=node.lineno)
            else:
                ex.fn_cand(node, scope, fexpr, _GP, "plain_function", name_kws=(), desc_kws=())
            continue
        ex.ctx_elem(item, scope, _GP, getattr(item, "lineno", node.lineno), 0, set(), "ToolSpec(functions=")


def _toolspec(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    if fw_q != _GP:
        return False
    functions = _kw(node, "functions")
    if _given(functions):
        _functions(ex, node, scope, functions)
    execute, blocks = _kw(node, "execute"), _kw(node, "block_types")
    if not (_given(execute) or (isinstance(blocks, (ast.List, ast.Tuple)) and blocks.elts)
            or (_given(blocks) and not isinstance(blocks, (ast.List, ast.Tuple)))):
        ex.consumed.add(id(node))
        return True  # hooks and commands only: nothing the model calls (or only its functions)
    name = _kw(node, "name")
    if name is None and node.args:
        name = node.args[0]
    n, r = ex.str_of(name, scope) if name is not None else (None, None)
    if n is None and r is None:
        ex.unresolved_site(None, "", node.lineno, "tool name made at run time",
                           text=f"ToolSpec(name={ast.unparse(name) if name is not None else '?'}, ...)")
        ex.consumed.add(id(node))
        return True
    ex.fn_cand(node, scope, execute if _given(execute) else None, _GP, "gptme.ToolSpec", name_kws=("name",),
               desc_kws=("desc",), schema="json_schema",
               extra={"jschema": _parameters_schema(_kw(node, "parameters")), "no_params": True})
    ex.consumed.add(id(node))
    return True


def _from_function(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """ToolSpec.from_function(fn): a tool named after the function, its parameters the function's."""
    if fw_q != _GP or not d.endswith("ToolSpec.from_function") or not node.args:
        return False
    ex.fn_cand(node, scope, node.args[0], _GP, "gptme.ToolSpec.from_function", name_kws=(), desc_kws=())
    return True


FRAMEWORKS = (
    Framework(
        label=_GP,
        roots=("gptme",),
        style_prefix="gptme",
        call_hooks={"ToolSpec": (_toolspec,), "from_function": (_from_function,)},
        words=("ToolSpec",),
        # gptme's own prompt and run helpers take the loaded specs (each read where it is declared)
        # to describe or set them up: get_prompt(tools=...), prompt_gptme(tools=...), prompt_tools,
        # executor.prepare_execution_environment(tools=...), util.document_prompt_function(tools=...)
        not_tool_lists=("get_prompt", "prompt_gptme", "prompt_tools", "prepare_execution_environment",
                        "document_prompt_function"),
    ),
)
