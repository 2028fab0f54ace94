"""Google ADK (`google.adk`): FunctionTool, LongRunningFunctionTool, AgentTool, toolsets, built-in tools."""

from __future__ import annotations

from parr.scan.python.frameworks.spec import Builtin, Factory, Framework

_ADK = "google-adk"


def _adk(name: str, caps: tuple[str, ...] = (), schema: str = "framework_defined", mutating: bool = False,
         typed: bool = True) -> Builtin:
    return Builtin(_ADK, name, caps, mutating, typed, schema)


FRAMEWORKS = (
    Framework(
        label=_ADK,
        roots=("google.adk",),
        style_prefix="adk",
        factories=(
            Factory("FunctionTool", _ADK, "adk.FunctionTool", when_kws=("func",), gate_kws=("require_confirmation",)),
            Factory("LongRunningFunctionTool", _ADK, "adk.LongRunningFunctionTool", when_args=True,
                    when_kws=("func",), flags=("long_running",)),
        ),
        tool_base_classes=("BaseTool",),
        class_style="adk.BaseTool_subclass",
        builtin_classes={
            # a name= given to the instance overrides the default
            "VertexAiRagRetrieval": _adk("vertex_ai_rag_retrieval", ("http",)),
            "VertexAiSearchTool": _adk("vertex_ai_search", ("http",), "provider_defined"),
            "GoogleSearchTool": _adk("google_search", ("http",), "provider_defined"),
            "EnterpriseWebSearchTool": _adk("enterprise_web_search", ("http",), "provider_defined"),
            "UrlContextTool": _adk("url_context", ("http",), "provider_defined"),
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
        },
    ),
)
