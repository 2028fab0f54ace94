"""Signed ledger entries (ssh-keygen -Y, as git signs commits): a forged entry with a correctly
recomputed chain is caught when it is unsigned among signed ones, signed by a stranger, or when
signatures are required (issue 20, "Forged ledger entries")."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from parr.cli import main
from parr.ledger import append_entry, read_ledger, seal
from parr.ledger_signing import NAMESPACE
from parr.rollout import open_rollout, promote
from tests.conftest import build_repo

pytestmark = pytest.mark.skipif(shutil.which("ssh-keygen") is None or shutil.which("git") is None,
                                reason="ssh-keygen and git are needed to sign and check ledger entries")

T0 = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.timezone.utc)


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)


def _key(tmp_path: Path, name: str) -> Path:
    key = tmp_path / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)], check=True)
    return key


@pytest.fixture
def signed_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # no global user.signingkey from the real user
    (tmp_path / "home").mkdir()
    key = _key(tmp_path, "sam")
    public = (tmp_path / "sam.pub").read_text().split()
    path = build_repo(tmp_path / "agent", files={
        ".parr/allowed_signers": f'sam@example.com namespaces="{NAMESPACE}" {public[0]} {public[1]}\n'})
    _git(path, "init", "-q")
    _git(path, "config", "user.name", "Sam Okafor")
    _git(path, "config", "user.email", "sam@example.com")
    _git(path, "add", "-A")
    assert _git(path, "commit", "-qm", "agent").returncode == 0
    return path, key


def _commit(path: Path) -> None:
    _git(path, "add", "-A")
    _git(path, "commit", "-qm", "ledger")


def _verify(path: Path, *extra: str):
    return CliRunner().invoke(main, ["rollout", "verify", str(path), *extra])


def _forge(path: Path) -> None:
    """A hold appended by hand with a correctly recomputed chain, as anyone with write access could."""
    append_entry(path / ".parr" / "ledger.jsonl", lambda s: {
        "time": "2026-11-25T09:00:00+00:00", "action": "release", "actor": {"name": "Mallory"},
        "from_stage": s.stage.value, "to_stage": s.stage.value, "reason": "forged"})


def test_signed_entries_verify_and_a_forged_unsigned_one_is_caught(signed_repo) -> None:
    path, key = signed_repo
    entry, _ = promote(open_rollout(path, now=T0, sign_key=str(key)), reason="ready", approver="@priya")
    assert entry.signature and "BEGIN SSH SIGNATURE" in entry.signature
    _commit(path)
    ok = _verify(path, "--require-signed")
    assert ok.exit_code == 0, ok.output
    _forge(path)
    bad = _verify(path)
    assert bad.exit_code == 1
    assert "entry 2 (release) is not signed, though entries before it are" in bad.stdout
    assert "entry 2 unanchored" in bad.stdout


def test_an_entry_signed_by_a_key_not_in_the_allowed_signers_is_caught(signed_repo, tmp_path: Path) -> None:
    path, key = signed_repo
    promote(open_rollout(path, now=T0, sign_key=str(key)), reason="ready", approver="@priya")
    stranger = _key(tmp_path, "mallory")
    CliRunner().invoke(main, ["rollout", "hold", str(path), "--reason", "x", "--sign-key", str(stranger)])
    assert len(read_ledger(path / ".parr" / "ledger.jsonl").entries) == 2
    bad = _verify(path)
    assert bad.exit_code == 1 and "entry 2: signed by a key that is not in the allowed signers" in bad.stdout


def test_an_edited_signed_entry_with_a_recomputed_hash_is_caught(signed_repo) -> None:
    path, key = signed_repo
    promote(open_rollout(path, now=T0, sign_key=str(key)), reason="ready", approver="@priya")
    ledger = path / ".parr" / "ledger.jsonl"
    data = json.loads(ledger.read_text())
    data["reason"] = "approved by the board"
    data.pop("hash")
    ledger.write_text(json.dumps(seal({k: v for k, v in data.items()}).model_dump(mode="json")) + "\n")
    bad = _verify(path)
    assert bad.exit_code == 1 and "entry 1: the signature does not match the entry" in bad.stdout


def test_required_signatures_fail_unsigned_ledgers_and_a_missing_ssh_keygen(signed_repo, monkeypatch) -> None:
    path, _ = signed_repo
    (path / ".parr" / "allowed_signers").unlink()
    _commit(path)  # no allowed signers in HEAD any more
    _forge(path)
    assert _verify(path).exit_code == 0  # not required: an unsigned ledger is a plain chain
    required = _verify(path, "--require-signed")
    assert required.exit_code == 1 and "entry 1 is not signed, and signatures are required" in required.stdout
    monkeypatch.setattr("parr.rollout.ssh_keygen", lambda: None)
    missing = _verify(path, "--require-signed")
    assert missing.exit_code == 1 and "ssh-keygen is not installed" in missing.stdout


def test_where_signers_are_listed_a_write_without_a_key_is_refused_but_rollback_records(signed_repo) -> None:
    path, key = signed_repo
    runner = CliRunner()
    refused = runner.invoke(main, ["rollout", "promote", str(path), "--reason", "x", "--approver", "@priya"])
    assert refused.exit_code == 1 and "pass --sign-key KEY or set your global git user.signingkey" in refused.stderr
    promote(open_rollout(path, now=T0, sign_key=str(key)), reason="ready", approver="@priya")
    braked = runner.invoke(main, ["rollout", "hold", str(path), "--reason", "brake"])  # a brake is never refused
    assert braked.exit_code == 0 and "recorded unsigned" in braked.stderr, braked.output
    runner.invoke(main, ["rollout", "release", str(path), "--reason", "ok", "--sign-key", str(key)])
    rolled = runner.invoke(main, ["rollout", "rollback", str(path), "--reason", "stop"])
    assert rolled.exit_code == 0 and "recorded unsigned" in rolled.stderr, rolled.output
    # Signed with the user's global git key when no option is given.
    _git(Path.home(), "config", "--global", "user.signingkey", str(key))
    held = runner.invoke(main, ["rollout", "hold", str(path), "--reason", "freeze"])
    assert held.exit_code == 0 and "[signed]" in held.stdout, held.output


def test_a_repository_config_never_chooses_the_signing_program_or_key(signed_repo, tmp_path: Path) -> None:
    path, key = signed_repo
    marker = tmp_path / "MARKER"
    _git(path, "config", "gpg.ssh.program", f"sh -c 'touch {marker}'")
    _git(path, "config", "user.signingkey", str(_key(tmp_path, "repo-key")))
    refused = CliRunner().invoke(main, ["rollout", "promote", str(path), "--reason", "x", "--approver", "@priya"])
    assert refused.exit_code == 1 and "--sign-key" in refused.stderr  # the repository's user.signingkey is not the user's
    assert not marker.exists()


def test_an_unsigned_entry_is_caught_once_signers_are_listed_committed_or_not(signed_repo) -> None:
    """No entry signed yet, but the repository lists allowed signers: a hand-appended entry is
    caught before it is committed, and after (a reviewer missed it); an unsigned brake is said."""
    path, _ = signed_repo
    _forge(path)
    bad = _verify(path)
    assert bad.exit_code == 1
    _commit(path)
    assert _verify(path).exit_code == 1
    CliRunner().invoke(main, ["rollout", "hold", str(path), "--reason", "brake"])
    said = _verify(path)
    assert "entry 2 (hold) is not signed" in said.stdout and "note: entry 2 (hold)" in said.stdout
    assert ("entry 1 (release) is not signed, though it was written after the repository listed allowed signers"
            in bad.stdout)


def test_four_eyes_is_checked_on_the_signing_key_not_the_git_name(signed_repo) -> None:
    """The runner set a git name that is not hers; the key she signed with says who she is."""
    path, key = signed_repo
    data = (path / "parr.yaml").read_text().replace('handle: "@priya"', 'handle: "@priya"\n    email: sam@example.com', 1)
    (path / "parr.yaml").write_text(data)
    _commit(path)
    _git(path, "config", "user.name", "Someone Else")
    _git(path, "config", "user.email", "else@example.com")
    promote(open_rollout(path, now=T0, sign_key=str(key)), reason="ready", approver="@priya")
    bad = _verify(path)
    assert bad.exit_code == 1 and "entry 1 was signed by sam@example.com, who is also its approver (@priya)" in bad.stdout


def test_a_signature_nobody_can_check_is_said_and_fails_only_when_required(signed_repo) -> None:
    path, key = signed_repo
    (path / ".parr" / "allowed_signers").unlink()
    _commit(path)
    promote(open_rollout(path, now=T0, sign_key=str(key)), reason="ready", approver="@priya")
    said = _verify(path)
    assert said.exit_code == 0 and "note: entry 1 is signed, but no" in said.stdout, said.output
    assert _verify(path, "--require-signed").exit_code == 1
