import io
import sqlite3
import subprocess
from urllib.request import Request, urlopen

import matplotlib.pyplot as plt
from logfire.experimental.query_client import AsyncLogfireQueryClient
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("py10b")
client = AsyncLogfireQueryClient(read_token="token")


# expect: name=list_messages mutating=false typed=true caps=-
@mcp.tool()
def list_messages(query: str = "", limit: int = 20) -> list:
    """Messages matching a search term."""
    parts = ["SELECT id, content FROM messages"]
    params = []
    if query:
        parts.append("WHERE content LIKE ?")
        params.append(f"%{query}%")
    parts.append("LIMIT ?")
    params.append(limit)
    with sqlite3.connect("messages.db") as conn:
        return conn.cursor().execute(" ".join(parts), tuple(params)).fetchall()


# expect: name=purge_messages mutating=true typed=true caps=-
@mcp.tool()
def purge_messages(chat: str) -> int:
    """Remove a chat's messages."""
    parts = ["DELETE FROM messages", "WHERE chat = ?"]
    with sqlite3.connect("messages.db") as conn:
        return conn.execute(" ".join(parts), (chat,)).rowcount


# expect: name=run_logfire_query mutating=true typed=false caps=sql
@mcp.tool()
async def run_logfire_query(query: str) -> list:
    """Run a query on the tracing data."""
    result = await client.query_json_rows(query)
    return result["rows"]


# expect: name=save_chart mutating=true typed=true caps=file_write
@mcp.tool()
def save_chart(values: list[float]) -> str:
    """Plot the values."""
    plt.plot(values)
    plt.savefig("chart.png")
    return "chart.png"


# expect: name=chart_bytes mutating=false typed=true caps=-
@mcp.tool()
def chart_bytes(values: list[float]) -> bytes:
    """Plot the values and return the PNG."""
    buffer = io.BytesIO()
    plt.plot(values)
    plt.savefig(buffer, format="png")
    return buffer.getvalue()


# expect: name=ping_host mutating=false typed=true caps=-
@mcp.tool()
def ping_host(host: str) -> str:
    """Whether a host answers."""
    return subprocess.run(["ping", "-c", "3", host], capture_output=True, text=True).stdout


# expect: name=forecast_update mutating=false typed=true caps=-
@mcp.tool()
def forecast_update(city: str) -> str:
    """The latest forecast for a city."""
    with urlopen(Request(f"https://api.example.com/forecast?city={city}")) as response:
        return response.read().decode()


# expect: name=request_user_input mutating=false typed=true caps=-
@mcp.tool()
def request_user_input(prompt: str) -> str:
    """Ask the user a question."""
    return prompt


# expect: name=email_phishing_analyzer mutating=false typed=true caps=-
@mcp.tool()
def email_phishing_analyzer(text: str) -> str:
    """Say whether an email looks like phishing."""
    return str("urgent" in text.lower())


# expect: name=delegate_web_task mutating=true typed=true caps=-
@mcp.tool()
def delegate_web_task(task: str, context: str = "") -> str:
    """Delegate a web task to the web agent. It browses pages, filling out forms and clicking buttons."""
    return task


# expect: name=delegate_research mutating=false typed=true caps=-
@mcp.tool()
def delegate_research(task: str) -> str:
    """Delegate a research task to the research agent, which reads sources and answers."""
    return task
