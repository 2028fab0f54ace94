import boto3
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("workspace")
session = boto3.session.Session()


class FormatBook:
    def __init__(self) -> None:
        self.formats: dict[str, str] = {"csv": "comma separated"}

    def copy(self) -> dict[str, str]:
        return dict(self.formats)


workspace = FormatBook()
source = FormatBook()


# A service's name is a word of the receiver, never a piece of one: "workspace" and "source" end in "ce"
# (Cost Explorer's boto3 name), and neither is an AWS client although the file imports boto3.
# expect: name=format_table mutating=false caps=-
@mcp.tool()
def format_table() -> dict:
    """The formats known in this workspace."""
    return workspace.copy()


# expect: name=source_formats mutating=false caps=-
@mcp.tool()
def source_formats() -> dict:
    """The formats the source side knows."""
    return source.copy()


# expect: name=copy_cost_report mutating=true caps=-
@mcp.tool()
def copy_cost_report(bucket: str, key: str) -> str:
    """Copy the cost report object (a client named for its service still counts)."""
    ce = session.client("s3")
    ce.copy({"Bucket": bucket, "Key": key}, bucket, key + ".bak")
    return "copied"
