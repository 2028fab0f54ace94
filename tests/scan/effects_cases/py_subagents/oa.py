import os

from agents import Agent, Runner, function_tool


@function_tool
def delete_note(note_id: str) -> str:
    """Removes a note file."""
    os.remove(f"notes/{note_id}.md")
    return "deleted"


@function_tool
def read_note(note_id: str) -> str:
    """Reads a note file."""
    with open(f"notes/{note_id}.md") as f:
        return f.read()


notes_agent = Agent(name="Notes", tools=[delete_note])
summary_agent = Agent(name="Summary", instructions="Summarize.", output_type=str)
reader_agent = Agent(name="Reader", tools=[read_note])


# expect: name=ask_notes mutating=true
@function_tool
async def ask_notes(question: str) -> str:
    """Answers questions about notes (the agent it runs can delete them)."""
    result = await Runner.run(notes_agent, question)
    return result.final_output


# expect: name=delete_note mutating=true
# expect: name=read_note mutating=false
# expect: name=ask_notes mutating=true
# expect: name=notes_expert mutating=true typed=false
# expect: name=reader_expert mutating=false typed=false
# expect: name=summary_expert mutating=false typed=false
orchestrator = Agent(
    name="Orchestrator",
    tools=[delete_note, read_note, ask_notes,
           notes_agent.as_tool(tool_name="notes_expert", tool_description="Answers questions about notes."),
           reader_agent.as_tool(tool_name="reader_expert", tool_description="Answers questions about notes."),
           summary_agent.as_tool(tool_name="summary_expert", tool_description="Use to get a short write-up of a note.")],
)
