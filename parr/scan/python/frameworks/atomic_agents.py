"""Atomic Agents (`atomic_agents`): BaseTool subclasses, named by their input schema.
What the model sees (atomic_agents/base/base_tool.py of BrainBlend-AI/atomic-agents): a tool is a
`class X(BaseTool[InputSchema, OutputSchema])`; it has no name of its own: `tool_name` is
`config.title or input_schema.model_json_schema()["title"]`, and a pydantic model's title is its class
name, so the model sees the input schema's class name (in an orchestrator's `Union[...]` of input
schemas as in a tool list); `tool_description` is that schema's docstring. The schema's fields are the
parameters; `run` (or `arun`) is the code. A `BaseToolConfig(title=...)` given where the tool is made
renames it at run time (not read: the class name stands)."""

from __future__ import annotations

import ast

from parr.scan.python.frameworks.model_fields import class_chain, field_params
from parr.scan.python.frameworks.spec import Framework

_AA = "atomic-agents"
_RUN = ("run", "arun", "run_async")


def _schema_of(ex, ci) -> ast.expr | None:
    """The input schema of `class X(BaseTool[In, Out])` with BaseTool imported from atomic_agents."""
    for b in ci.node.bases:
        if not isinstance(b, ast.Subscript):
            continue
        d = ex.dotted(b.value) or ""
        if d.rsplit(".", 1)[-1] != "BaseTool" or ex.fw_of_qual(ex.qualify(d)) != _AA:
            continue
        args = b.slice.elts if isinstance(b.slice, ast.Tuple) else [b.slice]
        if args and isinstance(args[0], (ast.Name, ast.Attribute)):
            return args[0]
    return None


def _base_tools(ex) -> None:
    if ex.in_framework(_AA):
        return  # the framework's own generic classes (MCP tools made at run time) are no tools of a project
    for ci in ex.classes:
        schema = _schema_of(ex, ci)
        if schema is None:
            continue
        ci.claimed = True
        d = ex.dotted(schema) or ""
        local = ex._local_class(d)
        # the class's own name, also where it is imported under another one
        name = local.name if local is not None else ex.qualify(d).rsplit(".", 1)[-1]
        desc = None
        params = None
        if local is not None:
            doc = ast.get_docstring(local.node)
            desc = doc.strip() if doc else None
            params = field_params(class_chain(ex, local))
        ex.new_cand(name=name, line=ci.node.lineno, framework=_AA, style="atomic_agents.BaseTool_subclass",
                    schema="pydantic", fn=ex.class_method(ci, _RUN), description=desc, cls=ci, params=params,
                    def_line=ci.node.lineno, extra={"class_name": ci.name})


FRAMEWORKS = (Framework(label=_AA, roots=("atomic_agents",), file_hooks=(_base_tools,), words=("BaseTool",)),)
