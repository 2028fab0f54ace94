"""Tool declarations in one TypeScript/JavaScript syntax tree.

One tree-sitter query finds the anchors (tool-making calls, `new Dynamic*Tool`, classes with a
base, and object properties such as `tools`, `functionDeclarations`, `type: "function"`,
`parameters`/`inputSchema`); each anchor is then read by a small detector. Candidates whose
model-visible name depends on other files carry references that the project phase resolves.
What each framework family declares (packages, factories and their keys, tool classes, built-in
tools) lives in parr.scan.typescript.frameworks, one module per family, with its cases beside it.
"""

from __future__ import annotations

import re
from typing import Any

from tree_sitter import Node, QueryCursor

from parr.scan.typescript import action_schemas, arg_reads, converters, dispatch, framework_state, handoffs, loops, shorthand
from parr.scan.typescript import effects as fx
from parr.scan.typescript import purity
from parr.scan.typescript.judge import EXECUTOR_NAME
from parr.scan.typescript.frameworks import (
    FAMILIES, ai_sdk, framework_of, langchain, langchain_builtins, mcp, openai_agents,
)
from parr.scan.typescript.frameworks import openai as openai_api
from parr.scan.typescript.frameworks.spec import IMPORTED_DEFINITION, Factory, FrameworkSpec
from parr.scan.typescript.nodes import (
    captures, one_line,
    args_of, entry_value, is_function, iter_descendants, line, member_chain, object_entries, param_pattern,
    property_key, query, string_literal, text, unwrap, function_params, param_has_any_type,
)
from parr.scan.typescript.schema import SchemaInfo, analyze_schema
from parr.scan.typescript.values import Binding, FileCtx

_QUERY_COMMON = r"""
(call_expression function: (identifier) @callee
  (#match? @callee "^(tool|dynamicTool|createTool|zodFunction|zodResponsesFunction|createCodeTool|[A-Za-z]+Tool|defineAgent)$")) @call
(call_expression function: (member_expression property: (property_identifier) @mprop
  (#any-of? @mprop "registerTool" "tool" "paidTool" "asTool" "createTool" "dynamicTool" "bindTools" "addTool"
   "addTools" "registerToolTask" "defineTool" "defineInterrupt"))) @mcall
(call_expression function: (member_expression
   object: (member_expression property: (property_identifier) @tp (#eq? @tp "tools")))) @provcall
(new_expression constructor: [(identifier) (member_expression)] @ctor
  (#match? @ctor "(^|\.)(DynamicStructuredTool|DynamicTool|Tool)$")) @new
(class_declaration (class_heritage)) @class
(pair key: [(property_identifier) (string)] @pk
  (#match? @pk "^['\"]?(functionDeclarations|function_declarations|tools|handoffs|mcpServers)['\"]?$")) @toolspair
(pair key: [(property_identifier) (string)] @tk value: [(string) __AS_STRING__] @tv
  (#match? @tk "^['\"]?type['\"]?$")) @typepair
(pair key: [(property_identifier) (string)] @sk
  (#match? @sk "^['\"]?(parameters|inputSchema|input_schema)['\"]?$")) @schemapair
(pair key: (_) @ik value: (identifier) @iv) @idpair
(pair key: (_) @ck value: (call_expression function: (identifier) @cv)) @callpair
(shorthand_property_identifier) @short
(call_expression function: (member_expression property: (property_identifier) @rprop)
  arguments: (arguments . [(string) (template_string) (identifier) (member_expression)] . (object))) @regcall
(assignment_expression left: [(member_expression object: (identifier)) (subscript_expression object: (identifier))] @al) @assign
(pair key: (_) @fk value: (arrow_function) @fv) @fnpair
"""

# Pattern indexes in the query above.
(P_CALL, P_MCALL, P_PROV, P_NEW, P_CLASS, P_TOOLS, P_TYPE, P_SCHEMA, P_IDPAIR, P_CALLPAIR, P_SHORT, P_REGCALL,
 P_ASSIGN, P_FNPAIR) = range(14)

_RAW_FIELDS = frozenset({"code", "command", "cmd", "script", "source", "sql", "query", "program", "expression",
                         "snippet", "javascript", "js", "typescript", "bash", "shell", "statement",
                         "graphql", "gql", "graphql_query", "graphqlquery"})


# camelCase or snake_case names that end in one of those words: shellCommand, start_command, pythonCode.
# Fields named as a command line or code (a command method's `command` argument made of one runs it: effects.py).
_COMMAND_FIELDS = frozenset({"command", "cmd", "code", "script", "sql", "bash", "shell", "snippet", "program"})
_RAW_SUFFIX = re.compile(r"(?:[a-z0-9]_?)(?:Command|Cmd|Code|Script|Sql|_command|_cmd|_code|_script|_sql)$")


def _in_tools_map(obj: Node) -> bool:
    """The object is a value of a `tools: { name: {...} }` map (its key is the tool's name)."""
    pair = obj.parent
    while pair is not None and pair.type in ("parenthesized_expression", "as_expression", "satisfies_expression"):
        pair = pair.parent
    if pair is None or pair.type != "pair" or pair.parent is None or pair.parent.type != "object":
        return False
    outer = pair.parent.parent
    return outer is not None and outer.type == "pair" and property_key(outer) == "tools"


_is_provider_module = ai_sdk.is_provider_module
_UNTYPED_PROVIDER_TOOL = ai_sdk.UNTYPED_PROVIDER_TOOL


# Member calls read by their own rules (P_MCALL) or never tools.
_REGISTRATION_METHODS = frozenset({"registerTool", "registerToolTask", "tool", "paidTool", "asTool", "createTool", "dynamicTool", "bindTools",
                                   "registerPrompt", "registerResource", "prompt", "resource"})
# Keys of a registration config (MCP's registerTool, and wrappers that forward it).
_CONFIG_KEYS = frozenset({"description", "inputSchema", "parameters", "annotations", "title"})
_NON_TOOL_CALLS = frozenset({"registerPrompt", "registerResource", "prompt", "resource", "setRequestHandler_prompts"})
_WRAPPER_KEYS = frozenset({"tool", "definition", "function", "spec", "declaration", "config", "schema", "def"})
# Positional readers a spread argument list can feed (`server.tool(...TOOL)`): the registrations the
# families declare, and their factories whose config is not the first argument (`tool(fn, {...})`).
# A registration without a hook (OpenClaw's registerTool) is read by the hook of the same method
# elsewhere (MCP's registerTool hands a definition object to factories.py), never replaces it.
_REGISTRATIONS = {r.method: r for spec in FAMILIES for r in spec.registrations if r.hook is not None}
_REGISTRATION_FAMILY = {r.method: spec.id for spec in FAMILIES for r in spec.registrations if r.hook is not None}
_POSITIONAL_READERS = tuple(f"member:{m}" for m, r in _REGISTRATIONS.items() if r.spread_args) + tuple(
    f"call:{f.function}:{spec.id}" for spec in FAMILIES for f in spec.factories if f.config_arg > 0)
# Factories read by a hook their family declares, by (function, family of the callee's import or "*").
_FACTORY_HOOKS = {(f.function, fam): f.hook for spec in FAMILIES for f in spec.factories if f.hook is not None
                  for fam in (f.read_for or (spec.id,))}
# Keys of a tool record holding the function that answers a call, beside its definition (`logic`: the
# ToolDefinition of cyanheads' mcp-ts-template and the servers made from it, often wrapped:
# `logic: withToolAuth(scopes, createToolHandler(gitCloneLogic))`).
_SIBLING_HANDLER_KEYS = frozenset({"handle", "handler", "execute", "run", "invoke", "call", "callback", "fn", "logic"})
# A project's own definition record walked by a registration loop (walked_definition).
# (`paramsSchema` and `cb`: the names the MCP SDK's `server.tool(name, description, paramsSchema, cb)` gives its
# arguments, which a project's records of them often keep)
_WALKED_SCHEMA_KEYS = ("inputSchema", "parameters", "input_schema", "schema", "argsSchema", "zodSchema",
                       "paramsSchema")
_WALKED_HANDLER_KEYS = ("handler", "execute", "run", "invoke", "call", "callback", "handle", "fn", "cb")
_GATE_KEYS = ("needsApproval", "requireApproval", "requiresApproval", "needsConfirmation", "requireConfirmation")


class Detector:
    def __init__(self, ctx: FileCtx):
        self.ctx = ctx
        self.tools: list[dict[str, Any]] = []
        self.key_refs: list[dict[str, Any]] = []
        # Entries of records built key by key that parr cannot read ({"rec", "key", "line", "call"}; key None for
        # an Object.assign merge): sites when the record holds tools.
        self.record_entries: list[dict[str, Any]] = []
        # Places handing tools to a model that no rule here can read: {"line", "call", "reason"}.
        self.unresolved: list[dict[str, Any]] = []
        # Registrations in loops over a list (loops.py): sites unless the project phase finds the list.
        self.loop_sites: list[dict[str, Any]] = []
        self.key_index: dict[str, list[tuple[Any, int]]] = {}        # identifier -> [(key, line)]
        self.call_key_index: dict[str, list[tuple[Any, int]]] = {}   # function name -> [(key, line)]
        self._id_pairs: dict[str, list[Node]] = {}                   # identifier -> pairs `key: identifier`
        self.frameworks = {fw for fw in (framework_of(m) for m, _ in ctx.imports.values()) if fw}
        self._last_numeric = False
        self._last_options: dict[str, list[str]] = {}
        # The handler `_handler` last met that it could not read here: an imported function (its module and
        # name), taken in by the next `_effects_of(None)`: the project phase follows it, or it is unread.
        self._handler_ref: tuple[str, str, str] | None = None
        self._last_schema_ref: dict[str, str] | None = None  # a schema imported from the project (schema.py)
        self._call_index: dict[str, list[Node]] | None = None
        # Objects with a spread parr could not follow to an object literal of this file.
        self._unread_spreads: set[int] = set()
        # ... and those whose spread is a definition imported from this project: {"module", "name", "member"}.
        self._spread_refs: dict[int, dict[str, Any]] = {}
        # Generic wrappers defined here: function name -> {"framework", "style", "line", "exported"}.
        self.wrappers: dict[str, dict[str, Any]] = {}
        # Calls whose arguments are an array or object another project file exports (see _spread_args).
        self.spread_uses: list[dict[str, Any]] = []
        self._members_use: int | None = None
        # Built-in tool instances read but not yet given to a model: node id -> (node, what reports it).
        self.pending_builtins: dict[int, tuple[Node, Any]] = {}
        # The node each candidate was read from, by id(candidate) (reach.py asks where it is used).
        self.cand_nodes: dict[int, Node] = {}
        self.mcp_signal = mcp.signal(ctx, self.frameworks)

    # ------------------------------------------------------------------------------------------
    def run(self) -> None:
        ctx = self.ctx
        q = query(ctx.grammar, _QUERY_COMMON.replace(
            "__AS_STRING__", "" if ctx.grammar == "javascript" else "(as_expression (string))"))
        cursor = QueryCursor(q, match_limit=1 << 16)
        phase1: list[tuple[int, dict]] = []
        phase2: list[tuple[int, dict]] = []
        phase3: list[tuple[int, dict]] = []
        short_contexts: list[Node] = []
        for pattern, caps in cursor.matches(ctx.root):
            if pattern in (P_IDPAIR, P_CALLPAIR, P_SHORT):
                self._index_key(pattern, caps)
                if pattern == P_SHORT and text(caps["short"][0]) in shorthand.KEYS:
                    short_contexts.append(caps["short"][0])
            elif pattern == P_ASSIGN:
                self._index_assigned_key(caps["assign"][0], caps["al"][0])
            elif pattern == P_FNPAIR:
                self._index_factory_entry(caps["fnpair"][0], caps["fv"][0])
            elif pattern in (P_CALL, P_MCALL, P_PROV, P_NEW, P_CLASS, P_REGCALL):
                phase1.append((pattern, caps))
            elif pattern in (P_TOOLS, P_TYPE):
                phase2.append((pattern, caps))
            else:
                phase3.append((pattern, caps))
        # Provider tool namespaces imported on their own: import { tools as openaiTools } from
        # "@langchain/openai"; openaiTools.imageGeneration() is openai.tools.imageGeneration().
        aliases = sorted(local for local, (module, imported) in ctx.imports.items()
                         if imported == "tools" and module and (_is_provider_module(module)
                                                                or module.startswith("@langchain/")))
        if aliases:
            names = " ".join(f'"{a}"' for a in aliases)
            alias_q = ("(call_expression function: (member_expression object: (identifier) @o "
                       f"property: (property_identifier)) (#any-of? @o {names})) @c")
            for node in captures(ctx.grammar, ctx.root, alias_q, "c", 1 << 16):
                phase1.append((-1, {"aliascall": [node]}))
        # LangChain.js built-in tool classes, by the local names they are imported as.
        builtins: list[tuple[int, dict]] = []
        builtin_locals = sorted(local for local, (module, imported) in ctx.imports.items()
                                if imported in langchain_builtins.BUILTIN_CLASSES and langchain_builtins.owns(module))
        if builtin_locals:
            names = " ".join(f'"{a}"' for a in builtin_locals)
            new_q = f"(new_expression constructor: (identifier) @k (#any-of? @k {names})) @n"
            for node in captures(ctx.grammar, ctx.root, new_q, "n", 1 << 16):
                builtins.append((-2, {"builtinnew": [node]}))
            phase1[:0] = builtins  # read before any tools list that may hold them
        for spec in FAMILIES:
            if spec.file_reader is not None and spec.id in self.frameworks:
                spec.file_reader(self)
        for pattern, caps in phase1:
            self._last_numeric = False
            self._last_options = {}
            self._last_schema_ref = None
            try:
                if pattern == -1:
                    ai_sdk.provider_call(self, caps["aliascall"][0], aliased=True)
                elif pattern == -2:
                    langchain.builtin_class(self, caps["builtinnew"][0])
                elif pattern == P_CALL:
                    self._on_call(caps["call"][0], text(caps["callee"][0]))
                elif pattern == P_MCALL:
                    self._on_member_call(caps["mcall"][0], text(caps["mprop"][0]))
                elif pattern == P_PROV:
                    ai_sdk.provider_call(self, caps["provcall"][0])
                elif pattern == P_NEW:
                    self._on_new(caps["new"][0])
                elif pattern == P_CLASS:
                    langchain.tool_class(self, caps["class"][0])
                elif pattern == P_REGCALL:
                    self._on_registration_shaped_call(caps["regcall"][0], text(caps["rprop"][0]))
            except RecursionError:  # pragma: no cover - defensive
                continue
        if b"export" in ctx.source:
            self._exported_argument_lists()
        for pattern, caps in phase2:
            self._last_numeric = False
            self._last_options = {}
            self._last_schema_ref = None
            if pattern == P_TOOLS:
                self._on_tools_pair(caps["toolspair"][0], text(caps["pk"][0]).strip("'\""))  # `'tools':` too
            else:
                if string_literal(unwrap(caps["tv"][0])) == "function":
                    openai_api.function_type(self, caps["typepair"][0].parent)
        shorthand.read(self, short_contexts)  # { tools }, { handoffs }: read like the pairs above
        for pattern, caps in phase3:
            self._last_numeric = False
            self._last_options = {}
            self._last_schema_ref = None
            self._on_schema_pair(caps["schemapair"][0])
        if action_schemas.TRIGGER.search(ctx.source):
            action_schemas.read(self)  # actions keying a structured-output schema (the browser-use action model)
        if action_schemas.typed_screen(ctx.source):
            action_schemas.typed_definitions(self)  # object literals of a type a builder may walk (project phase)
        if converters.converter_screen(ctx.source):
            found = converters.converters(self)  # functions turning a typed record into a provider's tool
            if found:
                self.__dict__["tool_converters"] = found
        if converters.table_screen(ctx.source):
            converters.tables(self)  # records of typed tables, kept where a converter takes their type
        handoffs.read(self)
        if b"Object.assign" in ctx.source:
            self._record_merges()
        self._wrapper_calls_here()
        self._expose_exported_builtins()
        self._name_unnamed()
        if self.frameworks or self.mcp_signal:
            self._tool_list_declarations()

    # -- key index (for tools named by the object key they are stored under) --------------------
    def _index_key(self, pattern: int, caps: dict) -> None:
        ctx = self.ctx
        if pattern == P_SHORT:
            node = caps["short"][0]
            ident = text(node)
            k: Any = ident
            target_idx = self.key_index
        elif pattern == P_IDPAIR:
            pair = caps["idpair"][0]
            node = caps["iv"][0]
            ident = text(node)
            k = self._pair_key(pair)
            target_idx = self.key_index
            self._id_pairs.setdefault(ident, []).append(pair)
        else:
            pair = caps["callpair"][0]
            node = caps["cv"][0]
            ident = text(node)
            k = self._pair_key(pair)
            target_idx = self.call_key_index
        if k is None:
            return
        target_idx.setdefault(ident, []).append((k, line(node)))
        imp = self._import_of(node)
        if imp is not None and _project_module(imp[0]):
            self.key_refs.append({"key": k, "module": imp[0], "name": imp[1],
                                  "call": pattern == P_CALLPAIR, "line": line(node)})
        if pattern == P_IDPAIR and self._in_called_record(pair):
            # `{ web_search: webSearchTool }` in a record whose entries the file calls (`FACTORIES[name](stream)`):
            # the key names what the function makes, as if `web_search: webSearchTool(stream)` stood there.
            self._key_call(k, node)
        if pattern != P_CALLPAIR:
            # `validateSearch: validateSearchTool` with `const validateSearchTool = createValidateTool(deps)`:
            # the key names what that call made, as if the call stood in the pair.
            callee = _factory_call_callee(ctx, node)
            if callee is not None:
                self.call_key_index.setdefault(callee, []).append((k, line(node)))
                imp = ctx.imports.get(callee)
                if imp is not None and _project_module(imp[0]):
                    self.key_refs.append({"key": k, "module": imp[0], "name": imp[1], "call": True,
                                          "line": line(node)})

    def _import_of(self, ident: Node) -> tuple[str, str] | None:
        """(module, imported name) when `ident` names an import: a static one, or one a function binds with
        `const { x } = await import("m")` (the lazy loading of a tool module)."""
        name = text(ident)
        b = self.ctx.lookup(ident, name)
        if b is not None and b.kind == "import" and b.module is not None and b.imported is not None:
            return b.module, b.imported
        return self.ctx.imports.get(name) if b is None else None

    def _key_call(self, k: Any, callee: Node, rec: int | None = None) -> None:
        """Index the key `k` as naming what a call of the function `callee` makes (same file or imported)."""
        self.call_key_index.setdefault(text(callee), []).append((k, line(callee)))
        imp = self._import_of(callee)
        if imp is not None and _project_module(imp[0]):
            ref = {"key": k, "module": imp[0], "name": imp[1], "call": True, "line": line(callee)}
            if rec is not None:
                ref["rec"] = rec
            self.key_refs.append(ref)

    def _key_value(self, k: Any, value: Node | None, depth: int = 0, rec: int | None = None,
                   own: str | None = None) -> None:
        """Index a value stored under the key `k`: a variable (`tools.x = xTool`), a call of a function
        (`tools.x = createXTool(stream)`), either side of `??`/`||` (`tools.x = tools.x ?? xTool`) or branch
        of a ternary. In a record built key by key (`rec`, the line of its declaration), a value made where
        parr cannot read it (`memory.addMemory`, `sdk.tools().search`) is kept: a site if the record turns out
        to hold tools (scanner)."""
        value = unwrap(value)
        if value is None or depth > 3:
            return
        t = value.type
        if t == "identifier":
            self.key_index.setdefault(text(value), []).append((k, line(value)))
            imp = self._import_of(value)
            if imp is not None and _project_module(imp[0]):
                ref = {"key": k, "module": imp[0], "name": imp[1], "call": False, "line": line(value)}
                if rec is not None:
                    ref["rec"] = rec
                self.key_refs.append(ref)
            fn_node = _factory_call_node(self.ctx, value)
            if fn_node is not None:
                self._key_call(k, fn_node, rec)
        elif t == "call_expression":
            fn = unwrap(value.child_by_field_name("function"))
            if fn is not None and fn.type == "identifier":
                self._key_call(k, fn, rec)
            elif rec is not None:
                self._record_entry(rec, k, value)
        elif t == "binary_expression":
            op = value.child_by_field_name("operator")
            if op is not None and text(op) in ("??", "||"):
                self._key_value(k, value.child_by_field_name("left"), depth + 1, rec, own)
                self._key_value(k, value.child_by_field_name("right"), depth + 1, rec, own)
        elif t == "ternary_expression":
            self._key_value(k, value.child_by_field_name("consequence"), depth + 1, rec, own)
            self._key_value(k, value.child_by_field_name("alternative"), depth + 1, rec, own)
        elif t in ("member_expression", "subscript_expression") and rec is not None:
            root = value
            while root is not None and root.type in ("member_expression", "subscript_expression"):
                root = unwrap(root.child_by_field_name("object"))
            if root is not None and root.type == "identifier" and text(root) == own:
                return  # `tools.x ?? ...`: the record's own entry
            self._record_entry(rec, k, value)

    def _read_elsewhere(self, value: Node) -> bool:
        """The value comes from a module of this project or a function of this file (`helpers.makeX()`,
        `baseTools`): the tools it holds are read where they are made."""
        root = unwrap(value)
        while root is not None and root.type in ("member_expression", "subscript_expression", "call_expression",
                                                  "await_expression"):
            root = unwrap(root.child_by_field_name("object") or root.child_by_field_name("function")
                          or (root.named_children[0] if root.named_children else None))
        if root is None or root.type != "identifier":
            return False
        b = self.ctx.lookup(root, text(root))
        return b is not None and (b.kind == "function" or (b.kind == "import" and _project_module(b.module or "")))

    def _record_entry(self, rec: int, k: Any, value: Node) -> None:
        if isinstance(k, str) and len(self.record_entries) < 200 and not self._read_elsewhere(value):
            self.record_entries.append({"rec": rec, "key": k, "line": line(value), "call": one_line(value, 80)})

    def _index_assigned_key(self, assign: Node, left: Node) -> None:
        """`tools.web_search = webSearchTool(stream)` / `tools["web_search"] = ...` on a record this code builds
        key by key (`const tools: Record<string, Tool> = {}`): the key names the tool stored, as in a literal."""
        obj = left.child_by_field_name("object")
        if obj is None or obj.type != "identifier" or text(obj) in ("exports", "module", "window", "globalThis"):
            return
        if left.type == "member_expression":
            prop = left.child_by_field_name("property")
            if prop is None or prop.type != "property_identifier":
                return
            k: Any = text(prop)
        else:
            k = self.ctx.string_value(left.child_by_field_name("index"))
            if not isinstance(k, str) or not k:
                return
        op = assign.child_by_field_name("operator")
        if op is not None and text(op) != "=":
            return
        b = self.ctx.lookup(obj, text(obj))
        if b is None or b.kind not in ("var", "default"):
            return
        record = self.ctx.value_node(obj)
        if record is None or record.type != "object":
            return  # only a record this code builds (not a client, a module, a class instance)
        self._key_value(k, assign.child_by_field_name("right"), rec=line(record), own=text(obj))

    def _record_merges(self) -> None:
        """`Object.assign(tools, other)` into a record built key by key: what `other` holds (when parr cannot
        read it) joins the record; a site if the record turns out to hold tools (scanner)."""
        q = ('(call_expression function: (member_expression object: (identifier) @o property: (property_identifier) @p)'
             ' (#eq? @o "Object") (#eq? @p "assign")) @c')
        for call in captures(self.ctx.grammar, self.ctx.root, q, "c", 1 << 10):
            args = args_of(call)
            target = unwrap(args[0]) if args else None
            if target is None or target.type != "identifier":
                continue
            record = self.ctx.value_node(target)
            if record is None or record.type != "object":
                continue
            for a in args[1:]:
                v = self.ctx.value_node(a)
                if v is not None and v.type in ("identifier", "member_expression", "call_expression",
                                                "subscript_expression", "await_expression") \
                        and not self._read_elsewhere(v):
                    self.record_entries.append({"rec": line(record), "key": None, "line": line(call),
                                                "call": one_line(call, 80)})
                    break

    def _in_called_record(self, pair: Node) -> bool:
        """The pair belongs to an object bound to a name the file calls entries of by key (`FACTORIES[name](...)`):
        a record of functions, each called to make what its key stands for."""
        obj = pair.parent
        decl = obj.parent if obj is not None and obj.type == "object" else None
        while decl is not None and decl.type in ("parenthesized_expression", "as_expression", "satisfies_expression"):
            decl = decl.parent
        if decl is None or decl.type != "variable_declarator":
            return False
        n = decl.child_by_field_name("name")
        if n is None or n.type != "identifier":
            return False
        called = self.__dict__.get("_called_records")
        if called is None:  # one pass over the file: the names called by key (`X[k](`, `X?.[k]?.(`)
            called = self._called_records = {m.group(1).decode("utf-8", "replace")
                                             for m in _CALLED_BY_KEY.finditer(self.ctx.source)}
        return text(n) in called

    def _index_factory_entry(self, pair: Node, fn: Node) -> None:
        """`{ extreme_search: (stream) => extremeSearchTool(stream) }` in a record whose entries the file calls:
        the key names what the function called in the arrow's body makes."""
        k = self._pair_key(pair)
        if k is None or not self._in_called_record(pair):
            return
        body = unwrap(fn.child_by_field_name("body"))
        if body is not None and body.type == "statement_block":
            stmts = [c for c in body.named_children if c.type != "comment"]
            body = unwrap(stmts[0].named_children[0]) if len(stmts) == 1 and stmts[0].type == "return_statement" \
                and stmts[0].named_children else None
        if body is None or body.type != "call_expression":
            return
        callee = unwrap(body.child_by_field_name("function"))
        if callee is not None and callee.type == "identifier":
            self._key_call(k, callee)

    def _sibling_handler(self, obj: Node) -> Node | None:
        """`const actSchema = { name, description, inputSchema }` stored beside its function in this file's
        `{ schema: actSchema, handle: handleAct }` (a tool record a loop registers): that function is the
        handler. Only one such record, with one function, counts."""
        decl = obj.parent
        while decl is not None and decl.type in ("parenthesized_expression", "as_expression", "satisfies_expression"):
            decl = decl.parent
        if decl is not None and decl.type == "pair":
            # `defineTool({ definition: { name, description, inputSchema }, execute: (args) => ... })`: the record
            # holding the definition inline holds its function too
            pairs = [decl]
        else:
            ident = decl.child_by_field_name("name") if decl is not None and decl.type == "variable_declarator" else None
            if ident is None or ident.type != "identifier":
                return None
            pairs = self._id_pairs.get(text(ident), [])[:4]
        found: list[Node] = []
        for pair in pairs:
            record = pair.parent
            for k, entry in (object_entries(record).items() if record is not None and record.type == "object" else ()):
                if k in _SIBLING_HANDLER_KEYS:
                    h = self._handler(entry if entry.type == "method_definition" else entry_value(entry))
                    if h is not None and all(h.id != f.id for f in found):
                        found.append(h)
        return found[0] if len(found) == 1 else None

    def _pair_key(self, pair: Node) -> Any:
        k = property_key(pair)
        if k is not None:
            return k
        key_node = pair.child_by_field_name("key")
        if key_node is not None and key_node.type == "computed_property_name" and key_node.named_children:
            return self.ctx.string_value(key_node.named_children[0])
        return None

    # -- helpers ------------------------------------------------------------------------------
    def _claimed_config(self, args: list[Node]) -> tuple[Node | None, dict[str, Node]]:
        """The object a factory is given first (`tool({ ... })`), claimed so no other reader takes it
        again; (None, {}) when there is none to read."""
        if not args:
            return None, {}
        cfg, entries = self._config(args[0])
        if cfg is not None:
            self.ctx.claim(cfg)
        return cfg, entries

    def _config(self, node: Node | None) -> tuple[Node | None, dict[str, Node]]:
        obj = self.ctx.value_node(node)
        if obj is not None and obj.type == "object":
            return obj, self._entries(obj)
        return None, {}

    def _entries(self, obj: Node, depth: int = 0, sources: list[Node] | None = None) -> dict[str, Node]:
        """The keys of an object literal with those of the objects it spreads (`{ ...defs.x, execute }`):
        a definition spread into a tool is part of that one tool, so it is claimed here and never
        read again as a tool of its own (unless `sources` collects them instead, for a call that may turn
        out not to make a tool). Own keys win, as they do in JavaScript when written after."""
        own = object_entries(obj)
        spreads = [el for el in obj.named_children if el.type == "spread_element"]
        if not spreads or depth > 3:
            return own
        merged: dict[str, Node] = {}
        for el in spreads:
            source = self._spread_source(el.named_children[0] if el.named_children else None)
            if source is None:
                self._unread_spreads.add(obj.id)
                ref = self._import_ref(el.named_children[0] if el.named_children else None)
                if ref is not None:
                    self._spread_refs.setdefault(obj.id, ref)
                continue
            if sources is None:
                self.ctx.claim(source)
            else:
                sources.append(source)
            merged.update(self._entries(source, depth + 1, sources))
        merged.update(own)
        return merged

    def _import_ref(self, node: Node | None, namespace: bool = False) -> dict[str, Any] | None:
        """`defs`, `defs.x` or `defs["x"]` where `defs` is imported from this project: where to read it
        (with `namespace`, also a whole module: `const defs = require("./defs")`)."""
        node = unwrap(node)
        members: list[str] = []
        while node is not None and node.type in ("member_expression", "subscript_expression"):
            key = text(node.child_by_field_name("property")) if node.type == "member_expression" else \
                self.ctx.string_value(node.child_by_field_name("index"))
            if not isinstance(key, str):
                return None
            members.insert(0, key)
            node = unwrap(node.child_by_field_name("object"))
        if node is None or node.type != "identifier" or len(members) > 1:
            return None
        b = self.ctx.lookup(node, text(node))
        if b is None or b.kind != "import" or not b.module or not _project_module(b.module) or (
                b.imported == "*" and not namespace):
            return None
        return {"module": b.module, "name": b.imported, "member": members[0] if members else None}

    def _spread_source(self, node: Node | None, depth: int = 0) -> Node | None:
        """The object literal a spread expression stands for in this file: `defs`, `defs.x`, `defs["x"]`."""
        node = unwrap(node)
        if node is None or depth > 6:
            return None
        if node.type in ("identifier", "shorthand_property_identifier"):
            value = self.ctx.value_node(node)
            return value if value is not None and value.type == "object" else None
        if node.type == "object":
            return node
        if node.type in ("member_expression", "subscript_expression"):
            base = self._spread_source(node.child_by_field_name("object"), depth + 1)
            if base is None:
                return None
            if node.type == "member_expression":
                key = text(node.child_by_field_name("property"))
            else:
                key = self.ctx.string_value(node.child_by_field_name("index"))
            entry = object_entries(base).get(key) if isinstance(key, str) else None
            return self._spread_source(entry_value(entry), depth + 1) if entry is not None else None
        return None

    def _entry(self, entries: dict[str, Node], *names: str) -> Node | None:
        for n in names:
            e = entries.get(n)
            if e is not None:
                return entry_value(e)
        return None

    def _description(self, node: Node | None) -> tuple[str | None, Any]:
        if node is None:
            return None, None
        v = self.ctx.string_value(node)
        if isinstance(v, str):
            return v, None
        if isinstance(v, dict):
            return None, v
        return self.ctx.loose_string(node), None

    def _handler(self, node: Node | None) -> Node | None:
        node = unwrap(node)
        if node is None:
            return None
        if is_function(node):
            return node
        if node.type in ("identifier", "shorthand_property_identifier"):
            b = self.ctx.lookup(node, text(node))
            if b is not None:
                if b.kind == "function":
                    return b.node
                if b.kind in ("var", "default") and is_function(unwrap(b.node)):
                    return unwrap(b.node)
                if b.kind == "import" and b.module is not None and b.imported not in (None, "*"):
                    # `server.tool(name, ..., saveThing)` with saveThing of "./handlers"
                    self._handler_ref = (b.module, b.imported, text(node))
            return None
        if node.type == "call_expression":
            # wrappers such as withAuth(async (args) => ...): use the first function argument
            for a in args_of(node):
                h = self._handler(a)
                if h is not None:
                    return h
        return None

    def _gates(self, entries: dict[str, Node], eff: fx.Effects | None) -> list[str]:
        gates: list[str] = []
        for k in _GATE_KEYS:
            v = self._entry(entries, k)
            if v is not None and text(v) not in ("false", "undefined", "null"):
                gates.append("needs_approval")
                break
        if eff is not None and eff.hitl and eff.confirm_text:
            gates.append("human_in_the_loop")
        if eff is not None and eff.approval_request:
            gates.append("approval_request")
        return gates

    def _schema_of(self, node: Node | None) -> SchemaInfo:
        """What a tool's schema expression declares (nothing declared where there is none)."""
        return analyze_schema(self.ctx, node) if node is not None else SchemaInfo()

    def _effects_of(self, handler: Node | None) -> fx.Effects:
        """What a tool's handler does. An imported one (`_handler_ref`) is a call the project phase follows, or,
        from a package, a call parr cannot read; with none at all, no code was read (`no_code`)."""
        ref, self._handler_ref = self._handler_ref, None
        if handler is not None:
            return fx.analyze(self.ctx, handler)
        return fx.handler_reference(ref)

    def _typed(self, info: SchemaInfo, handler: Node | None, eff: fx.Effects | None,
               no_schema_means_no_params: bool = False, code: Node | None = None) -> tuple[bool, list[str]]:
        """Typed or not, and why. `code`: the code that runs the tool when it is not `handler` (a
        low-level dispatch branch)."""
        self._last_numeric = bool(info.fields) and all(
            t in ("number", "int", "bigint", "integer", "float", "coerce") for t in (info.fields or {}).values())
        self._last_options = dict(info.options)  # the enum fields, for a multiplexed tool's operations
        self._last_schema_ref = info.ref
        ev = list(info.evidence)
        if info.typed is False:
            return False, ev or ["untyped schema"]
        if not info.declared:
            if no_schema_means_no_params:
                return True, ["no parameters"]
            params = function_params(handler) if handler is not None else []
            if not params:
                return True, ["no parameters"]
            if any(param_has_any_type(p) for p in params[:1]):
                return False, ["parameter typed any"]
            return False, ["no input schema"]
        fields = info.fields
        if fields is not None and eff is not None:
            strings = [f for f, t in fields.items() if t in fx.EXECUTABLE_TYPES]
            # The one string input, or a code/command field beside options (timeout, cwd), run as is.
            rawable = [f for f in strings if len(fields) == 1 or f.lower() in _RAW_FIELDS or _RAW_SUFFIX.search(f)
                       or "sql" in f.lower()]  # sql_query, raw_sql_text: named for the SQL it holds
            raw = [f for f in rawable if f in eff.executed] or [
                f for f in strings if f in eff.command_args and (f.lower() in _COMMAND_FIELDS or _RAW_SUFFIX.search(f))]
            if raw:
                sink = fx.sink_of(eff)
                return False, [f"raw string '{raw[0]}' is executed or interpreted" + (f": {sink}" if sink else "")]
            prompted = [f for f in strings if f in eff.prompted]
            if prompted:
                # the field is the text of a user's message to a model (a sub-agent's task, a chat request): the
                # model writes a free prompt for another model, untyped as a raw string is (CONVENTION.md)
                return False, [f"string '{prompted[0]}' is a free-form prompt handed to another model or agent"]
            if rawable and eff.imports:
                # handed to functions of other files: the project phase asks whether one runs it raw
                self._last_raw_fields = (id(eff), rawable)
            if eff.query_docs:
                from parr.scan.typescript.classes import open_query_field

                query = open_query_field(fields, eff.query_docs)
                if query is not None:
                    return False, [query]
        opened = self._reads_open_object(info, code if code is not None else handler)
        if opened is not None:
            return False, [opened]
        return True, ev

    @staticmethod
    def _reads_open_object(info: SchemaInfo, code: Node | None) -> str | None:
        """The open-object rule: an object the schema declares no fields of (the input itself, or a
        parameter) is untyped when the tool's code reads keys out of it (the schema hides what the
        code takes), typed when it reads none (a tool without parameters; an object handed on whole
        to an API that defines it). Only reads parr sees in the handler itself count."""
        if not info.open_paths:
            return None
        if code is None:
            # No code of the tool in sight (the project phase looks for a dispatch branch elsewhere): a
            # parameter the model fills with any keys is untyped (fail closed); a schema without
            # parameters is a tool that takes none.
            shown = next((p for p in info.open_paths if p), None)
            return None if shown is None else f"{arg_reads.open_object(shown)}, and {arg_reads.UNSEEN}"
        paths = arg_reads.read_paths(code)
        for open_path in info.open_paths:
            read = arg_reads.reads_inside(paths, open_path)
            if read is not None:
                return arg_reads.read_evidence(open_path, read)
        return None

    def executor_input(self, name: Any, info: SchemaInfo, typed: bool, tev: list[str]) -> tuple[bool, list[str]]:
        """A definition answered where parr cannot see (`{ name: "execute_python", parameters: { code } }`): the
        tool's name says what it does with its one code/command string (judge.py reads the same name as an
        executor), so that string is a raw input."""
        one = name[0] if isinstance(name, list) and len(name) == 1 else name
        if not typed:
            return typed, tev
        strings = [f for f, t in (info.fields or {}).items() if t in fx.EXECUTABLE_TYPES]
        field = strings[0] if len(strings) == 1 and (strings[0].lower() in _RAW_FIELDS or
                                                      _RAW_SUFFIX.search(strings[0])) else None
        if field is not None and isinstance(one, dict):
            self._last_executor_field = field  # a name another file defines: judged when it is read (scanner)
            return typed, tev
        if field is None or not isinstance(one, str) or not EXECUTOR_NAME.fullmatch(one.strip().lower()):
            return typed, tev
        return False, [f"raw string '{field}' is run by a tool named as a code/command executor"]

    def _annotations(self, node: Node | None) -> dict[str, Any]:
        obj = self.ctx.value_node(node)
        out: dict[str, Any] = {}
        if obj is None or obj.type != "object":
            return out
        for k, e in self._entries(obj).items():
            v = entry_value(e)
            if v is None:
                continue
            if v.type in ("true", "false"):
                out[k] = v.type == "true"
            else:
                s = self.ctx.string_value(v)
                if isinstance(s, str):
                    out[k] = s
        return out

    def _emit(self, *, node: Node, name: Any, framework: str, style: str, schema: str, typed: bool,
              typed_evidence: list[str] | None = None, description: str | None = None, description_ref: Any = None,
              handler: Node | None = None, eff: fx.Effects | None = None, gates: list[str] | None = None,
              caps: tuple[str, ...] | list[str] = (), annotations: dict | None = None,
              kind_mutating: bool | None = None, name_inferred: bool = False, bind: dict | None = None,
              extends: dict | None = None, at_line: int | None = None,
              wrapper: dict | None = None, definition: dict | None = None) -> dict[str, Any]:
        if isinstance(name, list):
            cand: dict[str, Any] = {}
            last_raw = getattr(self, "_last_raw_fields", None)
            for one in name[:50]:
                self._last_raw_fields = last_raw
                cand = self._emit(node=node, name=one, framework=framework, style=style, schema=schema, typed=typed,
                                  typed_evidence=typed_evidence, description=description,
                                  description_ref=description_ref, handler=handler, eff=eff, gates=gates,
                                  caps=caps, annotations=annotations, kind_mutating=kind_mutating,
                                  name_inferred=name_inferred, bind=bind, extends=extends, at_line=at_line,
                                  wrapper=wrapper, definition=definition)
            return cand
        if eff is None:
            eff = self._effects_of(handler)
        cand: dict[str, Any] = {
            "name": name if isinstance(name, str) else None,
            "name_ref": name if isinstance(name, dict) else None,
            "name_inferred": name_inferred,
            "bind": bind,
            "line": at_line if at_line is not None else line(node),
            "framework": framework,
            "style": style,
            "schema": schema,
            "typed": typed,
            "typed_evidence": typed_evidence or [],
            "description": description[:2000] if isinstance(description, str) else None,
            "description_ref": description_ref,
            "gates": sorted(set(gates or [])),
            "caps": sorted(set(caps) | eff.caps),
            "annotations": annotations or {},
            "strong": eff.strong[:8],
            "medium": eff.medium[:4],
            "weak": eff.weak[:8],
            "kind_mutating": kind_mutating,
            **({"reads": eff.reads[:4]} if eff.reads else {}),
            **({"cli_choices": eff.choices[:4]} if eff.choices else {}),
            **({"calls": eff.imports[:20]} if eff.imports else {}),
            **({"cli_runs": eff.runs[:4]} if eff.runs else {}),
            **({"unread": eff.unread[:4]} if eff.unread else {}),
            **({"no_code": True} if eff.no_code and kind_mutating is None else {}),
            "extends": extends,
        }
        if handler is not None and not eff.strong and not eff.medium and b".state" in self.ctx.source \
                and framework_state.only_framework_state(self.ctx, handler):
            cand["state_only"] = True
        if handler is not None and not eff.strong and not eff.medium:
            helpers: list = []
            kind = purity.body_kind(self.ctx, handler, helpers)  # what the code does outranks what its labels claim
            if kind is not None and helpers:
                cand["body_if"] = {"kind": kind, "calls": helpers[:10]}  # the helpers' kinds: project phase
            elif kind is not None:
                cand["body"] = kind
        if wrapper is not None:
            cand["wrapper"] = wrapper
        if definition is not None:
            cand["definition"] = definition
            cand["executed"] = sorted(eff.executed)[:50]
        if getattr(self, "_last_numeric", False):
            cand["numeric_only"] = True
            self._last_numeric = False
        last_raw = getattr(self, "_last_raw_fields", None)
        if last_raw is not None:
            if typed and last_raw[0] == id(eff) and cand.get("calls"):
                cand["raw_fields"] = last_raw[1][:8]
            self._last_raw_fields = None
        if self._last_options:
            cand["options"] = self._last_options
            self._last_options = {}
        if getattr(self, "_last_executor_field", None):
            if typed and cand.get("name_ref") is not None:
                cand["executor_field"] = self._last_executor_field
            self._last_executor_field = None
        if self._last_schema_ref is not None and typed:
            cand["schema_ref"] = self._last_schema_ref
        self._last_schema_ref = None
        self.tools.append(cand)
        self.cand_nodes[id(cand)] = node
        self._handler_ref = None  # (one met for another candidate's entry must not reach the next)
        return cand

    def _names(self, node: Node | None) -> list[Any]:
        """Names a name expression can take: a static string, a cross-file reference, or the string
        arguments that callers in this file pass to the factory parameter it comes from."""
        v = self.ctx.string_value(node)
        if v is not None:
            return [v]
        node = unwrap(node)
        if node is None:
            return []
        key = None
        if node.type in ("identifier", "shorthand_property_identifier"):
            ident = node
        elif node.type == "member_expression":
            ident = unwrap(node.child_by_field_name("object"))
            if ident is None or ident.type != "identifier":
                return []
            key = text(node.child_by_field_name("property"))
        else:
            return []
        b = self.ctx.lookup(ident, text(ident))
        if b is None or b.kind != "param" or b.node is None:
            return []
        param = b.node
        fn = param.parent.parent if param.parent is not None else None
        if fn is None or not is_function(fn):
            return []
        params = function_params(fn)
        try:
            idx = [p.id for p in params].index(param.id)
        except ValueError:
            return []
        pattern = param_pattern(param)
        if pattern is not None and pattern.type == "object_pattern" and key is None:
            key = text(ident)
        fname = _function_name(fn)
        out: list[Any] = []
        if fname:
            for call in self._calls_to(fname):
                a = args_of(call)
                if idx >= len(a):
                    continue
                arg = a[idx]
                if key is not None:
                    obj = self.ctx.value_node(arg)
                    if obj is None or obj.type != "object":
                        continue
                    entry = object_entries(obj).get(key)
                    val = self.ctx.string_value(entry_value(entry)) if entry is not None else None
                else:
                    val = self.ctx.string_value(arg)
                if val is not None and val not in out:
                    out.append(val)
        if not out and key is None and pattern is not None and pattern.type == "identifier":
            ann = param.child_by_field_name("type")
            if ann is not None:
                for lit in iter_descendants(ann, 200):
                    if lit.type == "literal_type":
                        sv = string_literal(lit.named_children[0]) if lit.named_children else None
                        if sv is not None and sv not in out:
                            out.append(sv)
        return out

    def _calls_to(self, fname: str) -> list[Node]:
        """Calls `fname(...)` in this file (one query over the file, indexed on first use)."""
        if self._call_index is None:
            self._call_index = {}
            q = query(self.ctx.grammar, "(call_expression function: (identifier) @f) @c")
            for _, caps in QueryCursor(q, match_limit=1 << 16).matches(self.ctx.root):
                f = caps.get("f")
                c = caps.get("c")
                if f and c:
                    self._call_index.setdefault(text(f[0]), []).append(c[0])
        return self._call_index.get(fname, [])

    def _callee_binding(self, call: Node, name: str):
        fn = call.child_by_field_name("function")
        return self.ctx.lookup(fn if fn is not None else call, name)

    # -- bare calls: tool(), createTool(), builtins ----------------------------------------------
    def _on_call(self, call: Node, fname: str) -> None:
        b = self._callee_binding(call, fname)
        if b is not None and b.kind != "import":
            return  # a local function or variable of that name, not the framework's
        module = b.module if b is not None else None
        imported = b.imported if b is not None else fname
        fw = framework_of(module)
        if module is not None and fw is None and not module.startswith("."):
            # imported from a package we do not know; only accept the unambiguous factories
            if imported not in ("tool", "createTool", "dynamicTool"):
                return
        if module is not None and module.startswith((".", "@/", "~/")):
            if imported not in ("tool", "createTool", "dynamicTool"):
                # A project helper: a generic wrapper whose call sites are the tools (decided once
                # its own file is read), or a factory whose tool is reported where it is built.
                self._wrapper_call(call, None, {"module": module, "name": imported})
                return
            fw = None  # a project re-export of a framework's tool(): judge by shape
        self._dispatch(call, imported or fname, fw)

    def _dispatch(self, call: Node, fname: str, fw: str | None, args: list[Node] | None = None) -> None:
        if args is None:
            before = len(self.tools)
            args = self._spread_args(call, args_of(call), f"call:{fname}:{fw}")
            if args is not None:
                self._dispatch(call, fname, fw, args)
                self._members_fallback(before)
            return
        hook = _FACTORY_HOOKS.get((fname, fw)) or _FACTORY_HOOKS.get((fname, "*"))
        if hook is not None:
            hook(self, call, args, fw, fname)
        elif fname == "tool" and fw is None:
            self._tool_by_shape(call, args)
        else:
            for spec in FAMILIES:
                if spec.builtin_hook is not None and fname in spec.builtins and fw in (spec.id, None):
                    spec.builtin_hook(self, call, args, fname)
                    break

    def _tool_by_shape(self, call: Node, args: list[Node]) -> None:
        """tool() from a project re-export or no import: LangChain's takes a function first, the OpenAI
        Agents SDK's config has a name, the AI SDK's has none."""
        if not args:
            return
        first = unwrap(args[0])
        if len(args) >= 2 and (is_function(first) or first.type == "identifier"):
            langchain.tool(self, call, args)
            return
        _, entries = self._config(args[0])
        if "name" in entries:
            openai_agents.tool(self, call, args)
        else:
            ai_sdk.tool(self, call, args, "ai_sdk.tool")

    def _on_member_call(self, call: Node, prop: str) -> None:
        ctx = self.ctx
        fn = unwrap(call.child_by_field_name("function"))
        obj = unwrap(fn.child_by_field_name("object")) if fn is not None else None
        chain = member_chain(obj) if obj is not None else []
        root_import = ctx.imports.get(chain[0]) if chain and len(chain) == 1 else None
        if root_import is not None and root_import[1] == "*":
            fw = framework_of(root_import[0])
            if fw is not None and fw != "mcp-typescript-sdk":
                self._dispatch(call, prop, fw)
                return
        args = args_of(call)
        if prop in _REGISTRATIONS:
            recv = chain[-1] if chain else ""
            receiver = _REGISTRATIONS[prop].receiver
            if receiver is not None and not (self.mcp_signal or receiver.search(recv)
                                             or _REGISTRATION_FAMILY[prop] in self.frameworks):
                return
            before = len(self.tools)
            args = self._spread_args(call, args, f"member:{prop}")
            if args is not None:
                self._registration(call, prop, args)
                self._members_fallback(before)
        elif prop == "asTool":
            openai_agents.as_tool(self, call, args, obj)
        elif prop == "bindTools" and args:
            # model.bindTools([{ type: "computer_use_preview", ... }]): hosted tools, as in tools: [...]
            value = self.ctx.value_node(args[0])
            if value is not None and value.type == "array":
                self._hosted_in_array(value)
            langchain.bound_params(self, args[0])  # { name, description, schema } objects
            self._check_tools_value(args[0], "bindTools(...)", 0)

    def _registration(self, call: Node, method: str, args: list[Node]) -> None:
        """A registration method read positionally by its family's hook (MCP's registerTool and tool, x402's
        paidTool)."""
        _REGISTRATIONS[method].hook(self, call, args)

    # -- arguments spread from an array (`server.tool(...TOOL)`) ----------------------------------
    def _spread_args(self, call: Node, args: list[Node], reader: str) -> list[Node] | None:
        """The positional arguments a call passes: an array literal spread into it (`...TOOL`, `...defs.x`)
        is read as the arguments it holds. An array exported by another file of this project is recorded for
        the project phase, which reads it where it is defined: None then, and for a spread of a run-time value
        (an unresolved site). So is an object whose members are passed one by one (`m.toolName,
        m.toolDescription, ...`), but the call is also read here as it stands, the reading kept only if
        the project phase finds none in the defining file (members in another order: see _members_fallback)."""
        if not any(a.type == "spread_element" for a in args):
            members = self._members_of_one_import(args)
            if members is not None:
                ref, names = members
                self.spread_uses.append({"line": line(call), "call": one_line(call), "reader": reader,
                                         "module": ref["module"], "name": ref["name"], "members": names})
                self._members_use = len(self.spread_uses) - 1
            return args
        out: list[Node] = []
        for a in args:
            if a.type != "spread_element":
                out.append(a)
                continue
            expr = a.named_children[0] if a.named_children else None
            elements = self._spread_array(expr)
            if elements is not None:
                out.extend(elements)
                continue
            ref = self._import_ref(expr, namespace=True)
            if ref is not None and ref["member"] is None and len(args) == 1:
                self.spread_uses.append({"line": line(call), "call": one_line(call), "reader": reader,
                                         "module": ref["module"], "name": ref["name"]})
            else:
                self._unread(call, "arguments spread from a value parr cannot read", one_line(call))
            return None
        return out

    def _members_fallback(self, before: int) -> None:
        """Tools just read from a call whose arguments are members of one imported object are the
        fallback of that use (`members_use`): dropped when the defining file's reading is used."""
        if self._members_use is not None:
            for cand in self.tools[before:]:
                cand["members_use"] = self._members_use
        self._members_use = None

    def _spread_array(self, node: Node | None, depth: int = 0) -> list[Node] | None:
        """The elements of the array literal a spread expression stands for in this file (`TOOL`,
        `defs.x`, `[...]`), nested spreads of such arrays flattened; None for anything else."""
        node = unwrap(node)
        if node is None or depth > 4:
            return None
        if node.type in ("member_expression", "subscript_expression"):
            base = self._spread_source(node.child_by_field_name("object"))
            key = text(node.child_by_field_name("property")) if node.type == "member_expression" else \
                self.ctx.string_value(node.child_by_field_name("index"))
            entry = object_entries(base).get(key) if base is not None and isinstance(key, str) else None
            node = entry_value(entry) if entry is not None else None
        value = self.ctx.value_node(node)
        if value is None or value.type != "array":
            return None
        out: list[Node] = []
        for el in value.named_children:
            if el.type == "comment":
                continue
            if el.type == "spread_element":
                inner = self._spread_array(el.named_children[0] if el.named_children else None, depth + 1)
                if inner is None:
                    return None
                out.extend(inner)
            else:
                out.append(el)
        return out

    def _members_of_one_import(self, args: list[Node]) -> tuple[dict[str, Any], list[str]] | None:
        """`m.toolName, m.toolDescription, m.toolParamsSchema, m.toolCallback` with `m` imported from this
        project: every argument a different member of one imported object."""
        if len(args) < 2:
            return None
        ref: dict[str, Any] | None = None
        names: list[str] = []
        for a in args:
            r = self._import_ref(a, namespace=True) if unwrap(a) is not None and unwrap(a).type == "member_expression" else None
            if r is None or r["member"] is None or r["member"] in names or (
                    ref is not None and (r["module"], r["name"]) != (ref["module"], ref["name"])):
                return None
            ref = ref or r
            names.append(r["member"])
        return (ref, names) if ref is not None else None

    def _exported_argument_lists(self) -> None:
        """Arrays (and objects, read in key order) this file exports that another file may spread into
        a registration or factory: each is read by every positional reader the families declare, and
        the project phase keeps only the reading some call actually uses (`spread_export`)."""
        for key, value in _exported_values(self.ctx):
            members: list[str] | None = None
            if value.type == "array":
                elements = self._spread_array(value)
            elif value.type == "object":
                entries = [c for c in value.named_children if c.type != "comment"]
                if not entries or any(c.type not in ("pair", "shorthand_property_identifier") for c in entries):
                    continue
                members = [property_key(c) for c in entries]
                if any(m is None for m in members) or len(set(members)) != len(members):
                    continue
                elements = [entry_value(c) for c in entries]
            else:
                continue
            if elements is None or len(elements) < 2:
                continue
            for reader in _POSITIONAL_READERS:
                before, sites, wrappers = len(self.tools), list(self.unresolved), dict(self.wrappers)
                claimed = set(self.ctx.claimed)
                kind, name, *fw = reader.split(":")
                if kind == "member":
                    self._registration(value, name, elements)
                else:
                    self._dispatch(value, name, fw[0], elements)
                # A speculative reading: what it could not read is reported at the call that uses it, and
                # the literals it would claim stay free for other readings; the project phase drops them
                # as tools of their own only if this reading is used (`absorbs`, their lines).
                absorbs = sorted({self.ctx.source.count(b"\n", 0, start) + 1
                                  for start, _ in self.ctx.claimed - claimed})
                self.unresolved, self.wrappers, self.ctx.claimed = sites, wrappers, claimed
                for cand in self.tools[before:]:
                    cand["spread_export"] = {"name": key, "reader": reader, **({"members": members} if members else {}),
                                             **({"absorbs": absorbs} if absorbs else {})}

    # -- MCP ---------------------------------------------------------------------------------------
    # -- AI SDK -------------------------------------------------------------------------------------
    # -- generic wrappers: a function whose config parameter flows into a framework factory ----------
    def _register_wrapper(self, cfg: Node, entries: dict[str, Node], framework: str, style: str) -> bool:
        """The factory call sits in a named function and takes the tool's description or name from that
        function's own config parameter (or spreads it): the function is a wrapper, its call sites are
        the tools and this call is none (it would otherwise take one caller's name)."""
        fn = None
        for key in ("description", "name"):
            fn = fn or self._config_param_function(self._entry(entries, key))
        for el in cfg.named_children:
            if el.type == "spread_element" and el.named_children:
                fn = fn or self._config_param_function(el.named_children[0])
        fname = _function_name(fn) if fn is not None else None
        if fn is None or not fname:
            return False
        if fname not in self.wrappers:
            self.wrappers[fname] = {"framework": framework, "style": style, "line": line(fn),
                                    "exported": _function_exported(self.ctx, fn, fname)}
        return True

    def _config_param_function(self, value: Node | None) -> Node | None:
        """The function whose object parameter `value` is read from (`{ description }` destructured from
        it, `opts.description`, `...opts`), or None."""
        value = unwrap(value)
        if value is not None and value.type == "member_expression":
            value = unwrap(value.child_by_field_name("object"))
            destructured_only = False
        else:
            destructured_only = True
        if value is None or value.type not in ("identifier", "shorthand_property_identifier"):
            return None
        b = self.ctx.lookup(value, text(value))
        if b is None or b.kind != "param" or b.node is None or b.node.parent is None:
            return None
        pattern = param_pattern(b.node)
        if destructured_only and (pattern is None or pattern.type != "object_pattern") and \
                value.parent is not None and value.parent.type != "spread_element":
            return None
        fn = b.node.parent.parent
        return fn if fn is not None and is_function(fn) else None

    def _wrapper_calls_here(self) -> None:
        """Calls of this file's own wrappers are tools, read like the factory call inside the wrapper
        (a registration wrapper called by another one with its own name parameter makes that one a
        wrapper too: read until no new wrapper appears)."""
        done: set[str] = set()
        while len(done) < len(self.wrappers) and len(done) < 50:
            for fname, info in list(self.wrappers.items()):
                if fname in done:
                    continue
                done.add(fname)
                for call in self._calls_to(fname):
                    info["called_here"] = True
                    if info.get("registration"):
                        self._registration_call(call, info)
                    else:
                        self._wrapper_call(call, info, None)

    # -- registration wrappers: a function or method whose name parameter flows into registerTool ------
    def _register_registration_wrapper(self, name_arg: Node, style: str) -> bool:
        """`registerTool(name, config, handler)` with `name` a positional parameter of the enclosing named
        function or method: that function is a wrapper, its calls (`ctx.accountTool("x", {...}, h)`) are
        the registrations, read with the name at the same position."""
        value = unwrap(name_arg)
        whole = False
        if value is not None and value.type == "member_expression" and \
                text(value.child_by_field_name("property")) == "name":
            # `registerTool(tool: Tool, handler) { this.server.registerTool(tool.name, ...) }`: the wrapper is
            # given a whole definition; its calls are read with that argument as the name (a loop's element)
            value = unwrap(value.child_by_field_name("object"))
            whole = True
        if value is None or value.type != "identifier":
            return False
        b = self.ctx.lookup(value, text(value))
        if b is None or b.kind != "param" or b.node is None or b.node.parent is None:
            return False
        pattern = param_pattern(b.node)
        fn = b.node.parent.parent
        if pattern is None or pattern.type != "identifier" or fn is None or not is_function(fn):
            return False
        fname = _function_name(fn)
        if not fname:
            return False
        index = [p.id for p in function_params(fn)].index(b.node.id)
        self.wrappers.setdefault(fname, {"framework": "mcp-typescript-sdk", "style": style, "line": line(fn),
                                         "exported": _function_exported(self.ctx, fn, fname), "registration": True,
                                         "name_index": index, **({"whole": True} if whole else {})})
        return True

    # -- forwarding helpers: a local function whose parameters fill a registration it makes -------------
    def _forwarding_calls(self, name_arg: Node | None) -> tuple[Node, list[Node]] | None:
        """`const tool = (name, description, schema, cb) => server.registerTool(name, {...}, async (a) => cb(a))`
        called in this file with a literal name: the helper and its calls (each call is one tool, read with
        the helper's parameters replaced by that call's arguments). None when `name_arg` is not a plain
        positional parameter of a named function, or no call gives it a literal name."""
        value = unwrap(name_arg)
        if value is None or value.type != "identifier":
            return None
        b = self.ctx.lookup(value, text(value))
        if b is None or b.kind != "param" or b.node is None or b.node.parent is None:
            return None
        fn = b.node.parent.parent
        pattern = param_pattern(b.node)
        if fn is None or not is_function(fn) or pattern is None or pattern.type != "identifier":
            return None
        fname = _function_name(fn)
        if not fname:
            return None
        idx = [p.id for p in function_params(fn)].index(b.node.id)
        calls = [c for c in self._calls_to(fname) if not _inside(c, fn)]
        if not any(idx < len(args_of(c)) and isinstance(self.ctx.string_value(args_of(c)[idx]), str)
                   for c in calls):
            return None
        return fn, calls

    def _substitute(self, node: Node | None, fn: Node, call_args: list[Node]) -> Node | None:
        """`node` with a plain positional parameter of `fn` replaced by the argument a call passes there
        (None for a parameter that call leaves out); any other node as it is."""
        v = unwrap(node)
        if v is None or v.type not in ("identifier", "shorthand_property_identifier"):
            return node
        b = self.ctx.lookup(v, text(v))
        if b is None or b.kind != "param" or b.node is None or b.node.parent is None or \
                b.node.parent.parent is None or b.node.parent.parent.id != fn.id:
            return node
        pattern = param_pattern(b.node)
        if pattern is None or pattern.type != "identifier":
            return node
        idx = [p.id for p in function_params(fn)].index(b.node.id)
        return call_args[idx] if idx < len(call_args) else None

    def _forwarded_handler(self, handler: Node | None, fn: Node, call_args: list[Node]) -> Node | None:
        """The function a call of forwarding helper `fn` passes as the code its registration runs: the
        helper's handler calls one of the helper's parameters (`await cb(args, telemetry)`), so the tool's
        code is that call's argument there; what the helper does around it (tracing, timing, telemetry,
        error wrapping) is the helper's, the same for every tool. None when the handler calls no parameter,
        or the argument is not a function parr can read here."""
        if handler is None or not _inside(handler, fn):
            return None
        params = function_params(fn)
        for n in iter_descendants(handler, 5000):
            if n.type != "call_expression":
                continue
            callee = unwrap(n.child_by_field_name("function"))
            if callee is None or callee.type != "identifier":
                continue
            b = self.ctx.lookup(callee, text(callee))
            if b is None or b.kind != "param" or b.node is None or b.node.parent is None or \
                    b.node.parent.parent is None or b.node.parent.parent.id != fn.id:
                continue
            idx = [p.id for p in params].index(b.node.id)
            return self._handler(call_args[idx]) if idx < len(call_args) else None
        return None

    def _registration_call(self, call: Node, info: dict[str, Any], wrapper: dict | None = None) -> None:
        """A call of a registration wrapper: name at the wrapper's name position, then its config, and
        the handler last."""
        args = args_of(call)
        index = int(info.get("name_index") or 0)
        if info.get("whole") and len(args) > index and not self.ctx.is_claimed(call):
            # `registerTool(tool)`, the wrapper reading `tool.name`, `tool.description`...: the definition given is
            # the tool, followed where it comes from (a loop over a list: loops.py), else a site
            self.ctx.claim(call)
            site = {"line": line(call), "call": one_line(call, 140), "reason": "tool name made at run time"}
            if not loops.registration_site(self, call, site, name_expr=args[index],
                                           style=("mcp-typescript-sdk", info.get("style") or "mcp_ts.registerTool")):
                self._unread(call, "tool name made at run time", one_line(call, 140))
            return
        if len(args) < index + 2 or self.ctx.is_claimed(call):
            return
        self.ctx.claim(call)
        mcp.register_tool(self, call, [args[index], args[index + 1], args[-1]] if len(args) > index + 2 else
                          [args[index], args[index + 1]], wrapper=wrapper, style=info.get("style") or "mcp_ts.registerTool")

    def _on_registration_shaped_call(self, call: Node, method: str) -> None:
        """`anything.method("name", { description, inputSchema }, handler)`: a tool if `method` turns out
        to be a registration wrapper declared somewhere in the project (decided in the project phase)."""
        if method in _REGISTRATION_METHODS or self.ctx.is_claimed(call):
            return
        args = args_of(call)
        if len(args) < 3:
            return
        _, entries = self._config(args[1])
        last = unwrap(args[-1])
        if not (_CONFIG_KEYS & set(entries)) or last is None or not (
                is_function(last) or last.type in ("identifier", "member_expression", "call_expression")):
            return
        self._registration_call(call, {"name_index": 0}, wrapper={"method": method})

    def _wrapper_call(self, call: Node, info: dict[str, Any] | None, ref: dict[str, Any] | None) -> None:
        """One call of a wrapper with a config object: the tool it makes. With `ref` (a wrapper imported
        from this project), the project phase keeps it only if that function turns out to be a wrapper."""
        args = args_of(call)
        if not args or self.ctx.is_claimed(call):
            return
        cfg = self.ctx.value_node(args[0])
        if cfg is None or cfg.type != "object":
            return
        # A helper imported from this project may not be a wrapper: claim nothing, name what it absorbs.
        sources: list[Node] | None = [] if ref is not None else None
        entries = self._entries(cfg, sources=sources)
        if not ({"description", "name", "execute"} & set(entries)):
            return
        if ref is None:
            self.ctx.claim(cfg)
            self.ctx.claim(call)
        else:
            ref = dict(ref, absorbs=sorted({line(n) for n in sources or []} | {line(n.parent) for n in sources or []
                                                                                 if n.parent is not None}))
        nested = self.ctx.value_node(self._entry(entries, "config"))
        mcp_config = False
        if nested is not None and nested.type == "object":
            # `{ name, config: { description, inputSchema, annotations }, handle }`: the name beside the
            # config object MCP's registerTool(name, config, handler) takes
            inner = self._entries(nested, sources=sources)
            if _CONFIG_KEYS & set(inner):
                entries = {**inner, **entries}
                mcp_config = True  # as registerTool reads it, a config without inputSchema takes no arguments
        schema_node = self._entry(entries, "inputSchema", "parameters", "schema", "args")
        handler = self._handler(self._entry(entries, "execute", "handler", "handle"))
        sinfo, eff, typed, tev, desc, dref = self._read_definition(cfg, schema_node, handler,
                                                                   self._entry(entries, "description"),
                                                                   no_schema_means_no_params=mcp_config)
        name_node = self._entry(entries, "name")
        names = self._names(name_node) if name_node is not None else []
        kw: dict[str, Any] = dict(
            framework=(info or {}).get("framework") or "unknown", style=(info or {}).get("style") or "wrapper",
            schema=sinfo.kind if sinfo.declared else "none", typed=typed, typed_evidence=tev, description=desc,
            description_ref=dref, handler=handler, eff=eff, gates=self._gates(entries, eff),
            annotations=self._annotations(self._entry(entries, "annotations")), wrapper=ref,
            definition=self._definition_ref(cfg, None, sinfo))
        if names:
            self._emit(node=call, name=names, **kw)
        elif name_node is None:
            self._emit_named(call, self._naming(call), default_name=None, **kw)
        elif ref is not None:
            # Whether this is a tool at all is known once the helper's own file is read.
            self._emit(node=call, name=None, **dict(kw, wrapper=dict(ref, unread_name=text(call)[:60])))
        else:
            self._unread(call, "tool name made at run time", f"{text(call)[:60]}")

    def _read_definition(self, cfg: Node, schema_node: Node | None, handler: Node | None,
                         description_node: Node | None, no_schema_means_no_params: bool = False,
                         ) -> tuple[SchemaInfo, fx.Effects, bool, list[str], Any, Any]:
        """What a tool definition object says and does: its schema, the handler's effects, whether it is
        typed (a spread parr could not follow leaves it untyped) and its description (text, reference)."""
        info = self._schema_of(schema_node)
        eff = self._effects_of(handler)
        typed, tev = self._typed(info, handler, eff, no_schema_means_no_params=no_schema_means_no_params)
        typed, tev = self._spread_evidence(cfg, info, typed, tev)
        desc, dref = self._description(description_node)
        return info, eff, typed, tev, desc, dref

    def _spread_evidence(self, cfg: Node, info: SchemaInfo, typed: bool, evidence: list[str]) -> tuple[bool, list[str]]:
        """A tool built from a definition parr could not follow has a schema parr did not see: untyped
        (the project phase reads a definition imported from this project, see `config_ref`)."""
        if info.declared or cfg.id not in self._unread_spreads:
            return typed, evidence
        if cfg.id in self._spread_refs:
            return False, [IMPORTED_DEFINITION]
        return False, ["input schema may sit in a spread definition parr could not read"]

    def _definition_ref(self, cfg: Node | None, arg: Node | None, info: SchemaInfo) -> dict[str, Any] | None:
        """Where the project phase finds the definition this tool's schema, description and
        annotations come from, when it is imported (`registerTool(n, def, h)`, `{ ...defs.x }`)."""
        if info.declared:
            return None
        if cfg is not None:
            return self._spread_refs.get(cfg.id)
        return self._import_ref(arg)

    def exported_definitions(self) -> dict[str, dict[str, Any]]:
        """Exported object literals shaped like a tool's config (`export const searchDef = {...}`), and
        those one level inside (`export const defs = { drop_table: {...} }` as `defs.drop_table`), for
        files that import them: their schema, description and annotations."""
        out: dict[str, dict[str, Any]] = {}
        for stmt in self.ctx.root.named_children:
            decl = stmt.child_by_field_name("declaration") if stmt.type == "export_statement" else None
            if decl is None or decl.type not in ("lexical_declaration", "variable_declaration"):
                continue
            for declarator in decl.named_children:
                name = declarator.child_by_field_name("name") if declarator.type == "variable_declarator" else None
                obj = self.ctx.value_node(declarator.child_by_field_name("value")) if name is not None else None
                if obj is None or obj.type != "object":
                    continue
                if self._definition_shape(obj):
                    out[text(name)] = self._definition(obj)
                    continue
                for key, entry in list(object_entries(obj).items())[:200]:
                    inner = self.ctx.value_node(entry_value(entry))
                    if inner is not None and inner.type == "object" and self._definition_shape(inner):
                        out[f"{text(name)}.{key}"] = self._definition(inner)
        return out

    def walked_definition(self, obj: Node) -> None:
        """`{ name: "x", schema, handler }` that no reader took for a tool (its keys are a project's own): a
        candidate kept only if a registration loop parr follows walks it (`loop_only`, see loops.py), with
        its schema and its handler's effects. A literal name, a schema-like entry and a function beside them
        are all required: config and data objects carry a name but answer nothing."""
        keys = set(object_entries(obj))
        walked = self.__dict__.setdefault("_walked_ids", set())
        if obj.id in walked or "name" not in keys or not keys & set(_WALKED_SCHEMA_KEYS) or \
                self.ctx.is_claimed(obj) and obj.id not in self.__dict__.get("_returned_ids", ()):
            return None  # read already, or read by a reader that reports it (only a returned definition is not)
        walked.add(obj.id)
        entries = self._entries(obj, sources=[])
        name = self.ctx.string_value(self._entry(entries, "name")) if "name" in entries else None
        schema_node = self._entry(entries, *_WALKED_SCHEMA_KEYS)
        handler = next((h for h in (self._handler(self._entry(entries, k)) for k in _WALKED_HANDLER_KEYS
                                    if k in entries) if h is not None), None)
        if not isinstance(name, str) or not name or schema_node is None or handler is None:
            return None
        info, eff, typed, tev, desc, dref = self._read_definition(obj, schema_node, handler,
                                                                  self._entry(entries, "description"))
        cand = self._emit(node=obj, name=name, framework="unknown", style="raw_function_schema",
                          schema=info.kind if info.declared else "none", typed=typed, typed_evidence=tev,
                          description=desc, description_ref=dref, handler=handler, eff=eff,
                          gates=self._gates(entries, eff), annotations=self._annotations(self._entry(entries, "annotations")),
                          definition=self._definition_ref(obj, None, info))
        cand["loop_only"] = True

    def _definition_shape(self, obj: Node) -> bool:
        keys = set(self._entries(obj, sources=[]))
        return bool(keys & {"inputSchema", "parameters", "input_schema", "schema"}) and "description" in keys

    def _definition(self, obj: Node) -> dict[str, Any]:
        entries = self._entries(obj, sources=[])
        schema_node = self._entry(entries, "inputSchema", "parameters", "input_schema", "schema")
        info = self._schema_of(schema_node)
        desc, dref = self._description(self._entry(entries, "description"))
        lines = sorted({line(obj)} | ({line(obj.parent)} if obj.parent is not None else set()))
        return {"lines": lines, "schema": info.kind if info.declared else "none", "typed": info.typed,
                "typed_evidence": list(info.evidence), "fields": info.fields, "description": desc,
                "description_ref": dref, "annotations": self._annotations(self._entry(entries, "annotations"))}

    def _wraps_parameters(self, entries: dict[str, Node], *groups: tuple[str, ...]) -> bool:
        """Every named part is a parameter of the enclosing function: code that builds tools from
        whatever it is given (framework or toolkit plumbing), not a declaration of one."""
        for keys in groups:
            value = unwrap(self._entry(entries, *keys))
            if value is None or value.type not in ("identifier", "shorthand_property_identifier"):
                return False
            b = self.ctx.lookup(value, text(value))
            if b is None or b.kind != "param":
                return False
        return True

    # -- openai-agents-js ------------------------------------------------------------------------
    # -- langchainjs ---------------------------------------------------------------------------------
    def _on_new(self, new: Node) -> None:
        """`new X(...)` of a tool class a family declares as a factory (LangChain's Dynamic*Tool, VoltAgent's
        Tool), read by its hook."""
        ctor = unwrap(new.child_by_field_name("constructor"))
        chain = member_chain(ctor)
        cls = chain[-1] if chain else ""
        b = self.ctx.lookup(new, chain[0]) if chain else None
        if b is not None and b.kind != "import":
            return
        fw = framework_of(b.module) if b is not None else None
        hook = _FACTORY_HOOKS.get((cls, fw))
        if hook is not None:
            hook(self, new, args_of(new), fw, cls)

    # -- VoltAgent / Mastra / codemode / OpenAI helpers ------------------------------------------------
    def _factory_tool(self, call: Node, args: list[Node], family: FrameworkSpec, factory: Factory) -> None:
        """The generic reader of a factory a family declares as data: which config keys hold the name,
        description, schema and handler (see frameworks/spec.py)."""
        cfg, entries = self._config(args[factory.config_arg]) if len(args) > factory.config_arg else (None, {})
        if cfg is None:
            return
        self.ctx.claim(cfg)
        name_node = self._entry(entries, *factory.name_keys) if factory.name_keys else None
        name = (self._names(name_node) or None) if name_node is not None else None
        if name is None and not factory.named_by_place:
            return
        naming = self._naming(call) if name is None else None
        schema_node = self._entry(entries, *factory.schema_keys) if factory.schema_keys else None
        handler = self._handler(self._entry(entries, *factory.handler_keys)) if factory.handler_keys else None
        info, eff, typed, tev, desc, dref = self._read_definition(cfg, schema_node, handler,
                                                                  self._entry(entries, *factory.description_keys),
                                                                  factory.no_schema_means_no_params)
        kw = dict(framework=family.id, style=factory.style, schema=info.kind if info.declared else "none",
                  typed=typed, typed_evidence=tev, description=desc, description_ref=dref, handler=handler, eff=eff,
                  gates=self._gates(entries, eff), definition=self._definition_ref(cfg, None, info))
        one = name[0] if isinstance(name, list) and len(name) == 1 else name
        if isinstance(one, str) and factory.key_outranks_name:
            naming = self._naming(call)  # a name made at run time (a ref, several) is read as before
            if naming.get("kind") in ("key", "var", "return"):
                self._emit_named(call, naming, default_name=one, **kw)
                return
        if name is not None:
            self._emit(node=call, name=name, **kw)
        else:
            self._emit_named(call, naming, default_name=None, **kw)

    # -- object literals ---------------------------------------------------------------------------------
    def _on_tools_pair(self, pair: Node, key_name: str) -> None:
        value = self.ctx.value_node(entry_value(pair))
        if value is None:
            return
        if key_name == "handoffs":
            if "openai-agents-js" not in self.frameworks or not self._in_agent_config(pair):
                return
            if value.type == "array":
                for el in value.named_children:
                    openai_agents.handoff(self, el)
            elif value.type in ("call_expression", "member_expression", "subscript_expression", "await_expression") \
                    or (value.type == "identifier" and (self.ctx.lookup(value, text(value)) or Binding("param")).kind
                        == "import"):
                # Literals hold no agents and a parameter's list is read where the caller builds it.
                self._unread(pair, "hand-offs made by code parr cannot read", f"handoffs: {text(value)[:70]}")
            return
        if key_name == "mcpServers":
            # createAgent({ mcpServers: [...] }): the servers list their tools to the agent at run time
            owner = pair.parent.parent if pair.parent is not None else None  # the call the config is given to
            callee = member_chain(unwrap(owner.parent.child_by_field_name("function"))) if owner is not None and \
                owner.type == "arguments" and owner.parent is not None and owner.parent.type == "call_expression" else []
            owner_call = callee[-1] if callee else None
            if any(key_name in spec.runtime_tool_keys and (spec.id in self.frameworks or owner_call in spec.agent_factories)
                   for spec in FAMILIES) and not (value.type == "array" and not value.named_children):
                self._unread(pair, "tools listed at run time by MCP servers", f"mcpServers: {one_line(value, 60)}")
            return
        if key_name in ("functionDeclarations", "function_declarations"):
            if value.type != "array":
                return
            for el in value.named_children:
                obj = self.ctx.value_node(el)
                if obj is not None and obj.type == "object" and not self.ctx.is_claimed(obj):
                    self._raw_literal(obj, style="gemini.function_declarations", framework="google-genai")
            return
        if value.type == "array":
            self._hosted_in_array(value)
        if key_name == "tools":
            langchain.agent_tools(self, pair)  # createReactAgent({ tools: [{ name, schema }] })
        if value.type == "object" and (self.frameworks or self.mcp_signal):
            # tools: { pause_project: { ...defs.pause_project, execute } }: the definition and its body are
            # one tool, read before the definition itself would be read as a tool of its own.
            for entry in value.named_children:
                inner = unwrap(entry.child_by_field_name("value")) if entry.type == "pair" else None
                if inner is not None and inner.type == "object" and not self.ctx.is_claimed(inner) and any(
                        el.type == "spread_element" for el in inner.named_children):
                    self._raw_literal(inner)
        if self.frameworks or self.mcp_signal:
            # `tools:` in a file that speaks to no agent framework is some other list (a toolchain)
            self._check_tools_value(entry_value(pair), "tools: ...", 0)

    # -- OpenAI Agents JS hand-offs: the model sees each as a tool ----------------------------------
    def _in_agent_config(self, pair: Node) -> bool:
        """The pair sits in the config of `new Agent(...)`, `new RealtimeAgent(...)`, `Agent.create(...)`
        or `agent.clone(...)` (the SDK's own run state also has `handoffs:` keys)."""
        obj = pair.parent
        args = obj.parent if obj is not None else None
        call = args.parent if args is not None and args.type == "arguments" else None
        if call is None or call.type not in ("new_expression", "call_expression"):
            return False
        callee = member_chain(unwrap(call.child_by_field_name("constructor") or call.child_by_field_name("function")))
        return bool(callee) and (callee[-1].endswith("Agent") or callee[-1] == "clone"
                                 or (len(callee) > 1 and callee[-1] == "create" and callee[-2].endswith("Agent")))

    def _agent_name(self, node: Node | None) -> Any:
        return agent_name(self.ctx, node)

    # -- places handing tools to a model that parr cannot read -----------------------------------
    def _tool_list_declarations(self) -> None:
        """`export const TOOLS = [search, ...]` at the top of a module: the list another module binds
        (bindTools(TOOLS), new ToolNode(TOOLS)); its elements are read here, where they are made."""
        for stmt in self.ctx.root.named_children:
            decl = stmt
            if decl.type == "export_statement":
                decl = next((c for c in decl.named_children if c.type in ("lexical_declaration", "variable_declaration")), None)
            if decl is None or decl.type not in ("lexical_declaration", "variable_declaration"):
                continue
            for declarator in decl.named_children:
                if declarator.type != "variable_declarator":
                    continue
                name = text(declarator.child_by_field_name("name"))
                value = unwrap(declarator.child_by_field_name("value"))
                if value is not None and value.type == "array" and _TOOL_LIST_NAME.search(name):
                    self._check_tools_value(value, f"{name} = [...]", 0)

    def _expose_exported_builtins(self) -> None:
        """Built-in tool instances that no tools list here holds are tools still when exported (another
        module gives them to a model: `export const search = new TavilySearchResults()`, or inside an
        exported value); the others are only used by code (`new QuerySqlTool(db).invoke(sql)`)."""
        for node_id, (node, report) in list(self.pending_builtins.items()):
            anc = node.parent
            while anc is not None and anc.type not in ("variable_declarator", "export_statement", "program"):
                anc = anc.parent
            if anc is None or anc.type == "program":
                continue
            if anc.type == "export_statement" or (
                    anc.child_by_field_name("name") is not None and anc.child_by_field_name("name").type == "identifier"
                    and _declarator_exported(self.ctx, anc, text(anc.child_by_field_name("name")))):
                del self.pending_builtins[node_id]
                report()

    def _unread(self, node: Node, reason: str, call: str | None = None) -> None:
        shown = " ".join((call or text(node)).split())
        site = {"line": line(node), "call": shown if len(shown) <= 140 else shown[:139] + "…", "reason": reason}
        if reason == "tool name made at run time" and loops.registration_site(self, node, site):
            return  # a loop over definitions: decided when the project is resolved
        if reason == "tools made by a call parr cannot read" and (
                loops.mapped_factories(self, node, site) or shorthand.memoised(self, node)):
            return  # tools made per definition in a .map (decided by the project), or a memo's value
        if site not in self.unresolved:
            self.unresolved.append(site)

    def _is_tool_node(self, node: Node) -> bool:
        """A candidate was made from this node (a tool(...) call, a new DynamicTool, a hosted tool)."""
        at = line(node)
        return self.ctx.is_claimed(node) or any(c.get("line") == at for c in self.tools)

    def _check_tools_value(self, node: Node | None, label: str, depth: int) -> None:
        """Each element of a tools array or map: a tool found here, a name bound to one, an import
        from this project or a framework; anything else is a site parr could not read."""
        node = unwrap(node)
        if node is None or depth > 4:
            return
        kind = node.type
        if kind in ("array", "object"):
            for el in node.named_children:
                if el.type == "pair":
                    self._check_tools_value(entry_value(el), label, depth + 1)
                elif el.type in ("spread_element",):
                    self._check_tools_value(el.named_children[0] if el.named_children else None, label, depth + 1)
                elif kind == "array":
                    self._check_tools_value(el, label, depth + 1)
            return
        if kind == "spread_element":
            self._check_tools_value(node.named_children[0] if node.named_children else None, label, depth + 1)
            return
        if kind == "await_expression":
            self._check_tools_value(node.named_children[0] if node.named_children else None, label, depth + 1)
            return
        if kind in ("identifier", "shorthand_property_identifier"):
            binding = self.ctx.lookup(node, text(node))
            if binding is None or binding.kind in ("param", "pattern", "function", "class"):
                if binding is not None and binding.kind == "param" and depth == 0:
                    self._forwards_tools(node)
                return  # a parameter or a destructured value: the caller's list is where tools are read
            if binding.kind == "import":
                module = binding.module or ""
                if not _project_module(module) and framework_of(module) is None:
                    self._unread(node, "imported from a package parr did not scan", f"{text(node)} in {label}")
                    if self.unresolved and self.unresolved[-1].get("line") == line(node):
                        # it may be a workspace package of this repository: the project phase decides
                        self.unresolved[-1]["package"] = module
                return
            if binding.node is not None:
                self._check_tools_value(binding.node, label, depth + 1)
            return
        if kind in ("call_expression", "new_expression"):
            if node.id in self.pending_builtins:
                self.pending_builtins.pop(node.id)[1]()  # a built-in tool instance given to a model
                return
            if self._is_tool_node(node):
                return
            callee = unwrap(node.child_by_field_name("function") or node.child_by_field_name("constructor"))
            if kind == "new_expression" and callee is not None and callee.type == "identifier":
                cb = self.ctx.lookup(callee, text(callee))
                if cb is not None and cb.kind == "class" and cb.node is not None and any(
                        cb.node.start_point[0] < c.get("line", 0) <= cb.node.end_point[0] + 1 for c in self.tools):
                    return  # `new SaveTool()` of a tool class read in this file
            if kind == "call_expression" and callee is not None and callee.type == "identifier" and \
                    node.child_by_field_name("function").type != "identifier":
                self._on_call(node, text(callee))  # (createTool as any)({...}): the factory behind a cast
                if self._is_tool_node(node):
                    return
            if callee is not None and callee.type == "member_expression" and text(
                    callee.child_by_field_name("property")) in _ARRAY_PASS_ALONG:
                # tools.filter(...), tools.map(...), [...].concat(more): the same tools, or fewer
                self._check_tools_value(callee.child_by_field_name("object"), label, depth + 1)
                for arg in args_of(node) if text(callee.child_by_field_name("property")) == "concat" else ():
                    self._check_tools_value(arg, label, depth + 1)
                return
            head = callee
            while head is not None and head.type == "member_expression":
                head = unwrap(head.child_by_field_name("object"))
            if head is not None and head.type == "identifier":
                binding = self.ctx.lookup(head, text(head))
                if text(head) == "z" or (binding is not None and binding.kind == "import"
                                         and (binding.module or "").startswith("zod")):
                    return  # a zod schema describing tools, not tools
                if binding is not None and binding.kind == "function" and callee is head:
                    return  # a factory of this file: the tools it builds are read where it builds them
                if binding is not None and binding.kind == "import" and _project_module(binding.module or "") \
                        and callee is head:
                    return  # a factory of this project: the tools it builds are read in its own file
            for arg in args_of(node) if kind == "call_expression" else ():
                value = unwrap(arg)
                if value is not None and value.type == "object" and "tools" in object_entries(value):
                    return  # toolNamespace({ tools: [...] }): its own tools are read as a context of their own
            reason = "tools made by a call parr cannot read"
            if kind == "new_expression" and head is not None and head.type == "identifier":
                binding = self.ctx.lookup(head, text(head))
                fw = framework_of(binding.module or "") if binding is not None and binding.kind == "import" else None
                if fw is not None:
                    reason = f"{fw} tool class parr does not know"
            self._unread(node, reason, f"{text(node)[:70]} in {label}")
            return
        if kind == "member_expression" and depth == 0:
            self._forwards_tools(node)  # `tools: input.tools`
        # member expressions, conditionals and the like are passed along; literals hold no tool

    def _forwards_tools(self, node: Node) -> None:
        """`tools: input.tools` (or `tools`, a parameter) handed to a framework's model call or agent in a named
        function or method: its callers' `tools:` are the tools (loops.forwarder)."""
        fw = sorted(self.frameworks)[0] if self.frameworks else ("mcp-typescript-sdk" if self.mcp_signal else "unknown")
        loops.forwarder(self, node, fw, "forwarded_tools", member="*")

    def _hosted_in_array(self, value: Node) -> None:
        """Built-in and hosted tools given as objects in a tools array, read by the families that host them."""
        for el in value.named_children:
            obj = unwrap(el)
            if obj is None or obj.type != "object" or self.ctx.is_claimed(obj):
                continue
            entries = object_entries(obj)
            for spec in FAMILIES:
                if spec.hosted_object is not None and spec.hosted_object(self, obj, entries):
                    break

    def _on_schema_pair(self, pair: Node) -> None:
        obj = pair.parent
        if obj is None or obj.type != "object" or self.ctx.is_claimed(obj):
            return
        # Inside a declaration already read (a tool's config) or a prompt/resource registration?
        anc = obj.parent
        hops = 0
        while anc is not None and hops < 12:
            if anc.type == "object" and self.ctx.is_claimed(anc):
                return
            if anc.type in ("call_expression", "new_expression"):
                if self.ctx.is_claimed(anc):
                    return
                cname = member_chain(unwrap(anc.child_by_field_name("function")))
                if cname and cname[-1] in _NON_TOOL_CALLS:
                    return
            anc = anc.parent
            hops += 1
        self._raw_literal(obj)

    def _runtime_named_definition(self, obj: Node, entries: dict[str, Node], name_node: Node,
                                  schema_node: Node | None) -> bool:
        """A whole tool definition (a `name:`, a description, a JSON schema written out and the function that
        answers the call) whose name parr cannot read: `{ name: `${server}-${tool.name}`, ... }`, `name:
        this.name` in a class, a name computed into a local. A site, not silence. A bare parameter of the
        enclosing function (`name: toolName` in `makeTool(toolName)`) is left to the readers of its callers."""
        value = unwrap(entry_value(name_node)) if name_node.type == "pair" else unwrap(name_node)
        if value is None or value.type in ("string", "number", "true", "false", "null", "undefined"):
            return False
        if value.type in ("identifier", "shorthand_property_identifier"):
            b = self.ctx.lookup(value, text(value))
            if b is not None and b.kind in ("param", "default"):
                return False
        if name_node.type == "shorthand_property_identifier":
            b = self.ctx.lookup(name_node, text(name_node))
            if b is not None and b.kind in ("param", "default"):
                return False
        sval = self.ctx.value_node(schema_node) if schema_node is not None else None
        if sval is None or sval.type != "object" or "description" not in entries:
            return False
        handler = self._entry(entries, "execute", "handler")
        if handler is None:
            # `...customFunctions`: the handler comes with what is spread in
            return any(c.type == "spread_element" for c in obj.named_children)
        return is_function(unwrap(handler))

    def _raw_literal(self, obj: Node, style: str | None = None, framework: str | None = None) -> None:
        ctx = self.ctx
        entries = self._entries(obj, sources=[])
        schema_key = next((k for k in ("parameters", "inputSchema", "input_schema") if k in entries), None)
        schema_node = self._entry(entries, schema_key) if schema_key else None
        sval = ctx.value_node(schema_node) if schema_node is not None else None
        if schema_key is not None:
            if sval is None or sval.type in ("array", "string", "number", "true", "false", "null"):
                return
            if sval.type == "object":
                sentries = object_entries(sval)
                # `inputSchema: {}` beside a name and the function answering the call: a tool without parameters
                no_params = not sval.named_children and "name" in entries and bool({"execute", "handler"} & set(entries))
                if not no_params and not ({"type", "properties", "anyOf", "oneOf", "$schema"} & set(sentries)) and not any(
                        entry_value(e) is not None and entry_value(e).type == "call_expression" for e in sentries.values()):
                    return
        if "arguments" in entries or "args" in entries and "name" in entries and schema_key is None:
            return
        if "execute" not in entries and "description" not in entries and style is None and not _in_tools_map(obj):
            return
        name: Any = None
        name_node = self._entry(entries, "name")
        at_line = line(obj)
        if name_node is not None:
            name = ctx.string_value(name_node)
            method_node = self._entry(entries, "method")
            if isinstance(name, str) and " " in name and method_node is not None:
                # { method: "create_customer", name: "Create Customer" }: a display name beside the
                # function name adapters hand to the model (a name with spaces cannot be one)
                name = ctx.string_value(method_node) or name
        if name is None and name_node is None:
            # named by the key it is stored under: { getWeather: { description, parameters } }
            cur = obj
            for _ in range(3):
                p = cur.parent
                while p is not None and p.type in ("parenthesized_expression", "as_expression", "satisfies_expression"):
                    p = p.parent
                if p is not None and p.type == "assignment_expression" and cur is not obj:
                    break
                if p is not None and p.type == "assignment_expression":
                    # toolSet.set_context = { description, inputSchema, execute }
                    left = unwrap(p.child_by_field_name("left"))
                    if left is not None and left.type == "member_expression":
                        name = text(left.child_by_field_name("property"))
                        at_line = line(p)
                    elif left is not None and left.type == "subscript_expression":
                        name = self.ctx.string_value(left.child_by_field_name("index"))
                        at_line = line(p)
                    break
                if p is None or p.type != "pair":
                    break
                k = self._pair_key(p)
                if isinstance(k, str) and k in _WRAPPER_KEYS:
                    cur = p.parent
                    continue
                if k is not None:
                    name = k
                    at_line = line(p)
                break
        if name is None:
            if name_node is not None and self._runtime_named_definition(obj, entries, name_node, schema_node):
                self._unread(obj, "tool name made at run time",
                             f"{{ name: {' '.join(text(entry_value(name_node) or name_node).split())[:60]}, ... }}")
            return
        ctx.claim(obj)
        self._entries(obj)  # claims the definitions it spreads: they are part of this tool
        handler = self._handler(self._entry(entries, "execute", "handler"))
        if handler is None and name_node is not None:
            # { name, inputSchema, call: async (args) => ... }: the function beside the definition answers it
            handler = next((h for h in (self._handler(self._entry(entries, k)) for k in sorted(_SIBLING_HANDLER_KEYS)
                                        if k in entries) if h is not None and is_function(h)), None)
        if handler is None and name_node is not None:
            handler = self._sibling_handler(obj)
        no_handler = handler is None
        if no_handler and isinstance(name, str) and schema_key in ("parameters", "input_schema"):
            handler = dispatch.raw_code(ctx, name)  # a raw schema runs where the model's call comes back
        info = analyze_schema(ctx, schema_node) if schema_node is not None else SchemaInfo()
        eff = self._effects_of(handler)
        typed, tev = self._typed(info, handler, eff, no_schema_means_no_params=no_handler)
        typed, tev = self._spread_evidence(obj, info, typed, tev)
        if handler is None or not (eff.strong or eff.medium or eff.executed):
            # no code, or code parr sees doing nothing (it hands the input to a service it cannot follow): the
            # name saying it runs its one command string decides, as it decides what the tool changes
            typed, tev = self.executor_input(name, info, typed, tev)
        desc, dref = self._description(self._entry(entries, "description"))
        if style is None:
            if schema_key == "input_schema":
                style, framework = "anthropic.raw_tool_schema", "anthropic"
            elif "cloudflare-agents" in self.frameworks and name_node is None:
                style, framework = "cloudflare.client_tool", "cloudflare-agents"
            elif schema_key == "inputSchema" and self.mcp_signal and name_node is not None:
                style, framework = "mcp_ts.list_tools", "mcp-typescript-sdk"
            elif "google-genai" in self.frameworks and schema_key == "parameters":
                style, framework = "gemini.function_declarations", "google-genai"
            elif name_node is None:
                style, framework = "ai_sdk.raw_tool", "ai-sdk" if "ai-sdk" in self.frameworks else "unknown"
            else:
                style, framework = "raw_function_schema", "openai" if "openai" in self.frameworks else "unknown"
        by_name = False
        if style == "mcp_ts.list_tools" and handler is None:
            # its code is in the CallTool handler's branch (a name from another file: found by the project phase)
            branch = dispatch.branches(ctx).get(name) if isinstance(name, str) else None
            if branch is not None:
                eff = fx.analyze(ctx, branch)
                typed, tev = self._typed(info, None, eff, no_schema_means_no_params=True, code=branch)
            else:
                by_name = True  # the branch is in another file's CallTool handler: the project phase finds it
        elif style == "raw_function_schema" and handler is None:
            # {name, inputSchema} in a file that does not import MCP itself, or a function schema
            # ({type: "function", function: {name, parameters}}) whose code is elsewhere: if a CallTool
            # handler, or an exported function switching on the tool's name, dispatches on this name, its
            # branch is this tool's code (project phase)
            by_name = True
        cand = self._emit(node=obj, at_line=at_line, name=name, framework=framework or "unknown", style=style,
                   schema=info.kind if info.declared else "none", typed=typed, typed_evidence=tev,
                   description=desc, description_ref=dref, handler=handler, eff=eff,
                   gates=self._gates(entries, eff), definition=self._definition_ref(obj, None, info),
                   annotations=self._annotations(self._entry(entries, "annotations")))
        if by_name:
            cand["dispatch_by_name"] = True
            if info.open_paths and typed is False and tev and tev[0].endswith(arg_reads.UNSEEN):
                # typed or not is the branch's to say: the project phase reads it (open-object rule)
                cand["open_paths"] = [list(p) for p in info.open_paths]

    # -- naming of tools that take their name from where they are stored ---------------------------------
    def _naming(self, call: Node) -> dict[str, Any]:
        cur = call
        wrappers = 0
        for _ in range(24):
            p = cur.parent
            if p is None:
                break
            t = p.type
            if t in ("parenthesized_expression", "as_expression", "satisfies_expression", "await_expression",
                     "non_null_expression"):
                cur = p
                continue
            if t == "arguments" and wrappers < 2 and p.parent is not None and p.parent.type == "call_expression":
                cname = member_chain(unwrap(p.parent.child_by_field_name("function")))
                if cname and cname[-1] in ("streamText", "generateText", "createAgent", "tools"):
                    break
                cur = p.parent
                wrappers += 1
                continue
            if t == "pair":
                k = self._pair_key(p)
                if k is None:
                    break
                return {"kind": "key", "name": k, "line": line(p)}
            if t == "variable_declarator":
                n = p.child_by_field_name("name")
                if n is not None and n.type == "identifier":
                    return {"kind": "var", "local": text(n), "exported": _declarator_exported(self.ctx, p, text(n))}
                break
            if t == "assignment_expression":
                left = unwrap(p.child_by_field_name("left"))
                if left is not None and left.type == "member_expression":
                    prop = text(left.child_by_field_name("property"))
                    if member_chain(left)[:1] in (["exports"], ["module"]):
                        return {"kind": "var", "local": prop, "exported": True}
                    return {"kind": "key", "name": prop, "line": line(p)}
                if left is not None and left.type == "identifier":
                    return {"kind": "var", "local": text(left), "exported": False}
                break
            if t == "export_statement":
                return {"kind": "var", "local": "default", "exported": True}
            if t == "return_statement" or (t == "arrow_function" and p.child_by_field_name("body") == cur):
                fn = p if t == "arrow_function" else None
                anc = p
                while fn is None and anc is not None:
                    if is_function(anc):
                        fn = anc
                    anc = anc.parent
                fname = _function_name(fn) if fn is not None else None
                if fname:
                    return {"kind": "return", "local": fname, "exported": _function_exported(self.ctx, fn, fname)}
                break
            break
        return {"kind": "none"}

    def _emit_named(self, call: Node, naming: dict[str, Any] | None, default_name: str | None, **kw: Any) -> None:
        naming = naming or {"kind": "none"}
        kind = naming["kind"]
        if kind == "key":
            self._emit(node=call, name=naming["name"], **kw)
            return
        if kind in ("var", "return"):
            self._emit(node=call, name=None, bind={"kind": kind, "local": naming["local"],
                                                   "exported": naming.get("exported", False),
                                                   "default": default_name}, **kw)
            return
        if default_name is not None:
            self._emit(node=call, name=default_name, **kw)

    def _name_unnamed(self) -> None:
        """Give tools bound to a variable the key under which that variable is stored. A tool a function
        returns is a new tool at every call: one per key its calls are stored under (in this file here,
        in others by the project phase), there, and never named after the function when keyed anywhere."""
        made: list[dict[str, Any]] = []
        for cand in self.tools:
            bind = cand.get("bind")
            if not bind or cand.get("name") or cand.get("name_ref"):
                continue
            idx = self.key_index if bind["kind"] == "var" else self.call_key_index
            keys = idx.get(bind["local"], [])
            if keys and bind["kind"] == "return":
                for k, at in keys:
                    made.append(dict(cand, name=k if isinstance(k, str) else None,
                                     name_ref=None if isinstance(k, str) else k, line=at, bind=None))
                if bind["exported"]:
                    cand["bind"] = dict(bind, keyed_here=True)  # other files' keys still make their tools
                else:
                    cand["drop"] = True
            elif keys:
                k = keys[0][0]
                if isinstance(k, str):
                    cand["name"] = k
                else:
                    cand["name_ref"] = k
                cand["bind"] = None
            elif not bind["exported"]:
                cand["name"] = bind.get("default") or fallback_name(bind)
                cand["bind"] = None
        if made:
            self.tools[:] = [c for c in self.tools if not c.get("drop")] + made


# Names of module-level arrays that hold tools: TOOLS, tools, searchTools, ALL_TOOLS.
_TOOL_LIST_NAME = re.compile(r"(^|_)tools$|[a-z]Tools$", re.I)
# Array methods that hand back (some of) the same elements.
_ARRAY_PASS_ALONG = frozenset({"filter", "map", "slice", "concat", "flat", "flatMap", "sort", "toSorted", "reverse"})


def _exported_values(ctx: FileCtx) -> list[tuple[str, Node]]:
    """(exported name, the value it is bound to in this file) for `export default X`, `export const X =`,
    `export { X as Y }`, `module.exports = X` (as "default", which an ESM import or a require() of the
    file gets) and `module.exports.X =` / `exports.X =`."""
    out: list[tuple[str, Node]] = []

    def add(name: str, node: Node | None) -> None:
        value = ctx.value_node(node)
        if value is not None and value.type in ("array", "object"):
            out.append((name, value))

    for stmt in ctx.root.named_children:
        if stmt.type == "export_statement":
            if stmt.child_by_field_name("source") is not None:
                continue
            decl = stmt.child_by_field_name("declaration")
            if decl is not None and decl.type in ("lexical_declaration", "variable_declaration"):
                for d in decl.named_children:
                    n = d.child_by_field_name("name") if d.type == "variable_declarator" else None
                    if n is not None and n.type == "identifier":
                        add(text(n), d.child_by_field_name("value"))
            elif stmt.child_by_field_name("value") is not None:
                add("default", stmt.child_by_field_name("value"))
            else:
                for clause in stmt.named_children:
                    if clause.type != "export_clause":
                        continue
                    for spec in clause.named_children:
                        n, a = spec.child_by_field_name("name"), spec.child_by_field_name("alias")
                        if n is not None:
                            add(text(a or n), n)
        elif stmt.type == "expression_statement" and stmt.named_children:
            assign = stmt.named_children[0]
            if assign.type != "assignment_expression":
                continue
            chain = member_chain(unwrap(assign.child_by_field_name("left")))
            if chain == ["module", "exports"]:
                add("default", assign.child_by_field_name("right"))
            elif len(chain) == 3 and chain[:2] == ["module", "exports"] or len(chain) == 2 and chain[0] == "exports":
                add(chain[-1], assign.child_by_field_name("right"))
    return out


def _factory_call_callee(ctx: FileCtx, ident: Node) -> str | None:
    """`f` when the variable `ident` names is a const bound to a call `f(...)` (awaited or not)."""
    fn = _factory_call_node(ctx, ident)
    return text(fn) if fn is not None else None


# `FACTORIES[name](stream)`: an entry of a record called by key.
_CALLED_BY_KEY = re.compile(rb"(?<![\w$.])([A-Za-z_$][\w$]*)\s*(?:\?\.)?\[[^\]\n]{1,120}\]\s*(?:\?\.)?\(")


def _factory_call_node(ctx: FileCtx, ident: Node) -> Node | None:
    """The function identifier of the call `f(...)` the const `ident` names is bound to (awaited or not)."""
    b = ctx.lookup(ident, text(ident))
    if b is None or b.kind != "var" or b.node is None:
        return None
    value = unwrap(b.node)
    if value is None or value.type != "call_expression":
        return None
    fn = unwrap(value.child_by_field_name("function"))
    return fn if fn is not None and fn.type == "identifier" else None


def _project_module(module: str) -> bool:
    """A module of this repository: relative, or through a path alias (@/lib/..., ~/..., #app/...)."""
    return module.startswith((".", "@/", "~/", "#"))


handoff_tool_name = openai_agents.handoff_tool_name  # read by the scanner for agents of other files


def agent_name(ctx: FileCtx, node: Node | None) -> Any:
    """The `name` of `new Agent({ name })`, `new RealtimeAgent({ name })` or `Agent.create({ name })`."""
    node = ctx.value_node(node)
    if node is None or node.type not in ("new_expression", "call_expression"):
        return None
    callee = member_chain(unwrap(node.child_by_field_name("constructor") or node.child_by_field_name("function")))
    if not callee or not (callee[-1].endswith("Agent") or (len(callee) > 1 and callee[-2].endswith("Agent"))):
        return None
    args = args_of(node)
    config = ctx.value_node(args[0]) if args else None
    entry = object_entries(config).get("name") if config is not None and config.type == "object" else None
    value = entry_value(entry) if entry is not None else None
    return ctx.string_value(value) if value is not None else None


def fallback_name(bind: dict[str, Any]) -> str:
    """Name for a tool whose storing key was not found: the variable, or the factory's noun."""
    local = bind.get("local") or "tool"
    if bind.get("kind") == "return":
        m = re.fullmatch(r"_*(?:create|make|build|new|get)([A-Z]\w*?)(?:Tool|Tools)?", local)
        if m and m.group(1):
            core = m.group(1)
            return core[0].lower() + core[1:]
    return local


def _function_name(fn: Node) -> str | None:
    n = fn.child_by_field_name("name")
    if n is not None:
        return text(n)
    p = fn.parent
    if p is not None and p.type == "variable_declarator":
        n = p.child_by_field_name("name")
        if n is not None and n.type == "identifier":
            return text(n)
    return None


def _function_exported(ctx: FileCtx, fn: Node, name: str) -> bool:
    p = fn.parent
    if p is not None and p.type == "export_statement":
        return True
    if p is not None and p.type == "variable_declarator":
        return _declarator_exported(ctx, p, name)
    return _exported_by_list(ctx, name)


def _declarator_exported(ctx: FileCtx, declarator: Node, name: str) -> bool:
    decl = declarator.parent
    if decl is not None and decl.parent is not None and decl.parent.type == "export_statement":
        return True
    return _exported_by_list(ctx, name)


def _exported_by_list(ctx: FileCtx, name: str) -> bool:
    for stmt in ctx.root.named_children:
        if stmt.type == "export_statement" and stmt.child_by_field_name("source") is None:
            for clause in stmt.named_children:
                if clause.type == "export_clause":
                    for spec in clause.named_children:
                        n = spec.child_by_field_name("name")
                        if n is not None and text(n) == name:
                            return True
    return False


# -- classes ------------------------------------------------------------------------------------------
# Read by the scanner's export collection (a class another file may extend).
class_heritage_base = langchain.class_heritage_base
class_info = langchain.class_info
resolve_local_base = langchain.resolve_local_base


def _inside(node: Node, outer: Node) -> bool:
    return outer.start_byte <= node.start_byte and node.end_byte <= outer.end_byte
