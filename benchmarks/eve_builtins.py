#!/usr/bin/env python3
"""Write parr/scan/typescript/frameworks/eve_builtins.py from eve's npm package (Vercel eve's framework tools).

usage: cd /tmp/x && npm pack eve@0.38.3
       python benchmarks/eve_builtins.py /tmp/x/eve-0.38.3.tgz > /tmp/eve_builtins.py && mv /tmp/eve_builtins.py parr/scan/typescript/frameworks/

Nothing is imported or run. Read from the tarball:
- dist/src/runtime/framework-tools/index.js: `REGISTERED_FRAMEWORK_TOOLS` (every agent's framework tools) and
  `ALL_FRAMEWORK_TOOLS` (those and the root session's `agent`, kept when the harness table below lists it),
  each an imported `*_TOOL_DEFINITION`; the
  module it comes from gives the tool's `name` (a literal, or the `*_TOOL_NAME` constant beside it).
- docs/concepts/default-harness.md, "Built-in tools": a tool whose row says "Present only when the agent
  declares ..." (load_skill, connection_search) is left out; parr does not read skills or connections.
Whether each tool changes state and whether its input is typed is the verdict below, from the same table's
"Does" column (the generator stops on a tool it has no verdict for, so a new version is looked at).
"""

from __future__ import annotations

import re
import sys
import tarfile
from pathlib import Path

# name -> (mutating, typed, capabilities): from default-harness.md's "Does" / "Where it runs".
VERDICTS: dict[str, tuple[bool, bool, tuple[str, ...]]] = {
    "bash": (True, False, ("shell",)),                 # Run a shell command (sandbox): the model writes it
    "read_file": (False, True, ("file_read",)),        # Read a text file
    "write_file": (True, True, ("file_write",)),       # Write a complete file
    "glob": (False, True, ("file_read",)),             # Find files by glob pattern
    "grep": (False, True, ("file_read",)),             # Search file contents by regex
    "web_fetch": (False, True, ("http",)),             # Fetch a URL (a GET)
    "web_search": (False, True, ("http",)),            # Search the web (provider-run)
    "todo": (False, True, ()),                         # the session's own todo list
    "ask_question": (False, True, ()),                 # asks the user and waits
    # Delegates a free-form task to a fresh copy of the root agent with the same tools (bash, write_file):
    # its effects are that agent's, its input a prompt (the agent-as-tool rule of parr's other families).
    "agent": (True, False, ()),
}


def _read(tgz: Path) -> tuple[str, dict[str, str]]:
    with tarfile.open(tgz) as tar:
        files: dict[str, str] = {}
        version = ""
        for member in tar.getmembers():
            name = member.name.removeprefix("package/")
            if not member.isfile():
                continue
            if name == "package.json":
                import json
                meta = json.loads(tar.extractfile(member).read())  # type: ignore[union-attr]
                if meta.get("name") != "eve":
                    raise SystemExit(f"{tgz}: not eve's package")
                version = meta["version"]
            elif name.startswith("dist/src/runtime/framework-tools/") and name.endswith(".js") or \
                    name == "docs/concepts/default-harness.md":
                files[name] = tar.extractfile(member).read().decode()  # type: ignore[union-attr]
    return version, files


def _array(source: str, const: str) -> list[str]:
    m = re.search(const + r"=\[([^\]]*)\]", source)
    if m is None:
        raise SystemExit(f"index.js: no {const}")
    return [x.strip().removeprefix("...") for x in m.group(1).split(",") if x.strip()]


def _tool_name(files: dict[str, str], index: str, definition: str) -> str:
    m = re.search(r"import\{[^}]*\b" + definition + r"\b[^}]*\}from\"#runtime/framework-tools/([\w-]+)\.js\"", index)
    if m is None:
        raise SystemExit(f"index.js: where {definition} comes from")
    source = files[f"dist/src/runtime/framework-tools/{m.group(1)}.js"]
    body = re.search(definition + r"=\{(.*?)\}[,;]", source, re.S)
    if body is not None:
        name = re.search(r"(?:^|,)name:(`[\w-]+`|[A-Z_]+)", body.group(1))
    else:  # a definition a function makes (load_skill's): the one name literal of its module
        found = {x.group(1): x for x in re.finditer(r"\bname:(`[\w-]+`)", source)}
        name = next(iter(found.values())) if len(found) == 1 else None
    if name is None:
        raise SystemExit(f"{m.group(1)}.js: {definition} has no name")
    value = name.group(1)
    if value.startswith("`"):
        return value.strip("`")
    const = re.search(value + r"=`([\w-]+)`", source)
    if const is None:
        raise SystemExit(f"{m.group(1)}.js: {value} is no literal")
    return const.group(1)


def main(tgz: str) -> None:
    version, files = _read(Path(tgz))
    index = files["dist/src/runtime/framework-tools/index.js"]
    registered = _array(index, "REGISTERED_FRAMEWORK_TOOLS")
    every = _array(index, "ALL_FRAMEWORK_TOOLS")
    extra = [d for d in every if d not in registered and d != "REGISTERED_FRAMEWORK_TOOLS"]
    docs = files.get("docs/concepts/default-harness.md", "")
    rows = set(re.findall(r"^\|\s*`([\w-]+)`\s*\|", docs, re.M))
    conditional = set(re.findall(r"^\|\s*`([\w-]+)`\s*\|[^\n]*Present only when", docs, re.M))
    names = [_tool_name(files, index, d) for d in registered]
    # Beyond the registered ones, only those the harness table lists (the root session's `agent`); others, such
    # as 0.38's task tools (an array of definitions the table does not list), are opt-in.
    for d in extra:
        try:
            name = _tool_name(files, index, d)
        except SystemExit:
            continue
        if name in rows:
            names.append(name)
    names = [n for n in names if n not in conditional]
    unknown = [n for n in names if n not in VERDICTS]
    if unknown:
        raise SystemExit(f"no verdict for eve framework tools {unknown}: read their rows and add them")
    out = [f'"""eve\'s framework tools, generated by benchmarks/eve_builtins.py from eve {version} (npm).',
           "",
           "Every agent gets them (REGISTERED_FRAMEWORK_TOOLS; `agent` in the root session, ALL_FRAMEWORK_TOOLS);",
           f"left out, present only with skills or connections: {', '.join(sorted(conditional))}.",
           '"""', "", "from __future__ import annotations", "",
           "VERSION = " + repr(version),
           "# name -> (mutating, typed, capabilities)",
           "TOOLS: dict[str, tuple[bool, bool, tuple[str, ...]]] = {"]
    for n in names:
        out.append(f"    {n!r}: {VERDICTS[n]!r},")
    out.append("}")
    print("\n".join(out))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(sys.argv[1])
