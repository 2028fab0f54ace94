"""The OpenAI Python SDK used directly: function-schema dicts, hosted tool dicts, pydantic_function_tool."""

from __future__ import annotations

from parr.scan.python.frameworks.spec import Framework

FRAMEWORKS = (Framework(label="openai", roots=("openai",)),)
