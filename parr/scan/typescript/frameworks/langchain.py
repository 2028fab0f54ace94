"""LangChain.js / LangGraph.js (`langchain`, `@langchain/*`): tool(), Dynamic*Tool, Tool subclasses, built-ins."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from parr.scan.typescript import effects as fx
from parr.scan.typescript.frameworks import langchain_builtins
from parr.scan.typescript.frameworks.langchain_builtins import BUILTIN_CLASSES
from parr.scan.typescript.frameworks.spec import Factory, FrameworkSpec
from parr.scan.typescript.nodes import args_of, one_line, text, unwrap
from parr.scan.typescript.schema import SchemaInfo, analyze_schema

if TYPE_CHECKING:
    from parr.scan.typescript.detect import Detector


def tool(det: Detector, call: Node, args: list[Node]) -> None:
    """tool(fn, { name, description, schema }), or the headless tool({ name, description, schema })."""
    if not args:
        return
    # tool(fn, { name, schema }), or the headless overload tool({ name, description, schema })
    # that the client runs (no function here)
    headless = len(args) == 1
    cfg, entries = det._config(args[0] if headless else args[1])
    if cfg is None or (headless and ("name" not in entries or "schema" not in entries)):
        return
    det.ctx.claim(cfg)
    name_node = det._entry(entries, "name")
    name = det.ctx.string_value(name_node) if name_node is not None else None
    handler = None if headless else det._handler(args[0])
    if name is None:
        if handler is not None and handler.child_by_field_name("name") is not None:
            name = text(handler.child_by_field_name("name"))
        else:
            return
    schema_node = det._entry(entries, "schema")
    info = analyze_schema(det.ctx, schema_node) if schema_node is not None else SchemaInfo()
    eff = fx.analyze(det.ctx, handler) if handler is not None else fx.Effects()
    if info.declared:
        typed, tev = det._typed(info, handler, eff)
    else:
        typed, tev = False, ["string input (no schema)"]
    desc, dref = det._description(det._entry(entries, "description"))
    det._emit(node=call, name=name, framework="langchainjs", style="langchain_js.tool",
               schema=info.kind if info.declared else "none", typed=typed, typed_evidence=tev,
               description=desc, description_ref=dref, handler=handler, eff=eff,
               gates=det._gates(entries, eff))


def builtin_class(det: Detector, new: Node) -> None:
    """`new TavilySearchResults({ maxResults: 3 })` with the class imported from LangChain.js's packages:
    the tool its class declares (langchain_builtins), named by its `name` field or the constructor's."""
    ctor = unwrap(new.child_by_field_name("constructor"))
    b = det.ctx.lookup(new, text(ctor)) if ctor is not None else None
    if b is None or b.kind != "import" or not langchain_builtins.owns(b.module):
        return  # a local class of the same name
    builtin = langchain_builtins.BUILTIN_CLASSES[b.imported]
    args = args_of(new)
    _, entries = det._config(args[0]) if args else (None, {})
    given = det._entry(entries, "name")
    name = det.ctx.string_value(given) if given is not None else None
    if not isinstance(name, (str, dict)):
        name = builtin.name or None
    det.ctx.claim(new)  # read here, named or not: a tools list holding it needs no site of its own
    if name is None:
        det._unread(new, "built-in tool class named at run time", one_line(new))
        return
    det._emit(node=new, name=name, framework=SPEC.id, style="langchain_js.builtin_tool",
               schema="framework_defined", typed=builtin.typed,
               typed_evidence=[] if builtin.typed else ["model-written command, query or URL"],
               caps=builtin.capabilities, kind_mutating=builtin.mutating)


SPEC = FrameworkSpec(
    id="langchainjs",
    packages=("langchain",),
    prefixes=("@langchain/", "langchain"),
    factories=(
        # tool(fn, { name, description, schema }), or headless tool({ name, description, schema })
        Factory("tool", "langchain_js.tool", name_keys=("name",), schema_keys=("schema",), handler_keys=(),
                config_arg=1, hook=lambda det, call, args, fw, fname: tool(det, call, args)),
        Factory("DynamicStructuredTool", "langchain_js.DynamicStructuredTool", name_keys=("name",),
                schema_keys=("schema",), handler_keys=("func",)),
        Factory("DynamicTool", "langchain_js.DynamicTool", name_keys=("name",), handler_keys=("func",)),
    ),
    tool_classes={"Tool": "Tool", "StructuredTool": "StructuredTool", "DynamicTool": "DynamicTool",
                  "DynamicStructuredTool": "StructuredTool", "BaseTool": "StructuredTool"},
    builtins=BUILTIN_CLASSES,  # `new TavilySearchResults()` and the like, imported from langchain_builtins.PACKAGES
    context_keys=("tools",),
)
