"""MetaGPT (`metagpt`): `@register_tool(tags=[...], include_functions=[...])` on a function or a class.

What the model sees (metagpt/tools/tool_registry.py and tool_convert.py of the 0.8.2 wheel): the decorator
registers the object under its `__name__` in the global TOOL_REGISTRY; a role given tools by name or tag
(DataInterpreter(tools=["<all>"]), RoleZero) shows the model each one's schema, made from the code: a function's
signature and docstring; a class's docstring and, per method, its signature and docstring: every public method
(and only those in `include_functions=` when it is given), its own or inherited, that has a docstring somewhere in
the class hierarchy. The model then writes code (or a RoleZero command named `Class.method`) calling them: a
function is the tool named after it, a class one tool per shown method, named `<Class>.<method>`. A role's
`tools=[...]` names registered tools ("<all>", a name, "Name:m1,m2", a tag): MetaGPT's own (metagpt/tools/libs) are
data generated from the wheel (metagpt_builtins); the project's are reported where they are declared. A role's
actions (`set_actions`) are steps the role runs, not tools.
"""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _const_str, _docstring, _kw
from parr.scan.python.frameworks.model_fields import class_chain
from parr.scan.python.frameworks.spec import Builtin, Framework

_MG = "metagpt"
_DECORATOR = "register_tool"


def _registration(ex, node) -> ast.expr | None:
    """The @register_tool(...) of a class or function, imported from MetaGPT (or the decorator itself when bare)."""
    for d in node.decorator_list:
        dotted = ex.dotted(d.func if isinstance(d, ast.Call) else d) or ""
        if dotted.rsplit(".", 1)[-1] == _DECORATOR and ex.fw_of_qual(ex.qualify(dotted)) == _MG:
            return d
    return None


def _included(d: ast.expr) -> set[str] | None:
    """The method names of include_functions=[...], None when not given (every public method)."""
    value = _kw(d, "include_functions") if isinstance(d, ast.Call) else None
    if not isinstance(value, (ast.List, ast.Tuple)):
        return None
    names = {_const_str(e) for e in value.elts}
    return {n for n in names if n}


def _doc_in_bases(ex, ci, method: str, seen: int = 0) -> bool:
    """A docstring for `method` on the class or a base of this file (get_class_method_docstring reads the MRO)."""
    fi = ci.methods.get(method)
    if fi is not None and _docstring(fi.node):
        return True
    for base in ci.bases:
        parent = ex._local_class(base, ci) if seen < 8 else None
        if parent is not None and _doc_in_bases(ex, parent, method, seen + 1):
            return True
    return False


def _tool_classes(ex) -> None:
    """Each registered class of this file: one tool per method the schema shows."""
    for ci in ex.classes:
        d = _registration(ex, ci.node)
        if d is None:
            continue
        ci.claimed = True
        include = _included(d)
        methods: dict = {}
        for c in class_chain(ex, ci):  # inspect.getmembers: inherited methods too, the nearest definition wins
            for name, fi in c.methods.items():
                methods.setdefault(name, fi)
        shown = 0
        for name, fi in methods.items():
            if name.startswith("_") or (include is not None and name not in include):
                continue
            if not _doc_in_bases(ex, ci, name):
                continue  # convert_code_to_tool_schema shows only methods with a docstring
            doc = _docstring(fi.node) or ""
            shown += ex._func_cand(fi, fi.scope, f"{ci.name}.{name}", None, _MG, "metagpt.register_tool_method",
                                   doc.strip().split("\n\n", 1)[0] or None, []) is not None
        if not shown and any(ex._local_class(b, c) is None for c in class_chain(ex, ci) for b in c.bases):
            # methods (or their docstrings) inherited from a class of another module: tools parr cannot name
            ex.unresolved_site(None, "", ci.node.lineno, "registered class whose methods come from another module",
                               text=f"@register_tool class {ci.name}")


def _tool_functions(ex) -> None:
    """Each registered function of this file: the tool named after it, described by its docstring. The
    decorator's name is too common to be a decorator rule of its own (a project's `@registry.register_tool`):
    read here, only where the import says MetaGPT, and no longer a site of an unknown decorator."""
    for fi in ex.funcs:
        if fi.cls is not None or _registration(ex, fi.node) is None:
            continue
        ex._func_cand(fi, fi.scope, fi.name, None, _MG, "metagpt.register_tool", _docstring(fi.node), [])
        ex.unresolved[:] = [s for s in ex.unresolved if not (
            s.get("line") == fi.node.lineno and s.get("reason") == "tool decorator parr does not know")]


def _picked(entry: str) -> list[tuple[str, bool, bool]]:
    """The built-in tools one entry of a role's tools=[...] names: "<all>", a registered name, "Name:m1,m2" (those
    methods), or a tag."""
    from parr.scan.python.frameworks.metagpt_builtins import TOOLS

    if entry == "<all>":
        return [t for _, tools in TOOLS.values() for t in tools]
    name, _, methods = entry.partition(":")
    if name in TOOLS:
        wanted = {m.strip() for m in methods.split(",") if m.strip()}
        return [t for t in TOOLS[name][1] if not wanted or t[0].split(".", 1)[-1] in wanted]
    return [t for tags, tools in TOOLS.values() if entry in tags for t in tools]


def _role_tools(ex) -> None:
    """A MetaGPT role given tools by name (`DataInterpreter(tools=["<all>"])`, `tools=["data preprocessing"]`): the
    built-in tools those names pick (metagpt_builtins, generated from the wheel). A name no built-in answers to is a
    tool the project registers, reported where it is declared."""
    if ex.in_framework(_MG):
        return
    for node in ast.walk(ex.tree):
        if not isinstance(node, ast.Call):
            continue
        value = _kw(node, "tools")
        if isinstance(value, ast.Name):
            bound = ex.module_scope.assigns.get(value.id)
            value = bound if isinstance(bound, (ast.List, ast.Tuple)) else value
        if not isinstance(value, (ast.List, ast.Tuple)) or ex.fw_of_qual(ex.qualify(ex.dotted(node.func) or "")) != _MG:
            continue
        seen: set[str] = set()
        for e in value.elts:
            entry = _const_str(e)
            for name, mutating, typed in _picked(entry) if entry else ():
                if name not in seen:
                    seen.add(name)
                    ex.builtin_cand(Builtin(_MG, name, mutating=mutating, typed=typed, schema="type_hints", judged=True),
                                    node.lineno, "builtin_tool")


FRAMEWORKS = (
    Framework(
        label=_MG,
        roots=("metagpt",),
        style_prefix="metagpt",
        file_hooks=(_tool_classes, _tool_functions, _role_tools),
        words=(_DECORATOR,),
    ),
)
