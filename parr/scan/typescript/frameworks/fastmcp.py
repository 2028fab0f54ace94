"""FastMCP for TypeScript (`fastmcp`): server.addTool({ name, description, parameters?, execute }), addTools([...]).

FastMCP (punkpeye/fastmcp, `new FastMCP({...})` or `EdgeFastMCP`) registers one tool per definition object.
`parameters` is any Standard Schema (Zod, ArkType, Valibot); a tool without it is listed with an empty input
schema, so it takes no parameters (not free-form input). `canAccess`/`authenticate` only decide who sees the
tool. Files of the framework's own repository import it relatively, so a receiver named like a server is
enough where the file does not import the package.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tree_sitter import Node

from parr.scan.typescript.frameworks.spec import FrameworkSpec, Registration
from parr.scan.typescript.nodes import text, unwrap

if TYPE_CHECKING:  # pragma: no cover
    from parr.scan.typescript.detect import Detector

STYLE = "fastmcp_ts.addTool"


def add_tool(det: Detector, call: Node, args: list[Node]) -> None:
    """server.addTool({ name, description, parameters?, execute, annotations? })."""
    if args:
        _definition(det, call, args[0])


def add_tools(det: Detector, call: Node, args: list[Node]) -> None:
    """server.addTools([{...}, {...}]): each element as addTool's."""
    value = det.ctx.value_node(args[0]) if args else None
    if value is None or value.type != "array":
        if args:
            det._unread(call, "tools made by a call parr cannot read", f"addTools({text(args[0])[:60]})")
        return
    for el in value.named_children:
        if el.type != "comment":
            _definition(det, call, el)


def _definition(det: Detector, call: Node, arg: Node) -> None:
    cfg, entries = det._config(arg)
    if cfg is None:
        if unwrap(arg) is not None and unwrap(arg).type in ("identifier", "member_expression"):
            det._unread(call, "tool name made at run time", f"addTool({text(arg)[:60]})")
        return
    if det.ctx.is_claimed(cfg) or "execute" not in entries:
        return
    name_node = det._entry(entries, "name")
    names = det._names(name_node) if name_node is not None else []
    if not names:
        det._unread(call, "tool name made at run time", f"addTool({{ name: {text(name_node)[:60] if name_node else '?'} }})")
        return
    det.ctx.claim(cfg)
    handler = det._handler(det._entry(entries, "execute"))
    schema_node = det._entry(entries, "parameters")
    info = det._schema_of(schema_node)
    eff = det._effects_of(handler)
    # no `parameters`: FastMCP lists the tool with an empty input schema
    typed, tev = det._typed(info, handler, eff, no_schema_means_no_params=True)
    typed, tev = det._spread_evidence(cfg, info, typed, tev)
    desc, dref = det._description(det._entry(entries, "description"))
    det._emit(node=cfg, name=names, framework="fastmcp", style=STYLE,
              schema=info.kind if info.declared else "none", typed=typed, typed_evidence=tev,
              description=desc, description_ref=dref, handler=handler, eff=eff, gates=det._gates(entries, eff),
              annotations=det._annotations(det._entry(entries, "annotations")),
              definition=det._definition_ref(cfg, None, info))


SPEC = FrameworkSpec(
    id="fastmcp",
    packages=("fastmcp",),
    registrations=(
        Registration("addTool", STYLE, hook=add_tool, receiver=re.compile(r"server|mcp", re.I)),
        Registration("addTools", STYLE, hook=add_tools, receiver=re.compile(r"server|mcp", re.I)),
    ),
)
