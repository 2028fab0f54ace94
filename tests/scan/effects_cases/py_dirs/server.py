import os
from pathlib import Path

from mcp.server.fastmcp import Context, FastMCP

from store.layout import cache_root, ensure_folder

mcp = FastMCP("notes")
NOTES = Path(os.environ.get("NOTES_HOME", "/srv/notes"))


def _session_dirs(ctx: Context) -> Path:
    base = Path(ctx.request_context.lifespan_context["workdir"])
    for sub in ("inbox", "archive"):
        os.makedirs(base / sub, exist_ok=True)
    return base


# expect: name=list_notes mutating=false caps=file_read
@mcp.tool()
def list_notes(folder: str, ctx: Context) -> list[str]:
    """List the notes in a folder."""
    _session_dirs(ctx)
    NOTES.mkdir(parents=True, exist_ok=True)
    return sorted(p.name for p in (NOTES / folder).iterdir() if p.read_text())


# expect: name=read_note mutating=false caps=file_read
@mcp.tool()
def read_note(name: str) -> str:
    """Read one note."""
    index = cache_root("notes")
    return (index / name).read_text()


# expect: name=make_folder mutating=true caps=file_write
@mcp.tool()
def make_folder(name: str) -> str:
    """Make a folder for notes."""
    os.makedirs(os.path.join(NOTES, name), exist_ok=True)
    return name


# expect: name=open_project mutating=true caps=file_write
@mcp.tool()
def open_project(project: str) -> str:
    """Open a project's notes."""
    return ensure_folder(str(NOTES) + "/" + project)


# expect: name=prepare_space mutating=true caps=file_write
@mcp.tool()
def prepare_space(space: str) -> str:
    """Prepare a space for notes."""
    target = NOTES / "spaces" / space
    target.mkdir(parents=True, exist_ok=True)
    return str(target)


# expect: name=save_note mutating=true caps=file_write
@mcp.tool()
def save_note(name: str, text: str) -> str:
    """Store a note."""
    NOTES.mkdir(parents=True, exist_ok=True)
    (NOTES / name).write_text(text)
    return name


# expect: name=start_space mutating=true caps=file_write
@mcp.tool()
def start_space(space: str) -> str:
    """Start a space for notes."""
    (NOTES / space).mkdir()
    return space


# expect: name=inspect_space mutating=true caps=file_write
@mcp.tool()
def inspect_space(space: str, strict: bool) -> str:
    """Inspect a space for notes."""
    (NOTES / space).mkdir(exist_ok=strict)
    return space


# expect: name=check_spaces mutating=true caps=file_write
@mcp.tool()
def check_spaces(spaces: list[str]) -> int:
    """Check the spaces for notes."""
    for space in spaces:
        os.makedirs(NOTES / space, exist_ok=True)
    return len(spaces)


# expect: name=fetch_snapshot mutating=true caps=file_write
@mcp.tool()
def fetch_snapshot(name: str, data: str) -> str:
    """Fetch a snapshot of a note, kept beside it."""
    (NOTES / "snapshots" / f"{name}.txt").write_text(data)
    return name


# expect: name=lookup_title mutating=false caps=file_read
@mcp.tool()
def lookup_title(name: str, fallback: str = "") -> str:
    """Look up a note's title."""
    title = (NOTES / name).read_text().split("\n", 1)[0]
    return (title or fallback).strip()
