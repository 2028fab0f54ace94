from google.adk.agents import Agent
from google.adk.tools.agent_tool import AgentTool

from .sub_agents import lookup_agent, writer_agent
from .tools import ask_coder, ask_ledger, ask_lookup

# a sub-agent with no tools stands for what its name and description say (a stub)
settle_payment = Agent(name="settle_payment", model="gemini-2.0-flash",
                       description="Charges the chosen payment method, completing the transaction.")
# reads only
summarizer = Agent(name="summarizer", model="gemini-2.0-flash", description="Summarizes text.")

# expect: name=ask_ledger mutating=true typed=false
# expect: name=ask_lookup mutating=false typed=false
# expect: name=ask_coder mutating=true typed=false
# expect: name=ledger_agent mutating=true typed=false
# expect: name=lookup_agent mutating=false typed=false
# expect: name=settle_payment mutating=true typed=false
# expect: name=summarizer mutating=false typed=false
root_agent = Agent(
    name="root",
    model="gemini-2.0-flash",
    tools=[ask_ledger, ask_lookup, ask_coder, AgentTool(agent=writer_agent), AgentTool(agent=lookup_agent),
           AgentTool(agent=settle_payment), AgentTool(agent=summarizer)],
)
