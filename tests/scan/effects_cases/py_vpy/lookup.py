from strands import Agent, tool

from planner_tools import due_soon


# Trap: the agent it calls only reads.
# expect: name=lookup_assistant mutating=false typed=true caps=-
@tool
def lookup_assistant(query: str) -> str:
    """Assistant that looks tasks up."""
    return str(looker(query))


looker = Agent(system_prompt="You look things up.", tools=[due_soon])
