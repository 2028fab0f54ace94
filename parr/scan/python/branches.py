"""Which literal value of a parameter each call of a function runs under: `if method == "GET":`,
`elif method.upper() in ("PUT", "PATCH"):`, `match method: case "DELETE":`, a guard that returns
early. A caller that passes a literal then keeps only the branch it takes (parr.scan.python.flow).

A condition is a list of items [parameter, mode, values, case] that must all hold: mode "in" (the
value is one of `values`), "notin" (it is none of them) or "is" (as "in", but where parr cannot tell
the value the effect is dropped: a variant that stands in for a marker kept beside it); case "u" or
"l" when the test upper- or lower-cases the value first. A test parr cannot read in these terms adds
no condition (every branch stays: fail closed)."""

from __future__ import annotations

import ast

_MAX_ITEMS = 6


def conditions(fn: ast.AST, params: list[str]) -> dict[int, list]:
    """id(call) -> the condition its branch runs under, for the calls of `fn` (not of the
    functions it defines) that sit under a test of a parameter the body never reassigns."""
    body = getattr(fn, "body", None)
    if not params or not isinstance(body, list) or not _tests_params(fn, params):
        return {}
    reassigned = _reassigned(fn)
    usable = {p for p in params if p not in reassigned}
    if not usable:
        return {}
    aliases = _case_aliases(fn, usable)
    w = _Walker(usable, aliases)
    w.block(body, [])
    return w.out


def bindable(fn: ast.AST, params: list[str]) -> frozenset[str]:
    """Parameters the body never reassigns (their value at a call is the caller's)."""
    return frozenset(p for p in params if p not in _reassigned(fn))


def _tests_params(fn, params: list[str]) -> bool:
    """Whether the body may test a parameter against string literals (`p == "GET"`, `p.upper() in
    (...)`, `m == ...` where `m = p.upper()`, `match p:`): only such a test makes a condition. Most
    functions have none and are spared the walks that read them (one walk decides)."""
    subjects: set[str] = set()
    aliases: set[str] = set()

    def note(e) -> None:
        if type(e) is ast.Name:
            subjects.add(e.id)
        elif _case_of(e) is not None:
            subjects.add(e.func.value.id)

    for n in _own_nodes(fn):
        t = type(n)
        if t is ast.Compare:
            if len(n.ops) == 1:
                if _strings(n.comparators[0]) is not None:
                    note(n.left)
                if _strings(n.left) is not None:
                    note(n.comparators[0])
        elif t is ast.Match:
            note(n.subject)
        elif t is ast.Assign and len(n.targets) == 1 and type(n.targets[0]) is ast.Name and _case_of(n.value):
            aliases.add(n.targets[0].id)
    return bool(subjects & (set(params) | aliases))


def literal_test(e: ast.Compare) -> bool:
    """Whether a comparison has a string literal (or a tuple of them) on one side: only such a test
    can make a condition (the walk notes it so functions without one skip reading conditions)."""
    return len(e.ops) == 1 and (_strings(e.comparators[0]) is not None or _strings(e.left) is not None)


def _own_nodes(node):
    """The nodes of a function's body, not those of the functions and classes it defines."""
    todo = list(ast.iter_child_nodes(node))
    while todo:
        n = todo.pop()
        yield n
        if not isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            todo.extend(ast.iter_child_nodes(n))


def _reassigned(fn) -> set[str]:
    """Names the body assigns, other than `p = p.upper()` / `p = p.lower()` (which only fold case)."""
    out: set[str] = set()
    for n in _own_nodes(fn):
        if isinstance(n, ast.Assign):
            if len(n.targets) == 1 and isinstance(n.targets[0], ast.Name) and _case_of(n.value, n.targets[0].id):
                continue
            for t in n.targets:
                out.update(x.id for x in ast.walk(t) if isinstance(x, ast.Name))
        elif isinstance(n, (ast.AugAssign, ast.AnnAssign, ast.For, ast.AsyncFor)):
            out.update(x.id for x in ast.walk(n.target) if isinstance(x, ast.Name))
        elif isinstance(n, ast.NamedExpr):
            out.add(n.target.id)
        elif isinstance(n, (ast.With, ast.AsyncWith)):
            for it in n.items:
                if it.optional_vars is not None:
                    out.update(x.id for x in ast.walk(it.optional_vars) if isinstance(x, ast.Name))
    return out


def _case_of(e, name: str | None = None) -> str | None:
    """"u"/"l" for `name.upper()` / `name.lower()` (any name when `name` is None)."""
    if isinstance(e, ast.Call) and not e.args and isinstance(e.func, ast.Attribute) \
            and e.func.attr in ("upper", "lower", "casefold") and isinstance(e.func.value, ast.Name) \
            and (name is None or e.func.value.id == name):
        return "u" if e.func.attr == "upper" else "l"
    return None


def _case_aliases(fn, usable: set[str]) -> dict[str, tuple[str, str]]:
    """m = method.upper() (assigned once, and by no loop or with): m stands for the parameter, upper-cased."""
    counts: dict[str, int] = {}
    found: dict[str, tuple[str, str]] = {}
    for n in _own_nodes(fn):
        if isinstance(n, (ast.AugAssign, ast.AnnAssign, ast.For, ast.AsyncFor, ast.NamedExpr)):
            for t in ast.walk(n.target):
                if isinstance(t, ast.Name):
                    counts[t.id] = counts.get(t.id, 0) + 2
        elif isinstance(n, (ast.With, ast.AsyncWith)):
            for it in n.items:
                for t in ast.walk(it.optional_vars) if it.optional_vars is not None else ():
                    if isinstance(t, ast.Name):
                        counts[t.id] = counts.get(t.id, 0) + 2
        elif isinstance(n, ast.Assign):
            for t in n.targets:
                if isinstance(t, ast.Name):
                    counts[t.id] = counts.get(t.id, 0) + 1
                    c = _case_of(n.value)
                    if c is not None and n.value.func.value.id in usable:
                        found[t.id] = (n.value.func.value.id, c)
    return {k: v for k, v in found.items() if counts.get(k) == 1 and k not in usable}


class _Walker:
    def __init__(self, params: set[str], aliases: dict[str, tuple[str, str]]):
        self.params = params
        self.aliases = aliases
        self.out: dict[int, list] = {}

    def subject(self, e) -> tuple[str, str] | None:
        """(parameter, case) a test compares."""
        if isinstance(e, ast.Name):
            if e.id in self.params:
                return e.id, ""
            return self.aliases.get(e.id)
        c = _case_of(e)
        if c is not None and e.func.value.id in self.params:
            return e.func.value.id, c
        return None

    def test(self, t, positive: bool) -> list | None:
        """The condition items under which `t` is true (positive) or false; None if not expressible."""
        if isinstance(t, ast.UnaryOp) and isinstance(t.op, ast.Not):
            return self.test(t.operand, not positive)
        if isinstance(t, ast.BoolOp):
            parts = [self.test(v, positive) for v in t.values]
            conj = isinstance(t.op, ast.And) == positive
            if conj:  # every part holds: the items of those parr can read (an unread one adds none)
                items = [i for p in parts if p for i in p]
                return items or None
            # one of the parts holds: expressible only as one set of values of one parameter
            if any(p is None or len(p) != 1 for p in parts):
                return None
            heads = {(p[0][0], p[0][1], p[0][3]) for p in parts}
            if len(heads) != 1:
                return None
            (param, mode, case), = heads
            if mode not in ("in",):
                return None
            return [[param, "in", sorted({v for p in parts for v in p[0][2]}), case]]
        if isinstance(t, ast.Compare) and len(t.ops) == 1:
            left, op, right = t.left, t.ops[0], t.comparators[0]
            subj = self.subject(left)
            vals = _strings(right)
            if subj is None and isinstance(op, (ast.Eq, ast.NotEq)):
                subj, vals = self.subject(right), _strings(left)
            if subj is None or vals is None:
                return None
            if isinstance(op, (ast.Eq, ast.In)):
                hit = positive
            elif isinstance(op, (ast.NotEq, ast.NotIn)):
                hit = not positive
            else:
                return None
            if isinstance(op, (ast.Eq, ast.NotEq)) and len(vals) != 1:
                return None
            return [[subj[0], "in" if hit else "notin", sorted(vals), subj[1]]]
        return None

    def block(self, stmts, cond: list) -> None:
        cond = list(cond)
        for s in stmts:
            self.stmt(s, cond)
            if isinstance(s, ast.If) and _exits(s.body) and not s.orelse:
                # if method == "GET": return ...  -- what follows runs only when the test failed
                neg = self.test(s.test, False)
                if neg:
                    cond = cond + neg

    def stmt(self, s, cond: list) -> None:
        if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for d in getattr(s, "decorator_list", ()):
                self.expr(d, cond)
            return
        if isinstance(s, ast.If):
            self.expr(s.test, cond)
            pos, neg = self.test(s.test, True), self.test(s.test, False)
            self.block(s.body, cond + (pos or []))
            self.block(s.orelse, cond + (neg or []))
            return
        if isinstance(s, ast.Match):
            self.expr(s.subject, cond)
            subj = self.subject(s.subject)
            seen: list[str] = []
            readable = subj is not None
            for case in s.cases:
                vals = _pattern_strings(case.pattern)
                extra: list = []
                if readable and case.guard is None and vals:
                    extra = [[subj[0], "in", sorted(vals), subj[1]]]
                    seen += vals
                elif readable and case.guard is None and _wildcard(case.pattern) and seen:
                    extra = [[subj[0], "notin", sorted(set(seen)), subj[1]]]
                else:
                    readable = readable and case.guard is None and vals is not None
                if case.guard is not None:
                    self.expr(case.guard, cond + extra)
                self.block(case.body, cond + extra)
            return
        for f, v in ast.iter_fields(s):
            if isinstance(v, list):
                if v and isinstance(v[0], ast.stmt):
                    self.block(v, cond)
                else:
                    for x in v:
                        if isinstance(x, ast.AST):
                            self.node(x, cond)
            elif isinstance(v, ast.AST):
                self.node(v, cond)

    def node(self, x, cond: list) -> None:
        if isinstance(x, ast.stmt):
            self.stmt(x, cond)
        elif isinstance(x, ast.excepthandler):
            self.block(x.body, cond)
        elif isinstance(x, ast.expr):
            self.expr(x, cond)
        else:
            for c in ast.iter_child_nodes(x):
                self.node(c, cond)

    def expr(self, e, cond: list) -> None:
        todo = [(e, cond)]
        while todo:
            n, c = todo.pop()
            if isinstance(n, ast.Lambda):
                continue
            if isinstance(n, ast.IfExp):
                todo.append((n.test, c))
                todo.append((n.body, c + (self.test(n.test, True) or [])))
                todo.append((n.orelse, c + (self.test(n.test, False) or [])))
                continue
            if isinstance(n, ast.Call) and c:
                self.out[id(n)] = c[:_MAX_ITEMS]
            todo.extend((k, c) for k in ast.iter_child_nodes(n))


def _strings(e) -> list[str] | None:
    if isinstance(e, ast.Constant) and isinstance(e.value, str):
        return [e.value]
    if isinstance(e, (ast.Tuple, ast.List, ast.Set)) and e.elts and all(
            isinstance(x, ast.Constant) and isinstance(x.value, str) for x in e.elts):
        return [x.value for x in e.elts]
    return None


def _pattern_strings(p) -> list[str] | None:
    if isinstance(p, ast.MatchValue) and isinstance(p.value, ast.Constant) and isinstance(p.value.value, str):
        return [p.value.value]
    if isinstance(p, ast.MatchOr):
        parts = [_pattern_strings(x) for x in p.patterns]
        if all(x is not None for x in parts):
            return [v for x in parts for v in x]
    return None


def _wildcard(p) -> bool:
    return isinstance(p, ast.MatchAs) and p.pattern is None


def _exits(stmts) -> bool:
    return bool(stmts) and isinstance(stmts[-1], (ast.Return, ast.Raise, ast.Continue, ast.Break))


def decide(item: list, value: str) -> bool:
    """Whether the condition item holds for the literal `value`."""
    _, mode, values, case = item
    v = value.upper() if case == "u" else value.lower() if case == "l" else value
    return (v in values) != (mode == "notin")
