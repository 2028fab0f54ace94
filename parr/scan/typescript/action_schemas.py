"""Actions handed to the model as the keys of a structured-output schema (the browser-use "action model").

An agent with its own action registry builds one output schema the model must fill, keyed by the actions'
names: `for (const action of actions) schema = schema.extend({ [action.name()]: action.schema.schema.optional() })`
or `z.object(Object.fromEntries(actions.map((a) => [a.name, a.schema])))`. The model picks an action by
emitting its key, so each action is a tool: its name and schema sit in the definition the action is built
from (`new Action(handler, clickElementActionSchema)`, or the `{ name, schema, handler }` literals of the array the
builder walks), its effects in the handler. A union of one object per action fixing its name
(`z.discriminatedUnion("action", actions.map((a) => z.object({ action: z.literal(a.name), ... })))`) is the same. An ordinary structured
output (one response schema with literal keys) is no tool: only a key computed from a collection element's
name marks action selection. Where the element class or its constructions cannot be followed, an unresolved
site says so.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from tree_sitter import Node

from parr.scan import bytes_re
from parr.scan.typescript.frameworks.spec import IMPORTED_DEFINITION
from parr.scan.typescript.nodes import (
    FUNCTION_TYPES, args_of, captures, function_params, is_function, member_chain, object_entries, text, unwrap,
)

if TYPE_CHECKING:  # pragma: no cover
    from parr.scan.typescript.detect import Detector

# An object-schema builder keyed by an element's name (`.extend({ [action.name()]:`, `z.object({ [a.schema.name]:`),
# made from entries keyed so (`z.object(Object.fromEntries(xs.map((a) => [a.name, ...])))`), or a union member fixing
# it (`z.literal(a.name)`): the cheap screen every file pays (a plain `{ [tool.name]: tool }` map is not one).
TRIGGER = bytes_re.fast(
    rb"enum\(\s*Object\.keys\(\s*[A-Za-z_$][\w$]*\s*\)|"
    rb"\b(?:action|next_action|nextAction|action_type|actionType|action_name|actionName|tool|tool_name|toolName|"
    rb"selected_tool|selectedTool)\s*:\s*(?:z\.)?enum\(\s*\[|"
    rb"\.literal\(\s*[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\.[A-Za-z_$][\w$]*(?:\(\s*\))?\s*\)|"
    rb"(?:extend|[oO]bject|merge)\(\s*\{\s*\[\s*[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\.name(?:\(\s*\))?\s*\]\s*:|"
    rb"[oO]bject\(\s*Object\.fromEntries\([^;]{0,200}=>\s*\[\s*[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\.name(?:\(\s*\))?\s*,")

# Calls that build an object schema from the keys given (zod, valibot, TypeBox, arktype-like builders).
_SCHEMA_BUILDERS = frozenset({"extend", "object", "strictObject", "looseObject", "Object", "merge"})
_SCHEMA_KEYS = ("schema", "parameters", "inputSchema", "paramsSchema", "argsSchema", "input_schema")
_HANDLER_KEYS = ("handler", "execute", "run", "call", "fn", "func", "invoke", "callback")
_STYLE = "action_schema.key"


def read(det: Detector) -> None:
    """Each action of a registry whose names key a structured-output schema built in this file."""
    if b"enum" in det.ctx.source:
        selectors(det)
    ctx = det.ctx
    seen_classes: set[str] = set()
    for key_expr, elem in _name_keys(det):
        key = _key_of(key_expr)
        objects = _literal_elements(det, key_expr, elem)
        if objects is not None:
            for obj in objects[:200]:
                _action_object(det, obj, key)
            continue
        cls = _element_class(det, elem, key_expr)
        if cls is None:
            det._unread(key_expr, "actions handed to the model as keys of a structured-output schema; parr "
                                  "could not tell which class the actions are", call=text(key_expr))
            continue
        if cls in seen_classes:
            continue
        seen_classes.add(cls)
        news = captures(ctx.grammar, ctx.root,
                        f'(new_expression constructor: (identifier) @k (#eq? @k "{cls}")) @n', "n", 1 << 12)
        if not news and not _declares_class(det, cls):
            # `actions: AgentAction[]` of an interface or type: its actions are the object literals the project
            # declares with that type (`const click: AgentAction = { type: "click", params, run }`), read where
            # they are written (`typed_definitions`); the project phase pairs them with this builder
            det.__dict__.setdefault("typed_builders", []).append(
                {"type": cls, "key": key, "line": key_expr.start_point[0] + 1,
                 "call": " ".join(text(key_expr).split())[:80]})
            continue
        if not news:
            det._unread(key_expr, f"actions handed to the model as keys of a structured-output schema; parr "
                                  f"found no `new {cls}(...)` here to read them from", call=text(key_expr))
            continue
        for new in news[:200]:
            _action(det, new, cls)


def _name_keys(det: Detector) -> list[tuple[Node, str]]:
    """(the key expression, the element variable) of each key computed from a collection element's name
    inside an object-schema builder."""
    ctx = det.ctx
    out: list[tuple[Node, str]] = []
    for comp in captures(ctx.grammar, ctx.root, "(computed_property_name) @c", "c", 1 << 12):
        expr = unwrap(comp.named_children[0]) if comp.named_children else None
        pair = comp.parent
        if expr is None or pair is None or pair.type != "pair" or not _builder_arg(pair.parent):
            continue
        elem = _name_of(expr)
        if elem is not None and _loop_element(ctx, comp, elem):
            out.append((expr, elem))
    if b"literal" in ctx.source:
        # z.discriminatedUnion("action", actions.map((a) => z.object({ action: z.literal(a.name), args: a.schema })))
        for call in captures(ctx.grammar, ctx.root, "(call_expression) @c", "c", 1 << 14):
            chain = member_chain(unwrap(call.child_by_field_name("function")))
            if chain[-1:] != ["literal"] or len(args_of(call)) != 1:
                continue
            expr = unwrap(args_of(call)[0])
            elem = _name_of(expr) or _keyed_member(call, expr)
            if elem is not None and _loop_element(ctx, call, elem) and (_in_union(call) or _union_in_scope(call)):
                out.append((expr, elem))
    if b"fromEntries" in ctx.source:
        for call in captures(ctx.grammar, ctx.root, "(call_expression) @c", "c", 1 << 14):
            if not text(call.child_by_field_name("function")).endswith("fromEntries") or not _builder_arg(call):
                continue  # (a map of tools made per element is read by loops.py: only a schema's keys here)
            for arrow in captures(ctx.grammar, call, "(arrow_function) @a", "a", 64):
                body = unwrap(arrow.child_by_field_name("body"))
                if body is None or body.type != "array" or not body.named_children:
                    continue
                elem = _name_of(unwrap(body.named_children[0]))
                params = [text(p) for p in function_params(arrow)]
                if elem is not None and params and params[0].split(":")[0].strip() == elem:
                    out.append((body.named_children[0], elem))
    return out


def _key_of(expr: Node) -> str:
    """The member a key expression reads off the element: `name` of `a.name()`, `type` of `a.type`."""
    if expr.type == "call_expression" and not args_of(expr):
        expr = unwrap(expr.child_by_field_name("function")) or expr
    chain = member_chain(expr)
    return chain[-1] if len(chain) >= 2 else "name"


def _keyed_member(literal: Node, expr: Node | None) -> str | None:
    """`x` of `z.object({ type: z.literal(x.type), params: x.actionParams })`: the literal fixes one member of the
    element (any member, not only `name`) and another entry of the same object takes the element's own schema,
    so each element is one action of the union, named by that member."""
    chain = member_chain(expr)
    if len(chain) != 2 or chain[0] in ("this", "z") or expr is None or expr.type != "member_expression":
        return None
    pair = _field_pair(literal)
    obj = pair.parent if pair is not None else None
    if obj is None or obj.type != "object" or not _builder_arg(obj):
        return None
    for other in obj.named_children:
        if other is pair or other.type != "pair":
            continue
        value = unwrap(other.child_by_field_name("value"))
        vchain = member_chain(value)
        if len(vchain) >= 2 and vchain[0] == chain[0] and vchain[1] != chain[1]:
            return chain[0]
    return None


def _union_in_scope(node: Node) -> bool:
    """A union of schemas (`z.union([first, second, ...rest])`) in a function around the node: the per-element
    objects a `.map` made there are that union's members."""
    cur = node.parent
    seen = 0
    while cur is not None and seen < 3:
        if cur.type in FUNCTION_TYPES:
            seen += 1
            if _UNION_CALL.search(text(cur)):
                return True
        cur = cur.parent
    return False


_UNION_CALL = re.compile(r"\.(?:union|discriminatedUnion|Union)\(")


def _declares_class(det: Detector, name: str) -> bool:
    return bool(captures(det.ctx.grammar, det.ctx.root,
                         f'[(class_declaration name: (_) @k (#eq? @k "{name}")) '
                         f'(abstract_class_declaration name: (_) @k (#eq? @k "{name}"))]', "k", 4))


def _in_union(node: Node) -> bool:
    """The node sits in the arguments of a union of schemas (`z.union([...])`, `z.discriminatedUnion(k, [...])`)."""
    cur = node.parent
    for _ in range(40):
        if cur is None:
            return False
        if cur.type == "call_expression":
            chain = member_chain(unwrap(cur.child_by_field_name("function")))
            if chain[-1:] in (["union"], ["discriminatedUnion"], ["Union"]):
                return True
        cur = cur.parent
    return False


def _iterable(at: Node, elem: str) -> Node | None:
    """What the loop binding `elem` walks: `xs` of `for (const a of xs)` or of `xs.map((a) => ...)`."""
    node = at.parent
    for _ in range(60):
        if node is None:
            return None
        if node.type == "for_in_statement" and elem in text(node.child_by_field_name("left")):
            return node.child_by_field_name("right")
        if node.type in FUNCTION_TYPES and any(text(p).split(":")[0].strip() == elem for p in function_params(node)):
            parent = node.parent
            call = parent.parent if parent is not None and parent.type == "arguments" else None
            fn = unwrap(call.child_by_field_name("function")) if call is not None else None
            return fn.child_by_field_name("object") if fn is not None and fn.type == "member_expression" else None
        node = node.parent
    return None


def _literal_elements(det: Detector, at: Node, elem: str) -> list[Node] | None:
    """The object literals of the array the loop walks, when it is one of this file (`const actions = [{ name,
    schema, handler }, ...]`); None when it is not."""
    value = det.ctx.value_node(_iterable(at, elem))
    if value is None or value.type != "array":
        return None
    objects = [det.ctx.value_node(e) for e in value.named_children]
    return objects if objects and all(o is not None and o.type == "object" for o in objects) else None


def _action_object(det: Detector, obj: Node, key: str = "name") -> None:
    """One `{ name, description, schema, handler }` of a registry array (named by `key`)."""
    det.tools[:] = [c for c in det.tools if not _within(det.cand_nodes.get(id(c)), obj)]
    det.ctx.claim(obj)
    entries = det._entries(obj, sources=[])
    name = det.ctx.string_value(det._entry(entries, key)) if key in entries else None
    if not isinstance(name, str) or not name:
        det._unread(obj, "an action of a structured-output action schema whose name parr cannot read",
                    call=" ".join(text(obj).split())[:80])
        return
    handler = next((h for h in (det._handler(det._entry(entries, k)) for k in _HANDLER_KEYS if k in entries)
                    if h is not None), None)
    schema_node = det._entry(entries, *_SCHEMA_KEYS)
    if handler is None and schema_node is None:
        return  # a record with a name and nothing to run or fill: data the schema names, no action
    eff = det._effects_of(handler)
    info = det._schema_of(schema_node)
    typed, tev = det._typed(info, handler, eff)
    desc, dref = det._description(det._entry(entries, "description"))
    det._emit(node=obj, name=name, framework="unknown", style=_STYLE, schema=info.kind if info.declared else "none",
              typed=typed, typed_evidence=tev, description=desc, description_ref=dref, handler=handler, eff=eff)


def _name_of(expr: Node | None) -> str | None:
    """`x.name`, `x.name()`, `x.schema.name`: the element variable `x`."""
    if expr is not None and expr.type == "call_expression" and not args_of(expr):
        expr = unwrap(expr.child_by_field_name("function"))
    chain = member_chain(expr)
    return chain[0] if len(chain) >= 2 and chain[-1] == "name" and chain[0] not in ("this", "z") else None


def _builder_arg(obj: Node | None) -> bool:
    """The object (or the `Object.fromEntries(...)` making one) is the argument of an object-schema builder
    (`schema.extend({...})`, `z.object({...})`)."""
    args = obj.parent if obj is not None and obj.type in ("object", "call_expression") else None
    call = args.parent if args is not None and args.type == "arguments" else None
    if call is None or call.type != "call_expression":
        return False
    chain = member_chain(unwrap(call.child_by_field_name("function")))
    return bool(chain) and chain[-1] in _SCHEMA_BUILDERS


def _loop_element(ctx: Any, at: Node, name: str) -> bool:
    """`name` is the variable of a loop over a collection (`for (const a of xs)`, `xs.map((a) => ...)`)."""
    node = at.parent
    for _ in range(60):
        if node is None:
            return False
        if node.type == "for_in_statement":
            left = node.child_by_field_name("left")
            if left is not None and name in text(left):
                return True
        if node.type in FUNCTION_TYPES and any(text(p).split(":")[0].strip() == name for p in function_params(node)):
            parent = node.parent
            call = parent.parent if parent is not None and parent.type == "arguments" else None
            return call is not None and member_chain(unwrap(call.child_by_field_name("function")))[-1:] in (
                ["map"], ["forEach"], ["reduce"], ["flatMap"])
        node = node.parent
    return False


def _element_class(det: Detector, elem: str, at: Node) -> str | None:
    """The class of the collection's elements: from a type annotation (`actions: Action[]`, `(a: Action)`),
    else the one class of this file with a `name` method or getter the key calls."""
    ctx = det.ctx
    node = at.parent
    for _ in range(60):
        if node is None:
            break
        if node.type in FUNCTION_TYPES:
            for p in function_params(node):
                cls = _class_in_annotation(p)
                if cls is not None:
                    return cls
        node = node.parent
    named = [text(c.child_by_field_name("name")) for c in
             captures(ctx.grammar, ctx.root, "(class_declaration) @c", "c", 64)
             if any(text(m.child_by_field_name("name")) == "name" for m in
                    captures(ctx.grammar, c, "(method_definition) @m", "m", 200))]
    return named[0] if len(named) == 1 else None


def _class_in_annotation(param: Node) -> str | None:
    ann = next((c for c in param.named_children if c.type == "type_annotation"), None)
    if ann is None:
        return None
    t = text(ann).lstrip(":").strip()
    for prefix in ("readonly ",):
        t = t.removeprefix(prefix)
    if t.endswith("[]"):
        t = t[:-2].strip()
    elif t.startswith("Array<") and t.endswith(">"):
        t = t[6:-1].strip()
    else:
        return None
    return t if t.isidentifier() and t[:1].isupper() else None


def _action(det: Detector, new: Node, cls: str) -> None:
    """One `new Action(...)`: its name, description and schema from the definition it takes (an object
    literal, a constant of this file or one imported from the project), its effects from the handler."""
    ctx = det.ctx
    args = args_of(new)
    handler = next((h for h in (det._handler(a) for a in args) if h is not None), None)
    definition: dict[str, Any] | None = None
    entries: dict[str, Node] = {}
    for a in args:
        value = ctx.value_node(a)
        if value is not None and value.type == "object":
            entries = det._entries(value, sources=[])
            # a reader of raw definitions may have taken the literal already: it is this action, read here
            det.tools[:] = [c for c in det.tools if not _within(det.cand_nodes.get(id(c)), value)]
            break
        ref = det._import_ref(a)
        if ref is not None:
            definition = ref
            break
    if handler is None and entries:
        handler = next((h for h in (det._handler(det._entry(entries, k)) for k in _HANDLER_KEYS if k in entries)
                        if h is not None), None)
    eff = det._effects_of(handler)
    if definition is not None:
        name_ref, desc_ref = _deeper(definition, "name"), _deeper(definition, "description")
        cand = det._emit(node=new, name=name_ref, framework="unknown", style=_STYLE, schema="none", typed=False,
                         typed_evidence=[IMPORTED_DEFINITION], description_ref=desc_ref, handler=handler, eff=eff,
                         definition=definition)
        cand["at_definition"] = True
        return
    name = ctx.string_value(det._entry(entries, "name")) if "name" in entries else None
    if not isinstance(name, str) or not name:
        det._unread(new, "an action of a structured-output action schema whose name parr cannot read",
                    call=f"new {cls}(...)")
        return
    info = det._schema_of(det._entry(entries, *_SCHEMA_KEYS))
    typed, tev = det._typed(info, handler, eff)
    desc, dref = det._description(det._entry(entries, "description"))
    det._emit(node=new, name=name, framework="unknown", style=_STYLE, schema=info.kind if info.declared else "none",
              typed=typed, typed_evidence=tev, description=desc, description_ref=dref, handler=handler, eff=eff)


def _within(node: Node | None, outer: Node) -> bool:
    return node is not None and outer.start_byte <= node.start_byte and node.end_byte <= outer.end_byte


def _deeper(ref: dict[str, Any], key: str) -> dict[str, Any]:
    """`ref` read one key further (`defs.click` -> `defs.click.name`)."""
    return dict(ref, rest=[key]) if ref.get("member") else dict(ref, member=key)


# -- selectors: one output schema whose enum field names the action and whose other keys hold each one's payload ----
#
# `z.object({ think: z.string(), action: z.enum(Object.keys(actionSchemas)), ...actionSchemas })` with
# `actionSchemas.search = z.object({ searchRequests: ... }).optional()`, or the same written out
# (`action: z.enum(["search", "visit"]), search: z.object(...).optional(), visit: z.object(...).optional()`): the
# model fills the structured output by naming one action in the enum and filling that action's own object, so each
# action is a tool named by its key and typed by its object. Only an enum field named for an action or a tool, whose
# values are the keys of the payload objects beside it, counts: a config schema selecting a driver
# (`driver: z.enum(Object.keys(drivers)), ...drivers`) or a response with a kind and its fields is no action choice.
# The code that runs an action is the branch dispatching on it (`if (step.action === "coding") {...}`), in this file
# or another (`selector_branches`), and of that branch only the calls the chosen action's payload
# (`step.codingIssue`) reaches: the loop around it keeps its own state, which is no effect of the action.
SELECTOR_FIELDS = frozenset({"action", "next_action", "nextAction", "action_type", "actionType", "action_name",
                             "actionName", "tool", "tool_name", "toolName", "selected_tool", "selectedTool"})
SELECTOR_STYLE = "action_schema.selector"
# A dispatch on one of those fields (`x.action === "search"`, `case` of `switch (x.action)`): the byte screen.
DISPATCH_TRIGGER = bytes_re.fast(
    rb"\.(?:action|next_action|nextAction|action_type|actionType|action_name|actionName|tool|tool_name|toolName|"
    rb"selected_tool|selectedTool)\s*(?:===?\s*[\"'`]|\))")


def selectors(det: Detector) -> None:
    ctx = det.ctx
    for call in captures(ctx.grammar, ctx.root, "(call_expression) @c", "c", 1 << 14):
        chain = member_chain(unwrap(call.child_by_field_name("function")))
        if chain[-1:] != ["enum"] or not args_of(call):
            continue
        pair = _field_pair(call)
        if pair is None:
            continue
        field = _key_text(pair)
        obj = pair.parent
        if field not in SELECTOR_FIELDS or obj is None or obj.type != "object" or not _builder_arg(obj):
            continue
        actions = _selected_actions(det, unwrap(args_of(call)[0]), obj)
        if not actions:
            continue
        for key, schema, at in actions[:100]:
            if det.ctx.is_claimed(at):
                continue
            det.ctx.claim(at)
            info = det._schema_of(schema)
            eff = fx_effects(det, field, key, info)
            typed, tev = det._typed(info, None, eff)
            cand = det._emit(node=at, name=key, framework="unknown", style=SELECTOR_STYLE,
                             schema=info.kind if info.declared else "none", typed=typed, typed_evidence=tev, eff=eff)
            if not branch_calls(ctx, field).get(key):
                # no branch here runs it: the file dispatching on it (another one) is read by the project
                cand["selector"] = {"field": field, "value": key}


def _field_pair(call: Node) -> Node | None:
    """The `key: value` pair whose value is this call, maybe chained (`z.enum([...]).describe("...")`)."""
    cur = call
    for _ in range(8):
        p = cur.parent
        if p is None:
            return None
        if p.type == "pair":
            return p if p.child_by_field_name("value") == cur else None
        if p.type in ("member_expression", "call_expression", "parenthesized_expression", "as_expression",
                      "satisfies_expression"):
            cur = p
            continue
        return None
    return None


def _key_text(pair: Node) -> str | None:
    key = pair.child_by_field_name("key")
    if key is None:
        return None
    raw = text(key)
    return raw[1:-1] if key.type == "string" and len(raw) >= 2 else raw if key.type == "property_identifier" else None


def _selected_actions(det: Detector, arg: Node | None, obj: Node) -> list[tuple[str, Node, Node]]:
    """(action, its payload schema, where it is declared) of a selector enum: the keys of the registry spread into
    the same object (`Object.keys(X)` beside `...X`), or the literal values that key payload objects beside it."""
    if arg is None:
        return []
    while arg is not None and arg.type in ("as_expression", "satisfies_expression", "parenthesized_expression"):
        arg = unwrap(arg.named_children[0]) if arg.named_children else None
    if arg is not None and arg.type == "call_expression" and member_chain(unwrap(arg.child_by_field_name("function")))[-1:] \
            in (["map"], ["filter"]):
        # Object.keys(X).map((key) => key): the same keys
        fn = unwrap(arg.child_by_field_name("function"))
        arg = unwrap(fn.child_by_field_name("object")) if fn is not None and fn.type == "member_expression" else None
    if arg is None:
        return []
    if arg.type == "call_expression" and member_chain(unwrap(arg.child_by_field_name("function"))) == ["Object", "keys"]:
        inner = unwrap(args_of(arg)[0]) if args_of(arg) else None
        if inner is None or inner.type != "identifier":
            return []
        registry = text(inner)
        spread = any(c.type == "spread_element" and c.named_children and text(unwrap(c.named_children[0])) == registry
                     for c in obj.named_children)
        return _registry_entries(det, inner) if spread else []
    if arg.type == "array":
        values = [_plain_string(v) for v in arg.named_children]
        if len(values) < 2 or any(v is None for v in values):
            return []
        entries = object_entries(obj)
        out: list[tuple[str, Node, Node]] = []
        for v in values:
            entry = entries.get(v)  # type: ignore[arg-type]
            value = unwrap(entry.child_by_field_name("value")) if entry is not None and entry.type == "pair" else None
            if value is None or not _object_schema(value):
                return []
            out.append((v, value, entry))  # type: ignore[arg-type]
        return out
    return []


def _plain_string(node: Node | None) -> str | None:
    node = unwrap(node)
    if node is None or node.type != "string":
        return None
    inner = [c for c in node.named_children if c.type == "string_fragment"]
    return text(inner[0]) if len(inner) == 1 else None


def _object_schema(node: Node | None) -> bool:
    """`z.object({...})`, maybe chained (`.optional()`, `.describe(...)`): an action's own payload object."""
    cur = unwrap(node)
    for _ in range(8):
        if cur is None or cur.type != "call_expression":
            return False
        chain = member_chain(unwrap(cur.child_by_field_name("function")))
        if chain[-1:] in (["object"], ["strictObject"], ["looseObject"], ["Object"]):
            return True
        fn = unwrap(cur.child_by_field_name("function"))
        cur = unwrap(fn.child_by_field_name("object")) if fn is not None and fn.type == "member_expression" else None
    return False


def _registry_entries(det: Detector, ident: Node) -> list[tuple[str, Node, Node]]:
    """The entries of the object `ident` names, as written where it is declared and as assigned after
    (`X.search = z.object(...)`, `X["visit"] = ...`) in the function or module declaring it."""
    ctx = det.ctx
    b = ctx.lookup(ident, text(ident))
    if b is None or b.kind not in ("var", "default") or b.node is None:
        return []
    value = unwrap(b.node)
    out: list[tuple[str, Node, Node]] = []
    if value is not None and value.type == "object":
        for key, entry in object_entries(value).items():
            v = unwrap(entry.child_by_field_name("value")) if entry.type == "pair" else None
            if v is not None and _object_schema(v):
                out.append((key, v, entry))
    scope = value.parent if value is not None else None
    while scope is not None and scope.type not in FUNCTION_TYPES and scope.type != "program":
        scope = scope.parent
    if scope is None:
        return out
    name = text(ident)
    for assign in captures(ctx.grammar, scope, "(assignment_expression) @a", "a", 1 << 12):
        left = unwrap(assign.child_by_field_name("left"))
        right = unwrap(assign.child_by_field_name("right"))
        if left is None or right is None or left.type not in ("member_expression", "subscript_expression"):
            continue
        target = unwrap(left.child_by_field_name("object"))
        if target is None or target.type != "identifier" or text(target) != name:
            continue
        if left.type == "member_expression":
            key = text(left.child_by_field_name("property"))
        else:
            key = _plain_string(left.child_by_field_name("index"))
        if key and _object_schema(right) and all(k != key for k, _, _ in out):
            out.append((key, right, assign.parent if assign.parent is not None else assign))
    return out


def fx_effects(det: Detector, field: str, value: str, info: Any) -> Any:
    """The effects of the branch of this file that runs the action (see `branch_calls`)."""
    return branch_effects(det.ctx, branch_calls(det.ctx, field).get(value) or [])


def branch_effects(ctx: Any, calls: list[Node]) -> Any:
    from parr.scan.typescript import effects as fx

    eff = fx.Effects()
    for call in calls:
        eff.merge(fx.analyze(ctx, call))
    return eff


def branch_facts(ctx: Any) -> dict[str, dict]:
    """`"<field>:<action>"` -> the effects (as facts) of the calls its dispatch branch feeds, for the selector
    fields this file dispatches on: read when a selector action of another file looks for the code running it."""
    from parr.scan.typescript import effects as fx

    out: dict[str, dict] = {}
    for field in sorted(SELECTOR_FIELDS):
        if ("." + field).encode() not in ctx.source:
            continue
        for value, calls in sorted(branch_calls(ctx, field).items())[:100]:
            fact = fx.effects_fact(branch_effects(ctx, calls)) if calls else {}
            out[f"{field}:{value}"] = fact
    return out


def branch_calls(ctx: Any, field: str | None = None) -> dict[str, list[Node]]:
    """Action -> the calls of its dispatch branch (`if (x.<field> === "k") {...}`, `case "k":` of `switch
    (x.<field>)`) that the dispatched object's other members reach (`solve(x.codingIssue)`), for a selector field
    (`field`, or every one of SELECTOR_FIELDS when None). Calls that do not take the chosen action's payload are
    the loop's own (logging, its state) and are left out."""
    cache = ctx.__dict__.setdefault("_selector_branches", {})
    if field in cache:
        return cache[field]
    fields = {field} if field else SELECTOR_FIELDS
    out: dict[str, list[Node]] = {}
    for node in captures(ctx.grammar, ctx.root, "[(if_statement) (switch_statement)] @s", "s", 1 << 12):
        if node.type == "if_statement":
            hit = _compared(node.child_by_field_name("condition"), fields)
            body = node.child_by_field_name("consequence")
            if hit is None or body is None:
                continue
            root, value = hit
            out.setdefault(value, []).extend(_fed_calls(body, root, fields))
        else:
            subject = unwrap(node.child_by_field_name("value"))
            chain = member_chain(subject) if subject is not None else []
            if len(chain) < 2 or chain[-1] not in fields:
                continue
            root = ".".join(chain[:-1])
            body = node.child_by_field_name("body")
            pending: list[str] = []
            for case in body.named_children if body is not None else ():
                if case.type != "switch_case":
                    continue
                v = _plain_string(case.child_by_field_name("value"))
                if v is not None:
                    pending.append(v)
                if any(c.type != "comment" for c in case.children_by_field_name("body")):
                    for one in pending:
                        out.setdefault(one, []).extend(_fed_calls(case, root, fields))
                    pending = []
    cache[field] = out
    return out


def _compared(cond: Node | None, fields: set[str] | frozenset[str]) -> tuple[str, str] | None:
    """(`x`, "k") of `x.<field> === "k"`, alone or first of an `&&` chain."""
    cond = unwrap(cond)
    for _ in range(8):
        if cond is None or cond.type != "binary_expression":
            return None
        op = text(cond.child_by_field_name("operator"))
        if op == "&&":
            left = unwrap(cond.child_by_field_name("left"))
            hit = _compared(left, fields)
            if hit is not None:
                return hit
            cond = unwrap(cond.child_by_field_name("right"))
            continue
        if op not in ("===", "=="):
            return None
        for a, b in ((cond.child_by_field_name("left"), cond.child_by_field_name("right")),
                     (cond.child_by_field_name("right"), cond.child_by_field_name("left"))):
            value = _plain_string(b)
            chain = member_chain(unwrap(a)) if a is not None else []
            if value is not None and len(chain) >= 2 and chain[-1] in fields:
                return ".".join(chain[:-1]), value
        return None
    return None


def _fed_calls(body: Node, root: str, fields: set[str] | frozenset[str]) -> list[Node]:
    """The calls in `body` with an argument reading a member of `root` other than the selector field; every
    call of the branch when none does (what it runs does not show in its arguments: fail closed)."""
    out: list[Node] = []
    prefix = root + "."
    calls = captures_calls(body)
    for call in calls:
        args = call.child_by_field_name("arguments")
        if args is None:
            continue
        for member in _members(args):
            chain = member_chain(member)
            joined = ".".join(chain)
            if joined.startswith(prefix) and len(chain) > root.count(".") + 1 and chain[root.count(".") + 1] not in fields:
                out.append(call)
                break
    return out[:20] if out else calls[:20]


def captures_calls(body: Node) -> list[Node]:
    from parr.scan.typescript.nodes import iter_descendants

    return [n for n in iter_descendants(body, 20_000) if n.type in ("call_expression", "new_expression")]


def _members(node: Node) -> list[Node]:
    from parr.scan.typescript.nodes import iter_descendants

    return [n for n in iter_descendants(node, 2_000) if n.type == "member_expression"
            and (n.parent is None or n.parent.type != "member_expression")]


# -- typed definitions: the actions of a builder walking a list of an interface or type ---------------------------
#
# `const getActionSchema = (actions: Array<AgentAction>) => z.union(actions.map((a) => z.object({ type:
# z.literal(a.type), params: a.actionParams })))` names no action: they are the object literals the project declares
# with that type, `export const clickAction: AgentAction = { type: "click", actionParams: z.object(...), run }` or the
# one a function typed to return it builds (`(schema): AgentAction => ({ type: "complete", ... })`). Each is read
# here as a candidate (`typed_def`: the type, its literal strings by key); the project phase keeps those of a type
# some builder walks, named by the builder's key. Only a literal with a string, a schema and a function to run
# counts (a config object of a named type has no schema and no handler). Whether a declaration reaches the list is
# reach.py's question, as for any inert definition: one nothing reads (an import only a comment uses) is none.
TYPED_DEF_TRIGGER = bytes_re.fast(
    rb"(?:const|let|var)\s+[A-Za-z_$][\w$]*\s*:\s*[A-Z][\w$]*(?:<[^=;\n]{0,200}>)?\s*=\s*\{|"
    rb"\)\s*:\s*[A-Z][\w$]*(?:<[^=;\n]{0,200}>)?\s*(?:=>\s*\(?\s*)?\{")
TYPED_STYLE = "action_schema.typed"
_TYPED_RUN = bytes_re.fast(rb"=>|\bfunction\b|\b[A-Za-z_$][\w$]*\s*\([^)]*\)\s*\{")


# (the schema an action declares is built with a schema library the file imports)
_SCHEMA_IMPORT = bytes_re.fast(rb"(?:from\s*|require\(\s*)[\"'](?:zod|valibot|@sinclair/typebox|effect|arktype)[\"'/]")


def typed_screen(source: bytes) -> bool:
    """The cheap screen: a schema library imported, a declaration typed with a capitalized name holding an object,
    and a function."""
    return _SCHEMA_IMPORT.search(source) is not None and TYPED_DEF_TRIGGER.search(source) is not None and \
        _TYPED_RUN.search(source) is not None


def _type_name(ann: Node | None) -> str | None:
    """`AgentAction` of `: AgentAction` or `: AgentAction<P>`: a capitalized type by its bare name."""
    if ann is None:
        return None
    t = text(ann).lstrip(":").strip()
    t = t.split("<", 1)[0].strip()
    return t if t.isidentifier() and t[:1].isupper() else None


def typed_definitions(det: Detector) -> None:
    ctx = det.ctx
    found: list[tuple[Node, str]] = []
    for decl in captures(ctx.grammar, ctx.root, "(variable_declarator type: (type_annotation) value: (_)) @d", "d",
                         1 << 12):
        t = _type_name(decl.child_by_field_name("type"))
        value = unwrap(decl.child_by_field_name("value"))
        if t is not None and value is not None and value.type == "object":
            found.append((value, t))
    for fn in captures(ctx.grammar, ctx.root, "[(arrow_function return_type: (_)) (function_declaration return_type: "
                                              "(_)) (function_expression return_type: (_)) (method_definition "
                                              "return_type: (_))] @f", "f", 1 << 12):
        t = _type_name(fn.child_by_field_name("return_type"))
        body = unwrap(fn.child_by_field_name("body"))
        if t is None or body is None:
            continue
        if body.type == "object":
            found.append((body, t))
            continue
        for stmt in body.named_children if body.type == "statement_block" else ():
            value = unwrap(stmt.named_children[0]) if stmt.type == "return_statement" and stmt.named_children else None
            if value is not None and value.type == "object":
                found.append((value, t))
    for obj, t in found[:200]:
        _typed_definition(det, obj, t)


def _typed_definition(det: Detector, obj: Node, type_name: str) -> None:
    if det.ctx.is_claimed(obj):
        return
    entries = det._entries(obj, sources=[])
    names: dict[str, str] = {}
    handler = None
    other_fn = None  # a function under another key: the one to run when no key says so (`perform`)
    schema_key = None
    info = None
    for key in list(entries)[:40]:
        value = det._entry(entries, key)
        if value is None:
            continue
        v = det.ctx.string_value(value) if unwrap(value) is not None and unwrap(value).type in (
            "string", "template_string", "as_expression", "identifier", "member_expression") else None
        if isinstance(v, str) and v:
            names[key] = v
            continue
        fn = det._handler(value) if entries[key].type == "method_definition" or is_function(unwrap(value)) or \
            key in _HANDLER_KEYS else None
        if fn is not None:
            if handler is None and key in _HANDLER_KEYS:
                handler = fn
            elif other_fn is None:
                other_fn = fn
            continue
        if schema_key is None:
            one = det._schema_of(value)
            if one.declared and one.kind in ("zod", "json_schema"):
                schema_key, info = key, one
    handler = handler or other_fn
    if not names or handler is None or info is None:
        return
    eff = det._effects_of(handler)
    typed, tev = det._typed(info, handler, eff)
    desc, dref = det._description(det._entry(entries, "description"))
    if desc is None and dref is None:
        desc = info.description if isinstance(getattr(info, "description", None), str) else None
    first = next(iter(names.values()))
    cand = det._emit(node=obj, name=first, framework="unknown", style=TYPED_STYLE, schema=info.kind, typed=typed,
                     typed_evidence=tev, description=desc, description_ref=dref, handler=handler, eff=eff)
    cand["typed_def"] = {"type": type_name, "names": names}
