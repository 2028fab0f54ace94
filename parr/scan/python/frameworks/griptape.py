"""griptape (`griptape`): each `@activity` method of a tool class is one tool named `<tool name>_<activity name>`.

What the model sees (griptape/utils/decorators.py, tools/base_tool.py, mixins/activity_mixin.py of
griptape-ai/griptape): `@activity(config={"description": ..., "schema": Schema({...})})` marks a method as an
activity named `config["name"]` or the method's name; a tool's native tool name is `f"{tool.name}_{activity}"`,
`tool.name` defaulting to the class name; the input is the config's schema (None: no parameters), the method the
body. Griptape's own tool classes (griptape.tools) hand the model their activities when an instance is given to
`Agent(tools=[...])` or a task: data generated from the wheel (griptape_builtins.py); MCPTool and the Griptape
Cloud tool list theirs at run time (sites). A `name=` given to an instance, and allowlist/denylist, are not read.
"""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _const_str, _kw
from parr.scan.python.frameworks.spec import Builtin, Framework

_GT = "griptape"
_RUNTIME = "tools listed at run time by an MCP server or Griptape Cloud"
# Python types in a schema that say what goes in, and those that do not.
_TYPES = {"str": "string", "int": "integer", "float": "number", "bool": "boolean", "list": "array"}


def _toolsets() -> dict[str, tuple[Builtin, ...]]:
    from parr.scan.python.frameworks.griptape_builtins import TOOLSETS

    return {cls: tuple(Builtin(_GT, name, mutating=mutating, typed=typed, schema="json_schema", judged=True)
                       for name, mutating, typed in tools) for cls, tools in TOOLSETS.items() if tools}


def _activity(ex, fi):
    """The config of an @activity(config={...}) decorator imported from griptape, or None."""
    for d in fi.node.decorator_list:
        if isinstance(d, ast.Call):
            dotted = ex.dotted(d.func) or ""
            if dotted.rsplit(".", 1)[-1] == "activity" and ex.fw_of_qual(ex.qualify(dotted)) == _GT:
                cfg = _kw(d, "config") or (d.args[0] if d.args else None)
                return cfg if isinstance(cfg, ast.Dict) else ast.Dict(keys=[], values=[])
    return None


def _schema(ex, schema, scope) -> dict:
    """A summary of Schema({Literal("x", description=...): str, Optional("y"): int}) for the judge."""
    if schema is None or (isinstance(schema, ast.Constant) and schema.value is None):
        return {"props": [], "blob": False}  # no schema: an activity without parameters
    if isinstance(schema, ast.Call) and (ex.dotted(schema.func) or "").rsplit(".", 1)[-1] == "Schema" and schema.args:
        inner = schema.args[0]
        if not isinstance(inner, ast.Dict):
            return {"props": [], "blob": True}
        props = []
        for k, v in zip(inner.keys, inner.values):
            key = k
            desc = None
            if isinstance(k, ast.Call) and k.args:  # Literal("x", description=...), Optional("y")
                key, desc = k.args[0], _const_str(_kw(k, "description"))
            name = _const_str(key)
            if name is None:
                return {"props": [], "blob": True}
            type_name = ex.dotted(v) if isinstance(v, (ast.Name, ast.Attribute)) else None
            typ = _TYPES.get((type_name or "").rsplit(".", 1)[-1])
            sub = isinstance(v, (ast.Dict, ast.List, ast.Call, ast.Subscript))
            props.append({"n": name, "t": typ if typ else ("object" if sub else None), "d": desc, "sub": sub})
        return {"props": props, "blob": False}
    if isinstance(schema, ast.Name):
        return {"pydantic": True}  # a pydantic model class (griptape 1.x accepts one)
    return {"props": [], "blob": True}


def _tool_name(ex, ci) -> str:
    """`tool.name`: a literal default given in the class, else the class name."""
    value = ci.attrs.get("name")
    if isinstance(value, ast.Call):
        value = _kw(value, "default")
    return _const_str(value) or ci.name


def _activity_classes(ex) -> None:
    """Each @activity method of a class of this file (or of a base here): one tool of that class."""
    if ex.in_framework(_GT):
        return  # griptape's own tools are data (griptape_builtins.py), reported where a project uses them
    subclassed = {b.rsplit(".", 1)[-1] for c in ex.classes for b in c.bases}
    for ci in ex.classes:
        chain, todo = [], [ci]
        while todo and len(chain) < 8:
            c = todo.pop(0)
            if c not in chain:
                chain.append(c)
                todo.extend(p for p in (ex._local_class(b, c) for b in c.bases) if p is not None)
        acts = {}
        for c in chain:
            for mname, fi in c.methods.items():
                cfg = _activity(ex, fi) if mname not in acts else None
                if cfg is not None:
                    acts[mname] = (fi, cfg)
        if not acts:
            continue
        ci.claimed = True
        if ci.abstract or (ci.name.startswith("Base") and ci.name in subclassed):
            continue  # a base other tool classes here extend: its activities are reported under their names
        tool = _tool_name(ex, ci)
        for mname, (fi, cfg) in acts.items():
            keys = {_const_str(k): v for k, v in zip(cfg.keys, cfg.values) if k is not None}
            act = _const_str(keys.get("name")) or mname
            ex.new_cand(name=f"{tool}_{act}", line=fi.node.lineno, framework=_GT, style="griptape.activity",
                        schema="json_schema", fn=fi, description=_const_str(keys.get("description")),
                        def_line=fi.node.lineno,
                        extra={"jschema": _schema(ex, keys.get("schema"), ci.body_scope), "class_name": ci.name})


FRAMEWORKS = (
    Framework(
        label=_GT,
        roots=("griptape",),
        style_prefix="griptape",
        file_hooks=(_activity_classes,),
        builtin_toolsets=_toolsets(),
        builtin_classes={cls: Builtin(_GT, cls, site=_RUNTIME) for cls in ("MCPTool", "GriptapeCloudToolTool")},
        builtin_class_words=False,
        words=("@activity",),
    ),
)
