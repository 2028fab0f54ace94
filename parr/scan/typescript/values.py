"""Static values of expressions: string constants, enum members, `as const` objects, bindings in scope.

A value is either a plain `str`, a cross-file reference (a dict naming the import it comes from,
resolved in the project phase), or None when the expression is not a static string.
"""

from __future__ import annotations

from typing import Union

from tree_sitter import Node

from parr.scan.typescript.nodes import (
    _escape, FUNCTION_TYPES, function_params, entry_value, param_pattern, property_key,
    string_literal, text, unwrap,
)

Ref = dict  # {"module": "./consts", "name": "TOOL_NAME", "member": "FOO" | None, "rest": ["BAR"] (deeper keys)}
Value = Union[str, Ref, None]

_CONTAINERS = frozenset({"program", "statement_block", "class_body", "switch_body", "module", "internal_module"})
_MAX_DEPTH = 12


class Binding:
    """What a name is bound to in some scope."""

    __slots__ = ("kind", "node", "module", "imported")

    def __init__(self, kind: str, node: Node | None = None, module: str | None = None, imported: str | None = None):
        self.kind = kind          # var | default | param | function | class | enum | import | pattern
        self.node = node          # the value / declaration node
        self.module = module      # for imports
        self.imported = imported  # for imports: the exported name, '*' or 'default'


class FileCtx:
    """Per-file state shared by the detectors: source, imports, scope tables."""

    def __init__(self, rel_path: str, source: bytes, root: Node, grammar: str):
        self.path = rel_path
        self.source = source
        self.root = root
        self.grammar = grammar
        self.imports: dict[str, tuple[str, str]] = {}   # local name -> (module, imported name)
        self._scopes: dict[int, dict[str, Binding]] = {}
        self.claimed: set[tuple[int, int]] = set()
        self._collect_imports()

    # -- imports ---------------------------------------------------------------------------
    def _collect_imports(self) -> None:
        for stmt in self.root.named_children:
            if stmt.type == "import_statement":
                src = string_literal(stmt.child_by_field_name("source"))
                if src is None:
                    continue
                for clause in stmt.named_children:
                    if clause.type != "import_clause":
                        continue
                    for part in clause.named_children:
                        if part.type == "identifier":
                            self.imports[text(part)] = (src, "default")
                        elif part.type == "namespace_import":
                            for ident in part.named_children:
                                if ident.type == "identifier":
                                    self.imports[text(ident)] = (src, "*")
                        elif part.type == "named_imports":
                            for spec in part.named_children:
                                if spec.type != "import_specifier":
                                    continue
                                name = spec.child_by_field_name("name")
                                alias = spec.child_by_field_name("alias")
                                imported = string_literal(name) if name is not None and name.type == "string" else text(name)
                                self.imports[text(alias or name)] = (src, imported)
            elif stmt.type in ("lexical_declaration", "variable_declaration"):
                # CommonJS: const x = require("m"); const { a, b: c } = require("m")
                for decl in stmt.named_children:
                    if decl.type != "variable_declarator":
                        continue
                    value = unwrap(decl.child_by_field_name("value"))
                    module = _require_source(value)
                    if module is None:
                        continue
                    pattern = decl.child_by_field_name("name")
                    if pattern is None:
                        continue
                    if pattern.type == "identifier":
                        self.imports[text(pattern)] = (module, "*")
                    elif pattern.type == "object_pattern":
                        for part in pattern.named_children:
                            if part.type == "shorthand_property_identifier_pattern":
                                self.imports[text(part)] = (module, text(part))
                            elif part.type == "pair_pattern":
                                k = part.child_by_field_name("key")
                                v = part.child_by_field_name("value")
                                if k is not None and v is not None and v.type == "identifier":
                                    self.imports[text(v)] = (module, text(k))

    def import_source(self, name: str) -> str | None:
        entry = self.imports.get(name)
        return entry[0] if entry else None

    # -- scopes ----------------------------------------------------------------------------
    def _container_bindings(self, container: Node) -> dict[str, Binding]:
        cached = self._scopes.get(container.id)
        if cached is not None:
            return cached
        table: dict[str, Binding] = {}
        for stmt in container.named_children:
            _bind_statement(stmt, table)
        if container.type == "program":
            for local, (module, imported) in self.imports.items():
                table[local] = Binding("import", None, module, imported)
        self._scopes[container.id] = table
        return table

    def top_level(self, name: str) -> Binding | None:
        """The module-level binding of `name` (a declaration or an import), wherever it is used."""
        return self._container_bindings(self.root).get(name)

    def lookup(self, at: Node, name: str) -> Binding | None:
        """The innermost binding of `name` visible at node `at`."""
        node = at.parent
        steps = 0
        while node is not None and steps < 400:
            steps += 1
            t = node.type
            if t in _CONTAINERS:
                b = self._container_bindings(node).get(name)
                if b is not None:
                    return b
            elif t in FUNCTION_TYPES:
                b = _param_binding(node, name)
                if b is not None:
                    return b
            elif t in ("for_in_statement", "for_statement"):
                left = node.child_by_field_name("left") or node.child_by_field_name("initializer")
                if left is not None and name in {text(i) for i in _pattern_names(left)}:
                    return Binding("pattern", None)
            node = node.parent
        return None

    def claim(self, node: Node) -> None:
        self.claimed.add((node.start_byte, node.end_byte))

    def is_claimed(self, node: Node) -> bool:
        return (node.start_byte, node.end_byte) in self.claimed

    # -- values ----------------------------------------------------------------------------
    def value_node(self, node: Node | None, depth: int = 0) -> Node | None:
        """Follow identifiers to the expression they are bound to within this file."""
        node = unwrap(node)
        while node is not None and node.type in ("identifier", "shorthand_property_identifier") and depth < _MAX_DEPTH:
            b = self.lookup(node, text(node))
            if b is None or b.kind not in ("var", "default") or b.node is None:
                return node
            node = unwrap(b.node)
            depth += 1
        return node

    def string_value(self, node: Node | None, depth: int = 0) -> Value:
        """A static string for `node`, a cross-file reference, or None."""
        node = unwrap(node)
        if node is None or depth > _MAX_DEPTH:
            return None
        t = node.type
        if t == "string":
            return string_literal(node)
        if t == "template_string":
            return self._template(node, depth)
        if t in ("identifier", "shorthand_property_identifier"):
            name = text(node)
            b = self.lookup(node, name)
            if b is None:
                return None
            if b.kind in ("var", "default"):
                return self.string_value(b.node, depth + 1)
            if b.kind == "import" and b.module is not None and b.imported not in ("*",):
                return {"module": b.module, "name": b.imported, "member": None}
            return None
        if t in ("member_expression", "subscript_expression"):
            # `TOOL_NAMES.BROWSER.NAVIGATE`, `NAMES["x"]`: a member chain of any depth over object literals,
            # enums, and objects other files export (the rest of the chain goes with the reference)
            root, keys = self.member_path(node, depth)
            if root is None or not keys:
                return None
            return self.path_value(root, keys, depth + 1)
        if t == "binary_expression":
            op = node.child_by_field_name("operator")
            if op is not None and text(op) == "+":
                left = self.string_value(node.child_by_field_name("left"), depth + 1)
                right = self.string_value(node.child_by_field_name("right"), depth + 1)
                if isinstance(left, str) and isinstance(right, str):
                    return left + right
            if op is not None and text(op) in ("||", "??"):
                # `toolName || "web_search"`: the fallback is the parameter's default, read the way
                # `toolName = "web_search"` in the signature is read. A left side that is known wins.
                left_node = unwrap(node.child_by_field_name("left"))
                left = self.string_value(left_node, depth + 1)
                if isinstance(left, str) and left:
                    return left
                if left is None and left_node is not None and left_node.type == "identifier":
                    b = self.lookup(left_node, text(left_node))
                    if b is not None and b.kind == "param":
                        return self.string_value(node.child_by_field_name("right"), depth + 1)
            return None
        if t == "call_expression":
            # "...".trim(), `...`.trim(), ["a", "b"].join("\n"), dedent`...`
            fn = unwrap(node.child_by_field_name("function"))
            if fn is not None and fn.type == "member_expression":
                method = text(fn.child_by_field_name("property"))
                inner = fn.child_by_field_name("object")
                if method in ("trim", "trimStart", "trimEnd", "toLowerCase", "toUpperCase"):
                    v = self.string_value(inner, depth + 1)
                    if isinstance(v, str):
                        return getattr(v, {"trimStart": "lstrip", "trimEnd": "rstrip", "trim": "strip",
                                           "toLowerCase": "lower", "toUpperCase": "upper"}[method])()
                    return None
                if method == "join":
                    arr = unwrap(inner)
                    if arr is not None and arr.type == "array":
                        items = [self.string_value(x, depth + 1) for x in arr.named_children]
                        if all(isinstance(x, str) for x in items):
                            args = node.child_by_field_name("arguments")
                            sep = ","
                            if args is not None and args.named_children:
                                s = self.string_value(args.named_children[0], depth + 1)
                                sep = s if isinstance(s, str) else ","
                            return sep.join(items)  # type: ignore[arg-type]
                return None
            args = node.child_by_field_name("arguments")
            if args is not None and args.type == "template_string":  # dedent`...`
                return self._template(args, depth)
            return None
        return None

    def member_path(self, node: Node, depth: int = 0) -> tuple[Node | None, list[str]]:
        """`A.B["c"].D` -> (A, ["B", "c", "D"]); (None, []) when a key is computed at run time."""
        keys: list[str] = []
        cur = unwrap(node)
        while cur is not None and cur.type in ("member_expression", "subscript_expression") and len(keys) < _MAX_DEPTH:
            if cur.type == "member_expression":
                prop = cur.child_by_field_name("property")
                key: Value = text(prop) if prop is not None else None
            else:
                key = self.string_value(cur.child_by_field_name("index"), depth + 1)
            if not isinstance(key, str):
                return None, []
            keys.append(key)
            cur = unwrap(cur.child_by_field_name("object"))
        keys.reverse()
        return cur, keys

    def path_value(self, node: Node | None, keys: list[str], depth: int = 0) -> Value:
        """The static string at `keys` inside the value `node` stands for (object literals, spreads,
        enums, bindings and imports followed), a cross-file reference, or None."""
        node = unwrap(node)
        if node is None or depth > _MAX_DEPTH:
            return None
        if not keys:
            return self.string_value(node, depth + 1)
        t = node.type
        if t in ("identifier", "shorthand_property_identifier"):
            b = self.lookup(node, text(node))
            if b is None:
                return None
            if b.kind == "enum":
                return enum_members(b.node).get(keys[0]) if len(keys) == 1 else None
            if b.kind in ("var", "default"):
                return self.path_value(b.node, keys, depth + 1)
            if b.kind == "import" and b.module is not None:
                if b.imported == "*":
                    name, rest = keys[0], keys[1:]
                else:
                    name, rest = b.imported, keys
                ref: Ref = {"module": b.module, "name": name, "member": rest[0] if rest else None}
                if len(rest) > 1:
                    ref["rest"] = rest[1:]
                return ref
            return None
        if t in ("member_expression", "subscript_expression"):
            root, inner = self.member_path(node, depth)
            return self.path_value(root, inner + keys, depth + 1) if root is not None and inner else None
        if t == "this":
            # `this.name` in a method of an object literal is that object's `name` (called as `obj.method()`)
            return self.path_value(this_object(node), keys, depth + 1)
        if t == "object":
            # the last entry that gives the key wins, as at run time (`{ ...BASE, X: "y" }`)
            found: Value = None
            for child in node.named_children:
                if child.type == "spread_element":
                    inner_node = child.named_children[0] if child.named_children else None
                    v = self.path_value(inner_node, keys, depth + 1)
                    if v is not None:
                        found = v
                elif child.type in ("pair", "shorthand_property_identifier") and property_key(child) == keys[0]:
                    found = self.path_value(entry_value(child), keys[1:], depth + 1)
            return found
        return None

    def _template(self, node: Node, depth: int) -> str | None:
        parts: list[str] = []
        for child in node.named_children:
            if child.type == "string_fragment":
                parts.append(text(child))
            elif child.type == "escape_sequence":
                parts.append(_escape(text(child)))
            elif child.type == "template_substitution":
                inner = child.named_children[0] if child.named_children else None
                v = self.string_value(inner, depth + 1)
                if not isinstance(v, str):
                    return None
                parts.append(v)
        return "".join(parts)

    def loose_string(self, node: Node | None) -> str | None:
        """Like string_value, but a template with unknown parts keeps them as `${...}` text."""
        v = self.string_value(node)
        if isinstance(v, str):
            return v
        node = unwrap(node)
        if node is not None and node.type == "call_expression":
            fn = unwrap(node.child_by_field_name("function"))
            if fn is not None and fn.type == "member_expression":
                node = unwrap(fn.child_by_field_name("object"))
        if node is not None and node.type == "template_string":
            raw = text(node)
            return raw[1:-1] if len(raw) >= 2 else raw
        return None


def this_object(node: Node) -> Node | None:
    """The object literal `this` stands for at `node`: the nearest non-arrow function (arrows keep the `this`
    around them) is a method of an object literal (`{ setup() {...} }`, `{ plugin: function () {...} }`), called
    as `obj.method()`. None for a class's method, a free function or the top level (not an object parr can read)."""
    cur = node.parent
    while cur is not None:
        t = cur.type
        if t in ("class_body", "program"):
            return None
        if t in FUNCTION_TYPES and t != "arrow_function":
            owner = cur.parent
            if t != "method_definition":
                while owner is not None and owner.type in ("parenthesized_expression",):
                    owner = owner.parent
                if owner is None or owner.type != "pair":
                    return None
                owner = owner.parent
            return owner if owner is not None and owner.type == "object" else None
        cur = cur.parent
    return None


def _require_source(value: Node | None) -> str | None:
    if value is None or value.type != "call_expression":
        return None
    fn = value.child_by_field_name("function")
    if fn is None or fn.type != "identifier" or text(fn) != "require":
        return None
    args = value.child_by_field_name("arguments")
    if args is None or not args.named_children:
        return None
    return string_literal(args.named_children[0])


def _pattern_names(pattern: Node):
    """Identifiers bound by a (possibly destructuring) pattern."""
    stack = [pattern]
    while stack:
        n = stack.pop()
        t = n.type
        if t in ("identifier", "shorthand_property_identifier_pattern"):
            yield n
        elif t in ("object_pattern", "array_pattern", "rest_pattern", "lexical_declaration", "variable_declaration"):
            stack.extend(n.named_children)
        elif t == "variable_declarator":
            name = n.child_by_field_name("name")
            if name is not None:
                stack.append(name)
        elif t == "pair_pattern":
            v = n.child_by_field_name("value")
            if v is not None:
                stack.append(v)
        elif t in ("object_assignment_pattern", "assignment_pattern"):
            left = n.child_by_field_name("left")
            if left is not None:
                stack.append(left)


def _bind_pattern(pattern: Node, value: Node | None, table: dict[str, Binding]) -> None:
    """Bind names of a declarator pattern; destructuring defaults become 'default' bindings."""
    if pattern.type == "identifier":
        table.setdefault(text(pattern), Binding("var", value))
        return
    stack = [pattern]
    while stack:
        n = stack.pop()
        t = n.type
        if t == "object_assignment_pattern":
            left = n.child_by_field_name("left")
            right = n.child_by_field_name("right")
            if left is not None and left.type in ("shorthand_property_identifier_pattern", "identifier"):
                table.setdefault(text(left), Binding("default", right))
            elif left is not None:
                stack.append(left)
        elif t == "assignment_pattern":
            left = n.child_by_field_name("left")
            right = n.child_by_field_name("right")
            if left is not None and left.type == "identifier":
                table.setdefault(text(left), Binding("default", right))
            elif left is not None:
                stack.append(left)
        elif t in ("shorthand_property_identifier_pattern", "identifier"):
            table.setdefault(text(n), Binding("pattern", None))
        elif t in ("object_pattern", "array_pattern", "rest_pattern"):
            stack.extend(n.named_children)
        elif t == "pair_pattern":
            v = n.child_by_field_name("value")
            if v is not None:
                stack.append(v)


def _dynamic_import_source(value: Node | None) -> str | None:
    """"m" for `await import("m")` (or `import("m")` not awaited, bound whole)."""
    value = unwrap(value)
    if value is not None and value.type == "await_expression" and value.named_children:
        value = unwrap(value.named_children[0])
    if value is None or value.type != "call_expression":
        return None
    fn = value.child_by_field_name("function")
    if fn is None or fn.type != "import":
        return None
    args = value.child_by_field_name("arguments")
    return string_literal(args.named_children[0]) if args is not None and args.named_children else None


def _bind_dynamic_import(pattern: Node, module: str, table: dict[str, Binding]) -> bool:
    """`const { a, b: c } = await import("m")` binds imports as a static import does; `const m = await
    import("m")` the namespace. False for a pattern read otherwise (defaults, nesting, rest)."""
    if pattern.type == "identifier":
        table.setdefault(text(pattern), Binding("import", None, module, "*"))
        return True
    if pattern.type != "object_pattern":
        return False
    found: list[tuple[str, str]] = []
    for part in pattern.named_children:
        if part.type == "shorthand_property_identifier_pattern":
            found.append((text(part), text(part)))
        elif part.type == "pair_pattern":
            k, v = part.child_by_field_name("key"), part.child_by_field_name("value")
            if k is None or v is None or v.type != "identifier" or k.type not in ("property_identifier", "string"):
                return False
            found.append((text(v), string_literal(k) if k.type == "string" else text(k)))
        elif part.type != "comment":
            return False
    for local, imported in found:
        if imported:
            table.setdefault(local, Binding("import", None, module, imported))
    return True


def _bind_statement(stmt: Node, table: dict[str, Binding]) -> None:
    t = stmt.type
    if t == "export_statement":
        decl = stmt.child_by_field_name("declaration")
        if decl is not None:
            _bind_statement(decl, table)
        return
    if t in ("lexical_declaration", "variable_declaration"):
        for decl in stmt.named_children:
            if decl.type == "variable_declarator":
                name = decl.child_by_field_name("name")
                if name is not None:
                    value = decl.child_by_field_name("value")
                    module = _dynamic_import_source(value) if value is not None and value.type in (
                        "await_expression", "call_expression") else None
                    if module is not None and _bind_dynamic_import(name, module, table):
                        continue
                    _bind_pattern(name, value, table)
    elif t in ("function_declaration", "generator_function_declaration"):
        name = stmt.child_by_field_name("name")
        if name is not None:
            table.setdefault(text(name), Binding("function", stmt))
    elif t in ("class_declaration", "abstract_class_declaration"):
        name = stmt.child_by_field_name("name")
        if name is not None:
            table.setdefault(text(name), Binding("class", stmt))
    elif t == "enum_declaration":
        name = stmt.child_by_field_name("name")
        if name is not None:
            table.setdefault(text(name), Binding("enum", stmt))
    elif t in ("public_field_definition", "field_definition"):
        pass


def _param_binding(fn: Node, name: str) -> Binding | None:
    for param in function_params(fn):
        pattern = param_pattern(param)
        if pattern is None:
            continue
        default = param.child_by_field_name("value") if param.type in ("required_parameter", "optional_parameter") else None
        if pattern.type == "identifier":
            if text(pattern) == name:
                return Binding("default", default) if default is not None else Binding("param", param)
            continue
        table: dict[str, Binding] = {}
        _bind_pattern(pattern, None, table)
        b = table.get(name)
        if b is not None:
            return b if b.kind == "default" else Binding("param", param)
    return None


def enum_members(enum_decl: Node | None) -> dict[str, str]:
    out: dict[str, str] = {}
    if enum_decl is None:
        return out
    body = enum_decl.child_by_field_name("body")
    if body is None:
        return out
    for m in body.named_children:
        if m.type == "enum_assignment":
            n = m.child_by_field_name("name")
            v = string_literal(m.child_by_field_name("value"))
            if n is not None and v is not None:
                out[text(n) if n.type != "string" else (string_literal(n) or "")] = v
    return out

