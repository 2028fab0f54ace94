"""Inngest AgentKit (`@inngest/agent-kit`): createTool({ name, description, parameters, handler }).

The handler is called as handler(input, { agent, network, step }). `network.state` (`kv.set`, `data.x = ...`)
is the network's own in-process state that routers and other agents read: writing it is not a change in the
world (see effects.framework_state_only).
"""

from __future__ import annotations

from parr.scan.typescript.frameworks.spec import Factory, FrameworkSpec


def _mastra():
    """mastra's module, whose createTool reader tells the three createTool families apart."""
    from parr.scan.typescript.frameworks import mastra

    return mastra


SPEC = FrameworkSpec(
    id="inngest-agent-kit",
    packages=("@inngest/agent-kit",),
    prefixes=("@inngest/agent-kit/",),
    factories=(Factory("createTool", "agent_kit.createTool", name_keys=("name",), schema_keys=("parameters",),
                       handler_keys=("handler",), no_schema_means_no_params=True,  # `t.parameters && ...`
                       hook=lambda det, call, args, fw, fname: _mastra().create_tool(det, call, args, fw)),),
    context_keys=("tools",),
    runtime_tool_keys=("mcpServers",),
    agent_factories=("createAgent", "createRoutingAgent"),
)
# Member paths, from a handler's parameter or a key of one, that lead into the framework's own state
# (`network.state.kv.set(...)`, `opts.network.state.data.plan = ...`), and the framework's durable-step
# object (`step.run("name", fn)` runs fn, whose body is part of the handler's).
STATE_PATHS = (("network", "state"),)
STEP_KEYS = ("step",)
# Step methods that run a function of the body's own or wait (`sendEvent`/`invoke` start other work: not here).
STEP_METHODS = frozenset({"run", "wrap", "infer", "sleep", "sleepUntil", "waitForEvent"})
