from typing import Literal

import pyautogui as gui
import pyperclip
import uiautomation as auto
from fastmcp import FastMCP
from humancursor import SystemCursor
from uiautomation import GetRootControl, SetWindowTopmost

from .screen import focus_window

mcp = FastMCP("desktop")
pointer = SystemCursor()


# expect: name=hover mutating=false caps=-
@mcp.tool()
def hover(x: int, y: int) -> str:
    """Moves the mouse to a point without clicking."""
    pointer.move_to((x, y))
    return "moved"


# expect: name=press_at mutating=true caps=computer_use
@mcp.tool()
def press_at(x: int, y: int) -> str:
    """Clicks a point through the human-like cursor."""
    pointer.click_on((x, y))
    return "clicked"


# expect: name=wheel_sideways mutating=false caps=computer_use
@mcp.tool()
def wheel_sideways(right: bool = True) -> str:
    """Shift held with the wheel scrolls sideways: the held modifier types nothing."""
    gui.keyDown("shift")
    auto.WheelDown(3) if right else auto.WheelUp(3)
    gui.keyUp("shift")
    return "scrolled"


# expect: name=hold_key mutating=true caps=computer_use
@mcp.tool()
def hold_key(key: str) -> str:
    """Holds down a key the model names: any key, not only a modifier."""
    gui.keyDown(key)
    return "held"


# expect: name=pause mutating=false caps=computer_use
@mcp.tool()
def pause(seconds: int) -> str:
    """Waits."""
    gui.sleep(seconds)
    return "waited"


# expect: name=screen_size mutating=false caps=computer_use
@mcp.tool()
def screen_size() -> str:
    """Looks at the screen: a screenshot kept in memory."""
    shot = gui.screenshot()
    return f"{shot.width}x{shot.height}"


# expect: name=snap_screen mutating=true caps=file_write
@mcp.tool()
def snap_screen(path: str) -> str:
    """Saves a screenshot to the file it is given."""
    gui.screenshot(path)
    return path


# expect: name=clipboard mutating=true caps=computer_use
@mcp.tool()
def clipboard(mode: Literal["copy", "paste"], text: str = "") -> str:
    """Sets or reads the clipboard: setting it replaces what the user copied."""
    if mode == "copy":
        pyperclip.copy(text)
        return "copied"
    return pyperclip.paste()


# expect: name=read_clipboard mutating=false caps=computer_use
@mcp.tool()
def read_clipboard() -> str:
    """Returns the clipboard's text."""
    return pyperclip.paste()


# expect: name=bring_to_front mutating=true caps=computer_use
@mcp.tool()
def bring_to_front(title: str) -> str:
    """Brings a window to the foreground (a helper of another module does it)."""
    return focus_window(title)


# expect: name=pin_window mutating=true caps=computer_use
@mcp.tool()
def pin_window(handle: int) -> str:
    """Keeps a window on top."""
    SetWindowTopmost(handle, True)
    return "pinned"


# expect: name=list_windows mutating=false caps=computer_use
@mcp.tool()
def list_windows() -> list[str]:
    """Names of the desktop's top-level windows."""
    return [w.Name for w in GetRootControl().GetChildren()]


# expect: name=window_title mutating=false caps=computer_use
@mcp.tool()
def window_title(handle: int) -> str:
    """Reads a window's title."""
    return auto.GetWindowText(handle)


# expect: name=update_layout mutating=true caps=-
@mcp.tool()
def update_layout(handle: int) -> str:
    """A uiautomation function parr does not know: the name decides (fail closed)."""
    auto.ArrangeLayout(handle)
    return "done"
