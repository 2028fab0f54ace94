import sqlite3


def record_entry(account: str, amount: float) -> str:
    """Adds a ledger line."""
    con = sqlite3.connect("ledger.db")
    con.execute("INSERT INTO ledger (account, amount) VALUES (?, ?)", (account, amount))
    con.commit()
    return "ok"
