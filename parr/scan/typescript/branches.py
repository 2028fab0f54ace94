"""Literal arguments a call passes to a helper of the same file, and the branches of the helper they
decide: `if (method === "GET")`, `switch (method) { case "DELETE": ... }`, `["PUT", "PATCH"].includes(m)`.
The helper is read with those values bound (parr.scan.typescript.effects.analyze): the branches not
taken are skipped, and `fetch(url, { method })` sends the bound method. A test parr cannot decide
leaves both branches (fail closed)."""

from __future__ import annotations

from tree_sitter import Node

from parr.scan.typescript.nodes import (
    args_of, function_params, iter_descendants, object_entries, param_pattern, string_literal, text,
    unwrap,
)
from parr.scan.typescript.values import FileCtx

_EXITS = frozenset({"break_statement", "return_statement", "throw_statement", "continue_statement"})


def bind_call(ctx: FileCtx, target: Node, call: Node, caller_bound: dict[str, str]) -> dict[str, str]:
    """The helper's parameters -> the literal string this call passes (or their defaults)."""
    out: dict[str, str] = {}
    args = args_of(call)
    if any(a.type == "spread_element" for a in args):
        return out
    for i, param in enumerate(function_params(target)):
        pattern = param_pattern(param)
        default = param.child_by_field_name("value") if param.type in ("required_parameter", "optional_parameter") \
            else param.child_by_field_name("right") if param.type == "assignment_pattern" else None
        arg = args[i] if i < len(args) else None
        if pattern is not None and pattern.type == "identifier":
            value = _literal(ctx, arg, caller_bound) if arg is not None else _literal(ctx, default, {})
            if value is not None:
                out[text(pattern)] = value
        elif pattern is not None and pattern.type == "object_pattern":
            obj = unwrap(arg)
            given = object_entries(obj) if obj is not None and obj.type == "object" else None
            if arg is not None and given is None:
                continue  # an object parr cannot read: no field is known
            for child in pattern.named_children:
                name, dflt = None, None
                if child.type == "shorthand_property_identifier_pattern":
                    name = text(child)
                elif child.type == "object_assignment_pattern":
                    left = child.child_by_field_name("left")
                    if left is not None and left.type == "shorthand_property_identifier_pattern":
                        name, dflt = text(left), child.child_by_field_name("right")
                if name is None:
                    continue
                entry = (given or {}).get(name)
                if entry is not None:
                    v = unwrap(entry.child_by_field_name("value")) if entry.type == "pair" else entry
                    value = _literal(ctx, v, caller_bound)
                elif given is not None and any(c.type == "spread_element" for c in obj.named_children):
                    value = None
                else:
                    value = _literal(ctx, dflt, {})
                if value is not None:
                    out[name] = value
    return out


def _literal(ctx: FileCtx, node: Node | None, bound: dict[str, str]) -> str | None:
    node = unwrap(node)
    if node is None:
        return None
    if node.type in ("identifier", "shorthand_property_identifier") and text(node) in bound:
        b = ctx.lookup(node, text(node))
        if b is not None and b.kind == "param":
            return bound[text(node)]
    value = ctx.string_value(node)
    return value if isinstance(value, str) and len(value) <= 64 else None


def _subject(node: Node | None, bound: dict[str, str]) -> str | None:
    """The bound value a test compares: `method`, `method.toUpperCase()`."""
    node = unwrap(node)
    if node is None:
        return None
    if node.type == "identifier":
        return bound.get(text(node))
    if node.type == "call_expression" and not args_of(node):
        f = unwrap(node.child_by_field_name("function"))
        if f is not None and f.type == "member_expression":
            prop = text(f.child_by_field_name("property"))
            obj = unwrap(f.child_by_field_name("object"))
            if obj is not None and obj.type == "identifier" and text(obj) in bound:
                if prop == "toUpperCase":
                    return bound[text(obj)].upper()
                if prop == "toLowerCase":
                    return bound[text(obj)].lower()
    return None


def decide(node: Node | None, bound: dict[str, str]) -> bool | None:
    """The value of a test with the bound literals, or None when parr cannot tell."""
    node = unwrap(node)
    if node is None:
        return None
    if node.type == "unary_expression" and text(node.child_by_field_name("operator")) == "!":
        v = decide(node.child_by_field_name("argument"), bound)
        return None if v is None else not v
    if node.type == "binary_expression":
        op = text(node.child_by_field_name("operator"))
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if op in ("&&", "||"):
            a, b = decide(left, bound), decide(right, bound)
            if op == "&&":
                return False if a is False or b is False else True if a and b else None
            return True if a is True or b is True else False if a is False and b is False else None
        if op in ("===", "==", "!==", "!="):
            subj, lit = _subject(left, bound), string_literal(right)
            if subj is None or lit is None:
                subj, lit = _subject(right, bound), string_literal(left)
            if subj is None or lit is None:
                return None
            return (subj == lit) == (op in ("===", "=="))
        return None
    if node.type == "call_expression":
        f = unwrap(node.child_by_field_name("function"))
        args = args_of(node)
        if f is not None and f.type == "member_expression" and text(f.child_by_field_name("property")) == "includes" \
                and len(args) == 1:
            arr = unwrap(f.child_by_field_name("object"))
            subj = _subject(args[0], bound)
            if arr is not None and arr.type == "array" and subj is not None:
                values = [string_literal(x) for x in arr.named_children]
                if values and all(v is not None for v in values):
                    return subj in values
    return None


def skipped(fn: Node, bound: dict[str, str]) -> list[tuple[int, int]]:
    """Byte ranges of the branches of `fn` the bound literals do not take."""
    if not bound:
        return []
    out: list[tuple[int, int]] = []
    for node in iter_descendants(fn, 60_000):
        if node.type == "if_statement":
            v = decide(node.child_by_field_name("condition"), bound)
            branch = node.child_by_field_name("alternative") if v is True else \
                node.child_by_field_name("consequence") if v is False else None
            if branch is not None:
                out.append((branch.start_byte, branch.end_byte))
            parent = node.parent
            if parent is not None and parent.type in ("statement_block", "program", "switch_case") and _chain_exits(node, bound):
                # if (method === "GET") { return ... }: what follows runs only for other methods
                out.append((node.end_byte, parent.end_byte))
        elif node.type == "ternary_expression":
            v = decide(node.child_by_field_name("condition"), bound)
            branch = node.child_by_field_name("alternative") if v is True else \
                node.child_by_field_name("consequence") if v is False else None
            if branch is not None:
                out.append((branch.start_byte, branch.end_byte))
        elif node.type == "switch_statement":
            out += _switch_skips(node, bound)
    return out


def _chain_exits(node: Node, bound: dict[str, str]) -> bool:
    """The branch an if / else-if chain takes with the bound literals always returns or throws."""
    cur = node
    for _ in range(20):
        v = decide(cur.child_by_field_name("condition"), bound)
        if v is None:
            return False
        if v:
            return _block_exits(cur.child_by_field_name("consequence"))
        alt = cur.child_by_field_name("alternative")
        if alt is None:
            return False
        inner = next((c for c in alt.named_children if c.type != "comment"), None)
        if inner is not None and inner.type == "if_statement":
            cur = inner
            continue
        return _block_exits(inner)
    return False


def _block_exits(stmt: Node | None) -> bool:
    if stmt is None:
        return False
    if stmt.type == "statement_block":
        inner = [c for c in stmt.named_children if c.type != "comment"]
        return bool(inner) and inner[-1].type in ("return_statement", "throw_statement")
    return stmt.type in ("return_statement", "throw_statement")


def _switch_skips(node: Node, bound: dict[str, str]) -> list[tuple[int, int]]:
    subj = _subject(node.child_by_field_name("value"), bound)
    body = node.child_by_field_name("body")
    if subj is None or body is None:
        return []
    cases = [c for c in body.named_children if c.type in ("switch_case", "switch_default")]
    values = []
    for c in cases:
        if c.type == "switch_default":
            values.append(None)
            continue
        v = string_literal(c.child_by_field_name("value"))
        if v is None:
            return []  # a case parr cannot read: it may be the one taken
        values.append(v)
    start = next((i for i, v in enumerate(values) if v == subj), None)
    if start is None:
        start = next((i for i, c in enumerate(cases) if c.type == "switch_default"), None)
    if start is None:
        return [(c.start_byte, c.end_byte) for c in cases]
    taken = {start}
    i = start
    while i < len(cases) - 1 and not _ends_in_exit(cases[i]):
        i += 1  # falls through into the next case
        taken.add(i)
    return [(c.start_byte, c.end_byte) for k, c in enumerate(cases) if k not in taken]


def _ends_in_exit(case: Node) -> bool:
    stmts = [c for c in case.named_children if c.type.endswith("statement") or c.type == "statement_block"]
    if not stmts:
        return False
    last = stmts[-1]
    if last.type == "statement_block":
        inner = [c for c in last.named_children if c.type != "comment"]
        return bool(inner) and inner[-1].type in _EXITS
    return last.type in _EXITS



_HTTP_METHODS = ("DELETE", "GET", "PATCH", "POST", "PUT")


def tested_values(fn: Node, name: str, limit: int = 8) -> list[str]:
    """The literals the body of `fn` compares its parameter `name` with (===, switch cases,
    [..].includes), and the HTTP methods when it is a request's `method`: the values for which
    its effects are read ahead for callers in other files."""
    values: list[str] = []

    def add(v: str | None) -> None:
        if v is not None and v not in values and len(values) < limit:
            values.append(v)

    probe = {name: "\0"}
    for node in iter_descendants(fn, 60_000):
        t = node.type
        if t == "binary_expression" and text(node.child_by_field_name("operator")) in ("===", "==", "!==", "!="):
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            for a, b in ((left, right), (right, left)):
                if _subject(a, probe) is not None:
                    add(string_literal(b))
        elif t == "switch_statement" and _subject(node.child_by_field_name("value"), probe) is not None:
            body = node.child_by_field_name("body")
            for c in body.named_children if body is not None else ():
                if c.type == "switch_case":
                    add(string_literal(c.child_by_field_name("value")))
        elif t == "call_expression" and text(node.child_by_field_name("function")).endswith(".includes"):
            args = args_of(node)
            f = unwrap(node.child_by_field_name("function"))
            arr = unwrap(f.child_by_field_name("object")) if f is not None and f.type == "member_expression" else None
            if len(args) == 1 and _subject(args[0], probe) is not None and arr is not None and arr.type == "array":
                for x in arr.named_children:
                    add(string_literal(x))
        elif t in ("pair", "shorthand_property_identifier") and _method_entry(node, name):
            for m in _HTTP_METHODS:
                add(m)
    return values


def _method_entry(node: Node, name: str) -> bool:
    """`{ method }` or `{ method: name }` naming the parameter."""
    if node.type == "shorthand_property_identifier":
        return text(node) == name == "method"
    key, value = node.child_by_field_name("key"), unwrap(node.child_by_field_name("value"))
    return text(key).strip("'\"") == "method" and _subject(value, {name: ""}) is not None


def param_default(param: Node) -> Node | None:
    if param.type in ("required_parameter", "optional_parameter"):
        return param.child_by_field_name("value")
    if param.type == "assignment_pattern":
        return param.child_by_field_name("right")
    return None


def bound_value(node: Node, bound: dict[str, str]) -> str | None:
    """The bound literal an expression is (`method`, `method.toUpperCase()`), or None."""
    return _subject(node, bound)
