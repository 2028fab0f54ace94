"""The BeeAI Framework's own Python tools, as data (generated: do not edit).

Written by benchmarks/beeai_builtins.py from the wheel beeai-framework 0.1.85, read with `ast`
(names and flags only; its docstring gives the rules).
"""

from __future__ import annotations

# class -> (defining module, name the model sees or None when set at run time, mutating, typed).
PY_TOOLS: dict[str, tuple[str, str | None, bool, bool]] = {
    'PythonTool': ('beeai_framework.tools.code.python', 'Python', True, False),
    'SandboxTool': ('beeai_framework.tools.code.sandbox', None, True, False),
    'ShellTool': ('beeai_framework.tools.code.shell', 'shell', True, False),
    'FileEditTool': ('beeai_framework.tools.filesystem.edit_file', 'edit_file', True, True),
    'GlobTool': ('beeai_framework.tools.filesystem.glob_tool', 'glob', False, True),
    'GrepTool': ('beeai_framework.tools.filesystem.grep_tool', 'grep', False, True),
    'FileReadTool': ('beeai_framework.tools.filesystem.read_file', 'read_file', False, True),
    'HandoffTool': ('beeai_framework.tools.handoff', None, False, True),
    'MCPTool': ('beeai_framework.tools.mcp.mcp', None, True, False),
    'OpenAPITool': ('beeai_framework.tools.openapi', None, True, False),
    'DuckDuckGoSearchTool': ('beeai_framework.tools.search.duckduckgo.duckduckgo', 'DuckDuckGo', False, True),
    'VectorStoreSearchTool': ('beeai_framework.tools.search.retrieval.vector_store', 'VectorStoreSearch', False, True),
    'WikipediaTool': ('beeai_framework.tools.search.wikipedia.wikipedia', 'Wikipedia', False, True),
    'XquikSearchTool': ('beeai_framework.tools.search.xquik.xquik', 'Xquik', False, True),
    'ThinkTool': ('beeai_framework.tools.think', 'think', False, True),
    'OpenMeteoTool': ('beeai_framework.tools.weather.openmeteo', 'OpenMeteoTool', False, True),
}
