"""Staged rollout: promote one stage at a time behind the checks, roll back any time, hold, verify."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from parr import __version__
from parr.checklist import Checklist, GraduationRule, default_checklist_paths, load_checklist
from parr.errors import ParrInputError
from parr.facts import Facts, gather_facts
from parr.git_safe import run_git
from parr.gitinfo import GitContext, git_context
from parr.ledger import (
    LEDGER_DIR,
    MAX_UNCOMMITTED_SHOWN,
    CheckDigest,
    Entry,
    EvidenceDigest,
    LedgerError,
    LedgerState,
    VerifyProblem,
    append_entry,
    ledger_path,
    load_json,
    read_ledger,
    read_raw,
    split_lines,
    verify_entries,
)
from parr.ledger_signing import ALLOWED_SIGNERS, SigningError, check_signature, resolve_key, sign, ssh_keygen
from parr.manifest.loader import MANIFEST_NAME, LoadedManifest, find_manifest, load_manifest
from parr.stages import STAGE_ORDER, Stage
from parr.verdict import Report, evaluate


class RolloutRefused(Exception):
    """A promotion the rules do not allow right now: exit 1 with the reasons."""

    def __init__(self, reasons: list[str], report: Report | None = None) -> None:
        super().__init__(reasons[0])
        self.reasons = reasons
        self.report = report


@dataclass(frozen=True)
class RolloutContext:
    manifest_path: Path
    ledger: Path
    git: GitContext
    now: dt.datetime
    checklist_files: tuple[Path, ...] = ()
    sign_key: str | None = None  # --sign-key; else the user's global git user.signingkey

    @property
    def root(self) -> Path:
        """What the ledger may not lead out of: the git repository, else the manifest's directory."""
        return self.git.root if self.git.root is not None else self.manifest_path.parent

    @property
    def allowed_signers(self) -> Path:
        return self.ledger.parent / ALLOWED_SIGNERS

    @property
    def today(self) -> dt.date:
        return self.now.date()

    @property
    def loaded(self) -> LoadedManifest:
        # Loaded on demand: a rollback (the kill switch) must work even when parr.yaml is broken.
        return load_manifest(self.manifest_path)

    @property
    def checklist(self) -> Checklist:
        return load_checklist(list(self.checklist_files))


def open_rollout(path: Path, manifest: Path | None = None, checklist_files: tuple[Path, ...] = (),
                 now: dt.datetime | None = None, *, sign_key: str | None = None,
                 for_rollback: bool = False) -> RolloutContext:
    if for_rollback and manifest is None and path.is_dir() and os.path.lexists(path / LEDGER_DIR):
        # The kill switch works with parr.yaml gone: the ledger beside where it was is enough.
        manifest_path = path / MANIFEST_NAME
    else:
        manifest_path = find_manifest(path, manifest)
    return RolloutContext(
        manifest_path=manifest_path,
        ledger=ledger_path(manifest_path),
        git=git_context(manifest_path),
        now=now or dt.datetime.now(dt.timezone.utc),
        checklist_files=tuple(checklist_files),
        sign_key=sign_key,
    )


def current_stage(manifest_path: Path) -> Stage:
    """The ledger's stage for this manifest; propose when there is no ledger yet."""
    git = git_context(manifest_path)
    return read_ledger(ledger_path(manifest_path), git.root or manifest_path.parent).stage


def _check(ctx: RolloutContext, stage: Stage, loaded: LoadedManifest, checklist: Checklist) -> tuple[Report, Facts]:
    # The same judgement as `parr check`: with the code scanned, so no code check passes as "not scanned".
    facts = gather_facts(loaded, today=ctx.today, scan_code=True)
    return evaluate(checklist, facts, stage), facts


def _digest(report: Report) -> CheckDigest:
    body = report.model_dump(mode="json")
    digest = hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
    counts = report.counts()
    return CheckDigest(
        stage=report.stage,
        verdict=report.verdict,
        digest=digest,
        passed=counts["pass"],
        blocking=counts["blocking"],
        warnings=counts["fail"] + counts["error"] - counts["blocking"],
    )


def _base_fields(ctx: RolloutContext, action: str, from_stage: Stage, to_stage: Stage, reason: str) -> dict[str, Any]:
    if not reason or not reason.strip():
        raise ParrInputError(f"`parr rollout {action}` needs --reason TEXT; the ledger records why.")
    return {
        "time": ctx.now.isoformat(timespec="seconds"),
        "action": action,
        "actor": {"name": ctx.git.actor_name, "email": ctx.git.actor_email},
        "commit": ctx.git.commit,
        "dirty": ctx.git.dirty,
        "from_stage": from_stage.value,
        "to_stage": to_stage.value,
        "reason": reason.strip(),
    }


# ---- who is who: roles and four eyes ---------------------------------------------------------


def _role_holders(loaded: LoadedManifest, role: str) -> set[str]:
    agent = loaded.manifest.agent
    if role == "dri":
        if agent.dri is None:
            return set()
        return {v for v in (agent.dri.name, agent.dri.handle, agent.dri.email) if v}
    owner = getattr(agent.owners, role, None)
    return {owner} if owner else set()


def _norm(identity: str) -> str:
    return identity.strip().lstrip("@").casefold()


def _people(loaded: LoadedManifest) -> list[set[str]]:
    """Every person parr.yaml names with more than one identifier (name, handle, e-mail)."""
    agent = loaded.manifest.agent
    people = []
    for person in (agent.dri, agent.dri.backup if agent.dri else None):
        if person is not None:
            people.append({_norm(v) for v in (person.name, person.handle, person.email) if v})
    return people


def _identities(names: set[str], people: list[set[str]]) -> set[str]:
    """`names`, plus every other identifier of the parr.yaml people they match."""
    known = {_norm(v) for v in names if v}
    for person in people:
        if known & person:
            known |= person
    return known


def same_person(ctx: RolloutContext, loaded: LoadedManifest, approver: str) -> bool:
    """Whether `approver` is the person running the promotion: by git name or e-mail, or by any
    identifier parr.yaml lists for the same person."""
    return _norm(approver) in _identities({ctx.git.actor_name, ctx.git.actor_email or ""}, _people(loaded))


def _graduation_problems(ctx: RolloutContext, state: LedgerState, target: Stage, rule: GraduationRule,
                         approver: str | None, facts: Facts) -> list[str]:
    """Time in the previous stage, the approver's role, eval pass rates: what the checklist demands."""
    problems = []
    since = state.last_move
    if rule.min_days_in_previous and since is not None:
        days = (ctx.now - since.moment).total_seconds() / 86400
        if days < rule.min_days_in_previous:
            problems.append(
                f"{target.value} needs {rule.min_days_in_previous:g} days in {state.stage.value}; "
                f"the agent has been there {days:.1f} days (since {since.time})"
            )
    if rule.approver_roles:
        allowed = set().union(*(_role_holders(facts.loaded, r) for r in rule.approver_roles))
        roles = " or ".join(rule.approver_roles)
        if approver is None:
            problems.append(f"{target.value} needs --approver, the {roles} ({', '.join(sorted(allowed)) or 'none named in parr.yaml'})")
        elif approver not in allowed:
            problems.append(f"approver '{approver}' is not the {roles} named in parr.yaml ({', '.join(sorted(allowed)) or 'none'})")
    for suite, minimum in sorted(rule.min_pass_rate.items()):
        fact = facts.eval_results.get(suite)
        rate = fact.pass_rate if fact and fact.exists and not fact.error else None
        if rate is None:
            problems.append(f"{target.value} needs {suite} eval results with a pass rate of at least {minimum:.0%}; none are readable")
        elif rate < minimum:
            problems.append(f"{target.value} needs a {suite} pass rate of at least {minimum:.0%}; the results show {rate:.1%}")
    return problems


# ---- what the verdict read, as committed ----------------------------------------------------


def evidence_files(ctx: RolloutContext, loaded: LoadedManifest) -> list[Path]:
    """Every file the verdict reads from the repository or the command line, in a stable order."""
    from parr.manifest.references import referenced_files

    named = referenced_files(loaded.manifest)
    files = [ctx.manifest_path, *(loaded.resolve(n) for n in named), *ctx.checklist_files]
    seen: set[str] = set()
    unique = []
    for path in files:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def _sha256(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def _evidence(ctx: RolloutContext, loaded: LoadedManifest) -> tuple[list[EvidenceDigest], list[str]]:
    """Digests of the files the verdict read, and why any of them is not committed as it is."""
    digests: list[EvidenceDigest] = []
    problems: list[str] = []
    for path in evidence_files(ctx, loaded):
        if not path.is_file():
            continue  # a declared file that is missing: the checks that read it say so
        rel = ctx.git.relative(path)
        if rel is not None:
            state = ctx.git.file_state(path)
            shown = rel
        else:
            other = git_context(path)  # an organisation checklist kept in its own repository
            state = other.file_state(path) if other.root is not None else "outside any git repository"
            shown = str(path)
        if state is not None:
            problems.append(f"{shown}: {state}; the ledger can only certify files committed as they are")
        digest = _sha256(path)
        if digest is not None:
            committed = ctx.git.head_tree.get(rel) if rel is not None and ctx.git.head_tree else None
            digests.append(EvidenceDigest(path=shown, sha256=digest, blob=committed.oid if committed else None,
                                          in_repository=rel is not None))
    # The checklist parr ships judged too: recorded (with parr's version) so a verdict can be traced
    # to the items it applied, though no commit of this repository holds them.
    for shipped in default_checklist_paths():
        digest = _sha256(shipped)
        if digest is not None:
            digests.append(EvidenceDigest(path=f"parr {__version__}: checklists/{shipped.name}", sha256=digest,
                                          in_repository=False))
    return digests, problems


# ---- signing --------------------------------------------------------------------------------


def _signer(ctx: RolloutContext, *, required: bool) -> Callable[[bytes], str] | None:
    """How to sign this entry: with --sign-key or the user's global signing key, whenever one is
    given or the repository lists allowed signers. `required`: a missing key is refused."""
    wanted = ctx.sign_key is not None or os.path.isfile(ctx.allowed_signers)
    if not wanted:
        return None
    key = resolve_key(ctx.sign_key)
    if key is None:
        if required:
            raise RolloutRefused([f"{ctx.allowed_signers} lists who may sign ledger entries; pass --sign-key KEY "
                                  "or set your global git user.signingkey"])
        return None
    return lambda payload: sign(payload, key)


def _append(ctx: RolloutContext, build: Callable[[LedgerState], dict[str, Any]], *, lenient: bool = False,
            signer: Callable[[bytes], str] | None = None) -> Entry:
    try:
        return append_entry(ctx.ledger, build, ctx.root, lenient=lenient, sign=signer)
    except SigningError as exc:
        raise RolloutRefused([f"the entry was not recorded: {exc}"]) from None


# ---- the commands ---------------------------------------------------------------------------


def promote(ctx: RolloutContext, *, reason: str, to: Stage | None = None, approver: str | None = None,
            allow_dirty: bool = False) -> tuple[Entry, Report]:
    """Move one stage on. Every reason to refuse is gathered and given at once."""
    state = read_ledger(ctx.ledger, ctx.root)
    current = state.stage
    if current is Stage.AUTONOMOUS:
        raise RolloutRefused(["the agent is already autonomous; there is no stage to promote to"])
    following = STAGE_ORDER[current.rank + 1]
    target = to or following
    if target.rank <= current.rank:
        raise ParrInputError(f"{target.value} is not after {current.value}; use `parr rollout rollback --to {target.value}`.")
    if target is not following:
        raise RolloutRefused([f"promotion goes one stage at a time: {current.value} → {following.value}, not {target.value}"])
    if not reason or not reason.strip():
        raise ParrInputError("`parr rollout promote` needs --reason TEXT; the ledger records why.")
    reasons: list[str] = []
    raw = read_raw(ctx.ledger, ctx.root)
    if raw is not None:
        # A promotion never builds on a tampered ledger: it would carry the forgery forward.
        broken = [p for p in verify_entries(raw, str(ctx.ledger), ctx.git.committed_file(ctx.ledger)) if p.failing]
        reasons += [f"{ctx.ledger}:{p.line}: {p.message}; run `parr rollout verify`" for p in broken]
    if state.held is not None:
        hold = state.held
        reasons.append(f"promotion is on hold since {hold.time} by {hold.actor.name}: {hold.reason}; "
                       "`parr rollout release` lifts it")
    loaded, checklist = ctx.loaded, ctx.checklist
    if ctx.git.root is None or ctx.git.commit is None:
        reasons.append(f"{ctx.git.note or 'the repository has no commit yet'}: no commit can hold the files this "
                       "verdict reads, so the ledger could not certify it; commit the agent to git")
        evidence: list[EvidenceDigest] = []
        uncommitted = []
    else:
        evidence, unsettled = _evidence(ctx, loaded)
        reasons += unsettled
        worktree = ctx.git.worktree
        certified = {e.path for e in evidence if e.in_repository}
        others = [p for p in worktree.changed if p not in certified and not p.startswith(".parr/") and "/.parr/" not in p]
        uncommitted = [worktree.problem] if worktree.problem else others
        if worktree.problem and not allow_dirty:
            reasons.append(f"{worktree.problem}, so parr cannot tell whether the tree is clean; repair it "
                           "(`git read-tree HEAD` rebuilds a lost index) or pass --allow-dirty (recorded)")
        elif others and not allow_dirty:
            shown = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
            reasons.append(f"the working tree has uncommitted changes ({shown}); commit them or pass --allow-dirty (recorded)")
    report, facts = _check(ctx, target, loaded, checklist)
    reasons += [f"{r.item.id} {r.item.title}: {r.findings[0].message if r.findings else ''}".rstrip(": ")
                for r in report.blocking]
    rule = checklist.graduation.get(target)
    if rule is not None:
        reasons += _graduation_problems(ctx, state, target, rule, approver, facts)
    if approver is not None and same_person(ctx, loaded, approver):
        reasons.append(f"approver '{approver}' is the person running the promotion ({ctx.git.actor_name}); "
                       "four eyes: someone else must approve, and run it or be named with --approver")
    signer = None
    try:
        signer = _signer(ctx, required=True)
    except RolloutRefused as refused:
        reasons += refused.reasons
    if reasons:
        raise RolloutRefused(reasons, report)

    def build(latest: LedgerState) -> dict[str, Any]:
        if latest.stage is not current or latest.head != state.head:
            raise RolloutRefused(["the ledger changed while the checks ran; run the promotion again"])
        fields = _base_fields(ctx, "promote", current, target, reason)
        fields.update(approver=approver, allow_dirty=allow_dirty, check=_digest(report).model_dump(mode="json"),
                      evidence=[e.model_dump(mode="json") for e in evidence])
        if allow_dirty and uncommitted:
            # --allow-dirty stays honest: what differed from the commit is in the entry itself.
            fields["uncommitted"] = uncommitted[:MAX_UNCOMMITTED_SHOWN]
        return fields

    return _append(ctx, build, signer=signer), report


@dataclass(frozen=True)
class RollbackOutcome:
    """A rollback as recorded: in the ledger, or (when the ledger could not take it) in a file
    of its own whose path is `recorded_in`."""

    entry: Entry | None
    recorded_in: Path
    warnings: tuple[str, ...] = ()

    @property
    def in_ledger(self) -> bool:
        return self.entry is not None


def rollback(ctx: RolloutContext, *, reason: str, to: Stage | None = None) -> RollbackOutcome:
    """Always allowed: it is the kill switch. No checks, no clean tree, no valid ledger needed.
    A ledger with unreadable lines is read around them (and, without --to, the rollback goes to
    propose: the stage they hid is unknown); a ledger that cannot be written at all leaves the
    rollback in a file beside the manifest (or in the temporary directory), and says where."""
    base = _base_fields(ctx, "rollback", Stage.PROPOSE, Stage.PROPOSE, reason)
    warnings: list[str] = []
    if ctx.git.note:
        warnings.append(f"{ctx.git.note}; recorded without a commit")

    def build(state: LedgerState) -> dict[str, Any]:
        current = state.stage
        if state.unreadable:
            lines = ", ".join(str(n) for n in state.unreadable[:10])
            warnings.append(f"{ctx.ledger}: line(s) {lines} are not ledger entries and were skipped; "
                            "run `parr rollout verify`")
            return {**base, "from_stage": current.value, "to_stage": (to or Stage.PROPOSE).value}
        if current is Stage.PROPOSE:
            raise ParrInputError("the agent is already in propose, the first stage; there is nothing to roll back.")
        target = to or STAGE_ORDER[current.rank - 1]
        if target.rank >= current.rank:
            raise ParrInputError(f"rollback goes to an earlier stage than {current.value}, not {target.value}.")
        return {**base, "from_stage": current.value, "to_stage": target.value}

    signer = _signer(ctx, required=False)
    if signer is None and os.path.isfile(ctx.allowed_signers):
        warnings.append("recorded unsigned: no --sign-key and no global git user.signingkey; "
                        "`parr rollout verify` will say so")

    def signed(payload: bytes) -> str:
        try:
            return signer(payload) if signer else ""
        except SigningError as exc:
            warnings.append(f"recorded unsigned: {exc}")  # the kill switch does not wait for a key
            return ""

    try:
        entry = append_entry(ctx.ledger, build, ctx.root, lenient=True, sign=signed)
        return RollbackOutcome(entry, ctx.ledger, tuple(warnings))
    except LedgerError as exc:
        problem = exc.problems[0]
    # The ledger cannot take it: keep the decision anyway, where it can be found and replayed.
    record = {"parr_rollback_not_in_ledger": str(ctx.ledger), "why": problem,
              **{k: v for k, v in base.items() if k != "from_stage"}, "to_stage": (to or Stage.PROPOSE).value}
    where = _write_aside(ctx, record)
    return RollbackOutcome(None, where, (*warnings, f"could not record the rollback in the ledger: {problem}"))


def _write_aside(ctx: RolloutContext, record: dict[str, Any]) -> Path:
    stamp = ctx.now.strftime("%Y%m%dT%H%M%SZ")
    name = f"parr-rollback-{stamp}-{os.getpid()}.json"
    text = json.dumps(record, sort_keys=True, ensure_ascii=False) + "\n"
    for directory in (ctx.manifest_path.parent, Path(tempfile.gettempdir())):
        target = directory / name
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
        except OSError:
            continue
        try:
            os.write(fd, text.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        return target
    raise LedgerError(f"could not record the rollback anywhere (not in {ctx.ledger}, not beside the manifest, not in "
                      f"the temporary directory); record it by hand: {text.strip()}")


def hold(ctx: RolloutContext, *, reason: str) -> Entry:
    """Freeze promotion. A brake, like rollback: signed when a key is at hand, never refused for
    want of one (`verify` then says the entry is unsigned)."""
    def build(state: LedgerState) -> dict[str, Any]:
        if state.held is not None:
            raise ParrInputError(f"promotion is already on hold since {state.held.time}: {state.held.reason}.")
        return _base_fields(ctx, "hold", state.stage, state.stage, reason)

    return _append(ctx, build, signer=_signer(ctx, required=False))


def release(ctx: RolloutContext, *, reason: str) -> Entry:
    def build(state: LedgerState) -> dict[str, Any]:
        if state.held is None:
            raise ParrInputError("promotion is not on hold; there is nothing to release.")
        return _base_fields(ctx, "release", state.stage, state.stage, reason)

    return _append(ctx, build, signer=_signer(ctx, required=True))


@dataclass(frozen=True)
class Status:
    agent_id: str
    stage: Stage
    since: Entry | None
    held: Entry | None
    next_stage: Stage | None
    next_report: Report | None
    graduation: list[str] = field(default_factory=list)
    git_note: str | None = None
    unanchored: int = 0  # entries no commit holds yet: only the file vouches for them


def status(ctx: RolloutContext) -> Status:
    state = read_ledger(ctx.ledger, ctx.root)
    committed = ctx.git.committed_file(ctx.ledger)
    unanchored = len(state.entries) - (len(split_lines(committed)[0]) if committed is not None else 0)
    nxt = STAGE_ORDER[state.stage.rank + 1] if state.stage is not Stage.AUTONOMOUS else None
    report = None
    graduation: list[str] = []
    loaded = ctx.loaded
    if nxt is not None:
        checklist = ctx.checklist
        report, facts = _check(ctx, nxt, loaded, checklist)
        rule = checklist.graduation.get(nxt)
        if rule is not None:
            graduation = [p for p in _graduation_problems(ctx, state, nxt, rule, None, facts) if "--approver" not in p]
            if rule.approver_roles:
                graduation.append(f"an approver: the {' or '.join(rule.approver_roles)}")
    return Status(
        agent_id=loaded.manifest.agent.id,
        stage=state.stage,
        since=state.last_move,
        held=state.held,
        next_stage=nxt,
        next_report=report,
        graduation=graduation,
        git_note=ctx.git.note,
        unanchored=max(unanchored, 0),
    )


def history(ctx: RolloutContext) -> tuple[Entry, ...]:
    return read_ledger(ctx.ledger, ctx.root).entries


def verify(ctx: RolloutContext, *, require_signed: bool = False) -> list[VerifyProblem]:
    """The chain, its anchoring in git, the signatures, and the files each promotion certified."""
    raw = read_raw(ctx.ledger, ctx.root)
    if raw is None:
        return []
    committed = ctx.git.committed_file(ctx.ledger)
    problems = verify_entries(raw, str(ctx.ledger), committed)
    if not split_lines(raw)[0]:
        return problems  # an empty ledger: nothing to anchor, sign or recheck
    if ctx.git.root is None or ctx.git.commit is None:
        problems.append(VerifyProblem(0, f"{ctx.git.note or 'no commit yet'}: no entry is anchored in a commit, so "
                                         "nothing but this file vouches for them", failing=False))
    elif committed is None:
        problems.append(VerifyProblem(1, "the ledger is not committed: every entry is unanchored; commit it", failing=False))
    state = read_ledger(ctx.ledger, ctx.root, lenient=True)
    numbers = _line_numbers(raw)
    anchored = len(split_lines(committed)[0]) if committed is not None else 0
    problems += _signature_problems(ctx, state, numbers, anchored, require_signed)
    problems += _evidence_problems(ctx, state, numbers)
    return sorted(problems, key=lambda p: (p.line, not p.failing))


def _line_numbers(raw: bytes) -> dict[str, int]:
    """Line number of each entry by its hash, so problems found on parsed entries point at lines."""
    numbers = {}
    for number, line in enumerate(split_lines(raw)[0], start=1):
        try:
            data = load_json(line)
        except ValueError:
            continue
        if isinstance(data, dict) and isinstance(data.get("hash"), str):
            numbers[data["hash"]] = number
    return numbers


def _allowed_signers(ctx: RolloutContext) -> tuple[bytes | None, str | None]:
    """The allowed signers as committed (a copy only on disk could have been written by anyone)."""
    committed = ctx.git.committed_file(ctx.allowed_signers)
    if committed is not None:
        return committed, None
    if os.path.isfile(ctx.allowed_signers):
        return None, f"{ctx.allowed_signers} is not committed, so it cannot vouch for any signature; commit it"
    return None, f"no {ctx.allowed_signers} lists who may sign ledger entries"


def _signed_from_line(ctx: RolloutContext, anchored: int) -> int | None:
    """How many ledger lines predate the repository's allowed signers: every later entry must be
    signed. None when HEAD lists no signers. Entries not committed yet always count as later."""
    rel = ctx.git.relative(ctx.allowed_signers)
    ledger_rel = ctx.git.relative(ctx.ledger)
    if rel is None or ledger_rel is None or ctx.git.commit is None or ctx.git.root is None:
        return None
    listed = run_git(["rev-list", "--reverse", ctx.git.commit, "--", rel], ctx.git.root)
    first = listed.text().split("\n")[0] if listed.ok else ""
    if not first:
        return None
    before = ctx.git.blob_at(first, ledger_rel)
    return min(anchored, len(split_lines(before)[0]) if before is not None else 0)


# A forged brake can only make the agent safer (or stop promotions, which a look at the ledger
# undoes); a forged promote or release is the attack. Brakes are also recorded without a key.
BRAKES = ("rollback", "hold")


def _signature_problems(ctx: RolloutContext, state: LedgerState, numbers: dict[str, int], anchored: int,
                        required: bool) -> list[VerifyProblem]:
    """Signatures checked against the committed allowed signers. An entry must be signed when
    signatures are required, when an entry before it is signed, or when it was written after the
    repository started listing allowed signers (parr would have signed it: it was forged, or
    written without the key). An unsigned brake (rollback, hold) there is said, not failed,
    unless signatures are required."""
    signers, why_not = _allowed_signers(ctx)
    signed_from = _signed_from_line(ctx, anchored) if signers is not None else None
    if not (required or any(e.signature for e in state.entries) or signed_from is not None):
        return []
    if ssh_keygen() is None:
        return [VerifyProblem(0, "ssh-keygen is not installed, so no signature can be checked", failing=required)]
    problems: list[VerifyProblem] = []
    try:
        people = _people(ctx.loaded)
    except ParrInputError:
        people = []  # a broken parr.yaml: only the principal itself is matched
    seen_signed = False
    for entry in state.entries:
        line = numbers.get(entry.hash, 0)
        if not entry.signature:
            if required:
                problems.append(VerifyProblem(line, f"entry {entry.seq} is not signed, and signatures are required"))
                continue
            if seen_signed:
                why = "though entries before it are"
            elif signed_from is not None and line > signed_from:
                why = f"though it was written after the repository listed allowed signers in {ALLOWED_SIGNERS}"
            else:
                continue
            brake = entry.action in BRAKES
            problems.append(VerifyProblem(line, f"entry {entry.seq} ({entry.action}) is not signed, {why}"
                                                + (" (a brake, recorded without a key?)" if brake else
                                                   " (appended by hand, or without the signing key?)"),
                                          failing=not brake))
            continue
        seen_signed = True
        if signers is None:
            problems.append(VerifyProblem(line, f"entry {entry.seq} is signed, but {why_not}", failing=required))
            continue
        result = check_signature(entry.signed_payload(), entry.signature, signers)
        if not result.valid:
            problems.append(VerifyProblem(line, f"entry {entry.seq}: {result.problem}"))
        elif entry.approver and result.principal and _norm(entry.approver) in _identities({result.principal}, people):
            # A git name is anyone's to set; the signing key is not: four eyes, checked on the key.
            problems.append(VerifyProblem(line, f"entry {entry.seq} was signed by {result.principal}, who is also "
                                                f"its approver ({entry.approver}): four eyes"))
    return problems


def _evidence_problems(ctx: RolloutContext, state: LedgerState, numbers: dict[str, int]) -> list[VerifyProblem]:
    """Each promotion's recorded file digests, rechecked against the blobs of its recorded commit."""
    problems: list[VerifyProblem] = []
    if ctx.git.root is None:
        return problems
    for entry in state.entries:
        if not entry.evidence or not entry.commit:
            continue
        number = numbers.get(entry.hash, 0)
        if not ctx.git.has_commit(entry.commit):
            problems.append(VerifyProblem(number, f"entry {entry.seq}: commit {entry.commit[:12]} is not in this clone, "
                                                  "so the files it certified cannot be rechecked", failing=False))
            continue
        for item in entry.evidence:
            if not item.in_repository:
                continue
            at = f"{item.path} in commit {entry.commit[:12]}"
            listed = ctx.git.tree_entry(entry.commit, item.path)
            if listed is None:
                problems.append(VerifyProblem(number, f"entry {entry.seq}: {item.path} is not in commit "
                                                      f"{entry.commit[:12]}, though the promotion certified it"))
                continue
            if item.blob is not None and listed.oid != item.blob:
                problems.append(VerifyProblem(number, f"entry {entry.seq}: {at} is not the file the promotion "
                                                      "judged (object id differs)"))
                continue
            blob = ctx.git.blob_at(entry.commit, item.path)
            if blob is None:
                # A partial clone lacks the content; parr never fetches it (that could run a transport).
                problems.append(VerifyProblem(number, f"entry {entry.seq}: {at} is not in this clone (a partial "
                                                      "clone?), so its digest cannot be rechecked", failing=False))
            elif hashlib.sha256(blob).hexdigest() != item.sha256:
                problems.append(VerifyProblem(number, f"entry {entry.seq}: {at} is not the file the promotion "
                                                      "judged (digest differs)"))
    return problems
