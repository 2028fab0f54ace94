"""Mirascope (`mirascope`): functions and `@llm.tool` tools in a call's `tools=[...]`, v1 `BaseTool` classes.

What the model sees (mirascope/llm/tools/decorator.py, calls/decorator.py, tools/web_search_tool.py of the 2.8.2
wheel; v1's mirascope.core): `@llm.call("openai/gpt-4o", tools=[...])` (v1: `@openai.call("gpt-4o", tools=[...])`,
`@llm.call(provider=..., model=..., tools=[...])`) and `model.call(..., tools=[...])` hand the model each tool: a
function (`@llm.tool` or plain) named after itself, described by its docstring, its parameters from the type hints
(a first `ctx: llm.Context[...]` parameter is the framework's context, not the model's); v1 a `BaseTool` subclass
named after the class, its fields the parameters, run by its `call()`. `llm.WebSearchTool()` is the provider's
`web_search`, run on the provider's side.
"""

from __future__ import annotations

import ast

from parr.scan.python.frameworks.model_fields import class_chain, field_params
from parr.scan.python.frameworks.spec import Builtin, Decorator, Framework

_MI = "mirascope"


def _is_tool_class(ex, ci, seen: int = 0) -> bool:
    for base in ci.bases:
        if base.rsplit(".", 1)[-1] == "BaseTool" and ex.fw_of_qual(base) == _MI:
            return True
        parent = ex._local_class(base, ci) if seen < 8 else None
        if parent is not None and _is_tool_class(ex, parent, seen + 1):
            return True
    return False


def _tool_classes(ex) -> None:
    """Every v1 BaseTool subclass of this file with a call() of its own or of a base here: the tool named by its
    class, described by its docstring, its fields the parameters."""
    if ex.in_framework(_MI):
        return
    for ci in ex.classes:
        if ci.abstract or not _is_tool_class(ex, ci):
            continue
        ci.claimed = True  # a field called `name` is a parameter here, not the generic reading's tool name
        fn = ex.class_method(ci, "call")
        if fn is None or ci.name.startswith("_"):
            continue  # a base of the project's tools without a body
        doc = (ast.get_docstring(ci.node) or "").strip().split("\n\n", 1)[0].strip() or None
        ex.new_cand(name=ci.name, line=ci.node.lineno, framework=_MI, style="mirascope.BaseTool", schema="pydantic",
                    fn=fn, description=doc, cls=ci, def_line=ci.node.lineno,
                    params=field_params(class_chain(ex, ci), frozenset()), extra={"class_name": ci.name})

FRAMEWORKS = (
    Framework(
        label=_MI,
        roots=("mirascope",),
        style_prefix="mirascope",
        decorators=(Decorator("tool", "mirascope.tool", name_kws=(), desc_kws=(), receiver="any"),),
        file_hooks=(_tool_classes,),
        builtin_classes={"WebSearchTool": Builtin(_MI, "web_search", ("http",), description=(
            "Searches the web on the provider's side (Mirascope's provider tool)."))},
        builtin_class_words=False,
    ),
)
