"""A starting Cedar policy and schema drafted from the manifest's allowlist (`parr policy scaffold`).

The draft denies by default, permits each declared tool in the environments parr.yaml allows it
in (a tool gated `policy:<rule>` gets a permit with @id "<rule>", so the gate names a real rule),
forbids every production mutation unless `context.approved`, and forbids the names on
`policies.deny` outright. It is checked with cedarpy before it is returned.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from parr.manifest.models import Access, Manifest, ToolPermission
from parr.policy.cedar import load_cedar
from parr.policy.requests import agent_name, production_environment, thresholds_for
from parr.policy.sources import PolicySource


@dataclass(frozen=True)
class Scaffold:
    policy: str
    schema: str
    manifest_snippet: str  # the `policies:` section to paste into parr.yaml


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _uid(kind: str, value: str) -> str:
    return f"{kind}::{_q(value)}"


def _rule_id(tool: ToolPermission) -> str:
    if tool.gate_kind == "policy":
        return tool.gate.split(":", 1)[1]
    prefix = "read" if tool.access is Access.READ else tool.access.value
    return f"{prefix}_{re.sub(r'[^A-Za-z0-9_]+', '_', tool.name)}"


def _action_list(names: list[str]) -> str:
    return "[" + ", ".join(_uid("Action", n) for n in names) + "]"


def scaffold_cedar(manifest: Manifest, policy_file: str, schema_file: str) -> Scaffold:
    """The draft policy, schema and parr.yaml snippet; file names are as parr.yaml will list them."""
    principal = _uid("Agent", agent_name(manifest))
    production = production_environment(manifest)
    tools = list(manifest.permissions.tools)
    granted = list(manifest.permissions.environments)
    mutating = [t.name for t in tools if t.access is not Access.READ]
    deny = [name for name in manifest.policies.deny if "*" not in name and manifest.tool(name) is None]
    thresholds = sorted({attr for t in tools for attr in thresholds_for(manifest, t.name)})

    out = [
        f"// Starting Cedar policy for the {manifest.agent.id} agent, drafted by `parr policy scaffold`",
        "// from the permission manifest in parr.yaml. Posture: default deny. Each declared tool is",
        "// permitted in the environments parr.yaml allows it in; every production mutation waits for a",
        "// human approval (context.approved); the names on policies.deny are forbidden outright.",
        "// Review each rule and narrow its conditions to what the agent needs, then run `parr policy test`.",
        "",
    ]
    for heading, group in (("reads", [t for t in tools if t.access is Access.READ]),
                           ("mutations", [t for t in tools if t.access is not Access.READ])):
        if not group:
            continue
        out += [f"// ---- {heading} " + "-" * (84 - len(heading)), ""]
        for tool in group:
            environments = list(tool.environments) or granted
            gate = f", gate {tool.gate}" if tool.gate != "none" else ""
            out.append(f"// {tool.name}: {tool.access.value}{f', risk {tool.risk.value}' if tool.risk else ''}{gate}")
            if not environments:
                out += ["// parr.yaml names no environment for this tool, so nothing permits it.", ""]
                continue
            out += [
                f"@id({_q(_rule_id(tool))})",
                "permit (",
                f"  principal == {principal},",
                f"  action == {_uid('Action', tool.name)},",
                "  resource",
                ")",
                f"when {{ [{', '.join(_q(e) for e in environments)}].contains(context.environment) }};",
                "",
            ]
    if mutating:
        out += [
            "// ---- approvals " + "-" * 75,
            "",
            "// The agent proposes, the policy decides: no production mutation without a human approval.",
        ]
        for tool in tools:
            for attribute, limit in thresholds_for(manifest, tool.name).items():
                out.append(f"// {tool.name}: parr.yaml sets an approval threshold {attribute} over {limit:g}.")
        out += [
            '@id("production_mutations_need_approval")',
            "forbid (",
            "  principal,",
            f"  action in {_action_list(mutating)},",
            "  resource",
            ")",
            f"when {{ context.environment == {_q(production)} }}",
            "unless { context has approved && context.approved };",
            "",
        ]
    if deny:
        out += [
            "// ---- deny list " + "-" * 75,
            "",
            "// policies.deny in parr.yaml: never allowed, approved or not.",
            '@id("manifest_deny_list")',
            f"forbid (principal, action in {_action_list(deny)}, resource);",
            "",
        ]
    policy = "\n".join(out)

    context_fields = ["  environment: String,", "  stage?: String,", "  risk?: String,", "  approved?: Bool,",
                      "  approved_by?: String,"] + [f"  {attr}?: Long," for attr in thresholds]
    schema_lines = [
        f"// Cedar schema for the {manifest.agent.id} agent's tool calls, drafted by `parr policy scaffold`.",
        "// The agent is the principal and each tool an action; the context carries what the gates read,",
        "// never customer data. Optional attributes must be tested with `has` before use.",
        "",
        "entity Agent;",
        "entity Tool;",
        "",
        "type ToolContext = {",
        *context_fields,
        "};",
        "",
    ]
    for name in [t.name for t in tools] + deny:
        schema_lines += [
            f"action {_q(name)} appliesTo {{",
            "  principal: [Agent],",
            "  resource: [Tool],",
            "  context: ToolContext,",
            "};",
            "",
        ]
    schema = "\n".join(schema_lines)
    _self_check(policy, schema)
    return Scaffold(policy=policy, schema=schema, manifest_snippet=_snippet(manifest, principal, production, policy_file, schema_file))


def _self_check(policy: str, schema: str) -> None:
    """A scaffold that does not parse or validate is a bug in parr, never the user's problem."""
    loaded, problems = load_cedar(
        [PolicySource("scaffold.cedar", Path("scaffold.cedar"), policy)],
        PolicySource("scaffold.cedarschema", Path("scaffold.cedarschema"), schema),
    )
    if loaded is None or problems:
        raise RuntimeError("parr drafted a Cedar policy that does not validate: " + "; ".join(p.sentence() for p in problems))


def _snippet(manifest: Manifest, principal: str, production: str, policy_file: str, schema_file: str) -> str:
    tests: list[dict[str, object]] = []
    for tool in manifest.permissions.tools:
        if production not in (tool.environments or manifest.permissions.environments):
            continue
        request = {"principal": principal, "action": _uid("Action", tool.name), "resource": _uid("Tool", tool.name)}
        if tool.access is Access.READ:
            tests.append({"name": f"{tool.name} is allowed in {production}",
                          "request": {**request, "context": {"environment": production}}, "expect": "allow"})
            continue
        tests.append({"name": f"{tool.name} in {production} waits for approval",
                      "request": {**request, "context": {"environment": production, "approved": False}}, "expect": "deny"})
        tests.append({"name": f"{tool.name} in {production} with approval",
                      "request": {**request, "context": {"environment": production, "approved": True}}, "expect": "allow"})
    section = {"policies": {"engine": "cedar", "files": [policy_file], "schema": schema_file, "tests": tests}}
    return str(yaml.safe_dump(section, sort_keys=False, allow_unicode=True, width=200))
