from typing import Any, Optional

from agents import function_tool


# A list of free-form objects says no more than one free-form object.
# expect: name=modify_cart mutating=true typed=false caps=-
@function_tool
def modify_cart(customer_id: str, items_to_add: list[dict], items_to_remove: Optional[list[Any]] = None) -> dict:
    """Modifies the customer's cart."""
    return {"status": "ok"}


# expect: name=set_quantities mutating=true typed=true caps=-
@function_tool
def set_quantities(customer_id: str, quantities: list[dict[str, int]], tags: tuple[str, ...] = ()) -> dict:
    """Sets the quantities of products in the customer's cart."""
    return {"status": "ok"}
