"""Declarative checklist rules: an organisation's own checks, written as data instead of Python."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from parr.checklist import Rule
from parr.checks.base import Fail, Pass, Result
from parr.facts import Facts

_MISSING = object()


def _walk(data: Any, parts: list[str], loc: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """Yield (loc, value) for every value the dotted path reaches; `[*]` fans out over list items."""
    if not parts:
        yield loc, data
        return
    head, rest = parts[0], parts[1:]
    fan_out = head.endswith("[*]")
    key = head[:-3] if fan_out else head
    value = data.get(key, _MISSING) if isinstance(data, dict) else _MISSING
    if value is _MISSING or value is None:
        yield loc + (key,), _MISSING
        return
    if fan_out:
        for index, item in enumerate(value if isinstance(value, list) else []):
            yield from _walk(item, rest, loc + (key, index))
        return
    yield from _walk(value, rest, loc + (key,))


def _matches_where(facts_data: Any, loc: tuple[str | int, ...], where: dict[str, Any] | None) -> bool:
    if not where:
        return True
    # The item the condition is about is the deepest list element on the path.
    item: Any = facts_data
    owner: Any = None
    for part in loc:
        item = item[part] if isinstance(item, (dict, list)) else None
        if isinstance(part, int):
            owner = item
    if not isinstance(owner, dict):
        return True
    return all(owner.get(k) == v for k, v in where.items())


def evaluate_rule(rule: Rule, facts: Facts) -> Iterator[Result]:
    # The YAML as written: "must be present" means the user wrote it, not that a default exists.
    data = facts.loaded.document.data
    checked = 0
    for loc, value in _walk(data, rule.path.split("."), ()):
        if value is not _MISSING and not _matches_where(data, loc, rule.where):
            continue
        checked += 1
        shown = ".".join(str(p) for p in loc)
        if value is _MISSING:
            if rule.present:
                yield Fail(f"{shown} is not set", loc=loc)
            continue
        if rule.present is False:
            yield Fail(f"{shown} must not be set", loc=loc)
        if rule.equals is not None and value != rule.equals:
            yield Fail(f"{shown} is {value!r}, expected {rule.equals!r}", loc=loc)
        if rule.one_of is not None and value not in rule.one_of:
            yield Fail(f"{shown} is {value!r}, expected one of {rule.one_of!r}", loc=loc)
        if rule.max is not None and (not isinstance(value, (int, float)) or value > rule.max):
            yield Fail(f"{shown} is {value!r}, must be at most {rule.max:g}", loc=loc)
        if rule.min is not None and (not isinstance(value, (int, float)) or value < rule.min):
            yield Fail(f"{shown} is {value!r}, must be at least {rule.min:g}", loc=loc)
        if rule.min_items is not None and (not isinstance(value, list) or len(value) < rule.min_items):
            count = len(value) if isinstance(value, list) else 0
            yield Fail(f"{shown} has {count} item(s), needs at least {rule.min_items}", loc=loc)
        if rule.matches is not None and (not isinstance(value, str) or not re.search(rule.matches, value)):
            yield Fail(f"{shown} is {value!r}, must match /{rule.matches}/", loc=loc)
    if checked:
        yield Pass(f"{rule.path} checked")
