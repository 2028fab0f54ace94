import logging

from google.adk.agents import Agent
from google.adk.tools import ToolContext

logger = logging.getLogger(__name__)


# expect: name=store_state_tool mutating=false typed=false
def store_state_tool(state: dict, tool_context: ToolContext) -> dict:
    """Stores new state values in the ToolContext."""
    logger.info("store_state_tool(): %s", state)
    tool_context.state.update(state)
    return {"status": "ok"}


# expect: name=cancel_booking mutating=true
def cancel_booking(booking_id: str, tool_context: ToolContext) -> dict:
    """A stub that notes the cancellation in the state stands for the cancellation."""
    tool_context.state["cancelled"] = booking_id
    return {"status": "ok"}


# expect: name=save_context_vars mutating=true
def save_context_vars(values: str, tool_context: ToolContext) -> dict:
    """Writes the state and a file: more than the framework's state."""
    tool_context.state["values"] = values
    with open("vars.txt", "w") as f:
        f.write(values)
    return {"status": "ok"}


root_agent = Agent(name="stateful", model="gemini-2.0-flash", tools=[store_state_tool, cancel_booking, save_context_vars])
