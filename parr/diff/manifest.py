"""Manifest changes, and which of them widen what the agent may do.

Both manifests are flattened to `path -> value` (list items keyed by their name, tool or check, so
reordering is no change); each changed path is then judged by the first rule whose pattern matches.
A path no rule names is still reported, as a low-risk change.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable
from typing import Any

from parr.diff.model import Change, Risk
from parr.manifest.models import Manifest

_KEYS = ("name", "tool", "check", "signal", "dependency", "step")
# Access levels by how much harm one call can do (parr.manifest.models.Access).
_ACCESS = {"read": 0, "write": 1, "send": 1, "delete": 2, "pay": 2, "execute": 2}
_RISK = {"low": 0, "medium": 1, "high": 2, "critical": 3}
_PRODUCTION = re.compile(r"prod", re.I)
_MISSING = object()


def flatten(manifest: Manifest | None) -> dict[str, Any]:
    if manifest is None:
        return {}
    out: dict[str, Any] = {}
    _walk(manifest.model_dump(mode="json", by_alias=True, exclude_defaults=True), "", out)
    return out


def _walk(value: Any, path: str, out: dict[str, Any]) -> None:
    if isinstance(value, dict):
        if not value and path:
            out[path] = {}
        for key, inner in value.items():
            _walk(inner, f"{path}.{key}" if path else str(key), out)
    elif isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            for v in value:
                out[f"{path}[{v}]"] = True
            return
        for position, item in enumerate(value):
            key = next((str(item[k]) for k in _KEYS if isinstance(item, dict) and item.get(k) is not None), str(position))
            _walk(item, f"{path}[{key}]", out)
    else:
        out[path] = value


# ---- rules: (pattern, judge) -> (risk, kind, message) or None (not a change worth a line) ----------

Judge = Callable[[str, Any, Any, dict[str, Any]], "tuple[Risk, str, str] | None"]


def _tool_of(path: str) -> str:
    m = re.match(r"permissions\.tools\[(.*?)\]", path)
    return m.group(1) if m else path


def _access_of(flat: dict[str, Any], tool: str) -> str:
    return str(flat.get(f"permissions.tools[{tool}].access", "read"))


def _tool_added(path, old, new, head):
    tool = _tool_of(path)
    access = _access_of(head, tool)
    prod = _in_production(head, tool)
    risk: Risk = "medium" if access == "read" else "critical" if _ACCESS.get(access, 2) >= 2 else "high"
    if access != "read" and prod:
        risk = "critical"
    return risk, "tool_declared", f"tool '{tool}' declared with {access} access" + (" in production" if prod else "")


def _in_production(head: dict[str, Any], tool: str) -> bool:
    return any(_PRODUCTION.search(k.rsplit("[", 1)[-1]) for k in head
               if k.startswith(f"permissions.tools[{tool}].environments["))


def _access(path, old, new, head):
    tool = _tool_of(path)
    o, n = _ACCESS.get(str(old), 0), _ACCESS.get(str(new), 0)
    if n > o:
        prod = _in_production(head, tool)
        risk: Risk = "critical" if n >= 2 or prod else "high"
        return risk, "access_widened", f"'{tool}' access widened from {old} to {new}" + (" (allowed in production)" if prod else "")
    return "low", "access_narrowed", f"'{tool}' access narrowed from {old} to {new}"


def _environment(path, old, new, head):
    tool = _tool_of(path)
    env = path.rsplit("[", 1)[-1].rstrip("]")
    if new is _MISSING:
        return "low", "environment_removed", f"'{tool}' no longer allowed in {env}"
    writes = _access_of(head, tool) != "read"
    risk: Risk = "critical" if _PRODUCTION.search(env) and writes else "high" if _PRODUCTION.search(env) else "medium"
    return risk, "environment_added", f"'{tool}' now allowed in {env}"


def _gate(path, old, new, head):
    tool = _tool_of(path)
    old_s = "none" if old is _MISSING else str(old)
    new_s = "none" if new is _MISSING else str(new)
    strength = {"none": 0, "policy": 1, "approval": 2}
    o, n = strength.get(old_s.split(":")[0], 0), strength.get(new_s.split(":")[0], 0)
    writes = _access_of(head, tool) != "read"
    if n < o:
        risk: Risk = "critical" if n == 0 and writes else "high" if writes else "medium"
        return risk, "gate_weakened", f"'{tool}' gate weakened from {old_s} to {new_s}"
    if n > o:
        return "low", "gate_strengthened", f"'{tool}' gate strengthened from {old_s} to {new_s}"
    return ("medium" if writes else "low"), "gate_changed", f"'{tool}' gate changed from {old_s} to {new_s}"


def _risk_rating(path, old, new, head):
    tool = _tool_of(path)
    if old is _MISSING or new is _MISSING:
        return "low", "risk_rating_changed", f"'{tool}' risk rating {'set to ' + str(new) if old is _MISSING else 'removed'}"
    if _RISK.get(str(new), 0) < _RISK.get(str(old), 0):
        return "medium", "risk_rating_lowered", f"'{tool}' re-rated from {old} to {new} risk"
    return "low", "risk_rating_changed", f"'{tool}' re-rated from {old} to {new} risk"


def _sandbox(path, old, new, head):
    tool = _tool_of(path)
    if new is _MISSING:
        return "high", "sandbox_removed", f"'{tool}' no longer runs in a sandbox (was {old})"
    return "low", "sandbox_changed", f"'{tool}' sandbox is now {new}"


def _number_up_is_wider(kind: str, what: str, up: Risk = "medium") -> Judge:
    def judge(path, old, new, head):
        if old is _MISSING:
            return "low", kind + "_set", f"{what} set to {new}"
        if new is _MISSING:
            return up, kind + "_removed", f"{what} removed (was {old})"
        try:
            higher = float(new) > float(old)
        except (TypeError, ValueError):
            return "low", kind + "_changed", f"{what} changed from {old} to {new}"
        return (up, kind + "_raised", f"{what} raised from {old} to {new}") if higher else \
               ("low", kind + "_lowered", f"{what} lowered from {old} to {new}")
    return judge


def _number_down_is_weaker(kind: str, what: str) -> Judge:
    def judge(path, old, new, head):
        if new is _MISSING:
            return "medium", kind + "_removed", f"{what} removed (was {old})"
        if old is _MISSING:
            return "low", kind + "_set", f"{what} set to {new}"
        try:
            lower = float(new) < float(old)
        except (TypeError, ValueError):
            return "low", kind + "_changed", f"{what} changed from {old} to {new}"
        return ("medium", kind + "_lowered", f"{what} lowered from {old} to {new}") if lower else \
               ("low", kind + "_raised", f"{what} raised from {old} to {new}")
    return judge


def _added_or_removed(kind: str, what: str, added: Risk, removed: Risk) -> Judge:
    def judge(path, old, new, head):
        item = path.rsplit("[", 1)[-1].rstrip("]") if "[" in path else path
        if old is _MISSING:
            return added, kind + "_added", f"{what} added: {item}"
        if new is _MISSING:
            return removed, kind + "_removed", f"{what} removed: {item}"
        return None
    return judge


def _flag_off_is_weaker(kind: str, what: str, risk: Risk = "high") -> Judge:
    def judge(path, old, new, head):
        if old is True and new is not True:
            return risk, kind + "_off", f"{what} turned off"
        return "low", kind + "_on", f"{what} turned on"
    return judge


def _item(section: str) -> str:
    return section + "[*]"


# Order matters: the first matching pattern judges. `NEW` marks rules that judge a whole new list
# item (the item's own path, with nothing after the key), as the other rules judge its fields.
RULES: list[tuple[str, Judge]] = [
    ("permissions.tools[*].access", _access),
    ("permissions.tools[*].environments[*]", _environment),
    ("permissions.tools[*].gate", _gate),
    ("permissions.tools[*].risk", _risk_rating),
    ("permissions.tools[*].sandbox", _sandbox),
    ("permissions.environments[*]", _added_or_removed("environment", "agent environment", "medium", "low")),
    ("permissions.role", lambda p, o, n, h: ("medium", "role_changed", f"the agent's role changed from {o if o is not _MISSING else 'none'} to {n if n is not _MISSING else 'none'}")),
    ("policies.deny[*]", _added_or_removed("deny_list", "deny-list entry", "low", "high")),
    ("policies.enforcement_points[*]", _added_or_removed("enforcement_point", "policy enforcement point", "low", "high")),
    ("policies.files[*]", _added_or_removed("policy_file", "policy file", "medium", "high")),
    ("policies.approvals[*].threshold.*", _number_up_is_wider("approval_threshold", "approval threshold", "high")),
    ("policies.approvals[*].max_batch", _number_up_is_wider("approval_batch", "approval batch size")),
    ("budgets.per_run", _number_up_is_wider("spend_cap", "spend cap per run")),
    ("budgets.per_day", _number_up_is_wider("spend_cap", "spend cap per day")),
    ("budgets.alert_threshold", _number_up_is_wider("spend_alert", "spend alert threshold")),
    ("failsafes.timeouts.*", _number_up_is_wider("timeout", "timeout")),
    ("failsafes.retries.max", _number_up_is_wider("retries", "retry limit")),
    ("failsafes.rate_limits[*].per_minute", _number_up_is_wider("rate_limit", "rate limit")),
    ("failsafes.circuit_breakers[*].failure_threshold", _number_up_is_wider("breaker", "circuit breaker threshold")),
    ("evals.*.pass_threshold", _number_down_is_weaker("eval_threshold", "eval pass threshold")),
    ("evals.*.max_age_days", _number_up_is_wider("eval_age", "eval result age limit")),
    ("observability.streams.*.immutable", _flag_off_is_weaker("immutable_log", "immutable log stream")),
    ("memory.action_log.immutable", _flag_off_is_weaker("immutable_log", "immutable action log")),
    ("memory.long_term.enabled", lambda p, o, n, h: ("medium", "long_term_memory_on", "long-term memory turned on") if n is True else ("low", "long_term_memory_off", "long-term memory turned off")),
    ("permissions.secrets[*].rotation_days", _number_up_is_wider("rotation", "secret rotation period")),
    ("failsafes.kill_switch.*", lambda p, o, n, h: ("high", "kill_switch_removed", f"kill switch {p.rsplit('.', 1)[-1]} removed") if n is _MISSING else ("low", "kill_switch_changed", f"kill switch {p.rsplit('.', 1)[-1]} changed")),
]

# Whole list items appearing or disappearing: judged once per item, not per field.
ITEM_RULES: list[tuple[str, Judge | None]] = [
    ("permissions.tools[*]", None),  # judged by _tool_added / removal below
    ("permissions.secrets[*]", _added_or_removed("secret", "secret", "medium", "low")),
    ("waivers[*]", _added_or_removed("waiver", "waiver", "medium", "low")),
    ("policies.approvals[*]", _added_or_removed("approval", "approval requirement", "low", "high")),
    ("failsafes.circuit_breakers[*]", _added_or_removed("circuit_breaker", "circuit breaker", "low", "medium")),
    ("failsafes.rate_limits[*]", _added_or_removed("rate_limit", "rate limit", "low", "medium")),
    ("observability.alerts[*]", _added_or_removed("alert", "alert", "low", "medium")),
    ("policies.tests[*]", _added_or_removed("policy_test", "policy test", "low", "medium")),
]

def _matches(pattern: str, path: str) -> bool:
    return fnmatch.fnmatchcase(path, pattern.replace("[*]", "[[]*[]]"))


def compare_manifests(base: Manifest | None, head: Manifest | None, manifest_file: str) -> list[Change]:
    old, new = flatten(base), flatten(head)
    changes: list[Change] = []
    items_done: set[str] = set()
    for path in sorted(old.keys() | new.keys()):
        before, after = old.get(path, _MISSING), new.get(path, _MISSING)
        if before == after:
            continue
        item = _item_prefix(path)
        if item is not None and (item_rule := _item_rule(item)) is not None and _item_new_or_gone(item, old, new):
            if item in items_done:
                continue
            items_done.add(item)
            changes.extend(_judge_item(item, item_rule[1], old, new, manifest_file))
            continue
        verdict = None
        for pattern, judge in RULES:
            if _matches(pattern, path):
                verdict = judge(path, before, after, new)
                break
        else:
            verdict = _generic(path, before, after)
        if verdict is None:
            continue
        risk, kind, message = verdict
        changes.append(Change(area="manifest", kind=kind, subject=path, risk=risk, message=message,
                              before=_show(before), after=_show(after), file=manifest_file))
    return changes


def _item_prefix(path: str) -> str | None:
    for pattern, _ in ITEM_RULES:
        depth = pattern.count("[")
        parts = re.findall(r"[^\[]*\[[^\]]*\]", path)
        if len(parts) >= depth:
            candidate = "".join(parts[:depth])
            if _matches(pattern, candidate):
                return candidate
    return None


def _item_rule(item: str):
    return next(((p, j) for p, j in ITEM_RULES if _matches(p, item)), None)


def _item_new_or_gone(item: str, old: dict, new: dict) -> bool:
    in_old = any(k == item or k.startswith(item + ".") or k.startswith(item + "[") for k in old)
    in_new = any(k == item or k.startswith(item + ".") or k.startswith(item + "[") for k in new)
    return in_old != in_new


def _judge_item(item: str, judge: Judge | None, old: dict, new: dict, manifest_file: str) -> list[Change]:
    gone = not any(k.startswith(item) for k in new)
    if item.startswith("permissions.tools["):
        tool = _tool_of(item)
        if gone:
            return [Change(area="manifest", kind="tool_undeclared", subject=item, risk="low",
                           message=f"tool '{tool}' no longer declared", file=manifest_file)]
        risk, kind, message = _tool_added(item, _MISSING, True, new)
        return [Change(area="manifest", kind=kind, subject=item, risk=risk, message=message, file=manifest_file)]
    assert judge is not None
    verdict = judge(item, True if gone else _MISSING, _MISSING if gone else True, new)
    if verdict is None:
        return []
    risk, kind, message = verdict
    return [Change(area="manifest", kind=kind, subject=item, risk=risk, message=message, file=manifest_file)]


def _show(value: Any) -> str | None:
    return None if value is _MISSING else str(value)


def _generic(path: str, before: Any, after: Any) -> tuple[Risk, str, str]:
    if path.endswith("]") and (before is True or after is True):
        entry = path.rsplit("[", 1)[-1][:-1]
        field = path.rsplit("[", 1)[0]
        return "low", "manifest_changed", f"{field}: {'added' if before is _MISSING else 'removed'} {entry}"
    if before is _MISSING:
        return "low", "manifest_changed", f"{path} set to {_show(after)}"
    if after is _MISSING:
        return "low", "manifest_changed", f"{path} removed (was {_show(before)})"
    return "low", "manifest_changed", f"{path}: {_show(before)} → {_show(after)}"
