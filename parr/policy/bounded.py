"""Bounding policy evaluation time: the engines run in a worker thread that parr stops waiting for.

Cedar terminates by construction (no loops, no recursion), so its cost is bounded by the size caps
(MAX_POLICY_BYTES per file, MAX_REQUESTS per run). Rego can express expensive comprehensions, so
every evaluation session runs in a daemon thread with a wall-clock deadline: regopy calls into
rego-cpp through ctypes, which releases the GIL, so the waiting thread wakes on time. A session
past its deadline is abandoned (it cannot be interrupted inside native code) and reported as a
`timeout` problem; the worker is told to stop and gives up before its next request (one request
cannot be interrupted inside native code), and being a daemon thread it never keeps parr from
exiting.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

DEFAULT_TIMEOUT_SECONDS = 10.0
TIMEOUT_ENV = "PARR_POLICY_TIMEOUT"
# Probe rows times variants; far above any real manifest, low enough to stay fast.
MAX_REQUESTS = 5000


class EvaluationTimeout(Exception):
    def __init__(self, seconds: float) -> None:
        super().__init__(f"policy evaluation did not finish within {seconds:g} s")
        self.seconds = seconds


def timeout_seconds(explicit: float | None = None) -> float:
    """The deadline: an explicit value, else $PARR_POLICY_TIMEOUT, else 10 seconds."""
    if explicit is not None:
        return explicit
    raw = os.environ.get(TIMEOUT_ENV)
    if raw:
        try:
            value = float(raw)
        except ValueError:
            return DEFAULT_TIMEOUT_SECONDS
        if value > 0:
            return value
    return DEFAULT_TIMEOUT_SECONDS


class Cancelled(Exception):
    """Raised inside an abandoned worker so it stops issuing requests."""


def run_bounded(work: Callable[[threading.Event], T], seconds: float) -> T:
    """Run `work(cancelled)` in a daemon thread; its result, its exception, or EvaluationTimeout.

    `work` should check `cancelled.is_set()` between requests: it is set when the deadline passes.
    """
    outcome: dict[str, object] = {}
    cancelled = threading.Event()

    def target() -> None:
        try:
            outcome["value"] = work(cancelled)
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller's thread unchanged
            outcome["error"] = exc

    worker = threading.Thread(target=target, name="parr-policy-evaluation", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        cancelled.set()
        raise EvaluationTimeout(seconds)
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
