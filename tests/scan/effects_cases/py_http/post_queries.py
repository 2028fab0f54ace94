import requests
from crewai.tools import tool
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("web")
SEARCH_URL = "https://search.example.com/v1/search"
HOOKS_URL = "https://hooks.example.com/v1/items"


# A search API called with POST: the name says it reads, so the POST is taken as a query.
# expect: name=search_the_internet mutating=false typed=false caps=-
@tool("search_the_internet")
def search_internet(query):
    """Search the internet about a topic and return relevant results."""
    return requests.request("POST", SEARCH_URL, data={"q": query}, timeout=10).json()


# expect: name=scrape_page mutating=false caps=-
@mcp.tool()
def scrape_page(page_id: int) -> str:
    """Text of a page through a rendering service."""
    return requests.post(SEARCH_URL + "/render", json={"id": page_id}, timeout=10).text


# A POST and a name that says nothing either way: a write.
# expect: name=item_intake mutating=true caps=-
@mcp.tool()
def item_intake(title: str) -> str:
    """Item intake."""
    return requests.post(HOOKS_URL, json={"title": title}, timeout=10).text


# A PUT is a write whatever the name says.
# expect: name=get_and_store mutating=true caps=-
@mcp.tool()
def get_and_store(key: str, value: str) -> str:
    """Look a value up."""
    return requests.put(f"{HOOKS_URL}/{key}", json={"value": value}, timeout=10).text


# A POST, a name of nouns, and a description that leads with a read verb: the description is the
# next claim, as a read verb in the name would be.
# expect: name=fleet_overview mutating=false caps=-
@mcp.tool()
def fleet_overview(region: str) -> str:
    """Get an overview of the fleet in a region, rendered by the reporting service."""
    return requests.post(SEARCH_URL + "/report", json={"region": region}, timeout=10).text


# A name of nouns and a description that leads with a writing verb: the POST stays a write.
# expect: name=item_record mutating=true caps=-
@mcp.tool()
def item_record(title: str) -> str:
    """Record an item with the intake service."""
    return requests.post(HOOKS_URL, json={"title": title}, timeout=10).text
