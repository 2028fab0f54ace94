"""Changes in the tool surface the code exposes: tools added, removed or renamed, and what each one does."""

from __future__ import annotations

from collections.abc import Iterable

from parr.diff.model import Change, Risk
from parr.scan.model import ScanResult, ToolRecord

# What a capability lets the model do, as a risk when a tool gains it.
CAPABILITY_RISK: dict[str, Risk] = {
    "shell": "critical", "code_execution": "critical", "sql": "critical", "payment": "critical",
    "computer_use": "critical",
    "email": "high", "http_write": "high", "file_write": "high", "browser": "high",
    "http": "medium", "mcp_remote": "medium", "file_read": "low",
}
_ORDER = ("low", "medium", "high", "critical")


def _max(*risks: Risk) -> Risk:
    return max(risks, key=_ORDER.index)


def tool_risk(tool: ToolRecord) -> Risk:
    """How much a new tool widens the surface: its capabilities, whether it changes state, whether it is typed."""
    risk: Risk = "low"
    for cap in tool.capabilities:
        risk = _max(risk, CAPABILITY_RISK.get(cap, "medium"))
    if tool.mutating:
        risk = _max(risk, "high")
    if not tool.typed:
        risk = _max(risk, "medium")
    return risk


def _describe(tool: ToolRecord) -> str:
    bits = ["mutating" if tool.mutating else "read-only", "typed" if tool.typed else "untyped"]
    if tool.capabilities:
        bits.append(", ".join(tool.capabilities))
    return "; ".join(bits)


def _pair_renames(removed: list[ToolRecord], added: list[ToolRecord]) -> list[tuple[ToolRecord, ToolRecord]]:
    """A removed and an added tool are one renamed tool where the code makes it clear: the same file,
    the same declaration style and the same non-empty description the model reads."""
    pairs = []
    for old in list(removed):
        if not old.description:
            continue
        matches = [new for new in added if new.file == old.file and new.style == old.style
                   and (new.description or "").strip() == old.description.strip()]
        if len(matches) == 1:
            pairs.append((old, matches[0]))
            removed.remove(old)
            added.remove(matches[0])
    return pairs


def _by_name(tools: Iterable[ToolRecord]) -> dict[str, list[ToolRecord]]:
    out: dict[str, list[ToolRecord]] = {}
    for tool in tools:
        out.setdefault(tool.model_name or tool.name, []).append(tool)
    return out


def _pair_same_name(olds: list[ToolRecord], news: list[ToolRecord]) -> tuple[list[tuple[ToolRecord, ToolRecord]], list[ToolRecord], list[ToolRecord]]:
    olds, news = list(olds), list(news)
    pairs = []
    for old in list(olds):
        same_file = next((n for n in news if n.file == old.file), None)
        if same_file is not None:
            pairs.append((old, same_file))
            olds.remove(old)
            news.remove(same_file)
    while olds and news:  # moved to another file
        pairs.append((olds.pop(0), news.pop(0)))
    return pairs, olds, news


def compare_tools(base: ScanResult | None, head: ScanResult | None, prefix: str) -> list[Change]:
    """Every change between the two inventories; `prefix` turns scan paths into repository paths."""
    def where(tool: ToolRecord) -> tuple[str, int]:
        return (f"{prefix}{tool.file}", tool.line)

    old_tools = _by_name(base.tools if base else ())
    new_tools = _by_name(head.tools if head else ())
    changes: list[Change] = []
    removed: list[ToolRecord] = []
    added: list[ToolRecord] = []
    pairs: list[tuple[ToolRecord, ToolRecord]] = []
    for name in sorted(old_tools.keys() | new_tools.keys()):
        p, r, a = _pair_same_name(old_tools.get(name, []), new_tools.get(name, []))
        pairs += p
        removed += r
        added += a
    for old, new in _pair_renames(removed, added):
        file, line = where(new)
        changes.append(Change(area="code", kind="tool_renamed", subject=new.name, risk="medium",
                              message=f"tool '{old.name}' is now called '{new.name}' (the model sees the new name)",
                              before=old.name, after=new.name, file=file, line=line))
        pairs.append((old, new))
    for new in added:
        file, line = where(new)
        changes.append(Change(area="code", kind="tool_added", subject=new.name, risk=tool_risk(new),
                              message=f"new tool '{new.name}' ({_describe(new)})", after=_describe(new),
                              file=file, line=line))
    for old in removed:
        file, line = where(old)
        changes.append(Change(area="code", kind="tool_removed", subject=old.name, risk="low",
                              message=f"tool '{old.name}' is gone from the code", before=_describe(old),
                              file=file, line=line))
    for old, new in pairs:
        changes.extend(_tool_changes(old, new, *where(new)))
    changes.extend(_visibility(base, head, prefix))
    return changes


def _tool_changes(old: ToolRecord, new: ToolRecord, file: str, line: int) -> list[Change]:
    out: list[Change] = []
    name = new.name

    def add(kind: str, risk: Risk, message: str, before: str | None = None, after: str | None = None) -> None:
        out.append(Change(area="code", kind=kind, subject=name, risk=risk, message=message, before=before,
                          after=after, file=file, line=line))

    if new.mutating and not old.mutating:
        why = f" ({new.evidence[0]})" if new.evidence else ""
        add("became_mutating", "high", f"'{name}' now changes state{why}", "read-only", "mutating")
    elif old.mutating and not new.mutating:
        add("became_read_only", "low", f"'{name}' no longer changes state", "mutating", "read-only")
    for cap in sorted(set(new.capabilities) - set(old.capabilities)):
        add("capability_added", CAPABILITY_RISK.get(cap, "medium"), f"'{name}' gained the capability {cap}", None, cap)
    for cap in sorted(set(old.capabilities) - set(new.capabilities)):
        add("capability_removed", "low", f"'{name}' lost the capability {cap}", cap, None)
    if old.typed and not new.typed:
        why = next((e for e in new.evidence if "type" in e or "raw" in e or "untyped" in e), None)
        add("became_untyped", "high", f"'{name}' now takes untyped or raw input" + (f" ({why})" if why else ""),
            "typed", "untyped")
    elif new.typed and not old.typed:
        add("became_typed", "low", f"'{name}' now declares typed parameters", "untyped", "typed")
    for gate in sorted(set(old.gates) - set(new.gates)):
        add("gate_removed_in_code", "high", f"'{name}' lost the gate {gate} in code", gate, None)
    for gate in sorted(set(new.gates) - set(old.gates)):
        add("gate_added_in_code", "low", f"'{name}' gained the gate {gate} in code", None, gate)
    if (old.description or "").strip() != (new.description or "").strip():
        add("description_changed", "medium" if new.mutating else "low",
            f"the description the model reads for '{name}' changed", _short(old.description), _short(new.description))
    if old.schema_kind != new.schema_kind:
        add("schema_changed", "medium" if new.schema_kind == "none" else "low",
            f"'{name}' now declares its parameters as {new.schema_kind} (was {old.schema_kind})",
            old.schema_kind, new.schema_kind)
    out.extend(_annotation_changes(old, new, file, line))
    return out


def _annotation_changes(old: ToolRecord, new: ToolRecord, file: str, line: int) -> list[Change]:
    """One change per tool whose hints changed. Hosts act on them: a tool marked read-only may run
    without a confirmation, so that mark on a tool whose code changes state is high; calling a
    state-changing tool not destructive, medium; hints that agree with the code, low."""
    moved = [k for k in sorted(set(old.annotations) | set(new.annotations)) if old.annotations.get(k) != new.annotations.get(k)]
    if not moved:
        return []
    risk: Risk = "low"
    if new.mutating and new.annotations.get("readOnlyHint") is True:
        risk = "high"
    elif new.mutating and new.annotations.get("destructiveHint") is False and "destructiveHint" in moved:
        risk = "medium"
    parts = ", ".join(f"{k} {_show(old.annotations.get(k))} → {_show(new.annotations.get(k))}" for k in moved)
    note = " (the code changes state: a host may now run it without asking)" if risk == "high" else ""
    return [Change(area="code", kind="annotations_changed", subject=new.name, risk=risk,
                   message=f"'{new.name}' hints changed: {parts}{note}",
                   before=", ".join(f"{k}={_show(old.annotations.get(k))}" for k in moved),
                   after=", ".join(f"{k}={_show(new.annotations.get(k))}" for k in moved), file=file, line=line)]


def _show(value: object) -> str:
    return "unset" if value is None else str(value).lower() if isinstance(value, bool) else str(value)


def _visibility(base: ScanResult | None, head: ScanResult | None, prefix: str) -> list[Change]:
    """New places the scan cannot read: tools may hide there, so they count as changes too."""
    out: list[Change] = []
    old_sites = {(s.file, s.call) for s in base.unresolved} if base else set()
    for site in head.unresolved if head else ():
        if (site.file, site.call) not in old_sites:
            out.append(Change(area="code", kind="unreadable_registration", subject=site.call, risk="medium",
                              message=f"new tool registration parr cannot read: {site.call} ({site.reason})",
                              file=f"{prefix}{site.file}", line=site.line))
    old_unread = {u.file for u in base.unread} if base else set()
    for unread in head.unread if head else ():
        if unread.file not in old_unread:
            out.append(Change(area="code", kind="unread_file", subject=unread.file, risk="medium",
                              message=f"the scan cannot read {unread.file} ({unread.reason.replace('_', ' ')})",
                              file=f"{prefix}{unread.file}"))
    return out


def _short(text: str | None, limit: int = 160) -> str | None:
    if text is None:
        return None
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
