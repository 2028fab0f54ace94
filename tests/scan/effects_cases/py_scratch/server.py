import os
import shutil

import httpx
import tempfile
from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("scratch")


# expect: name=transcribe_audio mutating=false caps=-
@mcp.tool()
def transcribe_audio(url: str) -> str:
    """Transcribe the audio at a URL."""
    handle, temp_path = tempfile.mkstemp(suffix=".wav")
    os.close(handle)
    try:
        with open(temp_path, "wb") as fh:
            fh.write(url.encode())
        return "transcript"
    finally:
        os.unlink(temp_path)


# expect: name=render_chart mutating=false caps=file_read
@mcp.tool()
def render_chart(data: str) -> str:
    """Render a chart and return its text form."""
    with tempfile.TemporaryDirectory() as workdir:
        out = Path(workdir) / "chart.txt"
        out.write_text(data)
        return out.read_text()


# expect: name=summarize_text mutating=false caps=-
@mcp.tool()
def summarize_text(data: str) -> str:
    """Summarize text."""
    path = os.path.join(tempfile.gettempdir(), "scratch.txt")
    with open(path, "w") as f:
        f.write(data)
    os.remove(path)
    return data[:10]


# expect: name=export_report mutating=true caps=file_write
@mcp.tool()
def export_report(data: str, output_dir: str) -> str:
    """Build the report in a scratch file, then keep it: the move lands outside the temp folder."""
    tmp = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False)
    tmp.write(data)
    tmp.close()
    final = os.path.join(output_dir, os.path.basename(tmp.name))
    shutil.move(tmp.name, final)
    return final


# expect: name=save_note mutating=true caps=file_write
@mcp.tool()
def save_note(text: str, folder: str) -> str:
    """A file named like a temp file in the user's folder is no scratch file."""
    path = os.path.join(folder, "tmp_note.txt")
    with open(path, "w") as f:
        f.write(text)
    return path


# expect: name=get_snapshot mutating=true
@mcp.tool()
def get_snapshot(path: str, bucket: str) -> str:
    """A read-named tool whose body uploads to object storage: the upload counts, the scratch copy does not."""
    tmp = os.path.join(tempfile.gettempdir(), "snap.png")
    with open(tmp, "w") as scratch:
        scratch.write(path)
    with open(path, "rb") as f:
        data = f.read()
    httpx.post(f"https://store.example.org/storage/v1/object/{bucket}/snap.png", content=data)
    os.remove(tmp)
    return "ok"


# expect: name=search_documents mutating=false
@mcp.tool()
def search_documents(query: str) -> str:
    """A POST to a search path is a query, taken as its read-named tool says."""
    return httpx.post("https://api.example.org/v1/search", json={"q": query}).text
