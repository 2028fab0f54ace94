"""LlamaIndex.TS (`llamaindex`, `@llamaindex/*`): tool({ name, description, parameters, execute }) and its kin.

What the model sees (packages/core/src/tools/function-tool.ts, llamaindex/src/tools/QueryEngineTool.ts,
workflow/src/agent/agent-workflow.ts of run-llama/LlamaIndexTS): `tool` is `FunctionTool.from`, which takes a
config with `execute`, or a function and a config `{ name, description, parameters }` (a zod or JSON schema);
`new FunctionTool(fn, config)` likewise. A query engine tool is named by its `metadata.name`, else
`query_engine_tool` (`new QueryEngineTool({ queryEngine, metadata })`, `index.queryTool(...)` and
`asQueryTool`), its input one `query` string. An agent of a multi-agent workflow with `canHandoffTo` gets the
`handOff` tool (createHandoffTool): a hand-off to another agent. The factories of @llamaindex/tools (`wiki()`,
`interpreter({...})`) return one built-in tool each: data generated from the package (llamaindex_builtins.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from parr.scan.typescript.frameworks import imported, llamaindex_builtins
from parr.scan.typescript.frameworks.spec import Factory, FrameworkSpec
from parr.scan.typescript.nodes import args_of, captures, text, unwrap

if TYPE_CHECKING:  # pragma: no cover
    from parr.scan.typescript.detect import Detector

_QUERY_DEFAULT = "query_engine_tool"


def _function_tool(det: Detector, call: Node, args: list[Node], style: str) -> None:
    """tool({ name, description, parameters, execute }) or tool(fn, { name, description, parameters })."""
    if not args:
        return
    with_fn = len(args) >= 2
    cfg, entries = det._config(args[1] if with_fn else args[0])
    if cfg is None or "name" not in entries:
        return
    name = det._names(det._entry(entries, "name")) or None
    if name is None:
        det._unread(call, "tool name made at run time")
        return
    det.ctx.claim(cfg)
    handler = det._handler(args[0] if with_fn else det._entry(entries, "execute"))
    info, eff, typed, tev, desc, dref = det._read_definition(
        cfg, det._entry(entries, "parameters"), handler, det._entry(entries, "description"))
    one = name[0] if len(name) == 1 else name
    det._emit(node=call, name=one, framework=SPEC.id, style=style, schema=info.kind if info.declared else "none",
              typed=typed, typed_evidence=tev, description=desc, description_ref=dref, handler=handler, eff=eff,
              gates=det._gates(entries, eff))


def _query_tool(det: Detector, call: Node, config: Node | None) -> None:
    """A query engine tool: `metadata.name` or query_engine_tool; the model writes one query string."""
    _, entries = det._config(config) if config is not None else (None, {})
    _, meta = det._config(det._entry(entries, "metadata"))
    name_node = det._entry(meta, "name")
    name = (det._names(name_node) or None) if name_node is not None else [_QUERY_DEFAULT]
    if name is None:
        det._unread(call, "tool name made at run time")
        return
    desc, dref = det._description(det._entry(meta, "description"))
    det._emit(node=call, name=name[0] if len(name) == 1 else name, framework=SPEC.id, style="llamaindex_ts.query_tool",
              schema="framework_defined", typed=True, description=desc, description_ref=dref, kind_mutating=False)


def _builtins(det: Detector) -> None:
    """wiki(), weather(), interpreter({...}) ... imported from @llamaindex/tools: the tool each factory returns
    (llamaindex_builtins.py, from the package); mcp(...) and getOpenAPIActionTools(...) list theirs at run time."""
    names = set(llamaindex_builtins.FACTORIES) | set(llamaindex_builtins.RUNTIME)
    for call, fname in imported.calls(det, SPEC, names):
        if fname in llamaindex_builtins.RUNTIME:
            det._unread(call, "tools listed at run time by an MCP server or an OpenAPI spec", text(call)[:100])
        else:
            name, mutating, typed = llamaindex_builtins.FACTORIES[fname]
            det._emit(node=call, name=name, framework=SPEC.id, style="llamaindex_ts.builtin",
                      schema="framework_defined", typed=typed,
                      typed_evidence=[] if typed else ["model-written code is executed"], kind_mutating=mutating)
        det.ctx.claim(call)  # read here: not again as a call parr cannot read where a tools list holds it


def read_file(det: Detector) -> None:
    """FunctionTool.from / new FunctionTool / query engine tools / hand-offs in a file that imports LlamaIndex.TS."""
    locals_ = {local for local, (module, name) in det.ctx.imports.items()
               if module and name == "FunctionTool" and SPEC.owns(module)}
    if locals_:
        listed = " ".join(f'"{n}"' for n in sorted(locals_))
        q = ("(call_expression function: (member_expression object: (identifier) @o property: (property_identifier) @p)"
             f" (#any-of? @o {listed}) (#eq? @p \"from\")) @c")
        for call in captures(det.ctx.grammar, det.ctx.root, q, "c", 1 << 12):
            _function_tool(det, call, args_of(call), "llamaindex_ts.tool")
    _builtins(det)
    for new, cls in imported.constructions(det, SPEC, {"FunctionTool", "QueryEngineTool"}):
        if cls == "FunctionTool":
            args = args_of(new)
            if len(args) >= 2:
                _function_tool(det, new, args, "llamaindex_ts.tool")
        else:
            args = args_of(new)
            _query_tool(det, new, args[0] if args else None)
    if b"ueryTool(" in det.ctx.source:
        q = ("(call_expression function: (member_expression property: (property_identifier) @p"
             " (#any-of? @p \"queryTool\" \"asQueryTool\"))) @c")
        for call in captures(det.ctx.grammar, det.ctx.root, q, "c", 1 << 12):
            args = args_of(call)
            _query_tool(det, call, args[0] if args else None)
    if b"canHandoffTo" in det.ctx.source:
        for call, _ in imported.calls(det, SPEC, {"agent"}):
            args = args_of(call)
            _, entries = det._config(args[0]) if args else (None, {})
            targets = unwrap(det._entry(entries, "canHandoffTo"))
            if targets is None or (targets.type == "array" and not targets.named_children):
                continue
            cand = det._emit(node=call, name="handOff", framework=SPEC.id, style="llamaindex_ts.handoff",
                             schema="framework_defined", typed=True,
                             description=f"hand off to {text(targets)[:80]}")
            cand["handoff"] = True


SPEC = FrameworkSpec(
    id="llamaindex-ts",
    packages=("llamaindex",),
    prefixes=("llamaindex/", "@llamaindex/"),
    factories=(Factory("tool", "llamaindex_ts.tool", name_keys=("name",), schema_keys=("parameters",),
                       hook=lambda det, call, args, fw, fname: _function_tool(det, call, args, "llamaindex_ts.tool")),),
    context_keys=("tools",),
    file_reader=read_file,
)
