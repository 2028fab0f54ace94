"""File discovery on hostile trees: ignore rules (git and plain), default excludes, symlinks, size limits."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from parr.scan.walker import WalkOptions, WalkStats, looks_binary, walk_files


def _walk(root: Path, **options: object) -> tuple[list[str], WalkStats]:
    stats = WalkStats()
    entries = list(walk_files(root, _classify, stats, WalkOptions(**options)))  # type: ignore[arg-type]
    assert all(e.tag == _classify(e.rel_path) for e in entries)
    return sorted(e.rel_path for e in entries), stats


def _classify(rel: str) -> int | None:
    """0 for Python, 1 for TypeScript, None for the rest."""
    if rel.endswith(".py"):
        return 0
    return 1 if rel.endswith(".ts") else None


@pytest.fixture(params=["git", "plain"])
def mode(request: pytest.FixtureRequest) -> str:
    return request.param


def _finish(root: Path, mode: str, git_init: Callable[[Path], None]) -> None:
    if mode == "git":
        git_init(root)


def test_only_wanted_extensions_are_listed(repo: Path, write: Callable, mode: str, git_init: Callable) -> None:
    write("a.py", "x = 1\n")
    write("web/b.ts", "export {}\n")
    write("README.md", "# hi\n")
    write("data.json", "{}")
    _finish(repo, mode, git_init)
    files, _ = _walk(repo)
    assert files == ["a.py", "web/b.ts"]


def test_gitignored_files_and_directories_are_skipped_and_counted(
    repo: Path, write: Callable, mode: str, git_init: Callable
) -> None:
    write(".gitignore", "generated_*.py\nsecret/\n")
    write("app.py")
    write("generated_client.py")
    write("secret/keys.py")
    write("secret/more.py")
    write("pkg/generated_models.py")
    _finish(repo, mode, git_init)
    files, stats = _walk(repo)
    assert files == ["app.py"]
    # generated_client.py, pkg/generated_models.py, and secret/ once as a directory
    assert stats.ignored == 3


def test_nested_gitignore_overrides_its_parent(repo: Path, write: Callable, mode: str, git_init: Callable) -> None:
    write(".gitignore", "gen_*.py\n")
    write("sub/.gitignore", "!gen_keep.py\nlocal.py\n")
    write("gen_top.py")
    write("sub/gen_drop.py")
    write("sub/gen_keep.py")
    write("sub/local.py")
    write("local.py")
    write("sub/deeper/local.py")
    _finish(repo, mode, git_init)
    files, _ = _walk(repo)
    assert files == ["local.py", "sub/gen_keep.py"]


def test_anchored_and_directory_only_patterns(repo: Path, write: Callable, mode: str, git_init: Callable) -> None:
    write(".gitignore", "/top_only.py\nlogs/\n")
    write("top_only.py")
    write("pkg/top_only.py")
    write("logs/x.py")
    write("pkg/logs/y.py")
    _finish(repo, mode, git_init)
    files, _ = _walk(repo)
    assert files == ["pkg/top_only.py"]


def test_default_excluded_directories_are_skipped(repo: Path, write: Callable, mode: str, git_init: Callable) -> None:
    write("src/agent.py")
    write("node_modules/lib/index.ts")
    write(".venv/lib/site.py")
    write("venv/lib/site.py")
    write("src/__pycache__/agent.py")
    write("dist/bundle.ts")
    write("packages/web/node_modules/x/index.ts")
    _finish(repo, mode, git_init)
    files, stats = _walk(repo)
    assert files == ["src/agent.py"]
    assert stats.ignored == 6


def test_excluded_directories_are_configurable(repo: Path, write: Callable) -> None:
    write("dist/tools.py")
    write("vendor/x.py")
    files, _ = _walk(repo, excluded_dirs=frozenset({"vendor"}))
    assert files == ["dist/tools.py"]


def test_files_over_the_size_limit_are_skipped_and_counted(repo: Path, write: Callable, mode: str, git_init: Callable) -> None:
    write("small.py", "x = 1\n")
    write("huge.py", "x = 1\n" * 1000)
    _finish(repo, mode, git_init)
    files, stats = _walk(repo, max_file_bytes=1000)
    assert files == ["small.py"]
    assert stats.too_large == 1


def test_symlinks_leaving_the_root_are_not_followed(tmp_path: Path, repo: Path, write: Callable, mode: str, git_init: Callable) -> None:
    outside = tmp_path / "outside"
    (outside / "pkg").mkdir(parents=True)
    (outside / "secret.py").write_text("def tool_steal(): ...\n")
    (outside / "pkg" / "x.py").write_text("")
    write("a.py")
    os.symlink(outside / "secret.py", repo / "linked.py")
    os.symlink(outside / "pkg", repo / "linked_dir")
    os.symlink("../outside/secret.py", repo / "relative.py")
    _finish(repo, mode, git_init)
    files, stats = _walk(repo)
    assert files == ["a.py"]
    assert stats.symlink_outside == 3


def test_symlink_cycles_terminate(repo: Path, write: Callable, mode: str, git_init: Callable) -> None:
    write("pkg/a.py")
    os.symlink(repo, repo / "pkg" / "back_to_root")
    os.symlink("b.py", repo / "a_loop.py")
    os.symlink("a_loop.py", repo / "b.py")
    os.symlink(".", repo / "self")
    _finish(repo, mode, git_init)
    files, stats = _walk(repo)
    assert files == ["pkg/a.py"]
    assert stats.symlink_outside == 0


def test_symlinks_inside_the_root_are_not_walked_twice(repo: Path, write: Callable, mode: str, git_init: Callable) -> None:
    write("real/tools.py")
    os.symlink("real", repo / "alias")
    os.symlink("real/tools.py", repo / "tools_alias.py")
    _finish(repo, mode, git_init)
    files, stats = _walk(repo)
    assert files == ["real/tools.py"]
    assert stats.symlink_outside == 0


def test_root_that_is_a_symlink_is_walked(tmp_path: Path, repo: Path, write: Callable) -> None:
    write("a.py")
    link = tmp_path / "root_link"
    os.symlink(repo, link)
    files, stats = _walk(link)
    assert files == ["a.py"]
    assert stats.symlink_outside == 0


def test_git_mode_lists_untracked_but_not_ignored_files(repo: Path, write: Callable, git_init: Callable) -> None:
    write(".gitignore", "*.local.py\n")
    write("tracked.py")
    git_init(repo)
    write("untracked.py")
    write("notes.local.py")
    files, _ = _walk(repo)
    assert files == ["tracked.py", "untracked.py"]


def test_git_mode_skips_tracked_files_deleted_from_disk(repo: Path, write: Callable, git_init: Callable) -> None:
    write("kept.py")
    gone = write("gone.py")
    git_init(repo)
    gone.unlink()
    files, _ = _walk(repo)
    assert files == ["kept.py"]


def test_subdirectory_of_a_git_repo_uses_the_repo_ignore_rules(repo: Path, write: Callable, git_init: Callable) -> None:
    write(".gitignore", "drop.py\n")
    write("sub/keep.py")
    write("sub/drop.py")
    git_init(repo)
    files, _ = _walk(repo / "sub")
    assert files == ["keep.py"]


def test_walk_without_git_ignores_git_metadata(repo: Path, write: Callable, git_init: Callable) -> None:
    write(".gitignore", "drop.py\n")
    write("keep.py")
    write("drop.py")
    git_init(repo)
    files, _ = _walk(repo, use_git=False)
    assert files == ["keep.py"]


def test_looks_binary() -> None:
    assert looks_binary(b"abc\0def")
    assert not looks_binary("héllo".encode())
    assert not looks_binary(b"x" * 9000 + b"\0")
