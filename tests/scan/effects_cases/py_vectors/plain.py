from mcp.server.fastmcp import FastMCP

mcp = FastMCP("plain")


class Collection:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, item: str) -> None:
        self.items.append(item)


# expect: name=tally mutating=false typed=true caps=-
@mcp.tool()
def tally(words: list[str]) -> int:
    """Trap: counts words with the project's own Collection class (no vector database is imported here)."""
    collection = Collection()
    for w in words:
        collection.add(w)
    return len(collection.items)
