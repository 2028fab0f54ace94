import sqlite3

from agents import function_tool


def _run(statement: str, params: tuple = ()) -> list:
    with sqlite3.connect("reports.db") as conn:
        return conn.execute(statement, params).fetchall()


# expect: name=ad_hoc_report mutating=true typed=false caps=sql
@function_tool
def ad_hoc_report(q: str) -> list:
    """A report from the warehouse, as the model phrases it."""
    return _run(q)


# expect: name=revenue_for_region mutating=false typed=true caps=-
@function_tool
def revenue_for_region(region: str, year: int) -> list:
    """Revenue of a region in a year."""
    return _run("SELECT SUM(amount) FROM sales WHERE region = ? AND year = ?", (region, year))


# expect: name=filtered_report mutating=true typed=false caps=sql
@function_tool
def filtered_report(where_clause: str) -> list:
    """Sales rows matching a condition the model writes."""
    statement = where_clause
    with sqlite3.connect("reports.db") as conn:
        return conn.execute(statement).fetchall()
