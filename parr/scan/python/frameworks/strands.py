"""Strands Agents: @tool, TOOL_SPEC modules, and the strands_tools community tools."""

from __future__ import annotations

from parr.scan.python.frameworks.spec import Builtin, Decorator, Framework

_ST = "strands-agents"


def _st(name: str, caps: tuple[str, ...] = (), mutating: bool = False, typed: bool = True) -> Builtin:
    return Builtin(_ST, name, caps, mutating, typed, "framework_defined")


FRAMEWORKS = (
    Framework(
        label=_ST,
        roots=("strands", "strands_tools"),
        style_prefix="strands",
        decorators=(Decorator("tool", "strands.tool_decorator", receiver=None),),
        # strands_tools: the community tools package, imported by name into tools=[...]. Untyped (False
        # last): a TOOL_SPEC property declared as a bare {"type": "object"} (strands-agents-tools 0.8.10:
        # http_request headers, use_aws parameters, retrieve retrieveFilter, mem0_memory metadata, batch
        # invocations[].arguments), or a raw command or code string.
        builtin_instances={
            "file_read": _st("file_read", ("file_read",)),
            "file_write": _st("file_write", ("file_write",), True),
            "editor": _st("editor", ("file_write",), True),
            "shell": _st("shell", ("shell",), True, False),
            "python_repl": _st("python_repl", ("code_execution",), True, False),
            "http_request": _st("http_request", ("http_write",), True, False),
            "use_aws": _st("use_aws", ("http_write",), True, False),
            "load_tool": _st("load_tool", ("code_execution",), True),
            "calculator": _st("calculator"),
            "current_time": _st("current_time"),
            "think": _st("think"),
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
            "workflow": _st("workflow", ("file_write",), True),
            "memory": _st("memory", ("http_write",), True),  # stores and deletes Bedrock KB documents
            "mem0_memory": _st("mem0_memory", ("http_write",), True, False),
            "elasticsearch_memory": _st("elasticsearch_memory", ("http_write",), True),
            "mongodb_memory": _st("mongodb_memory", ("http_write",), True),
            "nova_reels": _st("nova_reels", ("http_write",), True),
            "slack": _st("slack", ("http_write",), True),
            "use_computer": _st("use_computer", ("computer_use",), True),
            # runs the tools of MCP servers or of the agent itself, whatever they do: taken as changing state
            "mcp_client": _st("mcp_client", ("mcp_remote",), True),
            "batch": _st("batch", (), True, False),
            "image_reader": _st("image_reader", ("file_read",)),
            "speak": _st("speak"),
            "sleep": _st("sleep"),
            "stop": _st("stop"),
            "handoff_to_user": _st("handoff_to_user"),
            "use_llm": _st("use_llm"),
            "search_video": _st("search_video", ("http",)),
            "chat_video": _st("chat_video", ("http",)),
            "bright_data": _st("bright_data", ("http",)),
            "exa_search": _st("exa_search", ("http",)),
            "exa_get_contents": _st("exa_get_contents", ("http",)),
            "tavily_search": _st("tavily_search", ("http",)),
            "tavily_extract": _st("tavily_extract", ("http",)),
            "tavily_crawl": _st("tavily_crawl", ("http",)),
            "tavily_map": _st("tavily_map", ("http",)),
        },
    ),
)
