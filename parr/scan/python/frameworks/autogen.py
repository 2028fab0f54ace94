"""AutoGen (0.2 `autogen`, 0.4 `autogen_core`/`autogen_agentchat`/`autogen_ext`): register_for_llm, FunctionTool, BaseTool."""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _const_str, _kw
from parr.scan.python.frameworks.spec import Builtin, ConditionHandoffs, Decorator, Factory, Framework

def _tool_schema(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """autogen_core's ToolSchema(name=..., description=..., parameters=ParametersSchema(...)): a
    function schema handed to model_client.create(tools=[...])."""
    if not (fw_q == "autogen" or "autogen" in ex.fw_hints):
        return False
    n, r = ex.name_of(_kw(node, "name"), scope)
    if n or r:
        params = _kw(node, "parameters")
        if isinstance(params, ast.Call) and not params.args:
            params = ast.Dict(keys=[ast.Constant(k.arg) for k in params.keywords if k.arg],
                              values=[k.value for k in params.keywords if k.arg])
        ex.new_cand(name=n, name_ref=r, line=node.lineno, framework="autogen", style="autogen.ToolSchema",
                    schema="json_schema", description=_const_str(_kw(node, "description")),
                    extra={"jschema": ex.json_schema_info(params, scope)})
        ex.consumed.add(id(node))
    return True


_AG = "autogen"

# AG2's built-in tools (autogen/tools/experimental in ag2 0.9): the name each hands the model, from
# its super().__init__(name=...). A browser driven by the model can submit forms (mutating,
# untyped); the message-platform *Send tools post; the code tool runs the model's Python.
AG2_BUILTINS = {
    "DeepResearchTool": Builtin(_AG, "delegate_research_task", ("http",), typed=False, schema="framework_defined",
                                description="Delegate a research task to the deep research agent."),
    "BrowserUseTool": Builtin(_AG, "browser_use", ("http",), True, False),
    "Crawl4AITool": Builtin(_AG, "crawl4ai", ("http",)),
    "FirecrawlTool": Builtin(_AG, "firecrawl_scrape", ("http",)),
    "GoogleSearchTool": Builtin(_AG, "google_search", ("http",)),
    "YoutubeSearchTool": Builtin(_AG, "youtube_search", ("http",)),
    "TavilySearchTool": Builtin(_AG, "tavily_search", ("http",)),
    "DuckDuckGoSearchTool": Builtin(_AG, "duckduckgo_search", ("http",)),
    "SearxngSearchTool": Builtin(_AG, "searxng_search", ("http",)),
    "PerplexitySearchTool": Builtin(_AG, "perplexity-search", ("http",)),
    "WebSearchPreviewTool": Builtin(_AG, "web_search_preview", ("http",)),
    "WikipediaQueryRunTool": Builtin(_AG, "wikipedia-query-run", ("http",)),
    "WikipediaPageLoadTool": Builtin(_AG, "wikipedia-page-load", ("http",)),
    "PythonCodeExecutionTool": Builtin(_AG, "python_execute_code", ("code_execution",), True, False),
    "SlackSendTool": Builtin(_AG, "slack_send", ("http_write",), True),
    "SlackRetrieveTool": Builtin(_AG, "slack_retrieve", ("http",)),
    "SlackRetrieveRepliesTool": Builtin(_AG, "slack_retrieve_replies", ("http",)),
    "DiscordSendTool": Builtin(_AG, "discord_send", ("http_write",), True),
    "DiscordRetrieveTool": Builtin(_AG, "discord_retrieve", ("http",)),
    "TelegramSendTool": Builtin(_AG, "telegram_send", ("http_write",), True),
    "TelegramRetrieveTool": Builtin(_AG, "telegram_retrieve", ("http",)),
    # ag2 after 0.9.9 (autogen/tools/experimental/tinyfish)
    "TinyFishTool": Builtin(_AG, "tinyfish_scrape", ("http",)),
    "TinyFishFetchTool": Builtin(_AG, "tinyfish_fetch", ("http",)),
}
# AutoGen 0.4's built-in tools (python/packages/autogen-ext/src/autogen_ext/tools, read from
# microsoft/autogen at 2026-04): the name each passes to BaseTool.__init__. GraphRAG's searches read
# a local index and ask a model; PythonCodeExecutionTool runs the model's code ("CodeExecutor", the
# same class name as AG2's python_execute_code tool: keyed by its import root). HttpTool and the
# Azure AI Search constructors take the name from their caller (name ""): HttpTool sends the
# method its caller sets, POST unless told otherwise (taken as a write).
AUTOGEN_EXT_BUILTINS = {
    "GlobalSearchTool": Builtin(_AG, "global_search_tool", (), schema="framework_defined",
                                description="Perform a global search with given parameters using graphrag."),
    "LocalSearchTool": Builtin(_AG, "local_search_tool", (), schema="framework_defined",
                               description="Perform a local search with given parameters using graphrag."),
    "autogen_ext:PythonCodeExecutionTool": Builtin(_AG, "CodeExecutor", ("code_execution",), True, False,
                                                   schema="framework_defined",
                                                   description="Execute Python code blocks."),
    "HttpTool": Builtin(_AG, "", ("http_write",), True, schema="json_schema"),
    "AzureAISearchTool": Builtin(_AG, "", ("http",), schema="framework_defined"),
}

# AG2 toolkits: Toolkit(...).register_for_llm(agent) offers each of these functions to the model.
# GoogleDriveToolkit downloads into a local folder (download_folder=): a file write.
AG2_TOOLKITS = {
    "GoogleDriveToolkit": (Builtin(_AG, "list_drive_files_and_folders", ("http",)),
                           Builtin(_AG, "download_file_from_drive", ("http", "file_write"), True)),
}


# AG2 agents that register their own tools on their model (autogen/agents/experimental):
# DeepResearchAgent's LLM calls DeepResearchTool.
AG2_AGENTS = {"DeepResearchAgent": ("DeepResearchTool",)}


def _builtin_agent(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """DeepResearchAgent(name=..., llm_config=...): an agent built with its own tools."""
    if fw_q != _AG:
        return False
    for cls in AG2_AGENTS.get(d.rsplit(".", 1)[-1], ()):
        b = AG2_BUILTINS[cls]
        ex.builtin_cand(b, node.lineno, "builtin_tool_instance")
    ex.builtin_agent_calls.add(id(node))
    return True


def _toolkit_register_for_llm(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """toolkit.register_for_llm(agent) / BuiltinTool(...).register_for_llm(agent): the toolkit's or
    the built-in tool's functions, offered to the agent's model."""
    recv = node.func.value if isinstance(node.func, ast.Attribute) else None
    if isinstance(recv, ast.Name):
        v, _ = ex.lookup(scope, recv.id)
        recv = v if isinstance(v, ast.Call) else None
    if not isinstance(recv, ast.Call) or not node.args:
        return False
    cls = ex.dotted(recv.func) or ""
    if ex.fw_of_qual(ex.qualify(cls)) != _AG:
        return False
    last = cls.rsplit(".", 1)[-1]
    made = AG2_TOOLKITS.get(last) or ((AG2_BUILTINS[last],) if last in AG2_BUILTINS else ())
    for b in made:
        ex.builtin_cand(b, node.lineno, "builtin_tool_instance")
    if not made and last.endswith(("Toolkit", "Tool")):
        ex.unresolved_site(node, "", node.lineno, "autogen tool class parr does not know")
    return True


# AG2 group chats (autogen/agentchat/group/handoffs.py, set_llm_function_names): every OnCondition
# on an agent becomes the tool transfer_to_{target.normalized_name()}_{i + 1}, i its position among
# the agent's OnConditions; an AgentTarget's normalized name is the agent's name as given.
# OnContextCondition and set_after_work are decided without the model: no tool.
AG2_HANDOFFS = ConditionHandoffs(
    methods=("add", "add_llm_condition", "add_llm_conditions", "add_many"),
    conditions=("OnCondition",),
    agent_targets=("AgentTarget", "AgentNameTarget"),
    fixed_targets={"TerminateTarget": "terminate", "StayTarget": "stay", "RevertToUserTarget": "revert_to_user",
                   "AskUserTarget": "ask_user"},
    name_format="transfer_to_{target}_{index}",
)
# AG2 swarms before 0.9 (swarm_agent.py): register_hand_off(agent, hand_to=[OnCondition(target=other,
# condition=...)]), or agent.register_hand_off(ON_CONDITION(other, "...")): the tool is
# transfer_{agent.name}_to_{target.name}, _2, _3 ... when the same pair repeats.
AG2_SWARM_HANDOFFS = ConditionHandoffs(
    methods=("register_hand_off",),
    conditions=("OnCondition", "ON_CONDITION"),
    agent_targets=(),
    fixed_targets={},
    name_format="transfer_{agent}_to_{target}",
    via="register",
    numbering="repeat",
)

FRAMEWORKS = (
    Framework(
        label="autogen",
        roots=("autogen_core", "autogen_ext", "autogen_agentchat", "autogen"),
        decorators=(
            Decorator("register_for_llm", "autogen.register_for_llm", as_call=False),
            # AG2 RealtimeAgent: @agent.register_realtime_function(name=..., description=...), or
            # agent.register_realtime_function(name=...)(fn)
            Decorator("register_realtime_function", "autogen.register_realtime_function", receiver="required"),
        ),
        factories=(
            Factory("FunctionTool", "autogen", "autogen.FunctionTool", when_args=True),
            # AG2 / AutoGen 0.2: register_function(f, caller=assistant, executor=user, name=..., description=...)
            Factory("register_function", "autogen", "autogen.register_function", when_kws=("caller", "executor"),
                    fn_kws=("f",)),
        ),
        handoff_naming="autogen",
        condition_handoffs=(AG2_HANDOFFS, AG2_SWARM_HANDOFFS),
        # AG2 group chats inject ContextVariables (a dict the group shares in memory); tools answer
        # with ReplyResult(target=..., context_variables=...) (SwarmResult before 0.9).
        state_params=("ContextVariables", "context_variables"),
        reply_classes=("ReplyResult", "SwarmResult", "FunctionTargetResult", "AgentTarget", "AgentNameTarget",
                       "RevertToUserTarget", "TerminateTarget", "StayTarget", "AskUserTarget"),
        tool_base_classes=("BaseTool", "BaseToolWithState", "BaseStreamTool"),
        class_style="autogen.BaseTool_subclass",
        call_hooks={"ToolSchema": (_tool_schema,), "register_for_llm": (_toolkit_register_for_llm,),
                    **{agent: (_builtin_agent,) for agent in AG2_AGENTS}},
        builtin_classes={**AG2_BUILTINS, **AUTOGEN_EXT_BUILTINS},
        # autogen_ext.tools.langchain: LangChainToolAdapter(tool) offers the LangChain tool's name,
        # description and schema, and runs its func
        tool_adapters=("LangChainToolAdapter",),
    ),
)
