"""Static knowledge about Python agent frameworks: where their tool APIs live, which built-in tools
they ship and what the model sees for them. Data only; the detection logic lives in `extract`."""

from __future__ import annotations

import re

# Top-level import roots -> framework label used in ToolRecord.framework.
FRAMEWORK_ROOTS: dict[str, str] = {
    "agents": "openai-agents",
    "mcp": "mcp",
    "fastmcp": "fastmcp",
    "langchain": "langchain",
    "langchain_core": "langchain",
    "langchain_community": "langchain",
    "langchain_tavily": "langchain",
    "langchain_experimental": "langchain",
    "langgraph": "langgraph",
    "crewai": "crewai",
    "crewai_tools": "crewai",
    "smolagents": "smolagents",
    "autogen_core": "autogen",
    "autogen_ext": "autogen",
    "autogen_agentchat": "autogen",
    "autogen": "autogen",
    "pydantic_ai": "pydantic-ai",
    "anthropic": "anthropic",
    "openai": "openai",
    "google.adk": "google-adk",
    "agno": "agno",
    "phi": "agno",
    "strands": "strands-agents",
    "strands_tools": "strands-agents",
    "llama_index": "llama-index",
    "semantic_kernel": "semantic-kernel",
    "browser_use": "browser-use",
    "camel": "camel",
}


def framework_of(qualified: str | None) -> str | None:
    """Framework label of a fully qualified import path, or None."""
    if not qualified:
        return None
    if qualified.startswith("google.adk"):
        return "google-adk"
    root = qualified.split(".", 1)[0]
    return FRAMEWORK_ROOTS.get(root)


def framework_of_module(module: str) -> str | None:
    """Framework whose package a repository module sits in, wherever the package's folder is
    (src/smolagents/tools.py is module src.smolagents.tools: smolagents)."""
    parts = module.split(".")
    for i, part in enumerate(parts):
        if part == "google" and parts[i + 1:i + 2] == ["adk"]:
            return "google-adk"
        fw = FRAMEWORK_ROOTS.get(part)
        if fw is not None:
            return fw
    return None


# Class names that make a subclass a tool, by framework. Matched on the last segment of the
# qualified base name; the import root (when known) picks the framework.
TOOL_BASE_CLASSES: dict[str, tuple[str, ...]] = {
    "BaseTool": ("langchain", "crewai", "autogen", "google-adk"),
    "StructuredTool": ("langchain",),
    "Tool": ("smolagents", "langchain"),
    "PipelineTool": ("smolagents",),
    "BaseToolWithState": ("autogen",),
    "BaseStreamTool": ("autogen",),
}
TOOLKIT_BASES = frozenset({"Toolkit"})  # agno / phidata
TOOLSPEC_BASES = frozenset({"BaseToolSpec"})  # llama-index
BROWSER_USE_REGISTRY_BASES = frozenset({"Tools", "Controller"})

# Styles by framework for class-based tools.
CLASS_STYLE = {
    "langchain": "langchain.BaseTool_subclass",
    "crewai": "crewai.BaseTool_subclass",
    "autogen": "autogen.BaseTool_subclass",
    "google-adk": "adk.BaseTool_subclass",
    "smolagents": "smolagents.Tool_subclass",
}


class Builtin:
    __slots__ = ("framework", "name", "caps", "mutating", "typed", "schema")

    def __init__(self, framework, name, caps=(), mutating=False, typed=True, schema="provider_defined"):
        self.framework = framework
        self.name = name
        self.caps = tuple(caps)
        self.mutating = mutating
        self.typed = typed
        self.schema = schema


# Built-in tool classes whose instances are tools; key = class name, then framework when a class
# name is shared between frameworks (resolved through the import root).
_OA = "openai-agents"
_LC = "langchain"
_ADK = "google-adk"
BUILTIN_CLASSES: dict[str, dict[str, Builtin]] = {
    "WebSearchTool": {_OA: Builtin(_OA, "web_search", ["http"])},
    "FileSearchTool": {_OA: Builtin(_OA, "file_search"), _LC: Builtin(_LC, "file_search", ["file_read"], schema="pydantic")},
    "ComputerTool": {_OA: Builtin(_OA, "computer_use_preview", ["computer_use"], True)},
    "CodeInterpreterTool": {_OA: Builtin(_OA, "code_interpreter", ["code_execution"], True, False)},
    "HostedMCPTool": {_OA: Builtin(_OA, "hosted_mcp", ["mcp_remote"])},
    "ImageGenerationTool": {_OA: Builtin(_OA, "image_generation")},
    "LocalShellTool": {_OA: Builtin(_OA, "local_shell", ["shell"], True, False)},
    "ShellTool": {
        _OA: Builtin(_OA, "shell", ["shell"], True, False),
        _LC: Builtin(_LC, "terminal", ["shell"], True, False, "pydantic"),
    },
    "ApplyPatchTool": {_OA: Builtin(_OA, "apply_patch", ["file_write"], True)},
    # langchain community / partner packages
    "TavilySearchResults": {_LC: Builtin(_LC, "tavily_search_results_json", ["http"], schema="pydantic")},
    "TavilySearch": {_LC: Builtin(_LC, "tavily_search", ["http"], schema="pydantic")},
    "TavilyAnswer": {_LC: Builtin(_LC, "tavily_answer", ["http"], schema="pydantic")},
    "DuckDuckGoSearchRun": {_LC: Builtin(_LC, "duckduckgo_search", ["http"], schema="pydantic")},
    "DuckDuckGoSearchResults": {_LC: Builtin(_LC, "duckduckgo_results_json", ["http"], schema="pydantic")},
    "WikipediaQueryRun": {_LC: Builtin(_LC, "wikipedia", ["http"], schema="pydantic")},
    "ArxivQueryRun": {_LC: Builtin(_LC, "arxiv", ["http"], schema="pydantic")},
    "PubmedQueryRun": {_LC: Builtin(_LC, "pub_med", ["http"], schema="pydantic")},
    "GoogleSearchRun": {_LC: Builtin(_LC, "google_search", ["http"], schema="pydantic")},
    "GoogleSerperRun": {_LC: Builtin(_LC, "google_serper", ["http"], schema="pydantic")},
    "BraveSearch": {_LC: Builtin(_LC, "brave_search", ["http"], schema="pydantic")},
    "YouTubeSearchTool": {_LC: Builtin(_LC, "youtube_search", ["http"], schema="pydantic")},
    "WolframAlphaQueryRun": {_LC: Builtin(_LC, "wolfram_alpha", ["http"], schema="pydantic")},
    "PythonREPLTool": {_LC: Builtin(_LC, "Python_REPL", ["code_execution"], True, False, "pydantic")},
    "PythonAstREPLTool": {_LC: Builtin(_LC, "python_repl_ast", ["code_execution"], True, False, "pydantic")},
    "RequestsGetTool": {_LC: Builtin(_LC, "requests_get", ["http"], False, False, "pydantic")},
    "RequestsPostTool": {_LC: Builtin(_LC, "requests_post", ["http_write"], True, False, "pydantic")},
    "RequestsPutTool": {_LC: Builtin(_LC, "requests_put", ["http_write"], True, False, "pydantic")},
    "RequestsPatchTool": {_LC: Builtin(_LC, "requests_patch", ["http_write"], True, False, "pydantic")},
    "RequestsDeleteTool": {_LC: Builtin(_LC, "requests_delete", ["http_write"], True, False, "pydantic")},
    "ReadFileTool": {_LC: Builtin(_LC, "read_file", ["file_read"], schema="pydantic")},
    "WriteFileTool": {_LC: Builtin(_LC, "write_file", ["file_write"], True, schema="pydantic")},
    "ListDirectoryTool": {_LC: Builtin(_LC, "list_directory", ["file_read"], schema="pydantic")},
    "CopyFileTool": {_LC: Builtin(_LC, "copy_file", ["file_write"], True, schema="pydantic")},
    "MoveFileTool": {_LC: Builtin(_LC, "move_file", ["file_write"], True, schema="pydantic")},
    "DeleteFileTool": {_LC: Builtin(_LC, "file_delete", ["file_write"], True, schema="pydantic")},
    "QuerySQLDataBaseTool": {_LC: Builtin(_LC, "sql_db_query", ["sql"], True, False, "pydantic")},
    "QuerySQLDatabaseTool": {_LC: Builtin(_LC, "sql_db_query", ["sql"], True, False, "pydantic")},
    # schema and table listings: the toolkit writes that SQL, not the model ("sql" is model-written SQL)
    "InfoSQLDatabaseTool": {_LC: Builtin(_LC, "sql_db_schema", [], schema="pydantic")},
    "ListSQLDatabaseTool": {_LC: Builtin(_LC, "sql_db_list_tables", [], schema="pydantic")},
    "QuerySQLCheckerTool": {_LC: Builtin(_LC, "sql_db_query_checker", [], False, False, "pydantic")},
    "HumanInputRun": {_LC: Builtin(_LC, "human", [], schema="pydantic")},
    # Google ADK tool classes (a name= given to the instance overrides the default)
    "VertexAiRagRetrieval": {_ADK: Builtin(_ADK, "vertex_ai_rag_retrieval", ["http"], schema="framework_defined")},
    "VertexAiSearchTool": {_ADK: Builtin(_ADK, "vertex_ai_search", ["http"])},
    "GoogleSearchTool": {_ADK: Builtin(_ADK, "google_search", ["http"])},
    "EnterpriseWebSearchTool": {_ADK: Builtin(_ADK, "enterprise_web_search", ["http"])},
    "UrlContextTool": {_ADK: Builtin(_ADK, "url_context", ["http"])},
}

# Module-level tool instances shipped by a framework, imported by name and listed in tools=[...].
BUILTIN_INSTANCES: dict[str, dict[str, Builtin]] = {
    "google-adk": {
        "google_search": Builtin("google-adk", "google_search", ["http"]),
        "enterprise_web_search": Builtin("google-adk", "enterprise_web_search", ["http"]),
        "url_context": Builtin("google-adk", "url_context", ["http"]),
        "load_memory": Builtin("google-adk", "load_memory", [], schema="framework_defined"),
        "preload_memory": Builtin("google-adk", "preload_memory", [], schema="framework_defined"),
        "load_artifacts": Builtin("google-adk", "load_artifacts", [], schema="framework_defined"),
        "exit_loop": Builtin("google-adk", "exit_loop", [], schema="framework_defined"),
        "get_user_choice": Builtin("google-adk", "get_user_choice", [], schema="framework_defined"),
        "built_in_code_execution": Builtin("google-adk", "code_execution", ["code_execution"], True, False),
    },
    # strands_tools: the community tools package, imported by name into tools=[...]
    "strands-agents": {
        "file_read": Builtin("strands-agents", "file_read", ["file_read"], schema="framework_defined"),
        "file_write": Builtin("strands-agents", "file_write", ["file_write"], True, schema="framework_defined"),
        "editor": Builtin("strands-agents", "editor", ["file_write"], True, schema="framework_defined"),
        "shell": Builtin("strands-agents", "shell", ["shell"], True, False, schema="framework_defined"),
        "python_repl": Builtin("strands-agents", "python_repl", ["code_execution"], True, False,
                               schema="framework_defined"),
        "http_request": Builtin("strands-agents", "http_request", ["http_write"], True, schema="framework_defined"),
        "use_aws": Builtin("strands-agents", "use_aws", ["http_write"], True, schema="framework_defined"),
        "load_tool": Builtin("strands-agents", "load_tool", ["code_execution"], True, schema="framework_defined"),
        "calculator": Builtin("strands-agents", "calculator", [], schema="framework_defined"),
        "current_time": Builtin("strands-agents", "current_time", [], schema="framework_defined"),
        "think": Builtin("strands-agents", "think", [], schema="framework_defined"),
        "retrieve": Builtin("strands-agents", "retrieve", ["http"], schema="framework_defined"),
    },
}

# llama-index ToolSpec classes from llama-index-tools-* packages -> spec_functions (model names).
LLAMA_TOOLSPECS: dict[str, tuple[str, ...]] = {
    "TavilyToolSpec": ("search",),
    "WikipediaToolSpec": ("load_data", "search_data"),
    "DuckDuckGoSearchToolSpec": ("duckduckgo_instant_search", "duckduckgo_full_search"),
    "ArxivToolSpec": ("arxiv_query",),
    "BraveSearchToolSpec": ("brave_search",),
    "YahooFinanceToolSpec": ("balance_sheet", "income_statement", "cash_flow", "stock_basic_info",
                             "stock_analyst_recommendations", "stock_news"),
}

# Parameters a framework fills in itself; never model-visible.
INJECTED_PARAM_NAMES = frozenset(
    """self cls ctx context tool_context run_context callback_context runtime run_manager callbacks
    config tool_call_id browser_session browser_context page_extraction_llm file_system
    available_file_paths has_sensitive_data sensitive_data cdp_client agent team
    """.split()
)
INJECTED_ANNOTATIONS = frozenset(
    """Context RunContext RunContextWrapper ToolContext CallbackContext InvocationContext
    RunnableConfig InjectedState InjectedStore InjectedToolArg InjectedToolCallId ToolRuntime
    BrowserSession BrowserContext CancellationToken KernelArguments Kernel ToolUse
    """.split()
)

# Parameter names whose value, when executed or interpreted, is the tool's raw input.
RAW_PARAM_NAMES = frozenset(
    """code source source_code script command cmd commands shell_command bash_command sql query
    sql_query statement statements expression expr python_code js_code javascript program snippet
    cypher cypher_query bqml_code sql_string sql_text sql_statement shell_script bash_script code_snippet
    command_line cmd_line graphql_query sparql_query ts_code typescript_code r_code script_code
    """.split()
)
PROMPT_PARAM_NAMES = frozenset(
    """message message_text prompt request task instruction instructions input query question text
    user_message content
    """.split()
)

# Verbs that also mean a change of state (added to evidence.MUTATING_VERBS for Python body calls).
BODY_STRONG_SINGLE_METHODS = frozenset(
    """create delete insert upsert publish post patch cancel refund charge pay purchase deploy
    destroy terminate kill hang merge transfer upload approve reject ban invite follow unfollow
    like repost retweet reply submit enqueue dispatch trigger notify reboot shutdown
    """.split()
)
# Method names that look like verbs but are container, logging or plumbing operations.
CONTAINER_METHODS = frozenset(
    """append appendleft add update extend insert remove pop popitem clear setdefault discard sort
    reverse write writelines set put put_nowait send close copy register start stop run join
    """.split()
)
NON_MUTATING_METHOD_PREFIXES = frozenset({"set", "register", "start", "stop", "run", "load", "reset", "sync", "clear", "close", "mark", "lock", "unlock", "order", "label", "type", "store", "save", "exec", "execute", "request", "fill", "sign", "install", "configure", "enable", "disable", "restore"})
METHOD_RULE_EXCLUDED_NAMES = frozenset(
    """add_argument add_argument_group add_parser add_subparsers add_handler add_node add_edge
    add_conditional_edges add_messages add_middleware add_route add_api_route add_url_rule
    add_tool add_tools add_plugin add_function add_filter add_listener add_callback
    add_done_callback add_signal_handler add_reader add_writer add_section add_row add_column
    add_trace add_span add_event add_attribute add_header add_rows add_message add_user_message
    add_ai_message add_system_message add_documents add_texts add_widget create_task create_engine
    create_default_context create_connection create_subprocess_exec create_subprocess_shell
    write_event_to_stream send_event post_message create_session create_client create_agent
    create_react_agent create_model create_chat_completion
    """.split()
)

_ANTHROPIC_BUILTIN_TYPE = re.compile(
    r"^(bash|text_editor|computer|web_search|web_fetch|code_execution|memory|str_replace_editor|"
    r"str_replace_based_edit_tool|tool_search_tool_regex|tool_search_tool_bm25)_\d{8}$"
)


def anthropic_builtin_type(t: str) -> bool:
    return bool(_ANTHROPIC_BUILTIN_TYPE.match(t))


ANTHROPIC_BUILTIN_CAPS = {
    "bash": (("shell",), True, False),
    "text_editor": (("file_write",), True, True),
    "str_replace_editor": (("file_write",), True, True),
    "str_replace_based_edit_tool": (("file_write",), True, True),
    "computer": (("computer_use",), True, True),
    "web_search": (("http",), False, True),
    "web_fetch": (("http",), False, True),
    "code_execution": (("code_execution",), True, False),
    "memory": ((), True, True),
}


def crewai_sanitize(name: str) -> str:
    """The name crewAI sends to the model for a tool (lower-case, a-z0-9 and single underscores),
    following crewai.utilities.string_utils.sanitize_tool_name."""
    import unicodedata

    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", s)
    s = re.sub(r"([a-z])([A-Z])", r"\1_\2", s)
    s = s.lower()
    s = re.sub(r"['\"]+", "", s)
    s = re.sub(r"[^a-z0-9]+", "_", s)
    s = re.sub(r"_+", "_", s).strip("_")
    if len(s) > 64:
        import hashlib

        suffix = "_" + hashlib.sha256(s.encode()).hexdigest()[:8]
        s = s[: 64 - len(suffix)].rstrip("_") + suffix
    return s
