"""Tool contexts given in shorthand (`generateText({ model, tools })`, `new Agent({ name, handoffs })`).

`{ tools }` in a call's config is `{ tools: tools }`: the detector's reader for a `tools:` or
`handoffs:` pair reads it the same way (tools found where they are made, hosted tools in an array,
a site for a list made by a call parr cannot read). Without this, a shorthand key was never read,
so an unreadable list given that way was silent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

if TYPE_CHECKING:  # pragma: no cover
    from parr.scan.typescript.detect import Detector

KEYS = frozenset({"tools", "handoffs", "functionDeclarations", "function_declarations"})


def read(det: "Detector", nodes: list[Node]) -> None:
    """`nodes`: the shorthand properties named like a context key (found by the detector's own query)."""
    for node in nodes:
        config = node.parent
        if config is None or config.type != "object" or config.parent is None or config.parent.type != "arguments":
            continue  # `return { tools, apis }`: a value handed back, not a config given to a framework call
        det._on_tools_pair(node, node.text.decode("utf-8", "replace"))


_MEMO = frozenset({"useMemo", "computed", "useCallback"})


def memoised(det: "Detector", call: Node) -> bool:
    """`useMemo(() => ({ search: {...} }), deps)` given as tools: the memo returns the value its arrow
    writes, so that value is read (its tools are found where they are written) instead of a site."""
    from parr.scan.typescript.nodes import args_of, member_chain, unwrap

    if call.type != "call_expression":
        return False
    chain = member_chain(unwrap(call.child_by_field_name("function")))
    if not chain or chain[-1] not in _MEMO or len(chain) > 2:
        return False
    module = det.ctx.import_source(chain[0])
    if module not in ("react", "preact/hooks", "vue", "@vue/reactivity") and chain[0] not in ("React",):
        return False
    args = args_of(call)
    cb = unwrap(args[0]) if args else None
    if cb is None or cb.type not in ("arrow_function", "function_expression"):
        return False
    body = unwrap(cb.child_by_field_name("body"))
    if body is None or body.type == "statement_block":
        return False  # a memo that builds its value step by step (a loop filling {}) stays a site
    det._check_tools_value(body, "tools: ...", 1)
    return True
