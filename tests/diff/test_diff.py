"""`parr diff` on real git histories: one commit per kind of change, Python and TypeScript agents.

Each test builds a small repository (code written for these tests), commits a base, makes one
change, commits it, and asserts the change and its risk level."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from parr.cli import main
from parr.diff.run import DiffRequest, run_diff, split_arguments
from parr.errors import ParrInputError

TODAY = dt.date(2026, 11, 24)

PY_TOOLS = '''\
import requests
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("orders")
API = "https://orders.example.com/v1"


@mcp.tool()
def get_order(order_id: str) -> dict:
    """Read one order: status, items and totals."""
    return requests.get(f"{API}/orders/{order_id}", timeout=10).json()


@mcp.tool(name="refund_order")
def refund(order_id: str, amount_cents: int) -> dict:
    """Refund part or all of an order to the original payment method."""
    return requests.put(f"{API}/orders/{order_id}/refund", json={"amount": amount_cents}, timeout=10).json()
'''

MANIFEST = '''\
apiVersion: parr/v1
agent:
  id: orders-mcp
  description: Order lookups and refunds for the support team.
  dri: {name: Ana Lima, handle: "@ana"}
permissions:
  role: svc-orders-mcp
  environments: [staging, production]
  tools:
    - name: get_order
      access: read
      environments: [staging, production]
      risk: low
    - name: refund_order
      access: write
      environments: [staging]
      risk: high
      gate: "approval:refund-approvers"
  secrets:
    - {name: ORDERS_TOKEN, rotation_days: 30, last_rotated: 2026-11-10, store: vault:kv/orders}
policies:
  engine: cedar
  files: [policies/orders.cedar]
budgets:
  per_run: 0.5
  per_day: 20
'''

POLICY = '''\
@id("reads")
permit (principal, action == Action::"get_order", resource)
when { ["staging", "production"].contains(context.environment) };

@id("refunds_staging")
permit (principal, action == Action::"refund_order", resource)
when { context.environment == "staging" && context has approved_by };
'''


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def write(repo: Path, rel: str, text: str) -> None:
    path = repo / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    write(repo, "agents/orders/server.py", PY_TOOLS)
    write(repo, "agents/orders/parr.yaml", MANIFEST)
    write(repo, "agents/orders/policies/orders.cedar", POLICY)
    commit(repo, "base")
    return repo


def agent_diff(repo: Path, base: str = "HEAD~1", head: str | None = "HEAD", path: str = "agents/orders"):
    report = run_diff(DiffRequest(path=repo / path, base=base, head=head, today=TODAY))
    assert len(report.agents) == 1, report.agents
    return report.agents[0]


def kinds(agent) -> dict[str, list]:
    out: dict[str, list] = {}
    for change in agent.changes:
        out.setdefault(change.kind, []).append(change)
    return out


def edit(repo: Path, rel: str, old: str, new: str) -> None:
    path = repo / rel
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


# ---- code -----------------------------------------------------------------------------------


def test_tool_added_with_shell_is_critical(repo: Path):
    write(repo, "agents/orders/admin.py", textwrap.dedent('''\
        import subprocess
        from server import mcp


        @mcp.tool()
        def delete_customer(customer_id: str) -> str:
            """Delete a customer and every order they placed."""
            subprocess.run(["orders-admin", "purge", customer_id], check=True)
            return "deleted"
        '''))
    commit(repo, "add delete_customer")
    changes = kinds(agent_diff(repo))
    (added,) = changes["tool_added"]
    assert added.subject == "delete_customer"
    assert added.risk == "critical"
    assert added.file == "agents/orders/admin.py" and added.line == 6
    # and the new, undeclared mutating tool blocks
    assert any(c.subject == "CODE-001" for c in changes["blocking_finding_introduced"])


def test_tool_removed_is_low(repo: Path):
    edit(repo, "agents/orders/server.py", '@mcp.tool()\ndef get_order', 'def get_order')
    commit(repo, "get_order is no longer a tool")
    (removed,) = kinds(agent_diff(repo))["tool_removed"]
    assert (removed.subject, removed.risk) == ("get_order", "low")


def test_rename_is_reported_as_a_rename(repo: Path):
    edit(repo, "agents/orders/server.py", 'name="refund_order"', 'name="issue_refund"')
    commit(repo, "rename the refund tool")
    changes = kinds(agent_diff(repo))
    (renamed,) = changes["tool_renamed"]
    assert (renamed.before, renamed.after) == ("refund_order", "issue_refund")
    assert "tool_added" not in changes and "tool_removed" not in changes


def test_read_tool_that_starts_deleting_becomes_mutating(repo: Path):
    edit(repo, "agents/orders/server.py",
         'return requests.get(f"{API}/orders/{order_id}", timeout=10).json()',
         'requests.delete(f"{API}/orders/{order_id}/hold", timeout=10)\n'
         '    return requests.get(f"{API}/orders/{order_id}", timeout=10).json()')
    commit(repo, "get_order clears the hold")
    (change,) = kinds(agent_diff(repo))["became_mutating"]
    assert (change.subject, change.risk, change.before, change.after) == ("get_order", "high", "read-only", "mutating")


def test_typed_to_untyped(repo: Path):
    edit(repo, "agents/orders/server.py", "def refund(order_id: str, amount_cents: int) -> dict:",
         "def refund(order_id, amount_cents) -> dict:")
    commit(repo, "drop the annotations")
    (change,) = kinds(agent_diff(repo))["became_untyped"]
    assert (change.subject, change.risk) == ("refund_order", "high")


def test_new_capability_and_description_change(repo: Path):
    edit(repo, "agents/orders/server.py", '"""Read one order: status, items and totals."""',
         '"""Read one order, or run the SQL the caller gives."""\n    import sqlite3\n'
         '    sqlite3.connect("orders.db").execute(order_id)')
    commit(repo, "get_order runs SQL")
    changes = kinds(agent_diff(repo))
    caps = {c.after: c.risk for c in changes["capability_added"]}
    assert caps.get("sql") == "critical"
    assert changes["description_changed"][0].subject == "get_order"


def test_unreadable_registration_is_a_change(repo: Path):
    write(repo, "agents/orders/plugins.py", textwrap.dedent('''\
        from agents import Agent
        from plugin_registry import load_all

        helper = Agent(name="helper", instructions="Use the plugins.", tools=load_all())
        '''))
    commit(repo, "load plugins at run time")
    changes = kinds(agent_diff(repo))
    assert changes["unreadable_registration"][0].risk == "medium"


# ---- manifest -------------------------------------------------------------------------------


def test_manifest_widening_changes(repo: Path):
    m = "agents/orders/parr.yaml"
    edit(repo, m, "    - name: get_order\n      access: read", "    - name: get_order\n      access: write")
    edit(repo, m, "      environments: [staging]\n      risk: high", "      environments: [staging, production]\n      risk: high")
    edit(repo, m, 'gate: "approval:refund-approvers"', 'gate: none')
    edit(repo, m, "per_day: 20", "per_day: 200")
    edit(repo, m, "store: vault:kv/orders}", "store: vault:kv/orders}\n    - {name: STRIPE_KEY, rotation_days: 30, last_rotated: 2026-11-10}")
    write(repo, m, (repo / m).read_text() + "waivers:\n  - {check: EVAL-001, reason: evals land next sprint, owner: \"@ana\", expires: 2026-12-20}\n")
    commit(repo, "widen")
    changes = kinds(agent_diff(repo))
    assert changes["access_widened"][0].risk == "critical"  # allowed in production
    env = changes["environment_added"][0]
    assert ("refund_order" in env.message, env.risk) == (True, "critical")
    gate = changes["gate_weakened"][0]
    assert (gate.before, gate.after, gate.risk) == ("approval:refund-approvers", None, "critical")
    assert changes["spend_cap_raised"][0].risk == "medium"
    assert changes["secret_added"][0].risk == "medium"
    assert changes["waiver_added"][0].subject == "waivers[EVAL-001]"


def test_manifest_narrowing_is_low(repo: Path):
    m = "agents/orders/parr.yaml"
    edit(repo, m, "per_day: 20", "per_day: 5")
    edit(repo, m, "    - name: get_order\n      access: read\n      environments: [staging, production]",
         "    - name: get_order\n      access: read\n      environments: [staging]")
    commit(repo, "narrow")
    agent = agent_diff(repo)
    assert {c.risk for c in agent.changes if c.area == "manifest"} == {"low"}


def test_new_tool_declared(repo: Path):
    m = "agents/orders/parr.yaml"
    edit(repo, m, "  secrets:", "    - name: void_order\n      access: delete\n      environments: [production]\n"
                                "      gate: \"approval:refund-approvers\"\n  secrets:")
    commit(repo, "declare void_order")
    (declared,) = kinds(agent_diff(repo))["tool_declared"]
    assert declared.risk == "critical" and "void_order" in declared.message


# ---- policy and verdict ---------------------------------------------------------------------


def test_policy_that_now_allows_is_reported(repo: Path):
    edit(repo, "agents/orders/policies/orders.cedar",
         'when { context.environment == "staging" && context has approved_by };',
         'when { ["staging", "production"].contains(context.environment) };')
    commit(repo, "refunds without approval, everywhere")
    changes = kinds(agent_diff(repo))
    allows = changes["policy_allows"]
    prod = [c for c in allows if "production" in c.message and "without approval" in c.message]
    assert prod and prod[0].risk == "critical"
    assert all(c.file == "agents/orders/policies/orders.cedar" for c in allows)


def test_verdict_and_findings_move_both_ways(repo: Path):
    m = "agents/orders/parr.yaml"
    edit(repo, m, "  role: svc-orders-mcp\n", "")
    commit(repo, "drop the role")
    agent = agent_diff(repo)
    assert any(f.check_id == "PERM-001" for f in agent.introduced)
    back = agent_diff(repo, base="HEAD", head=None)  # the work tree equals HEAD: nothing moved
    assert back.changes == () and back.introduced == () and back.resolved == ()
    edit(repo, m, "permissions:\n", "permissions:\n  role: svc-orders-mcp\n")
    commit(repo, "role back")
    again = agent_diff(repo)
    assert any(f.check_id == "PERM-001" for f in again.resolved)


# ---- TypeScript -----------------------------------------------------------------------------

TS_SERVER = '''\
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

const server = new McpServer({ name: "tickets", version: "1.0.0" });

server.registerTool(
  "get_ticket",
  { description: "Read a ticket.", inputSchema: { id: z.string() } },
  async ({ id }) => {
    const res = await fetch(`https://tickets.example.com/t/${id}`);
    return { content: [{ type: "text", text: await res.text() }] };
  },
);
'''


def test_typescript_tool_added_and_becoming_mutating(tmp_path: Path):
    repo = tmp_path / "ts"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    write(repo, "src/server.ts", TS_SERVER)
    write(repo, "parr.yaml", "apiVersion: parr/v1\nagent:\n  id: tickets\npermissions:\n  tools:\n"
                             "    - {name: get_ticket, access: read, environments: [staging]}\n")
    commit(repo, "base")
    edit(repo, "src/server.ts", "const res = await fetch(`https://tickets.example.com/t/${id}`);",
         'await fetch(`https://tickets.example.com/t/${id}`, { method: "DELETE" });\n'
         "    const res = await fetch(`https://tickets.example.com/t/${id}`);")
    write(repo, "src/server.ts", (repo / "src/server.ts").read_text() + textwrap.dedent('''\
        server.registerTool(
          "run_query",
          { description: "Run a SQL query.", inputSchema: { sql: z.string() } },
          async ({ sql }) => {
            const rows = await db.query(sql);
            return { content: [{ type: "text", text: JSON.stringify(rows) }] };
          },
        );
        '''))
    commit(repo, "change")
    report = run_diff(DiffRequest(path=repo, base="HEAD~1", head="HEAD", today=TODAY))
    changes = kinds(report.agents[0])
    assert changes["became_mutating"][0].subject == "get_ticket"
    (added,) = changes["tool_added"]
    assert added.subject == "run_query" and added.file == "src/server.ts"


# ---- revisions, the work tree, monorepos, the CLI ---------------------------------------------


def test_default_base_is_the_merge_base_and_head_the_work_tree(repo: Path):
    git(repo, "checkout", "-q", "-b", "feature")
    edit(repo, "agents/orders/parr.yaml", "per_day: 20", "per_day: 40")
    commit(repo, "feature commit")
    edit(repo, "agents/orders/parr.yaml", "per_run: 0.5", "per_run: 0.9")  # not committed
    before = git(repo, "status", "--porcelain")
    report = run_diff(DiffRequest(path=repo / "agents/orders", today=TODAY))
    assert report.base.startswith("merge-base with main")
    assert report.head == "work tree"
    raised = {c.subject for c in report.agents[0].changes if c.kind == "spend_cap_raised"}
    assert raised == {"budgets.per_day", "budgets.per_run"}
    assert git(repo, "status", "--porcelain") == before  # nothing checked out, index untouched


def test_all_reports_only_touched_agents(repo: Path):
    write(repo, "agents/other/parr.yaml", "apiVersion: parr/v1\nagent:\n  id: other\n")
    commit(repo, "another agent")
    edit(repo, "agents/orders/parr.yaml", "per_day: 20", "per_day: 30")
    commit(repo, "touch orders only")
    report = run_diff(DiffRequest(path=repo, base="HEAD~1", head="HEAD", all_manifests=True, today=TODAY))
    assert [a.agent_id for a in report.agents] == ["orders-mcp"]


def test_a_shared_policy_outside_the_agent_is_read_at_each_revision(tmp_path: Path):
    repo = tmp_path / "mono"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    write(repo, "agents/orders/server.py", PY_TOOLS)
    write(repo, "agents/orders/parr.yaml", MANIFEST.replace("files: [policies/orders.cedar]",
                                                          "files: [../../shared/orders.cedar]"))
    write(repo, "shared/orders.cedar", POLICY)
    commit(repo, "base")
    edit(repo, "shared/orders.cedar", 'context.environment == "staging" && context has approved_by',
         '["staging", "production"].contains(context.environment)')
    commit(repo, "shared policy widened")
    changes = kinds(agent_diff(repo))
    assert changes["policy_allows"]
    report = run_diff(DiffRequest(path=repo, base="HEAD~1", head="HEAD", all_manifests=True, today=TODAY))
    assert [a.agent_id for a in report.agents] == ["orders-mcp"]  # touched through the file it names


def test_symlinks_in_a_revision_are_not_followed(repo: Path, tmp_path: Path):
    secret = tmp_path / "outside.py"
    secret.write_text("from mcp.server.fastmcp import FastMCP\nmcp = FastMCP('x')\n\n@mcp.tool()\ndef leak() -> str:\n    return 'x'\n")
    os.symlink(secret, repo / "agents/orders/link.py")
    commit(repo, "a symlink out of the repository")
    changes = kinds(agent_diff(repo))
    assert "tool_added" not in changes


def test_cli_fail_on_and_formats(repo: Path):
    edit(repo, "agents/orders/parr.yaml", 'gate: "approval:refund-approvers"', 'gate: none')
    commit(repo, "ungate refunds")
    runner = CliRunner()
    args = ["diff", "HEAD~1", "HEAD", str(repo / "agents/orders"), "--today", "2026-11-24"]
    ok = runner.invoke(main, args + ["--format", "json"])
    assert ok.exit_code == 0, ok.output
    body = json.loads(ok.output)
    assert body["agents"][0]["changes"][0]["kind"] == "gate_weakened"
    blocked = runner.invoke(main, args + ["--fail-on", "high"])
    assert blocked.exit_code == 1
    assert "gate weakened" in blocked.output
    md = runner.invoke(main, args + ["--format", "markdown"])
    assert md.output.startswith("<!-- parr-diff -->\n### parr diff HEAD\\~1")
    sarif = json.loads(runner.invoke(main, args + ["--format", "sarif"]).output)
    assert sarif["version"] == "2.1.0"


def test_bad_revision_is_one_line_and_exit_2(repo: Path):
    result = CliRunner().invoke(main, ["diff", "no-such-ref", str(repo / "agents/orders")])
    assert result.exit_code == 2
    assert "neither a git revision nor an existing path" in result.output


def test_argument_split(repo: Path):
    here = repo / "agents/orders"
    assert split_arguments(("HEAD", str(here)), repo) == ("HEAD", None, here)
    assert split_arguments(("HEAD~0", "HEAD"), repo) == ("HEAD~0", "HEAD", Path("."))
    assert split_arguments(("HEAD", "--", str(here)), repo) == ("HEAD", None, here)
    with pytest.raises(ParrInputError):
        split_arguments(("a", "b", "c", "d"), repo)


def test_json_output_matches_its_published_schema(repo: Path):
    import jsonschema

    from parr.diff.model import DiffReport

    published = json.loads((Path(__file__).parents[2] / "parr" / "schemas" / "diff-v1.schema.json").read_text())
    generated = DiffReport.model_json_schema(mode="serialization")
    assert {k: v for k, v in published.items() if k not in ("$schema", "$id")} == generated, \
        "parr/schemas/diff-v1.schema.json is stale: regenerate it from parr.diff.model.DiffReport"
    edit(repo, "agents/orders/parr.yaml", "per_day: 20", "per_day: 30")
    commit(repo, "raise the cap")
    out = CliRunner().invoke(main, ["diff", "HEAD~1", "HEAD", str(repo / "agents/orders"), "--format", "json",
                                    "--today", "2026-11-24"])
    jsonschema.validate(json.loads(out.output), published)


def test_without_a_manifest_the_code_is_still_compared(tmp_path: Path):
    repo = tmp_path / "bare"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    write(repo, "server.py", PY_TOOLS)
    commit(repo, "base")
    write(repo, "server.py", PY_TOOLS.replace('@mcp.tool()\ndef get_order', '@mcp.tool()\ndef get_order_v2'))
    commit(repo, "rename by function name, no description change")
    report = run_diff(DiffRequest(path=repo, base="HEAD~1", head="HEAD", today=TODAY))
    (agent,) = report.agents
    assert not agent.base.present and not agent.head.present
    assert agent.base.tools == agent.head.tools == 2
    changes = kinds(agent)
    assert [c.after for c in changes["tool_renamed"]] == ["get_order_v2"]
    assert "verdict" not in {c.area for c in agent.changes}


def test_a_read_only_hint_on_a_tool_that_writes_is_high(repo: Path):
    edit(repo, "agents/orders/server.py", '@mcp.tool(name="refund_order")',
         '@mcp.tool(name="refund_order", annotations={"readOnlyHint": True})')
    edit(repo, "agents/orders/server.py", '@mcp.tool()\ndef get_order',
         '@mcp.tool(annotations={"readOnlyHint": True})\ndef get_order')
    commit(repo, "hints")
    changes = {c.subject: c for c in kinds(agent_diff(repo))["annotations_changed"]}
    assert changes["refund_order"].risk == "high"  # the code changes state
    assert changes["get_order"].risk == "low"  # the hint agrees with the code
