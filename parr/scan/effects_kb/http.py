"""HTTP clients and the methods that write (whether a call is broad depends on who picks the URL)."""

from __future__ import annotations

PY_HTTP_ROOTS = frozenset({"requests", "httpx", "aiohttp", "urllib3", "treq"})
PY_HTTP_WRITE = frozenset({"post", "put", "patch", "delete"})
PY_HTTP_READ = frozenset({"get", "head", "options"})
TS_HTTP_WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
