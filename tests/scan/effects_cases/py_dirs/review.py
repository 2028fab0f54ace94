import tempfile
from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("review")


# expect: name=review_bundle mutating=false caps=-
@mcp.tool()
def review_bundle(files: dict[str, str]) -> int:
    """Review a bundle of files: lay them out in a scratch folder and count them."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for rel, text in files.items():
            target = root / rel
            target.parent.mkdir(parents=True)
            target.write_text(text)
        return len(files)
