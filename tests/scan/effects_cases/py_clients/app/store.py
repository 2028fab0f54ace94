"""Orders kept in Postgres."""

import psycopg


class OrderStore:
    def __init__(self) -> None:
        self.conn = psycopg.connect("dbname=shop")

    def mark(self, order_id: int, state: str) -> None:
        with self.conn.cursor() as cur:
            cur.execute("UPDATE orders SET state = %s WHERE id = %s", (state, order_id))
        self.conn.commit()

    def find(self, order_id: int) -> tuple:
        with self.conn.cursor() as cur:
            cur.execute("SELECT * FROM orders WHERE id = %s", (order_id,))
            return cur.fetchone()
