#!/usr/bin/env python3
"""Benchmark `parr traces lint`, `signals` and `review` against `jq -c . FILE > /dev/null` on generated traces.

usage: traces_benchmark.py [--size-gb 2] [--otlp-size-gb 0.5] [--dir DIR] [--keep] [--no-jq] [--json FILE]

Generates, in a temporary directory, a seed-shaped JSON Lines trace of --size-gb (sessions,
retries, errors, denials, costs, a sensitive value and a near miss every few thousand lines) and
an OTLP file in the collector's file-exporter shape (one export request of GenAI spans per line).
Each measurement runs in its own child process; peak memory is that child's ru_maxrss. A smaller
slice of the same trace is measured too, to show peak memory does not grow with the file.
`review` holds the calls against a generated parr.yaml that declares all tools but one, so it has
findings to tally on every block.
Never run from the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
TOOLS = ["crm.getCase", "crm.updateCase", "kb.search", "email.draft", "billing.lookup", "refunds.issue"]
BLOCK_LINES = 20_000
RUNNER = "import sys; sys.path.insert(0, sys.argv.pop(1)); from parr.traces.commands import traces; traces(prog_name='parr traces')"


def _dumps(record: Any) -> bytes:
    return json.dumps(record, separators=(",", ":")).encode()


# ---- generation ----------------------------------------------------------------------------


def _jsonl_template(rng: random.Random) -> bytes:
    """BLOCK_LINES seed-shaped events; @@B@@ is replaced by the block number and @@D@@ by its day."""
    lines = []
    session = 0
    step = 0
    for i in range(BLOCK_LINES):
        if step == 0 or rng.random() < 0.12:
            session += 1
            step = 0
        step += 1
        tool = rng.choice(TOOLS)
        retry = step - 1 if tool == "refunds.issue" and rng.random() < 0.3 else 0
        record: dict[str, Any] = {
            "ts": f"2026-04-@@D@@T{(i // 3600) % 24:02d}:{(i // 60) % 60:02d}:{i % 60:02d}Z",
            "agent_id": "support-triage-v3" if session % 5 else "refunds-assistant",
            "session_id": f"sess-@@B@@-{session:05d}",
            "model": rng.choice(["gpt-4.1-mini", "gpt-4.1"]),
            "retrieval": {"index": "kb-prod", "doc_ids": [f"KB-{rng.randint(1000, 9999)}", f"KB-{rng.randint(1000, 9999)}"]},
            "tool_call": {"name": tool, "id": f"call-@@B@@-{session:05d}-{0 if retry else step}",
                          "args": {"caseId": f"C-{rng.randint(10000, 99999)}", "priority": rng.choice(["P1", "P2", "P3"])}},
            "policy": {"decision": "deny" if rng.random() < 0.04 else "allow", "rule": "case_priority_write"},
            "result": {"status": "error", "error": "upstream 503"} if rng.random() < 0.03 else {"status": "ok"},
            "retry": retry,
            "latency_ms": round(rng.lognormvariate(5.5, 0.6), 1),
            "tokens": {"input": rng.randint(200, 3000), "output": rng.randint(20, 400)},
            "cost": round(rng.uniform(0.001, 0.05), 5),
        }
        if i % 5000 == 17:
            record["tool_call"]["args"]["notify"] = "jane.doe@example.com"  # a leak lint must find
        if i % 5000 == 42:
            record["tool_call"]["args"]["order"] = "4111111111111112"  # a near miss: fails Luhn
        lines.append(_dumps(record))
    return b"\n".join(lines) + b"\n"


def _otlp_template(rng: random.Random) -> bytes:
    """One line per export request of 50 GenAI spans; @@B@@ marks the block number."""
    lines = []
    base = 1_775_790_862_000_000_000
    for request in range(BLOCK_LINES // 50):
        spans = []
        for k in range(50):
            i = request * 50 + k
            op = "chat" if k % 3 == 0 else "execute_tool"
            start = base + i * 250_000_000
            attrs: list[dict[str, Any]] = [
                {"key": "gen_ai.operation.name", "value": {"stringValue": op}},
                {"key": "gen_ai.conversation.id", "value": {"stringValue": f"conv-@@B@@-{i // 12:05d}"}},
            ]
            if op == "chat":
                attrs += [{"key": "gen_ai.request.model", "value": {"stringValue": "gpt-4.1-mini"}},
                          {"key": "gen_ai.usage.input_tokens", "value": {"intValue": str(rng.randint(200, 3000))}},
                          {"key": "gen_ai.usage.output_tokens", "value": {"intValue": str(rng.randint(20, 400))}},
                          {"key": "gen_ai.usage.cost", "value": {"doubleValue": round(rng.uniform(0.001, 0.05), 5)}}]
            else:
                attrs += [{"key": "gen_ai.tool.name", "value": {"stringValue": rng.choice(TOOLS)}},
                          {"key": "gen_ai.tool.call.id", "value": {"stringValue": f"call_@@B@@_{i}"}},
                          {"key": "gen_ai.tool.call.arguments", "value": {"stringValue": json.dumps({"caseId": f"C-{rng.randint(10000, 99999)}"})}},
                          {"key": "policy.decision", "value": {"stringValue": "deny" if rng.random() < 0.04 else "allow"}}]
            spans.append({
                "traceId": f"{rng.getrandbits(128):032x}", "spanId": f"{rng.getrandbits(64):016x}", "name": op, "kind": 1,
                "startTimeUnixNano": str(start), "endTimeUnixNano": str(start + int(rng.lognormvariate(18.5, 0.6))),
                "attributes": attrs, "status": {"code": 2, "message": "503"} if rng.random() < 0.03 else {},
            })
        lines.append(_dumps({"resourceSpans": [{
            "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "support-triage-v3"}}]},
            "scopeSpans": [{"scope": {"name": "openai-agents"}, "spans": spans}]}]}))
    return b"\n".join(lines) + b"\n"


def generate(path: Path, size: int, template: bytes) -> int:
    """Write `template` block after block, each with its own ids, until the file reaches `size` bytes."""
    written = 0
    block = 0
    with open(path, "wb") as out:
        while written < size:
            data = template.replace(b"@@B@@", b"%06d" % block).replace(b"@@D@@", b"%02d" % (1 + (block // 40) % 28))
            out.write(data)
            written += len(data)
            block += 1
    return written


# ---- measuring -----------------------------------------------------------------------------


def measure(argv: list[str]) -> dict[str, Any]:
    """Run one command as a child: wall time, CPU time and that child's own peak RSS.

    A forked child starts with its parent's resident-set high-water mark, which exec keeps; so
    the command runs under GNU time (a small process) when it is there, and GNU time reports the
    command's own peak. Without it, wait4's figure is an upper bound that includes this process.
    """
    gnu_time = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    wrapped = [gnu_time, "-f", "PARR_BENCH_RSS_KB=%M", *argv] if gnu_time else argv
    start = time.perf_counter()
    proc = subprocess.Popen(wrapped, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONHASHSEED": "0"})
    stderr_bytes = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = stderr_bytes.decode(errors="replace")
    rss_kb = usage.ru_maxrss
    for line in stderr.splitlines():
        if line.startswith("PARR_BENCH_RSS_KB="):
            rss_kb = int(line.split("=", 1)[1])
    return {"seconds": round(elapsed, 2), "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_rss_mb": round(rss_kb / 1024, 1), "exit": os.waitstatus_to_exitcode(status),
            "stderr": stderr.strip()[-300:], "rss_measured_by": "GNU time" if gnu_time else "wait4 (upper bound)"}


def parr(*args: str) -> list[str]:
    return [sys.executable, "-c", RUNNER, str(REPO_ROOT), *args]


MANIFEST = """apiVersion: parr/v1
agent: {id: support-triage-v3}
permissions:
  environments: [staging, production]
  tools:
""" + "".join(f"    - {{name: {tool}, access: {'read' if tool.startswith(('crm.get', 'kb.', 'billing.')) else 'write'}, "
              f"environments: [production]}}\n" for tool in TOOLS[:-1])


def run_suite(label: str, path: Path, use_jq: bool) -> list[dict[str, Any]]:
    size_mb = path.stat().st_size / 1e6
    rows = []
    manifest = path.parent / "parr.yaml"
    if not manifest.exists():
        manifest.write_text(MANIFEST)
    commands = {
        "parr traces lint": parr("lint", str(path), "--format", "json", "--max-findings", "100"),
        "parr traces signals": parr("signals", str(path), "--format", "json"),
        "parr traces review": parr("review", str(path), "--manifest", str(manifest), "--format", "json"),
    }
    if use_jq:
        commands["jq -c ."] = ["jq", "-c", ".", str(path)]
    for name, argv in commands.items():
        result = measure(argv)
        if result["exit"] not in (0, 1):
            raise SystemExit(f"{name} failed on {path} (exit {result['exit']}): {result['stderr']}")
        result.update({"file": label, "command": name, "size_mb": round(size_mb, 1),
                       "mb_per_s": round(size_mb / result["seconds"], 1),
                       "mb_per_cpu_s": round(size_mb / max(result["cpu_seconds"], 0.01), 1)})
        rows.append(result)
        print(f"  {label:<12} {name:<20} {size_mb:>9,.0f} MB {result['seconds']:>8.1f} s "
              f"{result['mb_per_s']:>7.1f} MB/s ({result['mb_per_cpu_s']:>6.1f} per CPU s)  "
              f"peak RSS {result['peak_rss_mb']:>6.1f} MB", flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-gb", type=float, default=2.0, help="size of the JSON Lines trace (default 2 GB)")
    parser.add_argument("--otlp-size-gb", type=float, default=0.5, help="size of the OTLP trace (default 0.5 GB)")
    parser.add_argument("--slice-mb", type=float, default=200, help="the smaller slice measured for memory growth")
    parser.add_argument("--dir", type=Path, help="where to write the traces (default: a temporary directory)")
    parser.add_argument("--keep", action="store_true", help="keep the generated traces")
    parser.add_argument("--no-jq", action="store_true", help="skip jq (it is installed with apt-get install jq)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    args = parser.parse_args()
    use_jq = not args.no_jq and shutil.which("jq") is not None
    if not args.no_jq and not use_jq:
        print("jq not found; install it (apt-get install -y jq) or pass --no-jq", file=sys.stderr)
    workdir = Path(tempfile.mkdtemp(prefix="parr-traces-bench-", dir=args.dir))
    rng = random.Random(7)
    try:
        import orjson  # noqa: F401

        parser_note = "orjson"
    except ImportError:
        parser_note = "json (orjson missing)"
    print(f"python {sys.version.split()[0]}, parser {parser_note}, {os.cpu_count()} CPU(s), traces in {workdir}")
    results: list[dict[str, Any]] = []
    try:
        jsonl = workdir / "trace.jsonl"
        t0 = time.perf_counter()
        generate(jsonl, int(args.slice_mb * 1e6), _jsonl_template(rng))
        slice_path = workdir / "slice.jsonl"
        jsonl.rename(slice_path)
        generate(jsonl, int(args.size_gb * 1e9), _jsonl_template(random.Random(7)))
        otlp = workdir / "trace.otlp.jsonl"
        if args.otlp_size_gb > 0:
            generate(otlp, int(args.otlp_size_gb * 1e9), _otlp_template(rng))
        print(f"generated in {time.perf_counter() - t0:.0f} s")
        results += run_suite("jsonl slice", slice_path, use_jq=False)
        results += run_suite("jsonl", jsonl, use_jq)
        if args.otlp_size_gb > 0:
            results += run_suite("otlp", otlp, use_jq)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    by = {(r["file"], r["command"]): r for r in results}
    for command in ("parr traces lint", "parr traces signals", "parr traces review"):
        small, big = by.get(("jsonl slice", command)), by.get(("jsonl", command))
        if small and big:
            print(f"peak RSS {command}: {small['peak_rss_mb']} MB on {small['size_mb']:.0f} MB, "
                  f"{big['peak_rss_mb']} MB on {big['size_mb']:.0f} MB")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
