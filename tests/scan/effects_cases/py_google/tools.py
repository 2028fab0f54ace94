from googleapiclient.discovery import build
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("workspace")


def _service(name: str, version: str):
    return build(name, version)


# expect: name=clean_inbox mutating=true caps=-
@mcp.tool()
def clean_inbox(message_id: str) -> str:
    """Tidy the inbox."""
    service = _service("gmail", "v1")
    service.users().messages().trash(userId="me", id=message_id).execute()
    return "ok"


# expect: name=search_gmail_messages mutating=false caps=-
@mcp.tool()
def search_gmail_messages(query: str) -> list:
    """Search messages."""
    service = _service("gmail", "v1")
    return service.users().messages().list(userId="me", q=query).execute().get("messages", [])


# expect: name=calendar_entry mutating=true caps=-
@mcp.tool()
def calendar_entry(summary: str, start: str, end: str) -> str:
    """A calendar entry for the user."""
    calendar = _service("calendar", "v3")
    event = calendar.events().insert(calendarId="primary", body={"summary": summary, "start": start, "end": end}).execute()
    return event["id"]
