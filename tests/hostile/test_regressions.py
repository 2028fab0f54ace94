"""One regression test per class of hostile input in issue 20 (manifests, numbers, eval files, the guard).

Each case is a small edit to the check_base fixture; the unedited fixture is the passing twin.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from parr.cli import main
from tests.conftest import build_repo

ARGS = ["check", ".", "--no-scan", "--format", "json", "--today", "2026-11-24"]


def _check(repo: Path, *extra: str):
    old = Path.cwd()
    os.chdir(repo)
    try:
        return CliRunner().invoke(main, [*ARGS, *extra], catch_exceptions=True)
    finally:
        os.chdir(old)


def _edit(repo: Path, old: str, new: str, name: str = "parr.yaml") -> None:
    path = repo / name
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return build_repo(tmp_path / "agent")


def test_the_untouched_fixture_loads(repo: Path) -> None:
    result = _check(repo)
    assert result.exit_code in (0, 1) and result.exception is None or isinstance(result.exception, SystemExit)


# ---- YAML scalars that pass the tag check but not conversion -------------------------------

LINE_79 = "budgets: {currency: USD, per_run: 0.5, per_day: 200, alert_threshold: 0.8}"


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("!!int foo", "'foo' is not an integer"),
        ("!!float foo", "'foo' is not a number"),
        ("!!bool foo", "'foo' is not true or false"),
        ("!!timestamp nonsense", "is not a date or time"),
        ("2026-02-30", "'2026-02-30' is not a date or time"),
        ("2026-13-01", "'2026-13-01' is not a date or time"),
        ("2026-01-01T24:00:00", "is not a date or time"),
        (".nan", "is not a finite number"),
        ("-.inf", "is not a finite number"),
        ("9" * 5000, "a number of 5000 characters is too long"),
        ("1:" * 300 + "1", "characters is too long"),
        ("99999999999999999999", "larger than 2^63"),
        ("!!binary aGVsbG8=", "tag:yaml.org,2002:binary is not allowed"),
        ("[" * 2000 + "]" * 2000, "nest"),
    ],
)
def test_odd_yaml_scalars_are_one_line_with_file_and_line(repo: Path, value: str, says: str) -> None:
    _edit(repo, LINE_79, f"budgets: {{currency: USD, per_run: {value}, per_day: 200, alert_threshold: 0.8}}")
    result = _check(repo)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("parr: parr.yaml:79: ") and says in lines[0], lines


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\ufffe"])
def test_control_characters_in_a_manifest_name_the_line(repo: Path, char: str) -> None:
    _edit(repo, "issues small refunds", f"issues {char}small refunds")
    result = _check(repo)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"parr: parr.yaml:5: control character U+{ord(char):04X} is not allowed")
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("value", ['"nan"', '"inf"', '"1e999"'])
def test_nan_and_infinity_as_strings_do_not_become_floats(repo: Path, value: str) -> None:
    _edit(repo, LINE_79, f"budgets: {{currency: USD, per_run: {value}, per_day: 200, alert_threshold: 0.8}}")
    result = _check(repo)
    assert result.exit_code == 2
    assert result.stderr.startswith("parr: parr.yaml:79: budgets.per_run")


def test_day_counts_past_a_century_are_refused_not_overflowed(repo: Path) -> None:
    _edit(repo, "rotation_days: 60", "rotation_days: 9223372036854775807")
    result = _check(repo)
    assert result.exit_code == 2
    assert "parr.yaml:34:" in result.stderr and "rotation_days" in result.stderr


# ---- eval result files ---------------------------------------------------------------------


def _eval_item(result) -> dict:
    items = json.loads(result.stdout)["reports"][0]["items"]
    return {i["id"]: i for i in items}


@pytest.mark.parametrize(
    "stats",
    [
        '{"successes": NaN, "failures": 0}',
        '{"successes": Infinity, "failures": 0}',
        '{"successes": 1e400, "failures": 0}',
        '{"successes": ' + "9" * 5000 + ', "failures": 0}',
        '{"successes": 3.5, "failures": 0}',
        '{"successes": -2, "failures": 0}',
        '{"successes": "12", "failures": 0}',
    ],
)
def test_promptfoo_results_with_odd_numbers_are_unreadable_evidence(repo: Path, stats: str) -> None:
    good = _check(repo)
    (repo / "evals" / "adversarial.json").write_text('{"results": {"stats": ' + stats + ', "timestamp": 1e400}}')
    result = _check(repo)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code in (0, 1)
    messages = json.dumps(_eval_item(result))
    assert "evals/adversarial.json" in messages and "cannot read it as promptfoo" in messages
    assert "cannot read it as promptfoo" not in json.dumps(_eval_item(good))


@pytest.mark.parametrize("stamp", ["1e300", "-5", "253402300800000000", '"10000-01-01T00:00:00Z"', '"2026-02-30"'])
def test_impossible_eval_timestamps_read_as_no_timestamp(repo: Path, stamp: str) -> None:
    from parr.evidence_files import read_eval_result

    path = repo / "evals" / "adversarial.json"
    path.write_text('{"results": {"stats": {"successes": 9, "failures": 1}, "timestamp": ' + stamp + "}}")
    fact = read_eval_result(path, "adversarial.json", "promptfoo")
    assert (fact.error, fact.total, fact.passed, fact.timestamp) == (None, 10, 9, None)


def test_deep_json_in_promptfoo_results_is_unreadable_not_a_crash(repo: Path) -> None:
    from parr.evidence_files import read_eval_result

    path = repo / "evals" / "adversarial.json"
    path.write_text('{"results": ' + "[" * 5000 + "]" * 5000 + "}")
    fact = read_eval_result(path, "adversarial.json", "promptfoo")
    assert fact.error is not None and fact.error.startswith("cannot read it as promptfoo")


# ---- the last line of defence --------------------------------------------------------------


def test_a_parr_bug_exits_70_with_one_line_and_a_saved_traceback(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import parr.core

    def broken(*args, **kwargs):
        raise KeyError("a parr bug")

    monkeypatch.setattr(parr.core, "gather_facts", broken)
    result = _check(repo)
    assert result.exit_code == 70
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("parr: internal error (KeyError): a bug in parr")
    saved = Path(lines[0].split("the traceback is in ")[1].split("; please")[0])
    try:
        assert "KeyError: 'a parr bug'" in saved.read_text()
    finally:
        saved.unlink()


@pytest.mark.parametrize("argv", [["explain"], ["check", "--today", "2026-11-24"]])
def test_a_reader_that_closes_the_pipe_ends_parr_quietly_with_141(repo: Path, argv: list[str]) -> None:
    """`parr explain | head`: the reader leaving early is not a parr bug, so no 70 and no traceback."""
    import subprocess
    import sys

    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before parr writes its first byte
    try:
        done = subprocess.run([sys.executable, "-m", "parr", *argv, str(repo)] if argv[0] == "check"
                              else [sys.executable, "-m", "parr", *argv],
                              stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(write_end)
    assert done.returncode == 141, done.stderr
    assert done.stderr == ""


# ---- files that never end: pipes and devices -------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_manifest_that_is_a_pipe_or_a_device_is_refused_not_read(repo: Path, kind: str) -> None:
    manifest = repo / "other.yaml"
    if kind == "fifo":
        os.mkfifo(manifest)
    else:
        manifest.symlink_to("/dev/zero")
    result = _check(repo, "--manifest", str(manifest))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"parr: {manifest}: is not a regular file (a pipe or a device?); expected a YAML manifest."


@pytest.mark.parametrize("target", ["evals/adversarial.json", "traces/sample.jsonl"])
def test_evidence_that_is_a_device_is_not_a_file(repo: Path, target: str) -> None:
    (repo / target).unlink()
    (repo / target).symlink_to("/dev/zero")
    result = _check(repo)
    assert result.exit_code in (0, 1)
    assert f"{target}" in result.stdout and "not a file" in result.stdout
