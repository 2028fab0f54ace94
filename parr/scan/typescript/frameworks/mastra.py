"""Mastra (`@mastra/*`): createTool({ id, description, inputSchema, execute }), and the tools it gives an agent
itself: `agent-<key>` for each sub-agent and `workflow-<key>` for each workflow of its config, and the
working-memory tool of a Memory with working memory enabled (frameworks/agent_builtins.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from parr.scan.typescript.frameworks import agent_builtins, agent_kit, imported, voltagent
from parr.scan.typescript.frameworks.spec import Factory, FrameworkSpec
from parr.scan.typescript.nodes import args_of, entry_value, one_line, property_key, text, unwrap
from parr.scan.typescript.schema import analyze_schema

if TYPE_CHECKING:
    from parr.scan.typescript.detect import Detector


def create_tool(det: Detector, call: Node, args: list[Node], fw: str | None, style: str | None = None) -> None:
    """Mastra's, VoltAgent's or AgentKit's createTool / new Tool: the same config, told apart by the import
    or, from a project re-export, by shape (Mastra names tools by `id`, AgentKit's body is `handler`)."""
    cfg, entries = det._config(args[0]) if args else (None, {})
    if cfg is None:
        return
    if fw not in ("mastra", "voltagent", agent_kit.SPEC.id):
        if "handler" in entries and "execute" not in entries:
            fw = agent_kit.SPEC.id
        else:
            fw = "mastra" if "id" in entries and "name" not in entries else "voltagent"
    family = {"mastra": SPEC, agent_kit.SPEC.id: agent_kit.SPEC}.get(fw, voltagent.SPEC)
    det._factory_tool(call, args, family, family.factory("Tool" if style == "voltagent.Tool" else "createTool"))

SPEC = FrameworkSpec(
    id="mastra",
    prefixes=("@mastra/",),
    # createTool imported from anywhere is read here (told apart from VoltAgent's by the import or by shape).
    factories=(Factory("createTool", "mastra.createTool", name_keys=("id", "name"),
                       schema_keys=("parameters", "inputSchema"), named_by_place=True, key_outranks_name=True,
                       hook=lambda det, call, args, fw, fname: create_tool(det, call, args, fw), read_for=("*",)),),
    file_reader=lambda det: read_file(det),
)


def _agent(det: Detector, new: Node) -> None:
    """new Agent({ agents: { researcher }, workflows: { publish } }): each one a tool named after its key."""
    args = args_of(new)
    _, entries = det._config(args[0]) if args else (None, {})
    for key, prefix in agent_builtins.MASTRA_PREFIXES.items():
        if key not in entries:
            continue
        value = det.ctx.value_node(det._entry(entries, key))
        if value is None or value.type != "object":
            det._unread(entries[key], f"Mastra {key} given by code parr cannot read", one_line(entries[key], 80))
            continue
        for el in value.named_children:
            name = text(el) if el.type == "shorthand_property_identifier" else property_key(el) if el.type == "pair" \
                else None
            if el.type == "spread_element" or name is None:
                det._unread(el, f"Mastra {key} given by code parr cannot read", one_line(el, 80))
                continue
            if key == "agents":
                voltagent.builtin(det, el, prefix + name, None, False, SPEC.id, "mastra.agent_tool")
            else:  # the workflow's steps are its effects (not followed): its name speaks for it
                det._emit(node=el, name=prefix + name, framework=SPEC.id, style="mastra.workflow_tool",
                          schema="framework_defined", typed=False,
                          typed_evidence=["input schema of a workflow parr does not read"])


def _memory(det: Detector, new: Node) -> None:
    """new Memory({ options: { workingMemory: { enabled: true } } }): its agents get `updateWorkingMemory`
    (`setWorkingMemory` with `useStateSignals: true`)."""
    args = args_of(new)
    _, entries = det._config(args[0]) if args else (None, {})
    _, options = det._config(det._entry(entries, "options"))
    _, wm = det._config(det._entry(options, "workingMemory"))
    if not wm or text(det._entry(wm, "enabled")) != "true" or text(det._entry(options, "readOnly")) == "true" \
            or text(det._entry(wm, "agentManaged")) == "false":
        return  # no working memory, or one the agent may not write (Memory.listTools)
    key = "workingMemory.useStateSignals" if text(det._entry(wm, "useStateSignals")) == "true" else "workingMemory"
    # With a `schema`, the tool's input is `{ memory: <that schema> }` (@mastra/memory updateWorkingMemoryTool):
    # typed as that schema is; one parr cannot read leaves it untyped.
    schema_node = det._entry(wm, "schema")
    info = analyze_schema(det.ctx, schema_node) if schema_node is not None else None
    why = None
    if info is not None and info.typed is not True:
        why = (info.evidence[0] if info.evidence else "working-memory schema parr cannot read")
    for name, mutating, typed in agent_builtins.MASTRA[key]:
        voltagent.builtin(det, unwrap(entry_value(options["workingMemory"])) or new, name, mutating,
                          typed and why is None, SPEC.id, "mastra.builtin", typed_evidence=why)


def read_file(det: Detector) -> None:
    """The sub-agents, workflows, working memories and MCP clients of a file that imports Mastra."""
    for new, cls in imported.constructions(det, SPEC, {"Agent", "Memory"}):
        (_agent if cls == "Agent" else _memory)(det, new)
    if b"MCP" in det.ctx.source:
        voltagent.mcp_sites(det, SPEC)
