"""PraisonAI (`praisonaiagents`, `praisonai`): Agent(tools=[...]) with functions, built-in tools by import or name."""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _const_str, _docstring, _kw
from parr.scan.python.frameworks import praisonai_builtins as _generated
from parr.scan.python.frameworks.spec import Builtin, Decorator, Framework

_PA = "praisonai"
# praisonaiagents.tools' functions (TOOL_MAPPINGS), read from the wheel by benchmarks/praisonai_builtins.py
# with parr's effects reading: imported by name and listed in tools=[...], or named as a string there.
BUILTINS = {name: Builtin(_PA, name, caps, mutating, typed, "type_hints", judged=True)
            for name, (mutating, typed, caps) in _generated.TOOLS.items()}
# Callees whose tools= an Agent resolves names in (tools.resolver): the registry, then TOOL_MAPPINGS.
_AGENTS = frozenset({"Agent", "ImageAgent", "DeepResearchAgent", "ContextAgent", "PlanningAgent"})
_YAML_SITE = "PraisonAI agents defined in a YAML file: their tools are named there"


def _file(ex) -> None:
    """A file importing PraisonAI: names given as strings in an Agent's tools=[...] (a file hook:
    `Agent` is too common a word to key on), toolsets=[...] groups, and agents defined in YAML."""
    if ex.in_framework(_PA):
        return
    registered, named = _registry(ex)
    for node in ast.walk(ex.tree):
        if not isinstance(node, ast.Call):
            continue
        d = ex.dotted(node.func) or ""
        last = d.rsplit(".", 1)[-1]
        if ex.fw_of_qual(ex.qualify(d)) != _PA:
            continue
        if last in _AGENTS:
            tools = _kw(node, "tools")
            items = tools.elts if isinstance(tools, (ast.List, ast.Tuple)) else [tools] if tools is not None else []
            for e in items:
                s = _const_str(e)
                if s is None:
                    continue  # a function or an object: the generic tools= reading handles it
                if s in registered:  # register_tool(fn) in this file: the function, read where it is
                    fi = registered[s]
                    if s not in named:
                        named.add(s)  # once, however many agents name it
                        ex._func_cand(fi, fi.scope, fi.name, None, _PA, "praisonai.registered_tool",
                                      _docstring(fi.node), [])
                elif s in named:
                    continue  # a @tool function of this file (it registers itself): reported at the function
                elif s in BUILTINS:
                    ex.builtin_cand(BUILTINS[s], getattr(e, "lineno", node.lineno), "builtin_tool_instance")
                else:
                    ex.unresolved_site(e, f"{d}(tools=", getattr(e, "lineno", node.lineno),
                                       f"PraisonAI tool {s!r} named by a string: resolved from a registry at run time")
            toolsets = _kw(node, "toolsets")
            if toolsets is not None and not (isinstance(toolsets, (ast.List, ast.Tuple)) and not toolsets.elts):
                ex.unresolved_site(toolsets, f"{d}(toolsets=", node.lineno,
                                   "PraisonAI toolsets: groups of tools resolved for the model at run time")
        elif last == "PraisonAI" and (_kw(node, "agent_file") is not None or _kw(node, "agent_yaml") is not None):
            ex.unresolved_site(node, f"{d}(", node.lineno, _YAML_SITE)


def _registry(ex):
    """Functions this file puts in PraisonAI's tool registry (register_tool(fn), add_tool(fn),
    get_registry().register(fn)), by the name a string in tools=[...] resolves (name= or the
    function's); and the names of its @tool functions, which register themselves."""
    registered = {}
    for node in ast.walk(ex.tree):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        d = ex.dotted(node.func) or ""
        last = d.rsplit(".", 1)[-1]
        if last in ("register_tool", "add_tool") and ex.fw_of_qual(ex.qualify(d)) == _PA or \
                last == "register" and d.startswith("get_registry()"):
            fi = ex.resolve_func_expr(node.args[0], ex.module_scope)
            if fi is not None:
                registered[_const_str(_kw(node, "name")) or fi.name] = fi
    named = {c.get("name") for c in ex.cands if c.get("style") == "praisonai.tool_decorator"}
    return registered, named


FRAMEWORKS = (
    Framework(
        label=_PA,
        roots=("praisonaiagents", "praisonai", "praisonai_tools"),
        decorators=(Decorator("tool", "praisonai.tool_decorator", receiver=None),),
        tool_base_classes=("BaseTool",),
        class_style="praisonai.BaseTool_subclass",
        builtin_instances=BUILTINS,
        handoff_naming="spaces",
        # praisonaiagents.lite.LiteAgent keeps tools= for the caller's own execute_tool(name):
        # chat() only sends llm_fn(messages), so the model is never told of them
        not_tool_lists=("LiteAgent",),
        file_hooks=(_file,),
    ),
)
