"""Tree-sitter plumbing for the TypeScript/JavaScript scanner: parsers, node helpers, literal values.

Everything here works on syntax nodes; nothing evaluates the scanned code.
"""

from __future__ import annotations

import codecs
from functools import lru_cache

from tree_sitter import Language, Node, Parser, Query, QueryCursor

# Grammar per file extension. JSX files go through the JavaScript grammar, which parses JSX.
_GRAMMAR_BY_EXT = {
    ".ts": "typescript", ".mts": "typescript", ".cts": "typescript",
    ".tsx": "tsx",
    ".js": "javascript", ".jsx": "javascript", ".mjs": "javascript", ".cjs": "javascript",
}

FUNCTION_TYPES = frozenset({
    "arrow_function", "function_expression", "function", "function_declaration",
    "generator_function", "generator_function_declaration", "method_definition",
})
# Nodes that only wrap an expression and do not change its value.
_TRANSPARENT = frozenset({
    "parenthesized_expression", "as_expression", "satisfies_expression", "non_null_expression",
    "type_assertion", "await_expression",
})


def grammar_for(rel_path: str) -> str | None:
    lower = rel_path.lower()
    if lower.endswith(".d.ts") or lower.endswith(".d.mts") or lower.endswith(".d.cts"):
        return None
    dot = lower.rfind(".")
    if dot < 0:
        return None
    return _GRAMMAR_BY_EXT.get(lower[dot:])


@lru_cache(maxsize=None)
def language(grammar: str) -> Language:
    if grammar == "javascript":
        import tree_sitter_javascript as tsj

        return Language(tsj.language())
    import tree_sitter_typescript as tst

    return Language(tst.language_tsx() if grammar == "tsx" else tst.language_typescript())


@lru_cache(maxsize=None)
def parser(grammar: str) -> Parser:
    return Parser(language(grammar))


@lru_cache(maxsize=None)
def query(grammar: str, source: str) -> Query:
    return Query(language(grammar), source)


def captures(grammar: str, node: Node, pattern: str, name: str, limit: int = 1 << 14) -> list[Node]:
    """Nodes of one capture of a query run over `node`, in source order. The order captures() itself
    gives changes with Python's hash seed, and it reaches evidence and names: never use it unsorted."""
    found = QueryCursor(query(grammar, pattern), match_limit=limit).captures(node).get(name, [])
    return sorted(found, key=lambda n: (n.start_byte, n.end_byte))


def captures_each(grammar: str, node: Node, pattern: str, names: tuple[str, ...],
                  limit: int = 1 << 14) -> list[list[Node]]:
    """`captures` of several capture names of one query, from one run of it: a list each, as `captures` gives."""
    found = QueryCursor(query(grammar, pattern), match_limit=limit).captures(node)
    return [sorted(found.get(name, []), key=lambda n: (n.start_byte, n.end_byte)) for name in names]


def text(node: Node | None) -> str:
    if node is None:
        return ""
    return node.text.decode("utf-8", "replace")


def line(node: Node) -> int:
    return node.start_point[0] + 1


def key(node: Node) -> tuple[int, int, str]:
    """A stable identity for a node within one tree."""
    return (node.start_byte, node.end_byte, node.type)


def unwrap(node: Node | None) -> Node | None:
    """Strip parentheses, `as`, `satisfies`, `!` and `await` around an expression."""
    while node is not None and node.type in _TRANSPARENT:
        inner = None
        for child in node.named_children:
            if child.type != "comment":  # `(\n // why\n a ?? b)`
                inner = child
                break
        node = inner
    return node


def one_line(node: Node, limit: int = 60) -> str:
    """The node's source on one line, cut to `limit` characters (for a site's `call`)."""
    return " ".join(text(node).split())[:limit]


def args_of(call: Node) -> list[Node]:
    """Named argument nodes of a call or `new` expression (comments dropped)."""
    arguments = call.child_by_field_name("arguments")
    if arguments is None:
        return []
    if arguments.type == "template_string":
        return [arguments]
    return [c for c in arguments.named_children if c.type != "comment"]


def callee_name(call: Node) -> str:
    """`foo` for foo(...), `bar` for a.b.bar(...), '' otherwise."""
    fn = unwrap(call.child_by_field_name("function") or call.child_by_field_name("constructor"))
    if fn is None:
        return ""
    if fn.type == "identifier":
        return text(fn)
    if fn.type == "member_expression":
        return text(fn.child_by_field_name("property"))
    return ""


def member_root(node: Node | None) -> Node | None:
    """The identifier a member expression starts from (`input` in input.args.action), or None when
    it starts from something else (a call, `this`, a literal)."""
    root = unwrap(node)
    while root is not None and root.type == "member_expression":
        root = unwrap(root.child_by_field_name("object"))
    return root if root is not None and root.type == "identifier" else None


def member_chain(node: Node | None) -> list[str]:
    """['a', 'b', 'c'] for a.b.c; `this` and call results appear as 'this' and '()'."""
    parts: list[str] = []
    node = unwrap(node)
    depth = 0
    while node is not None and depth < 64:
        depth += 1
        if node.type == "member_expression":
            parts.append(text(node.child_by_field_name("property")))
            node = unwrap(node.child_by_field_name("object"))
        elif node.type in ("identifier", "property_identifier", "shorthand_property_identifier"):
            parts.append(text(node))
            break
        elif node.type == "this":
            parts.append("this")
            break
        elif node.type == "call_expression":
            parts.append("()")
            node = unwrap(node.child_by_field_name("function"))
        elif node.type == "subscript_expression":
            parts.append("[]")
            node = unwrap(node.child_by_field_name("object"))
        else:
            parts.append("?")
            break
    parts.reverse()
    return parts


def property_key(pair_or_member: Node) -> str | None:
    """The static key of an object pair / method / shorthand property, or None when computed."""
    t = pair_or_member.type
    if t == "shorthand_property_identifier":
        return text(pair_or_member)
    k = pair_or_member.child_by_field_name("key") or pair_or_member.child_by_field_name("name")
    if k is None:
        return None
    if k.type in ("property_identifier", "identifier", "private_property_identifier", "number"):
        return text(k)
    if k.type == "string":
        return string_literal(k)
    return None


def object_entries(obj: Node) -> dict[str, Node]:
    """Static keys of an object literal mapped to their pair (or method/shorthand) node."""
    out: dict[str, Node] = {}
    for child in obj.named_children:
        if child.type in ("pair", "method_definition", "shorthand_property_identifier"):
            k = property_key(child)
            if k is not None and k not in out:
                out[k] = child
    return out


def entry_value(entry: Node) -> Node | None:
    """The value node of an object entry: pair value, the method itself, or the shorthand identifier."""
    if entry.type == "pair":
        return unwrap(entry.child_by_field_name("value"))
    return entry


_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def _escape(seq: str) -> str:
    body = seq[1:]
    if not body:
        return ""
    if body[0] in _SIMPLE_ESCAPES and len(body) == 1:
        return _SIMPLE_ESCAPES[body[0]]
    if body[0] in "\r\n":
        return ""  # line continuation
    if body[0] == "u" and body[1:2] == "{":
        try:
            return chr(int(body[2:-1], 16))
        except ValueError:
            return ""
    if body[0] in "ux":
        try:
            return codecs.decode(seq, "unicode_escape")
        except (UnicodeDecodeError, ValueError):
            return ""
    return body


def string_literal(node: Node | None) -> str | None:
    """The value of a string literal, or a template literal without substitutions."""
    node = unwrap(node)
    if node is None:
        return None
    if node.type == "string":
        parts = []
        for child in node.named_children:
            if child.type == "string_fragment":
                parts.append(text(child))
            elif child.type == "escape_sequence":
                parts.append(_escape(text(child)))
        return "".join(parts)
    if node.type == "template_string":
        parts = []
        for child in node.named_children:
            if child.type == "string_fragment":
                parts.append(text(child))
            elif child.type == "escape_sequence":
                parts.append(_escape(text(child)))
            elif child.type == "template_substitution":
                return None
        return "".join(parts)
    return None


def is_function(node: Node | None) -> bool:
    return node is not None and node.type in FUNCTION_TYPES


def exported_functions(root: Node):
    """(name, function node) of each function a module exports where it declares it: `export function f`,
    `export const f = (...) => ...` / `function (...) {...}`, in source order."""
    for stmt in root.named_children:
        decl = stmt.child_by_field_name("declaration") if stmt.type == "export_statement" else None
        if decl is None:
            continue
        if decl.type == "function_declaration" and decl.child_by_field_name("name") is not None:
            yield text(decl.child_by_field_name("name")), decl
        elif decl.type in ("lexical_declaration", "variable_declaration"):
            for d in decl.named_children:
                n, v = d.child_by_field_name("name"), unwrap(d.child_by_field_name("value"))
                if d.type == "variable_declarator" and n is not None and n.type == "identifier" and is_function(v):
                    yield text(n), v


def function_params(fn: Node) -> list[Node]:
    params = fn.child_by_field_name("parameters")
    if params is None:
        single = fn.child_by_field_name("parameter")  # `x => ...`
        return [single] if single is not None else []
    return [p for p in params.named_children if p.type != "comment"]


def param_pattern(param: Node) -> Node | None:
    """The binding pattern of a formal parameter (TS wraps it in required/optional_parameter)."""
    if param.type in ("required_parameter", "optional_parameter"):
        return param.child_by_field_name("pattern")
    if param.type == "assignment_pattern":
        return param.child_by_field_name("left")
    return param


def param_has_any_type(param: Node) -> bool:
    """True when the parameter is annotated `any`/`unknown`."""
    t = param.child_by_field_name("type")
    if t is None:
        return False
    ann = text(t).lstrip(":").strip()
    return ann in ("any", "unknown")


def iter_descendants(node: Node, max_nodes: int = 200_000):
    """Pre-order walk of a subtree with a cursor (no recursion), bounded in size."""
    cursor = node.walk()
    count = 0
    while True:
        yield cursor.node
        count += 1
        if count >= max_nodes:
            return
        if cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return
            if cursor.node == node:
                return
        # loop continues on the sibling


def ancestors(node: Node, limit: int = 200):
    parent = node.parent
    n = 0
    while parent is not None and n < limit:
        yield parent
        parent = parent.parent
        n += 1


# Deeper than this, a syntax tree is not analysed (the file is reported as too deep). Written code
# stays far below it; past it tree-sitter's query matching slows down without bound (a 400 KB
# object nested 40,000 deep takes minutes) and parr's own recursive readers run out of stack.
MAX_TREE_DEPTH = 400
_OPENERS = (b"{", b"(", b"[", b"<")


class TreeTooDeep(RecursionError):
    """A syntax tree nested deeper than MAX_TREE_DEPTH: handled like running out of stack."""


# An ERROR node wider than this (tree-sitter could not recover from a syntax error, and put what
# followed into one node) is not queried: matching over it is quadratic (a 760 KB file after one
# bad line took 33 s, `new new new ...` of 640 KB 49 s). Below it, a few hundred milliseconds.
MAX_ERROR_CHILDREN = 5000


class TreeUnparsable(Exception):
    """A syntax error tree-sitter could not recover from, over more than MAX_ERROR_CHILDREN nodes."""


def check_tree(source: bytes, root: Node) -> None:
    """Raise TreeTooDeep or TreeUnparsable for a tree that parr does not query (see the limits)."""
    if deeper_than(source, root):
        raise TreeTooDeep()
    if root.has_error and _widest_error(root) > MAX_ERROR_CHILDREN:
        raise TreeUnparsable()


def _widest_error(root: Node) -> int:
    widest = 0
    cursor = root.walk()
    while True:
        node = cursor.node
        if node is not None and node.type == "ERROR":
            widest = max(widest, node.child_count)
        if node is not None and node.has_error and cursor.goto_first_child():
            continue  # only subtrees holding an error can hold an ERROR node
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return widest


def deeper_than(source: bytes, root: Node, limit: int = MAX_TREE_DEPTH) -> bool:
    """Whether the tree nests more than `limit` levels. Each level of the nesting that costs
    (objects, calls, arrays, JSX) needs an opening bracket, which strings cannot take back; a
    file with fewer openers than `limit` is not walked. A subtree is entered only when it holds
    enough nodes to reach past the limit (`descendant_count`, which counts the node itself, bounds
    how deep it goes): most of a file is never visited."""
    if sum(source.count(opener) for opener in _OPENERS) < limit // 2:
        return False
    if root.descendant_count <= limit:
        return False
    cursor = root.walk()
    depth = 0
    descend = True
    while True:
        if descend and cursor.goto_first_child():
            depth += 1
            if depth > limit:
                return True
        else:
            while not cursor.goto_next_sibling():
                if not cursor.goto_parent():
                    return False
                depth -= 1
        # no node below this one lies deeper than depth + descendant_count - 1
        descend = depth + cursor.node.descendant_count > limit


def commonjs_exports(stmt: Node) -> list[tuple[str, Node]] | None:
    """What a top-level CommonJS statement exports, as (public name, node): `module.exports = { run, exec: f,
    check() {...} }` gives each entry (the shorthand identifier, the value, the method), `module.exports = X` gives
    ("default", X), `module.exports.x = v` / `exports.x = v` gives ("x", v). None for any other statement."""
    if stmt.type != "expression_statement" or not stmt.named_children or \
            stmt.named_children[0].type != "assignment_expression":
        return None
    assign = stmt.named_children[0]
    chain = member_chain(unwrap(assign.child_by_field_name("left")))
    right = unwrap(assign.child_by_field_name("right"))
    out: list[tuple[str, Node]] = []
    if right is None:
        return out
    if chain == ["module", "exports"] and right.type == "object":
        for entry in right.named_children[:200]:
            if entry.type == "shorthand_property_identifier":
                out.append((text(entry), entry))
            elif entry.type in ("pair", "method_definition"):
                key = entry.child_by_field_name("key") or entry.child_by_field_name("name")
                if key is not None and key.type in ("property_identifier", "string"):
                    name = string_literal(key) if key.type == "string" else text(key)
                    value = entry if entry.type == "method_definition" else unwrap(entry_value(entry))
                    if name and value is not None:
                        out.append((name, value))
    elif chain == ["module", "exports"]:
        out.append(("default", right))
    elif len(chain) == 3 and chain[:2] == ["module", "exports"] or len(chain) == 2 and chain[0] == "exports":
        out.append((chain[-1], right))
    return out
