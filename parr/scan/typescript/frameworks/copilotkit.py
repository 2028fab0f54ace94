"""CopilotKit (`@copilotkit/*`): frontend actions the model calls, server actions and tools, parameter lists.

Read from CopilotKit's sources (react-core v1-deprecated and v2 hooks, runtime v1 `CopilotRuntime`, shared
`Parameter`): `useCopilotAction` is a tool when it has a `handler`, waits for the user (`renderAndWait*`: a
human-in-the-loop tool) or is `available: "enabled" | "remote"`; `name: "*"` or a `render` alone only draws a
call of a tool defined elsewhere. `useFrontendTool`, `useHumanInTheLoop` and `useComponent` always register
one, unless `available` is false / "disabled" / "frontend". The other hooks (readables, suggestions, co-agent
state, tool-call renderers) hand the model no tool: their configs are claimed so no generic reader takes
`{ name, parameters, render }` for a raw tool definition. On the server, `new CopilotRuntime({ actions })` (v1)
and the v2 runtime's `defineTool({ name, parameters, execute })` are tools.
"""

from __future__ import annotations

import re

from typing import TYPE_CHECKING

from tree_sitter import Node

from parr.scan.typescript import framework_state
from parr.scan.typescript.frameworks import imported
from parr.scan.typescript.frameworks.spec import Factory, FrameworkSpec
from parr.scan.typescript.nodes import (
    args_of, captures, entry_value, is_function, iter_descendants, one_line, string_literal, text, unwrap,
)
from parr.scan.typescript.schema import SchemaInfo, analyze_schema

if TYPE_CHECKING:
    from parr.scan.typescript.detect import Detector

FRAMEWORK = "copilotkit"
# Hooks that give the model a tool, with the style each reports.
TOOL_HOOKS = {
    "useCopilotAction": "copilotkit.useCopilotAction",
    "useFrontendTool": "copilotkit.useFrontendTool",
    "useHumanInTheLoop": "copilotkit.useHumanInTheLoop",
    "useComponent": "copilotkit.useComponent",
    # @copilotkit/angular
    "registerFrontendTool": "copilotkit.registerFrontendTool",
    "registerHumanInTheLoop": "copilotkit.registerHumanInTheLoop",
}
_HITL_HOOKS = frozenset({"useHumanInTheLoop", "registerHumanInTheLoop"})
# Angular's provideCopilotKit({ ... }): config lists of tools (each read like a hook's) and of renderers.
_PROVIDER_LISTS = {"frontendTools": "copilotkit.registerFrontendTool", "tools": "copilotkit.registerFrontendTool",
                   "humanInTheLoop": "copilotkit.registerHumanInTheLoop"}
# Hooks whose config looks like a tool's but gives the model none: context, suggestions, renderers, agent state.
NOT_TOOL_HOOKS = frozenset({
    "useCopilotReadable", "useCopilotAdditionalInstructions", "useCopilotChatSuggestions", "useConfigureSuggestions",
    "useRenderToolCall", "useRenderTool", "useDefaultTool", "useDefaultRenderTool", "useLazyToolRenderer",
    "useCoAgent", "useCoAgentStateRender", "useLangGraphInterrupt", "useAgentContext", "useAgent",
    "useCopilotChat", "useCopilotChatHeadless_c", "useCopilotChatInternal", "useFrontendToolAvailable",
    "useInterrupt", "useSuggestions", "useCapabilities", "useRenderCustomMessages", "useRenderActivityMessage",
    "registerRenderToolCall",
})
# Keys whose render waits for the user's answer: the model's call goes through a person (v1 useCopilotAction).
_WAIT_KEYS = ("renderAndWaitForResponse", "renderAndWait")
# `available` values that keep a registered action from the model (v1: rendered only; v2: hidden).
_HIDDEN = frozenset({"false", "disabled", "frontend"})
# Types of the v1 parameter list (`Parameter` in @copilotkit/shared); a parameter without one is a string.
_PARAM_TYPES = frozenset({"string", "number", "boolean", "object", "string[]", "number[]", "boolean[]", "object[]"})
# React hooks whose array result's second element sets the component's own state.
_STATE_HOOKS = frozenset({"useState", "useReducer", "useImmer", "useImmerReducer", "useAtom", "useLocalStorage",
                          "useSessionStorage", "useQueryState", "useRecoilState"})
UI_STATE = "only changes the page's own UI state (React state, the DOM, the agent's shared state)"
# A human-in-the-loop render hands the person's answer back through `respond` (v1 renderAndWaitForResponse and v2
# useHumanInTheLoop props): a render that does nothing else only asks. What the answer then allows is done by
# another tool, which is judged on its own body.
_ANSWER = frozenset({"respond"})
HITL_ONLY = "only asks a person and hands the answer back to the model (human in the loop)"


def parameter_list(det: Detector, node: Node | None, depth: int = 0) -> SchemaInfo:
    """CopilotKit's parameter list `[{ name, type, description, required, enum, attributes }]`: typed when
    every parameter has a concrete type (none means string); an object without `attributes` is free-form."""
    value = det.ctx.value_node(node)
    if value is None or value.type != "array" or depth > 4:
        return SchemaInfo(kind="json_schema", typed=False, declared=True,
                          evidence=["parameter list parr could not read"])
    fields: dict[str, str] = {}
    options: dict[str, list[str]] = {}
    evidence: list[str] = []
    for el in value.named_children:
        obj = det.ctx.value_node(el)
        if obj is None or obj.type != "object":
            evidence.append(f"parameter parr could not read: {one_line(el, 40)}")
            continue
        entries = det._entries(obj)
        name = det.ctx.string_value(entry_value(entries["name"])) if "name" in entries else None
        kind_node = entry_value(entries["type"]) if "type" in entries else None
        kind = det.ctx.string_value(kind_node) if kind_node is not None else "string"
        label = name if isinstance(name, str) else "?"
        if not isinstance(kind, str) or kind not in _PARAM_TYPES:
            evidence.append(f"parameter '{label}' has a type parr does not know")
            continue
        if kind in ("object", "object[]"):
            attributes = entry_value(entries["attributes"]) if "attributes" in entries else None
            inner = parameter_list(det, attributes, depth + 1) if attributes is not None else None
            if inner is None or not inner.fields and inner.typed is not False:
                evidence.append(f"parameter '{label}' is an object without attributes (free-form)")
                continue
            evidence.extend(inner.evidence if inner.typed is False else ())
        enum = entry_value(entries["enum"]) if "enum" in entries else None
        if enum is not None and enum.type == "array":
            values = [string_literal(v) for v in enum.named_children]
            if values and all(isinstance(v, str) for v in values):
                options[label] = values  # type: ignore[assignment]
        fields[label] = "array" if kind.endswith("[]") else kind
    if evidence:
        return SchemaInfo(kind="json_schema", typed=False, declared=True, fields=fields, evidence=evidence[:3],
                          options=options)
    return SchemaInfo(kind="json_schema", typed=True, declared=True, fields=fields, options=options)


_HOOK_SETTER = re.compile(r"set[A-Z]\w*$")


def _setters(det: Detector) -> frozenset[str]:
    """Names of this file's React state setters: `const [todos, setTodos] = useState(...)`, and CopilotKit's
    `const { state, setState } = useCoAgent(...)` (the state the page shares with its agent); asked once."""
    cached = getattr(det, "_copilotkit_setters", None)
    if cached is not None:
        return cached
    found: set[str] = set()
    if b"use" in det.ctx.source:
        q = ("(variable_declarator name: (array_pattern) @p value: [(call_expression function: (identifier) @f) "
             "(call_expression function: (member_expression property: (property_identifier) @f))])")
        for pattern in captures(det.ctx.grammar, det.ctx.root, q, "p", 1 << 14):
            call = unwrap(pattern.parent.child_by_field_name("value")) if pattern.parent is not None else None
            fn = unwrap(call.child_by_field_name("function")) if call is not None else None
            hook = text(fn.child_by_field_name("property")) if fn is not None and fn.type == "member_expression" \
                else text(fn)
            elements = [c for c in pattern.named_children if c.type == "identifier"]
            second = pattern.named_children[1] if len(pattern.named_children) >= 2 else None
            if hook in _STATE_HOOKS and second is not None and second.type == "identifier":
                found.add(text(second))
            elif hook in _STATE_HOOKS and len(elements) == 1 and pattern.named_children[0].type != "identifier":
                found.add(text(elements[0]))  # `const [, setOpen] = useState(false)`
        # `const { state, setState } = useCoAgent(...)`: the state the page shares with its agent; and the
        # setters a React hook of the project hands out (`const { theme, setTheme } = useTheme()`, a context's
        # useState), named `set<Thing>` by React's convention.
        q = ("(variable_declarator name: (object_pattern) @p value: (call_expression function: (identifier) @f "
             '(#match? @f "^use[A-Z]")))')
        for pattern in captures(det.ctx.grammar, det.ctx.root, q, "p", 1 << 12):
            call = unwrap(pattern.parent.child_by_field_name("value")) if pattern.parent is not None else None
            hook = text(call.child_by_field_name("function")) if call is not None else ""
            wanted = (lambda k: k == "setState") if hook == "useCoAgent" else _HOOK_SETTER.match
            for el in pattern.named_children:
                if el.type == "shorthand_property_identifier_pattern" and wanted(text(el)):
                    found.add(text(el))
                elif el.type == "pair_pattern" and wanted(text(el.child_by_field_name("key"))):
                    found.add(text(el.child_by_field_name("value")))
    det._copilotkit_setters = frozenset(found)  # type: ignore[attr-defined]
    return det._copilotkit_setters  # type: ignore[attr-defined]


def _available(det: Detector, entries: dict[str, Node]) -> str | None:
    node = det._entry(entries, "available")
    if node is None:
        return None
    value = det.ctx.string_value(node)
    return value if isinstance(value, str) else text(node)


def _render_only(hook: str, entries: dict[str, Node], available: str | None) -> bool:
    """v1 useCopilotAction without a handler, a wait-for-the-user render or an enabling `available` only
    draws the calls of a tool defined elsewhere (CopilotKit's getActionConfig)."""
    if hook != "useCopilotAction":
        return False
    if any(k in entries for k in _WAIT_KEYS) or available in ("enabled", "remote"):
        return False
    return "handler" not in entries


def read_action(det: Detector, call: Node, cfg: Node, entries: dict[str, Node], style: str,
                hitl: bool, at: Node | None = None) -> None:
    """One action definition `{ name, description, parameters, handler }` (a hook's or CopilotRuntime's)."""
    name_node = det._entry(entries, "name")
    names = det._names(name_node) if name_node is not None else []
    if not names:
        det._unread(at or call, "CopilotKit action named at run time", one_line(at or call, 80))
        return
    if "*" in names:
        return  # the catch-all renderer draws calls of every tool; it is none itself
    schema_node = det._entry(entries, "parameters")
    if schema_node is not None and unwrap(schema_node) is not None and (
            det.ctx.value_node(schema_node) is not None and det.ctx.value_node(schema_node).type == "array"):
        info = parameter_list(det, schema_node)
    elif schema_node is not None:
        info = analyze_schema(det.ctx, schema_node)
    else:
        info = SchemaInfo()
    body = det._entry(entries, "handler")
    if body is None and hitl:
        # The model's call is answered by the user through this render: what its buttons do is the effect.
        body = det._entry(entries, *_WAIT_KEYS, "render")
    handler = det._handler(body)
    eff = det._effects_of(handler)
    typed, evidence = det._typed(info, handler, eff, no_schema_means_no_params=True)
    desc, dref = det._description(det._entry(entries, "description"))
    gates = det._gates(entries, eff) + (["human_in_the_loop"] if hitl else [])
    cand = det._emit(node=at or call, name=names if len(names) > 1 else names[0], framework=FRAMEWORK, style=style,
                     schema=info.kind if info.declared else "none", typed=typed, typed_evidence=evidence,
                     description=desc, description_ref=dref, handler=handler, eff=eff, gates=gates)
    helpers: list = []
    if style == TOOL_HOOKS["useComponent"] and not eff.strong and not eff.medium:
        cand["state_only"] = "only renders a component in the chat"
    elif handler is not None and not eff.strong and not eff.medium and framework_state.only_ui_state(
            det.ctx, handler, _setters(det) | (_ANSWER if hitl else frozenset()), helpers):
        why = HITL_ONLY if hitl else UI_STATE
        if helpers:
            # the functions of other files it calls must only compute (project phase: `computes`)
            cand["state_only_if"] = {"why": why, "calls": helpers[:10]}
        else:
            cand["state_only"] = why


def _hook(det: Detector, call: Node, hook: str) -> None:
    args = args_of(call)
    cfg, entries = det._config(args[0]) if args else (None, {})
    if hook in NOT_TOOL_HOOKS:
        if cfg is not None:
            det.ctx.claim(cfg)
        det.ctx.claim(call)
        return
    if cfg is None:
        if args:
            det._unread(call, "CopilotKit action defined where parr cannot read it", one_line(call, 80))
        return
    det.ctx.claim(cfg)
    det.ctx.claim(call)
    available = _available(det, entries)
    if available in _HIDDEN or _render_only(hook, entries, available):
        return
    hitl = hook in _HITL_HOOKS or (hook == "useCopilotAction" and any(k in entries for k in _WAIT_KEYS))
    read_action(det, call, cfg, entries, TOOL_HOOKS[hook], hitl)


def _actions_of(det: Detector, value: Node | None, depth: int = 0) -> list[Node] | None:
    """The action elements of `actions:` (an array, or a function returning one), or None when unreadable."""
    value = det.ctx.value_node(value) if value is not None else None
    if value is None or depth > 3:
        return None
    if value.type == "array":
        return list(value.named_children)
    if is_function(value):
        body = value.child_by_field_name("body")
        if body is not None and body.type != "statement_block":
            return _actions_of(det, body, depth + 1)
        found: list[Node] = []
        for node in iter_descendants(body, 5_000) if body is not None else ():
            if node.type == "return_statement" and node.named_children:
                more = _actions_of(det, node.named_children[0], depth + 1)
                if more is None:
                    return None
                found.extend(more)
        return found
    return None


def _runtime(det: Detector, new: Node) -> None:
    """`new CopilotRuntime({ actions: [...] | ({ properties }) => [...] })`: each action a tool of the server."""
    args = args_of(new)
    cfg, entries = det._config(args[0]) if args else (None, {})
    if cfg is None or "actions" not in entries:
        return
    value = det._entry(entries, "actions")
    elements = _actions_of(det, value)
    if elements is None:
        det._unread(entries["actions"], "CopilotRuntime actions made by code parr cannot read",
                    one_line(entries["actions"], 80))
        return
    for el in elements:
        el = unwrap(el)
        if el is not None and el.type == "spread_element":
            det._unread(el, "CopilotRuntime actions made by code parr cannot read", one_line(el, 80))
            continue
        obj = det.ctx.value_node(el)
        if obj is None or obj.type != "object":
            det._unread(el, "CopilotRuntime action parr cannot read", one_line(el, 80))
            continue
        det.ctx.claim(obj)
        read_action(det, new, obj, det._entries(obj), "copilotkit.runtime_action", False, at=obj)


def _provider(det: Detector, call: Node) -> None:
    """Angular's provideCopilotKit({ frontendTools: [...], humanInTheLoop: [...], renderToolCalls: [...] })."""
    args = args_of(call)
    _, entries = det._config(args[0]) if args else (None, {})
    for key, style in _PROVIDER_LISTS.items():
        value = det.ctx.value_node(det._entry(entries, key)) if key in entries else None
        for el in value.named_children if value is not None and value.type == "array" else ():
            obj = det.ctx.value_node(el)
            if obj is None or obj.type != "object":
                continue  # an identifier of another file, a spread: read where it is defined, or by the tools pair
            det.ctx.claim(obj)
            read_action(det, call, obj, det._entries(obj), style, key == "humanInTheLoop", at=obj)
    renderers = det.ctx.value_node(det._entry(entries, "renderToolCalls")) if "renderToolCalls" in entries else None
    for el in renderers.named_children if renderers is not None and renderers.type == "array" else ():
        obj = det.ctx.value_node(el)
        if obj is not None and obj.type == "object":
            det.ctx.claim(obj)


def read_file(det: Detector) -> None:
    """Every CopilotKit hook call and CopilotRuntime of a file that imports CopilotKit."""
    for call, hook in imported.calls(det, SPEC, frozenset(TOOL_HOOKS) | NOT_TOOL_HOOKS | {"provideCopilotKit"}):
        if hook == "provideCopilotKit":
            _provider(det, call)
        else:
            _hook(det, call, hook)
    for new, _ in imported.constructions(det, SPEC, {"CopilotRuntime"}):
        _runtime(det, new)


SPEC = FrameworkSpec(
    id=FRAMEWORK,
    prefixes=("@copilotkit/",),
    # The v2 runtime's defineTool({ name, description, parameters, execute }), given to an agent's `tools`.
    factories=(Factory("defineTool", "copilotkit.defineTool", name_keys=("name",), schema_keys=("parameters",),
                       hook=lambda det, call, args, fw, fname: det._factory_tool(call, args, SPEC,
                                                                                 SPEC.factory("defineTool"))),),
    # new CopilotRuntime({ mcpServers: [...] }): servers list their tools at run time (a site each).
    runtime_tool_keys=("mcpServers",),
    file_reader=read_file,
)

