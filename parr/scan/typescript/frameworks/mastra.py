"""Mastra (`@mastra/*`): createTool({ id, description, inputSchema, execute })."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from parr.scan.typescript.frameworks import agent_kit, voltagent
from parr.scan.typescript.frameworks.spec import Factory, FrameworkSpec

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
                       schema_keys=("parameters", "inputSchema"), named_by_place=True,
                       hook=lambda det, call, args, fw, fname: create_tool(det, call, args, fw), read_for=("*",)),),
)
