"""Anthropic SDK: @beta_tool, raw tool dicts with input_schema, server and client built-in tools."""

from __future__ import annotations

import re

from parr.scan.python.frameworks.spec import Decorator, Framework

FRAMEWORKS = (
    Framework(
        label="anthropic",
        roots=("anthropic",),
        decorators=(
            Decorator("beta_tool", "anthropic.beta_tool"),
            Decorator("beta_async_tool", "anthropic.beta_tool"),
        ),
    ),
)

_BUILTIN_TYPE = re.compile(
    r"^(bash|text_editor|computer|web_search|web_fetch|code_execution|memory|str_replace_editor|"
    r"str_replace_based_edit_tool|tool_search_tool_regex|tool_search_tool_bm25)_\d{8}$"
)


def builtin_type(t: str) -> bool:
    """A versioned built-in tool type ("bash_20250124")."""
    return bool(_BUILTIN_TYPE.match(t))


# Any versioned server or client tool type, known or not ("advisor_20260301"): Anthropic names
# every built-in tool <base>_<YYYYMMDD>.
_VERSIONED_TYPE = re.compile(r"^[a-z][a-z0-9_]*_20\d{6}$")


def versioned_type(t: str) -> bool:
    """A built-in tool type by its shape, for types parr has no entry for (fail closed)."""
    return bool(_VERSIONED_TYPE.match(t))


# Built-in tool base type -> (capabilities, mutating, typed)
BUILTIN_CAPS = {
    "bash": (("shell",), True, False),
    "text_editor": (("file_write",), True, True),
    "str_replace_editor": (("file_write",), True, True),
    "str_replace_based_edit_tool": (("file_write",), True, True),
    "computer": (("computer_use",), True, True),
    "web_search": (("http",), False, True),
    "web_fetch": (("http",), False, True),
    "code_execution": (("code_execution",), True, False),
    "memory": ((), True, True),
}
