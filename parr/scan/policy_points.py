"""Policy decision points: which SDK calls mean the code asks a policy engine before it acts, as data.

One row per SDK: the modules (Python import roots) or npm packages that provide it, and the calls
that ask for a decision. A file counts as an enforcement point when it imports the SDK and makes
one of its decision calls; the OPA REST API has no SDK, so a file that names the `/v1/data/` path
and makes an HTTP call counts for it. The wiring pass (parr.scan.wiring for Python,
parr.scan.wiring_ts for TypeScript/JavaScript) reads this table; checks see the result under
wiring["policy_points"] (file, line, SDK, call).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DecisionSdk:
    name: str
    py_modules: tuple[str, ...] = ()  # import roots, e.g. "cedarpy" or "cerbos"
    py_calls: tuple[str, ...] = ()  # function or method names that return a decision
    ts_packages: tuple[str, ...] = ()  # npm package names (a trailing "/" is a scope prefix)
    ts_calls: tuple[str, ...] = ()  # function, method or command-class names
    py_marker: str | None = None  # a string the file must hold instead of an import (boto3 service name)


SDKS: tuple[DecisionSdk, ...] = (
    # cedarpy: is_authorized(request, policies, entities, schema=...) and the batch form.
    DecisionSdk("cedarpy", py_modules=("cedarpy",), py_calls=("is_authorized", "is_authorized_batch")),
    # Cedar's own JS/wasm binding.
    DecisionSdk("cedar-wasm", ts_packages=("@cedar-policy/cedar-wasm",), ts_calls=("isAuthorized", "isAuthorizedBatch")),
    # rego-cpp's Python binding: Interpreter().query("data.x.allow").
    DecisionSdk("regopy", py_modules=("regopy",), py_calls=("query", "query_output")),
    # opa-python-client: OpaClient().check_permission(input_data, policy_name, rule_name).
    DecisionSdk("opa-python-client", py_modules=("opa_client",),
                py_calls=("check_permission", "check_policy_rule", "query_rule", "ad_hoc_query")),
    # OPA's TypeScript SDK (first @styra/opa, now @open-policy-agent/opa): new OPAClient(url).evaluate(path, input).
    DecisionSdk("opa-typescript", ts_packages=("@styra/opa", "@open-policy-agent/opa"),
                ts_calls=("evaluate", "evaluateBatch", "evaluateDefault", "executePolicyWithInput")),
    # OPA compiled to Wasm: loadPolicy(wasm) then policy.evaluate(input).
    DecisionSdk("opa-wasm", ts_packages=("@open-policy-agent/opa-wasm",), ts_calls=("evaluate",)),
    # Amazon Verified Permissions: boto3.client("verifiedpermissions").is_authorized(...);
    # @aws-sdk/client-verifiedpermissions: client.send(new IsAuthorizedCommand(...)).
    DecisionSdk("verified-permissions", py_calls=("is_authorized", "is_authorized_with_token", "batch_is_authorized",
                                                  "batch_is_authorized_with_token"),
                py_marker="verifiedpermissions",
                ts_packages=("@aws-sdk/client-verifiedpermissions",),
                ts_calls=("IsAuthorizedCommand", "IsAuthorizedWithTokenCommand", "BatchIsAuthorizedCommand",
                          "BatchIsAuthorizedWithTokenCommand", "isAuthorized", "isAuthorizedWithToken")),
    # Cerbos: CerbosClient.check_resources / is_allowed; @cerbos/grpc and @cerbos/http checkResource(s) / isAllowed.
    DecisionSdk("cerbos", py_modules=("cerbos",), py_calls=("check_resources", "is_allowed"),
                ts_packages=("@cerbos/",), ts_calls=("checkResource", "checkResources", "isAllowed")),
    # OpenFGA: OpenFgaClient.check / batch_check; @openfga/sdk check / batchCheck.
    DecisionSdk("openfga", py_modules=("openfga_sdk",), py_calls=("check", "batch_check", "client_batch_check"),
                ts_packages=("@openfga/sdk",), ts_calls=("check", "batchCheck")),
    # Permit.io: permit.check(user, action, resource) in `permit` (Python) and `permitio` (npm).
    DecisionSdk("permit.io", py_modules=("permit",), py_calls=("check", "bulk_check"),
                ts_packages=("permitio",), ts_calls=("check", "bulkCheck")),
    # Oso (library and Oso Cloud): oso.authorize(actor, action, resource) / is_allowed.
    DecisionSdk("oso", py_modules=("oso", "oso_cloud"), py_calls=("authorize", "is_allowed", "authorize_request"),
                ts_packages=("oso", "oso-cloud"), ts_calls=("authorize", "isAllowed", "authorizeRequest")),
)

# The OPA REST API: a POST to /v1/data/<path> asks for a decision.
OPA_REST_PATH = "/v1/data/"
PY_HTTP_CALLS = frozenset({"post", "request", "urlopen", "Request", "fetch"})
TS_HTTP_CALLS = frozenset({"fetch", "post", "request", "got", "ky"})


def py_sdks_for_module(module: str) -> list[DecisionSdk]:
    root = module.split(".")[0]
    return [sdk for sdk in SDKS if root in sdk.py_modules]


def ts_sdks_for_package(package: str) -> list[DecisionSdk]:
    return [
        sdk for sdk in SDKS
        for name in sdk.ts_packages
        if package == name or (name.endswith("/") and package.startswith(name)) or package.startswith(name + "/")
    ]


def py_markers() -> list[DecisionSdk]:
    return [sdk for sdk in SDKS if sdk.py_marker]


# Bytes whose presence makes the wiring pass walk a file for decision calls: the import forms (not
# bare names, so that "permitted" or "isosceles" do not trigger a full walk) and the REST path.
PY_TRIGGERS: tuple[bytes, ...] = tuple(
    {f"{form} {module}".encode() for sdk in SDKS for module in sdk.py_modules for form in ("import", "from")}
    | {sdk.py_marker.encode() for sdk in SDKS if sdk.py_marker}
    | {OPA_REST_PATH.encode()}
)
TS_TRIGGERS: tuple[bytes, ...] = tuple(
    {f'"{package}'.encode() for sdk in SDKS for package in sdk.ts_packages}
    | {f"'{package}".encode() for sdk in SDKS for package in sdk.ts_packages}
    | {OPA_REST_PATH.encode()}
)
TS_CALL_NAMES: frozenset[str] = frozenset({call for sdk in SDKS for call in sdk.ts_calls} | TS_HTTP_CALLS)
