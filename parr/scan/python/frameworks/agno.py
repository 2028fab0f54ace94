"""Agno (and its predecessor phidata): @tool, Toolkit classes registering their methods, Function(...)."""

from __future__ import annotations

from parr.scan.python.frameworks.spec import Decorator, Framework

# A Toolkit subclass hands its registered methods to the model.
TOOLKIT_BASES = frozenset({"Toolkit"})

FRAMEWORKS = (
    Framework(
        label="agno",
        roots=("agno", "phi"),
        decorators=(Decorator("tool", "agno.tool_decorator", receiver=None),),
    ),
)
