class PlainDriver:
    """Runs whatever statement it is given, in a transaction it commits."""

    def __init__(self, pool):
        self.pool = pool

    async def run(self, statement: str, args=None, read_only: bool = False):
        async with self.pool.connection() as conn:
            return await self._on(conn, statement, args, read_only)

    async def _on(self, conn, statement, args, read_only):
        async with conn.cursor() as cur:
            if read_only:
                await cur.execute("BEGIN TRANSACTION READ ONLY")
            await cur.execute(statement, args)
            rows = await cur.fetchall()
            await cur.execute("ROLLBACK" if read_only else "COMMIT")
            return rows


class GuardedDriver:
    """Wraps a PlainDriver it is handed (declared by its parameter) and tags every statement."""

    def __init__(self, inner: PlainDriver, timeout: float = 30):
        self.inner = inner
        self.timeout = timeout

    async def run(self, statement: str, args=None, read_only: bool = True):
        if not statement.lstrip().lower().startswith(("select", "with")):
            raise ValueError("only reads are allowed")
        return await self.inner.run(f"/* guarded */ {statement}", args=args, read_only=True)
