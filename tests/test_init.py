"""`parr init` drafts only what the repository shows and writes a TODO for every other decision:
run on real-shaped repositories, `parr check` then fails only on TODOs and on real findings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from parr.checklist import load_checklist
from parr.cli import main
from parr.facts import gather_facts
from parr.manifest.loader import load_manifest
from parr.stages import Stage
from parr.verdict import evaluate
from tests.conftest import TODAY

ROOT = Path(__file__).resolve().parents[1]
REPOS = {
    "billing-mcp": ROOT / "examples" / "billing-mcp",
    "infra-oncall": ROOT / "examples" / "infra-oncall",
    "support-triage": ROOT / "examples" / "support-triage",
    "python_unresolved": ROOT / "tests" / "fixtures" / "scan" / "python_unresolved",
    "ts_unresolved": ROOT / "tests" / "fixtures" / "scan" / "ts_unresolved",
    "ts_no_known_tools": ROOT / "tests" / "fixtures" / "scan" / "ts_no_known_tools",
}


def _code_only(source: Path, target: Path) -> Path:
    """The repository without its manifest and ledger: what a new user runs `parr init` on."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("parr.yaml", ".parr"))
    return target


def _init(repo: Path) -> str:
    result = CliRunner().invoke(main, ["init", str(repo)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("name", sorted(REPOS))
def test_check_after_init_fails_only_on_todos_and_real_findings(name: str, tmp_path: Path) -> None:
    repo = _code_only(REPOS[name], tmp_path / name)
    _init(repo)
    loaded = load_manifest(repo / "parr.yaml")
    facts = gather_facts(loaded, today=TODAY, scan_code=True, use_cache=False)
    report = evaluate(load_checklist(), facts, Stage("staging-writes"))
    drafted_contradictions = []
    for result in report.results:
        failing = [f for f in result.findings if f.outcome == "fail"]
        if not failing:
            continue
        todo = any("is a placeholder" in f.message for f in failing)
        elsewhere = any(f.file and Path(f.file).name != "parr.yaml" for f in failing)  # code or evidence files
        if not (todo or elsewhere):
            drafted_contradictions.append((result.item.id, [f.message for f in failing]))
    assert not drafted_contradictions
    # Nothing the draft says about the tools contradicts the code.
    for check_id in ("CODE-001", "CODE-002", "CODE-003", "CODE-004"):
        assert next(r for r in report.results if r.item.id == check_id).outcome != "fail", check_id


def test_what_the_repository_holds_is_filled_in(tmp_path: Path) -> None:
    repo = _code_only(REPOS["support-triage"], tmp_path / "triage")
    output = _init(repo)
    loaded = load_manifest(repo / "parr.yaml")
    manifest = loaded.manifest
    assert manifest.policies.engine == "cedar" and manifest.policies.files == ["policies/triage.cedar"]
    assert manifest.evals.regression.results == "evals/results/regression.xml"
    assert manifest.evals.adversarial.format == "promptfoo"
    assert manifest.observability.trace.sample == "traces/sample.jsonl"
    # Decisions the code cannot show are TODOs, never invented numbers.
    todo_paths = {p.dotted for p in loaded.placeholders}
    assert {"failsafes.timeouts.tool_call_seconds", "failsafes.retries.max", "budgets.alert_threshold",
            "permissions.role", "observability.streams.compliance.retention_days"} <= todo_paths
    assert manifest.failsafes.timeouts.tool_call_seconds is None and manifest.budgets.alert_threshold is None
    assert f"{len(loaded.placeholders)} TODOs to fill" in output and "manifest entries (5 tools, 2 mutating)" in output


def test_model_client_limits_come_from_the_code(tmp_path: Path) -> None:
    repo = tmp_path / "agent"
    (repo / "app").mkdir(parents=True)
    (repo / "app" / "agent.py").write_text(
        "from agents import Agent, function_tool\n"
        "from openai import AsyncOpenAI\n\n"
        "client = AsyncOpenAI(timeout=30, max_retries=2)\n\n\n"
        "@function_tool\n"
        "def lookup(order_id: str) -> str:\n"
        "    \"\"\"Look up an order.\"\"\"\n"
        "    return order_id\n")
    _init(repo)
    text = (repo / "parr.yaml").read_text()
    assert "retries: {max: 2, backoff: TODO}" in text
    assert "AsyncOpenAI(timeout=30) at app/agent.py:4" in text
    assert load_manifest(repo / "parr.yaml").manifest.failsafes.retries.max == 2


def test_unresolved_places_are_listed_for_the_user(tmp_path: Path) -> None:
    repo = _code_only(REPOS["python_unresolved"], tmp_path / "unresolved")
    output = _init(repo)
    text = (repo / "parr.yaml").read_text()
    assert "# unresolved app/agent.py:31: toolkit.get_tools() in Agent(tools=...)" in text
    assert "9 unresolved places to declare" in output


def test_typescript_client_limits_come_from_the_code(tmp_path: Path) -> None:
    repo = tmp_path / "ts-agent"
    (repo / "src").mkdir(parents=True)
    (repo / "src" / "agent.ts").write_text(
        'import OpenAI from "openai";\nimport { tool } from "ai";\nimport { z } from "zod";\n\n'
        "const client = new OpenAI({ timeout: 20_000, maxRetries: 1 });\n\n"
        'export const lookup = tool({\n  description: "Look up an order",\n'
        "  inputSchema: z.object({ id: z.string() }),\n  execute: async ({ id }) => id,\n});\n")
    _init(repo)
    text = (repo / "parr.yaml").read_text()
    assert "retries: {max: 1, backoff: TODO}" in text
    assert "OpenAI(timeout=20.0) at src/agent.ts:5" in text  # milliseconds in the JS SDKs


@pytest.mark.parametrize(("name", "line"), [
    ("billing-mcp", "  kind: mcp-server  # inferred by parr init from 5 MCP tool registration(s), the first at "
                    "src/tools/customers.ts:15, and no model client; check it"),
    ("support-triage", "  kind: model-loop  # inferred by parr init from "),
    ("ts_no_known_tools", "  kind: TODO  # model-loop | mcp-server | sandboxed-runner | workflow-step (the scan "
                          "found neither tools nor a model client)"),
])
def test_kind_is_inferred_from_the_code_and_says_from_what(name: str, line: str, tmp_path: Path) -> None:
    repo = _code_only(REPOS[name], tmp_path / name)
    _init(repo)
    text = (repo / "parr.yaml").read_text()
    assert any(row.startswith(line) for row in text.splitlines()), text[:600]
    loaded = load_manifest(repo / "parr.yaml")
    report = evaluate(load_checklist(), gather_facts(loaded, today=TODAY, scan_code=True, use_cache=False), Stage.PROPOSE)
    code014 = next(r for r in report.results if r.item.id == "CODE-014")
    # An inferred kind stands up to the code; an undecided one fails until someone writes it.
    assert code014.outcome == ("fail" if "TODO" in line else "pass"), [f.message for f in code014.findings]
    if name == "billing-mcp":
        assert "budgets:" not in text and "routing" not in text, "an MCP server's draft asks for no spend or routing"
        assert {r.item.id for r in report.results if r.not_applicable_reason} >= {"BUD-001", "BUD-004", "MEM-001"}


def test_eval_results_in_every_format_are_found(tmp_path: Path) -> None:
    from parr.init import find_evidence

    results = ROOT / "tests" / "fixtures" / "eval_results"
    repo = tmp_path / "agent"
    (repo / "evals").mkdir(parents=True)
    shutil.copy(results / "inspect-log.json", repo / "evals" / "adversarial-inspect.json")
    shutil.copy(results / "deepeval-test-run.json", repo / "evals" / "scenario-deepeval.json")
    shutil.copy(results / "oaieval-record.jsonl", repo / "evals" / "regression.jsonl")
    found = find_evidence(repo)
    assert found.eval_results == {"adversarial": ("evals/adversarial-inspect.json", "inspect"),
                                  "scenario": ("evals/scenario-deepeval.json", "deepeval"),
                                  "regression": ("evals/regression.jsonl", "openai-evals")}
