"""Generated hostile policies: whatever the files hold, the evaluation returns, with one-line problems.

A seeded generator (stdlib `random`, so every run tries the same inputs and a failure reproduces)
mutates the shipped examples' Cedar and Rego files: deep nesting, long arrays and comprehensions,
truncation, duplication, stray bytes and brackets. The engines run in their child process; the test
asserts parr itself never raises, never hangs past the deadline, and says what happened in one line.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from parr.manifest.loader import load_manifest
from parr.policy.evaluate import evaluate_policies

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CEDAR = (EXAMPLES / "support-triage/policies/triage.cedar").read_text()
REGO = (EXAMPLES / "billing-mcp/policies/billing.rego").read_text()
CASES_PER_ENGINE = 12


def _mutate(text: str, engine: str, rng: random.Random) -> str:
    depth = rng.choice([50, 400, 800, 3000])
    kind = rng.randrange(7)
    if kind == 0:  # deep nesting inside a condition or a value
        if engine == "cedar":
            return text + "\npermit(principal, action, resource) when { " + "(" * depth + "true" + ")" * depth + " };\n"
        return text + "\nnested := " + "[" * depth + "1" + "]" * depth + "\n"
    if kind == 1:  # truncated at a random point
        return text[: rng.randrange(len(text))]
    if kind == 2:  # stray brackets and bytes
        cut = rng.randrange(len(text))
        return text[:cut] + rng.choice(["{", "}", "(", "\"", "\x00", "\\", ";;", "@id(", "\u202e"]) * rng.randrange(1, 50) + text[cut:]
    if kind == 3:  # the whole file many times over (duplicate ids, duplicate rules)
        return text * rng.randrange(2, 30)
    if kind == 4 and engine == "rego":  # a comprehension that grows
        n = rng.choice([100, 1000, 4000])
        return text + f"\nxs := numbers.range(1, {n})\nblowup := count([[a, b] | some a in xs; some b in xs])\n"
    if kind == 5:  # a long literal
        n = rng.choice([1000, 20000])
        if engine == "cedar":
            return text + '\npermit(principal, action, resource) when { context.x in [' + ",".join(["1"] * n) + "] };\n"
        return text + "\nbig := [" + ",".join(["1"] * n) + "]\n"
    return "".join(rng.sample(text, len(text))) if len(text) < 4000 else text[::-1]


def _cases() -> list[tuple[str, int]]:
    return [(engine, seed) for engine in ("cedar", "rego") for seed in range(CASES_PER_ENGINE)]


@pytest.fixture(autouse=True)
def _caps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARR_POLICY_MEMORY_MB", "300")
    monkeypatch.setenv("PARR_POLICY_TIMEOUT", "3")


@pytest.mark.parametrize(("engine", "seed"), _cases())
def test_generated_policy_never_takes_parr_down(make_repo, engine: str, seed: int) -> None:
    rng = random.Random(f"{engine}-{seed}")
    original = CEDAR if engine == "cedar" else REGO
    name = "policies/refunds.cedar" if engine == "cedar" else "policies/refunds.rego"
    patch = {} if engine == "cedar" else {"policies": {"engine": "rego", "files": [name], "entrypoint": "data.billing.allow"}}
    repo = make_repo(patch=patch, files={name: _mutate(original, engine, rng)})
    started = time.monotonic()
    evaluation = evaluate_policies(load_manifest(repo / "parr.yaml"))
    # Two steps (load, evaluate), each within the 3 s deadline, plus the process start.
    assert time.monotonic() - started < 30
    assert evaluation is not None
    assert evaluation.evaluated or evaluation.problems
    for problem in evaluation.problems:
        assert "\n" not in problem.message and "Traceback" not in problem.message, problem
