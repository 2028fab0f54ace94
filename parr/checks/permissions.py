"""Permissions: least-privilege role, an explicit allowlist, environment separation, secrets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from parr.checks.base import Fail, NotApplicable, Pass, Result, check
from parr.facts import Facts
from parr.manifest.models import Access, AgentKind

PRODUCTION_NAMES = frozenset({"production", "prod", "prd", "live"})
MAX_ROTATION_DAYS = 90


def is_production(environment: str) -> bool:
    return environment.lower() in PRODUCTION_NAMES


@check("PERM-001", reads=("permissions.role",))
def role_declared(facts: Facts) -> Iterator[Result]:
    role = facts.manifest.permissions.role
    if not role or not role.strip():
        yield Fail("no role is declared for the agent", loc=("permissions",))
    else:
        yield Pass(f"runs as role '{role}'")


@check("PERM-002", reads=("permissions.tools", "agent.kind"))
def tools_declared(facts: Facts) -> Iterator[Result]:
    tools = facts.manifest.permissions.tools
    scan = facts.scan
    if not tools and facts.manifest.agent.kind is AgentKind.WORKFLOW_STEP and scan is not None \
            and not scan.tools and not scan.unresolved and not scan.unread:
        # One model call with no tools: the empty list is the true manifest, and the scan read every
        # file and found no tool either (CODE-012 would say if it could not).
        yield Pass("a workflow step that hands its model no tools; the scan found none")
    elif not tools:
        yield Fail("the permission manifest lists no tools", loc=("permissions",))
    else:
        yield Pass(f"{len(tools)} tool(s) declared")


@check("PERM-003", reads=("permissions.tools[*].name", "permissions.tools[*].access", "permissions.tools[*].environments", "permissions.tools[*].gate",))
def production_mutations_allowlisted(facts: Facts) -> Iterator[Result]:
    for index, tool in enumerate(facts.manifest.permissions.tools):
        if not tool.access.mutating:
            continue
        production = [env for env in tool.environments if is_production(env)]
        if production and tool.gate_kind == "none":
            yield Fail(
                f"tool '{tool.name}' ({tool.access.value}) may act in {production[0]} with no gate",
                loc=("permissions", "tools", index, "gate"),
            )


@check("PERM-004", reads=("permissions.environments", "permissions.tools[*].name", "permissions.tools[*].environments",))
def environments_within_role(facts: Facts) -> Iterator[Result]:
    granted = set(facts.manifest.permissions.environments)
    if not granted:
        yield Fail("`permissions.environments` is empty, so no environment is granted", loc=("permissions",))
        return
    for index, tool in enumerate(facts.manifest.permissions.tools):
        for env_index, env in enumerate(tool.environments):
            if env not in granted:
                yield Fail(
                    f"tool '{tool.name}' names environment '{env}', which the role is not granted",
                    loc=("permissions", "tools", index, "environments", env_index),
                )


@check("PERM-005", reads=("permissions.secrets",))
def secrets_rotated(facts: Facts) -> Iterator[Result]:
    secrets = facts.manifest.permissions.secrets
    if not secrets:
        yield NotApplicable("no secrets declared")
        return
    for index, secret in enumerate(secrets):
        loc = ("permissions", "secrets", index)
        if secret.rotation_days is None:
            yield Fail(f"secret '{secret.name}' has no rotation period", loc=loc)
        elif secret.rotation_days > MAX_ROTATION_DAYS:
            yield Fail(
                f"secret '{secret.name}' rotates every {secret.rotation_days} days (at most {MAX_ROTATION_DAYS})",
                loc=loc + ("rotation_days",),
            )
        elif secret.last_rotated is None:
            yield Fail(f"secret '{secret.name}' has no `last_rotated` date", loc=loc)
        elif secret.last_rotated + dt.timedelta(days=secret.rotation_days) < facts.today:
            due = secret.last_rotated + dt.timedelta(days=secret.rotation_days)
            yield Fail(
                f"secret '{secret.name}' was due for rotation on {due.isoformat()}",
                loc=loc + ("last_rotated",),
            )


@check("PERM-006", reads=("permissions.tools[*].name",))
def no_wildcards(facts: Facts) -> Iterator[Result]:
    for index, tool in enumerate(facts.manifest.permissions.tools):
        if "*" in tool.name:
            yield Fail(f"tool entry '{tool.name}' is a wildcard grant", loc=("permissions", "tools", index, "name"))


@check("PERM-007", reads=("permissions.tools[*].name", "permissions.tools[*].access", "permissions.tools[*].sandbox",))
def execute_sandboxed(facts: Facts) -> Iterator[Result]:
    executing = [(i, t) for i, t in enumerate(facts.manifest.permissions.tools) if t.access is Access.EXECUTE]
    if not executing:
        yield NotApplicable("no tool has execute access")
        return
    for index, tool in executing:
        if not tool.sandbox:
            yield Fail(f"tool '{tool.name}' executes with no sandbox declared", loc=("permissions", "tools", index))


@check("PERM-008", reads=("permissions.tools[*].name", "permissions.tools[*].access", "permissions.tools[*].risk",))
def mutating_risk_assessed(facts: Facts) -> Iterator[Result]:
    for index, tool in enumerate(facts.manifest.permissions.tools):
        if tool.access.mutating and tool.risk is None:
            yield Fail(
                f"tool '{tool.name}' has access '{tool.access.value}' but no risk stated",
                loc=("permissions", "tools", index),
            )


@check("PERM-009", reads=("permissions.tools[*].name", "permissions.tools[*].access", "permissions.tools[*].operations"))
def operations_declared(facts: Facts) -> Iterator[Result]:
    """A tool that multiplexes operations behind one argument is as dangerous as its worst
    operation; each operation the schema offers needs its own access level in the manifest."""
    if facts.scan is None:
        yield NotApplicable("the code was not scanned")
        return
    declared = {t.name: (i, t) for i, t in enumerate(facts.manifest.permissions.tools)}
    seen = False
    for tool in facts.scan.tools:
        entry = declared.get(tool.name) or (declared.get(tool.model_name) if tool.model_name else None)
        if entry is None or not tool.operations:
            continue
        index, permission = entry
        if not permission.operations and not tool.mutating:
            continue  # a read-only tool with modes: its one access level says it all
        seen = True
        where = {"file": str(facts.loaded.root / tool.file), "line": tool.line}
        missing = [op for op in tool.operations if op not in permission.operations]
        if missing:
            yield Fail(f"tool '{tool.name}' offers operations {', '.join(tool.operations)} (argument "
                       f"'{tool.operation_param}') and parr.yaml gives no access for {', '.join(missing)}; add "
                       f"`operations: {{{', '.join(f'{op}: ...' for op in missing)}}}`", **where)
        unknown = [op for op in permission.operations if op not in tool.operations]
        if unknown:
            yield Fail(f"tool '{tool.name}' declares operations {', '.join(unknown)}, which its schema does not offer "
                       f"({', '.join(tool.operations)})", loc=("permissions", "tools", index, "operations"))
        writes = [op for op, access in permission.operations.items() if access.mutating]
        if writes and not permission.access.mutating:
            yield Fail(f"tool '{tool.name}' is declared read, but its operations {', '.join(writes)} change state",
                       loc=("permissions", "tools", index, "access"))
        if not missing and not unknown and not (writes and not permission.access.mutating):
            yield Pass(f"'{tool.name}': " + ", ".join(f"{op} {a.value}" for op, a in permission.operations.items()))
    if not seen:
        yield NotApplicable("no mutating tool multiplexes operations behind an enum argument")


@check("PERM-010", reads=("permissions.tools[*].switch", "failsafes.kill_switch.name"))
def switches_in_code(facts: Facts) -> Iterator[Result]:
    """A write switch or kill switch named like a flag or an environment variable is a claim about
    the code: parr looks for where the code reads it."""
    if facts.switches is None:
        yield NotApplicable("the code was not scanned")
        return
    from parr.scan.switches import looks_like_switch, normalise

    found: dict[str, dict] = {}
    for hit in facts.switches:
        found.setdefault(normalise(hit["name"]), hit)
    claims = [(t.switch, ("permissions", "tools", i, "switch"), f"tool '{t.name}'")
              for i, t in enumerate(facts.manifest.permissions.tools) if t.switch]
    kill = facts.manifest.failsafes.kill_switch
    if kill is not None and looks_like_switch(kill.name):
        claims.append((kill.name, ("failsafes", "kill_switch", "name"), "the kill switch"))
    if not claims:
        yield NotApplicable("no switch is named as a flag or an environment variable")
        return
    for name, loc, whose in claims:
        hit = found.get(normalise(name))
        if hit is None:
            yield Fail(f"{whose} names the switch '{name}', but no flag or environment variable of that name is read "
                       "in the code", loc=loc)
        else:
            yield Pass(f"{whose}: '{name}' is read at {hit['file']}:{hit['line']} ({hit['how']})")
