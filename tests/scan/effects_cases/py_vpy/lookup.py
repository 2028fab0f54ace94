from strands import Agent, tool

from planner_tools import due_soon


# Trap: the agent it calls (bound in a try block) only reads.
# expect: name=lookup_assistant mutating=false typed=false caps=-
@tool
def lookup_assistant(query: str) -> str:
    """Assistant that looks tasks up."""
    return str(looker(query))


try:
    looker = Agent(system_prompt="You look things up.", tools=[due_soon])
except Exception as e:
    raise SystemExit(str(e))
