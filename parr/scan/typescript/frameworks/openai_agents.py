"""OpenAI Agents JS (`@openai/agents*`): tool(), hosted tools, agent.asTool(), hand-offs."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from tree_sitter import Node

from parr.scan.typescript.frameworks.spec import (
    Builtin,
    Factory,
    FrameworkSpec,
    Handoff,
)
from parr.scan.typescript.nodes import args_of, entry_value, line, member_chain, string_literal, text, unwrap

if TYPE_CHECKING:
    from parr.scan.typescript.detect import Detector


def tool(det: Detector, call: Node, args: list[Node]) -> None:
    """tool({ name, description, parameters, execute }) of @openai/agents."""
    cfg, entries = det._claimed_config(args)
    if cfg is None:
        return
    name_node = det._entry(entries, "name")
    exec_entry = entries.get("execute")
    name: Any = det._names(name_node) if name_node is not None else None
    name = name or None
    inferred = False
    if name is None and name_node is None and exec_entry is not None:
        inferred = True
        ev = entry_value(exec_entry)
        if exec_entry.type == "method_definition" or (ev is not None and ev.type == "arrow_function"):
            name = "execute"
        elif ev is not None and ev.type in ("function_expression", "function") and ev.child_by_field_name("name"):
            name = text(ev.child_by_field_name("name"))
        elif ev is not None and ev.type == "identifier":
            name = text(ev)
        else:
            name = "execute"
    if name is None:
        return
    schema_node = det._entry(entries, *SPEC.factory("tool").schema_keys)
    # (a tool() of no known package is read here by shape: Strands Agents TS names its body `callback`)
    handler = det._handler(det._entry(entries, "execute") if "execute" in entries else det._entry(entries, "callback"))
    info, eff, typed, tev, desc, dref = det._read_definition(cfg, schema_node, handler,
                                                             det._entry(entries, "description"))
    det._emit(node=call, name=name, framework="openai-agents-js", style="openai_agents_js.tool",
               schema=info.kind if info.declared else "none", typed=typed, typed_evidence=tev,
               description=desc, description_ref=dref, handler=handler, eff=eff,
               gates=det._gates(entries, eff), name_inferred=inferred,
               definition=det._definition_ref(cfg, None, info))


def builtin(det: Detector, call: Node, args: list[Node], fname: str) -> None:
    """webSearchTool(), codeInterpreterTool() and the other hosted tools: named by the spec, or `name`."""
    builtin = SPEC.builtins[fname]
    default, mutating, typed, caps = builtin.name, builtin.mutating, builtin.typed, builtin.capabilities
    _, entries = det._config(args[0]) if args else (None, {})
    name: Any = default
    n = det._entry(entries, "name")
    if n is not None:
        v = det.ctx.string_value(n)
        if v is not None:
            name = v
    det._emit(node=call, name=name, framework="openai-agents-js", style="openai_agents_js.builtin_tool",
               schema="provider_defined", typed=typed,
               typed_evidence=[] if typed else ["model-written command or code"],
               caps=caps, kind_mutating=mutating, gates=det._gates(entries, None))


def hosted_mcp(det: Detector, call: Node, args: list[Node]) -> None:
    """hostedMcpTool({ serverLabel, ... }): a remote MCP server the provider calls."""
    _, entries = det._config(args[0]) if args else (None, {})
    label = det._entry(entries, "serverLabel", "server_label")
    name = det.ctx.string_value(label) if label is not None else None
    if name is None:
        name = "hosted_mcp"
    gates = []
    ra = det._entry(entries, "requireApproval")
    if ra is not None and string_literal(ra) != "never" and text(ra) not in ("false",):
        gates.append("needs_approval")
    desc, dref = det._description(det._entry(entries, "serverDescription"))
    det._emit(node=call, name=name, framework="openai-agents-js", style="openai_agents_js.hosted_mcp",
               schema="provider_defined", typed=True, caps=("mcp_remote",), gates=gates,
               description=desc, description_ref=dref)


def as_tool(det: Detector, call: Node, args: list[Node], receiver: Node | None) -> None:
    """agent.asTool({ toolName, toolDescription }): a sub-agent the model calls as a tool."""
    _, entries = det._config(args[0]) if args else (None, {})
    name: Any = None
    tn = det._entry(entries, "toolName", "name")
    if tn is not None:
        name = det.ctx.string_value(tn)
    if name is None and receiver is not None:
        agent = det.ctx.value_node(receiver)
        if agent is not None and agent.type in ("new_expression", "call_expression"):
            a = args_of(agent)
            _, aentries = det._config(a[0]) if a else (None, {})
            an = det._entry(aentries, "name")
            v = det.ctx.string_value(an) if an is not None else None
            if isinstance(v, str):
                name = re.sub(r"[^a-zA-Z0-9]+", "_", v).strip("_").lower()
    if name is None:
        return
    desc, dref = det._description(det._entry(entries, "toolDescription", "description"))
    if "langchainjs" in det.frameworks and "openai-agents-js" not in det.frameworks:
        schema_node = det._entry(entries, "schema")
        info = det._schema_of(schema_node)
        typed, tev = det._typed(info, None, None) if info.declared else (False, ["no schema"])
        det._emit(node=call, name=name, framework="langchainjs", style="langchain_js.as_tool",
                   schema=info.kind if info.declared else "none", typed=typed, typed_evidence=tev,
                   description=desc, description_ref=dref)
        return
    det._emit(node=call, name=name, framework="openai-agents-js", style="openai_agents_js.as_tool",
               schema="framework_defined", typed=False,
               typed_evidence=["free-form prompt string to a sub-agent"],
               description=desc, description_ref=dref, gates=det._gates(entries, None))



def handoff(det: Detector, el: Node) -> None:
    """One element of `handoffs: [...]`: an agent, or `handoff(agent, { toolNameOverride, ... })`."""
    spec = SPEC.handoffs[0]
    el = unwrap(el)
    if el is None or el.type == "spread_element":
        if el is not None:
            det._unread(el, "hand-offs made by code parr cannot read", f"{text(el)[:70]} in handoffs: [...]")
        return
    node = det.ctx.value_node(el)
    at, entries = el, {}
    if node is not None and node.type == "call_expression" and \
            (member_chain(unwrap(node.child_by_field_name("function"))) or [""])[-1] == spec.function:
        at, args = node, args_of(node)
        _, entries = det._config(args[1]) if len(args) > 1 else (None, {})
        node = det.ctx.value_node(args[0]) if args else None
    schema_node = det._entry(entries, "inputType")
    info = det._schema_of(schema_node)
    handler = det._handler(det._entry(entries, "onHandoff"))
    eff = det._effects_of(handler)
    desc, dref = det._description(det._entry(entries, "toolDescriptionOverride"))
    override = det._entry(entries, spec.override_key)
    name: Any = det.ctx.string_value(override) if override is not None else None
    agent_ref = None
    if name is None:
        agent_name = det._agent_name(node)
        if isinstance(agent_name, str):
            name = handoff_tool_name(agent_name)
        else:
            agent_ref = det._import_ref(node) if node is not None and node.type == "identifier" else None
            if agent_ref is None:
                reason = "hand-off to an agent parr could not read" if node is None or node.type != "identifier" \
                    or det.ctx.lookup(node, text(node)) is None or \
                    det.ctx.lookup(node, text(node)).kind != "import" else "hand-off to an agent from a package"
                det._unread(at, reason, f"{text(at)[:70]} in handoffs: [...]")
                return
    if det._is_tool_node(at) and any(c.get("name") == name and c.get("line") == line(at)
                                     and c.get("agent_ref") == agent_ref for c in det.tools):
        return  # the same handoff() value listed by two agents: one tool
    cand = det._emit(node=at, name=name, framework=SPEC.id, style=spec.style,
                      schema=info.kind if info.declared else "framework_defined",
                      typed=info.typed is not False,
                      typed_evidence=list(info.evidence) if info.declared else ["no parameters"],
                      description=desc, description_ref=dref, handler=handler, eff=eff)
    cand["handoff"] = True
    if agent_ref is not None:
        cand["agent_ref"] = agent_ref


def handoff_tool_name(agent: str) -> str:
    """The tool name OpenAI Agents JS gives a hand-off (`defaultHandoffToolName`, `toFunctionToolName`)."""
    return "transfer_to_" + re.sub(r"[^a-zA-Z0-9]", "_", agent)

SPEC = FrameworkSpec(
    id="openai-agents-js",
    prefixes=("@openai/agents",),
    factories=(
        Factory("tool", "openai_agents_js.tool", name_keys=("name",), schema_keys=("parameters", "inputSchema"),
                hook=lambda det, call, args, fw, fname: tool(det, call, args)),
        Factory("hostedMcpTool", "openai_agents_js.hosted_mcp", handler_keys=(),
                hook=lambda det, call, args, fw, fname: hosted_mcp(det, call, args), read_for=("*",)),
        Factory("asTool", "openai_agents_js.as_tool", name_keys=("toolName", "name"),
                description_keys=("toolDescription", "description"), handler_keys=()),
    ),
    builtins={
        "webSearchTool": Builtin("web_search", False, True, ("http",)),
        "fileSearchTool": Builtin("file_search", False, True),
        "codeInterpreterTool": Builtin("code_interpreter", True, False, ("code_execution",)),
        "imageGenerationTool": Builtin("image_generation", False, True),
        "computerTool": Builtin("computer_use_preview", True, True, ("computer_use",)),
        "shellTool": Builtin("shell", True, False, ("shell",)),
        "localShellTool": Builtin("local_shell", True, False, ("shell",)),
        "applyPatchTool": Builtin("apply_patch", True, True, ("file_write",)),
        "toolSearchTool": Builtin("tool_search", False, True),
    },
    builtin_hook=lambda det, call, args, fname: builtin(det, call, args, fname),
    handoffs=(Handoff("handoff", "openai_agents_js.handoff", "transfer_to_", "toolNameOverride"),),
    context_keys=("tools", "handoffs"),
)
