"""The default `parr check` table: verdict first, a finding repeated per tool is one line, warnings counted."""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner

from parr.cli import main
from parr.formats.grouping import first_sentence
from tests.test_cli_check import SCENARIO, SCENARIO_FILES, _golden

TOOLS = [f"refund_order_{i:02d}" for i in range(17)]
MANY_TOOLS = "from agents import function_tool\nimport requests\n\n" + "".join(
    f"\n@function_tool\ndef {name}(order_id: str) -> str:\n    \"\"\"Refund an order.\"\"\"\n"
    f"    return requests.post('https://pay.example.com/refund', json={{'id': order_id}}).text\n"
    for name in TOOLS)


def _check(repo: Path, *args: str) -> tuple[int, str]:
    old = Path.cwd()
    os.chdir(repo)
    try:
        result = CliRunner().invoke(main, ["check", ".", "--today", "2026-11-24", *args], catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout


def test_a_finding_for_17_tools_is_one_line_with_17_locations(make_repo) -> None:
    repo = make_repo(files={"agent/refunds.py": MANY_TOOLS})
    code, out = _check(repo, "--stage", "staging-writes")
    assert code == 1
    assert out.startswith("NO-GO ")  # the verdict leads
    lines = [line for line in out.splitlines() if "refund_order_00" in line]
    assert len(lines) == 1, out
    assert "17 tools: refund_order_00, refund_order_01, refund_order_02, +14" in lines[0]
    assert "refund_order_03" not in out
    assert "fix: Declare the tool under permissions.tools" in out

    _, verbose = _check(repo, "--stage", "staging-writes", "--verbose")
    assert all(f"{name} (agent/refunds.py:" in verbose for name in TOOLS)

    _, full = _check(repo, "--stage", "staging-writes", "--format", "json")
    code001 = next(i for i in json.loads(full)["reports"][0]["items"] if i["id"] == "CODE-001")
    assert sorted(m for f in code001["findings"] for m in TOOLS if f"'{m}'" in f["message"]) == TOOLS


def test_warnings_are_counted_and_named_then_shown_with_verbose(make_repo) -> None:
    repo = make_repo(patch=SCENARIO, files=SCENARIO_FILES)
    code, out = _check(repo, "--stage", "staging-writes")
    assert code == 1
    warnings = next(line for line in out.splitlines() if "(not blocking at staging-writes" in line)
    assert "FS-003" in warnings and warnings.split()[1].startswith("warning")
    assert "payments-api" not in out  # the warning's finding waits for --verbose
    code, verbose = _check(repo, "--stage", "staging-writes", "--verbose")
    assert code == 1
    assert "dependency 'payments-api' has no circuit breaker" in verbose
    assert "blocks from narrow-production-writes" in verbose
    _golden("check.verbose.txt", verbose)


def test_a_fresh_draft_fits_on_a_screen(tmp_path: Path) -> None:
    repo = tmp_path / "agent"
    (repo / "agent").mkdir(parents=True)
    (repo / "agent" / "refunds.py").write_text(MANY_TOOLS)
    runner = CliRunner()
    assert runner.invoke(main, ["init", str(repo)]).exit_code == 0
    result = runner.invoke(main, ["check", str(repo), "--today", "2026-11-24"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) <= 60, result.stdout
    placeholder_lines = [line for line in lines if "placeholder" in line]
    # every placeholder an item reads is one line, counted by field, never one line per tool
    assert placeholder_lines and all(" to fill" in line for line in placeholder_lines), result.stdout
    assert not any("refund_order_05" in line for line in lines)
    summary = next(line for line in lines if " warnings (not blocking at propose" in line)
    assert " only for TODOs to fill)" in summary


def test_manifest_text_cannot_style_or_rewrite_the_terminal(make_repo) -> None:
    patch = {"waivers": [{"check": "FS-005", "reason": "[bold red]all fine[/] \x1b[2J", "owner": "@priya",
                          "expires": "2026-12-15"}],
             "failsafes": {"kill_switch": {"how": "__delete__"}}}
    repo = make_repo(patch=patch)
    _, out = _check(repo, "--stage", "staging-writes")
    assert "[bold red]all fine[/] \\x1b[2J" in out
    assert "\x1b" not in out


def test_the_fix_is_the_first_sentence_of_the_remediation() -> None:
    assert first_sentence("Set `risk:` (e.g. high) on each tool. Then run it again.") == "Set `risk:` (e.g. high) on each tool."
    assert first_sentence("One sentence only") == "One sentence only"
    assert first_sentence("Use v1.2 of the SDK. `parr check` again.") == "Use v1.2 of the SDK."


def test_a_terminal_gets_the_same_rows_as_a_rich_table(make_repo, monkeypatch) -> None:
    import parr.cli

    monkeypatch.setattr(parr.cli, "_use_color", lambda no_color: not no_color)
    repo = make_repo(files={"agent/refunds.py": MANY_TOOLS})
    _, coloured = _check(repo, "--stage", "staging-writes")
    assert "│ BLOCK" in coloured  # colour codes too, unless NO_COLOR or TERM says otherwise
    import re

    squeezed = re.sub(r"\x1b\[[0-9;]*m|[\s│]", "", coloured)  # the cell wraps at the terminal's width
    assert "17tools:refund_order_00,refund_order_01,refund_order_02,+14" in squeezed
    _, plain = _check(repo, "--stage", "staging-writes", "--no-color")
    assert "\x1b[" not in plain and "│" not in plain




def test_items_the_kind_exempts_are_named_with_the_reason_by_default(make_repo) -> None:
    repo = make_repo(patch={"agent": {"kind": "mcp-server"}})
    _, out = _check(repo, "--stage", "staging-writes")
    exempt = [line for line in out.splitlines() if line.startswith("not applicable to kind mcp-server (")]
    assert exempt, out
    assert all("): " in line for line in exempt)  # each with its reason
    _, verbose = _check(repo, "--stage", "staging-writes", "--verbose")
    assert exempt[0] in verbose
