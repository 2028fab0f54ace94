"""Parameters left without a type: a yes/no the body only tests is typed by that use; one passed on
as a value is not."""
import json

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("flags")
NOTES = [{"title": "a", "body": "b", "system": False}]


def _matches(note: dict, query: str, system=False) -> bool:
    if note["system"] and not system:
        return False
    return query in note["body"]


# expect: name=list_notes mutating=false typed=true
@mcp.tool()
def list_notes(limit: int = 5, verbose=False) -> list:
    """The latest notes."""
    out = []
    for note in NOTES[:limit]:
        out.append(note if verbose else note["title"])
    return out


# expect: name=search_notes mutating=false typed=true
@mcp.tool()
def search_notes(query: str, system=False, titles_only=True) -> list:
    """Notes that match the query."""
    found = [n for n in NOTES if _matches(n, query, system=system)]
    return [n["title"] for n in found] if titles_only and not system else found


# (trap: the flag's value is passed on as it is, into the JSON the tool returns)
# expect: name=show_notes mutating=false typed=false
@mcp.tool()
def show_notes(limit: int = 5, options=False) -> str:
    """The latest notes."""
    return json.dumps({"notes": NOTES[:limit], "options": options})


# (trap: no default to say it is a yes/no; a truth test alone does not make it one)
# expect: name=get_note mutating=false typed=false
@mcp.tool()
def get_note(title: str, extra) -> dict:
    """One note."""
    if extra:
        return {"note": NOTES[0], "extra": extra}
    return NOTES[0]


# (trap: the flag goes on to a function of this module that keeps it)
def _pick(notes: list, keep=False) -> dict:
    return {"notes": notes, "keep": keep}


# expect: name=view_notes mutating=false typed=false
@mcp.tool()
def view_notes(keep=False) -> dict:
    """The notes."""
    return _pick(NOTES, keep)
