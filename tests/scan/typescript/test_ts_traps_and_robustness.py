"""Things that are not tools, and inputs that must not crash or hang the scanner."""

import json
import time

from ts_scan_helpers import scan, scan_sources

from parr.scan.typescript import TypeScriptScanner


def test_traps_report_nothing():
    # comments, JSDoc examples, strings, template literals, interfaces, type aliases, prompts,
    # tool_choice, tool calls, a local function named `tool`, test files and .d.ts files
    assert scan("traps").names() == set()


def test_handles_extensions_and_skips_declarations():
    s = TypeScriptScanner()
    for ext in ("ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"):
        assert s.handles(f"src/a.{ext}")
    assert not s.handles("src/a.d.ts")
    assert not s.handles("src/a.py")


def test_language_by_extension():
    src = 'import { tool } from "ai";\nexport const t = { x: tool({ description: "d", inputSchema: {}, execute: async () => 1 }) };\n'
    records, _ = scan_sources({"a.ts": src, "b.mjs": src})
    langs = {r.file: r.language for r in records}
    assert langs == {"a.ts": "typescript", "b.mjs": "javascript"}


def test_syntax_errors_do_not_crash():
    s = TypeScriptScanner()
    facts = s.extract("broken.ts", b"import { tool } from 'ai';\nconst t = tool({ description: 'x',, ")
    json.dumps(facts)
    records, errors = s.resolve({"broken.ts": facts})
    assert isinstance(records, list) and isinstance(errors, list)


def test_non_utf8_bytes():
    s = TypeScriptScanner()
    facts = s.extract("latin.ts", b"const tools = { a: 1 }; // caf\xe9\n")
    json.dumps(facts)


def test_huge_file_is_a_per_file_error():
    s = TypeScriptScanner()
    big = b"const tools = [" + b"1," * 2_100_000 + b"];"
    facts = s.extract("big.ts", big)
    _, errors = s.resolve({"big.ts": facts})
    assert errors and errors[0].file == "big.ts" and "too large" in errors[0].message


def test_deep_nesting_is_bounded():
    s = TypeScriptScanner()
    depth = 3000
    src = ('import { tool } from "ai";\nconst tools = { x: tool({ description: "d", execute: async () => '
           + "(" * depth + "1" + ")" * depth + " }) };\n").encode()
    t0 = time.perf_counter()
    facts = s.extract("deep.ts", src)
    assert time.perf_counter() - t0 < 10
    json.dumps(facts)
    s.resolve({"deep.ts": facts})


def test_nested_arrays_in_tools():
    s = TypeScriptScanner()
    src = b"const tools = " + b"[" * 2000 + b"]" * 2000 + b";\n"
    facts = s.extract("nest.ts", src)
    json.dumps(facts)


def test_test_files_are_skipped():
    src = 'import { tool } from "ai";\nexport const t = { x: tool({ description: "d", inputSchema: {}, execute: async () => 1 }) };\n'
    records, _ = scan_sources({"src/a.test.ts": src, "src/__tests__/b.ts": src, "tests/c.ts": src})
    assert records == []


def test_factory_parameter_names_come_from_call_sites():
    src = '''import { createTool } from "@voltagent/core";
import { z } from "zod";

const makeLister = (name: string, description: string) =>
  createTool({
    name,
    description,
    parameters: z.object({ path: z.string() }),
    execute: async ({ path }) => [path],
  });

export const tools = [makeLister("list_files", "List files"), makeLister("list_dirs", "List folders")];
'''
    records, _ = scan_sources({"f.ts": src})
    assert sorted(r.name for r in records) == ["list_dirs", "list_files"]
    assert all(r.line == 5 for r in records)


def test_destructuring_default_name():
    src = '''import { tool } from "@openai/agents";
import { z } from "zod";

export function createLookup(options: { name?: string }) {
  const { name = "lookup_customer" } = options;
  return tool({ name, description: "Look up", parameters: z.object({ id: z.string() }), execute: async ({ id }) => id });
}
'''
    records, _ = scan_sources({"f.ts": src})
    assert [(r.name, r.line) for r in records] == [("lookup_customer", 6)]


def test_execute_fallback_name_is_not_used_as_verb():
    src = '''import { tool } from "@openai/agents";
const t = tool({ description: "Echo", parameters: { type: "object", properties: { text: { type: "string" } } },
  execute: async (input) => input });
'''
    records, _ = scan_sources({"f.ts": src})
    assert [(r.name, r.mutating) for r in records] == [("execute", False)]


def test_reexported_constant_through_barrel():
    records, _ = scan_sources({
        "src/names.ts": 'export const SEARCH = "search_kb";\n',
        "src/index.ts": 'export * from "./names";\n',
        "src/server.ts": 'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\n'
                         'import { SEARCH } from "./index.js";\n'
                         'const server = new McpServer({ name: "s", version: "1" });\n'
                         'server.registerTool(SEARCH, { description: "Search" }, async () => ({ content: [] }));\n',
    })
    assert [(r.name, r.file, r.line) for r in records] == [("search_kb", "src/server.ts", 4)]
