"""Google ADK (`google.adk`): FunctionTool, LongRunningFunctionTool, AgentTool, toolsets, built-in tools."""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _const_str, _kw, fn_arg
from parr.scan.python.frameworks.spec import Builtin, Factory, Framework

_ADK = "google-adk"


def _adk(name: str, caps: tuple[str, ...] = (), schema: str = "framework_defined", mutating: bool = False,
         typed: bool = True) -> Builtin:
    return Builtin(_ADK, name, caps, mutating, typed, schema)


def _agent_tool(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """AgentTool(agent=sub_agent): the sub-agent, offered to the model under its own name."""
    a = fn_arg(node, "agent")
    if scope.func is not None and ex._calls_run_async(scope.func):
        # agent_tool = AgentTool(agent=db_agent); await agent_tool.run_async(...): the code
        # runs the sub-agent itself inside a tool; no model is handed this one, and the tool
        # does what the sub-agent's tools do
        for ref in ex.agent_refs(a, scope) or ["?"]:
            scope.func.fx.append((ref, "subagent", f"runs sub-agent {ref} (AgentTool.run_async)"))
        return True
    n = r = desc = None
    if isinstance(a, ast.Name):
        v, _ = ex.lookup(scope, a.id)
        if isinstance(v, ast.Call):
            n = _const_str(_kw(v, "name"))
            desc = _const_str(_kw(v, "description"))  # AgentTool declares the agent's description
        if n is None and a.id in ex.imports:
            r = "agent:" + ex.imports[a.id]
    elif isinstance(a, ast.Call):
        n = _const_str(_kw(a, "name"))
        desc = _const_str(_kw(a, "description"))
    if n or r:
        ex.new_cand(name=n, name_ref=r, line=node.lineno, framework="google-adk", style="adk.AgentTool",
                    schema="framework_defined", typed=False, flags=("agent_tool",), description=desc,
                    extra={"sub_agent": ex.agent_ref(a) or "?"})
        ex.consumed.add(id(node))
    return True


# Google API toolsets (their tools are the API's operations, picked by tool_filter).
GOOGLE_API_TOOLSETS = frozenset(
    {"CalendarToolset", "GmailToolset", "DocsToolset", "SheetsToolset", "SlidesToolset", "YoutubeToolset",
     "BigQueryToolset", "GoogleApiToolset", "SpannerToolset", "BigtableToolset"}
)


def _toolset(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """SomeToolset(..., tool_filter=["a", "b"]): the listed tools of the toolset."""
    tf = _kw(node, "tool_filter")
    if tf is None:
        return False
    last = d.rsplit(".", 1)[-1]
    if isinstance(tf, (ast.List, ast.Tuple)):
        fw = fw_q or ex.file_framework(("google-adk",))
        if last in GOOGLE_API_TOOLSETS:
            style = "adk.google_api_toolset"
        elif "MCP" in last or "Mcp" in last:
            style = "adk.MCPToolset"
        else:
            style = f"adk.{last}"
        caps = ("mcp_remote",) if style == "adk.MCPToolset" else ()
        for el in tf.elts:
            s, r = ex.str_of(el, scope)
            if s or r:
                ex.new_cand(name=s, name_ref=r, line=node.lineno, framework=fw, style=style,
                            schema="provider_defined", typed=True, caps=caps)
    return True


FRAMEWORKS = (
    Framework(
        label=_ADK,
        roots=("google.adk",),
        # tool_context.state["x"] = ... lives in the session; tool_context.actions.escalate = True
        # steers the run. (save_artifact persists: an effect, read elsewhere.)
        state_params=("ToolContext", "tool_context"),
        style_prefix="adk",
        factories=(
            Factory("FunctionTool", _ADK, "adk.FunctionTool", when_kws=("func",), gate_kws=("require_confirmation",)),
            Factory("LongRunningFunctionTool", _ADK, "adk.LongRunningFunctionTool", when_args=True,
                    when_kws=("func",), flags=("long_running",)),
        ),
        tool_base_classes=("BaseTool",),
        class_style="adk.BaseTool_subclass",
        call_hooks={"AgentTool": (_agent_tool,)},
        call_suffix_hooks=(("Toolset", _toolset), ("ToolSet", _toolset)),
        builtin_classes={
            # a name= given to the instance overrides the default
            "VertexAiRagRetrieval": _adk("vertex_ai_rag_retrieval", ("http",)),
            "VertexAiSearchTool": _adk("vertex_ai_search", ("http",), "provider_defined"),
            "GoogleSearchTool": _adk("google_search", ("http",), "provider_defined"),
            "EnterpriseWebSearchTool": _adk("enterprise_web_search", ("http",), "provider_defined"),
            "UrlContextTool": _adk("url_context", ("http",), "provider_defined"),
            "GoogleMapsGroundingTool": _adk("google_maps", ("http",), "provider_defined"),
            "LoadArtifactsTool": _adk("load_artifacts"),
            "LoadMemoryTool": _adk("load_memory"),
            "PreloadMemoryTool": _adk("preload_memory"),
            # runs the model's command in a shell (a policy may restrict which)
            "ExecuteBashTool": _adk("execute_bash", ("shell",), mutating=True, typed=False),
            "LoadMcpResourceTool": _adk("load_mcp_resource", ("mcp_remote",)),
        },
        builtin_toolsets={
            # EnvironmentToolset(environment): a command line and file access in the environment
            "EnvironmentToolset": (
                _adk("Execute", ("shell",), mutating=True, typed=False),
                _adk("ReadFile", ("file_read",)),
                _adk("EditFile", ("file_write",), mutating=True),
                _adk("WriteFile", ("file_write",), mutating=True),
            ),
        },
        builtin_instances={
            "google_search": _adk("google_search", ("http",), "provider_defined"),
            "enterprise_web_search": _adk("enterprise_web_search", ("http",), "provider_defined"),
            "url_context": _adk("url_context", ("http",), "provider_defined"),
            "load_memory": _adk("load_memory"),
            "preload_memory": _adk("preload_memory"),
            "load_artifacts": _adk("load_artifacts"),
            "exit_loop": _adk("exit_loop"),
            "get_user_choice": _adk("get_user_choice"),
            "built_in_code_execution": _adk("code_execution", ("code_execution",), "provider_defined", True, False),
            # The module-level instances under their own names, as google.adk.tools' submodules
            # define them (`from google.adk.tools.load_artifacts_tool import load_artifacts_tool`);
            # the package re-exports them under the names above. Listed by
            # benchmarks/adk_builtins.py from the google-adk 2.13.0 wheel.
            "load_artifacts_tool": _adk("load_artifacts"),
            "load_memory_tool": _adk("load_memory"),
            "preload_memory_tool": _adk("preload_memory"),
            "enterprise_web_search_tool": _adk("enterprise_web_search", ("http",), "provider_defined"),
            "get_user_choice_tool": _adk("get_user_choice"),
            "google_maps_grounding": _adk("google_maps", ("http",), "provider_defined"),
            # LongRunningFunctionTool(_request_input_func), renamed adk_request_input: the run waits
            # for a person's answer
            "request_input": _adk("adk_request_input"),
        },
    ),
)
