"""Names the Python scanner needs before (and without) parsing anything: its facts version, the
calls that take a tool list by position, module names from paths. Kept apart from `extract` so
that a rescan answered from the cache does not import the extractor."""

from __future__ import annotations

FACTS_VERSION = "py-36-s15"

CTX_POSITIONAL = {
    "bind_tools": 0, "bind_functions": 0, "ToolNode": 0, "ToolExecutor": 0, "create_react_agent": 1,
    "achat_with_tools": 0, "chat_with_tools": 0, "astream_chat_with_tools": 0, "stream_chat_with_tools": 0,
    "predict_and_call": 0, "apredict_and_call": 0, "create_tool_calling_agent": 1, "create_openai_tools_agent": 1,
    "create_agent": 1, "bind": -1,
    "Toolset": 0,  # Haystack: Toolset([tool_a, tool_b])
    "FunctionToolset": 0,  # Pydantic AI: FunctionToolset([add, mul])
    "LLMContext": 1, "OpenAILLMContext": 1, "ToolsSchema": 0,  # Pipecat: LLMContext(messages, tools)
    "from_tools": 0,  # LlamaIndex's legacy agents: ReActAgent.from_tools(tools, llm=llm), OpenAIAgent.from_tools
    "ReAct": 1, "ReActV2": 1, "CodeAct": 1,  # DSPy: dspy.ReAct("question -> answer", [search])
}

# Words besides "tool" that a file declaring or handing over tools must contain (the byte
# prefilter's list; tests/scan/python/test_framework_cases.py checks every framework form is in it).
EXTRA_TRIGGERS = ("register_function", "andoff", "functions=", "ai_function")


def module_name(rel_path: str) -> str:
    if rel_path.endswith((".yml", ".yaml")):
        return ""  # a workflow config read as data: no module (`import yaml` must not find config.yaml)
    p = rel_path[:-3] if rel_path.endswith(".py") else rel_path
    parts = [x for x in p.split("/") if x]
    if parts and parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)
