"""LangGraph and its multi-agent packages: the hand-off tools of langgraph-swarm and langgraph-supervisor."""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _const_str, _kw
from parr.scan.python.frameworks.spec import Builtin, Framework

_LG = "langgraph"
_STYLE = "langgraph.handoff"
# Read from langgraph-swarm 0.1.0 and langgraph-supervisor 0.0.31 (langgraph_*/handoff.py):
# create_handoff_tool(*, agent_name, name=None, description=None) makes `@tool(name)` with
# name = f"transfer_to_{_normalize_agent_name(agent_name)}" when none is given; the tool's only
# parameters are the injected state and tool-call id, so the model fills in nothing.
# create_supervisor(agents, tools=None, handoff_tool_prefix=None) adds one such tool per agent,
# named from each agent's `name` (f"{prefix}{normalized}" with a prefix), unless `tools` already
# holds hand-off tools (then those are all there is). create_forward_message_tool() makes the
# supervisor's `forward_message(from_agent: str)`, which repeats a worker's message to the user.
_FORWARD = Builtin(_LG, "forward_message", (), False, True, "framework_defined",
                   description="Forwards the latest message from the specified agent to the user without any changes.")
_HANDOFF_MAKERS = frozenset({"create_handoff_tool"})
# Calls that build a LangGraph agent and take its name as `name=` (a supervisor refuses an agent
# without one): the agents a supervisor hands off to.
_AGENT_BUILDERS = frozenset({"create_react_agent", "create_agent", "compile", "create_deep_agent", "create_supervisor",
                             "create_swarm", "with_config"})


def _handoff_cand(ex, node: ast.Call, scope, name, ref, naming: str, description=None) -> None:
    from parr.scan.python import catalog  # catalog reads this package's tables: import it once they exist

    ex.new_cand(name=catalog.handoff_tool_name(name, naming) if name is not None else None, name_ref=ref,
                line=node.lineno, framework=_LG, style=_STYLE, schema="framework_defined", typed=True,
                description=description, flags=("handoff",),
                normalize=("handoff_" + naming) if ref else None, extra={"no_params": True})


def _handoff_tool(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """create_handoff_tool(agent_name="hotel_assistant"): the model sees `transfer_to_hotel_assistant`
    (or the `name=` given)."""
    if fw_q != _LG:
        return False
    desc = _const_str(_kw(node, "description"))
    named = _kw(node, "name")
    if named is not None and not (isinstance(named, ast.Constant) and named.value is None):
        n, r = ex.name_of(named, scope)
        if n is None and r is None:
            ex.unresolved_site(node, "", node.lineno, "hand-off tool name made at run time")
            return True
        ex.new_cand(name=n, name_ref=r, line=node.lineno, framework=_LG, style=_STYLE, schema="framework_defined",
                    typed=True, description=desc, flags=("handoff",), extra={"no_params": True})
        return True
    agent = _kw(node, "agent_name")
    n, r = ex.str_of(agent, scope) if agent is not None else (None, None)
    if n is None and r is None:
        ex.unresolved_site(node, "", node.lineno, "hand-off to an agent whose name parr cannot read")
        return True
    _handoff_cand(ex, node, scope, n, r, "langgraph", desc or (f"Ask agent '{n}' for help" if n else None))
    return True


def _forward_tool(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """create_forward_message_tool("supervisor"): the supervisor's forward_message tool."""
    if fw_q != _LG:
        return False
    ex.builtin_cand(_FORWARD, node.lineno, "builtin_tool")
    return True


def _agent_name(ex, e, scope, depth: int = 0):
    """(name, ref) of a LangGraph agent: create_react_agent(..., name="x") here or bound to a name,
    `graph.compile(name="x")`, or an agent imported from another module."""
    if depth > 4:
        return None, None
    if isinstance(e, ast.Name):
        v, vscope = ex.lookup(scope, e.id)
        if isinstance(v, ast.Call):
            return _agent_name(ex, v, vscope, depth + 1)
    if isinstance(e, ast.Call) and (ex.dotted(e.func) or "").rsplit(".", 1)[-1] in _AGENT_BUILDERS:
        named = _kw(e, "name")
        if named is None:
            return None, None
        return ex.str_of(named, scope)
    return ex._agent_name(e, scope)


def _is_handoff_maker(ex, e, scope) -> bool:
    if isinstance(e, ast.Name):
        v, _ = ex.lookup(scope, e.id)
        e = v if isinstance(v, ast.Call) else e
    return isinstance(e, ast.Call) and (ex.dotted(e.func) or "").rsplit(".", 1)[-1] in _HANDOFF_MAKERS


def _supervisor(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """create_supervisor([research_agent, math_agent], model=...): one hand-off tool per agent, named
    from the agent's name, unless tools= already holds hand-off tools."""
    if fw_q != _LG:
        return False
    tools = ex.list_elements(_kw(node, "tools"), scope) or []
    if any(_is_handoff_maker(ex, t, s) for t, s in tools):
        return False  # the project's own hand-off tools, read where they are made
    prefix_e = _kw(node, "handoff_tool_prefix")
    naming = "langgraph"
    if prefix_e is not None and not (isinstance(prefix_e, ast.Constant) and prefix_e.value is None):
        prefix, _ = ex.str_of(prefix_e, scope)
        if prefix is None:
            ex.unresolved_site(node, "", node.lineno, "hand-off tool name prefix parr cannot read")
            return False
        naming = "langgraph:" + prefix
    agents_e = _kw(node, "agents") or (node.args[0] if node.args else None)
    agents = ex.list_elements(agents_e, scope)
    if agents is None:
        ex.unresolved_site(node, "", node.lineno, "supervisor's agents parr cannot read: one hand-off tool each")
        return False
    for a, ascope in agents:
        n, r = _agent_name(ex, a, ascope)
        if n is None and r is None:
            ex.unresolved_site(a, "", getattr(a, "lineno", node.lineno),
                               "hand-off to an agent whose name parr cannot read")
            continue
        _handoff_cand(ex, node, scope, n, r, naming)
    return False  # its tools= is read as every call's is


FRAMEWORKS = (
    # LangGraph's prebuilt agents take LangChain tools; its tools are reported as LangChain's.
    # A LangGraph tool answering Command(update={...}) updates the graph state, in the run's memory
    # (a checkpointer persists it, as it persists every step).
    Framework(label=_LG, roots=("langgraph", "langgraph_swarm", "langgraph_supervisor"), style_prefix=_LG,
              state_params=("InjectedState",), reply_classes=("Command",),
              call_hooks={"create_handoff_tool": (_handoff_tool,), "create_forward_message_tool": (_forward_tool,),
                          "create_supervisor": (_supervisor,)}),
)
