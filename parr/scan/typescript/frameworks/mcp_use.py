"""mcp-use (`mcp-use`, `mcp-use/react`): MCPServer.tool({ name, ... }, callback) and MCP Apps view tools.

The server's `server.tool(definition, callback)` is read with MCP's registrations (mcp.py `definition_tool`:
a definition whose `visibility: "app"` is the view's helper, hidden from the model). A view (`views/<name>/
view.tsx`, an MCP Apps iframe) registers tools of its own with the host through `useViewTool(definition,
handler)`; the model calls them while the view is open. A handler that only sets the view's React state
changes what the page shows, nothing in the world (copilotkit's rule for frontend actions).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from parr.scan.typescript import framework_state
from parr.scan.typescript.frameworks import imported
from parr.scan.typescript.frameworks.copilotkit import UI_STATE, _setters
from parr.scan.typescript.frameworks.spec import FrameworkSpec
from parr.scan.typescript.nodes import args_of, one_line

if TYPE_CHECKING:  # pragma: no cover
    from parr.scan.typescript.detect import Detector

FRAMEWORK = "mcp-use"
_VIEW_TOOL_HOOKS = frozenset({"useViewTool"})


def _view_tool(det: Detector, call: Node) -> None:
    """useViewTool(definition, handler): the definition object (here or a constant of this file)."""
    args = args_of(call)
    cfg, entries = det._config(args[0]) if args else (None, {})
    if cfg is None:
        if args:
            det._unread(call, "mcp-use view tool defined where parr cannot read it", one_line(call, 80))
        return
    det.ctx.claim(cfg)
    det.ctx.claim(call)
    names = det._names(det._entry(entries, "name"))
    if not names:
        det._unread(call, "tool name made at run time", one_line(call, 80))
        return
    handler = det._handler(args[1]) if len(args) >= 2 else None
    info = det._schema_of(det._entry(entries, "inputSchema", "schema"))
    eff = det._effects_of(handler)
    typed, tev = det._typed(info, handler, eff, no_schema_means_no_params=True)
    desc, dref = det._description(det._entry(entries, "description"))
    cand = det._emit(node=call, name=names[0] if len(names) == 1 else names, framework=FRAMEWORK,
                     style="mcp_use.useViewTool", schema=info.kind if info.declared else "none", typed=typed,
                     typed_evidence=tev, description=desc, description_ref=dref, handler=handler, eff=eff,
                     gates=det._gates(entries, eff), annotations=det._annotations(det._entry(entries, "annotations")))
    helpers: list = []
    if handler is not None and not eff.strong and not eff.medium and framework_state.only_ui_state(
            det.ctx, handler, _setters(det), helpers):
        if helpers:
            cand["state_only_if"] = {"why": UI_STATE, "calls": helpers[:10]}
        else:
            cand["state_only"] = UI_STATE


def read_file(det: Detector) -> None:
    """Every useViewTool call of a file importing mcp-use."""
    for call, _ in imported.calls(det, SPEC, _VIEW_TOOL_HOOKS):
        _view_tool(det, call)


SPEC = FrameworkSpec(
    id=FRAMEWORK,
    packages=("mcp-use",),
    prefixes=("mcp-use/",),
    file_reader=read_file,
)
