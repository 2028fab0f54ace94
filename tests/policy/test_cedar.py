"""Cedar through the real cedarpy: statements, error lines, policy ids back to @id and file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from parr.policy.cedar import entity_id, load_cedar, locate_policy_error, locate_schema_error, split_statements
from parr.policy.model import PolicyCall
from parr.policy.sources import PolicySource

REFUNDS = """// refunds
@id("refund_small")
permit (
  principal == Agent::"bot",
  action == Action::"issue_refund",
  resource
)
when { context.amount <= 50 };

@id("no_refunds_in_production")
forbid (principal, action == Action::"issue_refund", resource)
when { context.environment == "production" }
unless { context has approved && context.approved };
"""

READS = """permit (principal, action in [Action::"get_charge", Action::"list_charges"], resource);
"""

SCHEMA = """entity Agent;
entity Tool;
action "issue_refund" appliesTo {
  principal: [Agent],
  resource: [Tool],
  context: {amount: Long, environment: String, approved?: Bool},
};
action "get_charge" appliesTo {principal: [Agent], resource: [Tool], context: {}};
action "list_charges" appliesTo {principal: [Agent], resource: [Tool], context: {}};
"""


def _source(name: str, text: str) -> PolicySource:
    return PolicySource(name, Path(name), text)


def test_statements_skip_strings_and_comments() -> None:
    text = '// a; comment\n@id("a;b")\npermit (principal, action, resource)\nwhen { context.s == "x;y" };\nforbid (principal, action, resource);'
    statements = split_statements(text)
    assert [(s.start_line, s.end_line, s.complete) for s in statements] == [(2, 4, True), (5, 5, True)]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('@id("a")\npermit (\n  principal,\n  action,\n  resource\n)\nwhen { context.amount <= };\n', 7, "unexpected token `}`"),
        ('permit (principal, action, resource);\n\npermit (principal, action, resource', 3, "unexpected end of input"),
        ('permit (principal, action, resource);\npermit (principal, action, resource) when { context.x == "a };\n', 2, "invalid token"),
        ('@id("a") @id("b") permit (principal, action, resource);', 1, "duplicate annotation"),
    ],
)
def test_syntax_errors_have_lines(text: str, line: int, message: str) -> None:
    located = locate_policy_error(text)
    assert located is not None
    assert located[0] == line and message in located[1]


def test_valid_text_has_no_error() -> None:
    assert locate_policy_error(REFUNDS) is None


def test_schema_error_line() -> None:
    broken = SCHEMA.replace("resource: [Tool],\n  context: {amount", "resource: [Tol],\n  context: {amount")
    assert locate_schema_error(broken, json_format=False) == (7, "failed to resolve type: Tol")
    assert locate_schema_error(SCHEMA, json_format=False) is None


def test_policy_ids_map_to_annotations_and_lines_across_files() -> None:
    loaded, problems = load_cedar([_source("refunds.cedar", REFUNDS), _source("reads.cedar", READS)], None)
    assert problems == [] and loaded is not None
    described = [rule.describe() for rule in loaded.rules]
    assert described == [
        "refund_small (refunds.cedar:2)",
        "no_refunds_in_production (refunds.cedar:10)",
        "permit at reads.cedar:1",
    ]
    assert loaded.mentions("issue_refund") and loaded.mentions("list_charges") and not loaded.mentions("close_case")


def test_decisions_name_the_deciding_policy() -> None:
    loaded, _ = load_cedar([_source("refunds.cedar", REFUNDS), _source("reads.cedar", READS)], None)
    assert loaded is not None
    calls = [
        PolicyCall(principal='Agent::"bot"', action="issue_refund", context={"amount": 20, "environment": "staging"}),
        PolicyCall(principal='Agent::"bot"', action="issue_refund", context={"amount": 20, "environment": "production", "approved": False}),
        PolicyCall(principal="bot", action='Action::"get_charge"'),
        PolicyCall(principal="bot", action="close_case"),
    ]
    results = loaded.evaluate(calls, with_schema=False)
    assert [r.decision for r in results] == ["allow", "deny", "allow", "deny"]
    assert [r.id for r in results[0].rules] == ["refund_small"]
    assert [r.id for r in results[1].rules] == ["no_refunds_in_production"]
    assert results[2].rules[0].describe() == "permit at reads.cedar:1"
    assert results[3].rules == ()


def test_evaluation_errors_name_the_policy() -> None:
    """A forbid that errors is skipped by Cedar: parr reports it, with the policy's @id and line."""
    loaded, _ = load_cedar([_source("refunds.cedar", REFUNDS)], None)
    assert loaded is not None
    [result] = loaded.evaluate([PolicyCall(principal="bot", action="issue_refund", context={"amount": 1})], with_schema=False)
    assert result.decision == "allow"
    assert any("no_refunds_in_production (refunds.cedar:10)" in error for error in result.errors)


def test_schema_validation_errors_point_at_the_policy() -> None:
    wrong = REFUNDS.replace("context.amount <= 50", 'context.amount <= "50"')
    loaded, problems = load_cedar([_source("refunds.cedar", wrong)], _source("refunds.cedarschema", SCHEMA))
    assert loaded is not None
    [problem] = problems
    assert (problem.kind, problem.file, problem.line) == ("validation", "refunds.cedar", 2)
    assert "refund_small" in problem.message


def test_requests_are_validated_against_the_schema_when_asked() -> None:
    loaded, problems = load_cedar([_source("refunds.cedar", REFUNDS)], _source("refunds.cedarschema", SCHEMA))
    assert loaded is not None and problems == []
    call = PolicyCall(principal="bot", action="issue_refund", context={"amount": 5})
    [strict] = loaded.evaluate([call], with_schema=True)
    [loose] = loaded.evaluate([call], with_schema=False)
    assert strict.decision == "error" and "environment" in strict.errors[0]
    assert loose.decision == "allow"


def test_syntax_error_is_a_problem_not_a_crash() -> None:
    loaded, problems = load_cedar([_source("bad.cedar", "permit (principal, action, resource")], None)
    assert loaded is None
    assert [(p.kind, p.file, p.line) for p in problems] == [("syntax", "bad.cedar", 1)]
    assert problems[0].message == "Cedar syntax error: unexpected end of input"


def test_resource_comes_from_scope_or_schema() -> None:
    text = 'permit (principal, action == Action::"a", resource is Case);\npermit (principal, action == Action::"b", resource);'
    schema = 'entity Agent; entity Case; entity Kb;\naction "a" appliesTo {principal: [Agent], resource: [Case]};\naction "b" appliesTo {principal: [Agent], resource: [Kb]};'
    loaded, problems = load_cedar([_source("p.cedar", text)], _source("s.cedarschema", schema))
    assert loaded is not None and problems == []
    assert loaded.resource_for("a") == 'Case::"parr-probe"'
    assert loaded.resource_for("b") == 'Kb::"parr-probe"'
    assert loaded.resource_for("c") == 'Tool::"c"'


def test_entity_id() -> None:
    assert entity_id('Action::"issue_refund"') == "issue_refund"
    assert entity_id('Billing::Action::"a \\"b\\""') == 'a "b"'
    assert entity_id("issue_refund") == "issue_refund"
