"""Strands Agents: @tool, TOOL_SPEC modules, and the strands_tools community tools."""

from __future__ import annotations

import ast

from parr.scan.python.frameworks.spec import Builtin, Decorator, Framework

_ST = "strands-agents"


def _st(name: str, caps: tuple[str, ...] = (), mutating: bool = False, typed: bool = True) -> Builtin:
    return Builtin(_ST, name, caps, mutating, typed, "framework_defined")


# strands_tools: the community tools package, imported by name into tools=[...]. Untyped (False
# last): a TOOL_SPEC property declared as a bare {"type": "object"} (strands-agents-tools 0.8.10:
# http_request headers, use_aws parameters, retrieve retrieveFilter, mem0_memory metadata, batch
# invocations[].arguments), or a raw command or code string.
_BUILTINS: dict[str, Builtin] = {
    "file_read": _st("file_read", ("file_read",)),
    "file_write": _st("file_write", ("file_write",), True),
    "editor": _st("editor", ("file_write",), True),
    "shell": _st("shell", ("shell",), True, False),
    "python_repl": _st("python_repl", ("code_execution",), True, False),
    "http_request": _st("http_request", ("http_write",), True, False),
    "use_aws": _st("use_aws", ("http_write",), True, False),
    "load_tool": _st("load_tool", ("code_execution",), True),
    # the expression is a string sympy parses and evaluates (parse_expr, N(), solve())
    "calculator": _st("calculator", typed=False),
    "current_time": _st("current_time"),
    "retrieve": _st("retrieve", ("http",), typed=False),
    # The rest of strands-agents-tools (src/strands_tools/*.py, read at its repository head,
    # Aug 2026): each module's TOOL_SPEC name or @tool functions; writes as the module's code does.
    "journal": _st("journal", ("file_write",), True),
    "diagram": _st("diagram", ("file_write",), True),
    "generate_image": _st("generate_image", ("file_write",), True),
    "generate_image_stability": _st("generate_image_stability", ("file_write",), True),
    "rss": _st("rss", ("file_write",), True),  # subscribes feeds into local storage
    "environment": _st("environment", ("shell",), True),  # sets the process environment
    "cron": _st("cron", ("shell",), True, False),  # edits the crontab with model-written commands
    "memory": _st("memory", ("http_write",), True),  # stores and deletes Bedrock KB documents
    "mem0_memory": _st("mem0_memory", ("http_write",), True, False),
    "elasticsearch_memory": _st("elasticsearch_memory", ("http_write",), True),
    "mongodb_memory": _st("mongodb_memory", ("http_write",), True),
    "nova_reels": _st("nova_reels", ("http_write",), True),
    # any Slack Web API method by name, its arguments one free parameters dict
    "slack": _st("slack", ("http_write",), True, False),
    "slack_send_message": _st("slack_send_message", ("http_write",), True),
    "use_computer": _st("use_computer", ("computer_use",), True),
    # runs the tools of MCP servers or of the agent itself, whatever they do: taken as changing state
    "mcp_client": _st("mcp_client", ("mcp_remote",), True),
    "batch": _st("batch", (), True, False),
    "image_reader": _st("image_reader", ("file_read",)),
    "speak": _st("speak", ("file_write",), True),  # Polly mode writes the audio file it is given
    "sleep": _st("sleep"),
    "stop": _st("stop"),
    "handoff_to_user": _st("handoff_to_user"),
    # A free prompt run by a nested Agent given the parent agent's own tools
    # (parent_agent.tool_registry): what those tools change, it changes.
    "think": _st("think", ("code_execution",), True, False),
    "use_llm": _st("use_llm", ("code_execution",), True, False),
    "use_agent": _st("use_agent", ("code_execution",), True, False),
    "swarm": _st("swarm", ("code_execution",), True, False),
    "agent_graph": _st("agent_graph", ("code_execution",), True, False),
    "graph": _st("graph", ("code_execution",), True, False),
    "workflow": _st("workflow", ("file_write",), True, False),  # also writes its workflow files
    "search_video": _st("search_video", ("http",)),
    "chat_video": _st("chat_video", ("http",)),
    "bright_data": _st("bright_data", ("http",)),
    "exa_search": _st("exa_search", ("http",)),
    "exa_get_contents": _st("exa_get_contents", ("http",)),
    "tavily_search": _st("tavily_search", ("http",)),
    "tavily_extract": _st("tavily_extract", ("http",)),
    "tavily_crawl": _st("tavily_crawl", ("http",)),
    "tavily_map": _st("tavily_map", ("http",)),
}
# the functions of the modules that give several tools
_IN_MODULES = frozenset({"slack_send_message", "exa_search", "exa_get_contents", "tavily_search", "tavily_extract",
                         "tavily_crawl", "tavily_map"})


def _modules() -> dict[str, tuple[Builtin, ...]]:
    """strands_tools.<module> -> its tools, from the instances table (a module named as its one tool)."""
    more = {"slack": ("slack", "slack_send_message"), "exa": ("exa_search", "exa_get_contents"),
            "tavily": ("tavily_search", "tavily_extract", "tavily_crawl", "tavily_map")}
    out = {f"strands_tools.{name}": (b,) for name, b in _BUILTINS.items() if name not in _IN_MODULES}
    out.update({f"strands_tools.{m}": tuple(_BUILTINS[n] for n in names) for m, names in more.items()})
    return out


def _directory_loading(ex) -> None:
    """Agent(load_tools_from_directory=True): Strands loads every tool module in ./tools of the
    working directory when the agent starts, and again when one changes (sdk-python ToolWatcher):
    which tools those are is known only at run time, a site (not none). (No in_framework test: a
    project's own strands.py module reads as the framework's package.)"""
    for n, scope in ex.calls_in_order():
        d = ex.dotted(n.func)
        if not d or d.rsplit(".", 1)[-1] != "Agent" or ex.fw_of_qual(ex.qualify(d)) != _ST:
            continue
        flag = next((k.value for k in n.keywords if k.arg == "load_tools_from_directory"), None)
        if flag is None or (isinstance(flag, ast.Constant) and not flag.value):
            continue
        ex.unresolved_site(flag, "Agent(load_tools_from_directory=", n.lineno,
                           "tools loaded at run time from the ./tools directory")


FRAMEWORKS = (
    Framework(
        label=_ST,
        roots=("strands", "strands_tools"),
        style_prefix="strands",
        decorators=(Decorator("tool", "strands.tool_decorator", receiver=None),),
        builtin_instances=_BUILTINS,
        # A module handed over whole: Strands' tool registry takes its TOOL_SPEC, else every @tool
        # function in it (sdk-python ToolRegistry.process_tools); most modules give one tool of
        # the module's name, these give more.
        builtin_modules=_modules(),
        builtin_module_roots=("strands_tools",),
        file_hooks=(_directory_loading,),
    ),
)
