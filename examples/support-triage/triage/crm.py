"""Thin async clients for the two systems the agent touches: the CRM (cases) and KB search.

Both go through the same guarded request path: a per-dependency rate limit, a circuit breaker,
bounded retries with exponential backoff and jitter, and an idempotency key on every write so
that a retried write never lands twice.
"""

from __future__ import annotations

import asyncio
import random
import time
import uuid
from typing import Any, Literal

import httpx
from aiolimiter import AsyncLimiter
from pydantic import BaseModel

from triage.config import Limits, Settings

Priority = Literal["P1", "P2", "P3", "P4"]
RETRYABLE_STATUS = frozenset({429, 502, 503, 504})


class DependencyUnavailable(RuntimeError):
    """The breaker is open or retries ran out; the run should hand the case to a human."""


class Case(BaseModel):
    id: str
    subject: str
    status: Literal["new", "open", "pending", "solved"]
    priority: Priority
    queue: str
    product_area: str | None = None
    requester_tier: Literal["free", "pro", "enterprise"]
    created_at: str
    last_customer_message: str


class KbHit(BaseModel):
    doc_id: str
    title: str
    score: float
    snippet: str


class CircuitBreaker:
    """Opens after `failures` consecutive failures; lets one probe through after `reset_seconds`."""

    def __init__(self, name: str, failures: int, reset_seconds: float) -> None:
        self.name = name
        self._threshold = failures
        self._reset = reset_seconds
        self._failures = 0
        self._opened_at: float | None = None

    def before_call(self) -> None:
        if self._opened_at is None:
            return
        if time.monotonic() - self._opened_at < self._reset:
            raise DependencyUnavailable(f"{self.name}: circuit open")
        self._opened_at = None  # half-open: one probe

    def record(self, ok: bool) -> None:
        if ok:
            self._failures = 0
            return
        self._failures += 1
        if self._failures >= self._threshold:
            self._opened_at = time.monotonic()


class _GuardedClient:
    def __init__(self, name: str, base_url: str, headers: dict[str, str], per_minute: int, limits: Limits) -> None:
        self._http = httpx.AsyncClient(
            base_url=base_url,
            headers=headers,
            timeout=httpx.Timeout(limits.tool_call_seconds, connect=3.0),
        )
        self._limiter = AsyncLimiter(per_minute, 60)
        self._breaker = CircuitBreaker(name, limits.breaker_failures, limits.breaker_reset_seconds)
        self._limits = limits
        self.name = name

    async def request(self, method: str, path: str, *, json: Any = None, params: dict[str, Any] | None = None) -> Any:
        headers = {"Idempotency-Key": str(uuid.uuid4())} if method in ("POST", "PATCH", "PUT") else {}
        attempt = 0
        while True:
            self._breaker.before_call()
            try:
                async with self._limiter:
                    response = await self._http.request(method, path, json=json, params=params, headers=headers)
                if response.status_code not in RETRYABLE_STATUS:
                    response.raise_for_status()
                    self._breaker.record(ok=True)
                    return response.json()
            except httpx.TransportError:
                pass
            self._breaker.record(ok=False)
            attempt += 1
            if attempt > self._limits.max_retries:
                raise DependencyUnavailable(f"{self.name}: gave up after {attempt} attempts")
            delay = self._limits.backoff_base_seconds * 2 ** (attempt - 1)
            await asyncio.sleep(delay + random.uniform(0, delay / 2))

    async def aclose(self) -> None:
        await self._http.aclose()


class CrmClient(_GuardedClient):
    """The subset of the CRM's REST API the agent is allowed to use (role svc-support-triage)."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(
            "crm-api",
            settings.crm_base_url,
            {"Authorization": f"Bearer {settings.crm_token}", "X-Actor": "agent:support-triage"},
            settings.limits.crm_requests_per_minute,
            settings.limits,
        )

    async def get_case(self, case_id: str) -> Case:
        return Case.model_validate(await self.request("GET", f"/v2/cases/{case_id}"))

    async def update_priority(self, case_id: str, priority: Priority, reason: str) -> Case:
        body = {"priority": priority, "audit": {"reason": reason, "actor": "agent:support-triage"}}
        return Case.model_validate(await self.request("PATCH", f"/v2/cases/{case_id}", json=body))

    async def add_internal_note(self, case_id: str, body: str) -> str:
        created = await self.request("POST", f"/v2/cases/{case_id}/notes", json={"body": body, "visibility": "internal"})
        return str(created["id"])


class KbClient(_GuardedClient):
    """Vector search over the published help-centre articles (no internal runbooks, no tickets)."""

    def __init__(self, settings: Settings) -> None:
        super().__init__("kb-search", settings.kb_base_url, {}, settings.limits.kb_requests_per_minute, settings.limits)
        self.index = settings.kb_index

    async def search(self, query: str, top_k: int) -> list[KbHit]:
        found = await self.request("POST", f"/indexes/{self.index}/search", json={"query": query, "top_k": top_k})
        return [KbHit.model_validate(hit) for hit in found["hits"]]
