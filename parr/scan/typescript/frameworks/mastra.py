"""Mastra (`@mastra/*`): createTool({ id, description, inputSchema, execute })."""

from parr.scan.typescript.frameworks.spec import Factory, FrameworkSpec

SPEC = FrameworkSpec(
    id="mastra",
    prefixes=("@mastra/",),
    factories=(Factory("createTool", "mastra.createTool", name_keys=("id", "name"),
                       schema_keys=("parameters", "inputSchema"), named_by_place=True),),
)
