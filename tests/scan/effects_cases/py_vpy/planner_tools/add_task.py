import sqlite3

from strands import tool


# expect: name=add_task mutating=true typed=true caps=-
@tool
def add_task(title: str, due: str) -> str:
    """Add a task to the planner."""
    conn = sqlite3.connect("planner.db")
    cur = conn.cursor()
    cur.execute("CREATE TABLE IF NOT EXISTS tasks (title TEXT, due TEXT)")
    cur.execute("INSERT INTO tasks (title, due) VALUES (?, ?)", (title, due))
    conn.commit()
    return "added"
