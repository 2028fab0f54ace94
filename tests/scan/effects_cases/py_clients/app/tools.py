from agents import function_tool

from app.crm import crm
from app.store import OrderStore


# expect: name=ticket_outcome mutating=true caps=-
@function_tool
def ticket_outcome(case_id: str, resolution: str) -> str:
    """The ticket's outcome."""
    crm.settle(case_id, resolution)
    return "ok"


# expect: name=ticket_details mutating=false caps=-
@function_tool
def ticket_details(case_id: str) -> dict:
    """One ticket."""
    return crm.case(case_id)


# expect: name=order_progress mutating=true typed=true caps=-
@function_tool
def order_progress(order_id: int, state: str) -> str:
    """An order's state."""
    store = OrderStore()
    store.mark(order_id, state)
    return state


# expect: name=find_order mutating=false typed=true caps=-
@function_tool
def find_order(order_id: int) -> tuple:
    """One order."""
    store = OrderStore()
    return store.find(order_id)
