"""Every row of the policy-decision-point table, in real-shaped Python and TypeScript, with traps."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import parr.scan.typescript  # noqa: F401 - the package and wiring_ts import each other; load the package first
from parr.manifest.loader import load_manifest
from parr.policy.enforcement import read_enforcement_points
from parr.scan.wiring import wiring_from_python_source
from parr.scan.wiring_ts import extract_typescript_wiring

PYTHON = {
    "cedarpy": (
        "import cedarpy\n\ndef allowed(request, policies):\n"
        "    return cedarpy.is_authorized(request, policies, []).allowed\n", 4),
    "regopy": (
        "from regopy import Interpreter\n\nrego = Interpreter()\n\ndef allowed():\n"
        "    return rego.query('x := data.agent.allow')\n", 6),
    "opa-python-client": (
        "from opa_client.opa import OpaClient\n\nclient = OpaClient()\n\ndef allowed(data):\n"
        "    return client.check_permission(input_data=data, policy_name='agent', rule_name='allow')\n", 6),
    "verified-permissions": (
        "import boto3\n\navp = boto3.client('verifiedpermissions')\n\ndef allowed(principal, action, resource):\n"
        "    answer = avp.is_authorized(policyStoreId='ps-1', principal=principal, action=action, resource=resource)\n"
        "    return answer['decision'] == 'ALLOW'\n", 6),
    "cerbos": (
        "from cerbos.sdk.client import CerbosClient\n\ndef allowed(principal, resource):\n"
        "    with CerbosClient('https://localhost:3592') as cerbos:\n"
        "        return cerbos.is_allowed('refund', principal, resource)\n", 5),
    "openfga": (
        "from openfga_sdk.client import OpenFgaClient\n\nasync def allowed(fga: OpenFgaClient, body):\n"
        "    response = await fga.check(body)\n    return response.allowed\n", 4),
    "permit.io": (
        "from permit import Permit\n\npermit = Permit(token='x', pdp='http://localhost:7766')\n\n"
        "async def allowed(user):\n    return await permit.check(user, 'refund', 'charge')\n", 6),
    "oso": (
        "from oso_cloud import Oso\n\noso = Oso(url='https://cloud.osohq.com', api_key='k')\n\n"
        "def allowed(actor, resource):\n    return oso.authorize(actor, 'refund', resource)\n", 6),
    "opa-rest": (
        "import httpx\n\nOPA = 'http://opa:8181/v1/data/agent/allow'\n\ndef allowed(payload):\n"
        "    return httpx.post(OPA, json={'input': payload}).json()['result']\n", 6),
}

TYPESCRIPT = {
    "cedar-wasm": (
        'import { isAuthorized } from "@cedar-policy/cedar-wasm/nodejs";\n\n'
        "export function allowed(call: any): boolean {\n"
        '  return isAuthorized(call).type === "success";\n}\n', 4),
    "opa-wasm": (
        'import { loadPolicy } from "@open-policy-agent/opa-wasm";\n\n'
        "export async function allowed(wasm: ArrayBuffer, input: object) {\n"
        "  const policy = await loadPolicy(wasm);\n  return policy.evaluate(input)[0]?.result === true;\n}\n", 5),
    "opa-typescript": (
        'import { OPAClient } from "@open-policy-agent/opa";\n\nconst opa = new OPAClient("http://opa:8181");\n\n'
        "export async function allowed(input: object): Promise<boolean> {\n"
        '  return (await opa.evaluate("agent/allow", input)) === true;\n}\n', 6),
    "verified-permissions": (
        'import { VerifiedPermissionsClient, IsAuthorizedCommand } from "@aws-sdk/client-verifiedpermissions";\n\n'
        "const avp = new VerifiedPermissionsClient({});\n\n"
        "export async function allowed(input: any) {\n"
        '  const out = await avp.send(new IsAuthorizedCommand({ policyStoreId: "ps-1", ...input }));\n'
        '  return out.decision === "ALLOW";\n}\n', 6),
    "cerbos": (
        'import { HTTP } from "@cerbos/http";\n\nconst cerbos = new HTTP("http://localhost:3592");\n\n'
        "export async function allowed(principal: any, resource: any) {\n"
        '  return cerbos.isAllowed({ principal, resource, action: "refund" });\n}\n', 6),
    "openfga": (
        'import { OpenFgaClient } from "@openfga/sdk";\n\nconst fga = new OpenFgaClient({ apiUrl: "http://fga" });\n\n'
        "export async function allowed(user: string) {\n"
        '  const { allowed } = await fga.check({ user, relation: "refund", object: "charge:1" });\n'
        "  return allowed;\n}\n", 6),
    "permit.io": (
        'import { Permit } from "permitio";\n\nconst permit = new Permit({ token: "x" });\n\n'
        'export const allowed = (user: string) => permit.check(user, "refund", "charge");\n', 5),
    "oso": (
        'const { Oso } = require("oso-cloud");\n\nconst oso = new Oso("https://cloud.osohq.com", "key");\n\n'
        "export async function allowed(actor: any, resource: any) {\n"
        '  return oso.authorize(actor, "refund", resource);\n}\n', 6),
    "opa-rest": (
        "export async function allowed(input: object) {\n"
        '  const res = await fetch("http://opa:8181/v1/data/agent/allow", { method: "POST", body: JSON.stringify({ input }) });\n'
        "  return (await res.json()).result === true;\n}\n", 2),
}

# The same calls by name, with no SDK behind them: not an enforcement point.
PYTHON_TRAPS = {
    "check without permit": "from .acl import permit\n\ndef allowed(u):\n    return permit.check(u, 'a', 'r')\n",
    "authorize without oso": "def allowed(svc, u):\n    return svc.authorize(u)\n",
    "query without regopy": "import sqlite3\n\ndef rows(db):\n    return db.query('select 1')\n",
    "post without the OPA path": "import requests\n\ndef send(x):\n    return requests.post('https://api.example.com/v1/items', json=x)\n",
    "is_authorized without the service": "import boto3\n\ndef ok(c):\n    return c.is_authorized()\n",
    "SDK imported, no decision": "import cedarpy\n\nPOLICIES = cedarpy.PolicySet.from_str('')\n",
}
TYPESCRIPT_TRAPS = {
    "check without an SDK": 'import { fga } from "./fga";\n\nexport const ok = (u: string) => fga.check({ user: u });\n',
    "fetch without the OPA path": 'export const get = () => fetch("https://api.example.com/v1/items");\n',
    "SDK imported, no decision": 'import { Permit } from "permitio";\n\nexport const permit = new Permit({ token: "x" });\n',
}


def _python_points(source: str) -> list[dict]:
    ast.parse(source)  # the fixture itself must be valid Python
    return wiring_from_python_source(source.encode()).get("policy_points", [])


@pytest.mark.parametrize("sdk", list(PYTHON))
def test_python_decision_calls(sdk: str) -> None:
    source, line = PYTHON[sdk]
    assert [(p["sdk"], p["line"]) for p in _python_points(source)] == [(sdk, line)]


@pytest.mark.parametrize("sdk", list(TYPESCRIPT))
def test_typescript_decision_calls(sdk: str) -> None:
    source, line = TYPESCRIPT[sdk]
    points = extract_typescript_wiring("src/gate.ts", source.encode()).get("policy_points", [])
    assert [(p["sdk"], p["line"]) for p in points] == [(sdk, line)]


@pytest.mark.parametrize("name", list(PYTHON_TRAPS))
def test_python_traps(name: str) -> None:
    assert _python_points(PYTHON_TRAPS[name]) == []


@pytest.mark.parametrize("name", list(TYPESCRIPT_TRAPS))
def test_typescript_traps(name: str) -> None:
    assert extract_typescript_wiring("src/x.ts", TYPESCRIPT_TRAPS[name].encode()).get("policy_points", []) == []


def test_named_enforcement_points_are_verified(make_repo, tmp_path: Path) -> None:
    entries = [
        "agent/gate.py:authorize", "src/gate.ts:PolicyGate.check", "src/fn.ts:decide",
        "agent/gate.py:missing", "../outside.py:authorize", "agent/none.py:authorize", "no-colon",
    ]
    repo = make_repo(
        patch={"policies": {"enforcement_points": entries}},
        files={
            "agent/gate.py": "import x\n\n\nasync def authorize(action):\n    return await x.ask(action)\n",
            "src/gate.ts": "export class PolicyGate {\n  async check(action: string): Promise<boolean> {\n    return ask(action);\n  }\n}\n",
            "src/fn.ts": "export const decide = async (action: string) => ask(action);\n",
        },
    )
    (tmp_path / "outside.py").write_text("def authorize():\n    return True\n")
    points = read_enforcement_points(load_manifest(repo / "parr.yaml"))
    assert [(p.line, p.problem) for p in points] == [
        (4, None),
        (2, None),
        (1, None),
        (None, "agent/gate.py defines no function 'missing'"),
        (None, "../outside.py is outside the repository"),
        (None, "agent/none.py does not exist"),
        (None, "write it as FILE:FUNCTION, e.g. src/gate.py:authorize"),
    ]
