"""One trace file over every core: blocks parsed in worker processes, their partial tallies merged in file order.

The main process reads the file in blocks (as every command does) and hands each to a worker,
keeping at most two blocks per worker in flight, so memory stays flat. A worker returns what the
block adds up to (a signals or review collector's tallies with its runs still open, or a lint
result); the main process merges them in file order, runs open across blocks joining their halves,
exactly as `parr traces merge` joins shards. The results are those of one process (floating-point
sums aside, which differ in their last bits when grouped otherwise), as tests/traces/test_volume.py
checks. Small files, standard input and `--jobs 1` take the one-process path.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

from parr.traces.events import (
    READ_ERRORS, BadLines, Chunk, TraceFormat, TraceReadError, events_from_chunk, is_stdin, iter_chunks, paused_gc,
    sniff_format,
)

# Below this many bytes, starting worker processes costs more than it saves.
MIN_PARALLEL_BYTES = 16 * 1024 * 1024


def default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


def use_parallel(path: Path, jobs: int) -> bool:
    if jobs <= 1 or is_stdin(path):
        return False
    try:
        return path.stat().st_size >= MIN_PARALLEL_BYTES
    except OSError:
        return False


def _pack(chunk: Chunk) -> tuple[Any, ...]:
    # Plain tuples cross the process boundary: slotted dataclasses pickle differently across versions.
    return (chunk.text, chunk.first_line, chunk.kind, chunk.path, chunk.resource)


def _unpack(packed: tuple[Any, ...]) -> Chunk:
    text, first_line, kind, path, resource = packed
    return Chunk(text, first_line, kind, path, resource)


def map_blocks(path: Path, fmt: TraceFormat, bad: BadLines, work: Callable[[tuple[Any, ...]], Any],
               jobs: int) -> Iterator[Any]:
    """`work` over every block of the file in `jobs` processes, results in file order."""
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: deque[Any] = deque()
        for chunk in iter_chunks(path, fmt, bad):
            pending.append(pool.submit(work, _pack(chunk)))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def merge_bad(into: BadLines, count: int, items: list[Any]) -> None:
    for item in items:
        if len(into.items) < into.keep:
            into.items.append(item)
    into.count += count


# ---- workers (module level, so they pickle) ----------------------------------------------------


def signals_block(thresholds: Any, fmt: TraceFormat, packed: tuple[Any, ...]) -> tuple[dict[str, Any], int, list[Any]]:
    from parr.traces.signals import SignalCollector
    from parr.traces.summary import signals_state

    bad = BadLines()
    collector = SignalCollector(thresholds)
    with paused_gc():
        for event in events_from_chunk(_unpack(packed), bad, fmt):
            collector.add(event)
    return signals_state(collector), bad.count, bad.items


def review_block(grants: Any, fmt: TraceFormat, shown: str, packed: tuple[Any, ...]) -> tuple[dict[str, Any], int, list[Any]]:
    from parr.traces.access import AccessCollector

    bad = BadLines()
    collector = AccessCollector(grants)
    collector.file = shown
    with paused_gc():
        for event in events_from_chunk(_unpack(packed), bad, fmt):
            collector.add(event)
    return collector.to_dict(), bad.count, bad.items


def lint_block(fmt: TraceFormat, shown: str, required: list[str], redacted: list[str], keep: int,
               packed: tuple[Any, ...]) -> Any:
    from parr.traces.lint import FileLint, Linter

    result = FileLint(file=shown, format=fmt, keep=keep, bad=BadLines(keep))
    with paused_gc():
        Linter(result, required, redacted).feed(_unpack(packed))
    return result


# ---- the three commands' parallel passes -------------------------------------------------------


def signals_parallel(collector: Any, path: Path, fmt: TraceFormat, bad: BadLines, jobs: int) -> None:
    from parr.traces.summary import merge_signals, signals_from

    work = partial(signals_block, collector.thresholds, fmt)
    for state, count, items in map_blocks(path, fmt, bad, work, jobs):
        merge_signals(collector, signals_from(state))
        merge_bad(bad, count, items)


def review_parallel(collector: Any, path: Path, fmt: TraceFormat, bad: BadLines, shown: str, jobs: int) -> None:
    from parr.traces.access import AccessCollector

    work = partial(review_block, collector.grants, fmt, shown)
    for state, count, items in map_blocks(path, fmt, bad, work, jobs):
        collector.merge(AccessCollector.from_dict(collector.grants, state))
        merge_bad(bad, count, items)


def lint_parallel(result: Any, path: Path, fmt: TraceFormat, required: list[str], redacted: list[str],
                  jobs: int) -> None:
    work = partial(lint_block, fmt, result.file, required, redacted, result.keep)
    for part in map_blocks(path, fmt, result.bad, work, jobs):
        merge_lint(result, part)


def merge_lint(into: Any, part: Any) -> None:
    """A later block's lint result folded into the file's: counts add, the first `keep` findings per rule stay."""
    into.lines += part.lines
    into.events += part.events
    into.bytes += part.bytes
    into.counts.update(part.counts)
    into.missing.update(part.missing)
    for name, lines in part.missing_lines.items():
        mine = into.missing_lines.setdefault(name, [])
        mine.extend(lines[: max(0, 5 - len(mine))])
    for finding in part.findings:
        if into.kept[finding.rule] < into.keep:
            into.kept[finding.rule] += 1
            into.findings.append(finding)
    merge_bad(into.bad, part.bad.count, part.bad.items)


def feed_files(paths: Iterable[tuple[Path, str]], fmt: TraceFormat | None, bad: BadLines, add: Callable[[Any], None],
               jobs: int, in_parallel: Callable[[Path, TraceFormat, str], None],
               on_file: Callable[[str], None] | None = None) -> list[str]:
    """Every event of the files, in file order, into `add` (a file big enough, with jobs > 1, goes to
    `in_parallel` instead, which merges into the same collector); the names shown, in order. A file
    that cannot be read ends the run as a TraceReadError naming it."""
    shown_files = []
    for path, shown in paths:
        shown_files.append(shown)
        if on_file is not None:
            on_file(shown)
        try:
            file_fmt = fmt or sniff_format(path)
            if use_parallel(path, jobs):
                in_parallel(path, file_fmt, shown)
                continue
            with paused_gc():
                for chunk in iter_chunks(path, file_fmt, bad):
                    for event in events_from_chunk(chunk, bad, file_fmt):
                        add(event)
        except READ_ERRORS as exc:
            raise TraceReadError(shown, exc) from None
    return shown_files
