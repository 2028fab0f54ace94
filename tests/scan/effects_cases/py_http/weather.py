import httpx
import requests
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("weather")
NWS_API_BASE = "https://api.weather.gov"


async def make_nws_request(url: str) -> dict:
    async with httpx.AsyncClient() as client:
        return (await client.get(url, timeout=30)).json()


# expect: name=get_forecast mutating=false caps=-
@mcp.tool()
async def get_forecast(latitude: float, longitude: float) -> dict:
    """Forecast for a location (fixed base URL through a helper)."""
    points_url = f"{NWS_API_BASE}/points/{latitude},{longitude}"
    return await make_nws_request(points_url)


# expect: name=fetch_any mutating=false caps=http
@mcp.tool()
async def fetch_any(target: str) -> dict:
    """Fetch whatever the model names (the same helper, URL from input)."""
    return await make_nws_request(target)


# expect: name=read_page mutating=false caps=http
@mcp.tool()
def read_page(url: str) -> str:
    """Read a web page."""
    return requests.get(url, timeout=10).text


# expect: name=tenant_status mutating=false caps=http
@mcp.tool()
def tenant_status(host: str) -> str:
    """Status of a tenant's deployment (the model picks the host)."""
    return requests.get(f"https://{host}/status", timeout=10).text


# expect: name=file_ticket mutating=true caps=-
@mcp.tool()
def file_ticket(title: str, body: str) -> str:
    """File a ticket in the tracker (fixed URL, typed fields)."""
    return requests.post("https://tracker.example.com/api/tickets", json={"title": title, "body": body}, timeout=10).text


class Crm:
    base = "https://crm.example.com"

    def _post(self, path: str, payload: dict) -> dict:
        return requests.post(self.base + path, json=payload, timeout=10).json()

    # expect: name=close_case mutating=true caps=-
    @mcp.tool()
    def close_case(self, case_id: str) -> dict:
        """Close a case."""
        return self._post(f"/cases/{case_id}/close", {})


import os

STATUS_URL = os.environ.get("STATUS_URL", "https://status.example.com")


# expect: name=service_status mutating=false caps=-
@mcp.tool()
def service_status(component: str) -> str:
    """Status of a component (the base URL comes from the deployment, not the model)."""
    return requests.get(f"{STATUS_URL}/components/{component}", timeout=10).text


# expect: name=mirror_page mutating=false caps=http
@mcp.tool()
def mirror_page(page: dict) -> str:
    """Fetch the page a structured request names."""
    return requests.get(page["url"], timeout=10).text
