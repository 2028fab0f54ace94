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
