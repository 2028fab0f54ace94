from pynput.keyboard import Controller
from pywinauto import Application
from pywinauto.keyboard import send_keys

from fastmcp import FastMCP

mcp = FastMCP("controls")
keyboard = Controller()


# expect: name=press_ok mutating=true caps=computer_use
@mcp.tool()
def press_ok(title: str) -> str:
    """Clicks the OK button of a dialog."""
    app = Application(backend="uia").connect(title=title)
    app.window(title=title).child_window(title="OK").click_input()
    return "pressed"


# expect: name=dialog_text mutating=false caps=-
@mcp.tool()
def dialog_text(title: str) -> str:
    """Reads a dialog's texts."""
    app = Application(backend="uia").connect(title=title)
    return "\n".join(app.window(title=title).texts())


# expect: name=type_text mutating=true caps=computer_use
@mcp.tool()
def type_text(text: str) -> str:
    """Types into the focused window."""
    keyboard.type(text)
    return "typed"


# expect: name=key_combo mutating=true caps=computer_use
@mcp.tool()
def key_combo(keys: str) -> str:
    """Sends a key sequence (pywinauto's keyboard module)."""
    send_keys(keys)
    return "sent"
