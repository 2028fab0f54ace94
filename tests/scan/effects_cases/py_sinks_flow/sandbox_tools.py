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


from openai import OpenAI

llm = OpenAI()
# expect: name=lookup_order mutating=false typed=true caps=-
SUPERVISOR_TOOLS = [{"type": "function", "name": "lookup_order", "parameters": {"type": "object", "properties": {}}}]


# The question becomes the prompt of a model request that offers tools: a model acts on it.
# expect: name=ask_supervisor mutating=false typed=false caps=-
@function_tool
def ask_supervisor(question: str) -> str:
    """The supervisor's next step."""
    return llm.responses.create(model="m", input=question, tools=SUPERVISOR_TOOLS).output_text


# expect: name=summarize_text mutating=false typed=true caps=-
@function_tool
def summarize_text(text: str) -> str:
    """A summary."""
    return llm.responses.create(model="m", input=f"Summarize: {text}").output_text


import duckdb


# The model writes the statement, but the connection is opened read-only: nothing can change.
# expect: name=readonly_query mutating=false typed=false caps=sql
@function_tool
def readonly_query(statement: str) -> list:
    """Answers a question from the local warehouse."""
    conn = duckdb.connect("warehouse.duckdb", read_only=True)
    return conn.execute(statement).fetchall()


# A dry run only plans the statement.
# expect: name=bq_check_syntax mutating=false typed=false caps=sql
@function_tool
def bq_check_syntax(sql_string: str) -> str:
    """Checks a statement's syntax."""
    job = get_bq_client().query(sql_string, job_config=bigquery.QueryJobConfig(dry_run=True))
    return str(job.total_bytes_processed)
