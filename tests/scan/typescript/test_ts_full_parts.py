"""The parts of a file's full facts a resolver may ask for alone (`extract_full(..., part=...)`, the engine's
`full_facts.part`): each part read alone holds what the whole reading holds under its keys, on every file of
the TypeScript framework cases; a loader without parts answers with the whole reading."""

from __future__ import annotations

from pathlib import Path

import yaml

from parr.scan.engine import _FullFacts
from parr.scan.typescript.scanner import TypeScriptScanner

CASES = Path(__file__).resolve().parents[3] / "parr" / "scan" / "typescript" / "frameworks" / "cases"
# the keys each part answers for (`extract_full`)
PART_KEYS = {
    "classes": {"tclasses", "constructs"},
    "fn_effects": {"fn_effects"},
    "computes": {"computes"},
    "kinds": {"kinds"},
    "unread_imports": {"unread_imports"},
    "selector_branches": {"selector_branches"},
    "loops": {"lists", "class_lists", "walked", "mcalls", "exports_full"},
}


def _sources():
    for path in sorted(CASES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text()) or []:
            for rel, text in (case.get("files") or {}).items():
                if rel.endswith((".ts", ".tsx", ".js", ".mjs", ".jsx")):
                    yield rel, text.encode()


def test_each_part_alone_is_the_whole_reading_under_its_keys() -> None:
    scanner = TypeScriptScanner()
    assert set(scanner.full_parts) == set(PART_KEYS)
    seen = 0
    for rel, source in _sources():
        whole = scanner.extract_full(rel, source)
        for part, keys in PART_KEYS.items():
            alone = scanner.extract_full(rel, source, part=part)
            assert {k: v for k, v in alone.items() if k != "lang"} == \
                {k: v for k, v in whole.items() if k in keys}, (rel, part)
        assert set(whole) - {"lang"} <= set().union(*PART_KEYS.values()), rel
        seen += 1
    assert seen > 100


def test_the_engine_reads_a_part_alone_and_falls_back_to_the_whole(tmp_path: Path) -> None:
    (tmp_path / "a.ts").write_text("import { x } from './b';\nexport function run() { return fetch('https://a.example', "
                                   "{ method: 'POST' }); }\nexport class C extends B { go() { this.run(); } }\n")
    scanner = TypeScriptScanner()
    load = _FullFacts(tmp_path, [scanner], 1 << 20, None).loader(0)
    whole = load("a.ts")
    assert whole["fn_effects"] and whole["unread_imports"]
    assert load.part("a.ts", "fn_effects")["fn_effects"] == whole["fn_effects"]
    assert "unread_imports" not in load.part("a.ts", "fn_effects")
    assert load.part("a.ts", "no such part") == whole  # a part the scanner does not name: the whole reading
    assert load.part("missing.ts", "kinds") is None
