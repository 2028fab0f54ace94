"""A progress line on stderr while a long scan runs, on a terminal only: never when stderr is piped."""

from __future__ import annotations

import os
import sys
import time
from types import TracebackType
from typing import Any, TextIO

# A scan shorter than this shows nothing; the check runs every CHECK_EVERY files so that counting
# costs next to nothing on a 100,000-file tree.
DELAY_SECONDS = 1.0
CHECK_EVERY = 64


class ScanProgress:
    """Called once per file walked; shows "scanning: N files" once the scan has taken DELAY_SECONDS."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = _is_terminal(self.stream) and os.environ.get("TERM") != "dumb"
        self.files = 0
        self._started = time.monotonic()
        self._display: Any = None
        self._task: Any = None

    def __call__(self) -> None:
        self.files += 1
        if not self.enabled or self.files % CHECK_EVERY:
            return
        if self._display is None:
            if time.monotonic() - self._started < DELAY_SECONDS:
                return
            self._start()
        self._display.update(self._task, completed=self.files)

    def _start(self) -> None:
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        console = Console(file=self.stream, no_color=bool(os.environ.get("NO_COLOR")) or None)
        self._display = Progress(SpinnerColumn(), TextColumn("scanning: {task.completed} files"), TimeElapsedColumn(),
                                 console=console, transient=True)
        self._display.start()
        self._task = self._display.add_task("scan", total=None)

    def __enter__(self) -> ScanProgress:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        if self._display is not None:
            self._display.stop()
            self._display = None


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
