#!/usr/bin/env python3
"""Write parr/scan/typescript/frameworks/agent_builtins.py from the npm packages of VoltAgent and Mastra.

usage: ts_agent_builtins.py TGZ ... > /tmp/agent_builtins.py && mv /tmp/agent_builtins.py parr/scan/typescript/frameworks/
  e.g. cd /tmp/x && npm pack @voltagent/core @mastra/core @mastra/memory
       python benchmarks/ts_agent_builtins.py /tmp/x/*.tgz

Nothing is imported or run: the packages' bundled `dist/*.js` / `*.mjs` are parsed with tree-sitter and only
names and flags are written out. What is read, at the places in each bundle that give an agent its own tools:

- @voltagent/core: the tools `createReasoningTools` pushes (`enabledTools.push({ ...thinkTool })`, each a
  module-level `createTool({ name: "think", ... })`), the `createTool({ name })` of the agent's
  `createDelegateTool` (sub-agents) and of `createWorkingMemoryTools` (a Memory with working memory), and
  the default name of a retriever's `tool` (`this.options.toolName || "search_knowledge"`, made by
  `createRetrieverTool`).
- @mastra/core: the prefix of the keys `getAgentTools` / `listAgentTools` and `getWorkflowTools` /
  `listWorkflowTools` store each sub-agent's and workflow's tool under (`convertedAgentTools[`agent-${name}`]`).
- @mastra/memory: the names its working-memory tool takes (`UPDATE_WORKING_MEMORY_TOOL_NAME`, and
  `SET_WORKING_MEMORY_TOOL_NAME` under `workingMemory.useStateSignals`).

Whether a tool changes state and whether its input is typed is parr's own verdict on the tool's definition:
the `createTool({...})` literal is written into a one-line module importing createTool from its package and
scanned, so the same rules judge it as a tool defined in a project. A sub-agent's tool takes a free-form prompt
(untyped, as parr reads OpenAI Agents' asTool) and its effects are its sub-agent's: no flag is written for it.
"""

from __future__ import annotations

import re
import sys
import tarfile
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))  # this checkout's parr, not an installed one

from parr.scan.typescript.nodes import captures, parser, string_literal, text, unwrap  # noqa: E402


def _read(tgz: Path) -> tuple[str, str, dict[str, bytes]]:
    """(package name, version, bundled JS files by path) of an npm tarball."""
    import json

    with tarfile.open(tgz) as tar:
        files: dict[str, bytes] = {}
        meta: dict = {}
        for member in tar.getmembers():
            if not member.isfile():
                continue
            name = member.name.removeprefix("package/")
            if name == "package.json":
                meta = json.loads(tar.extractfile(member).read())  # type: ignore[union-attr]
            elif name.startswith("dist/") and name.endswith((".js", ".mjs")) and not name.endswith(".d.js"):
                files[name] = tar.extractfile(member).read()  # type: ignore[union-attr]
    return meta["name"], meta["version"], files


def _tree(source: bytes):
    return parser("javascript").parse(source).root_node


def _create_tool_literals(root) -> list:
    """Every `createTool({ ... })` object literal of a bundle."""
    q = '(call_expression function: (identifier) @f (#match? @f "^createTool$") arguments: (arguments . (object) @o))'
    return captures("javascript", root, q, "o", 1 << 16)


def _key(obj, key: str) -> str | None:
    for pair in obj.named_children:
        if pair.type == "pair" and text(pair.child_by_field_name("key")).strip("\"'") == key:
            return string_literal(unwrap(pair.child_by_field_name("value")))
    return None


def _enclosing(node) -> str | None:
    """The name of the method, function or variable a node sits in (the innermost named one)."""
    cur = node.parent
    while cur is not None:
        if cur.type in ("method_definition", "function_declaration"):
            return text(cur.child_by_field_name("name"))
        if cur.type == "variable_declarator":
            return text(cur.child_by_field_name("name"))
        cur = cur.parent
    return None


def _verdict(literal: str, package: str, name: str, prelude: str = "") -> tuple[bool, bool]:
    """parr's (mutating, typed) for a createTool literal, scanned as a project's tool of `package` (after
    `prelude`: the constants the literal names, given their default values)."""
    from parr.scan.engine import scan_repository
    from parr.scan.typescript import TypeScriptScanner

    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "tool.ts").write_text(f'import {{ createTool }} from "{package}";\n{prelude}'
                                        f"export const tools = {{ {name}: createTool({literal}) }};\n")
        tools = scan_repository(Path(tmp), scanners=[TypeScriptScanner()], use_cache=False, jobs=1).tools
    if len(tools) != 1:
        raise SystemExit(f"{package}: parr read {len(tools)} tools from the definition of {name}")
    return tools[0].mutating, tools[0].typed


def voltagent(files: dict[str, bytes]) -> dict[str, list[tuple[str, bool | None, bool]]]:
    source = files.get("dist/index.mjs") or files["dist/index.js"]
    root = _tree(source)
    by_var: dict[str, object] = {}
    by_method: dict[str, list] = {}
    for obj in _create_tool_literals(root):
        where = _enclosing(obj)
        if where:
            by_var.setdefault(where, obj)
            by_method.setdefault(where, []).append(obj)
    out: dict[str, list[tuple[str, bool | None, bool]]] = {}
    reasoning = [n for n in captures("javascript", root, "(variable_declarator name: (identifier) @n)", "n", 1 << 16)
                 if text(n) == "createReasoningTools"]
    pushed = re.findall(rb"enabledTools\.push\(\{\s*\.\.\.(\w+)\s*\}\)", reasoning[0].parent.text) if reasoning else []
    for var in pushed:
        obj = by_var[var.decode()]
        name = _key(obj, "name")
        out.setdefault("createReasoningTools", []).append((name, *_verdict(text(obj), "@voltagent/core", name)))
    # A retriever's `tool` (BaseRetriever): createRetrieverTool named `options.toolName`, or the default.
    default = re.search(rb'this\.options\.toolName \|\| "(\w+)"', source)
    made = by_method.get("createRetrieverTool", [])
    if default and made:
        name = default.group(1).decode()
        out["retriever"] = [(name, *_verdict(text(made[0]), "@voltagent/core", name,
                                             prelude=f'const toolName = "{name}";\n'))]
    for key, method in (("subAgents", "createDelegateTool"), ("workingMemory", "createWorkingMemoryTools")):
        for obj in by_method.get(method, []):
            name = _key(obj, "name")
            if key == "subAgents":
                out.setdefault(key, []).append((name, None, False))  # a free-form prompt; its sub-agent's effects
            else:
                out.setdefault(key, []).append((name, *_verdict(text(obj), "@voltagent/core", name)))
    return out


def mastra_core(files: dict[str, bytes]) -> dict[str, str]:
    prefixes: dict[str, str] = {}
    for source in files.values():
        for kind, prefix in re.findall(rb"converted(Agent|Workflow)Tools\[`([a-z]+-)\$\{", source):
            prefixes["agents" if kind == b"Agent" else "workflows"] = prefix.decode()
    return prefixes


def mastra_memory(files: dict[str, bytes]) -> dict[str, list[tuple[str, bool | None, bool]]]:
    out: dict[str, list[tuple[str, bool | None, bool]]] = {}
    for source in files.values():
        names = dict(re.findall(rb'const (UPDATE|SET)_WORKING_MEMORY_TOOL_NAME = "(\w+)"', source))
        if not names:
            continue
        root = _tree(source)
        literal = next(text(o) for o in _create_tool_literals(root) if _key(o, "id") == "update-working-memory")
        for flag, key in ((b"UPDATE", "workingMemory"), (b"SET", "workingMemory.useStateSignals")):
            name = names[flag].decode()
            out[key] = [(name, *_verdict(literal, "@mastra/core/tools", name))]
        break
    return out


def main(paths: list[str]) -> None:
    packages = {}
    for p in paths:
        name, version, files = _read(Path(p))
        packages[name] = (version, files)
    volt = voltagent(packages["@voltagent/core"][1])
    prefixes = mastra_core(packages["@mastra/core"][1])
    memory = mastra_memory(packages["@mastra/memory"][1])
    w = sys.stdout.write
    w('"""Tools VoltAgent and Mastra give an agent themselves, as data (generated: do not edit).\n\n'
      "Written by benchmarks/ts_agent_builtins.py from the npm packages:\n")
    for name in ("@voltagent/core", "@mastra/core", "@mastra/memory"):
        w(f"  {name} {packages[name][0]}\n")
    w("read with tree-sitter (names and flags only). Mutating and typed are parr's own verdict on each\n"
      "tool's definition in the package; a sub-agent's tool (mutating None) takes a free-form prompt and\n"
      "its effects are its sub-agent's.\n\"\"\"\n\nfrom __future__ import annotations\n\n")
    w("# What enables them (a factory, or a key of the agent's or memory's config) -> ((name, mutating, typed), ...).\n")
    w("VOLTAGENT: dict[str, tuple[tuple[str, bool | None, bool], ...]] = {\n")
    for key, tools in volt.items():
        w(f"    {key!r}: {tuple(tools)!r},\n")
    w("}\n# Mastra names a sub-agent's and a workflow's tool by its key in the agent's config, after a prefix.\n")
    w(f"MASTRA_PREFIXES: dict[str, str] = {dict(sorted(prefixes.items()))!r}\n")
    w("MASTRA: dict[str, tuple[tuple[str, bool | None, bool], ...]] = {\n")
    for key, tools in memory.items():
        w(f"    {key!r}: {tuple(tools)!r},\n")
    w("}\n")


if __name__ == "__main__":
    main(sys.argv[1:])
