from mcp.server.fastmcp import FastMCP

from webapp.clients.notes import renderer, store_for
from webapp.clients.readers import make_reader

mcp = FastMCP("pages")


class PageVisitor:
    def __init__(self) -> None:
        self.reader = make_reader()

    async def visit(self, url: str) -> str:
        return await self.reader.read(url)


visitor = PageVisitor()


# expect: name=open_page mutating=false typed=true caps=http
@mcp.tool()
async def open_page(url: str) -> str:
    """Return the text of a web page."""
    return await visitor.visit(url)


# expect: name=page_text mutating=false typed=true caps=http
@mcp.tool()
async def page_text(url: str) -> str:
    """Return the text of a web page."""
    reader = make_reader()
    return await reader.read(url)


# expect: name=keep_note mutating=true typed=true
@mcp.tool()
def keep_note(title: str, body: str) -> str:
    """Keep a note for later."""
    store = store_for("file")
    store.save(title, body)
    return "kept"


# trap: a list's insert(0, x) changes only the list; the base's outline is not a store write
# expect: name=outline_note mutating=false typed=true caps=-
@mcp.tool()
def outline_note(body: str) -> list[str]:
    """Outline a note."""
    store = store_for("memory")
    return store.outline(body)


# trap: an abstract method with no subclass anywhere: parr cannot read what runs, so the body is
# not "only reads" (the name decides, and it reads)
# expect: name=render_text mutating=false typed=true caps=-
@mcp.tool()
def render_text(text: str) -> str:
    """Render text."""
    return renderer().render(text)


class Outbox:
    def send_now(self, to: str, text: str) -> None:
        import smtplib

        with smtplib.SMTP("localhost") as smtp:
            smtp.sendmail("bot@example.com", [to], text)

    def draft(self, to: str, text: str) -> str:
        return f"To: {to}\n\n{text}"


outbox = Outbox()


# a local bound to one of two bound methods, then called: each may run
# expect: name=pass_on mutating=true typed=true caps=email
@mcp.tool()
def pass_on(to: str, text: str, now: bool = False) -> str:
    """Pass a text on."""
    method = outbox.send_now if now else outbox.draft
    return str(method(to=to, text=text))


# trap: a local bound to a read-only bound method is that read
# expect: name=preview_mail mutating=false typed=true caps=-
@mcp.tool()
def preview_mail(to: str, text: str) -> str:
    """Show how a text would look."""
    render = outbox.draft
    return render(to, text)
