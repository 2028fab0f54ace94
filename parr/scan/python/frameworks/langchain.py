"""LangChain: @tool, Tool/StructuredTool, BaseTool subclasses, community built-in tools."""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _kw, fn_arg
from parr.scan.python.frameworks import agent_builtins as _agent_generated
from parr.scan.python.frameworks import langchain_builtins as _generated
from parr.scan.python.frameworks.spec import Builtin, Decorator, Factory, Framework, Loader, Toolkit

_LC = "langchain"


def _lc(name: str, caps: tuple[str, ...] = ("http",), mutating: bool = False, typed: bool = True) -> Builtin:
    return Builtin(_LC, name, caps, mutating, typed, "pydantic")


_BUILTIN_CLASSES = {cls: _lc(name, caps, mutating, typed) for cls, (name, mutating, typed, caps) in _generated.TOOLS.items()}
_TOOLKITS = {cls: Toolkit(tuple(_BUILTIN_CLASSES[t] for t in tools), selector=selector)
             for cls, (tools, selector) in _generated.TOOLKITS.items()}
# Agent middleware (create_agent(middleware=[TodoListMiddleware()])): the tools each gives the model,
# read from langchain's wheel by benchmarks/agent_builtins.py.
_MIDDLEWARE = {cls: tuple(_lc(name, caps, mutating, typed) for name, mutating, typed, caps in rows)
               for cls, rows in _agent_generated.LANGCHAIN_MIDDLEWARE.items()}
_LOAD_TOOLS = {key: _lc(name, caps, mutating, typed) for key, (name, mutating, typed, caps) in _generated.LOAD_TOOLS.items()}


def _from_function(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """StructuredTool.from_function(func), Tool.from_function(...), and FastMCP's Tool.from_function."""
    if "." not in d:
        return False
    recv = d.rsplit(".", 1)[0]
    # Tool.from_function / StructuredTool.from_function; fastmcp's Prompt.from_function and
    # Resource.from_function make prompts and resources, not tools.
    if "Tool" not in (ex.qualify(d) or d).rsplit(".", 2)[-2]:
        return False
    if fw_q not in (None, "langchain", "langgraph", "fastmcp", "mcp") or (
            "." not in recv and type(ex.lookup(scope, recv)[0]).__name__ == "ClassInfo"):
        # gptme's ToolSpec.from_function, or a class of this file (the framework's own method
        # building a spec from a function it is given): not LangChain's
        return False
    fw = fw_q or ex.file_framework(("langchain", "fastmcp"))
    if fw in ("fastmcp", "mcp"):
        style = "fastmcp.Tool.from_function"
        fw = "fastmcp"
    else:
        fw = "langchain"
        style = "langchain.StructuredTool.from_function" if "Structured" in recv else "langchain.Tool.from_function"
    schema = "pydantic" if _kw(node, "args_schema") is not None else "type_hints"
    typed = True if schema == "pydantic" else None
    # Positions of the real signatures: Tool.from_function(func, name, description, ...) and
    # StructuredTool.from_function(func, coroutine, name, description, ...); FastMCP's
    # Tool.from_function(fn, *, name=...) takes them by keyword only.
    pos = (None, None) if fw == "fastmcp" else ((2, 3) if "Structured" in recv else (1, 2))
    ex.fn_cand(node, scope, fn_arg(node, "func", "fn", "coroutine"), fw, style, schema=schema, typed=typed,
               name_pos=pos[0], desc_pos=pos[1])
    return True


def _tool(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """Tool(name, func, description), positionally or by keyword."""
    if not (_kw(node, "func", "coroutine") is not None or fw_q in ("langchain", "langgraph")):
        return False
    if _kw(node, "name") is None and not node.args:
        return True
    fexpr = _kw(node, "func", "coroutine")
    if fexpr is None and len(node.args) > 1:
        fexpr = node.args[1]
    ex.fn_cand(node, scope, fexpr, "langchain", "langchain.Tool", schema="framework_defined", typed=False,
               name_pos=0, desc_pos=2)
    return True


def _agent_factory(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """create_sql_agent(llm, toolkit) / (llm, db=db), create_pandas_dataframe_agent(llm, df),
    create_python_agent(llm, tool=...): the tools each agent constructor gives its model, read from
    the constructor's code by the generator (the tools it builds itself, the toolkit it is given or
    builds, the tool lists it is given)."""
    if fw_q not in ("langchain", "langgraph"):
        return False
    fixed, kit, default_kit, given = _generated.AGENTS[d.rsplit(".", 1)[-1]]
    for cls in fixed:
        ex.builtin_cand(_BUILTIN_CLASSES[cls], node.lineno, "builtin_agent_tool")
    if kit is not None:
        toolkit = _kw(node, kit[0])
        positional = node.args[kit[1]] if toolkit is None and len(node.args) > kit[1] else None
        if positional is not None:  # create_sql_agent(llm, toolkit): its get_tools(), read like a call of it
            call = ast.copy_location(ast.Call(func=ast.Attribute(value=positional, attr="get_tools", ctx=ast.Load()),
                                              args=[], keywords=[]), node)
            ex._ctx_item(call, scope, _LC, node.lineno, f"{d}(", None)
        elif toolkit is None and default_kit is not None:  # create_sql_agent(llm, db=db): it builds the toolkit
            for b in _TOOLKITS[default_kit].tools:
                ex.builtin_cand(b, node.lineno, "builtin_toolkit")
    for param, pos in given:
        value = _kw(node, param) if param != "tools" else None  # tools= is read as every call's is
        if value is None and 0 <= pos < len(node.args):
            value = node.args[pos]
        if value is not None:
            ex._ctx_item(ast.List(elts=[value], ctx=ast.Load()) if param == "tool" else value, scope, _LC,
                         node.lineno, f"{d}({param}=", None)
    return True


def _initialize_agent(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """initialize_agent(tools, llm, agent=...): LangChain's legacy agent takes its tools first. Only
    LangChain's: a project's own initialize_agent(query, ...) is some other function."""
    if fw_q not in ("langchain", "langgraph") or not node.args or _kw(node, "tools") is not None:
        return False
    ex._ctx_item(node.args[0], scope, "langchain", node.lineno, f"{d}(", None)
    return True


FRAMEWORKS = (
    Framework(
        label=_LC,
        roots=("langchain", "langchain_core", "langchain_community", "langchain_tavily", "langchain_experimental"),
        # partner packages: langchain_openai, langchain_anthropic, langchain_aws, langchain_mcp_adapters...
        root_prefixes=("langchain_",),
        decorators=(Decorator("tool", "langchain.tool_decorator", receiver=None),),
        tool_base_classes=("BaseTool", "StructuredTool", "Tool"),
        class_style="langchain.BaseTool_subclass",
        call_hooks={"from_function": (_from_function,), "Tool": (_tool,), "initialize_agent": (_initialize_agent,),
                    **{name: (_agent_factory,) for name in _generated.AGENTS}},
        # create_retriever_tool(retriever, name, description): a search over the retriever's
        # documents, its one input a query string (RetrieverInput)
        factories=(Factory("create_retriever_tool", _LC, "langchain.create_retriever_tool", when_args=True,
                           fn_kws=(), fn_pos=None, name_pos=1, desc_pos=2, schema="pydantic", typed=True),),
        # Read from LangChain's wheels by benchmarks/langchain_builtins.py (names and flags only).
        builtin_classes=_BUILTIN_CLASSES,
        toolkits=_TOOLKITS,
        builtin_toolsets=_MIDDLEWARE,
        toolset_name_kws={cls: kw for cls, kw in _agent_generated.MIDDLEWARE_NAME_KWS.items() if cls in _MIDDLEWARE},
        tool_kws=("middleware",),
        loaders=(Loader("load_tools", _LOAD_TOOLS),),
    ),
)
