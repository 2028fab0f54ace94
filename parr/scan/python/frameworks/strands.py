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
        # strands_tools: the community tools package, imported by name into tools=[...]
        builtin_instances={
            "file_read": _st("file_read", ("file_read",)),
            "file_write": _st("file_write", ("file_write",), True),
            "editor": _st("editor", ("file_write",), True),
            "shell": _st("shell", ("shell",), True, False),
            "python_repl": _st("python_repl", ("code_execution",), True, False),
            "http_request": _st("http_request", ("http_write",), True),
            "use_aws": _st("use_aws", ("http_write",), True),
            "load_tool": _st("load_tool", ("code_execution",), True),
            "calculator": _st("calculator"),
            "current_time": _st("current_time"),
            "think": _st("think"),
            "retrieve": _st("retrieve", ("http",)),
        },
    ),
)
