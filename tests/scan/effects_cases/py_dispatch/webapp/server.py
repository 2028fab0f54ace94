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
