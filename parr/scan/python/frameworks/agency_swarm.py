"""agency-swarm (`agency_swarm`): BaseTool subclasses named by their class, and the send-message tool of each sender.

What the model sees (src/agency_swarm/tools/base_tool.py of VRSEN/agency-swarm, 1.x and 0.7 alike):
`openai_schema` is pydantic's model schema: the name is its `title`, the class name; the description the
docstring's short description (else "`<class>` tool"); the parameters the fields; `run()` the body. A
`@function_tool` (re-exported from openai-agents) is read as the Agents SDK's. An agent that may talk to
others gets one tool to message them: 1.x `Agency(entry, communication_flows=[(a, b), a > b])` gives the sender
`send_message` (tools/send_message.py), 0.7 `Agency([ceo, [ceo, dev]])` gives it `SendMessage`; the recipient
acts with its own tools on what it is sent, so the message is taken as changing state (as Letta's
send_message_to_agent). Built-in tool classes (PersistentShellTool, IPythonInterpreter, ...) are tools where a
project hands them to an agent: agency_swarm_builtins.py, generated from the package.
"""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _kw
from parr.scan.python.frameworks.model_fields import class_chain, derives_from, field_model_tools
from parr.scan.python.frameworks.spec import Builtin, Decorator, Framework

_AS = "agency-swarm"
SEND_MESSAGE = {
    "1": Builtin(_AS, "send_message", mutating=True, schema="json_schema",
                 description="Send a message to another agent of the agency (it acts with its own tools)."),
    "0": Builtin(_AS, "SendMessage", mutating=True, schema="pydantic",
                 description="Send a message to another agent of the agency (it acts with its own tools)."),
}


# The Agents SDK's hosted and built-in tool classes agency_swarm.tools re-exports (tools/__init__.py), as the
# Agents SDK's data says (agent_builtins.py); HostedMCPTool lists a remote server's tools at run time (a site).
_REEXPORTED = ("CodeInterpreterTool", "ComputerTool", "FileSearchTool", "HostedMCPTool", "ImageGenerationTool",
               "LocalShellTool", "ToolSearchTool", "WebSearchTool")
# Agent(files_folder=...) gives the agent OpenAI's file_search over the folder's vector store (file_manager.py).
FILE_SEARCH = Builtin(_AS, "file_search", mutating=False, typed=True, schema="provider_defined",
                      description="OpenAI's hosted search over the agent's files_folder vector store.")


def _reexported() -> dict[str, Builtin]:
    from parr.scan.python.frameworks.openai_agents import _BUILTINS

    return {cls: Builtin(_AS, b.name, b.caps, b.mutating, b.typed, site=b.site)
            for cls, b in _BUILTINS.items() if cls in _REEXPORTED}


def _builtin_classes() -> dict[str, Builtin]:
    from parr.scan.python.frameworks.agency_swarm_builtins import BUILTINS

    return {cls: Builtin(_AS, name, mutating=mutating, typed=typed, schema="pydantic", judged=True)
            for cls, (name, mutating, typed) in BUILTINS.items()}


def _is_tool_class(ex, ci) -> bool:
    return derives_from(ex, ci, lambda base: base.rsplit(".", 1)[-1] == "BaseTool" and ex.fw_of_qual(base) == _AS)


def _tool_classes(ex) -> None:
    """Every BaseTool subclass of this file with a run() of its own or of a base here: one tool named by its class."""
    if ex.in_framework(_AS):
        return  # agency-swarm's own classes are data, reported where a project uses them
    field_model_tools(ex, _AS, _is_tool_class, "run", "agency_swarm.BaseTool", fallback="`{name}` tool")


def _chain(e) -> list[tuple[ast.AST, ast.AST]]:
    """(sender, recipient) pairs of `a > b > c`, `c < b < a` and mixed chains (`dev < ceo > pm`): `>` points from
    the sender to the recipient, `<` the other way."""
    if not isinstance(e, ast.Compare) or not all(isinstance(op, (ast.Gt, ast.Lt)) for op in e.ops):
        return []
    agents = [e.left, *e.comparators]
    return [(a, b) if isinstance(op, ast.Gt) else (b, a) for op, a, b in zip(e.ops, agents, agents[1:])]


def _flows_1x(flows) -> list[tuple[ast.AST, ast.AST, ast.AST | None]]:
    """(sender, recipient, tool class or None) of 1.x communication_flows=[(a, b), a > b > c, (a > b, Handoff)]."""
    out: list[tuple[ast.AST, ast.AST, ast.AST | None]] = []
    for entry in flows.elts if isinstance(flows, (ast.List, ast.Tuple)) else ():
        if isinstance(entry, ast.Tuple) and len(entry.elts) == 2 and isinstance(entry.elts[0], ast.Compare):
            out += [(a, b, entry.elts[1]) for a, b in _chain(entry.elts[0])]
        elif isinstance(entry, ast.Tuple) and len(entry.elts) >= 2:
            out += [(entry.elts[0], r, None) for r in entry.elts[1:]]
        else:
            out += [(a, b, None) for a, b in _chain(entry)]
    return out


def _class_kind(ex, cls, scope) -> tuple[str, str | None]:
    """("handoff", None) for agency-swarm's Handoff or a subclass of it here; ("send", name) for SendMessage or a
    subclass (its `tool_name`, else send_message)."""
    if cls is None:
        return "send", "send_message"
    dotted = ex.dotted(cls) or ""
    last = dotted.rsplit(".", 1)[-1]
    if ex.fw_of_qual(ex.qualify(dotted)) == _AS:
        return ("handoff", None) if last.endswith("Handoff") else ("send", "send_message")
    local = ex._local_class(dotted) if dotted else None
    for c in class_chain(ex, local) if local is not None else ():
        for base in c.bases:
            if base.rsplit(".", 1)[-1].endswith("Handoff") and ex.fw_of_qual(base) == _AS:
                return "handoff", None
        named = c.attrs.get("tool_name")
        if isinstance(named, ast.Constant) and isinstance(named.value, str):
            return "send", named.value
    return "send", "send_message" if local is not None else None


def _files_folders(ex) -> None:
    """Agent(files_folder=...): OpenAI's file_search over the folder. A file hook, not a call hook: `Agent` as a
    prefilter word would send most files of a large tree to a full parse (the keyword is the sign here)."""
    if "files_folder" not in ex.text and "schemas_folder" not in ex.text:
        return
    for node in ast.walk(ex.tree):
        if not isinstance(node, ast.Call):
            continue
        dotted = ex.dotted(node.func) or ""
        if dotted.rsplit(".", 1)[-1] != "Agent" or ex.fw_of_qual(ex.qualify(dotted)) != _AS:
            continue
        folder = _kw(node, "files_folder")
        if folder is not None and not (isinstance(folder, ast.Constant) and folder.value is None):
            ex.builtin_cand(FILE_SEARCH, node.lineno, "files_folder")
        schemas = _kw(node, "schemas_folder")
        if schemas is not None and not (isinstance(schemas, ast.Constant) and schemas.value is None):
            # each OpenAPI operation of the folder's schema files becomes a tool when the agent is made
            ex.unresolved_site(None, "", node.lineno, "tools made at run time from OpenAPI schema files",
                               text="Agent(schemas_folder=...)")


def _agency(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """Agency(...): each sender's tool to message the agents it may talk to (one per send-message class), or a
    hand-off tool per recipient (transfer_to_<recipient name>) where the flow names a Handoff class."""
    if fw_q != _AS:
        return False
    flows = _kw(node, "communication_flows")
    chart = _kw(node, "agency_chart") or (node.args[0] if node.args and isinstance(node.args[0], ast.List) else None)
    if flows is None and isinstance(chart, ast.List):
        # 0.7: Agency([ceo, [ceo, dev], [dev, va]]): each inner list's first agent messages the rest (SendMessage)
        edges = [(e.elts[0], r, None) for e in chart.elts if isinstance(e, ast.List) and len(e.elts) > 1
                 for r in e.elts[1:]]
        builtin = SEND_MESSAGE["0"]
    else:
        # 1.x: communication_flows=[...], or flows given positionally: Agency(ceo, (ceo, dev))
        edges = _flows_1x(flows) if flows is not None else _flows_1x(
            ast.List(elts=[a for a in node.args if isinstance(a, (ast.Tuple, ast.Compare))]))
        builtin = SEND_MESSAGE["1"]
    seen: set[tuple[str, str]] = set()
    for sender, recipient, cls in edges:
        kind, tool = _class_kind(ex, cls, scope)
        made = ex.lookup(scope, sender.id)[0] if isinstance(sender, ast.Name) else None
        home = getattr(made, "lineno", None) or getattr(sender, "lineno", node.lineno)
        line = getattr(sender, "lineno", node.lineno)
        if kind == "handoff":
            name, _ = ex._agent_name(recipient, scope)
            if name is None:
                ex.unresolved_site(None, "", line, "hand-off parr cannot read", text="communication_flows (Handoff)")
                continue
            key = (ast.dump(sender), "transfer_to_" + name.replace(" ", "_"))
            if key not in seen:
                seen.add(key)
                ex.new_cand(name=key[1], line=line, framework=_AS, style="agency_swarm.handoff",
                            schema="framework_defined", typed=True, flags=("handoff",), def_line=home,
                            extra={"no_params": True})
            continue
        if tool is None:
            ex.unresolved_site(None, "", line, "send-message class parr cannot read", text="communication_flows")
            continue
        tool = tool if cls is not None else builtin.name  # 0.7's own tool is SendMessage
        key = (ast.dump(sender), tool)
        if key not in seen:
            seen.add(key)
            ex.builtin_cand(builtin, line, "send_message", name=tool, def_line=home)
    return True


FRAMEWORKS = (
    Framework(
        label=_AS,
        roots=("agency_swarm",),
        style_prefix="agency_swarm",
        decorators=(Decorator("function_tool", "agency_swarm.function_tool", name_kws=("name_override",),
                              desc_kws=("description_override",), receiver=None),),
        call_hooks={"Agency": (_agency,)},
        builtin_classes=_reexported(),
        # built-in classes handed over as they are (`tools=[PersistentShellTool]`), imported by name
        builtin_instances=_builtin_classes(),
        file_hooks=(_tool_classes, _files_folders),
    ),
)
