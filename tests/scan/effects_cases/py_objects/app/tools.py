from autogen import ConversableAgent
from mailkit import Mailer

from app.manager import Panel, Relay, SidePanel

agent = ConversableAgent("a")


# expect: name=open_page mutating=false typed=true caps=-
@agent.register_for_llm(description="Opens a page.")
def open_page(url: str) -> str:
    panel = Panel()
    panel.notify_user(f"opened {url}")
    return url


# expect: name=side_note mutating=false typed=true caps=-
@agent.register_for_llm(description="Notes a page on the side panel.")
def side_note(url: str) -> str:
    side = SidePanel()
    side.notify_user(url)
    return url


# expect: name=tidy_page mutating=true typed=true caps=file_write
@agent.register_for_llm(description="Tidies the page.")
def tidy_page(url: str) -> str:
    panel = Panel()
    panel.wipe_file(url)
    return url


# expect: name=page_report mutating=true typed=true caps=-
@agent.register_for_llm(description="Reports on a page.")
def page_report(url: str) -> str:
    """Trap: a class from outside the project; its method's name is all parr has."""
    mailer = Mailer()
    mailer.send_report(url)
    return url


# expect: name=page_digest mutating=true typed=true caps=-
@agent.register_for_llm(description="A digest of a page.")
def page_digest(url: str) -> str:
    """Trap: a project class, but not its method: send_digest is whatever the wrapped client does."""
    relay = Relay(object())
    relay.send_digest(url)
    return url
