"""Calls of the functions a file imports from one family's packages, found by one query over their local names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from parr.scan.typescript.frameworks.spec import FrameworkSpec
from parr.scan.typescript.nodes import captures, member_chain, text, unwrap

if TYPE_CHECKING:
    from parr.scan.typescript.detect import Detector


def calls(det: Detector, spec: FrameworkSpec, names: frozenset[str] | set[str]) -> list[tuple[Node, str]]:
    """(call, imported name) for each call of one of `names` imported from `spec`'s packages, in source
    order; a local of the same name that shadows the import is not the framework's."""
    return _uses(det, spec, names, "(call_expression function: (identifier) @f (#any-of? @f {})) @c", "c", "function")


def constructions(det: Detector, spec: FrameworkSpec, names: frozenset[str] | set[str]) -> list[tuple[Node, str]]:
    """(new expression, imported class) for each `new X(...)` of one of `names` imported from `spec`'s packages."""
    return _uses(det, spec, names, "(new_expression constructor: (identifier) @k (#any-of? @k {})) @n", "n",
                 "constructor")


def _uses(det: Detector, spec: FrameworkSpec, names, query: str, capture: str, field: str) -> list[tuple[Node, str]]:
    """The nodes `query` captures whose `field` is a local name bound by an import of one of `names`
    from `spec`'s packages (a local that shadows the import is not the framework's)."""
    local_names = {local: imported for local, (module, imported) in det.ctx.imports.items()
                   if module and imported in names and spec.owns(module)}
    if not local_names:
        return []
    listed = " ".join(f'"{n}"' for n in sorted(local_names))
    found: list[tuple[Node, str]] = []
    for node in captures(det.ctx.grammar, det.ctx.root, query.format(listed), capture, 1 << 16):
        ref = node.child_by_field_name(field)
        b = det.ctx.lookup(ref, text(ref))
        if b is not None and b.kind == "import":
            found.append((node, local_names[text(ref)]))
    return found


def instances(det: Detector, spec: FrameworkSpec, names: frozenset[str] | set[str]) -> set[str]:
    """Local names (or `this.` fields) holding an instance of one of `names`: `const mcp = new MCPClient(...)`."""
    found: set[str] = set()
    for new, _ in constructions(det, spec, names):
        decl = new.parent
        while decl is not None and decl.type in ("parenthesized_expression", "as_expression", "await_expression"):
            decl = decl.parent
        if decl is not None and decl.type == "variable_declarator" and decl.child_by_field_name("name") is not None:
            found.add(text(decl.child_by_field_name("name")))
        elif decl is not None and decl.type in ("assignment_expression", "public_field_definition"):
            target = decl.child_by_field_name("left") or decl.child_by_field_name("name")
            if target is not None:
                found.add(member_chain(unwrap(target))[-1] if target.type == "member_expression" else text(target))
    return found
