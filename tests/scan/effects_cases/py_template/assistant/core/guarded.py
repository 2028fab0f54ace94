from typing import Any

from assistant.core.tool import AgentTool


class GuardedTool(AgentTool):
    """A middle base in its own file: its run_impl() checks a flag and hands over to perform()."""

    allowed: bool = True

    def run_impl(self, tool_input: dict[str, Any]) -> str:
        if not self.allowed:
            return "not allowed"
        return self.perform(tool_input)

    def perform(self, tool_input: dict[str, Any]) -> str:
        raise NotImplementedError
