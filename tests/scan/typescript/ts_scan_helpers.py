"""Helpers for the TypeScript scanner tests: scan a fixture folder through both phases."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from parr.scan.typescript import TypeScriptScanner

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "scan" / "typescript"


def scan_folder(folder: str | Path, scanner: TypeScriptScanner | None = None):
    scanner = scanner or TypeScriptScanner()
    root = FIXTURES / folder if not Path(folder).is_absolute() else Path(folder)
    facts = {}
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        if not scanner.handles(rel):
            continue
        fact = scanner.extract(rel, path.read_bytes())
        # The engine caches facts as JSON: they must survive a round trip unchanged.
        assert json.loads(json.dumps(fact)) == fact
        facts[rel] = fact
    # As the engine does: a file's full facts (tool-class method effects) read when resolve asks.
    return scanner.resolve(facts, full_facts=lambda rel: scanner.extract_full(rel, (root / rel).read_bytes()))


def scan_sources(sources: dict[str, str], sites: list | None = None):
    scanner = TypeScriptScanner()
    facts = {rel: scanner.extract(rel, text.encode()) for rel, text in sources.items()}
    return scanner.resolve(facts, sites=sites,
                           full_facts=lambda rel: scanner.extract_full(rel, sources[rel].encode()))


def scan_sources_and_sites(sources: dict[str, str]):
    """The tools of in-memory sources and the places parr could not read; no scan errors allowed."""
    sites: list = []
    records, errors = scan_sources(sources, sites)
    assert not errors, errors
    return records, sites


class Tools:
    """Scan results indexed by tool name (one record per name expected)."""

    def __init__(self, records):
        self.records = records
        self.by_name = {}
        for r in records:
            assert r.name not in self.by_name, f"duplicate tool {r.name}"
            self.by_name[r.name] = r

    def __getitem__(self, name):
        return self.by_name[name]

    def names(self):
        return set(self.by_name)


_CACHE: dict[str, Tools] = {}


def scan(folder: str) -> Tools:
    """Scan a fixture folder once per test session; fail on scan errors."""
    if folder not in _CACHE:
        records, errors = scan_folder(folder)
        assert not errors, errors
        _CACHE[folder] = Tools(records)
    return _CACHE[folder]


def outputs_under_hash_seeds(root: Path, seeds=range(1, 7)) -> set[str]:
    """The JSON `parr scan` prints for `root`, one scan per hash seed, each in its own process (this
    checkout's parr: an in-process scan earlier may have set PYTHONSAFEPATH)."""
    here = Path(__file__).resolve().parents[3]
    outputs = set()
    for seed in seeds:
        done = subprocess.run([sys.executable, "-m", "parr", "scan", str(root), "--format", "json", "--no-cache"],
                              capture_output=True, text=True, timeout=120,
                              env={**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": str(here)})
        assert done.returncode == 0, done.stderr
        outputs.add(done.stdout)
    return outputs
