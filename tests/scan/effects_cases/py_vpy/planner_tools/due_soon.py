import sqlite3

from strands import tool


# expect: name=due_soon mutating=false typed=true caps=-
@tool
def due_soon(day: str) -> list:
    """Tasks due before a day."""
    conn = sqlite3.connect("planner.db")
    cur = conn.cursor()
    cur.execute("SELECT title FROM tasks WHERE due < ?", (day,))
    return cur.fetchall()
