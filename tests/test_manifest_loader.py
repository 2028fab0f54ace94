"""parr.yaml loading: typos, wrong types, YAML errors and hostile YAML all become lined messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from parr.errors import ParrInputError
from parr.manifest.loader import find_manifest, load_manifest
from tests.conftest import BASE


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "parr.yaml"
    path.write_text(text)
    with pytest.raises(ParrInputError) as info:
        load_manifest(path)
    return info.value.problems


def test_base_fixture_loads() -> None:
    loaded = load_manifest(BASE / "parr.yaml")
    assert loaded.manifest.agent.id == "refunds-assistant"
    assert loaded.manifest.tool("issue_refund").gate == "policy:refund_small"
    assert loaded.line_of("permissions", "tools", 1) == 31


def test_all_problems_reported_at_once_with_lines_and_hints(tmp_path: Path) -> None:
    problems = _problems(
        tmp_path,
        """apiVersion: parr/v1
agent:
  id: triage
  descripton: hello
permissions:
  tools:
    - name: a
      access: wrte
    - name: b
      access: read
      environments: production
failsafes:
  retries: {max: many}
  kill_swich: {name: X}
waivers:
  - {check: EVAL-001, reason: later, owner: me, expires: soon}
""",
    )
    assert problems == [
        f"{tmp_path}/parr.yaml:4: unknown key 'descripton' in agent; did you mean 'description'?",
        f"{tmp_path}/parr.yaml:8: permissions.tools[0].access is 'wrte'; expected 'read', 'write', 'delete', 'send', 'pay' or 'execute'.",
        f"{tmp_path}/parr.yaml:11: permissions.tools[1].environments should be a list, not 'production'.",
        f"{tmp_path}/parr.yaml:13: failsafes.retries.max should be an integer, not 'many'.",
        f"{tmp_path}/parr.yaml:14: unknown key 'kill_swich' in failsafes; did you mean 'kill_switch'?",
        f"{tmp_path}/parr.yaml:16: waivers[0].expires should be a date (YYYY-MM-DD), not 'soon'.",
    ]


def test_unknown_key_without_close_match_lists_allowed_keys(tmp_path: Path) -> None:
    [problem] = _problems(tmp_path, "apiVersion: parr/v1\nagent: {id: a}\nbudgets: {zzz: 1}\n")
    assert "unknown key 'zzz' in budgets; allowed keys: alert_threshold, currency, per_day, per_run." in problem


def test_missing_required_key(tmp_path: Path) -> None:
    [problem] = _problems(tmp_path, "apiVersion: parr/v1\nagent:\n  description: x\n")
    assert problem.endswith(":2: agent is missing the required key 'id'.")


def test_gate_syntax(tmp_path: Path) -> None:
    [problem] = _problems(
        tmp_path, "apiVersion: parr/v1\nagent: {id: a}\npermissions:\n  tools:\n    - {name: t, access: pay, gate: human}\n"
    )
    assert ":5: permissions.tools[0].gate: gate must be 'none', 'policy:<rule>' or 'approval:<queue>'." in problem


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    [problem] = _problems(tmp_path, "apiVersion: parr/v1\nagent:\n  id: [a\n")
    assert problem.startswith(f"{tmp_path}/parr.yaml:4: YAML syntax error")


def test_duplicate_keys_are_rejected(tmp_path: Path) -> None:
    [problem] = _problems(tmp_path, "apiVersion: parr/v1\nagent: {id: a}\nbudgets: {per_run: 1}\nbudgets: {per_run: 2}\n")
    assert ":4: key 'budgets' appears twice in the same mapping (first at line 3)" in problem


def test_alias_bomb_is_stopped(tmp_path: Path) -> None:
    rows = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i, name in enumerate("bcdefgh"):
        prev = "abcdefg"[i]
        rows.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    [problem] = _problems(tmp_path, "\n".join(rows) + "\n")
    assert "expands to more than" in problem


def test_python_tags_are_not_constructed(tmp_path: Path) -> None:
    [problem] = _problems(tmp_path, "apiVersion: parr/v1\nagent: !!python/object/apply:os.system ['true']\n")
    assert problem.endswith(":2: the YAML tag tag:yaml.org,2002:python/object/apply:os.system is not allowed; use plain mappings and lists.")


def test_wrong_api_version(tmp_path: Path) -> None:
    [problem] = _problems(tmp_path, "apiVersion: parr/v9\nagent: {id: a}\n")
    assert problem == f"{tmp_path}/parr.yaml:1: apiVersion 'parr/v9' is not supported; this parr reads 'parr/v1'."


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "parr.yaml"
    path.write_bytes(b"apiVersion: parr/v1\nagent: {id: \xff}\n")
    with pytest.raises(ParrInputError, match="not valid UTF-8"):
        load_manifest(path)


def test_empty_and_scalar_documents(tmp_path: Path) -> None:
    assert "is empty" in _problems(tmp_path, "")[0]
    assert "must be a mapping" in _problems(tmp_path, "- a\n- b\n")[0]


def test_find_manifest(tmp_path: Path) -> None:
    with pytest.raises(ParrInputError, match="no parr.yaml here; run `parr init"):
        find_manifest(tmp_path)
    with pytest.raises(ParrInputError, match="no such file or directory"):
        find_manifest(tmp_path / "nope")
