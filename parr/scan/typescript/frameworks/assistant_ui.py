"""assistant-ui (`@assistant-ui/*`, `assistant-stream`): toolkits, makeAssistantTool / useAssistantTool, tool().

Read from assistant-ui's sources and docs (core model-context, assistant-stream tool types, the toolkit
migration guide): a toolkit (`defineToolkit({...})`, an object typed `Toolkit`, `Tools({ toolkit })`) names each
tool by its key; `makeAssistantTool` / `useAssistantTool` by `toolName`. An entry of `type: "backend"`, one
whose `execute` is `externalTool()`, or one with only a `render`, draws the calls of a tool that runs elsewhere:
no tool here. `disabled: true` keeps it from the model; `type: "human"` (or a body asking `human(...)`) is
answered by a person: a human-in-the-loop tool. `makeAssistantToolUI` / `useAssistantToolUI` only render.
Interactables (packages/core `interactableToolName`): `unstable_useInteractable(name, { description, stateSchema })`
(and the older `useAssistantInteractable`) give the model `update_<name>` (characters other than letters, digits,
`_` and `-` become `_`), whose call only sets the component's state; a toolkit entry
`key: unstable_interactableTool({ description, stateSchema, render })` is the tool `key` that creates one, and its
anchor registers `update_key`. Neither does more than change the page's state.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from tree_sitter import Node

from parr.scan.typescript import effects as fx
from parr.scan.typescript.frameworks import imported
from parr.scan.typescript.frameworks.spec import Factory, FrameworkSpec
from parr.scan.typescript.nodes import (
    args_of, captures, entry_value, iter_descendants, member_chain, one_line, property_key, text, unwrap,
)

if TYPE_CHECKING:
    from parr.scan.typescript.detect import Detector

FRAMEWORK = "assistant-ui"
TOOL_HOOKS = {"makeAssistantTool": "assistant_ui.makeAssistantTool",
              "useAssistantTool": "assistant_ui.useAssistantTool"}
# Renderers and context: configs shaped like a tool's that give the model none.
NOT_TOOL_HOOKS = frozenset({"makeAssistantToolUI", "useAssistantToolUI", "useAssistantDataUI", "makeAssistantDataUI",
                            "useAssistantInstructions", "useInlineRender"})
TOOLKIT_CALLS = frozenset({"defineToolkit", "Tools"})
# The browser's tools forwarded to the backend's model (`tools: { ...frontendTools(clientTools) }`): reported
# where the browser defines them, so no site here.
_FORWARDERS = frozenset({"frontendTools"})
# Executors that say the tool runs elsewhere (`externalTool()`: a backend, MCP or LangGraph tool drawn here).
_EXTERNAL = frozenset({"externalTool"})
# Hooks that register an interactable: the model gets `update_<name>` (packages/core interactableToolName).
INTERACTABLE_HOOKS = frozenset({"unstable_useInteractable", "useAssistantInteractable"})
# A toolkit entry that creates an interactable named by its key (and registers `update_<key>`).
_INTERACTABLE_TOOLS = frozenset({"unstable_interactableTool"})
INTERACTABLE_STATE = "only sets an interactable component's state on the page (assistant-ui)"
# Toolkit entries whose tools the model sees only at run time (an MCP server's catalogue).
_RUNTIME_TOOLKITS = frozenset({"defineMcpToolkit"})


def _tool_entry(det: Detector, entries: dict[str, Node], style: str) -> dict[str, Any] | None:
    """What `_emit` needs for one definition `{ type, description, parameters, execute, render, disabled }`,
    or None when the model gets no tool from it."""
    kind = det.ctx.string_value(det._entry(entries, "type")) if "type" in entries else None
    disabled = det._entry(entries, "disabled")
    if kind in ("backend", "provider") or (disabled is not None and text(disabled) == "true"):
        return None  # drawn here, run by a backend or the model's host; or hidden from the model
    execute = det._entry(entries, "execute")
    call = unwrap(execute)
    if call is not None and call.type == "call_expression" and (member_chain(unwrap(
            call.child_by_field_name("function"))) or [""])[-1] in _EXTERNAL:
        return None
    if not ({"parameters", "execute", "description"} & set(entries)):
        return None  # only a renderer of another tool's calls
    schema_node = det._entry(entries, "parameters")
    info = det._schema_of(schema_node)
    handler = det._handler(execute)
    eff = det._effects_of(handler)
    typed, evidence = det._typed(info, handler, eff)
    desc, dref = det._description(det._entry(entries, "description"))
    asks = kind == "human" or (handler is not None and any(
        n.type == "call_expression" and (member_chain(unwrap(n.child_by_field_name("function"))) or [""])[-1] == "human"
        for n in iter_descendants(handler, 5_000)))
    return dict(framework=FRAMEWORK, style=style, schema=info.kind if info.declared else "none", typed=typed,
                typed_evidence=evidence, description=desc, description_ref=dref, handler=handler, eff=eff,
                gates=det._gates(entries, eff) + (["human_in_the_loop"] if asks else []))


def _toolkit(det: Detector, value: Node | None, depth: int = 0) -> None:
    """Each entry of a toolkit object, named by its key; a `tool({...})` entry is read by its own factory."""
    obj = det.ctx.value_node(value) if value is not None else None
    if obj is None or obj.type != "object" or depth > 3 or det.ctx.is_claimed(obj):
        return
    det.ctx.claim(obj)
    for el in obj.named_children:
        if el.type == "spread_element":
            inner = unwrap(el.named_children[0]) if el.named_children else None
            callee = member_chain(unwrap(inner.child_by_field_name("function"))) if inner is not None and \
                inner.type == "call_expression" else []
            if callee and callee[-1] in _RUNTIME_TOOLKITS:
                det._unread(el, "tools listed at run time by MCP servers", one_line(el, 80))
            elif inner is not None and inner.type in ("identifier", "member_expression"):
                _toolkit(det, inner, depth + 1)
            continue
        if el.type != "pair":
            continue
        key = property_key(el)
        entry = unwrap(entry_value(el))
        if key is None or entry is None:
            continue
        if entry.type == "call_expression" and (member_chain(unwrap(entry.child_by_field_name("function")))
                                                 or [""])[-1] in _INTERACTABLE_TOOLS:
            det.ctx.claim(entry)
            _interactable(det, entry, [key], create=True)
            continue
        if entry.type == "object":
            det.ctx.claim(entry)
            kw = _tool_entry(det, det._entries(entry), "assistant_ui.toolkit")
            if kw is not None:
                det._emit(node=entry, name=key, **kw)


def interactable_tool_name(name: str) -> str:
    """The tool the model sees for an interactable `name` (assistant-ui's interactableToolName)."""
    return "update_" + re.sub(r"[^a-zA-Z0-9_-]", "_", name)


def _interactable(det: Detector, call: Node, names: list[Any], create: bool) -> None:
    """`update_<name>` for each interactable name (and, for a toolkit entry, the creating tool `name`): typed by
    the state schema, and changing nothing but the page's state."""
    args = args_of(call)
    cfg, entries = det._config(args[-1]) if args else (None, {})
    if cfg is None or not names or any(not isinstance(n, str) for n in names):
        det._unread(call, "assistant-ui interactable parr cannot read", one_line(call, 80))
        return
    det.ctx.claim(cfg)
    det.ctx.claim(call)
    schema_node = det._entry(entries, "stateSchema")
    info = det._schema_of(schema_node)
    typed, evidence = det._typed(info, None, fx.Effects())
    desc, dref = det._description(det._entry(entries, "description"))
    made = ([(n, "assistant_ui.interactableTool") for n in names] if create else []) + \
        [(interactable_tool_name(n), "assistant_ui.interactable") for n in names]
    for name, style in made[:20]:
        cand = det._emit(node=call, name=name, framework=FRAMEWORK, style=style,
                         schema=info.kind if info.declared else "none", typed=typed, typed_evidence=evidence,
                         description=desc, description_ref=dref, handler=None, eff=fx.Effects(), gates=[])
        cand["state_only"] = INTERACTABLE_STATE


def _hook(det: Detector, call: Node, hook: str) -> None:
    args = args_of(call)
    if hook in INTERACTABLE_HOOKS:
        _interactable(det, call, det._names(args[0]) if args else [], create=False)
        return
    if hook in _FORWARDERS:
        det.ctx.claim(call)
        return
    if hook in TOOLKIT_CALLS:
        det.ctx.claim(call)  # `tools: Tools({ toolkit })`: read here, no site for the tools pair holding it
        cfg, entries = det._config(args[0]) if args else (None, {})
        _toolkit(det, det._entry(entries, "toolkit") if hook == "Tools" else args[0] if args else None)
        return
    cfg, entries = det._config(args[0]) if args else (None, {})
    if cfg is None:
        if args and hook in TOOL_HOOKS:
            det._unread(call, "assistant-ui tool defined where parr cannot read it", one_line(call, 80))
        return
    det.ctx.claim(cfg)
    det.ctx.claim(call)
    if hook in NOT_TOOL_HOOKS:
        return
    names = det._names(det._entry(entries, "toolName")) if "toolName" in entries else []
    if not names:
        det._unread(call, "assistant-ui tool named at run time", one_line(call, 80))
        return
    kw = _tool_entry(det, entries, TOOL_HOOKS[hook])
    if kw is not None:
        det._emit(node=call, name=names if len(names) > 1 else names[0], **kw)


def _typed_toolkits(det: Detector) -> None:
    """`const toolkit: Toolkit = {...}` and `{...} satisfies Toolkit` with Toolkit imported from assistant-ui:
    a toolkit another file registers (`Tools({ toolkit })` there)."""
    locals_ = {local for local, (module, name) in det.ctx.imports.items() if name == "Toolkit" and SPEC.owns(module)}
    if not locals_ or b"Toolkit" not in det.ctx.source:
        return
    for decl in captures(det.ctx.grammar, det.ctx.root, "(variable_declarator value: (_)) @d", "d", 1 << 14):
        ann = decl.child_by_field_name("type")
        value = unwrap(decl.child_by_field_name("value"))
        typed_as = text(ann).lstrip(": ").strip() if ann is not None else None
        raw = decl.child_by_field_name("value")
        if raw is not None and raw.type == "satisfies_expression" and raw.named_children:
            typed_as = text(raw.named_children[-1]).strip()
        if typed_as in locals_ and value is not None:
            _toolkit(det, value)


def read_file(det: Detector) -> None:
    """Every assistant-ui tool hook, renderer and toolkit of a file that imports assistant-ui."""
    for call, hook in imported.calls(det, SPEC, frozenset(TOOL_HOOKS) | NOT_TOOL_HOOKS | TOOLKIT_CALLS | _FORWARDERS
                                     | INTERACTABLE_HOOKS):
        _hook(det, call, hook)
    _typed_toolkits(det)


def tool(det: Detector, call: Node, args: list[Node]) -> None:
    """assistant-ui's / assistant-stream's tool({ type, description, parameters, execute }): an identity helper,
    named by where it is stored (a toolkit key, `const x = tool(...)`)."""
    cfg, entries = det._claimed_config(args)
    if cfg is None:
        return
    kw = _tool_entry(det, entries, "assistant_ui.tool")
    if kw is not None:
        det._emit_named(call, det._naming(call), default_name=None, **kw)

SPEC = FrameworkSpec(
    id=FRAMEWORK,
    packages=("assistant-stream",),
    prefixes=("@assistant-ui/", "assistant-stream/"),
    factories=(Factory("tool", "assistant_ui.tool", schema_keys=("parameters",), named_by_place=True,
                       hook=lambda det, call, args, fw, fname: tool(det, call, args)),),
    file_reader=read_file,
)
