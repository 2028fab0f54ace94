"""Project-local tool classes: a class whose `to_param()`-style method returns a model API's tool definition."""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _const_str

# Keys that hold a tool's input schema in the tool definition dicts of the model APIs
# (Anthropic input_schema, OpenAI/Gemini parameters, MCP inputSchema). A dict with "name" and
# one of these is a tool definition; "name" with only "description" is any named record.
SCHEMA_KEYS = ("input_schema", "parameters", "inputSchema")
# Calls that only change a value's static type: cast(BetaToolParam, {...}), ToolParam(**{...}).
_TYPE_ONLY_CALLS = frozenset({"cast", "typing.cast"})


def _dotted(e) -> str:
    parts = []
    while isinstance(e, ast.Attribute):
        parts.append(e.attr)
        e = e.value
    if isinstance(e, ast.Name):
        parts.append(e.id)
        return ".".join(reversed(parts))
    return ""


def _unwrap(e):
    """The dict a return statement builds, through cast(T, {...})."""
    if isinstance(e, ast.Call) and _dotted(e.func) in _TYPE_ONLY_CALLS and len(e.args) == 2:
        return e.args[1]
    return e


def _keys(d: ast.Dict) -> dict[str, ast.AST]:
    return {k: v for k, v in ((_const_str(k) if k is not None else None, v) for k, v in zip(d.keys, d.values)) if k}


def shape_of_dict(d: ast.Dict) -> dict | None:
    """{"name", "description", "schema", "schema_key", "type"} (AST values) when `d` is a tool
    definition: a "name" and an input schema, the OpenAI {"type": "function", "function": {...}}
    wrapper, or a provider's built-in ({"type": "bash_20250124", "name": "bash"})."""
    keys = _keys(d)
    fn = keys.get("function")
    if isinstance(fn, ast.Dict) and _const_str(keys.get("type")) == "function":
        keys = _keys(fn)
    if "name" not in keys:
        return None
    schema_key = next((k for k in SCHEMA_KEYS if k in keys), None)
    if schema_key is None and "type" not in keys:
        return None
    return {"name": keys["name"], "description": keys.get("description"),
            "schema": keys.get(schema_key) if schema_key else None, "schema_key": schema_key,
            "type": keys.get("type") if schema_key is None else None}


def api_shape(cls: ast.ClassDef) -> dict | None:
    """The tool definition a class's own `to_*` method returns (to_param, to_params, to_dict,
    to_tool_param ...), or None. Only `to_*` methods count: they are how a class serialises
    itself, and a tool class's definition is what it hands to the model client."""
    for st in cls.body:
        if not isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef)) or not st.name.startswith("to_"):
            continue
        local: dict[str, ast.AST] = {}  # d = {...}; d["max_uses"] = ...; return d
        for node in ast.walk(st):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                local[node.targets[0].id] = node.value
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
                local[node.target.id] = node.value
        for node in ast.walk(st):
            if isinstance(node, ast.Return) and node.value is not None:
                value = _unwrap(node.value)
                if isinstance(value, ast.Name):
                    value = _unwrap(local.get(value.id))
                if isinstance(value, ast.Dict):
                    shape = shape_of_dict(value)
                    if shape is not None:
                        return shape
    return None


def self_attr(e) -> str | None:
    """`attr` for self.attr / cls.attr (the class's own attribute named in its definition)."""
    if isinstance(e, ast.Attribute) and isinstance(e.value, ast.Name) and e.value.id in ("self", "cls"):
        return e.attr
    return None


def _is_member_definition(e, names: set[str]) -> bool:
    """t.to_params() (or a cast of it) for a loop variable t."""
    e = _unwrap(e)
    return (isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute) and e.func.attr.startswith("to_")
            and isinstance(e.func.value, ast.Name) and e.func.value.id in names)


def serialises_members(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A `to_*` method of a collection that returns its members' own definitions:
    [t.to_params() for t in self.tools], or a loop appending t.to_param() for each member."""
    if not fn.name.startswith("to_"):
        return False
    loop_vars: set[str] = set()
    for node in ast.walk(fn):
        if isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)) and isinstance(node.target, ast.Name):
            loop_vars.add(node.target.id)
    if not loop_vars:
        return False
    for node in ast.walk(fn):
        if isinstance(node, ast.Return) and isinstance(node.value, (ast.ListComp, ast.GeneratorExp)) \
                and _is_member_definition(node.value.elt, loop_vars):
            return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "append" \
                and node.args and _is_member_definition(node.args[0], loop_vars):
            return True
    return False


def serialises_self(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A `to_*` method that returns the class's own tool definition."""
    holder = ast.ClassDef(name="_", bases=[], keywords=[], body=[fn], decorator_list=[])
    return api_shape(holder) is not None


def attr_definition(attrs: dict[str, ast.AST]) -> str | None:
    """The schema key when a class declares its tool definition as class attributes: a literal
    `name`, a `description` and a JSON schema (`input_schema = {"type": "object", ...}`), what a
    base class outside the repository (anthropic-quickstarts' `agents.tools.base.Tool`) turns
    into the definition it sends. None for a class that holds only some of them."""
    if _const_str(attrs.get("name")) is None or "description" not in attrs:
        return None
    for key in SCHEMA_KEYS:
        value = attrs.get(key)
        if isinstance(value, ast.Dict) and {"type", "properties"} & set(_keys(value)):
            return key
    return None
