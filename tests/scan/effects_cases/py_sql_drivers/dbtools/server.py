from typing import Optional, Union

from mcp.server.fastmcp import FastMCP

from dbtools.sql import GuardedDriver, PlainDriver

mcp = FastMCP("db")
POOL = None
RESTRICTED = True


async def driver() -> Union[PlainDriver, GuardedDriver]:
    """A factory of this file whose return annotation names two imported classes: a call on what it
    returns may run either's method."""
    plain = PlainDriver(POOL)
    return GuardedDriver(plain) if RESTRICTED else plain


def cached_driver() -> Optional[PlainDriver]:
    return PlainDriver(POOL) if POOL is not None else None


# expect: name=run_statement mutating=true typed=false caps=sql
@mcp.tool()
async def run_statement(sql: str) -> str:
    """Runs a statement the model writes."""
    d = await driver()
    rows = await d.run(sql)
    return str(rows)


# expect: name=list_tables mutating=false typed=true caps=-
@mcp.tool()
async def list_tables() -> str:
    """Trap: the statement is the code's own SELECT; the drivers only add a comment tag and
    transaction control (BEGIN ... READ ONLY, COMMIT, ROLLBACK), which write nothing."""
    d = await driver()
    rows = await d.run("SELECT table_name FROM information_schema.tables")
    return str(rows)


# expect: name=drop_table mutating=true typed=true caps=-
@mcp.tool()
async def drop_table(table: str) -> str:
    """The statement the code writes drops a table."""
    d = cached_driver()
    await d.run(f"DROP TABLE {table}")
    return "dropped"
