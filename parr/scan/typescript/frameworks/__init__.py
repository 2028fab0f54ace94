"""The TypeScript/JavaScript framework families parr knows, one module each, and lookups over them."""

from __future__ import annotations

from parr.scan.typescript.frameworks import (
    agent_kit, ai_sdk, anthropic, assistant_ui, beeai, cloudflare, composio, copilotkit, elizaos, eve, fastmcp, genkit,
    google_genai, kaibanjs, langchain, langgraph_js, llamaindex, mastra, mcp, mcp_use, openai, openai_agents, openclaw, opencode,
    tarko, voltagent,
)
from parr.scan.typescript.frameworks.spec import Builtin, Factory, FrameworkSpec, Handoff, Registration

# Families an import identifies (opencode's tool() is told apart from the AI SDK's by its callee); LangGraph.js's
# hand-off packages come before LangChain.js, whose `@langchain/` prefix would claim them.
FAMILIES: tuple[FrameworkSpec, ...] = (
    mcp.SPEC, openai_agents.SPEC, langgraph_js.SPEC, langchain.SPEC, voltagent.SPEC, mastra.SPEC, ai_sdk.SPEC, cloudflare.SPEC,
    google_genai.SPEC, anthropic.SPEC, openai.SPEC, openclaw.SPEC, agent_kit.SPEC, copilotkit.SPEC,
    assistant_ui.SPEC, composio.SPEC, fastmcp.SPEC, eve.SPEC, beeai.SPEC, kaibanjs.SPEC, genkit.SPEC, llamaindex.SPEC,
    mcp_use.SPEC,
    elizaos.SPEC, tarko.SPEC,
)
ALL: tuple[FrameworkSpec, ...] = FAMILIES + (opencode.SPEC,)
BY_ID: dict[str, FrameworkSpec] = {spec.id: spec for spec in ALL}


_FAMILY_OF: dict[str, str | None] = {}  # module -> family: asked again for every import of every file


def framework_of(module: str | None) -> str | None:
    """The family an imported module belongs to, or None for a package parr does not know."""
    if not module:
        return None
    if module in _FAMILY_OF:
        return _FAMILY_OF[module]
    found = next((spec.id for spec in FAMILIES if spec.owns(module)), None)
    if len(_FAMILY_OF) < 50_000:
        _FAMILY_OF[module] = found
    return found


__all__ = ["ALL", "BY_ID", "FAMILIES", "Builtin", "Factory", "FrameworkSpec", "Handoff", "Registration",
           "framework_of"]
