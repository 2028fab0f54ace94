"""Reading the files a manifest points at (policies, eval results, trace samples) into plain facts.

Every reader returns a fact object and never raises for bad content: a missing or broken file is a
fact the checks judge, not a crash.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    from parr.traces.analysis import TraceAnalysis

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
    format: str = ""
    # What in the file says it evaluated a model, an agent or a prompt (EVAL-008): the marker words a
    # JUnit file holds, or the model the other formats record.
    markers: tuple[str, ...] = ()

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


def read_policy_file(path: Path, shown: str, engine: str | None) -> PolicyFileFact:
    text, problem = _read_text(path)
    if text is None:
        return PolicyFileFact(shown, exists=probe_file(path)[0], error=problem)
    kind = engine or ("rego" if path.suffix == ".rego" else "cedar")
    if kind == "cedar":
        return _parse_cedar(text, shown)
    return _parse_rego(text, shown)


def _parse_cedar(text: str, shown: str) -> PolicyFileFact:
    from parr.policy.bounded import timeout_seconds
    from parr.policy.isolated import parse_policy

    line, error, ids = parse_policy("cedar", text, shown, timeout_seconds())
    if error is not None:
        return PolicyFileFact(shown, exists=True, error=error, error_line=line)
    return PolicyFileFact(shown, exists=True, rule_ids=ids)


def _parse_rego(text: str, shown: str) -> PolicyFileFact:
    from parr.policy.bounded import timeout_seconds
    from parr.policy.isolated import parse_policy

    if shown.lower().endswith(".json"):  # a Rego data document, not a module
        try:
            orjson.loads(text)  # bounded depth: json.loads recursed into a RecursionError
        except ValueError as exc:
            return PolicyFileFact(shown, exists=True, error=f"Rego data is not JSON: {exc}")
        return PolicyFileFact(shown, exists=True)
    line, error, rules = parse_policy("rego", text, shown, timeout_seconds())
    if error is not None:
        return PolicyFileFact(shown, exists=True, error=error, error_line=line)
    return PolicyFileFact(shown, exists=True, rule_ids=rules)


# ---- evals ---------------------------------------------------------------------------------


def read_eval_result(path: Path, shown: str, fmt: str | None, names: tuple[str, ...] = ()) -> EvalResultFact:
    """One suite's result file in any format parr reads (parr.eval_formats); `names` (the agent's
    id and tool names) count as signs that a JUnit file tested this agent (EVAL-008)."""
    from parr.eval_formats import parse, sniff

    raw, problem = _read_bytes(path)
    if raw is None:
        return EvalResultFact(shown, exists=probe_file(path)[0], error=problem)
    kind = fmt or sniff(raw, path.suffix.lower())
    try:
        parsed = parse(kind, raw, names, path.name)
    except (ValueError, ET.ParseError, KeyError, TypeError, AttributeError) as exc:
        return EvalResultFact(shown, exists=True, error=f"cannot read it as {kind}: {exc}", format=kind)
    return EvalResultFact(shown, exists=True, total=parsed.total, passed=parsed.passed, timestamp=parsed.timestamp,
                          format=kind, markers=parsed.markers)


# ---- traces --------------------------------------------------------------------------------


def read_trace_analysis(path: Path, shown: str, fmt: str | None, required: list[str],
                        manifest: Any | None = None) -> TraceAnalysis:
    """Lint and signals of the trace sample, through the same reader and code as `parr traces`."""
    from parr.traces.analysis import analyze_trace_file

    # "jsonl" is also the manifest's default, so only a declared "otlp" is taken at its word;
    # otherwise the reader sniffs (it tells OTLP export lines and documents from seed-shaped events).
    return analyze_trace_file(path, shown, manifest=manifest, fmt="otlp" if fmt == "otlp" else None,
                              required=required, max_lines=TRACE_SAMPLE_MAX_LINES)


def trace_sample_fact(analysis: TraceAnalysis) -> TraceSampleFact:
    """The summary OBS-001 and OBS-003 judge: readable, events, unparsable lines, missing fields."""
    lint = analysis.lint
    if lint is None or analysis.error:
        return TraceSampleFact(analysis.path, exists=analysis.exists, error=analysis.error)
    return TraceSampleFact(
        analysis.path,
        exists=True,
        events=lint.events,
        bad_lines=tuple(b.line for b in lint.bad.items[:20]),
        missing={name: tuple(lines) for name, lines in lint.missing_lines.items()},
        missing_counts=dict(lint.missing),
    )


def read_trace_sample(path: Path, shown: str, fmt: str, required: list[str]) -> TraceSampleFact:
    return trace_sample_fact(read_trace_analysis(path, shown, fmt, required))


# ---- shared --------------------------------------------------------------------------------


def probe_file(path: Path) -> tuple[bool, str | None]:
    """(exists, why it cannot be read as a file or None): a path from a manifest may be too long,
    hold a NUL byte or loop through symlinks, and pathlib raises for some of those."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return False, "no such file"
    except ValueError:
        return False, "the path holds a NUL byte"
    except OSError as exc:
        return False, f"cannot read it ({exc.strerror or type(exc).__name__})"
    return True, None if stat.S_ISREG(mode) else "not a file"


def _read_bytes(path: Path) -> tuple[bytes | None, str | None]:
    exists, problem = probe_file(path)
    if problem is not None:
        return None, problem
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_EVIDENCE_BYTES + 1)  # bounded even if the file grows meanwhile
        if len(raw) > MAX_EVIDENCE_BYTES:
            return None, f"larger than {MAX_EVIDENCE_BYTES // (1024 * 1024)} MiB"
        return raw, None
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
