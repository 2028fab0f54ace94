"""The check registry: pure functions from facts to results, registered loudly by checklist id."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from parr.facts import Facts


@dataclass(frozen=True)
class Fail:
    message: str
    loc: tuple[str | int, ...] = ()  # where in parr.yaml; resolved to a line by the runner
    file: str | None = None  # a file in the repository instead of parr.yaml
    line: int | None = None
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pass:
    message: str


@dataclass(frozen=True)
class NotApplicable:
    message: str


@dataclass(frozen=True)
class Error:
    """parr could not judge (a policy engine crashed, timed out or ran out of memory): the `error`
    outcome, which blocks like a failure."""

    message: str
    loc: tuple[str | int, ...] = ()


Result = Fail | Pass | NotApplicable | Error
CheckFn = Callable[[Facts], Iterable[Result]]

REGISTRY: dict[str, CheckFn] = {}
# The parr.yaml fields each check reads, dotted, `[*]` for every list item (`permissions.tools[*].gate`):
# a placeholder value (TODO, <queue>) in one of them fails the check (parr.verdict), and a test
# holds every check that reads the manifest to declaring what it reads.
READS: dict[str, tuple[str, ...]] = {}


def check(check_id: str, reads: tuple[str, ...] = ()) -> Callable[[CheckFn], CheckFn]:
    def register(fn: CheckFn) -> CheckFn:
        if check_id in REGISTRY:
            raise RuntimeError(f"check {check_id} is registered twice ({REGISTRY[check_id].__module__}, {fn.__module__})")
        REGISTRY[check_id] = fn
        READS[check_id] = tuple(reads)
        return fn

    return register


T = TypeVar("T")


def needs(fact: Callable[[Facts], T | None], missing: str) -> Callable[[Callable[[Facts, T], Iterable[Result]]], CheckFn]:
    """Decorate a check that judges one fact: not applicable (saying why) when the fact is absent,
    otherwise the check runs with the fact as its second argument."""

    def wrap(fn: Callable[[Facts, Any], Iterable[Result]]) -> CheckFn:
        def run(facts: Facts) -> Iterator[Result]:
            value = fact(facts)
            if value is None:
                yield NotApplicable(missing)
                return
            yield from fn(facts, value)

        run.__name__, run.__doc__ = fn.__name__, fn.__doc__
        run.__wrapped__ = fn  # type: ignore[attr-defined]  # the check itself, for tests that read its source
        return run

    return wrap
