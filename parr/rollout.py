"""Staged rollout: promote one stage at a time behind the checks, roll back any time, hold, verify."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parr.checklist import Checklist, GraduationRule, load_checklist
from parr.errors import ParrInputError
from parr.facts import Facts, gather_facts
from parr.gitinfo import GitContext, git_context
from parr.ledger import (
    CheckDigest,
    Entry,
    LedgerState,
    VerifyProblem,
    append_entry,
    ledger_path,
    read_ledger,
    verify_entries,
)
from parr.manifest.loader import LoadedManifest, find_manifest, load_manifest
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
                 now: dt.datetime | None = None) -> RolloutContext:
    manifest_path = find_manifest(path, manifest)
    return RolloutContext(
        manifest_path=manifest_path,
        ledger=ledger_path(manifest_path),
        git=git_context(manifest_path),
        now=now or dt.datetime.now(dt.timezone.utc),
        checklist_files=tuple(checklist_files),
    )


def current_stage(manifest_path: Path) -> Stage:
    """The ledger's stage for this manifest; propose when there is no ledger yet."""
    return read_ledger(ledger_path(manifest_path)).stage


def _check(ctx: RolloutContext, stage: Stage, loaded: LoadedManifest, checklist: Checklist) -> tuple[Report, Facts]:
    facts = gather_facts(loaded, today=ctx.today)
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


def _role_holders(loaded: LoadedManifest, role: str) -> set[str]:
    agent = loaded.manifest.agent
    if role == "dri":
        if agent.dri is None:
            return set()
        return {v for v in (agent.dri.name, agent.dri.handle, agent.dri.email) if v}
    owner = getattr(agent.owners, role, None)
    return {owner} if owner else set()


def _graduation_problems(ctx: RolloutContext, state: LedgerState, target: Stage, rule: GraduationRule,
                         approver: str | None, facts: Facts) -> list[str]:
    """Time in the previous stage, the approver's role, eval pass rates: what the checklist demands."""
    problems = []
    since = state.last_move
    entered = dt.datetime.fromisoformat(since.time) if since else None
    if rule.min_days_in_previous and entered is not None:
        days = (ctx.now - entered).total_seconds() / 86400
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


def promote(ctx: RolloutContext, *, reason: str, to: Stage | None = None, approver: str | None = None,
            allow_dirty: bool = False) -> tuple[Entry, Report]:
    state = read_ledger(ctx.ledger)
    current = state.stage
    if current is Stage.AUTONOMOUS:
        raise RolloutRefused(["the agent is already autonomous; there is no stage to promote to"])
    following = STAGE_ORDER[current.rank + 1]
    target = to or following
    if target.rank <= current.rank:
        raise ParrInputError(f"{target.value} is not after {current.value}; use `parr rollout rollback --to {target.value}`.")
    if target is not following:
        raise RolloutRefused([f"promotion goes one stage at a time: {current.value} → {following.value}, not {target.value}"])
    if state.held is not None:
        hold = state.held
        raise RolloutRefused([f"promotion is on hold since {hold.time} by {hold.actor.name}: {hold.reason}; `parr rollout release` lifts it"])
    if ctx.git.dirty and not allow_dirty:
        raise RolloutRefused(["the working tree has uncommitted changes; commit them or pass --allow-dirty (recorded)"])
    loaded, checklist = ctx.loaded, ctx.checklist
    report, facts = _check(ctx, target, loaded, checklist)
    reasons = [f"{r.item.id} {r.item.title}: {r.findings[0].message if r.findings else ''}".rstrip(": ")
               for r in report.blocking]
    rule = checklist.graduation.get(target)
    if rule is not None:
        reasons += _graduation_problems(ctx, state, target, rule, approver, facts)
    if reasons:
        raise RolloutRefused(reasons, report)

    def build(latest: LedgerState) -> dict[str, Any]:
        if latest.stage is not current or latest.head != state.head:
            raise RolloutRefused(["the ledger changed while the checks ran; run the promotion again"])
        fields = _base_fields(ctx, "promote", current, target, reason)
        fields.update(approver=approver or ctx.git.actor_name, allow_dirty=allow_dirty, check=_digest(report).model_dump(mode="json"))
        return fields

    return append_entry(ctx.ledger, build), report


def rollback(ctx: RolloutContext, *, reason: str, to: Stage | None = None) -> Entry:
    """Always allowed: it is the kill switch. No checks, no clean tree needed."""

    def build(state: LedgerState) -> dict[str, Any]:
        current = state.stage
        if current is Stage.PROPOSE:
            raise ParrInputError("the agent is already in propose, the first stage; there is nothing to roll back.")
        target = to or STAGE_ORDER[current.rank - 1]
        if target.rank >= current.rank:
            raise ParrInputError(f"rollback goes to an earlier stage than {current.value}, not {target.value}.")
        return _base_fields(ctx, "rollback", current, target, reason)

    return append_entry(ctx.ledger, build)


def hold(ctx: RolloutContext, *, reason: str) -> Entry:
    def build(state: LedgerState) -> dict[str, Any]:
        if state.held is not None:
            raise ParrInputError(f"promotion is already on hold since {state.held.time}: {state.held.reason}.")
        return _base_fields(ctx, "hold", state.stage, state.stage, reason)

    return append_entry(ctx.ledger, build)


def release(ctx: RolloutContext, *, reason: str) -> Entry:
    def build(state: LedgerState) -> dict[str, Any]:
        if state.held is None:
            raise ParrInputError("promotion is not on hold; there is nothing to release.")
        return _base_fields(ctx, "release", state.stage, state.stage, reason)

    return append_entry(ctx.ledger, build)


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


def status(ctx: RolloutContext) -> Status:
    state = read_ledger(ctx.ledger)
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
    )


def history(ctx: RolloutContext) -> tuple[Entry, ...]:
    return read_ledger(ctx.ledger).entries


def verify(ctx: RolloutContext) -> list[VerifyProblem]:
    if not ctx.ledger.exists():
        return []
    raw = ctx.ledger.read_bytes()
    committed = ctx.git.committed_file(ctx.ledger)
    return verify_entries(raw, str(ctx.ledger), committed)
