#!/usr/bin/env python3
"""Print Google ADK's built-in tool instances and classes, read from the google-adk wheel with `ast`.

usage: adk_builtins.py WHEEL      e.g. pip download --no-deps -d /tmp/adk google-adk
                                        python benchmarks/adk_builtins.py /tmp/adk/google_adk-*.whl

Nothing is imported or run. For every module-level instance under google/adk/tools
(`load_artifacts_tool = LoadArtifactsTool()`, `get_user_choice_tool = LongRunningFunctionTool(func=get_user_choice)`)
it prints the names it is imported by (its own, and the alias google.adk.tools re-exports it under),
its class and the name the model sees: the `name=` its class passes to `super().__init__`, or the
wrapped function's name (after a `fn.__name__ = CONST` rename). Tool classes whose constructor names
them literally are printed too. The output is what parr/scan/python/frameworks/google_adk.py records
(`builtin_instances`, `builtin_classes`) with each one's effects decided by hand from its code.
"""

from __future__ import annotations

import ast
import sys
import zipfile
from pathlib import Path

_PREFIX = "google/adk/tools/"


def _init_name(cls: ast.ClassDef) -> str | None:
    for node in ast.walk(cls):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "__init__":
            for kw in node.keywords:
                if kw.arg == "name" and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
                    return kw.value.value
    return None


def read(wheel: Path) -> list[tuple[str, str, str, str | None]]:
    """(import names, module, class, model-visible name) per instance, then per named class."""
    classes: dict[str, str | None] = {}
    consts: dict[str, str] = {}
    instances: list[tuple[str, str, ast.Call, dict[str, str]]] = []
    aliases: dict[tuple[str, str], str] = {}
    with zipfile.ZipFile(wheel) as z:
        for n in sorted(z.namelist()):
            if not n.endswith(".py") or not n.startswith("google/adk/"):
                continue
            tree = ast.parse(z.read(n))
            module = n[:-3].replace("/", ".").removesuffix(".__init__")
            renamed: dict[str, str] = {}
            for st in tree.body:
                if isinstance(st, ast.ClassDef):
                    classes[st.name] = _init_name(st)
                if isinstance(st, ast.Assign) and len(st.targets) == 1:
                    t, v = st.targets[0], st.value
                    if isinstance(t, ast.Name) and isinstance(v, ast.Constant) and isinstance(v.value, str):
                        consts[t.id] = v.value
                    if isinstance(t, ast.Attribute) and t.attr == "__name__" and isinstance(t.value, ast.Name):
                        renamed[t.value.id] = v.id if isinstance(v, ast.Name) else getattr(v, "value", "")
                    if isinstance(t, ast.Name) and isinstance(v, ast.Call) and n.startswith(_PREFIX) and "/" not in n[len(_PREFIX):]:
                        instances.append((t.id, module, v, renamed))
            if n == _PREFIX + "__init__.py":
                for node in ast.walk(tree):
                    if isinstance(node, ast.ImportFrom) and node.module:
                        for a in node.names:
                            if a.asname:
                                aliases[(f"google.adk.tools.{node.module}", a.name)] = a.asname
    out = []
    for var, module, call, renamed in instances:
        cls = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")
        if cls not in classes and cls not in ("FunctionTool", "LongRunningFunctionTool"):
            continue
        name = classes.get(cls)
        fn = next((k.value for k in call.keywords if k.arg == "func"), call.args[0] if call.args else None)
        if name is None and isinstance(fn, ast.Name):
            name = renamed.get(fn.id, fn.id)
            name = consts.get(name, name)
        names = var + ("," + aliases[(module, var)] if (module, var) in aliases else "")
        out.append((names, module, cls, name))
    for cls, name in sorted(classes.items()):
        if name and cls.endswith("Tool"):
            out.append(("-", "class", cls, name))
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    for names, module, cls, name in read(Path(argv[0])):
        print(f"{names}\t{module}\t{cls}\t{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
