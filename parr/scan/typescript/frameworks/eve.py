"""Vercel eve (`eve`, `eve/tools`): filesystem-first agents; a tool is the file that default-exports defineTool.

eve discovers `agent/tools/<name>.ts` (and `subagents/<id>/tools/<name>.ts`): the file that default-exports
`defineTool({ description, inputSchema, execute, approval? })` is one tool named after the file (defineTool
takes no name). `defineAgent(...)` in `agent.ts` gives the agent eve's framework tools on top of its own: the
sandbox shell and file tools (bash, read_file, write_file, glob, grep), web_fetch, web_search, todo, ask_question
and, in the root session, `agent` (eve_builtins.py). A file of the agent's tools/ directory
with a framework tool's name replaces it (defineTool) or removes it (disableTool): decided in the project
phase, where every file of the tree is known (scanner.py).
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from tree_sitter import Node

from parr.scan.typescript.frameworks import eve_builtins
from parr.scan.typescript.frameworks.spec import Builtin, Factory, FrameworkSpec
from parr.scan.typescript.nodes import text, unwrap

if TYPE_CHECKING:  # pragma: no cover
    from parr.scan.typescript.detect import Detector

# The framework tools every eve agent gets (eve's runtime/framework-tools, generated from its npm package:
# benchmarks/eve_builtins.py): the sandbox shell and file tools, web_fetch, web_search, todo, ask_question and
# the root session's `agent`.
DEFAULTS: dict[str, Builtin] = {
    name: Builtin(name, mutating=mutating, typed=typed, capabilities=caps)
    for name, (mutating, typed, caps) in eve_builtins.TOOLS.items()
}
_ROOT_ONLY = frozenset({"agent"})
_UNTYPED = {"agent": "a free-form task for a copy of this agent, with its tools"}


def _default_export(call: Node) -> bool:
    parent = call.parent
    while parent is not None and parent.type in ("parenthesized_expression", "as_expression", "satisfies_expression"):
        parent = parent.parent
    return parent is not None and parent.type == "export_statement" and any(c.type == "default" for c in parent.children)


def _stem(path: str) -> str:
    base = posixpath.basename(path)
    return base.split(".", 1)[0]


def define_tool(det: Detector, call: Node, args: list[Node], fw: str | None, fname: str) -> None:
    """`export default defineTool({...})` in a tools/ directory: the tool named after its file."""
    if not _default_export(call) or posixpath.basename(posixpath.dirname(det.ctx.path)) != "tools":
        return  # eve only discovers the default export of a file under tools/
    cfg, entries = det._config(args[0]) if args else (None, {})
    if cfg is None:
        return
    det.ctx.claim(cfg)
    handler = det._handler(det._entry(entries, "execute"))
    schema_node = det._entry(entries, "inputSchema")
    info = det._schema_of(schema_node)
    eff = det._effects_of(handler)
    typed, tev = det._typed(info, handler, eff, no_schema_means_no_params=True)
    desc, dref = det._description(det._entry(entries, "description"))
    gates = det._gates(entries, eff)
    approval = unwrap(det._entry(entries, "approval"))
    if approval is not None and text(approval).replace(" ", "") not in ("never()", "false", "undefined"):
        gates.append("needs_approval")  # approval: always() / once() / a policy function
    det._emit(node=call, name=_stem(det.ctx.path), framework=SPEC.id, style="eve.defineTool",
              schema=info.kind if info.declared else "none", typed=typed, typed_evidence=tev,
              description=desc, description_ref=dref, handler=handler, eff=eff, gates=gates)


def define_agent(det: Detector, call: Node, args: list[Node], fw: str | None, fname: str) -> None:
    """`export default defineAgent({...})` in agent.ts: the framework tools the agent gets."""
    if not _default_export(call) or _stem(det.ctx.path) != "agent":
        return
    home = posixpath.dirname(det.ctx.path)
    for name, builtin in DEFAULTS.items():
        if name in _ROOT_ONLY and "subagents/" in home + "/":
            continue  # a declared subagent gets no `agent` of its own
        cand = det._emit(node=call, name=name, framework=SPEC.id, style="eve.framework_tool",
                         schema="framework_defined", typed=builtin.typed,
                         typed_evidence=[] if builtin.typed else [_UNTYPED.get(name, "model-written shell command is executed")],
                         caps=builtin.capabilities, kind_mutating=builtin.mutating)
        # replaced or disabled by the agent's own tools/<name>.ts (project phase)
        cand["eve_default"] = posixpath.join(home, "tools", name)


SPEC = FrameworkSpec(
    id="eve",
    packages=("eve",),
    prefixes=("eve/",),
    factories=(
        Factory("defineTool", "eve.defineTool", schema_keys=("inputSchema",), hook=define_tool),
        Factory("defineAgent", "eve.framework_tool", handler_keys=(), hook=define_agent),
    ),
)
