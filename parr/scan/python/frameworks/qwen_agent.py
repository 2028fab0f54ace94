"""Qwen-Agent (`qwen_agent`): `@register_tool('name') class X(BaseTool)`, and the tools an agent's function_list names.

What the model sees (qwen_agent/tools/base.py, agent.py of QwenLM/Qwen-Agent): a BaseTool subclass registered
under the decorator's name (else its `name` attribute), described by `description`, its input `parameters`
either an OpenAI JSON schema or a list of `{name, type, description, required}`; `call(self, params, **kw)` is
the body. An agent's `function_list=[...]` holds registered names ('code_interpreter', the built-ins registered
by qwen_agent.tools: data generated from the wheel, qwen_agent_builtins.py), `{'name': ...}` configs of them,
tool instances, or `{'mcpServers': {...}}`, whose servers list their tools at run time (a site).
"""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _const_str, _kw
from parr.scan.python.frameworks.model_fields import derives_from
from parr.scan.python.frameworks.spec import Builtin, Framework

_QW = "qwen-agent"
_BASES = frozenset({"BaseTool", "BaseToolWithFileAccess", "BaseSearch"})


def _builtins() -> dict[str, Builtin]:
    from parr.scan.python.frameworks.qwen_agent_builtins import BUILTINS

    return {name: Builtin(_QW, name, mutating=mutating, typed=typed, schema="json_schema", judged=True)
            for name, (mutating, typed) in BUILTINS.items()}


def _registered_name(ex, ci):
    """(name, ref) from @register_tool('name') / register_tool(name='x') imported from qwen_agent, or None."""
    for d in ci.node.decorator_list:
        if not isinstance(d, ast.Call):
            continue
        dotted = ex.dotted(d.func) or ""
        if dotted.rsplit(".", 1)[-1] != "register_tool" or ex.fw_of_qual(ex.qualify(dotted)) != _QW:
            continue
        arg = d.args[0] if d.args else _kw(d, "name")
        return ex.name_of(arg, ci.body_scope) if arg is not None else (None, None)
    return None


def _is_tool_class(ex, ci) -> bool:
    return derives_from(ex, ci, lambda base: base.rsplit(".", 1)[-1] in _BASES and ex.fw_of_qual(base) == _QW)


def _list_schema(items: ast.List) -> dict:
    """The legacy parameter list [{'name', 'type', 'description', 'required'}] as the judge's schema summary."""
    props = []
    for el in items.elts:
        if not isinstance(el, ast.Dict):
            return {"props": [], "blob": True}
        keys = {_const_str(k): v for k, v in zip(el.keys, el.values) if k is not None}
        name = _const_str(keys.get("name"))
        if name is None:
            return {"props": [], "blob": True}
        props.append({"n": name, "t": _const_str(keys.get("type")), "d": _const_str(keys.get("description")),
                      "sub": "properties" in keys or "items" in keys})
    return {"props": props, "blob": False}


def _tool_classes(ex) -> None:
    """Each registered (or named) BaseTool subclass of this file: one tool."""
    if ex.in_framework(_QW):
        return  # Qwen-Agent's own tools are data (qwen_agent_builtins.py), reported where an agent names them
    for ci in ex.classes:
        registered = _registered_name(ex, ci)
        if registered is None and not _is_tool_class(ex, ci):
            continue
        ci.claimed = True  # read here, not again by the generic tool-class reading
        n, r = registered if registered is not None else ex.name_of(ci.attrs.get("name"), ci.body_scope)
        fn = ci.methods.get("call")
        if n is None and r is None:
            if registered is not None or (fn is not None and "name" in ci.attrs):
                ex.unresolved_site(None, "", ci.node.lineno, "tool name parr cannot read",
                                   text=f"class {ci.name}")
            continue  # a base of the project's tools without a name of its own
        if fn is None and registered is None:
            continue  # a named class without a call() of its own: a base (registered ones run their base's)
        params = ci.attrs.get("parameters")
        if isinstance(params, ast.List):
            jschema = _list_schema(params)
        elif params is not None:
            jschema = ex.json_schema_info(params, ci.body_scope) or {"props": [], "blob": True}
        else:
            jschema = {"props": [], "blob": False}  # BaseTool.parameters = []: a tool without parameters
        ex.new_cand(name=n, name_ref=r, line=ci.node.lineno, framework=_QW, style="qwen_agent.BaseTool",
                    schema="json_schema", fn=fn, description=_const_str(ci.attrs.get("description")), cls=ci,
                    def_line=ci.node.lineno, extra={"jschema": jschema, "class_name": ci.name})


def _local_value(fn, name: str, before: int):
    """The value last assigned to `name` in function `fn` before line `before` (`tools = [...]` in main())."""
    found = None
    for node in ast.walk(fn):
        if isinstance(node, ast.Assign) and node.lineno < before and any(
                isinstance(t, ast.Name) and t.id == name for t in node.targets):
            if found is None or node.lineno > found.lineno:
                found = node
    return found.value if found is not None else None


def _module_value(tree: ast.Module, name: str, before: int):
    """The value last assigned to `name` by a module-level statement before line `before` (a notebook
    binding `tools = [...]` again in a later cell hands the next agent the new list)."""
    found = None
    for node in tree.body:
        if node.lineno >= before:
            break
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            found = node
    return found.value if found is not None else None


def _value_at(ex, functions, node: ast.AST, value):
    """A name given to a call, as the value it holds there: bound in the function that makes the call
    (before it), else the module's; for a module-level call, its last binding before the call."""
    if not isinstance(value, ast.Name):
        return value
    home = min((f for f in functions if f.lineno <= node.lineno <= (f.end_lineno or f.lineno)),
               key=lambda f: (f.end_lineno or f.lineno) - f.lineno, default=None)
    local = _local_value(home, value.id, node.lineno) if home is not None else \
        _module_value(ex.tree, value.id, node.lineno)  # a module-level call sees the binding before it
    held, _ = ex.lookup(ex.module_scope, value.id) if local is None else (local, None)
    return held if isinstance(held, ast.AST) else None


def _tool_names(ex, value, line: int, builtins, what: str) -> None:
    """The built-ins a tools list names ('code_interpreter', {'name': ...}); MCP servers are sites."""
    for el in value.elts:
        name = _const_str(el)
        if isinstance(el, ast.Dict):
            keys = {_const_str(k): v for k, v in zip(el.keys, el.values) if k is not None}
            if "mcpServers" in keys:
                # each server lists its own tools when the agent starts (one site per server named)
                servers = keys["mcpServers"]
                named = [(k, v) for k, v in zip(servers.keys, servers.values) if _const_str(k) is not None] \
                    if isinstance(servers, ast.Dict) and None not in servers.keys else []
                for k, v in named or [(None, el)]:
                    ex.unresolved_site(None, "", getattr(k if k is not None else v, "lineno", el.lineno),
                                       "tools listed at run time by MCP servers",
                                       text=f"{what}=[{{'mcpServers': {{{_const_str(k)!r}: ...}}}}]" if k is not None
                                       else f"{what}=[{{'mcpServers': ...}}]")
                continue
            name = _const_str(keys.get("name"))
        if name is not None and name in builtins:
            ex.builtin_cand(builtins[name], getattr(el, "lineno", line), "builtin_tool")


def _is_qwen(ex, call: ast.Call, cls: str) -> bool:
    dotted = ex.dotted(call.func) or ""
    return dotted.rsplit(".", 1)[-1] == cls and ex.fw_of_qual(ex.qualify(dotted)) == _QW


def _router_handoffs(ex, call: ast.Call, functions) -> None:
    """Router(agents=[...]) (qwen_agent/agents/router.py): the router's prompt lists each agent by
    name, and the model hands the conversation over by writing `Call: <name>`: one hand-off per agent."""
    agents = _value_at(ex, functions, call, _kw(call, "agents"))
    if not isinstance(agents, (ast.List, ast.Tuple)):
        if agents is not None or _kw(call, "agents") is not None:
            ex.unresolved_site(None, "", call.lineno, "Router hand-offs parr cannot read", text="Router(agents=...)")
        return
    for el in agents.elts:
        made = _value_at(ex, functions, call, el)
        name = _const_str(_kw(made, "name")) if isinstance(made, ast.Call) else None
        if name is None:
            ex.unresolved_site(None, "", getattr(el, "lineno", call.lineno),
                               "Router hand-off to an agent whose name parr cannot read", text="Router(agents=[...])")
            continue
        ex.new_cand(name=name, line=getattr(el, "lineno", call.lineno), framework=_QW, style="qwen_agent.router_handoff",
                    schema="framework_defined", typed=True, flags=("handoff",),
                    description=_const_str(_kw(made, "description")), extra={"no_params": True})


def _group_chat_configs(ex, builtins) -> None:
    """GroupChat's agent configs (qwen_agent/agents/group_chat.py _init_agents_from_config):
    {'agents': [{'name', 'description', 'selected_tools': [...]}, ...]}: each non-human agent is an
    Assistant whose function_list is its selected_tools. Read from every dict of that shape in a
    file that uses GroupChat: the config reaches it through JSON, UI state or parameters parr does
    not follow, and each literal is one set of agents, however many GroupChats it is given to."""
    if not any(isinstance(q, str) and q.startswith("qwen_agent") and q.rsplit(".", 1)[-1] == "GroupChat"
               for q in ex.imports.values()):
        return
    for node in ast.walk(ex.tree):
        if not isinstance(node, ast.Dict):
            continue
        keys = {_const_str(k): v for k, v in zip(node.keys, node.values) if k is not None}
        agents = keys.get("agents")
        if not isinstance(agents, (ast.List, ast.Tuple)):
            continue
        for cfg in agents.elts:
            if not isinstance(cfg, ast.Dict):
                continue
            fields = {_const_str(k): v for k, v in zip(cfg.keys, cfg.values) if k is not None}
            human = fields.get("is_human")
            if isinstance(human, ast.Constant) and human.value:
                continue  # a person in the chat (UserAgent): no tools
            selected = fields.get("selected_tools")
            if isinstance(selected, (ast.List, ast.Tuple)):
                _tool_names(ex, selected, cfg.lineno, builtins, "selected_tools")


def _function_lists(ex) -> None:
    """function_list=[...] of an agent: the built-ins it names, and MCP servers as sites; the agents
    a Router hands over to; the selected_tools of GroupChat agent configs."""
    builtins = _builtins()
    functions = [n for n in ast.walk(ex.tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    for node in ast.walk(ex.tree):
        if not isinstance(node, ast.Call):
            continue
        if _is_qwen(ex, node, "Router"):
            _router_handoffs(ex, node, functions)
        value = _value_at(ex, functions, node, _kw(node, "function_list"))
        if not isinstance(value, (ast.List, ast.Tuple)):
            continue
        _tool_names(ex, value, node.lineno, builtins, "function_list")
    _group_chat_configs(ex, builtins)


FRAMEWORKS = (
    Framework(
        label=_QW,
        roots=("qwen_agent",),
        style_prefix="qwen_agent",
        file_hooks=(_tool_classes, _function_lists),
        words=("function_list", "register_tool", "selected_tools"),
    ),
)
