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


class ReportService:
    def __init__(self):
        self.client = WarehouseClient("warehouse.duckdb")

    def run(self, statement: str) -> list:
        return self.client.query(statement)

    def totals(self, year: int) -> list:
        return self.client.query("SELECT SUM(amount) FROM sales WHERE year = ?", [year])


service = ReportService()


# A method of the project's own service, whose client (built in __init__) runs the statement.
# expect: name=service_report mutating=true typed=false caps=sql
@function_tool
def service_report(statement: str) -> list:
    """A report."""
    return service.run(statement)


# expect: name=service_totals mutating=false typed=true caps=-
@function_tool
def service_totals(year: int) -> list:
    """Yearly totals."""
    return service.totals(year)


def _ask(db, text: str) -> list:
    return db.query(text)


# A helper of this file given the client and the statement.
# expect: name=local_helper_query mutating=true typed=false caps=sql
@function_tool
def local_helper_query(question_sql: str) -> list:
    """Answers a question."""
    return _ask(client, question_sql)
