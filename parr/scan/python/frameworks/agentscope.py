"""AgentScope: Toolkit registrations (1.x functions, 2.x ToolBase objects) and the framework's built-in tools."""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _const_str, _kw
from parr.scan.python.frameworks.spec import Builtin, Factory, Framework

_AS = "agentscope"


def _b(name: str, caps: tuple[str, ...] = (), mutating: bool = False, typed: bool = True,
       description: str | None = None) -> Builtin:
    return Builtin(_AS, name, caps, mutating, typed, "type_hints", description)


# 2.x built-in ToolBase classes (src/agentscope/tool/_builtin, tool/_task), named by their class
# attribute `name`. Bash and PowerShell run the command string the model writes (untyped); Edit and
# Write change files; the task tools keep the agent's own task list in its state.
V2_CLASSES = {
    "Bash": _b("Bash", ("shell",), True, False, "Executes a bash command and returns its output."),
    "PowerShell": _b("PowerShell", ("shell",), True, False, "Executes a PowerShell command and returns its output."),
    "Edit": _b("Edit", ("file_write",), True, description="Performs exact string replacements in files."),
    "Write": _b("Write", ("file_write",), True, description="Writes a file to the local filesystem."),
    "Read": _b("Read", ("file_read",), description="Reads a file from the local filesystem."),
    "Glob": _b("Glob", ("file_read",), description="Fast file pattern matching tool."),
    "Grep": _b("Grep", ("file_read",), description="A powerful search tool built on ripgrep."),
    "TaskCreate": _b("TaskCreate", description="Create a structured task list for the current session."),
    "TaskGet": _b("TaskGet", description="Retrieve a task by its ID from the task list."),
    "TaskList": _b("TaskList", description="List all tasks in the task list."),
    "TaskUpdate": _b("TaskUpdate", description="Update a task in the task list."),
}
# WorkspaceBase.list_tools() (workspace/_base.py; LocalWorkspace swaps Bash for PowerShell only on
# Windows): the six file-system and shell tools, bound to the workspace's backend.
WORKSPACE_TOOLS = tuple(V2_CLASSES[n] for n in ("Bash", "Edit", "Glob", "Grep", "Read", "Write"))
# Middleware list_tools() (middleware/_longterm_memory/*/_tools.py, middleware/_rag.py): the tools a
# middleware hands out, and the mode that turns them off. Passing the middleware to Agent(middlewares=)
# adds none of them: only `Toolkit(tools=await mw.list_tools())` puts them before the model.
# class -> (tools, where the mode is given, the mode's default, the modes without tools)
MIDDLEWARE_TOOLS = {
    "Mem0Middleware": ((_b("search_memory", description="Retrieve memories based on short, targeted search keywords."),
                        _b("add_memory", mutating=True, description="Record important information into mem0.")),
                       "mode", "both", ("static_control",)),
    "ReMeMiddleware": ((_b("memory_search", description="Search the ReMe long-term memory."),),
                       "parameters.mode", "both", ("static_control",)),
    "RAGMiddleware": ((_b("search_knowledge", description="Search the knowledge bases."),),
                      "parameters.mode", "agentic", ("static",)),
}
# The middleware of agentscope.middleware that keep MiddlewareBase.list_tools(), which returns none.
NO_TOOL_MIDDLEWARE = ("AgenticMemoryMiddleware", "TracingMiddleware", "ReplyBudgetControlMiddleware", "TTSMiddleware")
# 2.x meta tool ResetTools (tool/_builtin/_meta.py): offered once a Toolkit holds a tool group besides
# "basic"; it switches the agent's own groups on and off.
RESET_TOOLS = _b("reset_tools", description="Activate or deactivate tool groups.")

# 1.x built-in tool functions (agentscope.tool, v1.0.x: tool/_coding, tool/_text_file,
# tool/_multi_modality), registered with Toolkit.register_tool_function(fn). The coding tools run the
# code or command string the model writes; the text-file writers change files; the multi-modal ones
# call the provider's API and hand back what it made (nothing is stored).
V1_FUNCTIONS = {
    "execute_python_code": _b("execute_python_code", ("code_execution",), True, False,
                              "Execute the given python code in a temp file and capture the return code, "
                              "standard output and error."),
    "execute_shell_command": _b("execute_shell_command", ("shell",), True, False,
                                "Execute given command and return the return code, standard output and error."),
    "view_text_file": _b("view_text_file", ("file_read",), description="View the file content in the specified range."),
    "write_text_file": _b("write_text_file", ("file_write",), True,
                          description="Create/Replace/Overwrite content in a text file."),
    "insert_text_file": _b("insert_text_file", ("file_write",), True,
                           description="Insert the content at the specified line number in a text file."),
    **{n: _b(n, ("http",)) for n in (
        "dashscope_text_to_image", "dashscope_text_to_audio", "dashscope_image_to_text", "openai_text_to_image",
        "openai_text_to_audio", "openai_edit_image", "openai_create_image_variation", "openai_image_to_text",
        "openai_audio_to_text")},
}
# What ReActAgent (1.x agent/_react_agent.py) registers on its toolkit itself: the long-term memory's
# two tools when long_term_memory_mode is "agent_control" or "both" (the default), the meta tool
# with enable_meta_tool=True, and a PlanNotebook's tools (its own plan state) with plan_notebook=.
LTM_TOOLS = (_b("record_to_memory", mutating=True, description="Record important information into long-term memory."),
             _b("retrieve_from_memory", description="Retrieve memories based on keywords."))
META_TOOL = _b("reset_equipped_tools", description="Activate or deactivate tool groups.")
PLAN_TOOLS = tuple(_b(n) for n in (
    "view_subtasks", "update_subtask_state", "finish_subtask", "create_plan", "revise_current_plan", "finish_plan",
    "view_historical_plans", "recover_historical_plan"))
_AGENT_CLASSES = ("ReActAgent",)


def _mine(ex, q) -> bool:
    return ex.fw_of_qual(q) == _AS


def _bound_call(ex, e, scope):
    """The constructor call an object name stands for: `x = Cls(...)`, or `async with Cls(...) as x`
    (a workspace is used as a context manager; it is the object itself)."""
    if isinstance(e, ast.Call):
        return e
    if not isinstance(e, ast.Name):
        return None
    v, _ = ex.lookup(scope, e.id)
    if isinstance(v, ast.Await):
        v = v.value
    if isinstance(v, ast.Call):
        return v
    body = scope.func.node if scope.func is not None else ex.tree
    for w in ast.walk(body):
        if isinstance(w, (ast.With, ast.AsyncWith)):
            for item in w.items:
                if isinstance(item.optional_vars, ast.Name) and item.optional_vars.id == e.id \
                        and isinstance(item.context_expr, ast.Call):
                    return item.context_expr
    return None


def _mode(ex, ctor: ast.Call, where: str, scope):
    """The mode a middleware is built with: a keyword, or a keyword of its Parameters(...) object;
    None when parr cannot read it (then its tools are counted: fail closed)."""
    v = ctor
    for part in where.split("."):
        if not isinstance(v, ast.Call):
            return None
        v = _kw(v, part)
        if isinstance(v, ast.Name):
            held, _ = ex.lookup(scope, v.id)
            v = held if isinstance(held, ast.AST) and not isinstance(held, ast.arg) else v
        if v is None:
            return ""  # not given: the default
    s = ex.str_of(v, scope)[0] if v is not None else None
    return s if s is not None else _const_str(v)


def _list_tools(ex, e: ast.Call, scope, label: str, line: int) -> bool:
    """`await workspace.list_tools()` / `await mw.list_tools()` in a tools entry: the tools the
    workspace or middleware hands out, read from the framework's code (its class and mode)."""
    ctor = _bound_call(ex, e.func.value, scope)
    if ctor is None:
        return False
    d = ex.dotted(ctor.func) or ""
    if not _mine(ex, ex.qualify(d)):
        return False
    cls = d.rsplit(".", 1)[-1]
    ex.consumed.add(id(e))
    if cls in ("Toolkit", "ToolGroup"):
        return True  # toolkit.get_tool_schemas(): the toolkit's tools, read where it is built
    done = ex.fw_state.setdefault(_AS, {}).setdefault("listed", set())
    if id(ctor) in done:
        return True  # the same workspace or middleware listed again (a second session): the same tools
    done.add(id(ctor))
    if cls in MIDDLEWARE_TOOLS:
        tools, where, default, off = MIDDLEWARE_TOOLS[cls]
        mode = _mode(ex, ctor, where, scope)
        if mode == "":
            mode = default
        if mode in off:  # None (unreadable) is not: its tools are counted
            return True
        for b in tools:
            ex.builtin_cand(b, e.lineno, "builtin_middleware_tool")
        return True
    if cls.endswith("Workspace"):
        for b in WORKSPACE_TOOLS:
            ex.builtin_cand(b, e.lineno, "builtin_workspace_tool")
        return True
    if cls in NO_TOOL_MIDDLEWARE:
        return True  # MiddlewareBase.list_tools() returns none for these (another class is a site)
    ex.consumed.discard(id(e))
    return False


def _given(v) -> bool:
    """A keyword given something besides None or an empty list."""
    return v is not None and not (isinstance(v, (ast.List, ast.Tuple)) and not v.elts) \
        and not (isinstance(v, ast.Constant) and v.value is None)


def _toolkit(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """2.x Toolkit(...) / ToolGroup(...): built-in instances in tools=, MCP servers in mcps= (a site:
    their tools are listed when they run), and the meta tool reset_tools, which comes with any
    group besides "basic" (tools= itself is read as every call's is)."""
    if fw_q != _AS:
        return False
    _own_builtins(ex, _kw(node, "tools"))
    mcps = _kw(node, "mcps")
    if _given(mcps):
        _mcp_site(ex, node, mcps, node.lineno)
    if d.rsplit(".", 1)[-1] == "Toolkit" and _given(_kw(node, "tool_groups")):
        ex.builtin_cand(RESET_TOOLS, node.lineno, "builtin_meta_tool")
    return False


def _own_builtins(ex, tools) -> None:
    """Toolkit(tools=[Read(), Write()]): the framework's built-ins, reported where they are handed
    over, also in a tree that holds AgentScope's own package (its examples use them as any project
    does; the generic reading would leave them to the class declarations of src/agentscope)."""
    for el in getattr(tools, "elts", ()):
        if not isinstance(el, ast.Call) or id(el) in ex.consumed:
            continue
        d = ex.dotted(el.func) or ""
        q = ex.qualify(d)
        last = d.rsplit(".", 1)[-1]
        if last in V2_CLASSES and _mine(ex, q) and not ex.in_framework(_AS):
            ex.builtin_cand(V2_CLASSES[last], el.lineno, "builtin_tool_instance")
            ex.consumed.add(id(el))


def _receiver_ok(ex, node: ast.Call) -> bool:
    """A register_tool_function call in a file that uses AgentScope, outside its own package."""
    return isinstance(node.func, ast.Attribute) and _AS in ex.fw_hints and not ex.in_framework(_AS)


def _register(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """1.x toolkit.register_tool_function(fn, group_name=, preset_kwargs=, func_name=,
    func_description=): the function, named func_name= when given; a built-in function of
    agentscope.tool by its data; partial(fn, ...) is fn with some arguments preset."""
    if not _receiver_ok(ex, node):
        return False
    fexpr = node.args[0] if node.args else _kw(node, "tool_func")
    if isinstance(fexpr, ast.Call) and (ex.dotted(fexpr.func) or "").rsplit(".", 1)[-1] == "partial" and fexpr.args:
        fexpr = fexpr.args[0]
    renamed = _kw(node, "func_name")
    name = ex.str_of(renamed, scope)[0] if renamed is not None else None
    if renamed is not None and name is None:
        ex.unresolved_site(None, "", node.lineno, "tool name made at run time")
        ex.consumed.add(id(node))
        return True
    b = _builtin_fn(ex, fexpr)
    if b is not None:
        ex.builtin_cand(b, node.lineno, "builtin_function", name=name)
        ex.consumed.add(id(node))
        return True
    # a parameter or loop variable is plumbing (fn_cand stays silent, as for every factory); a
    # lambda or a call it cannot read is a site
    ex.fn_cand(node, scope, fexpr, _AS, "agentscope.register_tool_function",
               name_kws=("func_name",), desc_kws=("func_description",))
    return True


def _mcp_site(ex, node: ast.Call, value, line: int) -> None:
    ex.unresolved_site(value, "mcps=" if value is not node else "register_mcp_client(", line,
                       "tools of an MCP server, listed only when it runs")


def _register_mcp(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """1.x await toolkit.register_mcp_client(client): the server's tools, known only when it runs."""
    if not _receiver_ok(ex, node):
        return False
    _mcp_site(ex, node, node, node.lineno)
    ex.consumed.add(id(node))
    return True


def _builtin_fn(ex, fexpr):
    """The 1.x built-in an expression names: `execute_shell_command` imported from agentscope, or
    `toolkit.reset_equipped_tools` (the meta tool)."""
    if isinstance(fexpr, ast.Attribute) and fexpr.attr == "reset_equipped_tools":
        return META_TOOL
    if isinstance(fexpr, ast.Attribute) and fexpr.attr in ("record_to_memory", "retrieve_from_memory"):
        return next(b for b in LTM_TOOLS if b.name == fexpr.attr)
    if isinstance(fexpr, (ast.Name, ast.Attribute)):
        q = ex.qualify(ex.dotted(fexpr) or "")
        last = (q or "").rsplit(".", 1)[-1]
        if last in V1_FUNCTIONS and _mine(ex, q):
            return V1_FUNCTIONS[last]
    return None


def _truthy(v) -> bool:
    return v is not None and not (isinstance(v, ast.Constant) and not v.value)


def _react_agent(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """1.x ReActAgent(...): the tools it registers on its toolkit itself (long-term memory in
    agent control, the meta tool, the plan notebook's tools)."""
    if fw_q != _AS or ex.in_framework(_AS):
        return False
    if _truthy(_kw(node, "long_term_memory")):
        mode = _kw(node, "long_term_memory_mode")
        m = ex.str_of(mode, scope)[0] if mode is not None else "both"
        if m != "static_control":
            for b in LTM_TOOLS:
                ex.builtin_cand(b, node.lineno, "builtin_agent_tool")
    if _truthy(_kw(node, "enable_meta_tool")):
        ex.builtin_cand(META_TOOL, node.lineno, "builtin_agent_tool")
    if _truthy(_kw(node, "plan_notebook")):
        for b in PLAN_TOOLS:
            ex.builtin_cand(b, node.lineno, "builtin_agent_tool")
    return False  # toolkit= is read as every call's tools are


FRAMEWORKS = (
    Framework(
        label=_AS,
        roots=("agentscope",),
        style_prefix="agentscope",
        # 2.x FunctionTool(func, name=None, description=None, input_schema=None, ...) (tool/_adapters.py)
        factories=(Factory("FunctionTool", _AS, "agentscope.FunctionTool", fn_kws=("func",), fn_pos=0),),
        # 2.x: a ToolBase subclass is one tool, named by its class attribute `name`
        tool_base_classes=("ToolBase",),
        class_style="agentscope.tool_class",
        builtin_classes=V2_CLASSES,
        builtin_class_words=False,
        # Toolkit(tools=[...]) (2.x) and ToolGroup(tools=[...]) are read as every call's tools=
        call_hooks={
            "register_tool_function": (_register,),
            "Toolkit": (_toolkit,),
            "ToolGroup": (_toolkit,),
            "register_mcp_client": (_register_mcp,),
            **{c: (_react_agent,) for c in _AGENT_CLASSES},
        },
        # get_tool_schemas() (2.x) / get_json_schemas() (1.x): a toolkit's definitions handed to a
        # model call, the toolkit's own tools
        list_hooks={m: (_list_tools,) for m in ("list_tools", "get_tool_schemas", "get_json_schemas")},
        words=("agentscope",),
    ),
)
