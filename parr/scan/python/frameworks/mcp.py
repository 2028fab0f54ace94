"""Model Context Protocol servers: FastMCP (`mcp.server.fastmcp`, `fastmcp`) and the low-level `mcp` API."""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _const_str, _kw, _short_source, _shorten
from parr.scan.python.frameworks.spec import Decorator, Framework

def _self_attr(e) -> str | None:
    if isinstance(e, ast.Attribute) and isinstance(e.value, ast.Name) and e.value.id == "self":
        return e.attr
    return None


def _subclasses(ex, ci, method: str | None) -> list:
    """Classes of this file that extend `ci` (at any depth) and do not build their own listing in
    `method`: objects of each run the base's Tool(...) with their own attributes."""
    out, todo = [], [ci]
    while todo:
        cur = todo.pop()
        for c in ex.classes:
            if c is not cur and c not in out and any(b.rsplit(".", 1)[-1] == cur.name for b in c.bases):
                out.append(c)
                todo.append(c)
    return [c for c in out if method is None or method not in c.methods]


def _root(e):
    while isinstance(e, (ast.Attribute, ast.Subscript, ast.Call, ast.ListComp, ast.GeneratorExp, ast.SetComp)):
        if isinstance(e, (ast.ListComp, ast.GeneratorExp, ast.SetComp)):
            e = e.generators[0].iter  # [f for f in kernel.functions()]: what it iterates over
        else:
            e = e.func if isinstance(e, ast.Call) else e.value
    return e.id if isinstance(e, ast.Name) else None


def _given(ex, e, scope, at: ast.AST, depth: int = 0) -> bool:
    """The name comes from what the function was given (a parameter, or a loop over one):
    `Tool(name=tool.name)` converting tools handed in at run time is plumbing, like any wrapper;
    its callers, not it, declare tools."""
    root = _root(e)
    if root is None or depth > 4 or scope.func is None:
        return False
    bound, _ = ex.lookup(scope, root)
    if isinstance(bound, ast.arg):
        return True
    if bound is not None:
        return isinstance(bound, ast.AST) and _given(ex, bound, scope, bound, depth + 1)
    for node in ast.walk(scope.func.node):  # for tool in tools / [... for func in functions]
        for target, it in ((node.target, node.iter) for node in ([node] if isinstance(node, (ast.For, ast.AsyncFor))
                                                                   else getattr(node, "generators", ()))):
            if isinstance(target, ast.Name) and target.id == root:
                return _given(ex, it, scope, it, depth + 1)
    return False


def _lowlevel_tool(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """types.Tool(name=..., description=..., inputSchema={...}) listed by a low-level server.

    Only the `mcp` package's Tool (or a Tool of unknown origin given an input schema): LangChain's
    and Haystack's Tool are read by their own families. The name is a literal, a constant, an enum
    member, or `self.<attr>` of the class whose method builds it, read through that class and its
    bases (`super().__init__(TOOL_NAME)`); a base class's method that builds it for every
    subclass makes one tool per subclass. A name parr cannot read is a site, never nothing."""
    schema_v = _kw(node, "inputSchema", "input_schema")
    if fw_q not in (None, "mcp", "fastmcp"):
        return False
    if fw_q is None:
        local = ex.lookup(scope, d.split(".", 1)[0])[0] if "." not in d else None
        if schema_v is None or type(local).__name__ == "ClassInfo":
            return False  # a Tool class of this file, or no MCP shape
    ex.consumed.add(id(node))
    if id(node) in ex.compared:
        return True  # assert tools == [types.Tool(...)]: a value compared in a test, not a tool listed
    # read once the whole file is walked: the classes and methods that name it may come later
    ex.mcp_tool_sites.append((node, scope, _emit))
    return True


def _emit(ex, node: ast.Call, scope) -> None:
    """The tools one Tool(...) construction lists, or a site when its name cannot be read."""
    schema_v = _kw(node, "inputSchema", "input_schema")
    name_e = _kw(node, "name") if _kw(node, "name") is not None else (node.args[0] if node.args else None)
    func = scope.func
    cls = func.cls if func is not None else None
    holders = []  # (name, ref, class whose object the tool is, line)
    attr = _self_attr(name_e)
    if attr is not None and cls is not None:
        n, r = ex.class_attr_value(cls, attr)
        if n or r:
            holders.append((n, r, cls, node.lineno))
        else:  # name = "" on a base class: each subclass names its own tool
            for sub in _subclasses(ex, cls, func.name):
                n, r = ex.class_attr_value(sub, attr)
                if n or r:
                    holders.append((n, r, sub, sub.node.lineno))
    elif name_e is not None:
        n, r = ex.name_of(name_e, scope)
        if n or r:
            holders.append((n, r, cls, node.lineno))
    if not holders and _instance_tools(ex, node, name_e, scope):
        return
    if not holders:
        if not _given(ex, name_e, scope, node) and not ex.in_framework("fastmcp"):
            ex.unresolved_site(None, "", node.lineno, "MCP tool whose name parr cannot read",
                               text=_shorten(_short_source(node), 100))
        return
    sch = ex.json_schema_info(schema_v, scope)
    ann = ex._mcp_annotations(node)
    desc_e = _kw(node, "description")
    for n, r, holder, line in holders:
        desc = _const_str(desc_e)
        if desc is None and desc_e is not None:
            dattr = _self_attr(desc_e)
            desc = (ex.class_attr_value(holder, dattr)[0] if dattr and holder is not None
                    else ex.str_of(desc_e, scope)[0])
        c = ex.new_cand(name=n, name_ref=r, line=line, framework="mcp", style="mcp.lowlevel_Tool",
                        schema="json_schema", description=desc, annotations=ann,
                        extra={"jschema": sch, "no_params": True})
        c["_mcp_cls"] = holder
        c["_mcp_fn"] = func.name if func is not None else None


def _member(e, var: str):
    """["a", attr] for `var.attr`, ["m", method] for `var.method()`: what a Tool(...) field reads
    off the object it lists; None for anything else."""
    if isinstance(e, ast.Attribute) and isinstance(e.value, ast.Name) and e.value.id == var:
        return ["a", e.attr]
    if isinstance(e, ast.Call) and not e.args and not e.keywords and isinstance(e.func, ast.Attribute) \
            and isinstance(e.func.value, ast.Name) and e.func.value.id == var:
        return ["m", e.func.attr]
    return None


def _loop_source(fn, var: str):
    """(collection expression, how) a loop variable of `fn` runs over: "values" for
    `for tool in TOOLS.values()` and `for name, tool in TOOLS.items()`, "elements" for
    `for tool in TOOLS` (a list's objects, a dict's keys)."""
    for node in ast.walk(fn):
        loops = [node] if isinstance(node, (ast.For, ast.AsyncFor)) else list(getattr(node, "generators", ()))
        for loop in loops:
            target, it = loop.target, loop.iter
            method = it.func.attr if isinstance(it, ast.Call) and isinstance(it.func, ast.Attribute) \
                and not it.args else None
            if isinstance(target, ast.Name) and target.id == var:
                if method == "values":
                    return it.func.value, "values"
                if method is None:
                    return it, "elements"
            elif isinstance(target, ast.Tuple) and len(target.elts) == 2 and method == "items" \
                    and isinstance(target.elts[1], ast.Name) and target.elts[1].id == var:
                return it.func.value, "values"
    return None, None


def _collection_values(ex, coll, scope, how: str) -> list | None:
    """The entries of a collection parr can read: a dict, list or tuple literal bound to a name
    (here or at module level), through `X = filter_fn(X)` (a subset of what it was given: every
    entry still counts, as run-time configuration), plus `X[key] = ...` / `X.append(...)` at module
    level. None when any part is not a literal."""
    if not isinstance(coll, ast.Name):
        return None
    value, where = ex.lookup(scope, coll.id)
    if where is None:
        return None
    values = [value] + list(reversed(where.earlier.get(coll.id, ())))
    if where is ex.module_scope:
        values = [st.value for st in reversed(ex.tree.body) if isinstance(st, (ast.Assign, ast.AnnAssign))
                  and st.value is not None and any(isinstance(t, ast.Name) and t.id == coll.id
                                                   for t in (st.targets if isinstance(st, ast.Assign) else [st.target]))]
    base = None
    for v in values:  # the latest binding that is not a call handed the collection itself
        if isinstance(v, ast.Call) and any(isinstance(a, ast.Name) and a.id == coll.id for a in v.args):
            continue
        base = v
        break
    if isinstance(base, ast.Dict):
        if how != "values" or any(k is None for k in base.keys):
            return None  # a loop over the keys, or a dict with ** entries
        out = list(base.values)
    elif isinstance(base, (ast.List, ast.Tuple)):
        out = list(base.elts)
    else:
        return None
    if where is ex.module_scope and out is not None:
        for st in ex.tree.body:
            if isinstance(st, ast.Assign) and len(st.targets) == 1 and isinstance(st.targets[0], ast.Subscript) \
                    and isinstance(st.targets[0].value, ast.Name) and st.targets[0].value.id == coll.id:
                out.append(st.value)
            elif isinstance(st, ast.Expr) and isinstance(st.value, ast.Call) \
                    and isinstance(st.value.func, ast.Attribute) and st.value.func.attr == "append" \
                    and isinstance(st.value.func.value, ast.Name) and st.value.func.value.id == coll.id \
                    and st.value.args:
                out.append(st.value.args[0])
    return out


def _instance_tools(ex, node: ast.Call, name_e, scope) -> bool:
    """Tool(name=tool.name, description=tool.description, inputSchema=tool.get_input_schema())
    for every object of a collection the list handler loops over (`TOOLS = {"chat": ChatTool(),
    ...}`): one tool per object, named, described and typed by its class (in any file, through its
    bases: resolve reads the class facts toolclass.class_face records). The call handler runs the
    methods it calls on the object it looks up by name (`TOOLS[name].execute(arguments)`)."""
    var = name_e.value.id if isinstance(name_e, ast.Attribute) and isinstance(name_e.value, ast.Name) else (
        name_e.func.value.id if isinstance(name_e, ast.Call) and isinstance(name_e.func, ast.Attribute)
        and isinstance(name_e.func.value, ast.Name) else None)
    if var is None or scope.func is None or _member(name_e, var) is None:
        return False
    coll, how = _loop_source(scope.func.node, var)
    if coll is None:
        return False
    entries = _collection_values(ex, coll, scope, how)
    if not entries:
        return False
    made = []
    for e in entries:
        d = ex.dotted(e.func) if isinstance(e, ast.Call) else None
        if not d or not d.rsplit(".", 1)[-1][:1].isupper():
            return False  # an entry that is no object of a named class: the list stays a site
        local = ex.module_scope.defs.get(d)
        made.append(((local.qual if type(local).__name__ == "ClassInfo" else ex.qualify(d)), e.lineno))
    fields = {"name": _member(name_e, var)}
    for key, e in (("desc", _kw(node, "description")), ("schema", _kw(node, "inputSchema", "input_schema"))):
        if _member(e, var) is not None:
            fields[key] = _member(e, var)
    ann = ex._mcp_annotations(node)
    for qual, line in made:
        c = ex.new_cand(name=None, line=line, framework="mcp", style="mcp.lowlevel_Tool", schema="json_schema",
                        annotations=ann, extra={"no_params": True, "inst": {"cls": qual, **fields}})
        if c is not None:
            c["_inst_coll"] = coll.id
    return True


def direct_registration(ex, node: ast.Call, d: str, last: str, scope) -> bool:
    """server.tool(fn, name="x", description=...) (FastMCP's direct form) and
    server.add_tool(fn, name, title, description) (the `mcp` package's FastMCP / MCPServer),
    also on `self` in a FastMCP subclass: the function, through the wrappers it was passed
    through (functools.partial, a project helper that fixes arguments), is the tool's body;
    the name given is the name the model sees."""
    recv = d.rsplit(".", 1)[0]
    fw, _ = ex._receiver_tool_framework(recv, scope, "tool")
    if fw not in ("mcp", "fastmcp"):
        return False
    fi = ex.wrapped_function(node.args[0], scope)
    if fi is None or fi.candidate:
        return False
    kws = [k for k in node.keywords if k.arg]
    if last == "add_tool":  # add_tool(fn, name=None, title=None, description=None, annotations=None, ...)
        given = {k.arg for k in kws}
        for pos, key in ((1, "name"), (3, "description")):
            if len(node.args) > pos and key not in given:
                kws.append(ast.keyword(arg=key, value=node.args[pos]))
    elif len(node.args) > 1:
        return False  # tool(fn, <something>): not a form FastMCP has
    call = ast.Call(func=ast.Attribute(value=node.func.value, attr="tool", ctx=ast.Load()), args=[], keywords=kws)
    ast.copy_location(call, node)
    ex.decorator_candidate(call, fi, fi.scope)
    if fi.candidate:
        ex.consumed.add(id(node))
    return fi.candidate


def _from_openapi(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """FastMCP.from_openapi(spec, client, mcp_names={...}, route_maps=..., route_map_fn=...): a server
    whose tools FastMCP generates from the spec's operations, every one by default (RouteMap to
    MCPType.TOOL), named by mcp_names (operationId -> name; an operation not in it keeps its
    operationId). FastMCP.from_fastapi(app, ...) likewise from an app's routes, and the classes
    behind them take the same keywords (FastMCPOpenAPI(...), 3.x OpenAPIProvider(...)). The names parr can
    read are those of an mcp_names map written in the project (here, or a module-level map of
    another module, read there); without one the tools are known only from the spec: a site."""
    if fw_q not in ("fastmcp", "mcp") or ("." not in d and d not in ("FastMCPOpenAPI", "OpenAPIProvider")):
        return False
    line = node.lineno
    names = _kw(node, "mcp_names")
    text = f"{d}(...)"
    named = False
    if isinstance(names, ast.Dict):
        got = ex._name_map(names)
        if got:
            for name, nline, desc in got:
                _openapi_tool(ex, name, nline, desc)
            named = True
    elif isinstance(names, ast.Name):
        if names.id in ex.name_maps:
            for name, nline, desc in ex.name_maps[names.id]:
                _openapi_tool(ex, name, nline, desc)
            named = True
        elif names.id in ex.imports:
            # a map of another module of the project: resolve reads it there, or reports the site
            ex.refs.append({"target": ex.imports[names.id], "line": line, "framework": "fastmcp",
                            "site": text, "openapi_names": True})
            named = True
    if named:
        if _kw(node, "route_maps") is None and _kw(node, "route_map_fn") is None:
            # FastMCP's default route map makes every operation of the spec a tool; those mcp_names
            # leaves out keep their operationId, which only the spec says (fail closed: a site)
            ex.unresolved_site(None, "", line, "operations of an OpenAPI spec that mcp_names does not name "
                               "(with no route map, every operation is a tool)", text=text)
        ex.consumed.add(id(node))
        return True
    ex.unresolved_site(None, "", line, "tools generated at run time from an OpenAPI spec (operationId names)",
                       text=text)
    ex.consumed.add(id(node))
    return True


def _openapi_tool(ex, name: str, line: int, desc) -> None:
    ex.new_cand(name=name, line=line, framework="fastmcp", style="fastmcp.from_openapi", schema="json_schema",
                description=desc, extra={"jschema": {"props": [], "blob": False, "opaque": True}, "no_params": True})


FRAMEWORKS = (
    Framework(
        label="mcp",
        roots=("mcp",),
        call_hooks={"Tool": (_lowlevel_tool,)},
        # mcp.types.ServerCapabilities(tools=ToolsCapability(listChanged=True)): a capability flag
        not_tool_lists=("ServerCapabilities",),
        # a bare @tool imported from mcp is FastMCP's standalone decorator
        decorators=(Decorator("tool", "fastmcp.standalone_tool", receiver=None),),
    ),
    Framework(
        label="fastmcp",
        roots=("fastmcp",),
        decorators=(Decorator("tool", "fastmcp.standalone_tool", receiver=None),),
        # FastMCP (src/fastmcp/server/server.py): mount(server, namespace=None, ..., prefix=None)
        # since 2.4 (prefix= deprecated for namespace= in 2.13), mount(prefix, server) before, and
        # import_server(server, prefix=None) (import_server(prefix, server) before): a mounted
        # server's tool "search" is "jira_search" on the parent.
        mount_calls={"mount": ("namespace", "prefix"), "import_server": ("prefix",)},
        mount_format="{prefix}_{name}",
        call_hooks={name: (_from_openapi,) for name in ("from_openapi", "from_fastapi", "FastMCPOpenAPI",
                                                        "OpenAPIProvider")},
        words=("FastMCP",),
    ),
)
