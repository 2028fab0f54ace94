#!/usr/bin/env python3
"""Write the BeeAI Framework's own tools as data, from its npm package and its wheel.

usage: beeai_builtins.py TGZ WHEEL
  e.g. cd /tmp/x && npm pack beeai-framework && pip download beeai-framework --no-deps -d .
       python benchmarks/beeai_builtins.py /tmp/x/beeai-framework-*.tgz /tmp/x/beeai_framework-*.whl
writes parr/scan/typescript/frameworks/beeai_builtins.py and parr/scan/python/frameworks/beeai_builtins.py.

Nothing is imported or run. Every class of the package's tools (`dist/tools/**/*.js`; `beeai_framework/**/*.py`)
that extends the package's `Tool` is read: the name the model sees is its `name` field (`name = "DuckDuckGo"`);
a class without one (HandoffTool, OpenAPITool, MCPTool, CustomTool, SandboxTool: named from an agent, a
schema, a server or an option) gets None and is a site where it is used. A TypeScript class whose constructor
sets `this.name` from its options (LLMTool) is renamable by the `name` option.

Whether a tool changes state and whether its input is typed is parr's own verdict on the class as the
package defines it (the class is scanned as a project's tool class of the package), and a class that runs
model-written code, shell commands or SQL, or writes to a store, changes state whatever its body shows
here (its work is done by a service or a helper outside the class): see _RUNS_MODEL_WRITTEN; two read-only
classes parr's reading of the package over-flags are listed with the reason in _READ_ONLY_REVIEWED.
"""

from __future__ import annotations

import ast
import json
import re
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))  # this checkout's parr, not an installed one

from benchmarks.wheel_reading import last_name, parr_verdicts  # noqa: E402
from parr.scan.typescript.nodes import captures, parser, string_literal, text, unwrap  # noqa: E402

# Read from each class's _run: code execution (PythonTool, shell), model-written SQL (SQLTool), vector-store
# Insert/Delete actions (Qdrant, Milvus), file edits (edit_file). Untyped: the input is code, a command or SQL.
_RUNS_MODEL_WRITTEN = {
    "PythonTool": False, "SQLTool": False, "ShellTool": False, "QdrantDatabaseTool": True,
    "MilvusDatabaseTool": True, "FileEditTool": True,
}
# Read from each class's _run, where parr's reading of the package flags more than the model can do: GrepTool
# starts ripgrep (a subprocess) with the model's pattern after `--` and only reads; VectorStoreSearchTool only
# calls vector_store.search (the flag comes from its from_vector_store_name loader, which the model never calls).
_READ_ONLY_REVIEWED = frozenset({"GrepTool", "VectorStoreSearchTool"})


def _ts_classes(tgz: Path) -> tuple[str, list[tuple[str, str | None, bool, str]]]:
    """(version, [(class, name field, renamable, class source)]) of the npm package's tool classes."""
    out = []
    with tarfile.open(tgz) as tar:
        meta = json.loads(tar.extractfile("package/package.json").read())  # type: ignore[union-attr]
        for member in sorted(tar.getmembers(), key=lambda m: m.name):
            if not (member.isfile() and member.name.startswith("package/dist/tools/") and member.name.endswith(".js")):
                continue
            source = tar.extractfile(member).read()  # type: ignore[union-attr]
            root = parser("javascript").parse(source).root_node
            for cls in captures("javascript", root, "(class_declaration (class_heritage) @h) @c", "c", 1 << 12):
                heritage = next(c for c in cls.named_children if c.type == "class_heritage")
                if text(heritage).split()[-1] != "Tool" or text(cls.child_by_field_name("name")) == "DynamicTool":
                    continue  # DynamicTool is the package's factory of a project's tools (beeai.dynamic_tool)
                name = None
                body = cls.child_by_field_name("body")
                for m in body.named_children:
                    if m.type == "field_definition" and text(m.child_by_field_name("property")) == "name":
                        v = m.child_by_field_name("value")
                        name = string_literal(unwrap(v)) if v is not None else None
                renamable = name is not None and bool(re.search(r"this\.name\s*=", text(body)))
                out.append((text(cls.child_by_field_name("name")), name, renamable, text(cls)))
    return meta["version"], out


def _ts_verdict(cls: str, source: str) -> tuple[bool, bool]:
    from parr.scan.engine import scan_repository
    from parr.scan.typescript import TypeScriptScanner

    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "tool.ts").write_text('import { Tool } from "beeai-framework/tools/base";\nimport { z } from "zod";\n'
                                        f"export {source}\n")
        tools = scan_repository(Path(tmp), scanners=[TypeScriptScanner()], use_cache=False, jobs=1).tools
    if len(tools) != 1:
        raise SystemExit(f"beeai-framework: parr read {len(tools)} tools from the class {cls}")
    return tools[0].mutating, tools[0].typed


def _py_classes(wheel: Path) -> tuple[str, dict[str, bytes], list[tuple[str, str, str | None]]]:
    """(version, sources, [(module, class, name field)]) of the wheel's Tool subclasses."""
    version = re.search(r"-(\d[^-]*)-", wheel.name).group(1)  # type: ignore[union-attr]
    sources: dict[str, bytes] = {}
    out = []
    with zipfile.ZipFile(wheel) as zf:
        for info in sorted(zf.infolist(), key=lambda i: i.filename):
            if not info.filename.startswith("beeai_framework/") or not info.filename.endswith(".py"):
                continue
            data = zf.read(info)
            tree = ast.parse(data)
            found = False
            for node in tree.body:
                if not isinstance(node, ast.ClassDef) or not any(last_name(b) == "Tool" for b in node.bases):
                    continue
                name = None
                for st in node.body:
                    if isinstance(st, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "name" for t in st.targets) \
                            and isinstance(st.value, ast.Constant) and isinstance(st.value.value, str):
                        name = st.value.value
                module = info.filename[:-3].replace("/", ".").removesuffix(".__init__")
                if module.startswith("beeai_framework.tools."):
                    out.append((module, node.name, name))
                    found = True
            if found:
                sources[info.filename] = data
    return version, sources, out


def main(tgz: Path, wheel: Path) -> None:
    ts_version, ts = _ts_classes(tgz)
    lines = []
    for cls, name, renamable, source in ts:
        if cls in ("HandoffTool",):
            mutating, typed = False, True  # moves control to another agent
        elif name is None:
            mutating, typed = True, False  # named and shaped at run time: never emitted without a name
        else:
            mutating, typed = _ts_verdict(cls, source)
        if cls in _RUNS_MODEL_WRITTEN:
            mutating, typed = True, _RUNS_MODEL_WRITTEN[cls]
        lines.append(f"    {cls!r}: ({name!r}, {mutating!r}, {typed!r}, {renamable!r}),")
    Path(REPO_ROOT, "parr/scan/typescript/frameworks/beeai_builtins.py").write_text(
        '"""The BeeAI Framework\'s own TypeScript tools, as data (generated: do not edit).\n\n'
        f"Written by benchmarks/beeai_builtins.py from the npm package beeai-framework {ts_version}, read with\n"
        "tree-sitter (names and flags only; its docstring gives the rules).\n"
        '"""\n\nfrom __future__ import annotations\n\n'
        "# class -> (name the model sees or None when set at run time, mutating, typed, renamed by the `name` option).\n"
        "TS_TOOLS: dict[str, tuple[str | None, bool, bool, bool]] = {\n" + "\n".join(lines) + "\n}\n")

    py_version, sources, py = _py_classes(wheel)
    verdicts = {(v["file"], v["name"]): v for v in parr_verdicts(sources)}
    lines = []
    for module, cls, name in py:
        path = module.replace(".", "/") + ".py"
        if name is None:
            mutating, typed = cls != "HandoffTool", cls == "HandoffTool"
        else:
            v = verdicts.get((path, name))
            if v is None:
                raise SystemExit(f"beeai_framework: parr did not read the class {cls} ({path})")
            mutating, typed = v["mutating"], v["typed"]
        if cls in _RUNS_MODEL_WRITTEN:
            mutating, typed = True, _RUNS_MODEL_WRITTEN[cls]
        if cls in _READ_ONLY_REVIEWED:
            mutating = False
        lines.append(f"    {cls!r}: ({module!r}, {name!r}, {mutating!r}, {typed!r}),")
    Path(REPO_ROOT, "parr/scan/python/frameworks/beeai_builtins.py").write_text(
        '"""The BeeAI Framework\'s own Python tools, as data (generated: do not edit).\n\n'
        f"Written by benchmarks/beeai_builtins.py from the wheel beeai-framework {py_version}, read with `ast`\n"
        "(names and flags only; its docstring gives the rules).\n"
        '"""\n\nfrom __future__ import annotations\n\n'
        "# class -> (defining module, name the model sees or None when set at run time, mutating, typed).\n"
        "PY_TOOLS: dict[str, tuple[str, str | None, bool, bool]] = {\n" + "\n".join(lines) + "\n}\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]))
