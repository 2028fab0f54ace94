"""ControlFlow (`controlflow`) and Marvin 3 (`marvin`): functions and `@cf.tool` tools in `tools=[...]`.

What the model sees (controlflow/tools/tools.py, tasks/task.py, agents/agent.py of the 0.12.1 wheel; marvin 3.2.7's
agents/agent.py and tasks/task.py): `cf.Task(objective, tools=[...])`, `cf.Agent(tools=[...])`, `cf.run(...,
tools=[...])` and `@cf.flow(tools=[...])` (Marvin: `marvin.Agent`, `marvin.Task`, `marvin.run`) hand the model each
function as `Tool.from_function`: named `name=` or after the function, described by `description=` or the
docstring, its parameters from the type hints; `@cf.tool(name=, description=)` makes one the same way. The
functions controlflow.tools ships (code.shell, code.python, filesystem.write, web.get_url, ...) are built-ins
imported by name: data generated from the wheel (controlflow_builtins). A Task or Agent also gets a tool to ask
the person at the terminal with `interactive=True` (ControlFlow's `cli_input`; Marvin's Task `cli=True`: `cli`),
and three per memory of `memories=[Memory(key="notes")]` (store_memory_notes, delete_memory_notes,
search_memories_notes; Marvin: add_memory__notes, delete_memory__notes, search_memories__notes; a key parr cannot
read is a site). Not read: the completion tools each task adds (`mark_task_<id>_successful`, named after a task id
made at run time).
"""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _const_str, _kw
from parr.scan.python.frameworks.spec import Builtin, Decorator, Framework

_CF = "controlflow"
_MV = "marvin"
# The tool a Task (or Agent) adds for the person at the terminal: (keyword that enables it, tool). ControlFlow's is
# its built-in cli_input, as the generated data judges it.
_ASK_KW = {_CF: "interactive", _MV: "cli"}
_MARVIN_CLI = Builtin(_MV, "cli", typed=True, description="Asks the person at the terminal (Marvin's own tool).")
# The tools one memory gives, by name format of its key: (format, mutating).
_MEMORY = {
    _CF: (("store_memory_{}", True), ("delete_memory_{}", True), ("search_memories_{}", False)),
    _MV: (("add_memory__{}", True), ("delete_memory__{}", True), ("search_memories__{}", False)),
}


def _memories(ex, value, fw: str, line: int) -> None:
    """memories=[Memory(key="notes"), notes]: three tools per memory, named after its key."""
    elts = value.elts if isinstance(value, (ast.List, ast.Tuple)) else [value]
    for e in elts:
        if isinstance(e, ast.Name):
            bound = ex.module_scope.assigns.get(e.id)
            e = bound if isinstance(bound, ast.Call) else e
        key = _const_str(_kw(e, "key")) if isinstance(e, ast.Call) else None
        if key is None:
            ex.unresolved_site(None, "", line, "memory tools named after a key parr cannot read",
                               text="memories=[...]")
            continue
        for fmt, mutating in _MEMORY[fw]:
            ex.builtin_cand(Builtin(fw, fmt.format(key), mutating=mutating, typed=True), line, "memory_tool")


def _tasks(ex) -> None:
    """Task(...)/Agent(...) of ControlFlow or Marvin: the terminal tool and memory tools they add (the callee names are
    too common for call hooks: as prefilter words they would send most files of a large tree to a full parse)."""
    for node in ast.walk(ex.tree):
        if not isinstance(node, ast.Call):
            continue
        dotted = ex.dotted(node.func) or ""
        fw = ex.fw_of_qual(ex.qualify(dotted))
        if dotted.rsplit(".", 1)[-1] not in ("Task", "Agent") or fw not in (_CF, _MV):
            continue
        ask = _builtins()["cli_input"] if fw == _CF else _MARVIN_CLI
        enabled = _kw(node, _ASK_KW[fw])
        if isinstance(enabled, ast.Constant) and enabled.value is True:
            ex.builtin_cand(ask, node.lineno, "ask_tool")
        memories = _kw(node, "memories")
        if memories is not None:
            _memories(ex, memories, fw, node.lineno)


def _builtins() -> dict[str, Builtin]:
    from parr.scan.python.frameworks.controlflow_builtins import BUILTINS

    return {name: Builtin(_CF, name, mutating=mutating, typed=typed, schema="type_hints", judged=True)
            for name, (mutating, typed) in BUILTINS.items()}


FRAMEWORKS = (
    Framework(
        label=_CF,
        roots=("controlflow",),
        style_prefix="controlflow",
        decorators=(Decorator("tool", "controlflow.tool", receiver="any"),),
        builtin_instances=_builtins(),
        file_hooks=(_tasks,),
        # a file that gives tools only through these still needs a full parse (specific enough to cost nothing)
        words=("interactive=True", "memories=["),
    ),
    Framework(label=_MV, roots=("marvin",), style_prefix="marvin", file_hooks=(_tasks,), words=("cli=True",)),
)
