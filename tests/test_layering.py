"""Layering is checkable: the core (facts, checks, verdict, scan, manifest, ledger, rollout) never
imports the command line or the output formats; formats decide nothing and the CLI only wires."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parents[1] / "parr"
CORE = [
    "facts.py", "verdict.py", "checklist.py", "core.py", "ledger.py", "rollout.py", "evidence_files.py",
    "findings.py", "finding_key.py", "baseline.py", "stages.py", "suppressions.py", "secrets.py", "init.py", "yamlsafe.py", "config.py",
    "checks", "scan", "manifest", "policy/evaluate.py", "policy/probe.py", "traces/lint.py", "traces/signals.py",
]
FORBIDDEN = ("parr.cli", "parr.cliutil", "parr.formats", "click", "rich")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_does_not_import_cli_or_formats() -> None:
    offenders = []
    for entry in CORE:
        target = PACKAGE / entry
        files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
        assert files, f"{entry} names nothing"
        for path in files:
            for name in _imports(path):
                if any(name == f or name.startswith(f + ".") for f in FORBIDDEN):
                    offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []
