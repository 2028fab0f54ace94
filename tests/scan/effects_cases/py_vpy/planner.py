from strands import Agent, tool

from planner_tools import add_task, tasks_due


# A Strands agent is run by calling it; the agent is bound below the tool that runs it, and its
# tools are modules of the project (Strands loads a module's @tool functions).
# expect: name=planner_assistant mutating=true typed=false caps=-
@tool
def planner_assistant(query: str) -> str:
    """Planner assistant that manages tasks."""
    return str(planner(query))


planner = Agent(system_prompt="You plan.", tools=[add_task, tasks_due])
