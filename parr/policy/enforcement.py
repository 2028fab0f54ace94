"""Where the code asks the policy: the manifest's `policies.enforcement_points`, each verified in its file.

An entry is `FILE:FUNCTION` (`src/gate.py:authorize`, `src/policy.ts:PolicyGate.check`): the file must
lie inside the repository and define the function (Python `def`, TypeScript/JavaScript `function`,
a method, or a function assigned to a name). A claim parr cannot verify is not an enforcement point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parr.manifest.loader import LoadedManifest

MAX_SOURCE_BYTES = 2 * 1024 * 1024
_PY_SUFFIXES = (".py", ".pyi")


@dataclass(frozen=True)
class EnforcementPoint:
    entry: str  # as written in parr.yaml
    index: int  # position under policies.enforcement_points
    line: int | None = None  # where the function is defined, when found
    problem: str | None = None  # why it does not count, when it does not

    @property
    def verified(self) -> bool:
        return self.problem is None


def _definition(name: str, python: bool) -> re.Pattern[str]:
    word = re.escape(name)
    if python:
        return re.compile(rf"^[ \t]*(?:async[ \t]+)?def[ \t]+{word}[ \t]*\(", re.M)
    # Bounded repetitions: the file is the repository's, and must not make the search backtrack for minutes.
    return re.compile(
        rf"(?:\bfunction\*?[ \t]+{word}[ \t]*[<(]"  # function name(
        rf"|^[ \t]*(?:(?:public|private|protected|static|async|export|readonly)[ \t]+){{0,4}}{word}[ \t]*[<(][^;\n{{}}]{{0,400}}\)[^;\n{{}}]{{0,200}}\{{"  # method
        rf"|\b(?:const|let|var)[ \t]+{word}[ \t]*(?::[^=\n]{{1,200}})?=[ \t]*(?:async[ \t]*)?"
        rf"(?:function\b|\([^)\n]{{0,400}}\)[^=\n]{{0,200}}=>|[A-Za-z_$][\w$]{{0,100}}[ \t]*=>))",
        re.M,
    )


def verify(loaded: LoadedManifest, entry: str, index: int) -> EnforcementPoint:
    file, sep, function = entry.rpartition(":")
    if not sep or not file.strip() or not function.strip():
        return EnforcementPoint(entry, index, problem="write it as FILE:FUNCTION, e.g. src/gate.py:authorize")
    name = function.strip().split(".")[-1]
    root = loaded.root.resolve()
    try:
        path = (root / file.strip()).resolve()
        path.relative_to(root)
    except (ValueError, OSError):
        return EnforcementPoint(entry, index, problem=f"{file} is outside the repository")
    try:
        if not path.is_file():
            return EnforcementPoint(entry, index, problem=f"{file} does not exist")
        if path.stat().st_size > MAX_SOURCE_BYTES:
            return EnforcementPoint(entry, index, problem=f"{file} is larger than parr reads")
        text = path.read_text("utf-8", errors="replace")
    except OSError as exc:
        return EnforcementPoint(entry, index, problem=f"cannot read {file} ({exc.strerror})")
    match = _definition(name, path.suffix in _PY_SUFFIXES).search(text)
    if match is None:
        return EnforcementPoint(entry, index, problem=f"{file} defines no function '{name}'")
    return EnforcementPoint(entry, index, line=text.count("\n", 0, match.start()) + 1)


MAX_ENTRIES = 100


def read_enforcement_points(loaded: LoadedManifest) -> tuple[EnforcementPoint, ...]:
    entries = loaded.manifest.policies.enforcement_points
    checked = [verify(loaded, entry, i) for i, entry in enumerate(entries[:MAX_ENTRIES])]
    checked += [EnforcementPoint(entry, i, problem=f"parr checks the first {MAX_ENTRIES} entries only")
                for i, entry in enumerate(entries[MAX_ENTRIES:], start=MAX_ENTRIES)]
    return tuple(checked)
