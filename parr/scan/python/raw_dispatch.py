"""The code that runs a tool declared as a provider's raw schema (a dict the model API is given).

`{"name": "calculator", "input_schema": {...}}` (Anthropic) or `{"type": "function", "name": ...}`
(OpenAI) says nothing of what the tool does: the application runs it where the model's tool call
comes back, the way the providers' guides show it. Three forms, in this order:
- a branch on the call's name, in a function (`def process_tool_call(tool_name, tool_input):
  if tool_name == "calculator": ...`) or at module level (notebooks: `if block.name == "x":`),
  with `match`/`case` and `name in ("a", "b")` too;
- a table of name -> function (`available_functions = {"get_weather": get_weather}`), however it
  is looked up;
- else a function of the module with the tool's own name (`def calculator(expression)`).
Only a branch's own statements count (a chat loop around it is not the tool's code). A tool none of
these reach keeps the verdict of its name and description.
"""

from __future__ import annotations

import ast
from typing import Any

from parr.scan.python import mcp_dispatch

RAW_STYLES = frozenset({"anthropic.raw_tool_dict", "openai.raw_function_schema", "bedrock.tool_spec"})
# What the value dispatched on is called in the guides, besides a handler's first parameter and
# `name`/`tool_name` (tool_call.function.name, block.name)
_NAME_VARS = frozenset({"function_name", "func_name", "fn_name", "tool_call_name", "name", "tool_name", "toolname"})


def _module_handler(ex: Any) -> Any:
    """A function standing for the module's top-level statements (notebook cells)."""
    from parr.scan.python.extract import FuncInfo

    args = ast.arguments(posonlyargs=[], args=[], vararg=None, kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[])
    node = ast.FunctionDef(name="<module>", args=args, body=ex.tree.body, decorator_list=[], returns=None,
                           type_comment=None, lineno=1, col_offset=0)
    fi = FuncInfo(node, "<module>", "<module>", ex.module_scope, None)
    fi.body_scope = ex.module_scope
    return fi


def _mentions(node: ast.AST, names: set[str]) -> bool:
    return any(isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value in names for n in ast.walk(node))


def _action_classes(ex: Any, calls: list) -> set[str]:
    """Classes of the project a branch builds an object of (`DoubleClickAction(**arguments)`): an
    action value an executor runs later by its `type` (resolve reads the executor's case for it)."""
    out = set()
    for n in calls:
        if isinstance(n.func, ast.Name) and n.func.id[:1].isupper():
            if n.func.id in ex.imports:
                out.add(ex.imports[n.func.id])
            elif n.func.id in ex.module_scope.defs:
                out.add(f"{ex.module}.{n.func.id}" if ex.module else n.func.id)
    return out


def link(ex: Any) -> None:
    """Give each raw-schema tool of this file the code that runs it (`_bodies`), where it can be read."""
    from parr.scan.python.extract import FuncInfo

    raws = [c for c in ex.cands if c.get("style") in RAW_STYLES and c.get("_fn") is None
            and c.get("name") and not c.get("_bodies")]
    if not raws:
        return
    names = {c["name"] for c in raws}
    handlers = [fi for fi in ex.funcs if fi.body_scope is not None and not fi.candidate and _mentions(fi.node, names)]
    if any(_mentions(st, names) for st in ex.tree.body if not isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                                ast.ClassDef))):
        handlers.append(_module_handler(ex))
    groups = []
    for fi in handlers:
        params = mcp_dispatch.name_params(fi.node) | _NAME_VARS
        groups.append(mcp_dispatch.read_handler(ex, fi, params))
    for c in raws:
        bodies: list = []
        for group in groups:
            for disp in group:
                parts = disp.branches.get(c["name"])
                if not parts:
                    continue
                calls = [n for part in parts if isinstance(part, list)
                         for n in mcp_dispatch.walk_own(part) if isinstance(n, ast.Call)]
                if calls:
                    bodies.append(ex._calls_as_body(disp.handler, calls))
                acts = _action_classes(ex, calls)
                if acts:
                    c["acts"] = sorted(set(c.get("acts") or ()) | acts)
                bodies.extend(part for part in parts if not isinstance(part, list))
        if not bodies:
            same = ex.module_scope.defs.get(c["name"])
            if isinstance(same, FuncInfo) and not same.candidate:
                bodies.append(same)
        if bodies:
            c["_bodies"] = bodies
