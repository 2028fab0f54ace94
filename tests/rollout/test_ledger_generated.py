"""Generated hostile ledgers (issue 20): seeded mutations of a real ledger, at the JSON and at the
byte level, with the chain recomputed or not, through history, verify, hold and rollback. Every
outcome is exit 0, 1 or 2 with no traceback; rollback records (or says where it wrote instead)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from parr.cli import main
from parr.ledger import append_entry, entry_hash
from tests.conftest import build_repo

CASES = 160
SEED = 20261206

HOSTILE_VALUES = [
    None, "", "yesterday", "2026-11-24T09:00:00", "10000-01-01T00:00:00+00:00", "2026-02-30T00:00:00+00:00",
    0, -1, 2**70, 1e308, float("nan"), float("inf"), True, [], {}, "x" * 5000, "\ud800", "\x00\x1b[2J",
    {"name": None}, {"name": "x", "email": 3}, "autonomous", "promote", "0" * 64,
]


def _deep(depth: int) -> object:
    value: object = []
    for _ in range(depth):
        value = [value]
    return value


def _dumps(data: object) -> bytes:
    try:
        return json.dumps(data).encode("utf-8", "surrogatepass")
    except (RecursionError, ValueError):
        return b"[" * 3000 + b"]" * 3000


def _mutate(rng: random.Random, lines: list[bytes]) -> bytes:
    lines = list(lines)
    i = rng.randrange(len(lines))
    kind = rng.choice(["field", "field", "field", "drop-field", "deep", "bytes", "truncate", "dup", "swap", "garbage"])
    if kind in ("field", "drop-field", "deep"):
        data = json.loads(lines[i])
        key = rng.choice(sorted(data))
        if kind == "drop-field":
            data.pop(key)
        else:
            data[key] = _deep(rng.choice([50, 900, 3000])) if kind == "deep" else rng.choice(HOSTILE_VALUES)
        if rng.random() < 0.5:  # a forger who recomputes the hash
            body = {k: v for k, v in data.items() if k != "hash"}
            try:
                data["hash"] = entry_hash(body)
            except (TypeError, ValueError, UnicodeEncodeError, RecursionError):
                pass
        lines[i] = _dumps(data)
    elif kind == "bytes":
        raw = bytearray(lines[i])
        for _ in range(rng.randint(1, 4)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        lines[i] = bytes(raw).replace(b"\n", b" ")
    elif kind == "truncate":
        lines[i] = lines[i][: rng.randrange(1, len(lines[i]))]
        lines = lines[: i + 1]
        return b"\n".join(lines)  # a torn tail, no final newline
    elif kind == "dup":
        lines.insert(i, lines[i])
    elif kind == "swap":
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    else:
        lines[i] = bytes(rng.randrange(1, 256) for _ in range(rng.randint(1, 80))).replace(b"\n", b" ")
    return b"\n".join(lines) + b"\n"


@pytest.fixture(scope="module")
def seed_ledger(tmp_path_factory: pytest.TempPathFactory) -> list[bytes]:
    ledger = tmp_path_factory.mktemp("seed") / ".parr" / "ledger.jsonl"
    moves = [("promote", "propose", "staging-writes"), ("hold", "staging-writes", "staging-writes"),
             ("release", "staging-writes", "staging-writes"), ("promote", "staging-writes", "narrow-production-writes")]
    for action, frm, to in moves:
        append_entry(ledger, lambda s, a=action, f=frm, t=to: {
            "time": "2026-11-24T09:00:00+00:00", "action": a, "actor": {"name": "Sam", "email": "s@example.com"},
            "from_stage": f, "to_stage": t, "reason": f"{a} {t}"})
    return ledger.read_bytes().splitlines()


def test_generated_ledgers_never_raise(tmp_path: Path, seed_ledger: list[bytes]) -> None:
    rng = random.Random(SEED)
    repo = build_repo(tmp_path / "agent")
    ledger = repo / ".parr" / "ledger.jsonl"
    ledger.parent.mkdir()
    runner = CliRunner()
    tally: dict[str, dict[int, int]] = {}
    for case in range(CASES):
        ledger.write_bytes(_mutate(rng, seed_ledger))
        for command in (["history", "--format", "json"], ["verify"], ["hold", "--reason", "x"],
                        ["rollback", "--reason", "stop"]):
            before = ledger.read_bytes()
            result = runner.invoke(main, ["rollout", command[0], str(repo), *command[1:]])
            assert result.exception is None or isinstance(result.exception, SystemExit), (
                case, command, repr(result.exception), ledger.read_bytes()[:300])
            assert result.exit_code in (0, 1, 2), (case, command, result.output)
            if result.exit_code == 2:
                lines = [line for line in result.stderr.splitlines() if line.strip()]
                assert len(lines) == 1 and lines[0].startswith("parr: "), (case, command, result.stderr)
            if command[0] == "rollback":
                # The kill switch: recorded in the ledger, or aside with the file named, or "nothing to roll back".
                grew = ledger.read_bytes() != before
                assert grew or "already in propose" in result.stderr or "written to" in result.stderr, (
                    case, result.output, before[:300])
            tally.setdefault(command[0], {}).setdefault(result.exit_code, 0)
            tally[command[0]][result.exit_code] += 1
    print("generated ledgers:", CASES, "outcomes by command and exit code:", tally)
    assert sum(tally["verify"].values()) == CASES
    assert tally["verify"].get(1, 0) > CASES // 2  # most mutations break the ledger, and verify says so
    assert tally["rollback"].get(0, 0) > CASES // 2
