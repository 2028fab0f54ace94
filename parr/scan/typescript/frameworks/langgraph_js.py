"""LangGraph.js multi-agent hand-offs (`@langchain/langgraph-swarm`, `@langchain/langgraph-supervisor`).

Both packages make hand-off tools with `createHandoffTool({ agentName, description })`: a LangChain
`tool()` named `transfer_to_` + the agent name trimmed, its whitespace runs turned to `_` and lower-cased
(`_normalizeAgentName` in each package's handoff.ts), with an empty schema (`z.object({})`) and a body
that only returns a `Command` moving control to that agent. `createSupervisor({ agents, tools })` binds,
besides its own `tools`, one such hand-off per agent, named from each agent's `name`
(`createReactAgent({ name })` or `graph.compile({ name })`; supervisor.ts throws without one).
`createSwarm({ agents })` adds no tool: a swarm's hand-offs are the ones in its agents' tools.
A hand-off changes no state outside the graph, so it is not mutating.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from tree_sitter import Node

from parr.scan.typescript import effects as fx
from parr.scan.typescript.frameworks.spec import Factory, FrameworkSpec
from parr.scan.typescript.nodes import args_of, captures, entry_value, member_chain, object_entries, text, unwrap

if TYPE_CHECKING:  # pragma: no cover
    from parr.scan.typescript.detect import Detector

_ID = "langgraph-js"
_STYLE = "langgraph_js.handoff"
_WHITESPACE = re.compile(r"\s+")


def handoff_name(agent: str) -> str:
    """`transfer_to_${_normalizeAgentName(agentName)}` of both packages' handoff.ts."""
    return "transfer_to_" + _WHITESPACE.sub("_", agent.strip()).lower()


def _emit(det: Detector, at: Node, agent: Any, description: Node | None) -> None:
    names = [handoff_name(a) for a in (agent if isinstance(agent, list) else [agent]) if isinstance(a, str)]
    if not names:
        det._unread(at, "hand-off to an agent parr could not read")
        return
    desc, dref = det._description(description) if description is not None else (None, None)
    cand = det._emit(node=at, name=names if len(names) > 1 else names[0], framework=_ID, style=_STYLE,
                     schema="framework_defined", typed=True, typed_evidence=["no parameters"],
                     description=desc, description_ref=dref, eff=fx.Effects())
    cand["handoff"] = True


def create_handoff_tool(det: Detector, call: Node, args: list[Node]) -> None:
    """createHandoffTool({ agentName, description }): one `transfer_to_<agent>` tool."""
    cfg, entries = det._config(args[0]) if args else (None, {})
    if cfg is None:
        det._unread(call, "hand-off to an agent parr could not read")
        return
    det.ctx.claim(cfg)
    node = det._entry(entries, "agentName")
    agent = det._names(node) if node is not None else None  # a literal, a const, or the strings callers pass
    if not agent:
        det.ctx.claim(call)  # one site for it, not a second one from the tools list holding it
        det._unread(call, "hand-off to an agent parr could not read")
        return
    _emit(det, call, agent, det._entry(entries, "description"))


def _graph_name(det: Detector, node: Node | None) -> Any:
    """The `name` of `createReactAgent({ name })` (or any `*Agent({ name })`), or of `graph.compile({ name })`."""
    name = det._agent_name(node)
    if name is not None:
        return name
    value = det.ctx.value_node(node)
    if value is None or value.type != "call_expression":
        return None
    chain = member_chain(unwrap(value.child_by_field_name("function")))
    if not chain or chain[-1] != "compile":
        return None
    a = args_of(value)
    cfg = det.ctx.value_node(a[0]) if a else None
    entry = object_entries(cfg).get("name") if cfg is not None and cfg.type == "object" else None
    v = entry_value(entry) if entry is not None else None
    return det.ctx.string_value(v) if v is not None else None


def create_supervisor(det: Detector, call: Node, args: list[Node]) -> None:
    """createSupervisor({ agents: [...] }): a `transfer_to_<agent.name>` tool per agent."""
    _, entries = det._config(args[0]) if args else (None, {})
    agents = det._entry(entries, "agents")
    elements = det._spread_array(agents) if agents is not None else None
    if elements is None:
        det._unread(agents if agents is not None else call, "hand-offs to agents parr could not read",
                    f"{text(call)[:70]} (createSupervisor agents)")
        return
    for el in elements:
        name = _graph_name(det, el)
        ref = det._import_ref(el) if not isinstance(name, str) else None
        if ref is not None:
            # an agent another file of the project exports: named when the project is resolved (scanner)
            cand = det._emit(node=el, name=None, framework=_ID, style=_STYLE, schema="framework_defined", typed=True,
                             typed_evidence=["no parameters"], eff=fx.Effects())
            cand["handoff"] = True
            cand["agent_ref"] = ref
            continue
        if not isinstance(name, str):
            det._unread(el, "hand-off to an agent parr could not read", f"{text(el)[:70]} in createSupervisor agents")
            continue
        value = det.ctx.value_node(el)
        desc = None
        if value is not None and value.type in ("call_expression", "new_expression"):
            a = args_of(value)
            cfg = det.ctx.value_node(a[0]) if a else None
            if cfg is not None and cfg.type == "object":
                entry = object_entries(cfg).get("description")
                desc = entry_value(entry) if entry is not None else None
        _emit(det, el, name, desc)


def supervisors(det: Detector) -> None:
    """Each call of `createSupervisor` imported from this family (the tool-call query does not match it)."""
    ctx = det.ctx
    local = sorted(name for name, (module, imported) in ctx.imports.items()
                   if imported == "createSupervisor" and SPEC.owns(module or ""))
    if not local:
        return
    names = " ".join(f'"{n}"' for n in local)
    q = f"(call_expression function: (identifier) @f (#any-of? @f {names})) @c"
    for call in captures(ctx.grammar, ctx.root, q, "c", 1 << 12):
        create_supervisor(det, call, args_of(call))


SPEC = FrameworkSpec(
    id=_ID,
    packages=("@langchain/langgraph-swarm", "@langchain/langgraph-supervisor"),
    factories=(
        Factory("createHandoffTool", _STYLE, name_keys=("agentName",), handler_keys=(),
                hook=lambda det, call, args, fw, fname: create_handoff_tool(det, call, args)),
    ),
    file_reader=lambda det: supervisors(det),
    context_keys=("tools",),
)
