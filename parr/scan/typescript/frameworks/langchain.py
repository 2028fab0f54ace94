"""LangChain.js / LangGraph.js (`langchain`, `@langchain/*`): tool(), Dynamic*Tool, Tool subclasses, built-ins."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tree_sitter import Node

from parr.scan.typescript import effects as fx
from parr.scan.typescript import runtime_names
from parr.scan.typescript.frameworks import langchain_builtins
from parr.scan.typescript.frameworks.langchain_builtins import BUILTIN_CLASSES
from parr.scan.typescript.frameworks.spec import Factory, FrameworkSpec
from parr.scan.typescript.nodes import args_of, line, member_chain, object_entries, one_line, text, unwrap
from parr.scan.typescript.schema import analyze_schema
from parr.scan.typescript.values import FileCtx

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
    info = det._schema_of(schema_node)
    eff = det._effects_of(handler)
    if info.declared:
        typed, tev = det._typed(info, handler, eff)
    else:
        typed, tev = False, ["string input (no schema)"]
    desc, dref = det._description(det._entry(entries, "description"))
    det._emit(node=call, name=name, framework="langchainjs", style="langchain_js.tool",
               schema=info.kind if info.declared else "none", typed=typed, typed_evidence=tev,
               description=desc, description_ref=dref, handler=handler, eff=eff,
               gates=det._gates(entries, eff))


def bound_params(det: Detector, arg: Node) -> None:
    """model.bindTools([{ name, description, schema }]): LangChain.js binds plain objects that pass
    @langchain/core's isStructuredToolParams (a name and a zod or JSON schema, description optional) as
    tools the model may call; nothing runs them (the caller reads tool_calls' args), so their effects are
    those of a model-output schema. Other objects in the list are read elsewhere: OpenAI's
    { type: "function", function } and Anthropic's { name, input_schema } as raw schemas, provider tools
    as hosted ones. The list may be a literal, a const holding it, or spread from arrays of this file."""
    elements = det._spread_array(arg)
    for el in elements or ():
        obj = det.ctx.value_node(el)
        if obj is None or obj.type != "object" or det.ctx.is_claimed(obj):
            continue
        entries = object_entries(obj)
        if "name" not in entries or "schema" not in entries or "function" in entries:
            continue
        schema_node = det._entry(entries, "schema")
        sval = det.ctx.value_node(schema_node)
        if sval is None or sval.type in ("array", "string", "template_string", "number", "true", "false", "null",
                                         "undefined"):
            continue
        if sval.type == "object" and "type" not in object_entries(sval):
            continue  # isStructuredToolParams: a JSON schema names its type
        det.ctx.claim(obj)
        name = det._names(det._entry(entries, "name")) or None  # or the strings this file's callers pass
        if name is None:
            det._unread(obj, "tool name made at run time", one_line(obj))
            continue
        info = analyze_schema(det.ctx, schema_node)
        typed, tev = det._typed(info, None, fx.Effects()) if info.declared else (False, ["schema parr cannot read"])
        desc, dref = det._description(det._entry(entries, "description"))
        det._emit(node=obj, name=name, framework=SPEC.id, style="langchain_js.bound_params",
                  schema=info.kind if info.declared else "none", typed=typed, typed_evidence=tev,
                  description=desc, description_ref=dref, eff=fx.Effects())


_AGENT_FACTORIES = frozenset({"createReactAgent", "createAgent"})


def agent_tools(det: Detector, pair: Node) -> None:
    """createReactAgent({ tools }) (LangGraph.js) and createAgent({ tools }) (langchain v1) bind every element
    of `tools` that is not a runnable (their ServerTool) with the model's bindTools: a { name, schema }
    object there is bound as in bindTools (bound_params), though their ToolNode runs only runnables."""
    obj = pair.parent
    args = obj.parent if obj is not None else None
    call = args.parent if args is not None and args.type == "arguments" else None
    if call is None or call.type != "call_expression" or args.named_children[:1] != [obj]:
        return
    callee = unwrap(call.child_by_field_name("function"))
    if callee is None or callee.type != "identifier" or text(callee) not in _AGENT_FACTORIES:
        return
    b = det.ctx.lookup(callee, text(callee))
    if b is None or b.kind != "import" or not SPEC.owns(b.module or ""):
        return
    bound_params(det, pair.child_by_field_name("value"))


def builtin_class(det: Detector, new: Node) -> None:
    """`new TavilySearchResults({ maxResults: 3 })` with the class imported from LangChain.js's packages:
    the tool its class declares (langchain_builtins), named by its `name` field or the constructor's. Like
    Python's built-ins it is a tool only once given to a model (a tools list, bindTools) or exported for
    another module to give: until then it waits in `det.pending_builtins` (see Detector.expose)."""
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
        det.pending_builtins[new.id] = (new, lambda: det._unread(new, "built-in tool class named at run time",
                                                                  one_line(new)))
        return
    det.pending_builtins[new.id] = (new, lambda: det._emit(
        node=new, name=name, framework=SPEC.id, style="langchain_js.builtin_tool", schema="framework_defined",
        typed=builtin.typed, typed_evidence=[] if builtin.typed else ["model-written command, query or URL"],
        caps=builtin.capabilities, kind_mutating=builtin.mutating))



def dynamic_tool(det: Detector, new: Node, args: list[Node], cls: str) -> None:
    """new DynamicStructuredTool({ name, description, schema, func }) and new DynamicTool({ name, description, func })."""
    cfg, entries = det._claimed_config(args_of(new))
    if cfg is None:
        return
    name_node = det._entry(entries, "name")
    name = (det._names(name_node) or None) if name_node is not None else None
    if name is None:
        return
    handler = det._handler(det._entry(entries, "func"))
    eff = det._effects_of(handler)
    desc, dref = det._description(det._entry(entries, "description"))
    if cls == "DynamicStructuredTool":
        schema_node = det._entry(entries, "schema")
        info = det._schema_of(schema_node)
        typed, tev = det._typed(info, handler, eff)
        schema = info.kind if info.declared else "none"
    else:
        typed, tev, schema = False, ["single free-form string input"], "framework_defined"
    det._emit(node=new, name=name, framework="langchainjs", style=f"langchain_js.{cls}",
               schema=schema, typed=typed, typed_evidence=tev, description=desc, description_ref=dref,
               handler=handler, eff=eff, gates=det._gates(entries, eff))



def tool_class(det: Detector, cls: Node) -> None:
    """class X extends StructuredTool (or Tool, or a project class that does): its name, schema and effects."""
    info = class_info(det.ctx, cls)
    if info is None or info.get("name") is None:
        if info is not None:
            runtime_names.class_site(det, cls, info)
        return
    base = info["base"]
    root = resolve_local_base(det.ctx, cls, base)
    extends = None
    if root is None:
        return
    if root == "pending":
        extends = {"module": info["base_module"], "name": base}
        style_root = "StructuredTool"
    else:
        style_root = root
    eff = fx.Effects()
    body = cls.child_by_field_name("body")
    for member in (body.named_children if body is not None else []):
        if member.type == "method_definition":
            mname = member.child_by_field_name("name")
            if mname is not None and text(mname) == "constructor":
                continue
            eff.merge(fx.analyze(det.ctx, member))
    schema_node = info.get("schema_node")
    if style_root == "Tool" or style_root == "DynamicTool":
        schema, typed, tev = "framework_defined", False, ["single free-form string input"]
        style = "langchain_js.Tool_subclass"
    else:
        sinfo = det._schema_of(schema_node)
        typed, tev = det._typed(sinfo, None, eff) if sinfo.declared else (False, ["no schema field"])
        schema = sinfo.kind if sinfo.declared else "none"
        style = "langchain_js.StructuredTool_subclass"
        if extends is not None:
            schema = sinfo.kind if sinfo.declared else "framework_defined"
            typed = typed if sinfo.declared else None
    name_node = cls.child_by_field_name("name")
    det._emit(node=cls, at_line=line(name_node) if name_node is not None else line(cls),
               name=info["name"], framework="langchainjs", style=style, schema=schema,
               typed=typed if typed is not None else True, typed_evidence=tev,
               description=info.get("description"), description_ref=info.get("description_ref"),
               eff=eff, extends=extends)


def class_heritage_base(cls: Node) -> Node | None:
    """The expression a class extends (`extends StructuredTool`, JavaScript's `extends Base`)."""
    for child in cls.named_children:
        if child.type == "class_heritage":
            for h in child.named_children:
                if h.type == "extends_clause":
                    return h.child_by_field_name("value") or (h.named_children[0] if h.named_children else None)
                if h.type not in ("implements_clause",):
                    return h  # JavaScript: the expression itself
    return None


def class_info(ctx: FileCtx, cls: Node) -> dict[str, Any] | None:
    """Base class and the tool-relevant fields of a class: name, description, schema."""
    base_node = unwrap(class_heritage_base(cls))
    if base_node is None:
        return None
    if base_node.type == "call_expression":  # mixins: extends Mixin(Tool)
        return None
    chain = member_chain(base_node)
    if not chain:
        return None
    base = chain[-1]
    base_module = ctx.import_source(chain[0])
    out: dict[str, Any] = {"base": base, "base_module": base_module, "name": None}
    body = cls.child_by_field_name("body")
    if body is None:
        return out
    for member in body.named_children:
        if member.type in ("public_field_definition", "field_definition"):
            if any(c.type == "static" for c in member.children):
                continue
            k = member.child_by_field_name("name") or member.child_by_field_name("property")
            if k is None:
                continue
            kname = text(k)
            value = member.child_by_field_name("value")
            if kname == "name" and value is not None:
                v = ctx.string_value(value)
                if v is not None:
                    out["name"] = v if isinstance(v, str) else None
                    if isinstance(v, dict):
                        out["name"] = None
                        out["name_ref"] = v
            elif kname == "description" and value is not None:
                v = ctx.string_value(value)
                if isinstance(v, str):
                    out["description"] = v
                elif isinstance(v, dict):
                    out["description_ref"] = v
                else:
                    out["description"] = ctx.loose_string(value)
            elif kname == "schema" and value is not None:
                out["schema_node"] = value
        elif member.type == "method_definition":
            k = member.child_by_field_name("name")
            if k is not None and text(k) == "name" and any(c.type == "get" for c in member.children):
                bodyn = member.child_by_field_name("body")
                if bodyn is not None:
                    for st in bodyn.named_children:
                        if st.type == "return_statement" and st.named_children:
                            v = ctx.string_value(st.named_children[0])
                            if isinstance(v, str):
                                out["name"] = v
    return out


def resolve_local_base(ctx: FileCtx, cls: Node, base: str) -> str | None:
    """'Tool'/'StructuredTool' when the class derives from a LangChain tool base (through classes of this
    file), 'pending' when the chain leaves the file through a relative import, None otherwise."""
    seen: set[str] = set()
    current_cls = cls
    for _ in range(8):
        if base in seen:
            return None
        seen.add(base)
        b = ctx.lookup(current_cls, base)
        if b is None:
            return SPEC.tool_classes.get(base) if base in SPEC.tool_classes else None
        if b.kind == "import":
            if b.module is not None and SPEC.owns(b.module):
                return SPEC.tool_classes.get(b.imported or base, "StructuredTool") if (b.imported or base) in SPEC.tool_classes \
                    or (b.imported or "").endswith("Tool") else None
            if b.module is not None and (b.module.startswith(".") or b.module.startswith(("@/", "~/"))):
                return "pending"
            return None
        if b.kind == "class" and b.node is not None:
            base_node = unwrap(class_heritage_base(b.node))
            if base_node is None:
                return None
            chain = member_chain(base_node)
            if not chain:
                return None
            current_cls = b.node
            base = chain[-1]
            continue
        return None
    return None

SPEC = FrameworkSpec(
    id="langchainjs",
    packages=("langchain",),
    prefixes=("@langchain/", "langchain"),
    factories=(
        # tool(fn, { name, description, schema }), or headless tool({ name, description, schema })
        Factory("tool", "langchain_js.tool", name_keys=("name",), schema_keys=("schema",), handler_keys=(),
                config_arg=1, hook=lambda det, call, args, fw, fname: tool(det, call, args)),
        # new DynamicStructuredTool / new DynamicTool, imported from LangChain or from nowhere known
        Factory("DynamicStructuredTool", "langchain_js.DynamicStructuredTool", name_keys=("name",),
                schema_keys=("schema",), handler_keys=("func",),
                hook=lambda det, new, args, fw, cls: dynamic_tool(det, new, args, cls), read_for=("langchainjs", None)),
        Factory("DynamicTool", "langchain_js.DynamicTool", name_keys=("name",), handler_keys=("func",),
                hook=lambda det, new, args, fw, cls: dynamic_tool(det, new, args, cls), read_for=("langchainjs", None)),
    ),
    tool_classes={"Tool": "Tool", "StructuredTool": "StructuredTool", "DynamicTool": "DynamicTool",
                  "DynamicStructuredTool": "StructuredTool", "BaseTool": "StructuredTool"},
    builtins=BUILTIN_CLASSES,  # `new TavilySearchResults()` and the like, imported from langchain_builtins.PACKAGES
    context_keys=("tools",),
)
