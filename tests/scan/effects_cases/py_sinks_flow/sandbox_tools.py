from agents import function_tool
from e2b_code_interpreter import Sandbox
from google.cloud import bigquery


def get_bq_client():
    return bigquery.Client(project="analytics")


# expect: name=run_python mutating=true typed=false caps=code_execution
@function_tool
def run_python(snippet: str) -> str:
    """Runs a snippet in a sandbox."""
    sbx = Sandbox()
    return str(sbx.run_code(snippet).logs)


# expect: name=sandbox_health mutating=true typed=true caps=code_execution
@function_tool
def sandbox_health(verbose: bool) -> str:
    """Checks that the sandbox answers."""
    sbx = Sandbox()
    return str(sbx.run_code("print('ok')").logs)


# expect: name=bq_validate mutating=true typed=false caps=sql
@function_tool
def bq_validate(sql_string: str) -> str:
    """Checks a statement against the warehouse."""
    return str(list(get_bq_client().query(sql_string).result()))


# expect: name=bq_region_total mutating=false typed=true caps=-
@function_tool
def bq_region_total(region: str) -> str:
    """Revenue of a region."""
    client = bigquery.Client()
    job = client.query("SELECT SUM(amount) FROM sales WHERE region = @region",
                       job_config=bigquery.QueryJobConfig(query_parameters=[
                           bigquery.ScalarQueryParameter("region", "STRING", region)]))
    return str(list(job.result()))
