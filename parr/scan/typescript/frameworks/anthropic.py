"""Anthropic API (`@anthropic-ai/*`): raw tools with input_schema, versioned server tools."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tree_sitter import Node

from parr.scan.typescript import provider_kinds
from parr.scan.typescript.frameworks.ai_sdk import UNTYPED_PROVIDER_TOOL
from parr.scan.typescript.frameworks.spec import Factory, FrameworkSpec
from parr.scan.typescript.nodes import string_literal

if TYPE_CHECKING:
    from parr.scan.typescript.detect import Detector

SPEC = FrameworkSpec(
    id="anthropic",
    prefixes=("@anthropic-ai/",),
    factories=(Factory("<input_schema>", "anthropic.raw_tool_schema", name_keys=("name",),
                       schema_keys=("input_schema",), handler_keys=()),),
    hosted_object=lambda det, obj, entries: hosted_object(det, obj, entries),
)

# { type: "bash_20250124" }: a server or client tool Anthropic defines, named by its type's prefix.
SERVER_TOOL_TYPE = re.compile(r"^([a-z_]+?)_(\d{8})$")


def hosted_object(det: Detector, obj: Node, entries: dict[str, Node]) -> bool:
    """{ type: "bash_20250124", name: "bash" } in a tools array: a tool Anthropic defines."""
    t = det._entry(entries, "type")
    tval = string_literal(t) if t is not None else None
    m = SERVER_TOOL_TYPE.match(tval) if tval is not None and tval != "function" else None
    if not m:
        return False
    n = det._entry(entries, "name")
    name = det.ctx.string_value(n) if n is not None else m.group(1)
    prefix = m.group(1)
    det.ctx.claim(obj)
    caps = ("shell",) if "bash" in prefix else ("code_execution",) if "code" in prefix else \
        ("computer_use",) if "computer" in prefix else ("file_write",) if "editor" in prefix else \
        ("http",) if "web" in prefix else ()
    untyped = bool(UNTYPED_PROVIDER_TOOL.search(prefix))
    mutating, known = provider_kinds.verdict(prefix)
    cand = det._emit(node=obj, name=name, framework="anthropic", style="anthropic.server_tool",
                     schema="provider_defined", typed=not untyped, caps=caps, kind_mutating=mutating,
                     typed_evidence=["model-written command or code"] if untyped else [])
    if not known:
        cand["kind_unknown"] = tval
    return True
