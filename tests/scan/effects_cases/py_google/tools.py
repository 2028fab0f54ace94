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


# expect: name=outbox_item mutating=true caps=email
@mcp.tool()
def outbox_item(raw: str) -> str:
    """An outgoing message."""
    service = _service("gmail", "v1")
    return service.users().messages().send(userId="me", body={"raw": raw}).execute()["id"]


# expect: name=pending_note mutating=true caps=-
@mcp.tool()
def pending_note(raw: str) -> str:
    """A message kept for later."""
    service = _service("gmail", "v1")
    return service.users().drafts().create(userId="me", body={"message": {"raw": raw}}).execute()["id"]


# expect: name=queued_note mutating=true caps=email
@mcp.tool()
def queued_note(draft_id: str) -> str:
    """A kept message, out."""
    service = _service("gmail", "v1")
    return service.users().drafts().send(userId="me", body={"id": draft_id}).execute()["id"]
