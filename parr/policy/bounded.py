"""Bounding policy evaluation: the deadline each engine step gets, and the request cap.

The engines run in a child process (parr.policy.isolated) that is killed when a step (loading the
files, or evaluating every test and probe request) passes this deadline, or when it uses more
memory than its cap; Cedar terminates by construction, Rego can express expensive comprehensions,
and native code cannot be interrupted any other way.
"""

from __future__ import annotations

import math
import os

DEFAULT_TIMEOUT_SECONDS = 10.0
# A deadline is a number of seconds parr can wait for; "inf" or 1e30 would mean no deadline at all.
MAX_TIMEOUT_SECONDS = 3600.0
TIMEOUT_ENV = "PARR_POLICY_TIMEOUT"
# Probe rows times variants; far above any real manifest, low enough to stay fast.
MAX_REQUESTS = 5000


def timeout_seconds(explicit: float | None = None) -> float:
    """The deadline: an explicit value, else $PARR_POLICY_TIMEOUT, else 10 seconds; at most an hour."""
    value = explicit
    if value is None:
        try:
            value = float(os.environ.get(TIMEOUT_ENV) or DEFAULT_TIMEOUT_SECONDS)
        except ValueError:
            value = DEFAULT_TIMEOUT_SECONDS
    if math.isnan(value) or value <= 0:
        return DEFAULT_TIMEOUT_SECONDS
    return min(value, MAX_TIMEOUT_SECONDS)
