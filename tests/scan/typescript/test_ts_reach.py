"""What reach.py reads to decide whether an inert TypeScript definition reaches a model: the imports of every
file, the package.json of every package, and the whole scan through the engine's JSON round trip."""

from __future__ import annotations

from parr.scan.typescript.reach import file_imports, package_facts, unread_imports

from tests.scan.typescript.ts_scan_helpers import scan_folder


def test_imports_of_every_form_are_read_with_the_names_they_take() -> None:
    source = b"""
import fallback, { weather as w, type Options, search } from "./tools";
import * as everything from "../lib/all.js";
import type { Only } from "./types";
export * from "./barrel";
export { lookup as find } from "@/tools/lookup";
const legacy = require("./legacy");
const lazy = await import("./lazy");
import "./side-effect";
import { z } from "zod";
import { tool } from "@acme/tools/ai";
import { importOrders, exportReport } from "./orders";
import fs from "node:fs";
"""
    local, packages = file_imports(source)
    assert local == {
        "./tools": ["Options", "default", "search", "weather"],  # a type import counts too: fail closed
        "../lib/all.js": ["*"],
        "./types": ["Only"],
        "./barrel": ["*"],
        "@/tools/lookup": ["lookup"],
        "./legacy": ["*"],
        "./lazy": ["*"],
        "./orders": ["exportReport", "importOrders"],
    }
    assert packages == ["@acme/tools", "zod"]


def test_imports_a_file_never_reads() -> None:
    from parr.scan.typescript.nodes import parser
    from parr.scan.typescript.values import FileCtx

    source = b"""
import { tools, handlers as h, spread, shorthand, templ, typed, exported, labels } from "./tools";
import { tools as other } from "../other";
import def from "./def";
import * as ns from "./ns";
import { z } from "zod";
// tools, other: named in a comment only
const note = "tools other";
const out = { tools: [], other: 1, labels: 2 };
out.tools = out.other;
h.run();
const all = [...spread];
const obj = { shorthand };
const s = `${templ} and other`;
let t: typeof typed;
export { exported };
"""
    tree = parser("typescript").parse(source)
    ctx = FileCtx("src/a.ts", source, tree.root_node, "typescript")
    assert unread_imports(ctx) == {"./tools": ["labels", "tools"], "../other": ["tools"]}


def test_a_file_without_imports_records_none() -> None:
    assert file_imports(b"export const x = 1;\n") == ({}, [])


def test_package_facts_read_privacy_and_every_entry() -> None:
    facts = package_facts(b'{"name": "@acme/kit", "main": "dist/index.js", "exports": {".": {"types": '
                          b'"./dist/index.d.ts", "import": "./dist/index.mjs"}, "./server": "./dist/server.js"}}')
    assert facts == {"name": "@acme/kit", "private": False,
                     "entries": ["./dist/index.d.ts", "./dist/index.mjs", "./dist/server.js", "dist/index.js"]}
    assert package_facts(b'{"name": "app", "private": true}')["private"] is True
    assert package_facts(b"{ not json")["unreadable"] is True


def test_an_unused_definition_in_a_package_is_dropped_through_the_json_round_trip(tmp_path) -> None:
    (tmp_path / "package.json").write_text('{"name": "app", "private": true}')
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "tools.ts").write_text(
        'import { tool } from "ai";\nimport { z } from "zod";\n'
        'export const used = tool({ description: "Used", inputSchema: z.object({ q: z.string() }),\n'
        '  execute: async ({ q }) => q });\n'
        'export const unused = tool({ description: "Unused", inputSchema: z.object({ q: z.string() }),\n'
        '  execute: async ({ q }) => q });\n')
    (tmp_path / "src" / "chat.ts").write_text(
        'import { generateText } from "ai";\nimport { used } from "./tools";\n'
        'export const run = (model: any) => generateText({ model, prompt: "hi", tools: { used } });\n')
    records, errors = scan_folder(tmp_path)
    assert not errors
    assert [(r.name, r.file) for r in records] == [("used", "src/tools.ts")]


def test_comments_in_import_clauses_are_read_in_linear_time() -> None:
    """A clause with comments, and `//`-laden text before a `from` that is no clause, are read without
    backtracking through the ways of splitting the comments (a regression once took minutes on a file: if it
    comes back, this test does not finish)."""
    hostile = b"export // " + b"a // " * 60 + b"\nconst y = z.from \"./weird\";\n"
    clause = b'import {\n  a, // first\n  /* b, */ c,\n  // d,\n} from "./tools";\n'
    local, _ = file_imports(hostile * 20 + clause)
    assert local["./tools"] == ["a", "c"]


def test_an_import_on_a_very_long_line_is_read_as_code() -> None:
    """Whether an import is commented out looks back a bounded distance for its line's start; past it (a minified
    line) the import counts (fail closed: a tool it brings is read, not dropped)."""
    minified = b"var a=1;" * 500 + b'import { t } from "./tools";\n'
    local, _ = file_imports(minified)
    assert local["./tools"] == ["t"]
    commented = b"// " + b"x" * 50 + b' import { u } from "./gone";\n'
    local, _ = file_imports(commented)
    assert "./gone" not in local
