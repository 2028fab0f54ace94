import asyncio
import base64
import os
import tempfile
from typing import Optional

from mcp.server.fastmcp import FastMCP

from pkg.glossary import GlossaryManager

mcp = FastMCP("glossary")
manager: Optional[GlossaryManager] = None


def init() -> None:
    global manager
    manager = GlossaryManager()


# expect: name=bring_in_glossary mutating=true
@mcp.tool()
async def bring_in_glossary(name: str, content: str) -> str:
    """Bring in a glossary file (base64 CSV)."""
    with tempfile.NamedTemporaryFile(delete=False, suffix=".csv") as tmp:
        tmp.write(base64.b64decode(content))
        path = tmp.name
    try:
        loop = asyncio.get_event_loop()
        return await loop.run_in_executor(None, manager.load_glossary, name, path)
    finally:
        os.unlink(path)
