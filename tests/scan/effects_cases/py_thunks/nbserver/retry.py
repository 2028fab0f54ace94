import asyncio


async def with_reconnect(operation, attempts: int = 3):
    """Runs an operation again when the kernel connection drops."""
    for attempt in range(attempts):
        try:
            return await operation()
        except ConnectionError:
            await asyncio.sleep(1 + attempt)
    raise RuntimeError("connection lost")
