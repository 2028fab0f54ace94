"""VoltAgent (`@voltagent/*`): createTool({ name, description, parameters, execute }), new Tool(...)."""

from parr.scan.typescript.frameworks.spec import Factory, FrameworkSpec

SPEC = FrameworkSpec(
    id="voltagent",
    prefixes=("@voltagent/",),
    factories=(
        Factory("createTool", "voltagent.createTool", name_keys=("name", "id"), schema_keys=("parameters", "inputSchema"),
                named_by_place=True),
        Factory("Tool", "voltagent.Tool", name_keys=("name", "id"), schema_keys=("parameters", "inputSchema"),
                named_by_place=True,
                hook=lambda det, new, args, fw, cls: det._create_tool(new, args, "voltagent", style="voltagent.Tool")),
    ),
)
