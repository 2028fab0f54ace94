#!/usr/bin/env python3
"""Write parr/scan/typescript/frameworks/llamaindex_builtins.py from the @llamaindex/tools npm package.

usage: llamaindex_ts_builtins.py TGZ > /tmp/lb.py &&
       mv /tmp/lb.py parr/scan/typescript/frameworks/llamaindex_builtins.py
  e.g. cd /tmp/x && npm pack @llamaindex/tools && python benchmarks/llamaindex_ts_builtins.py /tmp/x/*.tgz

Nothing is imported or run: the bundle's `dist/index.js` is parsed with tree-sitter. Each exported factory
(`const wiki = () => { return tool({ name: "wikipedia", ... }) }`) is one built-in: the factory a project calls
and the `name` of the `tool({...})` it returns. Whether it changes state and whether its input is typed is parr's
own verdict on that definition: the bundle is scanned as a project's file, so each tool is read with the
module's helpers in view. Exported factories that return no literal tool (`mcp`, `getOpenAPIActionTools`: tools
listed at run time) are listed apart, as sites. Only names and flags are written out.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the generators' shared helpers
from ts_agent_builtins import _key, _read, _tree  # noqa: E402

from parr.scan.typescript.nodes import captures, text  # noqa: E402


def _exported(root) -> set[str]:
    names: set[str] = set()
    for node in root.named_children:
        if node.type == "export_statement":
            for spec in captures("javascript", node, "(export_specifier) @s", "s", 1 << 12):
                local = spec.child_by_field_name("alias") or spec.child_by_field_name("name")
                names.add(text(local))
    return names


def _verdicts(source: bytes) -> dict[int, tuple[str, bool, bool]]:
    """parr's reading of the whole bundle as a project's file (its `tool` comes from @llamaindex/core/tools, so
    each definition is read with the module's own helpers in view): line of the tool() call -> (name, mutating,
    typed)."""
    from parr.scan.engine import scan_repository
    from parr.scan.typescript import TypeScriptScanner

    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "tools.js").write_bytes(source)
        tools = scan_repository(Path(tmp), scanners=[TypeScriptScanner()], use_cache=False, jobs=1).tools
    return {t.line: (t.name, bool(t.mutating), bool(t.typed)) for t in tools}


def read(files: dict[str, bytes]) -> tuple[dict[str, tuple[str, bool, bool]], list[str]]:
    source = files.get("dist/index.js") or next(iter(files.values()))
    root = _tree(source)
    exported = _exported(root)
    verdicts = _verdicts(source)
    tools: dict[str, tuple[str, bool, bool]] = {}
    q = '(call_expression function: (identifier) @f (#eq? @f "tool") arguments: (arguments . (object) @o)) @c'
    for call in captures("javascript", root, q, "c", 1 << 12):
        cur = call.parent
        while cur is not None and cur.type != "variable_declarator":
            cur = cur.parent
        factory = text(cur.child_by_field_name("name")) if cur is not None else None
        obj = call.child_by_field_name("arguments").named_children[0]
        name = _key(obj, "name")
        read_ = verdicts.get(call.start_point[0] + 1)
        if factory in exported and name and factory not in tools:
            if read_ is None or read_[0] != name:
                raise SystemExit(f"parr did not read the tool {name} of {factory} at line {call.start_point[0] + 1}")
            tools[factory] = read_
    runtime = sorted(n for n in exported if n in ("mcp", "getOpenAPIActionTools"))
    return tools, runtime


def main(tgz: str) -> str:
    package, version, files = _read(Path(tgz))
    tools, runtime = read(files)
    if not tools:
        raise SystemExit("no tool factories read: the bundle changed")
    out = [f'"""The tool factories of {package} {version} (LlamaIndex.TS built-ins), as data (generated: do not edit).',
           "",
           "Written by benchmarks/llamaindex_ts_builtins.py from the npm package, read with tree-sitter (names and",
           "flags only): factory -> (name the model sees, mutating, typed), the flags parr's own verdict on each",
           'tool\'s definition in the bundle; RUNTIME: factories whose tools are listed at run time."""', "",
           "FACTORIES: dict[str, tuple[str, bool, bool]] = {"]
    out += [f"    {f!r}: {t!r}," for f, t in sorted(tools.items())]
    out += ["}", f"RUNTIME: tuple[str, ...] = {tuple(runtime)!r}"]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(main(sys.argv[1]))
