"""kosong (MoonshotAI's agent library under Kimi CLI): CallableTool2 / CallableTool subclasses."""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _const_str, _kw
from parr.scan.python.frameworks.spec import Framework


def _tool_definition(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """kosong.tooling.Tool(name=..., description=..., parameters={...}): the definition itself (a
    pydantic model of those three fields) that generate(chat, system_prompt, tools, history) and a
    chat provider hand the model; whoever answers the call runs it, so it has no body here."""
    if fw_q != "kosong":
        return False
    n, r = ex.name_of(_kw(node, "name"), scope)
    if not (n or r):
        return False  # Tool(name=self.name, ...): plumbing; handed to a model it is a site there
    ex.new_cand(name=n, name_ref=r, line=node.lineno, framework="kosong", style="kosong.Tool", schema="json_schema",
                description=_const_str(_kw(node, "description")),
                extra={"jschema": ex.json_schema_info(_kw(node, "parameters"), scope)})
    ex.consumed.add(id(node))
    return True


FRAMEWORKS = (
    Framework(
        label="kosong",
        roots=("kosong",),
        # kosong/tooling/__init__.py: CallableTool2[Params] declares `name`, `description` and
        # `params` (a pydantic model) as class variables (or takes them in __init__); its base
        # Tool(name=self.name, description=..., parameters=params.model_json_schema()) is what a
        # toolset (SimpleToolset, KimiToolset) hands the model, and call() validates the arguments
        # into Params and runs `__call__(params)`. CallableTool (the older base) is itself a Tool
        # (name, description, parameters as a JSON schema) run by `__call__(**arguments)`.
        tool_base_classes=("CallableTool2", "CallableTool"),
        class_style="kosong.CallableTool_subclass",
        call_hooks={"Tool": (_tool_definition,)},
    ),
)
