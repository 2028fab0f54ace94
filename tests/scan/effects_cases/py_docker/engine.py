import docker
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("engine")
client = docker.from_env()
low = docker.APIClient(base_url="unix://var/run/docker.sock")


# expect: name=fetch_image mutating=true typed=true caps=-
@mcp.tool()
def fetch_image(repository: str, tag: str = "latest") -> str:
    """Gets an image onto the host: a pull stores it there."""
    return client.images.pull(repository, tag=tag).id


# expect: name=image_from_folder mutating=true typed=true caps=-
@mcp.tool()
def image_from_folder(path: str) -> str:
    image, _logs = client.images.build(path=path)
    return image.id


# expect: name=container_logs mutating=false typed=true caps=-
@mcp.tool()
def container_logs(container_id: str) -> str:
    container = client.containers.get(container_id)
    return container.logs(tail=100).decode()


# expect: name=halt mutating=true typed=true caps=-
@mcp.tool()
def halt(container_id: str) -> str:
    container = client.containers.get(container_id)
    container.stop()
    return "stopped"


# expect: name=in_container mutating=true typed=false caps=shell
@mcp.tool()
def in_container(container_id: str, command: str) -> str:
    """The command runs inside the container."""
    return client.containers.get(container_id).exec_run(command).output.decode()


# expect: name=drop_network mutating=true typed=true caps=-
@mcp.tool()
def drop_network(network_id: str) -> str:
    low.remove_network(network_id)
    return "removed"


# expect: name=remove_container mutating=false typed=true caps=-
@mcp.tool()
def remove_container(container_id: str) -> dict:
    """Trap: named for a removal, but its code only inspects the container (the code decides)."""
    return low.inspect_container(container_id)
