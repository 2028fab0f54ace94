"""Tarko (`@tarko/agent`, `@tarko/mcp-agent`, `@tarko/agent-interface`; formerly `@multimodal/agent`), the agent
framework under Agent TARS: `new Tool({ id, description, parameters, function })`.

The Tool class (agent-interface `tool.ts`) takes the name the model sees from `id`, its input schema from
`parameters` (a zod object or a JSON schema) and runs `function(args)` when the model calls it; an agent's
`tools: [...]` option or `agent.registerTool(tool)` hands it to the model.
"""

from __future__ import annotations

from parr.scan.typescript.frameworks.spec import Factory, FrameworkSpec

_ID = "tarko"

SPEC = FrameworkSpec(
    id=_ID,
    packages=("@multimodal/agent", "@multimodal/mcp-agent", "@multimodal/agent-interface"),
    prefixes=("@tarko/",),
    factories=(Factory("Tool", "tarko.Tool", name_keys=("id",), schema_keys=("parameters",),
                       handler_keys=("function",),
                       hook=lambda det, new, args, fw, cls: det._factory_tool(new, args, SPEC, SPEC.factory("Tool"))),),
    context_keys=("tools",),
    runtime_tool_keys=("mcpServers",),
)
