"""VS Code language-model tools: `vscode.lm.registerTool(name, tool)`.

The VS Code API (vscode.d.ts, `lm.registerTool<T>(name: string, tool: LanguageModelTool<T>): Disposable`) takes
the tool's name and an object implementing `LanguageModelTool<T>`: its `invoke(options, token)` runs a call
(`options.input` is the model's input), `prepareInvocation` only shows a confirmation. What the model sees is not
in the code: the extension's package.json declares each tool under `contributes.languageModelTools`, an entry
with the same `name`, its `modelDescription` and its `inputSchema` (a JSON schema), and a `when` clause that
decides whether the tool is offered. A tool is therefore:

- named by the registration's first argument: a string, or a static of the class an instance of which is the
  second argument (`lm.registerTool(InstallTool.toolName, new InstallTool(...))`, read from the class's chain);
- given the package.json entry's schema and description (the nearest package.json above the registering file);
  a name with no entry there is a tool whose schema parr could not read (untyped, said so);
- judged on the class's `invoke` (and what it calls on `this`), as any registered tool class
  (instances.py);
- not offered where its entry's `when` is the constant `false` (VS Code never enables it).

The instance phase (instances.py) reads the class; this module says which calls are such registrations and
what a package.json declares.
"""

from __future__ import annotations

from typing import Any

from tree_sitter import Node

from parr.scan.typescript.nodes import member_chain, text, unwrap
from parr.scan.typescript.values import FileCtx

MODULE = "vscode"
STYLE = "vscode.lm.registerTool"


def is_registration(ctx: FileCtx, call: Node) -> bool:
    """`lm.registerTool(...)` with `lm` imported from "vscode", or `vscode.lm.registerTool(...)` with `vscode`
    the module itself (`import * as vscode from 'vscode'`)."""
    fn = unwrap(call.child_by_field_name("function"))
    if fn is None or fn.type != "member_expression":
        return False
    chain = member_chain(fn)
    if len(chain) < 2 or chain[-1] != "registerTool" or chain[-2] != "lm":
        return False
    root = fn
    while root is not None and root.type == "member_expression":
        root = unwrap(root.child_by_field_name("object"))
    if root is None or root.type != "identifier":
        return False
    b = ctx.lookup(root, text(root))
    if b is None or b.kind != "import" or b.module != MODULE:
        return False
    return (len(chain) == 2 and b.imported == "lm") or (len(chain) == 3 and b.imported in ("*", "default"))


def name_of(ctx: FileCtx, name_arg: Node | None, new: Node) -> dict[str, Any]:
    """The registration's name: {"name": text}, {"static": member} (a static of the class constructed as the
    tool), or {} when parr cannot read it."""
    node = unwrap(name_arg)
    if node is None:
        return {}
    v = ctx.string_value(node)
    if isinstance(v, str):
        return {"name": v}
    ctor = unwrap(new.child_by_field_name("constructor"))
    if node.type == "member_expression" and ctor is not None:
        obj = unwrap(node.child_by_field_name("object"))
        prop = node.child_by_field_name("property")
        if obj is not None and prop is not None and text(obj) == text(ctor):
            return {"static": text(prop)}
    return {}


def package_tools(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The language-model tools a package.json contributes: name -> {"when", "description", "schema"}."""
    contributes = data.get("contributes")
    tools = contributes.get("languageModelTools") if isinstance(contributes, dict) else None
    out: dict[str, dict[str, Any]] = {}
    for entry in tools if isinstance(tools, list) else []:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            continue
        when = entry.get("when")
        desc = entry.get("modelDescription")
        schema = entry.get("inputSchema")
        out[entry["name"]] = {"when": when if isinstance(when, str) else None,
                              "description": desc[:2000] if isinstance(desc, str) else None,
                              "schema": _fields(schema)}
        if len(out) >= 200:
            break
    return out


def never_offered(entry: dict[str, Any]) -> bool:
    """A `when` clause that is the constant false: VS Code never enables the tool."""
    return (entry.get("when") or "").strip() == "false"


def _fields(schema: Any) -> dict[str, Any]:
    """A JSON schema as the instance phase reads a tool class's schema: {"kind", "typed", "evidence", "fields"}.
    A property that is an object declaring no properties (a free dict) leaves the input untyped; so does a
    schema parr cannot read."""
    if not isinstance(schema, dict):
        return {"kind": "none", "typed": False, "evidence": ["package.json inputSchema parr could not read"]}
    props = schema.get("properties")
    if props is None and schema.get("type") == "object":
        if schema.get("additionalProperties") not in (None, False):
            return {"kind": "json_schema", "typed": False, "evidence": ["its schema accepts any properties"]}
        return {"kind": "json_schema", "typed": True, "evidence": ["no parameters"], "fields": {}}
    if not isinstance(props, dict):
        return {"kind": "none", "typed": False, "evidence": ["package.json inputSchema parr could not read"]}
    fields: dict[str, str] = {}
    for k, v in list(props.items())[:60]:
        t = v.get("type") if isinstance(v, dict) else None
        t = t if isinstance(t, str) else "?"
        if t == "object" and isinstance(v, dict) and not isinstance(v.get("properties"), dict):
            return {"kind": "json_schema", "typed": False,
                    "evidence": [f"parameter '{k}' is an object of any keys"], "fields": fields}
        fields[k] = t
    return {"kind": "json_schema", "typed": True, "evidence": ["fields declared in package.json"], "fields": fields}
