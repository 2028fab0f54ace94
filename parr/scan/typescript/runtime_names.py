"""Tool forms parr recognises whose model-visible name is made at run time: reported as sites.

A LangChain.js `StructuredTool`/`Tool` subclass that sets `this.name = method` in its constructor
is a tool whose name exists only once the app builds it; parr cannot name it, so it fails closed
with a site, as the Python scanner does for the same class.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tree_sitter import Node

from parr.scan.typescript.nodes import iter_descendants, text, unwrap

if TYPE_CHECKING:  # pragma: no cover
    from parr.scan.typescript.detect import Detector

_TOOL_ROOTS = frozenset({"Tool", "StructuredTool", "DynamicTool", "DynamicStructuredTool"})


def _run_time_name(det: "Detector", cls: Node) -> Node | None:
    """The `this.name = <not a static string>` assignment in the class body, if any."""
    body = cls.child_by_field_name("body")
    for node in iter_descendants(body, 20_000) if body is not None else ():
        if node.type != "assignment_expression":
            continue
        left = unwrap(node.child_by_field_name("left"))
        if left is None or left.type != "member_expression" or text(left.child_by_field_name("property")) != "name":
            continue
        obj = unwrap(left.child_by_field_name("object"))
        if obj is None or obj.type != "this":
            continue
        if not isinstance(det.ctx.string_value(node.child_by_field_name("right")), str):
            return node
    return None


def class_site(det: "Detector", cls: Node, info: dict[str, Any]) -> None:
    """A tool subclass without a static name whose constructor names it from run-time values."""
    from parr.scan.typescript.detect import resolve_local_base

    if info.get("name_ref") is not None or any(c.type == "abstract" for c in cls.children) \
            or cls.type == "abstract_class_declaration":
        return
    root = resolve_local_base(det.ctx, cls, info["base"])
    if root not in _TOOL_ROOTS:
        return
    at = _run_time_name(det, cls)
    if at is None:
        return
    name = cls.child_by_field_name("name")
    det._unread(cls, "tool name made at run time",
                f"class {text(name) if name is not None else '?'} extends {info['base']} ({text(at)[:60]})")
