"""Mirascope (`mirascope`): functions and `@llm.tool` tools in a call's `tools=[...]`, v1 `BaseTool` classes.

What the model sees (mirascope/llm/tools/decorator.py, calls/decorator.py, tools/web_search_tool.py of the 2.8.2
wheel; v1's mirascope.core): `@llm.call("openai/gpt-4o", tools=[...])` (v1: `@openai.call("gpt-4o", tools=[...])`,
`@llm.call(provider=..., model=..., tools=[...])`) and `model.call(..., tools=[...])` hand the model each tool: a
function (`@llm.tool` or plain) named after itself, described by its docstring, its parameters from the type hints
(a first `ctx: llm.Context[...]` parameter is the framework's context, not the model's); v1 a `BaseTool` subclass
named after the class, its fields the parameters, run by its `call()`; a `BaseToolKit`'s `@toolkit_tool` methods,
each named after itself. `llm.WebSearchTool()` is the provider's
`web_search`, run on the provider's side.
"""

from __future__ import annotations

import ast

from parr.scan.python.frameworks.model_fields import derives_from, field_model_tools
from parr.scan.python.frameworks.spec import Builtin, Decorator, Framework

_MI = "mirascope"


def _derives_from(ex, ci, name: str) -> bool:
    return derives_from(ex, ci, lambda base: base.rsplit(".", 1)[-1] == name and ex.fw_of_qual(base) == _MI)


def _is_tool_class(ex, ci) -> bool:
    return _derives_from(ex, ci, "BaseTool")


def _is_toolkit(ex, ci) -> bool:
    return _derives_from(ex, ci, "BaseToolKit")


def _create_tools(ex, e: ast.Call, scope, label: str, line: int) -> bool:
    """`toolkit.create_tools()` in a tools entry, `toolkit = BookTools(...)` a BaseToolKit subclass of this file: its
    @toolkit_tool methods, each already a tool where it is declared."""
    recv = e.func.value
    made = recv if isinstance(recv, ast.Call) else (
        ex.lookup(scope, recv.id)[0] if isinstance(recv, ast.Name) else None)
    if not isinstance(made, ast.Call):
        return False
    ci, _ = ex.lookup(scope, made.func.id) if isinstance(made.func, ast.Name) else (None, None)
    if ci is None or not hasattr(ci, "bases") or not _is_toolkit(ex, ci):
        return False
    ex.consumed.add(id(e))
    return True


def _tool_classes(ex) -> None:
    """Every v1 BaseTool subclass of this file with a call() of its own or of a base here: the tool named by its
    class, described by its docstring, its fields the parameters."""
    if ex.in_framework(_MI):
        return
    field_model_tools(ex, _MI, _is_tool_class, "call", "mirascope.BaseTool")

FRAMEWORKS = (
    Framework(
        label=_MI,
        roots=("mirascope",),
        style_prefix="mirascope",
        decorators=(Decorator("tool", "mirascope.tool", name_kws=(), desc_kws=(), receiver="any"),
                    # v1 BaseToolKit: each @toolkit_tool method is a tool named after it (create_tools() hands them out)
                    Decorator("toolkit_tool", "mirascope.toolkit_tool", name_kws=(), desc_kws=(), receiver="any",
                              as_call=False)),
        file_hooks=(_tool_classes,),
        list_hooks={"create_tools": (_create_tools,)},
        builtin_classes={"WebSearchTool": Builtin(_MI, "web_search", ("http",), description=(
            "Searches the web on the provider's side (Mirascope's provider tool)."))},
        builtin_class_words=False,
    ),
)
