import shutil
from typing import Any

from assistant.core.guarded import GuardedTool


# expect: name=clear_notes mutating=true typed=true caps=file_write
class ClearNotesTool(GuardedTool):
    """Two files up: AgentTool.run() -> GuardedTool.run_impl() -> this class's perform()."""

    name = "clear_notes"
    description = "Removes every note of a folder."
    input_schema = {"type": "object", "properties": {"folder": {"type": "string"}}, "required": ["folder"]}

    def perform(self, tool_input: dict[str, Any]) -> str:
        shutil.rmtree(tool_input["folder"])
        return "cleared"


# expect: name=count_notes mutating=false typed=true caps=-
class CountNotesTool(GuardedTool):
    """Trap: its perform() only counts what it is given."""

    name = "count_notes"
    description = "Counts the titles it is given."
    input_schema = {"type": "object", "properties": {"titles": {"type": "array", "items": {"type": "string"}}}}

    def perform(self, tool_input: dict[str, Any]) -> str:
        return str(len(tool_input.get("titles", [])))
