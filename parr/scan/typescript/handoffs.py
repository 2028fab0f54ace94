"""Hand-offs given to an OpenAI Agents JS agent after it is built (`agent.handoffs.push(b)`).

An `Agent`'s `handoffs` is a plain array the SDK reads on every turn, so code that fills it later
(`a.handoffs.push(b)`, `(a.handoffs as any).push(b, c)`, `a.handoffs = [b]`,
`a.handoffs = a.handoffs.concat([b])`, `a.handoffs.unshift(b)`) gives the model a `transfer_to_<b>`
tool exactly as `handoffs: [b]` in its config does. Each element is read by the detector's own
hand-off reader, so the records and their style are the same. The receiver must be an agent:
one built in this file, one imported from this project (checked when the project is resolved),
or any receiver in a file that imports the SDK.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tree_sitter import Node

from parr.scan.typescript.frameworks import openai_agents
from parr.scan.typescript.nodes import args_of, captures, text, unwrap

if TYPE_CHECKING:  # pragma: no cover
    from parr.scan.typescript.detect import Detector

_FRAMEWORK = "openai-agents-js"
_ADDERS = frozenset({"push", "unshift"})


def _handoffs_member(node: Node | None) -> Node | None:
    """The agent expression of `<agent>.handoffs` (through parentheses and casts), else None."""
    node = unwrap(node)
    if node is None or node.type != "member_expression":
        return None
    prop = node.child_by_field_name("property")
    if prop is None or text(prop) != "handoffs":
        return None
    return unwrap(node.child_by_field_name("object"))


def _same(a: Node | None, b: Node | None) -> bool:
    return a is not None and b is not None and text(a) == text(b)


def _added(det: "Detector", value: Node | None, agent: Node) -> list[Node] | None:
    """The elements a value assigned to `<agent>.handoffs` adds: `[b, c]`, `[...agent.handoffs, b]`,
    `agent.handoffs.concat([b], c)`. None when the value is something else (a run-time list)."""
    value = unwrap(value)
    if value is None:
        return None
    if value.type == "array":
        out = []
        for el in value.named_children:
            if el.type == "spread_element" and _same(_handoffs_member(el.named_children[0] if el.named_children
                                                                       else None), agent):
                continue  # the agent's own earlier hand-offs, read where they were given
            out.append(el)
        return out
    if value.type == "call_expression":
        fn = unwrap(value.child_by_field_name("function"))
        if fn is not None and fn.type == "member_expression" and text(fn.child_by_field_name("property")) == "concat" \
                and _same(_handoffs_member(fn.child_by_field_name("object")), agent):
            return _concat_elements(args_of(value))
    return None


def _concat_elements(args: list[Node]) -> list[Node]:
    out: list[Node] = []
    for arg in args:
        inner = unwrap(arg)
        if inner is not None and inner.type == "array":
            out.extend(inner.named_children)
        else:
            out.append(arg)
    return out


def _owner(det: "Detector", agent: Node) -> tuple[bool, dict[str, Any] | None]:
    """Whether the receiver is an agent here, and the reference to check when it is imported."""
    from parr.scan.typescript.detect import agent_name

    if agent.type == "this":
        return False, None  # an agent class filling its own list: the SDK itself, not an app
    if _FRAMEWORK in det.frameworks:
        return True, None
    value = det.ctx.value_node(agent)
    if value is not None and value.type in ("new_expression", "call_expression") and agent_name(det.ctx, value) is not None:
        return True, None
    ref = det._import_ref(agent) if agent.type == "identifier" else None
    return ref is not None, ref


def _agent_like(det: "Detector", el: Node) -> bool:
    """An agent built here or a name imported from this project (read when the project is resolved)."""
    from parr.scan.typescript.detect import agent_name

    el = unwrap(el)
    if el is None or el.type == "spread_element":
        return False
    if el.type == "identifier" and det._import_ref(el) is not None:
        return True
    value = det.ctx.value_node(el)
    if value is not None and value.type == "call_expression" and \
            text(unwrap(value.child_by_field_name("function"))) == "handoff":
        return True
    return agent_name(det.ctx, el) is not None


def read(det: "Detector") -> None:
    """Every hand-off added to an agent after it is built, in this file."""
    if b".handoffs" not in det.ctx.source:  # agent.handoffs / (agent.handoffs as any)
        return
    candidates = []
    for member in captures(det.ctx.grammar, det.ctx.root,
                           '(member_expression property: (property_identifier) @p (#eq? @p "handoffs")) @m', "m"):
        # `a.handoffs.push(...)` / `(a.handoffs as any).push(...)`: the call around the member;
        # `a.handoffs = ...`: the assignment around it
        up = member.parent
        while up is not None and up.type in ("parenthesized_expression", "as_expression", "non_null_expression",
                                             "satisfies_expression"):
            up = up.parent
        if up is not None and up.type == "member_expression" and up.parent is not None \
                and up.parent.type == "call_expression":
            candidates.append(up.parent)
        elif up is not None and up.type == "assignment_expression":
            candidates.append(up)
    seen: set[int] = set()
    for node in candidates:
        if node.id in seen:
            continue
        seen.add(node.id)
        elements: list[Node] | None = None
        agent: Node | None = None
        if node.type == "call_expression":
            fn = unwrap(node.child_by_field_name("function"))
            if fn is None or fn.type != "member_expression":
                continue
            method = text(fn.child_by_field_name("property"))
            agent = _handoffs_member(fn.child_by_field_name("object"))
            # `.concat` makes a new array: read where it is assigned back (below), if it is
            if method not in _ADDERS or agent is None:
                continue
            elements = list(args_of(node))
        elif node.type in ("assignment_expression",):
            agent = _handoffs_member(node.child_by_field_name("left"))
            if agent is None:
                continue
            elements = _added(det, node.child_by_field_name("right"), agent)
            if elements is None:
                # A list made by a call, or imported, is a site; a parameter's list is read where the
                # caller builds it (as for `handoffs:` in a config).
                value = unwrap(node.child_by_field_name("right"))
                if value is not None and _owner(det, agent)[0] and (
                        value.type in ("call_expression", "member_expression", "subscript_expression")
                        or (value.type == "identifier" and det._import_ref(value) is not None)):
                    det._unread(node, "hand-offs made by code parr cannot read", text(node)[:70])
                continue
        else:
            continue
        ok, owner_ref = _owner(det, agent)
        if not ok:
            continue
        before = len(det.tools)
        for el in elements:
            if owner_ref is not None and not _agent_like(det, el):
                # The receiver is only known to be an agent once the project is resolved: a value that
                # is no agent here is not reported as an unreadable hand-off of something that may be none.
                continue
            openai_agents.handoff(det, el)
        if owner_ref is not None:
            for cand in det.tools[before:]:
                cand["owner_ref"] = owner_ref

