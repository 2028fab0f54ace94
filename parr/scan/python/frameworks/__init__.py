"""Every Python framework family's tool API, gathered from one module per family into lookup tables."""

from __future__ import annotations

from types import MappingProxyType
from typing import Callable, Mapping

from parr.scan.python.frameworks import (
    agency_swarm,
    agent_framework,
    agent_squad,
    agentscope,
    agno,
    anthropic,
    atomic_agents,
    autogen,
    azure_functions,
    beeai,
    browser_use,
    camel,
    claude_agent_sdk,
    composio,
    controlflow,
    crewai,
    deepagents,
    dspy,
    genkit,
    google_adk,
    google_genai,
    gptme,
    griptape,
    haystack,
    kosong,
    langchain,
    langgraph,
    langroid,
    letta,
    livekit,
    llamaindex,
    mcp,
    mcp_agent,
    metagpt,
    mirascope,
    nat,
    openai_agents,
    openai_raw,
    pipecat,
    praisonai,
    provider_sdks,
    pydantic_ai,
    qwen_agent,
    semantic_kernel,
    smolagents,
    strands,
    superagi,
    swarm,
    swarms,
    swe_agent,
    upsonic,
)
from parr.scan.python.frameworks.spec import (
    Builtin, CallHook, ConditionHandoffs, ConfiguredToolkit, Decorator, Factory, Framework, Loader, Toolkit,
)

__all__ = ["Builtin", "Decorator", "Factory", "Framework", "FAMILIES", "FRAMEWORKS", "Loader", "Toolkit"]

# Order matters only where two families share a callee name and the import does not say which:
# FunctionTool(...) is tried as ADK's, the Agents SDK's, LlamaIndex's, then AutoGen's; Tool(...) as
# MCP's low-level Tool, then LangChain's, Haystack's, then Pydantic AI's; AgentTool(...) is agent_squad's
# only when imported from it (its hook declines otherwise), before ADK's; DSPy's Tool(fn, name=, desc=) only
# when imported from dspy, before the others' Tool; kosong's Tool(name=, description=, parameters=) only when
# imported from kosong, before them too.
FAMILIES = (
    dspy, kosong,
    camel, agent_squad, google_adk, openai_agents, llamaindex, autogen, agent_framework, mcp, langchain, langgraph,
    haystack, pydantic_ai,
    crewai, smolagents, anthropic, claude_agent_sdk, openai_raw, google_genai, agno, strands, semantic_kernel, browser_use,
    livekit, gptme, superagi, deepagents, mcp_agent, pipecat, agentscope, swarm, letta, composio, praisonai, beeai, genkit,
    langroid, agency_swarm, qwen_agent, griptape, nat, metagpt, swarms, mirascope, controlflow,
    provider_sdks, atomic_agents, upsonic, swe_agent, azure_functions,
)
FRAMEWORKS: tuple[Framework, ...] = tuple(fw for family in FAMILIES for fw in family.FRAMEWORKS)


def _check_unique() -> None:
    labels = [fw.label for fw in FRAMEWORKS]
    dupes = {x for x in labels if labels.count(x) > 1}
    roots = [r for fw in FRAMEWORKS for r in fw.roots]
    dupe_roots = {x for x in roots if roots.count(x) > 1}
    if dupes or dupe_roots:  # a second declaration would silently win: refuse it loudly
        raise RuntimeError(f"framework declared twice: {sorted(dupes | dupe_roots)}")


_check_unique()

# Top-level import roots -> framework label used in ToolRecord.framework.
FRAMEWORK_ROOTS: Mapping[str, str] = MappingProxyType({r: fw.label for fw in FRAMEWORKS for r in fw.roots})
ROOT_PREFIXES: tuple[tuple[str, str], ...] = tuple((p, fw.label) for fw in FRAMEWORKS for p in fw.root_prefixes)
HANDOFF_NAMING: Mapping[str, str] = MappingProxyType(
    {fw.label: fw.handoff_naming for fw in FRAMEWORKS if fw.handoff_naming})
# Framework label -> how its agents hold hand-offs as conditions (AG2 OnCondition).
CONDITION_HANDOFFS: Mapping[str, tuple[ConditionHandoffs, ...]] = MappingProxyType(
    {fw.label: fw.condition_handoffs for fw in FRAMEWORKS if fw.condition_handoffs})
# Calls that register conditions on an agent directly (register_hand_off), not on <agent>.handoffs.
CONDITION_REGISTER_CALLS = frozenset(m for specs in CONDITION_HANDOFFS.values() for s in specs if s.via == "register"
                                     for m in s.methods)
# Server composition calls (FastMCP mount/import_server) -> (prefix keywords, name format).
MOUNT_CALLS: Mapping[str, tuple[tuple[str, ...], str]] = MappingProxyType(
    {m: (kws, fw.mount_format) for fw in FRAMEWORKS for m, kws in fw.mount_calls.items()})
# In-process framework state handed to tools (annotation or parameter names), and reply classes.
STATE_PARAMS = frozenset(p for fw in FRAMEWORKS for p in fw.state_params)
REPLY_CLASSES = frozenset(c for fw in FRAMEWORKS for c in fw.reply_classes)
# Condition classes that make a file worth a full parse (the prefilter reads this).
HANDOFF_CONDITION_WORDS = frozenset(c for fw in FRAMEWORKS for s in fw.condition_handoffs for c in s.conditions)


def _tool_base_classes() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for fw in FRAMEWORKS:
        for name in fw.tool_base_classes:
            out[name] = out.get(name, ()) + (fw.label,)
    return out


# Class names that make a subclass a tool, by framework (matched on the base's last segment; the
# import root, when known, picks the framework).
TOOL_BASE_CLASSES: Mapping[str, tuple[str, ...]] = MappingProxyType(_tool_base_classes())
CLASS_STYLE: Mapping[str, str] = MappingProxyType({fw.label: fw.class_style for fw in FRAMEWORKS if fw.class_style})
# Framework label -> the style of the tools its tools lists make of a plain object's public methods.
OBJECT_METHODS_STYLE: Mapping[str, str] = MappingProxyType(
    {fw.label: fw.object_methods_style for fw in FRAMEWORKS if fw.object_methods_style})


def _builtin_classes() -> dict[str, dict[str, Builtin]]:
    out: dict[str, dict[str, Builtin]] = {}
    for fw in FRAMEWORKS:
        for key, b in fw.builtin_classes.items():
            # "autogen_ext:PythonCodeExecutionTool": the class of one import root of a family whose
            # packages ship classes of the same name (AG2's autogen.tools has another one)
            root, _, cls = key.rpartition(":")
            out.setdefault(cls, {})[f"{fw.label}:{root}" if root else fw.label] = b
    return out


# Callees whose tools= is no tool list -> their framework.
NOT_TOOL_LISTS: Mapping[str, str] = MappingProxyType({c: fw.label for fw in FRAMEWORKS for c in fw.not_tool_lists})
# Adapter classes -> the framework that ships them: the tool they wrap is the tool.
TOOL_ADAPTERS: Mapping[str, str] = MappingProxyType({c: fw.label for fw in FRAMEWORKS for c in fw.tool_adapters})
# Built-in tool classes whose instances are tools: class name -> framework -> what the model sees.
BUILTIN_CLASSES: Mapping[str, Mapping[str, Builtin]] = MappingProxyType(_builtin_classes())
# Built-in toolsets: class name -> framework -> the tools an instance hands the model.
BUILTIN_TOOLSETS: Mapping[str, Mapping[str, tuple[Builtin, ...]]] = MappingProxyType(
    {cls: {fw.label: tools for fw in FRAMEWORKS for c, tools in fw.builtin_toolsets.items() if c == cls}
     for cls in {c for fw in FRAMEWORKS for c in fw.builtin_toolsets}})
# Module-level tool instances a framework ships, imported by name and listed in tools=[...].
BUILTIN_INSTANCES: Mapping[str, Mapping[str, Builtin]] = MappingProxyType(
    {fw.label: fw.builtin_instances for fw in FRAMEWORKS if fw.builtin_instances})
# Tool modules handed over whole: module path -> the tools it gives; and the packages holding them.
BUILTIN_MODULES: Mapping[str, tuple[Builtin, ...]] = MappingProxyType(
    {m: tools for fw in FRAMEWORKS for m, tools in fw.builtin_modules.items()})
BUILTIN_MODULE_ROOTS: Mapping[str, str] = MappingProxyType(
    {root: fw.label for fw in FRAMEWORKS for root in fw.builtin_module_roots})
# Toolkit classes: class name -> framework -> what its get_tools() hands out; the methods that do.
TOOLKITS: Mapping[str, Mapping[str, Toolkit]] = MappingProxyType(
    {cls: {fw.label: kit for fw in FRAMEWORKS for c, kit in fw.toolkits.items() if c == cls}
     for cls in {c for fw in FRAMEWORKS for c in fw.toolkits}})
# Configurable toolkit classes: class name -> import root -> (framework, what an instance hands out).
CONFIGURED_TOOLKITS: Mapping[str, Mapping[str, tuple[str, ConfiguredToolkit]]] = MappingProxyType(
    {cls: {root: (fw.label, kits[cls]) for fw in FRAMEWORKS for root, kits in fw.configured_toolkits.items()
           if cls in kits}
     for cls in {c for fw in FRAMEWORKS for kits in fw.configured_toolkits.values() for c in kits}})
TOOLKIT_METHODS = frozenset(kit.method for fw in FRAMEWORKS for kit in fw.toolkits.values())
# Loaders: callee name -> framework -> the loader (load_tools(["serpapi"])).
LOADERS: Mapping[str, Mapping[str, Loader]] = MappingProxyType(
    {name: {fw.label: ld for fw in FRAMEWORKS for ld in fw.loaders if ld.callee == name}
     for name in {ld.callee for fw in FRAMEWORKS for ld in fw.loaders}})
TOOLSPECS: Mapping[str, tuple[Builtin, ...]] = MappingProxyType({k: v for fw in FRAMEWORKS for k, v in fw.toolspecs.items()})
# Framework label -> keywords of its calls that hand the model tools, besides tools=/functions=/toolsets=.
TOOL_KWS: Mapping[str, tuple[str, ...]] = MappingProxyType({fw.label: fw.tool_kws for fw in FRAMEWORKS if fw.tool_kws})
TOOLSET_NAME_KWS: Mapping[str, str] = MappingProxyType(
    {cls: kw for fw in FRAMEWORKS for cls, kw in fw.toolset_name_kws.items()})
WRAPPER_CALLS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {fw.label: fw.wrapper_calls for fw in FRAMEWORKS if fw.wrapper_calls})
STYLE_PREFIX: Mapping[str, str] = MappingProxyType({fw.label: fw.style_prefix for fw in FRAMEWORKS if fw.style_prefix})


def _decorators() -> dict[str, tuple[tuple[str, Decorator], ...]]:
    out: dict[str, tuple[tuple[str, Decorator], ...]] = {}
    for fw in FRAMEWORKS:
        for d in fw.decorators:
            out[d.name] = out.get(d.name, ()) + ((fw.label, d),)
    return out


# Decorator name -> (framework, spec) pairs, in family order.
DECORATORS: Mapping[str, tuple[tuple[str, Decorator], ...]] = MappingProxyType(_decorators())
# Style of a bare @tool by the framework it comes from.
BARE_TOOL_STYLE: Mapping[str, str] = MappingProxyType(
    {label: d.style for label, d in DECORATORS.get("tool", ()) if d.receiver is None})
# Decorators also applied as a plain call to a function: function_tool(fn), tool(fn).
CALLABLE_DECORATORS = frozenset(name for name, specs in DECORATORS.items() if any(d.as_call for _, d in specs))
# Frameworks whose bare @tool a file means when the import does not say, in order of preference.
BARE_TOOL_PREFERENCE = ("langchain", "crewai", "smolagents", "agno", "strands-agents")


def _factories() -> dict[str, tuple[Factory, ...]]:
    out: dict[str, tuple[Factory, ...]] = {}
    for fw in FRAMEWORKS:
        for f in fw.factories:
            out[f.callee] = out.get(f.callee, ()) + (f,)
    return out


# Callee name -> the factories that read it, tried in family order.
FACTORIES: Mapping[str, tuple[Factory, ...]] = MappingProxyType(_factories())


def _call_hooks() -> dict[str, tuple[CallHook, ...]]:
    out: dict[str, tuple[CallHook, ...]] = {}
    for fw in FRAMEWORKS:
        for callee, hooks in fw.call_hooks.items():
            out[callee] = out.get(callee, ()) + tuple(hooks)
    return out


# Callee name -> hooks, in family order; the first that answers True has read the call.
CALL_HOOKS: Mapping[str, tuple[CallHook, ...]] = MappingProxyType(_call_hooks())
# Method name -> hooks reading a call in a tools entry that hands out a framework object's tools.
LIST_HOOKS: Mapping[str, tuple[CallHook, ...]] = MappingProxyType(
    {m: tuple(h for fw in FRAMEWORKS for h in fw.list_hooks.get(m, ())) for m in {m for fw in FRAMEWORKS for m in fw.list_hooks}})
CALL_SUFFIX_HOOKS: tuple[tuple[str, CallHook], ...] = tuple(h for fw in FRAMEWORKS for h in fw.call_suffix_hooks)
# (framework, hook) read over a whole file that imports the framework, once it is walked.
FILE_HOOKS: tuple[tuple[str, Callable[..., None]], ...] = tuple((fw.label, h) for fw in FRAMEWORKS for h in fw.file_hooks)


def style_prefix(label: str) -> str:
    """The prefix of a framework's style names (openai-agents -> openai_agents)."""
    return STYLE_PREFIX.get(label, label)
