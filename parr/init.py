"""`parr init`: a draft parr.yaml from a scan and the repository; what neither shows is written as a TODO."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from parr.checks.code import APPROVAL_HOOKS
from parr.kinds import infer_kind
from parr.manifest.loader import LoadedManifest
from parr.manifest.models import API_VERSION, AgentKind
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


def _comment(text: str) -> str:
    """Text from the repository (file names) made safe to sit after `#` on one YAML line."""
    return " ".join(text.split())


def _q(value: str) -> str:
    """A YAML scalar that round-trips whatever the name contains (JSON strings are YAML)."""
    return json.dumps(value, ensure_ascii=False)


def slug(text: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-.") or "agent"
    return cleaned if cleaned[0].isalnum() else "agent-" + cleaned


_SKIP_DIRS = frozenset({"node_modules", "venv", ".venv", "env", "dist", "build", "__pycache__", "site-packages",
                        "vendor", "third_party", "target", "coverage"})
_MAX_FILES = 20000
_SUITE_WORDS = (("adversarial", re.compile(r"adversar|red.?team|injection|jailbreak", re.I)),
                ("scenario", re.compile(r"scenario", re.I)),
                ("regression", re.compile(r"regress", re.I)))


@dataclass
class Evidence:
    """What the repository itself holds that a manifest points at: found, never made up."""

    policy_files: list[str] = field(default_factory=list)
    eval_results: dict[str, tuple[str, str]] = field(default_factory=dict)  # suite -> (path, format)
    unassigned_results: list[str] = field(default_factory=list)
    trace_sample: str | None = None


def _head(path: Path, size: int = 4096) -> str:
    try:
        with path.open("rb") as handle:
            return handle.read(size).decode("utf-8", errors="replace")
    except OSError:
        return ""


def _json_results(head: str) -> str | None:
    """The eval result format a JSON file's first bytes show, if any (parr.eval_formats reads them)."""
    if '"testCases"' in head or '"testRunData"' in head:
        return "deepeval"
    if '"eval"' in head and '"status"' in head and '"version"' in head and '"model"' in head:
        return "inspect"
    if '"results"' in head and ("promptfoo" in head or '"evalId"' in head or '"stats"' in head):
        return "promptfoo"
    return None


def find_evidence(root: Path) -> Evidence:
    """Policy files, eval result files (JUnit XML, promptfoo, inspect-ai, DeepEval, OpenAI Evals)
    and a trace sample in the repository, by name and by the first bytes of the file; nothing is
    run or imported."""
    found = Evidence()
    seen = 0
    for directory, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS)
        for name in sorted(files):
            seen += 1
            if seen > _MAX_FILES:
                return found
            path = Path(directory) / name
            rel = path.relative_to(root).as_posix()
            lower = name.lower()
            if lower.endswith((".cedar", ".rego")) and not lower.endswith(("_test.rego", ".cedarschema")):
                found.policy_files.append(rel)
            elif lower.endswith(".xml") and "<testsuite" in _head(path):
                _assign(found, rel, "junit")
            elif lower.endswith(".json") and (fmt := _json_results(_head(path))) is not None:
                _assign(found, rel, fmt)
            elif lower.endswith(".jsonl") and _head(path, 16).lstrip().startswith('{"spec"'):
                _assign(found, rel, "openai-evals")
            elif lower.endswith(".jsonl") and "trace" in rel.lower() and found.trace_sample is None:
                found.trace_sample = rel
    return found


def _assign(found: Evidence, rel: str, fmt: str) -> None:
    """An eval result goes to the suite its name says; one that names none is listed for the user."""
    for suite, words in _SUITE_WORDS:
        if words.search(rel) and suite not in found.eval_results:
            found.eval_results[suite] = (rel, fmt)
            return
    found.unassigned_results.append(rel)


def _client_limits(scan: ScanResult) -> tuple[list[str], int | None]:
    """Comments on the model clients' own timeouts, and their retry limit when every client sets
    the same literal one: values the code holds."""
    clients = (scan.wiring or {}).get("clients", [])
    notes = [f"{c['name']}(timeout={c['timeout_seconds']}) at {c['file']}:{c['line']}"
             for c in clients if c.get("timeout_seconds") is not None]
    retries = {c.get("max_retries") for c in clients}
    return notes, (next(iter(retries)) if clients and len(retries) == 1 and None not in retries else None)


def draft_manifest(root: Path, scan: ScanResult, evidence: Evidence | None = None) -> str:
    """The draft: what the scan and the repository show is filled in; every decision the code
    cannot show is a TODO, which fails the checks that read it until someone writes the value."""
    evidence = evidence if evidence is not None else find_evidence(root)
    agent_id = slug(root.resolve().name)
    kind, why = infer_kind(scan)
    # A kind is written only when the code shows it, with what showed it; it exempts items, and
    # CODE-014 holds it to the code on every check.
    kind_line = (f"  kind: {kind.value}  # inferred by parr init from {_comment(why)}; check it" if kind is not None
                 else f"  kind: TODO  # model-loop | mcp-server | sandboxed-runner | workflow-step ({_comment(why)})")
    server = kind is AgentKind.MCP_SERVER
    lines = [
        "# Draft written by `parr init` from a scan of this repository. Every TODO is a decision the",
        "# code cannot show; `parr check` fails on each until it holds the real value.",
        f"apiVersion: {API_VERSION}",
        "agent:",
        f"  id: {_q(agent_id)}",
        kind_line,
        "  description: \"TODO: what the agent does, for whom\"",
    ]
    if not server:  # an MCP server has no workflow, model routing, spend or scratchpad of its own
        lines.append("  workflow: {name: TODO, kpis: TODO, baseline: \"TODO: where and when the baseline was measured\"}")
    lines += [
        "  dri:",
        "    name: TODO one person",
        "    handle: \"@TODO\"",
        "    authority: {ship_fixes: TODO, kill_switch: TODO}",
        "    backup: {name: TODO, handle: \"@TODO\"}",
        "    review_cadence: TODO",
        "  owners: {security: \"@TODO\", sre: \"@TODO\", product: \"@TODO\", engineering: \"@TODO\"}",
    ]
    if not server:
        lines += ["model:", "  routing: TODO"]
    lines += [
        "permissions:",
        "  role: TODO-service-account",
        "  environments: [staging]",
    ]
    tools = sorted({t.name: t for t in scan.tools}.values(), key=lambda t: (t.file, t.line))
    if tools:
        lines.append("  tools:")
    else:
        lines.append("  tools: TODO  # the scan found no tools; declare them by hand")
    approvals = []
    for tool in tools:
        access = suggest_access(tool)
        hooks = sorted(set(tool.gates) & APPROVAL_HOOKS)
        # Only what the code shows: a read tool needs no gate, a tool whose code waits for a human
        # is approval-gated (its queue is a decision), any other mutating tool's gate is a decision.
        gate = "none" if access == "read" else ("approval:TODO-review-queue" if hooks else "TODO")
        why = "; ".join(tool.evidence[:3]) or "no evidence"
        lines.append(f"    # {tool.file}:{tool.line} ({tool.framework}, {'typed' if tool.typed else 'UNTYPED'}): {why}")
        entry = f"    - {{name: {_q(tool.name)}, access: {access}, environments: [staging], risk: TODO, gate: {_q(gate)}"
        if access == "execute" or any(c in tool.capabilities for c in ("shell", "code_execution")):
            entry += ", sandbox: \"TODO: where this runs isolated\""
        lines.append(entry + "}")
        if hooks:
            approvals.append(tool.name)
    for site in scan.unresolved:
        lines.append(f"    # unresolved {site.file}:{site.line}: {site.call} ({site.reason}); declare the tools it")
        lines.append(f"    # hands over here with `source: \"{site.file}:{site.line}\"`")
    lines.append("policies:")
    if evidence.policy_files:
        engine = "cedar" if any(f.endswith(".cedar") for f in evidence.policy_files) else "rego"
        files = [f for f in evidence.policy_files if f.endswith("." + engine)]
        lines.append(f"  engine: {engine}")
        lines.append(f"  files: [{', '.join(_q(f) for f in files)}]")
    else:
        lines.append("  engine: TODO  # no .cedar or .rego file in the repository")
        lines.append("  files: TODO")
    if approvals:
        lines.append("  approvals:")
        lines += [f"    - {{tool: {_q(name)}, approver: \"@TODO\", max_batch: TODO}}" for name in approvals]
    lines.append("evals:")
    for suite in ("regression", "scenario", "adversarial"):
        extra = ", categories: TODO" if suite == "adversarial" else ""
        if suite in evidence.eval_results:
            path, fmt = evidence.eval_results[suite]
            lines.append(f"  {suite}: {{results: {_q(path)}, format: {fmt}, pass_threshold: TODO{extra}}}")
        else:
            lines.append(f"  {suite}: {{results: TODO, format: TODO, pass_threshold: TODO{extra}}}")
    for path in evidence.unassigned_results:
        lines.append(f"  # found eval results {path}: give them to the suite they belong to")
    lines.append("observability:")
    if evidence.trace_sample:
        lines.append(f"  trace: {{format: jsonl, sample: {_q(evidence.trace_sample)}}}")
    else:
        lines.append("  trace: {format: jsonl, sample: TODO}")
    lines += [
        "  required_fields: TODO",
        "  redacted_fields: TODO",
        "  alerts: TODO",
        "  dashboards: TODO",
        "  report_issue: TODO",
        "  streams:",
        "    operational: {sink: TODO, retention_days: TODO}",
        "    compliance: {sink: TODO, retention_days: TODO, immutable: TODO}",
        "failsafes:",
    ]
    notes, retries = _client_limits(scan)
    for note in notes:
        lines.append(f"  # the code's model client: {note}")
    lines.append("  timeouts: {tool_call_seconds: TODO, run_seconds: TODO}")
    if retries is not None:
        lines.append(f"  retries: {{max: {retries}, backoff: TODO}}  # max_retries={retries} in every model client")
    else:
        lines.append("  retries: {max: TODO, backoff: TODO}")
    lines += [
        "  kill_switch: {name: TODO_FLAG, how: \"TODO: the exact steps\"}",
        "  dependencies: TODO",
        "  fallback: \"TODO: what happens when the agent is off\"",
    ]
    if not server:
        lines += ["budgets:", "  currency: USD", "  per_run: TODO", "  per_day: TODO", "  alert_threshold: TODO"]
    lines.append("memory:")
    if not server:
        lines.append("  scratchpad: {retained: TODO}")
    lines += ["  action_log: {immutable: TODO, retention_days: TODO, store: TODO}", ""]
    return "\n".join(lines)


def _entries(data: object) -> int:
    """Values written in a manifest: scalars, each list item counted once per value."""
    if isinstance(data, dict):
        return sum(_entries(v) for v in data.values())
    if isinstance(data, list):
        return sum(_entries(v) for v in data) if data else 0
    return 1


def draft_summary(loaded: LoadedManifest, scan: ScanResult) -> str:
    """'41 manifest entries (5 tools, 2 mutating), 23 TODOs to fill, 1 unresolved place'."""
    tools = len(loaded.manifest.permissions.tools)
    mutating = sum(1 for t in loaded.manifest.permissions.tools if t.access.mutating)
    todos = len(loaded.placeholders)
    text = (f"{_entries(loaded.document.data)} manifest entries ({tools} tool{'s' if tools != 1 else ''}, "
            f"{mutating} mutating), {todos} TODO{'s' if todos != 1 else ''} to fill")
    if scan.unresolved:
        text += f", {len(scan.unresolved)} unresolved place{'s' if len(scan.unresolved) != 1 else ''} to declare"
    return text
