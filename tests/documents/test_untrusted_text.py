"""Untrusted text in the oncall documents, and hostile template overrides.

A manifest (or a scanned tool, or a trace) may hold Markdown fences, HTML comments, headings and
table pipes; rendered into the runbook, none of it may change the document's structure or hide
the kill-switch steps. Override templates are the user's code: every failure is one line naming
the file, and loops end on a deadline.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from parr.cli import main
from parr.documents import render
from parr.documents.escape import MarkdownText, code_span
from tests.conftest import build_repo
from tests.documents.test_documents import COMMON, _golden

HOSTILE = {
    "agent": {
        "description": "Refunds.\n```\n# Fake heading\n<!-- the kill switch is below, hidden -->",
        "workflow": {"name": "<script>alert(1)</script> refunds", "definition_of_done": "| a | b |\n|---|---|"},
        "owners": {"security": "[click](javascript:alert(1))", "sre": "~~~", "product": "<details>", "engineering": "*bold* _x_"},
    },
    "failsafes": {
        "kill_switch": {"name": "FLAG`` ` ``", "how": "</details><!--", "owner": "@priya\n\n## Injected"},
        "fallback": "1. fake step\n- fake item\n> quote",
    },
    "permissions": {"tools": [
        {"name": "get_charge", "access": "read", "environments": ["staging", "<b>prod</b>"], "risk": "low"},
        {"name": "issue_refund|x`y", "access": "pay", "environments": ["production"], "risk": "high", "gate": "policy:refund_small"},
    ]},
}


def _generate(repo: Path, *args: str):
    old = Path.cwd()
    os.chdir(repo)
    try:
        return CliRunner().invoke(main, ["generate", *args, ".", *COMMON], catch_exceptions=True)
    finally:
        os.chdir(old)


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    return build_repo(tmp_path / "agent", HOSTILE)


def _tokens(markdown: str):
    return MarkdownIt("commonmark").enable("table").parse(markdown)


def _kill_switch_steps(markdown: str) -> list[str]:
    """The items of the ordered list right after the 'Kill switch' heading, as the parser sees them."""
    tokens = _tokens(markdown)
    at = next(i for i, t in enumerate(tokens) if t.type == "inline" and t.content == "Kill switch")
    items, depth = [], 0
    for token in tokens[at + 1:]:
        if token.type == "heading_open":
            break
        if token.type == "ordered_list_open":
            depth += 1
        elif token.type == "ordered_list_close":
            break
        elif depth and token.type == "inline":
            items.append(token.content)
    return items


def test_hostile_manifest_text_cannot_reshape_the_runbook(hostile: Path) -> None:
    result = _generate(hostile, "runbook")
    assert result.exit_code == 0, result.output
    text = result.stdout
    _golden("hostile.runbook.md", text)
    kinds = {t.type for t in _tokens(text)}
    assert not kinds & {"fence", "code_block", "html_block", "html_inline", "blockquote_open"}, kinds
    headings = [t.content for t in _tokens(text) if t.type == "inline" and t.map and text.splitlines()[t.map[0]].startswith("#")]
    assert "Fake heading" not in " ".join(headings) and "Injected" not in " ".join(headings)
    steps = _kill_switch_steps(text)
    assert [s.split(":")[0] for s in steps] == ["Pull it", "Record it", "Freeze promotions until the review is done"]
    # Every tool row is still a row of the table: the pipe in a name did not split it.
    rows = [line for line in text.splitlines() if line.startswith("| ``issue_refund")]
    assert len(rows) == 1 and rows[0].count(" | ") == 5


def test_the_unedited_manifest_renders_the_same_structure(tmp_path: Path) -> None:
    result = _generate(build_repo(tmp_path / "agent"), "runbook")
    assert _kill_switch_steps(result.stdout)[0].startswith("Pull it: set the flag to false")


@pytest.mark.parametrize("kind", [["dri"], ["postmortem"], ["dri", "--format", "yaml"]])
def test_other_documents_escape_too(hostile: Path, kind: list[str]) -> None:
    result = _generate(hostile, *kind)
    assert result.exit_code == 0, result.output
    if "yaml" in kind:
        import yaml

        data = yaml.safe_load(result.stdout)
        assert data["metadata"]["description"] == HOSTILE["agent"]["description"]  # raw, quoted as JSON
        return
    kinds = {t.type for t in _tokens(result.stdout)}
    assert not kinds & {"fence", "code_block", "html_block", "html_inline"}, kinds


def test_trace_values_in_the_postmortem_timeline_are_escaped(tmp_path: Path) -> None:
    repo = build_repo(tmp_path / "agent", files={"traces/evil.jsonl": (
        '{"ts": "2026-11-20T03:14:22Z", "session_id": "s-9", "tool_call": {"name": "x```\\n<!--", "args": {}},'
        ' "result": {"status": "error", "error": "boom | </table>\\n# head"}}\n')})
    result = _generate(repo, "postmortem", "--trace", "traces/evil.jsonl", "--session", "s-9")
    assert result.exit_code == 0, result.output
    kinds = {t.type for t in _tokens(result.stdout)}
    assert not kinds & {"fence", "code_block", "html_block", "html_inline"}, kinds


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [("```", r"\`\`\`"), ("<!-- x -->", "&lt;!-- x -->"), ("a\nb", "a b"), ("# h", r"\# h"), ("1. x", r"1\. x"),
     ("snake_case", "snake_case"), ("_em_", r"\_em\_"), ("a | b", r"a \| b"), ("&amp;", "&amp;amp;"), ("\u202eabc", "abc")],
)
def test_markdown_escaping(raw: str, escaped: str) -> None:
    assert str(MarkdownText(raw)) == escaped and MarkdownText(raw).raw == raw


def test_code_spans_cannot_be_closed_from_inside() -> None:
    assert code_span("a`b") == "``a`b``"
    assert code_span("``x``") == "``` ``x`` ```"
    assert code_span("a|b") == r"`a\|b`"


# ---- hostile template overrides ------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return build_repo(tmp_path / "agent")


@pytest.mark.parametrize(
    ("files", "says"),
    [
        ({"index.yaml": b"- a\n- b\n"}, "index.yaml:1: the top level: input should be a valid dictionary"),
        ({"index.yaml": b"procedures: [{id: x}]\n"}, "index.yaml:1: procedures.0.title: field required"),
        ({"index.yaml": b"\xff\xfe procedures"}, "index.yaml: byte 0 is not valid UTF-8"),
        ({"index.yaml": b"procedures: [unclosed\n"}, "index.yaml:2: YAML syntax error"),
        ({"index.yaml": b"procedures: [{id: x, title: y, template: t.md.j2, applies: bogus}]\n"},
         "index.yaml:1: applies 'bogus' is not a fact parr knows"),
        ({"runbook.md.j2": b"ok\n{{ 1 / 0 }}\n"}, "runbook.md.j2:2: the template failed: ZeroDivisionError"),
        ({"runbook.md.j2": b"{% include 'runbook.md.j2' %}"}, "runbook.md.j2:1: the template failed: nesting too deep"),
        ({"runbook.md.j2": b"{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}"}, "the template failed: nesting too deep"),
        ({"runbook.md.j2": b"{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}"},
         "did not finish within 2 s"),
        ({"runbook.md.j2": b"{% for i in range(99999) %}{{ 'x' * 1000 }}{% endfor %}"}, "the rendered document passed 8 MiB"),
        ({"runbook.md.j2": b"{{ 'x' * 10**10 }}"}, "needed more than 512 MiB"),
        ({"runbook.md.j2": b"{{ [].pop() }}"}, "runbook.md.j2: refused by the sandbox"),
    ],
)
def test_hostile_template_overrides_end_in_one_line_naming_the_file(
        repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, bytes], says: str) -> None:
    monkeypatch.setattr(render, "TEMPLATE_TIMEOUT_SECONDS", 2.0)
    folder = tmp_path / "override"
    folder.mkdir()
    for name, raw in files.items():
        (folder / name).write_bytes(raw)
    result = _generate(repo, "runbook", "--templates", str(folder))
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"parr: {folder}") and says in lines[0], lines


@pytest.mark.parametrize("name", ["index.yaml", "runbook.md.j2", "_macros.md.j2"])
def test_an_override_that_is_a_device_is_refused_not_skipped(repo: Path, tmp_path: Path, name: str) -> None:
    folder = tmp_path / "override"
    folder.mkdir()
    (folder / name).symlink_to("/dev/zero")
    result = _generate(repo, "runbook", "--templates", str(folder))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"parr: {folder / name}: is not a regular file")


def test_a_good_override_still_renders(repo: Path, tmp_path: Path) -> None:
    folder = tmp_path / "override"
    folder.mkdir()
    (folder / "runbook.md.j2").write_text("Runbook of {{ agent.id }} ({{ tools | length }} tools)\n")
    result = _generate(repo, "runbook", "--templates", str(folder))
    assert (result.exit_code, result.stdout) == (0, "Runbook of refunds-assistant (3 tools)\n")


def test_tool_names_from_the_scan_are_escaped(tmp_path: Path) -> None:
    # A scanned repository names its own tools: the name a model sees can hold anything.
    evil = '@function_tool(name_override="wipe```\\n<!-- hidden")\ndef wipe(x: str) -> str:\n    """Wipe."""\n    return x\n'
    repo = build_repo(tmp_path / "agent")
    tools = repo / "agent" / "tools.py"
    tools.write_text(tools.read_text() + "\n\n" + evil)
    old = Path.cwd()
    os.chdir(repo)
    try:
        result = CliRunner().invoke(main, ["generate", "runbook", ".", "--today", "2026-11-24"], catch_exceptions=True,
                                    env={"PARR_CACHE_DIR": str(tmp_path / "cache")})
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output
    # The name shows as it is, inside a code span with a longer fence, in the tools table.
    assert "| ````wipe``` <!-- hidden```` | undeclared ⚠ |" in result.stdout
    kinds = {t.type for t in _tokens(result.stdout)}
    assert not kinds & {"fence", "code_block", "html_block", "html_inline"}, kinds
    assert _kill_switch_steps(result.stdout)[0].startswith("Pull it")
