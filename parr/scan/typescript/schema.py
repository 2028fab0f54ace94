"""Input schemas of tools: zod, JSON Schema, none; whether they declare types; their fields."""

from __future__ import annotations

from dataclasses import dataclass, field

from tree_sitter import Node

from parr.scan.typescript.nodes import (
    args_of, entry_value, iter_descendants, member_chain, object_entries, string_literal, text, unwrap,
)
from parr.scan.typescript.values import FileCtx

_ZOD_MODULES = ("zod", "zod/v4", "zod/v3", "zod/mini", "zod/v4-mini", "@hono/zod-openapi", "zod-openapi")
_UNTYPED_ZOD = frozenset({"any", "unknown"})
_JSON_SCHEMA_HELPERS = frozenset({"jsonSchema", "asSchema", "Type", "toJsonSchema", "zodToJsonSchema",
                                  "zodSchema", "standardSchema"})


@dataclass
class SchemaInfo:
    kind: str = "none"                    # zod | json_schema | none
    typed: bool | None = None             # None: unknown (declared elsewhere)
    fields: dict[str, str] | None = None  # field name -> base type ('string', 'number', ...)
    evidence: list[str] = field(default_factory=list)
    declared: bool = False                # a schema expression was present
    options: dict[str, list[str]] = field(default_factory=dict)  # field -> its enum / literal values
    # A schema imported from another file of the project ({"module", "name"}): the project phase reads it there.
    ref: dict[str, str] | None = None
    # JSON-schema objects that declare no fields (`{type: "object"}`), as key paths from the input:
    # () for the input itself, ("filter",) for a parameter, ("nodes", "[]") for an array's items.
    # Typed or not is the handler's to say (detect: the open-object rule).
    open_paths: list[tuple[str, ...]] = field(default_factory=list)


def _is_zod_root(ctx: FileCtx, name: str) -> bool:
    if name in ("z", "zod"):
        return True
    src = ctx.import_source(name)
    return src is not None and (src in _ZOD_MODULES or src.startswith("zod"))


def _zod_base(ctx: FileCtx, node: Node | None) -> tuple[str | None, Node | None]:
    """For z.string().describe(..).optional(): ('string', the z.string() call)."""
    node = unwrap(node)
    steps = 0
    while node is not None and steps < 64:
        steps += 1
        if node.type != "call_expression":
            return None, None
        fn = unwrap(node.child_by_field_name("function"))
        if fn is None or fn.type != "member_expression":
            if fn is not None and fn.type == "identifier":
                return None, None
            return None, None
        obj = unwrap(fn.child_by_field_name("object"))
        if obj is not None and obj.type == "identifier" and _is_zod_root(ctx, text(obj)):
            return text(fn.child_by_field_name("property")), node
        if obj is not None and obj.type == "member_expression" and text(obj.child_by_field_name("property")) == "schema":
            # OpenCode's tool.schema is zod: tool.schema.string()
            owner = unwrap(obj.child_by_field_name("object"))
            if owner is not None and owner.type == "identifier" and \
                    ctx.import_source(text(owner)) == "@opencode-ai/plugin":
                return text(fn.child_by_field_name("property")), node
        node = obj
    return None, None


def _zod_untyped(ctx: FileCtx, node: Node) -> str | None:
    for n in iter_descendants(node, 20_000):
        if n.type == "member_expression":
            obj = n.child_by_field_name("object")
            prop = n.child_by_field_name("property")
            if obj is not None and prop is not None and text(prop) in _UNTYPED_ZOD and obj.type == "identifier" \
                    and _is_zod_root(ctx, text(obj)):
                return f"z.{text(prop)}()"
    return None


_COLLECTIONS = frozenset({"record", "array", "map", "set"})


def _zod_untyped_fields(ctx: FileCtx, shape: Node) -> str | None:
    """The first parameter of a zod object shape that takes anything: `z.any()`, `z.unknown()`, or a
    record/array of them (optional or not: the model may fill it). Like the JSON-schema reading, only
    the tool's own parameters count: an `any` nested inside a declared structure leaves it typed."""
    for name, entry in object_entries(shape).items():
        why = _zod_untyped_value(ctx, entry_value(entry), name)
        if why is not None:
            return why
    return None


def _zod_untyped_value(ctx: FileCtx, value: Node | None, name: str, depth: int = 0) -> str | None:
    """Why the zod schema of parameter `name` takes anything, or None. A union takes what any of its
    alternatives takes (`z.union([z.record(z.string(), z.unknown()), z.array(...)])`)."""
    base, call = _zod_base(ctx, value)
    if base in _UNTYPED_ZOD:
        return f"z.{base}() parameter '{name}'"
    if base in ("object", "looseObject") and call is not None and _free_form(ctx, value, call):
        return f"parameter '{name}' is an object of any keys (no properties declared)"
    if base in _COLLECTIONS and call is not None:
        if any(_zod_base(ctx, arg)[0] in _UNTYPED_ZOD for arg in args_of(call)):
            return f"z.{base}() of anything: parameter '{name}'"
    if base == "union" and call is not None and depth < 3:
        a = args_of(call)
        options = unwrap(a[0]) if a else None
        if options is not None and options.type == "array":
            for alt in options.named_children[:12]:
                why = _zod_untyped_value(ctx, alt, name, depth + 1)
                if why is not None:
                    return f"{why} (one alternative of a z.union)"
    return None


def _free_form(ctx: FileCtx, value: Node | None, base_call: Node) -> bool:
    """`z.object({}).passthrough()`, `z.looseObject({})`, `z.object({}).catchall(z.any())`: no property
    declared and any key allowed (like a JSON schema without properties that allows more)."""
    a = args_of(base_call)
    shape = ctx.value_node(a[0]) if a else None
    if shape is None or shape.type != "object" or object_entries(shape):
        return False
    if text(base_call.child_by_field_name("function")).endswith("looseObject"):
        return True
    node = unwrap(value)
    while node is not None and node.type == "call_expression" and node != base_call:
        fn = unwrap(node.child_by_field_name("function"))
        if fn is None or fn.type != "member_expression":
            return False
        method = text(fn.child_by_field_name("property"))
        if method == "passthrough" or (method == "catchall" and any(
                _zod_base(ctx, x)[0] in _UNTYPED_ZOD for x in args_of(node))):
            return True
        node = unwrap(fn.child_by_field_name("object"))
    return False


def _is_zodish(ctx: FileCtx, node: Node) -> bool:
    base, _ = _zod_base(ctx, node)
    return base is not None


# TypeBox (`Type.Object({ code: Type.String() })`): each property's builder names its JSON type.
_TYPEBOX_KINDS = {"String": "string", "Number": "number", "Integer": "integer", "Boolean": "boolean",
                  "Array": "array", "Object": "object", "Literal": "enum", "Union": "union", "Optional": "?",
                  "Record": "record", "Any": "any", "Unknown": "any"}


def _typebox_object(ctx: FileCtx, shape: Node) -> SchemaInfo:
    info = SchemaInfo(kind="json_schema", typed=True, declared=True, fields={})
    for key, entry in object_entries(shape).items():
        value = unwrap(entry_value(entry))
        chain = member_chain(unwrap(value.child_by_field_name("function"))) if value is not None and \
            value.type == "call_expression" else []
        kind = _TYPEBOX_KINDS.get(chain[-1], "?") if len(chain) == 2 and chain[0] == "Type" else "?"
        if kind == "?" and chain == ["Type", "Optional"] and args_of(value):
            inner = unwrap(args_of(value)[0])
            ichain = member_chain(unwrap(inner.child_by_field_name("function"))) if inner is not None and \
                inner.type == "call_expression" else []
            kind = _TYPEBOX_KINDS.get(ichain[-1], "?") if len(ichain) == 2 and ichain[0] == "Type" else "?"
        info.fields[key] = kind
        if kind == "any" and info.typed:
            info.typed = False
            info.evidence.append(f"Type.Any()/Type.Unknown(): parameter '{key}'")
    return info


def analyze_schema(ctx: FileCtx, node: Node | None, depth: int = 0) -> SchemaInfo:
    node = unwrap(node)
    if node is None:
        return SchemaInfo()
    if node.type in ("identifier", "shorthand_property_identifier"):  # `{ inputSchema }` too
        resolved = ctx.value_node(node)
        if resolved is not None and resolved.type != "identifier" and depth < 4:
            info = analyze_schema(ctx, resolved, depth + 1)
            info.declared = True
            return info
        # Declared in another file or a parameter: assume it declares its types (an import of this project
        # is read in its own file by the project phase, see `exported_schemas`).
        kind = "zod" if _file_uses_zod(ctx) else "json_schema"
        if resolved is not None and resolved.type == "identifier" and resolved.id != node.id:
            node = resolved  # `const schema = ImportedSchema`: the import is where it is declared
        b = ctx.lookup(node, text(node))
        ref = {"module": b.module, "name": b.imported} if b is not None and b.kind == "import" and b.module and \
            b.imported not in (None, "*") and b.module.startswith((".", "@/", "~/")) else None
        return SchemaInfo(kind=kind, typed=True, declared=True, evidence=[f"schema {text(node)} declared elsewhere"],
                          ref=ref)
    if node.type == "member_expression" and text(node.child_by_field_name("property")) == "shape" and depth < 4:
        # `Schema.shape` (an MCP raw shape taken from a z.object): the object's parameters
        inner = ctx.value_node(node.child_by_field_name("object"))
        if inner is not None and inner.type == "call_expression" and _is_zodish(ctx, inner):
            return analyze_schema(ctx, inner, depth + 1)
    if node.type == "call_expression":
        base, base_call = _zod_base(ctx, node)
        if base is not None:
            info = SchemaInfo(kind="zod", typed=True, declared=True)
            shape = None
            if base in ("object", "strictObject", "looseObject") and base_call is not None:
                a = args_of(base_call)
                shape = ctx.value_node(a[0]) if a else None
            if shape is not None and shape.type == "object" and _free_form(ctx, node, base_call):
                bad = "an object of any keys (no properties declared)"
                info.fields = {}
            elif shape is not None and shape.type == "object":
                bad = _zod_untyped_fields(ctx, shape)
                info.fields = _zod_fields(ctx, shape)
                info.options = _zod_options(ctx, shape)
            else:  # unions and other roots: any `any` inside counts
                bad = _zod_untyped(ctx, node)
                bad = f"{bad} parameter" if bad else None
            if bad:
                info.typed = False
                info.evidence.append(bad)
            if base in _UNTYPED_ZOD:
                info.typed = False
            return info
        fn = unwrap(node.child_by_field_name("function"))
        chain = member_chain(fn)
        if len(chain) == 2 and chain[1] == "Struct" and ctx.import_source(chain[0]) in _EFFECT_MODULES:
            shape = ctx.value_node(args_of(node)[0]) if args_of(node) else None
            if shape is not None and shape.type == "object":
                return _effect_struct(ctx, shape)
        if chain == ["Type", "Object"] and depth < 4:
            shape = ctx.value_node(args_of(node)[0]) if args_of(node) else None
            if shape is not None and shape.type == "object":
                return _typebox_object(ctx, shape)
        if chain and (chain[-1] in _JSON_SCHEMA_HELPERS or chain[0] in _JSON_SCHEMA_HELPERS):
            a = args_of(node)
            if a and depth < 4:
                inner = analyze_schema(ctx, a[0], depth + 1)
                if inner.kind == "none":
                    inner.kind = "json_schema"
                if chain[-1] in ("jsonSchema", "Object") or chain[0] == "Type":
                    inner.kind = "json_schema" if inner.kind != "zod" else "zod"
                inner.declared = True
                if inner.typed is None:
                    inner.typed = True
                return inner
        # Some other schema builder (valibot, typebox, effect ...): declared, assume typed.
        return SchemaInfo(kind="json_schema", typed=True, declared=True)
    if node.type == "object":
        entries = object_entries(node)
        if not entries and not node.named_children:
            # `{}`: an MCP raw shape or an empty JSON schema with no parameters.
            return SchemaInfo(kind="zod" if _file_uses_zod(ctx) else "json_schema",
                              typed=True, fields={}, declared=True)
        if "type" in entries or "properties" in entries or "$schema" in entries or "anyOf" in entries or "oneOf" in entries:
            return _json_schema(ctx, node, entries)
        # Raw zod shape: { a: z.number(), b: z.string() }
        values = [entry_value(e) for e in entries.values()]
        spreads = _spread_shapes(ctx, node) if any(c.type == "spread_element" for c in node.named_children) else []
        values += [entry_value(e) for shape in spreads for e in object_entries(shape).values()]
        # (its fields may all be schemas imported from another module, `{ sql: SqlParam }`, or made by a project
        # helper, `{ filter: zEJSON() }`)
        if values and (any(v is not None and _is_zodish(ctx, v) for v in values) or (
                all(v is not None and v.type in ("identifier", "member_expression", "call_expression") for v in values)
                and _file_uses_zod(ctx))):
            info = SchemaInfo(kind="zod", typed=True, declared=True)
            bad = _zod_untyped_fields(ctx, node)
            if bad:
                info.typed = False
                info.evidence.append(bad)
            info.fields = _zod_fields(ctx, node)
            info.options = _zod_options(ctx, node)
            for shape in spreads:
                # `{ ...FindArgs, limit: z.number() }`: the fields of a shape of this file spread in (own keys win)
                info.fields = {**_zod_fields(ctx, shape), **info.fields}
                info.options = {**_zod_options(ctx, shape), **info.options}
            return info
        return SchemaInfo(kind="json_schema", typed=True, declared=True)
    return SchemaInfo(kind="json_schema", typed=True, declared=True)


# Effect Schema (`import { Schema } from "effect"`; effect 3.x, formerly @effect/schema): `Schema.Struct({ command:
# Schema.String, n: Schema.optionalWith(Schema.Number, {...}) })`, each field a schema constant or a combinator
# around one (`optional`, `optionalWith`, `NullOr`, `.annotations(...)`, `.pipe(...)`).
_EFFECT_MODULES = frozenset({"effect", "@effect/schema", "effect/Schema", "@effect/schema/Schema"})
_EFFECT_BASES = {"String": "string", "NonEmptyString": "string", "Trim": "string", "Lowercase": "string",
                 "Uppercase": "string", "Char": "string", "Number": "number", "Int": "number", "NonNegative": "number",
                 "Positive": "number", "Finite": "number", "BigInt": "bigint", "Boolean": "boolean", "Date": "date",
                 "Unknown": "unknown", "Any": "any", "Object": "object"}
_EFFECT_WRAPPERS = frozenset({"optional", "optionalWith", "NullOr", "UndefinedOr", "NullishOr", "mutable"})
_EFFECT_CALLS = {"Literal": "literal", "Array": "array", "NonEmptyArray": "array", "Struct": "object",
                 "Record": "record", "Union": "union", "Tuple": "array"}


def _effect_base(ctx: FileCtx, node: Node | None, depth: int = 0) -> str:
    node = unwrap(node)
    if node is None or depth > 8:
        return "?"
    if node.type == "identifier":
        value = ctx.value_node(node)
        return _effect_base(ctx, value, depth + 1) if value is not None and value.id != node.id else "?"
    chain = member_chain(node if node.type != "call_expression" else unwrap(node.child_by_field_name("function")))
    if node.type == "member_expression" and len(chain) == 2:
        return _EFFECT_BASES.get(chain[1], "?")
    if node.type == "call_expression" and chain:
        if chain[-1] in ("annotations", "pipe", "annotate") and len(chain) >= 2:
            fn = unwrap(node.child_by_field_name("function"))
            return _effect_base(ctx, fn.child_by_field_name("object") if fn is not None else None, depth + 1)
        if len(chain) == 2 and chain[1] in _EFFECT_WRAPPERS and args_of(node):
            return _effect_base(ctx, args_of(node)[0], depth + 1)
        if len(chain) == 2 and chain[1] in _EFFECT_CALLS:
            return _EFFECT_CALLS[chain[1]]
    return "?"


def _effect_struct(ctx: FileCtx, shape: Node) -> SchemaInfo:
    fields = {name: _effect_base(ctx, entry_value(entry)) for name, entry in object_entries(shape).items()}
    info = SchemaInfo(kind="json_schema", typed=True, declared=True, fields=fields)
    loose = [n for n, t in fields.items() if t in _UNTYPED_ZOD]
    if loose:
        info.typed = False
        info.evidence.append(f"Schema.{fields[loose[0]].capitalize()}: parameter '{loose[0]}'")
    return info


def _spread_shapes(ctx: FileCtx, node: Node, depth: int = 0) -> list[Node]:
    """The object literals of this file a shape spreads (`...FindArgs`), and those they spread."""
    out: list[Node] = []
    for el in node.named_children:
        if el.type != "spread_element" or not el.named_children or depth > 3:
            continue
        value = ctx.value_node(el.named_children[0])
        if value is not None and value.type == "object" and value.id != node.id:
            out += _spread_shapes(ctx, value, depth + 1) + [value]
    return out


def _zod_fields(ctx: FileCtx, shape: Node) -> dict[str, str]:
    fields: dict[str, str] = {}
    for name, entry in object_entries(shape).items():
        base, _ = _zod_base(ctx, entry_value(entry))
        fields[name] = base or "?"
    return fields


def _literal_strings(ctx: FileCtx, array: Node | None) -> list[str]:
    array = ctx.value_node(array) if array is not None else None
    if array is None or array.type != "array":
        return []
    return [s for s in (string_literal(e) for e in array.named_children) if s is not None]


def _zod_options(ctx: FileCtx, shape: Node) -> dict[str, list[str]]:
    """Fields whose zod type is an enum (z.enum([...])) or a union of string literals."""
    options: dict[str, list[str]] = {}
    for name, entry in object_entries(shape).items():
        base, call = _zod_base(ctx, entry_value(entry))
        a = args_of(call) if call is not None else []
        if base == "enum" and a:
            values = _literal_strings(ctx, a[0])
        elif base == "union" and a:
            array = ctx.value_node(a[0])
            values = []
            for member in (array.named_children if array is not None and array.type == "array" else []):
                member_base, member_call = _zod_base(ctx, member)
                member_args = args_of(member_call) if member_base == "literal" and member_call is not None else []
                value = string_literal(member_args[0]) if member_args else None
                if value is None:
                    values = []
                    break
                values.append(value)
        else:
            continue
        if values:
            options[name] = values
    return options


def _json_schema(ctx: FileCtx, node: Node, entries: dict[str, Node]) -> SchemaInfo:
    info = SchemaInfo(kind="json_schema", typed=True, declared=True, fields={})
    props_entry = entries.get("properties")
    props = entry_value(props_entry) if props_entry is not None else None
    props = ctx.value_node(props) if props is not None else None
    te = entries.get("type")
    if te is not None and string_literal(entry_value(te)) == "object" and _declares_nothing(ctx, entries, props):
        # ({type: "object"} literally: a zod shape with a field named `type` is not a JSON schema's object)
        info.open_paths.append(())
    if props is not None and props.type == "object":
        for name, e in object_entries(props).items():
            v = ctx.value_node(entry_value(e))
            typ = "?"
            if v is not None and v.type == "object":
                te = object_entries(v).get("type")
                if te is not None:
                    tv = entry_value(te)
                    s = string_literal(tv)
                    typ = (s if s is not None else text(tv).split(".")[-1]).lower()
                elif not object_entries(v):
                    info.typed = False
                    info.evidence.append(f"parameter '{name}' has no type")
                _open_objects(ctx, v, (name,), info.open_paths)
                enum = object_entries(v).get("enum")
                if enum is not None and _literal_strings(ctx, entry_value(enum)):
                    info.options[name] = _literal_strings(ctx, entry_value(enum))
            info.fields[name] = typ  # type: ignore[index]
    return info


# Keys by which a JSON-schema object says what its keys hold.
_SHAPED = ("properties", "additionalProperties", "patternProperties", "anyOf", "oneOf", "allOf", "$ref")


def _declares_nothing(ctx: FileCtx, entries: dict[str, Node], props: Node | None) -> bool:
    """A JSON-schema object that says nothing of the keys it holds: no (or empty) `properties`, and
    nothing else that shapes its keys (`additionalProperties: false` closes it: no keys at all)."""
    if props is not None and (props.type != "object" or object_entries(props)):
        return False
    return not any(k in entries for k in _SHAPED if k != "properties")


def _open_objects(ctx: FileCtx, v: Node | None, path: tuple[str, ...], out: list, depth: int = 0) -> None:
    """The key paths under the property schema `v` of objects that declare no fields
    (`{type: "object"}`): the model may put any keys there. Goes into nested `properties` and array
    `items`. Whether that leaves the tool untyped depends on whether its code reads keys out of
    them (detect: the open-object rule); an object that says it is open (`additionalProperties`)
    has declared so."""
    if v is None or v.type != "object" or depth > 6 or len(out) > 32:
        return
    entries = object_entries(v)
    te = entries.get("type")
    typ = string_literal(entry_value(te)) if te is not None else None
    props = entries.get("properties")
    props_node = ctx.value_node(entry_value(props)) if props is not None else None
    if typ == "object" and _declares_nothing(ctx, entries, props_node):
        out.append(path)
        return
    if props_node is not None and props_node.type == "object":
        for name, e in object_entries(props_node).items():
            _open_objects(ctx, ctx.value_node(entry_value(e)), path + (name,), out, depth + 1)
    items = entries.get("items")
    if items is not None:
        _open_objects(ctx, ctx.value_node(entry_value(items)), path + ("[]",), out, depth + 1)


def _file_uses_zod(ctx: FileCtx) -> bool:
    return any(src in _ZOD_MODULES or src.startswith("zod") for src, _ in ctx.imports.values()) or b"zod" in ctx.source


def exported_schema(ctx: FileCtx, value: Node | None) -> dict | None:
    """What another file's tool takes from an exported zod schema (`export const ArgsSchema = z.object(...)`):
    whether it is typed, why not, its fields. None for anything else."""
    node = unwrap(value)
    if node is None or node.type != "call_expression" or _zod_base(ctx, node)[0] is None:
        return None
    info = analyze_schema(ctx, node)
    return {"typed": info.typed is not False, "evidence": info.evidence[:3], "fields": info.fields}
