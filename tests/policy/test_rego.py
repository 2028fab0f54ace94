"""Rego through the real regopy: error lines, the entrypoint, and which rule allowed a request."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from parr.policy.model import PolicyCall
from parr.policy.rego import load_rego, parse_file, rule_heads
from parr.policy.sources import PolicySource

BILLING = """package billing.authz

import rego.v1

# Reads are free; refunds need the small-refund rule and no block.
default allow := false

reads := {"get_invoice", "list_invoices"}

allow if input.action in reads

allow if {
\trefund_small
\tnot blocked
}

refund_small if {
\tinput.action == "issue_refund"
\tinput.context.amount <= 50
}

blocked if input.context.environment == "frozen"

refund_any if input.action == "issue_refund"
"""


def _source(name: str, text: str) -> PolicySource:
    return PolicySource(name, Path(name), text)


def _load(text: str, entrypoint: str | None = "data.billing.authz.allow"):
    loaded, problems, notes = load_rego([_source("billing.rego", text)], entrypoint)
    return loaded, problems, notes


def test_rule_heads_and_lines() -> None:
    heads = rule_heads(BILLING)
    assert heads["allow"] == [10, 12, 6]  # real bodies first, the default last
    assert heads["refund_small"] == [17]
    assert "package" not in heads and "import" not in heads


def test_syntax_error_line_from_the_error_tree() -> None:
    text = "package x\nimport rego.v1\n\nallow if {\n  input.amount <=\n}\n"
    assert parse_file(text, "x.rego") == (5, "Invalid boolean operator", frozenset())
    loaded, problems, _ = load_rego([_source("x.rego", text)], "data.x.allow")
    assert loaded is None
    assert [(p.kind, p.file, p.line, p.message) for p in problems] == [("syntax", "x.rego", 5, "Rego error: Invalid boolean operator")]


def test_the_rule_that_allowed_is_named() -> None:
    loaded, problems, _ = _load(BILLING)
    assert problems == [] and loaded is not None
    results = loaded.evaluate([
        PolicyCall(principal="svc", action="get_invoice"),
        PolicyCall(principal="svc", action="issue_refund", context={"amount": 20}),
        PolicyCall(principal="svc", action="issue_refund", context={"amount": 20, "environment": "frozen"}),
        PolicyCall(principal="svc", action="issue_refund", context={"amount": 90}),
    ])
    assert [r.decision for r in results] == ["allow", "allow", "deny", "deny"]
    assert [(r.id, r.line) for r in results[0].rules] == [("allow", 10)]  # the definition that fired
    assert [r.describe() for r in results[1].rules] == ["refund_small (billing.rego:17)"]
    assert [r.id for r in results[2].rules] == ["blocked"]  # negated by the entrypoint and holding
    assert results[3].rules == ()


def test_decision_objects_report_their_own_rule() -> None:
    text = """package agent
import rego.v1

decision := {"allow": true, "rule": "small_refund"} if input.context.amount < 10
decision := {"decision": "deny", "rule": "big_refund"} if input.context.amount >= 10
"""
    loaded, problems, _ = load_rego([_source("agent.rego", text)], "agent/decision")
    assert problems == [] and loaded is not None
    small, big, none = loaded.evaluate([
        PolicyCall(principal="p", action="a", context={"amount": 1}),
        PolicyCall(principal="p", action="a", context={"amount": 50}),
        PolicyCall(principal="p", action="a"),
    ])
    assert (small.decision, [r.id for r in small.rules]) == ("allow", ["small_refund"])
    assert (big.decision, [r.id for r in big.rules]) == ("deny", ["big_refund"])
    assert none.decision == "deny"


def test_an_unreadable_decision_is_an_error() -> None:
    loaded, _, _ = load_rego([_source("a.rego", "package a\nimport rego.v1\nallow := input.action\n")], "data.a.allow")
    assert loaded is not None
    [result] = loaded.evaluate([PolicyCall(principal="p", action="refund")])
    assert result.decision == "error" and 'gave "refund"' in result.errors[0]


def test_runtime_errors_are_reported() -> None:
    loaded, _, _ = load_rego([_source("r.rego", "package r\nimport rego.v1\nallow if b\nb if allow\n")], "data.r.allow")
    assert loaded is not None
    [result] = loaded.evaluate([PolicyCall(principal="p", action="a")])
    assert result.decision == "error" and "Recursion detected" in result.errors[0]


@pytest.mark.parametrize(
    ("entrypoint", "message"),
    [
        ("data.billing.allow", "is in no package the files declare (packages: billing.authz)"),
        ("billing/authz/permit", "package billing.authz defines no rule 'permit'"),
    ],
)
def test_entrypoint_problems(entrypoint: str, message: str) -> None:
    loaded, problems, _ = _load(BILLING, entrypoint)
    assert loaded is None and problems[0].kind == "entrypoint" and message in problems[0].message


def test_missing_entrypoint_defaults_to_allow_with_a_note() -> None:
    loaded, problems, notes = _load(BILLING, None)
    assert loaded is not None and problems == []
    assert notes == ["policies.entrypoint is not set; using data.billing.authz.allow"]


def test_data_documents_and_mentions() -> None:
    module = 'package tools\nimport rego.v1\nallow if input.action in data.allowed # "hidden_tool"\n'
    loaded, problems, _ = load_rego(
        [_source("tools.rego", module), _source("data.json", '{"allowed": ["get_invoice"]}')], "data.tools.allow"
    )
    assert problems == [] and loaded is not None
    [allowed] = loaded.evaluate([PolicyCall(principal="p", action="get_invoice")])
    assert allowed.allowed
    assert loaded.mentions("get_invoice")  # named in the data document
    assert not loaded.mentions("hidden_tool")  # commented out
