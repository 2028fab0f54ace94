from typing import Literal

from agents import function_tool

from warehouse.db import WarehouseClient
from warehouse.helpers import build_and_run, rows_for_region, run_statement

client = WarehouseClient("warehouse.duckdb")


# expect: name=warehouse_query mutating=true typed=false caps=sql
@function_tool
def warehouse_query(statement: str) -> list:
    """Answers a question about sales."""
    return run_statement(statement, client)


# expect: name=client_query mutating=true typed=false caps=sql
@function_tool
def client_query(text_of_query: str) -> list:
    """Answers a question about sales."""
    return client.query(text_of_query)


# expect: name=region_rows mutating=false typed=true caps=-
@function_tool
def region_rows(region: str) -> list:
    """Sales rows of one region."""
    return rows_for_region(client, region)


# The helper's parameter is called `sql` like this tool's, but the tool passes a fixed statement.
# expect: name=preview mutating=false typed=true caps=-
@function_tool
def preview(sql: Literal["sales", "returns"]) -> list:
    """A few rows of a table."""
    return run_statement("SELECT * FROM sales LIMIT 5", client)


# A value appended after a fixed start: SQL the code writes with model text in it, not a
# statement the model writes (judged as elsewhere: it runs SQL built at run time).
# expect: name=filtered mutating=true typed=true caps=-
@function_tool
def filtered(where: str) -> list:
    """Sales rows matching a condition."""
    return build_and_run(client, where)
