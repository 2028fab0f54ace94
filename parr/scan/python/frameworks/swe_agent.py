"""SWE-agent (`sweagent`): the commands its ToolConfig hands the model.

Bundle commands are declared in YAML (a bundle's config.yaml) and implemented by scripts: they are read
as data by parr.scan.python.swe_bundles. What code declares is the built-in command ToolConfig adds
before them, `bash` (sweagent/tools/commands.py BASH_COMMAND; `enable_bash_tool`, true by default):
a module-level `Command(name=..., signature=..., docstring=..., arguments=[Argument(...)])` of the
framework's own package, reported when the framework's repository is scanned. Its signature says what
runs: a signature that is one argument (`<command>`) makes the model's text the whole command line
the shell runs; any other names a program parr cannot see from here (taken as changing state).
"""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _const_str, _kw
from parr.scan.python.frameworks.spec import Builtin, Framework

_SWE = "swe-agent"
_COMMAND = "sweagent.tools.commands.Command"


def _arguments(ex, value) -> list | None:
    """[Argument(name=..., type=..., description=...), ...] as the judge's schema properties."""
    if value is None:
        return []
    if not isinstance(value, (ast.List, ast.Tuple)):
        return None
    props = []
    for el in value.elts:
        if not isinstance(el, ast.Call) or (ex.dotted(el.func) or "").rsplit(".", 1)[-1] != "Argument":
            return None
        name = _const_str(_kw(el, "name"))
        if name is None:
            return None
        props.append({"n": name, "t": _const_str(_kw(el, "type")), "d": _const_str(_kw(el, "description")),
                      "sub": _kw(el, "items") is not None})
    return props


def _builtin_commands(ex) -> None:
    """Module-level Command(...) objects of the framework's own package: its built-in commands."""
    if not ex.in_framework(_SWE):
        return
    for node in ex.tree.body:
        if not isinstance(node, (ast.Assign, ast.AnnAssign)) or not isinstance(node.value, ast.Call):
            continue
        call = node.value
        callee = ex.dotted(call.func) or ""
        if callee.rsplit(".", 1)[-1] != "Command":
            continue
        q = ex.qualify(callee) or ""
        if q != _COMMAND and not (callee == "Command" and ex.module.endswith("sweagent.tools.commands")):
            continue
        name = _const_str(_kw(call, "name"))
        if name is None:
            ex.unresolved_site(None, "", call.lineno, "SWE-agent command whose name parr cannot read",
                               text=f"{callee}(name=...)")
            continue
        sig = _const_str(_kw(call, "signature"))
        words = (sig or name).split()
        props = _arguments(ex, _kw(call, "arguments"))
        whole = bool(words) and len(words) == 1 and words[0].startswith("<") and words[0].endswith(">")
        b = Builtin(_SWE, name, caps=("shell",), mutating=True)
        ex.builtin_cand(b, call.lineno, "builtin_command", description=_const_str(_kw(call, "docstring")),
                        schema="json_schema", typed=False if whole else None,
                        extra={"jschema": {"props": props, "blob": False} if props is not None
                               else {"props": [], "open": True}})


FRAMEWORKS = (
    Framework(
        label=_SWE,
        roots=("sweagent",),
        style_prefix="swe_agent",
        file_hooks=(_builtin_commands,),
    ),
)
