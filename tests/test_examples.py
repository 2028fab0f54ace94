"""The bundled examples give the verdicts their READMEs document, and their documents match golden files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from parr.cli import main

ROOT = Path(__file__).parents[1]
GOLDEN = Path(__file__).parent / "golden" / "examples"
UPDATE = os.environ.get("PARR_UPDATE_GOLDEN") == "1"
TODAY = ["--today", "2026-11-24"]

# (example, stage, exit code, blocking check ids): what each example's README documents.
VERDICTS = [
    ("support-triage", "narrow-production-writes", 0, []),
    ("support-triage", "autonomous", 1, ["OWN-006"]),
    ("billing-mcp", "staging-writes", 1, ["PERM-003", "POL-003", "EVAL-002", "FS-005", "CODE-005", "CODE-008", "POL-009", "OBS-016"]),
    ("infra-oncall", "propose", 0, []),
    ("infra-oncall", "staging-writes", 1, ["POL-001", "OBS-001", "OBS-004", "BUD-002", "MEM-001"]),
]
SESSIONS = {
    "support-triage": "a1f8c2e07b3d4f6a9e21c5d8b0f47a13",
    "billing-mcp": "fa-7d2c41e9-0b6a-4f3e-9c58-2e1d7b3a9f04",
}


def _run(args: list[str]):
    old = Path.cwd()
    os.chdir(ROOT)
    try:
        return CliRunner().invoke(main, args, catch_exceptions=False)
    finally:
        os.chdir(old)


@pytest.mark.parametrize(("example", "stage", "code", "blocking"), VERDICTS)
def test_documented_verdicts(example: str, stage: str, code: int, blocking: list[str]) -> None:
    result = _run(["check", f"examples/{example}", "--stage", stage, "--format", "json", *TODAY])
    assert result.exit_code == code, result.output
    [report] = json.loads(result.stdout)["reports"]
    assert [i["id"] for i in report["items"] if i["blocking"]] == blocking
    assert not [i["id"] for i in report["items"] if i["outcome"] == "error"], "no check may crash on an example"


UNDECLARED = {
    # example: (stage at which it is GO or judged, file to append to, code, the def/call line's text)
    "support-triage": ("narrow-production-writes", "triage/tools.py",
                       '\n\n@function_tool\ndef refund_order(order_id: str, amount_cents: int) -> str:\n'
                       '    """Refund an order."""\n    return "refunded"\n',
                       "def refund_order(order_id: str, amount_cents: int) -> str:"),
    "infra-oncall": ("propose", "oncall/tools.py",
                     '\n\n@tool\ndef drain_node(node: str) -> str:\n    """Drain a Kubernetes node before maintenance."""\n'
                     '    return node\n',
                     "def drain_node(node: str) -> str:"),
    "billing-mcp": ("propose", "src/tools/admin.ts",
                    'import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\nimport { z } from "zod";\n\n'
                    'export function registerAdminTools(server: McpServer): void {\n'
                    '  server.registerTool("delete_customer", { description: "Delete a customer", '
                    'inputSchema: { customerId: z.string() } },\n'
                    '    async ({ customerId }) => ({ content: [{ type: "text", text: customerId }] }));\n}\n',
                    '  server.registerTool("delete_customer"'),
}


@pytest.mark.parametrize("example", sorted(UNDECLARED))
def test_adding_an_undeclared_mutating_tool_turns_the_verdict(tmp_path: Path, example: str) -> None:
    import shutil

    stage, rel, code, marker = UNDECLARED[example]
    copy = tmp_path / example
    shutil.copytree(ROOT / "examples" / example, copy)
    before = _run(["check", str(copy), "--stage", stage, "--format", "json", *TODAY])
    [report] = json.loads(before.stdout)["reports"]
    assert not [i for i in report["items"] if i["id"] == "CODE-001" and i["blocking"]]
    target = copy / rel
    source = (target.read_text() if target.exists() else "") + code
    target.write_text(source)
    line = next(n for n, text in enumerate(source.splitlines(), start=1) if text.startswith(marker))
    after = _run(["check", str(copy), "--stage", stage, "--format", "json", *TODAY])
    assert after.exit_code == 1
    [report] = json.loads(after.stdout)["reports"]
    assert report["verdict"] == "NO-GO"
    [item] = [i for i in report["items"] if i["id"] == "CODE-001"]
    assert item["blocking"]
    [finding] = item["findings"]
    assert finding["file"].endswith(rel) and finding["line"] == line, finding


@pytest.mark.parametrize("example", ["support-triage", "billing-mcp", "infra-oncall"])
@pytest.mark.parametrize(
    ("document", "args"),
    [("runbook.md", ["generate", "runbook"]), ("dri.md", ["generate", "dri"]),
     ("dri.yaml", ["generate", "dri", "--format", "yaml"]), ("postmortem.md", ["generate", "postmortem"])],
)
def test_documents_match_golden_files(example: str, document: str, args: list[str]) -> None:
    extra = []
    if document == "postmortem.md" and example in SESSIONS:
        extra = ["--trace", f"examples/{example}/traces/sample.jsonl", "--session", SESSIONS[example]]
    result = _run([*args, f"examples/{example}", *extra, *TODAY])
    assert result.exit_code == 0, result.output
    GOLDEN.mkdir(parents=True, exist_ok=True)
    path = GOLDEN / f"{example}.{document}"
    if UPDATE or not path.exists():
        path.write_text(result.stdout)
    assert result.stdout == path.read_text(), f"{path.name} differs; rerun with PARR_UPDATE_GOLDEN=1 if intended"


def test_policy_test_tables_on_the_examples() -> None:
    cedar = _run(["policy", "test", "examples/support-triage", "--format", "json", *TODAY[:0]])
    assert cedar.exit_code == 0, cedar.output
    rego = _run(["policy", "test", "examples/billing-mcp", "--format", "json"])
    assert rego.exit_code == 1
    assert "issue_refund" in rego.stdout and "refund_within_limit" in rego.stdout
