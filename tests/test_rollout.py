"""Staged rollout on a real temporary git repository: promote, refuse, roll back, hold, tamper, race."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
from pathlib import Path

import git
import pytest
import yaml
from click.testing import CliRunner

from parr.cli import main
from parr.errors import ParrInputError
from parr.ledger import append_entry, read_ledger, verify_entries
from parr.rollout import RolloutRefused, hold, open_rollout, promote, release, rollback, status, verify
from parr.stages import Stage
from tests.conftest import build_repo

T0 = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.timezone.utc)


def _git_repo(path: Path) -> git.Repo:
    repo = git.Repo.init(path)
    with repo.config_writer() as config:
        # Not a person parr.yaml names as an approver: four eyes allows @priya to approve.
        config.set_value("user", "name", "Sam Okafor")
        config.set_value("user", "email", "sam@example.com")
    repo.git.add(A=True)
    repo.index.commit("agent")
    return repo


def _commit_all(repo: git.Repo, message: str) -> None:
    repo.git.add(A=True)
    repo.index.commit(message)


def _edit_manifest(path: Path, change) -> None:
    data = yaml.safe_load((path / "parr.yaml").read_text())
    change(data)
    (path / "parr.yaml").write_text(yaml.safe_dump(data, sort_keys=False))


@pytest.fixture
def agent(tmp_path: Path) -> tuple[Path, git.Repo]:
    path = build_repo(tmp_path / "agent")
    return path, _git_repo(path)


def test_full_rollout_path(agent) -> None:
    path, repo = agent
    ctx = open_rollout(path, now=T0)
    assert status(ctx).stage is Stage.PROPOSE

    # A broken kill switch: the promotion to staging-writes is refused and nothing is recorded.
    _edit_manifest(path, lambda d: d["failsafes"]["kill_switch"].pop("how"))
    _commit_all(repo, "drop kill switch steps")
    with pytest.raises(RolloutRefused) as refused:
        promote(open_rollout(path, now=T0), reason="ready for staging", approver="@priya")
    assert any(r.startswith("FS-005 ") for r in refused.value.reasons)
    assert read_ledger(ctx.ledger).entries == ()

    _edit_manifest(path, lambda d: d["failsafes"]["kill_switch"].update(how="flip REFUNDS_AGENT_ENABLED off"))
    _commit_all(repo, "kill switch steps")
    with pytest.raises(RolloutRefused, match="needs --approver"):
        promote(open_rollout(path, now=T0), reason="ready for staging")
    entry, report = promote(open_rollout(path, now=T0), reason="ready for staging", approver="@priya")
    assert (entry.seq, entry.from_stage, entry.to_stage) == (1, Stage.PROPOSE, Stage.STAGING_WRITES)
    assert entry.commit == repo.head.commit.hexsha
    assert entry.actor.name == "Sam Okafor" and entry.approver == "@priya"
    assert entry.check is not None and entry.check.verdict == "GO" and len(entry.check.digest) == 64

    # Narrow production writes need 7 days in staging and the security owner's approval.
    later = T0 + dt.timedelta(days=2)
    with pytest.raises(RolloutRefused) as refused:
        promote(open_rollout(path, now=later), reason="go narrow", approver="@priya-typo")
    reasons = " | ".join(refused.value.reasons)
    assert "needs 7 days in staging-writes; the agent has been there 2.0 days" in reasons
    assert "approver '@priya-typo' is not the dri or security" in reasons
    with pytest.raises(RolloutRefused, match="one stage at a time"):
        promote(open_rollout(path, now=later), reason="skip", to=Stage.AUTONOMOUS)

    entry, _ = promote(open_rollout(path, now=T0 + dt.timedelta(days=8)), reason="a week clean", approver="@sec-lead")
    assert entry.to_stage is Stage.NARROW_PRODUCTION_WRITES

    # Rollback needs no checks and works even with a broken manifest.
    (path / "parr.yaml").write_text("apiVersion: parr/v1\nagent: {id: [broken\n")
    entry = rollback(open_rollout(path, now=T0 + dt.timedelta(days=9)), reason="refund spike").entry
    assert (entry.from_stage, entry.to_stage) == (Stage.NARROW_PRODUCTION_WRITES, Stage.STAGING_WRITES)
    repo.git.checkout("--", "parr.yaml")

    # `parr check` defaults to the ledger's stage.
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json", "--today", "2026-11-24"])
    assert json.loads(result.stdout)["reports"][0]["stage"] == "staging-writes"

    problems = verify(open_rollout(path))
    assert [p.message for p in problems if p.failing] == []
    assert [p.message for p in problems] == ["the ledger is not committed: every entry is unanchored; commit it"]
    assert [e.action for e in read_ledger(ctx.ledger).entries] == ["promote", "promote", "rollback"]


def test_hold_freezes_promotion_until_released(agent) -> None:
    path, _ = agent
    hold(open_rollout(path, now=T0), reason="incident INC-42 under review")
    with pytest.raises(RolloutRefused, match="on hold .* incident INC-42"):
        promote(open_rollout(path, now=T0), reason="x", approver="@priya")
    with pytest.raises(ParrInputError, match="already on hold"):
        hold(open_rollout(path, now=T0), reason="again")
    release(open_rollout(path, now=T0), reason="INC-42 closed")
    entry, _ = promote(open_rollout(path, now=T0), reason="x", approver="@priya")
    assert entry.to_stage is Stage.STAGING_WRITES


def test_dirty_tree_is_refused_unless_allowed(agent) -> None:
    path, _ = agent
    (path / "agent" / "main.py").write_text((path / "agent" / "main.py").read_text() + "\n# edit\n")
    with pytest.raises(RolloutRefused, match=r"uncommitted changes \(agent/main.py\)"):
        promote(open_rollout(path, now=T0), reason="x", approver="@priya")
    entry, _ = promote(open_rollout(path, now=T0), reason="x", approver="@priya", allow_dirty=True)
    assert entry.dirty and entry.allow_dirty and entry.uncommitted == ("agent/main.py",)


def test_allow_dirty_never_covers_the_files_the_verdict_read(agent) -> None:
    path, _ = agent
    (path / "policies" / "refunds.cedar").write_text((path / "policies" / "refunds.cedar").read_text() + "\n// edit\n")
    (path / "evals" / "extra.xml").write_text("<testsuite/>")
    _edit_manifest(path, lambda d: d["evals"]["regression"].update(results="evals/extra.xml"))
    with pytest.raises(RolloutRefused) as refused:
        promote(open_rollout(path, now=T0), reason="x", approver="@priya", allow_dirty=True)
    reasons = refused.value.reasons
    assert "parr.yaml: changed since the commit; the ledger can only certify files committed as they are" in reasons
    assert any(r.startswith("policies/refunds.cedar: changed since the commit") for r in reasons)
    assert any(r.startswith("evals/extra.xml: not committed") for r in reasons)


def test_rollback_needs_a_reason_and_an_earlier_stage(agent) -> None:
    path, _ = agent
    with pytest.raises(ParrInputError, match="already in propose"):
        rollback(open_rollout(path, now=T0), reason="x")
    promote(open_rollout(path, now=T0), reason="x", approver="@priya")
    with pytest.raises(ParrInputError, match="needs --reason"):
        rollback(open_rollout(path, now=T0), reason="  ")


def test_outside_git_promotion_is_refused_and_the_kill_switch_still_works(tmp_path: Path) -> None:
    path = build_repo(tmp_path / "plain")
    ctx = open_rollout(path, now=T0)
    assert ctx.git.note and "not inside a git repository" in ctx.git.note
    with pytest.raises(RolloutRefused, match="no commit can hold the files this verdict reads"):
        promote(ctx, reason="x", approver="@priya")
    entry = hold(ctx, reason="freeze")
    assert entry.commit is None
    ledger = path / ".parr" / "ledger.jsonl"
    ledger.write_text(ledger.read_text() + json.dumps({"seq": 2, "action": "promote"}) + "\n")
    outcome = rollback(open_rollout(path, now=T0), reason="stop")
    assert outcome.in_ledger and outcome.entry.to_stage is Stage.PROPOSE


def _ledger_with_entries(agent, n: int = 3) -> Path:
    path, _ = agent
    promote(open_rollout(path, now=T0), reason="one", approver="@priya")
    hold(open_rollout(path, now=T0), reason="two")
    release(open_rollout(path, now=T0), reason="three")
    return path / ".parr" / "ledger.jsonl"


def _problems(ledger: Path) -> list[str]:
    return [p.message for p in verify_entries(ledger.read_bytes(), str(ledger))]


def test_verify_catches_an_edited_entry(agent) -> None:
    ledger = _ledger_with_entries(agent)
    lines = ledger.read_text().splitlines()
    entry = json.loads(lines[1])
    entry["reason"] = "nothing to see"
    lines[1] = json.dumps(entry, sort_keys=True)
    ledger.write_text("\n".join(lines) + "\n")
    assert _problems(ledger) == ["entry 2 was edited: its content no longer matches its hash"]


def test_verify_catches_removed_reordered_and_inserted_entries(agent) -> None:
    ledger = _ledger_with_entries(agent)
    lines = ledger.read_text().splitlines()
    ledger.write_text("\n".join([lines[0], lines[2]]) + "\n")
    assert _problems(ledger) == ["entries 2..2 were removed before entry 3"]
    ledger.write_text("\n".join([lines[0], lines[2], lines[1]]) + "\n")
    assert "entries 2..2 were removed before entry 3" in _problems(ledger)
    assert "entry 2 is out of order (expected entry 4)" in _problems(ledger)
    forged = json.loads(lines[1])
    forged["reason"] = "inserted"
    ledger.write_text("\n".join([lines[0], json.dumps(forged), lines[1], lines[2]]) + "\n")
    problems = _problems(ledger)
    assert "entry 2 was edited: its content no longer matches its hash" in problems
    assert any("out of order" in p or "does not follow" in p for p in problems)


def test_verify_catches_entries_cut_from_the_end_against_git(agent) -> None:
    path, repo = agent
    ledger = _ledger_with_entries(agent)
    _commit_all(repo, "ledger")
    ledger.write_text("\n".join(ledger.read_text().splitlines()[:2]) + "\n")
    messages = [p.message for p in verify(open_rollout(path))]
    assert messages == ["1 entr(ies) committed in git are missing from the end"]


def test_cli_verify_exit_codes(agent) -> None:
    path, _ = agent
    ledger = _ledger_with_entries(agent)
    runner = CliRunner()
    ok = runner.invoke(main, ["rollout", "verify", str(path)])
    assert ok.exit_code == 0 and "3 entries, chain intact" in ok.stdout
    ledger.write_text(ledger.read_text().replace('"three"', '"3"'))
    bad = runner.invoke(main, ["rollout", "verify", str(path)])
    assert bad.exit_code == 1 and ":3: entry 3 was edited" in bad.stdout


def test_a_torn_last_line_is_ignored_and_cut_by_the_next_append(agent) -> None:
    path, _ = agent
    ledger = _ledger_with_entries(agent)
    with open(ledger, "ab") as handle:
        handle.write(b'{"seq": 4, "time": "2026-')
    assert len(read_ledger(ledger).entries) == 3
    assert any("incomplete" in p for p in _problems(ledger))
    hold(open_rollout(path, now=T0), reason="after crash")
    assert _problems(ledger) == []
    assert len(read_ledger(ledger).entries) == 4


def test_cli_promote_refusal_exits_1_and_lists_why(agent) -> None:
    path, _ = agent
    result = CliRunner().invoke(main, ["rollout", "promote", str(path), "--reason", "go"])
    assert result.exit_code == 1
    assert "promotion refused" in result.stderr and "needs --approver" in result.stderr
    ok = CliRunner().invoke(main, ["rollout", "promote", str(path), "--reason", "go", "--approver", "@priya"])
    assert ok.exit_code == 0, ok.output
    assert "promote propose → staging-writes by Sam Okafor, approved by @priya" in ok.stdout
    history = CliRunner().invoke(main, ["rollout", "history", str(path), "--format", "json"])
    assert json.loads(history.stdout)[0]["to_stage"] == "staging-writes"
    status_out = CliRunner().invoke(main, ["rollout", "status", str(path)])
    assert "staging-writes" in status_out.stdout and "next: narrow-production-writes" in status_out.stdout


def _append_many(args: tuple[str, int, int]) -> None:
    ledger, worker, count = args
    for i in range(count):
        def build(state, i=i):
            return {"time": f"2026-11-24T00:00:{i:02d}+00:00", "action": "hold", "actor": {"name": f"w{worker}"},
                    "from_stage": "propose", "to_stage": "propose", "reason": f"worker {worker} entry {i}"}
        append_entry(Path(ledger), build)


def test_concurrent_appends_lose_nothing(tmp_path: Path) -> None:
    ledger = tmp_path / ".parr" / "ledger.jsonl"
    workers, per_worker = 4, 25
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(workers) as pool:
        pool.map(_append_many, [(str(ledger), w, per_worker) for w in range(workers)])
    entries = read_ledger(ledger).entries
    assert len(entries) == workers * per_worker
    assert [e.seq for e in entries] == list(range(1, workers * per_worker + 1))
    assert {e.reason for e in entries} == {f"worker {w} entry {i}" for w in range(workers) for i in range(per_worker)}
    assert verify_entries(ledger.read_bytes(), str(ledger)) == []
