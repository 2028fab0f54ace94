import sqlite3

from strands import tool


# expect: name=tasks_due mutating=false typed=true caps=-
@tool
def tasks_due(day: str) -> list:
    """Tasks due on a day."""
    conn = sqlite3.connect("planner.db")
    cur = conn.cursor()
    # makes sure the table is there, then only reads
    cur.execute(
        """
        CREATE TABLE IF NOT EXISTS tasks (title TEXT, due TEXT)
        """
    )
    cur.execute("SELECT title FROM tasks WHERE due LIKE ?", (day + "%",))
    return cur.fetchall()
