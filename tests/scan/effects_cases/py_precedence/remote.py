import socket

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("remote")


class AppConnection:
    def __init__(self):
        self.sock = socket.create_connection(("localhost", 9876))

    def send_command(self, name, params=None):
        self.sock.sendall(f"{name} {params}".encode())
        return self.sock.recv(4096)


def get_app_connection():
    return AppConnection()


# expect: name=poll_render_status mutating=false
@mcp.tool()
def poll_render_status(job_id: str) -> str:
    """The command's name asks for a status; what it does happens in the other process."""
    app = get_app_connection()
    return app.send_command("poll_render_status", {"job_id": job_id})


# expect: name=render_scene mutating=true
@mcp.tool()
def render_scene(scene: str) -> str:
    """A command named for no read: the transport call counts (as before)."""
    app = get_app_connection()
    return app.send_command("create_render_job", {"scene": scene})


# expect: name=get_scene mutating=true
@mcp.tool()
def get_scene(scene: str) -> str:
    """A read-named tool sending a write command: the command's verb counts."""
    app = get_app_connection()
    return app.send_command("delete_scene", {"scene": scene})


# expect: name=run_inventory_check mutating=false
@mcp.tool()
def run_inventory_check(order_id: str) -> str:
    """A stub whose name runs a check: the verb is read from its object."""
    return f"Inventory check for {order_id} completed."


# expect: name=run_schema_validation mutating=true
@mcp.tool()
def run_schema_validation(sql: str) -> str:
    """"run" over a call parr cannot read may run anything: the name's verb counts (fail closed)."""
    app = get_app_connection()
    return app.sock.sendall(sql.encode())


# expect: name=run_tests mutating=true
@mcp.tool()
def run_tests(suite: str) -> str:
    """Tests are no check that only reads."""
    return f"ran {suite}"


# expect: name=schema_picture mutating=false
@mcp.tool()
def schema_picture(schema: str) -> str:
    """Creates a visual graph representation of the database schema."""
    app = get_app_connection()
    return app.send_command("describe_schema", {"schema": schema})


# expect: name=schema_summary_file mutating=true
@mcp.tool()
def schema_summary_file(schema: str) -> str:
    """Generates a summary of the schema and saves it to the shared drive."""
    return f"summary of {schema}"


# expect: name=graph_node mutating=true
@mcp.tool()
def graph_node(label: str) -> str:
    """Creates a graph node in the database."""
    return f"node {label}"


# expect: name=run_diagnostic mutating=true
@mcp.tool()
def run_diagnostic(command: str, note: str = "") -> str:
    """A production command the operator executes: what runs is the command the model writes."""
    return f"{command}\nContext: {note}".strip()
