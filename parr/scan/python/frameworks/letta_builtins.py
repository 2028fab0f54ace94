"""Letta's own tools, as data (generated: do not edit).

Written by benchmarks/letta_builtins.py from the wheel of letta 0.16.8, read with `ast` (names,
flags and docstrings' first paragraphs only). Its docstring says what is read and the rule that decides
which tools change state."""

from __future__ import annotations

# name -> (mutating, typed, capabilities, description)
TOOLS: dict[str, tuple[bool, bool, tuple[str, ...], str | None]] = {
    'archival_memory_insert': (True, True, (), 'Add information to long-term archival memory for later retrieval.'),
    'archival_memory_search': (False, True, (), 'Search archival memory using semantic similarity to find relevant information.'),
    'conversation_search': (False, True, (), 'Search prior conversation history using hybrid search (text + semantic similarity).'),
    'core_memory_append': (True, True, (), 'Append to the contents of core memory.'),
    'core_memory_replace': (True, True, (), 'Replace the contents of core memory. To delete memories, use an empty string for new_content.'),
    'fetch_webpage': (False, True, ('http',), 'Fetch a webpage and convert it to markdown/text format using Exa API (if available) or trafilatura/readability.'),
    'finish_rethinking_memory': (False, True, (), 'This function is called when the agent is done rethinking the memory.'),
    'grep_files': (False, True, (), 'Searches file contents for pattern matches with surrounding context.'),
    'memory': (True, True, (), 'Memory management tool with various sub-commands for memory block operations.'),
    'memory_apply_patch': (True, True, (), 'Apply a simplified unified-diff style patch to one or more memory blocks.'),
    'memory_finish_edits': (False, True, (), 'Call the memory_finish_edits command when you are finished making edits (integrating all new information) into the memory blocks. This function is called when the agent is done rethinking the memory.'),
    'memory_insert': (True, True, (), 'The memory_insert command allows you to insert text at a specific location in a memory block.'),
    'memory_replace': (True, True, (), 'The memory_replace command allows you to replace a specific string in a memory block with a new string. This is used for making precise edits. Do NOT attempt to replace long strings, e.g. do not attempt to replace the entire contents of a memory block with a new string.'),
    'memory_rethink': (True, True, (), 'The memory_rethink command allows you to completely rewrite the contents of a memory block. Use this tool to make large sweeping changes (e.g. when you want to condense or reorganize the memory blocks), do NOT use this tool to make small precise edits (e.g. add or remove a line, replace a specific string, etc).'),
    'open_files': (False, True, (), 'Open one or more files and load their contents into files section in core memory. Maximum of 5 files can be opened simultaneously.'),
    'rethink_user_memory': (True, True, (), 'Rewrite memory block for the main agent, new_memory should contain all current information from the block that is not outdated or inconsistent, integrating any new information, resulting in a new memory block that is organized, readable, and comprehensive.'),
    'run_code': (True, False, ('code_execution',), 'Run code in a sandbox. Supports Python, Javascript, Typescript, R, and Java.'),
    'run_code_with_tools': (True, False, ('code_execution',), 'Run code with access to the tools of the agent. Only support python. You can directly invoke the tools of the agent in the code. Args: code (str): The python code to run. Returns: str: The output of the code, the stdout, the stderr, and error traces (if any).'),
    'search_memory': (False, True, (), 'Look in long-term or earlier-conversation memory only when the user asks about something missing from the visible context. The user’s latest utterance is sent automatically as the main query.'),
    'semantic_search_files': (False, True, (), 'Searches file contents using semantic meaning rather than exact matches.'),
    'send_message': (False, True, (), 'Sends a message to the human user.'),
    'send_message_to_agent_and_wait_for_reply': (True, True, (), "Sends a message to a specific Letta agent within the same organization and waits for a response. The sender's identity is automatically included, so no explicit introduction is needed in the message. This function is designed for two-way communication where a reply is expected."),
    'send_message_to_agent_async': (True, True, (), "Sends a message to a specific Letta agent within the same organization. The sender's identity is automatically included, so no explicit introduction is required in the message. This function does not expect a response from the target agent, making it suitable for notifications or one-way communication. Args: message (str): The content of the message to be sent to the target agent. other_agent_id (str): The unique identifier of the target Letta agent. Returns: str: A confirmation message indicating the message was successfully sent."),
    'send_message_to_agents_matching_tags': (True, True, (), 'Sends a message to all agents within the same organization that match the specified tag criteria. Agents must possess *all* of the tags in `match_all` and *at least one* of the tags in `match_some` to receive the message.'),
    'store_memories': (True, True, (), 'Persist dialogue that is about to fall out of the agent’s context window.'),
    'web_search': (False, True, ('http',), "Search the web using Exa's AI-powered search engine and retrieve relevant content."),
}

# agent_type -> the tools include_base_tools (the default) attaches
BY_AGENT_TYPE: dict[str, tuple[str, ...]] = {
    'voice_sleeptime_agent': ('store_memories', 'rethink_user_memory', 'finish_rethinking_memory'),
    'voice_convo_agent': ('send_message', 'search_memory'),
    'sleeptime_agent': ('memory_replace', 'memory_insert', 'memory_rethink', 'memory_finish_edits'),
    'memgpt_v2_agent': ('send_message', 'conversation_search', 'memory_replace', 'memory_insert'),
    'react_agent': (),
    'letta_v1_agent': ('conversation_search', 'memory_replace', 'memory_insert'),
    'workflow_agent': (),
    'memgpt_agent': ('send_message', 'conversation_search', 'core_memory_append', 'core_memory_replace', 'memory', 'memory_apply_patch'),
    'split_thread_agent': ('send_message', 'conversation_search', 'core_memory_append', 'core_memory_replace', 'memory', 'memory_apply_patch'),
}
DEFAULT_AGENT_TYPE = 'letta_v1_agent'
# enable_sleeptime=True on an agent type the chain does not name first
SLEEPTIME_CHAT: tuple[str, ...] = ('send_message', 'conversation_search', 'archival_memory_search')
# the types checked before enable_sleeptime in create_agent_async
BEFORE_SLEEPTIME: tuple[str, ...] = ('voice_sleeptime_agent', 'voice_convo_agent', 'sleeptime_agent')
# include_multi_agent_tools=True (outside Letta Cloud)
MULTI_AGENT: tuple[str, ...] = ('send_message_to_agent_and_wait_for_reply', 'send_message_to_agents_matching_tags', 'send_message_to_agent_async')
# tools an agent gets only when named in tools=[...]
BY_NAME: tuple[str, ...] = ('run_code', 'run_code_with_tools', 'web_search', 'fetch_webpage', 'open_files', 'grep_files', 'semantic_search_files')
