import io

import pandas as pd
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("frames")


def save_output(data: pd.DataFrame, save_path: str | None = None) -> None:
    if save_path:
        data.to_csv(save_path)


# expect: name=export_prices mutating=true typed=true caps=file_write
@mcp.tool()
def export_prices(symbol: str, save_path: str | None = None) -> str:
    """Prices of a symbol, saved to a CSV file when a path is given."""
    frame = pd.DataFrame({"symbol": [symbol], "price": [1.0]})
    save_output(frame, save_path)
    return frame.to_string()


# expect: name=prices_csv mutating=false typed=true caps=-
@mcp.tool()
def prices_csv(symbol: str) -> str:
    """Prices of a symbol as CSV text."""
    frame = pd.DataFrame({"symbol": [symbol], "price": [1.0]})
    return frame.to_csv(index=False)


# expect: name=prices_buffer mutating=false typed=true caps=-
@mcp.tool()
def prices_buffer(symbol: str) -> str:
    """Prices of a symbol written to an in-memory buffer."""
    buffer = io.StringIO()
    pd.DataFrame({"symbol": [symbol]}).to_csv(buffer)
    return buffer.getvalue()


# expect: name=export_sheet mutating=true typed=true caps=file_write
@mcp.tool()
def export_sheet(symbol: str, path: str) -> str:
    """Save the prices of a symbol to a spreadsheet."""
    pd.DataFrame({"symbol": [symbol]}).to_excel(excel_writer=path)
    return path
