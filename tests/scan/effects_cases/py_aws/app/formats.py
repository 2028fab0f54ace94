import boto3
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("formats")


SUPPORTED_FORMATS = ["CSV", "TMX"]


# expect: name=supported_formats mutating=false caps=-
@mcp.tool()
def supported_formats() -> list:
    """The file formats terminology may come in."""
    return SUPPORTED_FORMATS.copy()


# expect: name=copy_bucket_object mutating=true caps=-
@mcp.tool()
def copy_bucket_object(bucket: str, key: str) -> str:
    """Copy an object within a bucket: an S3 client's copy still counts."""
    s3 = boto3.client("s3")
    s3.copy({"Bucket": bucket, "Key": key}, bucket, key + ".bak")
    return "copied"
