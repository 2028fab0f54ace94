"""The policy engines run in a child process with a deadline and a memory cap, so they cannot take parr down.

cedarpy and regopy are native code: a deeply nested policy overflows their stack (SIGSEGV), rego-cpp
aborts when its allocator cannot start, and a comprehension or a schema of a few kilobytes can ask
for gigabytes. None of that can be caught in-process, so parr starts one engine process per run
(`python -I`, in an empty directory, with no environment: nothing of the scanned repository can be
imported) and hands it the policies as text. The parent watches it: past the deadline, or above
the memory cap, it is killed; if it dies, the failure becomes an EngineFailure naming what it was
working on, which callers turn into a policy problem while the rest of the run goes on.

Memory: rego-cpp's allocator (snmalloc) reserves 256 GiB of address space at start, so RLIMIT_AS
and RLIMIT_DATA make it abort on every input ("Failed to initialise snmalloc"). The cap is
therefore the child's resident set, read from /proc every few milliseconds (Linux; elsewhere only
the deadline applies). RLIMIT_CPU is set in the child as a backstop in case the parent dies first.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import parr
from parr.policy.engines import ENGINE_MODULES, ENGINE_NAMES, engine_installed, missing_engine_sentence

DEFAULT_MEMORY_MIB = 512
MEMORY_ENV = "PARR_POLICY_MEMORY_MB"
POLL_SECONDS = 0.01
# Fixed cost of the child's interpreter and imports, not counted against the policy's deadline.
STARTUP_SECONDS = 10.0

FailureKind = Literal["crash", "timeout", "memory", "failed", "missing"]

_BOOT = "import sys; sys.path.insert(0, sys.argv[1]); from parr.policy.worker import main; main()"


class EngineFailure(Exception):
    """The engine process could not answer: it crashed, ran out of time or memory, or raised."""

    def __init__(self, kind: FailureKind, sentence: str, at: str | None) -> None:
        super().__init__(sentence)
        self.kind = kind
        self.at = at


def memory_limit_mib() -> int:
    """The cap: $PARR_POLICY_MEMORY_MB when it is a positive integer (digits only), else 512 MiB."""
    raw = os.environ.get(MEMORY_ENV, "")
    return int(raw) if raw.isascii() and raw.isdigit() and 0 < len(raw) < 10 and int(raw) > 0 else DEFAULT_MEMORY_MIB


def _resident_bytes(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


class EngineProcess:
    """One child process for one run; started on the first request, restarted after a failure."""

    def __init__(self, engine: str, memory_mib: int | None = None) -> None:
        self.engine = engine
        self.memory_mib = memory_mib or memory_limit_mib()
        self._child: subprocess.Popen[bytes] | None = None
        self._stderr: Any = None
        self._workdir: tempfile.TemporaryDirectory[str] | None = None
        self._buffer = b""
        self.started = 0

    @property
    def name(self) -> str:
        return ENGINE_NAMES.get(self.engine, self.engine)

    def _start(self, seconds: float) -> subprocess.Popen[bytes]:
        self._workdir = tempfile.TemporaryDirectory(prefix="parr-policy-")
        self._stderr = tempfile.TemporaryFile()
        package_parent = str(Path(parr.__file__).resolve().parent.parent)
        cpu = int(seconds + STARTUP_SECONDS) + 1
        self._child = subprocess.Popen(
            [sys.executable, "-I", "-c", _BOOT, package_parent, str(cpu)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr,
            cwd=self._workdir.name, env={"LC_ALL": "C.UTF-8"}, close_fds=True,
        )
        self._buffer = b""
        self.started += 1
        return self._child

    def ask(self, request: dict[str, Any], seconds: float) -> Any:
        """The answer to one request, within `seconds` of engine time; EngineFailure otherwise."""
        if not engine_installed(self.engine):
            # The engines are an extra: without them nothing can pass that needs their answer.
            raise EngineFailure("missing", missing_engine_sentence(self.engine), None)
        child = self._child
        if child is None or child.poll() is not None:
            self.close()  # a process that died between requests leaves its directory and stderr file
            child = self._start(seconds)
        assert child.stdin is not None and child.stdout is not None
        at: str | None = None
        try:
            child.stdin.write(json.dumps(request).encode("utf-8") + b"\n")
            child.stdin.flush()
        except OSError:
            pass  # it died already; the read below says how
        limit = self.memory_mib * 1024 * 1024
        deadline: float | None = None
        started = time.monotonic()
        with selectors.DefaultSelector() as selector:
            selector.register(child.stdout, selectors.EVENT_READ)
            while True:
                ended = self._read(child, selector)
                for message in self._messages():
                    if "at" in message:
                        at = message["at"]
                        # The clock starts when the engine does, not while Python imports.
                        deadline = deadline or time.monotonic() + seconds
                        continue
                    if "failed" in message:
                        if f"No module named '{ENGINE_MODULES.get(self.engine)}'" in message["failed"]:
                            # Seen by this interpreter but not by the isolated one (`-I` drops the user site).
                            raise EngineFailure("missing", missing_engine_sentence(self.engine), None)
                        raise EngineFailure("failed", f"the {self.name} engine failed: {message['failed']}", at)
                    return message.get("ok")
                if ended:
                    raise self._died(child, at)
                now = time.monotonic()
                if (deadline is not None and now > deadline) or now - started > seconds + STARTUP_SECONDS:
                    self.close()
                    raise EngineFailure("timeout", f"the {self.name} engine did not finish within {seconds:g} s", at)
                resident = _resident_bytes(child.pid)
                if resident is not None and resident > limit:
                    self.close()
                    raise EngineFailure(
                        "memory", f"the {self.name} engine used more than {self.memory_mib} MiB of memory and was stopped", at
                    )

    def _read(self, child: subprocess.Popen[bytes], selector: selectors.BaseSelector) -> bool:
        """Read what the child wrote within one poll interval; True at end of file (it exited)."""
        assert child.stdout is not None
        if not selector.select(POLL_SECONDS):
            return False
        chunk = os.read(child.stdout.fileno(), 1 << 16)
        self._buffer += chunk
        return not chunk

    def _messages(self) -> list[dict[str, Any]]:
        """The complete lines read so far, as messages; a partial last line waits for the next read."""
        *lines, self._buffer = self._buffer.split(b"\n")
        messages = []
        for line in lines:
            try:
                message = json.loads(line)
            except ValueError:
                continue
            if isinstance(message, dict):
                messages.append(message)
        return messages

    def _died(self, child: subprocess.Popen[bytes], at: str | None) -> EngineFailure:
        code = child.wait()
        last = self._last_stderr_line()
        self.close()
        how = f"crashed ({_signal_name(-code)})" if code < 0 else f"exited with status {code}"
        detail = f": {last}" if last else ""
        return EngineFailure("crash", f"the {self.name} engine {how}{detail}", at)

    def _last_stderr_line(self) -> str:
        if self._stderr is None:
            return ""
        self._stderr.seek(0, os.SEEK_END)
        size = self._stderr.tell()
        self._stderr.seek(max(0, size - 4096))
        lines = [line.strip() for line in self._stderr.read().decode("utf-8", "replace").splitlines() if line.strip()]
        return lines[-1][:200] if lines else ""

    def recycle_if_grown(self) -> None:
        """Close a live process that has come to hold over half its memory cap between requests (an engine
        that keeps what earlier agents' policies allocated): the next request starts a fresh one, so no
        policy is stopped for memory an earlier one took."""
        child = self._child
        if child is not None and child.poll() is None:
            resident = _resident_bytes(child.pid)
            if resident is not None and resident > self.memory_mib * 1024 * 1024 // 2:
                self.close()

    def close(self) -> None:
        child, self._child = self._child, None
        if child is not None:
            if child.poll() is None:
                child.kill()
            child.wait()
            for stream in (child.stdin, child.stdout):
                with contextlib.suppress(OSError):
                    if stream is not None:
                        stream.close()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None
        if self._workdir is not None:
            self._workdir.cleanup()
            self._workdir = None

    def __enter__(self) -> EngineProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# Open sessions, innermost last: each maps an engine to the process that serves the session.
_sessions: list[dict[str, EngineProcess]] = []


@contextlib.contextmanager
def engine_session() -> Iterator[None]:
    """Within this block, every request for an engine goes to the same process (one per run). A session
    opened inside another is part of it: a fleet run (`parr check --all`) starts each engine once for
    all its agents, and the outermost session closes the processes."""
    if _sessions:
        yield
        return
    processes: dict[str, EngineProcess] = {}
    _sessions.append(processes)
    try:
        yield
    finally:
        _sessions.remove(processes)
        for process in processes.values():
            process.close()


@contextlib.contextmanager
def engine_process(engine: str) -> Iterator[EngineProcess]:
    """The open session's process for `engine`, else a process for this block alone."""
    if _sessions:
        session = _sessions[-1]
        if engine not in session:
            session[engine] = EngineProcess(engine)
        process = session[engine]
        process.recycle_if_grown()
        yield process
        return
    with EngineProcess(engine) as process:
        yield process


def parse_policy(engine: str, text: str, shown: str, seconds: float) -> tuple[int | None, str | None, frozenset[str]]:
    """(error line, error sentence, rule ids) of one policy file, parsed in the engine process.

    An engine that cannot parse it without crashing, or within the deadline or memory cap, makes the
    file unreadable: the sentence says what happened, and nothing that needs the file passes."""
    with engine_process(engine) as process:
        try:
            answer = process.ask({"op": "parse", "engine": engine, "text": text, "shown": shown}, seconds)
        except EngineFailure as failure:
            return None, str(failure) if failure.kind == "missing" else f"{failure} while parsing it", frozenset()
    if answer["error"] is not None:
        prefix = "Cedar syntax error" if engine == "cedar" else "Rego error"
        return answer["line"], f"{prefix}: {answer['error']}", frozenset()
    return None, None, frozenset(answer["ids"])
