"""Microsoft Agent Framework (`agent_framework`): @tool / @ai_function, FunctionTool / AIFunction, HandoffBuilder hand-offs."""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _const_str, _kw, fn_arg
from parr.scan.python.frameworks.spec import Builtin, Decorator, Factory, Framework

_AF = "agent-framework"
_ALWAYS = (("approval_mode", "always_require"),)


# ---------------------------------------------------------------- HandoffBuilder
# agent_framework_orchestrations/_handoff.py: HandoffBuilder(participants=[...]) (or .participants([...]))
# gives each participant one tool per agent it may hand to, named get_handoff_tool_name(target_id) =
# f"handoff_to_{target_id}", where target_id = resolve_agent_id(agent): the agent's .name, else its .id.
# With no .add_handoff(source, [targets]) every participant hands to every other one (a mesh,
# _resolve_handoffs); with add_handoff only the declared pairs exist (merged per source).
_HANDOFF_FORMAT = "handoff_to_{target}"
_AGENT_MAKERS = ("create_agent", "as_agent")


def _chain_root(e):
    """The expression a chain of builder calls starts from: X in X.participants(...).build()."""
    while True:
        if isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute):
            e = e.func.value
        elif isinstance(e, ast.Await):
            e = e.value
        else:
            return e


def _enclosing_body(ex, scope):
    """The statements of the function (or module) the builder is made in."""
    return scope.func.node if scope is not None and scope.func is not None else ex.tree


def _builder_calls(ex, node: ast.Call, scope) -> list[ast.Call]:
    """.participants(...) / .add_handoff(...) called on this builder: chained on it, or on a
    variable of the same function that holds it (builder = HandoffBuilder(...); builder.add_handoff(...))."""
    body = _enclosing_body(ex, scope)
    holders: set[str] = set()
    for st in ast.walk(body):
        if isinstance(st, (ast.Assign, ast.AnnAssign)) and st.value is not None and _chain_root(st.value) is node:
            for t in (st.targets if isinstance(st, ast.Assign) else [st.target]):
                if isinstance(t, ast.Name):
                    holders.add(t.id)
    out = []
    for c in ast.walk(body):
        if isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute) and c.func.attr in ("participants", "add_handoff"):
            root = _chain_root(c)
            if root is node or (isinstance(root, ast.Name) and root.id in holders):
                out.append(c)
    return sorted(out, key=lambda c: (c.lineno, c.col_offset))


def _unpacked(ex, name: str, scope):
    """triage, refund = create_agents(client): the value a helper of this file returns at that position."""
    body = _enclosing_body(ex, scope)
    for st in ast.walk(body):
        if not (isinstance(st, ast.Assign) and len(st.targets) == 1 and isinstance(st.targets[0], ast.Tuple)):
            continue
        names = [t.id if isinstance(t, ast.Name) else None for t in st.targets[0].elts]
        if name not in names:
            continue
        call = st.value.value if isinstance(st.value, ast.Await) else st.value
        fi = ex.resolve_func_expr(call.func, scope) if isinstance(call, ast.Call) else None
        if fi is None:
            return None, None
        i = names.index(name)
        for rv in fi.returns or ():
            if isinstance(rv, ast.Tuple) and len(rv.elts) == len(names):
                return rv.elts[i], fi.body_scope
        return None, None
    return None, None


def _agent_call(ex, e, scope, depth: int = 0):
    """(resolve_agent_id, the Agent(...) call) of a participant: name= (else id=) of the agent it holds."""
    if depth > 3 or e is None:
        return None, None
    if isinstance(e, ast.Name):
        v, vscope = ex.lookup(scope, e.id)
        if v is None:
            v, vscope = _unpacked(ex, e.id, scope)
        return _agent_call(ex, v, vscope, depth + 1) if isinstance(v, ast.AST) else (None, None)
    if isinstance(e, ast.Await):
        return _agent_call(ex, e.value, scope, depth + 1)
    if isinstance(e, ast.Call):
        last = (ex.dotted(e.func) or "").rsplit(".", 1)[-1]
        if last.endswith("Agent") or last in _AGENT_MAKERS:
            for kw in ("name", "id"):
                v = _kw(e, kw)
                if v is not None:
                    return ex.str_of(v, scope)[0], e
    return None, None


def _agent_id(ex, e, scope) -> str | None:
    return _agent_call(ex, e, scope)[0]


def _agents_of(e, ex, scope):
    """The participant expressions of a list given to the builder."""
    if isinstance(e, ast.Name):
        v, vscope = ex.lookup(scope, e.id)
        if isinstance(v, (ast.List, ast.Tuple)):
            return list(v.elts), vscope
    if isinstance(e, (ast.List, ast.Tuple)):
        return list(e.elts), scope
    return None, scope


def _handoff_tools(ex, node: ast.Call, scope) -> None:
    calls = _builder_calls(ex, node, scope)
    lists = [_kw(node, "participants")] + [fn_arg(c, "participants") for c in calls if c.func.attr == "participants"]
    participants: list[tuple[str | None, ast.AST]] = []
    for lst in lists:
        if lst is None:
            continue
        elts, escope = _agents_of(lst, ex, scope)
        if elts is None:
            ex.unresolved_site(lst, "HandoffBuilder(participants=...)", node.lineno, "hand-off participants parr cannot read")
            return
        participants += [_agent_call(ex, el, escope) for el in elts]
    if not participants:  # HandoffBuilder(**config): the agents are given where parr cannot see
        ex.unresolved_site(node, "HandoffBuilder(...)", node.lineno, "hand-off participants parr cannot read")
        return
    if any(n is None for n, _ in participants):
        ex.unresolved_site(node, "HandoffBuilder(participants=...)", node.lineno,
                           "hand-off to an agent whose name parr cannot read (its tool is handoff_to_<name or id>)")
        return
    names = [n for n, _ in participants]
    # each source agent's hand-offs are its own tools: reported at the agent (same file), so two
    # agents' handoff_to_x stay two tools
    at = {n: getattr(call, "lineno", node.lineno) for n, call in participants}
    pairs: list[tuple[str, str]] = []
    declared = [c for c in calls if c.func.attr == "add_handoff"]
    for c in declared:
        src = _agent_id(ex, fn_arg(c, "source"), scope)
        targets_e = c.args[1] if len(c.args) > 1 else _kw(c, "targets")
        elts, escope = _agents_of(targets_e, ex, scope)
        targets = [_agent_id(ex, t, escope) for t in elts] if elts is not None else [None]
        if src is None or None in targets:
            ex.unresolved_site(c, "add_handoff(...)", c.lineno, "hand-off to an agent whose name parr cannot read")
            continue
        pairs += [(src, t) for t in targets if (src, t) not in pairs]
    if not declared:  # no add_handoff: a mesh, each participant to every other one
        pairs = [(s, t) for s in names for t in names if s != t]
    for src, target in pairs:
        ex.new_cand(name=_HANDOFF_FORMAT.format(target=target), line=at.get(src, node.lineno),
                    framework=_AF, style="agent_framework.handoff", schema="framework_defined", typed=True,
                    description=f"Hands the conversation from {src} to {target} (HandoffBuilder).",
                    flags=("handoff",), extra={"no_params": True})


def _handoff_builder(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """HandoffBuilder(...): read once the file is walked (the agents may be made by a later helper)."""
    if fw_q != _AF:
        return False
    ex.deferred.append((_handoff_tools, node, scope))
    return True


# ---------------------------------------------------------------- hosted tools
# Hosted tools the provider runs, handed out by the chat clients' get_<kind>_tool() methods
# (agent_framework/_clients.py and each provider package's _chat_client.py) and, in earlier
# releases, by the Hosted*Tool classes. The model sees the provider's name for the tool: the
# Responses API (OpenAI, Azure OpenAI, Foundry) the tool "type", Anthropic the name= it is given
# (code_execution, web_search, bash), Gemini its built-in tool (code_execution, google_search).
# A hosted MCP server or A2A agent hands the model tools named at run time: a site, not a tool.
_REMOTE = "hosted remote MCP server: its tools are named at run time"
_A2A = "remote A2A agent: what it can do is decided at run time"
_CODE = (("code_execution",), True, False)
_SHELL = (("shell",), True, False)


def _b(name: str, caps: tuple[str, ...] = (), mutating: bool = False, typed: bool = True, site: str | None = None) -> Builtin:
    return Builtin(_AF, name, caps, mutating, typed, site=site)


# method -> {provider family: the tool}; "responses" also stands for a client parr cannot place
_HOSTED_METHODS: dict[str, dict[str, Builtin]] = {
    "get_code_interpreter_tool": {"responses": _b("code_interpreter", *_CODE), "anthropic": _b("code_execution", *_CODE),
                                  "gemini": _b("code_execution", *_CODE)},
    "get_web_search_tool": {"responses": _b("web_search", ("http",)), "anthropic": _b("web_search", ("http",)),
                            "gemini": _b("google_search", ("http",))},
    "get_file_search_tool": {"responses": _b("file_search"), "gemini": _b("file_search")},
    "get_image_generation_tool": {"responses": _b("image_generation")},
    "get_shell_tool": {"responses": _b("shell", *_SHELL), "anthropic": _b("bash", *_SHELL)},
    "get_mcp_tool": {"responses": _b("mcp", site=_REMOTE), "anthropic": _b("mcp", site=_REMOTE),
                     "gemini": _b("mcp", site=_REMOTE)},
    # Foundry only
    "get_bing_grounding_tool": {"responses": _b("bing_grounding", ("http",))},
    "get_bing_custom_search_tool": {"responses": _b("bing_custom_search_preview", ("http",))},
    "get_azure_ai_search_tool": {"responses": _b("azure_ai_search")},
    "get_sharepoint_tool": {"responses": _b("sharepoint_grounding_preview")},
    "get_fabric_tool": {"responses": _b("fabric_dataagent_preview")},
    "get_memory_search_tool": {"responses": _b("memory_search_preview")},
    "get_computer_use_tool": {"responses": _b("computer_use_preview", ("computer_use",), True)},
    "get_browser_automation_tool": {"responses": _b("browser_automation_preview", ("http",), True)},
    "get_a2a_tool": {"responses": _b("a2a_preview", site=_A2A)},
    # Gemini only
    "get_maps_grounding_tool": {"gemini": _b("google_maps", ("http",))},
}

_HOSTED_CLASSES = {
    "HostedCodeInterpreterTool": _b("code_interpreter", *_CODE),
    "HostedWebSearchTool": _b("web_search", ("http",)),
    "HostedFileSearchTool": _b("file_search"),
    "HostedImageGenerationTool": _b("image_generation"),
    "HostedMCPTool": _b("hosted_mcp", site=_REMOTE),
}


def _family(qual: str | None) -> str | None:
    """Which provider a client class speaks for, from where it comes (agent_framework.anthropic...)."""
    q = (qual or "").lower()
    if "anthropic" in q or "claude" in q:
        return "anthropic"
    if "gemini" in q or "google" in q:
        return "gemini"
    return "responses"


def _hosted_method(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """client.get_code_interpreter_tool(), FoundryChatClient.get_web_search_tool(...): a hosted tool."""
    if _AF not in ex.fw_hints or not isinstance(node.func, ast.Attribute):
        return False
    recv = node.func.value
    qual = None
    if isinstance(recv, ast.Name):
        ctor = ex._ctor_of(recv.id, scope) or (recv.id if recv.id in ex.imports else None)
        qual = ex.qualify(ctor) if ctor else None
        if qual and ex.fw_of_qual(qual) not in (None, _AF):
            return False  # another framework's client
    table = _HOSTED_METHODS[node.func.attr]
    b = table.get(_family(qual))
    if b is None:
        return False
    if b.site:
        ex.unresolved_site(node, f"{d}()", node.lineno, b.site)
    else:
        # get_shell_tool(func=run, approval_mode="always_require"): the local shell asks first
        gated = _const_str(_kw(node, "approval_mode")) == "always_require"
        ex.builtin_cand(b, node.lineno, "builtin_tool_instance", gates=("needs_approval",) if gated else (),
                        home=qual if qual and ex.fw_of_qual(qual) == _AF else None)
    ex.consumed.add(id(node))
    return True


FRAMEWORKS = (
    Framework(
        label=_AF,
        roots=("agent_framework",),
        style_prefix="agent_framework",
        decorators=(
            Decorator("ai_function", "agent_framework.ai_function", gate_values=_ALWAYS),
            Decorator("tool", "agent_framework.tool", receiver=None, gate_values=_ALWAYS),
        ),
        call_hooks={"HandoffBuilder": (_handoff_builder,), **{m: (_hosted_method,) for m in _HOSTED_METHODS}},
        builtin_classes=_HOSTED_CLASSES,
        factories=(
            # FunctionTool(name=..., description=..., func=fn): without func it only declares the
            # tool; the model's call comes back to the caller.
            Factory("FunctionTool", _AF, "agent_framework.FunctionTool", fn_pos=None, gate_values=_ALWAYS),
            Factory("AIFunction", _AF, "agent_framework.FunctionTool", fn_pos=None, gate_values=_ALWAYS),
        ),
    ),
)
