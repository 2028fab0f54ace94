"""`parr policy test|scaffold` through click: exit codes, formats, errors on stderr, atomic writes."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from parr.policy.commands import policy
from parr.policy.render import PolicyFormat, renderer_for

BROKEN_REFUNDS = {
    "permissions": {
        "tools": [
            {"name": "get_charge", "access": "read", "environments": ["staging", "production"], "risk": "low"},
            {"name": "issue_refund", "access": "pay", "environments": ["staging", "production"], "risk": "high", "gate": "approval:billing-leads"},
            {"name": "close_case", "access": "write", "environments": ["staging", "production"], "risk": "medium", "gate": "approval:billing-leads"},
        ]
    }
}


def _run(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(policy, args, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_passing_policy_prints_the_table(make_repo) -> None:
    code, out, err = _run(["test", str(make_repo()), "--no-scan"])
    assert code == 0, err
    assert "Probe: tool × environment × decision" in out
    assert "close_case" in out and "allow · close_case_approved" in out
    assert "PASS refunds-assistant: 1/1 tests pass" in out
    assert "\x1b[" not in out


def test_failing_policy_exits_1_naming_tool_and_rule(make_repo) -> None:
    code, out, _ = _run(["test", str(make_repo(patch=BROKEN_REFUNDS)), "--no-scan"])
    assert code == 1
    assert "FAIL 'issue_refund' (pay) is allowed in production without approval by refund_small" in " ".join(out.split())


def test_json_and_markdown(make_repo) -> None:
    repo = make_repo(patch=BROKEN_REFUNDS)
    code, out, _ = _run(["test", str(repo), "--no-scan", "--format", "json"])
    document = json.loads(out)
    assert code == 1 and document["result"] == "fail" and document["exit_code"] == 1
    evaluation = document["evaluation"]
    assert evaluation["engine"] == "cedar"
    assert {f["kind"] for f in evaluation["findings"]} == {"needs_approval"}
    assert evaluation["findings"][0]["rules"][0] == {"id": "refund_small", "effect": "permit", "file": "policies/refunds.cedar", "line": 1}
    code, out, _ = _run(["test", str(repo), "--no-scan", "--format", "markdown"])
    assert code == 1 and "## Probe: tool × environment × decision" in out and "| `issue_refund` | pay |" in out


def test_output_file(make_repo, tmp_path: Path) -> None:
    target = tmp_path / "policy.json"
    code, out, _ = _run(["test", str(make_repo()), "--no-scan", "--format", "json", "--output", str(target)])
    assert code == 0 and out == ""
    assert json.loads(target.read_text())["result"] == "pass"


def test_bad_policy_exits_2_with_file_and_line(make_repo) -> None:
    repo = make_repo(files={"policies/refunds.cedar": "permit (principal, action, resource);\nforbid (principal, action resource);\n"})
    code, _, err = _run(["test", str(repo), "--no-scan"])
    assert code == 2
    assert "refunds.cedar:2: Cedar syntax error: unexpected token `resource`" in err
    assert "Traceback" not in err


def test_bad_rego_exits_2_with_file_and_line(make_repo) -> None:
    patch = {"policies": {"engine": "rego", "files": ["policies/refunds.rego"], "entrypoint": "data.refunds.allow"}}
    repo = make_repo(patch=patch, files={"policies/refunds.rego": "package refunds\nimport rego.v1\n\nallow if {\n  input.amount <=\n}\n"})
    code, _, err = _run(["test", str(repo), "--no-scan"])
    assert code == 2 and "refunds.rego:5: Rego error: Invalid boolean operator" in err


def test_no_policies_is_bad_input(make_repo) -> None:
    code, _, err = _run(["test", str(make_repo(patch={"policies": {"engine": "__delete__", "files": []}}))])
    assert code == 2 and "declares no policies" in err and "parr policy scaffold" in err


def test_bad_stage_option(make_repo) -> None:
    code, _, err = _run(["test", str(make_repo()), "--stage", "prod"])
    assert code == 2 and "unknown stage 'prod'" in err


def test_scaffold_round_trip(make_repo) -> None:
    repo = make_repo()
    out_dir = repo / "drafts"
    code, out, err = _run(["scaffold", str(repo), "--output", str(out_dir)])
    assert code == 0, err
    policy_text = (out_dir / "refunds-assistant.cedar").read_text()
    assert '@id("refund_small")' in policy_text  # the gate's rule exists in the draft
    assert '@id("production_mutations_need_approval")' in policy_text
    assert (out_dir / "refunds-assistant.cedarschema").is_file()
    snippet = yaml.safe_load(out.split("\n", 1)[1])
    assert snippet["policies"]["files"] == ["drafts/refunds-assistant.cedar"]

    manifest = yaml.safe_load((repo / "parr.yaml").read_text())
    manifest["policies"].update(snippet["policies"])
    (repo / "parr.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False))
    code, out, err = _run(["test", str(repo), "--no-scan"])
    assert code == 0, out + err
    assert "deny · production_mutations_need_approval" in out

    code, _, err = _run(["scaffold", str(repo), "--output", str(out_dir)])
    assert code == 2 and "already exists; pass --force" in err
    code, _, _ = _run(["scaffold", str(repo), "--output", str(out_dir), "--force"])
    assert code == 0


def test_every_format_has_a_renderer() -> None:
    for fmt in PolicyFormat:
        assert callable(renderer_for(fmt))


def test_evaluation_errors_are_shown(make_repo) -> None:
    """A Cedar forbid that errors is skipped (fails open): the table says so."""
    policy_text = (
        '@id("charge_reads")\npermit (principal, action == Action::"get_charge", resource);\n'
        '@id("no_big_reads")\nforbid (principal, action == Action::"get_charge", resource) when { context.rows > 100 };\n'
    )
    code, out, _ = _run(["test", str(make_repo(files={"policies/refunds.cedar": policy_text})), "--no-scan"])
    flat = " ".join(out.split())
    assert code == 1  # the refund test now fails: no rule permits refunds
    assert "evaluation error get_charge in staging: error while evaluating policy no_big_reads (policies/refunds.cedar:3)" in flat


def test_scaffold_uses_the_agent_id_for_a_free_text_role(make_repo) -> None:
    repo = make_repo(patch={"permissions": {"role": "svc-refunds (Stripe restricted key rk_live_x)"}})
    code, _, err = _run(["scaffold", str(repo)])
    assert code == 0, err
    assert 'principal == Agent::"refunds-assistant"' in (repo / "policies" / "refunds-assistant.cedar").read_text()
