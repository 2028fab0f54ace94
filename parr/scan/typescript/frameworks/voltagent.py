"""VoltAgent (`@voltagent/*`): createTool({ name, description, parameters, execute }), new Tool(...)."""

from parr.scan.typescript.frameworks.spec import Factory, FrameworkSpec


def _mastra():
    """mastra's module, which reads VoltAgent's config too (it imports this one)."""
    from parr.scan.typescript.frameworks import mastra

    return mastra

SPEC = FrameworkSpec(
    id="voltagent",
    prefixes=("@voltagent/",),
    factories=(
        Factory("createTool", "voltagent.createTool", name_keys=("name", "id"), schema_keys=("parameters", "inputSchema"),
                named_by_place=True),
        Factory("Tool", "voltagent.Tool", name_keys=("name", "id"), schema_keys=("parameters", "inputSchema"),
                named_by_place=True,
                hook=lambda det, new, args, fw, cls: _mastra().create_tool(det, new, args, "voltagent", style="voltagent.Tool")),
    ),
)
