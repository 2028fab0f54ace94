"""What a hostile tree cannot do to the scan: hang it, exhaust it, or hide files without saying so."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from parr.scan.engine import readable_text, scan_repository
from parr.scan.walker import (
    MAX_IGNORE_FILE_BYTES,
    MAX_IGNORE_PATTERN_CHARS,
    MAX_IGNORE_PATTERNS,
    WalkOptions,
    WalkStats,
    walk_files,
)

TOOL = "from agents import function_tool\n\n@function_tool\ndef send_email(to: str) -> str:\n    return to\n"


def _walk(root: Path) -> tuple[list[str], WalkStats]:
    stats = WalkStats()
    entries = walk_files(root, lambda rel: 0 if rel.endswith(".py") else None, stats, WalkOptions(use_git=False))
    return sorted(e.rel_path for e in entries), stats


def _scan(root: Path, tmp_path: Path, **kw: object):
    return scan_repository(root, cache_dir=tmp_path / "cache", **kw)  # type: ignore[arg-type]


# ---- .gitignore: never opened unless a regular file, bounded, matched without backtracking ----


@pytest.mark.parametrize("kind", ["fifo", "dev_zero", "directory"])
def test_an_ignore_file_that_is_not_a_regular_file_is_reported_not_read(repo: Path, write: Callable, kind: str) -> None:
    write("hidden.py", TOOL)
    ignore = repo / ".gitignore"
    if kind == "fifo":
        os.mkfifo(ignore)  # opening it for reading would block the walk forever
    elif kind == "dev_zero":
        ignore.symlink_to("/dev/zero")  # reading it would never end
    else:
        ignore.mkdir()
    started = time.monotonic()
    files, stats = _walk(repo)
    assert time.monotonic() - started < 5
    assert files == ["hidden.py"]  # no patterns applied: nothing hidden
    if kind != "directory":
        assert [e.file for e in stats.errors] == [".gitignore"]
        assert "patterns are not applied" in stats.errors[0].message


def test_a_symlinked_ignore_file_is_not_followed(repo: Path, write: Callable, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").write_text("*.py\n")
    write("tools.py", TOOL)
    (repo / ".gitignore").symlink_to(tmp_path / "elsewhere")
    files, stats = _walk(repo)
    assert files == ["tools.py"]
    assert "symbolic link" in stats.errors[0].message


@pytest.mark.parametrize("content, line", [
    ("x" * (MAX_IGNORE_FILE_BYTES + 1), None),
    ("".join(f"dir{i}/*.log\n" for i in range(MAX_IGNORE_PATTERNS + 1)) + "*.py\n", MAX_IGNORE_PATTERNS + 1),
    ("*.tmp\n" + "a" * (MAX_IGNORE_PATTERN_CHARS + 1) + "\n*.py\n", 2),
])
def test_an_oversized_ignore_file_is_not_applied_and_says_where(repo: Path, write: Callable, content: str,
                                                               line: int | None) -> None:
    write(".gitignore", content)
    write("tools.py", TOOL)
    files, stats = _walk(repo)
    assert files == ["tools.py"]
    assert [(e.file, e.line) for e in stats.errors] == [(".gitignore", line)]


def test_a_bounded_ignore_file_still_applies(repo: Path, write: Callable) -> None:
    write(".gitignore", "".join(f"dir{i}/*.log\n" for i in range(MAX_IGNORE_PATTERNS - 2)) + "gen_*.py\n!gen_keep.py\n")
    write("gen_a.py", TOOL)
    write("gen_keep.py", TOOL)
    files, stats = _walk(repo)
    assert files == ["gen_keep.py"] and stats.ignored == 1 and not stats.errors


def test_backtracking_patterns_match_in_linear_time(repo: Path, write: Callable) -> None:
    # Python's re takes minutes on these against the names below; RE2 does not backtrack.
    write(".gitignore", "*a" * 12 + "b\n" + "**/" * 30 + "zz\n" + "a*a*a*a*a*a*a*a*a*a*a*a*c/\n")
    for i in range(20):
        write(("a" * 40) + f"{i}.py", TOOL)
        write(("a" * 40) + f"/{'a' * 30}/{i}.py", TOOL)
    started = time.monotonic()
    files, stats = _walk(repo)
    assert time.monotonic() - started < 5
    assert len(files) == 40 and not stats.errors


# ---- files parr cannot read are counted and named --------------------------------------------


def test_a_fifo_under_a_source_name_is_counted_unreadable(repo: Path, write: Callable, tmp_path: Path) -> None:
    write("tools.py", TOOL)
    os.mkfifo(repo / "pipe.py")
    result = _scan(repo, tmp_path)
    assert [t.name for t in result.tools] == ["send_email"]
    assert result.skipped.unreadable == 1
    assert [(u.file, u.reason) for u in result.unread] == [("pipe.py", "unreadable")]


def _deep_ts(depth: int) -> str:
    return ("import { tool } from 'ai';\nexport const t = tool({ description: 'x', parameters: "
            + "{a:" * depth + "1" + "}" * depth + " });\n")


# Each reaches a different parse: the tool scan's, the export index's, the model-client scan's.
DEEP_TS = {
    "tool_object": _deep_ts(100_000),  # 400 KB: minutes in tree-sitter's query matching, unbounded
    "tool_call": "import { tool } from 'ai';\nexport const t = tool(" + "f(" * 100_000 + "1" + ")" * 100_000 + ");\n",
    "export_only": "export const x = " + "{a:" * 100_000 + "1" + "}" * 100_000 + ";\n",
    "client_only": "import OpenAI from 'openai';\nconst c = new OpenAI(" + "f(" * 100_000 + "1" + ")" * 100_000 + ");\n",
}


@pytest.mark.parametrize("shape", DEEP_TS)
def test_a_deeply_nested_typescript_file_is_bounded_and_reported(repo: Path, write: Callable, tmp_path: Path,
                                                                 shape: str) -> None:
    write("deep.ts", DEEP_TS[shape])
    write("tools.py", TOOL)
    started = time.monotonic()
    result = _scan(repo, tmp_path, jobs=1)
    assert time.monotonic() - started < 30
    assert [t.name for t in result.tools] == ["send_email"]
    assert result.skipped.too_deep == 1
    assert [(u.file, u.reason) for u in result.unread] == [("deep.ts", "too_deep")]


def test_ordinary_nesting_is_still_read(repo: Path, write: Callable, tmp_path: Path) -> None:
    write("ok.ts", _deep_ts(60).replace("export const t = tool({", "export const t = tool({ name: 'ok',"))
    result = _scan(repo, tmp_path)
    assert result.skipped.too_deep == 0 and not result.unread


@pytest.mark.parametrize("body", [
    "x = " + "-" * 200_000 + "1\n",               # the parser's own stack
    "x = a" + ".b" * 100_000 + "\n",              # parr's walk of the tree
    "x = " + "(" * 300 + "1" + ")" * 300 + "\n",  # the tokenizer's limit
    "import " + "a." * 300_000 + "a\n",         # the parser's quadratic memory on dotted names (OOM kill)
    "from " + "a . " * 100_000 + "a import b\n",
])
@pytest.mark.parametrize("jobs", [1, 2])
def test_deeply_nested_python_is_reported_in_process_and_in_workers(repo: Path, write: Callable, tmp_path: Path,
                                                                    body: str, jobs: int,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import parr.scan.engine as engine

    monkeypatch.setattr(engine, "CHUNK_FILES", 1)  # with jobs=2, the deep file goes to a worker process
    write("deep.py", TOOL + body)
    for i in range(3):
        write(f"ok{i}.py", TOOL.replace("send_email", f"send_{i}"))
    result = _scan(repo, tmp_path, jobs=jobs)
    assert sorted(t.name for t in result.tools) == ["send_0", "send_1", "send_2"]
    assert [(u.file, u.reason) for u in result.unread] == [("deep.py", "too_deep")]


def test_unread_files_survive_the_whole_tree_cache(repo: Path, write: Callable, tmp_path: Path) -> None:
    write("tools.py", TOOL)
    write("blob.py", b"\0binary")
    first = _scan(repo, tmp_path)
    (repo / "blob.py").rename(repo / "renamed.py")
    second = _scan(repo, tmp_path)
    third = _scan(repo, tmp_path)
    assert [(u.file, u.reason) for u in first.unread] == [("blob.py", "binary")]
    assert [(u.file, u.reason) for u in second.unread] == [("renamed.py", "binary")]
    assert third.unread == second.unread


# ---- file names that are not UTF-8 ------------------------------------------------------------


def test_file_names_that_are_not_utf8_are_scanned_cached_and_shown_escaped(repo: Path, tmp_path: Path) -> None:
    folder = os.fsencode(repo) + b"/d\xff"
    os.mkdir(folder)
    with open(folder + b"/t\xfe.py", "w") as handle:
        handle.write(TOOL)
    for _ in range(2):  # a cold scan, then one answered from the cache
        result = _scan(repo, tmp_path)
        assert [(t.name, t.file) for t in result.tools] == [("send_email", "d\\xff/t\\xfe.py")]
        result.model_dump_json().encode("utf-8")  # valid UTF-8 for every format


def test_readable_text() -> None:
    assert readable_text("a\udcffb\ud800") == "a\\xffb\\ud800"
    assert readable_text("plain é") == "plain é"


def test_ignore_patterns_apply_to_names_that_are_not_utf8(repo: Path, write: Callable) -> None:
    write(".gitignore", "gen*/\n")
    for folder in (b"gen\x8b", b"src\x8b"):
        os.makedirs(os.fsencode(repo) + b"/" + folder)
        with open(os.fsencode(repo) + b"/" + folder + b"/t.py", "w") as handle:
            handle.write(TOOL)
    files, stats = _walk(repo)
    assert files == ["src\udc8b/t.py"] and stats.ignored == 1


@pytest.mark.parametrize("command", [
    ["scan", ".", "--format", "table"], ["scan", ".", "--format", "json"], ["scan", ".", "--format", "sarif"],
    ["check", ".", "--format", "table"], ["check", ".", "--format", "json"], ["check", ".", "--format", "sarif"],
    ["check", ".", "--format", "junit"], ["check", ".", "--format", "markdown"],
])
def test_every_format_shows_a_non_utf8_file_name_readably(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          command: list[str]) -> None:
    import json
    import shutil

    from click.testing import CliRunner

    from parr.cli import main

    repo = tmp_path / "agent"
    shutil.copytree(Path(__file__).parents[3] / "examples" / "support-triage", repo)
    with open(os.fsencode(repo) + b"/triage/extra\xff.py", "w") as handle:
        handle.write(TOOL)
    monkeypatch.setenv("PARR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("PARR_TODAY", "2026-11-24")
    monkeypatch.chdir(repo)
    for _ in range(2):  # cold, then from the cache
        result = CliRunner().invoke(main, command)
        assert result.exit_code in (0, 1), (result.stderr, result.exception)
        text = result.stdout_bytes.decode("utf-8")  # strict: valid UTF-8
        assert "extra\\xff.py" in text or "extra\\\\xff.py" in text  # the undeclared tool, where it is
        if command[-1] in ("json", "sarif"):
            json.loads(text)


def test_without_re2_wildcard_heavy_patterns_are_not_applied(repo: Path, write: Callable,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import parr.scan.walker as walker

    monkeypatch.setattr(walker, "_IGNORE_BACKEND", "simple")
    write(".gitignore", "*.log\n" + "*a" * 12 + "b\n")
    write("a" * 60 + ".py", TOOL)
    started = time.monotonic()
    files, stats = _walk(repo)
    assert time.monotonic() - started < 5
    assert files == ["a" * 60 + ".py"]
    assert [(e.file, e.line) for e in stats.errors] == [(".gitignore", 2)]


def test_typescript_and_python_paths_that_are_not_utf8_go_through_the_path_index(repo: Path, tmp_path: Path) -> None:
    base = os.fsencode(repo)
    with open(base + b"/tools\xe9.ts", "w") as handle:
        handle.write("import { tool } from 'ai';\nexport const sendEmail = tool({ description: 'Send an email',"
                     " parameters: z.object({ to: z.string() }), execute: async () => {} });\n")
    with open(base + b"/helpers\xe9.py", "w") as handle:
        handle.write("def helper():\n    return 1\n")
    with open(base + b"/agent.py", "w") as handle:
        handle.write(TOOL)
    for _ in range(2):
        result = _scan(repo, tmp_path)
        assert sorted(t.file for t in result.tools) == ["agent.py", "tools\\xe9.ts"]


@pytest.mark.parametrize("body", [
    "export const t = tool({ description: 'x', execute: " + "new " * 160_000 + "A });\n",   # 49 s unbounded
    "@@@ { (((\n" + "server.tool('x', {}, async () => {});\n" * 20_000,                   # 33 s unbounded
])
def test_a_syntax_error_spoiling_a_large_file_is_reported_not_queried(repo: Path, write: Callable, tmp_path: Path,
                                                                       body: str) -> None:
    write("broken.ts", "import { tool } from 'ai';\n" + body)
    write("tools.py", TOOL)
    started = time.monotonic()
    result = _scan(repo, tmp_path, jobs=1)
    assert time.monotonic() - started < 20
    assert [t.name for t in result.tools] == ["send_email"]
    assert [(u.file, u.reason) for u in result.unread] == [("broken.ts", "unparsable")]


def test_a_small_syntax_error_is_still_scanned_around(repo: Path, write: Callable, tmp_path: Path) -> None:
    write("partly.ts", "import { tool } from 'ai';\n@@@ {\nexport const sendEmail = tool({ description: 'Send an email',"
          " parameters: z.object({ to: z.string() }), execute: async () => {} });\n")
    result = _scan(repo, tmp_path)
    assert not result.unread
