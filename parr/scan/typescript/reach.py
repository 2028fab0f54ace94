"""Whether an inert tool definition reaches a model: handed over in its file, imported by another, or public.

A factory result such as `createTool({...})` (agent-kit, Mastra, VoltAgent), the AI SDK's or LangChain.js's
`tool(...)`, or a raw definition object does nothing until code hands it to an agent or a model. One that the
repository's code never uses, and that no other file imports, is not a tool the model sees. Exported ones stay
tools where they are a library's public API: the entry files of a package that is published (package.json not
private, with `main`/`module`/`exports`) or imported by name by another package of the repository.

File phase (`settle`): the definition's place in its module. Inline (an argument, a `tools:` entry, a
function's body, any use parr does not know) it is used. At the top level it is bound to a name, directly or
inside a list or map; that name is used when any other reference to it is; otherwise the names it is exported
under (maybe none) go to the project phase (`reach`).
Project phase (`ProjectReach`): kept when any file of the project imports one of those names (or the whole
module: `import *`, `require`, `import()`, `export * from`), or the file is an entry of a library package.
Fail closed: a default export is kept (file-convention loaders import those); a file under no package.json is
kept (a snippet or a loose script: parr cannot tell what loads it); a package whose entry file parr cannot find
makes every file of it public.
"""

from __future__ import annotations

import json
import posixpath
import re
from typing import TYPE_CHECKING, Any

from tree_sitter import Node

from parr.scan.bytes_re import fast
from parr.scan.typescript.nodes import text

if TYPE_CHECKING:
    from parr.scan.typescript.detect import Detector

# Styles whose result is inert until handed to a model (registrations such as `server.tool(...)` expose a tool
# by being called, and file-convention tools such as opencode's are loaded without an import).
INERT_STYLES = frozenset({
    "ai_sdk.tool", "ai_sdk.dynamicTool", "langchain_js.tool", "langchain_js.DynamicStructuredTool",
    "langchain_js.DynamicTool", "mastra.createTool", "voltagent.createTool", "voltagent.Tool", "openai_agents_js.tool",
    "agent_kit.createTool",
    "openai.zodFunction",
    # object literals read as definitions alone
    "ai_sdk.raw_tool", "raw_function_schema", "mcp_ts.list_tools", "anthropic.raw_tool_schema",
    "openai.raw_function_schema", "gemini.function_declarations",
    "action_schema.typed",
})
# Candidates another reader decides about (spread argument lists, wrappers, definitions returned by functions).
_OWN_RULES = ("spread_export", "wrapper", "members_use", "factory_ref", "agent_ref", "owner_ref")
_WRAPPERS = frozenset({"parenthesized_expression", "as_expression", "satisfies_expression", "non_null_expression",
                       "type_assertion"})
_DECLARATIONS = frozenset({"lexical_declaration", "variable_declaration"})
_LIVE = ("live",)


def _place(node: Node) -> tuple:
    """Where a value ends up in its module: ("bind", name, declarator) when it is the value of a top-level
    `const name = ...` (directly or as an element of a list or map there), ("default",) for `export default`,
    otherwise used (`_LIVE`)."""
    cur = node
    for _ in range(64):
        p = cur.parent
        if p is None:
            return _LIVE
        t = p.type
        if t in _WRAPPERS or t in ("array", "spread_element"):
            cur = p
            continue
        if t == "pair":
            if p.child_by_field_name("value") != cur:
                return _LIVE
            cur = p.parent
            continue
        if t == "object" and cur.type in ("shorthand_property_identifier", "spread_element"):
            cur = p
            continue
        if t == "variable_declarator":
            name = p.child_by_field_name("name")
            decl = p.parent
            top = decl is not None and decl.type in _DECLARATIONS and decl.parent is not None and (
                decl.parent.type == "program" or (decl.parent.type == "export_statement" and decl.parent.parent is not None
                                                  and decl.parent.parent.type == "program"))
            if p.child_by_field_name("value") == cur and top and name is not None and name.type == "identifier":
                return ("bind", text(name), p)
            return _LIVE
        if t == "export_statement" and p.parent is not None and p.parent.type == "program":
            return ("default",)
        return _LIVE
    return _LIVE


def _exported_at_declaration(declarator: Node) -> bool:
    decl = declarator.parent
    return decl is not None and decl.parent is not None and decl.parent.type == "export_statement"


class _Bindings:
    """Top-level bindings holding inert definitions: whether each is used here, the bindings it is an element
    of, and the names it is exported under."""

    def __init__(self, det: Detector):
        self.det = det
        self.used: set[str] = set()
        self.into: dict[str, set[str]] = {}
        self.exports: dict[str, set[str]] = {}
        self._declarators: dict[str, Node] = {}

    def add(self, pairs: list[tuple[str, Node]]) -> None:
        """Index these bindings and, transitively, the top-level bindings holding them (one query a round)."""
        pending = list(pairs)
        while pending:
            batch = [(n, d) for n, d in pending if n not in self._declarators]
            pending = []
            for n, d in batch:
                self._declarators[n] = d
                self.into[n] = set()
                self.exports[n] = {n} if _exported_at_declaration(d) else set()
            if not batch:
                return
            for ref in self._references([n for n, _ in batch]):
                n = text(ref)
                d = self._declarators[n]
                if ref.parent == d and d.child_by_field_name("name") == ref:
                    continue  # the declaration itself
                parent = ref.parent
                if parent is not None and parent.type == "export_specifier":
                    stmt = parent.parent.parent if parent.parent is not None else None
                    if stmt is not None and stmt.child_by_field_name("source") is not None:
                        continue  # `export { n } from "./x"` names another module's binding
                    if parent.child_by_field_name("name") == ref:
                        alias = parent.child_by_field_name("alias")
                        self.exports[n].add(text(alias) if alias is not None else n)
                    continue
                where = _place(ref)
                if where[0] == "bind":
                    if where[1] != n:
                        self.into[n].add(where[1])
                        pending.append((where[1], where[2]))
                elif where[0] == "default":
                    self.exports[n].add("default")
                else:
                    self.used.add(n)

    def _references(self, names: list[str]) -> list[Node]:
        """The identifiers spelling one of `names`, found by their text (a query with a predicate would
        hand every identifier of the file to Python), in source order."""
        ctx = self.det.ctx
        pattern = re.compile(rb"(?<![\w$])(?:" + b"|".join(re.escape(n.encode()) for n in names) + rb")(?![\w$])")
        out: list[Node] = []
        for m in pattern.finditer(ctx.source):
            node = ctx.root.descendant_for_byte_range(m.start(), m.end())
            if node is not None and node.type in ("identifier", "shorthand_property_identifier") \
                    and node.start_byte == m.start() and node.end_byte == m.end():
                out.append(node)
            if len(out) >= 1 << 14:
                break
        return out

    def reach(self, name: str) -> set[str] | None:
        """The names the definition bound to `name` is exported under, or None when it is used here."""
        seen: set[str] = set()
        stack = [name]
        out: set[str] = set()
        while stack:
            n = stack.pop()
            if n in seen:
                continue
            seen.add(n)
            if n in self.used:
                return None
            out |= self.exports.get(n, set())
            stack.extend(self.into.get(n, ()))
        return out


def settle(det: Detector) -> None:
    """Drop the inert definitions nothing in the repository can hand to a model, and mark those only
    another file can (`reach`: the names they are exported under)."""
    nodes = getattr(det, "cand_nodes", {})
    places: dict[int, tuple] = {}
    for cand in det.tools:
        node = nodes.get(id(cand))
        if node is not None and cand.get("style") in INERT_STYLES and not any(cand.get(k) for k in _OWN_RULES):
            places[id(cand)] = _place(node)
    bound = [(w[1], w[2]) for w in places.values() if w[0] == "bind"]
    if not bound:
        return
    bindings = _Bindings(det)
    bindings.add(bound)
    keep: list[dict[str, Any]] = []
    for cand in det.tools:
        where = places.get(id(cand), _LIVE)
        if where[0] != "bind":
            keep.append(cand)
            continue
        names = bindings.reach(where[1])
        if names is None or "default" in names:
            keep.append(cand)
        else:
            # exported only (or not even that): the project phase asks whether any file imports it, and
            # whether it lies in a package at all (without one parr cannot tell an app from a snippet)
            keep.append(dict(cand, reach=sorted(names)))
    det.tools[:] = keep


# -- imports, read from the source text of every file (a file without tool APIs may import tools) ---------
# `from "<spec>"`, then the clause before it back to its `import` / `export` keyword (read backwards: a
# lazy clause pattern searched forwards backtracks on every `import` of a long file). The two scans of every
# file run in RE2 (bytes_re: the same matches, a third of the time over langchainjs's 12 MB).
_FROM = fast(rb"""\bfrom\s*['"]([^'"\n]+)['"]""")
# (a line comment runs to its newline: `//[^\n]*\n` can match one way only, so a clause that fails to reach
# `from` fails at once instead of trying every split of the comment's text, exponentially)
_CLAUSE = re.compile(rb"""(import|export)\s+(?:type\s+)?((?:[\w$\s,{}*]|//[^\n]*\n|/\*(?:[^*]|\*(?!/))*\*/)*)$""")
_COMMENTS = re.compile(rb"//[^\n]*|/\*(?:[^*]|\*(?!/))*\*/")
_WORD_BYTES = frozenset(bytes([c]) for c in b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$.")
_WHOLE = fast(rb"""\b(?:require|import)\s*\(\s*['"]([^'"\n]+)['"]\s*\)""")
_LOCAL_SPEC = (".", "@/", "~/")


def _names(clause: bytes) -> list[str]:
    """The exported names an import clause takes: `a`, `{ b as c }`, `* as ns` ("*": the whole module); a name
    only a comment in the clause spells (`// oldTool,`) is none."""
    s = _COMMENTS.sub(b" ", clause).decode("utf-8", "replace")
    if "*" in s:
        return ["*"]
    out: list[str] = []
    brace = s.find("{")
    head = s if brace < 0 else s[:brace]
    if head.strip(" \t\r\n,"):
        out.append("default")
    if brace >= 0:
        for item in s[brace + 1:s.rfind("}") if "}" in s else len(s)].split(","):
            words = item.split()
            if words and words[0] == "type":
                words = words[1:]
            if words:
                out.append(words[0])
    return out


_LINE_LOOKBACK = 1000


def _commented(source: bytes, at: int) -> bool:
    """The text at `at` is commented out: a `//` before it on its line, or a line of a block comment (` * ...`,
    `/* ...`). A statement never starts with `*`, so such a line is a comment's."""
    start = source.rfind(b"\n", max(0, at - _LINE_LOOKBACK), at)
    if start < 0 and at > _LINE_LOOKBACK:
        return False  # a very long line (minified or generated code): read as code, fail closed (and no rescan)
    prefix = source[start + 1:at]
    if b"//" in prefix:
        return True
    head = prefix.lstrip()
    return head.startswith((b"*", b"/*")) and b"*/" not in head


def file_imports(source: bytes) -> tuple[dict[str, list[str]], list[str]]:
    """Names this file imports from modules of the project ({specifier: names}), and the packages it
    imports by name (another package of the repository may be one)."""
    if b"import" not in source and b"require" not in source and b"export" not in source:
        return {}, []
    local: dict[str, set[str]] = {}
    packages: set[str] = set()

    def add(spec: bytes, names: list[str]) -> None:
        s = spec.decode("utf-8", "replace")
        if s.startswith(_LOCAL_SPEC):
            local.setdefault(s, set()).update(names)
        elif not s.startswith(("node:", "http:", "https:")):
            parts = s.split("/")
            packages.add("/".join(parts[:2]) if s.startswith("@") else parts[0])

    for m in _FROM.finditer(source):
        if _commented(source, m.start()):
            continue
        lo, pos, head = max(0, m.start() - 4000), m.start(), None
        for _ in range(50):  # the nearest `import`/`export` keyword whose clause reaches this `from`
            start = max(source.rfind(b"import", lo, pos), source.rfind(b"export", lo, pos))
            if start < 0:
                break
            if start == 0 or source[start - 1:start] not in _WORD_BYTES:
                head = _CLAUSE.match(source, start, m.start())
                if head is not None:
                    break
            pos = start
        # A clause parr does not read (or `from "x"` in a string) takes the whole module: fail closed.
        # (A re-export passes the names on: counted as a use, fail closed too.)
        add(m.group(1), (_names(head.group(2)) if head is not None else []) or ["*"])
    for m in _WHOLE.finditer(source):
        if not _commented(source, m.start()):
            add(m.group(1), ["*"])
    return {k: sorted(v) for k, v in sorted(local.items())[:400]}, sorted(packages)[:200]


# -- imports a file never reads ------------------------------------------------------------------------------
# An identifier spelling a local binding is a read of it (a call, an argument, a spread, `export { x }`, a
# shorthand `{ x }`, `typeof x`); a property name (`obj.x`, `{ x: 1 }`), a comment or a string is not.
_TEXT_TYPES = frozenset({"comment", "string", "string_fragment", "template_string", "regex", "regex_pattern",
                         "jsx_text"})
_NAME_TYPES = frozenset({"property_identifier", "statement_identifier"})


def unread_imports(ctx: Any) -> dict[str, list[str]]:
    """The names each `import { a, b as c } from "<spec>"` of this file binds and then never reads
    ({spec: [exported names]}): TypeScript drops such an import, and nothing it names reaches a model
    through this file. A default import and `import * as ns` are left out (read as taken: fail closed), as
    are `export { x } from` re-exports and `require` (they pass the names on or take the whole module)."""
    local: dict[str, tuple[str, str]] = {}
    spans: list[tuple[int, int]] = []
    for stmt in ctx.root.named_children:
        if stmt.type != "import_statement":
            continue
        src = stmt.child_by_field_name("source")
        spec = text(src)[1:-1] if src is not None and len(text(src)) >= 2 else None
        if not spec or not spec.startswith(_LOCAL_SPEC):
            continue
        spans.append((stmt.start_byte, stmt.end_byte))
        for clause in stmt.named_children:
            if clause.type != "import_clause":
                continue
            for part in clause.named_children:
                if part.type != "named_imports":
                    continue
                for item in part.named_children:
                    if item.type != "import_specifier":
                        continue
                    name, alias = item.child_by_field_name("name"), item.child_by_field_name("alias")
                    if name is None or name.type != "identifier":
                        continue
                    local[text(alias if alias is not None else name)] = (spec, text(name))
    if not local:
        return {}
    read: set[str] = set()
    pattern = re.compile(rb"(?<![\w$])(?:" + b"|".join(re.escape(n.encode()) for n in sorted(local)) + rb")(?![\w$])")
    for m in pattern.finditer(ctx.source):
        word = m.group(0).decode("utf-8", "replace")
        if word in read or any(a <= m.start() < b for a, b in spans):
            continue
        node = ctx.root.descendant_for_byte_range(m.start(), m.end())
        exact = node is not None and node.start_byte == m.start() and node.end_byte == m.end()
        if node is not None and (node.type in _TEXT_TYPES or exact and node.type in _NAME_TYPES):
            continue
        read.add(word)  # a read, or a place parr does not know: read (fail closed)
        if len(read) == len(local):
            return {}
    out: dict[str, list[str]] = {}
    for word, (spec, name) in sorted(local.items()):
        if word not in read:
            out.setdefault(spec, []).append(name)
    return out


# -- package.json --------------------------------------------------------------------------------------------
def package_facts(source: bytes) -> dict[str, Any]:
    """What decides whether a package's exports are public: its name, whether it is private, its entries."""
    try:
        data = json.loads(source.decode("utf-8", "replace"))
    except ValueError:
        return {"unreadable": True}
    if not isinstance(data, dict):
        return {"unreadable": True}
    entries: list[str] = []

    def leaves(value: Any, depth: int = 0) -> None:
        if depth > 6 or len(entries) > 50:
            return
        if isinstance(value, str):
            entries.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                leaves(v, depth + 1)
        elif isinstance(value, list):
            for v in value:
                leaves(v, depth + 1)

    for key in ("main", "module", "exports", "types", "typings", "browser"):
        leaves(data.get(key))
    name = data.get("name")
    out: dict[str, Any] = {"name": name if isinstance(name, str) else None, "private": data.get("private") is True,
                           "entries": sorted(set(entries))}
    if isinstance(data.get("contributes"), dict):
        from parr.scan.typescript.frameworks import vscode_lm

        lm_tools = vscode_lm.package_tools(data)  # a VS Code extension's language-model tools
        if lm_tools:
            out["lm_tools"] = lm_tools
    return out


_BUILD_DIRS = ("dist/", "build/", "lib/", "out/", "esm/", "cjs/", "dist/esm/", "dist/cjs/", "dist/src/", "build/src/",
               "lib/esm/", "lib/cjs/")


class ProjectReach:
    """The project's imports and library entries, answering whether an exported definition is reachable."""

    def __init__(self, resolver: Any, targets: set[str] | None = None):
        self.r = resolver
        self.imported: set[tuple[str, str]] = set()
        self.importers: dict[tuple[str, str], list[tuple[str, str]]] = {}  # (file, name) -> (importer, spec)
        # Only imports that may name a file holding such a definition are resolved (by the last part of
        # the specifier: `./tools`, `./tools.js` or `./tools/index` for src/tools.ts or src/tools/index.ts).
        stems = None if targets is None else {_stem(t) for t in targets}
        self.packages: dict[str, dict[str, Any]] = {}   # folder ("" for the root) -> package facts
        imported_packages: dict[str, set[str]] = {}      # package name -> folders of the files importing it
        for path in self._all_paths():
            facts = self.r.facts_of(path)
            pkg = facts.get("package")
            if pkg is not None:
                self.packages[posixpath.dirname(path)] = pkg
            for spec, names in (facts.get("imps") or {}).items():
                if stems is not None and _spec_stem(spec) not in stems and _spec_stem(spec) not in (".", ".."):
                    continue
                target = self.r.module_path(path, spec)
                if target is not None and target != path:
                    self.imported.update((target, n) for n in names)
                    for n in names:
                        self.importers.setdefault((target, n), []).append((path, spec))
            for name in facts.get("pkgs") or []:
                imported_packages.setdefault(name, set()).add(posixpath.dirname(path))
        self.public_files: set[str] = set()
        self.public_folders: set[str] = set()
        for folder, pkg in self.packages.items():
            users = imported_packages.get(pkg.get("name") or "", set())
            by_others = any(not _inside(u, folder) for u in users)
            if pkg.get("private") and not by_others:
                continue
            if not pkg.get("entries") and not by_others:
                continue  # nothing published from it
            found = [f for f in (self._entry_file(folder, e) for e in pkg.get("entries") or []) if f]
            wild = any("*" in e for e in pkg.get("entries") or [])
            if pkg.get("unreadable") or wild or not found:
                self.public_folders.add(folder)  # fail closed: parr cannot tell which files are public
            self.public_files.update(found)

    def _all_paths(self) -> list[str]:
        paths = self.r.paths
        return sorted(paths) if not isinstance(paths, set) else sorted(paths | set(self.r.facts))

    def _entry_file(self, folder: str, entry: str) -> str | None:
        return entry_file(self.r, folder, entry)

    def keeps(self, path: str, names: list[str]) -> bool:
        if path in self.public_files or any(self._read(path, n) for n in names) or (path, "*") in self.imported:
            return True
        # No package.json above the file: parr cannot tell a library's module from an application's (fail
        # closed); a package parr cannot read the entries of is public as a whole.
        folder = self._package_of(path)
        return folder is None or folder in self.public_folders

    def _read(self, path: str, name: str) -> bool:
        """Some file imports `name` from `path` and reads it: an import the importer never reads (its full
        facts say so, `unread_imports`) hands nothing on. Without those facts the import counts (fail closed)."""
        if (path, name) not in self.imported:
            return False
        full = getattr(self.r, "_full", None)
        for importer, spec in self.importers.get((path, name), []):
            facts = (full(importer, "unread_imports") if full is not None else None) or {}
            unread = facts.get("unread_imports") or {}
            if name not in (unread.get(spec) or ()):
                return True
        return False

    def _package_of(self, path: str) -> str | None:
        """The folder of the nearest package.json above `path` ("" for the root), or None."""
        folder = posixpath.dirname(path)
        while True:
            if folder in self.packages:
                return folder
            if not folder:
                return None
            folder = posixpath.dirname(folder)


def entry_file(resolver: Any, folder: str, entry: str) -> str | None:
    """The source file a package.json entry of the package in `folder` stands for (`dist/index.mjs` ->
    `src/index.ts`), or None."""
    e = entry[2:] if entry.startswith("./") else entry
    if e.startswith(("/", "..")) or not e:
        return None
    for suffix in (".d.ts", ".d.mts", ".d.cts"):
        if e.endswith(suffix):
            e = e[: -len(suffix)]
    stem = posixpath.splitext(e)[0] if posixpath.splitext(e)[1] in (".js", ".mjs", ".cjs", ".ts", ".mts", ".cts",
                                                                      ".jsx", ".tsx") else e
    tries = [e, stem]
    for build in sorted(_BUILD_DIRS, key=len, reverse=True):
        if stem.startswith(build):
            rest = stem[len(build):]
            tries += ["src/" + rest, rest]
            break
    else:
        tries.append("src/" + stem)
    for t in tries:
        hit = resolver._try(posixpath.join(folder, t) if folder else t)
        if hit:
            return hit
    return None


def _stem(path: str) -> str:
    """`tools` for src/tools.ts, and for src/tools/index.ts (a folder import names the folder)."""
    stem = posixpath.splitext(posixpath.basename(path))[0]
    return posixpath.basename(posixpath.dirname(path)) if stem == "index" else stem


def _spec_stem(spec: str) -> str:
    """The stem an import specifier names, as `_stem` gives it for the file (`.`/`..` for a parent folder)."""
    parts = spec.rstrip("/").split("/")
    last = parts[-1]
    if posixpath.splitext(last)[1] in (".js", ".ts", ".mjs", ".cjs", ".mts", ".cts", ".jsx", ".tsx"):
        last = posixpath.splitext(last)[0]
    if last == "index" and len(parts) > 1:
        last = parts[-2]
    return last


def _inside(path: str, folder: str) -> bool:
    return not folder or path == folder or path.startswith(folder + "/")
