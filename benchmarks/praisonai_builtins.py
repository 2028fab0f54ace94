#!/usr/bin/env python3
"""Write parr/scan/python/frameworks/praisonai_builtins.py from the praisonaiagents wheel, read with `ast`.

usage: praisonai_builtins.py WHEEL > parr/scan/python/frameworks/praisonai_builtins.py
  e.g. pip download --no-deps -d /tmp/pa praisonaiagents && python benchmarks/praisonai_builtins.py /tmp/pa/*.whl

Nothing is imported or run; only names and flags are written out. What is read:

- praisonaiagents/tools/__init__.py's TOOL_MAPPINGS: every name the package hands out lazily
  (`from praisonaiagents.tools import internet_search`), and the name an Agent resolves from a string
  (`Agent(tools=["read_file"])`, tools.resolver: the registry, then TOOL_MAPPINGS). Each entry is
  (module, class or None). The name is a tool when it is a function of that module, a method of the
  class, or a module-level alias of an instance's method (`read_file = _file_tools.read_file`); the
  model sees it under the function's __name__, which is that name. An entry naming the module itself
  (`shell_tools`) or a class is no tool; one named `create_*`/`get_*_tools` builds tools at run time
  (FACTORIES: a site where it is used).
- Effects: parr's own reading of those functions (wheel_reading.parr_verdicts over the package's
  sources and a file that hands every one of them to an Agent), so what the code does decides, not
  the name; _OVERRIDES first, where that reading cannot see (said why).
"""

from __future__ import annotations

import ast
import re
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the generators' shared helpers
from wheel_reading import parr_verdicts  # noqa: E402

_COPY = "praisonai_copy"
_FACTORY = re.compile(r"^(create_\w+_(tools|handler)|get_\w+_tools)$")
_APPROVAL = re.compile(rb"^[ \t]*@require_approval\b[^\n]*\n", re.M)
# (pattern on the tool name, mutating, typed, caps, why): first match wins over the effects reading.
_OVERRIDES: tuple[tuple[str, bool, bool, tuple[str, ...], str], ...] = (
    # availability probes and provider lists: return what is installed, change nothing
    (r"^(is_\w+_available|get_available_\w+)$", False, True, (), "reports what is installed"),
    # a language server, grep/ripgrep or ast-grep started as a process to answer a query over the
    # workspace: the process is the reading's "shell", what it does is read files
    (r"^(lsp_\w+|grep|ast_grep_search|ast_grep_scan)$", False, True, ("file_read",), "a query run by a reading process"),
    # lint, disassemble: tools run over the code given, returning their report
    (r"^(lint_code|disassemble_code)$", False, True, (), "returns a report on the code given"),
    # listing a schedule or a todo list loads (and may create) the store file: nothing changes
    (r"^(schedule_list|todo_list)$", False, True, ("file_read",), "lists the store's entries"),
    # pyautogui presses, scrolls and moves on the real screen (the reading does not know pyautogui)
    (r"^computer_(click|type|key|move|scroll)$", True, True, ("computer_use",), "acts on the screen"),
)


def _module_path(mod: str) -> str:
    return "praisonaiagents/tools/" + mod.lstrip(".").replace(".", "/") + ".py"


def main(wheel: str) -> str:
    zf = zipfile.ZipFile(wheel)
    meta = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
    version = re.search(r"^Version: (.+)$", zf.read(meta).decode(), re.M).group(1)
    init = ast.parse(zf.read("praisonaiagents/tools/__init__.py"))
    mappings = next(ast.literal_eval(st.value) for st in init.body if isinstance(st, ast.Assign)
                    and isinstance(st.targets[0], ast.Name) and st.targets[0].id == "TOOL_MAPPINGS")
    sources = {n: zf.read(n) for n in zf.namelist() if n.startswith("praisonaiagents/") and n.endswith(".py")}
    tools: dict[str, tuple[str, str, str]] = {}  # name -> (module path, import lines, what tools=[...] lists)
    factories: list[str] = []
    skipped: list[str] = []
    for name, (mod, cls) in mappings.items():
        path = _module_path(mod)
        if path not in sources:
            skipped.append(f"{name}: no module {path}")
            continue
        tree = ast.parse(sources[path])
        top = {st.name: st for st in tree.body if isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
        aliases = {st.targets[0].id: st.value for st in tree.body if isinstance(st, ast.Assign)
                   and len(st.targets) == 1 and isinstance(st.targets[0], ast.Name)}
        if name == mod.rsplit(".", 1)[-1] or isinstance(top.get(name), ast.ClassDef):
            continue  # the module or a class: no tool by itself
        if _FACTORY.match(name):
            factories.append(name)
            continue
        dotted = "praisonaiagents.tools." + mod.lstrip(".")
        if isinstance(top.get(name), (ast.FunctionDef, ast.AsyncFunctionDef)):
            tools[name] = (path, f"from {dotted} import {name}", name)
        elif isinstance(aliases.get(name), ast.Attribute) and aliases[name].attr == name:
            owner = aliases[name].value  # read_file = _file_tools.read_file, _file_tools = FileTools()
            made = aliases.get(owner.id) if isinstance(owner, ast.Name) else None
            klass = made.func.id if isinstance(made, ast.Call) and isinstance(made.func, ast.Name) else cls
            if klass and isinstance(top.get(klass), ast.ClassDef):
                tools[name] = (path, f"from {dotted} import {klass}\n_t = {klass}()", f"_t.{name}")
            else:
                skipped.append(f"{name}: alias of {ast.unparse(aliases[name])} parr cannot follow")
        elif cls and isinstance(top.get(cls), ast.ClassDef) and any(
                isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef)) and m.name == name for m in top[cls].body):
            tools[name] = (path, f"from {dotted} import {cls}\n_t = {cls}()", f"_t.{name}")
        else:
            skipped.append(f"{name}: not a function of {path}")
    reading = _read(sources, tools)
    out = [
        '"""PraisonAI\'s built-in tools (praisonaiagents.tools), as data (generated: do not edit).',
        "",
        f"Written by benchmarks/praisonai_builtins.py from the wheel of praisonaiagents {version}, read with `ast`",
        "(names and flags only). Its docstring says what is read and how effects are decided.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "# name -> (mutating, typed, capabilities)",
        "TOOLS: dict[str, tuple[bool, bool, tuple[str, ...]]] = {",
    ]
    for name in sorted(tools):
        out.append(f"    {name!r}: {reading[name]!r},")
    out += ["}", "# names that build tools at run time (create_edit_tools())",
            f"FACTORIES: tuple[str, ...] = {tuple(sorted(factories))!r}", ""]
    for note in skipped:
        print(f"skipped {note}", file=sys.stderr)
    return "\n".join(out)


def _read(sources: dict[str, bytes], tools: dict[str, tuple[str, str, str]]) -> dict[str, tuple]:
    """name -> (mutating, typed, caps): parr's verdict on each function, handed to an Agent in a file
    of its own (one per tool: the aliases share names)."""
    # The package is read as a project's code under another name: parr leaves a framework's own
    # names to its data, which is what is being made here.
    # @require_approval(...) wraps a tool to ask a person first; the body is what is read.
    files = {_COPY + p[len("praisonaiagents"):]: _APPROVAL.sub(b"", data) for p, data in sources.items()}
    for i, (name, (_, how, listed)) in enumerate(sorted(tools.items())):
        how = how.replace("praisonaiagents.", _COPY + ".")
        files[f"uses/use_{i}.py"] = f"from praisonaiagents import Agent\n{how}\nAgent(tools=[{listed}])\n".encode()
    found: dict[str, tuple] = {}
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from parr.scan.python.frameworks import praisonai

    # The data being made must not stand in for the code it is made from: read with none of it.
    kept = dict(praisonai.BUILTINS)
    praisonai.BUILTINS.clear()
    try:
        verdicts = parr_verdicts(files)
    finally:
        praisonai.BUILTINS.update(kept)
    for t in verdicts:
        if t["name"] in tools and not t["file"].startswith("uses/"):
            found.setdefault(t["name"], (bool(t["mutating"]), bool(t["typed"]), tuple(t["capabilities"])))
    out = {}
    for name in tools:
        for pattern, mutating, typed, caps, _why in _OVERRIDES:
            if re.search(pattern, name):
                out[name] = (mutating, typed, caps)
                break
        else:
            if name not in found:
                print(f"no effects reading for {name}: taken as mutating", file=sys.stderr)
            out[name] = found.get(name, (True, True, ()))
    return out


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.stdout.write(main(sys.argv[1]))
