from mcp.server.fastmcp import FastMCP

mcp = FastMCP("studio")


def connection():
    raise NotImplementedError


# expect: name=load_device mutating=true typed=true caps=-
@mcp.tool()
def load_device(track_index: int, uri: str) -> str:
    """Load an instrument or effect onto a track using its URI."""
    return str(connection().send_command("load_browser_item", {"track_index": track_index, "item_uri": uri}))


# Trap: loading a preset returns it.
# expect: name=load_preset mutating=false typed=true caps=-
@mcp.tool()
def load_preset(name: str) -> str:
    """Load a preset's settings into memory and return them."""
    return str(connection().send_command("get_preset", {"name": name}))
