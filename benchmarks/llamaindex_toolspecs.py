#!/usr/bin/env python3
"""Write parr/scan/python/frameworks/llamaindex_toolspecs.py from llama-index-tools-* wheels, read with `ast`.

usage: llamaindex_toolspecs.py WHEEL ... > /tmp/llamaindex_toolspecs.py && mv /tmp/llamaindex_toolspecs.py parr/scan/python/frameworks/
  (not straight into the module: the effects reading imports parr, which imports it)
  e.g. for p in <PACKAGES below>; do pip download --no-deps -d /tmp/li "llama-index-tools-$p"; done
       python benchmarks/llamaindex_toolspecs.py /tmp/li/*.whl

Which wheels: no download ranking of these packages is at hand (of the 151 llama-index-tools-*
names on PyPI only llama-index-tools-mcp is among the 15,000 most downloaded), so the set is the
packages LlamaHub carried as tool specs before the 0.10 split and still kept at 0.6 or later
(search, Google Workspace, Slack, Notion, databases, code interpreters, HTTP, browsers, finance)
plus MCP: `PACKAGES` below.

Nothing is imported or run: every module of every wheel is parsed, and only names and flags are
written out (no code of the packages). What is read, per ToolSpec class (a class whose bases lead,
by name, to llama-index-core's `BaseToolSpec`):

- `spec_functions`: the names `to_tool_list()` hands the model, in order; an entry that is a
  (sync, async) pair is named by its first (GoogleSearchToolSpec). `to_tool_list(spec_functions=
  [...])` at the call site narrows them, which the scanner reads.
- A class whose `spec_functions` is empty or grown at run time (`self.spec_functions.append(...)`:
  ZapierToolSpec), or that overrides `to_tool_list` (McpToolSpec lists an MCP server's tools), is
  written with no tools: the scanner reports a site instead of silence.

llama-hub (`from llama_hub.tools.metaphor.base import MetaphorToolSpec`), the package LlamaIndex up
to 0.9 took its tool specs from before they moved to llama-index-tools-*, is written to a module of
its own, parr/scan/python/frameworks/llamahub_toolspecs.py, when the wheels given are llama-hub's:

  llamaindex_toolspecs.py llama_hub-0.0.79.post1-py3-none-any.whl llama_hub-0.0.75-py3-none-any.whl \
      > /tmp/llamahub_toolspecs.py && mv /tmp/llamahub_toolspecs.py parr/scan/python/frameworks/

A repository pins one release of it, which parr cannot tell, so each class gets the union of its
spec functions over the releases read (the newest release's order first): the final 0.0.79.post1,
and 0.0.75, the last before MetaphorToolSpec was emptied for ExaToolSpec (0.0.76). Over all 85
releases the lists otherwise only grew (CogniswitchToolSpec's `knowledge_status`, 0.0.62), and
ZapierToolSpec's is made at run time in both; a class whose list is made at run time (or that
overrides to_tool_list) in any release read is written with no tools. Each tool is judged from the
newest release that has it. Jupyter checkpoint copies in the wheel (`.ipynb_checkpoints/`) are
not read.

Whether a tool changes state, and whether its input is typed, is decided from what the method's
body calls, by parr's own effects reading (a scan of the extracted sources, which reads a
BaseToolSpec subclass's spec functions: e-mail and Slack sends, calendar and draft writes, HTTP
POST/PUT/PATCH/DELETE, SQL or Cypher the model writes, code execution, file writes), so the same
rule judges a spec whether it is defined in the scanned repository or used from a package. A
method whose one input is SQL, a query language, a request body or code run as one raw string is
untyped. `_OVERRIDES` corrects the few verdicts where that reading is wrong for the package's code.
"""

from __future__ import annotations

import ast
import re
import sys
import zipfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))  # this checkout's parr, not an installed one
sys.path.insert(0, str(Path(__file__).resolve().parent))  # the generators' shared helpers
from wheel_reading import parr_verdicts  # noqa: E402

PACKAGES = (
    "arxiv", "azure-code-interpreter", "bing-search", "brave-search", "cassandra", "code-interpreter", "database",
    "duckduckgo", "exa", "finance", "google", "graphql", "jira", "mcp", "metaphor", "multion", "neo4j", "notion",
    "openai-image-generation", "openapi", "playwright", "python-file", "requests", "salesforce", "shopify", "slack",
    "tavily-research", "text-to-image", "vector-db", "waii", "weather", "wikipedia", "wolfram-alpha",
    "yahoo-finance", "yelp", "zapier",
)
# (pattern on "<Class> <tool name>", mutating, typed, caps): first match wins over the effects reading.
_OVERRIDES: tuple[tuple[str, bool, bool, tuple[str, ...]], ...] = (
    # a GraphQL document the model writes may be a mutation (Shopify's Admin API takes both)
    (r"^(GraphQLToolSpec|ShopifyToolSpec) ", True, False, ("http_write",)),
    # SOQL/SOSL are read-only query languages, written whole by the model
    (r"^SalesforceToolSpec execute_so[qs]l$", False, False, ("http",)),
    # CQL and SQL the model writes, run against the database as given (the reading misses the driver)
    (r"^CassandraDatabaseToolSpec cassandra_db_query$", True, False, ("sql",)),
    (r"^WaiiToolSpec run_query$", True, False, ("sql",)),
    # the model's Python run in an Azure container session
    (r"^AzureCodeInterpreterToolSpec code_interpreter$", True, False, ("code_execution",)),
    # MultiOn drives a browser that acts on pages (clicks, forms, purchases) on the model's instruction
    (r"^MultionToolSpec browse$", True, False, ("browser",)),
    # fetches one issue: "issue" is its subject, not a verb
    (r"^JiraToolSpec jira_issue_query$", False, True, ("http",)),
    # generates images and returns their URLs; nothing is stored
    (r"^TextToImageToolSpec generate_image", False, True, ("http",)),
)


class Reader:
    def __init__(self, package: str = "llama_index") -> None:
        self.package = package  # the folder of the wheels read: llama_index, or llama_hub/tools
        self.classes: dict[str, tuple[str, list[str], ast.ClassDef]] = {}  # name -> (wheel path, bases, node)
        self.versions: list[str] = []
        self.sources: dict[str, bytes] = {}
        self.dynamic: set[str] = set()  # spec classes whose tools are made at run time (filled by specs())

    def read_wheel(self, path: Path) -> None:
        dist = path.name.split("-")
        self.versions.append(f"{dist[0].replace('_', '-')} {dist[1]}")
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                if not (info.filename.startswith(self.package + "/") and info.filename.endswith(".py")) \
                        or ".ipynb_checkpoints/" in info.filename:
                    continue
                data = zf.read(info)
                self.sources[info.filename] = data
                try:
                    tree = ast.parse(data)
                except SyntaxError:
                    continue
                for node in ast.walk(tree):
                    if isinstance(node, ast.ClassDef):
                        bases = [b.attr if isinstance(b, ast.Attribute) else getattr(b, "id", "") for b in node.bases]
                        self.classes.setdefault(node.name, (info.filename, bases, node))

    def is_spec(self, name: str, seen: frozenset = frozenset()) -> bool:
        if name not in self.classes or name in seen:
            return False
        return any(b == "BaseToolSpec" or self.is_spec(b, seen | {name}) for b in self.classes[name][1])

    def specs(self) -> dict[str, tuple[str, list[tuple[str, str]]]]:
        """class -> (wheel path, [(tool name, method)]); no tools: made at run time."""
        out = {}
        for name, (path, _bases, node) in sorted(self.classes.items()):
            if not self.is_spec(name):
                continue
            funcs: list | None = None
            for st in node.body:
                target = st.target if isinstance(st, ast.AnnAssign) else (
                    st.targets[0] if isinstance(st, ast.Assign) and len(st.targets) == 1 else None)
                if isinstance(target, ast.Name) and target.id == "spec_functions" and isinstance(st.value, (ast.List, ast.Tuple)):
                    funcs = []
                    for e in st.value.elts:
                        first = e.elts[0] if isinstance(e, ast.Tuple) and e.elts else e
                        if isinstance(first, ast.Constant) and isinstance(first.value, str):
                            funcs.append((first.value, first.value))
            dynamic = any(isinstance(n, ast.Attribute) and n.attr == "spec_functions"
                          and isinstance(getattr(n, "ctx", None), ast.Load) and _grown(node, n) for n in ast.walk(node))
            overrides = any(isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) and f.name == "to_tool_list"
                            for f in node.body)
            if dynamic or overrides or funcs is None:
                self.dynamic.add(name)
            out[name] = (path, [] if dynamic or overrides or funcs is None else funcs)
        return out


def _grown(cls: ast.ClassDef, attr: ast.Attribute) -> bool:
    """self.spec_functions.append(...) / .extend(...) somewhere in the class."""
    for n in ast.walk(cls):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in ("append", "extend") \
                and isinstance(n.func.value, ast.Attribute) and n.func.value.attr == "spec_functions":
            return True
    return False


def effects_reading(reader: Reader) -> dict[tuple[str, str], dict]:
    """(path, tool name) -> parr's verdict on that spec function, from a scan of the extracted sources."""
    return {(t["file"], t["name"]): t for t in parr_verdicts(reader.sources)}


def render(reader: Reader) -> tuple[str, list[str]]:
    specs = reader.specs()
    reading = effects_reading(reader)
    notes: list[str] = []
    lines = [
        '"""LlamaIndex tool specs of llama-index-tools-* packages: the tools each to_tool_list() hands out, as data',
        "(generated: do not edit).",
        "",
        "Written by benchmarks/llamaindex_toolspecs.py from the wheels of:",
        *(f"  {v}" for v in sorted(reader.versions)),
        "read with `ast` (names and flags only). Its docstring says how the packages were chosen and",
        "the rule that decides which tools change state.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "# ToolSpec class -> ((name the model sees, mutating, typed, capabilities), ...), in spec_functions order;",
        "# no tools: the spec makes its tools at run time (an MCP server, an API's action list).",
        "TOOLSPECS: dict[str, tuple[tuple[str, bool, bool, tuple[str, ...]], ...]] = {",
    ]
    for cls, (path, funcs) in specs.items():
        if not funcs:
            lines.append(f"    {cls!r}: (),")
            continue
        lines.append(f"    {cls!r}: (")
        for name, _meth in funcs:
            lines.append(f"        {(name,) + _verdict(cls, name, path, reading, notes)!r},")
        lines.append("    ),")
    lines.append("}")
    return "\n".join(lines) + "\n", notes


def _verdict(cls: str, name: str, path: str, reading: dict, notes: list[str]) -> tuple:
    verdict = next(((m, t, c) for p, m, t, c in _OVERRIDES if re.search(p, f"{cls} {name}")), None)
    if verdict is None:
        t = reading.get((path, name))
        if t is None:
            notes.append(f"{cls}.{name}: no effects reading; taken as mutating")
            return (True, True, ())
        verdict = (bool(t["mutating"]), bool(t["typed"]), tuple(t["capabilities"]))
    return verdict


def _release(version: str) -> tuple:
    return tuple(int(x) if x.isdigit() else -1 for x in re.split(r"[.]|post", version) if x)


def render_hub(readers: list[Reader]) -> tuple[str, list[str]]:
    """The llama-hub module: `readers` one per release, newest first; each class's tools are the union
    of its spec functions over them, judged from the newest release that has each."""
    notes: list[str] = []
    merged: dict[str, list[tuple[str, tuple]]] = {}
    dynamic: set[str] = set()
    for reader in readers:
        specs = reader.specs()
        dynamic |= reader.dynamic
        reading = effects_reading(reader)
        for cls, (path, funcs) in specs.items():
            have = merged.setdefault(cls, [])
            for name, _meth in funcs:
                if name not in {n for n, _ in have}:
                    have.append((name, _verdict(cls, name, path, reading, notes)))
    lines = [
        '"""llama-hub tool specs (the package LlamaIndex up to 0.9 took its tool specs from): the tools each',
        "to_tool_list() hands out, as data (generated: do not edit).",
        "",
        "Written by benchmarks/llamaindex_toolspecs.py from the wheels of:",
        *(f"  {v}" for r in readers for v in r.versions),
        "read with `ast` (names and flags only): each class's spec functions over those releases (a repository",
        "pins one of them, which parr cannot tell). Its docstring says why these releases, and the rule that",
        "decides which tools change state.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "# ToolSpec class -> ((name the model sees, mutating, typed, capabilities), ...), in spec_functions order;",
        "# no tools: the spec makes its tools at run time (an API's action list).",
        "LLAMAHUB_TOOLSPECS: dict[str, tuple[tuple[str, bool, bool, tuple[str, ...]], ...]] = {",
    ]
    for cls in sorted(merged):
        tools = [] if cls in dynamic else merged[cls]
        if not tools:
            lines.append(f"    {cls!r}: (),")
            continue
        lines.append(f"    {cls!r}: (")
        for name, verdict in tools:
            lines.append(f"        {(name,) + verdict!r},")
        lines.append("    ),")
    lines.append("}")
    return "\n".join(lines) + "\n", notes


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    hub = [w for w in argv if Path(w).name.startswith("llama_hub-")]
    if hub and len(hub) != len(argv):
        print("llama-hub wheels are written to a module of their own: give them alone", file=sys.stderr)
        return 2
    if hub:
        readers = []
        for wheel in sorted(hub, key=lambda w: _release(Path(w).name.split("-")[1]), reverse=True):
            reader = Reader("llama_hub/tools")
            reader.read_wheel(Path(wheel))
            readers.append(reader)
        text, notes = render_hub(readers)
    else:
        reader = Reader()
        for wheel in argv:
            reader.read_wheel(Path(wheel))
        text, notes = render(reader)
    for note in notes:
        print(note, file=sys.stderr)
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
