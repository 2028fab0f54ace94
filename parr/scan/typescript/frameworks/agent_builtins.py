"""Tools VoltAgent and Mastra give an agent themselves, as data (generated: do not edit).

Written by benchmarks/ts_agent_builtins.py from the npm packages:
  @voltagent/core 2.10.0
  @mastra/core 1.71.0
  @mastra/memory 1.31.0
read with tree-sitter (names and flags only). Mutating and typed are parr's own verdict on each
tool's definition in the package; a sub-agent's tool (mutating None) takes a free-form prompt and
its effects are its sub-agent's.
"""

from __future__ import annotations

# What enables them (a factory, or a key of the agent's or memory's config) -> ((name, mutating, typed), ...).
VOLTAGENT: dict[str, tuple[tuple[str, bool | None, bool], ...]] = {
    'createReasoningTools': (('think', False, True), ('analyze', False, True)),
    'retriever': (('search_knowledge', False, True),),
    'subAgents': (('delegate_task', None, False),),
    'workingMemory': (('get_working_memory', False, True), ('update_working_memory', True, True), ('clear_working_memory', True, True)),
}
# Mastra names a sub-agent's and a workflow's tool by its key in the agent's config, after a prefix.
MASTRA_PREFIXES: dict[str, str] = {'agents': 'agent-', 'workflows': 'workflow-'}
MASTRA: dict[str, tuple[tuple[str, bool | None, bool], ...]] = {
    'workingMemory': (('updateWorkingMemory', True, True),),
    'workingMemory.useStateSignals': (('setWorkingMemory', True, True),),
}
