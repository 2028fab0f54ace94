"""The five tools the triage agent may call, and nothing else (see permissions.tools in parr.yaml).

Every tool goes through `_guarded`: Cedar decision, the call itself, and one trace event (the
kill switch and the spend cap are enforced by the run hooks in agent.py, which can stop a run). A denied call is returned to the model as a plain refusal it must not retry; a
dependency outage is returned as an instruction to hand the case to a human.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from agents import Agent, RunContextWrapper, Runner, function_tool

from triage.config import Settings
from triage.crm import Case, CrmClient, DependencyUnavailable, KbClient, Priority
from triage.policy import PolicyDenied, PolicyGate
from triage.tracing import RunTrace

_PII = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.]+"  # e-mail address
    r"|\+?\d[\d\s().-]{8,}\d"  # phone number
    r"|\b(?:\d[ -]?){13,16}\b"  # card number
)
MAX_NOTE_CHARS = 2000


@dataclass
class TriageContext:
    """Per-run dependencies handed to every tool through RunContextWrapper."""

    settings: Settings
    crm: CrmClient
    kb: KbClient
    policy: PolicyGate
    trace: RunTrace
    enabled: Callable[[], bool]
    cases: dict[str, Case] = field(default_factory=dict)
    approved_by: dict[str, str] = field(default_factory=dict)  # case id -> hashed approver, set on approval


async def _guarded(
    ctx: RunContextWrapper[TriageContext],
    name: str,
    args: dict[str, Any],
    resource: str,
    policy_context: dict[str, Any],
    call: Callable[[], Awaitable[Any]],
) -> str:
    run = ctx.context
    started = time.perf_counter()
    policy_context = {"environment": run.settings.environment, **policy_context}
    decision = run.policy.decide(name, resource, policy_context)
    try:
        if not decision.allowed:
            raise PolicyDenied(name, decision)
        output = await call()
        result: dict[str, Any] = {"status": "ok"}
        reply = output if isinstance(output, str) else json.dumps(output)
    except PolicyDenied:
        result = {"status": "denied"}
        reply = f"Not allowed by policy '{decision.rule}'. Do not retry; hand the case to a human."
    except DependencyUnavailable as exc:
        result = {"status": "error", "error": "dependency_unavailable"}
        reply = f"{exc}. Stop and hand the case to a human with your summary so far."
    latency_ms = int((time.perf_counter() - started) * 1000)
    approval = {"queue": "support-leads", "approved_by": policy_context["approved_by"]} if "approved_by" in policy_context else None
    run.trace.tool_call(name, args, decision.as_trace(), result, latency_ms, approval)
    return reply


@function_tool
async def search_kb(ctx: RunContextWrapper[TriageContext], query: str, top_k: int = 5) -> str:
    """Search the published help-centre articles.

    Args:
        query: What the customer is asking about, in your own words. Never paste customer data.
        top_k: How many articles to return (1-8).
    """
    run = ctx.context
    top_k = max(1, min(top_k, 8))

    async def call() -> list[dict[str, Any]]:
        hits = await run.kb.search(query, top_k)
        run.trace.retrieval = {"index": run.kb.index, "doc_ids": [h.doc_id for h in hits]}
        return [h.model_dump() for h in hits]

    return await _guarded(ctx, "search_kb", {"query": query, "top_k": top_k}, f'KbIndex::"{run.kb.index}"', {}, call)


@function_tool
async def get_case(ctx: RunContextWrapper[TriageContext], case_id: str) -> str:
    """Read a support case: subject, status, priority, queue, tier and the latest customer message.

    Args:
        case_id: The case id, e.g. C-88319.
    """
    run = ctx.context

    async def call() -> dict[str, Any]:
        case = await run.crm.get_case(case_id)
        run.cases[case.id] = case
        return case.model_dump()

    return await _guarded(ctx, "get_case", {"case_id": case_id}, f'Case::"{case_id}"', {}, call)


async def _touches_p1(ctx: RunContextWrapper[TriageContext], params: dict[str, Any], _call_id: str) -> bool:
    """Moving a case into or out of P1 pages a human team, so support-leads approve it first."""
    case = ctx.context.cases.get(params["case_id"])
    return params["priority"] == "P1" or case is None or case.priority == "P1"


@function_tool(needs_approval=_touches_p1)
async def update_case_priority(
    ctx: RunContextWrapper[TriageContext],
    case_id: str,
    priority: Priority,
    reason: Literal["outage_reported", "security_concern", "billing_blocked", "enterprise_sla", "low_impact", "duplicate"],
) -> str:
    """Change a case's priority. Read the case with get_case first.

    Args:
        case_id: The case id, e.g. C-88319.
        priority: The new priority. P1 requires a support lead's approval.
        reason: Why the priority changes; recorded in the case's audit log.
    """
    run = ctx.context
    case = run.cases.get(case_id) or await run.crm.get_case(case_id)
    policy_context: dict[str, Any] = {
        "current_priority": case.priority,
        "new_priority": priority,
        "queue": case.queue,
    }
    if case_id in run.approved_by:
        policy_context["approved_by"] = run.approved_by[case_id]

    async def call() -> dict[str, Any]:
        updated = await run.crm.update_priority(case_id, priority, reason)
        run.cases[case_id] = updated
        return {"case_id": case_id, "priority": updated.priority}

    args = {"case_id": case_id, "priority": priority, "reason": reason}
    return await _guarded(ctx, "update_case_priority", args, f'Case::"{case_id}"', policy_context, call)


@function_tool
async def add_case_note(ctx: RunContextWrapper[TriageContext], case_id: str, note: str) -> str:
    """Add an internal note to a case for the human agent who picks it up. Customers never see it.

    Args:
        case_id: The case id, e.g. C-88319.
        note: At most 2000 characters: what you found, which KB articles apply, what to do next.
            No customer contact details, card or account numbers.
    """
    run = ctx.context
    policy_context = {"visibility": "internal", "note_chars": len(note), "pii_detected": bool(_PII.search(note))}

    async def call() -> dict[str, str]:
        return {"note_id": await run.crm.add_internal_note(case_id, note)}

    return await _guarded(ctx, "add_case_note", {"case_id": case_id, "note": note}, f'Case::"{case_id}"', policy_context, call)


def _drafting_agent(model: str) -> Agent[TriageContext]:
    return Agent[TriageContext](
        name="Reply drafter",
        model=model,
        instructions=(
            "Draft a reply to the customer for a human support agent to review and send. "
            "Use only the KB articles provided; if they do not answer the question, say what the "
            "human agent should check. Never promise refunds, credits or dates."
        ),
    )


@function_tool
async def draft_reply(ctx: RunContextWrapper[TriageContext], case_id: str, kb_doc_ids: list[str], instructions: str) -> str:
    """Draft a customer reply for a human to review. Nothing is sent; the draft is returned to you.

    Args:
        case_id: The case the reply is for.
        kb_doc_ids: KB articles (from search_kb) the reply should rely on.
        instructions: What the reply must cover, e.g. "explain how to reset SSO for admins".
    """
    run = ctx.context
    drafter = _drafting_agent(run.settings.models.drafting)

    async def call() -> str:
        case = run.cases.get(case_id) or await run.crm.get_case(case_id)
        prompt = json.dumps({"case": case.model_dump(), "kb_doc_ids": kb_doc_ids, "instructions": instructions})
        drafted = await Runner.run(drafter, prompt, context=run, max_turns=2)
        usage = drafted.context_wrapper.usage
        run.trace.add_usage(run.settings.models.drafting, usage.input_tokens, usage.output_tokens)
        return str(drafted.final_output)

    args = {"case_id": case_id, "kb_doc_ids": kb_doc_ids, "instructions": instructions}
    return await _guarded(ctx, "draft_reply", args, f'Case::"{case_id}"', {}, call)


TRIAGE_TOOLS = [search_kb, get_case, update_case_priority, add_case_note, draft_reply]
