"""Browser automation (Playwright, Puppeteer, Selenium WebDriver; Python and JS): which page calls act on a live page.

The one table both languages read (Python's snake_case spelling, `select_option`, is looked up as
`selectOption`). Read from the libraries' API references (playwright.dev/docs/api/class-page, -locator,
-keyboard, -mouse; pptr.dev/api/puppeteer.page, -elementhandle; selenium.dev WebElement/WebDriver).

What decides: whether the call can change something on the site behind the page.
- Acts: clicking, tapping, typing or filling a field, pressing keys, choosing an option, ticking a box,
  dragging, uploading a file, submitting, dispatching an event, clearing a field, running a script the
  page evaluates. A click or a key press submits forms and follows buttons; typing and filling are counted
  with them because a filled field is what the next click or Enter sends, and pages act on input events
  themselves (search-as-you-type, autosave, chat composers): the field's new value is already the change.
- Reads: navigating (goto/navigate/back/forward/reload: a GET of a page, as an HTTP GET is a read
  elsewhere in parr; a model-chosen URL is the `browser` capability, not a write), hovering, focusing,
  scrolling (mouse wheel included), selecting text, waiting, reading content, snapshots, and a screenshot
  or PDF kept in memory (given a `path` it writes a file: the scanners read that argument). Hovering opens
  menus and tooltips at most; it submits nothing, like focus and scroll.
- `evaluate` and `execute_script` act unless the script is fixed and only scrolls or reads (INSPECTS);
  a script the model writes is code the page runs (each language's scanner says so)."""

from __future__ import annotations

import re

# Methods of a page, frame, locator or element handle (all three libraries) that act on the page.
ACTS = frozenset({
    # Playwright Page/Frame/Locator, Puppeteer Page/ElementHandle
    "click", "dblclick", "tap", "fill", "type", "press", "pressSequentially", "selectOption", "select",
    "check", "uncheck", "setChecked", "dragAndDrop", "dragTo", "drag", "drop", "setInputFiles", "uploadFile",
    "evaluate", "evaluateHandle", "addScriptTag", "dispatchEvent", "clear",
    # Selenium WebDriver WebElement/WebDriver
    "sendKeys", "submit", "executeScript", "executeAsyncScript",
})
# Keyboard and mouse of a page (page.keyboard.press, page.mouse.down): input the page receives. The
# wheel scrolls and a move hovers: both read.
INPUT_DEVICE_ACTS = {
    "keyboard": frozenset({"press", "type", "down", "up", "insertText", "sendCharacter"}),
    "mouse": frozenset({"click", "dblclick", "down", "up"}),
    "touchscreen": frozenset({"tap"}),
}
# Calls that only navigate, wait or read: a page, not a mutation.
READS = frozenset({
    "goto", "navigate", "goBack", "goForward", "reload", "hover", "focus", "selectText", "screenshot", "pdf",
    "content", "title", "url", "innerText", "innerHTML", "textContent", "inputValue", "getAttribute",
    "isVisible", "isHidden", "isChecked", "isEnabled", "isDisabled", "isEditable", "isDisplayed",
    "waitForSelector", "waitForLoadState", "waitForURL", "waitForNavigation", "waitForTimeout",
    "waitForResponse", "waitForEvent", "setContent", "setViewportSize", "setViewport", "newPage",
    "bringToFront", "scrollIntoViewIfNeeded", "boundingBox", "accessibility", "snapshot", "ariaSnapshot",
    "getText", "getTitle", "getCurrentUrl", "findElement", "findElements", "querySelector",
    "querySelectorAll", "get", "allTextContents", "allInnerTexts", "count", "move", "wheel",
})
INPUT_DEVICES = frozenset(INPUT_DEVICE_ACTS)
# Starting or attaching to a browser (Playwright's BrowserType: `playwright.chromium.launch()`,
# `launch_persistent_context(user_data_dir)`, `connect_over_cdp(url)`; Puppeteer's `puppeteer.launch()`,
# `puppeteer.connect()`) opens the session the page calls drive: a read, like newPage. A persistent
# context keeps the browser's own profile in the folder it is given, which is that browser's state.
BROWSER_TYPES = frozenset({"chromium", "firefox", "webkit", "puppeteer"})
LAUNCHES = frozenset({"launch", "launchPersistentContext", "connect", "connectOverCDP"})
# Keys that only move the view (playwright.dev keyboard.press key names, Selenium's Keys.PAGE_DOWN ...):
# a press of one of these fixed keys scrolls, which reads. A key the model chooses acts, and so do Enter,
# Space and Tab (they activate or move focus to a control) and the arrows (they change a focused select,
# radio group or slider).
SCROLL_KEYS = frozenset({"PageDown", "PageUp", "Home", "End", "PAGE_DOWN", "PAGE_UP", "HOME", "END"})


def camel(method: str) -> str:
    """Python's spelling of a method as the JS libraries spell it (select_option -> selectOption)."""
    head, *rest = method.split("_")
    return head + "".join(w[:1].upper() + w[1:] for w in rest)


# A project's own page wrapper names its methods after what they do (`page.clickElementNode(...)`,
# `page.inputTextElementNode(...)`, `page.selectDropdownOption(...)`): the first camelCase word, when it is one
# of the acting verbs above, tells the same (an exact READS name such as selectText still reads).
ACTING_PREFIX = re.compile(r"^(?:click|dblclick|tap|fill|type|press|select|check|uncheck|drag|drop|upload|submit|"
                           r"sendKeys|input)(?=[A-Z])")


def method_action(method: str, device: str | None = None) -> str | None:
    """'acts', 'reads' or None (not a page method) for a method in either language's spelling;
    `device`: the keyboard, mouse or touchscreen it is called on, if it is."""
    m = camel(method)
    if device in INPUT_DEVICE_ACTS:
        return "acts" if m in INPUT_DEVICE_ACTS[device] else "reads"
    return "acts" if m in ACTS else "reads" if m in READS else "acts" if ACTING_PREFIX.match(m) else None


# A receiver in the call chain that names a page-like object (`page`, `this.page`, `newPage`, `frame`,
# `page.locator(...)`, `getByRole(...)`, `element`, `driver`): the whole name or its last camelCase word.
RECEIVER = re.compile(r"^(?:page|frame|iframe|locator|frameLocator|element|elem|el|handle|elementHandle|tab|driver|"
                      r"browser|\$|\$\$|\$x|getBy[A-Z]\w*|nth|first|last|contentFrame|mainFrame)$|"
                      r"[a-z](?:Page|Frame|Locator|Element|Handle|Tab|Driver)$")
# A fixed script that only scrolls or reads the page (`() => document.title`, `() => { return window.history.length }`,
# "window.scrollBy(0, 500)").
INSPECTS = re.compile(r"^\s*(?:\(\s*\)\s*=>\s*(?:\{\s*(?=return\b))?)?(?:(?:window|document\.\w+|arguments\[\d\])\.)?"
                      r"(?:scroll(?:To|By|IntoView)?\s*\(|(?:return\s+)?(?:document|window)\b(?![^;]*=[^=]))", re.I)


def page_action(chain: list[str]) -> str | None:
    """'acts' when the call `a.b.method(...)` acts on a browser page, 'reads' when it only navigates or
    reads, None when it is not a browser call parr can tell (by its receivers)."""
    if len(chain) < 2:
        return None
    method, receivers = chain[-1], chain[:-1]
    device = receivers[-1]
    if device in INPUT_DEVICE_ACTS and len(receivers) >= 2 and RECEIVER.search(receivers[-2]):
        return method_action(method, device)
    if not any(RECEIVER.search(r) for r in receivers[-3:]):
        return None
    return method_action(method)
