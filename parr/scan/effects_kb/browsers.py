"""Browser automation (Playwright, Puppeteer, Selenium WebDriver for JS): which page calls act on a live page.

Read from the libraries' API references (playwright.dev/docs/api/class-page, -locator, -keyboard, -mouse;
pptr.dev/api/puppeteer.page, -elementhandle; selenium.dev WebElement/WebDriver). Acting on a live page
changes the state of the site behind it: clicking, typing or filling a field, pressing keys, choosing an
option, ticking a box, dragging, uploading a file, running a script the page evaluates. Navigating,
hovering, focusing, waiting, taking a screenshot or PDF into memory and reading content leave the site as
it was (a screenshot or PDF given a `path` writes a file: the scanner reads that argument)."""

from __future__ import annotations

import re

# Methods of a page, frame, locator or element handle (all three libraries) that act on the page.
ACTS = frozenset({
    # Playwright Page/Frame/Locator, Puppeteer Page/ElementHandle
    "click", "dblclick", "tap", "fill", "type", "press", "pressSequentially", "selectOption", "select",
    "check", "uncheck", "setChecked", "dragAndDrop", "dragTo", "drag", "drop", "setInputFiles", "uploadFile",
    "evaluate", "evaluateHandle", "addScriptTag", "dispatchEvent", "clear", "selectText",
    # Selenium WebDriver (JS) WebElement/WebDriver
    "sendKeys", "submit", "executeScript", "executeAsyncScript",
})
# Keyboard and mouse of a page (page.keyboard.press, page.mouse.down): input the page receives.
INPUT_DEVICE_ACTS = {
    "keyboard": frozenset({"press", "type", "down", "up", "insertText", "sendCharacter"}),
    "mouse": frozenset({"click", "dblclick", "down", "up", "wheel"}),
    "touchscreen": frozenset({"tap"}),
}
# Calls that only navigate, wait or read: a page, not a mutation.
READS = frozenset({
    "goto", "goBack", "goForward", "reload", "hover", "focus", "screenshot", "pdf", "content", "title", "url",
    "innerText", "innerHTML", "textContent", "inputValue", "getAttribute", "isVisible", "isHidden",
    "isChecked", "isEnabled", "isDisabled", "isEditable", "waitForSelector", "waitForLoadState",
    "waitForURL", "waitForNavigation", "waitForTimeout", "waitForResponse", "waitForEvent", "setContent",
    "setViewportSize", "setViewport", "newPage", "bringToFront", "scrollIntoViewIfNeeded", "boundingBox",
    "accessibility", "getText", "getTitle", "getCurrentUrl", "findElement", "findElements", "get",
    "allTextContents", "allInnerTexts", "count", "move",
})
# A receiver in the call chain that names a page-like object (`page`, `this.page`, `newPage`, `frame`,
# `page.locator(...)`, `getByRole(...)`, `element`, `driver`): the whole name or its last camelCase word.
RECEIVER = re.compile(r"^(?:page|frame|iframe|locator|frameLocator|element|elem|el|handle|elementHandle|tab|driver|"
                      r"browser|\$|\$\$|\$x|getBy[A-Z]\w*|nth|first|last|contentFrame|mainFrame)$|"
                      r"[a-z](?:Page|Frame|Locator|Element|Handle|Tab|Driver)$")
# A fixed script that only scrolls or reads the page (`() => document.title`, "window.scrollBy(0, 500)").
INSPECTS = re.compile(r"^\s*(?:\(\s*\)\s*=>\s*)?(?:(?:window|document\.\w+|arguments\[\d\])\.)?"
                      r"(?:scroll(?:To|By|IntoView)?\s*\(|(?:return\s+)?(?:document|window)\b(?![^;]*=[^=]))", re.I)


def page_action(chain: list[str]) -> str | None:
    """'acts' when the call `a.b.method(...)` acts on a browser page, 'reads' when it only navigates or
    reads, None when it is not a browser call parr can tell (by its receivers)."""
    if len(chain) < 2:
        return None
    method, receivers = chain[-1], chain[:-1]
    device = receivers[-1]
    if device in INPUT_DEVICE_ACTS and len(receivers) >= 2 and RECEIVER.search(receivers[-2]):
        return "acts" if method in INPUT_DEVICE_ACTS[device] else "reads"
    if not any(RECEIVER.search(r) for r in receivers[-3:]):
        return None
    if method in ACTS:
        return "acts"
    if method in READS:
        return "reads"
    return None
