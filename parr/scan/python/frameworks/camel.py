"""CAMEL: FunctionTool(func) and toolkits handing out methods from get_tools()."""

from __future__ import annotations

from parr.scan.python.frameworks.spec import Factory, Framework

FRAMEWORKS = (
    Framework(
        label="camel",
        roots=("camel",),
        factories=(Factory("FunctionTool", "camel", "camel.FunctionTool"),),
    ),
)
