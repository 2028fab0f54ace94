"""Loading YAML from untrusted files: safe tags only, bounded size and expansion, a line for every key."""

from __future__ import annotations

import math
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from parr.errors import ParrInputError

MAX_YAML_BYTES = 2 * 1024 * 1024
# Counts nodes as visited through aliases too, so an alias bomb stops long before it costs memory.
MAX_YAML_NODES = 200_000

# Far deeper than any parr file; PyYAML's scanner slows quadratically with flow nesting ([[[...]]]),
# so deeper input is refused while scanning, before it costs seconds.
MAX_YAML_DEPTH = 64

Loc = tuple[str | int, ...]
_COLLECTION_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str": "a string",
    "tag:yaml.org,2002:int": "an integer",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true or false",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:timestamp": "a date or time (YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SSZ)",
}
_NUMBER_TAGS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})
MAX_NUMBER_CHARS = 100
# Integers beyond 64 bits serve no setting in a parr file and only feed overflows downstream.
MAX_YAML_INT = 2**63 - 1


@dataclass
class YamlDocument:
    """Plain Python data plus the line (1-based) where every mapping key and sequence item starts."""

    path: Path
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Loc) -> int | None:
        """The line of `loc`, or of its nearest ancestor that has one."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return None


class _DepthError(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader that stops at the first collection nested deeper than MAX_YAML_DEPTH."""

    def fetch_flow_collection_start(self, token_class: Any) -> None:
        if self.flow_level >= MAX_YAML_DEPTH:
            raise _DepthError(self.line + 1)
        super().fetch_flow_collection_start(token_class)  # type: ignore[misc]


# libyaml composes nodes about ten times faster than the pure-Python parser (which dominates loading
# a manifest) and has its own flow-nesting limit; the Python loader is the fallback without it.
_LOADER: type = getattr(yaml, "CSafeLoader", None) or _BoundedLoader


class _Builder:
    def __init__(self, loader: Any, path: Path) -> None:
        self.loader = loader
        self.path = path
        self.lines: dict[Loc, int] = {}
        self.visited = 0

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.visited += 1
        if self.visited > MAX_YAML_NODES:
            raise ParrInputError(
                f"{self.path}: the YAML expands to more than {MAX_YAML_NODES} nodes "
                "(aliases nested too deep?); write it out without anchors and aliases."
            )
        if len(loc) > MAX_YAML_DEPTH:
            raise _DepthError(node.start_mark.line + 1)
        self.lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _COLLECTION_TAGS:
            raise ParrInputError(
                f"{self.path}:{node.start_mark.line + 1}: the YAML tag {node.tag} is not allowed; "
                "use plain mappings and lists."
            )
        if isinstance(node, yaml.MappingNode):
            self.loader.flatten_mapping(node)
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else key_node
                if not isinstance(key, (str, int, float, bool)) and key is not None:
                    raise ParrInputError(
                        f"{self.path}:{key_node.start_mark.line + 1}: a mapping key must be a "
                        "plain scalar; quote it or restructure the mapping."
                    )
                if key in out:
                    raise ParrInputError(
                        f"{self.path}:{key_node.start_mark.line + 1}: key '{key}' appears twice "
                        f"in the same mapping (first at line {self.lines[loc + (key,)]}); keep one."
                    )
                self.lines[loc + (key,)] = key_node.start_mark.line + 1
                out[key] = self.build(value_node, loc + (key,))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, loc + (i,)) for i, item in enumerate(node.value)]
        return self.scalar(node)

    def scalar(self, node: yaml.Node) -> Any:
        """One scalar, converted as its tag says; a value the tag cannot hold is an error at its line.

        PyYAML resolves the tag first (`!!int foo`, `2024-02-30` as a timestamp) and only then
        converts, raising whatever the conversion raises; that becomes one sentence here.
        """
        where = f"{self.path}:{node.start_mark.line + 1}"
        expected = _SCALAR_TAGS.get(node.tag)
        if expected is None:
            raise ParrInputError(f"{where}: the YAML tag {node.tag} is not allowed; use a plain value.")
        if node.tag in _NUMBER_TAGS and len(node.value) > MAX_NUMBER_CHARS:
            # Converting long sexagesimal numbers (1:2:3:...) costs quadratic time: refuse before.
            raise ParrInputError(f"{where}: a number of {len(node.value)} characters is too long; write a smaller one.")
        try:
            value = self.loader.construct_object(node, deep=True)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
            raise ParrInputError(
                f"{where}: {_shown(node.value)} is not {expected}; quote it to make it a string, or fix the value."
            ) from None
        if isinstance(value, float) and not math.isfinite(value):
            raise ParrInputError(f"{where}: {_shown(node.value)} is not a finite number; write a number.")
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_YAML_INT:
            raise ParrInputError(f"{where}: the number is larger than 2^63; write a smaller one.")
        return value


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def load_yaml(path: Path, *, what: str = "file") -> YamlDocument:
    """Read one YAML document from `path`; every problem becomes a ParrInputError with a line."""
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise ParrInputError(f"{path}: is a directory, expected a YAML {what}.")
        if not stat.S_ISREG(mode):
            # A FIFO blocks forever and /dev/zero never ends: only regular files are read.
            raise ParrInputError(f"{path}: is not a regular file (a pipe or a device?); expected a YAML {what}.")
        with open(path, "rb") as handle:
            raw = handle.read(MAX_YAML_BYTES + 1)
    except FileNotFoundError:
        raise ParrInputError(f"{path}: no such {what}.") from None
    except ValueError:
        raise ParrInputError(f"{path}: the path holds a NUL byte.") from None
    except OSError as exc:
        raise ParrInputError(f"{path}: cannot read it ({exc.strerror or type(exc).__name__}).") from None
    if len(raw) > MAX_YAML_BYTES:
        raise ParrInputError(f"{path}: too large for a {what} (limit {MAX_YAML_BYTES} bytes).")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParrInputError(
            f"{path}: byte {exc.start} is not valid UTF-8; save the {what} as UTF-8."
        ) from None
    return load_yaml_text(text, path, what=what)


def load_yaml_text(text: str, path: Path, *, what: str = "file") -> YamlDocument:
    """One YAML document from text already read (`path` names it in messages), as load_yaml reads a file."""
    try:
        # The pure-Python reader refuses control characters when it is made, libyaml while parsing.
        loader = _LOADER(text)
    except yaml.reader.ReaderError as exc:
        raise _reader_error(path, text, exc) from None
    try:
        node = loader.get_single_node()
        if node is None:
            raise ParrInputError(f"{path}: the {what} is empty.")
        builder = _Builder(loader, path)
        data = builder.build(node, ())
    except yaml.reader.ReaderError as exc:
        raise _reader_error(path, text, exc) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        problem = exc.problem or exc.context or "invalid YAML"
        raise ParrInputError(f"{path}{line}: YAML syntax error: {problem}.") from None
    except yaml.YAMLError as exc:
        raise ParrInputError(f"{path}: YAML error: {' '.join(str(exc).split())}.") from None
    except _DepthError as exc:
        raise ParrInputError(
            f"{path}:{exc.line}: the YAML is nested more than {MAX_YAML_DEPTH} levels deep; flatten it."
        ) from None
    except RecursionError:
        # Only aliases that refer to themselves get here: depth is bounded above.
        raise ParrInputError(f"{path}: the YAML is nested too deeply (an alias inside its own anchor?).") from None
    finally:
        loader.dispose()
    return YamlDocument(path=path, data=data, lines=builder.lines)


def _reader_error(path: Path, text: str, exc: yaml.reader.ReaderError) -> ParrInputError:
    position = exc.position if isinstance(exc.position, int) else 0
    line = text.count("\n", 0, max(position, 0)) + 1
    code = exc.character if isinstance(exc.character, int) else 0
    return ParrInputError(
        f"{path}:{line}: control character U+{code:04X} is not allowed in YAML; remove it "
        "(or write it as an escape inside a double-quoted string)."
    )
