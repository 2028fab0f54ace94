"""Mastra (`@mastra/*`): createTool({ id, description, inputSchema, execute })."""

from parr.scan.typescript.frameworks.spec import Factory, FrameworkSpec

SPEC = FrameworkSpec(
    id="mastra",
    prefixes=("@mastra/",),
    # createTool imported from anywhere is read here (told apart from VoltAgent's by the import or by shape).
    factories=(Factory("createTool", "mastra.createTool", name_keys=("id", "name"),
                       schema_keys=("parameters", "inputSchema"), named_by_place=True,
                       hook=lambda det, call, args, fw, fname: det._create_tool(call, args, fw), read_for=("*",)),),
)
