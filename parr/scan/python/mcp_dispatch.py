"""The code that runs a tool listed by an MCP low-level Python server, found in its call handler.

With the `mcp` package's low-level `Server`, tools are listed by one handler (`@server.list_tools()`
or `Server(on_list_tools=...)`) and run by another (`@server.call_tool()`, `on_call_tool=...`),
which dispatches on the tool's name: `if name == "x":` (or an `elif` chain, `name in ("a", "b")`),
`match name: case "x":`, a dict of name -> function (`handlers[name](...)`), or an object looked
up by name whose method runs it (`registry[name].run_tool(args)`). What a listed tool does is its
branch plus the handler's code outside every branch (shared set-up, the single tool behind an
`if name != "x": raise` guard); the TypeScript counterpart is parr/scan/typescript/dispatch.py.
"""

from __future__ import annotations

import ast
from typing import Any, Iterator

from parr.scan.python import arg_reads

# Names the dispatched-on value goes by, besides the handler's own first parameter.
_NAME_WORDS = frozenset({"name", "tool_name", "toolname", "tool"})
_CTX_PARAMS = frozenset({"self", "cls", "ctx", "context"})
_MAX_DEPTH = 2  # handler -> a helper it hands the name to -> one more


def name_params(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """The handler's parameter that holds the tool's name: its first one after self/ctx."""
    a = fn.args
    params = [x.arg for x in a.posonlyargs + a.args + a.kwonlyargs if x.arg not in _CTX_PARAMS]
    return {params[0]} if params and params[0] not in ("params", "request", "req", "arguments") else set()


def names_a_tool(e: Any, params: set[str]) -> bool:
    """`name`, `tool_name`, `params.name`, `request.params.name`: the value dispatched on."""
    if isinstance(e, ast.Name):
        return e.id in params or e.id.lower() in _NAME_WORDS
    if isinstance(e, ast.Attribute):
        return e.attr.lower() in _NAME_WORDS and not (isinstance(e.value, ast.Name) and e.value.id == "self")
    return False


def walk_own(stmts: list, skip: set[int] | None = None) -> Iterator[ast.AST]:
    """Nodes of statements, not entering nested functions, classes or skipped subtrees."""
    stack = list(reversed(stmts))
    while stack:
        node = stack.pop()
        if skip is not None and id(node) in skip:
            continue
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        stack.extend(reversed(list(ast.iter_child_nodes(node))))


class Dispatch:
    """One call handler read: name key -> the statements and functions of its branch."""

    def __init__(self, handler: Any) -> None:
        self.handler = handler  # FuncInfo of the handler (or of a helper it hands the name to)
        self.branches: dict[str, list] = {}  # key -> [statements (lists) ...] and FuncInfos
        self.skip: set[int] = set()  # ids of every branch's nodes: not shared code
        self.methods: set[str] = set()  # methods called on an object looked up by name

    def add(self, key: str, part: Any) -> None:
        self.branches.setdefault(key, []).append(part)


def read_handler(ex: Any, fi: Any, params: set[str] | None = None, depth: int = 0, out: list | None = None) -> list:
    """Every Dispatch of a call handler: its own, and those of helpers it hands the name to."""
    if out is None:
        out = []
    if depth > _MAX_DEPTH:
        return out
    params = name_params(fi.node) if params is None else params
    disp = Dispatch(fi)
    scope = fi.body_scope
    out.append(disp)

    def keys(e) -> list[str]:
        if isinstance(e, (ast.Tuple, ast.List, ast.Set)):
            return [k for x in e.elts for k in keys(x)]
        s, r = ex.name_of(e, scope)
        return [s] if s is not None else ([f"ref:{r}"] if r else [])

    for node in walk_own(fi.node.body):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Compare) and len(node.test.ops) == 1:
            cmp = node.test
            left, op, right = cmp.left, cmp.ops[0], cmp.comparators[0]
            if not names_a_tool(left, params):
                left, right = right, left
                if not names_a_tool(left, params) or not isinstance(op, ast.Eq):
                    continue
            if isinstance(op, (ast.Eq, ast.In)):
                found = keys(right)
                for k in found:
                    disp.add(k, node.body)
                if found:
                    disp.skip.update(id(s) for s in node.body)
                    last = node.orelse
                    if last and not (len(last) == 1 and isinstance(last[0], ast.If)):
                        disp.skip.update(id(s) for s in last)  # the final else: names no tool listed
            elif isinstance(op, (ast.NotEq, ast.NotIn)):
                # if name != "fetch": raise ...: the rest of the handler is that tool's code
                for k in keys(right):
                    disp.add(k, [])
                disp.skip.update(id(s) for s in node.body)
        elif isinstance(node, ast.Match) and names_a_tool(node.subject, params):
            for case in node.cases:
                disp.skip.update(id(s) for s in case.body)
                pats = case.pattern.patterns if isinstance(case.pattern, ast.MatchOr) else [case.pattern]
                for p in pats:
                    if isinstance(p, ast.MatchValue):
                        for k in keys(p.value):
                            disp.add(k, case.body)
        elif isinstance(node, ast.Subscript) and names_a_tool(node.slice, params):
            _dict_dispatch(ex, disp, node.value, scope)
        elif isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Attribute) and f.attr == "get" and node.args and names_a_tool(node.args[0], params):
                _dict_dispatch(ex, disp, f.value, scope)
            elif isinstance(f, ast.Attribute) and _looked_up(f.value, scope):
                disp.methods.add(f.attr)  # handler = registry[name]; handler.run_tool(arguments)
            for i, a in enumerate(node.args):
                if names_a_tool(a, params) and not (isinstance(f, ast.Attribute) and f.attr == "get"):
                    # return await dispatch(name, arguments): the helper's branches are this handler's
                    helper = _resolve(ex, f, scope)
                    if helper is not None and helper is not fi and helper.body_scope is not None:
                        hp = [x.arg for x in helper.node.args.posonlyargs + helper.node.args.args
                              if x.arg not in _CTX_PARAMS]
                        if i < len(hp):
                            read_handler(ex, helper, {hp[i]}, depth + 1, out)
    return out


def _resolve(ex: Any, f: Any, scope: Any) -> Any:
    """The function a call names; `self.method` also from a handler nested in a method."""
    if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "self":
        s = scope
        while s is not None:
            if s.func is not None and s.func.cls is not None:
                return ex._method_lookup(s.func.cls, f.attr)
            s = s.parent
        return None
    return ex.resolve_func_expr(f, scope)


def ignores_name(fi: Any) -> bool:
    """The handler never reads the tool's name (outside an error message): it runs the same code
    for every tool."""
    params = name_params(fi.node)
    if not params:
        return False
    skip = {id(n) for n in walk_own(fi.node.body) if isinstance(n, ast.JoinedStr)}
    return not any(isinstance(n, ast.Name) and n.id in params for n in walk_own(fi.node.body, skip))


def _looked_up(recv: Any, scope: Any) -> bool:
    """An object the handler got at run time (a local variable, registry[name], get_handler(name)),
    not `self`, a parameter, a module or a module-level object (logger.error)."""
    if isinstance(recv, (ast.Subscript, ast.Call)):
        return True
    if not isinstance(recv, ast.Name) or recv.id in ("self", "cls"):
        return False
    value = scope.assigns.get(recv.id) if scope is not None else None
    return value is not None and not isinstance(value, ast.arg)


def _tables(ex: Any, table: Any, scope: Any) -> list:
    """The dict literals a dispatch table is, with the scope to read their values in: a name
    bound to one, or `self.handlers` assigned one (directly or through a local) in a method."""
    if isinstance(table, ast.Name):
        value, _ = ex.lookup(scope, table.id)
        return [(value, scope)] if isinstance(value, ast.Dict) else []
    if not (isinstance(table, ast.Attribute) and isinstance(table.value, ast.Name) and table.value.id == "self"):
        return []
    s = scope
    while s is not None and (s.func is None or s.func.cls is None):
        s = s.parent
    if s is None:
        return []
    out = []
    for method in s.func.cls.methods.values():
        for st in ast.walk(method.node):
            if isinstance(st, ast.Assign) and any(isinstance(t, ast.Attribute) and t.attr == table.attr and
                                                  isinstance(t.value, ast.Name) and t.value.id == "self"
                                                  for t in st.targets):
                value = st.value
                if isinstance(value, ast.Name) and method.body_scope is not None:
                    value = method.body_scope.assigns.get(value.id)
                if isinstance(value, ast.Dict):
                    out.append((value, method.body_scope))
    return out


def _dict_dispatch(ex: Any, disp: Dispatch, table: Any, scope: Any) -> None:
    """handlers[name](...) / handlers.get(name) / self.handlers[name]: a dict literal of name -> function."""
    for value, where in _tables(ex, table, scope):
        _dict_entries(ex, disp, value, where)


def _dict_entries(ex: Any, disp: Dispatch, value: ast.Dict, scope: Any) -> None:
    for k, v in zip(value.keys, value.values):
        if k is None:
            continue
        s, r = ex.name_of(k, scope)
        key = s if s is not None else (f"ref:{r}" if r else None)
        fn = ex.resolve_func_expr(v, scope) if key is not None else None
        if fn is not None:
            disp.add(key, fn)


def branch_calls(disp: Dispatch, key: str) -> tuple[list[ast.Call], list[Any]]:
    """The calls that run for tool `key` in this handler (shared code and its branch) and the
    functions its branch is (dict dispatch)."""
    parts = disp.branches.get(key, [])
    calls = [n for n in walk_own(disp.handler.node.body, disp.skip) if isinstance(n, ast.Call)]
    fns = []
    for part in parts:
        if isinstance(part, list):
            calls += [n for n in walk_own(part) if isinstance(n, ast.Call)]
        else:
            fns.append(part)
    return calls, fns


def input_reads(disp: Dispatch, key: str) -> set[tuple[str, ...]]:
    """The key paths tool `key`'s code in this handler reads from the model's input (the handler's
    parameter after the name; a function its branch is: that function's first parameter)."""
    fn = disp.handler.node
    named = name_params(fn)
    params = [x.arg for x in fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs
              if x.arg not in _CTX_PARAMS and x.arg not in named]
    out: set[tuple[str, ...]] = set()
    if params:
        roots = {params[0]: ()}
        shared = list(walk_own(fn.body, disp.skip))
        for part in disp.branches.get(key, []):
            if isinstance(part, list):
                out |= arg_reads.read_paths(shared + list(walk_own(part)), roots)
        out |= arg_reads.read_paths(shared, roots)
    for part in disp.branches.get(key, []):
        if not isinstance(part, list) and getattr(part, "node", None) is not None:
            own = [x.arg for x in part.node.args.posonlyargs + part.node.args.args if x.arg not in _CTX_PARAMS]
            if own:
                out |= arg_reads.read_paths(walk_own(part.node.body), {own[0]: ()})
    return out


def methods_on_entry(fn: ast.FunctionDef | ast.AsyncFunctionDef, coll: str) -> set[str]:
    """Methods a call handler calls on the entry it looks up in the collection `coll`
    (`tool = TOOLS[name]` or `TOOLS.get(name)`, then `tool.execute(arguments)`; or
    `TOOLS[name].execute(...)` directly): what runs for each listed object."""
    def entry(e) -> bool:
        if isinstance(e, ast.Await):
            e = e.value
        if isinstance(e, ast.Subscript):
            return isinstance(e.value, ast.Name) and e.value.id == coll
        return (isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute) and e.func.attr == "get"
                and isinstance(e.func.value, ast.Name) and e.func.value.id == coll)

    bound = {t.id for st in walk_own(fn.body) if isinstance(st, ast.Assign) and entry(st.value)
             for t in st.targets if isinstance(t, ast.Name)}
    out = set()
    for node in walk_own(fn.body):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            recv = node.func.value
            if (isinstance(recv, ast.Name) and recv.id in bound) or entry(recv):
                out.add(node.func.attr)
    return out
