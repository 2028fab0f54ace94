"""VoltAgent (`@voltagent/*`): createTool({ name, description, parameters, execute }), new Tool(...), and the tools
it gives an agent itself: createReasoningTools, `delegate_task` for sub-agents, working-memory tools."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from parr.scan.typescript import effects as fx
from parr.scan.typescript.frameworks import agent_builtins, imported
from parr.scan.typescript.frameworks.spec import Factory, FrameworkSpec
from parr.scan.typescript.nodes import args_of, captures, member_chain, one_line, text, unwrap

if TYPE_CHECKING:
    from parr.scan.typescript.detect import Detector


def _mastra():
    """mastra's module, which reads VoltAgent's config too (it imports this one)."""
    from parr.scan.typescript.frameworks import mastra

    return mastra

SPEC = FrameworkSpec(
    id="voltagent",
    prefixes=("@voltagent/",),
    factories=(
        Factory("createTool", "voltagent.createTool", name_keys=("name", "id"), schema_keys=("parameters", "inputSchema"),
                named_by_place=True),
        Factory("Tool", "voltagent.Tool", name_keys=("name", "id"), schema_keys=("parameters", "inputSchema"),
                named_by_place=True,
                hook=lambda det, new, args, fw, cls: _mastra().create_tool(det, new, args, "voltagent", style="voltagent.Tool")),
    ),
    file_reader=lambda det: read_file(det),
)


# -- tools VoltAgent gives an agent itself (frameworks/agent_builtins.py) --------------------------------------
SUB_AGENT_PROMPT = "free-form prompt string to a sub-agent"


def builtin(det: Detector, node: Node, name: str, mutating: bool | None, typed: bool, framework: str, style: str,
            typed_evidence: str | None = None) -> None:
    """One tool the framework defines: read-only as data says, changing state (the agent's memory), or, for a
    sub-agent's tool (None), what its name says: the sub-agent's own tools are reported where they are made."""
    eff = fx.Effects()
    if mutating:
        eff.add_strong("built-in tool writes the agent's memory")
    det._emit(node=node, name=name, framework=framework, style=style, schema="framework_defined", typed=typed,
              typed_evidence=[] if typed else [typed_evidence or SUB_AGENT_PROMPT], eff=eff,
              kind_mutating=False if mutating is False else None)


def _reasoning(det: Detector, call: Node) -> None:
    """createReasoningTools({ think, analyze }): a toolkit of the enabled ones, a tool once given to a model."""
    args = args_of(call)
    _, entries = det._config(args[0]) if args else (None, {})
    tools = [t for t in agent_builtins.VOLTAGENT["createReasoningTools"]
             if text(det._entry(entries, t[0])) != "false"]
    det.ctx.claim(call)
    det.pending_builtins[call.id] = (call, lambda: [builtin(det, call, n, m, t, SPEC.id, "voltagent.builtin")
                                                    for n, m, t in tools])


def _agent(det: Detector, new: Node) -> None:
    """new Agent({ subAgents: [...] }): the model delegates through one `delegate_task` tool."""
    args = args_of(new)
    _, entries = det._config(args[0]) if args else (None, {})
    value = det._entry(entries, "subAgents")
    resolved = det.ctx.value_node(value) if value is not None else None
    if value is None or (resolved is not None and resolved.type == "array" and not resolved.named_children):
        return
    for n, _, t in agent_builtins.VOLTAGENT["subAgents"]:
        builtin(det, entries["subAgents"], n, None, t, SPEC.id, "voltagent.builtin")


def _memory(det: Detector, new: Node) -> None:
    """new Memory({ workingMemory: { enabled: true } }): the agents using it get its working-memory tools."""
    args = args_of(new)
    _, entries = det._config(args[0]) if args else (None, {})
    _, wm = det._config(det._entry(entries, "workingMemory"))
    if not wm or text(det._entry(wm, "enabled")) != "true":
        return
    for n, m, t in agent_builtins.VOLTAGENT["workingMemory"]:
        builtin(det, entries["workingMemory"], n, m, t, SPEC.id, "voltagent.builtin")


def _retriever_name(det: Detector, instance: Node | None) -> str | None:
    """The tool name a retriever instance gives its `tool`: `toolName` of its constructor's options, or the
    default; None when parr cannot tell (options or a class it cannot read set it)."""
    new = det.ctx.value_node(instance) if instance is not None else None
    if new is None or new.type != "new_expression":
        return None
    default = agent_builtins.VOLTAGENT["retriever"][0][0]
    args = args_of(new)
    cfg, entries = det._config(args[0]) if args else (None, {})
    if args and cfg is None:
        return None
    if "toolName" in entries:
        name = det.ctx.string_value(det._entry(entries, "toolName"))
        return name if isinstance(name, str) else None
    ctor = new.child_by_field_name("constructor")
    b = det.ctx.lookup(ctor, text(ctor)) if ctor is not None else None
    if b is not None and b.kind == "class" and b"toolName" in (b.node.text if b.node is not None else b""):
        return None  # the class sets its own (super({ toolName })): not read here
    return default


def _retriever_tools(det: Detector) -> None:
    """`tools: [retriever.tool]` with `retriever = new MyRetriever(...)`: the retriever's search tool."""
    q = ('(pair key: (property_identifier) @k (#eq? @k "tools") value: (array (member_expression object: '
         '(identifier) @o property: (property_identifier) @p (#eq? @p "tool")) @m))')
    for member in captures(det.ctx.grammar, det.ctx.root, q, "m", 1 << 12):
        obj = member.child_by_field_name("object")
        b = det.ctx.lookup(obj, text(obj))
        if b is None or b.kind != "var":
            continue
        name = _retriever_name(det, b.node)
        value = det.ctx.value_node(b.node)
        if value is None or value.type != "new_expression":
            continue
        det.ctx.claim(member)
        if name is None:
            det._unread(member, "retriever tool named by code parr cannot read", one_line(member, 80))
            continue
        for _, mutating, typed in agent_builtins.VOLTAGENT["retriever"]:
            builtin(det, member, name, mutating, typed, SPEC.id, "voltagent.retriever_tool")


# MCP clients of VoltAgent (MCPConfiguration) and Mastra (MCPClient), and the calls that list their servers' tools.
MCP_CLIENTS = frozenset({"MCPConfiguration", "MCPClient"})
_MCP_LISTS = frozenset({"getTools", "getToolsets", "listTools", "listToolsets", "getRawTools"})


def mcp_sites(det: Detector, spec: FrameworkSpec) -> None:
    """`await mcp.getTools()` / `mcp.listTools()` on the family's MCP client: the servers list their tools at run
    time, a site with that reason (the generic reader would call it a call parr cannot read)."""
    clients = imported.instances(det, spec, MCP_CLIENTS)
    if not clients:
        return
    q = "(call_expression function: (member_expression property: (property_identifier) @m)) @c"
    for call in captures(det.ctx.grammar, det.ctx.root, q, "c", 1 << 14):
        chain = member_chain(unwrap(call.child_by_field_name("function")))
        if len(chain) >= 2 and chain[-1] in _MCP_LISTS and chain[-2] in clients and not det.ctx.is_claimed(call):
            det.ctx.claim(call)
            det._unread(call, "tools listed at run time by MCP servers", one_line(call, 80))


def read_file(det: Detector) -> None:
    """The reasoning toolkits, sub-agents, working memories and MCP clients of a file that imports VoltAgent."""
    for call, _ in imported.calls(det, SPEC, {"createReasoningTools"}):
        _reasoning(det, call)
    for new, cls in imported.constructions(det, SPEC, {"Agent", "Memory"}):
        (_agent if cls == "Agent" else _memory)(det, new)
    if b"MCP" in det.ctx.source:
        mcp_sites(det, SPEC)
    if b".tool" in det.ctx.source:
        _retriever_tools(det)
