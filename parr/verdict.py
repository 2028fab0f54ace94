"""From facts to a verdict: run every enabled check, apply waivers, decide GO or NO-GO for a stage."""

from __future__ import annotations

import traceback
from collections import Counter
from typing import Literal

from pydantic import BaseModel, ConfigDict

from parr import __version__
from parr.checklist import Checklist, ChecklistItem
from parr.checks import REGISTRY
from parr.checks.base import READS, Error, Fail, NotApplicable, Pass
from parr.checks.rules import evaluate_rule
from parr.facts import Facts
from parr.finding_key import finding_key
from parr.findings import Finding, Outcome
from parr.manifest.models import AgentKind, OwnerDecision, Waiver
from parr.manifest.placeholders import read_matches
from parr.stages import Stage

REPORT_SCHEMA_VERSION = "1"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ItemResult(_Frozen):
    item: ChecklistItem
    outcome: Outcome
    blocking: bool
    findings: tuple[Finding, ...]
    waiver: Waiver | None = None
    # An owner's standing decision (parr.yaml `decisions`) that the item does not apply: it turns a
    # failure into the `decided` outcome, which never blocks and is shown in every report.
    decision: OwnerDecision | None = None
    # Why the item does not apply to the agent's declared kind (the checklist's `not_for_kinds`).
    not_applicable_reason: str | None = None


class SuppressionNote(_Frozen):
    """An inline `parr: ignore[ID] reason` that silenced a finding, or was refused for lacking a reason."""

    check: str
    file: str
    line: int
    reason: str
    accepted: bool


class WaiverNote(_Frozen):
    check: str
    kind: Literal["expired", "unused", "unknown_check", "placeholder"]
    message: str
    line: int | None = None


class DecisionNote(_Frozen):
    """Something about an owner's decision the report must say: it decides nothing (placeholder,
    unknown or unused), or it sets aside a critical security item at a stage where it would block."""

    check: str
    kind: Literal["placeholder", "unused", "unknown_check", "security_item"]
    message: str
    line: int | None = None


class Report(_Frozen):
    """One agent's verdict for one stage."""

    schema_version: str = REPORT_SCHEMA_VERSION
    parr_version: str = __version__
    manifest: str
    agent_id: str
    stage: Stage
    verdict: Literal["GO", "NO-GO"]
    results: tuple[ItemResult, ...]
    agent_kind: AgentKind | None = None
    waiver_notes: tuple[WaiverNote, ...] = ()
    decision_notes: tuple[DecisionNote, ...] = ()
    suppressions: tuple[SuppressionNote, ...] = ()
    disabled: tuple[str, ...] = ()

    def counts(self) -> dict[str, int]:
        tally = Counter(r.outcome for r in self.results)
        tally["blocking"] = sum(1 for r in self.results if r.blocking)
        return {k: tally.get(k, 0) for k in ("pass", "fail", "error", "waived", "decided", "not_applicable", "blocking",
                                             "baselined", "not_in_scope")}

    @property
    def blocking(self) -> tuple[ItemResult, ...]:
        return tuple(r for r in self.results if r.blocking)


def _suppressed(item: ChecklistItem, facts: Facts, file: str | None, line: int | None,
                notes: list[SuppressionNote]) -> dict | None:
    """The inline suppression that silences this finding, if one with a reason sits at its tool."""
    if file is None or line is None:
        return None
    for entry in facts.suppressions.get((file, line), ()):
        if item.id not in entry["ids"] and not set(item.aliases) & set(entry["ids"]):
            continue
        note = SuppressionNote(check=item.id, file=file, line=entry["line"], reason=entry["reason"], accepted=bool(entry["reason"]))
        if note not in notes:
            notes.append(note)
        if entry["reason"]:
            return entry
    return None


def item_reads(item: ChecklistItem) -> tuple[str, ...]:
    """The manifest fields a checklist item reads: its rule's path, or what its check declares."""
    if item.rule is not None:
        return (item.rule.path,)
    for check_id in (item.id, *item.aliases):
        if check_id in READS:
            return READS[check_id]
    return ()


def _placeholder_findings(item: ChecklistItem, facts: Facts) -> list[Finding]:
    """A check never passes on a value nobody decided: each placeholder in a field it reads fails it."""
    reads = item_reads(item)
    out = []
    manifest_file = str(facts.loaded.path)
    for placeholder in getattr(facts.loaded, "placeholders", ()):
        if any(read_matches(read, placeholder.path) for read in reads):
            shown = placeholder.value if len(placeholder.value) <= 40 else placeholder.value[:39] + "…"
            out.append(Finding(
                check_id=item.id, outcome="fail", file=manifest_file, line=placeholder.line or 1,
                message=f"{facts.loaded.path.name}:{placeholder.line or 1}: {placeholder.dotted} is a placeholder "
                        f"('{shown}'); write the real value",
                key=finding_key("is a placeholder", manifest=facts.manifest,
                                loc=tuple(placeholder.path))))
    return out


def _run_item(item: ChecklistItem, facts: Facts, notes: list[SuppressionNote] | None = None) -> list[Finding]:
    """Run one check; a check that crashes becomes an `error` finding, never a crash of the run."""
    return _placeholder_findings(item, facts) + _run_check(item, facts, notes)


def _run_check(item: ChecklistItem, facts: Facts, notes: list[SuppressionNote] | None = None) -> list[Finding]:
    if item.rule is not None:
        produce = lambda: evaluate_rule(item.rule, facts)  # noqa: E731
    else:
        fn = REGISTRY.get(item.id) or next((REGISTRY[a] for a in item.aliases if a in REGISTRY), None)
        if fn is None:
            return [Finding(check_id=item.id, outcome="error", message="no implementation is registered for this check")]
        produce = lambda: fn(facts)  # noqa: E731
    findings: list[Finding] = []
    manifest_file = str(facts.loaded.path)

    def key(message: str, loc: tuple[str | int, ...] = (), file: str | None = None) -> str:
        return finding_key(message, manifest=facts.manifest, loc=loc, file=file, root=facts.loaded.root,
                           manifest_file=manifest_file)

    try:
        for result in produce():
            if isinstance(result, Fail):
                if result.file is not None:
                    where, line = result.file, result.line
                else:
                    where, line = manifest_file, result.line or facts.loaded.line_of(*result.loc)
                suppression = _suppressed(item, facts, result.file, result.line, notes if notes is not None else [])
                if suppression is not None:
                    findings.append(Finding(
                        check_id=item.id, outcome="waived", file=where, line=line, evidence=result.evidence,
                        message=f"{result.message} (suppressed at line {suppression['line']}: {suppression['reason']})",
                        key=key(result.message, result.loc, result.file),
                    ))
                    continue
                findings.append(
                    Finding(check_id=item.id, outcome="fail", message=result.message, file=where, line=line,
                            evidence=result.evidence, key=key(result.message, result.loc, result.file))
                )
            elif isinstance(result, Pass):
                findings.append(Finding(check_id=item.id, outcome="pass", message=result.message))
            elif isinstance(result, NotApplicable):
                findings.append(Finding(check_id=item.id, outcome="not_applicable", message=result.message))
            elif isinstance(result, Error):
                line = facts.loaded.line_of(*result.loc) if result.loc else None
                findings.append(Finding(check_id=item.id, outcome="error", message=result.message, file=manifest_file,
                                        line=line, key=key(result.message, result.loc)))
    except Exception as exc:  # noqa: BLE001 - any crash in one check must not stop the others
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        findings.append(
            Finding(
                check_id=item.id,
                outcome="error",
                message=f"the check crashed: {type(exc).__name__}: {exc}",
                evidence=(f"{frame.filename}:{frame.lineno}",),
            )
        )
    return findings


def _outcome(findings: list[Finding]) -> Outcome:
    kinds = {f.outcome for f in findings}
    if "error" in kinds:
        return "error"
    if "fail" in kinds:
        return "fail"
    if "waived" in kinds:
        return "waived"
    if kinds == {"not_applicable"}:
        return "not_applicable"
    return "pass"


# A decision on one of these at a stage where it would block is honoured (owners decide) but said
# out loud: it sets aside a critical security control exactly where the agent starts to write.
_WRITE_STAGES = (Stage.STAGING_WRITES, Stage.NARROW_PRODUCTION_WRITES, Stage.AUTONOMOUS)


def _placeholders_at(facts: Facts, section: str, index: int) -> list:
    return [p for p in getattr(facts.loaded, "placeholders", ()) if p.path[:2] == (section, index)]


def _matches(check: str, item: ChecklistItem) -> bool:
    return check == item.id or check in item.aliases


def _decide(item: ChecklistItem, facts: Facts, stage: Stage, outcome: Outcome, used: set[int],
            notes: list[DecisionNote]) -> OwnerDecision | None:
    """The owner's decision that covers this failing item, if one is written in full."""
    chosen = None
    for index, candidate in enumerate(facts.manifest.decisions):
        if not _matches(candidate.check, item):
            continue
        line = facts.loaded.line_of("decisions", index)
        unfilled = _placeholders_at(facts, "decisions", index)
        if unfilled:
            notes.append(DecisionNote(
                check=candidate.check, kind="placeholder", line=unfilled[0].line or line,
                message=f"decision on {candidate.check} decides nothing: {unfilled[0].dotted} is a placeholder "
                        f"('{unfilled[0].value}')"))
            used.add(index)
            continue
        if outcome in ("fail", "error") and chosen is None:
            chosen = candidate
            used.add(index)
            if item.owner == "Security" and item.severity.value == "critical" and stage in _WRITE_STAGES \
                    and item.blocks_at(stage):
                notes.append(DecisionNote(
                    check=candidate.check, kind="security_item", line=line,
                    message=f"warning: {candidate.owner} decided that {item.id} ({item.title}) does not apply; it is a "
                            f"critical security item that blocks at {stage.value} and would block now "
                            f"(review by {candidate.review_by.isoformat()})"))
    return chosen


def evaluate(checklist: Checklist, facts: Facts, stage: Stage) -> Report:
    waivers = facts.manifest.waivers
    kind = facts.manifest.agent.kind
    results: list[ItemResult] = []
    used: set[int] = set()
    used_decisions: set[int] = set()
    notes: list[WaiverNote] = []
    decision_notes: list[DecisionNote] = []
    suppression_notes: list[SuppressionNote] = []
    exempt: dict[str, str] = {}
    for item in checklist.items:
        reason = item.not_applicable_to(kind)
        if reason is not None:
            # The item does not fit this kind of agent: it is not run, and the report says why.
            exempt[item.id] = reason
            shown = kind.value if kind is not None else ""
            results.append(ItemResult(
                item=item, outcome="not_applicable", blocking=False, not_applicable_reason=reason,
                findings=(Finding(check_id=item.id, outcome="not_applicable",
                                  message=f"not applicable to kind {shown}: {reason}"),)))
            continue
        findings = _run_item(item, facts, suppression_notes)
        outcome = _outcome(findings)
        decision = _decide(item, facts, stage, outcome, used_decisions, decision_notes)
        waiver = None
        for index, candidate in enumerate(waivers):
            if not _matches(candidate.check, item):
                continue
            line = facts.loaded.line_of("waivers", index)
            unfilled = _placeholders_at(facts, "waivers", index)
            if unfilled:
                # A waiver whose reason or owner nobody wrote waives nothing.
                notes.append(WaiverNote(
                    check=candidate.check, kind="placeholder", line=unfilled[0].line or line,
                    message=f"waiver for {candidate.check} does not count: {unfilled[0].dotted} is a placeholder "
                            f"('{unfilled[0].value}')"))
                used.add(index)
                continue
            if candidate.expires < facts.today:
                notes.append(
                    WaiverNote(
                        check=candidate.check,
                        kind="expired",
                        message=f"waiver for {candidate.check} ({candidate.owner}) expired on {candidate.expires.isoformat()} and no longer counts",
                        line=line,
                    )
                )
                used.add(index)
                continue
            if outcome in ("fail", "error") and decision is None:
                waiver = candidate
                used.add(index)
        if decision is not None:
            outcome = "decided"
        elif waiver is not None:
            outcome = "waived"
        blocking = outcome in ("fail", "error") and item.blocks_at(stage)
        results.append(ItemResult(item=item, outcome=outcome, blocking=blocking, findings=tuple(findings), waiver=waiver,
                                  decision=decision))
    known = {item.id for item in checklist.items} | {a for item in checklist.items for a in item.aliases}
    disabled = {d.id for d in checklist.disabled}
    decided = {r.item.id for r in results if r.decision is not None}
    for index, candidate in enumerate(waivers):
        if index in used:
            continue
        line = facts.loaded.line_of("waivers", index)
        if candidate.check in exempt:
            message = (f"waiver for {candidate.check} matches nothing: the check does not apply to kind "
                       f"{kind.value if kind else ''} ({exempt[candidate.check]})")
            notes.append(WaiverNote(check=candidate.check, kind="unused", message=message, line=line))
        elif candidate.check in decided:
            message = f"waiver for {candidate.check} is not needed: an owner decided the check does not apply"
            notes.append(WaiverNote(check=candidate.check, kind="unused", message=message, line=line))
        elif candidate.check in known:
            message = f"waiver for {candidate.check} matches nothing: the check does not fail; remove the waiver"
            notes.append(WaiverNote(check=candidate.check, kind="unused", message=message, line=line))
        elif candidate.check in disabled:
            message = f"waiver for {candidate.check} matches nothing: the check is disabled by the checklist"
            notes.append(WaiverNote(check=candidate.check, kind="unused", message=message, line=line))
        else:
            message = f"waiver names {candidate.check}, which is not a check in this checklist"
            notes.append(WaiverNote(check=candidate.check, kind="unknown_check", message=message, line=line))
    for index, choice in enumerate(facts.manifest.decisions):
        if index in used_decisions:
            continue
        line = facts.loaded.line_of("decisions", index)
        if choice.check in exempt:
            message = (f"decision on {choice.check} is not needed: the check does not apply to kind "
                       f"{kind.value if kind else ''} ({exempt[choice.check]})")
            decision_notes.append(DecisionNote(check=choice.check, kind="unused", message=message, line=line))
        elif choice.check in known or choice.check in disabled:
            # Decisions do not expire: one that is not needed today stays for the day the check fails.
            message = f"decision on {choice.check} is not needed today: the check does not fail"
            decision_notes.append(DecisionNote(check=choice.check, kind="unused", message=message, line=line))
        else:
            message = f"decision names {choice.check}, which is not a check in this checklist"
            decision_notes.append(DecisionNote(check=choice.check, kind="unknown_check", message=message, line=line))
    verdict = "NO-GO" if any(r.blocking for r in results) else "GO"
    return Report(
        manifest=str(facts.loaded.path),
        agent_id=facts.manifest.agent.id,
        stage=stage,
        verdict=verdict,
        results=tuple(results),
        agent_kind=kind,
        waiver_notes=tuple(notes),
        decision_notes=tuple(decision_notes),
        suppressions=tuple(suppression_notes),
        disabled=tuple(sorted(disabled)),
    )
