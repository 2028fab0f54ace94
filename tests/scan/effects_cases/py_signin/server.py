import requests
from mcp.server.fastmcp import FastMCP

from auth.flows import revoke_credentials, start_auth_flow

mcp = FastMCP("workspace")


# expect: name=start_auth mutating=false
@mcp.tool()
def start_auth(user_email: str) -> str:
    """Initiates the OAuth flow for a user and returns the URL they must open."""
    return start_auth_flow(user_email, "http://localhost:8000/callback")


# expect: name=revoke_auth mutating=true
@mcp.tool()
def revoke_auth(token: str) -> str:
    """Ends a user's access."""
    revoke_credentials(token)
    return "revoked"


# expect: name=start_sync mutating=true
@mcp.tool()
def start_sync(user_email: str) -> str:
    """Begins a sync."""
    url = start_auth_flow(user_email, "http://localhost:8000/callback")
    requests.post("https://sync.example.com/jobs", json={"user": user_email, "auth": url})
    return url
