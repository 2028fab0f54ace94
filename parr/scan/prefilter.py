"""Byte prefilter: which files can declare or register a tool, decided from their bytes before any parse.

A file none of whose bytes name a tool API cannot declare a tool by itself: the Python scanner
only indexes it (module-level signatures, constants, enums, and wiring from the few statements
that name a client or tracing library), and reads it in full only when a tool elsewhere reaches
it (`engine._FullFacts`). The tokens are built from what the scanners already know (the
catalog's classes, the extractor's decorator and registration names, the calls that take a tool
list), so a framework added to that data is covered without touching this module. When unsure,
parse: every token is matched in each usual spelling, anywhere in the file (comments and strings
too), and an alias is followed through the import statement that binds it.

PARR_SCAN_PREFILTER=0 turns the prefilter off (every file parsed in full), to compare results.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

from parr.scan import bytes_re

__all__ = ["enabled", "python_tokens", "python_can_declare", "typescript_can_declare", "variant"]


def enabled() -> bool:
    """False when PARR_SCAN_PREFILTER=0: every file is parsed in full."""
    return os.environ.get("PARR_SCAN_PREFILTER", "1").strip() != "0"


def variant() -> str:
    """A suffix for the scanners' facts versions: facts cached with and without the prefilter
    differ in form (indexed vs parsed files) and must never stand in for each other."""
    return "" if enabled() else "+noprefilter"


# The one word every framework's tool API carries (decorators, base classes, keywords, types).
_TOOL_WORD = "tool"


def python_tokens() -> frozenset[str]:
    """Every string whose presence makes a Python file worth a full parse, from the scanner's data,
    in the spellings code writes them: as given, lower case, upper case, capitalised."""
    from parr.scan.python import catalog
    from parr.scan.python.extract import prefilter_names
    from parr.scan.python.names import CTX_POSITIONAL, EXTRA_TRIGGERS

    words = {_TOOL_WORD}
    # create_react_agent(model, [search]): a tool list by position (a call taking it by keyword
    # only, bind(tools=[...]), is found by the keyword, which carries the tool word).
    words |= {name for name, position in CTX_POSITIONAL.items() if position >= 0}
    words |= set(catalog.TOOL_BASE_CLASSES) | catalog.TOOLKIT_BASES | catalog.TOOLSPEC_BASES
    words |= catalog.BROWSER_USE_REGISTRY_BASES
    words |= (set(catalog.BUILTIN_CLASSES) - _quiet_builtin_classes()) | set(catalog.LLAMA_TOOLSPECS)
    words |= set(catalog.LLAMAHUB_TOOLSPECS)
    words |= prefilter_names()
    words |= set(EXTRA_TRIGGERS)
    words |= _framework_words()
    spelled = {v for w in words for v in (w, w.lower(), w.upper(), w[:1].upper() + w[1:])}
    # A token containing another adds nothing to the search: keep the shortest.
    kept: list[str] = []
    for word in sorted(spelled, key=len):
        if not any(k in word for k in kept):
            kept.append(word)
    return frozenset(kept)


def _quiet_builtin_classes() -> set[str]:
    """Built-in classes only families with `builtin_class_words=False` declare (everyday names)."""
    from parr.scan.python.frameworks import FRAMEWORKS

    # a key may name the import root too ("autogen_ext:HttpTool"): the word is the class
    loud = {c.rpartition(":")[2] for fw in FRAMEWORKS if fw.builtin_class_words for c in fw.builtin_classes}
    return {c.rpartition(":")[2] for fw in FRAMEWORKS if not fw.builtin_class_words for c in fw.builtin_classes} - loud


def _framework_words() -> set[str]:
    """The names each framework module declares: decorators, factory callees, call hooks, base
    classes, built-in tools and tool specs (parr/scan/python/frameworks/)."""
    from parr.scan.python.frameworks import FRAMEWORKS
    from parr.scan.python.frameworks.google_adk import GOOGLE_API_TOOLSETS

    words: set[str] = set(GOOGLE_API_TOOLSETS)
    for fw in FRAMEWORKS:
        words |= {d.name for d in fw.decorators}
        words |= {f.callee.rsplit(".", 1)[-1] for f in fw.factories}
        words |= set(fw.call_hooks) | {suffix for suffix, _ in fw.call_suffix_hooks}
        # Built-in tool instances (calculator, editor) are not here: they reach a model only through a
        # tools=[...] list or a hook, whose words are.
        words |= set(fw.tool_base_classes) | set(fw.toolspecs) | set(fw.builtin_toolsets)
        words |= {c.rpartition(":")[2] for c in fw.builtin_classes} if fw.builtin_class_words else set()
        words |= set(fw.words)
        for spec in fw.condition_handoffs:  # agent.handoffs.add(OnCondition(...)): hand-off tools
            words |= set(spec.conditions)
    return {w.strip(".") for w in words if w.strip(".")}


@lru_cache(maxsize=1)
def _python_tool_re():
    """One search for any token. RE2 matches an alternation of a hundred literals in one linear
    pass (0.1 s on agno's 34 MB); Python's re tries each literal at each position (4.6 s)."""
    return bytes_re.any_of([t.encode() for t in python_tokens()])


# An import statement (one line, with backslash continuations, or a parenthesised list).
_IMPORT_STMT = re.compile(
    rb"^[ \t]*(?:from[ \t]+[\w.]+[ \t]+)?import[ \t]+(?:\([^)]*\)|[^\n]*(?:\\\r?\n[^\n]*)*)", re.M)
_IMPORTED = re.compile(rb"([\w.]+)(?:\s+as\s+(\w+))?")


def _imported_names(stmt: bytes) -> list[bytes] | None:
    """Local names an import statement binds; None when it cannot tell (a star import, a ';')."""
    if b";" in stmt or b"*" in stmt:
        return None
    head, sep, names = stmt.partition(b" import ")
    if not sep:  # "import a.b, c as d"
        names, is_from = stmt.split(b"import", 1)[1], False
    else:
        is_from = head.lstrip().startswith(b"from")
    names = names.split(b"#", 1)[0]
    out = []
    for m in _IMPORTED.finditer(names.replace(b"\\", b" ").strip(b" \t\r\n()")):
        out.append(m.group(2) or (m.group(1) if is_from else m.group(1).split(b".", 1)[0]))
    return out


def python_can_declare(source: bytes) -> bool:
    """Whether a Python file may declare or register a tool itself. False when no token occurs,
    or when every token sits in an import statement whose names the file never uses (a shared
    header importing an SDK, a package re-exporting tools): such a file is indexed, and read in
    full only if a tool turns out to use it. True whenever the prefilter is off."""
    if not enabled():
        return True
    found = _python_tool_re().search
    if found(source) is None:
        return False
    rest: list[bytes] = []
    names: list[bytes] = []
    pos = 0
    for stmt in _IMPORT_STMT.finditer(source):
        rest.append(source[pos:stmt.start()])
        pos = stmt.end()
        text = stmt.group()
        if found(text) is None:
            continue
        bound = _imported_names(text)
        if bound is None:
            return True
        names.extend(bound)
    rest.append(source[pos:])
    body = b"\n".join(rest)
    if found(body) is not None:
        return True
    return any(re.search(rb"(?<![\w.])" + re.escape(n) + rb"\b", body) for n in set(names))


# TypeScript / JavaScript: literals and patterns of the tool APIs the detector reads (each
# pattern starts with a literal so the regex engine can skip ahead quickly).
_TS_LITERALS = (b"AITool", b".tools.", b"tool<", b"registerTool", b"paidTool", b"asTool", b"bindTools",
                b"unctionDeclarations", b"function_declarations", b"googleSearch", b"google_search", b"codeExecution",
                b"code_execution", b"urlContext", b"url_context", b"handoffs", b"defineInterrupt",
                b"createSupervisor",  # LangGraph.js: one hand-off tool per agent, no tool word in sight
                b"@kaibanjs/tools",  # `export const scraper = new Firecrawl(...)`
                b"@elizaos/", b"@ai16z/")  # ElizaOS: `const a: Action = { name, validate, handler }`, no tool word
_TS_PATTERNS = tuple(p for p in (
    rb"ool\s*\(", rb"extends\s+[\w.]*Tool\b", rb"type[\"']?\s*:\s*[\"']function", rb"ools[\"']?\s*:",  # tools: [...], tools: await mcp.getTools()
    rb"arameters\s*:", rb"nputSchema\s*:", rb"nput_schema\s*:",
    rb"(?i:tools)\s*=\s*\[",  # export const TOOLS = [search]: a tool list another module binds
    rb"tools\s*[,}]", rb"handoffs\s*[,}]"))  # generateText({ model, tools }): a context in shorthand
# Cheap first test: every literal and pattern above contains one of these.
_TS_ANY = (b"ool", b"OOL", b"unction", b"chema", b"arameters", b"earch", b"xecution", b"ontext", b"andoffs",
           b"createSupervisor", b"@elizaos/", b"@ai16z/")
_TS_ANY_TOOLS = re.compile(rb"(?i:tools)")  # and the case-insensitive `tools = [` above


def typescript_can_declare(source: bytes) -> bool:
    """Whether a TypeScript/JavaScript file is worth a full parse; True whenever the prefilter is off."""
    if not enabled():
        return True
    if not any(a in source for a in _TS_ANY) and _TS_ANY_TOOLS.search(source) is None:
        return False
    return _ts_tool_re().search(source) is not None


@lru_cache(maxsize=1)
def _ts_tool_re():
    """Any TypeScript literal or pattern above, in one linear pass (`bytes_re`)."""
    return bytes_re.any_of(_TS_LITERALS, _TS_PATTERNS)
