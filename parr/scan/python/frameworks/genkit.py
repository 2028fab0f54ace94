"""Firebase Genkit for Python (`genkit`): `@ai.tool()` on a function, `ai` being a `Genkit(...)` instance.

Genkit.tool(name=None, description=None) (py/packages/genkit/src/genkit/_ai/_aio.py) registers the function
with define_tool: named `name` or the function's name, described by `description` or the docstring, its
input schema inferred from the first parameter's type (a pydantic model, usually). Before 2026 the first
positional argument was the description (`tool(self, description, name=None)`), since then the name: a
positional argument is not read as the name, so either release keeps the function's name.
"""

from __future__ import annotations

from parr.scan.python.frameworks.spec import Decorator, Framework

FRAMEWORKS = (
    Framework(
        label="genkit",
        roots=("genkit",),
        style_prefix="genkit",
        decorators=(Decorator("tool", "genkit.tool", receiver="required", as_call=False,
                              receiver_classes=("Genkit",)),),
    ),
)
