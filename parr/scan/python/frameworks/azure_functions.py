"""Azure Functions (`azure.functions`): functions an app serves as MCP tools through the MCP extension.

What the model sees (azure-functions-python-library, decorators/function_app.py and decorators/mcp.py):
a function of a `func.FunctionApp()` decorated with a trigger binding of type `mcpToolTrigger` is one
tool of the app's MCP endpoint. Two decorators make that binding:
- `@app.generic_trigger(arg_name="context", type="mcpToolTrigger", toolName="x", description=...,
  toolProperties='[...]')`: any binding by its type; the keywords become the binding's fields, camel-cased
  (`tool_name=` is `toolName`);
- `@app.mcp_tool_trigger(arg_name=..., tool_name="x", description=..., tool_properties='[...]')` (1.24).
The tool is named by `toolName`/`tool_name` (not by the function), described by `description`; its
arguments are `toolProperties`, a JSON list of {"propertyName", "propertyType", "description"} given as a
string, which the function reads out of the trigger context. A generic trigger of another type (a queue,
a timer) is no tool; a trigger whose name is not a literal parr can read is a site.
"""

from __future__ import annotations

import ast
import json

from parr.scan.python.astutil import _const_str, _kw
from parr.scan.python.frameworks.spec import Framework

_AF = "azure-functions"
_TRIGGER_TYPE = "mcpToolTrigger"
# JSON types the extension accepts for a property (propertyType), as the judge's schema types.
_PROPERTY_TYPES = {"string": "string", "number": "number", "integer": "integer", "boolean": "boolean",
                   "object": "object", "array": "array", "datetime": "string"}


def _properties(ex, e, scope) -> dict:
    """toolProperties as the judge's schema summary: a literal JSON list (or a name bound to one in this
    file); anything else is an undeclared blob (the function reads whatever the context holds)."""
    if isinstance(e, ast.Name):
        e, _ = ex.lookup(scope, e.id)
    text = _const_str(e) if isinstance(e, ast.expr) else None
    if text is None:
        return {"props": [], "blob": True, "open": True}
    try:
        items = json.loads(text)
    except ValueError:
        return {"props": [], "blob": True, "open": True}
    if not isinstance(items, list):
        return {"props": [], "blob": True, "open": True}
    props = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("propertyName"), str):
            return {"props": props, "blob": True, "open": True}
        t = item.get("propertyType")
        props.append({"n": item["propertyName"], "t": _PROPERTY_TYPES.get(t.lower()) if isinstance(t, str) else None,
                      "d": item.get("description") if isinstance(item.get("description"), str) else None,
                      "sub": False})
    return {"props": props, "blob": False}


def _trigger(ex, d: ast.expr) -> ast.Call | None:
    """The MCP tool trigger binding among a function's decorators: app.mcp_tool_trigger(...), or
    app.generic_trigger(..., type="mcpToolTrigger")."""
    if not isinstance(d, ast.Call) or not isinstance(d.func, ast.Attribute):
        return None
    if d.func.attr == "mcp_tool_trigger":
        return d
    if d.func.attr == "generic_trigger" and _const_str(_kw(d, "type")) == _TRIGGER_TYPE:
        return d
    return None


def _mcp_triggers(ex) -> None:
    if ex.in_framework(_AF):
        return  # the library's own decorator definitions
    for fi in ex.funcs:
        call = next((c for c in (_trigger(ex, d) for d in fi.node.decorator_list) if c is not None), None)
        if call is None:
            continue
        scope = fi.scope
        name_e = _kw(call, "toolName", "tool_name")
        n, r = ex.name_of(name_e, scope) if name_e is not None else (None, None)
        if n is None and r is None:
            ex.unresolved_site(call, "", call.lineno, "MCP tool trigger whose tool name parr cannot read",
                               text=f"@{ex.dotted(call.func)}(...) def {fi.name}")
            continue
        desc = _const_str(_kw(call, "description")) or (ast.get_docstring(fi.node) or "").strip() or None
        props = _kw(call, "toolProperties", "tool_properties")
        ex.new_cand(name=n, name_ref=r, line=fi.node.lineno, framework=_AF, style="azure_functions.mcp_tool_trigger",
                    schema="json_schema", fn=fi, description=desc, def_line=fi.node.lineno,
                    extra={"jschema": _properties(ex, props, scope) if props is not None else {"props": [], "blob": False},
                           "no_params": True})


FRAMEWORKS = (
    Framework(label=_AF, roots=("azure.functions",), style_prefix="azure_functions", file_hooks=(_mcp_triggers,),
              words=("mcpToolTrigger", "mcp_tool_trigger")),
)
