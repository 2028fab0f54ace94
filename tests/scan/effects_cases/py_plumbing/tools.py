import json
import sqlite3

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("calendar")


def get_credentials(user: str) -> dict:
    creds = {"user": user, "token": "..."}
    with open(f".tokens/{user}.json", "w") as f:  # the sign-in cache, not the tool's effect
        json.dump(creds, f)
    return creds


def update_settings(user: str, theme: str) -> None:
    with sqlite3.connect("app.db") as conn:
        conn.execute("UPDATE settings SET theme = ? WHERE user = ?", (theme, user))


# expect: name=upcoming_events mutating=false caps=-
@mcp.tool()
def upcoming_events(user: str) -> list:
    """The user's next events."""
    get_credentials(user)
    return []


# expect: name=calendar_theme mutating=true caps=-
@mcp.tool()
def calendar_theme(user: str, theme: str) -> str:
    """The calendar's colour theme."""
    update_settings(user, theme)
    return theme
