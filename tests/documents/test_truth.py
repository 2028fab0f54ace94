"""The documents tell the truth: code next to manifest, the verdict with its blockers and waivers,
why a tool is not in code, what a rollback does, operations, status pages, kinds, Backstage refs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from parr.cli import main
from parr.documents.context import load_procedures
from parr.documents.render import package_dir
from parr.documents.status_pages import status_page
from parr.documents.verdict_view import backstage_owner, entity_name
from parr.errors import ParrInputError
from parr.manifest.models import Agent
from tests.conftest import build_repo

TOOLS = [
    {"name": "get_charge", "access": "read", "environments": ["staging", "production"], "risk": "low"},
    {"name": "issue_refund", "access": "pay", "environments": ["staging", "production"], "risk": "high",
     "gate": "policy:refund_small"},
    {"name": "close_case", "access": "write", "environments": ["staging", "production"], "risk": "medium",
     "gate": "approval:billing-leads"},
]
SEND_EMAIL = {"name": "send_email", "access": "send", "environments": ["staging"], "risk": "high",
              "gate": "approval:exec-assistants"}
MAIL = ("from agents import Agent\nfrom vendor_mail_sdk import mail_tools\n\n"
        "assistant = Agent(name=\"mail\", tools=mail_tools(account=\"ceo\"))\n")


def _generate(repo: Path, *args: str) -> str:
    old = Path.cwd()
    os.chdir(repo)
    try:
        result = CliRunner().invoke(main, ["generate", *args, ".", "--today", "2026-11-24"], catch_exceptions=False)
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_registration_the_scan_could_not_read_is_said_so(tmp_path: Path) -> None:
    sourced = build_repo(tmp_path / "a", {"permissions": {"tools": [*TOOLS, {**SEND_EMAIL, "source": "agent/mail.py:4"}]}},
                         {"agent/mail.py": MAIL})
    text = _generate(sourced, "runbook")
    assert "**the scan could not read this tool's registration** (`agent/mail.py:4`)" in text
    assert "not found in code" not in text

    blind = build_repo(tmp_path / "b", {"permissions": {"tools": [*TOOLS, SEND_EMAIL]}}, {"agent/mail.py": MAIL})
    text = _generate(blind, "runbook")
    assert "the scan could not read every registration" in text and "not found in code" not in text
    assert "`CODE-003` `parr.yaml:" in text  # the manifest declares a tool the scan has no place for
    assert "That is what the scan could read: **1 place(s) or file(s) it could not read may hold more" in text

    plain = build_repo(tmp_path / "c", {"permissions": {"tools": [*TOOLS, SEND_EMAIL]}})
    assert "| `send_email` |" in (text := _generate(plain, "runbook")) and "**not found in code**" in text


def test_the_code_is_shown_next_to_what_the_manifest_declares(tmp_path: Path) -> None:
    client = "from openai import OpenAI\n\nbare = OpenAI()\n"
    repo = build_repo(tmp_path / "a", files={"agent/bare.py": client})
    text = _generate(repo, "runbook")
    timeouts = next(line for line in text.splitlines() if line.startswith("- Timeouts:"))
    assert "tool call 20s" in timeouts and "**the code:** OpenAI(...) is built without a timeout" in timeouts
    assert "`agent/bare.py:3`" in timeouts
    assert "### Where the code shows something other than the manifest" in text
    dri = _generate(repo, "dri")
    assert "`CODE-009` `agent/bare.py:3`: OpenAI(...) is built without a timeout" in dri

    clean = build_repo(tmp_path / "b")
    text = _generate(clean, "runbook")
    assert "**the code:**" not in text and "nothing in the code that contradicts" in text
    assert "in what it could read" not in text

    # A placeholder claims nothing: a TODO timeout is "not set", not a disagreement with the code.
    todo = build_repo(tmp_path / "c", {"failsafes": {"timeouts": {"tool_call_seconds": "TODO", "run_seconds": "TODO"}}},
                      {"agent/bare.py": client})
    text = _generate(todo, "runbook")
    assert "- Timeouts: tool call **not set**, whole run **not set**\n" in text
    assert "placeholder" not in text.split("## Tools", 1)[1].split("## Operations", 1)[0]


def test_the_verdict_carries_blockers_and_waivers(tmp_path: Path) -> None:
    repo = build_repo(tmp_path / "a", {"permissions": {"role": "__delete__"}})
    text = _generate(repo, "runbook", "--no-scan")
    readiness = text.split("## Readiness", 1)[1].split("## Who", 1)[0]
    assert "**NO-GO** at `propose`" in readiness and "without a code scan" in readiness, readiness
    assert "`PERM-001` The agent runs under its own named role (high): no role is declared for the agent" in readiness
    dri = _generate(repo, "dri", "--no-scan")
    assert "| Verdict at this stage | **NO-GO**, 1 blocking |" in dri
    assert "- **Decisions (does not apply to this agent):** none" in dri
    assert "| Verdict at this stage | **GO**, 0 blocking |" in _generate(build_repo(tmp_path / "b"), "dri", "--no-scan")


def test_a_waiver_is_listed_with_owner_and_expiry(tmp_path: Path) -> None:
    repo = build_repo(tmp_path / "a", {"failsafes": {"circuit_breakers": []},
                                       "waivers": [{"check": "FS-003", "reason": "breaker lands in PR 812",
                                                    "owner": "@priya", "expires": "2026-12-15"}]})
    text = _generate(repo, "runbook", "--no-scan")
    assert "`FS-003` Every dependency has a circuit breaker: waived until 2026-12-15 by @priya: breaker lands in PR 812" in text


STAGE_POLICY = ('\n@id("autonomous_only_refunds")\nforbid (principal, action == Action::"issue_refund", resource)\n'
                'when { context has stage && context.stage == "propose" };\n')


def test_a_rollback_changes_the_running_agent_only_when_its_policy_reads_the_stage(tmp_path: Path) -> None:
    plain = _generate(build_repo(tmp_path / "a"), "runbook", "--no-scan")
    assert "it changes the record, not the running agent: the declared policies do not read `context.stage`" in plain
    assert "so every mutation needs approval again" not in plain

    repo = build_repo(tmp_path / "b")
    policy = repo / "policies" / "refunds.cedar"
    policy.write_text(policy.read_text() + STAGE_POLICY)
    staged = _generate(repo, "runbook", "--no-scan")
    assert "the declared policies read `context.stage`, so once the agent hands them the ledger's stage" in staged
    assert "changes the record, not the running agent" not in staged


def test_operations_and_status_pages_come_from_the_manifest_and_a_known_table(tmp_path: Path) -> None:
    patch = {"operations": {"health_check": "curl -fsS https://refunds.internal/healthz",
                            "logs": "Grafana Loki: {app=\"refunds-agent\"}",
                            "restart": "kubectl -n refunds rollout restart deploy/refunds-agent",
                            "deploy_rollback": "kubectl -n refunds rollout undo deploy/refunds-agent",
                            "status_pages": {"payments-api": "https://status.payments.example.com"}},
             "failsafes": {"dependencies": ["payments-api", "openai", "crm"]}}
    text = _generate(build_repo(tmp_path / "a", patch), "runbook", "--no-scan")
    assert "- Health check: curl -fsS https://refunds.internal/healthz" in text
    assert "- Restart: kubectl -n refunds rollout restart deploy/refunds-agent" in text
    assert "- Roll the deployment back to the previous build: kubectl -n refunds rollout undo deploy/refunds-agent" in text
    assert "payments-api: https://status.payments.example.com" in text
    assert "openai: https://status.openai.com" in text
    assert "crm: **not known (operations.status_pages)**" in text

    bare = _generate(build_repo(tmp_path / "b"), "runbook", "--no-scan")
    assert "- Health check: **not declared (operations.health_check)**" in bare


def test_status_pages_match_whole_names_first() -> None:
    assert status_page("azure-openai", {}) == ("Microsoft Azure", "https://azure.status.microsoft")
    assert status_page("OpenAI API", {})[0] == "OpenAI"
    assert status_page("stripe", {})[0] == "Stripe"
    assert status_page("payments-api", {}) is None
    assert status_page("gpt-proxy", {"gpt-proxy": "https://status.internal"}) == ("gpt-proxy", "https://status.internal")


def _context(kind: str | None) -> dict:
    applies = {"has_policies": True, "has_dependencies": True, "has_production_mutations": True, "has_mutations": True,
               "has_tools": True, "has_traces": True, "has_kpis": True, "has_budgets": True}
    return {"applies": applies, "kind": kind}


def test_procedures_that_do_not_fit_the_kind_are_left_out_with_the_reason() -> None:
    index = package_dir("runbooks") / "index.yaml"
    every = {p["id"] for p in load_procedures(index, _context(None))}
    context = _context("mcp-server")
    server = {p["id"] for p in load_procedures(index, context)}
    assert every - server == {"runaway-spend", "outcome-drift"}
    assert [p["title"] for p in context["left_out"]] == ["Runaway spend", "Outcome drift"]
    assert "calls no model" in context["left_out"][0]["reason"]
    runner = {p["id"] for p in load_procedures(index, _context("sandboxed-runner"))}
    assert every - runner == {"bad-production-write"}


def test_a_procedure_index_naming_an_unknown_kind_is_refused(tmp_path: Path) -> None:
    index = tmp_path / "index.yaml"
    index.write_text("procedures:\n  - {id: x, title: X, template: x.md.j2, not_for: {mcp-sever: typo}}\n")
    with pytest.raises(ParrInputError, match=r"index.yaml:2: not_for names 'mcp-sever'"):
        load_procedures(index, _context(None))


@pytest.mark.parametrize(("handle", "name"), [("@priya", "priya"), ("priya.n", "priya.n"), ("@Priya N", None),
                                              ("@org/team", None), ("@a--b", None), ("", None), ("@" + "x" * 64, None)])
def test_entity_names(handle: str, name: str | None) -> None:
    assert entity_name(handle) == name


def test_backstage_owner_is_a_valid_entity_reference() -> None:
    agent = Agent.model_validate({"id": "a", "dri": {"name": "Priya", "handle": "@Priya N", "email": "priya@example.com"},
                                  "owners": {"engineering": "@eng-billing"}})
    assert backstage_owner(agent) == {"ref": "user:default/priya", "why": None}
    team = Agent.model_validate({"id": "a", "owners": {"engineering": "@eng-billing"}})
    assert backstage_owner(team)["ref"] == "group:default/eng-billing"
    nobody = Agent.model_validate({"id": "a"})
    assert backstage_owner(nobody)["ref"] is None


def test_the_backstage_fragment_says_when_it_has_no_owner(tmp_path: Path) -> None:
    repo = build_repo(tmp_path / "a", {"agent": {"dri": "__delete__", "owners": "__delete__"}})
    text = _generate(repo, "dri", "--format", "yaml", "--no-scan")
    assert "# parr: no DRI handle or e-mail, nor an engineering owner, is a valid Backstage entity name" in text
    assert yaml.safe_load(text)["spec"]["owner"] == ""


def test_a_declared_gate_the_code_does_not_enforce_is_shown_at_the_tool(tmp_path: Path) -> None:
    tools = [TOOLS[0], {**TOOLS[1], "gate": "approval:billing-leads"}, {**TOOLS[2], "gate": "policy:no_such_rule"}]
    repo = build_repo(tmp_path / "a", {"permissions": {"tools": tools},
                                       "policies": {"approvals": [{"tool": "issue_refund", "approver": "billing lead",
                                                                   "max_batch": 5}]}})
    text = _generate(repo, "runbook")
    row = next(line for line in text.splitlines() if line.startswith("| `issue_refund` |"))
    assert "approval:billing-leads (**the code disagrees: see below**)" in row
    listed = text.split("### Where the code shows something other than the manifest", 1)[1].split("##", 1)[0]
    assert "'issue_refund' is declared approval:billing-leads but its code has no approval hook" in listed
    assert "tool 'close_case' is gated by policy:no_such_rule, which no declared policy file defines" in listed
    assert "| `get_charge` | read | low | none |" in text  # a tool the code agrees with carries no mark


def test_a_placeholder_is_shown_as_one_never_as_a_decided_value(tmp_path: Path) -> None:
    tools = [TOOLS[0], {**TOOLS[1], "gate": "TODO", "risk": "TODO"}, TOOLS[2]]
    patch = {"agent": {"dri": {"name": "TODO one person", "handle": "@TODO", "email": "__delete__"},
                       "owners": {"engineering": "@TODO"}},
             "permissions": {"role": "TODO-service-account", "tools": tools}}
    repo = build_repo(tmp_path / "a", patch)
    text = _generate(repo, "runbook", "--no-scan")
    assert "- **Role:** **placeholder, not decided: TODO-service-account**;" in text
    assert "- **DRI:** **placeholder, not decided: TODO one person** (**placeholder, not decided: @TODO**)" in text
    assert "| `issue_refund` | pay ⚠ | **placeholder, not decided: TODO** | **placeholder, not decided: TODO** |" in text
    fragment = yaml.safe_load(_generate(repo, "dri", "--format", "yaml", "--no-scan"))
    assert fragment["spec"]["owner"] == ""  # @TODO is no one: no user:default/TODO
