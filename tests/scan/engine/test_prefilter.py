"""The byte prefilter never loses a tool: random files hiding declarations in odd places scan the
same with and without it, and every name the extractor matches in code is one of its tokens."""

from __future__ import annotations

import ast
import random
from pathlib import Path

import pytest

from parr.scan import prefilter
from parr.scan.engine import scan_repository
from parr.scan.python import PythonScanner
from parr.scan.python import extract as extract_module

# Declarations (and near misses) in the forms a prefilter could overlook. {fn} is a unique
# function name, {alias} a random local name.
_DECLARATIONS = [
    # decorators under an alias bound by import-as, in every import layout
    "from langchain_core.tools import tool as {alias}\n\n@{alias}\ndef {fn}(query: str) -> str:\n    \"\"\"Search.\"\"\"\n    return query\n",
    "from langchain_core.tools import (\n    tool as {alias},  # the decorator\n)\n\n@{alias}\ndef {fn}(query: str) -> str:\n    return query\n",
    "from agents import \\\n    function_tool as {alias}\n\n@{alias}\ndef {fn}(city: str) -> str:\n    return city\n",
    "import agents as {alias}\n\n@{alias}.function_tool\ndef {fn}(city: str) -> str:\n    return city\n",
    "import os; from agents import function_tool as {alias}\n\n@{alias}()\ndef {fn}(city: str) -> str:\n    return os.sep + city\n",
    # star imports
    "from langchain_core.tools import *\n\n@tool\ndef {fn}(query: str) -> str:\n    return query\n",
    "from agent_framework import *\n\n@ai_function\ndef {fn}(city: str) -> str:\n    return city\n",
    # decorators applied as calls, on any receiver, and getattr
    "from mcp.server.fastmcp import FastMCP\n{alias} = FastMCP('s')\n\ndef {fn}(name: str) -> str:\n    return name\n\n{alias}.tool(name='{fn}')({fn})\n",
    "from mcp.server.fastmcp import FastMCP\n{alias} = FastMCP('s')\n\ndef {fn}(name: str) -> str:\n    return name\n\ngetattr({alias}, 'tool')()({fn})\n",
    "from mcp.server.fastmcp import FastMCP\n{alias} = FastMCP('s')\n\ndef {fn}(name: str) -> str:\n    return name\n\ngetattr({alias}, 'to' 'ol')()({fn})\n",
    # inside a class that registers its own methods, and inside a factory
    "from fastmcp import FastMCP\n\nclass {alias}:\n    def __init__(self):\n        self.mcp = FastMCP('s')\n        self.mcp.tool(name='{fn}')(self.{fn})\n\n    def {fn}(self, q: str) -> str:\n        return q\n",
    "from agents import function_tool\n\ndef make_{alias}():\n    @function_tool\n    def {fn}(q: str) -> str:\n        return q\n    return [{fn}]\n",
    # decorator names without the tool word, registration by other names
    "from semantic_kernel.functions import kernel_function\n\nclass {alias}:\n    @kernel_function(name='{fn}')\n    def {fn}(self, q: str) -> str:\n        return q\n",
    "import autogen\n\nassistant = autogen.AssistantAgent('a')\n\n@assistant.register_for_llm(name='{fn}', description='d')\ndef {fn}(q: str) -> str:\n    return q\n",
    "from agent_framework import ai_function\n\n@ai_function\ndef {fn}(q: str) -> str:\n    return q\n",
    "from browser_use import Controller\n{alias} = Controller()\n\n@{alias}.action('Do it')\ndef {fn}(q: str) -> str:\n    return q\n",
    # tool lists and dicts
    "from langgraph.prebuilt import create_react_agent\n\ndef {fn}(q: str) -> str:\n    return q\n\nagent = create_react_agent(model, [{fn}])\n",
    "FUNCTIONS = [{{'type': 'function', 'function': {{'name': '{fn}', 'parameters': {{}}}}}}]\n",
    "{alias} = {{'name': '{fn}', 'input_schema': {{'type': 'object', 'properties': {{}}}}}}\n",
    "functions = [{fn}]\n\ndef {fn}(q: str) -> str:\n    return q\n",
]
# Files that declare nothing: helpers other files' tools call, clients, constants.
_PLAIN = [
    "import subprocess\n\ndef run_{fn}(cmd: str) -> str:\n    return subprocess.run(cmd, shell=True).stdout\n",
    "from openai import OpenAI\n\nclient = OpenAI(timeout=5)\n\ndef ask_{fn}(q: str) -> str:\n    return q\n",
    "NAME_{fn} = '{fn}'\n\nclass Mode_{alias}:\n    pass\n",
    "import boto3\n\ndef delete_{fn}(bucket: str) -> None:\n    boto3.client('s3').delete_bucket(Bucket=bucket)\n",
]
_FILLER = ["", "import os\n", "# a comment that says nothing\n", "X = 1\n", "\"\"\"Module docstring.\"\"\"\n"]


def _random_file(rng: random.Random, i: int) -> str:
    fn = f"f{i}_{rng.randrange(10**6)}"
    alias = rng.choice(["t", "deco", "registry", "srv", "Kit", "_x"]) + str(i)
    body = rng.choice(_DECLARATIONS if rng.random() < 0.7 else _PLAIN).format(fn=fn, alias=alias)
    return rng.choice(_FILLER) + body + rng.choice(_FILLER)


def _random_repo(root: Path, seed: int) -> None:
    rng = random.Random(seed)
    files = [_random_file(rng, i) for i in range(rng.randint(3, 8))]
    # a tool module that lists another module's plain helper: resolve reads the helper in full
    files.append(f"from agents import Agent\nfrom pkg.mod{len(files) + 1} import run_helper\n\n"
                 "agent = Agent(name='a', tools=[run_helper])\n")
    files.append("def run_helper(q: str) -> str:\n    \"\"\"Help.\"\"\"\n    return q\n")
    pkg = root / "pkg"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    for i, text in enumerate(files):
        (pkg / f"mod{i}.py").write_text(text)


def _scan_json(root: Path, monkeypatch: pytest.MonkeyPatch, on: bool) -> str:
    monkeypatch.setenv("PARR_SCAN_PREFILTER", "1" if on else "0")
    return scan_repository(root, use_cache=False, jobs=1).model_dump_json()


@pytest.mark.parametrize("seed", range(12))
def test_random_repositories_scan_the_same_with_and_without_the_prefilter(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "repo"
    _random_repo(root, seed)
    with_prefilter = _scan_json(root, monkeypatch, on=True)
    without = _scan_json(root, monkeypatch, on=False)
    assert with_prefilter == without
    assert '"name":"run_helper"' in with_prefilter  # found through a file the prefilter only indexed


@pytest.mark.parametrize("seed", range(4))
def test_a_file_the_prefilter_only_indexes_declares_nothing_when_parsed(seed: int) -> None:
    rng = random.Random(1000 + seed)
    scanner = PythonScanner()
    indexed = 0
    for i in range(150):
        text = _random_file(rng, i).encode()
        if prefilter.python_can_declare(text):
            continue
        indexed += 1
        full = scanner.extract_full(f"pkg/m{i}.py", text)
        assert not full["tools"] and not full.get("unresolved"), text.decode()
    assert indexed > 0  # the plain helpers: the test reaches the indexed path


def test_each_declaration_form_is_parsed_in_full() -> None:
    for template in _DECLARATIONS:
        text = template.format(fn="lookup", alias="t").encode()
        if "'to' 'ol'" in template:
            continue  # a name split across literals: no scanner reads it, so nothing is lost
        assert prefilter.python_can_declare(text), template


def test_a_plain_helper_is_only_indexed() -> None:
    assert not prefilter.python_can_declare(_PLAIN[0].format(fn="x", alias="y").encode())


def test_the_switch_turns_the_prefilter_off(monkeypatch: pytest.MonkeyPatch) -> None:
    plain = b"def helper():\n    return 1\n"
    assert not prefilter.python_can_declare(plain) and not prefilter.typescript_can_declare(plain)
    monkeypatch.setenv("PARR_SCAN_PREFILTER", "0")
    assert prefilter.python_can_declare(plain) and prefilter.typescript_can_declare(plain)
    # facts cached under one setting never answer for the other
    assert PythonScanner().facts_version.endswith("+noprefilter")


# Names compared with a call's or decorator's last name, or read as a keyword (`_kw`), that only
# matter inside a construct some token already marks (a tool call's name=, a registry method).
_CONTEXT_ONLY = frozenset(
    """Agent LlmAgent SequentialAgent ParallelAgent LoopAgent FastMCP MCPServer append extend copy values get
    getattr pop register from_defaults from_function description name default annotations fn func async_fn
    coroutine guardrails plugin parameters args_schema insert
    agent agent_name target update server app code_executor output_key output_schema output_type
    Process Thread Timer args kwargs instructions type""".split())  # insert: agent.handoffs.insert(...), marked by "andoff"
# code_executor, output_key, output_schema, output_type: what an agent can do, read when a tool that runs it as a
# sub-agent reaches its file (resolve reads that file in full then); they declare no tool.
# agent, agent_name, target: inside an AG2 OnCondition (its own token); update, target: Command(update=...)
# and ReplyResult(target=...) in a tool's body (the tool is the token); server, app: FastMCP.mount(...)
# in a file that names FastMCP (a token). Process, Thread, Timer, args, kwargs: a worker a tool's body
# starts (Process(target=..., args=...)), read with that body (the tool is the token). instructions: a
# Semantic Kernel agent's, read as its description when it is given in plugins=[...] (plugins is the token).
# type: a parameter spec's (ToolParameter(type="string")), read in a tool class the file is parsed for.


def _compared_names() -> set[str]:
    """String constants extract.py compares with `last` / `ctor_last` or reads with `_kw`."""
    tree = ast.parse(Path(extract_module.__file__).read_text())
    names: set[str] = set()

    def consts(node):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value
        elif isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            for e in node.elts:
                yield from consts(e)

    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and isinstance(node.left, ast.Name) and node.left.id in ("last", "ctor_last"):
            for c in node.comparators:
                names.update(consts(c))
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "_kw":
            for a in node.args[1:]:
                names.update(consts(a))
    return names


def test_every_name_the_extractor_matches_is_a_token() -> None:
    search = prefilter._python_tool_re().search
    # A name counts as covered when one of the forms code writes it in holds a token: the bare
    # name, a method (`.action`), a call (`Function(`), a dict key or value (`"function"`).
    forms = ("{}", ".{}", "{}(", "'{}'", '"{}"')
    missing = sorted(n for n in _compared_names() - _CONTEXT_ONLY
                     if not any(search(f.format(n).encode()) for f in forms))
    assert not missing, f"add to extract.prefilter_names() (or _CONTEXT_ONLY, saying why): {missing}"
    for word in ("tool", "Tool", "TOOL", "ai_function", "llm_function", "register_function", "function_tool"):
        assert search(word.encode()) is not None  # _TOOL_DECORATOR's words


# Files the wider token list now parses in full, and what the full parse must not call a tool.
_TRAPS = {
    "fastmcp_prompt": ("from fastmcp.prompts import Prompt\n\ndef helper() -> str:\n    return 'x'\n\n"
                       "p = Prompt.from_function(helper, name='p', description='d')\n", []),
    "fastmcp_tool": ("from fastmcp.tools import Tool\n\ndef helper(q: str) -> str:\n    return q\n\n"
                     "p = Tool.from_function(helper, name='p', description='d')\n", ["p"]),
    "agno_registry": ("from agno.registry import Registry\n\ndef f(q: str) -> str:\n    return q\n\n"
                      "r = Registry(name='r', functions=[f])\n", []),
    "autogen_functions": ("from autogen import ConversableAgent\n\ndef f(q: str) -> str:\n    return q\n\n"
                          "a = ConversableAgent('a', functions=[f])\n", ["f"]),
}


@pytest.mark.parametrize("case", sorted(_TRAPS))
def test_prompts_and_registries_are_not_tools(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    source, expected = _TRAPS[case]
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / "app.py").write_text(source)
    result = scan_repository(tmp_path / "repo", use_cache=False, jobs=1)
    assert [t.name for t in result.tools] == expected
