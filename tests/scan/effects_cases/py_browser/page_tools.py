from google.adk.agents import Agent
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

driver = webdriver.Chrome()
page = None  # a Playwright page, set when the session starts


# expect: name=scroll_down mutating=false caps=browser
def scroll_down() -> str:
    """Scrolls down the screen."""
    driver.execute_script("window.scrollBy(0, 500)")
    return "scrolled"


# expect: name=run_page_script mutating=true caps=browser
def run_page_script(script: str) -> str:
    """A script the model writes can do anything the page can."""
    return driver.execute_script(script)


# expect: name=type_into_field mutating=true caps=browser
def type_into_field(text: str, element_id: str) -> str:
    """Types text into a field: the field's value is what the next click or Enter sends (effects_kb.browsers)."""
    element = driver.find_element(By.ID, element_id)
    element.send_keys(text)
    return "typed"


# expect: name=enter_reply mutating=true caps=browser
def enter_reply(text: str) -> str:
    """Typing that ends with Enter submits the form it is in."""
    element = driver.find_element(By.NAME, "reply")
    element.send_keys(text, Keys.RETURN)
    return "entered"


# expect: name=press_button mutating=true caps=browser
def press_button(element_id: str) -> str:
    """Clicks a button on the page."""
    element = driver.find_element(By.ID, element_id)
    element.click()
    return "clicked"


# expect: name=point_at mutating=false caps=browser
def point_at(element_id: str) -> str:
    """Hovers over an element and scrolls: menus open, nothing is submitted."""
    element = driver.find_element(By.ID, element_id)
    driver.execute_script("arguments[0].scrollIntoView();", element)
    page.hover(f"#{element_id}")
    page.mouse.wheel(0, 400)
    return "pointed"


# expect: name=choose_option mutating=true caps=browser
def choose_option(selector: str, value: str) -> str:
    """Picks an option of a dropdown (Playwright's select_option, the JS selectOption)."""
    page.select_option(selector, value)
    return "chosen"


# expect: name=page_down mutating=false caps=browser
def page_down(times: int) -> str:
    """A fixed PageDown or End key scrolls; nothing is typed or submitted."""
    for _ in range(times):
        page.keyboard.press("PageDown")
    page.press("body", "End")
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.PAGE_DOWN)
    return "scrolled"


# expect: name=keystroke mutating=true caps=browser
def keystroke(key: str) -> str:
    """Trap: the model chooses the key."""
    page.keyboard.press(key)
    return "pressed"


# expect: name=notes_field mutating=true caps=browser
def notes_field(text: str) -> str:
    """Trap: the text goes into the field before the PageDown key."""
    driver.find_element(By.NAME, "q").send_keys(text, Keys.PAGE_DOWN)
    return "done"


# expect: name=page_title mutating=false caps=browser
def page_title(url: str) -> str:
    """The title of a page, in a browser of its own (a persistent profile is that browser's state)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(headless=True)
        other = pw.firefox.launch_persistent_context("/tmp/profile")
        tab = browser.new_page()
        tab.goto(url)
        other.close()
        return tab.title()


# expect: name=countdown mutating=true caps=-
def countdown(payload: str) -> str:
    """Trap: the same method on what is no browser type."""
    pad = make_pad()
    pad.launch_persistent_context(payload)
    return "gone"


def make_pad():
    return object()


root_agent = Agent(name="browser", tools=[scroll_down, run_page_script, type_into_field, enter_reply, press_button, point_at, choose_option,
                                              page_down, keystroke, notes_field,
                                              page_title, countdown])
