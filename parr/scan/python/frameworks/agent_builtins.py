"""Built-in tools of Pydantic AI, agent middleware (LangChain v1, deepagents), smolagents and the
OpenAI Agents SDK, as data (generated: do not edit).

Written by benchmarks/agent_builtins.py from the wheels of:
  deepagents 0.7.32
  langchain 1.5.2
  openai-agents 0.24.0
  pydantic-ai-slim 1.107.10
  pydantic-ai-slim 2.78.0
  smolagents 1.26.0
read with `ast` (names and flags only). Its docstring says what is read and the rule that decides
which tools change state.
"""

from __future__ import annotations

# PYDANTIC_NATIVE tools (kind): class or function -> (name the model sees, mutating, typed, capabilities)
PYDANTIC_NATIVE: dict[str, tuple[str, bool, bool, tuple[str, ...]]] = {
    'AdvisorTool': ('advisor', False, True, ()),
    'CodeExecutionTool': ('code_execution', True, False, ('code_execution',)),
    'ComputerTool': ('computer', True, True, ('computer_use',)),
    'FileSearchTool': ('file_search', False, True, ()),
    'ImageGenerationTool': ('image_generation', False, True, ()),
    'MCPServerTool': ('mcp_server', False, True, ('mcp_remote',)),
    'MemoryTool': ('memory', True, True, ('file_write',)),
    'ToolSearchTool': ('tool_search', False, True, ()),
    'WebFetchTool': ('web_fetch', False, True, ('http',)),
    'WebSearchTool': ('web_search', False, True, ('http',)),
    'XSearchTool': ('x_search', False, True, ('http',)),
}

# PYDANTIC_CAPABILITIES giving a native tool: class or function -> (name the model sees, mutating, typed, capabilities)
PYDANTIC_CAPABILITIES: dict[str, tuple[str, bool, bool, tuple[str, ...]]] = {
    'ImageGeneration': ('image_generation', False, True, ()),
    'WebFetch': ('web_fetch', False, True, ('http',)),
    'WebSearch': ('web_search', False, True, ('http',)),
    'XSearch': ('x_search', False, True, ('http',)),
}

# PYDANTIC_COMMON tool factories: class or function -> (name the model sees, mutating, typed, capabilities)
PYDANTIC_COMMON: dict[str, tuple[str, bool, bool, tuple[str, ...]]] = {
    'duckduckgo_search_tool': ('duckduckgo_search', False, True, ('http',)),
    'exa_answer_tool': ('exa_answer', False, True, ('http',)),
    'exa_find_similar_tool': ('exa_find_similar', False, True, ('http',)),
    'exa_get_contents_tool': ('exa_get_contents', False, True, ('http',)),
    'exa_search_tool': ('exa_search', False, True, ('http',)),
    'image_generation_tool': ('generate_image', False, True, ()),
    'tavily_search_tool': ('tavily_search', False, True, ('http',)),
    'web_fetch_tool': ('web_fetch', False, True, ('http',)),
    'x_search_tool': ('x_search', False, True, ('http',)),
}

# LANGCHAIN_MIDDLEWARE: agent middleware -> the tools it gives the model (name, mutating, typed, capabilities)
LANGCHAIN_MIDDLEWARE: dict[str, tuple[tuple[str, bool, bool, tuple[str, ...]], ...]] = {
    'AutoModeMiddleware': (),
    'ContextEditingMiddleware': (),
    'FilesystemFileSearchMiddleware': (('glob_search', False, True, ('file_read',)), ('grep_search', False, True, ('file_read',))),
    'HumanInTheLoopMiddleware': (),
    'LLMToolEmulator': (),
    'LLMToolSelectorMiddleware': (),
    'ModelCallLimitMiddleware': (),
    'ModelFallbackMiddleware': (),
    'ModelRefusalMiddleware': (),
    'ModelRetryMiddleware': (),
    'ModelRouterMiddleware': (),
    'PIIMiddleware': (),
    'ProviderToolSearchMiddleware': (),
    'ShellToolMiddleware': (('shell', True, False, ('shell',)),),
    'SummarizationMiddleware': (),
    'TodoListMiddleware': (('write_todos', False, True, ()),),
    'ToolCallLimitMiddleware': (),
    'ToolErrorMiddleware': (),
    'ToolRetryMiddleware': (),
}

# DEEPAGENTS_MIDDLEWARE: agent middleware -> the tools it gives the model (name, mutating, typed, capabilities)
DEEPAGENTS_MIDDLEWARE: dict[str, tuple[tuple[str, bool, bool, tuple[str, ...]], ...]] = {
    'AsyncSubAgentMiddleware': (('cancel_async_task', True, True, ()), ('check_async_task', False, True, ()), ('list_async_tasks', False, True, ()), ('start_async_task', True, True, ()), ('update_async_task', True, True, ())),
    'ChatNVIDIAMessageCompatibilityMiddleware': (),
    'EntityResolutionGuardMiddleware': (),
    'FilesystemMiddleware': (('delete', True, True, ('file_write',)), ('edit_file', True, True, ('file_write',)), ('execute', True, False, ('shell',)), ('glob', False, True, ('file_read',)), ('grep', False, True, ('file_read',)), ('ls', False, True, ('file_read',)), ('read_file', False, True, ('file_read',)), ('write_file', True, True, ('file_write',))),
    'FinalAnswerGuardMiddleware': (),
    'FollowupDisciplineMiddleware': (),
    'MemoryMiddleware': (),
    'ModelRateLimitRetryMiddleware': (),
    'NemotronPolicyNudgeMiddleware': (),
    'NemotronProgressBudgetMiddleware': (),
    'NemotronReasoningTagCleanupMiddleware': (),
    'NemotronTextToolCallParser': (),
    'NemotronToolCallShim': (),
    'PatchToolCallsMiddleware': (),
    'ReadFileContinuationNoticeMiddleware': (),
    'RubricMiddleware': (),
    'SkillsMiddleware': (),
    'SubAgentMiddleware': (('task', True, True, ()),),
    'SummarizationToolMiddleware': (('compact_conversation', False, True, ()),),
    'UnsupportedContentMiddleware': (),
}

# Middleware whose one tool is named by a constructor keyword (the default above)
MIDDLEWARE_NAME_KWS: dict[str, str] = {'ShellToolMiddleware': 'tool_name'}

# create_deep_agent: middleware always on the main agent; keyword -> middleware it adds when given
# ('subagents+graph_id': a subagents= entry with a graph_id key, an async sub-agent)
DEEP_AGENT_ALWAYS: tuple[str, ...] = ('FilesystemMiddleware', 'SubAgentMiddleware', 'PatchToolCallsMiddleware', 'UnsupportedContentMiddleware')
DEEP_AGENT_GIVEN: dict[str, tuple[str, ...]] = {'subagents+graph_id': ('AsyncSubAgentMiddleware',), 'skills': ('SkillsMiddleware',), 'memory': ('MemoryMiddleware',), 'interrupt_on': ('HumanInTheLoopMiddleware',)}

# SMOLAGENTS default tool classes: class or function -> (name the model sees, mutating, typed, capabilities)
SMOLAGENTS: dict[str, tuple[str, bool, bool, tuple[str, ...]]] = {
    'ApiWebSearchTool': ('web_search', False, True, ('http',)),
    'DuckDuckGoSearchTool': ('web_search', False, True, ('http',)),
    'GoogleSearchTool': ('web_search', False, True, ('http',)),
    'PythonInterpreterTool': ('python_interpreter', True, False, ('code_execution',)),
    'SpeechToTextTool': ('transcriber', False, True, ()),
    'UserInputTool': ('user_input', False, True, ()),
    'VisitWebpageTool': ('visit_webpage', False, True, ('http',)),
    'WebSearchTool': ('web_search', False, True, ('http',)),
    'WikipediaSearchTool': ('wikipedia_search', False, True, ('http',)),
}

# add_base_tools=True: the classes every agent gets, and those only ToolCallingAgent gets
SMOLAGENTS_BASE: tuple[str, ...] = ('DuckDuckGoSearchTool', 'VisitWebpageTool')
SMOLAGENTS_BASE_TOOL_CALLING: tuple[str, ...] = ('PythonInterpreterTool',)

# OPENAI_AGENTS hosted and built-in tool classes: class or function -> (name the model sees, mutating, typed, capabilities)
OPENAI_AGENTS: dict[str, tuple[str, bool, bool, tuple[str, ...]]] = {
    'ApplyPatchTool': ('apply_patch', True, True, ('file_write',)),
    'CodeInterpreterTool': ('code_interpreter', True, False, ('code_execution',)),
    'ComputerTool': ('computer_use_preview', True, True, ('computer_use',)),
    'FileSearchTool': ('file_search', False, True, ()),
    'HostedMCPTool': ('hosted_mcp', False, True, ('mcp_remote',)),
    'ImageGenerationTool': ('image_generation', False, True, ()),
    'LocalShellTool': ('local_shell', True, False, ('shell',)),
    'ProgrammaticToolCallingTool': ('programmatic_tool_calling', True, False, ('code_execution',)),
    'ShellTool': ('shell', True, False, ('shell',)),
    'ToolSearchTool': ('tool_search', False, True, ()),
    'WebSearchTool': ('web_search', False, True, ('http',)),
}
