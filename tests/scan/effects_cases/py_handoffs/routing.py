from langchain_core.tools import tool
from langchain_openai import ChatOpenAI
from pydantic import BaseModel, Field

HANDOFF = "Passing you to the {agent_name}."


# expect: name=transfer_to_billing mutating=false
@tool
def transfer_to_billing() -> str:
    """Use for invoices and plans."""
    return HANDOFF.format(agent_name="Billing Agent")


# expect: name=transfer_back_to_triage mutating=false
@tool
def transfer_back_to_triage() -> str:
    """Call this if the topic is outside your purview."""
    return HANDOFF.format(agent_name="Triage Agent")


# expect: name=transfer_to_savings mutating=true
@tool
def transfer_to_savings(account_id: str, amount: float) -> str:
    """A stub: money moves to an account (it takes what to move)."""
    return f"Moved {amount} to savings of {account_id}."


# expect: name=transfer_funds_to_agent mutating=true
@tool
def transfer_funds_to_agent(agent_id: str, amount: float) -> str:
    """Transfer funds to the travel agent."""
    return f"Sent {amount} to {agent_id}."


# expect: name=escalate_to_human mutating=true
@tool
def escalate_to_human(summary: str) -> str:
    """Escalating to a person notifies someone: not a hand-off between models."""
    print(f"Escalation: {summary}")
    return "escalated"


# expect: name=escalate_to_human_agent mutating=true
@tool
def escalate_to_human_agent() -> str:
    """A person is an agent too: handing over to one notifies someone."""
    return "A live agent will join."


# expect: name=handoff_note mutating=true
@tool
def handoff_note(note: str) -> str:
    """Sends the conversation to a live agent with a note."""
    return "queued"


# expect: name=escalate_to_tier_two mutating=true
@tool
def escalate_to_tier_two() -> str:
    """Names no agent: an escalation of the case, not a hand-off between models."""
    return "Escalated."


class ToRefundAssistant(BaseModel):
    """Transfer work to the refund assistant."""

    request: str = Field(description="What the refund assistant should know.")


class DoneOrEscalate(BaseModel):
    """Mark the task done and/or escalate control of the dialog to the main assistant."""

    cancel: bool = True
    reason: str


class SendPayout(BaseModel):
    """Transfer $50 to the assistant's wallet."""

    wallet: str


llm = ChatOpenAI(model="gpt-4o")
# expect: name=ToRefundAssistant mutating=false
# expect: name=DoneOrEscalate mutating=false
# expect: name=SendPayout mutating=true
runnable = llm.bind_tools([transfer_to_billing, transfer_back_to_triage, transfer_to_savings, transfer_funds_to_agent,
                           escalate_to_human, escalate_to_human_agent, handoff_note, escalate_to_tier_two, ToRefundAssistant, DoneOrEscalate, SendPayout])
