"""The ledger certifies what was judged (issue 19, item 6): committed evidence only, its digests
recorded and rechecked from the recorded commit, every refusal reason at once, four eyes."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from parr.cli import main
from parr.ledger import entry_hash, read_ledger
from parr.rollout import RolloutRefused, hold, open_rollout, promote, verify
from tests.conftest import build_repo

T0 = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.timezone.utc)


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)


def _repo(tmp_path: Path, name: str = "Sam Okafor", email: str = "sam@example.com") -> Path:
    path = build_repo(tmp_path / "agent")
    _git(path, "init", "-q")
    _git(path, "config", "user.name", name)
    _git(path, "config", "user.email", email)
    _commit(path, "agent")
    return path


def _commit(path: Path, message: str) -> None:
    _git(path, "add", "-A")
    assert _git(path, "commit", "-qm", message).returncode == 0


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_promotion_records_a_digest_of_every_file_the_verdict_read(tmp_path: Path) -> None:
    path = _repo(tmp_path)
    entry, _ = promote(open_rollout(path, now=T0), reason="ready", approver="@priya")
    recorded = {e.path: e.sha256 for e in entry.evidence if e.in_repository}
    expected = ["parr.yaml", "policies/refunds.cedar", "evals/regression.xml", "evals/scenario.xml",
                "evals/adversarial.json", "traces/sample.jsonl"]
    assert sorted(recorded) == sorted(expected)
    shipped = [e.path for e in entry.evidence if not e.in_repository]
    assert shipped and all(p.startswith("parr ") and "checklists/" in p for p in shipped)
    assert all(recorded[p] == _sha(path / p) for p in expected)
    _commit(path, "ledger")
    assert [p for p in verify(open_rollout(path)) if p.failing] == []


def test_verify_rechecks_certified_files_against_the_recorded_commit(tmp_path: Path) -> None:
    path = _repo(tmp_path)
    promote(open_rollout(path, now=T0), reason="ready", approver="@priya")
    ledger = path / ".parr" / "ledger.jsonl"
    # A forged edit with a recomputed hash: it claims the promotion judged another policy file.
    entry = json.loads(ledger.read_text())
    entry["evidence"] = [dict(e, sha256="ab" * 32) if e["path"] == "policies/refunds.cedar" else e for e in entry["evidence"]]
    entry.pop("hash")
    entry["hash"] = entry_hash(entry)
    ledger.write_text(json.dumps(entry) + "\n")
    problems = [p.message for p in verify(open_rollout(path)) if p.failing]
    assert problems == [f"entry 1: policies/refunds.cedar in commit {entry['commit'][:12]} is not the file the "
                        "promotion judged (digest differs)"]


def test_a_refused_promotion_lists_every_reason_at_once(tmp_path: Path) -> None:
    path = _repo(tmp_path)
    hold(open_rollout(path, now=T0), reason="INC-7")
    (path / "agent" / "main.py").write_text("# edited\n")
    data = yaml.safe_load((path / "parr.yaml").read_text())
    data["failsafes"]["kill_switch"].pop("how")
    (path / "parr.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    (path / "org.yaml").write_text("apiVersion: parr/v1\nkind: checklist\nname: acme\n")
    with pytest.raises(RolloutRefused) as refused:
        promote(open_rollout(path, checklist_files=(path / "org.yaml",), now=T0), reason="go")
    reasons = refused.value.reasons
    assert any(r.startswith("promotion is on hold since") for r in reasons)
    assert any(r.startswith("parr.yaml: changed since the commit") for r in reasons)
    assert any(r.startswith("org.yaml: not committed") for r in reasons)
    assert any("uncommitted changes (agent/main.py)" in r for r in reasons)
    assert any(r.startswith("FS-005 ") for r in reasons)
    assert any("needs --approver" in r for r in reasons)
    assert read_ledger(path / ".parr" / "ledger.jsonl").stage.value == "propose"


def test_a_checklist_outside_any_repository_cannot_be_certified(tmp_path: Path) -> None:
    path = _repo(tmp_path)
    org = tmp_path / "org.yaml"
    org.write_text("apiVersion: parr/v1\nkind: checklist\nname: acme\n")
    with pytest.raises(RolloutRefused) as refused:
        promote(open_rollout(path, checklist_files=(org,), now=T0), reason="go", approver="@priya")
    assert f"{org}: outside any git repository; the ledger can only certify files committed as they are" in refused.value.reasons


@pytest.mark.parametrize(("name", "email", "approver"), [
    ("Priya Natarajan", "p@example.com", "@priya"),          # git name is the DRI's name; approver her handle
    ("Priya Natarajan", "p@example.com", "priya natarajan"),  # the same name, other case
    ("Someone", "priya@example.com", "@priya"),               # e-mail parr.yaml lists for her
    ("Tomás Ruiz", "t@example.com", "@truiz"),                # the backup, by name then handle
])
def test_four_eyes_the_approver_is_not_the_runner(tmp_path: Path, name: str, email: str, approver: str) -> None:
    path = build_repo(tmp_path / "agent", patch={"agent": {"dri": {"email": "priya@example.com"}}})
    _git(path, "init", "-q")
    _git(path, "config", "user.name", name)
    _git(path, "config", "user.email", email)
    _commit(path, "agent")
    with pytest.raises(RolloutRefused) as refused:
        promote(open_rollout(path, now=T0), reason="go", approver=approver)
    assert any("four eyes" in r for r in refused.value.reasons), refused.value.reasons


def test_cli_verify_says_unanchored_entries_without_failing(tmp_path: Path) -> None:
    path = _repo(tmp_path)
    promote(open_rollout(path, now=T0), reason="ready", approver="@priya")
    _commit(path, "ledger")
    hold(open_rollout(path, now=T0), reason="freeze")
    result = CliRunner().invoke(main, ["rollout", "verify", str(path)])
    assert result.exit_code == 0, result.output
    assert ":2: note: entry 2 unanchored: not in any commit yet" in result.stdout
    assert "2 entries, chain intact" in result.stdout
    shown = CliRunner().invoke(main, ["rollout", "status", str(path)])
    assert "note: 1 ledger entry is not in any commit yet" in shown.stdout, shown.output


def test_promotion_judges_the_code_as_parr_check_does(tmp_path: Path) -> None:
    """An undeclared mutating tool is NO-GO in `parr check`; the promotion may not pass it as
    "the code was not scanned"."""
    path = build_repo(tmp_path / "agent", files={"agent/admin.py": (
        "from agents import function_tool\n\n\n@function_tool\ndef delete_customer(customer_id: str) -> str:\n"
        '    """Delete a customer and all their data."""\n    return "deleted"\n')})
    _git(path, "init", "-q")
    _git(path, "config", "user.name", "Sam Okafor")
    _git(path, "config", "user.email", "sam@example.com")
    _commit(path, "agent")
    with pytest.raises(RolloutRefused) as refused:
        promote(open_rollout(path, now=T0), reason="go", approver="@priya")
    assert any(r.startswith("CODE-001 ") and "delete_customer" in r for r in refused.value.reasons), refused.value.reasons
