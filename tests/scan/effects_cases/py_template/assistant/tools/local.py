import os
from typing import Any


class FileTool:
    """A tool base of this file: run() hands over to the subclass's act()."""

    def run(self, tool_input: dict[str, Any]) -> str:
        return self.act(tool_input)

    def act(self, tool_input: dict[str, Any]) -> str:
        return ""


# expect: name=delete_file mutating=true typed=true caps=file_write
class DeleteFileTool(FileTool):
    """The run() it inherits from this file's base calls self.act(): this class's act() deletes."""

    name = "delete_file"
    description = "Deletes one file."
    input_schema = {"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]}

    def act(self, tool_input: dict[str, Any]) -> str:
        os.remove(tool_input["path"])
        return "deleted"
