"""Loading YAML from untrusted files: safe tags only, bounded size and expansion, a line for every key."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from parr.errors import ParrInputError

MAX_YAML_BYTES = 2 * 1024 * 1024
# Counts nodes as visited through aliases too, so an alias bomb stops long before it costs memory.
MAX_YAML_NODES = 200_000

Loc = tuple[str | int, ...]
_COLLECTION_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})


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


class _Builder:
    def __init__(self, loader: yaml.SafeLoader, path: Path) -> None:
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
                key = self.loader.construct_object(key_node, deep=True)
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
        return self.loader.construct_object(node, deep=True)


def load_yaml(path: Path, *, what: str = "file") -> YamlDocument:
    """Read one YAML document from `path`; every problem becomes a ParrInputError with a line."""
    try:
        if path.is_dir():
            raise ParrInputError(f"{path}: is a directory, expected a YAML {what}.")
        size = path.stat().st_size
    except FileNotFoundError:
        raise ParrInputError(f"{path}: no such {what}.") from None
    except OSError as exc:
        raise ParrInputError(f"{path}: cannot read it ({exc.strerror}).") from None
    if size > MAX_YAML_BYTES:
        raise ParrInputError(f"{path}: {size} bytes is too large for a {what} (limit {MAX_YAML_BYTES}).")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParrInputError(
            f"{path}: byte {exc.start} is not valid UTF-8; save the {what} as UTF-8."
        ) from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ParrInputError(f"{path}: the {what} is empty.")
        builder = _Builder(loader, path)
        data = builder.build(node, ())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        problem = exc.problem or exc.context or "invalid YAML"
        raise ParrInputError(f"{path}{line}: YAML syntax error: {problem}.") from None
    except yaml.YAMLError as exc:
        raise ParrInputError(f"{path}: YAML error: {exc}.") from None
    except RecursionError:
        raise ParrInputError(f"{path}: the YAML is nested too deeply.") from None
    finally:
        loader.dispose()
    return YamlDocument(path=path, data=data, lines=builder.lines)
