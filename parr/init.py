"""`parr init`: a draft parr.yaml from a scan, every tool declared with a suggested access level and gate."""

from __future__ import annotations

import json
import re
from pathlib import Path

from parr.manifest.models import API_VERSION
from parr.scan.model import ScanResult, ToolRecord

_ACCESS_BY_CAPABILITY = (
    ("payment", "pay"),
    ("shell", "execute"),
    ("code_execution", "execute"),
    ("sql", "execute"),
    ("computer_use", "execute"),
    ("email", "send"),
)
_DELETE_WORDS = re.compile(r"\b(delete|remove|drop|destroy|erase|purge|void|revoke|terminate)\b", re.I)
_SEND_WORDS = re.compile(r"\b(send|email|notify|message|post|publish|reply|sms)\b", re.I)
_RISK = {"read": "low", "write": "medium", "send": "medium", "delete": "high", "pay": "high", "execute": "high"}


def suggest_access(tool: ToolRecord) -> str:
    """The access level a reviewer most likely wants, from what the scanner saw the tool do."""
    if not tool.mutating:
        return "read"
    for capability, access in _ACCESS_BY_CAPABILITY:
        if capability in tool.capabilities:
            return access
    words = " ".join([tool.name.replace("_", " "), *tool.evidence])
    if _DELETE_WORDS.search(words):
        return "delete"
    if _SEND_WORDS.search(words):
        return "send"
    return "write"


def _q(value: str) -> str:
    """A YAML scalar that round-trips whatever the name contains (JSON strings are YAML)."""
    return json.dumps(value, ensure_ascii=False)


def slug(text: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-.") or "agent"
    return cleaned if cleaned[0].isalnum() else "agent-" + cleaned


def draft_manifest(root: Path, scan: ScanResult) -> str:
    agent_id = slug(root.resolve().name)
    lines = [
        "# Draft written by `parr init` from a scan of this repository. Review every line:",
        "# access levels and gates are suggestions from what the code appears to do.",
        f"apiVersion: {API_VERSION}",
        "agent:",
        f"  id: {_q(agent_id)}",
        "  description: \"TODO: what the agent does, for whom\"",
        "  # dri: {name: TODO one person, handle: \"@TODO\", authority: {ship_fixes: true, kill_switch: true}}",
        "  # owners: {security: \"@TODO\", sre: \"@TODO\", product: \"@TODO\", engineering: \"@TODO\"}",
        "permissions:",
        "  role: TODO-service-account",
        "  environments: [staging]",
    ]
    tools = sorted({t.name: t for t in scan.tools}.values(), key=lambda t: (t.file, t.line))
    if tools:
        lines.append("  tools:")
    else:
        lines.append("  tools: []  # the scan found no tools; declare them by hand")
    for tool in tools:
        access = suggest_access(tool)
        gate = "none" if access == "read" else "approval:TODO-review-queue"
        why = "; ".join(tool.evidence[:3]) or "no evidence"
        lines.append(f"    # {tool.file}:{tool.line} ({tool.framework}, {'typed' if tool.typed else 'UNTYPED'}): {why}")
        entry = f"    - {{name: {_q(tool.name)}, access: {access}, environments: [staging], risk: {_RISK[access]}, gate: {_q(gate)}"
        if access == "execute":
            entry += ", sandbox: \"TODO: where this runs isolated\""
        lines.append(entry + "}")
    lines += [
        "failsafes:",
        "  timeouts: {tool_call_seconds: 30, run_seconds: 300}",
        "  retries: {max: 3, backoff: exponential}",
        "  # kill_switch: {name: TODO_FLAG, how: \"TODO: the exact steps\"}",
        "budgets:",
        "  currency: USD",
        "  # per_run: TODO",
        "  # per_day: TODO",
        "  alert_threshold: 0.8",
        "memory:",
        "  scratchpad: {retained: false}",
        "",
    ]
    return "\n".join(lines)
