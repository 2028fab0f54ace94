"""Installs everywhere: the policy engines and RE2 are extras, parr fails closed without them, and
start-up imports only what a command uses."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]
from click.testing import CliRunner

from parr.cli import main

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples"
POLICY_ITEMS = ("POL-007", "POL-008", "POL-009", "POL-010")
INSTALL_LINE = "pip install 'parr[policy]'"


def _failing(report_json: str) -> dict[str, list[tuple[str, str]]]:
    """check id -> (outcome, message) of every failed or errored finding."""
    found: dict[str, list[tuple[str, str]]] = {}
    for report in json.loads(report_json)["reports"]:
        for item in report["items"]:
            for finding in item.get("findings", []):
                if finding["outcome"] in ("fail", "error"):
                    found.setdefault(item["id"], []).append((finding["outcome"], finding["message"]))
    return found


@pytest.mark.parametrize("example, stage, module", [
    ("support-triage", "narrow-production-writes", "cedarpy"),
    ("billing-mcp", "staging-writes", "regopy"),
])
def test_policy_checks_fail_closed_without_the_engine(monkeypatch: pytest.MonkeyPatch, example: str, stage: str,
                                                      module: str) -> None:
    args = ["check", str(EXAMPLES / example), "--stage", stage, "--today", "2026-11-24", "--format", "json"]
    with_engine = _failing(CliRunner().invoke(main, args).output)
    assert not any(INSTALL_LINE in m for findings in with_engine.values() for _, m in findings)

    monkeypatch.setitem(sys.modules, module, None)  # `import cedarpy` now fails, as on a platform without the wheel
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    without = _failing(result.output)
    for item in POLICY_ITEMS:
        assert any(outcome == "error" and INSTALL_LINE in message for outcome, message in without.get(item, [])), item
    assert not set(without) - set(with_engine) - set(POLICY_ITEMS) - {"POL-002", "POL-004", "POL-012"}


def test_policy_test_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "cedarpy", None)
    result = CliRunner().invoke(main, ["policy", "test", str(EXAMPLES / "support-triage"), "--no-scan"])
    assert result.exit_code == 2
    assert INSTALL_LINE in result.output and "Traceback" not in result.output


def _run(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("gitignore, expected, reported", [
    ("vendored_*.py\n", {"lookup_ticket"}, False),
    # Python's re would backtrack on this one: its file is not applied (the safe side) and it is said.
    ("vendored_*.py\n*a*a*a*a*b\n", {"lookup_ticket", "vendored_tool"}, True),
])
def test_scan_works_without_re2(tmp_path: Path, gitignore: str, expected: set[str], reported: bool) -> None:
    (tmp_path / ".gitignore").write_text(gitignore)
    tool = "from agents import function_tool\n\n@function_tool\ndef {name}(ticket_id: str) -> str:\n    return ticket_id\n"
    (tmp_path / "tools.py").write_text(tool.format(name="lookup_ticket"))
    (tmp_path / "vendored_tools.py").write_text(tool.format(name="vendored_tool"))
    code = f"""
        import sys
        sys.modules["re2"] = None  # google-re2 not installed
        import parr.scan.walker as walker
        assert walker._IGNORE_BACKEND != "re2", walker._IGNORE_BACKEND
        from parr.cli import main
        sys.argv = ["parr", "scan", {str(tmp_path)!r}, "--format", "json", "--no-cache"]
        main()
    """
    done = _run(code, tmp_path)
    assert done.returncode == 0, done.stderr
    scan = json.loads(done.stdout)
    assert {t["name"] for t in scan["tools"]} == expected
    assert any(e["file"] == ".gitignore" and e["line"] == 2 for e in scan["errors"]) is reported


LAZY_PROBE = """
    import atexit, json, sys
    atexit.register(lambda: sys.stderr.write("MODULES " + json.dumps(sorted(sys.modules)) + "\\n"))
    sys.argv = ["parr", *{args!r}]
    from parr.cli import main
    main()
"""
# What `parr scan` must not load: the policy engines' wrappers, the checklist and its checks, the
# verdict, the documents and their templates, the trace readers.
NOT_FOR_SCAN = ("parr.policy", "parr.checklist", "parr.checks", "parr.verdict", "parr.documents", "parr.traces",
                "parr.rollout", "parr.ledger", "parr.diff", "parr.report", "jinja2", "cedarpy", "regopy")


def _modules(args: list[str]) -> set[str]:
    done = _run(LAZY_PROBE.format(args=args), ROOT)
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stderr.splitlines() if x.startswith("MODULES "))
    return set(json.loads(line[len("MODULES "):]))


@pytest.mark.parametrize("args", [
    ["scan", "examples/support-triage", "--format", "json", "--no-cache"],
    ["scan", "--help"],
    ["--version"],
])
def test_scan_loads_only_what_it_uses(args: list[str]) -> None:
    loaded = _modules(args)
    assert "parr.cli" in loaded
    unwanted = sorted(m for m in loaded if any(m == p or m.startswith(p + ".") for p in NOT_FOR_SCAN))
    assert unwanted == []


def test_the_probe_sees_a_command_that_does_load_them() -> None:
    loaded = _modules(["explain", "PERM-001"])
    assert "parr.checklist" in loaded


def test_extras_and_readme_agree() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    required = " ".join(project["dependencies"])
    for engine in ("cedarpy", "regopy", "google-re2"):
        assert engine not in required
    extras = project["optional-dependencies"]
    assert {e.split(">")[0] for e in extras["policy"]} == {"cedarpy", "regopy"}
    assert any(e.startswith("parr[") and "policy" in e for e in extras["test"])
    readme = (ROOT / "README.md").read_text()
    first_install = next(line for line in readme.splitlines() if "pip install" in line)
    assert "[policy" in first_install or "[all]" in first_install, first_install
