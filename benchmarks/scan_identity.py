#!/usr/bin/env python3
"""Store `parr scan --format json` outputs of many trees and compare two such runs byte for byte.

usage:
  scan_identity.py run --code DIR --out DIR [--timeout S] [TREE ...]
  scan_identity.py compare OLD_DIR NEW_DIR

`run` scans each TREE (default: every directory under /tmp/trees and /tmp/corpus, plus this
repository's examples/) with the parr source found in --code (a checkout; nothing is installed),
one child process per tree, no cache, and writes <out>/<label>.json plus <out>/_runs.json (exit
code and seconds per tree; a tree whose scan exceeds --timeout is recorded as skipped).
`compare` lists the trees whose outputs differ and, per tree, the tools and unresolved sites that
appeared or disappeared. The scan output carries no timing field, so the whole file is compared.
Never run from the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GROUPS = (Path("/tmp/trees"), Path("/tmp/corpus"))


def _default_trees() -> list[Path]:
    trees: list[Path] = []
    for group in DEFAULT_GROUPS:
        if group.is_dir():
            trees.extend(sorted(p for p in group.iterdir() if p.is_dir()))
    trees.append(REPO_ROOT / "examples")
    return trees


def _label(tree: Path) -> str:
    return f"{tree.parent.name}--{tree.name}"


def run(code: Path, out: Path, trees: list[Path], timeout: float) -> int:
    out.mkdir(parents=True, exist_ok=True)
    runs: dict[str, dict[str, object]] = {}
    program = "import sys; from parr.cli import main; sys.argv[0] = 'parr'; main()"
    with tempfile.TemporaryDirectory(prefix="parr-identity-cache-") as cache:
        env = dict(os.environ, PYTHONPATH=str(code), PARR_CACHE_DIR=cache, NO_COLOR="1")
        for tree in trees:
            label = _label(tree)
            started = time.monotonic()
            try:
                proc = subprocess.run(
                    [sys.executable, "-c", program, "scan", "--format", "json", "--no-cache", str(tree)],
                    env=env, capture_output=True, timeout=timeout, cwd=str(code),
                )
            except subprocess.TimeoutExpired:
                runs[label] = {"tree": str(tree), "skipped": f"timeout {timeout:.0f}s"}
                print(f"{label}: skipped (> {timeout:.0f}s)", flush=True)
                continue
            seconds = round(time.monotonic() - started, 1)
            (out / f"{label}.json").write_bytes(proc.stdout)
            if proc.stderr:
                (out / f"{label}.stderr").write_bytes(proc.stderr)
            runs[label] = {"tree": str(tree), "rc": proc.returncode, "seconds": seconds}
            print(f"{label}: rc={proc.returncode} {seconds}s", flush=True)
    (out / "_runs.json").write_text(json.dumps(runs, indent=2, sort_keys=True) + "\n")
    return 0


def _keyed(items: list[dict[str, object]]) -> set[str]:
    return {json.dumps(item, sort_keys=True) for item in items}


def compare(old: Path, new: Path) -> int:
    differing = 0
    names = sorted(p.name for p in old.glob("*.json") if p.name != "_runs.json")
    for name in names:
        other = new / name
        if not other.exists():
            print(f"{name}: missing in {new}")
            differing += 1
            continue
        a, b = (old / name).read_bytes(), other.read_bytes()
        if a == b:
            continue
        differing += 1
        print(f"{name}: DIFFERS")
        try:
            ja, jb = json.loads(a), json.loads(b)
        except ValueError:
            print("  (not JSON on one side)")
            continue
        for section in ("tools", "unresolved"):
            sa, sb = _keyed(ja.get(section, [])), _keyed(jb.get(section, []))
            for item in sorted(sa - sb):
                print(f"  - {section}: {item}")
            for item in sorted(sb - sa):
                print(f"  + {section}: {item}")
        rest_a = {k: v for k, v in ja.items() if k not in ("tools", "unresolved")}
        rest_b = {k: v for k, v in jb.items() if k not in ("tools", "unresolved")}
        if rest_a != rest_b:
            print("  other sections differ: " + ", ".join(k for k in rest_a if rest_a.get(k) != rest_b.get(k)))
    print(f"{len(names)} outputs compared, {differing} differ")
    return 1 if differing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_run = sub.add_parser("run")
    p_run.add_argument("--code", type=Path, default=REPO_ROOT)
    p_run.add_argument("--out", type=Path, required=True)
    p_run.add_argument("--timeout", type=float, default=300.0)
    p_run.add_argument("trees", nargs="*", type=Path)
    p_cmp = sub.add_parser("compare")
    p_cmp.add_argument("old", type=Path)
    p_cmp.add_argument("new", type=Path)
    args = parser.parse_args()
    if args.command == "run":
        return run(args.code.resolve(), args.out, [t.resolve() for t in args.trees] or _default_trees(), args.timeout)
    return compare(args.old, args.new)


if __name__ == "__main__":
    sys.exit(main())
