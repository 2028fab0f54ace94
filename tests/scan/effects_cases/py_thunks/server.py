from mcp.server.fastmcp import FastMCP

from nbserver.ops import DropCellOp, PeekCellOp, RunSnippetOp
from nbserver.retry import with_reconnect
from third_party_hooks import on_demand

mcp = FastMCP("notebooks")
KERNEL = None


# expect: name=cell_housekeeping mutating=true caps=file_read,file_write
@mcp.tool()
async def cell_housekeeping(path: str, index: int) -> str:
    """Notebook cell housekeeping."""
    return await with_reconnect(lambda: DropCellOp().execute(path=path, index=index))


# expect: name=cell_source_retried mutating=false caps=file_read unverified=false
@mcp.tool()
async def cell_source_retried(path: str, index: int) -> str:
    """A cell's source."""
    return await with_reconnect(lambda: PeekCellOp().execute(path=path, index=index))


# expect: name=cell_source_direct mutating=false caps=file_read unverified=false
@mcp.tool()
async def cell_source_direct(path: str, index: int) -> str:
    """A cell's source, without retries."""
    return await PeekCellOp().execute(path=path, index=index)


# expect: name=run_snippet mutating=true typed=false caps=code_execution
@mcp.tool()
async def run_snippet(code: str) -> str:
    """Runs Python on the kernel."""
    return await with_reconnect(lambda: RunSnippetOp().execute(KERNEL, code))


# expect: name=cell_summary mutating=false caps=- unverified=true
@mcp.tool()
async def cell_summary(path: str) -> str:
    """A summary of the notebook's cells."""
    return await with_reconnect(on_demand(path))
