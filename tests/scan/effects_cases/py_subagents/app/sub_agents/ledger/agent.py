from google.adk.agents import Agent

from . import tools

# expect: name=record_entry mutating=true
ledger_agent = Agent(name="ledger_agent", model="gemini-2.0-flash", tools=[tools.record_entry])
