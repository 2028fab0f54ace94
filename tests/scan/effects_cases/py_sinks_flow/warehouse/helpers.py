"""Helpers in another file than the tools: they hand a statement to the client they are given."""


def run_statement(sql: str, client) -> list:
    return client.query(sql)


def rows_for_region(client, region: str) -> list:
    # the region is bound as a query parameter: the statement is fixed
    return client.query("SELECT * FROM sales WHERE region = ?", [region])


def build_and_run(client, where: str) -> list:
    return run_statement("SELECT * FROM sales WHERE " + where, client)
