#!/usr/bin/env python3
"""Write parr/scan/python/frameworks/agno_builtins.py from the agno and phidata wheels, read with `ast`.

usage: agno_builtins.py WHEEL ... > /tmp/agno_builtins.py && mv /tmp/agno_builtins.py parr/scan/python/frameworks/
  (not straight into the module: the effects reading imports parr, which imports it)
  e.g. for v in agno 'agno<3' 'agno<2' phidata; do pip download --no-deps -d /tmp/ag "$v"; done
       python benchmarks/agno_builtins.py /tmp/ag/*.whl

The newest wheel decides a toolkit both have; a toolkit only an older major version ships (agno
1.x's MultiMCPTools) is kept, since projects pinned to it still construct it, and so is an older
release's reading of a toolkit whose constructor took flags no newer one takes (`OLDER`: agno
1.x `YFinanceTools(stock_price=True)` for 3.x `enable_stock_price=`; 1.x DuckDuckGoTools named its
functions duckduckgo_search/duckduckgo_news): the scanner reads a call by the newest release
whose flags cover the keywords it gives.

Nothing is imported or run: the wheels' `agno/tools/**` and `phi/tools/**` modules are parsed, and
only names and flags are written out (no code of the packages). What is read, per Toolkit class
(every class whose bases lead, by name across the wheel, to `Toolkit`):

- The functions its `__init__` hands the model: `self.<method>` given in `tools=[...]` to
  `super().__init__`, put in a list that is (`tools.append(self.x)`, `tools.extend([...])`,
  `tools = [...]`), or registered (`self.register(self.x)`, `self.register(self.x, name="y")`),
  and async variants (`async_tools=[(self.ax, "x")]`, the same name the model sees). A class
  without an `__init__` of its own takes its base's.
- The name the model sees: the method's name, or the `name=` it is registered under.
- The constructor flags that decide whether a function is registered: the `if` tests around the
  registration made of boolean parameters (`if enable_x:`, `if all or enable_x:`, `if x:`,
  `if not x:`), each recorded with its default, so the scanner reads the keywords at the call site
  and falls back to the defaults. `all` (or `all_tools`) turns every flagged function on. A
  subclass that forwards a base's flag (`super().__init__(enable_search=enable_search)`) keeps it
  under its own parameter and default; one that passes a constant fixes it. A test on anything
  else (an API key present, an attribute) is not a choice made at the call site: the function is
  taken as registered (parr cannot tell; counting it keeps the tool in view).
- A class whose `__init__` registers no function it can name (tools listed by an MCP server or an
  API at run time: `MCPTools`, `MultiMCPTools`) is written with no tools: the scanner reports a
  site instead of silence.

Whether a tool changes state, and whether its input is typed, is decided from what the method's
body calls, by parr's own effects reading (a scan of the extracted sources: file writes, a
shell or subprocess, SQL the model writes or SQL run by a helper, e-mail, Slack/Discord/Telegram
posts, HTTP POST/PUT/PATCH/DELETE, writes through known SDKs such as GitHub or Stripe, code
execution, and the method's verb where its body calls nothing parr knows), so the same rule
judges a toolkit whether it is defined in the scanned repository or used from the package.
A method whose one input is SQL, a shell command or code run as a raw string is untyped. The
overrides below correct the few verdicts where that reading is wrong for the package's code.
"""

from __future__ import annotations

import ast
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))  # this checkout's parr, not an installed one
sys.path.insert(0, str(Path(__file__).resolve().parent))  # the generators' shared helpers
from wheel_reading import last_name, parr_verdicts  # noqa: E402

_ROOTS = ("agno", "phi")
_ALL_FLAGS = ("all", "all_tools")
# (pattern on "<root> <Class> <tool name>", mutating, typed, caps, why): first match wins over the
# effects reading.
_OVERRIDES: tuple[tuple[str, bool, bool, tuple[str, ...], str], ...] = (
    # arithmetic on the two numbers given: "add" is not a write
    (r" Calculator(Tools)? ", False, True, (), "computes on its arguments"),
    # CodingTools registers through a list of (label, method) pairs the effects reading does not
    # follow; its methods, read by hand: file reads, file edits, and a command line run as given
    (r"^agno CodingTools (read_file|grep|find|ls)$", False, True, ("file_read",), "reads files"),
    (r"^agno CodingTools (edit_file|write_file)$", True, True, ("file_write",), "writes files"),
    (r"^agno CodingTools run_shell$", True, False, ("shell",), "runs the model's command line"),
    # reads the schema or a sample of a database through SQL the toolkit writes itself
    (r" (DuckDbTools|PostgresTools|RedshiftTools|DuckDb) (show_tables|describe_table|summarize_table|"
     r"full_text_search)$", False, True, (), "SQL the toolkit writes that only reads"),
    (r" (DuckDbTools|PostgresTools|RedshiftTools|DuckDb) inspect_query$", False, False, (),
     "EXPLAIN of the model's SQL: planned, not run; the statement is still the model's"),
)


@dataclass
class Cls:
    wheel: int  # the wheel it was read from: bases are looked up in the same wheel
    root: str
    module: str
    name: str
    bases: list[str]
    node: ast.ClassDef
    methods: dict[str, ast.FunctionDef] = field(default_factory=dict)


class Reader:
    def __init__(self) -> None:
        self.classes: dict[tuple[str, str], Cls] = {}
        self.versions: list[str] = []
        self.sources: dict[str, bytes] = {}  # path in the wheel -> text, for the effects reading
        self.notes: list[str] = []

    def read_wheel(self, path: Path) -> None:
        dist = path.name.split("-")
        self.versions.append(f"{dist[0]} {dist[1]}")
        wid = len(self.versions) - 1
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                parts = info.filename.split("/")
                if len(parts) < 3 or parts[0] not in _ROOTS or parts[1] != "tools" or not info.filename.endswith(".py"):
                    continue
                data = zf.read(info)
                self.sources[f"{wid}/{info.filename}"] = data
                try:
                    tree = ast.parse(data)
                except SyntaxError:
                    continue
                module = info.filename[:-3].replace("/", ".")
                for node in tree.body:
                    if isinstance(node, ast.ClassDef):
                        c = Cls(wid, parts[0], module, node.name, [b for b in map(last_name, node.bases) if b], node)
                        c.methods = {f.name: f for f in node.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))}
                        self.classes.setdefault((wid, parts[0], node.name), c)

    def is_toolkit(self, c: Cls, seen=()) -> bool:
        if c.name == "Toolkit":
            return False
        for b in c.bases:
            if b == "Toolkit":
                return True
            base = self.classes.get((c.wheel, c.root, b))
            if base is not None and base.name not in seen and self.is_toolkit(base, seen + (c.name,)):
                return True
        return False

    def method(self, c: Cls, name: str) -> tuple[Cls, ast.FunctionDef] | None:
        if name in c.methods:
            return c, c.methods[name]
        for b in c.bases:
            base = self.classes.get((c.wheel, c.root, b))
            if base is not None and base.name != "Toolkit":
                got = self.method(base, name)
                if got is not None:
                    return got
        return None

    def base_toolkit(self, c: Cls) -> Cls | None:
        for b in c.bases:
            base = self.classes.get((c.wheel, c.root, b))
            if base is not None and (base.name == "Toolkit" or self.is_toolkit(base)):
                return base
        return None

    def tools(self, c: Cls, depth: int = 0) -> tuple[list[tuple[str, str, tuple]], str | None] | None:
        """[(tool name, method, conditions)], all flag; conditions: ((flag, default, negated), ...)
        any one of which turns the tool on (an empty tuple: always). None: no __init__ read."""
        init = c.methods.get("__init__")
        if init is None:
            base = self.base_toolkit(c)
            if base is None or base.name == "Toolkit" or depth > 6:
                return None
            return self.tools(base, depth + 1)
        args = init.args
        pos = args.posonlyargs + args.args
        defaults: dict[str, object] = {}
        for a, d in zip(pos[len(pos) - len(args.defaults):], args.defaults):
            if isinstance(d, ast.Constant):
                defaults[a.arg] = d.value
        for a, d in zip(args.kwonlyargs, args.kw_defaults):
            if isinstance(d, ast.Constant):
                defaults[a.arg] = d.value
        bools = {k for k, v in defaults.items() if isinstance(v, bool)}
        all_flag = next((f for f in _ALL_FLAGS if f in bools), None)
        found: list[tuple[str, str, tuple]] = []

        def cond_of(test: ast.expr, negate: bool) -> tuple | None:
            """The flags under which the branch runs, or None when the test is not of flags."""
            if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
                return cond_of(test.operand, not negate)
            if isinstance(test, ast.Name) and test.id in bools:
                return ((test.id, defaults[test.id], negate),)
            if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or) and not negate:
                parts = [cond_of(v, False) for v in test.values]
                if all(p is not None for p in parts):
                    return tuple(x for p in parts for x in p)
            return None

        def add(e: ast.expr, conds: tuple, name: str | None = None) -> None:
            if isinstance(e, (ast.List, ast.Tuple, ast.Set)):
                if isinstance(e, ast.Tuple) and len(e.elts) == 2 and isinstance(e.elts[1], ast.Constant):
                    add(e.elts[0], conds, e.elts[1].value)  # async_tools=[(self.ax, "x")]
                    return
                if isinstance(e, ast.Tuple) and len(e.elts) == 2 and isinstance(e.elts[0], ast.Constant):
                    add(e.elts[1], conds)  # _enabled.append(("read_file", self.read_file)): a label
                    return
                for x in e.elts:
                    add(x, conds)
                return
            if isinstance(e, ast.ListComp) and len(e.generators) == 1 and isinstance(e.generators[0].iter, ast.Name):
                for value, vconds in lists.get(e.generators[0].iter.id, []):  # [fn for _, fn in _enabled]
                    add(value, vconds)
                return
            if isinstance(e, ast.IfExp):
                c1 = cond_of(e.test, False)
                add(e.body, conds + ((c1,) if c1 else ()))
                c2 = cond_of(e.test, True)
                add(e.orelse, conds + ((c2,) if c2 else ()))
                return
            if isinstance(e, ast.Attribute) and isinstance(e.value, ast.Name) and e.value.id == "self" \
                    and self.method(c, e.attr) is not None:
                found.append((name or e.attr, e.attr, conds))

        lists: dict[str, list[tuple[ast.expr, tuple]]] = {}

        def walk(body: list[ast.stmt], conds: tuple) -> None:
            for st in body:
                if isinstance(st, ast.If):
                    c1 = cond_of(st.test, False)
                    walk(st.body, conds + ((c1,) if c1 else ()))
                    c2 = cond_of(st.test, True)
                    walk(st.orelse, conds + ((c2,) if c2 else ()))
                    continue
                if isinstance(st, (ast.For, ast.While, ast.With, ast.Try)):
                    for part in ("body", "orelse", "finalbody"):
                        walk(getattr(st, part, []) or [], conds)
                    for h in getattr(st, "handlers", []):
                        walk(h.body, conds)
                    continue
                if isinstance(st, (ast.Assign, ast.AnnAssign)):
                    target = st.targets[0] if isinstance(st, ast.Assign) else st.target
                    if isinstance(target, ast.Name) and st.value is not None:
                        lists.setdefault(target.id, []).append((st.value, conds))
                    continue
                if isinstance(st, ast.AugAssign) and isinstance(st.target, ast.Name):
                    lists.setdefault(st.target.id, []).append((st.value, conds))
                    continue
                if isinstance(st, ast.Expr) and isinstance(st.value, ast.Call):
                    call = st.value
                    f = call.func
                    if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.attr in ("append", "extend", "insert"):
                        arg = call.args[-1] if call.args else None
                        if arg is not None:
                            lists.setdefault(f.value.id, []).append((arg, conds))
                    elif isinstance(f, ast.Attribute) and f.attr == "register" and call.args \
                            and isinstance(f.value, ast.Name) and f.value.id == "self":
                        nm = next((k.value.value for k in call.keywords if k.arg == "name"
                                   and isinstance(k.value, ast.Constant)), None)
                        add(call.args[0], conds, nm)
                    elif _is_super_init(call):
                        self_super(call, conds)

        def self_super(call: ast.Call, conds: tuple) -> None:
            for k in call.keywords:
                if k.arg in ("tools", "async_tools"):
                    for value, vconds in ([(k.value, conds)] if not isinstance(k.value, ast.Name)
                                          else lists.get(k.value.id, [])):
                        add(value, vconds)
                    if isinstance(k.value, ast.BoolOp):  # tools=tools or []
                        for v in k.value.values:
                            for value, vconds in lists.get(getattr(v, "id", ""), []):
                                add(value, vconds)

        walk(init.body, ())
        base = self.base_toolkit(c)
        sup = next((n for n in ast.walk(init) if isinstance(n, ast.Call) and _is_super_init(n)), None)
        if base is not None and base.name != "Toolkit" and sup is not None and depth <= 6:
            inherited = self.tools(base, depth + 1)
            if inherited is not None:
                passed = {k.arg: k.value for k in sup.keywords if k.arg}
                forwards = any(k.arg is None for k in sup.keywords)
                for name, meth, conds in inherited[0]:
                    new: list = []
                    for group in conds:
                        out = []
                        for flag in group:
                            fname, fdef, neg = flag
                            v = passed.get(fname)
                            if isinstance(v, ast.Name) and v.id in bools:
                                out.append((v.id, defaults[v.id], neg))
                            elif isinstance(v, ast.Constant):
                                if bool(v.value) != neg:
                                    out = None
                                    break
                            elif v is None and forwards:
                                out.append(flag)
                            elif v is None:
                                if bool(fdef) != neg:
                                    out = None
                                    break
                            else:
                                out = None  # a value parr cannot read: taken as on
                                break
                        if out is None:
                            continue  # this group is always on
                        if not out:
                            new = None  # always off
                            break
                        new.append(tuple(out))
                    if new is not None:
                        found.append((name, meth, tuple(new)))
        return found, all_flag

    def toolkits(self) -> dict[str, dict[str, list[tuple]]]:
        """root -> class -> its readings, newest wheel first: [(tools, all flag, module, class)]."""
        out: dict[str, dict[str, list[tuple]]] = {r: {} for r in _ROOTS}
        for (wid, root, name), c in sorted(self.classes.items()):
            if not self.is_toolkit(c) or name.startswith("_"):
                continue
            got = self.tools(c)
            if got is None:
                self.notes.append(f"{root}.{name}: no __init__ read")
                out[root].setdefault(name, []).append(((), None, c.module, c))
                continue
            tools, all_flag = got
            seen: dict[str, tuple] = {}
            for tname, meth, conds in tools:
                if not isinstance(tname, str):
                    continue
                if tname in seen:  # a sync and an async variant, or two branches: on when either is
                    prev = seen[tname]
                    seen[tname] = (meth, () if not prev[1] or not conds else _merge(prev[1], conds))
                else:
                    seen[tname] = (meth, conds)
            if not seen and name not in out[root]:
                self.notes.append(f"{root}.{name}: no tools read")
            out[root].setdefault(name, []).append((tuple((t, m, cs) for t, (m, cs) in seen.items()), all_flag, c.module, c))
        return out


def _merge(a: tuple, b: tuple) -> tuple:
    """Conditions of a tool registered in two places: on when either's are met (kept as the first's
    when they differ in shape, with both flags' groups; rare)."""
    return a if a == b else tuple(g for g in a if g in b) or a


def _is_super_init(call: ast.Call) -> bool:
    f = call.func
    return isinstance(f, ast.Attribute) and f.attr == "__init__" and isinstance(f.value, ast.Call) \
        and isinstance(f.value.func, ast.Name) and f.value.func.id == "super"


def effects_reading(reader: Reader) -> dict[tuple[str, int], dict]:
    """(path, def line) -> parr's verdict on that method, from a scan of the extracted sources."""
    return {(t["file"], t["line"]): t for t in parr_verdicts(reader.sources)}


def _verdict(reader: Reader, reading: dict, root: str, cls: str, tool: str, meth: str, c: Cls) -> tuple:
    key = f"{root} {cls} {tool}"
    for pattern, mutating, typed, caps, _why in _OVERRIDES:
        if re.search(pattern, key):
            return mutating, typed, caps
    for m in (meth, tool):  # an async variant registered under the sync one's name: read as that one
        where = reader.method(c, m)
        if where is None:
            continue
        owner, fn = where
        path = f"{owner.wheel}/" + owner.module.replace(".", "/") + ".py"
        line = fn.decorator_list[0].lineno if fn.decorator_list else fn.lineno
        t = reading.get((path, fn.lineno)) or reading.get((path, line))
        if t is not None:
            return bool(t["mutating"]), bool(t["typed"]), tuple(t["capabilities"])
    reader.notes.append(f"{root}.{cls}.{meth}: no effects reading; taken as mutating")
    return True, True, ()


def render(reader: Reader) -> str:
    kits = reader.toolkits()
    reading = effects_reading(reader)
    lines = [
        '"""agno\'s and phidata\'s built-in toolkits: the functions each registers, as data (generated: do not edit).',
        "",
        "Written by benchmarks/agno_builtins.py from the wheels of:",
        *(f"  {v}" for v in sorted(reader.versions)),
        "read with `ast` (names and flags only). Its docstring gives the rules: which functions a",
        "toolkit registers under which constructor flags, and which change state.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "# import root -> toolkit class -> ((name the model sees, conditions, mutating, typed, capabilities), ...).",
        "# conditions: groups that must all hold (none: always registered); a group holds when any of its",
        "# (constructor keyword, default, negated) holds: `if all or enable_x` is one group of two.",
        "# No functions: the toolkit lists its tools at run time (an MCP server, an API).",
        "TOOLKITS: dict[str, dict[str, tuple]] = {",
    ]
    older: dict[str, dict[str, list]] = {r: {} for r in _ROOTS}
    for root in _ROOTS:
        lines.append(f"    {root!r}: {{")
        for cls, readings in sorted(kits[root].items()):
            variants = [[(t, conds) + _verdict(reader, reading, root, cls, t, meth, c) for t, meth, conds in tools]
                        for tools, _all, _module, c in readings]
            # an older release's reading is kept only when its constructor takes flags no newer one
            # does (agno 1.x's stock_price= for 3.x's enable_stock_price=): the call's keywords pick it
            known = _flag_names(variants[0])
            for v in variants[1:]:
                if v and not _flag_names(v) <= known:
                    older[root].setdefault(cls, []).append(v)
                known |= _flag_names(v)
            _entries(lines, cls, variants[0], "        ")
        lines.append("    },")
    lines.append("}")
    lines += ["", "# import root -> toolkit class -> the readings of older releases whose constructor flags differ,",
              "# newest first, each in the form above: used when the call's keywords are flags only they take.",
              "OLDER: dict[str, dict[str, tuple]] = {"]
    for root in _ROOTS:
        lines.append(f"    {root!r}: {{")
        for cls, vs in sorted(older[root].items()):
            lines.append(f"        {cls!r}: (")
            for v in vs:
                _entries(lines, None, v, "            ")
            lines.append("        ),")
        lines.append("    },")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _flag_names(entries: list) -> set[str]:
    return {f for e in entries for group in e[1] for f, _d, _n in group}


def _entries(lines: list[str], cls: str | None, entries: list, indent: str) -> None:
    head = f"{indent}{cls!r}: " if cls is not None else indent
    if not entries:
        lines.append(f"{head}(),")
        return
    lines.append(f"{head}(")
    for e in entries:
        lines.append(f"{indent}    {tuple(e)!r},")
    lines.append(f"{indent}),")


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    reader = Reader()
    # newest first: its toolkits win over an older wheel's of the same name
    for wheel in sorted(argv, key=lambda w: [int(x) if x.isdigit() else 0 for x in
                                             re.split(r"[.]", Path(w).name.split("-")[1])], reverse=True):
        reader.read_wheel(Path(wheel))
    text = render(reader)
    for note in reader.notes:
        print(note, file=sys.stderr)
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
