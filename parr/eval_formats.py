"""Eval result files, in the formats of the tools that write them (JUnit XML, promptfoo, inspect-ai
JSON logs, DeepEval test runs, OpenAI Evals record files), read into one shape: cases run and
passed, when, and what in the file says it evaluated a model or an agent.

Every parser raises ValueError (or KeyError/TypeError) for content it cannot read; the caller
turns that into a fact the checks judge. Nothing here opens files.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import orjson

FORMATS = ("junit", "promptfoo", "inspect", "deepeval", "openai-evals")
MAX_COUNT = 10**12  # no eval suite runs a trillion cases
# Words that show a result file tested a model, an agent or a prompt (EVAL-008). A JUnit file that
# holds none of them, nor the agent's id or a tool name, is a unit-test run presented as an eval.
EVAL_MARKERS = ("model", "agent", "prompt", "llm", "gpt", "claude", "gemini", "llama", "mistral", "completion",
                "judge", "injection", "jailbreak")


@dataclass(frozen=True)
class ParsedResults:
    total: int
    passed: int
    timestamp: dt.datetime | None
    # What in the file names a model, agent or prompt: the words found (JUnit), or the model the
    # eval ran against (the other formats record it by construction).
    markers: tuple[str, ...] = ()


def sniff(raw: bytes, suffix: str) -> str:
    """The format of a result file the manifest did not name, from its suffix and top-level keys."""
    if suffix == ".xml" or raw.lstrip()[:1] == b"<":
        return "junit"
    if suffix == ".jsonl":
        return "openai-evals"
    head = raw[:4096]
    if b'"testCases"' in head or b'"testRunData"' in head or b'"conversationalTestCases"' in head:
        return "deepeval"
    if b'"eval"' in head and b'"status"' in head and b'"version"' in head:
        return "inspect"
    first = raw.lstrip().split(b"\n", 1)[0]
    if first.startswith(b'{"spec"'):
        return "openai-evals"
    return "promptfoo"


def parse(kind: str, raw: bytes, markers: Iterable[str] = (), file_name: str = "") -> ParsedResults:
    if kind == "junit":
        return parse_junit(raw, markers)
    if kind == "promptfoo":
        return parse_promptfoo(raw)
    if kind == "inspect":
        return parse_inspect(raw)
    if kind == "deepeval":
        return parse_deepeval(raw, file_name)
    if kind == "openai-evals":
        return parse_openai_evals(raw)
    raise ValueError(f"unknown result format '{kind}'")


# ---- JUnit XML -----------------------------------------------------------------------------


def parse_junit(raw: bytes, markers: Iterable[str] = ()) -> ParsedResults:
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
        stamp = stamp or parse_time(suite.get("timestamp"))
    stamp = stamp or parse_time(root.get("timestamp"))
    counted = total - skipped
    return ParsedResults(counted, counted - failed, stamp, _junit_markers(root, markers))


def _junit_markers(root: ET.Element, extra: Iterable[str]) -> tuple[str, ...]:
    """The marker words in the file's names, properties and output (not its tag or attribute names)."""
    parts: list[str] = []
    for node in root.iter():
        parts += [value for key, value in node.attrib.items() if key not in ("time", "timestamp")]
        if node.text:
            parts.append(node.text)
    text = " ".join(parts).lower()
    found = [word for word in EVAL_MARKERS if word in text]
    found += [name for name in extra if len(name) >= 4 and name.lower() in text]
    return tuple(dict.fromkeys(found))


# ---- promptfoo -----------------------------------------------------------------------------


def parse_promptfoo(raw: bytes) -> ParsedResults:
    data = _object(raw)
    results = data["results"] if isinstance(data.get("results"), dict) else data
    stats = results.get("stats")
    if not isinstance(stats, dict):
        raise ValueError("no 'stats' object (results.stats)")
    passed = count(stats, "successes")
    failed = count(stats, "failures") + count(stats, "errors")
    stamp = parse_time(results.get("timestamp") or data.get("createdAt"))
    return ParsedResults(passed + failed, passed, stamp, ("promptfoo",))


# ---- inspect-ai JSON log -------------------------------------------------------------------

# inspect-ai's score values (inspect_ai.scorer: CORRECT "C", INCORRECT "I", PARTIAL "P", NOANSWER "N").
_INSPECT_VALUES = {"c": 1.0, "i": 0.0, "p": 0.5, "n": 0.0, "yes": 1.0, "no": 0.0, "true": 1.0, "false": 0.0}


def _inspect_value(value: Any) -> float | None:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, (int, float)) and math.isfinite(value):
        return float(value)
    if isinstance(value, str):
        return _INSPECT_VALUES.get(value.strip().lower())
    return None


def parse_inspect(raw: bytes) -> ParsedResults:
    """An inspect-ai log written as JSON (`--log-format json`; `.eval` archives are converted with
    `inspect log convert`). A sample passes when every scorer gave it full marks; without samples
    the first score's accuracy over the completed samples is used."""
    data = _object(raw)
    spec = data.get("eval")
    if not isinstance(spec, dict) or "model" not in spec:
        raise ValueError("no 'eval' header with the model the eval ran against")
    status = data.get("status")
    if status != "success":
        raise ValueError(f"the eval did not finish (status {status!r})")
    stats = data.get("stats") if isinstance(data.get("stats"), dict) else {}
    stamp = parse_time(stats.get("completed_at")) or parse_time(spec.get("created"))
    model = (str(spec["model"]),)
    samples = data.get("samples")
    if isinstance(samples, list) and samples:
        passed = 0
        for index, sample in enumerate(samples):
            scores = sample.get("scores") if isinstance(sample, dict) else None
            if not isinstance(scores, dict) or not scores:
                continue  # an errored or unscored sample counts as run, not passed
            values = [_inspect_value(s.get("value") if isinstance(s, dict) else None) for s in scores.values()]
            if any(v is None for v in values):
                raise ValueError(f"samples[{index}] has a score value parr cannot read as pass or fail")
            passed += all(v is not None and v >= 1.0 for v in values)
        return ParsedResults(len(samples), passed, stamp, model)
    results = data.get("results")
    if not isinstance(results, dict):
        raise ValueError("no 'results' and no 'samples' to count")
    total = count(results, "total_samples")
    completed = count(results, "completed_samples")
    scores = results.get("scores")
    accuracy = None
    if isinstance(scores, list) and scores and isinstance(scores[0], dict):
        metric = (scores[0].get("metrics") or {}).get("accuracy")
        if isinstance(metric, dict):
            accuracy = metric.get("value")
    if isinstance(accuracy, bool) or not isinstance(accuracy, (int, float)) or not 0 <= accuracy <= 1:
        raise ValueError("no samples, and results.scores[0] has no accuracy metric to count passes from")
    if completed > total:
        raise ValueError("results.completed_samples is larger than total_samples")
    return ParsedResults(total, round(accuracy * completed), stamp, model)


# ---- DeepEval ------------------------------------------------------------------------------

_DEEPEVAL_FILE_TIME = re.compile(r"(\d{8}_\d{6})")


def parse_deepeval(raw: bytes, file_name: str = "") -> ParsedResults:
    """A DeepEval test run as it saves it (`.deepeval/.latest_test_run.json` wraps it under
    `testRunData`; DEEPEVAL_RESULTS_FOLDER holds `test_run_<YYYYMMDD_HHMMSS>.json`). A test case
    passes when its `success` is true; conversational turns without a verdict are not counted."""
    data = _object(raw)
    run = data.get("testRunData", data)
    if not isinstance(run, dict) or not any(k in run for k in ("testCases", "conversationalTestCases")):
        raise ValueError("no 'testCases' (a DeepEval test run)")
    total = passed = 0
    judges: list[str] = []
    for key in ("testCases", "conversationalTestCases"):
        cases = run.get(key) or []
        if not isinstance(cases, list):
            raise ValueError(f"'{key}' is not a list")
        for case in cases:
            if not isinstance(case, dict) or case.get("success") is None:
                continue
            total += 1
            passed += case["success"] is True
            for metric in case.get("metricsData") or []:
                if isinstance(metric, dict) and isinstance(metric.get("evaluationModel"), str):
                    judges.append(metric["evaluationModel"])
    if "testPassed" in run and "testFailed" in run:
        # The run's own tally wins where it exists; it is what DeepEval showed the user.
        passed, failed = count(run, "testPassed"), count(run, "testFailed")
        total = passed + failed
    match = _DEEPEVAL_FILE_TIME.search(file_name)
    stamp = None
    if match:
        try:
            stamp = dt.datetime.strptime(match.group(1), "%Y%m%d_%H%M%S").replace(tzinfo=dt.timezone.utc)
        except ValueError:
            stamp = None
    return ParsedResults(total, passed, stamp, tuple(dict.fromkeys(judges)) or ("deepeval",))


# ---- OpenAI Evals --------------------------------------------------------------------------


def parse_openai_evals(raw: bytes) -> ParsedResults:
    """An `oaieval` record file (JSON Lines): a `spec` line, events, a `final_report` line. Each
    `match` event is one sample, passed when `data.correct` is true."""
    spec: dict[str, Any] | None = None
    total = passed = 0
    finished = False
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            raise ValueError(f"line {number} is not JSON: {exc}") from None
        if not isinstance(record, dict):
            raise ValueError(f"line {number} is not a JSON object")
        if "spec" in record and isinstance(record["spec"], dict):
            spec = record["spec"]
        elif "final_report" in record:
            finished = True
        elif record.get("type") == "match":
            data = record.get("data")
            if not isinstance(data, dict) or not isinstance(data.get("correct"), bool):
                raise ValueError(f"line {number}: a match event without a true/false 'correct'")
            total += 1
            passed += data["correct"]
    if spec is None:
        raise ValueError("no 'spec' line (an oaieval record file starts with one)")
    if not finished:
        raise ValueError("no 'final_report' line: the run did not finish")
    models = spec.get("completion_fns")
    named = tuple(str(m) for m in models) if isinstance(models, list) else ()
    return ParsedResults(total, passed, parse_time(spec.get("created_at")), named or ("openai-evals",))


# ---- shared --------------------------------------------------------------------------------


def _object(raw: bytes) -> dict[str, Any]:
    # orjson refuses NaN, infinities and nesting past 1024 levels, which json.loads lets through.
    data = orjson.loads(raw)
    if not isinstance(data, dict):
        raise ValueError("the top level is not a JSON object")
    return data


def count(stats: dict[str, Any], key: str) -> int:
    """A test count: a whole, non-negative number of sane size (orjson reads huge integers as floats)."""
    value = stats.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{key} is not a number")
    if not (0 <= value <= MAX_COUNT) or value != int(value):
        raise ValueError(f"{key} is not a whole count between 0 and {MAX_COUNT}")
    return int(value)


# The latest instant a datetime holds, as a Unix time: later stamps are nonsense, not far futures.
_MAX_UNIX_SECONDS = 253_402_300_799


def parse_time(value: Any) -> dt.datetime | None:
    """A run time as UTC; an unreadable or impossible stamp is no stamp (the freshness check says so)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        if not math.isfinite(value) or value < 0:
            return None
        seconds = value / 1000 if value > 1e11 else value
        if seconds > _MAX_UNIX_SECONDS:
            return None
        return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc)
    if not isinstance(value, str) or not value:
        return None
    try:
        stamp = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.timezone.utc)
