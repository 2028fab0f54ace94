from agents import Agent, function_tool

sales_agent = Agent(name="Sales", instructions="Sell.")


# expect: name=switch_to_sales mutating=false
@function_tool
def switch_to_sales():
    """Hand the user over."""
    return sales_agent


# expect: name=start_sales_chat mutating=false
@function_tool
def start_sales_chat():
    """It returns an agent: the framework passes the conversation to it."""
    return Agent(name="Sales chat", instructions="Chat.")


# expect: name=refund_order mutating=true
@function_tool
def refund_order(order_id: str):
    """Returns an agent on one path only: a stub of a refund."""
    if order_id:
        return f"Refunded {order_id}"
    return sales_agent


triage = Agent(name="Triage", tools=[switch_to_sales, start_sales_chat, refund_order])
