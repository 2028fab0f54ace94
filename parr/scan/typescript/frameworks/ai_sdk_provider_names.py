"""The fixed names the AI SDK's providers send the model for their provider-defined tools (generated).

Written by benchmarks/ai_sdk_provider_names.py from the npm packages:
  @ai-sdk/anthropic 3.0.140
  @ai-sdk/openai 3.0.141
read with tree-sitter (names only). The model sees this name whatever key the tool is stored under.
"""

from __future__ import annotations

# package -> factory of `<provider>.tools` -> the name the model sees.
FIXED_NAMES: dict[str, dict[str, str]] = {
    '@ai-sdk/anthropic': {
        'advisor_20260301': 'advisor',
        'bash_20241022': 'bash',
        'bash_20250124': 'bash',
        'codeExecution_20250522': 'code_execution',
        'codeExecution_20250825': 'code_execution',
        'codeExecution_20260120': 'code_execution',
        'computerToolset_20260801': 'computer',
        'computer_20241022': 'computer',
        'computer_20250124': 'computer',
        'computer_20251124': 'computer',
        'memory_20250818': 'memory',
        'textEditor_20241022': 'str_replace_editor',
        'textEditor_20250124': 'str_replace_editor',
        'textEditor_20250429': 'str_replace_based_edit_tool',
        'textEditor_20250728': 'str_replace_based_edit_tool',
        'toolSearchBm25_20251119': 'tool_search_tool_bm25',
        'toolSearchRegex_20251119': 'tool_search_tool_regex',
        'webFetch_20250910': 'web_fetch',
        'webFetch_20260209': 'web_fetch',
        'webSearch_20250305': 'web_search',
        'webSearch_20260209': 'web_search',
    },
    '@ai-sdk/openai': {
        'applyPatch': 'apply_patch',
        'codeInterpreter': 'code_interpreter',
        'fileSearch': 'file_search',
        'imageGeneration': 'image_generation',
        'localShell': 'local_shell',
        'mcp': 'mcp',
        'shell': 'shell',
        'toolSearch': 'tool_search',
        'webSearch': 'web_search',
        'webSearchPreview': 'web_search_preview',
    },
}
