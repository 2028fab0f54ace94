import redis
from agents import function_tool
from pymongo import MongoClient
from sqlalchemy.orm import Session
from supabase import create_client

supabase = create_client("https://x.supabase.co", "key")
cache = redis.Redis()
orders = MongoClient()["shop"]["orders"]


# expect: name=ticket_status mutating=true caps=-
@function_tool
def ticket_status(ticket_id: int, status: str) -> str:
    """The status of a ticket, recorded."""
    supabase.table("tickets").update({"status": status}).eq("id", ticket_id).execute()
    return status


# expect: name=get_ticket mutating=false caps=-
@function_tool
def get_ticket(ticket_id: int) -> dict:
    """One ticket."""
    return supabase.table("tickets").select("*").eq("id", ticket_id).execute().data[0]


# expect: name=remember_preference mutating=true caps=-
@function_tool
def remember_preference(user_id: str, value: str) -> str:
    """A user's preference."""
    cache.hset(f"prefs:{user_id}", "value", value)
    return "ok"


# expect: name=recent_items mutating=false caps=-
@function_tool
def recent_items(user_id: str) -> list:
    """Recently viewed items (read from the cache)."""
    items = []
    for raw in cache.lrange(f"recent:{user_id}", 0, 10):
        items.append(raw.decode())
    return items


# expect: name=order_note mutating=true caps=-
@function_tool
def order_note(order_id: str, note: str) -> str:
    """A note on an order."""
    orders.update_one({"_id": order_id}, {"$push": {"notes": note}})
    return "ok"


# expect: name=audit_entry mutating=true caps=-
@function_tool
def audit_entry(session: Session, text: str) -> str:
    """An audit entry."""
    session.add(AuditEntry(text=text))
    session.commit()
    return "ok"


class AuditEntry:
    def __init__(self, text: str) -> None:
        self.text = text


# expect: name=similar_tickets mutating=false caps=-
@function_tool
def similar_tickets(embedding: list[float]) -> list:
    """Tickets like this one (vector search in a database function)."""
    return supabase.rpc("match_tickets", {"query_embedding": embedding, "match_count": 5}).execute().data


# expect: name=loyalty_points mutating=true caps=-
@function_tool
def loyalty_points(customer_id: int, points: int) -> int:
    """A customer's loyalty points, topped up."""
    return supabase.rpc("award_points", {"customer": customer_id, "points": points}).execute().data
