"""effects_kb.shell_script: a shell script's commands, judged as reads or changes (text only, never run)."""

from __future__ import annotations

import pytest

from parr.scan.effects_kb.shell_script import commands, read_script


@pytest.mark.parametrize("text", [
    'main() {\n  local d=$(realpath "$1")\n  find "$d" -type f -name "*.py" | wc -l\n}\nmain "$@"\n',
    'grep -nH -- "$1" "$2" | cut -d: -f1 | sort | uniq -c 2>/dev/null\n',
    "echo \"$(sed -n \"${n}p\" \"$f\")\" >&2\n",
    "awk '{sum+=$1} END {print sum}' counts.txt\n",
    "git log --oneline -5\n",
    "cat <<'EOF'\nrm -rf /\nEOF\n",
    "find . -name '*.md' -exec grep -l TODO {} +\n",
    "if [ -z \"$1\" ]; then echo usage; exit 1; fi\nIFS=: read -r a b <<< \"$1\"\n",
])
def test_reads(text: str) -> None:
    r = read_script(text)
    assert r.writes == [] and r.calls == [], r


@pytest.mark.parametrize("text,evidence", [
    ("git add -A\n", "git add"),
    ("echo hi > out.txt\n", "writes into a file"),
    ("sed -i 's/a/b/' f.txt\n", "sed"),
    ("find . -name '*.pyc' -delete\n", "-delete"),
    ("find . -name '*.tmp' -exec rm {} \\;\n", None),
    ("ls | xargs rm -f\n", None),
    ("awk '{print > \"out\"}' in\n", "awk"),
    ("cmd=$1\n$cmd --force\n", "made at run time"),
    ("eval \"$1\"\n", "runs code"),
    ("ls | tee listing.txt\n", "tee"),
])
def test_writes_or_unknown(text: str, evidence: str | None) -> None:
    r = read_script(text)
    assert r.writes or r.calls, r
    if evidence is not None:
        assert any(evidence in w for w in r.writes), r.writes


def test_unknown_programs_are_calls_to_settle() -> None:
    r = read_script("x=$(_read_env CURRENT_FILE)\necho \"$x\"\n")
    assert r.calls == ["_read_env"] and r.writes == []


def test_functions_and_substitutions_are_split_into_commands() -> None:
    words = [c.words for c in commands('f() {\n  echo "$(date)" | grep 2024\n}\nf\n') if not c.defines]
    assert ["date"] in words and ["grep", "2024"] in words
