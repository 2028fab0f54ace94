"""SSH signatures on ledger entries, made and checked the way git signs commits (`ssh-keygen -Y`).

A hash chain shows that entries were not edited, but anyone who can write the file can append an
entry with a correctly recomputed chain. A signature ties an entry to a key listed in the
repository's committed `.parr/allowed_signers` (the format of git's gpg.ssh.allowedSignersFile).
The program is always `ssh-keygen` from PATH, and the key comes from the command line or the
user's own global git `user.signingkey`: never a program or key named by the repository's config.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

NAMESPACE = "parr-ledger"
ALLOWED_SIGNERS = "allowed_signers"  # in .parr/, beside the ledger
SIGN_TIMEOUT_SECONDS = 120


class SigningError(Exception):
    """An entry could not be signed; the message says why in one sentence."""


def ssh_keygen() -> str | None:
    return shutil.which("ssh-keygen")


def resolve_key(option: str | None) -> str | None:
    """The signing key file: --sign-key, else the user's global `user.signingkey` (a path)."""
    if option:
        return os.path.expanduser(option)
    from parr.gitinfo import global_config

    configured = global_config("user.signingkey")
    if configured is None:
        return None
    if configured.startswith("key::"):
        return configured  # a literal public key; ssh-agent must hold the private half
    return os.path.expanduser(configured)


def sign(payload: bytes, key: str) -> str:
    """An armored SSH signature over `payload` in parr's namespace."""
    program = ssh_keygen()
    if program is None:
        raise SigningError("ssh-keygen is not installed, so the entry cannot be signed")
    with tempfile.TemporaryDirectory(prefix="parr-sign-") as scratch:
        key_file = key
        if key.startswith("key::"):
            key_file = os.path.join(scratch, "key.pub")
            Path(key_file).write_text(key.removeprefix("key::") + "\n")
        elif not os.path.isfile(key):
            raise SigningError(f"the signing key {key} is not a file")
        data = os.path.join(scratch, "entry")
        Path(data).write_bytes(payload)
        try:
            done = subprocess.run([program, "-Y", "sign", "-n", NAMESPACE, "-f", key_file, data],
                                  capture_output=True, stdin=subprocess.DEVNULL, timeout=SIGN_TIMEOUT_SECONDS, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise SigningError(f"ssh-keygen could not sign: {exc}") from None
        if done.returncode != 0:
            why = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise SigningError(f"ssh-keygen could not sign with {key}: {why[-1] if why else done.returncode}")
        return Path(data + ".sig").read_text()


@dataclass(frozen=True)
class SignatureCheck:
    valid: bool
    principal: str | None = None
    problem: str | None = None


def check_signature(payload: bytes, signature: str, allowed_signers: bytes) -> SignatureCheck:
    """Whether `signature` over `payload` was made by a key in `allowed_signers` (its text)."""
    program = ssh_keygen()
    if program is None:
        return SignatureCheck(False, problem="ssh-keygen is not installed, so the signature cannot be checked")
    with tempfile.TemporaryDirectory(prefix="parr-verify-") as scratch:
        signers = os.path.join(scratch, "allowed_signers")
        sig = os.path.join(scratch, "entry.sig")
        Path(signers).write_bytes(allowed_signers)
        Path(sig).write_text(signature)
        try:
            found = subprocess.run([program, "-Y", "find-principals", "-s", sig, "-f", signers],
                                   capture_output=True, stdin=subprocess.DEVNULL, timeout=SIGN_TIMEOUT_SECONDS, check=False)
            principals = found.stdout.decode("utf-8", "replace").split() if found.returncode == 0 else []
            if not principals:
                return SignatureCheck(False, problem="signed by a key that is not in the allowed signers")
            for principal in principals:
                checked = subprocess.run([program, "-Y", "verify", "-f", signers, "-I", principal, "-n", NAMESPACE, "-s", sig],
                                         input=payload, capture_output=True, timeout=SIGN_TIMEOUT_SECONDS, check=False)
                if checked.returncode == 0:
                    return SignatureCheck(True, principal=principal)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return SignatureCheck(False, problem=f"ssh-keygen could not check the signature: {exc}")
    return SignatureCheck(False, problem="the signature does not match the entry (edited after signing?)")
