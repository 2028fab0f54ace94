#!/usr/bin/env python3
"""Print the model-visible names of LangChain.js's built-in tool classes, read from their source.

usage: langchainjs_builtins.py PACKAGE=DIR ...   e.g. @langchain/community/tools=/tmp/lc/libs/community/src/tools

For every `export class X extends <a tool base>` under DIR (the package's tool sources, checked out
from langchain-ai/langchainjs or langchain-ai/langchainjs-community), prints the class, the import
path (PACKAGE plus the file's path without extension, `index` dropped) and its `name = "..."` field,
following bases declared in the same directory. The output is what
parr/scan/typescript/frameworks/langchain_builtins.py records by hand-checked class (names only,
never the classes' code); whether each tool changes state is decided there, from its `_call`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

_CLASS = re.compile(r"^(?:export\s+)?(?:abstract\s+)?class\s+(\w+)(?:<(?:[^<>]|<[^<>]*>)*>)?\s+extends\s+(\w+)[^{]*\{",
                    re.M)
_NAME = re.compile(r"^\s+(?:override\s+|this\.)?name(?:\s*:\s*string)?\s*=\s*[\"'`]([^\"'`]+)[\"'`]", re.M)
_ROOTS = {"Tool", "StructuredTool"}


def _body(src: str, start: int) -> str:
    depth = 0
    for i in range(start, len(src)):
        if src[i] == "{":
            depth += 1
        elif src[i] == "}":
            depth -= 1
            if depth == 0:
                return src[start:i]
    return src[start:]


def read(package: str, root: Path) -> list[tuple[str, str, str, str | None]]:
    classes: dict[str, tuple[str, str, str | None]] = {}
    for path in sorted(root.rglob("*.ts")):
        if "test" in path.parts or path.name.endswith((".test.ts", ".int.test.ts")):
            continue
        src = path.read_text(encoding="utf-8")
        rel = path.relative_to(root).with_suffix("").as_posix()
        module = package + ("" if rel == "index" else "/" + rel.removesuffix("/index"))
        for m in _CLASS.finditer(src):
            name = _NAME.search(_body(src, m.end() - 1))
            classes[m.group(1)] = (module, m.group(2), name.group(1) if name else None)
    out = []
    for cls, (module, base, name) in sorted(classes.items()):
        seen, b, n = {cls}, base, name
        while b not in _ROOTS and b in classes and b not in seen:
            seen.add(b)
            n = n or classes[b][2]
            b = classes[b][1]
        if b in _ROOTS:
            out.append((cls, module, b, n))
    return out


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    for arg in argv:
        package, _, folder = arg.partition("=")
        for cls, module, base, name in read(package, Path(folder)):
            print(f"{cls}\t{module}\t{base}\t{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
