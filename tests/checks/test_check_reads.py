"""The placeholder mechanism cannot be bypassed silently: every check that reads parr.yaml
declares the fields it reads, and a declared read covers every manifest path its code touches."""

from __future__ import annotations

import ast
import inspect
import re
import sys
import textwrap

from parr.checklist import load_checklist
from parr.checks import REGISTRY
from parr.checks.base import READS
from parr.manifest.placeholders import is_placeholder, read_matches
from parr.verdict import item_reads

_CHAIN = re.compile(r"manifest((?:\.[a-z_]+)+)")


def _manifest_paths(fn, seen: set | None = None) -> set[str]:
    """`manifest.x.y` chains in a check's source and in the module functions it calls."""
    seen = set() if seen is None else seen
    fn = inspect.unwrap(fn)
    if fn in seen:
        return set()
    seen.add(fn)
    source = textwrap.dedent(inspect.getsource(fn))
    out = {m.group(1)[1:] for m in _CHAIN.finditer(source)}
    module = sys.modules[fn.__module__]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name):
            helper = getattr(module, node.id, None)
            if inspect.isfunction(helper) and helper.__module__ == fn.__module__:
                out |= _manifest_paths(helper, seen)
    return out


def _covered(path: str, reads: tuple[str, ...]) -> bool:
    """A path the code reads is covered by a declared read that is the path or a field below it."""
    plain = [r.replace("[*]", "") for r in reads]
    return any(r == path or r.startswith(path + ".") or path.startswith(r + ".") for r in plain)


def test_every_check_reading_the_manifest_declares_what_it_reads() -> None:
    missing = {}
    for check_id, fn in REGISTRY.items():
        paths = _manifest_paths(fn)
        uncovered = sorted(p for p in paths if not _covered(p, READS.get(check_id, ())))
        if uncovered:
            missing[check_id] = uncovered
    assert not missing, f"checks reading manifest fields they do not declare in @check(reads=...): {missing}"


def test_every_checklist_item_reads_something_or_is_about_code_only() -> None:
    # Items with no reads may only be those that judge the code alone.
    assert {item.id for item in load_checklist().items if not item_reads(item)} <= {"CODE-011", "CODE-013"}


def test_reads_match_placeholder_paths() -> None:
    assert read_matches("permissions.tools[*].gate", ("permissions", "tools", 1, "gate"))
    assert not read_matches("permissions.tools[*].gate", ("permissions", "tools", 1, "name"))
    assert read_matches("failsafes.timeouts", ("failsafes", "timeouts", "run_seconds"))
    assert not read_matches("failsafes.timeouts", ("failsafes", "retries", "max"))


def test_placeholder_words_and_slots() -> None:
    for value in ("TODO", "TODO: what the agent does", "approval:TODO-review-queue", "@TODO", "TBD", "FIXME",
                  "<queue>", "policy:<rule>", "CHANGEME", "REPLACE_ME", "TODO_FLAG"):
        assert is_placeholder(value), value
    for value in ("handles todo lists", "approval:billing-leads", "@priya", "Todoist sync", "xxl-node-pool",
                  "https://grafana.example.com/d/x", 30):
        assert not is_placeholder(value), value
