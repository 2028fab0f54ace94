"""The shape in which a framework family declares its tool API to the Python scanner: data only."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping


CallHook = Callable[..., bool]


@dataclass(frozen=True)
class Builtin:
    """A tool the framework ships: what the model sees for it and what it can do."""

    framework: str
    name: str
    caps: tuple[str, ...] = ()
    mutating: bool = False
    typed: bool = True
    schema: str = "provider_defined"
    description: str | None = None  # the description the framework gives it, where it says what it does
    # Set when an instance hands the model tools named at run time (a hosted remote MCP server's):
    # the reason of the unresolved site reported instead of a tool.
    site: str | None = None
    # True when mutating and typed were read from the package's own code by parr's effects reading
    # (agno toolkits, LlamaIndex tool specs): that reading, not the tool's name, decides.
    judged: bool = False


@dataclass(frozen=True)
class Toolkit:
    """A toolkit class of the framework whose `method()` hands the model built-in tools
    (`SQLDatabaseToolkit(db=db, llm=llm).get_tools()`). No tools: the toolkit makes them at run time
    (from an API's operation list), which the scanner reports as a site. `selector`: the
    constructor keyword that keeps only the named tools (FileManagementToolkit(selected_tools=[...]))."""

    tools: tuple[Builtin, ...]
    method: str = "get_tools"
    selector: str | None = None


@dataclass(frozen=True)
class FlaggedTool:
    """One function a configurable toolkit registers, and when: `conditions` are groups that must
    all hold (none: always registered); a group holds when any of its (constructor keyword,
    default, negated) holds, the keyword read at the call site or else its default (agno
    `if all or enable_stock_price:` is one group of two)."""

    tool: Builtin
    conditions: tuple[tuple[tuple[str, bool, bool], ...], ...] = ()


@dataclass(frozen=True)
class ConfiguredToolkit:
    """A toolkit class whose instance, given as a tools entry, hands the model the functions its
    constructor registers (agno `YFinanceTools(enable_company_info=True)`). No tools: it lists
    them at run time (agno MCPTools), which the scanner reports as a site. `include_kw` and
    `exclude_kw` keep or drop tools by name; `gate_kw` names the tools a person confirms first."""

    tools: tuple[FlaggedTool, ...]
    # The same class in older releases whose constructor took other flags (agno 1.x
    # `YFinanceTools(stock_price=True)`, 3.x `enable_stock_price=`), newest first: a call whose
    # keywords are flags only an older release takes is read by that release's registrations.
    older: tuple[tuple[FlaggedTool, ...], ...] = ()
    include_kw: str | None = None
    exclude_kw: str | None = None
    gate_kw: str | None = None


@dataclass(frozen=True)
class Loader:
    """A function that builds built-in tools from a list of keys: `load_tools(["serpapi", "llm-math"])`.
    The keys are the positional argument at `keys_pos` or the `keys_kw` keyword."""

    callee: str
    tools: Mapping[str, Builtin]
    keys_pos: int = 0
    keys_kw: str = "tool_names"


@dataclass(frozen=True)
class Decorator:
    """A decorator that makes the function it wraps a tool (`@function_tool`, `@agent.tool`).

    `name_kws` and `desc_kws` are the keywords that give the name and description the model sees,
    tried in order (the docstring comes last). `receiver`: None when it is used bare (`@tool`),
    "required" when only an attribute of some object (`@mcp.tool`), "any" when both occur.
    `as_call`: also applied as a call, `tool(fn)` or `server.tool(name=...)(fn)`."""

    name: str
    style: str
    name_kws: tuple[str, ...] = ("name",)
    desc_kws: tuple[str, ...] = ("description",)
    receiver: str | None = "any"
    as_call: bool = True
    positional_name: bool = False
    # Position of the input schema argument, when the decorator is given one (Claude Agent SDK
    # @tool(name, description, {"city": str}) or a JSON schema): it, not the function's own
    # parameters (one `args` dict), is what the model fills in.
    schema_pos: int | None = None
    # (keyword, literal) pairs that put a person before each call: approval_mode="always_require"
    gate_values: tuple[tuple[str, str], ...] = ()
    # A keyword holding the whole definition the model sees ({"name", "description", "parameters"}):
    # LiveKit @function_tool(raw_schema={...}); its name and schema stand before the function's.
    schema_kw: str | None = None
    # Classes whose instances carry this decorator (`app = MCPApp(...)`, `@app.tool`): the decorator
    # is this family's only on a receiver bound to one of them, whatever other families call `.tool`.
    receiver_classes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Factory:
    """A call that makes a tool from a function: `FunctionTool(func=f)`, `Tool.from_function(f)`.

    It applies when the callee's package is `framework`, or when any of `when_kws` is given, or
    (`when_args`) when it has positional arguments. The function is the first of `fn_kws` given,
    else the positional argument at `fn_pos` (neither: a tool made from no function of the
    project, such as a retriever). The name is the `name` keyword, else the positional argument at
    `name_pos`, else the function's name; the description likewise (`desc_pos`), else the
    docstring: the positions are those of the real signature (create_retriever_tool(retriever,
    name, description)). `gate_kws`: keywords that, when true, put a person before each call."""

    callee: str
    framework: str
    style: str
    when_kws: tuple[str, ...] = ()
    when_args: bool = False
    fn_kws: tuple[str, ...] = ("func",)
    fn_pos: int | None = 0
    name_pos: int | None = None
    desc_pos: int | None = None
    typed: bool | None = None
    schema: str = "type_hints"
    gate_kws: tuple[str, ...] = ()
    gate_values: tuple[tuple[str, str], ...] = ()
    flags: tuple[str, ...] = ()
    # The keyword (or position) of a metadata object that carries the name and description the
    # model sees, when the call has no name of its own: LlamaIndex
    # `QueryEngineTool(engine, metadata=ToolMetadata(name="lyft_10k", description=...))`.
    meta_kw: str | None = None
    meta_pos: int | None = None


@dataclass(frozen=True)
class ConditionHandoffs:
    """Hand-offs an agent holds as conditions, each offered to the model as a tool (AG2:
    `agent.handoffs.add_llm_conditions([OnCondition(target=AgentTarget(x), ...)])`).

    `methods`: the calls on `<agent>.handoffs` that add conditions; `conditions`: the condition
    classes the model decides (each one a tool); other condition classes (OnContextCondition) are
    evaluated without the model and are not tools. The target is the condition's `target=` (or
    first argument): one of `agent_targets` names an agent (or, for AgentNameTarget, the name
    itself), `fixed_targets` maps a target class to its fixed name. `name_format` builds the tool
    name from the target name and the condition's 1-based position among the agent's conditions."""

    methods: tuple[str, ...]
    conditions: tuple[str, ...]
    agent_targets: tuple[str, ...]
    fixed_targets: Mapping[str, str]
    name_format: str
    # "handoffs": called on <agent>.handoffs; "register": register_hand_off(agent, hand_to=[...]) or
    # <agent>.register_hand_off([...]) (AG2's swarm API before 0.9), whose target= is the agent itself.
    via: str = "handoffs"
    # "position": {index} is the condition's 1-based position among the agent's conditions;
    # "repeat": no suffix the first time a name is made, then _2, _3 ... (swarm's de-duplication).
    numbering: str = "position"


@dataclass(frozen=True)
class Framework:
    """One framework family's tool API, as data; `call_hooks` read the few forms data cannot say."""

    label: str
    roots: tuple[str, ...] = ()
    # Import roots that belong to the family by their prefix (langchain_openai, langchain_aws, ...).
    root_prefixes: tuple[str, ...] = ()
    # Style prefix of built-in tool instances (openai-agents -> openai_agents.builtin_tool_instance).
    style_prefix: str | None = None
    decorators: tuple[Decorator, ...] = ()
    factories: tuple[Factory, ...] = ()
    # Class names whose subclasses are tools of this framework, and the style such a class gets.
    tool_base_classes: tuple[str, ...] = ()
    class_style: str | None = None
    builtin_classes: Mapping[str, Builtin] = field(default_factory=dict)
    # Classes that hand the model another framework's tool as it is (its name, schema and body),
    # given as their first argument: AutoGen's LangChainToolAdapter(langchain_tool).
    tool_adapters: tuple[str, ...] = ()
    # Callees whose `tools=` is not a tool list: MCP's ServerCapabilities(tools=ToolsCapability(...))
    # says a server offers tools, not which.
    not_tool_lists: tuple[str, ...] = ()
    builtin_instances: Mapping[str, Builtin] = field(default_factory=dict)
    # Modules of the family's tools package handed over whole (Strands `from strands_tools import
    # slack; Agent(tools=[slack])`): module path -> every tool the module gives the model (its
    # TOOL_SPEC, or each @tool function in it). `builtin_module_roots`: the packages whose direct
    # submodules are such modules; one of them missing from the table is a site, not nothing.
    builtin_modules: Mapping[str, tuple[Builtin, ...]] = field(default_factory=dict)
    builtin_module_roots: tuple[str, ...] = ()
    # Built-in toolsets: class -> the tools an instance of it hands the model (Haystack SkillToolset).
    builtin_toolsets: Mapping[str, tuple[Builtin, ...]] = field(default_factory=dict)
    # Built-in toolsets of one tool that a constructor keyword renames: ShellToolMiddleware(tool_name="bash").
    toolset_name_kws: Mapping[str, str] = field(default_factory=dict)
    # Toolkit classes -> the built-in tools their get_tools() hands out (LangChain SQLDatabaseToolkit).
    toolkits: Mapping[str, Toolkit] = field(default_factory=dict)
    loaders: tuple[Loader, ...] = ()
    # Configurable toolkit classes, by the import root they come from (agno and phidata both ship a
    # ShellTools): root -> class -> what an instance of it hands the model.
    configured_toolkits: Mapping[str, Mapping[str, ConfiguredToolkit]] = field(default_factory=dict)
    # Tool-spec classes (llama-index) -> the tools their to_tool_list() hands out, in order (none:
    # made at run time, a site).
    toolspecs: Mapping[str, tuple[Builtin, ...]] = field(default_factory=dict)
    # Calls data cannot describe: callee name -> functions (extractor, call, dotted callee, framework
    # of the callee's import, scope) that record the tool and answer True when the call is theirs.
    call_hooks: Mapping[str, tuple[CallHook, ...]] = field(default_factory=dict)
    call_suffix_hooks: tuple[tuple[str, CallHook], ...] = ()
    # Method calls inside a tools entry that hand out a framework object's tools (AgentScope's
    # `await workspace.list_tools()`): method -> functions (extractor, call, scope, label, line) that
    # record the tools and answer True when the call is theirs.
    list_hooks: Mapping[str, tuple[CallHook, ...]] = field(default_factory=dict)
    # How the model names a hand-off to another agent: "openai" (transfer_to_<agent name>, made
    # function-style) or "autogen" (transfer_to_<target>, lower-cased); "builtin": one tool of the family's own
    # delegates to every agent listed (swarms' handoff_task, made by its hook), the agents are no tools.
    handoff_naming: str | None = None
    condition_handoffs: tuple[ConditionHandoffs, ...] = ()
    # Server composition: method -> keywords that hold the prefix the mounted server's tools get
    # (FastMCP main.mount(sub, namespace="jira") -> jira_<tool>); a literal positional string is
    # the prefix too (FastMCP 2.x mount("jira", sub)). `mount_format` builds the name the model sees.
    mount_calls: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    mount_format: str = "{prefix}_{name}"
    # The framework's in-process state handed to a tool (parameter annotation or name), and the
    # reply classes a tool returns to it: a body that only writes that state and returns such a
    # reply changes nothing outside the agent run (AG2 context_variables["x"] = ...; ReplyResult).
    state_params: tuple[str, ...] = ()
    reply_classes: tuple[str, ...] = ()
    # Keywords besides tools=, functions= and toolsets= of the framework's calls that hand the model
    # tools: Pydantic AI's builtin_tools= and capabilities=, LangChain's and deepagents' middleware=.
    tool_kws: tuple[str, ...] = ()
    # Calls whose first argument is what the model is given (Pydantic AI's NativeTool(WebSearchTool())).
    wrapper_calls: tuple[str, ...] = ()
    # Readings of a whole file that imports the family, once it is walked (ex): for calls whose
    # callee is too common a word to key a call hook on (mcp-agent's Agent), which as a prefilter
    # word would send most files of a large tree to a full parse.
    file_hooks: tuple[Callable[..., None], ...] = ()
    # The style of the tools an object (or class) of a plain class hands the model when given in a
    # tools list of this family: every public method (Upsonic's _process_class_tools). None: no such rule.
    object_methods_style: str | None = None
    # Words whose presence makes a file worth a full parse, besides the names above (the prefilter).
    words: tuple[str, ...] = ()
    # False when the built-in classes have everyday names (LiveKit's Connector, WebSearch) and reach
    # a model only inside a tools=[...] list, whose word already admits the file: as prefilter words
    # they would send most files of a large tree to a full parse.
    builtin_class_words: bool = True
