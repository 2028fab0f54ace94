"""Seeded generators of hostile input: manifest mutations, trace files, eval results, template overrides.

Every generator takes a `random.Random`, so a run is reproducible from its seed (PARR_HOSTILE_SEED,
default fixed) and a failure names the seed and case number that reproduce it.
"""

from __future__ import annotations

import copy
import gzip
import json
import random
from collections.abc import Callable
from typing import Any

import yaml

# ---- values a hostile file might hold ------------------------------------------------------

# Raw YAML scalars that pass the tag check but not conversion, or convert to something odd.
ODD_YAML = [
    "!!int foo", "!!float foo", "!!bool foo", "!!timestamp nonsense", "!!timestamp 2024-02-30",
    "2024-02-30", "2024-13-01", "2024-01-01T24:00:00", "2024-01-01 25:61:61", "0000-01-01", "9999-12-31",
    ".nan", ".inf", "-.inf", "1e400", "-1e400", "9" * 5000, "0x" + "f" * 300, "1:" * 400 + "1",
    "0b1010", "0o17", "0x1F", "1_000", "~", "null", "yes", "no", "on", "off", "'nan'", '"1e999"',
    '"99999999999999999999999"', "-1", "0", "-0.0", "1e-400", "!!binary aGVsbG8=", "!!str 12",
    "!!null ''", "!!set {a, b}", "!!omap [{a: 1}]", "!!python/object:os.system x", "!custom tag",
    "!!merge x", "<<: *nowhere", "*nowhere", "&a", "[]", "{}", "[[[[[]]]]]", "''", '""',
    '"\\u0000"', '"\\ud800"', '"\\x07"', "|\n  block\n  text", ">-\n  folded", "? complex\n: key",
    "'```'", "'<!-- hide -->'", "'<script>x</script>'", "'# heading'", "'| a | b |'",
]

ODD_STRINGS = [
    "```", "~~~", "<!--", "-->", "<details><summary>x</summary>", "</table>", "<script>alert(1)</script>",
    "[link](javascript:alert(1))", "![img](http://x/y.png)", "# Heading", "\n# injected heading\n",
    "| a | b |", "---", "***", "    indented code", "*emph* _under_ `code`", "\\", "\u202e", "\ufeff",
    "\u0085", "\u2028", "x" * 10_000, "é", "\U0001f600", "{{ 7*7 }}", "{% raw %}", "${HOME}", "$(id)",
    "`rm -rf /`", "&amp;", "&#x60;&#x60;&#x60;", "\r\n\r\n", "\t",
]

CONTROL = [chr(c) for c in (0, 1, 7, 8, 11, 12, 14, 27, 127, 0x85, 0xFFFE, 0xFFFF)] + ["\ud800"]

HUGE_NUMBERS: list[Any] = [10**30, -(10**30), 2**63, 2**64 + 1, 1e308, -1e308, 5e-324, 10**4000]


def deep(depth: int, kind: str = "list") -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value] if kind == "list" else {"k": value}
    return value


# ---- manifest mutations --------------------------------------------------------------------

MARK = "PARRRAWMARK"
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path to a value in the tree (keys and list indices)."""
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            out.extend(_paths(value, prefix + (key,)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out.extend(_paths(value, prefix + (index,)))
    return out


def _get(node: Any, path: tuple) -> Any:
    for part in path:
        node = node[part]
    return node


def _set(node: Any, path: tuple, value: Any) -> None:
    _get(node, path[:-1])[path[-1]] = value


def _delete(node: Any, path: tuple) -> None:
    parent = _get(node, path[:-1])
    del parent[path[-1]]


class ManifestMutator:
    """Structural and textual mutations of one parsed manifest; each call returns (name, bytes)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tree = yaml.safe_load(text)

    # Structural: mutate a copy of the tree, then dump it, splicing raw YAML in at markers.
    def structural(self, rng: random.Random) -> tuple[str, bytes]:
        tree = copy.deepcopy(self.tree)
        raws: list[str] = []
        names = []
        for _ in range(rng.choice((1, 1, 1, 2, 3))):
            paths = _paths(tree)
            if not paths:
                break
            path = rng.choice(paths)
            name, op = rng.choice(self._structural_ops)
            names.append(name)
            try:
                op(self, rng, tree, path, raws)
            except (KeyError, IndexError, TypeError):
                pass  # an earlier mutation in this case removed the path
        text = yaml.dump(tree, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=10_000)
        for index, raw in reversed(list(enumerate(raws))):  # MARK1 is a prefix of MARK10
            text = _splice(text, f"{MARK}{index}", raw)
        return "+".join(names), text.encode("utf-8", errors="surrogatepass")

    def _delete_key(self, rng, tree, path, raws):
        _delete(tree, path)

    def _duplicate_key(self, rng, tree, path, raws):
        parent = _get(tree, path[:-1])
        if isinstance(parent, dict):
            # A marker key with a copy of the value, then the marker replaced by the same key name.
            parent[f"{MARK}{len(raws)}"] = copy.deepcopy(parent[path[-1]])
            raws.append(json.dumps(str(path[-1])))

    def _retype(self, rng, tree, path, raws):
        value = _get(tree, path)
        choices = [None, 0, 1.5, True, "text", [], {}, [value], {"x": value}, "", -1, [None]]
        _set(tree, path, rng.choice(choices))

    def _odd_scalar(self, rng, tree, path, raws):
        _set(tree, path, f"{MARK}{len(raws)}")
        raws.append(rng.choice(ODD_YAML))

    def _odd_string(self, rng, tree, path, raws):
        _set(tree, path, rng.choice(ODD_STRINGS))

    def _huge(self, rng, tree, path, raws):
        value = rng.choice(HUGE_NUMBERS)
        if isinstance(value, int) and abs(value) > 10**300:
            _set(tree, path, f"{MARK}{len(raws)}")
            raws.append(str(value)[:5000])
        else:
            _set(tree, path, value)

    def _deep(self, rng, tree, path, raws):
        depth = rng.choice((50, 500, 3000))
        _set(tree, path, f"{MARK}{len(raws)}")
        raws.append("[" * depth + "]" * depth if rng.random() < 0.5 else "{a: " * depth + "1" + "}" * depth)

    def _alias(self, rng, tree, path, raws):
        paths = _paths(tree)
        other = rng.choice(paths)
        _set(tree, path, f"{MARK}{len(raws)}")
        if rng.random() < 0.3:
            bomb = "&a0 [x, x, x, x, x, x, x, x, x]"
            raws.append(bomb)
            _set(tree, other, f"{MARK}{len(raws)}")
            raws.append("[*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]")
        else:
            raws.append("*undefined_anchor" if rng.random() < 0.3 else "&anch 1")
            if other != path:
                _set(tree, other, f"{MARK}{len(raws)}")
                raws.append("*anch")

    def _tag(self, rng, tree, path, raws):
        value = _get(tree, path)
        tag = rng.choice(["!!int", "!!float", "!!bool", "!!timestamp", "!!str", "!!binary", "!!set", "!!map",
                          "!!seq", "!!null", "!custom", "!!python/name:os.system", "!<tag:x>"])
        _set(tree, path, f"{MARK}{len(raws)}")
        dumped = json.dumps(value, default=str) if not isinstance(value, str) else value
        raws.append(f"{tag} {dumped}" if "\n" not in dumped else f"{tag} x")

    _structural_ops: list[tuple[str, Callable]] = [
        ("delete", _delete_key), ("duplicate", _duplicate_key), ("retype", _retype), ("odd-scalar", _odd_scalar),
        ("odd-string", _odd_string), ("huge", _huge), ("deep", _deep), ("alias", _alias), ("tag", _tag),
    ]

    # Textual: byte-level damage to the original file.
    def textual(self, rng: random.Random) -> tuple[str, bytes]:
        name = rng.choice(["control", "truncate", "encoding", "dup-line", "swap-lines", "indent", "bom", "garbage"])
        text = self.text
        lines = text.split("\n")
        if name == "control":
            at = rng.randrange(len(text))
            text = text[:at] + rng.choice(CONTROL) + text[at:]
            return name, text.encode("utf-8", errors="surrogatepass")
        if name == "truncate":
            raw = text.encode("utf-8")
            return name, raw[: rng.randrange(len(raw))]
        if name == "encoding":
            codec = rng.choice(["utf-16", "utf-32", "latin-1", "cp1252", "invalid"])
            if codec == "invalid":
                raw = bytearray(text.encode("utf-8"))
                raw[rng.randrange(len(raw))] = rng.choice((0x80, 0xC0, 0xFF, 0xFE))
                return f"{name}:{codec}", bytes(raw)
            return f"{name}:{codec}", (text + "\n# café ünïcode\n").encode(codec, errors="replace")
        if name == "dup-line":
            at = rng.randrange(len(lines))
            lines.insert(at, lines[at])
        elif name == "swap-lines":
            a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[a], lines[b] = lines[b], lines[a]
        elif name == "indent":
            at = rng.randrange(len(lines))
            lines[at] = (" " * rng.choice((1, 2, 3, 8)) + lines[at]) if rng.random() < 0.5 else lines[at].lstrip()
        elif name == "bom":
            return name, b"\xef\xbb\xbf" + text.encode("utf-8") if rng.random() < 0.5 else b"\xff\xfe" + text.encode("utf-16-le")
        elif name == "garbage":
            at = rng.randrange(len(lines))
            lines.insert(at, rng.choice(["{", "}", "[", ":", "- -", "? ", "%YAML 1.1", "--- !!map", "...", "&", "*",
                                         "key: [unclosed", "'unterminated", "\t- tab", "@at", "`back"]))
        return name, "\n".join(lines).encode("utf-8")

    def mutate(self, rng: random.Random) -> tuple[str, bytes]:
        return self.structural(rng) if rng.random() < 0.7 else self.textual(rng)

    def mild(self, rng: random.Random) -> tuple[str, bytes]:
        """Hostile values in the right places: strings for strings, edge numbers for numbers, so
        most cases still validate and reach the checks and the documents."""
        tree = copy.deepcopy(self.tree)
        leaves = [p for p in _paths(tree) if isinstance(_get(tree, p), (str, int, float)) and not isinstance(_get(tree, p), bool)]
        for path in rng.sample(leaves, min(len(leaves), rng.choice((1, 3, 10)))):
            if path[-1] == "apiVersion":
                continue
            value = _get(tree, path)
            if isinstance(value, str):
                _set(tree, path, rng.choice(ODD_STRINGS) if rng.random() < 0.7 else value + rng.choice(ODD_STRINGS))
            else:
                _set(tree, path, rng.choice([0, -1, 1, 2**62, 1e300, 5e-324, 0.1, 10**9, 36500, 36501]))
        return "mild", yaml.dump(tree, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=10_000).encode(
            "utf-8", errors="surrogatepass")


def _splice(text: str, marker: str, raw: str) -> str:
    """Put raw YAML where the marker string was dumped; a block scalar or mapping needs its own line."""
    for quoted in (f"'{marker}'", f'"{marker}"', marker):
        if quoted in text:
            if "\n" in raw or raw.startswith(("? ", "<<:")):
                start = text.rfind("\n", 0, text.index(quoted)) + 1
                indent = len(text[start:]) - len(text[start:].lstrip(" -")) + 2
                raw = raw.replace("\n", "\n" + " " * indent)
            return text.replace(quoted, raw, 1)
    return text


# ---- trace lines and files -----------------------------------------------------------------


def trace_event(rng: random.Random, index: int) -> dict[str, Any]:
    return {
        "ts": f"2026-11-20T03:{index % 60:02d}:00Z", "agent_id": "agent-a", "session_id": f"s{index % 7}",
        "model": "m", "tool_call": {"name": rng.choice(["search_kb", "refund", "send_email"]), "args": {"q": "x"}},
        "policy": {"decision": rng.choice(["allow", "deny"]), "rule": "r"},
        "result": {"status": rng.choice(["ok", "error"]), "latency_ms": rng.randint(1, 900)},
        "cost_usd": rng.random() / 10, "tokens": {"input": rng.randint(1, 900), "output": rng.randint(1, 90)},
    }


def hostile_line(rng: random.Random) -> bytes:
    """One line a broken or malicious tracer might write."""
    choice = rng.randrange(17)
    if choice == 0:
        depth = rng.choice((600, 3000, 50_000))
        return b"[" * depth + b"]" * depth
    if choice == 1:
        depth = rng.choice((600, 3000))
        return b'{"a":' * depth + b"1" + b"}" * depth
    if choice == 2:
        return rng.choice([b'{"cost_usd": NaN}', b'{"latency_ms": Infinity}', b'{"cost": -Infinity}', b"NaN"])
    if choice == 3:
        return b'{"tokens": {"input": ' + b"9" * rng.choice((30, 5000, 20_000)) + b"}}"
    if choice == 4:
        return b'{"latency_ms": 1e400, "cost_usd": -1e999, "retry": 1e300}'
    if choice == 5:
        return b'{"session_id": "\\ud800", "tool_call": {"name": "\\udfff\\ud800", "args": {"\\ud834": 1}}}'
    if choice == 6:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 200)))
    if choice == 7:
        return b'{"retry": "nan", "latency_ms": "inf", "cost_usd": "1e999", "tokens": {"input": "' + b"9" * 5000 + b'"}}'
    if choice == 8:
        return b'{"retry": ' + b"9" * 400 + b', "cost_usd": ' + b"9" * 400 + b".5}"
    if choice == 9:
        return json.dumps({"resourceSpans": [{"scopeSpans": [{"spans": [{
            "startTimeUnixNano": rng.choice(["9" * 40, "-5", "nan", 1e300, "1" * 5000]),
            "endTimeUnixNano": rng.choice(["9" * 40, "18446744073709551616", 2**70]),
            "attributes": [{"key": "gen_ai.usage.input_tokens", "value": {"intValue": rng.choice(["9" * 5000, "1e999", 1e300])}},
                           {"key": "gen_ai.usage.cost", "value": {"doubleValue": rng.choice(["NaN", "Infinity", 1e308])}}]}]}]}]}).encode()
    if choice == 10:
        return b"\x00" * rng.randrange(1, 100)
    if choice == 11:
        return b'"just a string"' if rng.random() < 0.5 else b"[1, 2, 3]"
    if choice == 12:
        return b'{"ts": ' + b"1" * 30 + b', "tool_call": [], "policy": "x", "result": 5, "tokens": [1]}'
    if choice == 13:
        return b'{"tool_call": {"name": "```\\n# hidden", "args": "<!--"}, "session_id": "s1"}'
    if choice == 14:
        return b'{"a": "' + b"x" * rng.choice((10, 100_000)) + b'"}'
    if choice == 15:
        # Shapes the redaction prefilter probes one by one: each must stay linear.
        text = rng.choice(["@" * 50_000, "a@" * 20_000, "0000 " * 10_000, "+0" * 20_000, "(415)" * 10_000,
                           "123-45-6789 " * 5_000, "sk-" * 20_000, "x" * 19 + " " * 1])
        return json.dumps({"tool_call": {"name": "t", "args": {"q": text, "n": int("9" * 19)}},
                           "note": "9" * rng.choice((13, 200, 20_000))}).encode()
    return json.dumps(trace_event(rng, rng.randrange(100))).encode()


def trace_file(rng: random.Random) -> tuple[str, bytes]:
    """A whole trace file: good events mixed with hostile lines, sometimes gzipped or with no events."""
    kind = rng.choice(["mixed", "mixed", "mixed", "blank", "empty", "all-bad", "gzip-mixed", "gzip-bomb-small"])
    if kind == "empty":
        return kind, b""
    if kind == "blank":
        return kind, b"\n" * rng.randrange(1, 5000) + b"   \n\t\n"
    if kind == "all-bad":
        return kind, b"\n".join(hostile_line(rng) for _ in range(rng.randrange(1, 6)) if True)
    if kind == "gzip-bomb-small":
        return kind, gzip.compress(b"\n" * rng.choice((10_000, 1_000_000)) + b"[" * 100_000)
    lines = []
    for index in range(rng.randrange(1, 40)):
        lines.append(hostile_line(rng) if rng.random() < 0.35 else json.dumps(trace_event(rng, index)).encode())
    body = b"\n".join(lines) + b"\n"
    if kind == "gzip-mixed":
        raw = gzip.compress(body)
        return kind, raw if rng.random() < 0.8 else raw[: rng.randrange(len(raw))]
    return kind, body


# ---- eval result files ---------------------------------------------------------------------


def promptfoo_file(rng: random.Random) -> tuple[str, bytes]:
    value = rng.choice(["NaN", "Infinity", "-Infinity", "1e400", "9" * 5000, "9" * 30, '"nan"', '"12"', "null",
                        "[]", "{}", "-5", "3.7", "true", '"' + "9" * 5000 + '"', "1e308"])
    stamp = rng.choice(["1e400", "9" * 30, "-1", "NaN", '"yesterday"', '"2024-02-30T00:00:00Z"', '"10000-01-01"',
                        "253402300800000", "1700000000000", '"2026-11-20T00:00:00Z"', "null"])
    shape = rng.randrange(6)
    if shape == 0:
        text = f'{{"results": {{"stats": {{"successes": {value}, "failures": {value}, "errors": 0}}, "timestamp": {stamp}}}}}'
    elif shape == 1:
        text = f'{{"stats": {{"successes": 5, "failures": 0}}, "createdAt": {stamp}}}'
    elif shape == 2:
        text = "[" * 100_000 + "]" * 100_000
    elif shape == 3:
        text = '{"results": ' + "[" * 3000 + "]" * 3000 + "}"
    elif shape == 4:
        text = rng.choice(['"x"', "[1]", "null", '{"results": 5}', '{"results": {"stats": 5}}', '{"stats": {"successes": "x"}}'])
    else:
        text = f'{{"results": {{"stats": {{"successes": 3, "failures": 1, "errors": {value}}}, "timestamp": {stamp}}}}}'
    return f"promptfoo:{shape}", text.encode()


def junit_file(rng: random.Random) -> tuple[str, bytes]:
    stamp = rng.choice(["2024-02-30T00:00:00", "nonsense", "9" * 40, "10000-01-01T00:00:00", "NaN", "", "2026-11-20T00:00:00"])
    shape = rng.randrange(5)
    if shape == 0:
        text = f'<testsuite timestamp="{stamp}"><testcase name="a"/><testcase name="b"><failure/></testcase></testsuite>'
    elif shape == 1:
        text = "<a>" * 20_000 + "</a>" * 20_000
    elif shape == 2:
        text = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><testsuite>&a;</testsuite>'
    elif shape == 3:
        text = "<testsuites><testsuite>" + "<testcase/>" * rng.randrange(0, 2000) + "</testsuite></testsuites>"
    else:
        text = rng.choice(["", "<", "not xml", "<testsuite", "\x00\x01", "<testsuite timestamp='\ud800'/>"])
    return f"junit:{shape}", text.encode("utf-8", errors="surrogatepass")


# ---- template overrides --------------------------------------------------------------------


def template_override(rng: random.Random) -> tuple[str, dict[str, bytes]]:
    """Files for a --templates folder: a hostile runbook.md.j2 and/or index.yaml."""
    templates = [
        "{{ 1 / 0 }}", "{{ 1 // 0 }}", "{{ 1 % 0 }}", "{% include 'runbook.md.j2' %}", "{{ [].pop() }}",
        "{% for i in range(10**9) %}x{% endfor %}", "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
        "{{ 'x' * 10**9 }}", "{{ 10 ** 10 ** 10 }}", "{{ ''.__class__.__mro__ }}", "{{ agent.id.__class__ }}",
        "{{ nope }}", "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "{{ agent.id | center(10**9) }}",
        "{% if %}", "{{ }}", "{{ agent.id }", "{{ lipsum(10**6) }}", "{{ 'a' | indent(10**9) }}",
        "{{ range(1, 10) | list | join(',') }}", "{{ agent.id }}\n", "{{ tools | length }}", "{% extends 'runbook.md.j2' %}",
        "{{ '%s' % (1,2) }}", "{{ int('x') }}", "{{ 'x' | int(base=99) }}", "{{ 1e308 * 10 }}", "{{ (2**1000) | float }}",
        "{{ cycler }}", "{% set x = namespace(a=1) %}{% for i in range(100000) %}{% set x.a = x.a ~ 'xxxxxxxxxx' %}{% endfor %}",
    ]
    indexes = [
        "- a\n- b", "procedures: 5", "procedures: [{id: x}]", "procedures: [{id: x, title: y, template: missing.md.j2}]",
        "procedures: [{id: x, title: y, template: ../../../etc/passwd}]", "\xff\xfe bad utf8", "procedures: [unclosed",
        "", "~", "procedures: [{id: x, title: y, template: runbook.md.j2}]", "procedures:\n  - !!python/object:os.system x",
        "procedures: [{id: x, title: y, template: t.md.j2, applies: nonsense}]", "procedures: [[1]]",
        "procedures: [{id: 1, title: [], template: {}}]",
    ]
    files: dict[str, bytes] = {}
    roll = rng.random()
    if roll < 0.6:
        files["runbook.md.j2"] = rng.choice(templates).encode()
    if roll > 0.4:
        raw = rng.choice(indexes)
        files["index.yaml"] = raw.encode("latin-1") if raw.startswith("\xff") else raw.encode()
        if rng.random() < 0.5:
            files["t.md.j2"] = rng.choice(templates).encode()
    return "+".join(sorted(files)), files
