"""Every hostile test runs its many cases the way a fleet run (`parr check --all`) runs its agents: one
policy engine process serves them all (starting one per case costs more than the rest of each command),
and a case that crashes it gets a fresh one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from parr.policy.isolated import engine_session


@pytest.fixture(autouse=True)
def _one_engine_process_per_test() -> Iterator[None]:
    with engine_session():
        yield
