"""Pipecat (`pipecat-ai`): direct functions in LLMContext/ToolsSchema, @tool on LLM workers, the UI worker's tool mixin."""

from __future__ import annotations

import ast

from parr.scan.python.frameworks.spec import Builtin, Decorator, Framework

_PC = "pipecat-ai"

# pipecat/workers/ui/ui_tools.py: ReplyToolMixin carries one @tool method, `reply(answer, scroll_to,
# highlight, select_text, fills: list[dict], click)`. pipecat collects @tool methods from a worker's
# MRO (workers/llm/tool_decorator.py _collect_tools), so a worker class that composes the mixin
# (`class W(ReplyToolMixin, UIWorker)`) hands the model `reply`: it fills the client app's inputs
# (set_input_value) and clicks its elements, and `fills` is a list of free-form dicts.
_REPLY = Builtin(_PC, "reply", mutating=True, typed=False, schema="type_hints",
                 description="Reply to the user. Optionally point at content and act on inputs "
                             "(fills inputs, clicks elements).")
MIXINS: dict[str, tuple[Builtin, ...]] = {"ReplyToolMixin": (_REPLY,)}


def _mixin_tools(ex) -> None:
    """A class of this file whose bases name one of pipecat's tool mixins gets the mixin's tools,
    reported at the class: the mixin alone hands the model nothing (pipecat collects @tool methods
    from a worker's MRO), each worker class that composes it does."""
    if ex.in_framework(_PC):
        return
    for ci in ex.classes:
        for base in ci.bases:
            if not base or ex.fw_of_qual(base) != _PC:
                continue
            for b in MIXINS.get(base.rsplit(".", 1)[-1], ()):
                ex.builtin_cand(b, ci.node.lineno, "mixin_tool")


def _register_direct(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """llm.register_direct_function(fn): the function is a tool (name, description and schema from
    its signature and docstring, as ToolsSchema(standard_tools=[fn]) reads it)."""
    if not node.args or "." not in d:
        return False
    ex.ctx_items.append((node.args[0], scope, _PC, node.lineno, f"{d}("))
    return True


def _arg(node: ast.Call, kw: str, pos: int):
    for k in node.keywords:
        if k.arg == kw:
            return k.value
    return node.args[pos] if len(node.args) > pos else None


def _register_function(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """llm.register_function("name", handler): the handler runs when the model calls the tool of
    that name (a FunctionSchema or a provider dict advertised elsewhere); kept for the schema."""
    if "." not in d:
        return False
    name = ex.str_of(_arg(node, "function_name", 0), scope)[0]
    handler = _arg(node, "handler", 1)
    if name is None or handler is None:
        return False
    fi = ex.resolve_func_expr(handler, scope)
    if fi is not None:
        ex.pipecat_handlers.setdefault(name, fi)
    return True


def _function_schema(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """FunctionSchema(name, description, properties, required, handler=fn): the tool the model sees,
    named and typed by the schema; its body is the handler it carries, else the one
    register_function gives that name in this file (read once the file is walked)."""
    if fw_q != _PC or ex.in_framework(_PC):
        return False  # the framework's own package builds schemas from what it is given
    ex.deferred.append((_emit_schema, node, scope))
    ex.consumed.add(id(node))
    return True


def _emit_schema(ex, node: ast.Call, scope) -> None:
    n, r = ex.name_of(_arg(node, "name", 0), scope)
    if n is None and r is None:
        ex.unresolved_site(node, "FunctionSchema(", node.lineno, "tool name made at run time")
        return
    desc = ex.str_of(_arg(node, "description", 1), scope)[0]
    props = _arg(node, "properties", 2)
    if isinstance(props, ast.Name):
        held, _ = ex.lookup(scope, props.id)
        props = held if isinstance(held, ast.Dict) else props
    jschema = ex.json_schema_info(ast.Dict(keys=[ast.Constant("properties")], values=[props]), scope) \
        if props is not None else None
    extra = {"no_params": True, "jschema": jschema or {"props": [], "blob": True}}
    handler = _arg(node, "handler", 4)
    fi = ex.resolve_func_expr(handler, scope) if handler is not None else None
    if fi is None and n is not None:
        fi = ex.pipecat_handlers.get(n)
    if fi is not None:
        ex._func_cand(fi, scope, n, r, _PC, "pipecat.function_schema", desc, [], line=node.lineno,
                      schema="json_schema", extra=extra)
    else:
        ex.new_cand(name=n, name_ref=r, line=node.lineno, framework=_PC, style="pipecat.function_schema",
                    schema="json_schema", description=desc, flags=("schema_only",), extra=extra)


# Gemini's own tools, as pipecat's Gemini adapters pass them on (`{"google_search": {}}`): the
# provider runs them. Code execution runs code the model writes.
_GEMINI_TOOLS = {
    "google_search": Builtin(_PC, "google_search", ("http",)),
    "google_search_retrieval": Builtin(_PC, "google_search_retrieval", ("http",)),
    "url_context": Builtin(_PC, "url_context", ("http",)),
    "google_maps": Builtin(_PC, "google_maps", ("http",)),
    "code_execution": Builtin(_PC, "code_execution", ("code_execution",), mutating=True, typed=False),
}


def _gemini_tool(ex, el, scope, d: str, line: int) -> None:
    """One entry of custom_tools={AdapterType.GEMINI: [...]}: a Gemini tool by its key, or the
    function declarations it carries; anything else is a site (fail closed)."""
    if isinstance(el, ast.Name):  # search_tool = {"google_search": {}}
        held, held_scope = ex.lookup(scope, el.id)
        if isinstance(held, ast.Dict):
            el, scope = held, held_scope
    keys = [k.value for k in el.keys if isinstance(k, ast.Constant)] if isinstance(el, ast.Dict) else []
    if isinstance(el, ast.Dict) and len(keys) == len(el.keys) == 1 and keys[0] in _GEMINI_TOOLS:
        ex.builtin_cand(_GEMINI_TOOLS[keys[0]], el.lineno, "gemini_tool")
        ex.consumed.add(id(el))
    elif isinstance(el, ast.Dict) and keys == ["function_declarations"]:
        ex.ctx_items.append((el.values[0], scope, _PC, line, f"{d}(custom_tools="))
    else:
        ex.unresolved_site(el, f"{d}(custom_tools=", line, "provider tool parr does not know")


def _tools_schema(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """ToolsSchema(standard_tools=[...], custom_tools={AdapterType.GEMINI: [{...}]}): its standard
    tools (FunctionSchemas, direct functions) and the provider-format dicts it carries are the
    tools; the object itself, handed to LLMContext(tools=...), is read through them."""
    if fw_q != _PC:
        return False
    custom = _arg(node, "custom_tools", 1)
    if isinstance(custom, ast.Dict):
        for k, v in zip(custom.keys, custom.values):
            if (ex.dotted(k) or "").endswith("GEMINI") and isinstance(v, (ast.List, ast.Tuple)):
                for el in v.elts:
                    _gemini_tool(ex, el, scope, d, node.lineno)
            else:  # AdapterType.OPENAI: [{"type": "web_search"}], read as OpenAI's hosted tools
                ex.ctx_items.append((v, scope, _PC, node.lineno, f"{d}(custom_tools="))
    elif custom is not None and not (isinstance(custom, ast.Constant) and custom.value is None):
        ex.unresolved_site(custom, f"{d}(custom_tools=", node.lineno, "tools made by a call parr cannot read")
    ex.consumed.add(id(node))
    return False  # standard_tools= is read as a tools position (tool_kws)


FRAMEWORKS = (
    Framework(
        label=_PC,
        roots=("pipecat",),
        style_prefix="pipecat",
        decorators=(
            # pipecat.workers.llm.tool: marks an LLMWorker method (collected from the MRO). Its
            # sibling @tool_options only attaches call options and registers nothing: not a tool.
            Decorator("tool", "pipecat.tool", receiver=None),
        ),
        call_hooks={"register_direct_function": (_register_direct,), "register_function": (_register_function,),
                    "FunctionSchema": (_function_schema,), "ToolsSchema": (_tools_schema,)},
        tool_kws=("standard_tools",),
        file_hooks=(_mixin_tools,),
        words=("FunctionCallParams", "ReplyToolMixin", "register_direct_function", "FunctionSchema", "ToolsSchema"),
    ),
)
