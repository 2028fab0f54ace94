"""Read verdicts and what they rest on: a call parr cannot read is named (`unverified`) unless a claim decides."""

import ledgerkit
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("ledger")
books = ledgerkit.Books(region="eu")


# expect: name=ledger_entry mutating=false unverified=true
@mcp.tool()
def ledger_entry(charge_id: str) -> str:
    """The ledger entry of one charge."""
    return books.summarize(charge_id)


# expect: name=ledger_balance mutating=false unverified=false
@mcp.tool()
def ledger_balance(account: str) -> str:
    """Balance of an account."""
    return books.get_balance(account)  # the called method's own name says it reads


# expect: name=get_ledger_line mutating=false unverified=false
@mcp.tool()
def get_ledger_line(line_id: str) -> str:
    """One line of the ledger."""
    return books.line(line_id)  # the tool's name claims the read


# expect: name=ledger_total mutating=false unverified=false
@mcp.tool()
def ledger_total(amounts: list[float]) -> float:
    """Total of some amounts."""
    return round(sum(amounts), 2)


# expect: name=ledger_settlement mutating=true
@mcp.tool()
def ledger_settlement(account: str) -> str:
    """Settlement of an account."""
    return books.post_settlement(account)  # a verb that writes: a write, never an unverified read
