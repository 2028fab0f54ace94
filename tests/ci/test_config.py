"""Configuration in [tool.parr] / .parr.toml: found upward like parr.yaml, flags win, bad files are one line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from parr.cli import CONFIG_PARAMS, check, main
from parr.config import find_config, load_config

ROOT = Path(__file__).parents[2]


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository holding infra-oncall (GO at propose, NO-GO at staging-writes) and a subdirectory to work from."""
    (tmp_path / ".git").mkdir()
    shutil.copytree(ROOT / "examples" / "infra-oncall", tmp_path / "agent")
    (tmp_path / "ci" / "jobs").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "ci" / "jobs")
    monkeypatch.setenv("PARR_TODAY", "2026-11-24")
    monkeypatch.delenv("PARR_CHECKLIST", raising=False)
    return tmp_path


def _check(*args: str) -> tuple[int, dict | str]:
    result = CliRunner().invoke(main, ["check", "../../agent", *args])
    try:
        return result.exit_code, json.loads(result.stdout)
    except ValueError:
        return result.exit_code, result.stdout


def test_found_upward_nearest_first_and_not_above_the_repository(workspace: Path) -> None:
    jobs = workspace / "ci" / "jobs"
    assert find_config(jobs) is None
    (workspace / "pyproject.toml").write_text('[project]\nname = "x"\n')  # no [tool.parr]: not a configuration
    assert find_config(jobs) is None
    (workspace / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.parr]\nstage = "propose"\n')
    assert find_config(jobs) == workspace / "pyproject.toml"
    (workspace / "ci" / ".parr.toml").write_text('format = "json"\n')
    assert find_config(jobs) == workspace / "ci" / ".parr.toml"
    (workspace / "ci" / "pyproject.toml").write_text("[tool.parr]\n")
    assert find_config(workspace / "ci") == workspace / "ci" / ".parr.toml"  # the dotfile wins in one directory
    # Above the repository's root (.git) nothing applies.
    (workspace / "agent" / ".git").mkdir()
    (workspace / ".parr.toml").write_text('stage = "autonomous"\n')
    assert find_config(workspace / "agent" / "src") is None


def test_settings_apply_and_flags_win(workspace: Path) -> None:
    code, report = _check("--format", "json")
    assert code == 0 and report["reports"][0]["stage"] == "propose"  # no ledger: propose

    (workspace / "pyproject.toml").write_text('[tool.parr]\nstage = "staging-writes"\nformat = "json"\n')
    code, report = _check()
    assert code == 1 and report["verdict"] == "NO-GO" and report["reports"][0]["stage"] == "staging-writes"
    code, report = _check("--stage", "propose")
    assert code == 0 and report["reports"][0]["stage"] == "propose"
    code, text = _check("--format", "markdown")
    assert isinstance(text, str) and "NO-GO" in text


def test_fail_on_bad_input_reports_no_go_but_exits_0(workspace: Path) -> None:
    (workspace / ".parr.toml").write_text('fail-on = "bad-input"\nformat = "json"\nstage = "staging-writes"\n')
    code, report = _check()
    assert code == 0 and report["verdict"] == "NO-GO"
    code, report = _check("--fail-on", "no-go")
    assert code == 1
    (workspace / "agent" / "parr.yaml").write_text("apiVersion: parr/v1\nagent: [\n")
    code, _ = _check()
    assert code == 2  # bad input is never advisory


def test_checklist_paths_are_relative_to_the_configuration(workspace: Path) -> None:
    (workspace / "policy").mkdir()
    (workspace / "policy" / "acme.yaml").write_text(
        "apiVersion: parr/v1\nkind: checklist\nname: acme\noverrides:\n  - {id: OWN-006, blocking_from: propose}\n")
    (workspace / ".parr.toml").write_text('checklist = ["policy/acme.yaml"]\nstage = "propose"\nformat = "json"\n')
    code, report = _check()
    blocking = [i["id"] for i in report["reports"][0]["items"] if i["blocking"]]
    assert code == 1 and blocking == ["OWN-006"], blocking


@pytest.mark.parametrize("text, line, words", [
    ('stage = "stagin"\n', 1, "unknown stage 'stagin'"),
    ('stage = "propose"\nformt = "json"\n', 2, "did you mean 'format'"),
    ('format = "xml"\n', 1, "format must be one of"),
    ('fail-on = "never"\n', 1, "fail-on must be one of no-go, bad-input"),
    ('checklist = 3\n', 1, "checklist must be a file name"),
    ('stage = "propose"\nformat = "json\n', 2, "fix the TOML syntax"),
])
def test_bad_configuration_is_one_line_and_exit_2(workspace: Path, text: str, line: int, words: str) -> None:
    (workspace / ".parr.toml").write_text(text)
    result = CliRunner().invoke(main, ["check", "../../agent"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"parr: {workspace / '.parr.toml'}:{line}: "), lines
    assert words in lines[0]


def test_check_help_prints_even_when_the_configuration_is_broken(workspace: Path) -> None:
    (workspace / ".parr.toml").write_text('stage = "stagin"\n')
    result = CliRunner().invoke(main, ["check", "--help"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Usage: ") and " check [OPTIONS] [PATH]" in result.output.splitlines()[0]
    assert CliRunner().invoke(main, ["check", "../../agent"]).exit_code == 2


def test_pyproject_lines_count_from_the_tool_parr_table(workspace: Path) -> None:
    (workspace / "pyproject.toml").write_text('[tool.other]\nstage = 1\n\n[tool.parr]\nstage = "nope"\n')
    with pytest.raises(Exception) as caught:
        load_config(workspace / "pyproject.toml")
    assert "pyproject.toml:5:" in str(caught.value)


def test_only_check_reads_it(workspace: Path) -> None:
    (workspace / ".parr.toml").write_text("stage = [\n")
    result = CliRunner().invoke(main, ["validate", "../../agent"])
    assert result.exit_code == 0, result.output


def test_every_setting_feeds_a_check_option() -> None:
    params = {p.name: p for p in check.params}
    for key, name in CONFIG_PARAMS.items():
        with_flag = [p for p in check.params if f"--{key}" in getattr(p, "opts", ())]
        if key == "baseline" and not with_flag:
            continue  # --baseline arrives with the baselines work; its default then comes from here
        assert with_flag and with_flag[0].name == name, key
        assert name in params


def test_settings_from_the_file_are_named_on_stderr(workspace: Path) -> None:
    (workspace / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.parr]\nformat = "json"\nfail-on = "bad-input"\n'
                                              'stage = "staging-writes"\n')
    result = CliRunner().invoke(main, ["check", "../../agent"])
    assert result.exit_code == 0 and json.loads(result.stdout)["verdict"] == "NO-GO"
    assert result.stderr.splitlines() == [f"parr: note: stage is set by {workspace / 'pyproject.toml'}:7",
                                          f"parr: note: fail-on is set by {workspace / 'pyproject.toml'}:6"]
    flagged = CliRunner().invoke(main, ["check", "../../agent", "--stage", "propose", "--fail-on", "no-go"])
    assert flagged.exit_code == 0 and flagged.stderr == ""
    quiet = CliRunner().invoke(main, ["check", "../../agent", "--quiet"])
    assert quiet.exit_code == 0 and quiet.stderr == "" and quiet.stdout == ""
