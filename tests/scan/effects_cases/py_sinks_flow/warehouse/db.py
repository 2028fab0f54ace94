"""The project's own database client: its query() runs whatever statement it is given."""
import duckdb


class WarehouseClient:
    def __init__(self, path: str):
        self.path = path

    def query(self, statement: str, params: list | None = None) -> list:
        return self._run(statement, params or [])

    def _run(self, statement: str, params: list) -> list:
        conn = duckdb.connect(self.path)
        return conn.execute(statement, params).fetchall()
