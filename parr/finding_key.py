"""The stable identity of a finding: what it is about, never the line it sits on."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

# A number standing alone (`3 of 10 runs`, `line 12`, `0.5`), not one inside a name (`s3_upload`).
_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])")
# Quoted text is a name (a tool, a secret, a KPI): kept exactly, numbers and all.
_QUOTED = re.compile(r"('[^'\n]*'|\"[^\"\n]*\"|`[^`\n]*`)")


def message_key(message: str) -> str:
    """The message with free-standing numbers as `#`: a count or a line that moves is the same
    finding; a different tool, field or wording is not."""
    parts = _QUOTED.split(" ".join(message.split()))
    return "".join(part if index % 2 else _NUMBER.sub("#", part) for index, part in enumerate(parts))


def _label(item: Any) -> str | None:
    """How a list item in parr.yaml is named: tools, secrets, KPIs by `name`, waivers by `check`."""
    for attribute in ("name", "id", "check", "entry", "path"):
        value = getattr(item, attribute, None) if not isinstance(item, dict) else item.get(attribute)
        if isinstance(value, str) and value:
            return value
    return None


def field_path(manifest: Any, loc: tuple[str | int, ...]) -> str:
    """`permissions.tools[send_email].gate` for loc ('permissions', 'tools', 3, 'gate'): list
    items by their name where they have one, so reordering the list changes no key."""
    out = ""
    node = manifest
    for part in loc:
        if isinstance(part, int):
            item = None
            if isinstance(node, (list, tuple)) and 0 <= part < len(node):
                item = node[part]
            label = _label(item) if item is not None else None
            out += f"[{label}]" if label is not None else f"[{part}]"
            node = item
        else:
            out += ("." if out else "") + part
            node = node.get(part) if isinstance(node, dict) else getattr(node, part, None)
    return out


def relative_file(file: str, root: Path) -> str:
    """A finding's file relative to the manifest's directory, with `/` (absolute when outside it)."""
    try:
        return Path(os.path.abspath(file)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return Path(file).as_posix()


def finding_key(message: str, *, manifest: Any = None, loc: tuple[str | int, ...] = (), file: str | None = None,
                root: Path | None = None, manifest_file: str | None = None) -> str:
    """`<where> :: <message key>`: where is the field path for a manifest finding, the file for a
    code finding, `parr.yaml` when the check named neither."""
    if file is not None and root is not None and (manifest_file is None or os.path.abspath(file) != os.path.abspath(manifest_file)):
        where = relative_file(file, root)
    elif loc:
        where = field_path(manifest, loc)
    else:
        where = Path(manifest_file).name if manifest_file else "parr.yaml"
    return f"{where} :: {message_key(message)}"
