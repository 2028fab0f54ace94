"""scan_repository on hostile trees, with a fake scanner: errors never stop a scan; the facts cache hits and invalidates."""

from __future__ import annotations

import gc
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from parr.scan import engine
from parr.scan.cache import CACHE_DB_NAME
from parr.scan.engine import ScanInputError, scan_repository
from parr.scan.model import ScanError, ToolRecord


class FakeScanner:
    """Reads `def tool_<name>` lines as tools; a line containing <<SYNTAX>> is a syntax error."""

    language = "python"

    def __init__(self, facts_version: str = "1", crash_on: str | None = None) -> None:
        self.facts_version = facts_version
        self.crash_on = crash_on
        self.calls: list[str] = []  # only seen in-process (jobs=1)

    def handles(self, rel_path: str) -> bool:
        return rel_path.endswith((".py", ".ts"))

    def extract(self, rel_path: str, source: bytes) -> dict[str, Any]:
        self.calls.append(rel_path)
        if self.crash_on and rel_path.endswith(self.crash_on):
            raise RuntimeError("boom")
        try:
            text = source.decode("utf-8")
        except UnicodeDecodeError as exc:
            return {"tools": [], "errors": [{"line": None, "message": f"not UTF-8: {exc.reason}"}]}
        tools: list[dict[str, Any]] = []
        errors: list[dict[str, Any]] = []
        for number, line in enumerate(text.splitlines(), 1):
            if line.startswith("def tool_"):
                name = line[len("def tool_") :].split("(")[0]
                tools.append({"name": name, "line": number})
            if "<<SYNTAX>>" in line:
                errors.append({"line": number, "message": "invalid syntax"})
        return {"tools": tools, "errors": errors}

    def resolve(self, facts_by_path: dict[str, dict[str, Any]]) -> tuple[list[ToolRecord], list[ScanError]]:
        tools = [
            ToolRecord(
                name=t["name"], file=path, line=t["line"], language="python", framework="fake", style="fake.def",
                mutating=t["name"].startswith("send"), typed=True, schema="type_hints",
            )
            for path, facts in facts_by_path.items()
            for t in facts.get("tools", [])
        ]
        return sorted(tools, key=lambda t: (t.file, t.line, t.name)), []


class CrashingResolveScanner(FakeScanner):
    """Extracts like FakeScanner, then fails in resolve."""

    language = "typescript"

    def handles(self, rel_path: str) -> bool:
        return rel_path.endswith(".ts")

    def resolve(self, facts_by_path: dict[str, dict[str, Any]]) -> tuple[list[ToolRecord], list[ScanError]]:
        raise ValueError("resolver bug")


def _scan(root: Path, scanner: FakeScanner | None = None, **kwargs: Any) -> Any:
    kwargs.setdefault("use_cache", False)
    kwargs.setdefault("jobs", 1)
    return scan_repository(root, scanners=[scanner or FakeScanner()], **kwargs)


def _names(result: Any) -> list[tuple[str, int, str]]:
    return [(t.file, t.line, t.name) for t in result.tools]


def test_tools_are_found_sorted_with_relative_slash_paths(repo: Path, write: Callable) -> None:
    write("z.py", "def tool_b(): ...\ndef tool_a(): ...\n")
    write("a/deep/m.ts", "\n\ndef tool_send_mail(): ...\n")
    result = _scan(repo)
    assert _names(result) == [("a/deep/m.ts", 3, "send_mail"), ("z.py", 1, "b"), ("z.py", 2, "a")]
    assert result.files_scanned == 2
    assert result.errors == ()


def test_missing_root_raises_scan_input_error(tmp_path: Path) -> None:
    with pytest.raises(ScanInputError, match="does not exist"):
        _scan(tmp_path / "nope")


def test_root_that_is_a_file_raises_scan_input_error(tmp_path: Path) -> None:
    target = tmp_path / "f.py"
    target.write_text("")
    with pytest.raises(ScanInputError, match="not a directory"):
        _scan(target)


def test_hostile_tree_is_scanned_to_the_end(tmp_path: Path, repo: Path, write: Callable) -> None:
    outside = tmp_path / "outside.py"
    outside.write_text("def tool_outside(): ...\n")
    write("good.py", "def tool_good(): ...\n")
    write("huge.py", "def tool_huge(): ...\n" + "#" * (3 * 1024 * 1024))
    write("blob.py", b"def tool_blob(): ...\n\0\0\0")
    write("latin1.py", "def tool_caf\xe9(): ...\n".encode("latin-1"))
    write("broken.py", "def tool_before(): ...\nx = <<SYNTAX>>\n")
    os.symlink(outside, repo / "escape.py")
    os.symlink(repo, repo / "loop")
    result = _scan(repo)
    assert _names(result) == [("broken.py", 1, "before"), ("good.py", 1, "good")]
    assert result.skipped.too_large == 1
    assert result.skipped.binary == 1
    assert result.skipped.symlink_outside == 1
    assert [(e.file, e.line) for e in result.errors] == [("broken.py", 2), ("latin1.py", None)]
    assert "UTF-8" in result.errors[1].message
    assert result.files_scanned == 3


def test_max_file_bytes_is_configurable(repo: Path, write: Callable) -> None:
    write("a.py", "def tool_a(): ...\n" * 10)
    assert _scan(repo, max_file_bytes=50).skipped.too_large == 1
    assert _scan(repo, max_file_bytes=10_000).skipped.too_large == 0


def test_gitignored_files_are_not_scanned_in_a_git_repo(repo: Path, write: Callable, git_init: Callable) -> None:
    write(".gitignore", "ignored.py\nout/\n")
    write("kept.py", "def tool_kept(): ...\n")
    write("ignored.py", "def tool_ignored(): ...\n")
    write("out/gen.py", "def tool_gen(): ...\n")
    git_init(repo)
    result = _scan(repo)
    assert _names(result) == [("kept.py", 1, "kept")]
    assert result.skipped.ignored == 2


def test_gitignored_files_are_not_scanned_outside_git(repo: Path, write: Callable) -> None:
    write(".gitignore", "ignored.py\nout/\n")
    write("sub/.gitignore", "!ignored.py\n")
    write("kept.py", "def tool_kept(): ...\n")
    write("ignored.py", "def tool_ignored(): ...\n")
    write("sub/ignored.py", "def tool_reincluded(): ...\n")
    write("out/gen.py", "def tool_gen(): ...\n")
    result = _scan(repo)
    assert _names(result) == [("kept.py", 1, "kept"), ("sub/ignored.py", 1, "reincluded")]
    assert result.skipped.ignored == 2


def test_scanner_crash_in_extract_is_a_file_error(repo: Path, write: Callable) -> None:
    write("ok.py", "def tool_ok(): ...\n")
    write("bad.py", "def tool_bad(): ...\n")
    result = _scan(repo, FakeScanner(crash_on="bad.py"))
    assert _names(result) == [("ok.py", 1, "ok")]
    assert [e.file for e in result.errors] == ["bad.py"]
    assert "boom" in result.errors[0].message


def test_scanner_crash_in_resolve_keeps_other_languages(repo: Path, write: Callable) -> None:
    write("a.py", "def tool_py(): ...\n")
    write("b.ts", "def tool_ts(): ...\n")
    result = scan_repository(repo, scanners=[CrashingResolveScanner(), FakeScanner()], use_cache=False, jobs=1)
    assert _names(result) == [("a.py", 1, "py"), ("b.ts", 1, "ts")]
    assert any("resolver bug" in e.message for e in result.errors)


class ErrorEchoingScanner(FakeScanner):
    """Reports facts['errors'] from resolve as well, as real scanners may."""

    def resolve(self, facts_by_path: dict[str, dict[str, Any]]) -> tuple[list[ToolRecord], list[ScanError]]:
        tools, _ = super().resolve(facts_by_path)
        echoed = [
            ScanError(file=path, line=e["line"], message=e["message"])
            for path, facts in facts_by_path.items()
            for e in facts.get("errors", [])
        ]
        return tools, echoed


def test_errors_reported_by_both_facts_and_resolve_appear_once(repo: Path, write: Callable) -> None:
    write("broken.py", "<<SYNTAX>>\n")
    result = _scan(repo, ErrorEchoingScanner())
    assert [(e.file, e.line, e.message) for e in result.errors] == [("broken.py", 1, "invalid syntax")]


def test_every_scanner_that_handles_a_file_reads_it_once(repo: Path, write: Callable) -> None:
    write("b.ts", "def tool_ts(): ...\n")
    write("a.py", "def tool_py(): ...\n")
    ts, py = CrashingResolveScanner(), FakeScanner()
    result = scan_repository(repo, scanners=[ts, py], use_cache=False, jobs=1)
    assert ts.calls == ["b.ts"]
    assert sorted(py.calls) == ["a.py", "b.ts"]
    assert result.files_scanned == 2


def test_rescan_of_unchanged_tree_hits_the_cache(tmp_path: Path, repo: Path, write: Callable) -> None:
    for i in range(5):
        write(f"m{i}.py", f"def tool_t{i}(): ...\n")
    first, second = FakeScanner(), FakeScanner()
    cold = _scan(repo, first, use_cache=True, cache_dir=tmp_path / "cache")
    warm = _scan(repo, second, use_cache=True, cache_dir=tmp_path / "cache")
    assert len(first.calls) == 5
    assert second.calls == []
    assert warm == cold


class PathEchoingScanner(FakeScanner):
    """Puts the path it was given into the facts, as scanners deriving module names do."""

    def extract(self, rel_path: str, source: bytes) -> dict[str, Any]:
        facts = super().extract(rel_path, source)
        for tool in facts["tools"]:
            tool["name"] = f"{tool['name']}@{rel_path}"
        return facts


def test_identical_contents_at_different_paths_are_cached_apart(tmp_path: Path, repo: Path, write: Callable) -> None:
    write("a.py", "def tool_same(): ...\n")
    _scan(repo, PathEchoingScanner(), use_cache=True, cache_dir=tmp_path / "cache")
    write("b.py", "def tool_same(): ...\n")
    scanner = PathEchoingScanner()
    result = _scan(repo, scanner, use_cache=True, cache_dir=tmp_path / "cache")
    assert scanner.calls == ["b.py"]
    assert _names(result) == [("a.py", 1, "same@a.py"), ("b.py", 1, "same@b.py")]


def test_content_change_invalidates_only_that_file(tmp_path: Path, repo: Path, write: Callable) -> None:
    write("a.py", "def tool_a(): ...\n")
    write("b.py", "def tool_b(): ...\n")
    _scan(repo, use_cache=True, cache_dir=tmp_path / "cache")
    write("b.py", "\ndef tool_b2(): ...\n")
    scanner = FakeScanner()
    result = _scan(repo, scanner, use_cache=True, cache_dir=tmp_path / "cache")
    assert scanner.calls == ["b.py"]
    assert _names(result) == [("a.py", 1, "a"), ("b.py", 2, "b2")]


def test_facts_version_change_invalidates_the_cache(tmp_path: Path, repo: Path, write: Callable) -> None:
    write("a.py", "def tool_a(): ...\n")
    _scan(repo, FakeScanner("1"), use_cache=True, cache_dir=tmp_path / "cache")
    bumped = FakeScanner("2")
    _scan(repo, bumped, use_cache=True, cache_dir=tmp_path / "cache")
    assert bumped.calls == ["a.py"]


def test_parr_version_change_invalidates_the_cache(
    tmp_path: Path, repo: Path, write: Callable, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("a.py", "def tool_a(): ...\n")
    _scan(repo, use_cache=True, cache_dir=tmp_path / "cache")
    monkeypatch.setattr("parr.__version__", "999.0.0")
    scanner = FakeScanner()
    _scan(repo, scanner, use_cache=True, cache_dir=tmp_path / "cache")
    assert scanner.calls == ["a.py"]


def test_use_cache_false_never_reads_or_writes(tmp_path: Path, repo: Path, write: Callable) -> None:
    write("a.py", "def tool_a(): ...\n")
    _scan(repo, use_cache=False, cache_dir=tmp_path / "cache")
    assert not (tmp_path / "cache").exists()


def test_cache_dir_defaults_to_parr_cache_dir_env(tmp_path: Path, repo: Path, write: Callable, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARR_CACHE_DIR", str(tmp_path / "envcache"))
    write("a.py", "def tool_a(): ...\n")
    _scan(repo, use_cache=True)
    assert (tmp_path / "envcache" / CACHE_DB_NAME).is_file()


def test_corrupt_cache_degrades_to_uncached(tmp_path: Path, repo: Path, write: Callable) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / CACHE_DB_NAME).write_bytes(b"this is not a sqlite database" * 100)
    write("a.py", "def tool_a(): ...\n")
    result = _scan(repo, use_cache=True, cache_dir=cache)
    assert _names(result) == [("a.py", 1, "a")]


def test_errors_from_cached_facts_are_reported_again(tmp_path: Path, repo: Path, write: Callable) -> None:
    write("broken.py", "<<SYNTAX>>\n")
    cold = _scan(repo, use_cache=True, cache_dir=tmp_path / "cache")
    warm = _scan(repo, use_cache=True, cache_dir=tmp_path / "cache")
    assert [(e.file, e.line) for e in warm.errors] == [("broken.py", 1)]
    assert warm == cold


def test_cache_is_one_sqlite_database(tmp_path: Path, repo: Path, write: Callable) -> None:
    for i in range(3):
        write(f"m{i}.py", f"def tool_t{i}(): ...\n")
    _scan(repo, use_cache=True, cache_dir=tmp_path / "cache")
    with sqlite3.connect(tmp_path / "cache" / CACHE_DB_NAME) as conn:
        assert conn.execute("SELECT count(*) FROM facts").fetchone() == (3,)


@pytest.mark.parametrize("read_batch", [512, 70])
def test_process_pool_gives_the_same_result_as_in_process(
    repo: Path, write: Callable, monkeypatch: pytest.MonkeyPatch, read_batch: int
) -> None:
    monkeypatch.setattr(engine, "READ_BATCH", read_batch)
    for i in range(engine.CHUNK_FILES * 3):
        write(f"pkg{i % 7}/m{i}.py", f"# module {i}\n" * (i % 5) + f"def tool_t{i}(): ...\n")
    write("pkg0/broken.py", "<<SYNTAX>>\n")
    write("pkg0/crash.py", "def tool_x(): ...\n")
    in_process = _scan(repo, FakeScanner(crash_on="crash.py"), jobs=1)
    pooled_scanner = FakeScanner(crash_on="crash.py")
    pooled = _scan(repo, pooled_scanner, jobs=2)
    # Workers use their own copies of the scanner; only a short last batch stays in-process.
    assert len(pooled_scanner.calls) < engine.CHUNK_FILES
    assert pooled == in_process
    assert len(pooled.tools) == engine.CHUNK_FILES * 3
    assert {e.file for e in pooled.errors} == {"pkg0/broken.py", "pkg0/crash.py"}


def test_results_do_not_depend_on_read_batching(repo: Path, write: Callable, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(20):
        write(f"d{i % 3}/m{i}.py", f"def tool_t{i}(): ...\n")
    whole = _scan(repo)
    monkeypatch.setattr(engine, "READ_BATCH", 3)
    assert _scan(repo) == whole


@pytest.mark.parametrize("expected", [0, 5, 10, 30])
def test_reads_are_capped_whatever_size_the_walk_saw(tmp_path: Path, expected: int) -> None:
    path = tmp_path / "f.py"
    path.write_bytes(b"x" * 20)
    fd = os.open(path, os.O_RDONLY)
    try:
        assert engine._read_up_to(fd, expected, 21) == b"x" * 20
    finally:
        os.close(fd)
    fd = os.open(path, os.O_RDONLY)
    try:
        assert engine._read_up_to(fd, expected, 11) == b"x" * 11
    finally:
        os.close(fd)


class GcProbeScanner(FakeScanner):
    """Reports, as an error, every file extracted while the garbage collector was off."""

    def extract(self, rel_path: str, source: bytes) -> dict[str, Any]:
        facts = super().extract(rel_path, source)
        if not gc.isenabled():
            facts["errors"].append({"line": None, "message": "gc disabled during extract"})
        return facts


def test_pool_workers_collect_garbage(repo: Path, write: Callable) -> None:
    for i in range(engine.CHUNK_FILES * 2):
        write(f"m{i}.py", f"def tool_t{i}(): ...\n")
    result = _scan(repo, GcProbeScanner(), jobs=2)
    assert result.errors == ()
    assert gc.isenabled()


class WorkerKillingScanner(FakeScanner):
    """Kills the worker process on one file, as an out-of-memory kill or a native crash would."""

    def extract(self, rel_path: str, source: bytes) -> dict[str, Any]:
        if rel_path == "die.py":
            os._exit(3)
        return super().extract(rel_path, source)


def test_a_dying_worker_costs_its_files_not_the_scan(repo: Path, write: Callable, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "READ_BATCH", engine.CHUNK_FILES)
    write("die.py", "def tool_never(): ...\n")
    for i in range(engine.CHUNK_FILES * 4):
        write(f"z/m{i:03}.py", f"def tool_t{i}(): ...\n")
    result = _scan(repo, WorkerKillingScanner(), jobs=2)
    failed = {e.file for e in result.errors}
    assert "die.py" in failed
    assert all("worker failed" in e.message for e in result.errors)
    # Named as not read, as every file a limit or a failure kept the scan from.
    assert {u.file for u in result.unread if u.reason == "failed"} == failed == {u.file for u in result.unread}
    assert result.skipped.failed == len(failed)
    # Later batches run on a fresh pool.
    assert len(result.tools) + len(failed) == engine.CHUNK_FILES * 4 + 1
    assert len(result.tools) >= engine.CHUNK_FILES * 2


def test_unchanged_tree_is_answered_from_the_tree_cache(tmp_path: Path, repo: Path, write: Callable) -> None:
    from parr.scan.cache import FactsCache

    for i in range(3):
        write(f"m{i}.py", f"def tool_t{i}(): ...\n")
    cache_dir = tmp_path / "cache"
    cold = _scan(repo, FakeScanner(), use_cache=True, cache_dir=cache_dir)
    warm_scanner = FakeScanner()
    warm = _scan(repo, warm_scanner, use_cache=True, cache_dir=cache_dir)
    assert warm == cold and warm_scanner.calls == []
    # One edited file: the tree digest changes, only that file is extracted again.
    write("m1.py", "def tool_changed(): ...\n")
    third = FakeScanner()
    changed = _scan(repo, third, use_cache=True, cache_dir=cache_dir)
    assert third.calls == ["m1.py"]
    assert ("m1.py", 1, "changed") in _names(changed)
    cache = FactsCache(cache_dir)
    try:
        assert cache.enabled
    finally:
        cache.close()


def test_cache_keys_follow_the_scanner_code() -> None:
    from parr.scan.cache import code_fingerprint, key_hasher

    assert len(code_fingerprint()) == 16
    first = key_hasher("python", "v").digest()
    code_fingerprint.cache_clear()
    assert key_hasher("python", "v").digest() == first, "same code, same keys"
    assert key_hasher("python", "w").digest() != first


def _facts_rows(cache_dir: Path) -> dict[bytes, int]:
    with sqlite3.connect(cache_dir / CACHE_DB_NAME) as conn:
        return dict(conn.execute("SELECT key, stamp FROM facts"))


def test_cache_evicts_least_recently_used_facts_over_its_size_limit(tmp_path: Path) -> None:
    from parr.scan import cache as cache_module
    from parr.scan.cache import FactsCache

    cache_dir = tmp_path / "cache"
    blob = {"tools": [], "pad": "x" * 20_000}
    old = FactsCache(cache_dir, max_bytes=1 << 40)
    for i in range(100):
        old.put(b"old%03d" % i, blob)
    old.close()
    for _ in range(cache_module.STAMP_SLACK):  # scans of other trees
        FactsCache(cache_dir, max_bytes=1 << 40).close()
    recent = FactsCache(cache_dir, max_bytes=1 << 40)
    for i in range(100):
        recent.put(b"new%03d" % i, blob)
    recent.close()
    size_before = (cache_dir / CACHE_DB_NAME).stat().st_size
    assert len(_facts_rows(cache_dir)) == 200
    # A third scan under a 1 MiB limit: the older generation goes, the recent one stays.
    small = FactsCache(cache_dir, max_bytes=1 << 20)
    assert small.get_many([b"new000"])
    small.close()
    rows = _facts_rows(cache_dir)
    assert not any(k.startswith(b"old") for k in rows)
    # The recent generation is kept even though the cache is still over the limit: it is in use.
    assert sum(k.startswith(b"new") for k in rows) == 100
    assert (cache_dir / CACHE_DB_NAME).stat().st_size < size_before * 0.6


def test_cache_hits_refresh_old_entries_so_they_survive_eviction(tmp_path: Path) -> None:
    from parr.scan import cache as cache_module
    from parr.scan.cache import FactsCache

    cache_dir = tmp_path / "cache"
    first = FactsCache(cache_dir, max_bytes=1 << 40)
    first.put(b"kept", {"tools": []})
    first.put(b"dropped", {"tools": []})
    first.close()
    for _ in range(cache_module.STAMP_SLACK + 2):  # scans of other trees
        FactsCache(cache_dir, max_bytes=1 << 40).close()
    reader = FactsCache(cache_dir, max_bytes=1 << 40)
    assert set(reader.get_many([b"kept"])) == {b"kept"}
    reader.close()
    rows = _facts_rows(cache_dir)
    assert rows[b"kept"] > rows[b"dropped"]


def test_cache_size_limit_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from parr.scan.cache import DEFAULT_MAX_MB, _max_bytes_from_env

    monkeypatch.setenv("PARR_CACHE_MAX_MB", "64")
    assert _max_bytes_from_env() == 64 << 20
    monkeypatch.setenv("PARR_CACHE_MAX_MB", "a lot")
    assert _max_bytes_from_env() == DEFAULT_MAX_MB << 20


def test_databases_of_older_cache_layouts_are_removed(tmp_path: Path) -> None:
    from parr.scan.cache import FactsCache

    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    for name in ("scan-facts-v2.sqlite3", "scan-facts-v2.sqlite3-wal", "notes.txt"):
        (cache_dir / name).write_text("x")
    FactsCache(cache_dir).close()
    assert sorted(p.name for p in cache_dir.iterdir() if not p.name.startswith(CACHE_DB_NAME)) == ["notes.txt"]


def _age(root: Path, seconds: float = 3600) -> None:
    """Make every file older than the racy window, as files are before a rescan."""
    old = time.time() - seconds
    for path in root.rglob("*"):
        if path.is_file():
            os.utime(path, (old, old))


def _count_opens(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    opened: list[str] = []
    real_open = os.open

    def spy(path, *args, **kwargs):
        if str(path).endswith(".py"):  # the scanned files (not the scan's own temporary files)
            opened.append(os.path.basename(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(engine.os, "open", spy)
    return opened


def test_unchanged_files_are_not_read_again(tmp_path: Path, repo: Path, write: Callable,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(5):
        write(f"m{i}.py", f"def tool_t{i}(): ...\n")
    _age(repo)
    cache_dir = tmp_path / "cache"
    cold = _scan(repo, FakeScanner(), use_cache=True, cache_dir=cache_dir)
    opened = _count_opens(monkeypatch)
    assert _scan(repo, FakeScanner(), use_cache=True, cache_dir=cache_dir) == cold
    assert opened == []  # digests remembered by stat fingerprint: nothing read, the tree cache answers
    # One file edited: only it is read (for its digest, then for its facts).
    write("m2.py", "def tool_changed(): ...\n")
    old = time.time() - 1800
    os.utime(repo / "m2.py", (old, old))
    scanner = FakeScanner()
    changed = _scan(repo, scanner, use_cache=True, cache_dir=cache_dir)
    assert set(opened) == {"m2.py"} and scanner.calls == ["m2.py"]
    assert ("m2.py", 1, "changed") in _names(changed)


def test_files_changed_within_the_racy_window_are_always_read(tmp_path: Path, repo: Path, write: Callable,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    write("fresh.py", "def tool_a(): ...\n")  # just written: its stat may not change with its next edit
    cache_dir = tmp_path / "cache"
    _scan(repo, FakeScanner(), use_cache=True, cache_dir=cache_dir)
    opened = _count_opens(monkeypatch)
    _scan(repo, FakeScanner(), use_cache=True, cache_dir=cache_dir)
    assert "fresh.py" in opened


def test_path_index_on_disk_and_its_memory_fallback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from parr.scan.pathindex import PathIndex

    for broken in (False, True):
        if broken:  # no temporary directory: the index lives in memory, with the same answers
            monkeypatch.setattr("tempfile.TemporaryDirectory", lambda **_: (_ for _ in ()).throw(OSError("no tmp")))
        index = PathIndex()
        for i in range(12000):
            index.add(0, f"pkg{i % 7}/mod{i}.py", f"mod{i % 100}")
        index.add(1, "web/tools.ts", "")
        python, typescript = index.view(0), index.view(1)
        assert "pkg3/mod3.py" in python and "pkg3/mod4.py" not in python and "web/tools.ts" not in python
        assert "web/tools.ts" in typescript
        keyed = python.with_key("mod42")
        assert keyed == sorted(keyed) and len(keyed) == 120
        assert all(int(p.split("mod")[-1][:-3]) % 100 == 42 for p in keyed)
        assert list(typescript) == ["web/tools.ts"]
        index.close()


def test_facts_left_in_the_cache_are_read_back_by_resolve(tmp_path: Path) -> None:
    from parr.scan.typescript import TypeScriptScanner

    repo = tmp_path / "repo"
    (repo / "src").mkdir(parents=True)
    # names.ts has no tool of its own: its exports wait in the cache, not in memory
    (repo / "src" / "names.ts").write_text('export const REFUND = "issue_refund";\nexport enum Tools { Void = "void_invoice" }\n')
    (repo / "src" / "server.ts").write_text(
        'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\n'
        'import { z } from "zod";\nimport { REFUND, Tools } from "./names";\n\n'
        'const server = new McpServer({ name: "billing", version: "1.0.0" });\n'
        'server.tool(REFUND, { id: z.string() }, async ({ id }) => ({ content: [] }));\n'
        'server.tool(Tools.Void, { id: z.string() }, async ({ id }) => ({ content: [] }));\n')
    _age(repo)
    uncached = scan_repository(repo, scanners=[TypeScriptScanner()], use_cache=False)
    assert {t.name for t in uncached.tools} == {"issue_refund", "void_invoice"}
    cache_dir = tmp_path / "cache"
    for _ in range(2):
        cached = scan_repository(repo, scanners=[TypeScriptScanner()], cache_dir=cache_dir)
        assert cached.tools == uncached.tools
    (repo / "src" / "server.ts").write_text((repo / "src" / "server.ts").read_text() + "// reviewed\n")
    edited = scan_repository(repo, scanners=[TypeScriptScanner()], cache_dir=cache_dir)
    assert {t.name for t in edited.tools} == {"issue_refund", "void_invoice"}
