"""Static knowledge the Python scanner shares across frameworks: injected parameters, raw-input
parameter names, state-changing method verbs; each framework's own API is in `frameworks`."""

from __future__ import annotations

import re

from parr.scan.python import frameworks
from parr.scan.python.frameworks import agno, anthropic, browser_use, llamaindex

# The framework tables are declared one family per module in `frameworks`; these names stay
# here so that every reader of the catalog keeps one import.
FRAMEWORK_ROOTS = frameworks.FRAMEWORK_ROOTS
TOOL_BASE_CLASSES = frameworks.TOOL_BASE_CLASSES
CLASS_STYLE = frameworks.CLASS_STYLE
BUILTIN_CLASSES = frameworks.BUILTIN_CLASSES
BUILTIN_INSTANCES = frameworks.BUILTIN_INSTANCES
LLAMA_TOOLSPECS = frameworks.TOOLSPECS
LLAMAHUB_TOOLSPECS = llamaindex.HUB_TOOLSPECS
TOOLKIT_BASES = agno.TOOLKIT_BASES
TOOLSPEC_BASES = llamaindex.TOOLSPEC_BASES
BROWSER_USE_REGISTRY_BASES = browser_use.REGISTRY_BASES
ANTHROPIC_BUILTIN_CAPS = anthropic.BUILTIN_CAPS
anthropic_builtin_type = anthropic.builtin_type
anthropic_versioned_type = anthropic.versioned_type


def framework_of(qualified: str | None) -> str | None:
    """Framework label of a fully qualified import path, or None."""
    if not qualified:
        return None
    if qualified.startswith("google.adk"):
        return "google-adk"
    for dotted, label in _DOTTED_ROOTS:  # azure.functions: a family under a namespace package's root
        if qualified == dotted or qualified.startswith(dotted + "."):
            return label
    root = qualified.split(".", 1)[0]
    return FRAMEWORK_ROOTS.get(root) or _by_prefix(root)


# Roots of more than one part (a family whose package sits under a namespace shared with others:
# azure.functions beside azure.identity): matched on the whole dotted prefix, never on its first part.
_DOTTED_ROOTS = tuple((r, fw) for r, fw in FRAMEWORK_ROOTS.items() if "." in r and r != "google.adk")


def _by_prefix(root: str) -> str | None:
    for prefix, label in frameworks.ROOT_PREFIXES:
        if root.startswith(prefix):
            return label
    return None


def framework_of_module(module: str) -> str | None:
    """Framework whose package a repository module sits in, wherever the package's folder is
    (src/smolagents/tools.py is module src.smolagents.tools: smolagents)."""
    parts = module.split(".")
    for i, part in enumerate(parts):
        if part == "google" and parts[i + 1:i + 2] == ["adk"]:
            return "google-adk"
        for dotted, label in _DOTTED_ROOTS:
            if ".".join(parts[i:i + dotted.count(".") + 1]) == dotted:
                return label
        fw = FRAMEWORK_ROOTS.get(part) or _by_prefix(part)
        if fw is not None:
            return fw
    return None


# Parameters a framework fills in itself; never model-visible. context_variables: Swarm and AG2
# fill it in and drop it from the schema the model sees.
INJECTED_PARAM_NAMES = frozenset(
    """self cls ctx context tool_context run_context callback_context runtime run_manager callbacks
    config tool_call_id browser_session browser_context page_extraction_llm file_system
    available_file_paths has_sensitive_data sensitive_data cdp_client agent team context_variables
    """.split()
)
INJECTED_ANNOTATIONS = frozenset(
    """Context RunContext RunContextWrapper ToolContext CallbackContext InvocationContext
    RunnableConfig InjectedState InjectedStore InjectedToolArg InjectedToolCallId ToolRuntime
    BrowserSession BrowserContext CancellationToken KernelArguments Kernel ToolUse
    FunctionCallParams ContextVariables
    """.split()
)

# Parameter names whose value, when executed or interpreted, is the tool's raw input.
RAW_PARAM_NAMES = frozenset(
    """code source source_code script command cmd commands shell_command bash_command sql query
    sql_query statement statements expression expr python_code js_code javascript program snippet
    cypher cypher_query bqml_code sql_string sql_text sql_statement shell_script bash_script code_snippet
    command_line cmd_line graphql_query sparql_query ts_code typescript_code r_code script_code
    """.split()
)
PROMPT_PARAM_NAMES = frozenset(
    """message message_text prompt request task instruction instructions input query question text
    user_message content topic
    """.split()
)

# Verbs that also mean a change of state (added to evidence.MUTATING_VERBS for Python body calls).
BODY_STRONG_SINGLE_METHODS = frozenset(
    """create delete insert upsert publish post patch cancel refund charge pay purchase deploy
    destroy terminate kill hang merge transfer upload approve reject ban invite follow unfollow
    like repost retweet reply submit enqueue dispatch trigger notify reboot shutdown
    """.split()
)
# Method names that look like verbs but are container, logging or plumbing operations.
CONTAINER_METHODS = frozenset(
    """append appendleft add update extend insert remove pop popitem clear setdefault discard sort
    reverse write writelines set put put_nowait send close copy register start stop run join
    """.split()
)
NON_MUTATING_METHOD_PREFIXES = frozenset({"set", "register", "start", "stop", "run", "load", "reset", "sync", "clear", "close", "mark", "lock", "unlock", "order", "label", "type", "store", "save", "exec", "execute", "request", "fill", "sign", "install", "configure", "enable", "disable", "restore"})
METHOD_RULE_EXCLUDED_NAMES = frozenset(
    """add_argument add_argument_group add_parser add_subparsers add_handler add_node add_edge
    add_conditional_edges add_messages add_middleware add_route add_api_route add_url_rule
    add_tool add_tools add_plugin add_function add_filter add_listener add_callback
    add_done_callback add_signal_handler add_reader add_writer add_section add_row add_column
    add_trace add_span add_event add_attribute add_header add_rows add_message add_user_message
    add_ai_message add_system_message add_documents add_texts add_widget create_task create_engine
    create_default_context create_connection create_subprocess_exec create_subprocess_shell
    write_event_to_stream send_event post_message create_session create_client create_agent
    create_react_agent create_model create_chat_completion move_to_end
    """.split()
)

def crewai_sanitize(name: str) -> str:
    """The name crewAI sends to the model for a tool (lower-case, a-z0-9 and single underscores),
    following crewai.utilities.string_utils.sanitize_tool_name."""
    import unicodedata

    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", s)
    s = re.sub(r"([a-z])([A-Z])", r"\1_\2", s)
    s = s.lower()
    s = re.sub(r"['\"]+", "", s)
    s = re.sub(r"[^a-z0-9]+", "_", s)
    s = re.sub(r"_+", "_", s).strip("_")
    if len(s) > 64:
        import hashlib

        suffix = "_" + hashlib.sha256(s.encode()).hexdigest()[:8]
        s = s[: 64 - len(suffix)].rstrip("_") + suffix
    return s


def handoff_tool_name(agent_name: str, naming: str) -> str:
    """The tool name the model sees for a hand-off to an agent: the Agents SDK makes
    transfer_to_<name> function-style (whitespace and other characters to '_', lower case);
    AutoGen lower-cases transfer_to_<target>; PraisonAI ("spaces") lower-cases the name and
    replaces its spaces only; LangGraph's swarm and supervisor as below."""
    if naming.startswith("format:"):  # AG2: transfer_to_{target}_2, the format given by the framework's data
        return naming[7:].replace("{target}", agent_name)
    if naming == "langgraph" or naming.startswith("langgraph:"):
        # langgraph-swarm/-supervisor: the name stripped, each whitespace run to '_', lower-cased,
        # after transfer_to_ or the supervisor's handoff_tool_prefix
        prefix = naming[10:] if naming.startswith("langgraph:") else "transfer_to_"
        return prefix + re.sub(r"\s+", "_", agent_name.strip()).lower()
    name = f"transfer_to_{agent_name}"
    if naming == "openai":
        return re.sub(r"[^a-zA-Z0-9_]", "_", re.sub(r"\s", "_", name)).lower()
    if naming == "spaces":  # PraisonAI: transfer_to_<name lower-cased, spaces to '_'>, nothing else changed
        return f"transfer_to_{agent_name.lower().replace(' ', '_')}"
    return name.lower()
