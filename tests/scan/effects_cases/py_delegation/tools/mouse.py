import pyautogui

from .base import Tool


# expect: name=mouse mutating=true caps=computer_use
class MouseTool(Tool):
    name = "mouse"
    description = "Moves and clicks the mouse."
    input_schema = {"type": "object", "properties": {"x": {"type": "integer"}, "y": {"type": "integer"}}}

    def execute(self, *, x: int, y: int, **_) -> str:
        pyautogui.click(x, y)
        return "clicked"


# expect: name=notes mutating=false caps=file_read
class NotesTool(Tool):
    name = "notes"
    description = "Shows a note."
    input_schema = {"type": "object", "properties": {"note": {"type": "string"}}}

    def execute(self, *, note: str, **_) -> str:
        with open(f"/srv/notes/{note}.txt") as f:
            return f.read()
