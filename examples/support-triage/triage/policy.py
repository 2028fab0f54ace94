"""The deterministic gate between the model and the CRM: every tool call is a Cedar request.

The agent proposes, the policy decides. Policies live in ../policies and are owned by Security;
this module only loads them, asks Cedar, and reports which policy (by its @id) decided.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cedarpy

from triage.config import AGENT_ID

DEFAULT_DENY = "default_deny"


@dataclass(frozen=True)
class PolicyDecision:
    allowed: bool
    rule: str  # @id of the deciding policy, or "default_deny" when nothing permitted the call

    def as_trace(self) -> dict[str, str]:
        return {"decision": "allow" if self.allowed else "deny", "rule": self.rule}


class PolicyDenied(PermissionError):
    def __init__(self, action: str, decision: PolicyDecision) -> None:
        super().__init__(f"{action} denied by policy '{decision.rule}'")
        self.decision = decision


class PolicyGate:
    def __init__(self, policy_dir: Path) -> None:
        self._policies = "\n".join(p.read_text() for p in sorted(policy_dir.glob("*.cedar")))
        self._schema = cedarpy.Schema.from_str((policy_dir / "triage.cedarschema").read_text())
        self._policy_set = cedarpy.PolicySet.from_str(self._policies)
        # Cedar names policies policy0, policy1, ... in file order; the trace wants the @id.
        parsed = json.loads(cedarpy.policies_to_json_str(self._policies))["staticPolicies"]
        self._ids = {key: (body.get("annotations") or {}).get("id", key) for key, body in parsed.items()}

    def decide(self, action: str, resource: str, context: dict[str, Any]) -> PolicyDecision:
        request = {
            "principal": f'Agent::"{AGENT_ID}"',
            "action": f'Action::"{action}"',
            "resource": resource,
            "context": context,
        }
        result = cedarpy.is_authorized(request, self._policy_set, [], schema=self._schema)
        reasons = [self._ids.get(r, r) for r in result.diagnostics.reasons]
        allowed = result.decision == cedarpy.Decision.Allow
        return PolicyDecision(allowed=allowed, rule=reasons[0] if reasons else DEFAULT_DENY)

    def require(self, action: str, resource: str, context: dict[str, Any]) -> PolicyDecision:
        """Decide, and raise PolicyDenied unless the call is allowed."""
        decision = self.decide(action, resource, context)
        if not decision.allowed:
            raise PolicyDenied(action, decision)
        return decision
