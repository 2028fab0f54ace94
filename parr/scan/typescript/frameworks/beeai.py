"""BeeAI Framework for TypeScript (`beeai-framework`): DynamicTool, Tool subclasses and the package's own tools.

A BeeAI tool is a `Tool` (beeai-framework/tools/base): the model sees its `name` field, its `description` and
the zod (or JSON) schema its `inputSchema()` method returns, and its `_run` does the work.
`new DynamicTool({ name, description, inputSchema, handler })` is the same tool from a config (its
constructor validates all four). The package's own tools (`new DuckDuckGoSearchTool()`, `new PythonTool(...)`)
are data generated from the package (beeai_builtins); like LangChain.js's built-ins they are tools once given
to a model (a tools list) or exported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from parr.scan.typescript import effects as fx
from parr.scan.typescript.frameworks import beeai_builtins
from parr.scan.typescript.frameworks.spec import Factory, FrameworkSpec
from parr.scan.typescript.nodes import args_of, captures, line, member_chain, one_line, text, unwrap

if TYPE_CHECKING:  # pragma: no cover
    from parr.scan.typescript.detect import Detector

_ID = "beeai-framework"
# The package's tool bases a project's class may extend (beeai-framework/tools/base).
_BASES = frozenset({"Tool", "DynamicTool"})


def dynamic_tool(det: Detector, new: Node, args: list[Node]) -> None:
    """new DynamicTool({ name, description, inputSchema, handler })."""
    cfg, entries = det._claimed_config(args)
    if cfg is None:
        return
    name_node = det._entry(entries, "name")
    name = (det._names(name_node) or None) if name_node is not None else None
    if name is None:
        det._unread(new, "tool name made at run time", one_line(new))
        return
    handler = det._handler(det._entry(entries, "handler"))
    eff = det._effects_of(handler)
    schema_node = det._entry(entries, "inputSchema")
    info = det._schema_of(schema_node)
    typed, tev = det._typed(info, handler, eff) if info.declared else (False, ["schema parr cannot read"])
    desc, dref = det._description(det._entry(entries, "description"))
    det._emit(node=new, name=name, framework=_ID, style="beeai.DynamicTool",
              schema=info.kind if info.declared else "none", typed=typed, typed_evidence=tev,
              description=desc, description_ref=dref, handler=handler, eff=eff, gates=det._gates(entries, eff))


def _base_of(cls: Node) -> Node | None:
    for child in cls.named_children:
        if child.type == "class_heritage":
            for h in child.named_children:
                if h.type == "extends_clause":
                    return unwrap(h.child_by_field_name("value") or (h.named_children[0] if h.named_children else None))
                if h.type != "implements_clause":
                    return unwrap(h)
    return None


def _is_beeai_tool_class(det: Detector, cls: Node) -> bool:
    """The class extends BeeAI's Tool (or DynamicTool), directly or through classes of this file."""
    seen: set[int] = set()
    for _ in range(8):
        if cls.id in seen:
            return False
        seen.add(cls.id)
        base = _base_of(cls)
        if base is not None and base.type == "generic_type":  # extends Tool<StringToolOutput> in some grammars
            base = base.named_children[0] if base.named_children else None
        chain = member_chain(base) if base is not None else []
        if not chain:
            return False
        b = det.ctx.lookup(cls, chain[0])
        if b is None:
            return False
        if b.kind == "import":
            imported = b.imported if len(chain) == 1 else chain[-1]
            return SPEC.owns(b.module or "") and imported in _BASES
        if b.kind == "class" and b.node is not None and len(chain) == 1:
            cls = b.node
            continue
        return False
    return False


def _members(cls: Node) -> tuple[dict[str, Node], dict[str, Node]]:
    """(instance fields by name -> value, methods by name) of a class body."""
    fields: dict[str, Node] = {}
    methods: dict[str, Node] = {}
    body = cls.child_by_field_name("body")
    for member in body.named_children if body is not None else ():
        if member.type in ("public_field_definition", "field_definition"):
            if any(c.type == "static" for c in member.children):
                continue
            k = member.child_by_field_name("name") or member.child_by_field_name("property")
            v = member.child_by_field_name("value")
            if k is not None and v is not None:
                fields[text(k)] = v
        elif member.type == "method_definition":
            k = member.child_by_field_name("name")
            if k is not None:
                methods[text(k)] = member
    return fields, methods


def _returned(method: Node | None) -> Node | None:
    """The expression `inputSchema() { return z.object(...) }` returns (its first return)."""
    body = method.child_by_field_name("body") if method is not None else None
    for st in body.named_children if body is not None else ():
        if st.type == "return_statement" and st.named_children:
            return st.named_children[0]
    return None


def tool_class(det: Detector, cls: Node) -> None:
    """class X extends Tool { name = "..."; description = "..."; inputSchema() {...}; _run() {...} }."""
    fields, methods = _members(cls)
    if "_run" not in methods:
        return  # a base shared by tool classes (the package's Tool declares _run abstract): its subclasses are the tools
    name_node = cls.child_by_field_name("name")
    at = line(name_node) if name_node is not None else line(cls)
    name = det.ctx.string_value(fields["name"]) if "name" in fields else None
    if not isinstance(name, (str, dict)):
        det._unread(cls, "tool class named at run time", f"class {text(name_node) if name_node else ''} extends Tool")
        return
    eff = fx.Effects()
    for mname, member in methods.items():
        if mname != "constructor":
            eff.merge(fx.analyze(det.ctx, member))
    schema_node = _returned(methods.get("inputSchema")) if "inputSchema" in methods else fields.get("inputSchema")
    info = det._schema_of(schema_node)
    typed, tev = det._typed(info, None, eff) if info.declared else (False, ["schema parr cannot read"])
    desc, dref = det._description(fields.get("description"))
    det._emit(node=cls, at_line=at, name=name, framework=_ID, style="beeai.Tool_subclass",
              schema=info.kind if info.declared else "none", typed=typed, typed_evidence=tev,
              description=desc, description_ref=dref, eff=eff)


def builtin(det: Detector, new: Node, local: str) -> None:
    """`new DuckDuckGoSearchTool()`: the package's tool, named by its class (or the `name` option a few take)."""
    b = det.ctx.lookup(new, local)
    data = beeai_builtins.TS_TOOLS.get(b.imported or "") if b is not None and b.kind == "import" else None
    if data is None:
        return
    default, mutating, typed, renamable = data
    name: object = default
    if renamable:
        args = args_of(new)
        _, entries = det._config(args[0]) if args else (None, {})
        given = det._entry(entries, "name")
        if given is not None:
            name = det.ctx.string_value(given)
    det.ctx.claim(new)
    if not isinstance(name, (str, dict)):
        det.pending_builtins[new.id] = (new, lambda: det._unread(new, "built-in tool class named at run time",
                                                                  one_line(new)))
        return
    det.pending_builtins[new.id] = (new, lambda: det._emit(
        node=new, name=name, framework=_ID, style="beeai.builtin_tool", schema="framework_defined",
        typed=typed, typed_evidence=[] if typed else ["model-written code or query"], kind_mutating=mutating))


def read_file(det: Detector) -> None:
    """Tool classes and built-in tool instances of a file that imports the package."""
    ctx = det.ctx
    for cls in captures(ctx.grammar, ctx.root, "(class_declaration (class_heritage)) @c", "c", 1 << 12):
        if _is_beeai_tool_class(det, cls):
            tool_class(det, cls)
    local = sorted(n for n, (module, imported) in ctx.imports.items()
                   if SPEC.owns(module or "") and imported in beeai_builtins.TS_TOOLS)
    if local:
        names = " ".join(f'"{n}"' for n in local)
        q = f"(new_expression constructor: (identifier) @k (#any-of? @k {names})) @n"
        for new in captures(ctx.grammar, ctx.root, q, "n", 1 << 12):
            builtin(det, new, text(unwrap(new.child_by_field_name("constructor"))))


SPEC = FrameworkSpec(
    id=_ID,
    packages=("beeai-framework",),
    prefixes=("beeai-framework/",),
    factories=(
        Factory("DynamicTool", "beeai.DynamicTool", name_keys=("name",), schema_keys=("inputSchema",),
                handler_keys=("handler",), hook=lambda det, new, args, fw, cls: dynamic_tool(det, new, args)),
    ),
    file_reader=read_file,
    context_keys=("tools",),
)
