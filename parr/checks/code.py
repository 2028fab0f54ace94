"""Code against manifest: the tools the scan found compared with what parr.yaml declares."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from parr.checks.base import Fail, NotApplicable, Pass, Result, check, needs
from parr.facts import Facts
from parr.kinds import kind_evidence
from parr.manifest.models import Access, AgentKind, ToolPermission
from parr.scan.model import ToolRecord

PRODUCTION = frozenset({"production", "prod", "prd", "live"})
BROAD_CAPABILITIES = {
    "shell": "runs shell commands",
    "code_execution": "executes code",
    "http": "calls arbitrary URLs",
    "http_write": "sends arbitrary HTTP writes",
    "sql": "runs SQL the model writes",
    "file_write": "writes to the file system",
    "computer_use": "drives a computer",
    "browser": "drives a browser",
}
# Gates a framework enforces in code, as the scanner reports them.
APPROVAL_HOOKS = frozenset({"needs_approval", "needsApproval", "interrupt", "human_in_the_loop", "hitl", "approval",
                            "approval_request", "requires_confirmation", "confirmation", "user_confirmation"})


def _where(facts: Facts, tool: ToolRecord) -> tuple[str, int]:
    return str(facts.loaded.root / tool.file), tool.line


def _fail(facts: Facts, tool: ToolRecord, message: str, *extra: str) -> Fail:
    file, line = _where(facts, tool)
    return Fail(message, file=file, line=line, evidence=tuple(extra) + tuple(tool.evidence))


def _declared(facts: Facts) -> dict[str, tuple[int, ToolPermission]]:
    return {t.name: (i, t) for i, t in enumerate(facts.manifest.permissions.tools)}


def _entry(declared: dict[str, tuple[int, ToolPermission]], tool: ToolRecord) -> tuple[int, ToolPermission] | None:
    """The manifest entry of a scanned tool, by its name or by the full name the model sees
    (Semantic Kernel's Plugin-function): a manifest may use either."""
    entry = declared.get(tool.name)
    if entry is None and tool.model_name:
        entry = declared.get(tool.model_name)
    return entry


def _code_names(tools: list[ToolRecord]) -> dict[str, ToolRecord]:
    out = {t.name: t for t in tools}
    out.update({t.model_name: t for t in tools if t.model_name})
    return out


scanned = needs(lambda facts: list(facts.scan.tools) if facts.scan is not None else None, "the code was not scanned")


def _is_production(tool: ToolPermission) -> bool:
    return any(env.lower() in PRODUCTION for env in tool.environments)


@check("CODE-001", reads=("permissions.tools[*].name",))
@scanned
def undeclared_mutating(facts: Facts, tools: list[ToolRecord]) -> Iterator[Result]:
    declared = _declared(facts)
    for tool in tools:
        if tool.mutating and _entry(declared, tool) is None:
            yield _fail(facts, tool, f"mutating tool '{tool.name}' ({tool.framework}) is not in the permission manifest")


@check("CODE-002", reads=("permissions.tools[*].name",))
@scanned
def undeclared_read_only(facts: Facts, tools: list[ToolRecord]) -> Iterator[Result]:
    declared = _declared(facts)
    for tool in tools:
        if not tool.mutating and _entry(declared, tool) is None:
            yield _fail(facts, tool, f"tool '{tool.name}' ({tool.framework}) is not in the permission manifest")


@check("CODE-003", reads=("permissions.tools[*].name", "permissions.tools[*].source",))
@scanned
def declared_but_gone(facts: Facts, tools: list[ToolRecord]) -> Iterator[Result]:
    names = sorted(_code_names(tools))
    sites = {f"{s.file}:{s.line}" for s in facts.scan.unresolved}
    blind = _blind_spots(facts)
    for index, tool in enumerate(facts.manifest.permissions.tools):
        if tool.name in names or "*" in tool.name:
            continue
        if tool.source is not None:
            if tool.source not in sites:
                yield Fail(f"declared tool '{tool.name}' names source {tool.source}, which no longer hands tools "
                           "to a model (see `parr scan`)", loc=("permissions", "tools", index, "source"))
            continue
        if blind:
            # Not stale for all parr knows: the code it could not read may expose it.
            yield Fail(f"declared tool '{tool.name}' was not found, but the scan could not see everything "
                       f"({blind}): give the entry source: <file>:<line> of the place that hands it to the model",
                       loc=("permissions", "tools", index, "name"))
            continue
        closest = difflib.get_close_matches(tool.name, names, n=1, cutoff=0.5)
        hint = f"; the closest tool in the code is '{closest[0]}'" if closest else ""
        yield Fail(f"declared tool '{tool.name}' is not exposed by the code{hint}", loc=("permissions", "tools", index, "name"))


# Skipped-file categories that are not blind spots: files the user excluded on purpose, and links
# out of the repository (not the agent's code). Every other category, present or added later, is.
_DELIBERATE_SKIPS = frozenset({"ignored", "symlink_outside"})


def _unexplained_sites(facts: Facts) -> list:
    """Unresolved sites no manifest entry points at with `source: file:line`."""
    explained = {t.source for t in facts.manifest.permissions.tools if t.source}
    return [s for s in facts.scan.unresolved if f"{s.file}:{s.line}" not in explained]


def _skipped(facts: Facts) -> dict[str, int]:
    counts = facts.scan.skipped.model_dump()
    return {k: v for k, v in counts.items() if k not in _DELIBERATE_SKIPS and isinstance(v, int) and v > 0}


def _blind_spots(facts: Facts) -> str:
    """What the scan could not see, in words ('' when it saw everything): unexplained sites, files
    it could not read or parse, files it left out."""
    parts = []
    sites = _unexplained_sites(facts)
    if sites:
        parts.append(f"{len(sites)} place{'s' if len(sites) != 1 else ''} handing tools to a model it could not read")
    if facts.scan.errors:
        parts.append(f"{len(facts.scan.errors)} file{'s' if len(facts.scan.errors) != 1 else ''} it could not read")
    for category, count in _skipped(facts).items():
        parts.append(f"{count} file{'s' if count != 1 else ''} skipped as {category.replace('_', ' ')}")
    return ", ".join(parts)


def _tools_line(facts: Facts) -> int:
    """Where a finding about the whole scan points: the manifest's tool list, else its first line."""
    return facts.loaded.line_of("permissions", "tools") or facts.loaded.line_of("permissions") or 1


@check("CODE-012", reads=("permissions.tools[*].source",))
@scanned
def code_parr_could_not_read(facts: Facts, tools: list[ToolRecord]) -> Iterator[Result]:
    root = facts.loaded.root
    for site in _unexplained_sites(facts):
        yield Fail(f"{site.call}: tools handed to a model that parr could not read ({site.reason})",
                   file=str(root / site.file), line=site.line)
    unread = {u.file for u in facts.scan.unread}
    for err in facts.scan.errors:
        if err.file in unread:
            continue  # named below, with the reason it was not read
        if err.file in (".", ""):
            yield Fail(f"the scan failed in part: {err.message}; tools there were not seen", line=_tools_line(facts))
        else:
            yield Fail(f"parr could not read this file ({err.message}); a tool in it would not be seen",
                       file=str(root / err.file), line=err.line or 1)
    named: dict[str, int] = {}
    for skipped in facts.scan.unread:
        if skipped.reason in _DELIBERATE_SKIPS:
            continue
        named[skipped.reason] = named.get(skipped.reason, 0) + 1
        yield Fail(f"parr did not scan this file ({skipped.reason.replace('_', ' ')}); a tool in it would not be seen",
                   file=str(root / skipped.file), line=1)
    for category, count in _skipped(facts).items():
        rest = count - named.get(category, 0)
        if rest > 0:
            yield Fail(f"{rest} {'more ' if named.get(category) else ''}file{'s' if rest != 1 else ''} of the agent's "
                       f"code were not scanned ({category.replace('_', ' ')}); a tool in them would not be seen",
                       line=_tools_line(facts))


@check("CODE-004", reads=("permissions.tools[*].name", "permissions.tools[*].access",))
@scanned
def mutating_declared_read(facts: Facts, tools: list[ToolRecord]) -> Iterator[Result]:
    declared = _declared(facts)
    for tool in tools:
        entry = _entry(declared, tool)
        if entry and tool.mutating and entry[1].access is Access.READ:
            yield _fail(facts, tool, f"tool '{tool.name}' is declared read but its code mutates",
                        f"parr.yaml line {facts.loaded.line_of('permissions', 'tools', entry[0])}")


@check("CODE-005", reads=("permissions.tools[*].name", "permissions.tools[*].access", "permissions.tools[*].gate",))
@scanned
def mutating_ungated(facts: Facts, tools: list[ToolRecord]) -> Iterator[Result]:
    declared = _declared(facts)
    code_by_name = _code_names(tools)
    for name, (index, permission) in declared.items():
        code = code_by_name.get(name)
        mutating = permission.access.mutating or (code is not None and code.mutating)
        if not mutating or permission.gate_kind != "none":
            continue
        hint = ""
        if code is not None and set(code.gates) & APPROVAL_HOOKS:
            hint = f" (the code has {', '.join(sorted(set(code.gates) & APPROVAL_HOOKS))}: declare it as approval:<queue>)"
        message = f"mutating tool '{name}' has gate none{hint}"
        if code is not None:
            yield _fail(facts, code, message)
        else:
            yield Fail(message, loc=("permissions", "tools", index, "gate"))


@check("CODE-015", reads=("permissions.tools[*].name", "permissions.tools[*].access", "permissions.tools[*].gate",))
@scanned
def read_verdict_unverified(facts: Facts, tools: list[ToolRecord]) -> Iterator[Result]:
    """A read-only verdict that rests on code parr could not read, with no claim to decide it, is parr's
    default rather than evidence: it passes only behind a gate, or with a person's word beside the tool."""
    declared = _declared(facts)
    reads = failed = covered = 0
    for tool in tools:
        if tool.mutating:
            continue
        reads += 1
        if not tool.unverified:
            continue
        entry = _entry(declared, tool)
        if entry is not None and (entry[1].access.mutating or entry[1].gate_kind != "none") \
                or set(tool.gates) & APPROVAL_HOOKS:
            covered += 1  # declared a write (CODE-005 asks its gate) or gated: a write there would be stopped
            continue
        failed += 1
        yield _fail(facts, tool, f"tool '{tool.name}' is judged read-only only because nothing parr read changes "
                                 f"state: it {'; '.join(tool.unverified[:3])}, which parr cannot read")
    if not reads:
        yield NotApplicable("no tool is judged read-only")
    elif not failed:
        behind = f" ({covered} more rest on calls parr cannot read, behind a gate or declared as writes)" if covered else ""
        yield Pass(f"{reads - covered} read-only tool(s): each verdict rests on code parr read or on what the tool "
                   f"claims{behind}")


@check("CODE-006", reads=("permissions.tools[*].name", "permissions.tools[*].sandbox",))
@scanned
def mutating_stringly_typed(facts: Facts, tools: list[ToolRecord]) -> Iterator[Result]:
    declared = _declared(facts)
    for tool in tools:
        if not tool.mutating or tool.typed:
            continue
        entry = _entry(declared, tool)
        if entry and entry[1].sandbox:
            continue
        yield _fail(facts, tool, f"mutating tool '{tool.name}' takes untyped or raw-string input (schema: {tool.schema_kind})")


@check("CODE-007", reads=("permissions.tools[*].name", "permissions.tools[*].environments", "permissions.tools[*].sandbox",))
@scanned
def broad_capability_in_production(facts: Facts, tools: list[ToolRecord]) -> Iterator[Result]:
    declared = _declared(facts)
    for tool in tools:
        broad = [BROAD_CAPABILITIES[c] for c in tool.capabilities if c in BROAD_CAPABILITIES]
        if not broad:
            continue
        entry = _entry(declared, tool)
        if entry is None:
            continue  # undeclared tools are CODE-001/002's findings; they reach no declared environment
        permission = entry[1]
        if _is_production(permission) and not permission.sandbox:
            yield _fail(facts, tool, f"tool '{tool.name}' {' and '.join(broad)} and may run in production")


@check("CODE-008", reads=("permissions.tools[*].name", "permissions.tools[*].gate",))
@scanned
def approval_claim_has_hook(facts: Facts, tools: list[ToolRecord]) -> Iterator[Result]:
    declared = _declared(facts)
    for tool in tools:
        entry = _entry(declared, tool)
        gate_kind = entry[1].gate_kind if entry else "none"
        hooks = set(tool.gates) & APPROVAL_HOOKS
        if gate_kind == "approval" and not hooks:
            # An MCP server cannot wait for a human itself: the host application asks. parr cannot
            # see the host, so the finding stands but says where the approval has to live.
            host = (" (an MCP server relies on its host to confirm the call: if yours does, "
                    "suppress this with the host named as the reason)") if tool.framework.startswith("mcp") else ""
            yield _fail(facts, tool, f"'{tool.name}' is declared {entry[1].gate} but its code has no approval hook{host}")
        if tool.annotations.get("destructiveHint") is True and gate_kind == "none":
            yield _fail(facts, tool, f"'{tool.name}' is marked destructiveHint in MCP but has no gate")


@check("CODE-009", reads=("failsafes.timeouts", "failsafes.retries",))
def clients_honour_failsafes(facts: Facts) -> Iterator[Result]:
    wiring = facts.wiring
    if wiring is None:
        yield NotApplicable("the code was not scanned")
        return
    clients = wiring.get("clients", [])
    if not clients:
        yield NotApplicable("no model client construction found in the code")
        return
    timeouts = facts.manifest.failsafes.timeouts
    retries = facts.manifest.failsafes.retries
    declared_timeout = timeouts.tool_call_seconds is not None or timeouts.run_seconds is not None
    for client in clients:
        file = str(facts.loaded.root / client["file"])
        if declared_timeout and not client["timeout"]:
            yield Fail(f"{client['name']}(...) is built without a timeout; the SDK default applies, not the declared one",
                       file=file, line=client["line"])
        if retries.max is not None and retries.max < 2 and not client["retries"]:
            yield Fail(f"{client['name']}(...) sets no retry limit; SDKs retry twice by default, the manifest allows {retries.max}",
                       file=file, line=client["line"])


@check("CODE-010", reads=("observability.trace",))
def tracing_wired(facts: Facts) -> Iterator[Result]:
    wiring = facts.wiring
    if wiring is None:
        yield NotApplicable("the code was not scanned")
        return
    if facts.manifest.observability.trace is None:
        yield NotApplicable("no tracing declared")
        return
    libraries = wiring.get("tracing", [])
    if not libraries:
        yield Fail("tracing is declared but no tracing library is wired in the code", loc=("observability", "trace"))
    elif wiring.get("tracing_disabled") and all("Agents SDK" in lib["library"] for lib in libraries):
        yield Fail(f"the framework's tracing is disabled in {wiring['tracing_disabled'][0]}", loc=("observability", "trace"))
    else:
        yield Pass(", ".join(f"{lib['library']} ({lib['file']})" for lib in libraries))


@check("CODE-011")
def no_committed_secrets(facts: Facts) -> Iterator[Result]:
    if facts.secrets is None:
        yield NotApplicable("the repository was not scanned")
        return
    for hit in facts.secrets:
        yield Fail(f"{hit['kind']} committed in the repository ({hit['masked']})",
                   file=str(facts.loaded.root / hit["file"]), line=hit["line"])


@check("CODE-013")
@scanned
def read_only_annotation_contradicted(facts: Facts, tools: list[ToolRecord]) -> Iterator[Result]:
    for tool in tools:
        if tool.annotations.get("readOnlyHint") is True and tool.mutating:
            yield _fail(facts, tool, f"tool '{tool.name}' is annotated readOnlyHint: true but its code changes state; "
                                     "a host may run it without asking")


@check("CODE-014", reads=("agent.kind", "permissions.tools[*].access", "permissions.tools[*].sandbox"))
def declared_kind_matches_code(facts: Facts) -> Iterator[Result]:
    """A kind exempts checklist items, so it is a claim the code must bear out: an MCP server calls no
    model, and a sandboxed runner's writes stay in its sandbox."""
    kind = facts.manifest.agent.kind
    if kind is None:
        yield NotApplicable("agent.kind is not declared, so every item applies")
        return
    if kind is AgentKind.SANDBOXED_RUNNER:
        for index, tool in enumerate(facts.manifest.permissions.tools):
            if tool.access.mutating and not tool.sandbox:
                yield Fail(f"agent.kind is sandboxed-runner, but tool '{tool.name}' ({tool.access.value}) names no "
                           "sandbox, so its writes may outlive the run; set its `sandbox`, or declare another kind",
                           loc=("permissions", "tools", index))
    if kind.calls_model:
        yield Pass(f"agent.kind {kind.value}")
        return
    if facts.scan is None:
        yield NotApplicable("the code was not scanned")
        return
    found = kind_evidence(facts.scan)
    for client in found.model_clients:
        yield Fail(f"agent.kind is {kind.value}, which exempts the spend and model items, but the code builds a model "
                   f"client ({client['name']}); declare kind model-loop or workflow-step",
                   file=str(facts.loaded.root / client["file"]), line=client["line"])
    if found.loop_tools:
        first = found.loop_tools[0]
        more = f" and {len(found.loop_tools) - 1} more" if len(found.loop_tools) > 1 else ""
        yield _fail(facts, first, f"agent.kind is {kind.value}, but '{first.name}'{more} ({first.framework}) are tools "
                                  "handed to a model loop in this code, not served over MCP; declare kind model-loop")
    if not found.model_clients and not found.loop_tools:
        yield Pass(f"{len(found.mcp_tools)} MCP tool registration(s) and no model client")
