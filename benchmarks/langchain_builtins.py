#!/usr/bin/env python3
"""Write parr/scan/python/frameworks/langchain_builtins.py from LangChain's Python wheels, read with `ast`.

usage: langchain_builtins.py WHEEL ... > parr/scan/python/frameworks/langchain_builtins.py
  e.g. pip download --no-deps -d /tmp/lc langchain-community langchain-core langchain-tavily \\
           langchain-google-community langchain-experimental
       python benchmarks/langchain_builtins.py /tmp/lc/*.whl

Nothing is imported or run: every module of every wheel is parsed, and only names and flags are
written out (no code of the packages). What is read:

- Tool classes: every class whose bases lead (by name, across the wheels) to langchain_core's
  BaseTool, Tool or StructuredTool, and the `name` default it or its nearest base declares. A class
  without one is named at run time (`GitHubAction(name=...)`) and left out: parr reads a `name=`
  given where it is built only for classes it knows.
- Toolkits: every BaseToolkit subclass, and the tool classes its `get_tools()` names, directly or
  through a module-level list or dict it reads (`_FILE_TOOLS_MAP`), or, when it returns a field
  (`return self.tools`), the tool classes the toolkit's own constructors name. A toolkit whose get_tools()
  names no tool class, or builds one with a `name=` it computes (GitHub, Jira, Steam, Zapier: tools
  made from run-time operation lists), is listed
  with no tools, so the scanner reports a site instead of silence. A get_tools() that reads
  `self.selected_tools` takes the names given at the call site (FileManagementToolkit): recorded as
  the keyword; where the call site gives none (or parr cannot read it), all of them.
- Agent constructors (`create_sql_agent`, `create_pandas_dataframe_agent`, ...): the tool classes
  each builds itself (directly or through the constructor it returns), its `toolkit` parameter and
  the toolkit it builds when given none (`toolkit or SQLDatabaseToolkit(llm=llm, db=db)`), and its
  tool-list parameters (`tool`, `tools`, `extra_tools`) with their positions.
- load_tools names: the keys of langchain_community.agent_toolkits.load_tools' tables, each with the
  tool its loader returns (a known class, or the literal name of the `Tool(...)` it builds).

Whether a tool changes state is decided by this rule (checked against each class's `_run`):
file write, delete, move and copy; a shell; a Python (or other code) REPL or sandbox; model-written
SQL, CQL or GraphQL run against a database (mutating and untyped: the statement is the model's);
HTTP POST/PUT/PATCH/DELETE requests tools; and a tool whose name leads with a verb that sends,
creates, updates, writes, deletes, moves, schedules, appends, clears, closes or transfers (Gmail/Office 365
send and draft, Slack send and schedule, Calendar/Tasks/Sheets writes, AINetwork operations and
transfers, MultiOn sessions, Cogniswitch uploads, Memorize's fine-tuning), and a Playwright tool whose
page method acts on the page by parr's browser table (click_element). Browsing, search, reading
and text-to-speech/image generation do not. A tool is untyped when its one input is a statement or
command that is run (shell, code, SQL/CQL/GraphQL) or a raw request (requests_*); a query checker
hands the model's SQL to a model for review, not to a database, and is a typed read.
"""

from __future__ import annotations

import ast
import re
import sys
import zipfile
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))  # the generators' shared helpers
from wheel_reading import last_name  # noqa: E402
from parr.scan.effects_kb import browsers  # noqa: E402  (parr's one browser table; wheel_reading put parr on the path)

_ROOTS = {"BaseTool", "Tool", "StructuredTool"}
# The agent executor's own plumbing (InvalidTool, ExceptionTool): never given to a model by a user.
_INTERNAL = ("langchain_classic.agents.", "langchain.agents.")
_PACKAGES = ("langchain_community", "langchain_core", "langchain_tavily", "langchain_google_community",
             "langchain_experimental", "langchain_exa", "langchain_classic", "langchain")

# The rule above, as data: (pattern on "<module> <Class> <tool name>", mutating, typed, caps).
# First match wins; no match: a read over HTTP.
_RULES: tuple[tuple[str, bool, bool, tuple[str, ...]], ...] = (
    (r"file_management\.(write|delete|move|copy)\b", True, True, ("file_write",)),
    (r"file_management\.", False, True, ("file_read",)),
    (r"\.shell\.", True, False, ("shell",)),
    (r"python.*REPL|\.riza\.|e2b_data_analysis", True, False, ("code_execution",)),
    (r"\bQuery(SQLDataBase|SQLDatabase|SparkSQL|CassandraDatabase)Tool\b", True, False, ("sql",)),
    (r"\b(QuerySQLChecker|QueryChecker)Tool\b", False, True, ()),
    (r"\bQueryPowerBITool\b", False, False, ("http",)),  # DAX: a query language without writes
    (r"graphql\.", True, False, ("http_write",)),  # a model-written GraphQL document may be a mutation
    (r"Requests(Post|Put|Patch|Delete)Tool", True, False, ("http_write",)),
    (r"RequestsGetTool", False, False, ("http",)),
    (r"(sql_database|spark_sql|cassandra_database|powerbi)\.", False, True, ()),
    (r"\b(AINTransfer)\b", True, True, ("payment",)),
    (r"load_tools twilio", True, True, ("http_write",)),  # sends a text message
    (r"ainetwork\.", True, True, ("http_write",)),  # set values, rules, owners on the AIN chain
    (r"(gmail|office365)\..* (send|create)_\w*$", True, True, ("email",)),
    (r"cogniswitch\..* cogniswitch_knowledge_source", True, True, ("http_write",)),
    (r"memorize\.", True, True, ("http_write",)),  # fine-tunes the model on what it is given
    (r" (send|create|update|write|delete|move|schedule|append|clear|close|transfer)_\w*$", True, True, ("http_write",)),
    (r" sheets_(append|batch_update|clear|create|update)", True, True, ("http_write",)),
    (r"playwright\.|multion\.", False, True, ("browser",)),  # browsing; a page action: _acts_on_page
    (r"(json\.tool|sleep\.|human\.|current_datetime|few_shot)", False, True, ()),
)


def _acts_on_page(module: str) -> bool:
    """A Playwright tool whose module is named for the page method it calls (tools/playwright/click.py
    runs page.click): acting as parr's one browser table (effects_kb.browsers) says for that method."""
    return ".playwright." in module and browsers.method_action(module.rsplit(".", 1)[-1]) == "acts"


def _effects(module: str, cls: str, name: str) -> tuple[bool, bool, tuple[str, ...]]:
    if _acts_on_page(module):
        return True, True, ("browser",)
    key = f"{module} {cls} {name}"
    for pattern, mutating, typed, caps in _RULES:
        if re.search(pattern, key):
            return mutating, typed, caps
    return False, True, ("http",)


def _str_default(cls: ast.ClassDef, field: str) -> str | None:
    for st in cls.body:
        target = st.target if isinstance(st, ast.AnnAssign) else (
            st.targets[0] if isinstance(st, ast.Assign) and len(st.targets) == 1 else None)
        value = getattr(st, "value", None)
        if isinstance(target, ast.Name) and target.id == field and isinstance(value, ast.Constant) \
                and isinstance(value.value, str):
            return value.value
    return None


class Reader:
    def __init__(self) -> None:
        self.classes: dict[str, list[tuple[str, list[str], str | None, ast.ClassDef, ast.Module]]] = {}
        self.versions: list[str] = []
        self.load_tools: ast.Module | None = None
        self.functions: dict[str, ast.FunctionDef] = {}

    def read_wheel(self, wheel: Path) -> None:
        parts = wheel.name.split("-")
        self.versions.append(f"{parts[0].replace('_', '-')} {parts[1]}")
        with zipfile.ZipFile(wheel) as z:
            for n in sorted(z.namelist()):
                if not n.endswith(".py") or "/tests/" in n or not n.startswith(_PACKAGES):
                    continue
                try:
                    tree = ast.parse(z.read(n))
                except SyntaxError:
                    continue
                module = n[:-3].replace("/", ".").removesuffix(".__init__")
                if module == "langchain_community.agent_toolkits.load_tools":
                    self.load_tools = tree
                for f in tree.body:
                    if isinstance(f, ast.FunctionDef) and f.name.startswith("create_") and f.name.endswith("_agent") \
                            and ".agent_toolkits." in module:
                        self.functions.setdefault(f.name, f)
                for c in ast.walk(tree):
                    if isinstance(c, ast.ClassDef):
                        bases = [b for b in (last_name(x) for x in c.bases) if b]
                        self.classes.setdefault(c.name, []).append((module, bases, _str_default(c, "name"), c, tree))

    def is_a(self, cls: str, roots: set[str], seen: frozenset = frozenset()) -> bool:
        for _, bases, _, _, _ in self.classes.get(cls, []):
            for b in bases:
                if b in roots or (b not in seen and b != cls and self.is_a(b, roots, seen | {cls})):
                    return True
        return False

    def tool_name(self, cls: str, seen: frozenset = frozenset()) -> str | None:
        for _, bases, name, _, _ in self.classes.get(cls, []):
            if name:
                return name
            for b in bases:
                if b not in seen and b != cls and b not in _ROOTS:
                    found = self.tool_name(b, seen | {cls})
                    if found:
                        return found
        return None

    def tools(self) -> dict[str, tuple[str, str]]:
        """Tool class -> (name the model sees, module), for classes with a static name."""
        out = {}
        for cls in sorted(self.classes):
            if cls in _ROOTS or not self.is_a(cls, _ROOTS) or self.classes[cls][0][0].startswith(_INTERNAL):
                continue
            name = self.tool_name(cls)
            if name:
                out[cls] = (name, self.classes[cls][0][0])
        return out

    def toolkits(self, tools: dict) -> dict[str, tuple[tuple[str, ...], str | None]]:
        """Toolkit class -> (tool classes its get_tools() names, the keyword that selects some)."""
        out = {}
        for cls in sorted(self.classes):
            if not self.is_a(cls, {"BaseToolkit"}):
                continue
            for _, _, _, node, module in self.classes[cls]:
                method = next((s for s in node.body if isinstance(s, ast.FunctionDef) and s.name == "get_tools"), None)
                if method is None:
                    continue
                consts = {t.id: st.value for st in module.body if isinstance(st, (ast.Assign, ast.AnnAssign))
                          for t in (st.targets if isinstance(st, ast.Assign) else [st.target]) if isinstance(t, ast.Name)}
                named: list[str] = []
                # get_tools() returning self.tools: the tools the class's constructors put there
                # (PolygonToolkit.from_polygon_api_wrapper)
                returns_field = any(isinstance(r, ast.Return) and isinstance(r.value, ast.Attribute)
                                    for r in ast.walk(method))
                todo = [node if returns_field else method]
                done: set[str] = set()
                while todo:
                    for n in ast.walk(todo.pop(0)):
                        if isinstance(n, ast.Name) and n.id in tools and n.id not in named:
                            named.append(n.id)
                        elif isinstance(n, ast.Name) and n.id in consts and n.id not in done:
                            done.add(n.id)
                            todo.append(consts[n.id])
                renamed = any(isinstance(c, ast.Call) and last_name(c.func) in named and any(
                    k.arg == "name" and not isinstance(k.value, ast.Constant) for k in c.keywords) for c in ast.walk(node))
                if renamed:  # SteamWebAPIQueryRun(name=action["name"]): named at run time, not by the class
                    named = []
                selector = next((a.attr for a in ast.walk(method) if isinstance(a, ast.Attribute)
                                 and isinstance(a.value, ast.Name) and a.value.id == "self"
                                 and a.attr.startswith("selected_")), None)
                out[cls] = (tuple(named), selector)
                break
        return out

    def agents(self, tools: dict, toolkits: dict) -> dict[str, tuple]:
        """create_*_agent -> (tool classes it always builds, toolkit parameter and position, the
        toolkit class it builds when given none, tool-list parameters and positions)."""
        out = {}
        for name, f in sorted(self.functions.items()):
            params = [a.arg for a in f.args.args]
            fixed: list[str] = []
            default_kit = None
            for n in ast.walk(f):
                if isinstance(n, ast.Call) and last_name(n.func) in tools and last_name(n.func) not in fixed:
                    fixed.append(last_name(n.func))  # tools = [PythonAstREPLTool(locals=df_locals)]
                if isinstance(n, ast.BoolOp) and isinstance(n.op, ast.Or) and len(n.values) == 2 \
                        and isinstance(n.values[0], ast.Name) and n.values[0].id == "toolkit" \
                        and isinstance(n.values[1], ast.Call) and last_name(n.values[1].func) in toolkits:
                    default_kit = last_name(n.values[1].func)  # toolkit = toolkit or SQLDatabaseToolkit(llm=llm, db=db)
            # create_csv_agent(...) returns create_pandas_dataframe_agent(...): that one's tools
            for n in ast.walk(f):
                if isinstance(n, ast.Return) and isinstance(n.value, ast.Call) and last_name(n.value.func) in self.functions \
                        and last_name(n.value.func) != name:
                    inner = self.agents_one(last_name(n.value.func), tools)
                    fixed += [t for t in inner if t not in fixed]
            kit = ("toolkit", params.index("toolkit")) if "toolkit" in params else None
            given = tuple((p, params.index(p) if p in params else -1) for p in ("tool", "tools", "extra_tools")
                          if p in params or p in [a.arg for a in f.args.kwonlyargs])
            if fixed or kit or given:
                out[name] = (tuple(fixed), kit, default_kit, given)
        return out

    def agents_one(self, name: str, tools: dict) -> list[str]:
        f = self.functions[name]
        return list(dict.fromkeys(last_name(n.func) for n in ast.walk(f) if isinstance(n, ast.Call) and last_name(n.func) in tools))

    def load_tool_names(self, tools: dict) -> dict[str, str]:
        """load_tools key -> the tool class its loader returns, or "=<literal name>" of a Tool(...)."""
        if self.load_tools is None:
            return {}
        funcs = {f.name: f for f in self.load_tools.body if isinstance(f, ast.FunctionDef)}
        out: dict[str, str] = {}
        for st in self.load_tools.body:
            target = st.target if isinstance(st, ast.AnnAssign) else (st.targets[0] if isinstance(st, ast.Assign) else None)
            if not (isinstance(target, ast.Name) and isinstance(st.value, ast.Dict)):
                continue
            for k, v in zip(st.value.keys, st.value.values):
                fn = v.elts[0] if isinstance(v, ast.Tuple) else v
                if not (isinstance(k, ast.Constant) and isinstance(fn, ast.Name) and fn.id in funcs):
                    continue
                ret = next((r.value for r in ast.walk(funcs[fn.id]) if isinstance(r, ast.Return)), None)
                if not isinstance(ret, ast.Call):
                    continue
                callee = last_name(ret.func)
                if callee in tools:
                    out[k.value] = callee
                elif callee == "Tool":
                    name = next((kw.value for kw in ret.keywords if kw.arg == "name"), ret.args[0] if ret.args else None)
                    if isinstance(name, ast.Constant) and isinstance(name.value, str):
                        out[k.value] = "=" + name.value
        return out


def render(reader: Reader) -> str:
    tools = reader.tools()
    toolkits = reader.toolkits(tools)
    loads = reader.load_tool_names(tools)
    lines = [
        '"""LangChain\'s Python built-in tools, toolkits and load_tools names, as data (generated: do not edit).',
        "",
        "Written by benchmarks/langchain_builtins.py from the wheels of:",
        *(f"  {v}" for v in sorted(reader.versions)),
        "read with `ast` (names and flags only). Its docstring gives the rule that decides which tools change state.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "# class -> (name the model sees, mutating, typed, capabilities)",
        "TOOLS: dict[str, tuple[str, bool, bool, tuple[str, ...]]] = {",
    ]
    for cls, (name, module) in tools.items():
        mutating, typed, caps = _effects(module, cls, name)
        lines.append(f"    {cls!r}: ({name!r}, {mutating}, {typed}, {caps!r}),")
    lines += ["}", "", "# toolkit class -> (the tool classes get_tools() hands out, the keyword that selects some by name)",
              "TOOLKITS: dict[str, tuple[tuple[str, ...], str | None]] = {"]
    for cls, (names, selector) in toolkits.items():
        line = f"    {cls!r}: ({names!r}, {selector!r}),"
        if len(line) > 110:  # one tool class a line
            line = f"    {cls!r}: (\n        (\n" + "".join(f"            {n!r},\n" for n in names) + f"        ),\n        {selector!r},\n    ),"
        lines.append(line)
    lines += ["}", "", "# create_*_agent -> (tool classes it always builds, (toolkit parameter, position) or None,",
              "# the toolkit class it builds when given none, ((tool-list parameter, position), ...); -1: keyword only)",
              "AGENTS: dict[str, tuple] = {"]
    for name, entry in reader.agents(tools, toolkits).items():
        lines.append(f"    {name!r}: {entry!r},")
    lines += ["}", "", '# load_tools(["key", ...]) -> (name, mutating, typed, capabilities) of the tool each key builds',
              "LOAD_TOOLS: dict[str, tuple[str, bool, bool, tuple[str, ...]]] = {"]
    for key, value in sorted(loads.items()):
        if value.startswith("="):  # a plain Tool(name="Search", func=SerpAPIWrapper().run)
            entry = (value[1:],) + _effects("load_tools", key, value[1:])
        else:
            entry = (tools[value][0],) + _effects(tools[value][1], value, tools[value][0])
        lines.append(f"    {key!r}: {entry!r},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    reader = Reader()
    for wheel in argv:
        reader.read_wheel(Path(wheel))
    sys.stdout.write(render(reader))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
