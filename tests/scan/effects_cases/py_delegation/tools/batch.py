from typing import Any

from .base import Tool
from .mouse import MouseTool, NotesTool


class _BatchTool(Tool):
    """Runs a list of the inner tool's actions."""

    def __init__(self, inner: Tool) -> None:
        self._inner = inner

    def execute(self, *, actions: list[dict[str, Any]], **_: Any) -> str:
        return "\n".join(self._inner.execute(**step) for step in actions)


# expect: name=mouse_batch mutating=true caps=computer_use
class MouseBatchTool(_BatchTool):
    name = "mouse_batch"
    description = "Several mouse actions in one turn."
    input_schema = {"type": "object", "properties": {"actions": {"type": "array", "items": MouseTool.input_schema}}}

    def __init__(self, inner: MouseTool) -> None:
        super().__init__(inner)


# expect: name=notes_batch mutating=false caps=file_read
class NotesBatchTool(_BatchTool):
    name = "notes_batch"
    description = "Several notes in one turn."
    input_schema = {"type": "object", "properties": {"actions": {"type": "array", "items": NotesTool.input_schema}}}

    def __init__(self, inner: NotesTool) -> None:
        super().__init__(inner)
