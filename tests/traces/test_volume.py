"""Volume: shards summarised apart merge into the report of the whole; standard input reads like a file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from parr.traces.commands import traces
from tests.traces.tracegen import event, otlp_request, span, write_jsonl

HERE = Path(__file__).parent / "fixtures" / "access"
MANIFEST = HERE / "parr.yaml"
ROOT = Path(__file__).parents[2]
PARR = [sys.executable, "-c", "from parr.cli import main; main()"]


def _rounded(value, drop: tuple[str, ...] = ("files", "file", "line")):
    """Sums of floats taken in another grouping differ in their last bits; nothing a report shows does.
    Shards number their lines from 1, so their file names and line numbers are left out."""
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, dict):
        return {k: _rounded(v, drop) for k, v in value.items() if k not in drop}
    if isinstance(value, list):
        return [_rounded(v, drop) for v in value]
    return value


def _trace(tmp_path: Path) -> Path:
    """Runs that cross every shard boundary, retries by call id, costs, denials, undeclared tools."""
    records = []
    for i in range(120):
        record = event(i, session_id=f"s-{i % 7}", environment="production" if i % 3 else "staging")
        record["tool_call"]["name"] = ["get_charge", "issue_refund", "close_case", "delete_customer"][i % 4]
        record["tool_call"]["id"] = f"call-{i // 2}"  # every call seen twice: one retry each
        record["policy"]["decision"] = "deny" if i % 11 == 0 else "allow"
        records.append(record)
    return write_jsonl(tmp_path / "whole.jsonl", records)


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(traces, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize("command", ["signals", "review"])
@pytest.mark.parametrize("shards", [2, 5])
def test_shards_merged_equal_the_whole(tmp_path: Path, command: str, shards: int) -> None:
    whole = _trace(tmp_path)
    lines = whole.read_text().splitlines(keepends=True)
    size = -(-len(lines) // shards)
    summaries = []
    for index in range(shards):
        part = tmp_path / f"part{index}.jsonl"
        part.write_text("".join(lines[index * size:(index + 1) * size]))
        summary = tmp_path / f"part{index}.summary.json"
        code, _ = _invoke(command, str(part), "--manifest", str(MANIFEST), "--save-summary", str(summary), "--quiet")
        assert code in (0, 1)
        summaries.append(str(summary))
    code_whole, out_whole = _invoke(command, str(whole), "--manifest", str(MANIFEST), "--format", "json")
    code_merged, out_merged = _invoke("merge", *summaries, "--format", "json")
    assert code_merged == code_whole
    assert _rounded(json.loads(out_merged)) == _rounded(json.loads(out_whole))


def test_merge_refuses_mixed_kinds_and_manifests(tmp_path: Path) -> None:
    whole = _trace(tmp_path)
    _invoke("signals", str(whole), "--manifest", str(MANIFEST), "--save-summary", str(tmp_path / "s.json"), "--quiet")
    _invoke("review", str(whole), "--manifest", str(MANIFEST), "--save-summary", str(tmp_path / "r.json"), "--quiet")
    other = tmp_path / "other.yaml"
    other.write_text(MANIFEST.read_text().replace("export_ledger", "export_books"))
    _invoke("review", str(whole), "--manifest", str(other), "--save-summary", str(tmp_path / "r2.json"), "--quiet")
    code, out = _invoke("merge", str(tmp_path / "s.json"), str(tmp_path / "r.json"))
    assert code == 2 and "cannot merge" in out
    code, out = _invoke("merge", str(tmp_path / "r.json"), str(tmp_path / "r2.json"))
    assert code == 2 and "other grants" in out
    (tmp_path / "junk.json").write_text("{}")
    code, out = _invoke("merge", str(tmp_path / "junk.json"))
    assert code == 2 and "not a parr summary" in out


@pytest.mark.parametrize("command", ["lint", "signals", "review"])
def test_standard_input_reads_like_the_file(tmp_path: Path, command: str) -> None:
    whole = _trace(tmp_path)
    spans = tmp_path / "spans.json"
    spans.write_text(json.dumps(otlp_request([span(i) for i in range(6)]), indent=2))
    for path in (whole, spans):
        args = [command, "--format", "json"] + (["--manifest", str(MANIFEST)] if command != "lint" else [])
        from_file = subprocess.run([*PARR, "traces", *args, str(path)], cwd=ROOT,
                                   capture_output=True, text=True)
        from_stdin = subprocess.run([*PARR, "traces", *args, "-"], cwd=ROOT,
                                    input=path.read_text(), capture_output=True, text=True)
        assert from_stdin.returncode == from_file.returncode, from_stdin.stderr
        as_file, as_stdin = json.loads(from_file.stdout), json.loads(from_stdin.stdout)
        if command == "lint":
            as_file["files"][0]["file"] = as_stdin["files"][0]["file"] = ""
            for f in as_file["files"][0]["findings"] + as_stdin["files"][0]["findings"]:
                f.pop("file", None)
        assert _rounded(as_stdin) == _rounded(as_file)


def test_standard_input_gzip_and_twice_are_one_sentence(tmp_path: Path) -> None:
    import gzip

    whole = _trace(tmp_path)
    done = subprocess.run([*PARR, "traces", "lint", "-"], cwd=ROOT,
                          input=gzip.compress(whole.read_bytes()), capture_output=True)
    assert done.returncode == 2 and b"gunzip" in done.stderr and b"Traceback" not in done.stderr
    code, out = _invoke("lint", "-", "-")
    assert code == 2 and "may be given once" in out


@pytest.mark.parametrize("command", ["lint", "signals", "review"])
def test_every_core_gives_the_results_of_one(tmp_path: Path, command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from parr.traces import events as events_module
    from parr.traces import parallel

    # Small blocks and no size floor, so a small file spreads over many blocks and workers.
    monkeypatch.setattr(events_module, "BLOCK_SIZE", 4096)
    monkeypatch.setattr(parallel, "MIN_PARALLEL_BYTES", 0)
    whole = _trace(tmp_path)
    with whole.open("a") as out:  # leaks and broken lines, for lint
        out.write('{"ts": "2026-04-10T04:00:00Z", "session_id": "s-1", "tool_call": {"name": "get_charge", '
                  '"args": {"to": "jane.doe@example.com"}}}\nnot json at all\n')
    spans = write_jsonl(tmp_path / "spans.jsonl", [otlp_request([span(i + 6 * j) for i in range(6)]) for j in range(40)])
    blocks: list[int] = []
    original = parallel.map_blocks

    def counting(*args, **kwargs):
        for result in original(*args, **kwargs):
            blocks.append(1)
            yield result

    monkeypatch.setattr(parallel, "map_blocks", counting)
    for path in (whole, spans):
        args = [command, str(path), "--format", "json"] + (["--manifest", str(MANIFEST)] if command != "lint" else [])
        code_one, one = _invoke(*args, "--jobs", "1")
        assert not blocks
        code_many, many = _invoke(*args, "--jobs", "3")
        assert len(blocks) > 5, "the file was spread over worker processes"
        blocks.clear()
        assert code_many == code_one
        # Line numbers, examples and file names included: the same report.
        assert _rounded(json.loads(many), drop=()) == _rounded(json.loads(one), drop=())
