#!/usr/bin/env python3
"""Benchmark `scan_repository` (cold and warm cache) against a `grep -rIc tool` pass over the same trees.

usage: scan_benchmark.py [TREE ...] [--generate [N]] [--keep] [--no-git] [--jobs J] [--stub-scanners]

Every scan runs in its own child process, so peak memory (ru_maxrss of the child, and of its
pool workers) belongs to that run alone. Never run from the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------------------- child: one measured scan


class StubScanner:
    """Regex-only stand-in: measures the engine (walk, read, hash, cache, pool) without parser cost."""

    facts_version = "stub-1"

    def __init__(self, language: str, exts: tuple[str, ...]) -> None:
        self.language = language
        self.exts = exts

    def handles(self, rel_path: str) -> bool:
        return rel_path.endswith(self.exts)

    def extract(self, rel_path: str, source: bytes) -> dict[str, Any]:
        return {"tools": [m.start() for m in re.finditer(rb"\btool\b", source)][:50], "errors": []}

    def resolve(self, facts_by_path: dict[str, dict[str, Any]]) -> tuple[list[Any], list[Any]]:
        return [], []


def _stub_scanners() -> list[Any]:
    return [
        StubScanner("python", (".py", ".pyi")),
        StubScanner("typescript", (".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs")),
    ]


def _child(tree: str, cache_dir: str, jobs: int | None, stub: bool) -> None:
    sys.path.insert(0, str(REPO_ROOT))
    from parr.scan.engine import scan_repository

    scanners = _stub_scanners() if stub else None
    start = time.perf_counter()
    result = scan_repository(Path(tree), scanners=scanners, cache_dir=Path(cache_dir), jobs=jobs)  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    json.dump(
        {
            "seconds": seconds,
            "files_scanned": result.files_scanned,
            "tools": len(result.tools),
            "errors": len(result.errors),
            "skipped": result.skipped.model_dump(),
            # Linux reports ru_maxrss in KiB.
            "rss_self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "rss_workers_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        },
        sys.stdout,
    )


def _run_child(tree: Path, cache_dir: Path, jobs: int | None, stub: bool) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", str(tree), str(cache_dir)]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    if stub:
        cmd.append("--stub-scanners")
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


# ---------------------------------------------------------------------------- parent: measure trees


def _scannable_size(tree: Path, stub: bool) -> tuple[int, int]:
    """Files and bytes the engine would read (same walk, same scanners' filters)."""
    sys.path.insert(0, str(REPO_ROOT))
    from parr.scan.engine import default_scanners
    from parr.scan.walker import WalkStats, walk_files

    scanners: list[Any] = _stub_scanners() if stub else default_scanners()
    files = total = 0
    def classify(rel: str) -> int | None:
        return 0 if any(s.handles(rel) for s in scanners) else None

    for entry in walk_files(tree, classify, WalkStats()):
        files += 1
        total += entry.size
    return files, total


def _grep_seconds(tree: Path) -> float:
    start = time.perf_counter()
    subprocess.run(["grep", "-rIc", "tool", str(tree)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def measure(tree: Path, jobs: int | None, stub: bool) -> dict[str, Any]:
    files, size = _scannable_size(tree, stub)
    _grep_seconds(tree)  # warm the page cache so grep and the scans read from the same state
    grep = _grep_seconds(tree)
    with tempfile.TemporaryDirectory(prefix="parr-bench-cache-") as cache:
        cold = _run_child(tree, Path(cache), jobs, stub)
        warm = _run_child(tree, Path(cache), jobs, stub)
    mb = size / 1e6
    return {"tree": str(tree), "files": files, "mb": mb, "grep_s": grep, "cold": cold, "warm": warm}


def print_row(row: dict[str, Any]) -> None:
    mb, cold, warm = row["mb"], row["cold"], row["warm"]
    print(
        f"{row['tree']}\n"
        f"  files {row['files']:>7}  MB {mb:8.1f}  tools {cold['tools']:>5}  errors {cold['errors']:>4}  skipped {cold['skipped']}\n"
        f"  grep -rIc tool  {row['grep_s']:7.2f} s\n"
        f"  cold scan       {cold['seconds']:7.2f} s  {mb / cold['seconds']:7.1f} MB/s  "
        f"peak RSS {cold['rss_self_mb']:6.0f} MB (workers {cold['rss_workers_mb']:.0f} MB)\n"
        f"  warm rescan     {warm['seconds']:7.2f} s  {mb / warm['seconds']:7.1f} MB/s  "
        f"peak RSS {warm['rss_self_mb']:6.0f} MB  = {warm['seconds'] / max(row['grep_s'], 1e-9):.1f}x grep",
        flush=True,
    )


# ---------------------------------------------------------------------------- synthetic monorepo

_PY_TOOL = '''
@function_tool
def {verb}_{noun}(ctx: RunContextWrapper, {noun}_id: str, amount: int = 1) -> dict:
    """{Verb} a {noun} for the user."""
    result = client.{noun}s.{verb}({noun}_id=__ID__, amount=amount)
    return {{"status": "ok", "id": result.id}}
'''.replace("__ID__", "{noun}_id")

_PY_LC_TOOL = '''
@tool
def {verb}_{noun}_records(query: str) -> str:
    """{Verb} {noun} records matching the query."""
    rows = db.execute("select * from {noun} where name = ?", (query,))
    return json.dumps([dict(r) for r in rows])
'''

_PY_PLAIN = '''
class {Noun}Repository{i}:
    """Stores {noun} rows."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._cache: dict[str, {Noun}] = {{}}

    def get(self, key: str) -> {Noun} | None:
        if key in self._cache:
            return self._cache[key]
        row = self.session.query({Noun}).filter_by(key=key).one_or_none()
        if row is not None:
            self._cache[key] = row
        return row

    def save(self, item: {Noun}) -> None:
        self.session.add(item)
        self.session.commit()


def compute_{noun}_{i}(values: list[float], weight: float = 0.5) -> float:
    total = 0.0
    for index, value in enumerate(values):
        if index % 2:
            total += value * weight
        else:
            total -= value / (weight + 1)
    return round(total, 3)
'''

_TS_TOOL = '''
export const {verb}{Noun}Tool = tool({{
  name: "{verb}_{noun}",
  description: "{Verb} a {noun} in the workspace",
  parameters: z.object({{ id: z.string(), note: z.string().optional() }}),
  execute: async ({{ id, note }}) => {{
    const res = await fetch(`${{API}}/{noun}s/${{id}}`, {{ method: "POST", body: JSON.stringify({{ note }}) }});
    return res.json();
  }},
}});
'''

_TS_MCP_TOOL = '''
server.tool("{verb}_{noun}", "{Verb} {noun}", {{ id: z.string() }}, async ({{ id }}) => {{
  const item = await store.{verb}(id);
  return {{ content: [{{ type: "text", text: JSON.stringify(item) }}] }};
}});
'''

_TS_PLAIN = '''
export interface {Noun}Props{i} {{
  id: string;
  label?: string;
  items: Array<{{ key: string; value: number }}>;
}}

export function render{Noun}{i}(props: {Noun}Props{i}): string {{
  const parts = props.items.map((item) => `${{item.key}}=${{item.value}}`);
  return `<div id="${{props.id}}">${{props.label ?? ""}} ${{parts.join(", ")}}</div>`;
}}

export class {Noun}Store{i} {{
  private readonly items = new Map<string, {Noun}Props{i}>();

  get(id: string): {Noun}Props{i} | undefined {{
    return this.items.get(id);
  }}

  upsert(value: {Noun}Props{i}): void {{
    this.items.set(value.id, value);
  }}
}}
'''

_VERBS = ["get", "list", "send", "delete", "create", "search", "update", "book", "refund", "summarize"]
_NOUNS = ["order", "invoice", "ticket", "user", "email", "flight", "report", "document", "payment", "note"]


def _fill(template: str, rng: random.Random, i: int) -> str:
    verb, noun = rng.choice(_VERBS), rng.choice(_NOUNS)
    return template.format(verb=verb, Verb=verb.capitalize(), noun=noun, Noun=noun.capitalize(), i=i)


def generate_monorepo(root: Path, n_files: int, git: bool, seed: int = 7) -> None:
    """A deterministic monorepo of n_files Python and TypeScript files, ~2% of them declaring tools."""
    rng = random.Random(seed)
    (root / ".gitignore").write_text("node_modules/\n*.generated.ts\n__pycache__/\n")
    for i in range(n_files):
        pkg = f"packages/pkg{i % 97:02d}"
        depth = "/".join(f"m{(i // 97) % 13}{k}" for k in range(i % 3))
        python = rng.random() < 0.55
        ext = ".py" if python else ".ts"
        path = root / pkg / ("src" if not python else "lib") / depth / f"module_{i}{ext}"
        path.parent.mkdir(parents=True, exist_ok=True)
        plain, tools = (_PY_PLAIN, [_PY_TOOL, _PY_LC_TOOL]) if python else (_TS_PLAIN, [_TS_TOOL, _TS_MCP_TOOL])
        header = (
            "from __future__ import annotations\n\nimport json\nfrom agents import function_tool, RunContextWrapper\n"
            if python
            else 'import { z } from "zod";\nimport { tool } from "@openai/agents";\n'
        )
        body = [header]
        for j in range(rng.randint(1, 6)):
            body.append(_fill(plain, rng, i * 10 + j))
        if rng.random() < 0.02:
            body.extend(_fill(rng.choice(tools), rng, i) for _ in range(rng.randint(1, 4)))
        path.write_text("".join(body))
    # Hostile bits every real monorepo has: vendored deps, generated code, a build output.
    nm = root / "node_modules" / "left-pad"
    nm.mkdir(parents=True)
    (nm / "index.ts").write_text("export const tool = 1;\n")
    (root / "packages" / "pkg00" / "api.generated.ts").write_text("export const x = 1;\n")
    if git:
        subprocess.run(["git", "init", "-q", str(root)], check=True)
        subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("trees", nargs="*", type=Path)
    parser.add_argument("--generate", nargs="?", const=100_000, type=int, metavar="N",
                        help="also benchmark a synthetic monorepo of N files (default 100000)")
    parser.add_argument("--keep", action="store_true", help="keep the generated monorepo")
    parser.add_argument("--no-git", action="store_true", help="do not make the generated monorepo a git repo")
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--stub-scanners", action="store_true", help="regex stand-ins instead of the real scanners")
    parser.add_argument("--child", nargs=2, metavar=("TREE", "CACHE_DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], args.child[1], args.jobs, args.stub_scanners)
        return
    if not args.trees and args.generate is None:
        parser.error("give at least one TREE or --generate")
    print(f"cpus {os.cpu_count()}  jobs {args.jobs or 'auto'}  scanners {'stub' if args.stub_scanners else 'real'}", flush=True)
    for tree in args.trees:
        print_row(measure(tree.resolve(), args.jobs, args.stub_scanners))
    if args.generate is not None:
        gen = Path(tempfile.mkdtemp(prefix="parr-monorepo-"))
        try:
            start = time.perf_counter()
            generate_monorepo(gen, args.generate, git=not args.no_git)
            print(f"generated {args.generate} files in {gen} ({time.perf_counter() - start:.1f} s)", flush=True)
            print_row(measure(gen, args.jobs, args.stub_scanners))
        finally:
            if args.keep:
                print(f"kept {gen}")
            else:
                shutil.rmtree(gen, ignore_errors=True)


if __name__ == "__main__":
    main()
