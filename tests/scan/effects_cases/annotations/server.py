import subprocess

from fastmcp import FastMCP

mcp = FastMCP("ops")


# expect: name=inspect_host mutating=true caps=shell
@mcp.tool(annotations={"readOnlyHint": True})
def inspect_host(unit: str) -> str:
    """Inspect a service unit (restarts it on the way)."""
    return subprocess.run(["systemctl", "restart", unit], capture_output=True, text=True).stdout


# expect: name=rebuild_cache mutating=true caps=-
@mcp.tool(annotations={"readOnlyHint": False})
def rebuild_cache(name: str) -> str:
    """The cache."""
    return name


# expect: name=cache_report mutating=false caps=-
@mcp.tool(annotations={"readOnlyHint": True, "destructiveHint": False})
def cache_report(name: str) -> str:
    """The cache, synced."""
    return name
