"""How parr builds the requests it evaluates: the manifest's test cases, and a probe of every tool.

The probe asks what an agent would ask, for each tool, environment and (when the policy reads it)
rollout stage:

- principal: the principal the manifest's policy tests use most (they mirror how the agent really
  calls the policy); without tests, the agent's role (`permissions.role` when it is an identifier,
  else `agent.id`), typed `Agent` for Cedar (`Agent::"svc-refunds"`) and a plain string for Rego.
- action: the tool's name (Cedar `Action::"<tool>"`, or the namespaced action type the policies use).
- resource: the resource of the tool's first test; else (Cedar) the type the policies' scope or
  the schema's `appliesTo` names, as `<Type>::"parr-probe"`, else `Tool::"<tool>"`; Rego: absent.
- context: each test context of that tool (up to three, so realistic attributes such as a queue or
  a priority are present), else an empty record, then set: `environment`, `stage`, `risk` (when
  declared) and `approved`. The unapproved request has `approved: false` and none of the approval
  keys (`approved_by`, `approval`, `approver`, `approval_id`, `approved_at`); the approved one has
  `approved: true` and `approved_by: "parr-probe"` unless the test context already names an approver.
- amount: an approval threshold `<attribute>_over: N` under `policies.approvals` adds `<attribute>: N`
  to the ordinary requests and probes `<attribute>: N + 1` without approval, which must be denied
  in production.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from parr.manifest.models import Manifest, PolicyTest
from parr.policy.cedar import entity_id
from parr.policy.model import PolicyCall

APPROVAL_KEYS = frozenset({"approved", "approved_by", "approval", "approver", "approval_id", "approved_at"})
PROBE_APPROVER = "parr-probe"
MAX_TEMPLATES_PER_TOOL = 3
# The environment names PERM-003 treats as production; kept here so the policy layer needs no checks import.
PRODUCTION_NAMES = frozenset({"production", "prod", "prd", "live"})
_IDENTIFIER = re.compile(r"[A-Za-z0-9_.:@/-]+")


def is_production(environment: str) -> bool:
    return environment.lower() in PRODUCTION_NAMES


def production_environment(manifest: Manifest) -> str:
    """The manifest's own name for production (e.g. `prod`), else `production`."""
    named = list(manifest.permissions.environments) + [e for t in manifest.permissions.tools for e in t.environments]
    return next((env for env in named if is_production(env)), "production")


def action_name(action: str) -> str:
    """The tool a request's action names: `Action::"refund"` and `refund` both name refund."""
    return entity_id(action)


def agent_name(manifest: Manifest) -> str:
    """The agent's role when it is an identifier; a free-text role ("svc-x (Stripe key ...)") gives the agent id."""
    role = (manifest.permissions.role or "").strip()
    return role if _IDENTIFIER.fullmatch(role) else manifest.agent.id


def default_principal(manifest: Manifest, engine: str) -> str:
    used = Counter(t.request.principal for t in manifest.policies.tests if t.request.principal)
    if used:
        return used.most_common(1)[0][0]
    name = agent_name(manifest)
    return f"Agent::{json.dumps(name, ensure_ascii=False)}" if engine == "cedar" else name


def test_call(test: PolicyTest, principal: str) -> PolicyCall:
    request = test.request
    return PolicyCall(
        principal=request.principal or principal,
        action=request.action,
        resource=request.resource,
        context=dict(request.context),
    )


@dataclass(frozen=True)
class Template:
    """A request shape learnt from one test: its principal, resource and context attributes."""

    principal: str | None = None
    resource: str | None = None
    context: dict[str, Any] = field(default_factory=dict)


def templates_for(manifest: Manifest, tool: str) -> list[Template]:
    seen: set[str] = set()
    found: list[Template] = []
    for test in manifest.policies.tests:
        if action_name(test.request.action) != tool:
            continue
        key = json.dumps([test.request.resource, test.request.context], sort_keys=True, default=str)
        if key in seen:
            continue
        seen.add(key)
        found.append(Template(test.request.principal, test.request.resource, dict(test.request.context)))
        if len(found) == MAX_TEMPLATES_PER_TOOL:
            break
    return found or [Template()]


def thresholds_for(manifest: Manifest, tool: str) -> dict[str, float]:
    """`amount_over: 100` under the tool's approval entry -> {"amount": 100}."""
    found: dict[str, float] = {}
    for approval in manifest.policies.approvals:
        if approval.tool != tool:
            continue
        for key, value in approval.threshold.items():
            if key.endswith("_over") and len(key) > len("_over"):
                found.setdefault(key[: -len("_over")], value)
    return found


def number(value: float) -> int | float:
    """Cedar has integers only; a whole threshold is sent as one."""
    return int(value) if float(value).is_integer() else value


def probe_context(
    template: Template,
    *,
    environment: str,
    stage: str,
    risk: str | None,
    approved: bool,
    thresholds: dict[str, float],
    over: str | None = None,
) -> dict[str, Any]:
    context = {k: v for k, v in template.context.items() if approved or k not in APPROVAL_KEYS}
    for attribute, limit in thresholds.items():
        context.setdefault(attribute, number(limit))
    if over is not None:
        context[over] = number(thresholds[over] + 1)
    context["environment"] = environment
    context["stage"] = stage
    if risk is not None:
        context["risk"] = risk
    context["approved"] = approved
    if approved:
        context.setdefault("approved_by", PROBE_APPROVER)
    return context
