import docker
from mcp.server.fastmcp import FastMCP
from openai import OpenAI

mcp = FastMCP("other")
llm = OpenAI()
engine = docker.from_env()


# expect: name=summarise_containers mutating=false typed=true caps=-
@mcp.tool()
def summarise_containers(style: str) -> str:
    """Trap: another SDK's create() in a file that imports docker is not a Docker call."""
    names = ", ".join(c.name for c in engine.containers.list())
    reply = llm.chat.completions.create(model="m", messages=[{"role": "user", "content": f"{style}: {names}"}])
    return reply.choices[0].message.content
