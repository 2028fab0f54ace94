#!/usr/bin/env python3
"""Write parr/scan/typescript/frameworks/ai_sdk_provider_names.py from the AI SDK's provider packages.

usage: ai_sdk_provider_names.py TGZ ...   (e.g. cd /tmp/x && npm pack @ai-sdk/anthropic @ai-sdk/openai)

Nothing is imported or run: each package's `dist/index.mjs` is parsed with tree-sitter. A provider whose
language model maps its provider-defined tools to fixed names (`createToolNameMapping({ providerToolNames:
{ "anthropic.bash_20250124": "bash", ... } })`) sends the model that name whatever key the app stores the tool
under in `tools: {...}` (the key only names the calls in the app's results). What is read: that mapping (tool id ->
name), and the provider's `tools` object (`var anthropicTools = { bash_20250124, ... }`), each key's factory
and the `id` its `createProviderToolFactory*({ id })` gives. Written: factory key -> fixed name, per package.
"""

from __future__ import annotations

import json
import sys
import tarfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))  # this checkout's parr, not an installed one

from parr.scan.typescript.nodes import captures, parser, string_literal, text, unwrap  # noqa: E402


def _pairs(obj) -> dict[str, object]:
    out: dict[str, object] = {}
    for child in obj.named_children:
        if child.type == "pair":
            out[text(child.child_by_field_name("key")).strip("\"'")] = unwrap(child.child_by_field_name("value"))
        elif child.type == "shorthand_property_identifier":
            out[text(child)] = child
    return out


def _read(tgz: Path) -> tuple[str, str, dict[str, str]]:
    with tarfile.open(tgz) as tar:
        meta = json.loads(tar.extractfile("package/package.json").read())  # type: ignore[union-attr]
        source = tar.extractfile("package/dist/index.mjs").read()  # type: ignore[union-attr]
    root = parser("javascript").parse(source).root_node
    decls = {text(d.child_by_field_name("name")): d.child_by_field_name("value")
             for d in captures("javascript", root, "(variable_declarator name: (identifier)) @d", "d", 1 << 16)}
    fixed: dict[str, str] = {}
    for pair in captures("javascript", root, "(pair key: (property_identifier) @k (#eq? @k \"providerToolNames\")) @p",
                         "p", 1 << 8):
        value = unwrap(pair.child_by_field_name("value"))
        for k, v in _pairs(value).items():
            name = string_literal(v) if v is not None and v.type == "string" else None
            if name:
                fixed[k] = name
    provider = meta["name"].rsplit("/", 1)[-1]
    tools_var = decls.get(f"{provider}Tools")
    if tools_var is None or tools_var.type != "object":
        raise SystemExit(f"{meta['name']}: no {provider}Tools object")
    out: dict[str, str] = {}
    for key, value in _pairs(tools_var).items():
        ident = text(value)
        seen: set[str] = set()
        tool_id = None
        while ident in decls and ident not in seen and tool_id is None:
            seen.add(ident)
            body = decls[ident]
            for pair in captures("javascript", body, "(pair key: (property_identifier) @k (#eq? @k \"id\")) @p", "p", 8):
                v = unwrap(pair.child_by_field_name("value"))
                s = string_literal(v) if v is not None and v.type == "string" else None
                if s and s.startswith(f"{provider}."):
                    tool_id = s
                    break
            if tool_id is None and body.type == "identifier":
                ident = text(body)  # var applyPatch = applyPatchToolFactory
                continue
            # (args) => factory(args): follow the callee
            calls = captures("javascript", body, "(call_expression function: (identifier) @f) @c", "f", 8)
            ident = text(calls[0]) if calls and tool_id is None else ""
        if tool_id in fixed:
            out[key] = fixed[tool_id]
    return meta["name"], meta["version"], out


def main(tgzs: list[Path]) -> None:
    packages = sorted(_read(t) for t in tgzs)
    lines = [f"    {name!r}: {{\n" + "".join(f"        {k!r}: {v!r},\n" for k, v in sorted(names.items())) + "    },"
             for name, _version, names in packages]
    header = "\n".join(f"  {name} {version}" for name, version, _ in packages)
    Path(REPO_ROOT, "parr/scan/typescript/frameworks/ai_sdk_provider_names.py").write_text(
        '"""The fixed names the AI SDK\'s providers send the model for their provider-defined tools (generated).\n\n'
        f"Written by benchmarks/ai_sdk_provider_names.py from the npm packages:\n{header}\n"
        "read with tree-sitter (names only). The model sees this name whatever key the tool is stored under.\n"
        '"""\n\nfrom __future__ import annotations\n\n'
        "# package -> factory of `<provider>.tools` -> the name the model sees.\n"
        "FIXED_NAMES: dict[str, dict[str, str]] = {\n" + "\n".join(lines) + "\n}\n")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    main([Path(a) for a in sys.argv[1:]])
