"""Pydantic AI: @agent.tool / @agent.tool_plain, Tool(fn), toolsets=."""

from __future__ import annotations

from parr.scan.python.frameworks.spec import Framework

FRAMEWORKS = (Framework(label="pydantic-ai", roots=("pydantic_ai",), style_prefix="pydantic_ai"),)
