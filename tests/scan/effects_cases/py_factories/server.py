from mcp.server.fastmcp import FastMCP

from model_catalog import CATALOG
from runners import get_registry, make_runner

mcp = FastMCP("bridge")


# A method of the class the imported factory is declared to return.
# expect: name=ask_agent mutating=true caps=shell
@mcp.tool()
async def ask_agent(prompt: str, kind: str = "cli") -> str:
    """Pass the prompt to a coding agent."""
    runner = make_runner(kind)
    return await runner.run(prompt)


# expect: name=known_model mutating=false caps=-
@mcp.tool()
def known_model(name: str) -> bool:
    """Whether the model is known."""
    return get_registry().is_known(name, None)


# A private method of another object is its own helper, not a client API its verb describes.
# expect: name=model_alias mutating=false caps=-
@mcp.tool()
def model_alias(name: str) -> str:
    """The canonical name of a model."""
    return CATALOG._resolve_alias(name)
