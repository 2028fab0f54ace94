"""Tool classes a project's own registry collects by walking a base class's subclasses.

A project may keep its tools as subclasses of its own `Tool` class and hand every concrete one to
a model through a registry: `for cls in iter_subclasses(Tool, inclusion_predicate=...)` (a helper
that calls `cls.__subclasses__()`), or `Tool.__subclasses__()` itself, makes an object of each, and
a registration site names each object's tool by what its class says:
`mcp._tool_manager._tools[tool.get_name()] = ...`, `Tool.from_function(tool.apply, name=tool.get_name())`,
an agno Toolkit's `self.functions[tool.get_name()] = ...`. Nothing names the tools one by one; the
class hierarchy is the list.

Extraction records, per file: the subclass walks (`walks`: base class, the method the inclusion
predicate requires, `"apply" in cls.__dict__` or `hasattr(cls, "apply")`), the functions that walk
their first parameter's subclasses (`subwalkers`), the element class a function's return annotation
gives (`rets`: `-> list["Tool"]`, `-> Iterator[Tool]`), the source of name methods that compute a
name from the class's own name (`namefns`), and the registration sites whose tool is an object of a
project class (`regs`: the name expression read off the object, the class or the call it was got
from, the method handed over as the tool's body).

Resolve enumerates, for a registration whose object's class is walked, the concrete subclasses of
that class in the project (those defining the method the predicate or the registration names) and
makes each a tool, reported at its class: named by the class's literal name attribute, or by
evaluating the name method over the class name with a small pure string evaluator (`eval_name`),
its schema the method's signature, its effects what that method does. A registration whose class
no walk collects, or a name the evaluator cannot read, is an unresolved site.
"""

from __future__ import annotations

import ast
import re

# --- a small, pure string evaluator for the name methods ---------------------------------------

_STR_METHODS = frozenset({
    "lower", "upper", "strip", "lstrip", "rstrip", "replace", "removesuffix", "removeprefix", "startswith",
    "endswith", "isupper", "islower", "isdigit", "isalpha", "isalnum", "capitalize", "title", "casefold",
    "swapcase", "split", "join", "find", "count",
})
_MAX_STEPS = 2000
_MAX_LEN = 400
# A quantified group (`(a+)+`, `(..)*`, `(..){2,}`) can backtrack exponentially: such a pattern is not run.
_RISKY_PATTERN = re.compile(r"\)[*+?{]")


class _Unreadable(Exception):
    pass


class _Eval:
    def __init__(self, cls_name: str, self_names: frozenset[str], method, attr):
        self.cls_name = cls_name
        self.self_names = self_names  # "self"/"cls": the object, or its class
        self.method = method  # name -> the value self.<name>() returns, or None
        self.attr = attr  # name -> the value self.<name> holds, or None
        self.steps = 0

    def tick(self):
        self.steps += 1
        if self.steps > _MAX_STEPS:
            raise _Unreadable()

    def value(self, v):
        if isinstance(v, str) and len(v) > _MAX_LEN:
            raise _Unreadable()
        return v

    def run(self, body: list, env: dict):
        for st in body:
            self.tick()
            if isinstance(st, ast.Expr) and isinstance(st.value, ast.Constant):
                continue  # a docstring
            if isinstance(st, ast.Pass):
                continue
            if isinstance(st, ast.Return):
                if st.value is None:
                    raise _Unreadable()
                return True, self.expr(st.value, env)
            if isinstance(st, (ast.Assign, ast.AnnAssign)):
                targets = st.targets if isinstance(st, ast.Assign) else [st.target]
                if st.value is None or len(targets) != 1 or not isinstance(targets[0], ast.Name):
                    raise _Unreadable()
                env[targets[0].id] = self.expr(st.value, env)
                continue
            if isinstance(st, ast.AugAssign) and isinstance(st.target, ast.Name) and isinstance(st.op, ast.Add):
                env[st.target.id] = self.binop(ast.Add(), self.expr(st.target, env), self.expr(st.value, env))
                continue
            if isinstance(st, ast.If):
                test = self.expr(st.test, env)
                done, v = self.run(st.body if test else st.orelse, env)
                if done:
                    return True, v
                continue
            raise _Unreadable()  # loops, raises, calls for their effects: not read
        return False, None

    def binop(self, op, a, b):
        if isinstance(op, ast.Add) and type(a) is type(b) and isinstance(a, (str, int, list)):
            return self.value(a + b)
        if isinstance(op, ast.Sub) and isinstance(a, int) and isinstance(b, int):
            return a - b
        raise _Unreadable()

    def expr(self, e, env: dict):
        self.tick()
        if isinstance(e, ast.Constant) and (e.value is None or isinstance(e.value, (str, int, bool))):
            return e.value
        if isinstance(e, ast.Name):
            if e.id in env:
                return env[e.id]
            if e.id in ("True", "False", "None"):
                return {"True": True, "False": False, "None": None}[e.id]
            raise _Unreadable()
        if isinstance(e, ast.Attribute):
            return self.attribute(e, env)
        if isinstance(e, ast.JoinedStr):
            out = []
            for part in e.values:
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    out.append(part.value)
                elif isinstance(part, ast.FormattedValue) and part.format_spec is None and part.conversion in (-1, 115):
                    v = self.expr(part.value, env)
                    if not isinstance(v, (str, int)) or isinstance(v, bool):
                        raise _Unreadable()
                    out.append(str(v))
                else:
                    raise _Unreadable()
            return self.value("".join(out))
        if isinstance(e, ast.BinOp):
            return self.binop(e.op, self.expr(e.left, env), self.expr(e.right, env))
        if isinstance(e, ast.UnaryOp):
            v = self.expr(e.operand, env)
            if isinstance(e.op, ast.Not):
                return not v
            if isinstance(e.op, ast.USub) and isinstance(v, int):
                return -v
            raise _Unreadable()
        if isinstance(e, ast.BoolOp):
            v = None
            for x in e.values:
                v = self.expr(x, env)
                if isinstance(e.op, ast.And) and not v or isinstance(e.op, ast.Or) and v:
                    return v
            return v
        if isinstance(e, ast.Compare):
            left = self.expr(e.left, env)
            for op, right_e in zip(e.ops, e.comparators):
                right = self.expr(right_e, env)
                if isinstance(op, ast.Eq):
                    ok = left == right
                elif isinstance(op, ast.NotEq):
                    ok = left != right
                elif isinstance(op, (ast.In, ast.NotIn)) and isinstance(right, (str, list)) and isinstance(left, str):
                    ok = (left in right) == isinstance(op, ast.In)
                elif isinstance(op, (ast.Lt, ast.LtE, ast.Gt, ast.GtE)) and isinstance(left, int) and isinstance(right, int):
                    ok = {ast.Lt: left < right, ast.LtE: left <= right, ast.Gt: left > right, ast.GtE: left >= right}[type(op)]
                else:
                    raise _Unreadable()
                if not ok:
                    return False
                left = right
            return True
        if isinstance(e, ast.IfExp):
            return self.expr(e.body if self.expr(e.test, env) else e.orelse, env)
        if isinstance(e, ast.Subscript):
            v = self.expr(e.value, env)
            if not isinstance(v, (str, list)):
                raise _Unreadable()
            s = e.slice
            if isinstance(s, ast.Slice):
                parts = [None if x is None else self.expr(x, env) for x in (s.lower, s.upper, s.step)]
                if any(p is not None and (not isinstance(p, int) or isinstance(p, bool)) for p in parts) or parts[2] == 0:
                    raise _Unreadable()
                return v[parts[0]:parts[1]:parts[2]]
            i = self.expr(s, env)
            if not isinstance(i, int) or isinstance(i, bool) or not -len(v) <= i < len(v):
                raise _Unreadable()
            return v[i]
        if isinstance(e, (ast.ListComp, ast.GeneratorExp)):
            return self.comprehension(e, env)
        if isinstance(e, (ast.List, ast.Tuple)):
            return [self.expr(x, env) for x in e.elts]
        if isinstance(e, ast.Call):
            return self.call(e, env)
        raise _Unreadable()

    def comprehension(self, e, env: dict):
        if len(e.generators) != 1:
            raise _Unreadable()
        g = e.generators[0]
        if g.is_async or not isinstance(g.target, ast.Name):
            raise _Unreadable()
        items = self.expr(g.iter, env)
        if not isinstance(items, (str, list)) or len(items) > _MAX_LEN:
            raise _Unreadable()
        out = []
        for item in items:
            inner = dict(env)
            inner[g.target.id] = item
            if all(self.expr(cond, inner) for cond in g.ifs):
                out.append(self.expr(e.elt, inner))
        return out

    def attribute(self, e: ast.Attribute, env: dict):
        base = e.value
        if e.attr in ("__name__", "__qualname__"):
            if isinstance(base, ast.Name) and base.id in self.self_names and base.id not in env and self.self_names[base.id] == "cls":
                return self.cls_name  # cls.__name__
            if isinstance(base, ast.Attribute) and base.attr == "__class__" and isinstance(base.value, ast.Name) \
                    and base.value.id in self.self_names and base.value.id not in env:
                return self.cls_name  # self.__class__.__name__
            if isinstance(base, ast.Call) and isinstance(base.func, ast.Name) and base.func.id == "type" \
                    and len(base.args) == 1 and not base.keywords and isinstance(base.args[0], ast.Name) \
                    and base.args[0].id in self.self_names and base.args[0].id not in env:
                return self.cls_name  # type(self).__name__
            raise _Unreadable()
        if isinstance(base, ast.Name) and base.id in self.self_names and base.id not in env:
            v = self.attr(e.attr)
            if v is None:
                raise _Unreadable()
            return self.value(v)
        raise _Unreadable()

    def call(self, e: ast.Call, env: dict):
        f = e.func
        if any(isinstance(a, ast.Starred) for a in e.args) or e.keywords:
            raise _Unreadable()
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id in self.self_names \
                and f.value.id not in env:
            if e.args:
                raise _Unreadable()
            v = self.method(f.attr)  # self.get_name_from_cls(): the class's own method, read the same way
            if v is None:
                raise _Unreadable()
            return self.value(v)
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "re" and "re" not in env \
                and f.attr == "sub" and len(e.args) == 3:
            pattern, repl = e.args[0], e.args[1]
            if not (isinstance(pattern, ast.Constant) and isinstance(pattern.value, str)
                    and isinstance(repl, ast.Constant) and isinstance(repl.value, str)):
                raise _Unreadable()  # only literal patterns and replacements
            if _RISKY_PATTERN.search(pattern.value) or len(pattern.value) > 200:
                raise _Unreadable()
            text = self.expr(e.args[2], env)
            if not isinstance(text, str):
                raise _Unreadable()
            try:
                return self.value(re.sub(pattern.value, repl.value, text))
            except (re.error, IndexError):
                raise _Unreadable() from None
        if isinstance(f, ast.Name) and f.id == "str" and f.id not in env and len(e.args) == 1:
            v = self.expr(e.args[0], env)
            if isinstance(v, str):
                return v
            raise _Unreadable()
        if isinstance(f, ast.Name) and f.id == "len" and f.id not in env and len(e.args) == 1:
            v = self.expr(e.args[0], env)
            if isinstance(v, (str, list)):
                return len(v)
            raise _Unreadable()
        if isinstance(f, ast.Attribute) and f.attr in _STR_METHODS:
            recv = self.expr(f.value, env)
            if not isinstance(recv, str):
                raise _Unreadable()
            args = [self.expr(a, env) for a in e.args]
            if f.attr == "join":
                if len(args) != 1 or not isinstance(args[0], (list, str)) or not all(isinstance(x, str) for x in args[0]):
                    raise _Unreadable()
                return self.value(recv.join(args[0]))
            if not all(isinstance(a, (str, int)) and not isinstance(a, bool) for a in args) or len(args) > 3:
                raise _Unreadable()
            try:
                out = getattr(recv, f.attr)(*args)
            except (TypeError, ValueError):
                raise _Unreadable() from None
            return self.value(out)
        raise _Unreadable()


def eval_name(src: str, cls_name: str, method, attr) -> str | None:
    """The string a name method (its source, one `def`) returns for a class named `cls_name`, or
    None where it does anything the evaluator does not read: only string operations (slicing,
    endswith/startswith, removesuffix, replace, lower/upper, joins over comprehensions of
    characters, re.sub with literal patterns, f-strings), the class's own name, its literal
    attributes (`attr(name)`) and its other methods of the same kind (`method(name)`)."""
    try:
        node = ast.parse(src).body[0]
    except (SyntaxError, ValueError, RecursionError, IndexError):
        return None
    if not isinstance(node, ast.FunctionDef):
        return None
    a = node.args
    names = [x.arg for x in a.posonlyargs + a.args]
    if len(names) != 1 or a.vararg or a.kwarg or a.kwonlyargs:
        return None
    classmethod_ = any(isinstance(d, ast.Name) and d.id == "classmethod" for d in node.decorator_list)
    ev = _Eval(cls_name, {names[0]: "cls" if classmethod_ else "self"}, method, attr)
    try:
        done, v = ev.run(node.body, {})
    except (_Unreadable, RecursionError, MemoryError):
        return None
    return v if done and isinstance(v, str) and v else None


def name_method_source(node) -> str | None:
    """The source a name method is kept by (for `eval_name` in resolve): a method of one parameter
    (self or cls) whose body reads the class's `__name__`. None for any other method."""
    a = node.args
    if len(a.posonlyargs + a.args) != 1 or a.vararg or a.kwarg or a.kwonlyargs or isinstance(node, ast.AsyncFunctionDef):
        return None
    if not any(isinstance(n, ast.Attribute) and n.attr in ("__name__", "__qualname__") for n in ast.walk(node)):
        return None
    src = ast.unparse(node)
    return src if len(src) < 4000 else None


# --- extraction ---------------------------------------------------------------------------------

_ITERATORS = frozenset("list List Sequence MutableSequence Iterable Iterator Generator AsyncIterator AsyncIterable "
                       "AsyncGenerator Collection set Set frozenset FrozenSet tuple Tuple".split())


def _class_ref(ex, e) -> str | None:
    """The qualified name of a class `e` names: a class of this file or an imported capitalised name."""
    d = ex.dotted(e) if isinstance(e, (ast.Name, ast.Attribute)) else None
    if not d or "()" in d or not d.rsplit(".", 1)[-1][:1].isupper():
        return None
    head = d.split(".", 1)[0]
    from parr.scan.python.extract import ClassInfo
    if "." not in d and isinstance(ex.module_scope.defs.get(d), ClassInfo):
        return d
    if head in ex.imports:
        return ex.qualify(d)
    return None


def _predicate(ex, exprs, scope) -> tuple[str | None, bool]:
    """The method an inclusion predicate requires of each class: ("apply", True) for
    `"apply" in cls.__dict__` / `vars(cls)` (defined in the class's own body), ("apply", False) for
    `hasattr(cls, "apply")`; (None, False) when no such test is there."""
    from parr.scan.python.extract import FuncInfo
    todo = list(exprs)
    for _ in range(8):
        if not todo:
            break
        e = todo.pop(0)
        if isinstance(e, ast.Name):
            bound, _s = ex.lookup(scope, e.id)
            if isinstance(bound, FuncInfo):
                bound = bound.node
            if isinstance(bound, (ast.Lambda, ast.FunctionDef)):
                todo.append(bound)
            continue
        if not isinstance(e, ast.AST):
            continue
        for n in ast.walk(e):
            if isinstance(n, ast.Compare) and len(n.ops) == 1 and isinstance(n.ops[0], ast.In) \
                    and isinstance(n.left, ast.Constant) and isinstance(n.left.value, str):
                right = n.comparators[0]
                if isinstance(right, ast.Attribute) and right.attr == "__dict__" or (
                        isinstance(right, ast.Call) and isinstance(right.func, ast.Name) and right.func.id == "vars"):
                    return n.left.value, True
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "hasattr" \
                    and len(n.args) == 2 and isinstance(n.args[1], ast.Constant) and isinstance(n.args[1].value, str):
                return n.args[1].value, False
    return None, False


def note_walk(ex, it: ast.Call, conds: list, scope, line: int) -> None:
    """`for cls in Base.__subclasses__()` / `for cls in iter_subclasses(Base, ...)` (a loop or a
    comprehension over a call): recorded as a subclass walk of Base; resolve keeps a helper's only
    when that helper walks its first parameter's `__subclasses__()`."""
    f = it.func
    if isinstance(f, ast.Attribute) and f.attr == "__subclasses__" and not it.args:
        base, fn = _class_ref(ex, f.value), "__subclasses__"
    elif it.args and isinstance(f, (ast.Name, ast.Attribute)):
        base = _class_ref(ex, it.args[0])
        d = ex.dotted(f)
        fn = ex.qualify(d) if d and "()" not in d else None
        if fn is None or base is None:
            return
    else:
        return
    if base is None:
        return
    method, own = _predicate(ex, [*it.args[1:], *(k.value for k in it.keywords), *conds], scope)
    w = {"base": base, "fn": fn, "line": line}
    if method:
        w["method"] = method
        if own:
            w["own"] = True
    ex.reg_walks.append(w)


def walks_first_param(node) -> bool:
    """A function that walks its first parameter's subclasses (`cls.__subclasses__()`)."""
    a = node.args
    args = a.posonlyargs + a.args
    if not args:
        return False
    p = args[0].arg
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "__subclasses__"
               and isinstance(n.func.value, ast.Name) and n.func.value.id == p for n in ast.walk(node))


def element_class(ex, ann) -> str | None:
    """The class a return annotation's collection holds (`list["Tool"]`, `Iterator[Tool]`)."""
    from parr.scan.python.extract import _annotated_class
    if isinstance(ann, ast.Constant) and isinstance(ann.value, str):
        try:
            ann = ast.parse(ann.value, mode="eval").body
        except SyntaxError:
            return None
    if not isinstance(ann, ast.Subscript) or not isinstance(ann.value, (ast.Name, ast.Attribute)):
        return None
    head = ann.value.id if isinstance(ann.value, ast.Name) else ann.value.attr
    if head not in _ITERATORS:
        return None
    inner = ann.slice.elts[0] if isinstance(ann.slice, ast.Tuple) and ann.slice.elts else ann.slice
    name = _annotated_class(inner)
    if not name:
        return None
    return _class_ref(ex, ast.parse(name, mode="eval").body)


def _key(e) -> tuple[list, str] | None:
    """What a registration's name is read off: (["m", method], obj) for obj.method(),
    (["a", attr], obj) for obj.attr, (["c", ""], obj) for type(obj).__name__ / obj.__class__.__name__."""
    if isinstance(e, ast.Call) and not e.args and not e.keywords and isinstance(e.func, ast.Attribute) \
            and isinstance(e.func.value, ast.Name):
        return ["m", e.func.attr], e.func.value.id
    if isinstance(e, ast.Attribute) and e.attr == "__name__":
        v = e.value
        if isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and v.func.id == "type" and len(v.args) == 1 \
                and isinstance(v.args[0], ast.Name):
            return ["c", ""], v.args[0].id
        if isinstance(v, ast.Attribute) and v.attr == "__class__" and isinstance(v.value, ast.Name):
            return ["c", ""], v.value.id
        return None
    if isinstance(e, ast.Attribute) and isinstance(e.value, ast.Name) and not e.attr.startswith("__"):
        return ["a", e.attr], e.value.id
    return None


def _iter_type(ex, it, scope) -> dict | None:
    """The class of the elements a call hands back, or where resolve finds it."""
    from parr.scan.python.extract import ClassInfo, FuncInfo, _annotated_class
    if not isinstance(it, ast.Call):
        return None
    f = it.func
    if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name):
        if f.value.id in ("self", "cls") and scope.func is not None and scope.func.cls is not None:
            m = scope.func.cls.methods.get(f.attr)
            if m is not None and m.node.returns is not None:
                q = element_class(ex, m.node.returns)
                return {"cls": q} if q else None
            return None
        bound, _s = ex.lookup(scope, f.value.id)
        if isinstance(bound, ast.arg) and bound.annotation is not None:
            c = _annotated_class(bound.annotation)
            q = _class_ref(ex, ast.parse(c, mode="eval").body) if c else None
            if q is not None:
                return {"recv": q, "meth": f.attr}
        return None
    if isinstance(f, ast.Name):
        bound, _s = ex.lookup(scope, f.id)
        if isinstance(bound, FuncInfo) and bound.node.returns is not None:
            q = element_class(ex, bound.node.returns)
            return {"cls": q} if q else None
        if bound is None and f.id in ex.imports and not isinstance(bound, ClassInfo):
            return {"fn": ex.imports[f.id]}
    return None


def object_type(ex, name: str, scope) -> dict | None:
    """Where the class of the object a name holds is read: its parameter's annotation
    (`tool: Tool`), or the call a loop over it iterates (`for tool in self._iter_tools()`)."""
    from parr.scan.python.extract import _annotated_class
    bound, _s = ex.lookup(scope, name)
    if isinstance(bound, ast.arg):
        c = _annotated_class(bound.annotation) if bound.annotation is not None else None
        q = _class_ref(ex, ast.parse(c, mode="eval").body) if c else None
        return {"cls": q, "param": True} if q else None
    fn = scope.func
    # the loop that binds it: in its function, or a module-level loop (its statements only)
    nodes = ast.walk(fn.node) if fn is not None else (st for st in ex.tree.body if isinstance(st, (ast.For, ast.AsyncFor)))
    for n in nodes:
        gens = [n] if isinstance(n, (ast.For, ast.AsyncFor)) else n.generators if isinstance(
            n, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)) else ()
        for g in gens:
            if isinstance(g.target, ast.Name) and g.target.id == name:
                return _iter_type(ex, g.iter, scope)
    return None


def note_registration(ex, key_e, scope, line: int, fw: str, style: str, text: str, method: str | None = None,
                      strict: bool = False) -> bool:
    """A registration whose tool name is read off an object (`tool.get_name()`): recorded for
    resolve when the object's class can be told; False (nothing recorded) otherwise. `strict`: a
    registration that is a site whenever its tools cannot be enumerated (else a wrapper of a
    parameter's object is plumbing, as a name made at run time is)."""
    k = _key(key_e) if key_e is not None else None
    if k is None:
        return False
    key, obj = k
    t = object_type(ex, obj, scope)
    if t is None:
        return False
    holder = scope.func.cls.name if scope.func is not None and scope.func.cls is not None else None
    r = {"line": line, "call": text, "key": key, "type": t, "fw": fw, "style": style}
    if method:
        r["method"] = method
    if strict:
        r["strict"] = True
    if holder:
        r["holder"] = holder
    ex.reg_sites.append(r)
    return True


# --- resolve ------------------------------------------------------------------------------------

def _find_class(proj, qual: str, near: str, depth: int = 0):
    """(path, class name, bases) of a project class, also through a package's star re-exports
    (`serena/tools/__init__.py: from .tools_base import *`)."""
    from parr.scan.python.extract import unpack_part
    if depth > 4 or not qual:
        return None
    found = proj.find_class(qual, near)
    if found is not None:
        return found[0], qual.rsplit(".", 1)[-1], found[1]
    path, rest = proj.split_target(qual, near)
    if path is None or not rest or len(rest) != 1:
        return None
    g = proj.at(path)
    imp = unpack_part(g, "imports").get(rest[0])
    if imp:
        return _find_class(proj, imp, path, depth + 1)
    for mod in reversed(g.get("stars") or ()):
        hit = _find_class(proj, f"{mod}.{rest[0]}", path, depth + 1)
        if hit is not None:
            return hit
    return None


def _mro(proj, path: str, name: str) -> list[tuple[str, str, dict]]:
    """(path, class name, face) of a class and its project bases, nearest first."""
    from parr.scan.python.extract import unpack_part
    out: list[tuple[str, str, dict]] = []
    todo = [(path, name)]
    while todo and len(out) < 12:
        p, n = todo.pop(0)
        if any(x[0] == p and x[1] == n for x in out):
            continue
        g = proj.at(p)
        bases = unpack_part(g, "classes").get(n)
        if bases is None:
            continue
        out.append((p, n, unpack_part(g, "faces").get(n) or {}))
        more = []
        for b in bases:
            hit = _find_class(proj, b, p)
            if hit is not None:
                more.append((hit[0], hit[1]))
        todo[0:0] = more
    return out


def _subclasses(proj, home: tuple[str, str]) -> list[tuple[str, str]]:
    """Every project class deriving from `home`, at any depth (files with full facts)."""
    from parr.scan.python.extract import unpack_part
    members = {home}
    lasts = {home[1]}
    for _ in range(8):
        grown = False
        for path, f in list(proj.facts.items()):
            if not lasts & set(f.get("base_names") or ()):
                continue
            for cname, bases in unpack_part(f, "classes").items():
                if (path, cname) in members or "." in cname:
                    continue
                for b in bases:
                    if b.rsplit(".", 1)[-1] not in lasts:
                        continue
                    hit = _find_class(proj, b, path)
                    if hit is not None and (hit[0], hit[1]) in members:
                        members.add((path, cname))
                        lasts.add(cname)
                        grown = True
                        break
        if not grown:
            break
    members.discard(home)
    return sorted(members)


def _reg_class(proj, r: dict, path: str):
    """(path, name) of the class of the objects a registration names, or None."""
    t = r.get("type") or {}
    if t.get("cls"):
        hit = _find_class(proj, t["cls"], path)
    elif t.get("recv"):
        recv = _find_class(proj, t["recv"], path)
        hit = None
        for p, n, _face in (_mro(proj, recv[0], recv[1]) if recv else ()):
            q = (proj.at(p).get("rets") or {}).get(f"{n}.{t['meth']}")
            if q:
                hit = _find_class(proj, q, p)
                break
    elif t.get("fn"):
        tpath, rest = proj.split_target(t["fn"], path)
        q = (proj.at(tpath).get("rets") or {}).get(rest[0]) if tpath and rest and len(rest) == 1 else None
        hit = _find_class(proj, q, tpath) if q else None
    else:
        hit = None
    return (hit[0], hit[1]) if hit else None


def _walks(proj) -> dict[tuple[str, str], list[dict]]:
    """Classes whose subclasses the project walks: (path, name) -> the walks."""
    from parr.scan.python.extract import unpack_part
    out: dict[tuple[str, str], list[dict]] = {}
    for path, f in list(proj.facts.items()):
        for w in f.get("walks") or ():
            if w["fn"] != "__subclasses__":
                tpath, rest = proj.split_target(w["fn"], path)
                if tpath is None:  # a function of this file
                    tpath, rest = path, [w["fn"]]
                if not rest or ".".join(rest) not in (proj.at(tpath).get("subwalkers") or ()):
                    imp = unpack_part(proj.at(tpath), "imports").get(rest[0]) if rest and len(rest) == 1 else None
                    t2, r2 = proj.split_target(imp, tpath) if imp else (None, None)
                    if t2 is None or not r2 or ".".join(r2) not in (proj.at(t2).get("subwalkers") or ()):
                        continue
            home = _find_class(proj, w["base"], path)
            if home is not None:
                out.setdefault((home[0], home[1]), []).append(w)
    return out


def _name_of(proj, mro, key: list, cls_name: str) -> str | None:
    """The name a registration's key expression gives an object of mro[0]'s class."""
    from parr.scan.python.extract import unpack_part
    if key[0] == "c":
        return cls_name
    depth = [0]

    def attr(a: str):
        for _p, _n, face in mro:
            d = face.get("a:" + a)
            if d is not None:
                return d[1] if d[0] == "s" else None
        return None

    def method(m: str):
        depth[0] += 1
        if depth[0] > 8:
            return None
        for p, n, face in mro:
            if m not in (face.get("ms") or ()):
                continue
            d = face.get("m:" + m)
            if d is not None:  # a method returning one value: a literal, self.attr or self.other()
                return d[1] if d[0] == "s" else attr(d[1]) if d[0] == "a" else method(d[1]) if d[0] == "m" else None
            src = unpack_part(proj.at(p), "namefns").get(f"{n}.{m}")
            return eval_name(src, cls_name, method, attr) if src else None
        return None

    return attr(key[1]) if key[0] == "a" else method(key[1])


def resolve_registries(proj, records: list, sites: list) -> None:
    """The tools of every registration recorded in `regs` (see the module's docstring)."""
    from parr.scan.model import UnresolvedSite
    from parr.scan.python import toolclass
    from parr.scan.python.extract import expand_params, unpack_part
    from parr.scan.python.resolve import _record
    regs = [(path, r) for path, f in list(proj.facts.items()) for r in f.get("regs") or ()]
    if not regs:
        return
    walked = _walks(proj)
    seen = {(t.file, t.name) for t in records}

    def site(path, line, call, reason):
        sites.append(UnresolvedSite(file=path, line=max(1, int(line or 1)), call=str(call), reason=reason))

    for path, r in regs:
        home = _reg_class(proj, r, path)
        ws = walked.get(home) if home else None
        if not ws:
            # a registration of objects whose classes no subclass walk collects: a wrapper of whatever
            # it is handed when the object is a parameter of another project's class; else a site
            if r.get("strict") or (home is not None and not (r.get("type") or {}).get("param")):
                site(path, r.get("line"), r.get("call"), "tools made from objects of a class whose subclasses parr cannot enumerate")
            continue
        method = r.get("method") or next((w["method"] for w in ws if w.get("method")), None)
        own = not r.get("method") and any(w.get("own") for w in ws if w.get("method") == method)
        subs = _subclasses(proj, home)
        sub_bases = {b.rsplit(".", 1)[-1] for p, n in subs for b in unpack_part(proj.at(p), "classes").get(n) or ()}
        for spath, sname in subs:
            mro = _mro(proj, spath, sname)
            if not mro:
                continue
            face = mro[0][2]
            if method is not None:
                if own and method not in (face.get("ms") or ()):
                    continue
                upto = [x for x in mro if (x[0], x[1]) != home]
                if not own and not any(method in (x[2].get("ms") or ()) for x in upto):
                    continue
            elif sname in sub_bases:
                continue  # a base the others extend
            name = _name_of(proj, mro, r["key"], sname)
            if not name:
                site(spath, face.get("line"), f"class {sname}", "tool name parr cannot read off the class")
                continue
            if (spath, name) in seen:
                continue
            seen.add((spath, name))
            c = {"name": name, "line": face.get("line") or 1, "framework": r.get("fw") or "unknown",
                 "style": r.get("style") or "registry_subclass", "schema": "type_hints", "fx": [], "flags": []}
            if method is not None:
                holder = next((x for x in mro if method in (x[2].get("ms") or ())), None)
                sig = unpack_part(proj.at(holder[0]), "msig").get(f"{holder[1]}.{method}") if holder else None
                if sig is not None:
                    c["params"] = expand_params(sig[0])
                    c["description"] = sig[1]
                fx, found = toolclass._method_effects(proj, mro, [method])
                c["fx"] = fx
                if not found:
                    c["flags"].append("dispatch_unread")
            else:
                c["flags"].append("dispatch_unread")  # judged by name, and said so
            rec = _record(c, spath, proj)
            if rec is not None:
                records.append(rec)


# --- agent middleware subclassing a framework's tool-carrying middleware ------------------------

def note_middleware(ex, node: ast.Call) -> None:
    """`TodoMiddleware(...)`: an object of a project class named as agent middleware, made in a file
    that uses LangChain or deepagents. A middleware object exists to be given to an agent
    (`create_agent(middleware=[...])`), so it hands the model the tools its class carries; resolve
    follows the class's project bases to a framework middleware whose tools are known (LangChain v1's
    TodoListMiddleware gives `write_todos`), and reports them in this file, once each."""
    f = node.func
    last = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
    if last is None or not last.endswith("Middleware"):
        return  # (the dotted name ends with this one: not read further for any other call)
    d = ex.dotted(f)
    if not d or "()" in d or not d.endswith("Middleware"):
        return
    q = _class_ref(ex, node.func)
    if q is None:
        return
    ex.reg_middleware.append([q, node.lineno])


def _middleware_tables():
    from parr.scan.python.frameworks import agent_builtins as generated
    return (("langchain", generated.LANGCHAIN_MIDDLEWARE), ("deepagents", generated.DEEPAGENTS_MIDDLEWARE))


def resolve_middleware(proj, records: list) -> None:
    """The framework tools of project middleware subclasses (see `note_middleware`)."""
    from parr.scan.python.catalog import framework_of
    from parr.scan.python.resolve import _record
    seen = {(t.file, t.name) for t in records}
    tables = None
    for path, f in list(proj.facts.items()):
        for qual, line in f.get("mw_made") or ():
            hit = _find_class(proj, qual, path)
            if hit is None:
                continue  # the framework's own class: read where it is handed over
            if tables is None:
                tables = _middleware_tables()
            rows, fw = None, None
            todo, hops = [hit], 0
            while todo and rows is None and hops < 10:
                p, n, bases = todo.pop(0)
                hops += 1
                for b in bases:
                    inner = _find_class(proj, b, p)
                    if inner is not None:
                        todo.append(inner)
                        continue
                    owner = framework_of(b)
                    for label, table in tables:
                        if b.rsplit(".", 1)[-1] in table and owner in (label, "langgraph", "langchain"):
                            rows, fw = table[b.rsplit(".", 1)[-1]], label
                            break
                    if rows is not None:
                        break
            for name, mutating, typed, caps in rows or ():
                if (path, name) in seen:
                    continue
                seen.add((path, name))
                c = {"name": name, "line": line, "framework": fw, "style": f"{fw}.middleware_subclass",
                     "schema": "framework_defined", "typed": typed, "mutating": mutating if mutating else None,
                     "caps": list(caps), "fx": [], "gates": [], "annotations": {},
                     "flags": ["builtin", "builtin_mutating" if mutating else "builtin_read"]}
                rec = _record(c, path, proj)
                if rec is not None:
                    records.append(rec)
