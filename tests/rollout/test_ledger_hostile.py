"""Every rollout command on odd ledgers, odd ledger places and broken git states (issue 20): one
line and exit 1 (broken ledger) or 2 (unusable place), never a traceback; and rollback, the kill
switch, records anyway or says where it wrote instead."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from parr.cli import main
from parr.errors import ParrInputError
from parr.ledger import append_entry, entry_hash, read_ledger, verify_entries
from parr.stages import Stage
from tests.conftest import build_repo

READERS = [
    ["rollout", "status"],
    ["rollout", "verify"],
    ["rollout", "history"],
    ["rollout", "hold", "--reason", "freeze"],
    ["rollout", "promote", "--reason", "go", "--approver", "@priya"],
]


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)


@pytest.fixture
def agent(tmp_path: Path) -> Path:
    path = build_repo(tmp_path / "agent")
    _git(path, "init", "-q")
    _git(path, "config", "user.name", "Sam Okafor")
    _git(path, "config", "user.email", "sam@example.com")
    _git(path, "add", "-A")
    assert _git(path, "commit", "-qm", "agent").returncode == 0
    return path


def _run(args: list[str], path: Path):
    result = CliRunner().invoke(main, [*args[:2], str(path), *args[2:]])
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, repr(result.exception))
    return result


def _one_line_error(result, code: int, needle: str) -> None:
    assert result.exit_code == code, (result.exit_code, result.output)
    lines = [line for line in result.stderr.splitlines() if line.startswith("parr: ")]
    assert lines and needle in lines[0], result.stderr
    assert "Traceback" not in result.output


def _seed(path: Path) -> Path:
    """A ledger at staging-writes: one real promotion entry."""
    ledger = path / ".parr" / "ledger.jsonl"
    append_entry(ledger, lambda s: {"time": "2026-11-24T09:00:00+00:00", "action": "promote",
                                    "actor": {"name": "Sam Okafor"}, "from_stage": "propose",
                                    "to_stage": "staging-writes", "reason": "seed"})
    return ledger


def _forged(ledger: Path, **changes) -> bytes:
    """A second entry with a correctly recomputed chain and hash, carrying `changes`."""
    head = read_ledger(ledger).head
    body = {"seq": 2, "time": "2026-11-25T09:00:00+00:00", "action": "promote", "actor": {"name": "Mallory"},
            "approver": None, "commit": None, "dirty": False, "allow_dirty": False, "from_stage": "staging-writes",
            "to_stage": "narrow-production-writes", "reason": "forged", "check": None, "prev": head}
    body.update(changes)
    try:
        body["hash"] = entry_hash(body)
    except (TypeError, ValueError, UnicodeEncodeError):
        body["hash"] = "0" * 64
    return json.dumps(body).encode() + b"\n"


ODD_ENTRIES = {
    "naive time": lambda ledger: _forged(ledger, time="2026-11-25T09:00:00"),
    "yesterday": lambda ledger: _forged(ledger, time="yesterday"),
    "year 10000": lambda ledger: _forged(ledger, time="10000-01-01T00:00:00+00:00"),
    "integer time": lambda ledger: _forged(ledger, time=1764000000),
    "NaN seq": lambda ledger: _forged(ledger).replace(b'"seq": 2', b'"seq": NaN'),
    "huge seq": lambda ledger: _forged(ledger).replace(b'"seq": 2', b'"seq": ' + b"9" * 5000),
    "lone surrogate": lambda ledger: _forged(ledger).replace(b'"forged"', b'"\\ud800"'),
    "deep JSON": lambda ledger: b"[" * 5000 + b"]" * 5000 + b"\n",
    "deep JSON in a field": lambda ledger: _forged(ledger).replace(b'"check": null', b'"check": ' + b"[" * 5000 + b"]" * 5000),
    "not an object": lambda ledger: b'"just a string"\n',
    "unknown action": lambda ledger: _forged(ledger, action="promote-all"),
}


@pytest.mark.parametrize("name", sorted(ODD_ENTRIES))
def test_odd_entries_are_named_and_rollback_still_records(agent: Path, name: str) -> None:
    ledger = _seed(agent)
    with open(ledger, "ab") as handle:
        handle.write(ODD_ENTRIES[name](ledger))
    for command in READERS:
        result = _run(command, agent)
        if command[1] == "verify":
            assert result.exit_code == 1 and ":2: not a valid ledger entry" in result.stdout, result.output
        else:
            _one_line_error(result, 1, f"{ledger}:2: not a ledger entry")
    outcome = _run(["rollout", "rollback", "--reason", "stop"], agent)
    assert outcome.exit_code == 0, outcome.output
    assert "line(s) 2 are not ledger entries and were skipped" in outcome.stderr
    assert "rollback staging-writes → propose" in outcome.stdout
    assert read_ledger(ledger, lenient=True).stage is Stage.PROPOSE


def _place_cases(agent: Path, outside: Path) -> dict:
    parr_dir = agent / ".parr"
    ledger = parr_dir / "ledger.jsonl"

    def directory() -> str:
        ledger.mkdir(parents=True)
        return "is a directory"

    def parr_is_a_file() -> str:
        parr_dir.write_text("not a directory\n")
        return "is a file"

    def lock_loop() -> str:
        _seed(agent)
        (parr_dir / "ledger.jsonl.lock").unlink()
        os.symlink("ledger.jsonl.lock", parr_dir / "ledger.jsonl.lock")
        return "symlink"

    def ledger_outside() -> str:
        parr_dir.mkdir()
        outside.write_text("")
        os.symlink(outside, ledger)
        return "outside"

    def parr_outside() -> str:
        outside.mkdir()
        os.symlink(outside, parr_dir)
        return "outside"

    def fifo() -> str:
        parr_dir.mkdir()
        os.mkfifo(ledger)
        return "not a regular file"

    return {"directory": directory, "parr is a file": parr_is_a_file, "lock symlink loop": lock_loop,
            "ledger symlinked outside": ledger_outside, ".parr symlinked outside": parr_outside, "fifo": fifo}


PLACES = ["directory", "parr is a file", "lock symlink loop", "ledger symlinked outside", ".parr symlinked outside", "fifo"]


@pytest.mark.parametrize("case", PLACES)
def test_unusable_ledger_places_are_named_and_rollback_writes_aside(agent: Path, tmp_path: Path, case: str) -> None:
    outside = tmp_path / "outside"
    needle = _place_cases(agent, outside)[case]()
    before = sorted((p.name, p.stat().st_size) for p in tmp_path.rglob("*") if p.is_file() and "agent" not in p.parts)
    for command in READERS:
        result = _run(command, agent)
        if case == "lock symlink loop" and command[1] in ("status", "verify", "history", "promote"):
            continue  # reading needs no lock; promote is refused for another reason (four eyes/approver)
        _one_line_error(result, 2, needle)
    outcome = _run(["rollout", "rollback", "--reason", "stop", "--to", "propose"], agent)
    assert outcome.exit_code == 1, outcome.output
    assert "could not record the rollback in the ledger" in outcome.stderr
    aside = sorted(agent.glob("parr-rollback-*.json"))
    assert len(aside) == 1 and f"written to {aside[0]}" in outcome.stderr.replace("\n", " ")
    record = json.loads(aside[0].read_text())
    assert record["to_stage"] == "propose" and record["reason"] == "stop"
    after = sorted((p.name, p.stat().st_size) for p in tmp_path.rglob("*") if p.is_file() and "agent" not in p.parts)
    assert after == before, "something was written outside the repository"


def test_a_lock_symlinked_to_a_user_file_never_truncates_it(agent: Path, tmp_path: Path) -> None:
    victim = tmp_path / "bashrc"
    victim.write_text("export IMPORTANT=1\n")
    (agent / ".parr").mkdir()
    os.symlink(victim, agent / ".parr" / "ledger.jsonl.lock")
    _one_line_error(_run(["rollout", "hold", "--reason", "x"], agent), 2, "symlink")
    assert victim.read_text() == "export IMPORTANT=1\n"


def test_an_unreadable_ledger_is_named_and_rollback_writes_aside(agent: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ledger = _seed(agent)
    real_open = os.open

    def denied(path, flags, *args, **kwargs):  # as for a mode-000 file, which root would read anyway
        if str(path).endswith("ledger.jsonl"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    for command in READERS:
        _one_line_error(_run(command, agent), 2, "Permission denied")
    outcome = _run(["rollout", "rollback", "--reason", "stop"], agent)
    assert outcome.exit_code == 1 and "Permission denied" in outcome.stderr and "written to" in outcome.stderr
    monkeypatch.undo()
    assert len(ledger.read_text().splitlines()) == 1


@pytest.mark.parametrize("damage", ["garbage", "short", "half"])
def test_a_corrupt_index_refuses_promotion_and_keeps_the_kill_switch(agent: Path, damage: str) -> None:
    _seed(agent)
    index = agent / ".git" / "index"
    data = index.read_bytes()
    index.write_bytes({"garbage": b"DIRC\0\0\0\2garbage", "short": data[:20], "half": data[: len(data) // 2]}[damage])
    # git 2.39 exits 128 on the first two; a half index it may read as entries of zeros, or not.
    if damage != "half":
        assert _git(agent, "diff").returncode == 128
    assert _run(["rollout", "status"], agent).exit_code == 0
    refused = _run(["rollout", "promote", "--reason", "go", "--approver", "@sec-lead"], agent)
    assert refused.exit_code == 1, refused.output
    assert "git cannot read the index" in refused.stderr or "uncommitted changes" in refused.stderr, refused.output
    outcome = _run(["rollout", "rollback", "--reason", "stop"], agent)
    assert outcome.exit_code == 0 and "rollback staging-writes → propose" in outcome.stdout, outcome.output


def test_a_corrupt_git_config_still_lets_rollback_record(agent: Path) -> None:
    _seed(agent)
    (agent / ".git" / "config").write_text("[core\n\tbroken = = =\n")
    outcome = _run(["rollout", "rollback", "--reason", "stop"], agent)
    assert outcome.exit_code == 0, outcome.output
    assert "git is not usable here" in outcome.stderr and "recorded without a commit" in outcome.stderr
    refused = _run(["rollout", "promote", "--reason", "go", "--approver", "@eng-billing"], agent)
    assert refused.exit_code == 1 and "git is not usable here" in refused.stderr


def test_rollback_works_with_parr_yaml_gone(agent: Path) -> None:
    _seed(agent)
    (agent / "parr.yaml").unlink()
    outcome = _run(["rollout", "rollback", "--reason", "stop"], agent)
    assert outcome.exit_code == 0 and "rollback staging-writes → propose" in outcome.stdout, outcome.output


def _promote_and_roll_back(args: tuple[str, int, int]) -> tuple[int, int]:
    """One worker: append a promotion directly, then pull the kill switch; count the outcomes."""
    from parr.rollout import open_rollout, rollback

    root, worker, rounds = args
    recorded = already = 0
    for i in range(rounds):
        append_entry(Path(root) / ".parr" / "ledger.jsonl",
                     lambda s, i=i: {"time": f"2026-11-24T00:00:{i:02d}+00:00", "action": "promote",
                                     "actor": {"name": f"w{worker}"}, "from_stage": s.stage.value,
                                     "to_stage": "staging-writes" if s.stage is Stage.PROPOSE else s.stage.value,
                                     "reason": "load"})
        try:
            outcome = rollback(open_rollout(Path(root)), reason=f"w{worker} r{i}", to=Stage.PROPOSE)
            recorded += outcome.in_ledger
        except ParrInputError:
            already += 1  # another worker's rollback got there first
    return recorded, already


def test_rollback_under_concurrent_load_loses_nothing(agent: Path) -> None:
    workers, rounds = 4, 8
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        results = pool.map(_promote_and_roll_back, [(str(agent), w, rounds) for w in range(workers)])
    recorded = sum(r for r, _ in results)
    assert recorded + sum(a for _, a in results) == workers * rounds and recorded > 0
    ledger = agent / ".parr" / "ledger.jsonl"
    entries = read_ledger(ledger).entries
    assert sum(1 for e in entries if e.action == "rollback") == recorded
    assert [p for p in verify_entries(ledger.read_bytes(), str(ledger)) if p.failing] == []


def test_history_shows_ledger_text_as_data(agent: Path) -> None:
    """A reason is anyone's text: rich markup in it crashed the table; Markdown in it broke the table."""
    reason = "INC-9 [/] [bold]x | y\n```\n<script>"
    assert _run(["rollout", "hold", "--reason", reason], agent).exit_code == 0
    table = _run(["rollout", "history"], agent)
    assert table.exit_code == 0 and "[/] [bold]x" in table.stdout, table.output
    markdown = _run(["rollout", "history", "--format", "markdown"], agent)
    row = markdown.stdout.splitlines()[2]
    assert markdown.exit_code == 0 and row.endswith(r"| INC-9 [/] [bold]x \| y \`\`\` &lt;script&gt; |"), row


def test_ledger_text_cannot_drive_the_terminal(agent: Path) -> None:
    assert _run(["rollout", "hold", "--reason", "ok\x1b[2J\x1b]0;pwned\x07\rfine"], agent).exit_code == 0
    for command in (["rollout", "status"], ["rollout", "history"], ["rollout", "release", "--reason", "\x1b[31mx"]):
        result = _run(command, agent)
        assert "\x1b" not in result.output and "\r" not in result.output, (command, result.output)


def test_a_hard_linked_ledger_is_never_written(agent: Path, tmp_path: Path) -> None:
    victim = tmp_path / "notes.txt"
    victim.write_text("mine\n")
    (agent / ".parr").mkdir()
    os.link(victim, agent / ".parr" / "ledger.jsonl")
    _one_line_error(_run(["rollout", "hold", "--reason", "x"], agent), 2, "hard links")
    assert victim.read_text() == "mine\n"


def test_promotion_never_builds_on_a_tampered_ledger(agent: Path) -> None:
    ledger = _seed(agent)
    _run(["rollout", "hold", "--reason", "freeze"], agent)
    _run(["rollout", "release", "--reason", "done"], agent)
    lines = ledger.read_text().splitlines()
    edited = json.loads(lines[1])
    edited["reason"] = "nothing happened"
    ledger.write_text("\n".join([lines[0], json.dumps(edited), lines[2]]) + "\n")
    refused = _run(["rollout", "promote", "--reason", "go", "--approver", "@sec-lead"], agent)
    assert refused.exit_code == 1 and ":2: entry 2 was edited" in refused.stderr, refused.output


@pytest.mark.parametrize("damage", ["HEAD", "objects"])
def test_a_broken_head_or_object_store_refuses_promotion_and_keeps_the_kill_switch(agent: Path, damage: str) -> None:
    _seed(agent)
    if damage == "HEAD":
        (agent / ".git" / "HEAD").write_text("ref: refs/heads/../../../../etc\n")
    else:
        for pack in (agent / ".git" / "objects").rglob("*"):
            if pack.is_file():
                pack.chmod(0o644)
                pack.write_bytes(b"garbage")
    refused = _run(["rollout", "promote", "--reason", "go", "--approver", "@eng-billing"], agent)
    assert refused.exit_code == 1 and "git cannot read the commit at HEAD" in refused.stderr, refused.output
    outcome = _run(["rollout", "rollback", "--reason", "stop"], agent)
    assert outcome.exit_code == 0 and "rollback staging-writes → propose" in outcome.stdout, outcome.output


def test_a_commit_field_that_is_not_an_object_id_never_reaches_git(agent: Path) -> None:
    ledger = _seed(agent)
    with open(ledger, "ab") as handle:
        handle.write(_forged(ledger, commit="--output=/tmp/x"))
    result = _run(["rollout", "verify"], agent)
    assert result.exit_code == 1 and "is not a git commit id" in result.stdout, result.output


def test_ledgers_written_before_evidence_and_signatures_still_load_and_verify(tmp_path: Path) -> None:
    """An entry exactly as the previous parr wrote it (every old field, none of the new ones)."""
    import hashlib

    body = {"seq": 1, "time": "2026-11-24T09:00:00+00:00", "action": "promote",
            "actor": {"name": "Priya Natarajan", "email": "priya@example.com"}, "approver": "@priya",
            "commit": "a" * 40, "dirty": False, "allow_dirty": False, "from_stage": "propose",
            "to_stage": "staging-writes", "reason": "ready",
            "check": {"stage": "staging-writes", "verdict": "GO", "digest": "b" * 64, "passed": 40, "blocking": 0,
                      "warnings": 2}, "prev": "0" * 64}
    body["hash"] = hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
                                  .encode()).hexdigest()
    ledger = tmp_path / ".parr" / "ledger.jsonl"
    ledger.parent.mkdir()
    ledger.write_text(json.dumps(body, sort_keys=True) + "\n")
    assert verify_entries(ledger.read_bytes(), str(ledger)) == []
    assert read_ledger(ledger).stage is Stage.STAGING_WRITES
    append_entry(ledger, lambda s: {"time": "2026-11-25T09:00:00+00:00", "action": "hold", "actor": {"name": "S"},
                                    "from_stage": "staging-writes", "to_stage": "staging-writes", "reason": "x"})
    assert verify_entries(ledger.read_bytes(), str(ledger)) == []
    assert ledger.read_text().splitlines()[0] == json.dumps(body, sort_keys=True)


def test_a_refused_write_leaves_no_trace(tmp_path: Path) -> None:
    repo = build_repo(tmp_path / "plain")
    for command in (["rollout", "rollback", "--reason", "x"], ["rollout", "release", "--reason", "x"]):
        assert _run(command, repo).exit_code == 2
    assert not (repo / ".parr").exists()
    verified = _run(["rollout", "verify"], repo)
    assert verified.exit_code == 0 and "note" not in verified.stdout
