import psycopg
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("plans")
conn = psycopg.connect("dbname=shop")


# expect: name=plan_query mutating=false typed=false
@mcp.tool()
def plan_query(sql: str) -> str:
    """The plan of a statement (EXPLAIN only plans it)."""
    return str(conn.execute(f"EXPLAIN (FORMAT JSON) {sql}").fetchall())


# expect: name=profile_query mutating=true typed=false caps=sql
@mcp.tool()
def profile_query(sql: str) -> str:
    """The plan of a statement with real timings (EXPLAIN ANALYZE runs it)."""
    return str(conn.execute(f"EXPLAIN ANALYZE {sql}").fetchall())


# expect: name=plan_or_profile mutating=true typed=false caps=sql
@mcp.tool()
def plan_or_profile(sql: str, analyze: bool = False) -> str:
    """The plan of a statement; with analyze, as run (options filled in at run time)."""
    opts = "ANALYZE, FORMAT JSON" if analyze else "FORMAT JSON"
    return str(conn.execute(f"EXPLAIN ({opts}) {sql}").fetchall())


# expect: name=profile_top_orders mutating=false typed=true
@mcp.tool()
def profile_top_orders(limit: int) -> str:
    """Timings of the top-orders query (a fixed SELECT, run by ANALYZE: still a read)."""
    return str(conn.execute("EXPLAIN ANALYZE SELECT * FROM orders ORDER BY total DESC LIMIT %s", (limit,)).fetchall())


# expect: name=plan_without_analyze mutating=false typed=false
@mcp.tool()
def plan_without_analyze(sql: str) -> str:
    """The plan only (ANALYZE switched off)."""
    return str(conn.execute(f"EXPLAIN (ANALYZE false, COSTS true) {sql}").fetchall())
