"""Project-local tool classes: a class whose `to_param()`-style method returns a model API's tool definition."""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _const_str, statements, walk

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
    to_tool_param ...), or its `function` property (Qwen-Agent's BaseTool.function, the
    {"name", "description", "parameters"} its agents hand the model, also where a project keeps
    a copy of that base), or None. Only these count: they are how a class serialises itself, and
    a tool class's definition is what it hands to the model client."""
    for st in cls.body:
        if not isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef)) or not (st.name.startswith("to_") or (
                st.name == "function" and any(isinstance(d, ast.Name) and d.id == "property" for d in st.decorator_list))):
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


def _returned(fn) -> list:
    """What a function returns: each return's value, through cast(T, ...) and a local name bound to it."""
    local: dict[str, ast.AST] = {}
    nodes = walk(fn)  # (one list for both passes: most classes' methods are read here, on every file)
    returns = []
    for node in nodes:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            local[node.targets[0].id] = node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            local[node.target.id] = node.value
        elif isinstance(node, ast.Return):
            returns.append(node)
    out = []
    for node in returns:
        if node.value is not None:
            value = _unwrap(node.value)
            if isinstance(value, ast.Name):
                value = _unwrap(local.get(value.id))
            if value is not None:
                out.append(value)
    return out


def definition_maker(fn) -> str | None:
    """The schema key when a module function builds a tool definition whose name is one of its own
    parameters (`def format_tool(tool_name, tool_description, tool_parameters): return {"type":
    "function", "function": {"name": tool_name, ..., "parameters": {...}}}`): what a tool class's
    method hands its own name to, to serialise itself."""
    a = fn.args
    params = {x.arg for x in a.posonlyargs + a.args + a.kwonlyargs}
    for value in _returned(fn):
        if isinstance(value, ast.Dict):
            shape = shape_of_dict(value)
            if shape is not None and shape["schema_key"] and isinstance(shape["name"], ast.Name) \
                    and shape["name"].id in params:
                return shape["schema_key"]
    return None


def self_definition(cls: ast.ClassDef) -> tuple[str | None, list[str]]:
    """How a class describes itself to a model through a method of any name (HolmesGPT's
    `Tool.get_openai_format()`), beside the `to_*` methods api_shape reads: (schema key, callees).
    The key when a method returns a tool definition dict named by the object's own attribute
    ({"name": self.name, "parameters": ...}); the callees (dotted, as written) when a method returns
    what a function makes of that attribute (`return format_tool(tool_name=self.name, ...)`): a tool
    definition only where that function is a `definition_maker`, which resolve checks in its file."""
    callees: list[str] = []
    for st in cls.body:
        if not isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for value in _returned(st):
            if isinstance(value, ast.Dict):
                shape = shape_of_dict(value)
                if shape is not None and shape["schema_key"] and self_attr(shape["name"]) is not None:
                    return shape["schema_key"], []
            elif isinstance(value, ast.Call) and (d := _dotted(value.func)) and not d.startswith(("self.", "cls.")) \
                    and any(self_attr(x) == "name" for x in list(value.args) + [k.value for k in value.keywords]):
                callees.append(d)
    return None, callees


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


# --- Objects of project classes listed as tools (an MCP list handler looping over instances) -------

_FACE_TEXT_MAX = 4000  # a description longer than this is cut: the facts of every file are held at once


def _describe(ex, e, scope):
    """What one value of a class's face is: ["s", text], ["r", qualified constant], ["a", attr]
    (self.attr), ["m", method] (self.method()), ["j", schema summary] (a JSON schema literal, or a
    name bound to one in the method), or None."""
    if e is None:
        return None
    if isinstance(e, ast.Attribute) and isinstance(e.value, ast.Name) and e.value.id in ("self", "cls"):
        return ["a", e.attr]
    if isinstance(e, ast.Call) and not e.args and not e.keywords and isinstance(e.func, ast.Attribute) \
            and isinstance(e.func.value, ast.Name) and e.func.value.id in ("self", "cls"):
        return ["m", e.func.attr]
    if isinstance(e, ast.Call):
        return None  # what another call returns: not read here
    d = e
    if isinstance(d, ast.Name) and scope is not None:
        v, _ = ex.lookup(scope, d.id)
        d = v if isinstance(v, ast.Dict) else d
    if isinstance(d, ast.Dict):
        keys = _keys(d)
        return ["j", ex.json_schema_info(d, scope)] if {"type", "properties"} & set(keys) else None
    s, r = ex.str_of(e, scope)
    if s is not None:
        return ["s", s[:_FACE_TEXT_MAX]]
    return ["r", r] if r else None


def class_face(ex, ci) -> dict | None:
    """What another file may read off an object of this class: "ms" its method names (for method
    lookup through subclasses), and for each class attribute, attribute set in __init__, property
    or argument-less method that returns one value, what that value is (`_describe`). Keys are
    "a:<attr>" (read as obj.attr: attributes and properties) and "m:<method>" (called as obj.m())."""
    face: dict = {}
    for k, v in ci.attrs.items():
        d = _describe(ex, v, ci.body_scope)
        if d is not None:
            face["a:" + k] = d
    for name, fi in ci.methods.items():
        node = fi.node
        a = node.args
        if name == "__init__":
            for st in walk(node):
                if isinstance(st, (ast.Assign, ast.AnnAssign)) and st.value is not None:
                    for t in (st.targets if isinstance(st, ast.Assign) else [st.target]):
                        attr = self_attr(t)
                        if attr is not None:
                            d = _describe(ex, st.value, fi.body_scope)
                            if d is not None:
                                face["a:" + attr] = d  # set on every object: before the class attribute
            continue
        if len(a.posonlyargs + a.args) - len(a.defaults) > 1 or a.vararg or a.kwonlyargs:
            continue
        returns = [n for n in statements(node.body) if type(n) is ast.Return and n.value is not None]
        if len(returns) != 1:
            continue
        d = _describe(ex, returns[0].value, fi.body_scope)
        if d is not None:
            prop = any(isinstance(x, ast.Name) and x.id == "property" for x in node.decorator_list)
            face[("a:" if prop else "m:") + name] = d
    if ci.methods:
        face["ms"] = sorted(ci.methods)
    if face:
        face["line"] = ci.node.lineno
    return face or None


def _mro(proj, qual: str, near: str) -> list[tuple[str, str, dict]]:
    """(path, class name, face) of a project class and its project bases, nearest first (left to
    right, depth first: Python's order for the single-inheritance chains and mixins tools use)."""
    from parr.scan.python.extract import unpack_part
    out: list[tuple[str, str, dict]] = []
    todo = [(qual, near)]
    while todo and len(out) < 12:
        q, p = todo.pop(0)
        found = proj.find_class(q, p)
        if found is None:
            continue
        path, bases = found
        name = q.rsplit(".", 1)[-1]
        if any(x[0] == path and x[1] == name for x in out):
            continue
        out.append((path, name, unpack_part(proj.at(path), "faces").get(name) or {}))
        todo[0:0] = [(b, path) for b in bases]
    return out


def _face_value(mro, key: str, seen: frozenset = frozenset()):
    """The value `key` ("a:name", "m:get_name") has for an object of mro[0]'s class: the nearest
    class that gives it, followed through self.attr / self.method() (looked up from the object's
    own class again, as Python does)."""
    if key in seen or len(seen) > 8:
        return None
    for _, _, face in mro:
        d = face.get(key)
        if d is None:
            if key.startswith("m:") and key[2:] in (face.get("ms") or ()):
                return None  # defined here, but returns nothing parr reads
            continue
        if d[0] == "a":
            # self.attr: an attribute, or a property (both looked up as "a:")
            return _face_value(mro, "a:" + d[1], seen | {key})
        if d[0] == "m":
            return _face_value(mro, "m:" + d[1], seen | {key})
        return d
    return None


def _method_effects(proj, mro, methods) -> tuple[list, bool]:
    """Effects of the methods run on an object of mro[0]'s class, each found the way Python finds
    it (the nearest class defining it), with the self.<m>() calls they make dispatched the same way:
    a base class's execute() calling self.format_response() runs the subclass's override."""
    from parr.scan.python.extract import unpack_part
    fx: list = []
    found = False
    todo, seen = list(methods), set()
    while todo and len(seen) < 60:
        m = todo.pop(0)
        if m in seen:
            continue
        seen.add(m)
        for path, name, face in mro:
            if m not in (face.get("ms") or ()):
                continue
            entry = unpack_part(proj.at(path), "funcs").get(f"{name}.{m}") or {}
            fx += proj.settle([list(x) for x in entry.get("fx") or ()], path)
            fx += proj.calls_effects(list(entry.get("ext") or ()), entry.get("xc"), path)
            todo += entry.get("sc") or ()
            found = True
            break
    return fx, found


def inherited_hooks(proj, cls: str, path: str, run_methods) -> tuple[bool, list]:
    """(found, effects) for a tool class of `path` with no run method of its own: the nearest run
    method (`run_methods`, in their order) up its chain across files, and the self.<m>() calls it
    makes followed the way Python dispatches them from an object of `cls` (the template method:
    a base's run() calling self.run_impl() runs the subclass's run_impl). `effects` holds only
    what the methods below the run's class (the overrides) do; the run's own class and those
    above it are read from its entry (Project.inherited_run). found is False when no class of
    the chain that parr can read defines a run method."""
    from parr.scan.python.extract import unpack_part
    mro = _mro(proj, cls, path)
    at = next(((i, m) for i, (_, _, face) in enumerate(mro) if i
               for m in run_methods if m in (face.get("ms") or ())), None)
    if at is None:
        return False, []
    top, run = at
    fx: list = []
    todo, seen = [run], set()
    while todo and len(seen) < 60:
        m = todo.pop(0)
        if m in seen:
            continue
        seen.add(m)
        for i, (p, name, face) in enumerate(mro):
            if m not in (face.get("ms") or ()):
                continue
            entry = unpack_part(proj.at(p), "funcs").get(f"{name}.{m}") or {}
            if i < top:  # an override below the run's class: what it does is not in the run's entry
                fx += proj.settle([list(x) for x in entry.get("fx") or ()], p)
                fx += proj.calls_effects(list(entry.get("ext") or ()), entry.get("xc"), p)
            todo += entry.get("sc") or ()
            break
    return True, fx


def instance_tool(proj, c: dict, path: str, run_methods) -> tuple[dict | None, str | None]:
    """(candidate, file) for one object an MCP list handler lists (`c["inst"]`, see
    frameworks.mcp._instance_tools): the name, description and schema read off its class and its
    bases in any file, its effects those of the methods the call handler runs on it. (None, reason)
    when its class or name cannot be read."""
    inst = c.pop("inst")
    mro = _mro(proj, inst["cls"], path)
    if not mro:
        return None, "object of a class parr cannot find, listed as an MCP tool"

    def value(field):
        d = inst.get(field)
        return _face_value(mro, f"{d[0]}:{d[1]}") if d else None

    name = value("name")
    if name is not None and name[0] == "r":  # a constant of another module
        name = ["s", proj.resolve_str(name[1], mro[0][0])]
    if name is None or name[0] != "s" or not name[1]:
        return None, "MCP tool whose name parr cannot read off its class"
    desc = value("desc")
    schema = value("schema")
    cpath = mro[0][0]
    face = mro[0][2]
    out = dict(c)
    out.update(name=name[1], description=desc[1] if desc and desc[0] == "s" else None,
               line=face.get("line") or c.get("line"), def_line=None)
    if schema is not None and schema[0] == "j" and schema[1] is not None:
        out["jschema"] = schema[1]
    run = inst.get("run") or sorted(run_methods)
    fx, found = _method_effects(proj, mro, run)
    out["fx"] = list(c.get("fx") or []) + fx
    if not found:  # no call handler runs a method the class has: judged by name and description, and said so
        out["flags"] = list(out.get("flags") or ()) + ["dispatch_unread"]
    return out, cpath
