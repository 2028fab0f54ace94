"""benchmarks/ts_agent_builtins.py on made-up npm tarballs: the names come from the bundles, the flags from
parr's own reading of each tool's definition, and the module it writes is the one the scanner reads."""

from __future__ import annotations

import io
import json
import tarfile
from contextlib import redirect_stdout
from pathlib import Path

from parr.scan.typescript.frameworks import agent_builtins

from tests.scan.python.generator_helpers import generated_module, load_generator

VOLT = """
var thinkTool = createTool({ name: "ponder", description: "Think step by step", parameters: z.object({ thought: z.string() }),
  execute: async ({ thought }) => ({ thought }) });
var analyzeTool = createTool({ name: "weigh", description: "Analyze a result", parameters: z.object({ result: z.string() }),
  execute: async ({ result }) => ({ result }) });
var unusedTool = createTool({ name: "unused", description: "x", parameters: z.object({}), execute: async () => 1 });
var createReasoningTools = (options = {}) => {
  const enabledTools = [];
  if (options.think !== false) { enabledTools.push({ ...thinkTool }); }
  if (options.analyze !== false) { enabledTools.push({ ...analyzeTool }); }
  return createToolkit({ name: "reasoning_tools", tools: enabledTools });
};
var createRetrieverTool = (retriever, options = {}) => {
  const toolName = options.name || "find_docs";
  return createTool({ name: toolName, description: "Search", parameters: z.object({ query: z.string() }),
    execute: async ({ query }) => retriever.retrieve(query) });
};
var BaseRetriever = class {
  constructor(options = {}) { const retrieverName = this.options.toolName || "find_docs"; }
};
class Agent {
  createDelegateTool(options) {
    return createTool({ name: "hand_task", description: "Delegate", parameters: z.object({ task: z.string() }),
      execute: async ({ task }) => this.run(task) });
  }
  createWorkingMemoryTools() {
    return [
      createTool({ name: "read_notes", description: "Get the notes", parameters: z.object({}), execute: async () => memory.get() }),
      createTool({ name: "erase_notes", description: "Delete the notes", parameters: z.object({}),
        execute: async () => { await memory.delete(); } }),
    ];
  }
}
"""
CORE = "for (const [agentName, agent] of entries) { convertedAgentTools[`sub-${agentName}`] = t; }\n" \
       "for (const [n, w] of entries) { convertedWorkflowTools[`flow-${n}`] = t; }\n"
MEMORY = """
const UPDATE_WORKING_MEMORY_TOOL_NAME = "saveNotes";
const SET_WORKING_MEMORY_TOOL_NAME = "replaceNotes";
const updateWorkingMemoryTool = (config) => createTool({ id: "update-working-memory", description: "Update the notes",
  inputSchema: z.object({ memory: z.string() }), execute: async ({ memory }) => { await store.updateWorkingMemory(memory); } });
"""


def _tgz(path: Path, name: str, version: str, files: dict[str, str]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for rel, body in {"package.json": json.dumps({"name": name, "version": version}), **files}.items():
            data = body.encode()
            info = tarfile.TarInfo(f"package/{rel}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def test_names_from_the_bundles_and_flags_from_parrs_reading(tmp_path: Path) -> None:
    gen = load_generator("ts_agent_builtins")
    paths = [str(_tgz(tmp_path / "v.tgz", "@voltagent/core", "9.9.9", {"dist/index.mjs": VOLT})),
             str(_tgz(tmp_path / "c.tgz", "@mastra/core", "8.8.8", {"dist/agent-x.js": CORE})),
             str(_tgz(tmp_path / "m.tgz", "@mastra/memory", "7.7.7", {"dist/src-y.js": MEMORY}))]
    out = io.StringIO()
    with redirect_stdout(out):
        gen.main(paths)
    module = generated_module(out.getvalue(), "agent_builtins.py")
    assert "@voltagent/core 9.9.9" in module["__doc__"] and "@mastra/memory 7.7.7" in module["__doc__"]
    assert module["VOLTAGENT"] == {
        "createReasoningTools": (("ponder", False, True), ("weigh", False, True)),
        "subAgents": (("hand_task", None, False),),
        "workingMemory": (("read_notes", False, True), ("erase_notes", True, True)),
        "retriever": (("find_docs", False, True),),
    }
    assert module["MASTRA_PREFIXES"] == {"agents": "sub-", "workflows": "flow-"}
    assert module["MASTRA"] == {"workingMemory": (("saveNotes", True, True),),
                                "workingMemory.useStateSignals": (("replaceNotes", True, True),)}


def test_the_committed_module_has_the_shape_the_readers_use() -> None:
    assert set(agent_builtins.VOLTAGENT) == {"createReasoningTools", "subAgents", "workingMemory", "retriever"}
    assert set(agent_builtins.MASTRA_PREFIXES) == {"agents", "workflows"}
    assert "workingMemory" in agent_builtins.MASTRA and "workingMemory.useStateSignals" in agent_builtins.MASTRA
