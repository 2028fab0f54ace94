#!/usr/bin/env python3
"""Record or compare the TypeScript scan output of a list of trees, to prove a refactor byte-identical.

usage: scan_identity_ts.py record OUT_DIR TREE...    write one JSON file per tree
       scan_identity_ts.py compare OUT_DIR TREE...   rescan and report every tree whose JSON differs

Only the TypeScript/JavaScript scanner runs (the Python and secrets scanners are not what a TS
refactor changes, and they dominate the time). No cache is used. The JSON holds the tools, the
unresolved sites, the wiring and the errors, with the run-dependent fields (version, root) left out.
"""

from __future__ import annotations

import difflib
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from parr.scan.engine import scan_repository
from parr.scan.typescript import TypeScriptScanner


def _snapshot(tree: Path) -> str:
    result = scan_repository(tree, scanners=[TypeScriptScanner()], use_cache=False).to_json_dict()
    for key in ("parr_version", "root"):
        result.pop(key, None)
    return json.dumps(result, indent=1, sort_keys=True) + "\n"


def _file_for(out: Path, tree: Path) -> Path:
    return out / (str(tree.resolve()).strip("/").replace("/", "+") + ".json")


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[0] not in ("record", "compare"):
        print(__doc__, file=sys.stderr)
        return 2
    mode, out, trees = argv[0], Path(argv[1]), [Path(t) for t in argv[2:]]
    out.mkdir(parents=True, exist_ok=True)
    changed = 0
    for tree in trees:
        start = time.perf_counter()
        now = _snapshot(tree)
        target = _file_for(out, tree)
        took = time.perf_counter() - start
        if mode == "record":
            target.write_text(now, encoding="utf-8")
            print(f"recorded {tree} ({now.count(chr(10))} lines, {took:.1f} s)", file=sys.stderr)
            continue
        before = target.read_text(encoding="utf-8") if target.exists() else ""
        if before == now:
            print(f"identical {tree} ({took:.1f} s)", file=sys.stderr)
            continue
        changed += 1
        print(f"CHANGED {tree}", file=sys.stderr)
        sys.stdout.writelines(difflib.unified_diff(before.splitlines(True), now.splitlines(True),
                                                   f"before/{tree.name}", f"now/{tree.name}", n=2))
    if mode == "compare":
        print(f"{changed} of {len(trees)} trees changed", file=sys.stderr)
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
