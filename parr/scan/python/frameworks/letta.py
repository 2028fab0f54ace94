"""Letta (`letta_client`, `letta`): tools registered from functions or source code, and the tools agents get."""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _const_str, _docstring, _kw
from parr.scan.python.frameworks import letta_builtins as _generated
from parr.scan.python.frameworks.spec import Builtin, Framework

_LT = "letta"
BUILTINS = {name: Builtin(_LT, name, caps, mutating, typed, "framework_defined", description=desc)
            for name, (mutating, typed, caps, desc) in _generated.TOOLS.items()}
# Registrations that send a function's source to the server: the tool is the function, named as it is.
_FROM_FUNCTION = frozenset({"create_from_function", "upsert_from_function", "create_tool", "update_tool"})
# Registrations given the source as text (tools.create(source_code=...)): Letta names the tool after the
# last function the text defines (ast_parsers.get_function_name_and_docstring).
_FROM_SOURCE = frozenset({"create", "upsert", "create_async", "upsert_async"})
_MCP_SERVER_CALLS = frozenset({"add_mcp_server", "connect_mcp_server"})
_MCP_SITE = "Letta MCP server: its tools are listed only when the server runs"


def _calls(ex):
    """Every call of the file, in order, with the scope it runs in."""
    return ex.calls_in_order()


def _file(ex) -> None:
    """A file that imports Letta: its tool registrations and agent creations (a file hook: `create`
    and `attach` are too common to key call hooks or prefilter words on; a file registering tools
    says `tools` anyway). The framework's own package is not read."""
    if ex.in_framework(_LT):
        return
    registered: set[str] = set()
    agents = []
    attached = []
    for node, scope in _calls(ex):
        d = ex.dotted(node.func)
        if not d:
            continue
        parts = d.split(".")
        last, recv = parts[-1], parts[-2] if len(parts) > 1 else ""
        if last in _FROM_FUNCTION and (recv == "tools" or (last in ("create_tool", "update_tool") and recv)):
            fexpr = _kw(node, "func") or (node.args[0] if node.args else None)
            registered.update(_register_function(ex, node, scope, fexpr))
        elif last in _FROM_SOURCE and recv == "tools" and (_kw(node, "source_code") is not None):
            name = _register_source(ex, node, scope)
            if name:
                registered.add(name)
        elif last == "add" and recv == "tools" and _kw(node, "tool") is not None:
            # tools.add(tool=ManageInventoryTool()): a BaseTool subclass, read where it is declared
            ex.ctx_items.append((_kw(node, "tool"), scope, _LT, node.lineno, f"{d}(tool="))
        elif last == "add_mcp_tool":
            tool = _kw(node, "mcp_tool_name") or (node.args[1] if len(node.args) > 1 else None)
            n, r = ex.name_of(tool, scope) if tool is not None else (None, None)
            if n or r:
                ex.new_cand(name=n, name_ref=r, line=node.lineno, framework=_LT, style="letta.mcp_tool",
                            schema="json_schema", typed=True, caps=("mcp_remote",), flags=("name_only",),
                            extra={"no_params": True})
                registered.add(n or "")
            else:
                ex.unresolved_site(node, f"{d}(", node.lineno, "Letta MCP tool named at run time")
        elif last in _MCP_SERVER_CALLS or (last == "create" and recv == "mcp_servers"):
            ex.unresolved_site(node, f"{d}(", node.lineno, _MCP_SITE)
        elif last == "attach" and recv == "tools" and len(parts) > 2 and parts[-3] == "agents":
            attached.append((node, scope, d))
        elif (last in ("create", "create_async") and recv == "agents") or (last == "create_agent" and recv):
            # client.create_agent(...) (the legacy letta client); a bare create_agent is LangChain's
            agents.append((node, scope, d))
    for node, scope, d in agents:
        _agent(ex, node, scope, d, registered)
    for node, scope, d in attached:  # client.agents.tools.attach(agent_id=..., tool_id=...)
        _attached_ids(ex, node, scope, d, _kw(node, "tool_id") or (node.args[0] if node.args else None), registered)


def _loop_items(ex, node: ast.Call, scope, e) -> list | None:
    """`for f in [a, b]: tools.upsert_from_function(func=f)`: the functions the loop variable takes,
    when the loop runs over a literal list (or a name bound to one)."""
    if not isinstance(e, ast.Name):
        return None
    for loop in ast.walk(ex.tree):
        if isinstance(loop, (ast.For, ast.AsyncFor)) and isinstance(loop.target, ast.Name) \
                and loop.target.id == e.id and loop.lineno <= node.lineno <= (loop.end_lineno or loop.lineno):
            items = loop.iter
            if isinstance(items, ast.Name):
                bound, _ = ex.lookup(scope, items.id)
                items = bound if isinstance(bound, ast.AST) else items
            if isinstance(items, (ast.List, ast.Tuple)):
                return list(items.elts)
    return None


def _made_here(ex, e, scope) -> bool | None:
    """Whether a tool id comes from a registration of this file (`dice.id` with dice =
    tools.upsert_from_function(...)): True; from elsewhere (a literal id, a tool looked up with
    tools.retrieve/list): False; None when parr cannot tell."""
    if _const_str(e) is not None:
        return False
    if isinstance(e, ast.Attribute) and e.attr == "id" and isinstance(e.value, ast.Name):
        bound, _ = ex.lookup(scope, e.value.id)
        if isinstance(bound, ast.Await):
            bound = bound.value
        if isinstance(bound, ast.Call):
            last = (ex.dotted(bound.func) or "").rsplit(".", 1)[-1]
            return last in _FROM_FUNCTION | _FROM_SOURCE | {"add", "add_mcp_tool"}
    return None


def _attached_ids(ex, node: ast.Call, scope, d: str, ids, registered: set[str]) -> None:
    """tool_ids=[...] (or agents.tools.attach(tool_id=...)): a tool registered elsewhere is one parr
    does not see; so is any id in a file that registers nothing (fail closed: a site)."""
    if ids is None or isinstance(ids, ast.Constant) and ids.value is None:
        return
    items = ids.elts if isinstance(ids, (ast.List, ast.Tuple)) else [ids]
    for e in items:
        here = _made_here(ex, e, scope)
        if here is False or (here is None and not registered):
            ex.unresolved_site(e, f"{d}(", getattr(e, "lineno", node.lineno),
                               "Letta tool attached by id; parr did not see it registered in this file")


def _register_function(ex, node: ast.Call, scope, fexpr) -> list[str]:
    items = _loop_items(ex, node, scope, fexpr)
    if items is not None:
        return [n for item in items for n in _register_function(ex, node, scope, item)]
    fi = ex.resolve_func_expr(fexpr, scope) if fexpr is not None else None
    if fi is None:
        if fexpr is not None:
            ex.unresolved_site(fexpr, f"{ex.dotted(node.func)}(", node.lineno, "Letta tool from a function parr cannot find")
        return []
    name = _const_str(_kw(node, "name")) or fi.name
    ex._func_cand(fi, scope, name, None, _LT, "letta.tool_from_function", _docstring(fi.node), [])
    return [name]


def _source_text(ex, e, scope):
    """The literal text of `source_code=` (a string, or a name bound to one), with the line its first
    line sits on; or the function `inspect.getsource(fn)` reads."""
    if isinstance(e, ast.Name):
        bound, _ = ex.lookup(scope, e.id)
        e = bound if isinstance(bound, ast.AST) else e
    text = _const_str(e)
    if text is not None:
        return text, e.lineno, None
    if isinstance(e, ast.Call) and (ex.dotted(e.func) or "").endswith("getsource") and e.args:
        return None, None, ex.resolve_func_expr(e.args[0], scope)
    if isinstance(e, ast.Call) and isinstance(e.func, ast.Name) and e.func.id == "dedent" and e.args:
        return _source_text(ex, e.args[0], scope)
    if isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute) and e.func.attr == "dedent" and e.args:
        return _source_text(ex, e.args[0], scope)
    return None, None, None


def _register_source(ex, node: ast.Call, scope) -> str | None:
    """tools.create(source_code=...): the text is code; read as if it stood here, its last function the tool."""
    from parr.scan.python.extract import FuncInfo, Scope

    src = _kw(node, "source_code")
    text, line, fi = _source_text(ex, src, scope)
    if fi is not None:
        return _cand(ex, node, scope, fi)
    if text is None:
        ex.unresolved_site(src, f"{ex.dotted(node.func)}(source_code=", node.lineno,
                           "Letta tool from source code parr cannot read")
        return None
    try:
        tree = ast.parse(_dedent(text))
    except (SyntaxError, ValueError, RecursionError):
        ex.unresolved_site(src, f"{ex.dotted(node.func)}(source_code=", node.lineno,
                           "Letta tool source code that does not parse")
        return None
    ast.increment_lineno(tree, line - 1)
    defs = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
    if not defs:
        return None
    # A scope of its own: the text runs in the server's sandbox, not in this module, and its names
    # must not stand for this file's.
    holder = FuncInfo(tree, f"<source@{line}>", f"<source@{line}>", ex.module_scope, None)
    inner = Scope("func", ex.module_scope, func=holder, name=holder.name)
    holder.body_scope = inner
    ex.visit_body(tree.body, inner)
    fn = inner.defs.get(defs[-1].name)
    if fn is None:
        return None
    return _cand(ex, node, inner, fn)


def _cand(ex, node: ast.Call, scope, fi) -> str:
    desc = _const_str(_kw(node, "description")) or _docstring(fi.node)
    ex._func_cand(fi, scope, fi.name, None, _LT, "letta.tool_from_source", desc, [])
    return fi.name


def _dedent(text: str) -> str:
    import textwrap

    return textwrap.dedent(text)  # leading newlines kept: the lines stay where they are in the file


def _literal_bool(e, default: bool) -> bool:
    """A keyword's literal truth, its default when not given; one parr cannot read counts as on
    (fail closed: the tools it would add stay in view)."""
    if e is None:
        return default
    if isinstance(e, ast.Constant):
        return bool(e.value)
    return True


def _agent_type(e) -> str | None:
    """agent_type="memgpt_agent" or AgentType.memgpt_agent."""
    s = _const_str(e)
    if s is not None:
        return s
    if isinstance(e, ast.Attribute):
        return e.attr
    return None


def _agent(ex, node: ast.Call, scope, d: str, registered: set[str]) -> None:
    """An agent the file creates: the tools it names in tools=[...] (Letta's own by their data; the
    file's registered ones are reported where they are registered; others are a site), and the base
    tools its agent_type gets unless include_base_tools=False."""
    names = []
    tools = _kw(node, "tools")
    if isinstance(tools, ast.Name):
        bound, _ = ex.lookup(scope, tools.id)
        tools = bound if isinstance(bound, (ast.List, ast.Tuple)) else tools
    if tools is not None:
        ex.consumed.add(id(tools))
        if isinstance(tools, (ast.List, ast.Tuple)):
            for e in tools.elts:
                s = _const_str(e)
                if s is None:
                    continue  # an object: the generic tools= reading handles it
                if s in BUILTINS:
                    names.append(s)
                elif s not in registered:
                    ex.unresolved_site(e, f"{d}(tools=", getattr(e, "lineno", node.lineno),
                                       f"Letta tool {s!r} attached by name; parr did not see it registered in this file")
        elif not (isinstance(tools, ast.Constant) and tools.value is None):
            ex.unresolved_site(tools, f"{d}(tools=", node.lineno, "Letta tools attached by names parr cannot read")
    _attached_ids(ex, node, scope, d, _kw(node, "tool_ids"), registered)
    if _literal_bool(_kw(node, "include_base_tools"), True):
        kind_e = _kw(node, "agent_type")
        kind = _agent_type(kind_e) if kind_e is not None else _generated.DEFAULT_AGENT_TYPE
        if kind not in _generated.BY_AGENT_TYPE:
            kind = _generated.DEFAULT_AGENT_TYPE
            ex.unresolved_site(kind_e, f"{d}(agent_type=", node.lineno,
                               "Letta agent type parr cannot read: the default type's base tools are reported")
        base = _generated.BY_AGENT_TYPE[kind]
        if kind not in _generated.BEFORE_SLEEPTIME and _literal_bool(_kw(node, "enable_sleeptime"), False):
            base = _generated.SLEEPTIME_CHAT
        names.extend(base)
    if _literal_bool(_kw(node, "include_multi_agent_tools"), False):
        names.extend(_generated.MULTI_AGENT)
    for name in dict.fromkeys(names):
        ex.builtin_cand(BUILTINS[name], node.lineno, "builtin_tool")


FRAMEWORKS = (
    Framework(
        label=_LT,
        roots=("letta_client", "letta"),
        # letta_client's BaseTool (0.1.x): `name` and `run`, added with tools.add(tool=Cls())
        tool_base_classes=("BaseTool",),
        class_style="letta.BaseTool_subclass",
        file_hooks=(_file,),
    ),
)
