"""TypeScriptScanner: the LanguageScanner for .ts/.tsx/.mts/.cts/.js/.jsx/.mjs/.cjs files."""

from __future__ import annotations

import bisect
import json
import posixpath
import re
from functools import lru_cache
from typing import Any

from tree_sitter import Tree

from parr.scan import bytes_re, prefilter
from parr.scan.evidence import TEST_DIR_WORDS
from parr.scan.language import FileFacts
from parr.scan.model import ScanError, ToolRecord, UnresolvedSite, operations_of
from parr.scan.pathindex import PathView
from parr.scan.effects_kb import cli as cli_kb
from parr.scan.typescript import action_schemas
from parr.scan.typescript.effects import EXECUTABLE_TYPES
from parr.scan.typescript.judge import UNREAD_READ, judge_mutating
from parr.scan.typescript.nodes import (
    TreeUnparsable, check_tree, commonjs_exports, entry_value, grammar_for, member_chain, parser, property_key,
    string_literal, text, unwrap,
)
from parr.scan.typescript.values import FileCtx, enum_members
from parr.scan.wiring import compact_wiring, has_typescript_wiring_trigger as has_wiring_trigger
from parr.scan.wiring_ts import extract_typescript_wiring

FACTS_VERSION = "ts-37-s15logic"


# `export const HANDLERS = { run_sql: async (...) => ...`: an exported map whose first entry is a function.
# (Lists of definitions are read in files the prefilter already parses: they hold schemas or tools.)
_EXPORTED_LITERAL = re.compile(rb"export\s+(?:const|let|var)\s+\w+[^=\n]*=\s*\{\s*(?://[^\n]*\s*)*[\w'\"]+\s*:"
                               rb"\s*(?:async\s*)?(?:\(|function\b|\w+\s*=>)")


def _loops():
    """The registration-loop module, imported when first needed."""
    from parr.scan.typescript import loops

    return loops


def _fx():
    """The effects module, imported when first needed (like the detector)."""
    from parr.scan.typescript import effects

    return effects


def _converters():
    """The typed-record converter module (its screens are byte searches)."""
    from parr.scan.typescript import converters

    return converters


def _detect():
    """The detector module, imported when first needed (a rescan answered from the cache never is)."""
    from parr.scan.typescript import detect

    return detect


def _factories():
    """Definitions returned by project functions (imported when first needed, like the detector)."""
    from parr.scan.typescript import factories

    return factories


def _classes():
    """Tool classes registered by a base (imported when first needed, like the detector)."""
    from parr.scan.typescript import classes

    return classes


def _executor_name():
    from parr.scan.typescript.judge import EXECUTOR_NAME

    return EXECUTOR_NAME


def _reach():
    """Whether inert definitions reach a model (imported when first needed, like the detector)."""
    from parr.scan.typescript import reach

    return reach
MAX_BYTES = 4_000_000
_MAX_TOOLS_PER_FILE = 2000

def has_trigger(source: bytes) -> bool:
    """Whether the file is worth a full parse (see `parr.scan.prefilter`), or exports the arguments of a
    registration another file spreads or passes member by member."""
    return prefilter.typescript_can_declare(source) or (
        b"export" in source and _EXPORTED_ARGUMENTS.search(source) is not None) or (
        b"export" in source and _walked_definition(source)) or (
        b"define" in source and _EVE_IMPORT.search(source) is not None) or (
        b"langchain" in source and _builtin_class().search(source) is not None) or (
        _HOOK_PACKAGES.search(source) is not None) or (
        action_schemas.TRIGGER.search(source) is not None) or action_schemas.typed_screen(source) or \
        _converters().table_screen(source) or any(
        package in source and enables.search(source) is not None for package, enables in _AGENT_BUILTINS)


# Packages whose hooks make tools without a word the prefilter looks for (`useCopilotAction({ name, handler })`,
# `composio.tools.get(user, "SLUG")`): a file importing one is parsed (frameworks/*.py file_reader).
_HOOK_PACKAGES = bytes_re.any_of((b"@copilotkit/", b"@assistant-ui/", b"assistant-stream", b"composio", b"useViewTool"))
# What makes Mastra and VoltAgent give an agent tools of their own (frameworks/agent_builtins.py).
_AGENT_BUILTINS = ((b"@voltagent/", bytes_re.fast(rb"subAgents|workingMemory|createReasoningTools")),
                   (b"@mastra/", bytes_re.fast(rb"(?:agents|workflows)\s*[:,}]|workingMemory")))


@lru_cache(maxsize=1)
def _builtin_class() -> re.Pattern[bytes]:
    """LangChain.js's built-in tool classes (`new TavilySearchResults()`), by name (imported when a file is
    first read, like the detector)."""
    from parr.scan.typescript.frameworks.langchain_builtins import BUILTIN_CLASSES

    return bytes_re.fast(rb"\b(?:" + b"|".join(re.escape(c.encode()) for c in sorted(BUILTIN_CLASSES)) + rb")\b")


# `export default () => ({ name: "create-flag", schema, handler })`: a project's own definition record, a tool
# if a registration loop walks it (loops.py); its three parts, each screened cheaply before a parse.
_DEF_NAME = bytes_re.fast(rb"\bname\s*:\s*[\"'`]")
_DEF_SCHEMA = bytes_re.fast(rb"\b(?:schema|inputSchema|parameters|input_schema|argsSchema|zodSchema|paramsSchema)\s*[:,}\n]")
_DEF_HANDLER = bytes_re.fast(rb"\b(?:handler|execute|run|invoke|call|callback|handle|fn|cb)\s*[:,}(\n]")


# An exported definition whose schema is a zod/valibot/TypeBox expression (`schema: z.object(...)`), without the
# handler beside it that would make it a tool by itself (action_schemas.py builds the action in another file).
_ACTION_DEFINITION = bytes_re.fast(rb"\b(?:schema|parameters|inputSchema)\s*:\s*(?:z|v|Type|t)\.\w+\(")


# eve's authored files: `export default defineTool(...)` / `defineAgent(...)` imported from eve (frameworks/eve.py).
_EVE_IMPORT = bytes_re.fast(rb"from\s+[\"']eve(?:/tools)?[\"']")


def _walked_definition(source: bytes) -> bool:
    # (the schema key first: the rarest of the three)
    return _DEF_SCHEMA.search(source) is not None and _DEF_NAME.search(source) is not None and \
        _DEF_HANDLER.search(source) is not None


# `const TOOL = ["book-car", "desc", {...}, handler]; export default TOOL`, `export default { toolName, ... }`
_EXPORTED_ARGUMENTS = bytes_re.fast(
    rb"(?:^(?:export\s+)?(?:const|let|var)\s+\w+[^=\n]*|^(?:module\.)?exports(?:\.\w+)?\s*)=\s*\[\s*(?:[\"'`]|\w+\s*,\s*\{)|"
    rb"(?:export\s+default|module\.exports\s*=)\s*\{\s*\w+\s*,\s*\w+\s*[,}]", multiline=True)


# A module that runs processes (its exported helpers are followed from tools of other files).
_EXPORTED_CLASS = re.compile(rb"export\s+(?:default\s+)?(?:abstract\s+)?class\s")
_SWITCH_ON_STRING = re.compile(rb"""case\s+(?:["']|[A-Z][\w$]*\.[\w$]+\s*:)""")
_RUNS_PROCESSES = re.compile(rb"""(?:from\s+|require\(\s*)["'](?:node:)?(?:child_process|execa|cross-spawn)["']""")
# Files without triggers may still export constants other files use as tool names.
# The bytes of a JavaScript identifier as `[\w$]` reads them in a bytes pattern (ASCII).
_IDENT_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$")
_EXPORT_LINE = re.compile(
    rb"^export\s+(?:declare\s+)?(?:const\s+enum|const|let|var|enum)\s|^export\s*(?:\*|\{[^}]*\})\s*from\s|"
    rb"^export\s+default\s+['\"`]|^(?:module\.)?exports(?:\.[A-Za-z_$][\w$]*)?\s*=[^=]", re.M)
# A module-level constant an export may be built from (`const READS = {...}` spread into an exported table).
_LOCAL_CONST_LINE = re.compile(rb"^(?:declare\s+)?(?:const\s+enum|const|let|var|enum)\s+([A-Za-z_$][\w$]*)|^(import)\s", re.M)
# A class extending another: it may be a tool if a base elsewhere registers from its members (classes.py).
_CLASS_EXTENDS = re.compile(rb"\bclass\s+[\w$]+[^{;()]{0,200}?\sextends\s")
# Test files by the names the runners collect: Jest, Vitest, Playwright and Bun `*.test.*`/`*.spec.*`, Vitest's
# `*.test-d.*` type tests and `*.bench.*` benchmarks, `*.vitest.*` (a suffix projects give Vitest beside Jest),
# Cypress `*.cy.*`, NestJS `*.e2e-spec.*`.
_TEST_PATH = re.compile(r"(^|/)(__tests__|__mocks__|__fixtures__|tests?|e2e|e2e-tests?|integration-tests?|"
                        rf"{TEST_DIR_WORDS})/|\.(test|spec|e2e|e2e-spec|vitest|bench|cy)(-d)?\.[cm]?[jt]sx?$|"
                        r"(^|/)(test[-_]?utils?|test[-_]?helpers?|testing[-_]?utils?|mocks?)\.[cm]?[jt]sx?$")
# Names the Node, Deno and Bun runners also collect (`*_test.ts`, `*-test.ts`, `test-*.ts`, `test.ts`) that a
# module doing the work may carry too (a tool that runs tests, `run-test.ts`): tests only when the file shows it.
_TEST_NAME_MAYBE = re.compile(r"(^|/)([^/]+[-_]test|test-[^/]+|test)\.[cm]?[jt]sx?$")
# What shows a test: a test runner's import, or a top-level describe/test/it/Deno.test call.
_TEST_CONTENT = re.compile(
    rb"""(?:from\s*|require\(\s*)["'](?:node:test|bun:test|vitest|@jest/globals|mocha|ava|tap|uvu|@playwright/test|"""
    rb"""@std/(?:testing|assert)[^"']*|jsr:@std/(?:testing|assert)[^"']*|https?://deno\.land/std[^"']*/testing/[^"']*)["']|"""
    rb"""^(?:describe|test|it|suite)(?:\.\w+)?\s*\(|^Deno\.test\s*\(""", re.M)

# Styles of tools read from an object literal alone: such a literal may be a definition another
# tool is built from (spread into a wrapper call, or imported by a registration), then it is no tool.
_DEFINITION_STYLES = frozenset({"ai_sdk.raw_tool", "raw_function_schema", "mcp_ts.list_tools", "anthropic.raw_tool_schema",
                                "openai.raw_function_schema", "gemini.function_declarations", "cloudflare.client_tool"})
# Registrations of one tool on an MCP server by name (a tools/list literal naming it again is the same tool).
_REGISTRATION_STYLES = frozenset({"mcp_ts.registerTool", "mcp_ts.tool", "mcp_ts.registerToolTask", "mcp_use.tool"})
_CAPABILITIES = frozenset({"shell", "code_execution", "sql", "http_write", "http", "file_write", "file_read",
                           "email", "payment", "browser", "computer_use", "mcp_remote"})
_EXTS = (".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs")
_ARITHMETIC = re.compile(r"\b(numbers?|sum|integers?|arithmetic|math)\b|\d+\s*(?:and|\+|plus|to)\s*\d+", re.I)


def _spread_key(path: str, ref: dict[str, Any]) -> tuple:
    """An exported argument list read by one reader: (file, export, reader, the members in order)."""
    return path, ref.get("name"), ref.get("reader"), tuple(ref.get("members") or ())


def _empty_exports() -> dict[str, Any]:
    return {"consts": {}, "enums": {}, "objects": {}, "reexports": [], "classes": {}, "names": []}


def _const_table(ctx: FileCtx, node, depth: int = 0, budget: list[int] | None = None) -> dict[str, Any]:
    """The static strings of an object literal by key; a nested object literal is {"$o": its table}
    (`TOOL_NAMES = { BROWSER: { NAVIGATE: "chrome_navigate" } } as const`), a spread one is merged in."""
    budget = budget if budget is not None else [400]
    table: dict[str, Any] = {}
    for child in node.named_children:
        if budget[0] <= 0:
            break
        if child.type == "spread_element" and depth < 4:
            inner = ctx.value_node(child.named_children[0] if child.named_children else None)
            if inner is not None and inner.type == "object":
                table.update(_const_table(ctx, inner, depth + 1, budget))
            continue
        if child.type not in ("pair", "shorthand_property_identifier"):
            continue
        k = property_key(child)
        if k is None:
            continue
        budget[0] -= 1
        value = entry_value(child)
        sv = ctx.string_value(value)
        if isinstance(sv, (str, dict)):
            table[k] = sv
            continue
        inner = ctx.value_node(value)
        if inner is not None and inner.type == "object" and depth < 4:
            sub = _const_table(ctx, inner, depth + 1, budget)
            if sub:
                table[k] = {"$o": sub}
    return table


def is_test_path(rel_path: str) -> bool:
    return bool(_TEST_PATH.search(rel_path.replace("\\", "/")))


def is_test_file(rel_path: str, source: bytes) -> bool:
    """A test by its path, or by a name some runners collect when the file also holds a test."""
    if is_test_path(rel_path):
        return True
    return bool(_TEST_NAME_MAYBE.search(rel_path.replace("\\", "/"))) and _TEST_CONTENT.search(source) is not None


def collect_exports(ctx: FileCtx) -> dict[str, Any]:
    """What this file exports that other files may use as tool names, descriptions or bases."""
    ex = _empty_exports()
    names: set[str] = set()

    def export_value(name: str, value) -> None:
        names.add(name)
        v = ctx.string_value(value)
        if isinstance(v, (str, dict)):
            ex["consts"][name] = v
            return
        node = ctx.value_node(value)
        if node is not None and node.type == "call_expression" and b"z." in ctx.source:
            from parr.scan.typescript.schema import exported_schema

            found = exported_schema(ctx, node)
            if found is not None:
                ex.setdefault("schemas", {})[name] = found  # read by tools of other files (schema_ref)
                return
        if node is not None and node.type == "new_expression":
            # `export const crm = new CrmStore()`: another file's `crm.addContact(...)` does what the class's
            # method does (scanner._follow)
            cls = node.child_by_field_name("constructor")
            if cls is not None and cls.type == "identifier":
                b = ctx.top_level(text(cls))
                if b is None or b.kind == "class":  # (an export-lines-only read does not hold the class)
                    ex.setdefault("instances", {})[name] = {"class": text(cls)}
                elif b is not None and b.kind == "import" and b.module and b.imported not in ("*", None):
                    ex.setdefault("instances", {})[name] = {"class": b.imported, "module": b.module}
        if node is not None and node.type in ("new_expression", "call_expression") and b"Agent" in ctx.source:
            agent = _detect().agent_name(ctx, node)  # export const billing = new Agent({ name: "Billing" })
            if isinstance(agent, str):
                ex.setdefault("agents", {})[name] = agent
            return
        if node is not None and node.type == "object":
            table = _const_table(ctx, node)
            if table:
                ex["objects"][name] = table

    def export_class(name: str, cls) -> None:
        names.add(name)
        info = _detect().class_info(ctx, cls)
        if info is None:
            ex["classes"][name] = {"root": None}
            return
        root = _detect().resolve_local_base(ctx, cls, info["base"])
        ex["classes"][name] = {"root": root, "base": info["base"], "base_module": info["base_module"]}

    def export_binding(public: str, at, local: str) -> None:
        """`export { local as public }`: what the file binds to `local` (an import is re-exported)."""
        b = ctx.lookup(at, local)
        if b is None:
            return
        if b.kind == "import" and b.module is not None:
            ex["reexports"].append({"module": b.module, "name": b.imported, "as": public})
        elif b.kind in ("var", "default"):
            export_value(public, b.node)
        elif b.kind == "enum":
            ex["enums"][public] = enum_members(b.node)
            names.add(public)
        elif b.kind == "class":
            export_class(public, b.node)
        else:
            names.add(public)

    def export_commonjs(public: str, value) -> None:
        """`module.exports = { NAME, alias: local, KEY: "literal" }`, `exports.NAME = value`."""
        value = unwrap(value)
        if value is None:
            return
        if value.type == "identifier":
            export_binding(public, value, text(value))
        elif value.type in ("class", "class_declaration"):
            export_class(public, value)
        else:
            export_value(public, value)

    for stmt in ctx.root.named_children:
        cjs = commonjs_exports(stmt)
        if cjs is not None:
            # CommonJS: what `require()` of this file gets, and `const { NAME } = require(...)` reads
            for public, node in cjs:
                if node.type == "shorthand_property_identifier":
                    export_binding(public, node, public)
                elif node.type != "method_definition":
                    export_commonjs(public, node)
            continue
        if stmt.type != "export_statement":
            continue
        source = string_literal(stmt.child_by_field_name("source"))
        clause = next((c for c in stmt.named_children if c.type == "export_clause"), None)
        if source is not None:
            if clause is None:
                if any(c.type == "namespace_export" for c in stmt.named_children):
                    continue
                ex["reexports"].append({"module": source, "name": "*", "as": "*"})
            else:
                for spec in clause.named_children:
                    n = spec.child_by_field_name("name")
                    a = spec.child_by_field_name("alias")
                    if n is not None:
                        ex["reexports"].append({"module": source, "name": text(n), "as": text(a or n)})
            continue
        decl = stmt.child_by_field_name("declaration")
        if decl is not None:
            if decl.type in ("lexical_declaration", "variable_declaration"):
                for d in decl.named_children:
                    if d.type == "variable_declarator":
                        n = d.child_by_field_name("name")
                        if n is not None and n.type == "identifier":
                            export_value(text(n), d.child_by_field_name("value"))
            elif decl.type == "enum_declaration":
                n = decl.child_by_field_name("name")
                if n is not None:
                    ex["enums"][text(n)] = enum_members(decl)
                    names.add(text(n))
            elif decl.type in ("class_declaration", "abstract_class_declaration"):
                n = decl.child_by_field_name("name")
                if n is not None:
                    export_class(text(n), decl)
            elif decl.type in ("function_declaration", "generator_function_declaration"):
                n = decl.child_by_field_name("name")
                if n is not None:
                    names.add(text(n))
            continue
        value = stmt.child_by_field_name("value")
        if value is not None:
            export_value("default", value)
            continue
        if clause is not None:
            for spec in clause.named_children:
                n = spec.child_by_field_name("name")
                a = spec.child_by_field_name("alias")
                if n is None:
                    continue
                export_binding(text(a or n), spec, text(n))
        else:
            # export default class / function
            for c in stmt.named_children:
                if c.type in ("class_declaration", "class"):
                    export_class("default", c)
    ex["names"] = sorted(names)
    return ex


# What a class's base is read from: the imports (and `require`s) naming it, export lists, the class headers.
_HEAD_STATEMENT = re.compile(rb"^(?:import\s|export\s*\{|(?:const|let|var)\s[^\n]*\brequire\s*\()", re.M)
_CLASS_LINE = re.compile(rb"^(?:export\s+(?:default\s+)?)?(?:abstract\s+)?class\b", re.M)


def _statement_end(lines: list[bytes], i: int) -> int:
    """The line after the top-level statement starting at line `i`: it goes on while lines are indented,
    close a bracket, or sit inside an open template literal."""
    j = i + 1
    ticks = lines[i].count(b"`") - lines[i].count(b"\\`")
    while j < len(lines) and j - i < 400:
        ln = lines[j]
        if ln and ticks % 2 == 0 and not ln[:1].isspace() and not ln.startswith((b"}", b")", b"]", b"`", b"'", b'"')):
            break
        ticks += ln.count(b"`") - ln.count(b"\\`")
        j += 1
    return j


def _class_header_snippet(source: bytes) -> bytes | None:
    """The file's imports, export lists and top-level class headers with empty bodies, in source order
    (`class X extends Y<T> {}`): enough to name each exported class's base without parsing the bodies.
    None when a header's body cannot be found (the caller parses the whole file)."""
    pieces: list[tuple[int, bytes]] = []
    lines = source.split(b"\n")
    offsets = [0]
    for ln in lines[:-1]:
        offsets.append(offsets[-1] + len(ln) + 1)
    for m in _HEAD_STATEMENT.finditer(source):
        i = bisect.bisect_right(offsets, m.start()) - 1
        pieces.append((m.start(), b"\n".join(lines[i:_statement_end(lines, i)])))
    for m in _CLASS_LINE.finditer(source):
        depth, pos, end = 0, m.end(), min(len(source), m.end() + 2000)
        while pos < end:  # the body's `{`: the first one outside type arguments and calls
            c = source[pos]
            if c in b"<(":
                depth += 1
            elif c in b">)":
                depth -= 1
            elif c == 0x7B and depth <= 0:  # {
                break
            pos += 1
        if pos >= end:
            return None
        pieces.append((m.start(), source[m.start():pos] + b"{}"))
    return b"\n".join(p for _, p in sorted(pieces))


def _compact(facts: dict[str, Any]) -> dict[str, Any]:
    """Facts without their empty parts, nor the version, nor the default language: the resolver
    reads every part with a default, and on a large tree the facts of every file are held at once."""
    out = {k: v for k, v in facts.items() if v and k not in ("v", "exports", "lang")}
    exports = {k: v for k, v in (facts.get("exports") or {}).items() if v}
    if exports:
        out["exports"] = exports
    if facts.get("lang") != "typescript":
        out["lang"] = facts.get("lang")
    return out


class TypeScriptScanner:
    language = "typescript"

    @property
    def facts_version(self) -> str:
        return FACTS_VERSION + prefilter.variant()
    reports_sites = True  # resolve(..., sites=[...]) lists places handing tools to a model it could not read

    def handles(self, rel_path: str) -> bool:
        # package.json: whether a package is a library whose exported tools are public (reach.py)
        return grammar_for(rel_path) is not None or posixpath.basename(rel_path) == "package.json"

    # -- phase 1 ------------------------------------------------------------------------------
    def extract(self, rel_path: str, source: bytes) -> FileFacts:
        return _compact(self._extract(rel_path, source))

    def _extract(self, rel_path: str, source: bytes) -> FileFacts:
        grammar = grammar_for(rel_path)
        lang = "javascript" if grammar == "javascript" else "typescript"
        facts: dict[str, Any] = {"v": FACTS_VERSION, "lang": lang, "tools": [], "exports": _empty_exports(),
                                 "key_refs": [], "errors": []}
        if grammar is None and posixpath.basename(rel_path) == "package.json" and len(source) <= MAX_BYTES:
            facts["package"] = _reach().package_facts(source)
            return facts
        if grammar is None or is_test_file(rel_path, source):
            return facts
        if len(source) <= MAX_BYTES:
            # What it imports from the project: an exported definition is a tool only if some file takes it.
            imps, pkgs = _reach().file_imports(source)
            if imps:
                facts["imps"] = imps
            if pkgs:
                facts["pkgs"] = pkgs
            if action_schemas.DISPATCH_TRIGGER.search(source):
                facts["selector_dispatch"] = True  # branches on an action's name: read if a selector needs it
        if len(source) > MAX_BYTES:
            facts["errors"].append({"line": None, "message": f"file too large to scan ({len(source)} bytes)"})
            return facts
        try:
            tree = None
            if has_trigger(source):
                tree = self._full(rel_path, source, grammar, facts)
            elif _CLASS_EXTENDS.search(source) and _classes().may_extend_project(source):
                tree = self._classes_only(rel_path, source, grammar, facts)
            elif b"export" in source and _RUNS_PROCESSES.search(source):
                tree = self._processes_only(rel_path, source, grammar, facts)
            elif b"export" in source:
                self._exports_only(rel_path, source, grammar, facts)
                if _ACTION_DEFINITION.search(source) and _DEF_NAME.search(source):
                    # `export const clickActionSchema = { name, description, schema: z.object(...) }`: an action
                    # definition another file builds an action from (action_schemas.py); read for its schema
                    tree = self._parse(source, grammar)
                    definitions = _detect().Detector(FileCtx(rel_path, source, tree.root_node, grammar)
                                                     ).exported_definitions()
                    if definitions:
                        facts["definitions"] = definitions
                if _EXPORTED_LITERAL.search(source):
                    # A map of tool bodies (`export const HANDLERS = { run_sql: async (...) => ... }`) another
                    # file's loop calls: read with the helpers it calls.
                    tree = self._parse(source, grammar)
                    det = _detect().Detector(FileCtx(rel_path, source, tree.root_node, grammar))
                    lists, maps = _loops().exported(det)
                    if lists:
                        facts["lists"] = lists
                    if maps:
                        facts["handler_maps"] = maps
                        # the whole file is parsed now: its exports too (a long map overflows the snippet)
                        facts["exports"] = collect_exports(det.ctx)
                if _EXPORTED_CLASS.search(source) and "handler_maps" not in facts:
                    # (with handler maps the whole file's exports, classes too, are collected above)
                    # classes another file makes instances of and calls (`new SelectTool(server).execute(args)`):
                    # exported here (the export-line screen leaves them out); what their methods do is read
                    # only when a tool reaches one (`_full_fn_effects`), not for every exported class
                    self._export_classes(rel_path, source, grammar, facts, tree)
            if has_wiring_trigger(source):
                # Model clients and tracing, from the same parse when the file had one.
                wiring = compact_wiring(extract_typescript_wiring(rel_path, source, tree))
                if wiring:
                    facts["wiring"] = wiring
        except RecursionError:  # TreeTooDeep too: counted and named by the engine as too deep
            facts["tools"] = []
            facts["errors"].append({"line": None, "message": "syntax tree too deeply nested to scan"})
            facts["limit"] = "too_deep"
        except TreeUnparsable:
            facts["tools"] = []
            facts["errors"].append({"line": None, "message": "a syntax error the parser could not recover from "
                                                             "spoils too much of the file; not scanned"})
            facts["limit"] = "unparsable"
        except (ValueError, MemoryError) as exc:  # pragma: no cover - defensive
            facts["tools"] = []
            facts["errors"].append({"line": None, "message": f"could not scan file: {exc.__class__.__name__}"})
        return facts

    def _parse(self, source: bytes, grammar: str):
        tree = parser(grammar).parse(source)
        if tree is None:
            raise ValueError("parse failed")
        check_tree(source, tree.root_node)
        return tree

    def _full(self, rel_path: str, source: bytes, grammar: str, facts: dict[str, Any]) -> Tree:
        tree = self._parse(source, grammar)
        ctx = FileCtx(rel_path, source, tree.root_node, grammar)
        det = _detect().Detector(ctx)
        det.run()
        _reach().settle(det)
        returns = _factories().returned_tools(det) if b"return" in source else {}
        if returns:
            facts["returns"] = returns
        tool_classes = self._tool_classes(ctx, det)
        from parr.scan.typescript import instances

        registered = instances.registrations(ctx)
        if registered:
            facts["inst_regs"] = registered  # classes whose instances this file hands to a registration
        # Before the tools are taken: describing the exported lists reads the definitions they hold.
        lists, maps = _loops().exported(det) if b"export" in source else ({}, {})
        # classes whose methods may hand out definition records (read here, where the records become candidates)
        class_lists = _loops().class_lists(det) if b"class" in source and _walked_definition(source) else {}
        tools = det.tools[:_MAX_TOOLS_PER_FILE]
        if len(det.tools) > _MAX_TOOLS_PER_FILE:
            # Fail closed: the tools past the limit are not reported, so the file counts as not read.
            facts["errors"].append({"line": None, "message": f"more than {_MAX_TOOLS_PER_FILE} tools in one file; "
                                                             "the rest were not read"})
        facts["tools"] = tools
        facts["unresolved"] = det.unresolved[:500]
        if det.loop_sites:
            facts["loop_sites"] = det.loop_sites[:200]
        if det.__dict__.get("forwards"):
            facts["forwards"] = det.forwards  # functions handing their callers' tools to a model (loops.py)
        if b"tools" in source:
            args = _loops().tools_args(det)
            if args:
                facts["tools_args"] = args
        if lists:
            facts["lists"] = lists
        if class_lists:
            facts["class_lists"] = class_lists
        if maps:
            facts["handler_maps"] = maps
        facts["key_refs"] = det.key_refs[:5000]
        if det.record_entries:
            facts["record_entries"] = det.record_entries[:200]
        if det.__dict__.get("typed_builders"):
            facts["typed_builders"] = det.typed_builders[:50]  # lists of a type whose literals are actions
        if det.__dict__.get("tool_converters"):
            facts["tool_converters"] = det.tool_converters  # functions turning a typed record into a provider tool
        if det.wrappers:
            facts["wrappers"] = det.wrappers
        if det.spread_uses:
            facts["spread_uses"] = det.spread_uses[:500]
        definitions = det.exported_definitions() if b"export" in source else {}
        if definitions:
            facts["definitions"] = definitions
        facts["exports"] = collect_exports(ctx)
        self._effects_facts(ctx, source, facts)
        facts.update(tool_classes)
        if tree.root_node.has_error and not tools:
            err = _first_error(tree.root_node)
            if err is not None and _is_severe(tree.root_node):
                facts["errors"].append({"line": err, "message": "syntax error; file may be only partly scanned"})
        return tree

    @staticmethod
    def _effects_facts(ctx: FileCtx, source: bytes, facts: dict[str, Any]) -> None:
        """What other files' tools take in from this one: the effects of the functions it exports, and
        of each branch of a low-level MCP CallTool handler (tools declared in other files run there)."""
        # Only where a tool's code may live in another file: files that define tools or tool objects
        # (a low-level server's handler functions beside their schemas) and files that run processes.
        if b"export" in source and (facts.get("tools") or facts.get("definitions") or _RUNS_PROCESSES.search(source)):
            fn_effects = _fx().exported_function_effects(ctx)
            if fn_effects:
                facts["fn_effects"] = fn_effects
        # (what the methods of its exported classes do is read when a tool reaches one: `_full_fn_effects`)
        if b"CallToolRequestSchema" in source:
            from parr.scan.typescript import dispatch

            branches = {name: _branch_fact(ctx, node) for name, node in sorted(dispatch.branches(ctx).items())[:500]}
            if branches:
                facts["dispatch"] = branches
        elif _SWITCH_ON_STRING.search(source) and b"export" in source:
            # `export async function handleToolCall(name, args) { switch (name) { case "x": ... } }`: the
            # CallTool handler of another file hands the call here; asked only for tools dispatched by name
            # when no CallTool handler of the project has their branch
            from parr.scan.typescript import dispatch

            branches = {name: _branch_fact(ctx, node)
                        for name, node in sorted(dispatch.exported_branches(ctx).items())[:500]}
            if branches:
                facts["dispatch_elsewhere"] = branches

    def _processes_only(self, rel_path: str, source: bytes, grammar: str, facts: dict[str, Any]) -> Tree:
        """A file with no tool API that runs processes: the effects of its exported functions (a helper
        like `runKubectl(args)` that tools of other files call), and its exports."""
        tree = self._parse(source, grammar)
        ctx = FileCtx(rel_path, source, tree.root_node, grammar)
        self._effects_facts(ctx, source, facts)
        facts["exports"] = collect_exports(ctx)
        return tree

    @staticmethod
    def _tool_classes(ctx: FileCtx, det=None) -> dict[str, Any]:
        """Classes a base registering from `this.` members may make tools (see `classes`); the detector's
        own site for such a registration gives way to the project phase's answer."""
        from parr.scan.typescript import classes

        found = classes.file_facts(ctx, det.frameworks if det is not None else None)
        if det is not None and found.get("tclasses"):
            reg_lines = {c["reg"]["line"] for c in found["tclasses"].values() if "reg" in c}
            det.unresolved[:] = [u for u in det.unresolved if u.get("line") not in reg_lines]
        return found

    def _classes_only(self, rel_path: str, source: bytes, grammar: str, facts: dict[str, Any]) -> Tree:
        """A file with no tool API but a class extending another: its classes, and its exports as usual."""
        tree = self._parse(source, grammar)
        ctx = FileCtx(rel_path, source, tree.root_node, grammar)
        facts.update(self._tool_classes(ctx))
        if b"export" in source:
            self._exports_only(rel_path, source, grammar, facts)
            if facts.get("tclasses"):
                self._export_classes(rel_path, source, grammar, facts, tree)
        return tree

    def _export_classes(self, rel_path: str, source: bytes, grammar: str, facts: dict[str, Any], tree) -> None:
        """The exported classes, which the export-line screen of `_exports_only` does not keep: their bases
        only, read from the file's imports and class headers (`class X extends Y {}`) when those parse
        cleanly alone, else from the whole file."""
        if tree is None:
            snippet = _class_header_snippet(source)
            if snippet is not None:
                head = self._parse(snippet, grammar)
                if not head.root_node.has_error:
                    source, tree = snippet, head
        if tree is None:
            tree = self._parse(source, grammar)
        ex = facts["exports"]
        for name, info in collect_exports(FileCtx(rel_path, source, tree.root_node, grammar))["classes"].items():
            ex["classes"].setdefault(name, info)
        ex["names"] = sorted(set(ex["names"]) | set(ex["classes"]))

    def _exports_only(self, rel_path: str, source: bytes, grammar: str, facts: dict[str, Any]) -> None:
        """Parse just the top-level export statements of a file without tool triggers (and the module-level
        constants they name)."""
        lines = source.split(b"\n")
        starts = set()
        pos = 0
        line_no = 0
        for m in _EXPORT_LINE.finditer(source):
            line_no += source.count(b"\n", pos, m.start())
            pos = m.start()
            starts.add(line_no)
        if not starts:
            return
        locals_: dict[int, bytes] = {}
        pos = line_no = 0
        for m in _LOCAL_CONST_LINE.finditer(source):
            line_no += source.count(b"\n", pos, m.start())
            pos = m.start()
            if len(locals_) < 200:
                locals_[line_no] = m.group(1) or b""  # an import: kept when it binds a name the exports use
        chunks_at: dict[int, bytes] = {}
        for i in sorted(starts):
            chunks_at[i] = self._statement_at(lines, i)
        if locals_:
            # the constants the exports name (`...READS`, `[KIND]: ...`, `BASE + "x"`) and the imports binding
            # a name they use (`new Mailer(...)`), one level deep
            joined = b"\n".join(chunks_at.values())

            def used(name: bytes) -> bool:
                # the name as a whole word (no identifier character beside it): a search for each
                # occurrence, not a pattern compiled for each name
                at = joined.find(name)
                while at != -1:
                    end = at + len(name)
                    if (at == 0 or joined[at - 1] not in _IDENT_BYTES) and \
                            (end == len(joined) or joined[end] not in _IDENT_BYTES):
                        return True
                    at = joined.find(name, at + 1)
                return False

            for i, name in locals_.items():
                if name:
                    if used(name):
                        chunks_at[i] = self._statement_at(lines, i)
                    continue
                stmt = self._statement_at(lines, i)
                names = set(re.findall(rb"[A-Za-z_$][\w$]*", stmt.split(b"from")[0])) - {b"import", b"type"}
                if any(used(n) for n in names):
                    chunks_at[i] = stmt
        snippet = b"\n".join(chunks_at[i] for i in sorted(chunks_at))
        tree = self._parse(snippet, grammar)
        ctx = FileCtx(rel_path, snippet, tree.root_node, grammar)
        facts["exports"] = collect_exports(ctx)

    @staticmethod
    def _statement_at(lines: list[bytes], i: int) -> bytes:
        """The top-level statement starting at line `i`."""
        return b"\n".join(lines[i:_statement_end(lines, i)])

    # -- phase 2 -------------------------------------------------------------------------------
    @staticmethod
    def path_key(rel_path: str) -> str:
        return ""  # files are only looked up by path (module resolution)

    @staticmethod
    def lookup_only(facts: FileFacts) -> bool:
        """Facts resolve only looks up by path (a module's exports and function effects): they may wait
        in the cache."""
        return set(facts) <= {"exports", "lang", "fn_effects", "imps", "pkgs"}

    def resolve(self, facts_by_path: dict[str, FileFacts], paths=None,
                sites: list[UnresolvedSite] | None = None, full_facts=None) -> tuple[list[ToolRecord], list[ScanError]]:
        resolver = _Resolver(facts_by_path, paths)
        resolver.full_facts = full_facts
        return resolver.run(sites)

    # The parts of the full facts a resolver may ask for alone (`full_facts.part(path, name)`), each read from
    # the file by itself: a resolver reading one kind of fact of a file (most read one) does not pay for the
    # others. "classes": its classes with what their methods do (a registered instance's chain of bases,
    # instances.py; a tool class's lazy methods, classes.method_effects); "fn_effects", "computes", "kinds",
    # "unread_imports", "selector_branches": one key each; "loops": what loops.py follows into the file, with
    # `exports_full`.
    full_parts = ("classes", "fn_effects", "computes", "kinds", "unread_imports", "loops", "selector_branches")

    def extract_full(self, rel_path: str, source: bytes, part: str | None = None) -> FileFacts:
        """A file's tool classes with what their methods do, which `extract` leaves for when a tool's
        handler reaches them (resolve asks through `full_facts`), and the facts below; with `part` (one of
        `full_parts`), that part alone."""
        grammar = grammar_for(rel_path)
        if grammar is None or len(source) > MAX_BYTES:
            return {}
        try:
            tree = self._parse(source, grammar)
            ctx = FileCtx(rel_path, source, tree.root_node, grammar)
            out: dict[str, Any] = {}
            if part in (None, "classes"):
                out.update(_classes().file_facts(ctx, effects=True, every=True))
            if part in (None, "fn_effects"):
                # what its exported functions and class methods do, for a tool reaching them through a
                # file `extract` read for its exports only (`_follow`)
                fn_effects = {**_fx().exported_function_effects(ctx), **_fx().exported_class_method_effects(ctx)}
                if fn_effects:
                    out["fn_effects"] = fn_effects
            if part in (None, "computes"):
                from parr.scan.typescript import framework_state

                computes = framework_state.computing_exports(ctx)
                if computes:
                    out["computes"] = computes  # a page action calling one changes nothing by it (state_only_if)
            if part in (None, "kinds"):
                from parr.scan.typescript import purity

                kinds = purity.exported_kinds(ctx)
                if kinds:
                    out["kinds"] = kinds  # a tool body calling one keeps its own kind (body_if)
            if part in (None, "unread_imports"):
                unread = _reach().unread_imports(ctx)
                if unread:
                    out["unread_imports"] = unread  # an import it never reads keeps no definition alive (reach.py)
            if part in (None, "loops"):
                # what a source another file's registration follows finds here (loops.py), and every value the
                # file exports (`Object.values(ns)`)
                out.update(_loops().full_facts(_detect().Detector(ctx)))
                out["exports_full"] = {k: v for k, v in collect_exports(ctx).items() if v}
            if part in (None, "selector_branches") and action_schemas.DISPATCH_TRIGGER.search(source):
                branches = action_schemas.branch_facts(ctx)
                if branches:
                    out["selector_branches"] = branches  # the code running each action of a selector schema
            return _compact(out)
        except (RecursionError, TreeUnparsable, ValueError, MemoryError):
            return {}


def _first_error(root) -> int | None:
    stack = [root]
    n = 0
    while stack and n < 100_000:
        node = stack.pop()
        n += 1
        if node.is_error or node.is_missing:
            return node.start_point[0] + 1
        if node.has_error:
            stack.extend(reversed(node.children))
    return None


def _is_severe(root) -> bool:
    errors = sum(1 for c in root.children if c.is_error)
    return errors > 0


def _deeper(ref: dict[str, Any], keys: list[str]) -> dict[str, Any]:
    """`ref` with `keys` read further into its value (`ref.member.rest...`)."""
    if not keys:
        return ref
    chain = ([ref["member"]] if ref.get("member") else []) + list(ref.get("rest") or []) + list(keys)
    out = {k: v for k, v in ref.items() if k not in ("member", "rest")}
    out["member"] = chain[0]
    if len(chain) > 1:
        out["rest"] = chain[1:]
    return out


class _Resolver:
    def __init__(self, facts_by_path: dict[str, FileFacts], paths=None):
        self.facts = {p.replace("\\", "/"): f for p, f in facts_by_path.items() if isinstance(f, dict)}
        # Every file (from the engine's on-disk index), or the files given here.
        self.paths = paths if paths is not None else set(self.facts)

    def facts_of(self, path: str) -> FileFacts:
        f = self.facts.get(path)
        if f is None and isinstance(self.paths, PathView):
            f = self.paths.facts(path)
        return f or {}

    # module paths ---------------------------------------------------------------------------------
    def module_path(self, from_path: str, spec: str) -> str | None:
        if spec.startswith("."):
            base = posixpath.normpath(posixpath.join(posixpath.dirname(from_path), spec))
        elif spec.startswith(("@/", "~/")):
            # A tsconfig "paths" alias for the package's root or its src/: the package is the
            # nearest folder above the importing file that holds the target (tsconfig.json itself
            # is not read; a monorepo has one per package).
            base = spec[2:]
            folder = posixpath.dirname(from_path)
            while True:
                for prefix in ("src/", "", "app/"):
                    hit = self._try(posixpath.join(folder, prefix + base) if folder else prefix + base)
                    if hit:
                        return hit
                if not folder:
                    return None
                folder = posixpath.dirname(folder)
        else:
            return self._workspace_module(spec)
        return self._try(base)

    def _workspace_module(self, spec: str) -> str | None:
        """`chrome-mcp-shared` or `@org/core/sub` where a package.json of this repository has that name: the
        source file its entry (`dist/index.mjs` -> `src/index.ts`) or the subpath stands for."""
        parts = spec.split("/")
        name = "/".join(parts[:2]) if spec.startswith("@") else parts[0]
        packages = self.__dict__.get("_packages")
        if packages is None:
            packages = {}
            paths = self.paths if isinstance(self.paths, set) else list(self.paths)
            for path in paths:
                if path == "package.json" or path.endswith("/package.json"):
                    pkg = self.facts_of(path).get("package") or {}
                    if isinstance(pkg.get("name"), str):
                        # two folders of one name (a template copied around): parr cannot tell which
                        packages[pkg["name"]] = None if pkg["name"] in packages else (posixpath.dirname(path), pkg)
            self.__dict__["_packages"] = packages
        found = packages.get(name)
        if found is None:
            return None
        folder, pkg = found
        sub = spec[len(name):].lstrip("/")
        if sub:
            for prefix in ("src/", ""):
                hit = self._try(posixpath.join(folder, prefix + sub) if folder else prefix + sub)
                if hit:
                    return hit
            return None
        for entry in list(pkg.get("entries") or []) + ["index"]:
            hit = _reach().entry_file(self, folder, entry)
            if hit:
                return hit
        return None

    def _try(self, base: str) -> str | None:
        if base.startswith("./"):
            base = base[2:]
        if base in self.paths:
            return base
        stem, ext = posixpath.splitext(base)
        swaps = {".js": (".ts", ".tsx"), ".jsx": (".tsx",), ".mjs": (".mts",), ".cjs": (".cts",)}
        for alt in swaps.get(ext, ()):
            if stem + alt in self.paths:
                return stem + alt
        for e in _EXTS:
            if base + e in self.paths:
                return base + e
        for e in _EXTS:
            if f"{base}/index{e}" in self.paths:
                return f"{base}/index{e}"
        return None

    # values -------------------------------------------------------------------------------------
    def value(self, from_path: str, ref: Any, depth: int = 0) -> str | None:
        if isinstance(ref, str):
            return ref
        if not isinstance(ref, dict) or depth > 12:
            return None
        target = self.module_path(from_path, ref.get("module") or "")
        if target is None:
            return None
        return self.export_value(target, ref.get("name"), ref.get("member"), depth + 1, ref.get("rest") or ())

    def export_value(self, path: str, name: str | None, member: str | None, depth: int,
                     rest: Any = ()) -> str | None:
        """The exported `name` of `path`, or the string at `name.member.rest...` in it."""
        if name is None or depth > 12:
            return None
        rest = list(rest)
        ex = self.facts_of(path).get("exports") or {}
        consts = ex.get("consts") or {}
        if member is None:
            if name in consts:
                return self.value(path, consts[name], depth + 1)
        else:
            enums = ex.get("enums") or {}
            if name in enums:
                return None if rest else enums[name].get(member)
            objects = ex.get("objects") or {}
            if name in objects:
                return self._walk(path, objects[name], [member] + rest, depth + 1)
            if name in consts and isinstance(consts[name], dict) and consts[name].get("member") is None:
                return self.value(path, _deeper(consts[name], [member] + rest), depth + 1)
        for r in ex.get("reexports") or []:
            if r.get("as") == name:
                return self.value(path, _deeper({"module": r["module"], "name": r["name"], "member": None},
                                                ([member] if member else []) + rest), depth + 1)
        for r in ex.get("reexports") or []:
            if r.get("as") == "*":
                v = self.value(path, _deeper({"module": r["module"], "name": name, "member": None},
                                             ([member] if member else []) + rest), depth + 1)
                if v is not None:
                    return v
        return None

    def _walk(self, path: str, table: Any, keys: list[str], depth: int) -> str | None:
        """Down an exported constant table (`{"$o": ...}` nests) by `keys`; a reference met on the way takes
        the keys left."""
        for i, key in enumerate(keys):
            if isinstance(table, dict) and "$o" in table:
                table = table["$o"]
            if not isinstance(table, dict) or "module" in table or key not in table:
                return None
            table = table[key]
            if isinstance(table, dict) and "module" in table:
                return self.value(path, _deeper(table, keys[i + 1:]), depth + 1)
        return table if isinstance(table, str) else None

    def origin(self, path: str, name: str, depth: int = 0) -> tuple[str, str] | None:
        """The file and local name where an exported `name` of `path` is declared."""
        if depth > 12:
            return None
        ex = self.facts_of(path).get("exports") or {}
        if name in (ex.get("names") or []) or name in (ex.get("consts") or {}) or name == "default":
            return path, name
        for r in ex.get("reexports") or []:
            if r.get("as") == name:
                target = self.module_path(path, r["module"])
                if target:
                    # (a file read for its export lines only does not list `export function`s: the name is its own)
                    return self.origin(target, r["name"], depth + 1) or (target, r["name"])
        for r in ex.get("reexports") or []:
            if r.get("as") == "*":
                target = self.module_path(path, r["module"])
                if target:
                    o = self.origin(target, name, depth + 1)
                    if o is not None:
                        return o
        return None

    def class_root(self, path: str, name: str, depth: int = 0) -> str | None:
        if depth > 10:
            return None
        o = self.origin(path, name)
        if o is None:
            return None
        opath, oname = o
        cls = (self.facts_of(opath).get("exports") or {}).get("classes", {}).get(oname)
        if not cls:
            return None
        root = cls.get("root")
        if root == "pending":
            target = self.module_path(opath, cls.get("base_module") or "")
            if target is None:
                return None
            return self.class_root(target, cls.get("base") or "", depth + 1)
        return root

    # main ------------------------------------------------------------------------------------------------
    def run(self, sites: list[UnresolvedSite] | None = None) -> tuple[list[ToolRecord], list[ScanError]]:
        if sites is None:
            sites = []
        errors: list[ScanError] = []
        key_names: dict[tuple[str, str, bool], Any] = {}
        # (file, function) -> [(file, key, line)]: where calls of a function returning a tool are keyed
        key_uses: dict[tuple[str, str], list[tuple[str, str, int]]] = {}
        for path, facts in self.facts.items():
            for kr in facts.get("key_refs") or []:
                target = self.module_path(path, kr.get("module") or "")
                if target is None:
                    continue
                o = self.origin(target, kr.get("name") or "")
                if o is None:
                    continue
                k = kr.get("key")
                if isinstance(k, dict):
                    k = self.value(path, k)
                if isinstance(k, str):
                    key_names.setdefault((o[0], o[1], bool(kr.get("call"))), k)
                    if kr.get("call"):
                        key_uses.setdefault((o[0], o[1]), []).append((path, k, int(kr.get("line") or 1)))
        self._record_sites(sites)
        spread_sites: list[UnresolvedSite] = []
        spread_used, read_there = self._spread_uses(spread_sites)
        wrapper_of, absorbed = self._wrapper_calls(sites, spread_used)
        sites.extend(spread_sites)
        for path, facts in self.facts.items():
            for cand in facts.get("tools") or []:
                if cand.get("spread_export") and _spread_key(path, cand["spread_export"]) in spread_used:
                    absorbed.update((path, n) for n in cand["spread_export"].get("absorbs") or [])
        project_loops = _loops().ProjectLoops(self)
        handled = project_loops.run(sites)
        # records of files `extract` did not parse for tools, which a registration takes (loops.py)
        walked_elsewhere = [(p, _loops().with_handler(c, handled[i])) for i, (p, c) in
                            sorted(project_loops.elsewhere.items(), key=lambda kv: (kv[1][0], kv[1][1].get("line") or 0))
                            if i in handled]
        authored_stems = {posixpath.join(posixpath.dirname(p), posixpath.basename(p).split(".", 1)[0])
                          for p in self.facts} if any(c.get("eve_default") for f in self.facts.values()
                                                      for c in f.get("tools") or []) else set()
        labels, returned = _factories().project_labels(self, sites) if any(
            c.get("factory_ref") for f in self.facts.values() for c in f.get("tools") or []) else ({}, [])
        records: list[ToolRecord] = []
        seen: set[tuple[str, int, str]] = set()
        reach_files = {p for p, f in self.facts.items() if any("reach" in c for c in f.get("tools") or [])}
        reach = _reach().ProjectReach(self, reach_files) if reach_files else None
        # builders of an action union over a list of an interface or type (action_schemas.typed_definitions):
        # the type -> the members naming its actions, and where each builder is
        typed_keys: dict[str, set[str]] = {}
        typed_builders: list[tuple[str, dict]] = []
        for path, facts in self.facts.items():
            for b in facts.get("typed_builders") or []:
                typed_keys.setdefault(str(b.get("type")), set()).add(str(b.get("key") or "name"))
                typed_builders.append((path, b))
        typed_seen: set[str] = set()
        # converters of a typed record into a provider's tool (converters.py): the type -> the provider
        converted: dict[str, str] = {}
        for path, facts in sorted(self.facts.items()):
            for c in facts.get("tool_converters") or []:
                converted.setdefault(str(c.get("type")), str(c.get("framework") or "unknown"))
        for path in sorted(self.facts):
            facts = self.facts[path]
            for err in facts.get("errors") or []:
                errors.append(ScanError(file=path, line=err.get("line"), message=str(err.get("message"))))
            for site in facts.get("unresolved") or []:
                if site.get("package") and self.module_path(path, site["package"]) is not None:
                    continue  # a workspace package of this repository: its tools are read where it defines them
                sites.append(UnresolvedSite(file=path, line=max(1, int(site.get("line") or 1)),
                                            call=str(site.get("call") or ""), reason=str(site.get("reason") or "")))
            lang = facts.get("lang") or "typescript"
            for cand in facts.get("tools") or []:
                if cand.get("factory_ref"):
                    continue  # read above: the definition the function returns is the tool
                if cand.get("typed_def"):
                    td = cand["typed_def"]
                    names = td.get("names") or {}
                    named = [names[k] for k in sorted(typed_keys.get(str(td.get("type")), ())) if k in names]
                    if not named:
                        continue  # an object of a type no action builder walks, or without the member naming it
                    typed_seen.add(str(td.get("type")))
                    cand = dict(cand, name=named[0])
                if cand.get("typed_table"):
                    fw = next((converted[t] for t in cand["typed_table"].get("types") or [] if t in converted), None)
                    if fw is None:
                        continue  # a record of a table no converter turns into a model's tool
                    cand = dict(cand, framework=fw)
                if "reach" in cand and reach is not None and not reach.keeps(path, cand["reach"]):
                    continue  # exported, but imported by no file and no library's public API
                if labels and (path, cand.get("line")) in labels and cand.get("style") in _DEFINITION_STYLES:
                    fw, st = labels[(path, cand.get("line"))]
                    cand = dict(cand, framework=fw, style=st)
                if cand.get("spread_export") and _spread_key(path, cand["spread_export"]) not in spread_used:
                    continue  # an exported array or object no call spreads into that reader
                if cand.get("members_use") is not None and (path, cand["members_use"]) in read_there:
                    continue  # read in the file that defines its arguments
                loop_registered = bool((handled.get(id(cand)) or {}).get("registered"))
                if id(cand) in handled:  # a definition a loop registers, with its body in a handler map
                    cand = _loops().with_handler(cand, handled[id(cand)])
                elif cand.get("loop_only"):
                    continue  # a project's own definition record no registration loop walks
                if cand.get("eve_default") and cand["eve_default"] in authored_stems:
                    continue  # the agent's own tools/<name>.ts replaces or disables eve's framework tool
                if cand.get("wrapper"):
                    info = wrapper_of.get(id(cand))
                    if info is None and loop_registered:
                        # the record a call of a project function returns, registered by a loop: the loop's
                        # framework (with_handler, above) and the record's own reading
                        info = {"framework": cand.get("framework"), "style": cand.get("style")}
                    if info is None:
                        continue  # a call of a project function that is not a generic wrapper
                    if cand["wrapper"].get("unread_name"):
                        sites.append(UnresolvedSite(file=path, line=max(1, int(cand.get("line") or 1)),
                                                    call=" ".join(str(cand["wrapper"]["unread_name"]).split()),
                                                    reason="tool name made at run time"))
                        continue
                    cand = dict(cand, framework=info.get("framework"), style=info.get("style"))
                elif (path, cand.get("line")) in absorbed and cand.get("style") in _DEFINITION_STYLES:
                    continue  # a definition spread into a wrapper call or imported: part of that one tool
                elif cand.get("style") in _DEFINITION_STYLES and self._registered_where_dispatched(path, cand):
                    continue  # a tools/list override of another file's server listing a tool it registers itself
                at = None
                if cand.get("definition"):
                    if cand.get("at_definition"):
                        # an action built from an imported definition: reported where its name is written
                        found = self._definition(path, cand["definition"])
                        at = (found[0], (found[1].get("lines") or [cand.get("line")])[-1]) if found else None
                    cand = self._with_definition(path, cand)
                if cand.get("schema_ref") and cand.get("typed"):
                    cand = self._with_schema(path, cand)
                if cand.get("owner_ref") and self._agent(path, cand["owner_ref"]) is None:
                    continue  # `x.handoffs.push(...)` on something that is no agent of this project
                if cand.get("agent_ref"):
                    agent = self._agent(path, cand["agent_ref"])
                    if agent is None:
                        sites.append(UnresolvedSite(file=path, line=max(1, int(cand.get("line") or 1)),
                                                    call=f"{cand['agent_ref'].get('name')} in handoffs: [...]",
                                                    reason="hand-off to an agent parr could not read"))
                        continue
                    if cand.get("framework") == "langgraph-js":  # each SDK names hand-offs by its own rule
                        from parr.scan.typescript.frameworks.langgraph_js import handoff_name
                        cand = dict(cand, name=handoff_name(agent))
                    else:
                        cand = dict(cand, name=_detect().handoff_tool_name(agent))
                bind = cand.get("bind") or {}
                if bind.get("kind") == "return" and not cand.get("name") and not cand.get("name_ref"):
                    # A tool a project function returns: one per key its calls are stored under in other
                    # files, reported there; the function's own name only when no call is keyed anywhere.
                    uses = key_uses.get((path, bind.get("local") or ""), [])
                    for use_path, key, at in sorted(set(uses)):
                        rec = self._record(path, lang, dict(cand, name=key, bind=None), key_names,
                                           at=(use_path, at))
                        if rec is not None and (rec.file, rec.line, rec.name) not in seen:
                            seen.add((rec.file, rec.line, rec.name))
                            records.append(rec)
                    if uses or bind.get("keyed_here"):
                        continue
                rec = self._record(path, lang, cand, key_names, at=at)
                if rec is None:
                    if cand.get("name") is None and cand.get("name_ref") is not None and not cand.get("bind"):
                        sites.append(UnresolvedSite(
                            file=path, line=max(1, int(cand.get("line") or 1)), call=f"{cand.get('style') or 'tool'}(...)",
                            reason="tool name defined elsewhere that parr cannot read"))
                    continue
                k = (rec.file, rec.line, rec.name)
                if k in seen:
                    continue
                seen.add(k)
                records.append(rec)
        for path, b in typed_builders:
            if str(b.get("type")) not in typed_seen:
                # fail closed: a builder of actions of a type the project declares no literal action of
                sites.append(UnresolvedSite(file=path, line=max(1, int(b.get("line") or 1)), call=str(b.get("call") or ""),
                                            reason=f"actions handed to the model as a union over {b.get('type')} "
                                                   f"values parr found no declaration of"))
        for path, cand in returned + walked_elsewhere + _classes().resolve(self, sites):
            rec = self._record(path, self.facts_of(path).get("lang") or "typescript", cand, key_names)
            if rec is not None and (rec.file, rec.line, rec.name) not in seen:
                seen.add((rec.file, rec.line, rec.name))
                records.append(rec)
        from parr.scan.typescript import instances

        at_lines = {(r.file, r.line) for r in records}
        inst_sites: list[UnresolvedSite] = []
        # (a class at the line of a record is a tool by its own family's rule: a LangChain StructuredTool subclass)
        placed: set[tuple[str, int]] = set()
        for path, cand in instances.resolve(self, inst_sites, at_lines, placed):
            rec = self._record(path, self.facts_of(path).get("lang") or "typescript", cand, key_names)
            if rec is not None and (rec.file, rec.line, rec.name) not in seen:
                seen.add((rec.file, rec.line, rec.name))
                records.append(rec)
        if placed:
            # `tools: [new LocalTool()]`: the detector's site for an instance it could not read is answered here
            sites[:] = [s for s in sites if (s.file, s.line) not in placed]
        sites.extend(inst_sites)
        records.sort(key=lambda r: (r.file, r.line, r.name))
        return self._one_interactable_per_app(records), errors

    def _record_sites(self, sites: list[UnresolvedSite]) -> None:
        """A record built key by key that holds tools of other files (a key names what one of them makes):
        its entries parr cannot read, and the records merged into it, are tools handed over unseen."""
        for path, facts in self.facts.items():
            entries = facts.get("record_entries")
            if not entries:
                continue
            holds: set[int] = set()
            for kr in facts.get("key_refs") or []:
                if kr.get("rec") is None or kr["rec"] in holds:
                    continue
                target = self.module_path(path, kr.get("module") or "")
                o = self.origin(target, kr.get("name") or "") if target else None
                if o is not None and any((c.get("bind") or {}).get("local") == o[1]
                                         for c in self.facts_of(o[0]).get("tools") or []):
                    holds.add(kr["rec"])
            for e in entries:
                if e.get("rec") in holds:
                    sites.append(UnresolvedSite(
                        file=path, line=max(1, int(e.get("line") or 1)), call=str(e.get("call") or ""),
                        reason=f"tool stored under '{e['key']}' made by code parr cannot read" if e.get("key")
                        else "tools merged into a tools record from one parr cannot read"))

    def _one_interactable_per_app(self, records: list[ToolRecord]) -> list[ToolRecord]:
        """assistant-ui registers one `update_<name>` per interactable name in an app: the toolkit entry's anchor
        and a component's own hook for the same name are one tool (reported at the toolkit, else the first)."""
        if not any(r.style == "assistant_ui.interactable" for r in records):
            return records
        keep: dict[tuple[str | None, str], ToolRecord] = {}
        for r in records:
            if r.style != "assistant_ui.interactable":
                continue
            k = (self._package_folder(r.file), r.name)
            made_by_toolkit = any(o.file == r.file and o.line == r.line and o.style == "assistant_ui.interactableTool"
                                  for o in records)
            if k not in keep or made_by_toolkit:
                keep[k] = r
        chosen = {id(r) for r in keep.values()}
        return [r for r in records if r.style != "assistant_ui.interactable" or id(r) in chosen]

    def _package_folder(self, path: str) -> str | None:
        """The folder of the nearest package.json above `path` ("" for the root), or None."""
        folder = posixpath.dirname(path)
        for _ in range(30):
            if posixpath.join(folder, "package.json") in self.paths:
                return folder
            if not folder:
                return None
            folder = posixpath.dirname(folder)
        return None

    def _wrapper_calls(self, sites: list[UnresolvedSite],
                       spread_used: set[tuple] = frozenset()) -> tuple[dict[int, dict], set[tuple[str, Any]]]:
        """Calls of generic wrappers imported from this project (each one a tool, with the wrapper's
        framework and style), the definition lines they absorb, and a site for every wrapper no call
        of which was found (its tools would otherwise go unreported)."""
        wrapper_of: dict[int, dict] = {}
        absorbed: set[tuple[str, Any]] = set()
        used: set[tuple[str, str]] = set()
        # Registration wrappers by name: their calls are member calls (ctx.accountTool(...)) on objects
        # whose type parr does not follow, so a method of that name declared anywhere here is the one.
        by_method: dict[str, tuple[str, dict]] = {}
        for path in sorted(self.facts):
            for name, info in sorted((self.facts[path].get("wrappers") or {}).items()):
                if info.get("registration"):
                    by_method.setdefault(name, (path, info))
        for path, facts in self.facts.items():
            for cand in facts.get("tools") or []:
                ref = cand.get("wrapper")
                if not ref:
                    continue
                if ref.get("method"):
                    found = by_method.get(ref["method"])
                    if found is not None:
                        wrapper_of[id(cand)] = found[1]
                        used.add((found[0], ref["method"]))
                    continue
                target = self.module_path(path, ref.get("module") or "")
                o = self.origin(target, ref.get("name") or "") if target else None
                info = (self.facts_of(o[0]).get("wrappers") or {}).get(o[1]) if o else None
                if info is None:
                    continue
                wrapper_of[id(cand)] = info
                used.add(o)
                absorbed.update((path, n) for n in ref.get("absorbs") or [])
        for path, facts in self.facts.items():
            for cand in facts.get("tools") or []:
                if cand.get("spread_export") and _spread_key(path, cand["spread_export"]) not in spread_used:
                    continue  # a reading of an exported array no call uses absorbs nothing
                found = self._definition(path, cand["definition"]) if cand.get("definition") else None
                if found is not None:
                    absorbed.update((found[0], n) for n in found[1].get("lines") or [])
        for path in sorted(self.facts):
            for name, info in sorted((self.facts[path].get("wrappers") or {}).items()):
                if info.get("registration") and name in _detect()._REGISTRATION_METHODS:
                    continue  # server.registerTool(...) / server.paidTool(...) calls are read by their own rule
                if not info.get("called_here") and (path, name) not in used:
                    sites.append(UnresolvedSite(file=path, line=max(1, int(info.get("line") or 1)), call=f"{name}(...)",
                                                reason="generic tool wrapper whose callers parr did not find"))
        return wrapper_of, absorbed

    def _spread_uses(self, sites: list[UnresolvedSite]) -> tuple[set[tuple], set[tuple[str, int]]]:
        """The exported argument lists some call spreads into a reader (`server.tool(...TOOL)` with TOOL
        imported), as keys of the readings the defining file made, and the calls (file, index) read there.
        A spread with no such reading (not found, not an array literal) is an unresolved site; a call
        passing members of one object keeps its own reading instead."""
        readings: set[tuple] = set()
        for path, facts in self.facts.items():
            for cand in facts.get("tools") or []:
                if cand.get("spread_export"):
                    readings.add(_spread_key(path, cand["spread_export"]))
        used: set[tuple] = set()
        read_there: set[tuple[str, int]] = set()
        for path in sorted(self.facts):
            for index, use in enumerate(self.facts[path].get("spread_uses") or []):
                target = self.module_path(path, use.get("module") or "")
                name = use.get("name") or ""
                o = (target, "default") if target and name in ("default", "*") else \
                    self.origin(target, name) if target else None
                key = _spread_key(o[0], dict(use, name=o[1])) if o else None
                if key in readings:
                    used.add(key)
                    read_there.add((path, index))
                    continue
                if use.get("members"):
                    continue  # the call's own reading stands
                sites.append(UnresolvedSite(file=path, line=max(1, int(use.get("line") or 1)),
                                            call=str(use.get("call") or ""),
                                            reason="arguments taken from another file that parr could not read as a tool"))
        return used, read_there

    def _agent(self, path: str, ref: dict[str, Any]) -> str | None:
        """The name of an agent another file of the project exports."""
        target = self.module_path(path, ref.get("module") or "")
        o = self.origin(target, ref.get("name") or "") if target else None
        name = ((self.facts_of(o[0]).get("exports") or {}).get("agents") or {}).get(o[1]) if o else None
        return name if isinstance(name, str) else None

    def _definition(self, path: str, ref: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
        """The file and facts of a tool definition another file imports (`import { defs } from "./defs"`)."""
        target = self.module_path(path, ref.get("module") or "")
        o = self.origin(target, ref.get("name") or "") if target else None
        if o is None:
            return None
        key = o[1] + (f".{ref['member']}" if ref.get("member") else "")
        found = (self.facts_of(o[0]).get("definitions") or {}).get(key)
        return (o[0], found) if isinstance(found, dict) else None

    def _with_schema(self, path: str, cand: dict[str, Any]) -> dict[str, Any]:
        """A tool whose input schema is a zod schema exported by another file of the project
        (`inputSchema: zodToJsonSchema(ReadFileArgsSchema)`) is as typed as that schema is there."""
        ref = cand["schema_ref"]
        target = self.module_path(path, ref.get("module") or "")
        found = self.origin(target, ref.get("name") or "") if target is not None else None
        schema = ((self.facts_of(found[0]).get("exports") or {}).get("schemas") or {}).get(found[1]) if found else None
        if not schema or schema.get("typed") is not False:
            return cand
        why = [e for e in schema.get("evidence") or []] or ["untyped schema"]
        return dict(cand, typed=False, typed_evidence=[f"{ref.get('name')}: {why[0]}"] + why[1:])

    def _with_definition(self, path: str, cand: dict[str, Any]) -> dict[str, Any]:
        """A tool whose schema, description and annotations sit in an imported definition takes them from
        it; without one found it stays as the detector left it (untyped, saying why)."""
        found = self._definition(path, cand["definition"])
        if found is None:
            return cand
        d = found[1]
        out = dict(cand)
        if d.get("schema") and d["schema"] != "none":
            fields = d.get("fields") or {}
            strings = [f for f, t in fields.items() if t in EXECUTABLE_TYPES]
            executed = set(cand.get("executed") or ())
            raw = [f for f in strings if f in executed and (len(fields) == 1 or f.lower() in _detect()._RAW_FIELDS)]
            out["schema"] = d["schema"]
            if d.get("typed") is False:
                out["typed"], out["typed_evidence"] = False, list(d.get("typed_evidence") or ["untyped schema"])
            elif raw:
                out["typed"], out["typed_evidence"] = False, [f"raw string '{raw[0]}' is executed or interpreted"]
            else:
                out["typed"], out["typed_evidence"] = True, list(d.get("typed_evidence") or [])
        if out.get("description") is None and out.get("description_ref") is None:
            out["description"], out["description_ref"] = d.get("description"), d.get("description_ref")
        out["annotations"] = {**(d.get("annotations") or {}), **(cand.get("annotations") or {})}
        return out

    def _registered_where_dispatched(self, path: str, cand: dict[str, Any]) -> bool:
        """The definition names a tool that the file answering its calls (another file's CallTool branch) also
        registers (`server.registerTool("run", ...)` beside `tools/list` returning this list): one tool, read
        at its registration; a contract list of wire literals is no second registration."""
        name = cand.get("name")
        hit = self._dispatch_for(path, name) if isinstance(name, str) else None
        if hit is None or hit[0] == path:
            return False
        return any(c.get("name") == name and c.get("style") in _REGISTRATION_STYLES
                   for c in self.facts_of(hit[0]).get("tools") or [])

    def _dispatch_for(self, path: str, name: str) -> tuple[str, dict[str, Any]] | None:
        """The CallTool branch (file, effects) that runs a tool declared in `path` by name, in another
        file: the nearest such file (longest shared folder) when several handle that name."""
        if not hasattr(self, "_dispatch_index"):
            index: dict[str, list[tuple[str, dict]]] = {}
            elsewhere: dict[str, list[tuple[str, dict]]] = {}
            for p in sorted(self.facts):
                for tool, fact in (self.facts[p].get("dispatch") or {}).items():
                    index.setdefault(tool, []).append((p, fact))
                for tool, fact in (self.facts[p].get("dispatch_elsewhere") or {}).items():
                    if tool.startswith("ref:"):  # a case naming the tool by another file's constant
                        try:
                            tool = self.value(p, json.loads(tool[4:])) or ""
                        except ValueError:
                            continue
                    if tool:
                        elsewhere.setdefault(tool, []).append((p, fact))
            for tool, found in elsewhere.items():
                index.setdefault(tool, found)  # a CallTool handler's own branch comes first
            self._dispatch_index = index
        found = self._dispatch_index.get(name) or []
        if not found:
            return None
        return max(found, key=lambda pf: len(posixpath.commonprefix([posixpath.dirname(pf[0]) + "/",
                                                                     posixpath.dirname(path) + "/"])))

    def _with_followed_effects(self, path: str, name: str, cand: dict[str, Any]) -> dict[str, Any]:
        """A tool takes in the effects of code in other files that its body reaches: the CallTool branch
        of another file for a tool declared by name, and the project functions called (`fn_effects`),
        two calls deep, each with the arguments its caller passes (a process a helper runs from its
        parameters is judged on those words by the CLI knowledge base)."""
        calls = list(cand.get("calls") or [])
        acc: dict[str, Any] = {}
        start = path
        hit = None
        if cand.get("dispatch_by_name"):
            hit = self._dispatch_for(path, name)
            if hit is not None:
                start = hit[0]
                self._take(acc, hit[1], None)
                calls = list(hit[1].get("calls") or [])
                cand = _open_objects_read(cand, hit[1])
        elif cand.get("selector"):
            hit = self._selector_branch(path, cand["selector"])
            if hit is not None:
                start = hit[0]
                self._take(acc, hit[1], None)
                calls = list(hit[1].get("calls") or [])
        if calls:
            self._follow(start, calls, acc, 0, set())
        if acc.get("pkg_read"):
            # calls of the repository's own packages, read above: no longer unknown
            known = set(acc.pop("pkg_read"))
            cand = {**cand, "unread": [u for u in cand.get("unread") or [] if u.split(" (via ")[0] not in known]}
            acc["unread"] = [u for u in acc.get("unread") or [] if u.split(" (via ")[0] not in known]
        if cand.get("no_code") and hit is None:
            # no handler beside the definition, and no branch running it by its name: the read rests on nothing
            acc.setdefault("unread", []).append("runs code parr did not find (no handler beside its definition)")
        if not acc:
            return cand
        out = dict(cand)
        for key in ("strong", "weak", "medium", "reads", "caps", "unread"):
            if acc.get(key):
                out[key] = list(dict.fromkeys(list(out.get(key) or []) + acc[key]))
        if acc.get("runs"):
            out["cli_runs"] = list(dict.fromkeys(list(out.get("cli_runs") or []) + acc["runs"]))
        if acc.get("choices"):
            out["cli_choices"] = list(out.get("cli_choices") or []) + [c for c in acc["choices"]
                                                                        if c not in (out.get("cli_choices") or [])]
        return out

    def _selector_branch(self, path: str, selector: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
        """The dispatch branch (file, effects of the calls the action's payload reaches) of an action of a
        selector schema declared in `path` (action_schemas.selectors), in a file importing `path`."""
        key = f"{selector.get('field')}:{selector.get('value')}"
        for q in sorted(self.facts):
            facts = self.facts_of(q)
            if not facts.get("selector_dispatch") or q == path:
                continue
            if not any(self.module_path(q, spec) == path for spec in facts.get("imps") or {}):
                continue
            fact = (self._full(q, "selector_branches").get("selector_branches") or {}).get(key)
            if fact is not None:
                return q, fact
        return None

    @staticmethod
    def _take(acc: dict[str, Any], fact: dict[str, Any], via: str | None) -> None:
        def tag(e: str) -> str:
            return f"{e} (via {via}())" if via and "(via " not in e else e
        for key in ("strong", "weak", "medium", "reads", "unread"):
            for e in fact.get(key) or []:
                if tag(e) not in acc.setdefault(key, []):
                    acc[key].append(tag(e))
        for c in fact.get("caps") or []:
            if c not in acc.setdefault("caps", []):
                acc["caps"].append(c)
        for c in fact.get("choices") or []:
            if c not in acc.setdefault("choices", []):
                acc["choices"].append(c)
        for f in fact.get("runs") or []:
            if f not in acc.setdefault("runs", []):
                acc["runs"].append(f)

    def _full_fn_effects(self, path: str) -> dict[str, Any]:
        """The exported functions' effects of a file `extract` read for its exports only (a helper in
        utils/ or services/ that no tool file holds), read again in full once when a tool reaches it."""
        return self._full(path, "fn_effects").get("fn_effects") or {}

    def _full(self, path: str, part: str | None = None) -> dict[str, Any]:
        """A file's full facts (`extract_full`), or the one part of them asked for (`full_parts`), read once
        when a tool reaches it."""
        cache = self.__dict__.setdefault("_full_cache", {})
        if (path, part) not in cache:
            loader = getattr(self, "full_facts", None)
            read = getattr(loader, "part", None) if part is not None else None
            cache[(path, part)] = (read(path, part) if read is not None else
                                   loader(path) if loader is not None else None) or {}
        return cache[(path, part)]

    def class_facts(self, path: str) -> dict[str, Any] | None:
        """The classes part of a file's full facts (`extract_full(..., part="classes")`), read once: None when
        there is no reader or the file could not be read."""
        cache = self.__dict__.setdefault("_class_facts", {})
        if path not in cache:
            loader = getattr(self, "full_facts", None)
            part = getattr(loader, "part", None)
            cache[path] = part(path, "classes") if part is not None else loader(path) if loader is not None else None
        return cache[path]

    def _helper_kind(self, path: str, ref: dict[str, Any]) -> str | None:
        """The kind ("pure", "session") of the function `ref` names ({module, name}, imported by `path`)."""
        target = self.module_path(path, ref.get("module") or "")
        if target is None:
            return None
        o = self.origin(target, ref.get("name") or "") or (target, ref.get("name") or "")
        return (self._full(o[0], "kinds").get("kinds") or {}).get(o[1])

    def _computes(self, path: str, ref: dict[str, Any]) -> bool:
        """The function `ref` names ({module, name}, imported by `path`) only computes a value (`computes`)."""
        target = self.module_path(path, ref.get("module") or "")
        if target is None:
            return False
        # (a file read for its export lines only does not list `export function`s: then the name is its own)
        o = self.origin(target, ref.get("name") or "") or (target, ref.get("name") or "")
        return o[1] in (self._full(o[0], "computes").get("computes") or [])

    def _instance_method(self, path: str, name: str, member: str) -> dict[str, Any] | None:
        """The effects of `name.member(...)` where `path` exports `name = new Class(...)`: Class's method, in
        `path` or in the file the class is imported from."""
        inst = ((self.facts_of(path).get("exports") or {}).get("instances") or {}).get(name)
        if not isinstance(inst, dict) or not inst.get("class"):
            return None
        cpath, cls = path, inst["class"]
        if inst.get("module"):
            target = self.module_path(path, inst["module"])
            o = self.origin(target, cls) if target else None
            if o is None:
                return None
            cpath, cls = o
        key = f"{cls}.{member}"
        fact = (self.facts_of(cpath).get("fn_effects") or {}).get(key)
        return fact if fact is not None else (self._full_fn_effects(cpath) or {}).get(key)

    def _callee_fact(self, path: str, call: dict[str, Any]) -> tuple[tuple[str, str], dict[str, Any]] | None:
        """The file and effects fact of the project function (or class method) a call of `path` names."""
        target = self.module_path(path, call.get("module") or "")
        if target is None or not call.get("name"):
            return None
        # (a file read for its export lines only does not list `export function`s: then the name is its own)
        o = self.origin(target, call["name"]) or (target, call["name"])
        key_name = f"{o[1]}.{call['member']}" if call.get("member") else o[1]
        fact = (self.facts_of(o[0]).get("fn_effects") or {}).get(key_name)
        if fact is None:
            fact = (self._full_fn_effects(o[0]) or {}).get(key_name)
        if fact is None and call.get("member"):
            fact = self._instance_method(o[0], o[1], call["member"])
        return (o, fact) if isinstance(fact, dict) else None

    @staticmethod
    def _arg_names(call: dict[str, Any], at: int, key: str) -> set[str]:
        """The names the caller's argument `at` holds where the callee takes its parameter (or its entry `key`)."""
        names = call.get("names") or []
        arg = names[at] if at < len(names) else None
        if isinstance(arg, dict):
            if not key:
                return {n for v in arg.values() for n in v} | set(arg)
            return set(arg.get(key) or ())
        if isinstance(arg, list) and arg:
            # a whole object handed on (`run(args)`) whose entry `key` the callee destructures and runs
            return set(arg) | ({key} if key else set())
        return set()

    def _raw_positions(self, path: str, call: dict[str, Any], depth: int, seen: set) -> dict[tuple[int, str], str]:
        """The callee's parameters (position, entry key) that reach a sink interpreting them, directly or by
        being passed on to another function of the project, with the evidence naming that sink."""
        found = self._callee_fact(path, call)
        if found is None:
            return {}
        o, fact = found
        marker = (o, call.get("member"))
        if marker in seen:
            return {}
        seen = seen | {marker}
        sink = fact.get("sink") or "a statement, command or code run"
        via = call.get("member") and f"{o[1]}.{call['member']}" or o[1]
        out: dict[tuple[int, str], str] = {(int(r[0]), str(r[1])): f"{sink} in {via}()" for r in fact.get("raw") or []
                                           if isinstance(r, list) and len(r) == 2}
        params = fact.get("params") or []
        if depth >= 3 or not params:
            return out
        onward = list(fact.get("calls") or []) + [p["forward"] for p in fact.get("proc") or [] if "forward" in p]
        for sub in onward[:20]:
            for (k, key), why in self._raw_positions(o[0], sub, depth + 1, seen).items():
                names = self._arg_names(sub, k, key)
                for i, local in enumerate(params):
                    if isinstance(local, str) and local in names:
                        out.setdefault((i, ""), why)
                    elif isinstance(local, dict):
                        for pk, ln in local.items():
                            if ln in names:
                                out.setdefault((i, pk), why)
        return out

    def _raw_through_calls(self, path: str, cand: dict[str, Any]) -> str | None:
        """Evidence that a raw string field of the tool (`raw_fields`) is handed to a function of another file
        that runs it raw (SQL, a shell, code), or None."""
        fields = set(cand.get("raw_fields") or ())
        for call in (cand.get("calls") or [])[:20]:
            for (k, key), why in self._raw_positions(path, call, 0, set()).items():
                hit = sorted(self._arg_names(call, k, key) & fields)
                if hit:
                    return f"raw string '{hit[0]}' is executed or interpreted: {why}"
        return None

    def _follow(self, path: str, calls: list[dict[str, Any]], acc: dict[str, Any], depth: int, seen: set) -> None:
        from parr.scan.typescript import process

        for call in calls[:20]:
            if call.get("pkg"):
                if self.module_path(path, call.get("module") or "") is None:
                    continue  # a package from outside the repository: the call stays unknown (unread)
                acc.setdefault("pkg_read", []).append(call["pkg"])  # a workspace package of the repository
            found = self._callee_fact(path, call)
            if found is None:
                # a function of the project parr did not read (a file outside the scan, a form it does not
                # follow): what it does is unknown, and a read verdict resting on it says so (CODE-015)
                named = ".".join(n for n in (call.get("name"), call.get("member")) if n)
                if named and not _fx().quiet_call(named.rsplit(".", 1)[-1]):
                    self._take(acc, {"unread": [f"calls {named}() of {call.get('module')}, not read"]}, None)
                continue
            o, fact = found
            # the same function called with other arguments may run another command: both are read
            key = (o, call.get("member"), json.dumps(call.get("argv") or [], sort_keys=True))
            if key in seen:
                continue
            fact = _literal_variant(fact, call.get("argv") or [])
            seen.add(key)
            via = call.get("local") or call.get("name") or o[1]
            self._take(acc, fact, via)
            argv = call.get("argv") or []
            for proc in fact.get("proc") or []:
                if "forward" in proc:
                    # it hands its parameters to another function of the project: with this call's arguments
                    ref = dict(proc["forward"])
                    av = list(ref.get("argv") or [])
                    for k, i in enumerate(proc.get("at") or []):
                        if i is not None and k < len(av):
                            av[k] = argv[i] if i < len(argv) else {}
                    ref["argv"] = av
                    if depth < 2:
                        self._follow(o[0], [ref], acc, depth + 1, seen)
                    continue
                exe = proc.get("exe")
                exe_at, args_at = proc.get("exe_at"), proc.get("args_at")
                if exe is None and isinstance(exe_at, int) and exe_at < len(argv):
                    exe = (argv[exe_at] or {}).get("word")
                given = (argv[args_at] or {}) if isinstance(args_at, int) and args_at < len(argv) else {}
                alts = given.get("alts") or ([given["words"]] if "words" in given else [])
                if proc.get("rest") and isinstance(args_at, int):
                    # a rest-parameter helper: fixed words, then this call's arguments from that position
                    alts = [list(proc.get("prefix") or []) + [(a or {}).get("word") for a in argv[args_at:]]]
                how = f"{proc.get('how') or 'process'} via {via}()"
                decisions = [cli_kb.classify(exe, [process.from_json(w) for w in words]) for words in alts] \
                    if isinstance(exe, str) else []
                if not decisions or not all(decisions):
                    self._take(acc, {"strong": [how], "caps": ["shell"]}, None)
                    continue
                for d in decisions:
                    if d.kind == cli_kb.READ:
                        self._take(acc, {"reads": [d.evidence]}, via)
                    elif d.kind == cli_kb.CHOICE:
                        self._take(acc, {"choices": [cli_kb.choice_fact(d)]}, None)
                    else:
                        self._take(acc, {"strong": [f"{d.evidence} ({how})"], "caps": ["shell"], "runs": list(d.runs)},
                                   None)
            if depth < 3 and fact.get("calls"):
                self._follow(o[0], fact["calls"], acc, depth + 1, seen)

    def _record(self, path: str, lang: str, cand: dict[str, Any], key_names: dict,
                at: tuple[str, int] | None = None) -> ToolRecord | None:
        """The tool `cand` of file `path` as a record; `at` (file, line) reports it where it is used."""
        cond = cand.get("state_only_if")
        if cond and not cand.get("state_only") and all(self._computes(path, c) for c in cond.get("calls") or []):
            cand = dict(cand, state_only=cond.get("why"))
        cond = cand.get("body_if")
        if cond and not cand.get("body"):
            kinds = [self._helper_kind(path, c) for c in cond.get("calls") or []] + [cond.get("kind")]
            if None not in kinds:
                cand = dict(cand, body="session" if "session" in kinds else "pure")
        name = cand.get("name")
        if name is None and cand.get("name_ref") is not None:
            name = self.value(path, cand["name_ref"])
        bind = cand.get("bind")
        if name is None and bind:
            name = key_names.get((path, bind.get("local"), bind.get("kind") == "return"))
            if name is None:
                name = bind.get("default") or _detect().fallback_name(bind)
        if not isinstance(name, str) or not name:
            return None
        style = cand.get("style") or "unknown"
        typed = cand.get("typed")
        schema = cand.get("schema") or "none"
        ext = cand.get("extends")
        if ext:
            target = self.module_path(path, ext.get("module") or "")
            root = self.class_root(target, ext.get("name") or "") if target else None
            if root not in ("Tool", "StructuredTool", "DynamicTool"):
                return None
            if root in ("Tool", "DynamicTool"):
                style, typed, schema = "langchain_js.Tool_subclass", False, "framework_defined"
            elif typed is None:
                typed = True
        description = cand.get("description")
        if description is None and cand.get("description_ref") is not None:
            description = self.value(path, cand["description_ref"])
        cand = self._with_followed_effects(path, name, cand)
        if cand.get("weak") and cand.get("calls"):
            # `calls createExternalContentResponse()`: a guess from the name of a project function; its body,
            # read where it is defined and only computing (or answering the session), decides instead
            vouched = {f"calls {c.get('name')}()" for c in cand["calls"]
                       if not c.get("member") and f"calls {c.get('name')}()" in cand["weak"]
                       and self._helper_kind(path, c) is not None}
            if vouched:
                cand = dict(cand, weak=[w for w in cand["weak"] if w not in vouched])
        if cand.get("open_paths"):
            typed = cand.get("typed")  # the open-object rule, decided on the dispatch branch found
        if cand.get("executor_field") and typed and _executor_name().fullmatch(name.strip().lower()):
            # a definition without code whose name, defined in another file, says it runs its one command string
            typed = False
            cand = {**cand, "typed_evidence": [f"raw string '{cand['executor_field']}' is run by a tool named as a "
                                               "code/command executor"] + list(cand.get("typed_evidence") or [])}
        if cand.get("raw_fields") and typed is not False:
            # a raw string field handed to a function of another file that runs it: untyped as in the body
            raw = self._raw_through_calls(path, cand)
            if raw is not None:
                typed = False
                cand = {**cand, "typed_evidence": [raw] + list(cand.get("typed_evidence") or [])}
        mutating, mev = judge_mutating(cand, name, description)
        if mutating and mev and mev[0] in ("name verb 'add'", "name verb 'subtract'") and not cand.get("strong") and (
                cand.get("numeric_only") or (description and _ARITHMETIC.search(description))):
            mutating, mev = False, ["arithmetic 'add'"]
        if cand.get("cli_runs") and typed is not False:
            # `kubectl exec pod -- <command>`: what the model writes there runs as a command
            typed = False
            cand = {**cand, "typed_evidence": list(cand.get("typed_evidence") or []) + [
                f"'{cand['cli_runs'][0]}' is a command the model writes, run by a CLI"]}
        free = [f for f in cand.get("cli_choices") or [] if cli_kb.choice_values(f, cand.get("options")) is None]
        if free and typed is not False:
            # the model writes the command word itself (`kubectl <command>`): a raw string that is run
            typed = False
            cand = {**cand, "typed_evidence": list(cand.get("typed_evidence") or []) + [
                f"raw string '{free[0].get('field')}' picks the {free[0].get('cli')} command"]}
        evidence = list(mev) + [e for e in (cand.get("typed_evidence") or []) if e not in mev]
        caps = tuple(c for c in (cand.get("caps") or []) if c in _CAPABILITIES)
        if "shell" not in caps and any(cli_kb.judge_choice_fact(f, cand.get("options"))[0]
                                       for f in cand.get("cli_choices") or []):
            caps += ("shell",)  # a CLI subcommand the model picks among writing ones
        annotations = {k: v for k, v in (cand.get("annotations") or {}).items() if isinstance(v, (bool, str))}
        operation_param, operations = operations_of(cand.get("options") or {})
        try:
            file, at_line = at if at is not None else (path, cand.get("line"))
            return ToolRecord(
                name=name, file=file, line=max(1, int(at_line or 1)), language=lang,
                framework=cand.get("framework") or "unknown", style=style, mutating=bool(mutating),
                typed=bool(typed if typed is not None else True), schema=schema,
                gates=tuple(cand.get("gates") or ()), evidence=tuple(evidence[:8]),
                description=description, capabilities=caps, annotations=annotations,
                operation_param=operation_param, operations=operations,
                unverified=tuple(cand.get("unread") or ())[:5] if not mutating and mev
                and mev[0].startswith(UNREAD_READ) else (),
            )
        except Exception:  # pragma: no cover - a malformed cached fact must not stop the scan
            return None


def _literal_variant(fact: dict, argv: list) -> dict:
    """The effects of a function of another file called with a literal it tests (its `by` variants,
    parr.scan.typescript.effects._literal_variants): only the branches that literal takes. A call
    passing anything else there takes every branch's."""
    for pos, variants in (fact.get("by") or {}).items():
        i = int(pos)
        given = argv[i] if i < len(argv) else None
        word = given.get("word") if isinstance(given, dict) else None
        if given is None and "" in variants:
            return variants[""]
        if isinstance(word, str) and word in variants:
            return variants[word]
    return fact


def _branch_fact(ctx: Any, node: Any) -> dict[str, Any]:
    """A dispatch branch as facts: its effects, and the key paths it reads from the input (for the
    open-object rule of a tool declared in another file)."""
    from parr.scan.typescript import arg_reads

    fact = _fx().effects_fact(_fx().analyze(ctx, node))
    reads = sorted(arg_reads.read_paths(node))
    if reads:
        fact["arg_reads"] = [list(p) for p in reads[:64]]
    return fact


def _open_objects_read(cand: dict[str, Any], branch: dict[str, Any]) -> dict[str, Any]:
    """A tool declared by name in another file, left untyped because parr saw no code reading the
    objects its schema leaves open: its branch is found, so the open-object rule decides."""
    from parr.scan.typescript import arg_reads

    if not cand.get("open_paths"):
        return cand
    reads = {tuple(p) for p in branch.get("arg_reads") or ()}
    for open_path in (tuple(p) for p in cand["open_paths"]):
        read = arg_reads.reads_inside(reads, open_path)
        if read is not None:
            return dict(cand, typed=False, typed_evidence=[arg_reads.read_evidence(open_path, read)])
    rest = [e for e in cand.get("typed_evidence") or [] if not e.endswith(arg_reads.UNSEEN)]
    return dict(cand, typed=True, typed_evidence=rest)

