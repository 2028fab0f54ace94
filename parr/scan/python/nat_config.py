"""NeMo Agent Toolkit workflow configs (YAML, as data): which key each function type is bound under, and which keys agents list as tools."""

from __future__ import annotations

import posixpath
from pathlib import PurePosixPath

from parr.errors import ParrInputError

# A workflow config names components by `_type` and hands agents their tools by key in
# `tool_names`; a YAML file without `_type:` names no NAT component and is only indexed (one that
# uses a type only as its workflow still says the type is no tool).
_SECTIONS = {"functions": "fn", "function_groups": "group"}
_SEPARATOR = "__"  # nat.builder.function.FunctionGroup.SEPARATOR


def is_config_path(rel_path: str) -> bool:
    """A YAML file where NAT projects keep workflow configs (`configs/x.yml`, `config.yml`,
    `eval_config.yaml`): other YAML (CI, compose, data) is not read at all, so its size or bytes
    never count as something the scan could not read."""
    if not rel_path.endswith((".yml", ".yaml")):
        return False
    parts = rel_path.split("/")
    name = parts[-1].lower()
    return "config" in name or "workflow" in name or any(p in ("configs", "config") for p in parts[:-1])


def worth_reading(source: bytes) -> bool:
    return b"_type:" in source


def _tool_names(data, out: set[str], depth: int = 0) -> None:
    """Every string listed under a `tool_names` key, at any depth (the workflow's, a sub-agent's)."""
    if depth > 32:
        return
    if isinstance(data, dict):
        for k, v in data.items():
            if k == "tool_names" and isinstance(v, list):
                out.update(x for x in v if isinstance(x, str))
            else:
                _tool_names(v, out, depth + 1)
    elif isinstance(data, list):
        for v in data:
            _tool_names(v, out, depth + 1)


def _all_types(data, out: set[str], depth: int = 0) -> None:
    if depth > 32:
        return
    if isinstance(data, dict):
        t = data.get("_type")
        if isinstance(t, str):
            out.add(t)
        for v in data.values():
            _all_types(v, out, depth + 1)
    elif isinstance(data, list):
        for v in data:
            _all_types(v, out, depth + 1)


def read_config(text: str, label: str) -> dict | None:
    """The facts of one workflow config: `bound` [section, key, type, include] for each entry of
    `functions:` / `function_groups:`, `listed` the keys agents take as tools, `types` every
    `_type` the config uses; None for YAML that is no NAT config (or does not parse: it is data,
    and a broken one hands no tool to a model)."""
    from parr.yamlsafe import load_yaml_text

    try:
        data = load_yaml_text(text, PurePosixPath(label)).data  # type: ignore[arg-type]
    except (ParrInputError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    bound = []
    for section, kind in _SECTIONS.items():
        entries = data.get(section)
        if not isinstance(entries, dict):
            continue
        for key, body in entries.items():
            if isinstance(key, str) and isinstance(body, dict) and isinstance(body.get("_type"), str):
                include = body.get("include")
                include = [x for x in include if isinstance(x, str)] if isinstance(include, list) else None
                own: set[str] = set()
                _tool_names(body, own)  # an agent function's own tools (its sub-agent drives them)
                bound.append([kind, key, body["_type"], include, sorted(own)])
    types: set[str] = set()
    _all_types(data, types)
    if not types:
        return None
    listed: set[str] = set()
    _tool_names(data, listed)
    return {"bound": bound, "listed": sorted(listed), "types": sorted(types)}


def _type_matches(declared: str, kind: str) -> bool:
    """`_type: nat_adk_demo/weather_update` or `_type: weather_update` for a config class
    declared `name="weather_update"` (NAT's full type is `<package>/<name>`; the bare name is accepted)."""
    return declared == kind or declared.rsplit("/", 1)[-1] == kind


def _shared_depth(a: str, b: str) -> int:
    n = 0
    for x, y in zip(posixpath.dirname(a).split("/"), posixpath.dirname(b).split("/")):
        if x != y:
            break
        n += 1
    return n


def _listed_names(c: dict, kind: str, fn: str | None) -> list[str]:
    """The names one config hands agents for a function type (or a group type's function `fn`)."""
    listed = set(c["listed"])
    names = []
    for section, key, declared, include, _own in c["bound"]:
        if not _type_matches(declared, kind) or section != ("group" if fn else "fn"):
            continue
        if fn is None:
            if key in listed:
                names.append(key)
            continue
        name = f"{key}{_SEPARATOR}{fn}"
        if (include is None or fn in include) and (name in listed or key in listed):
            names.append(name)
    return names


def _own_tools(c: dict, name: str) -> list[str]:
    return next((own for _s, key, _d, _i, own in c["bound"] if key == name), [])


class Configs:
    """The repository's NAT workflow configs, to name the functions its code registers."""

    def __init__(self, facts_by_path: dict) -> None:
        self.configs = [(p, c) for p, f in facts_by_path.items()
                        for c in ((f or {}).get("nat_configs") or ()) if isinstance(c, dict)]
        self.drives: dict[tuple[str, str], set[str]] = {}  # (file, tool) -> the tools its agent runs

    def names(self, ref: str, path: str) -> tuple[list[str] | None, str | None]:
        """The names the model sees for a registration `nat:TYPE` (a function) or `nat:TYPE:FN`
        (a function group's), from the configs nearest `path` that use the type; (None, reason)
        when no config of the repository uses it (the key, so the name, is given elsewhere)."""
        parts = ref.split(":")
        kind, fn = parts[1], (parts[2] if len(parts) > 2 else None)
        using = [(p, c) for p, c in self.configs if any(_type_matches(t, kind) for t in c["types"])]
        if not using:
            return None, (f"NAT {'function group' if fn else 'function'} type {kind}: no workflow config "
                          "in the repository uses it; the model sees it under the key a config gives it")
        # The configs nearest the code first (its own package's); when none of them hands the
        # function to an agent, the next nearest that does (another example's workflow reusing it).
        by_depth: dict[int, list[dict]] = {}
        for p, c in using:
            by_depth.setdefault(_shared_depth(p, path) if p != path else 1 << 20, []).append(c)
        names: list[str] = []
        for depth in sorted(by_depth, reverse=True):
            for c in by_depth[depth]:
                for name in _listed_names(c, kind, fn):
                    names.append(name)
                    self.drives.setdefault((path, name), set()).update(_own_tools(c, name))
            if names:
                break
        return sorted(set(names)), None

    def settle_drivers(self, records: list) -> list:
        """A NAT agent function whose config entry lists its own tool_names runs an agent over
        those tools: it changes state when one of them does (found among `records`)."""
        if not self.drives:
            return records
        # the tools a config names are those its package registers: the same file or folder
        mutating = {(posixpath.dirname(r.file), r.name): r for r in records if r.mutating and r.framework == "nvidia-nat"}
        out = []
        for r in records:
            here = posixpath.dirname(r.file)
            subs = sorted(n for n in self.drives.get((r.file, r.name), ()) if (here, n) in mutating) \
                if r.framework == "nvidia-nat" and not r.mutating else []
            if subs:
                r = r.model_copy(update={
                    "mutating": True,
                    "evidence": (f"runs an agent over tools that change state ({', '.join(subs)})", *r.evidence),
                    "capabilities": tuple(dict.fromkeys((*r.capabilities, *(c for s in subs
                                                                             for c in mutating[here, s].capabilities)))),
                })
            out.append(r)
        return out
