#!/usr/bin/env python3
"""Score `parr scan` against tools counted by hand on repositories the scanner was not tuned on.

usage: handcount_score.py TREES_DIR[:TREES_DIR...] [LABELS ...] [--details] [--json OUT]

Each label file (default: every benchmarks/handcounts/*.yaml) names one repository and the tools a
person counted by reading its registration code, never by trusting parr:

    repo: owner/name
    commit: 1a2b3c4            # the commit counted (the tree's HEAD must match, or the run says so)
    tree: owner+name           # folder under (the first of) TREES_DIR holding a checkout of that commit
    scope: [src/, servers/]    # optional: only tools and sites under these paths count
    tools:
      - {name: delete_file, file: src/server.py, mutating: true, typed: true}
      - {name: run_sql, file: src/db.py, mutating: true, typed: false, note: "raw SQL reaches execute"}
    sites_expected: 1          # optional: tools that cannot be known statically (names at run time)

A tool matches a found tool with the same name in the same file; a same-name tool in another file
counts as found with a wrong file. Printed per repository and in total: recall, precision, mutating
tools found and flagged (the issue's "finding and flagging"), mutating flags that are right, typed
right on matched tools, and unresolved sites. Labels hold names, paths and verdicts only, no code.
Labels live in sets (folders), one per round of counting: `tuning/` (sitting 5, worked on from the
start), `heldout/` (sitting 5), `heldout2/` and `heldout3/` (sitting 6), `heldout4/` and `heldout5/` (sitting 7),
`heldout6/` and `heldout7/` (sitting 8), `heldout8/` (sitting 9), `heldout9/` (sitting 10), `heldout10/` (sitting 11),
`heldout11/` (sitting 12), `heldout12/` (sitting 13), `heldout13/` (sitting 14), `heldout14/` (sitting 15). Each held-out set was counted
by someone who changed no scanner code and was kept from whoever did until it had been measured;
after that its misses may be worked on, and it measures tuning from then on (the README says which
figures were taken blind). Totals are printed per set.
Never run from the test suite.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from parr.scan.engine import scan_repository  # noqa: E402


@dataclass
class Score:
    repo: str
    by_hand: int = 0
    found: int = 0
    wrong_file: int = 0
    false_tools: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    hand_mutating: int = 0
    mutating_flagged: int = 0  # hand-mutating tools found and flagged
    flags: int = 0  # tools parr flags mutating, among matched ones
    flags_right: int = 0
    typed_right: int = 0
    wrong: list[str] = field(default_factory=list)
    sites: int = 0
    sites_expected: int = 0
    commit_note: str = ""


def _in_scope(path: str, scope: list[str]) -> bool:
    return not scope or any(path == s.rstrip("/") or path.startswith(s.rstrip("/") + "/") for s in scope)


def _head(tree: Path) -> str:
    try:
        out = subprocess.run(["git", "-C", str(tree), "rev-parse", "HEAD"], capture_output=True, text=True,
                             timeout=30, check=False)
        return out.stdout.strip()
    except OSError:
        return ""


def score(label_path: Path, trees: list[Path]) -> Score:
    label = yaml.safe_load(label_path.read_text())
    tree = next((d / label["tree"] for d in trees if (d / label["tree"]).is_dir()), None)
    if tree is None:
        raise SystemExit(f"{label_path}: tree {label['tree']!r} is in none of {', '.join(map(str, trees))}")
    result = scan_repository(tree, use_cache=False)
    scope = list(label.get("scope") or [])
    s = Score(repo=label["repo"], sites_expected=int(label.get("sites_expected") or 0))
    head = _head(tree)
    if label.get("commit") and head and not head.startswith(str(label["commit"])):
        s.commit_note = f"tree at {head[:8]}, labels for {label['commit']}"
    found = [t for t in result.tools if _in_scope(t.file, scope)]
    s.sites = sum(1 for u in result.unresolved if _in_scope(u.file, scope))
    unmatched = list(found)
    for hand in label.get("tools") or []:
        s.by_hand += 1
        s.hand_mutating += bool(hand["mutating"])
        match = next((t for t in unmatched if t.name == hand["name"] and t.file == hand["file"]), None)
        if match is None:
            match = next((t for t in unmatched if t.name == hand["name"]), None)
            if match is not None:
                s.wrong_file += 1
        if match is None:
            s.missed.append(f"{hand['file']}: {hand['name']}")
            continue
        unmatched.remove(match)
        s.found += 1
        if match.mutating:
            s.flags += 1
            s.flags_right += bool(hand["mutating"])
        if hand["mutating"] and match.mutating:
            s.mutating_flagged += 1
        if bool(match.mutating) != bool(hand["mutating"]):
            s.wrong.append(f"{match.file}:{match.line} {match.name}: mutating {match.mutating}, by hand {hand['mutating']}")
        if "typed" in hand and bool(match.typed) == bool(hand["typed"]):
            s.typed_right += 1
        elif "typed" in hand:
            s.wrong.append(f"{match.file}:{match.line} {match.name}: typed {match.typed}, by hand {hand['typed']}")
    s.false_tools = [f"{t.file}:{t.line} {t.name}" for t in unmatched]
    return s


def _ratio(a: int, b: int) -> str:
    return f"{a}/{b} = {a / b:.2f}" if b else "-"


def _totals(scores: list[Score]) -> str:
    total = {k: sum(getattr(s, k) for s in scores) for k in
             ("by_hand", "found", "hand_mutating", "mutating_flagged", "flags", "flags_right", "typed_right", "sites",
              "sites_expected")}
    false = sum(len(s.false_tools) for s in scores)
    return (f"recall {_ratio(total['found'], total['by_hand'])}; precision {_ratio(total['found'], total['found'] + false)}; "
            f"mutating found and flagged {_ratio(total['mutating_flagged'], total['hand_mutating'])}; "
            f"mutating flags right {_ratio(total['flags_right'], total['flags'])}; "
            f"typed right {_ratio(total['typed_right'], total['found'])}; "
            f"sites {total['sites']} ({total['sites_expected']} expected)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("trees", help="folder(s) holding the trees, colon-separated")
    parser.add_argument("labels", nargs="*", type=Path)
    parser.add_argument("--details", action="store_true", help="list every miss, false tool and wrong verdict")
    parser.add_argument("--json", type=Path, help="write the scores as JSON")
    args = parser.parse_args()
    labels = args.labels or sorted((REPO_ROOT / "benchmarks" / "handcounts").rglob("*.yaml"))
    trees = [Path(d) for d in args.trees.split(":") if d]
    scores = [score(p, trees) for p in labels]
    print(f"{'repository':42} {'hand':>5} {'found':>5} {'false':>5} {'mut':>4} {'flag':>4} {'wrong':>5} {'sites':>5}")
    for s in scores:
        print(f"{s.repo:42} {s.by_hand:5} {s.found:5} {len(s.false_tools):5} {s.hand_mutating:4} "
              f"{s.mutating_flagged:4} {len(s.wrong):5} {s.sites:5}" + (f"  ({s.commit_note})" if s.commit_note else ""))
        if args.details:
            for line in ([f"  missed   {m}" for m in s.missed] + [f"  false    {f}" for f in s.false_tools]
                         + [f"  verdict  {w}" for w in s.wrong]):
                print(line)
    sets: dict[str, list[Score]] = {}
    for path, s in zip(labels, scores):
        sets.setdefault(path.parent.name, []).append(s)
    if len(sets) > 1:
        for name, members in sets.items():
            print(f"{name}: {_totals(members)}")
    print(f"all: {_totals(scores)}")
    if args.json:
        args.json.write_text(json.dumps([s.__dict__ for s in scores], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
