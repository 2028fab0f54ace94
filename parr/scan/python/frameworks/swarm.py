"""OpenAI Swarm (`swarm`): Agent(functions=[...]); a function returning an Agent hands the conversation off."""

from __future__ import annotations

import ast

from parr.scan.python.frameworks.spec import Framework

_SW = "swarm"


def _late_functions(ex) -> None:
    """`triage_agent.functions = [transfer_to_sales]` after the agents are made (Swarm's examples
    wire hand-offs this way, agents naming each other): the functions an agent of the framework is
    given late, read as its functions=[...] (a file hook: an attribute assignment keys no call).
    `.functions.append(fn)` / `.extend([...])` are read with other tool-list growth."""
    if ex.in_framework(_SW):
        return
    scopes = {}
    for fi in ex.funcs:
        if fi.body_scope is not None:
            for n in ast.walk(fi.node):
                if isinstance(n, ast.Assign):
                    scopes[id(n)] = fi.body_scope
    for node in ast.walk(ex.tree):
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
            continue
        t = node.targets[0]
        if not (isinstance(t, ast.Attribute) and t.attr == "functions" and isinstance(t.value, ast.Name)):
            continue
        if ex.fw_of_qual(ex.var_ctor.get(t.value.id)) != _SW:
            continue  # registry.functions = [...] of some other object
        ex.ctx_items.append((node.value, scopes.get(id(node), ex.module_scope), _SW, node.lineno,
                             f"{t.value.id}.functions = "))

# Swarm sends each function under its own name (function_to_json: f.__name__), with the parameters
# of its signature minus `context_variables`, which Swarm fills in (catalog.INJECTED_PARAM_NAMES). A
# function whose every return is an Agent is a hand-off (core.handle_function_result): the extractor's
# returns_agent flag reads it for every family. Result(agent=..., context_variables=...) is Swarm's
# reply: a body that only updates the context variables and returns one changes nothing outside the run.
FRAMEWORKS = (
    Framework(
        label="swarm",
        roots=("swarm",),
        state_params=("context_variables",),
        reply_classes=("Result",),
        file_hooks=(_late_functions,),
    ),
)
