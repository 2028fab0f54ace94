"""Reading the files a manifest points at (policies, eval results, trace samples) into plain facts.

Every reader returns a fact object and never raises for bad content: a missing or broken file is a
fact the checks judge, not a crash.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import io
import json
import os
import re
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

MAX_EVIDENCE_BYTES = 50 * 1024 * 1024
TRACE_SAMPLE_MAX_LINES = 100_000


@dataclass(frozen=True)
class PolicyFileFact:
    path: str
    exists: bool
    error: str | None = None
    error_line: int | None = None
    rule_ids: frozenset[str] = frozenset()


@dataclass(frozen=True)
class EvalResultFact:
    path: str
    exists: bool
    error: str | None = None
    total: int = 0
    passed: int = 0
    timestamp: dt.datetime | None = None

    @property
    def pass_rate(self) -> float | None:
        return None if self.total == 0 else self.passed / self.total


@dataclass(frozen=True)
class TraceSampleFact:
    path: str
    exists: bool
    error: str | None = None
    events: int = 0
    bad_lines: tuple[int, ...] = ()
    # required field -> line numbers of events that lack it (first few)
    missing: dict[str, tuple[int, ...]] = field(default_factory=dict)
    missing_counts: dict[str, int] = field(default_factory=dict)


# ---- policies ------------------------------------------------------------------------------

_REGO_RULE = re.compile(r"^\s*(?:default\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*(?:\[|\(|:=|=|\bif\b|\bcontains\b|\{)", re.M)
_REGO_KEYWORDS = {"package", "import", "default", "else", "some", "every", "not", "with", "as"}


@contextlib.contextmanager
def _quiet_fds() -> Iterator[None]:
    """The Rego runtime prints parse errors to the process's stdout/stderr; keep them off the user's."""
    saved = []
    with tempfile.TemporaryFile() as sink:
        for fd in (1, 2):
            try:
                saved.append((fd, os.dup(fd)))
                os.dup2(sink.fileno(), fd)
            except OSError:
                pass
        try:
            yield
        finally:
            for fd, copy in saved:
                os.dup2(copy, fd)
                os.close(copy)


def read_policy_file(path: Path, shown: str, engine: str | None) -> PolicyFileFact:
    text, problem = _read_text(path)
    if text is None:
        return PolicyFileFact(shown, exists=path.exists(), error=problem)
    kind = engine or ("rego" if path.suffix == ".rego" else "cedar")
    if kind == "cedar":
        return _parse_cedar(text, shown)
    return _parse_rego(text, shown)


def _parse_cedar(text: str, shown: str) -> PolicyFileFact:
    import cedarpy

    try:
        as_json = json.loads(cedarpy.policies_to_json_str(text))
    except ValueError as exc:
        return PolicyFileFact(shown, exists=True, error=f"Cedar syntax error: {exc}")
    ids = set()
    for policy in as_json.get("staticPolicies", {}).values():
        annotation = (policy.get("annotations") or {}).get("id")
        if annotation:
            ids.add(annotation)
    return PolicyFileFact(shown, exists=True, rule_ids=frozenset(ids))


def _parse_rego(text: str, shown: str) -> PolicyFileFact:
    import regopy

    interpreter = regopy.Interpreter()
    try:
        with _quiet_fds():
            interpreter.add_module(Path(shown).stem or "policy", text)
            # Compilation errors surface on the first query, not on add_module.
            interpreter.query("data")
    except regopy.RegoError as exc:
        message = str(exc)
        match = re.search(r"errormsg \d+:([^)]*)\)", message)
        detail = match.group(1).strip() if match else message.splitlines()[0]
        return PolicyFileFact(shown, exists=True, error=f"Rego error: {detail}")
    rules = {m.group(1) for m in _REGO_RULE.finditer(text)} - _REGO_KEYWORDS
    return PolicyFileFact(shown, exists=True, rule_ids=frozenset(rules))


# ---- evals ---------------------------------------------------------------------------------


def read_eval_result(path: Path, shown: str, fmt: str | None) -> EvalResultFact:
    raw, problem = _read_bytes(path)
    if raw is None:
        return EvalResultFact(shown, exists=path.exists(), error=problem)
    kind = fmt or ("junit" if path.suffix.lower() == ".xml" else "promptfoo")
    try:
        if kind == "junit":
            return _parse_junit(raw, shown)
        return _parse_promptfoo(raw, shown)
    except (ValueError, ET.ParseError, KeyError, TypeError) as exc:
        return EvalResultFact(shown, exists=True, error=f"cannot read it as {kind}: {exc}")


def _parse_junit(raw: bytes, shown: str) -> EvalResultFact:
    if b"<!DOCTYPE" in raw or b"<!ENTITY" in raw:
        raise ValueError("DOCTYPE and entity declarations are not accepted in result files")
    root = ET.fromstring(raw)
    suites = [root] if root.tag == "testsuite" else root.findall(".//testsuite")
    total = failed = skipped = 0
    stamp = None
    for suite in suites:
        cases = suite.findall("testcase")
        total += len(cases)
        for case in cases:
            if case.find("failure") is not None or case.find("error") is not None:
                failed += 1
            elif case.find("skipped") is not None:
                skipped += 1
        stamp = stamp or _parse_time(suite.get("timestamp"))
    stamp = stamp or _parse_time(root.get("timestamp"))
    counted = total - skipped
    return EvalResultFact(shown, exists=True, total=counted, passed=counted - failed, timestamp=stamp)


def _parse_promptfoo(raw: bytes, shown: str) -> EvalResultFact:
    data = json.loads(raw)
    results = data["results"] if "results" in data and isinstance(data["results"], dict) else data
    stats = results["stats"]
    passed = int(stats.get("successes", 0))
    failed = int(stats.get("failures", 0)) + int(stats.get("errors", 0))
    stamp = _parse_time(results.get("timestamp") or data.get("createdAt"))
    return EvalResultFact(shown, exists=True, total=passed + failed, passed=passed, timestamp=stamp)


def _parse_time(value: Any) -> dt.datetime | None:
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value
        return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc)
    if not isinstance(value, str) or not value:
        return None
    try:
        stamp = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.timezone.utc)


# ---- traces --------------------------------------------------------------------------------


def read_trace_sample(path: Path, shown: str, fmt: str, required: list[str]) -> TraceSampleFact:
    if not path.is_file():
        return TraceSampleFact(shown, exists=path.exists(), error="no such file" if not path.exists() else "not a file")
    if fmt == "otlp":
        return _read_otlp_sample(path, shown)
    events = 0
    bad: list[int] = []
    missing: dict[str, list[int]] = {name: [] for name in required}
    counts = {name: 0 for name in required}
    try:
        with _open_maybe_gzip(path) as stream:
            for number, line in enumerate(stream, start=1):
                if number > TRACE_SAMPLE_MAX_LINES:
                    break
                if not line.strip():
                    continue
                try:
                    event = json.loads(line)
                except ValueError:
                    bad.append(number)
                    continue
                if not isinstance(event, dict):
                    bad.append(number)
                    continue
                events += 1
                for name in required:
                    if not has_path(event, name):
                        counts[name] += 1
                        if len(missing[name]) < 5:
                            missing[name].append(number)
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        return TraceSampleFact(shown, exists=True, error=f"cannot read it: {exc}")
    return TraceSampleFact(
        shown,
        exists=True,
        events=events,
        bad_lines=tuple(bad[:20]),
        missing={k: tuple(v) for k, v in missing.items() if v},
        missing_counts={k: v for k, v in counts.items() if v},
    )


def _read_otlp_sample(path: Path, shown: str) -> TraceSampleFact:
    raw, problem = _read_bytes(path)
    if raw is None:
        return TraceSampleFact(shown, exists=True, error=problem)
    try:
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        data = json.loads(raw)
        spans = [
            span
            for resource in data.get("resourceSpans", [])
            for scope in resource.get("scopeSpans", [])
            for span in scope.get("spans", [])
        ]
    except (ValueError, AttributeError, TypeError, OSError) as exc:
        return TraceSampleFact(shown, exists=True, error=f"not OTLP JSON: {exc}")
    return TraceSampleFact(shown, exists=True, events=len(spans))


def has_path(event: dict[str, Any], dotted: str) -> bool:
    current: Any = event
    for part in dotted.split("."):
        if not isinstance(current, dict) or part not in current or current[part] is None:
            return False
        current = current[part]
    return True


def _open_maybe_gzip(path: Path) -> io.TextIOBase:
    with open(path, "rb") as probe:
        magic = probe.read(2)
    if magic == b"\x1f\x8b":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", errors="replace")
    return open(path, encoding="utf-8", errors="replace")


# ---- shared --------------------------------------------------------------------------------


def _read_bytes(path: Path) -> tuple[bytes | None, str | None]:
    try:
        if not path.is_file():
            return None, "no such file" if not path.exists() else "not a file"
        if path.stat().st_size > MAX_EVIDENCE_BYTES:
            return None, f"larger than {MAX_EVIDENCE_BYTES // (1024 * 1024)} MiB"
        return path.read_bytes(), None
    except OSError as exc:
        return None, f"cannot read it ({exc.strerror})"


def _read_text(path: Path) -> tuple[str | None, str | None]:
    raw, problem = _read_bytes(path)
    if raw is None:
        return None, problem
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        return None, "not UTF-8 text"
