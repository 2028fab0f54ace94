#!/usr/bin/env python3
"""Write parr/scan/typescript/frameworks/kaibanjs_builtins.py from the npm package @kaibanjs/tools.

usage: kaibanjs_builtins.py TGZ   (e.g. cd /tmp/x && npm pack @kaibanjs/tools)

Nothing is imported or run: each tool's bundle (`dist/<tool>/index.esm.js`, minified) is parsed with tree-sitter.
Each exported class is a LangChain StructuredTool whose constructor sets the name the model sees
(`this.name = "firecrawl"`). The bundles are minified, so whether a tool changes state is not parr's reading
of the body but the reviewed list below, read from each tool's `_call`: the Make and Zapier webhooks POST the
model's data to a workflow; the others search, scrape or read.
"""

from __future__ import annotations

import json
import sys
import tarfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))  # this checkout's parr, not an installed one

from parr.scan.typescript.nodes import captures, parser, string_literal, text, unwrap  # noqa: E402

_MUTATING = frozenset({"MakeWebhook", "ZapierWebhook"})


def _tools(tgz: Path) -> tuple[str, dict[str, str]]:
    out: dict[str, str] = {}
    with tarfile.open(tgz) as tar:
        version = json.loads(tar.extractfile("package/package.json").read())["version"]  # type: ignore[union-attr]
        for member in sorted(tar.getmembers(), key=lambda m: m.name):
            parts = member.name.split("/")
            if not (member.isfile() and len(parts) == 4 and parts[1] == "dist" and parts[3] == "index.esm.js"):
                continue
            root = parser("javascript").parse(tar.extractfile(member).read()).root_node  # type: ignore[union-attr]
            exported = {}
            for spec in captures("javascript", root, "(export_specifier) @s", "s", 64):
                local = spec.child_by_field_name("name")
                alias = spec.child_by_field_name("alias")
                exported[text(local)] = text(alias or local)
            for cls in captures("javascript", root, "(class_declaration name: (identifier) @n) @c", "c", 1 << 12):
                public = exported.get(text(cls.child_by_field_name("name")))
                if public is None:
                    continue
                q = ('(assignment_expression left: (member_expression object: (this) '
                     'property: (property_identifier) @p (#eq? @p "name")) right: (string) @v)')
                names = [string_literal(unwrap(v)) for v in captures("javascript", cls, q, "v", 8)]
                if names and names[0]:
                    out[public] = names[0]
    return version, out


def main(tgz: Path) -> None:
    version, tools = _tools(tgz)
    lines = "".join(f"    {cls!r}: ({name!r}, {cls in _MUTATING!r}),\n" for cls, name in sorted(tools.items()))
    Path(REPO_ROOT, "parr/scan/typescript/frameworks/kaibanjs_builtins.py").write_text(
        '"""KaibanJS\'s own tools (@kaibanjs/tools), as data (generated: do not edit).\n\n'
        f"Written by benchmarks/kaibanjs_builtins.py from the npm package @kaibanjs/tools {version}, read with\n"
        "tree-sitter (names only; whether each changes state is the reviewed list in its docstring).\n"
        '"""\n\nfrom __future__ import annotations\n\n'
        "# class -> (name the model sees, mutating).\n"
        "TOOLS: dict[str, tuple[str, bool]] = {\n" + lines + "}\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(Path(sys.argv[1]))
