"""Tool tables converted per provider: a project's own records of a declared type, and a function that turns
one record into a model API's tool object.

    export type ToolInfo = { name: string; description: string; params: {...} }
    export const tools = { read_file: { name: "read_file", description: "...", params: {...} }, ... }
        satisfies { [k: string]: ToolInfo }
    const toOpenAITool = (info: ToolInfo) => {
        const { name, description, params } = info
        return { type: "function", function: { name, description, parameters: {...} } }
    }

The converter's parameter type names the records that reach the model: its result is an OpenAI function tool
(`{ type: "function", function: { name } }`, or the Responses API's flat `{ type: "function", name }`), an
Anthropic tool (`{ name, input_schema }`) or a Gemini function declaration (`{ name, parameters }`), named by
the record's `name`. The records are the object literals with a literal `name` under a table whose declared type
(annotation or `satisfies`) names that type: each is a tool where it is written. Which records a given call
hands over (a mode filtering them, runtime tools added) parr does not follow: the call site that gives the
converted list stays a site of its own (tools that exist only at run time may be in it), and every record of
the table is reported. The records hold no code: what each one does is judged by its name and description.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from tree_sitter import Node

from parr.scan import bytes_re
from parr.scan.typescript.nodes import (
    captures, entry_value, function_params, line, object_entries, param_pattern, text, unwrap,
)

if TYPE_CHECKING:  # pragma: no cover
    from parr.scan.typescript.detect import Detector

# A table typed by annotation or `satisfies`, of records with a description.
TABLE_SCREEN = bytes_re.fast(rb"satisfies\s*(?:\{|Record<)|:\s*(?:\{\s*\[[^\]]{1,200}\]\s*:|Record\s*<)")
# A converter builds a provider tool object.
CONVERTER_SCREEN = bytes_re.fast(rb"\b(?:input_schema|parameters)\b")
STYLE = "converted_record"
_TYPE_IDENT = re.compile(r"\b[A-Z][A-Za-z0-9_$]*\b")
_MAX_RECORDS = 200


def table_screen(source: bytes) -> bool:
    return b"description" in source and b"name" in source and TABLE_SCREEN.search(source) is not None


def converter_screen(source: bytes) -> bool:
    return b"name" in source and CONVERTER_SCREEN.search(source) is not None


# -- converters ------------------------------------------------------------------------------------------------
def converters(det: Detector) -> list[dict[str, Any]]:
    """This file's converters: {"type", "framework", "line"} for each function of one parameter typed with a
    named type that returns a provider tool object named by that parameter's `name`, and is used in the file."""
    from parr.scan.typescript.action_schemas import _type_name

    ctx = det.ctx
    out: list[dict[str, Any]] = []
    for fn in captures(ctx.grammar, ctx.root, "[(arrow_function) (function_declaration) (function_expression)] @f",
                       "f", 1 << 12):
        params = function_params(fn)
        if len(params) != 1:
            continue
        type_name = _type_name(params[0].child_by_field_name("type"))
        pattern = param_pattern(params[0])
        if type_name is None or pattern is None:
            continue
        framework = _provider_shape(det, fn, pattern)
        if framework is None or not _used(det, fn):
            continue
        out.append({"type": type_name, "framework": framework, "line": line(fn)})
    return out[:20]


def _returned_object(fn: Node) -> Node | None:
    body = unwrap(fn.child_by_field_name("body"))
    if body is None:
        return None
    if body.type != "statement_block":
        return _object_of(body)
    for stmt in body.named_children:
        if stmt.type == "return_statement" and stmt.named_children:
            return _object_of(stmt.named_children[0])
    return None


def _object_of(node: Node | None) -> Node | None:
    """The object literal of `{...}`, `{...} satisfies T`, `{...} as T`; also `{...} satisfies A.B.C`, which the
    grammar reads as a member access on `{...} satisfies A.B`."""
    value = unwrap(node)
    for _ in range(8):
        if value is None or value.type != "member_expression":
            break
        head = value.child_by_field_name("object")
        if head is None or head.type not in ("satisfies_expression", "as_expression", "member_expression"):
            return None
        value = unwrap(head) if head.type != "member_expression" else head
    return value if value is not None and value.type == "object" else None
    return None


def _provider_shape(det: Detector, fn: Node, pattern: Node) -> str | None:
    """The provider whose tool object `fn` returns, named by its parameter's `name`; None otherwise."""
    obj = _returned_object(fn)
    if obj is None:
        return None
    entries = object_entries(obj)
    inner = unwrap(entry_value(entries["function"])) if "function" in entries else None
    if inner is not None and inner.type == "object" and "name" in object_entries(inner):
        name_node, framework = entry_value(object_entries(inner)["name"]), "openai"
    elif "name" in entries and "input_schema" in entries:
        name_node, framework = entry_value(entries["name"]), "anthropic"
    elif "name" in entries and "parameters" in entries:
        kind = det.ctx.string_value(entry_value(entries["type"])) if "type" in entries else None
        name_node, framework = entry_value(entries["name"]), "openai" if kind == "function" else "google-genai"
    else:
        return None
    return framework if _from_param_name(fn, pattern, name_node) else None


def _from_param_name(fn: Node, pattern: Node, node: Node | None) -> bool:
    """`node` is the parameter's `name`: `info.name`, or `name` destructured from it (in the signature or by
    `const { name } = info` in the body)."""
    node = unwrap(node)
    if node is None:
        return False
    if node.type == "member_expression":
        obj = unwrap(node.child_by_field_name("object"))
        return pattern.type == "identifier" and obj is not None and text(obj) == text(pattern) and \
            text(node.child_by_field_name("property")) == "name"
    if node.type not in ("identifier", "shorthand_property_identifier") or text(node) != "name":
        return False
    if pattern.type == "object_pattern":
        return "name" in _pattern_keys(pattern)
    if pattern.type != "identifier":
        return False
    body = fn.child_by_field_name("body")
    for decl in captures_in(body, "variable_declarator"):
        left = decl.child_by_field_name("name")
        right = unwrap(decl.child_by_field_name("value"))
        if left is not None and left.type == "object_pattern" and right is not None and \
                right.type == "identifier" and text(right) == text(pattern) and "name" in _pattern_keys(left):
            return True
    return False


def captures_in(node: Node | None, kind: str) -> list[Node]:
    from parr.scan.typescript.nodes import iter_descendants

    return [n for n in iter_descendants(node, 2_000) if n.type == kind] if node is not None else []


def _pattern_keys(pattern: Node) -> set[str]:
    keys: set[str] = set()
    for child in pattern.named_children:
        if child.type == "shorthand_property_identifier_pattern":
            keys.add(text(child))
        elif child.type == "pair_pattern":
            key = child.child_by_field_name("key")
            if key is not None:
                keys.add(text(key).strip("'\""))
        elif child.type == "object_assignment_pattern":
            left = child.child_by_field_name("left")
            if left is not None:
                keys.add(text(left))
    return keys


def _function_name(fn: Node) -> str | None:
    if fn.type == "function_declaration":
        name = fn.child_by_field_name("name")
        return text(name) if name is not None else None
    parent = fn.parent
    if parent is not None and parent.type == "variable_declarator":
        name = parent.child_by_field_name("name")
        return text(name) if name is not None and name.type == "identifier" else None
    return None


def _used(det: Detector, fn: Node) -> bool:
    """The converter is called or handed on (`list.map(toTool)`) somewhere in its file."""
    name = _function_name(fn)
    if not name:
        return False
    for ident in captures(det.ctx.grammar, det.ctx.root, f'((identifier) @i (#eq? @i "{name}"))', "i", 1 << 10):
        parent = ident.parent
        if parent is not None and parent.type in ("call_expression", "arguments"):
            return True
    return False


# -- tables ----------------------------------------------------------------------------------------------------
def tables(det: Detector) -> None:
    """Records of typed tables: a candidate each (`typed_table`: the type names its table's declared types
    mention), kept by the project phase when a converter takes one of those types."""
    ctx = det.ctx
    for decl in captures(ctx.grammar, ctx.root, "(variable_declarator value: (_)) @d", "d", 1 << 12):
        value = decl.child_by_field_name("value")
        types: list[str] = []
        ann = decl.child_by_field_name("type")
        if ann is not None:
            types += _TYPE_IDENT.findall(text(ann))
        for _ in range(4):
            if value is None or value.type not in ("satisfies_expression", "as_expression", "parenthesized_expression"):
                break
            kids = [c for c in value.named_children if c.type != "comment"]
            for t in kids[1:]:
                types += _TYPE_IDENT.findall(text(t))
            value = kids[0] if kids else None
        value = unwrap(value)
        if value is None or value.type != "object" or not types or det.ctx.is_claimed(value):
            continue
        names = sorted(set(types) - {"Record", "Partial", "Readonly", "Array", "Omit", "Pick"})[:12]
        count = 0
        for entry in object_entries(value).values():
            record = unwrap(entry_value(entry))
            if record is None or record.type != "object" or det.ctx.is_claimed(record) or count >= _MAX_RECORDS:
                continue
            if _record(det, record, names):
                count += 1


def _record(det: Detector, record: Node, types: list[str]) -> bool:
    entries = det._entries(record, sources=[])
    name = det.ctx.string_value(det._entry(entries, "name"))
    if not isinstance(name, str) or not name or "description" not in entries:
        return False
    desc, dref = det._description(det._entry(entries, "description"))
    params = unwrap(det.ctx.value_node(det._entry(entries, "params", "parameters", "inputSchema", "input_schema")))
    schema, typed, tev = "none", True, ["no parameters"]
    if params is not None and params.type == "object":
        info = det._schema_of(params)
        if info.declared:
            schema = info.kind
            typed, tev = det._typed(info, None, None)
        else:
            # `params: { uri: { description } }`: each field a described value (the converter sends them as strings)
            schema, typed, tev = "json_schema", True, ["fields declared in the record"]
    elif params is not None:
        schema, typed, tev = "none", False, ["parameters parr could not read"]
    cand = det._emit(node=record, name=name, framework="unknown", style=STYLE, schema=schema, typed=typed,
                     typed_evidence=tev, description=desc, description_ref=dref)
    cand["typed_table"] = {"types": types}
    det.ctx.claim(record)
    return True
