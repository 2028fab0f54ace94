#!/usr/bin/env python3
"""Scan every repository folder of an extracted labelled corpus and score the predictions.

usage: corpus_score.py [CORPUS_DIR] [--shared-corpus DIR] [--out PREDICTIONS.json] [--details] [--no-cache]

CORPUS_DIR (default /tmp/corpus) holds one folder per repository, named owner__name, as written
by shared/corpus/extract.sh. The scorer and labels are read from ../shared/corpus beside this
repository unless --shared-corpus (or PARR_SHARED_CORPUS) says otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from parr.scan.engine import scan_repository


def predictions(corpus_dir: Path, use_cache: bool) -> list[dict[str, object]]:
    """One prediction per tool found, in the scorer's format."""
    rows: list[dict[str, object]] = []
    for folder in sorted(p for p in corpus_dir.iterdir() if p.is_dir() and "__" in p.name):
        repo = folder.name.replace("__", "/", 1)
        start = time.perf_counter()
        result = scan_repository(folder, use_cache=use_cache)
        print(
            f"{repo:45} {len(result.tools):4} tools  {result.files_scanned:4} files  "
            f"{len(result.errors):3} errors  {time.perf_counter() - start:6.2f} s",
            file=sys.stderr,
        )
        for err in result.errors:
            print(f"    error {err.file}:{err.line or '-'}: {err.message}", file=sys.stderr)
        rows.extend(
            {"repo": repo, "path": t.file, "name": t.name, "line": t.line, "mutating": t.mutating, "typed": t.typed}
            for t in result.tools
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus_dir", nargs="?", type=Path, default=Path("/tmp/corpus"))
    parser.add_argument(
        "--shared-corpus", type=Path,
        default=Path(os.environ.get("PARR_SHARED_CORPUS", REPO_ROOT.parent / "shared" / "corpus")),
        help="folder holding score.py and the dev-*.json labels",
    )
    parser.add_argument("--out", type=Path, default=Path("/tmp/parr-corpus-predictions.json"))
    parser.add_argument("--details", action="store_true", help="list each miss and false positive")
    parser.add_argument("--no-cache", action="store_true", help="re-extract every file")
    args = parser.parse_args()
    if not args.corpus_dir.is_dir():
        parser.error(f"no corpus folder {args.corpus_dir}; write one with shared/corpus/extract.sh")
    scorer = args.shared_corpus / "score.py"
    if not scorer.is_file():
        parser.error(f"no scorer at {scorer}; pass --shared-corpus")
    rows = predictions(args.corpus_dir, use_cache=not args.no_cache)
    args.out.write_text(json.dumps(rows, indent=1) + "\n")
    print(f"wrote {len(rows)} predictions to {args.out}", file=sys.stderr)
    cmd = [sys.executable, str(scorer), str(args.out)] + (["--details"] if args.details else [])
    return subprocess.run(cmd, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
