"""One item's findings folded into groups: a sentence that repeats per tool is one line with its subjects counted."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parr.findings import Finding
from parr.formats.common import where

# A finding that starts with its own location ("parr.yaml:22: ...", the placeholder findings).
_LEAD_LOCATION = re.compile(r"^[^\s:]+:\d+: ")
# The thing a message is about sits in single quotes ("tool 'refund'", "('TODO')"): the word just
# before the first quote names what sort of thing it is.
_QUOTED = re.compile(r"\s*\(?'[^']*'\)?")
_SUBJECT = re.compile(r"(?:^|\s)([A-Za-z][\w-]*) '([^']*)'")
_INDEX = re.compile(r"\[\d+\]")
# parr.verdict's placeholder finding: every placeholder an item reads is one group, by field.
_PLACEHOLDER = re.compile(r"^[^\s:]+:\d+: (\S+) is a placeholder \('.*'\); write the real value$")
PLACEHOLDER_SENTENCE = "placeholders; write the real values"
# Sentences end at a full stop before a capital or a backtick; "e.g." and "i.e." do not end one.
_SENTENCE_END = re.compile(r"(?<!e\.g)(?<!i\.e)\.(?=\s+[A-Z`(])")
_IRREGULAR = {"dependency": "dependencies", "entry": "entries", "policy": "policies", "DRI": "DRIs", "KPI": "KPIs"}


@dataclass
class Group:
    """Findings that say the same thing about different subjects (tools, secrets, manifest lines)."""

    sentence: str  # the shared sentence, subject left out; the whole message when the group has one finding
    noun: str | None  # what the subjects are ("tool"), None when they are places
    subjects: list[tuple[str, str]] = field(default_factory=list)  # (subject, location)
    first_message: str = ""
    first_location: str = ""

    @property
    def count(self) -> int:
        return len(self.subjects)


def is_placeholder_finding(message: str) -> bool:
    """parr.verdict's finding for a placeholder value in a field the check reads."""
    return _PLACEHOLDER.match(message) is not None


def _key(message: str) -> tuple[str, str | None, str | None]:
    """The sentence with its subject and list indices taken out, the noun, and the subject."""
    placeholder = _PLACEHOLDER.match(message)
    if placeholder:
        return PLACEHOLDER_SENTENCE, "placeholder", _INDEX.sub("[*]", placeholder.group(1))
    text = _LEAD_LOCATION.sub("", message)
    match = _SUBJECT.search(text)
    noun, subject = (match.group(1), match.group(2)) if match else (None, None)
    sentence = _INDEX.sub("[*]", _QUOTED.sub("", text)).strip()
    sentence = re.sub(r"\s{2,}", " ", sentence).replace(" ;", ";").replace(" ,", ",")
    return sentence, noun, subject


def group_findings(findings: list[Finding]) -> list[Group]:
    """Group findings by their sentence, keeping first-seen order."""
    groups: dict[tuple[str, str | None], Group] = {}
    for finding in findings:
        sentence, noun, subject = _key(finding.message)
        location = where(finding)
        group = groups.get((sentence, noun))
        if group is None:
            group = groups[(sentence, noun)] = Group(sentence=sentence, noun=noun, first_message=finding.message,
                                                     first_location=location)
        group.subjects.append((subject if subject is not None else location, location))
    return list(groups.values())


def group_lines(groups: list[Group], subjects_shown: int | None) -> list[str]:
    """One line per group: a lone finding as written (with its location when the message lacks one),
    a repeated sentence once with its subjects (`... — 13 tools: a, b, c, +10`), placeholders by field."""
    lines = []
    for group in groups:
        if group.count == 1 and group.noun != "placeholder":
            located = group.first_location and not group.first_message.startswith(group.first_location.rpartition("/")[2])
            lines.append(group.first_message + (f" ({group.first_location})" if located else ""))
        elif group.noun == "placeholder":
            lines.append(subjects_text(group, subjects_shown))
        else:
            lines.append(f"{group.sentence} — {subjects_text(group, subjects_shown)}")
    return lines


def plural_noun(noun: str | None, count: int) -> str:
    word = noun or "place"
    if count == 1:
        return word
    return _IRREGULAR.get(word, word[:-1] + "ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else word + "s")


def _compact_places(places: list[str]) -> list[str]:
    """`parr.yaml:22, :38, :40`: a place in the same file as the one before shows its line only."""
    out, last_file = [], None
    for place in places:
        file, _, line = place.rpartition(":")
        if file and line.isdigit() and file == last_file:
            out.append(f":{line}")
        else:
            out.append(place)
        last_file = file if line.isdigit() else None
    return out


def subjects_text(group: Group, limit: int | None) -> str:
    """`13 tools: a, b, c, +10` (every subject, with its location, when limit is None)."""
    count = group.count
    if group.noun == "placeholder":
        return _placeholders_text(group, limit)
    if group.noun is None:
        names = _compact_places([s for s, _ in group.subjects])
    elif limit is None:
        names = [f"{s} ({loc})" if loc else s for s, loc in group.subjects]
    else:
        names = [s for s, _ in group.subjects]
    shown = names if limit is None else names[:limit]
    rest = count - len(shown)
    return f"{count} {plural_noun(group.noun, count)}: " + ", ".join(shown) + (f", +{rest}" if rest else "")


def _placeholders_text(group: Group, limit: int | None) -> str:
    """`47 placeholders to fill in 2 fields: permissions.tools[*].risk ×34 (parr.yaml:22), ...`."""
    fields: dict[str, list[str]] = {}
    for path, location in group.subjects:
        fields.setdefault(path, []).append(location)
    items = list(fields.items())
    shown = items if limit is None else items[:limit]
    places = _compact_places([p for _, locations in shown for p in (locations if limit is None else locations[:1])])
    parts, at = [], 0
    for path, locations in shown:
        taken = len(locations) if limit is None else 1
        parts.append(f"{path}{f' ×{len(locations)}' if len(locations) > 1 else ''} ({', '.join(places[at:at + taken])})")
        at += taken
    rest = len(items) - len(shown)
    spread = f" in {len(items)} fields" if group.count > len(items) > 1 else ""
    return (f"{group.count} {plural_noun('placeholder', group.count)} to fill{spread}: " + ", ".join(parts)
            + (f", +{rest} more fields" if rest else ""))


def first_sentence(text: str) -> str:
    """The one-line fix: a remediation's first sentence."""
    match = _SENTENCE_END.search(text)
    return text[: match.start() + 1] if match else text
