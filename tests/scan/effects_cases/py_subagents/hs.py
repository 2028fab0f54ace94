from haystack.components.agents import Agent
from haystack.components.generators.chat import OpenAIChatGenerator
from haystack.tools import ComponentTool, tool


# expect: name=file_ticket mutating=true
@tool
def file_ticket(title: str) -> str:
    """Files a ticket in the tracker."""
    with open("tickets.txt", "a") as f:
        f.write(title + "\n")
    return "filed"


ticket_agent = Agent(chat_generator=OpenAIChatGenerator(), tools=[file_ticket])

# expect: name=support_desk mutating=true
desk_tool = ComponentTool(component=ticket_agent, name="support_desk", description="Answers support questions.")

main_agent = Agent(chat_generator=OpenAIChatGenerator(), tools=[desk_tool])
