"""One pass over a manifest's trace sample: lint findings, signals and the access review together, for `parr check`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parr.traces.access import AccessCollector, AccessReport, Grants
from parr.traces.events import (
    READ_ERRORS,
    BadLines,
    TraceFormat,
    TraceReadError,
    iter_chunks,
    paused_gc,
    sniff_format,
)
from parr.traces.lint import DEFAULT_REQUIRED_FIELDS, FileLint, Linter
from parr.traces.signals import SignalCollector, SignalsReport, Thresholds

SAMPLE_MAX_LINES = 100_000  # a sample is a sample: `parr traces` reads whole files, `parr check` the first lines


@dataclass(frozen=True)
class TraceAnalysis:
    """What the trace sample shows: `error` when it could not be read, else lint and signals."""

    path: str  # as written in the manifest
    file: str  # resolved path, for findings
    exists: bool
    error: str | None = None
    lint: FileLint | None = None
    signals: SignalsReport | None = None
    access: AccessReport | None = None  # the access review, when a manifest's grants were given

    @property
    def readable(self) -> bool:
        return self.exists and self.error is None and self.lint is not None


def analyze_trace_file(path: Path, shown: str, *, manifest: Any | None = None, fmt: TraceFormat | None = None,
                       required: list[str] | None = None, max_lines: int | None = SAMPLE_MAX_LINES) -> TraceAnalysis:
    """Lint and signals of one trace file in a single streamed pass; never raises for bad content."""
    from parr.evidence_files import probe_file

    exists, problem = probe_file(path)
    if problem is not None:
        return TraceAnalysis(shown, str(path), exists=exists, error=problem)
    observability = manifest.observability if manifest is not None else None
    required = required if required is not None else (
        list(observability.required_fields) if observability and observability.required_fields else list(DEFAULT_REQUIRED_FIELDS))
    redacted = list(observability.redacted_fields) if observability else []
    try:
        file_fmt = fmt or sniff_format(path)
        result = FileLint(file=str(path), format=file_fmt, bad=BadLines())
        linter = Linter(result, required, redacted)
        collector = SignalCollector(Thresholds.from_manifest(manifest))
        access = AccessCollector(Grants.from_manifest(manifest)) if manifest is not None else None
        if access is not None:
            access.file = str(path)
        with paused_gc():
            for chunk in iter_chunks(path, file_fmt, result.bad, max_lines):
                for event in linter.feed(chunk, want_events=True):
                    collector.add(event)
                    if access is not None:
                        access.add(event)
    except (TraceReadError, *READ_ERRORS) as exc:
        reason = exc.reason if isinstance(exc, TraceReadError) else (getattr(exc, "strerror", None) or type(exc).__name__)
        return TraceAnalysis(shown, str(path), exists=True, error=f"cannot read it ({reason})")
    result.truncated = max_lines is not None and result.lines >= max_lines
    signals = collector.finish()
    signals.files = [shown]
    signals.bad_lines = result.bad.count
    review = access.finish([shown], result.bad.count) if access is not None else None
    return TraceAnalysis(shown, str(path), exists=True, lint=result, signals=signals, access=review)
