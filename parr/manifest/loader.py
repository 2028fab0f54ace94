"""Reading `parr.yaml`: every validation problem at once, each with its line and what to change."""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from parr.errors import ParrInputError
from parr.manifest.models import API_VERSION, Manifest
from parr.manifest.placeholders import Placeholder, walk as walk_placeholders
from parr.yamlsafe import Loc, YamlDocument, load_yaml

MANIFEST_NAME = "parr.yaml"

_EXPECTED = {
    "string_type": "a string",
    "int_type": "an integer",
    "int_parsing": "an integer",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "a date (YYYY-MM-DD)",
}


@dataclass(frozen=True)
class LoadedManifest:
    """A validated manifest with where it came from, so findings can point at its lines."""

    path: Path
    manifest: Manifest
    document: YamlDocument
    # Values nobody has decided yet (TODO, <queue>, @TODO, example.com), with their lines: a check
    # that reads one fails (parr.verdict). In a field that is not text they are left out of
    # `manifest`, so the draft `parr init` writes loads, and the check still fails on the line.
    placeholders: tuple[Placeholder, ...] = ()

    @property
    def root(self) -> Path:
        return self.path.parent

    def line_of(self, *loc: str | int) -> int | None:
        return self.document.line_of(tuple(loc))

    def resolve(self, relative: str) -> Path:
        """A path from the manifest, relative to its directory; kept as typed (not made absolute)
        so findings show it the way the user wrote the command."""
        return self.root / relative


def find_manifest(path: Path, manifest: Path | None = None) -> Path:
    """The manifest for PATH: --manifest wins, else PATH itself if a file, else PATH/parr.yaml."""
    if manifest is not None:
        return manifest
    if path.is_file():
        return path
    if not path.exists():
        raise ParrInputError(f"{path}: no such file or directory.")
    candidate = path / MANIFEST_NAME
    if not candidate.is_file():
        raise ParrInputError(
            f"{path}: no {MANIFEST_NAME} here; run `parr init {path}` to draft one, or pass --manifest FILE."
        )
    return candidate


def load_manifest(path: Path) -> LoadedManifest:
    document = load_yaml(path, what="manifest")
    data = document.data
    if not isinstance(data, dict):
        raise ParrInputError(f"{path}:1: the manifest must be a mapping with apiVersion, agent, ...")
    version = data.get("apiVersion")
    if version is None:
        raise ParrInputError(f"{path}:1: missing 'apiVersion'; add `apiVersion: {API_VERSION}` at the top.")
    if version != API_VERSION:
        line = document.line_of(("apiVersion",))
        raise ParrInputError(
            f"{path}:{line}: apiVersion {_show(version)} is not supported; this parr reads '{API_VERSION}'."
        )
    found = list(walk_placeholders(data))
    placeholders = tuple(Placeholder(path=p, line=document.line_of(p), value=v) for p, v in found)
    manifest = _validate(path, document, data, {p for p, _ in found})
    return LoadedManifest(path=path, manifest=manifest, document=document, placeholders=placeholders)


def _validate(path: Path, document: YamlDocument, data: Any, placeholder_paths: set[tuple]) -> Manifest:
    """The manifest model; a placeholder a typed field rejects (timeout: TODO) is left out and
    validation runs again. Every other problem is bad input, all reported at once."""
    dropped: set[tuple] = set()
    while True:
        try:
            return Manifest.model_validate(data)
        except ValidationError as exc:
            errors = exc.errors()
            real = [e for e in errors if not _at_placeholder(tuple(e["loc"]), placeholder_paths)]
            more = {_placeholder_of(tuple(e["loc"]), placeholder_paths) for e in errors} - {None} - dropped
            if real or not more:
                # A required field holding a placeholder is reported like any other problem.
                shown = real or errors
                described = [_describe(path, document, err) for err in shown]
                problems = [text for _, text in sorted(described, key=lambda d: d[0])]
                raise ParrInputError(problems[0], problems) from None
            dropped |= more
            data = _without(data, dropped)


def _placeholder_of(loc: tuple, paths: set[tuple]) -> tuple | None:
    """The placeholder path a validation error's location sits on (pydantic may add a union tag)."""
    return next((p for p in paths if loc[:len(p)] == p), None)


def _at_placeholder(loc: tuple, paths: set[tuple]) -> bool:
    return any(loc[:len(p)] == p for p in paths)


def _without(data: Any, drop: set[tuple], path: tuple = ()) -> Any:
    """A copy of the YAML data without the values at the given paths."""
    if isinstance(data, dict):
        return {k: _without(v, drop, path + (k,)) for k, v in data.items() if path + (k,) not in drop}
    if isinstance(data, list):
        return [_without(v, drop, path + (i,)) for i, v in enumerate(data) if path + (i,) not in drop]
    return data


def _describe(path: Path, document: YamlDocument, err: Any) -> tuple[int, str]:
    loc: Loc = tuple(err["loc"])
    line = document.line_of(loc)
    return line or 0, _sentence(path, line, loc, err)


def _sentence(path: Path, line: int | None, loc: Loc, err: Any) -> str:
    where = f"{path}:{line}" if line else str(path)
    dotted = _dotted(loc)
    kind = err["type"]
    if kind == "extra_forbidden":
        key = str(loc[-1])
        parent = _dotted(loc[:-1]) or "the top level"
        allowed = _allowed_keys(loc[:-1])
        hint = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        suggestion = f"did you mean '{hint[0]}'?" if hint else f"allowed keys: {', '.join(sorted(allowed))}."
        return f"{where}: unknown key '{key}' in {parent}; {suggestion}"
    if kind == "missing":
        parent = _dotted(loc[:-1]) or "the top level"
        return f"{where}: {parent} is missing the required key '{loc[-1]}'."
    if kind in ("enum", "literal_error"):
        expected = err.get("ctx", {}).get("expected", "")
        return f"{where}: {dotted} is {_show(err.get('input'))}; expected {expected}."
    if kind in _EXPECTED:
        return f"{where}: {dotted} should be {_EXPECTED[kind]}, not {_show(err.get('input'))}."
    message = err["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, "):]
    return f"{where}: {dotted or 'manifest'}: {message[0].lower() + message[1:]}."


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _show(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _allowed_keys(loc: Loc) -> list[str]:
    """The keys the model accepts at `loc`, walking the pydantic models along the path."""
    current: Any = Manifest
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else Any
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = next(
                (f for name, f in current.model_fields.items() if part in (name, f.alias)), None
            )
            current = field.annotation if field else Any
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _unwrap(tp: Any) -> Any:
    """Optional[X] -> X, so the walk sees the model inside."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        models = [a for a in args if isinstance(a, type) and (issubclass(a, (BaseModel, Enum)))]
        return models[0] if models else (args[0] if args else tp)
    return tp
