"""Desktop automation: which calls of the libraries that drive a computer's own mouse, keyboard, windows
and clipboard change what is on it (Python: pyautogui, uiautomation, pywinauto, pynput, pyperclip,
pywin32's win32clipboard/win32gui/win32api, humancursor).

Read from the libraries' references (pyautogui.readthedocs.io mouse, keyboard and screenshot functions;
yinkaisheng/Python-UIAutomation-for-Windows' module functions and Control methods; pywinauto.readthedocs.io
BaseWrapper/HwndWrapper/UIAWrapper and its mouse and keyboard modules; pynput.readthedocs.io Controllers;
pyperclip's copy/paste; the pywin32 win32clipboard, win32gui and win32api functions; humancursor's
SystemCursor and WebCursor).

What decides, as for a browser page (effects_kb.browsers): whether the call does what a person at the
machine would do to change something.
- Acts: clicking, pressing a mouse button or a key, typing, a hotkey, dragging, setting a control's text,
  value or toggle, invoking or selecting a control, bringing a window to the front, moving, resizing,
  closing, showing or hiding it, setting the clipboard, sending a window message, ending a process.
- Reads: moving the pointer (a hover), scrolling the wheel, waiting, a screenshot kept in memory, finding
  a control or window and reading its text, state or position, reading the clipboard, holding down a
  modifier key (Shift, Ctrl, Alt, Win) by itself: it only changes what the next input means, and that input
  is judged on its own (a Shift held for a horizontal scroll, a Ctrl held for a click).
A function of one of these modules that is in neither list is unknown (fail closed): for pyautogui, whose
every other function drives the mouse or keyboard, it acts."""

from __future__ import annotations

import re

from parr.scan.effects_kb import Family

CAPABILITY = "computer_use"

# Key names (pyautogui.KEYBOARD_KEYS spelling, lower-cased) that only modify the next input.
MODIFIER_KEYS = frozenset("shift shiftleft shiftright ctrl ctrlleft ctrlright control alt altleft altright option "
                          "optionleft optionright command cmd win winleft winright fn".split())
# Functions that take one key and press or release it: a literal modifier key only holds it.
KEY_HOLD_FUNCS = frozenset({"keyDown", "keyUp", "PressKey", "ReleaseKey"})
# uiautomation's virtual-key constants of the modifier keys (Keys.VK_SHIFT ...).
MODIFIER_VKS = frozenset({"VK_SHIFT", "VK_LSHIFT", "VK_RSHIFT", "VK_CONTROL", "VK_LCONTROL", "VK_RCONTROL",
                          "VK_MENU", "VK_LMENU", "VK_RMENU", "VK_LWIN", "VK_RWIN"})


class Module:
    """The module-level functions of one library: those that act, those that read, and what an unlisted
    one is taken as (`unlisted_acts`: acts; otherwise unknown). `reads_prefix`: a name with this start
    reads (uiautomation's Get/Is/Find ... functions)."""

    def __init__(self, acts: str, reads: str, unlisted_acts: bool = False, reads_prefix: str | None = None,
                 file_arg: tuple[str, int, str] | None = None, classes: bool = False) -> None:
        self.acts = frozenset(acts.split())
        # `classes`: a capitalised name is a class being built (pywinauto.Application()), left to the
        # other rules; where functions are capitalised (uiautomation, pywin32) it is a function
        self.classes = classes
        self.reads = frozenset(reads.split())
        self.unlisted_acts = unlisted_acts
        self.reads_prefix = re.compile(reads_prefix) if reads_prefix else None
        # (function, position, keyword) of a function that writes the file named there, when given
        self.file_arg = file_arg


MODULES: dict[str, Module] = {
    "pyautogui": Module(
        acts="click leftClick rightClick middleClick doubleClick tripleClick mouseDown mouseUp dragTo dragRel drag "
             "typewrite write press hotkey keyDown keyUp hold",
        reads="moveTo moveRel move position size onScreen screenshot locateOnScreen locateAllOnScreen "
              "locateCenterOnScreen locate locateAll center pixel pixelMatchesColor sleep countdown scroll hscroll "
              "vscroll isValidKey getActiveWindow getActiveWindowTitle getWindowsWithTitle getAllWindows "
              "getAllTitles getWindowsAt displayMousePosition",
        unlisted_acts=True, file_arg=("screenshot", 0, "imageFilename")),
    "uiautomation": Module(
        acts="Click MiddleClick RightClick PressMouse ReleaseMouse RightPressMouse RightReleaseMouse MiddlePressMouse "
             "MiddleReleaseMouse DragDrop RightDragDrop MiddleDragDrop SendKey SendKeys PressKey ReleaseKey "
             "keybd_event mouse_event SendInput SendUnicodeChar PostMessage SendMessage SetForegroundWindow "
             "BringWindowToTop SwitchToThisWindow SetWindowLong ShowWindow MoveWindow SetWindowPos SetWindowTopmost "
             "SetWindowText SetConsoleTitle SetScreenSize TerminateProcess TerminateProcessByName RunScriptAsAdmin "
             "SetClipboardText SetClipboardHtml SetClipboardBitmap ShowDesktop Input InputColorfully",
        reads="WindowFromPoint SetCursorPos MoveTo WheelDown WheelUp ControlsAreSame DwmIsCompositionEnabled "
              "DwmGetWindowExtendFrameBounds WalkTree WalkControl LogControl EnumAndLogControl "
              "EnumAndLogControlAncestors SetGlobalSearchTimeout InitializeUIAutomationInCurrentThread "
              "UninitializeUIAutomationInCurrentThread SetThreadDpiAwarenessContext SetProcessDpiAwareness "
              "WaitHotKeyReleased",
        reads_prefix=r"^(?:Get|Is|Find|Enum|ControlFrom|WaitFor|Search)|Control$"),
    "pyperclip": Module(acts="copy", reads="paste waitForPaste waitForNewPaste determine_clipboard set_clipboard",
                        classes=True),
    "win32clipboard": Module(
        acts="SetClipboardData SetClipboardText EmptyClipboard",
        reads="OpenClipboard CloseClipboard GetClipboardData GetClipboardDataHandle IsClipboardFormatAvailable "
              "EnumClipboardFormats CountClipboardFormats GetClipboardFormatName RegisterClipboardFormat "
              "GetClipboardOwner GetClipboardSequenceNumber GetOpenClipboardWindow GetPriorityClipboardFormat"),
    "win32gui": Module(
        acts="SetForegroundWindow BringWindowToTop SetActiveWindow SetFocus ShowWindow MoveWindow SetWindowPos "
             "SetWindowText PostMessage SendMessage SendMessageTimeout DestroyWindow CloseWindow EnableWindow "
             "SetWindowLong FlashWindow FlashWindowEx SetMenu",
        reads="FindWindow FindWindowEx EnumWindows EnumChildWindows GetWindowText GetClassName GetForegroundWindow "
              "GetWindowRect GetClientRect IsWindow IsWindowVisible IsWindowEnabled IsIconic GetCursorPos "
              "WindowFromPoint GetWindowPlacement GetParent GetWindow GetDesktopWindow GetWindowLong GetDC "
              "ReleaseDC ClientToScreen ScreenToClient GetFocus GetActiveWindow SetCursorPos"),
    "win32api": Module(
        acts="mouse_event keybd_event SendMessage PostMessage TerminateProcess ShellExecute",
        reads="SetCursorPos GetCursorPos GetSystemMetrics GetAsyncKeyState GetKeyState GetMonitorInfo "
              "EnumDisplayMonitors GetComputerName GetUserName GetTickCount Sleep MonitorFromPoint "
              "MonitorFromWindow GetCurrentProcessId GetKeyboardLayout"),
    "pywinauto": Module(
        # pywinauto.mouse / pywinauto.keyboard module functions (the package's sub-modules: the root decides)
        acts="click double_click right_click press release wheel_click send_keys",
        reads="move scroll", classes=True),
}


def module_call(root: str, last: str, args: list, keywords: dict) -> tuple[str, str, str] | None:
    """(capability, strength, evidence) of a module-level call `root.last(...)` of a desktop library, or
    None when `root` is none of them. Strength is "strong" (acts), "read", or "unknown". `args`: the
    call's positional argument nodes (ast), `keywords`: name -> node."""
    mod = MODULES.get(root)
    if mod is None or mod.classes and last[:1].isupper():
        return None
    if mod.file_arg is not None and last == mod.file_arg[0]:
        target = args[mod.file_arg[1]] if len(args) > mod.file_arg[1] else keywords.get(mod.file_arg[2])
        if target is not None and not _is_none(target):
            return ("file_write", "strong", f"saves a screenshot to a file ({root}.{last})")
    if last in KEY_HOLD_FUNCS and len(args) == 1 and not keywords and _modifier(args[0]):
        return (CAPABILITY, "read", f"holds a modifier key, which changes nothing by itself ({root}.{last})")
    if last in mod.acts:
        return (CAPABILITY, "strong", f"drives the desktop's mouse, keyboard, windows or clipboard ({root}.{last})")
    if last in mod.reads or (mod.reads_prefix is not None and mod.reads_prefix.search(last)):
        return (CAPABILITY, "read", f"only moves the pointer, scrolls, waits or reads the desktop ({root}.{last})")
    if mod.unlisted_acts:
        return (CAPABILITY, "strong", f"drives mouse/keyboard ({root}.{last})")
    return ("", "unknown", f"calls {root}.{last}(), a desktop automation function parr does not know")


def _is_none(node) -> bool:
    return type(node).__name__ == "Constant" and getattr(node, "value", 0) is None


def _modifier(node) -> bool:
    kind = type(node).__name__
    if kind == "Constant" and isinstance(node.value, str):
        return node.value.lower() in MODIFIER_KEYS
    return kind == "Attribute" and node.attr in MODIFIER_VKS


# Objects of these libraries (a uiautomation Control, a pywinauto window or control wrapper, a pynput
# Controller, a humancursor cursor): their methods, identified by the module that built the receiver or
# by the file importing it.
FAMILIES: tuple[Family, ...] = (
    Family(
        name="uiautomation", what="drives a Windows control or window", capability=CAPABILITY,
        py_modules=frozenset({"uiautomation"}),
        methods=frozenset(
            "Click DoubleClick MiddleClick RightClick DragDrop RightDragDrop SendKey SendKeys SetFocus SetTopmost "
            "SetActive SwitchToThisWindow Move MoveWindow Resize ShowWindow Hide Show Maximize Minimize Restore "
            "Close MetroClose SetWindowText SetWindowVisualState SetValue Invoke Toggle SetToggleState Expand Collapse "
            "Select AddToSelection RemoveFromSelection SetChecked DoDefaultAction SetDockPosition SetView Realize "
            "Paste Clear Zoom ZoomByUnit Rotate SetPixelColor SetPixelColorsHorizontally SetPixelColorsVertically "
            "SetPixelColorsOfRect SetAllPixelColors".split()),
        reads=frozenset(
            "WheelUp WheelDown Scroll ScrollIntoView SetScrollPercent MoveCursorToInnerPos MoveCursorToMyCenter "
            "GetChildren GetFirstChildControl GetLastChildControl GetNextSiblingControl GetPreviousSiblingControl "
            "GetParentControl GetTopLevelControl GetAncestorControl GetSiblingControl GetPattern GetValuePattern "
            "GetTogglePattern GetInvokePattern GetWindowPattern GetTextPattern GetScrollPattern GetClickablePoint "
            "GetPosition GetWindowText GetRuntimeId GetPropertyValue Exists Disappears Refind IsTopmost "
            "ButtonControl EditControl WindowControl PaneControl TextControl ListControl ListItemControl "
            "MenuItemControl TabItemControl TreeItemControl DocumentControl GroupControl CustomControl Control "
            "ToBitmap ToPILImage ToNDArray".split()),
        read_what="reads a Windows control or moves the pointer"),
    Family(
        name="pywinauto", what="drives a Windows control or window", capability=CAPABILITY,
        py_modules=frozenset({"pywinauto"}),
        # (in a file importing pywinauto, `conn.close()` is not a window's: the receiver must name one)
        receivers=re.compile(r"app|win|dlg|dialog|window|control|ctrl|button|btn|edit|elem|wrapper|menu|pane|combo|"
                             r"list|tree|tab|spec|desktop|field|box", re.I),
        methods=frozenset(
            "click click_input double_click double_click_input right_click right_click_input press_mouse "
            "press_mouse_input release_mouse release_mouse_input drag_mouse drag_mouse_input type_keys "
            "send_keystrokes send_chars set_edit_text set_text set_value set_window_text select check uncheck "
            "toggle invoke expand collapse close close_alt_f4 minimize maximize restore set_focus "
            "set_keyboard_focus menu_select move_window post_message send_message kill start".split()),
        reads=frozenset(
            "window child_window windows children descendants texts window_text element_info rectangle exists "
            "wait wait_not is_visible is_enabled is_active capture_as_image get_value print_control_identifiers "
            "dump_tree wrapper_object top_window connect move_mouse move_mouse_input wheel_mouse_input scroll "
            "get_toggle_state is_checked is_selected selected_text item_count get_properties process_id "
            "class_name friendly_class_name control_id top_level_parent parent".split()),
        read_what="reads a Windows control or moves the pointer"),
    Family(
        name="pynput", what="presses keys or mouse buttons", capability=CAPABILITY,
        py_modules=frozenset({"pynput"}),
        receivers=re.compile(r"keyboard|mouse|\bkb\b|controller", re.I),
        methods=frozenset("press release tap type click".split()),
        reads=frozenset("move scroll pressed".split()),
        read_what="moves the pointer or scrolls"),
    Family(
        name="humancursor", what="clicks or drags with the pointer", capability=CAPABILITY,
        py_modules=frozenset({"humancursor"}),
        methods=frozenset("click_on drag_and_drop".split()),
        reads=frozenset("move_to move_by_offset control_scroll_bar scroll_into_view_of_element".split()),
        read_what="moves the pointer or scrolls"),
)
