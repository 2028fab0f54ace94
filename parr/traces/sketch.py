"""Percentiles in constant memory: exact up to a few thousand values, then a log-bucket sketch (1% relative error)."""

from __future__ import annotations

import math

EXACT_LIMIT = 4096
RELATIVE_ACCURACY = 0.01
_GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY)
_LOG_GAMMA = math.log(_GAMMA)


class Quantiles:
    """p50/p95/max of a stream of non-negative numbers without keeping the stream (DDSketch-style buckets)."""

    __slots__ = ("_buckets", "_exact", "_zeros", "count", "max", "total")

    def __init__(self) -> None:
        self.count = 0
        self.total = 0.0
        self.max: float | None = None
        self._exact: list[float] | None = []
        self._buckets: dict[int, int] = {}
        self._zeros = 0

    def add(self, value: float) -> None:
        self.count += 1
        self.total += value
        if self.max is None or value > self.max:
            self.max = value
        exact = self._exact
        if exact is not None:
            exact.append(value)
            if len(exact) > EXACT_LIMIT:
                self._exact = None
                for v in exact:
                    self._bucket(v)
            return
        self._bucket(value)

    def _bucket(self, value: float) -> None:
        if value <= 0:
            self._zeros += 1
            return
        key = math.ceil(math.log(value) / _LOG_GAMMA)
        self._buckets[key] = self._buckets.get(key, 0) + 1

    def quantile(self, q: float) -> float | None:
        """Nearest-rank quantile: exact while the stream is small, within 1% after."""
        if self.count == 0:
            return None
        rank = max(1, math.ceil(q * self.count))
        if self._exact is not None:
            return sorted(self._exact)[rank - 1]
        if rank <= self._zeros:
            return 0.0
        seen = self._zeros
        for key in sorted(self._buckets):
            seen += self._buckets[key]
            if seen >= rank:
                value = 2 * _GAMMA**key / (_GAMMA + 1)
                return min(value, self.max) if self.max is not None else value
        return self.max

    @property
    def mean(self) -> float | None:
        return self.total / self.count if self.count else None

    def merge(self, other: Quantiles) -> None:
        """Fold another sketch into this one (per-agent sketches make the overall one)."""
        if other.count == 0:
            return
        if self._exact is not None and other._exact is not None and len(self._exact) + len(other._exact) <= EXACT_LIMIT:
            self._exact.extend(other._exact)
        else:
            if self._exact is not None:
                for v in self._exact:
                    self._bucket(v)
                self._exact = None
            if other._exact is not None:
                for v in other._exact:
                    self._bucket(v)
            else:
                self._zeros += other._zeros
                for key, n in other._buckets.items():
                    self._buckets[key] = self._buckets.get(key, 0) + n
        self.count += other.count
        self.total += other.total
        if other.max is not None and (self.max is None or other.max > self.max):
            self.max = other.max
