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
    local_names = {local: imported for local, (module, imported) in det.ctx.imports.items()
                   if module and imported in names and spec.owns(module)}
    if not local_names:
        return []
    listed = " ".join(f'"{n}"' for n in sorted(local_names))
    found: list[tuple[Node, str]] = []
    for call in captures(det.ctx.grammar, det.ctx.root,
                         f"(call_expression function: (identifier) @f (#any-of? @f {listed})) @c", "c", 1 << 16):
        fn = call.child_by_field_name("function")
        b = det.ctx.lookup(fn, text(fn))
        if b is not None and b.kind == "import":
            found.append((call, local_names[text(fn)]))
    return found


def constructions(det: Detector, spec: FrameworkSpec, names: frozenset[str] | set[str]) -> list[tuple[Node, str]]:
    """(new expression, imported class) for each `new X(...)` of one of `names` imported from `spec`'s packages."""
    local_names = {local: imported for local, (module, imported) in det.ctx.imports.items()
                   if module and imported in names and spec.owns(module)}
    if not local_names:
        return []
    listed = " ".join(f'"{n}"' for n in sorted(local_names))
    found: list[tuple[Node, str]] = []
    for new in captures(det.ctx.grammar, det.ctx.root,
                        f"(new_expression constructor: (identifier) @k (#any-of? @k {listed})) @n", "n", 1 << 16):
        ctor = new.child_by_field_name("constructor")
        b = det.ctx.lookup(ctor, text(ctor))
        if b is not None and b.kind == "import":
            found.append((new, local_names[text(ctor)]))
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
