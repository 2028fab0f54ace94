from pathlib import Path
from typing import Any

from assistant.core.tool import AgentTool, Described

NOTES = Path("notes")


# expect: name=save_note mutating=true typed=true caps=file_write
class SaveNoteTool(AgentTool):
    """No run() of its own: the base's run() calls this class's run_impl(), which writes a file."""

    name = "save_note"
    description = "Saves a note under a title."
    input_schema = {
        "type": "object",
        "properties": {"title": {"type": "string"}, "text": {"type": "string"}},
        "required": ["title", "text"],
    }

    def run_impl(self, tool_input: dict[str, Any]) -> str:
        (NOTES / f"{tool_input['title']}.txt").write_text(tool_input["text"])
        return "saved"


# expect: name=read_note mutating=false typed=true caps=file_read
class ReadNoteTool(AgentTool):
    name = "read_note"
    description = "Returns the text of a note."
    input_schema = {"type": "object", "properties": {"title": {"type": "string"}}, "required": ["title"]}

    def run_impl(self, tool_input: dict[str, Any]) -> str:
        return (NOTES / f"{tool_input['title']}.txt").read_text()


class NoteFormat(Described):
    """Trap: a name, a description and a JSON schema as class attributes, but no base that runs it
    (Described has no run method): a record, not a tool."""

    name = "note_format"
    description = "The shape of a stored note."
    input_schema = {"type": "object", "properties": {"title": {"type": "string"}}}
