"""Upsonic (`upsonic`): what `Task(tools=[...])` and `Agent(tools=[...])` hand the model.
From upsonic/tools/normalizer.py (ToolNormalizer.normalize): a function or bound method is one tool
named by its `__name__`; a ToolKit is read by its own rules; an object of any other class (or the class
itself, instantiated) goes through `_process_class_tools`, which makes every public bound method a tool
(`inspect.getmembers(instance, inspect.ismethod)`, names not starting with "_"), whatever the class
enables elsewhere. Built-in classes of that kind (upsonic.tools.common_tools.YFinanceTools) are data
generated from the wheel (upsonic_builtins.py): all their public methods, always."""

from __future__ import annotations

from parr.scan.python.frameworks.spec import Builtin, ConfiguredToolkit, FlaggedTool, Framework

_UP = "upsonic"


def _kits() -> dict[str, ConfiguredToolkit]:
    from parr.scan.python.frameworks.upsonic_builtins import OBJECT_TOOLS
    return {cls: ConfiguredToolkit(tools=tuple(
        FlaggedTool(Builtin(_UP, name, mutating=mutating, typed=typed, schema="type_hints", judged=True))
        for name, mutating, typed in tools)) for cls, tools in OBJECT_TOOLS.items()}


FRAMEWORKS = (Framework(label=_UP, roots=("upsonic",), object_methods_style="upsonic.object_method",
                        configured_toolkits={"upsonic": _kits()}),)
