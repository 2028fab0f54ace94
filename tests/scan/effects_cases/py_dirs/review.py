import tempfile
from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("review")


# expect: name=review_bundle mutating=false caps=-
@mcp.tool()
def review_bundle(files: dict[str, str]) -> int:
    """Review a bundle of files: lay them out in a scratch folder and count them."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for rel, text in files.items():
            target = root / rel
            target.parent.mkdir(parents=True)
            target.write_text(text)
        return len(files)


# expect: name=bundle_manifest mutating=false caps=file_read
@mcp.tool()
def bundle_manifest(bundle: str) -> str:
    """The manifest inside a bundle (a member named like a mode is no mode)."""
    import zipfile

    with zipfile.ZipFile(bundle) as zf:
        with zf.open("word/manifest.xml") as fh:
            return fh.read().decode()


# expect: name=stamp_bundle mutating=true caps=file_write
@mcp.tool()
def stamp_bundle(bundle: str, stamp: str) -> str:
    """Stamp a bundle: its member opened for writing."""
    import zipfile

    with zipfile.ZipFile(bundle, "a") as zf:
        with zf.open("stamp.txt", "w") as fh:
            fh.write(stamp.encode())
    return stamp
