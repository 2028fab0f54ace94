"""mcp-agent (lastmile-ai): MCPApp tools, the MCP server an app is served as, and the Agent's built-ins."""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _const_str, _kw
from parr.scan.python.frameworks.spec import Builtin, Decorator, Framework

_MA = "mcp-agent"
# Classes whose instances declare tools (`app = MCPApp(...)`; `@app.tool`, `@app.async_tool`).
APP_CLASSES = ("MCPApp",)

# What create_mcp_server_for_app(app) (src/mcp_agent/server/app_server.py) adds to every server it
# builds, read from its @mcp.tool(name="workflows-...") functions: (tool, what it does, params as
# (name, declared type the model can fill in), mutating). run_parameters, payload and tokens are
# Dict[str, Any]: free-form. workflows-run starts a registered workflow by name (a dispatcher: what
# it runs is judged at each workflows-<Name>-run); resume signals a paused run to go on, cancel ends
# one, store-credentials keeps OAuth tokens for later runs.
SERVER_BUILTINS: tuple[tuple[Builtin, tuple[tuple[str, bool], ...]], ...] = (
    (Builtin(_MA, "workflows-list", description="List all available workflow types with their detailed "
             "information."), ()),
    (Builtin(_MA, "workflows-runs-list", description="List all workflow instances (runs) with their detailed "
             "status information."), (("limit", True), ("page_size", True), ("next_page_token", True))),
    (Builtin(_MA, "workflows-run", typed=False, description="Run a workflow with the given name."),
     (("workflow_name", True), ("run_parameters", False))),
    (Builtin(_MA, "workflows-get_status", description="Get the status of a running workflow."),
     (("run_id", True), ("workflow_id", True))),
    (Builtin(_MA, "workflows-resume", mutating=True, typed=False, description="Resume a paused workflow."),
     (("run_id", True), ("workflow_id", True), ("signal_name", True), ("payload", False))),
    (Builtin(_MA, "workflows-cancel", mutating=True, description="Cancel a running workflow."),
     (("run_id", True), ("workflow_id", True))),
    (Builtin(_MA, "workflows-store-credentials", mutating=True, typed=False,
             description="Store OAuth tokens for a workflow to use with MCP servers."),
     (("workflow_name", True), ("tokens", False))),
)
_READS = {
    "workflows-list": "lists the workflow types registered on the app",
    "workflows-runs-list": "lists the app's workflow runs and their status",
    "workflows-run": "starts a workflow registered on the app (each is judged as its own workflows-<name>-run)",
    "workflows-get_status": "reads a workflow run's status",
}

# Agent.list_tools() adds this tool whenever the agent has a human_input_callback, its own or the
# app's (MCPApp(human_input_callback=...) becomes the context's handler, which Agent.initialize()
# takes): request_human_input(request: HumanInputRequest), whose metadata is a free-form dict.
HUMAN_INPUT = Builtin(_MA, "__human_input__", typed=False, schema="json_schema",
                      description="Request input from a human user. Pauses the workflow until input is received.")
_HUMAN_INPUT_SCHEMA = {"props": [{"n": "prompt", "t": "string"}, {"n": "description", "t": "string"},
                                 {"n": "request_id", "t": "string"}, {"n": "timeout_seconds", "t": "integer"},
                                 {"n": "metadata", "t": "object"}]}

# Calls that hand an LLM the tools of the MCP servers named in server_names=[...] (which tools those
# are is known only when the servers run): the router factories and classes of workflows/router.
ROUTER_CALLS = ("create_router_llm", "LLMRouter", "OpenAILLMRouter", "AnthropicLLMRouter")
# Calls an Agent is handed to that put an LLM before its tools (besides agent.attach_llm(...)).
_LLM_TAKERS = ("llm", "router", "orchestrator", "swarm", "evaluator", "parallel")


def _mine(ex, fw_q) -> bool:
    return fw_q == _MA


def _app_node(ex, e, scope, depth: int = 0):
    """The MCPApp(...) call an expression stands for: `app`, or `agent_app` bound by
    `async with app.run() as agent_app` (the running app is the same app)."""
    if depth > 4 or e is None:
        return None
    if isinstance(e, ast.Call):
        last = (ex.dotted(e.func) or "").rsplit(".", 1)[-1]
        if last in APP_CLASSES:
            return e
        if last == "run" and isinstance(e.func, ast.Attribute):
            return _app_node(ex, e.func.value, scope, depth + 1)
        return None
    if not isinstance(e, ast.Name):
        return None
    v, _ = ex.lookup(scope, e.id)
    if isinstance(v, ast.Call):
        return _app_node(ex, v, scope, depth + 1)
    body = scope.func.node if scope.func is not None else ex.tree
    for w in ast.walk(body):
        if isinstance(w, (ast.With, ast.AsyncWith)):
            for item in w.items:
                if isinstance(item.optional_vars, ast.Name) and item.optional_vars.id == e.id:
                    return _app_node(ex, item.context_expr, scope, depth + 1)
    return None


def _apps(ex) -> dict[str, ast.Call]:
    """Module-level names bound to an MCPApp(...)."""
    out = {}
    for name, v in ex.module_scope.assigns.items():
        if isinstance(v, ast.Call) and (ex.dotted(v.func) or "").rsplit(".", 1)[-1] in APP_CLASSES:
            out[name] = v
    return out


def _overridden(ex, app: ast.Call | None) -> bool:
    """The app's FastMCP has its low-level list_tools handler replaced (`@mcp._mcp_server.list_tools()`,
    with `MCPApp(mcp=mcp)`): the server then lists only what that handler returns, none of the app's
    or the server's own tools. An app parr cannot trace counts as the one whose handler a file replaces."""
    held = {dn.rsplit("._mcp_server.", 1)[0] for fi in ex.list_tool_funcs for dn in fi.decorators
            if "._mcp_server." in dn}
    if not held:
        return False
    if app is None:
        return True
    given = _kw(app, "mcp")
    return given is not None and ex.dotted(given) in held


def _server(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """create_mcp_server_for_app(app): read once the file is walked (the app's workflows may follow)."""
    if not _mine(ex, fw_q):
        return False
    ex.deferred.append((_emit_server, node, scope))
    return True


def _emit_server(ex, node: ast.Call, scope) -> None:
    """The server's fixed workflow tools, and workflows-<Class>-run for every @app.workflow class of
    this file registered on the served app, all reported where the server is created. @app.tool and
    @app.async_tool functions are tools where they are declared; their generated workflows get no
    workflows-<name>-run (create_workflow_tools skips them)."""
    arg = node.args[0] if node.args else _kw(node, "app")
    app = _app_node(ex, arg, scope)
    apps = _apps(ex)
    if app is None and ex.in_framework(_MA) and not (isinstance(arg, ast.Name) and arg.id in ex.imports):
        return  # the framework's own CLI serving whatever app it loaded (mcp-agent serve)
    names = {n for n, v in apps.items() if v is app} if app is not None else set(apps)
    done = ex.fw_state.setdefault(_MA, {}).setdefault("served", set())
    if _overridden(ex, app):
        # only the replaced handler's list is served: the app's decorated tools are not listed either
        held = ex.fw_state.get("instance_tools", [])
        dropped = {id(c) for c, recv in held if recv in names}
        ex.cands[:] = [c for c in ex.cands if id(c) not in dropped]
        return
    if id(app) in done:
        return
    done.add(id(app))
    for b, params in SERVER_BUILTINS:
        read = _READS.get(b.name)
        ex.builtin_cand(b, node.lineno, "server_builtin", schema="type_hints", typed=None,  # its parameters say
                        params=[{"n": n, "ok": ok, "str": False} for n, ok in params],
                        extra={"fx": [["", "read", f"{read} (mcp-agent server built-in)"]]} if read else None)
    for ci in ex.classes:
        if not any(_workflow_deco(ex, dn, names) for dn in _decorator_names(ex, ci.node)):
            continue
        run = next((m for m in ci.methods.values() if any(x.rsplit(".", 1)[-1] == "workflow_run"
                                                          for x in m.decorators)), None) or ci.methods.get("run")
        ex.new_cand(name=f"workflows-{ci.name}-run", line=node.lineno, framework=_MA,
                    style="mcp_agent.workflow_run", schema="type_hints", fn=run,
                    description=ast.get_docstring(ci.node),
                    params=[{"n": "run_parameters", "ok": False, "str": False}], extra={"judge_name": ci.name})


def _decorator_names(ex, node) -> list[str]:
    return [ex.dotted(d.func if isinstance(d, ast.Call) else d) or "" for d in node.decorator_list]


def _workflow_deco(ex, dotted: str, names: set[str]) -> bool:
    """@app.workflow on a class, where app is one of the served apps (module-level MCPApp names)."""
    recv, _, last = dotted.rpartition(".")
    return last == "workflow" and recv in names


def _agents(ex) -> None:
    """Every mcp-agent Agent(...) of a file that imports the family (a file hook: `Agent` is too
    common a word to make files worth a full parse): its __human_input__ tool, and the MCP servers
    it is given. The framework's own package builds agents from what it is given: not read."""
    if ex.in_framework(_MA):
        return
    for n, scope in ex.calls_in_order():
        d = ex.dotted(n.func)
        if d and d.rsplit(".", 1)[-1] == "Agent" and ex.fw_of_qual(ex.qualify(d)) == _MA:
            _emit_agent(ex, n, scope)


def _given(e) -> bool:
    """A keyword given a value (not None)."""
    return e is not None and not (isinstance(e, ast.Constant) and e.value is None)


def _emit_agent(ex, node: ast.Call, scope) -> None:
    state = ex.fw_state.setdefault(_MA, {})
    own = _given(_kw(node, "human_input_callback"))
    via_app = any(_given(_kw(v, "human_input_callback")) for v in _apps(ex).values())
    if (own or via_app) and not state.get("human_input"):
        state["human_input"] = True  # one tool per file: every such agent offers the same built-in
        ex.builtin_cand(HUMAN_INPUT, node.lineno, "agent_builtin",
                        extra={"jschema": _HUMAN_INPUT_SCHEMA, "no_params": True,
                               "fx": [["", "read", "asks the person at the app's human-input handler (mcp-agent built-in)"]]})
    if _servers_named(node) and _handed_to_llm(ex, node, scope):
        _model_over_servers(ex, node, scope)


def _model_over_servers(ex, node: ast.Call, scope) -> None:
    """A model given the tools of MCP servers named in server_names=[...]: which tools those are is
    known only when the servers run (a site). A function doing this hands its input to that model,
    which may call any of them: taken as changing state (fail closed), its prompt free-form."""
    v = _kw(node, "server_names")
    ex.unresolved_site(v, "server_names=", node.lineno,
                       "tools of MCP servers named in server_names=, listed only when the servers run")
    if scope.func is None:
        return
    names = [s for s in (_const_str(e) for e in getattr(v, "elts", ())) if s] if v is not None else []
    shown = ", ".join(names) if names else "named at run time"
    scope.func.fx.append(("mcp_remote", "strong", f"hands a model the tools of MCP servers ({shown}) parr "
                          "cannot see: taken as changing state"))
    scope.func.fx.append(("", "prompt", f"forwards its input to a model over MCP servers ({shown})"))


def _servers_named(node: ast.Call) -> bool:
    """server_names= given and not an empty list."""
    v = _kw(node, "server_names")
    return _given(v) and not (isinstance(v, (ast.List, ast.Tuple)) and not v.elts)


def _handed_to_llm(ex, node: ast.Call, scope) -> bool:
    """The agent gets an LLM: `agent.attach_llm(...)`, or the agent passed to an LLM, router,
    orchestrator or other workflow that runs it with a model. An agent whose tools the code lists
    and calls itself (agent.list_tools(), agent.call_tool(...)) is no model's."""
    body = scope.func.node if scope.func is not None else ex.tree
    names = set()
    for w in ast.walk(body):
        if isinstance(w, ast.Assign) and w.value is node:
            names |= {t.id for t in w.targets if isinstance(t, ast.Name)}
        elif isinstance(w, ast.AnnAssign) and w.value is node and isinstance(w.target, ast.Name):
            names.add(w.target.id)
        elif isinstance(w, (ast.With, ast.AsyncWith)):
            names |= {i.optional_vars.id for i in w.items
                      if i.context_expr is node and isinstance(i.optional_vars, ast.Name)}
    for w in ast.walk(body):
        if not isinstance(w, ast.Call):
            continue
        f = w.func
        if isinstance(f, ast.Attribute) and f.attr == "attach_llm" and isinstance(f.value, ast.Name) \
                and f.value.id in names:
            return True
        callee = (ex.dotted(f) or "").rsplit(".", 1)[-1].lower()
        if not any(t in callee for t in _LLM_TAKERS):
            continue
        for a in list(w.args) + [k.value for k in w.keywords]:
            if any(isinstance(x, ast.Name) and x.id in names for x in ast.walk(a)) or a is node:
                return True
    return False


def _router(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """create_router_llm(server_names=[...]): the router's LLM picks among those servers' tools."""
    if not _mine(ex, fw_q):
        return False
    if _servers_named(node):
        _model_over_servers(ex, node, scope)
    return True


def _utility_builtin(cls: str) -> list:
    """The LangChain built-in tool that wraps a utility class (GoogleSerperAPIWrapper ->
    GoogleSerperRun): what running the utility does; empty when no built-in shares its stem."""
    from parr.scan.python import frameworks
    stem = cls.removesuffix("APIWrapper").removesuffix("Wrapper")
    return [by["langchain"] for name, by in frameworks.BUILTIN_CLASSES.items()
            if stem and name.startswith(stem) and "langchain" in by]


def _from_langchain(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """from_langchain_tool(lc_tool, name=None, description=None) (src/mcp_agent/tools/langchain_tool.py)
    turns a LangChain object into a function an Agent's functions=[...] offers. Its name is name=, else
    the object's `name`, else its `__name__`, else "tool_func"; its parameters are the StructuredTool's
    function, BaseTool._run, or `.run`. A LangChain utility (an API wrapper, no tool) has no name and
    its run(query, **kwargs) takes anything: "tool_func", untyped, doing what the built-in tool over
    the same utility does (a utility parr has no tool data for is taken as changing state)."""
    if not _mine(ex, fw_q) or not node.args:
        return False
    given = _const_str(_kw(node, "name"))
    src = node.args[0]
    v = ex.lookup(scope, src.id)[0] if isinstance(src, ast.Name) else src
    fi = ex.resolve_func_expr(src, scope)
    if fi is not None and getattr(fi, "candidate", False) and given is None:
        ex.consumed.add(id(node))
        return True  # a @tool function already reported where it is declared: the same tool
    if isinstance(v, ast.Call):
        q = ex.qualify(ex.dotted(v.func)) or ""
        cls = q.rsplit(".", 1)[-1]
        b = _builtin(cls, "langchain")
        if b is not None:
            ex.builtin_cand(b, node.lineno, "from_langchain_tool", name=given, framework=_MA,
                            description=_const_str(_kw(node, "description")))
            ex.consumed.add(id(node))
            return True
        if ".utilities" in q or cls.endswith("Wrapper"):
            kin = _utility_builtin(cls)
            writes = not kin or any(k.mutating for k in kin)
            caps = tuple(dict.fromkeys(c for k in kin for c in k.caps))
            fx = [] if writes else [[caps[0] if caps else "", "read",
                                     f"runs {cls}.run, as LangChain's {kin[0].name} tool does"]]
            ex.builtin_cand(Builtin(_MA, "tool_func", caps, writes, schema="type_hints"), node.lineno,
                            "from_langchain_tool", name=given, description=_const_str(_kw(node, "description")),
                            typed=None, extra={"fx": fx},
                            params=[{"n": "query", "ok": True, "str": True}, {"n": "kwargs", "ok": False, "str": False}])
            ex.consumed.add(id(node))
            return True
    return False  # anything else: the tools position reads it (or reports a site)


def _builtin(cls: str, label: str):
    from parr.scan.python import frameworks
    return frameworks.BUILTIN_CLASSES.get(cls, {}).get(label)


def _from_crewai(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """from_crewai_tool(crewai_tool, name=None, description=None) (src/mcp_agent/tools/crewai_tool.py):
    named name=, else the tool's name with spaces as underscores, lower-cased (crewAI's built-in
    tools' names, as its data has them), with the tool's own schema. A project's crewAI @tool is
    the tool already reported where it is declared; anything else is read by the tools position."""
    if not _mine(ex, fw_q) or not node.args:
        return False
    given = _const_str(_kw(node, "name"))
    src = node.args[0]
    fi = ex.resolve_func_expr(src, scope)
    if fi is not None and getattr(fi, "candidate", False) and given is None:
        ex.consumed.add(id(node))
        return True
    v = ex.lookup(scope, src.id)[0] if isinstance(src, ast.Name) else src
    if not isinstance(v, ast.Call):
        return False
    b = _builtin((ex.qualify(ex.dotted(v.func)) or "").rsplit(".", 1)[-1], "crewai")
    if b is None:
        return False
    ex.builtin_cand(b, node.lineno, "from_crewai_tool", name=given, framework=_MA,
                    description=_const_str(_kw(node, "description")))
    ex.consumed.add(id(node))
    return True


FRAMEWORKS = (
    Framework(
        label=_MA,
        roots=("mcp_agent",),
        style_prefix="mcp_agent",
        # MCPApp.tool(name=None, *, description=...) and MCPApp.async_tool(...) (src/mcp_agent/app.py):
        # the tool is named name= or the function's name, described by description= or the docstring.
        # An async tool keeps its declared name (it starts the workflow and returns its ids).
        decorators=(
            Decorator("tool", "mcp_agent.app_tool", receiver="required", as_call=False, positional_name=True,
                      receiver_classes=APP_CLASSES),
            Decorator("async_tool", "mcp_agent.app_async_tool", receiver="required", as_call=False,
                      positional_name=True, receiver_classes=APP_CLASSES),
        ),
        call_hooks={
            "create_mcp_server_for_app": (_server,),
            "from_langchain_tool": (_from_langchain,),
            "from_crewai_tool": (_from_crewai,),
            **{c: (_router,) for c in ROUTER_CALLS},
        },
        file_hooks=(_agents,),
        # a file importing the package (Agent, MCPApp and the rest come from it)
        words=("mcp_agent",),
    ),
)
