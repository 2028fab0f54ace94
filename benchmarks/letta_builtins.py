#!/usr/bin/env python3
"""Write parr/scan/python/frameworks/letta_builtins.py from the Letta server wheel, read with `ast`.

usage: letta_builtins.py WHEEL > parr/scan/python/frameworks/letta_builtins.py
  e.g. pip download --no-deps -d /tmp/lt 'letta<0.17'   (the server; letta 0.32+ is Letta Code, another
       program) && python benchmarks/letta_builtins.py /tmp/lt/letta-*.whl

Nothing is imported or run; only names, flags and the first paragraph of each docstring are written
out. What is read:

- letta/constants.py: the tool-name lists (BASE_TOOLS, BASE_MEMORY_TOOLS, MULTI_AGENT_TOOLS, ...), each
  a list of string literals or of module constants bound to one (SEND_MESSAGE_TOOL_NAME).
- letta/functions/function_sets/*.py: the function of each listed name (its docstring's first
  paragraph is the description the model sees).
- letta/schemas/agent.py: CreateAgent's default `agent_type` (its default_factory's AgentType member).
- Which tools an agent created with include_base_tools (the default) gets, by its agent_type, is
  AgentManager.create_agent_async's if/elif chain, written out in _BY_TYPE below as set algebra over
  those lists (calculate_base_tools: BASE_TOOLS minus DEPRECATED_LETTA_TOOLS plus BASE_MEMORY_TOOLS, or
  BASE_MEMORY_TOOLS_V2 for v2). The chain is checked against the source: every AgentType member must be
  named in it and in _BY_TYPE, or the generator stops (a new agent type needs a look).

Whether a tool changes state is decided by _RULES (first match on the name wins): code execution runs
its input (untyped); messages to other agents set them acting with their own tools (taken as changing
state); memory edits and inserts persist in the agent's memory across sessions (as the provider memory
tools are counted); ending an edit loop, searching, reading files and replying to the user do not.
"""

from __future__ import annotations

import ast
import re
import sys
import zipfile

_RULES: tuple[tuple[str, bool, bool, tuple[str, ...]], ...] = (
    (r"^run_code", True, False, ("code_execution",)),
    (r"^(web_search|fetch_webpage)$", False, True, ("http",)),
    (r"^send_message_to_agent", True, True, ()),
    (r"search|^(finish_rethinking_memory|memory_finish_edits)$", False, True, ()),
    (r"memory|rethink|^store_memories$", True, True, ()),
)

# agent_type -> the lists it gets with include_base_tools: (add, remove) as list-name expressions;
# "v1" and "v2" stand for calculate_base_tools(is_v2=False/True). Order of create_agent_async's chain.
_BY_TYPE: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "voice_sleeptime_agent": (("BASE_VOICE_SLEEPTIME_TOOLS",), ()),
    "voice_convo_agent": (("BASE_VOICE_SLEEPTIME_CHAT_TOOLS",), ()),
    "sleeptime_agent": (("BASE_SLEEPTIME_TOOLS",), ()),
    "memgpt_v2_agent": (("v2",), ()),
    "react_agent": ((), ()),
    "letta_v1_agent": (("v2",), ("SEND_MESSAGE_TOOL_NAME",)),
    "workflow_agent": ((), ()),
    "memgpt_agent": (("v1",), ()),  # the else branch
    "split_thread_agent": (("v1",), ()),  # the else branch
}
# enable_sleeptime=True on any other type: BASE_SLEEPTIME_CHAT_TOOLS instead (checked before memgpt_v2).
_SLEEPTIME_CHAT = "BASE_SLEEPTIME_CHAT_TOOLS"


def _lists(tree: ast.Module) -> tuple[dict[str, list[str]], dict[str, str]]:
    consts: dict[str, str] = {}
    lists: dict[str, list[str]] = {}
    for st in tree.body:
        if not (isinstance(st, ast.Assign) and len(st.targets) == 1 and isinstance(st.targets[0], ast.Name)):
            continue
        name, v = st.targets[0].id, st.value
        if isinstance(v, ast.Constant) and isinstance(v.value, str):
            consts[name] = v.value
        elif isinstance(v, ast.List):
            out = []
            for e in v.elts:
                if isinstance(e, ast.Constant) and isinstance(e.value, str):
                    out.append(e.value)
                elif isinstance(e, ast.Name) and e.id in consts:
                    out.append(consts[e.id])
                else:
                    break
            else:
                lists[name] = out
    return lists, consts


def _doc(fn) -> str | None:
    doc = ast.get_docstring(fn)
    if not doc:
        return None
    para = doc.strip().split("\n\n", 1)[0]
    return " ".join(para.split()) or None


def _rule(name: str) -> tuple[bool, bool, tuple[str, ...]]:
    for pattern, mutating, typed, caps in _RULES:
        if re.search(pattern, name):
            return mutating, typed, caps
    return False, True, ()


def main(wheel: str) -> str:
    zf = zipfile.ZipFile(wheel)
    version = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
    version = re.search(r"^Version: (.+)$", zf.read(version).decode(), re.M).group(1)
    read = lambda p: ast.parse(zf.read(p))  # noqa: E731
    lists, consts = _lists(read("letta/constants.py"))
    docs: dict[str, str | None] = {}
    for path in sorted(n for n in zf.namelist() if n.startswith("letta/functions/function_sets/") and n.endswith(".py")):
        for st in read(path).body:
            if isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef)) and not st.name.startswith("_"):
                docs[st.name] = _doc(st)
    manager = zf.read("letta/services/agent_manager.py").decode()
    chain = manager[manager.index("if agent_create.include_base_tools:"):manager.index("if agent_create.include_multi_agent_tools:")]
    enum = read("letta/schemas/enums.py")
    members = [t.targets[0].id for c in enum.body if isinstance(c, ast.ClassDef) and c.name == "AgentType"
               for t in c.body if isinstance(t, ast.Assign)]
    unknown = [m for m in members if m not in _BY_TYPE]
    named = [m for m in members if f"AgentType.{m}" in chain]
    if unknown or len(named) < len(_BY_TYPE) - 2 or _SLEEPTIME_CHAT not in chain:
        sys.exit(f"create_agent_async's agent types changed: look again (unknown {unknown}, named {named})")
    agent_src = zf.read("letta/schemas/agent.py").decode()
    default = re.search(r"agent_type: AgentType = Field\(default_factory=lambda: AgentType\.(\w+)", agent_src).group(1)

    def base(v2: bool) -> list[str]:
        drop = set(lists["DEPRECATED_LETTA_TOOLS"])
        return [t for t in lists["BASE_TOOLS"] if t not in drop] + lists["BASE_MEMORY_TOOLS_V2" if v2 else "BASE_MEMORY_TOOLS"]

    by_type = {}
    for agent_type, (add, remove) in _BY_TYPE.items():
        names: list[str] = []
        for a in add:
            names += base(a == "v2") if a in ("v1", "v2") else lists[a]
        gone = {consts.get(r) or r for r in remove}
        by_type[agent_type] = tuple(dict.fromkeys(n for n in names if n not in gone))
    every = sorted({n for key in ("BASE_TOOLS", "BASE_MEMORY_TOOLS", "BASE_MEMORY_TOOLS_V2", "BASE_MEMORY_TOOLS_V3",
                                  "BASE_SLEEPTIME_TOOLS", "BASE_SLEEPTIME_CHAT_TOOLS", "BASE_VOICE_SLEEPTIME_TOOLS",
                                  "BASE_VOICE_SLEEPTIME_CHAT_TOOLS", "MULTI_AGENT_TOOLS", "BUILTIN_TOOLS", "FILES_TOOLS")
                    for n in lists[key]})
    missing = [n for n in every if n not in docs]
    if missing:
        sys.exit(f"no function in letta/functions/function_sets for {missing}")
    out = [
        '"""Letta\'s own tools, as data (generated: do not edit).',
        "",
        f"Written by benchmarks/letta_builtins.py from the wheel of letta {version}, read with `ast` (names,",
        "flags and docstrings' first paragraphs only). Its docstring says what is read and the rule that decides",
        'which tools change state."""',
        "",
        "from __future__ import annotations",
        "",
        "# name -> (mutating, typed, capabilities, description)",
        "TOOLS: dict[str, tuple[bool, bool, tuple[str, ...], str | None]] = {",
    ]
    for n in every:
        out.append(f"    {n!r}: {(*_rule(n), docs[n])!r},")
    out += ["}", "", "# agent_type -> the tools include_base_tools (the default) attaches", "BY_AGENT_TYPE: dict[str, tuple[str, ...]] = {"]
    out += [f"    {k!r}: {v!r}," for k, v in by_type.items()]
    out += ["}", f"DEFAULT_AGENT_TYPE = {default!r}",
            "# enable_sleeptime=True on an agent type the chain does not name first",
            f"SLEEPTIME_CHAT: tuple[str, ...] = {tuple(lists[_SLEEPTIME_CHAT])!r}",
            "# the types checked before enable_sleeptime in create_agent_async",
            f"BEFORE_SLEEPTIME: tuple[str, ...] = {('voice_sleeptime_agent', 'voice_convo_agent', 'sleeptime_agent')!r}",
            "# include_multi_agent_tools=True (outside Letta Cloud)",
            f"MULTI_AGENT: tuple[str, ...] = {tuple(lists['MULTI_AGENT_TOOLS'])!r}",
            "# tools an agent gets only when named in tools=[...]",
            f"BY_NAME: tuple[str, ...] = {tuple(lists['BUILTIN_TOOLS'] + lists['FILES_TOOLS'])!r}", ""]
    return "\n".join(out)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.stdout.write(main(sys.argv[1]))
