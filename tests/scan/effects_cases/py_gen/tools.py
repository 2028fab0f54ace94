import requests
from mcp.server.fastmcp import FastMCP

from watchers import client

mcp = FastMCP("gen")


# A reader noun after a verb that acts on it is that verb's object: the monitor is made on the service.
# expect: name=create_monitor mutating=true typed=true caps=-
@mcp.tool()
def create_monitor(query: str) -> str:
    """Track a search query for changes over time."""
    return client.monitor.create(query=query).monitor_id


# expect: name=cancel_monitor mutating=true typed=true caps=-
@mcp.tool()
def cancel_monitor(monitor_id: str) -> str:
    """Stop tracking a query."""
    return client.monitor.cancel(monitor_id).status


# The reader noun alone still says it reads; so does one after a reading verb.
# expect: name=get_monitor mutating=false typed=true caps=-
@mcp.tool()
def get_monitor(monitor_id: str) -> str:
    """The monitor's status."""
    return client.monitor.retrieve(monitor_id).status


# expect: name=email_phishing_analyzer mutating=false typed=true caps=-
@mcp.tool()
def email_phishing_analyzer(text: str) -> str:
    """Say whether an email looks like phishing."""
    return str("urgent" in text.lower())


# "map" over a site lists the URLs it links (crawling APIs' map), even as a POST that starts the job.
# expect: name=map_website mutating=false typed=true caps=-
@mcp.tool()
def map_website(url: str, limit: int = 100) -> str:
    """Discover URLs reachable from a starting URL."""
    return requests.post("https://api.example.com/v1/map", json={"url": url, "limit": limit}).text


# Any other "map" keeps what its body does.
# expect: name=map_drive mutating=true typed=true caps=-
@mcp.tool()
def map_drive(letter: str, share: str) -> str:
    """Attach a network share."""
    return requests.post("https://api.example.com/v1/drives", json={"letter": letter, "share": share}).text
