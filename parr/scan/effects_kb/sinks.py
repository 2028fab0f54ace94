"""Statement sinks, as data: client calls that run a SQL statement, code or a command they are given,
and which argument holds it. (DB-API cursors, `text()` and TypeScript's drivers, `vm`, `eval` and
child processes are read by the language scanners' own rules; this table adds the clients whose
method names alone say nothing: `bigquery.Client().query(sql)`, `Sandbox().run_code(code)`.)"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Sink:
    """`receiver.method(statement, ...)` of one client library runs `statement`.

    The client is identified when the receiver was built by a callee under one of `py_modules`
    (`google.cloud.bigquery.Client()`), or the file imports one of them and the receiver's text or
    the name of the function that built it fits `receivers` (`get_bq_client().query`)."""

    name: str
    kind: str  # "sql", "code_execution" or "shell"
    methods: frozenset[str]
    py_modules: tuple[str, ...]  # dotted prefixes of the modules whose clients these are
    receivers: re.Pattern[str] | None = None
    arg: int = 0  # position of the statement
    keywords: tuple[str, ...] = ()  # keyword names the statement may be passed as
    # (method, sub-receiver) pairs that narrow a method to one part of the client: E2B's
    # `sandbox.commands.run(cmd)` runs a command, `sandbox.files.write` does not
    chain: re.Pattern[str] | None = None
    # (keyword, literal) that make the statement provably change nothing, on the call or on the
    # constructor of its client, or one level down in a keyword's value (`duckdb.connect(path,
    # read_only=True)`, `client.query(sql, job_config=QueryJobConfig(dry_run=True))`)
    read_only: tuple[tuple[str, object], ...] = ()
    language: str = "sql"  # of a "sql" sink's statements: "sql" or "cypher"


PY_SINKS: tuple[Sink, ...] = (
    Sink("BigQuery", "sql", frozenset({"query", "query_and_wait"}), ("google.cloud.bigquery",),
         re.compile(r"\bbq|bigquery|bq_|_bq\b", re.I), keywords=("query",), read_only=(("dry_run", True),)),
    Sink("DuckDB", "sql", frozenset({"execute", "sql", "query", "executemany", "read_sql"}), ("duckdb",),
         re.compile(r"duck|conn|\bcon\b|\bdb\b|_db\b|\bdb_|database", re.I), keywords=("query",),
         read_only=(("read_only", True),)),
    Sink("Snowpark", "sql", frozenset({"sql"}), ("snowflake.snowpark",), re.compile(r"session", re.I),
         keywords=("query",)),
    Sink("Snowflake connector", "sql", frozenset({"execute", "execute_string", "execute_async"}),
         ("snowflake.connector",), re.compile(r"cur|conn|ctx|snow", re.I), keywords=("command",)),
    Sink("asyncpg", "sql", frozenset({"execute", "fetch", "fetchrow", "fetchval", "executemany"}), ("asyncpg",),
         re.compile(r"conn|pool|\bcon\b|\bdb\b|_db\b", re.I), keywords=("query",)),
    Sink("Databricks SQL", "sql", frozenset({"execute"}), ("databricks.sql", "databricks.sdk"),
         re.compile(r"cur|conn", re.I), keywords=("operation",)),
    Sink("ClickHouse", "sql", frozenset({"query", "command", "query_df", "execute"}), ("clickhouse_connect", "clickhouse_driver"),
         re.compile(r"client|ch\b|clickhouse", re.I), keywords=("query", "cmd")),
    Sink("pandas", "sql", frozenset({"read_sql", "read_sql_query"}), ("pandas",), re.compile(r"^pd$|pandas"),
         keywords=("sql",)),
    # Logfire's query API client (logfire.experimental.query_client): query_json/query_json_rows/query_csv/
    # query_arrow(sql, min_timestamp=..., ...) run the SQL they are given on the project's data
    Sink("Logfire query API", "sql", frozenset({"query_json", "query_json_rows", "query_csv", "query_arrow"}),
         ("logfire.experimental.query_client", "logfire.query_client"), re.compile(r"logfire|client", re.I),
         keywords=("sql",)),
    # Neo4j's driver: driver.execute_query(query_, ...), session.run(query), tx.run(query) run the Cypher
    # they are given. Routing a query to readers (routing_=RoutingControl.READ, a READ session) is no
    # access control: a single server runs a write sent that way, so it proves nothing read-only.
    Sink("Neo4j driver", "sql", frozenset({"execute_query", "run"}), ("neo4j",),
         re.compile(r"driver|session|\btx\b|transaction|neo4j|graph", re.I), keywords=("query_", "query"), language="cypher"),
    Sink("LangChain Neo4jGraph", "sql", frozenset({"query"}), ("langchain_neo4j", "langchain_community.graphs"),
         re.compile(r"graph|neo4j", re.I), keywords=("query",), language="cypher"),
    Sink("E2B", "code_execution", frozenset({"run_code"}), ("e2b_code_interpreter", "e2b"),
         re.compile(r"sandbox|sbx|\bbox\b|interpreter", re.I), keywords=("code",)),
    Sink("E2B commands", "shell", frozenset({"run"}), ("e2b", "e2b_code_interpreter"),
         re.compile(r"sandbox|sbx|\bbox\b", re.I), keywords=("cmd",), chain=re.compile(r"\.commands$")),
    Sink("Daytona", "code_execution", frozenset({"code_run"}), ("daytona", "daytona_sdk"),
         re.compile(r"sandbox|process|workspace", re.I), keywords=("code",), chain=re.compile(r"\.process$")),
    Sink("Daytona exec", "shell", frozenset({"exec"}), ("daytona", "daytona_sdk"),
         re.compile(r"sandbox|process|workspace", re.I), keywords=("command",), chain=re.compile(r"\.process$")),
    # jupyter_client's KernelClient, and Datalayer's jupyter_kernel_client, whose KernelClient keeps its API
    Sink("Jupyter kernel", "code_execution", frozenset({"execute", "execute_interactive"}),
         ("jupyter_client", "jupyter_kernel_client"), re.compile(r"kernel|\bkc\b|client", re.I), keywords=("code",)),
    # Datalayer's code_sandboxes: Sandbox.run_code(code) in any variant (eval, docker, jupyter-server, e2b,
    # modal, ...), and the kernel-backed CodeSandboxClient's execute(code)
    Sink("Code Sandboxes", "code_execution", frozenset({"run_code", "execute", "execute_interactive"}),
         ("code_sandboxes",), re.compile(r"sandbox|sbx|\bbox\b|kernel|client", re.I), keywords=("code",)),
    Sink("IPython", "code_execution", frozenset({"run_cell", "run_cell_async"}), ("IPython",),
         re.compile(r"shell|ipython|kernel", re.I), keywords=("raw_cell",)),
)


def match_python(method: str, receiver: str, origin: str | None, file_modules: frozenset[str]) -> Sink | None:
    """The sink `receiver.method(...)` is, or None. `origin` is the qualified callee that built the
    receiver (`google.cloud.bigquery.Client()`), `file_modules` the modules the file imports."""
    if not receiver or receiver in ("self", "cls"):
        return None
    o = (origin or "").rstrip("()")
    for s in PY_SINKS:
        if method not in s.methods:
            continue
        if s.chain is not None and not s.chain.search(receiver):
            continue
        if o and any(o == m or o.startswith(m + ".") for m in s.py_modules):
            return s
        if s.receivers is not None and id(s) in _imported_sinks(file_modules) \
                and s.receivers.search(f"{receiver} {o.rsplit('.', 1)[-1]}"):
            return s
    return None


@lru_cache(maxsize=64)
def _imported_sinks(file_modules: frozenset[str]) -> frozenset[int]:
    """The sinks whose library one of a file's imported modules is part of (or contains): asked for
    every call of the file, answered once per set of imports."""
    return frozenset(id(s) for s in PY_SINKS if any(f == m or f.startswith(m + ".") or m.startswith(f + ".")
                                                   for f in file_modules for m in s.py_modules))


def read_only(sink: Sink, calls: list) -> bool:
    """Whether one of `calls` (the sink's call, its client's constructor; ast.Call nodes) carries a
    flag that makes the statement change nothing."""
    import ast

    for call in calls:
        if not isinstance(call, ast.Call):
            continue
        todo = [call] + [k.value for k in call.keywords if isinstance(k.value, ast.Call)]
        for c in todo:
            for k in c.keywords:
                for name, value in sink.read_only:
                    if k.arg == name and isinstance(k.value, ast.Constant) and k.value.value is value:
                        return True
    return False


def statement_arg(sink: Sink, args: list, keywords: dict):
    """The argument holding the statement: a keyword the sink names, else the one at its position."""
    for k in sink.keywords:
        if k in keywords:
            return keywords[k]
    return args[sink.arg] if len(args) > sink.arg else None


# Instructions another model interprets and acts on: the string decides what is done, whatever the
# schema says of its type (a sub-agent's prompt is the same case, read by the scanners' agent rules).
# (receiver pattern, methods, module prefixes, methods that act on the page rather than read it)
INTERPRETED: tuple[tuple[re.Pattern[str], frozenset[str], tuple[str, ...], frozenset[str]], ...] = (
    (re.compile(r"stagehand", re.I), frozenset({"act", "observe", "extract"}), ("@browserbasehq/stagehand", "stagehand"),
     frozenset({"act"})),
)


def interpreted(method: str, receiver: str, module: str | None) -> tuple[bool, bool] | None:
    """(acts, changes the page) when `receiver.method(instruction)` hands an instruction to a model
    that carries it out (Stagehand's act/observe/extract), else None."""
    for pattern, methods, modules, acting in INTERPRETED:
        if method in methods and (pattern.search(receiver) or (module and module.startswith(modules))):
            return True, method in acting
    return None


# TypeScript: methods of a sandbox's, shell's or container's command runner (`sandbox.commands.run(cmd)` of E2B,
# `sandbox.process.executeCommand(cmd)` and `executeSessionCommand(id, { command })` of Daytona) and where the
# command is: an argument position, or the key of an options object. (Code runners: system.TS_CODE_RUN_NAMES.)
TS_COMMAND_METHODS: dict[str, int | str] = {
    "exec": 0, "run": 0, "spawn": 0, "execute": 0, "execCommand": 0, "runCommand": 0, "executeCommand": 0,
    "executeSessionCommand": "command",
}


# TypeScript: calls that open the tool's own sandbox or browser session to work in (E2B `Sandbox.create()`,
# Daytona `daytona.create()`, Browserbase `bb.sessions.create()`, `Stagehand.create()`), in a file importing that SDK: the tool's
# workspace, not a change to anything of the user's (what the tool then runs there is judged on its own).
# (receiver pattern, method, module prefixes)
TS_OWN_WORKSPACE: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = (
    (re.compile(r"^Sandbox$|^CodeInterpreter$"), "create", ("e2b", "@e2b/")),
    (re.compile(r"daytona", re.I), "create", ("@daytonaio/",)),
    (re.compile(r"^sessions$"), "create", ("@browserbasehq/sdk",)),
    # Stagehand.create({ browser, ... }) (Stagehand v4): launches or attaches the tool's own browser session
    (re.compile(r"^Stagehand$"), "create", ("@browserbasehq/stagehand",)),
)


def ts_own_workspace(chain: list[str], modules: list[str]) -> bool:
    """`receiver.method(...)` (its member chain) opens the tool's own sandbox or browser session."""
    if len(chain) < 2:
        return False
    return any(chain[-1] == method and pattern.search(chain[-2]) and any(m.startswith(prefixes) for m in modules)
               for pattern, method, prefixes in TS_OWN_WORKSPACE)
