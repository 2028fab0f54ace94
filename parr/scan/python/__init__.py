"""Python language scanner: finds the tools Python agent code exposes to a model, using only `ast`
(scanned code is never imported or executed)."""

from __future__ import annotations

from parr.scan.evidence import TEST_DIR_WORDS
from parr.scan.language import FileFacts
from parr.scan.model import ScanError, ToolRecord
import ast
import re
import sys

# The extractor and resolver are imported when first needed: a rescan answered whole from the
# cache never loads them.
from parr.scan import prefilter
from parr.scan.python.names import FACTS_VERSION, module_name

__all__ = ["PythonScanner"]

def can_declare_tools(source: bytes) -> bool:
    """Whether the file may declare or register a tool itself (see `parr.scan.prefilter`)."""
    return prefilter.python_can_declare(source)


MAX_NESTING_ERROR = "file is nested too deeply to analyse"
# CPython's tokenizer limits, reported as syntax errors, that valid but hostile code reaches.
_NESTING_LIMIT_MESSAGES = frozenset({"too many nested parentheses", "too many levels of indentation"})
# CPython's parser takes time and memory quadratic in the parts of a dotted name in an import
# (`import a.a.a...`: 64k parts, 128 KB, take 4.5 GB and 8 s; a 2 MB file gets the process killed).
# No module path comes near this many parts. The name after each `import`/`from`, with its
# backslash continuations, is counted before any parse (one linear pass; bytes >= 0x80 are
# identifier characters too).
MAX_DOTTED_PARTS = 100
_IMPORT_NAME = re.compile(rb"\b(?:import|from)\b([\w \t.\x80-\xff]*(?:\\\r?\n[\w \t.\x80-\xff]*)*)")
DOTTED_NAME_ERROR = f"an import names a module of more than {MAX_DOTTED_PARTS} dotted parts; not parsed"


def _dotted_import_too_long(source: bytes) -> bool:
    if source.count(b".") <= MAX_DOTTED_PARTS:
        return False
    return any(m.group(1).count(b".") > MAX_DOTTED_PARTS for m in _IMPORT_NAME.finditer(source))


def _too_deep(rel_path: str, message: str) -> FileFacts:
    facts = _empty([{"line": None, "message": message}], rel_path)
    facts["limit"] = "too_deep"  # counted and named by the engine: the scan could not see in
    return facts
_TEST_DIRS = ("tests/", "test/", "testing/", "__tests__/")
# integration_tests/, e2e-tests/, test_utils/, tests-data/ ...
_TEST_DIR_NAME = re.compile(rf"/(?:{TEST_DIR_WORDS})/")


def is_test_path(rel_path: str) -> bool:
    """Test suites declare test doubles, not tools the product exposes."""
    p = "/" + rel_path.replace("\\", "/")
    name = p.rsplit("/", 1)[-1]
    if name.startswith("test_") or name.endswith("_test.py") or name == "conftest.py":
        return True
    return any(f"/{d}" in p for d in _TEST_DIRS) or _TEST_DIR_NAME.search(p) is not None


# What marks a module as a test: test functions or Test classes (what pytest and unittest collect),
# the runner's import, or a script entry point (integration and smoke-test scripts run directly).
_TEST_CONTENT = re.compile(rb"^[ \t]*(?:async[ \t]+)?def[ \t]+test|^[ \t]*class[ \t]+Test|"
                           rb"^[ \t]*(?:import|from)[ \t]+(?:pytest|unittest)\b|^if[ \t]+__name__[ \t]*==", re.M)


def is_test_file(rel_path: str, source: bytes) -> bool:
    """A test path, except a `<word>_test.py` module outside any test folder that holds nothing of a
    test: SuperAGI's tools/code/write_test.py is a tool that writes tests. A `test_*.py` name, a
    test folder and conftest.py stay tests whatever they hold."""
    if not is_test_path(rel_path):
        return False
    p = "/" + rel_path.replace("\\", "/")
    if is_test_path(p.rsplit("/", 1)[0] + "/x.py") or not p.endswith("_test.py") \
            or p.rsplit("/", 1)[-1].startswith("test_"):
        return True
    return _TEST_CONTENT.search(source) is not None


_TOP_DEF = re.compile(r"^(?:async[ \t]+)?def[ \t]+(\w+)[ \t]*\(", re.M)
_SIG_END = re.compile(r"\)[ \t]*(?:->[^\n]*?)?:[ \t]*(?:#[^\n]*)?$", re.M)
_TOP_CONST = re.compile(r"^([A-Za-z_]\w*)[ \t]*(?::[ \t]*str[ \t]*)?=[ \t]*([\"'])([^\"'\\\n]*)\2[ \t]*$", re.M)
_ENUM_CLASS = re.compile(r"^class[ \t]+(\w+)\((?:str,[ \t]*)?(?:enum\.)?(?:Str)?Enum\):[ \t]*\n((?:[ \t]+[^\n]*\n|[ \t]*\n)*)", re.M)
_ENUM_MEMBER = re.compile(r"^[ \t]+([A-Za-z_]\w*)[ \t]*=[ \t]*([\"'])([^\"'\\\n]*)\2", re.M)


# A module-level `globals().update(registry.tools)`: the module exports at run time the names a
# mapping holds (a package __init__ re-exporting what its modules' decorators registered).
GLOBALS_UPDATE = re.compile(r"^globals\(\)\.update\(", re.M)
_ACTION_MATCH = re.compile(r"^\s*match\s+[\w.]+\.type\s*:", re.M)


def _light_facts(rel_path: str, source: bytes) -> FileFacts:
    """Facts of a file that declares no tool: its module-level functions (name, line, signature),
    string constants and string enums, so that other files can list its functions in tools=[...]
    or name tools with its constants. Signatures are parsed on their own, never the whole file."""
    facts = _empty(rel_path=rel_path)
    facts["skipped"] = True
    try:
        text = source.decode("utf-8-sig")
    except UnicodeDecodeError:
        return facts
    from parr.scan.python.extract import FileExtractor, FuncInfo, compact_params, pack_part

    fx = FileExtractor(rel_path, ast.Module(body=[], type_ignores=[]))
    funcs = {}
    for m in _TOP_DEF.finditer(text):
        end = _SIG_END.search(text, m.end())
        if end is None or end.end() - m.start() > 4000:
            continue
        sig = text[m.start():end.end()]
        line = text.count("\n", 0, m.start()) + 1
        entry = {"line": line}
        try:
            node = ast.parse(sig + " pass").body[0]
        except (SyntaxError, ValueError, RecursionError):
            continue
        fi = FuncInfo(node, node.name, node.name, fx.module_scope, None)
        params = fx.params_of(fi, "plain_function")
        if params:
            entry["params"] = compact_params(params)
        doc = re.match(r"\s*[rbuRBU]?(\"\"\"|\'\'\')(.*?)\1", text[end.end():end.end() + 2000], re.S)
        if doc:
            para = doc.group(2).strip().split("\n\n", 1)[0]
            if para.split():
                entry["doc"] = " ".join(para.split())
        funcs[m.group(1)] = entry
    if funcs:
        facts["funcs"] = pack_part(funcs)
    consts = {m.group(1): m.group(3) for m in _TOP_CONST.finditer(text)}
    if consts:
        facts["consts"] = consts
    enums = {}
    for m in _ENUM_CLASS.finditer(text):
        members = {mm.group(1): mm.group(3) for mm in _ENUM_MEMBER.finditer(m.group(2))}
        if members:
            enums[m.group(1)] = members
    if enums:
        facts["enums"] = enums
    if GLOBALS_UPDATE.search(text):
        facts["reexports"] = True
    if _ACTION_MATCH.search(text):
        facts["act_match"] = True  # an executor's `match action.type:` resolve reads in full when asked
    return facts


_FSTRING_OPEN = re.compile(r"(?<![\w'\"])(?:[rR][fF]|[fF][rR]|[fF])(['\"])(?!\1\1)")


def _fstring_end(line: str, start: int, quote: str) -> int | None:
    """Index just past the f-string literal opening at `start` (its quote at start), reading it as
    Python 3.12 does: inside braces, nested strings (with any quotes) and backslashes are allowed."""
    i, depth = start + 1, 0
    while i < len(line):
        ch = line[i]
        if depth == 0:
            if ch == "\\":
                i += 2
                continue
            if ch == "{":
                if line.startswith("{{", i):
                    i += 2
                    continue
                depth = 1
            elif ch == quote:
                return i + 1
        else:
            if ch in "'\"":
                j = line.find(ch, i + 1)
                if j < 0:
                    return None
                i = j + 1
                continue
            if ch in "{[(":
                depth += 1
            elif ch in "}])":
                depth -= 1
        i += 1
    return None


def _pep701_blanked(text: str, error: SyntaxError, tries: int = 50) -> str | None:
    """`text` with the one-line f-strings that older Pythons reject replaced by blank plain strings
    of the same length, as long as the parse fails on an f-string; None when it fails otherwise."""
    lines = text.split("\n")
    for _ in range(tries):
        if not str(error.msg).startswith("f-string") or not error.lineno or error.lineno > len(lines):
            return None
        n = error.lineno - 1
        line = lines[n]
        changed = False
        for m in list(_FSTRING_OPEN.finditer(line)):
            end = _fstring_end(line, m.end() - 1, m.group(1))
            if end is None:
                continue
            body = line[m.start():end]
            if "\\" not in body and "#" not in body and body.count(m.group(1)) <= 2:
                continue  # an f-string every Python reads
            line = line[:m.start()] + '"' + " " * (end - m.start() - 2) + '"' + line[end:]
            changed = True
        if not changed:
            return None
        lines[n] = line
        fixed = "\n".join(lines)
        try:
            ast.parse(fixed)
            return fixed
        except SyntaxError as e:
            error = e
        except (ValueError, RecursionError, MemoryError):
            return None
    return None


def _empty(errors=None, rel_path: str = "") -> FileFacts:
    """Facts with no parts but the module name, `tools` (which resolve expects) and any errors;
    the other parts are read with defaults, so empty ones are left out."""
    facts: FileFacts = {"module": module_name(rel_path) if rel_path else "", "tools": []}
    if errors:
        facts["errors"] = errors
    return facts


from parr.scan.wiring import compact_wiring, has_python_wiring_trigger, wiring_from_python_source  # noqa: E402
from parr.scan.python.notebook import NotebookUnreadable, is_notebook, read_notebook  # noqa: E402
from parr.scan.python import nat_config, swe_bundles  # noqa: E402


def _in_notebook(rel_path: str, source: bytes, extract) -> FileFacts:
    """Facts of a notebook's code cells, scanned as one Python file; a notebook that is not
    valid JSON is not read (counted as unparsable), and each cell that does not parse is named."""
    try:
        notebook = read_notebook(source)
    except NotebookUnreadable as exc:
        facts = _empty([{"line": None, "message": f"notebook {exc}; not scanned"}], rel_path)
        facts["limit"] = "unparsable"  # counted and named by the engine: the scan could not see in
        return facts
    facts = extract(rel_path, notebook.source.encode("utf-8"))
    configs = [c for path, text in notebook.written if path.endswith((".yml", ".yaml"))
               and nat_config.worth_reading(text.encode("utf-8", "surrogatepass"))
               for c in [nat_config.read_config(text, f"{rel_path}:{path}")] if c is not None]
    if configs:  # workflow configs the notebook writes: they name the functions its cells register
        facts = {**facts, "nat_configs": configs}
    if notebook.bad:
        errors = list(facts.get("errors") or ())
        for cell, line, message in notebook.bad:
            at = f", line {line}" if line else ""
            # No joined line: the message names the cell, as the notebook numbers it.
            errors.append({"line": None, "message": f"cell {cell}{at}: {message}; the cell was not scanned"})
        facts = {**facts, "errors": errors}  # with errors, indexed-only facts are kept
    return facts


def _config_facts(rel_path: str, source: bytes) -> FileFacts:
    """A workflow config's facts (parr.scan.python.nat_config), a SWE-agent bundle's or agent
    config's (parr.scan.python.swe_bundles); any other YAML is only indexed."""
    facts = _empty(rel_path=rel_path)
    config = None
    swe: dict = {}
    if not is_test_path(rel_path):
        try:
            if nat_config.worth_reading(source):
                config = nat_config.read_config(source.decode("utf-8-sig"), rel_path)
            if swe_bundles.worth_reading(rel_path, source):
                swe = swe_bundles.read_yaml(source.decode("utf-8-sig"), rel_path)
        except UnicodeDecodeError:
            config = None
    if config is None and not swe:
        facts["skipped"] = True
    if config is not None:
        facts["nat_configs"] = [config]
    facts.update(swe)
    return facts


class PythonScanner:
    language = "python"

    @property
    def facts_version(self) -> str:
        return FACTS_VERSION + prefilter.variant()
    reports_sites = True  # resolve(..., sites=[...]) lists places handing tools to a model it could not read

    def handles(self, rel_path: str) -> bool:
        # NeMo Agent Toolkit workflow configs: the key a registered function is bound under is its name
        return rel_path.endswith((".py", ".ipynb")) or nat_config.is_config_path(rel_path)

    def extract(self, rel_path: str, source: bytes) -> FileFacts:
        if not rel_path.endswith((".py", ".ipynb")):
            return _config_facts(rel_path, source)
        if is_test_file(rel_path, source):
            facts = _empty(rel_path=rel_path)
            facts["skipped"] = True
            return facts
        if is_notebook(rel_path):
            return _in_notebook(rel_path, source, self._extract_python)
        return self._extract_python(rel_path, source)

    def _extract_python(self, rel_path: str, source: bytes) -> FileFacts:
        if _dotted_import_too_long(source):
            return _too_deep(rel_path, DOTTED_NAME_ERROR)  # before the wiring pass parses it too
        if not can_declare_tools(source):
            return self._light(rel_path, source)
        if is_notebook(rel_path):
            return self._extract_full_python(rel_path, source)  # already the joined code cells
        return self.extract_full(rel_path, source)

    @staticmethod
    def index_only(facts: FileFacts) -> bool:
        """Facts of a file that declares no tool and reports no error: resolve needs nothing of
        them until a tool reaches the file, and then it reads the file in full."""
        return facts.get("skipped") is True and not facts.get("errors")

    def _light(self, rel_path: str, source: bytes) -> FileFacts:
        facts = _light_facts(rel_path, source)
        if has_python_wiring_trigger(source):
            wiring = compact_wiring(wiring_from_python_source(source))
            if wiring:
                facts["wiring"] = wiring
        return facts

    def extract_full(self, rel_path: str, source: bytes) -> FileFacts:
        """Facts from a whole parse, whatever the file mentions: for a file `extract` only indexed
        (no tool declaration possible) that a tool turns out to use (its effects, its imports).
        Every function's effects are read, not only those a tool in this file calls: a helper's SDK
        call in another file is what the tool that calls it does, and reading every function of a
        parsed file costs less than parsing again the files tools reach."""
        if rel_path.endswith((".yml", ".yaml")):
            return _config_facts(rel_path, source)
        if not rel_path.endswith((".py", ".ipynb")):
            # a SWE-agent bundle command's script (bin/<name>), asked for by resolve only
            return swe_bundles.script_facts(rel_path, source, self._extract_full_python)
        if is_test_file(rel_path, source):
            facts = _empty(rel_path=rel_path)
            facts["skipped"] = True
            return facts
        if is_notebook(rel_path):
            return _in_notebook(rel_path, source, self._extract_full_python)
        return self._extract_full_python(rel_path, source)

    def _extract_full_python(self, rel_path: str, source: bytes) -> FileFacts:
        if _dotted_import_too_long(source):
            return _too_deep(rel_path, DOTTED_NAME_ERROR)
        try:
            text = source.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = source.decode("latin-1")
            except Exception:  # pragma: no cover - latin-1 decodes everything
                return _empty([{"line": None, "message": "cannot decode file as UTF-8"}], rel_path)
        from parr.scan.python.extract import extract_source

        try:
            try:
                return extract_source(rel_path, text)
            except SyntaxError as e:
                # Python 3.12's f-strings (PEP 701: backslashes, comments and the same quotes inside
                # the braces) do not parse on an older Python: each such literal is blanked in place
                # (same length, same lines) and the file parsed again; only its text is lost.
                fixed = _pep701_blanked(text, e) if sys.version_info < (3, 12) else None
                if fixed is None:
                    raise
                return extract_source(rel_path, fixed)
        except SyntaxError as e:
            facts = _empty([{"line": e.lineno, "message": f"syntax error: {e.msg}"}], rel_path)
            if e.msg in _NESTING_LIMIT_MESSAGES:
                facts["limit"] = "too_deep"  # counted and named by the engine: the scan could not see in
            return facts
        except (RecursionError, MemoryError):
            # CPython's parser and parr's own walk of the tree both stop at a nesting depth.
            return _too_deep(rel_path, MAX_NESTING_ERROR)
        except ValueError as e:  # e.g. source contains null bytes
            return _empty([{"line": None, "message": f"cannot parse: {e}"}], rel_path)

    @staticmethod
    def path_key(rel_path: str) -> str:
        """How resolve looks files up: by the last part of their module name."""
        return module_name(rel_path).rpartition(".")[2]

    def resolve(self, facts_by_path: dict[str, FileFacts], full_facts=None,
                paths=None, sites=None) -> tuple[list[ToolRecord], list[ScanError]]:
        from parr.scan.python.resolve import resolve_project

        return resolve_project(facts_by_path, full_facts, paths, sites)
