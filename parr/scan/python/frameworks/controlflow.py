"""ControlFlow (`controlflow`) and Marvin 3 (`marvin`): functions and `@cf.tool` tools in `tools=[...]`.

What the model sees (controlflow/tools/tools.py, tasks/task.py, agents/agent.py of the 0.12.1 wheel; marvin 3.2.7's
agents/agent.py and tasks/task.py): `cf.Task(objective, tools=[...])`, `cf.Agent(tools=[...])`, `cf.run(...,
tools=[...])` and `@cf.flow(tools=[...])` (Marvin: `marvin.Agent`, `marvin.Task`, `marvin.run`) hand the model each
function as `Tool.from_function`: named `name=` or after the function, described by `description=` or the
docstring, its parameters from the type hints; `@cf.tool(name=, description=)` makes one the same way. The
functions controlflow.tools ships (code.shell, code.python, filesystem.write, web.get_url, ...) are built-ins
imported by name: data generated from the wheel (controlflow_builtins). Not read: the completion tools each task
adds (`mark_task_<id>_successful`, named after a task id made at run time).
"""

from __future__ import annotations

from parr.scan.python.frameworks.spec import Builtin, Decorator, Framework

_CF = "controlflow"


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
    ),
    Framework(label="marvin", roots=("marvin",), style_prefix="marvin"),
)
