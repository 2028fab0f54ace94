from google.adk.tools import ToolContext
from google.adk.tools.agent_tool import AgentTool

from .sub_agents import lookup_agent, writer_agent
from .sub_agents.coder.agent import coder_agent


# expect: name=ask_ledger mutating=true typed=false
async def ask_ledger(question: str, tool_context: ToolContext):
    """Tool to call the ledger agent (its tool writes)."""
    agent_tool = AgentTool(agent=writer_agent)
    return await agent_tool.run_async(args={"request": question}, tool_context=tool_context)


# expect: name=ask_lookup mutating=false typed=false
async def ask_lookup(question: str, tool_context: ToolContext):
    """Tool to call the lookup agent (its tool only reads)."""
    chosen = lookup_agent if question else None
    agent_tool = AgentTool(agent=chosen)
    return await agent_tool.run_async(args={"request": question}, tool_context=tool_context)


# expect: name=ask_coder mutating=true typed=false
async def ask_coder(question: str, tool_context: ToolContext):
    """Tool to call the coding agent (it runs code the model writes)."""
    agent_tool = AgentTool(agent=coder_agent)
    return await agent_tool.run_async(args={"request": question}, tool_context=tool_context)
