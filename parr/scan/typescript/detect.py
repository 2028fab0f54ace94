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

from parr.scan.typescript import dispatch, factories
from parr.scan.typescript import effects as fx
from parr.scan.typescript.frameworks import (
    ai_sdk, anthropic, framework_of, google_genai, langchain, mastra, openai_agents, opencode, voltagent,
)
from parr.scan.typescript.frameworks import openai as openai_api
from parr.scan.typescript.frameworks.spec import Factory, FrameworkSpec
from parr.scan.typescript.nodes import (
    args_of, entry_value, is_function, iter_descendants, line, member_chain, object_entries, param_pattern,
    property_key, query, string_literal, text, unwrap, function_params, param_has_any_type,
)
from parr.scan.typescript.schema import SchemaInfo, analyze_schema
from parr.scan.typescript.values import Binding, FileCtx

_QUERY_COMMON = r"""
(call_expression function: (identifier) @callee
  (#match? @callee "^(tool|dynamicTool|createTool|zodFunction|zodResponsesFunction|createCodeTool|[A-Za-z]+Tool)$")) @call
(call_expression function: (member_expression property: (property_identifier) @mprop
  (#any-of? @mprop "registerTool" "tool" "paidTool" "asTool" "createTool" "dynamicTool" "bindTools"))) @mcall
(call_expression function: (member_expression
   object: (member_expression property: (property_identifier) @tp (#eq? @tp "tools")))) @provcall
(new_expression constructor: [(identifier) (member_expression)] @ctor
  (#match? @ctor "(^|\.)(DynamicStructuredTool|DynamicTool|Tool)$")) @new
(class_declaration (class_heritage)) @class
(pair key: (property_identifier) @pk
  (#any-of? @pk "functionDeclarations" "function_declarations" "tools" "handoffs")) @toolspair
(pair key: (property_identifier) @tk value: [(string) __AS_STRING__] @tv (#eq? @tk "type")) @typepair
(pair key: (property_identifier) @sk
  (#any-of? @sk "parameters" "inputSchema" "input_schema")) @schemapair
(pair key: (_) @ik value: (identifier) @iv) @idpair
(pair key: (_) @ck value: (call_expression function: (identifier) @cv)) @callpair
(shorthand_property_identifier) @short
(call_expression function: (member_expression property: (property_identifier) @rprop)
  arguments: (arguments . [(string) (template_string) (identifier) (member_expression)] . (object))) @regcall
"""

# Pattern indexes in the query above.
P_CALL, P_MCALL, P_PROV, P_NEW, P_CLASS, P_TOOLS, P_TYPE, P_SCHEMA, P_IDPAIR, P_CALLPAIR, P_SHORT, P_REGCALL = range(12)

_RAW_FIELDS = frozenset({"code", "command", "cmd", "script", "source", "sql", "query", "program", "expression",
                         "snippet", "javascript", "js", "typescript", "bash", "shell", "statement"})
_ANTHROPIC_SERVER_TOOL = anthropic.SERVER_TOOL_TYPE
_MUTATING_PROVIDER_TOOL = re.compile(r"bash|shell|code|computer|editor|str_replace|patch|memory|programmatic", re.I)
# programmaticToolCalling: the model writes a program the provider runs; customTool: free-form text
# constrained only by a grammar the app supplies.
_UNTYPED_PROVIDER_TOOL = re.compile(r"bash|shell|code|programmatic|customTool", re.I)
_NOT_PROVIDER_TOOLS = frozenset({"map", "some", "every", "filter", "forEach", "find", "findIndex", "entries",
                                 "keys", "values", "push", "reduce", "flatMap", "includes", "slice", "get", "set",
                                 "has", "concat", "sort", "join", "length", "indexOf", "splice", "add", "delete"})


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


_IMPORTED_DEFINITION = "input schema in a definition imported from another file"
# Member calls read by their own rules (P_MCALL) or never tools.
_REGISTRATION_METHODS = frozenset({"registerTool", "tool", "paidTool", "asTool", "createTool", "dynamicTool", "bindTools",
                                   "registerPrompt", "registerResource", "prompt", "resource"})
# Keys of a registration config (MCP's registerTool, and wrappers that forward it).
_CONFIG_KEYS = frozenset({"description", "inputSchema", "parameters", "annotations", "title"})
_NON_TOOL_CALLS = frozenset({"registerPrompt", "registerResource", "prompt", "resource", "setRequestHandler_prompts"})
_WRAPPER_KEYS = frozenset({"tool", "definition", "function", "spec", "declaration", "config", "schema", "def"})
_GATE_KEYS = ("needsApproval", "requireApproval", "requiresApproval", "needsConfirmation", "requireConfirmation")


class Detector:
    def __init__(self, ctx: FileCtx):
        self.ctx = ctx
        self.tools: list[dict[str, Any]] = []
        self.key_refs: list[dict[str, Any]] = []
        # Places handing tools to a model that no rule here can read: {"line", "call", "reason"}.
        self.unresolved: list[dict[str, Any]] = []
        self.key_index: dict[str, list[tuple[Any, int]]] = {}        # identifier -> [(key, line)]
        self.call_key_index: dict[str, list[tuple[Any, int]]] = {}   # function name -> [(key, line)]
        self.frameworks = {fw for fw in (framework_of(m) for m, _ in ctx.imports.values()) if fw}
        self._last_numeric = False
        self._last_options: dict[str, list[str]] = {}
        self._call_index: dict[str, list[Node]] | None = None
        # Objects with a spread parr could not follow to an object literal of this file.
        self._unread_spreads: set[int] = set()
        # ... and those whose spread is a definition imported from this project: {"module", "name", "member"}.
        self._spread_refs: dict[int, dict[str, Any]] = {}
        # Generic wrappers defined here: function name -> {"framework", "style", "line", "exported"}.
        self.wrappers: dict[str, dict[str, Any]] = {}
        self.mcp_signal = "mcp-typescript-sdk" in self.frameworks or any(
            m.startswith("agents/mcp") for m, _ in ctx.imports.values()) or b"McpServer" in ctx.source \
            or b"McpAgent" in ctx.source

    # ------------------------------------------------------------------------------------------
    def run(self) -> None:
        ctx = self.ctx
        q = query(ctx.grammar, _QUERY_COMMON.replace(
            "__AS_STRING__", "" if ctx.grammar == "javascript" else "(as_expression (string))"))
        cursor = QueryCursor(q, match_limit=1 << 16)
        phase1: list[tuple[int, dict]] = []
        phase2: list[tuple[int, dict]] = []
        phase3: list[tuple[int, dict]] = []
        for pattern, caps in cursor.matches(ctx.root):
            if pattern in (P_IDPAIR, P_CALLPAIR, P_SHORT):
                self._index_key(pattern, caps)
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
            alias_q = query(ctx.grammar, "(call_expression function: (member_expression object: (identifier) @o "
                                         f"property: (property_identifier)) (#any-of? @o {names})) @c")
            for node in QueryCursor(alias_q, match_limit=1 << 16).captures(ctx.root).get("c", []):
                phase1.append((-1, {"aliascall": [node]}))
        for pattern, caps in phase1:
            self._last_numeric = False
            self._last_options = {}
            try:
                if pattern == -1:
                    self._on_provider_call(caps["aliascall"][0], aliased=True)
                elif pattern == P_CALL:
                    self._on_call(caps["call"][0], text(caps["callee"][0]))
                elif pattern == P_MCALL:
                    self._on_member_call(caps["mcall"][0], text(caps["mprop"][0]))
                elif pattern == P_PROV:
                    self._on_provider_call(caps["provcall"][0])
                elif pattern == P_NEW:
                    self._on_new(caps["new"][0])
                elif pattern == P_CLASS:
                    self._on_class(caps["class"][0])
                elif pattern == P_REGCALL:
                    self._on_registration_shaped_call(caps["regcall"][0], text(caps["rprop"][0]))
            except RecursionError:  # pragma: no cover - defensive
                continue
        for pattern, caps in phase2:
            self._last_numeric = False
            self._last_options = {}
            if pattern == P_TOOLS:
                self._on_tools_pair(caps["toolspair"][0], text(caps["pk"][0]))
            else:
                if string_literal(unwrap(caps["tv"][0])) == "function":
                    self._on_function_type(caps["typepair"][0].parent)
        for pattern, caps in phase3:
            self._last_numeric = False
            self._last_options = {}
            self._on_schema_pair(caps["schemapair"][0])
        self._wrapper_calls_here()
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
        else:
            pair = caps["callpair"][0]
            node = caps["cv"][0]
            ident = text(node)
            k = self._pair_key(pair)
            target_idx = self.call_key_index
        if k is None:
            return
        target_idx.setdefault(ident, []).append((k, line(node)))
        imp = ctx.imports.get(ident)
        if imp is not None and (imp[0].startswith(".") or imp[0].startswith(("@/", "~/", "#"))):
            self.key_refs.append({"key": k, "module": imp[0], "name": imp[1],
                                  "call": pattern == P_CALLPAIR})

    def _pair_key(self, pair: Node) -> Any:
        k = property_key(pair)
        if k is not None:
            return k
        key_node = pair.child_by_field_name("key")
        if key_node is not None and key_node.type == "computed_property_name" and key_node.named_children:
            return self.ctx.string_value(key_node.named_children[0])
        return None

    # -- helpers ------------------------------------------------------------------------------
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

    def _import_ref(self, node: Node | None) -> dict[str, Any] | None:
        """`defs`, `defs.x` or `defs["x"]` where `defs` is imported from this project: where to read it."""
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
        if b is None or b.kind != "import" or not b.module or not _project_module(b.module) or b.imported == "*":
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

    def _typed(self, info: SchemaInfo, handler: Node | None, eff: fx.Effects | None,
               no_schema_means_no_params: bool = False) -> tuple[bool, list[str]]:
        self._last_numeric = bool(info.fields) and all(
            t in ("number", "int", "bigint", "integer", "float", "coerce") for t in (info.fields or {}).values())
        self._last_options = dict(info.options)  # the enum fields, for a multiplexed tool's operations
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
            strings = [f for f, t in fields.items() if t == "string"]
            # The one string input, or a code/command field beside options (timeout, cwd), run as is.
            raw = [f for f in strings if f in eff.executed and (len(fields) == 1 or f.lower() in _RAW_FIELDS)]
            if raw:
                return False, [f"raw string '{raw[0]}' is executed or interpreted"]
        return True, ev

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
            for one in name[:50]:
                cand = self._emit(node=node, name=one, framework=framework, style=style, schema=schema, typed=typed,
                                  typed_evidence=typed_evidence, description=description,
                                  description_ref=description_ref, handler=handler, eff=eff, gates=gates,
                                  caps=caps, annotations=annotations, kind_mutating=kind_mutating,
                                  name_inferred=name_inferred, bind=bind, extends=extends, at_line=at_line,
                                  wrapper=wrapper, definition=definition)
            return cand
        if eff is None:
            eff = fx.analyze(self.ctx, handler) if handler is not None else fx.Effects()
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
            "extends": extends,
        }
        if wrapper is not None:
            cand["wrapper"] = wrapper
        if definition is not None:
            cand["definition"] = definition
            cand["executed"] = sorted(eff.executed)[:50]
        if getattr(self, "_last_numeric", False):
            cand["numeric_only"] = True
            self._last_numeric = False
        if self._last_options:
            cand["options"] = self._last_options
            self._last_options = {}
        self.tools.append(cand)
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

    def _dispatch(self, call: Node, fname: str, fw: str | None) -> None:
        args = args_of(call)
        if fname == "tool":
            if not args:
                return
            first = unwrap(args[0])
            if fw == "langchainjs" or (fw is None and len(args) >= 2 and (is_function(first) or first.type == "identifier")):
                self._langchain_tool(call, args)
            elif fw == "openai-agents-js":
                self._agents_tool(call, args)
            elif fw in ("ai-sdk", "cloudflare-agents", None, "mastra", "voltagent"):
                _, entries = self._config(args[0])
                if fw is None and "name" in entries:
                    self._agents_tool(call, args)
                else:
                    self._ai_tool(call, args, "ai_sdk.tool")
        elif fname == "dynamicTool":
            self._ai_tool(call, args, "ai_sdk.dynamicTool")
        elif fname == "createTool":
            self._create_tool(call, args, fw)
        elif fname in ("zodFunction", "zodResponsesFunction"):
            self._zod_function(call, args, fname)
        elif fname == "createCodeTool":
            self._code_tool(call, args)
        elif fname in ("agentTool", "createExecuteTool") and self._from_cloudflare(call):
            if fname == "agentTool":
                self._agent_tool(call, args)
            else:
                self._code_tool(call, args[1:], style="think.createExecuteTool", default_name="execute")
        elif fname == "hostedMcpTool":
            self._hosted_mcp(call, args)
        elif fname in openai_agents.SPEC.builtins and fw in ("openai-agents-js", None):
            self._agents_builtin(call, args, fname)

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
        if prop == "registerTool":
            self._mcp_register(call, args)
        elif prop == "tool":
            recv = chain[-1] if chain else ""
            if self.mcp_signal or re.search(r"server|mcp", recv, re.I):
                self._mcp_tool(call, args, paid=False)
        elif prop == "paidTool":
            self._mcp_tool(call, args, paid=True)
        elif prop == "asTool":
            self._as_tool(call, args, obj)
        elif prop == "bindTools" and args:
            # model.bindTools([{ type: "computer_use_preview", ... }]): hosted tools, as in tools: [...]
            value = self.ctx.value_node(args[0])
            if value is not None and value.type == "array":
                self._hosted_in_array(value)
            self._check_tools_value(args[0], "bindTools(...)", 0)

    # -- MCP ---------------------------------------------------------------------------------------
    def _mcp_register(self, call: Node, args: list[Node], wrapper: dict | None = None,
                      style: str = "mcp_ts.registerTool") -> None:
        if wrapper is None and factories.on_registration(self, call, args):
            return  # one definition object, or a project function returning one
        if len(args) < 2:
            return
        name = self._names(args[0])
        if not name:
            if wrapper is not None:
                # Whether this is a tool at all is known once the method's own file is read.
                self._emit(node=call, name=None, framework="mcp-typescript-sdk", style=style, schema="none",
                           typed=False, wrapper=dict(wrapper, unread_name=text(call)[:60]))
            elif not self._register_registration_wrapper(args[0], style):
                self._unread(call, "tool name made at run time", f"registerTool({text(args[0])[:60]}, ...)")
            return
        cfg, entries = self._config(args[1])
        if cfg is None and unwrap(args[1]) is not None and unwrap(args[1]).type not in ("identifier", "member_expression"):
            return
        if cfg is not None:
            self.ctx.claim(cfg)
        handler = self._handler(args[-1]) if len(args) >= 3 else None
        schema_node = self._entry(entries, "inputSchema")
        info = analyze_schema(self.ctx, schema_node) if schema_node is not None else SchemaInfo()
        eff = fx.analyze(self.ctx, handler) if handler is not None else fx.Effects()
        typed, tev = self._typed(info, handler, eff, no_schema_means_no_params=True)
        if cfg is not None:
            typed, tev = self._spread_evidence(cfg, info, typed, tev)
        definition = self._definition_ref(cfg, args[1], info)
        if cfg is None:
            # The config is a variable parr could not follow within this file: its schema is unseen.
            typed, tev = False, [_IMPORTED_DEFINITION if definition else "tool config parr could not read"]
        desc, dref = self._description(self._entry(entries, "description"))
        ann = self._annotations(self._entry(entries, "annotations"))
        title = self._entry(entries, "title")
        if title is not None and "title" not in ann:
            t = self.ctx.string_value(title)
            if isinstance(t, str):
                ann["title"] = t
        self._emit(node=call, name=name, framework="mcp-typescript-sdk", style=style, wrapper=wrapper,
                   schema=info.kind if info.declared else "none", typed=typed, typed_evidence=tev,
                   description=desc, description_ref=dref, handler=handler, eff=eff,
                   gates=self._gates(entries, eff), annotations=ann, caps=(), definition=definition)

    def _mcp_tool(self, call: Node, args: list[Node], paid: bool) -> None:
        if len(args) < 2:
            return
        name = self._names(args[0])
        if not name:
            self._unread(call, "tool name made at run time", f"tool({text(args[0])[:60]}, ...)")
            return
        last = len(args) - 1
        if paid:
            # x402: (name, description, price, schema, handler); Stripe's paidTool puts an options
            # object after the handler: (name, description, schema, handler, options)
            while last > 1 and self._handler(args[last]) is None and unwrap(args[last]).type == "object":
                last -= 1
        handler = self._handler(args[last])
        if handler is None and unwrap(args[last]).type not in ("identifier", "member_expression", "call_expression"):
            return
        description = None
        dref = None
        schema_node = None
        ann_node = None
        middle = args[1:last]
        for i, m in enumerate(middle):
            v = unwrap(m)
            if v is None:
                continue
            if v.type == "number" or (paid and i == 1 and v.type in ("string", "template_string")):
                continue  # price of a paid tool
            resolved = self.ctx.value_node(v)
            if resolved is not None and resolved.type in ("string", "template_string", "binary_expression") or (
                    i == 0 and description is None and resolved is not None and resolved.type == "identifier"
                    and isinstance(self.ctx.string_value(v), (str, dict))):
                d, r = self._description(v)
                if description is None and dref is None:
                    description, dref = d, r
                continue
            if resolved is not None and resolved.type == "object":
                keys = set(object_entries(resolved))
                if keys and all(k.endswith("Hint") or k == "title" for k in keys) and schema_node is not None:
                    ann_node = resolved
                    continue
                if keys and all(k.endswith("Hint") or k == "title" for k in keys) and len(middle) - i == 1 and \
                        any(k.endswith("Hint") for k in keys):
                    ann_node = resolved
                    continue
                if schema_node is None:
                    schema_node = v
                else:
                    ann_node = resolved
                continue
            if schema_node is None:
                schema_node = v
            elif ann_node is None:
                ann_node = resolved
        info = analyze_schema(self.ctx, schema_node) if schema_node is not None else SchemaInfo()
        eff = fx.analyze(self.ctx, handler) if handler is not None else fx.Effects()
        typed, tev = self._typed(info, handler, eff, no_schema_means_no_params=True)
        ann = self._annotations(ann_node) if ann_node is not None else {}
        if paid:
            ann["paid"] = True
        self._emit(node=call, name=name,
                   framework="cloudflare-agents" if paid else "mcp-typescript-sdk",
                   style="x402.paidTool" if paid else "mcp_ts.tool",
                   schema=info.kind if info.declared else "none", typed=typed, typed_evidence=tev,
                   description=description, description_ref=dref, handler=handler, eff=eff,
                   gates=self._gates({}, eff), annotations=ann)

    # -- AI SDK -------------------------------------------------------------------------------------
    def _ai_tool(self, call: Node, args: list[Node], style: str) -> None:
        if not args:
            return
        cfg, entries = self._config(args[0])
        if cfg is None:
            return
        self.ctx.claim(cfg)
        callee = member_chain(unwrap(call.child_by_field_name("function")))
        in_opencode = bool(callee) and self.ctx.import_source(callee[0]) == opencode.PACKAGE
        if self._register_wrapper(cfg, entries, "opencode" if in_opencode else "ai-sdk",
                                  opencode.SPEC.factory("tool").style if in_opencode else style):
            return
        if self._wraps_parameters(entries, ("description",), ("inputSchema", "parameters", "args")):
            return  # tool({ description, inputSchema: schema, execute }) over a function's parameters: an adapter
        in_opencode = bool(callee) and self.ctx.import_source(callee[0]) == opencode.PACKAGE
        # OpenCode plugins: tool({ description, args: { x: tool.schema.string() }, execute })
        spec = (opencode.SPEC if in_opencode else ai_sdk.SPEC).factory("tool")
        schema_node = self._entry(entries, *spec.schema_keys)
        handler = self._handler(self._entry(entries, "execute"))
        info = analyze_schema(self.ctx, schema_node) if schema_node is not None else SchemaInfo()
        eff = fx.analyze(self.ctx, handler) if handler is not None else fx.Effects()
        typed, tev = self._typed(info, handler, eff)
        typed, tev = self._spread_evidence(cfg, info, typed, tev)
        desc, dref = self._description(self._entry(entries, "description"))
        naming = self._naming(call)
        if in_opencode:
            framework, style = opencode.SPEC.id, spec.style
        else:
            framework = "ai-sdk"
        self._emit_named(call, naming, default_name=None, framework=framework, style=style,
                         schema=info.kind if info.declared else "none", typed=typed, typed_evidence=tev,
                         description=desc, description_ref=dref, handler=handler, eff=eff,
                         gates=self._gates(entries, eff), annotations=self._annotations(self._entry(entries, "annotations")),
                         definition=self._definition_ref(cfg, None, info))

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
                                         "name_index": index})
        return True

    def _registration_call(self, call: Node, info: dict[str, Any], wrapper: dict | None = None) -> None:
        """A call of a registration wrapper: name at the wrapper's name position, then its config, and
        the handler last."""
        args = args_of(call)
        index = int(info.get("name_index") or 0)
        if len(args) < index + 2 or self.ctx.is_claimed(call):
            return
        self.ctx.claim(call)
        self._mcp_register(call, [args[index], args[index + 1], args[-1]] if len(args) > index + 2 else
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
        schema_node = self._entry(entries, "inputSchema", "parameters", "schema", "args")
        handler = self._handler(self._entry(entries, "execute"))
        sinfo = analyze_schema(self.ctx, schema_node) if schema_node is not None else SchemaInfo()
        eff = fx.analyze(self.ctx, handler) if handler is not None else fx.Effects()
        typed, tev = self._typed(sinfo, handler, eff)
        typed, tev = self._spread_evidence(cfg, sinfo, typed, tev)
        desc, dref = self._description(self._entry(entries, "description"))
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

    def _spread_evidence(self, cfg: Node, info: SchemaInfo, typed: bool, evidence: list[str]) -> tuple[bool, list[str]]:
        """A tool built from a definition parr could not follow has a schema parr did not see: untyped
        (the project phase reads a definition imported from this project, see `config_ref`)."""
        if info.declared or cfg.id not in self._unread_spreads:
            return typed, evidence
        if cfg.id in self._spread_refs:
            return False, [_IMPORTED_DEFINITION]
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

    def _definition_shape(self, obj: Node) -> bool:
        keys = set(self._entries(obj, sources=[]))
        return bool(keys & {"inputSchema", "parameters", "input_schema", "schema"}) and "description" in keys

    def _definition(self, obj: Node) -> dict[str, Any]:
        entries = self._entries(obj, sources=[])
        schema_node = self._entry(entries, "inputSchema", "parameters", "input_schema", "schema")
        info = analyze_schema(self.ctx, schema_node) if schema_node is not None else SchemaInfo()
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

    def _on_provider_call(self, call: Node, aliased: bool = False) -> None:
        fn = unwrap(call.child_by_field_name("function"))
        chain = member_chain(fn)
        if aliased:
            if len(chain) != 2 or chain[1] in _NOT_PROVIDER_TOOLS or self.ctx.is_claimed(call):
                return
            root, tool_id = chain
        else:
            if len(chain) != 3 or chain[1] != "tools":
                return
            root = chain[0]
            tool_id = chain[2]
        if tool_id in _NOT_PROVIDER_TOOLS:
            return
        b = self.ctx.lookup(call, root)
        if b is None:
            return
        if aliased:
            if b.kind != "import":  # shadowed by a local of the same name
                return
        elif b.kind == "import":
            # The AI Gateway's tools come from the core package: import { gateway } from "ai".
            if not _is_provider_module(b.module) and not (b.module == "ai" and root == "gateway"):
                return
        elif b.kind in ("var", "default"):
            init = self.ctx.value_node(b.node)
            if init is None or init.type != "call_expression":
                return
            fn_chain = member_chain(unwrap(init.child_by_field_name("function")))
            if not fn_chain or not _is_provider_module(self.ctx.import_source(fn_chain[0])):
                return
        else:
            return
        mutating = bool(_MUTATING_PROVIDER_TOOL.search(tool_id))
        typed = not _UNTYPED_PROVIDER_TOOL.search(tool_id)
        caps: list[str] = []
        low = tool_id.lower()
        if "bash" in low or "shell" in low:
            caps.append("shell")
        elif "code" in low or "programmatic" in low:
            caps.append("code_execution")
        elif "computer" in low:
            caps.append("computer_use")
        elif "editor" in low or "patch" in low:
            caps.append("file_write")
        elif "search" in low or "fetch" in low or "url" in low:
            caps.append("http")
        args = args_of(call)
        _, entries = self._config(args[0]) if args else (None, {})
        eff = fx.Effects()
        if entries:
            h = self._handler(self._entry(entries, "execute"))
            if h is not None:
                eff = fx.analyze(self.ctx, h)
        naming = self._naming(call)
        langchain = b.kind == "import" and (b.module or "").startswith("@langchain/")
        default_name = re.sub(r"_\d{8}$", "", tool_id)
        if langchain:  # the hosted tool's type: imageGeneration -> image_generation
            default_name = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", default_name).lower()
        self._emit_named(call, naming, default_name=default_name,
                         framework="langchainjs" if langchain else "ai-sdk",
                         style="langchain_js.provider_tool" if langchain else "ai_sdk.provider_tool",
                         schema="provider_defined", typed=typed,
                         typed_evidence=[] if typed else ["free-form text input (a grammar, not a schema)"
                                                          if tool_id == "customTool" else "model-written command or code"],
                         eff=eff, caps=caps, kind_mutating=None if tool_id == "customTool" else mutating,
                         gates=self._gates(entries, eff))

    # -- openai-agents-js ------------------------------------------------------------------------
    def _agents_tool(self, call: Node, args: list[Node]) -> None:
        cfg, entries = self._config(args[0])
        if cfg is None:
            return
        self.ctx.claim(cfg)
        name_node = self._entry(entries, "name")
        exec_entry = entries.get("execute")
        name: Any = self._names(name_node) if name_node is not None else None
        name = name or None
        inferred = False
        if name is None and name_node is None and exec_entry is not None:
            inferred = True
            ev = entry_value(exec_entry)
            if exec_entry.type == "method_definition" or (ev is not None and ev.type == "arrow_function"):
                name = "execute"
            elif ev is not None and ev.type in ("function_expression", "function") and ev.child_by_field_name("name"):
                name = text(ev.child_by_field_name("name"))
            elif ev is not None and ev.type == "identifier":
                name = text(ev)
            else:
                name = "execute"
        if name is None:
            return
        schema_node = self._entry(entries, *openai_agents.SPEC.factory("tool").schema_keys)
        handler = self._handler(self._entry(entries, "execute"))
        info = analyze_schema(self.ctx, schema_node) if schema_node is not None else SchemaInfo()
        eff = fx.analyze(self.ctx, handler) if handler is not None else fx.Effects()
        typed, tev = self._typed(info, handler, eff)
        typed, tev = self._spread_evidence(cfg, info, typed, tev)
        desc, dref = self._description(self._entry(entries, "description"))
        self._emit(node=call, name=name, framework="openai-agents-js", style="openai_agents_js.tool",
                   schema=info.kind if info.declared else "none", typed=typed, typed_evidence=tev,
                   description=desc, description_ref=dref, handler=handler, eff=eff,
                   gates=self._gates(entries, eff), name_inferred=inferred,
                   definition=self._definition_ref(cfg, None, info))

    def _agents_builtin(self, call: Node, args: list[Node], fname: str) -> None:
        builtin = openai_agents.SPEC.builtins[fname]
        default, mutating, typed, caps = builtin.name, builtin.mutating, builtin.typed, builtin.capabilities
        _, entries = self._config(args[0]) if args else (None, {})
        name: Any = default
        n = self._entry(entries, "name")
        if n is not None:
            v = self.ctx.string_value(n)
            if v is not None:
                name = v
        self._emit(node=call, name=name, framework="openai-agents-js", style="openai_agents_js.builtin_tool",
                   schema="provider_defined", typed=typed,
                   typed_evidence=[] if typed else ["model-written command or code"],
                   caps=caps, kind_mutating=mutating, gates=self._gates(entries, None))

    def _hosted_mcp(self, call: Node, args: list[Node]) -> None:
        _, entries = self._config(args[0]) if args else (None, {})
        label = self._entry(entries, "serverLabel", "server_label")
        name = self.ctx.string_value(label) if label is not None else None
        if name is None:
            name = "hosted_mcp"
        gates = []
        ra = self._entry(entries, "requireApproval")
        if ra is not None and string_literal(ra) != "never" and text(ra) not in ("false",):
            gates.append("needs_approval")
        desc, dref = self._description(self._entry(entries, "serverDescription"))
        self._emit(node=call, name=name, framework="openai-agents-js", style="openai_agents_js.hosted_mcp",
                   schema="provider_defined", typed=True, caps=("mcp_remote",), gates=gates,
                   description=desc, description_ref=dref)

    def _as_tool(self, call: Node, args: list[Node], receiver: Node | None) -> None:
        _, entries = self._config(args[0]) if args else (None, {})
        name: Any = None
        tn = self._entry(entries, "toolName", "name")
        if tn is not None:
            name = self.ctx.string_value(tn)
        if name is None and receiver is not None:
            agent = self.ctx.value_node(receiver)
            if agent is not None and agent.type in ("new_expression", "call_expression"):
                a = args_of(agent)
                _, aentries = self._config(a[0]) if a else (None, {})
                an = self._entry(aentries, "name")
                v = self.ctx.string_value(an) if an is not None else None
                if isinstance(v, str):
                    name = re.sub(r"[^a-zA-Z0-9]+", "_", v).strip("_").lower()
        if name is None:
            return
        desc, dref = self._description(self._entry(entries, "toolDescription", "description"))
        if "langchainjs" in self.frameworks and "openai-agents-js" not in self.frameworks:
            schema_node = self._entry(entries, "schema")
            info = analyze_schema(self.ctx, schema_node) if schema_node is not None else SchemaInfo()
            typed, tev = self._typed(info, None, None) if info.declared else (False, ["no schema"])
            self._emit(node=call, name=name, framework="langchainjs", style="langchain_js.as_tool",
                       schema=info.kind if info.declared else "none", typed=typed, typed_evidence=tev,
                       description=desc, description_ref=dref)
            return
        self._emit(node=call, name=name, framework="openai-agents-js", style="openai_agents_js.as_tool",
                   schema="framework_defined", typed=False,
                   typed_evidence=["free-form prompt string to a sub-agent"],
                   description=desc, description_ref=dref, gates=self._gates(entries, None))

    # -- langchainjs ---------------------------------------------------------------------------------
    def _langchain_tool(self, call: Node, args: list[Node]) -> None:
        if not args:
            return
        # tool(fn, { name, schema }), or the headless overload tool({ name, description, schema })
        # that the client runs (no function here)
        headless = len(args) == 1
        cfg, entries = self._config(args[0] if headless else args[1])
        if cfg is None or (headless and ("name" not in entries or "schema" not in entries)):
            return
        self.ctx.claim(cfg)
        name_node = self._entry(entries, "name")
        name = self.ctx.string_value(name_node) if name_node is not None else None
        handler = None if headless else self._handler(args[0])
        if name is None:
            if handler is not None and handler.child_by_field_name("name") is not None:
                name = text(handler.child_by_field_name("name"))
            else:
                return
        schema_node = self._entry(entries, "schema")
        info = analyze_schema(self.ctx, schema_node) if schema_node is not None else SchemaInfo()
        eff = fx.analyze(self.ctx, handler) if handler is not None else fx.Effects()
        if info.declared:
            typed, tev = self._typed(info, handler, eff)
        else:
            typed, tev = False, ["string input (no schema)"]
        desc, dref = self._description(self._entry(entries, "description"))
        self._emit(node=call, name=name, framework="langchainjs", style="langchain_js.tool",
                   schema=info.kind if info.declared else "none", typed=typed, typed_evidence=tev,
                   description=desc, description_ref=dref, handler=handler, eff=eff,
                   gates=self._gates(entries, eff))

    def _on_new(self, new: Node) -> None:
        ctor = unwrap(new.child_by_field_name("constructor"))
        chain = member_chain(ctor)
        cls = chain[-1] if chain else ""
        b = self.ctx.lookup(new, chain[0]) if chain else None
        if b is not None and b.kind != "import":
            return
        fw = framework_of(b.module) if b is not None else None
        if cls == "Tool":
            if fw == "voltagent":
                self._create_tool(new, args_of(new), "voltagent", style="voltagent.Tool")
            return
        if fw not in ("langchainjs", None):
            return
        args = args_of(new)
        if not args:
            return
        cfg, entries = self._config(args[0])
        if cfg is None:
            return
        self.ctx.claim(cfg)
        name_node = self._entry(entries, "name")
        name = (self._names(name_node) or None) if name_node is not None else None
        if name is None:
            return
        handler = self._handler(self._entry(entries, "func"))
        eff = fx.analyze(self.ctx, handler) if handler is not None else fx.Effects()
        desc, dref = self._description(self._entry(entries, "description"))
        if cls == "DynamicStructuredTool":
            schema_node = self._entry(entries, "schema")
            info = analyze_schema(self.ctx, schema_node) if schema_node is not None else SchemaInfo()
            typed, tev = self._typed(info, handler, eff)
            schema = info.kind if info.declared else "none"
        else:
            typed, tev, schema = False, ["single free-form string input"], "framework_defined"
        self._emit(node=new, name=name, framework="langchainjs", style=f"langchain_js.{cls}",
                   schema=schema, typed=typed, typed_evidence=tev, description=desc, description_ref=dref,
                   handler=handler, eff=eff, gates=self._gates(entries, eff))

    def _on_class(self, cls: Node) -> None:
        info = class_info(self.ctx, cls)
        if info is None or info.get("name") is None:
            return
        base = info["base"]
        root = resolve_local_base(self.ctx, cls, base)
        extends = None
        if root is None:
            return
        if root == "pending":
            extends = {"module": info["base_module"], "name": base}
            style_root = "StructuredTool"
        else:
            style_root = root
        eff = fx.Effects()
        body = cls.child_by_field_name("body")
        for member in (body.named_children if body is not None else []):
            if member.type == "method_definition":
                mname = member.child_by_field_name("name")
                if mname is not None and text(mname) == "constructor":
                    continue
                eff.merge(fx.analyze(self.ctx, member))
        schema_node = info.get("schema_node")
        if style_root == "Tool" or style_root == "DynamicTool":
            schema, typed, tev = "framework_defined", False, ["single free-form string input"]
            style = "langchain_js.Tool_subclass"
        else:
            sinfo = analyze_schema(self.ctx, schema_node) if schema_node is not None else SchemaInfo()
            typed, tev = self._typed(sinfo, None, eff) if sinfo.declared else (False, ["no schema field"])
            schema = sinfo.kind if sinfo.declared else "none"
            style = "langchain_js.StructuredTool_subclass"
            if extends is not None:
                schema = sinfo.kind if sinfo.declared else "framework_defined"
                typed = typed if sinfo.declared else None
        name_node = cls.child_by_field_name("name")
        self._emit(node=cls, at_line=line(name_node) if name_node is not None else line(cls),
                   name=info["name"], framework="langchainjs", style=style, schema=schema,
                   typed=typed if typed is not None else True, typed_evidence=tev,
                   description=info.get("description"), description_ref=info.get("description_ref"),
                   eff=eff, extends=extends)

    # -- VoltAgent / Mastra / codemode / OpenAI helpers ------------------------------------------------
    def _create_tool(self, call: Node, args: list[Node], fw: str | None, style: str | None = None) -> None:
        """Mastra's or VoltAgent's createTool / new Tool: the same config, told apart by the import or,
        from a project re-export, by shape (Mastra names tools by `id`)."""
        cfg, entries = self._config(args[0]) if args else (None, {})
        if cfg is None:
            return
        if fw is None:
            fw = "mastra" if "id" in entries and "name" not in entries else "voltagent"
        family = mastra.SPEC if fw == "mastra" else voltagent.SPEC
        self._factory_tool(call, args, family, family.factory("Tool" if style == "voltagent.Tool" else "createTool"))

    def _zod_function(self, call: Node, args: list[Node], fname: str) -> None:
        self._factory_tool(call, args, openai_api.SPEC, openai_api.SPEC.factory(fname))

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
        info = analyze_schema(self.ctx, schema_node) if schema_node is not None else SchemaInfo()
        eff = fx.analyze(self.ctx, handler) if handler is not None else fx.Effects()
        typed, tev = self._typed(info, handler, eff)
        typed, tev = self._spread_evidence(cfg, info, typed, tev)
        desc, dref = self._description(self._entry(entries, *factory.description_keys))
        kw = dict(framework=family.id, style=factory.style, schema=info.kind if info.declared else "none",
                  typed=typed, typed_evidence=tev, description=desc, description_ref=dref, handler=handler, eff=eff,
                  gates=self._gates(entries, eff), definition=self._definition_ref(cfg, None, info))
        if name is not None:
            self._emit(node=call, name=name, **kw)
        else:
            self._emit_named(call, naming, default_name=None, **kw)

    def _from_cloudflare(self, call: Node) -> bool:
        """The callee comes from Cloudflare's agents packages (agents, agents/*, @cloudflare/*)."""
        chain = member_chain(unwrap(call.child_by_field_name("function")))
        source = self.ctx.import_source(chain[0]) if chain else None
        return bool(source) and (source == "agents" or source.startswith(("agents/", "@cloudflare/")))

    def _agent_tool(self, call: Node, args: list[Node]) -> None:
        """agentTool(ResearcherAgent, { description, inputSchema }): a sub-agent the model calls."""
        cfg, entries = self._config(args[1]) if len(args) > 1 else (None, {})
        if cfg is not None:
            self.ctx.claim(cfg)
        schema_node = self._entry(entries, "inputSchema", "parameters")
        info = analyze_schema(self.ctx, schema_node) if schema_node is not None else SchemaInfo()
        typed, tev = self._typed(info, None, None, no_schema_means_no_params=True)
        desc, dref = self._description(self._entry(entries, "description"))
        self._emit_named(call, self._naming(call), default_name=None, framework="cloudflare-agents",
                         style="cloudflare.agentTool", schema=info.kind if info.declared else "none",
                         typed=typed, typed_evidence=tev, description=desc, description_ref=dref,
                         gates=self._gates(entries, None))

    def _code_tool(self, call: Node, args: list[Node], style: str = "codemode.createCodeTool",
                   default_name: str = "codemode") -> None:
        cfg, entries = self._config(args[0]) if args else (None, {})
        if cfg is not None:
            self.ctx.claim(cfg)
        desc, dref = self._description(self._entry(entries, "description"))
        naming = self._naming(call)
        self._emit_named(call, naming, default_name=default_name, framework="cloudflare-agents",
                         style=style, schema="framework_defined", typed=False,
                         typed_evidence=["model-written code is executed"], description=desc,
                         description_ref=dref, caps=("code_execution",), kind_mutating=True,
                         gates=self._gates(entries, None))

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
                    self._handoff(el)
            elif value.type in ("call_expression", "member_expression", "subscript_expression", "await_expression") \
                    or (value.type == "identifier" and (self.ctx.lookup(value, text(value)) or Binding("param")).kind
                        == "import"):
                # Literals hold no agents and a parameter's list is read where the caller builds it.
                self._unread(pair, "hand-offs made by code parr cannot read", f"handoffs: {text(value)[:70]}")
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
    def _handoff(self, el: Node) -> None:
        """One element of `handoffs: [...]`: an agent, or `handoff(agent, { toolNameOverride, ... })`."""
        spec = openai_agents.SPEC.handoffs[0]
        el = unwrap(el)
        if el is None or el.type == "spread_element":
            if el is not None:
                self._unread(el, "hand-offs made by code parr cannot read", f"{text(el)[:70]} in handoffs: [...]")
            return
        node = self.ctx.value_node(el)
        at, entries = el, {}
        if node is not None and node.type == "call_expression" and \
                (member_chain(unwrap(node.child_by_field_name("function"))) or [""])[-1] == spec.function:
            at, args = node, args_of(node)
            _, entries = self._config(args[1]) if len(args) > 1 else (None, {})
            node = self.ctx.value_node(args[0]) if args else None
        schema_node = self._entry(entries, "inputType")
        info = analyze_schema(self.ctx, schema_node) if schema_node is not None else SchemaInfo()
        handler = self._handler(self._entry(entries, "onHandoff"))
        eff = fx.analyze(self.ctx, handler) if handler is not None else fx.Effects()
        desc, dref = self._description(self._entry(entries, "toolDescriptionOverride"))
        override = self._entry(entries, spec.override_key)
        name: Any = self.ctx.string_value(override) if override is not None else None
        agent_ref = None
        if name is None:
            agent_name = self._agent_name(node)
            if isinstance(agent_name, str):
                name = handoff_tool_name(agent_name)
            else:
                agent_ref = self._import_ref(node) if node is not None and node.type == "identifier" else None
                if agent_ref is None:
                    reason = "hand-off to an agent parr could not read" if node is None or node.type != "identifier" \
                        or self.ctx.lookup(node, text(node)) is None or \
                        self.ctx.lookup(node, text(node)).kind != "import" else "hand-off to an agent from a package"
                    self._unread(at, reason, f"{text(at)[:70]} in handoffs: [...]")
                    return
        if self._is_tool_node(at) and any(c.get("name") == name and c.get("line") == line(at) for c in self.tools):
            return  # the same handoff() value listed by two agents: one tool
        cand = self._emit(node=at, name=name, framework=openai_agents.SPEC.id, style=spec.style,
                          schema=info.kind if info.declared else "framework_defined",
                          typed=info.typed is not False,
                          typed_evidence=list(info.evidence) if info.declared else ["no parameters"],
                          description=desc, description_ref=dref, handler=handler, eff=eff)
        cand["handoff"] = True
        if agent_ref is not None:
            cand["agent_ref"] = agent_ref

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

    def _unread(self, node: Node, reason: str, call: str | None = None) -> None:
        shown = " ".join((call or text(node)).split())
        site = {"line": line(node), "call": shown if len(shown) <= 140 else shown[:139] + "…", "reason": reason}
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
                return  # a parameter or a destructured value: the caller's list is where tools are read
            if binding.kind == "import":
                module = binding.module or ""
                if not _project_module(module) and framework_of(module) is None:
                    self._unread(node, "imported from a package parr did not scan", f"{text(node)} in {label}")
                return
            if binding.node is not None:
                self._check_tools_value(binding.node, label, depth + 1)
            return
        if kind in ("call_expression", "new_expression"):
            if self._is_tool_node(node):
                return
            callee = unwrap(node.child_by_field_name("function") or node.child_by_field_name("constructor"))
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
        # member expressions, conditionals and the like are passed along; literals hold no tool

    def _hosted_in_array(self, value: Node) -> None:
        """Built-in and hosted tools given as objects in a tools array."""
        for el in value.named_children:
            obj = unwrap(el)
            if obj is None or obj.type != "object" or self.ctx.is_claimed(obj):
                continue
            entries = object_entries(obj)
            if len(entries) == 1:
                (k, e), = entries.items()
                if k in google_genai.SPEC.builtins:
                    builtin = google_genai.SPEC.builtins[k]
                    mut, typed, caps = builtin.mutating, builtin.typed, builtin.capabilities
                    self.ctx.claim(obj)
                    self._emit(node=obj, name=k, framework="google-genai", style="gemini.builtin_tool",
                               schema="provider_defined", typed=typed,
                               typed_evidence=[] if typed else ["model-written code is executed"],
                               caps=caps, kind_mutating=mut)
                    continue
            t = self._entry(entries, "type")
            tval = string_literal(t) if t is not None else None
            if tval is None or tval == "function":
                continue
            if tval in openai_api.SPEC.builtins:
                builtin = openai_api.SPEC.builtins[tval]
                mut, typed, caps = builtin.mutating, builtin.typed, builtin.capabilities
                name: Any = tval
                if tval == "mcp":
                    lab = self._entry(entries, "server_label", "serverLabel")
                    v = self.ctx.string_value(lab) if lab is not None else None
                    name = v if v is not None else "mcp"
                self.ctx.claim(obj)
                self._emit(node=obj, name=name, framework="openai", style="openai.builtin_tool",
                           schema="provider_defined", typed=typed, caps=caps,
                           kind_mutating=None if tval == "mcp" else mut,
                           typed_evidence=[] if typed else ["model-written command or code"])
                continue
            m = _ANTHROPIC_SERVER_TOOL.match(tval)
            if m:
                n = self._entry(entries, "name")
                name = self.ctx.string_value(n) if n is not None else m.group(1)
                prefix = m.group(1)
                self.ctx.claim(obj)
                caps = ("shell",) if "bash" in prefix else ("code_execution",) if "code" in prefix else \
                    ("computer_use",) if "computer" in prefix else ("file_write",) if "editor" in prefix else \
                    ("http",) if "web" in prefix else ()
                untyped = bool(_UNTYPED_PROVIDER_TOOL.search(prefix))
                self._emit(node=obj, name=name, framework="anthropic", style="anthropic.server_tool",
                           schema="provider_defined", typed=not untyped, caps=caps,
                           kind_mutating=bool(_MUTATING_PROVIDER_TOOL.search(prefix)),
                           typed_evidence=["model-written command or code"] if untyped else [])

    def _on_function_type(self, obj: Node | None) -> None:
        if obj is None or obj.type != "object" or self.ctx.is_claimed(obj):
            return
        parent = obj.parent
        while parent is not None and parent.type in ("parenthesized_expression", "as_expression", "satisfies_expression"):
            parent = parent.parent
        if parent is not None and parent.type == "pair" and property_key(parent) in (
                "tool_choice", "toolChoice", "function_call", "functionCall"):
            return
        entries = object_entries(obj)
        if "arguments" in entries or "call_id" in entries:
            return
        inner_node = self._entry(entries, "function")
        inner = self.ctx.value_node(inner_node) if inner_node is not None else None
        target_entries = entries
        if inner is not None and inner.type == "object":
            target_entries = object_entries(inner)
            self.ctx.claim(inner)
        if "arguments" in target_entries:
            return
        if "parameters" not in target_entries and "description" not in target_entries:
            return
        name_node = self._entry(target_entries, "name")
        name = (self._names(name_node) or None) if name_node is not None else None
        if name is None:
            return
        self.ctx.claim(obj)
        schema_node = self._entry(target_entries, "parameters")
        info = analyze_schema(self.ctx, schema_node) if schema_node is not None else SchemaInfo()
        typed, tev = self._typed(info, None, None, no_schema_means_no_params=True)
        desc, dref = self._description(self._entry(target_entries, "description"))
        handler = self._handler(self._entry(target_entries, "function")) if inner is None else None
        self._emit(node=obj, name=name, framework="openai", style="openai.raw_function_schema",
                   schema=info.kind if info.declared else "none", typed=typed, typed_evidence=tev,
                   description=desc, description_ref=dref, handler=handler)

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
                if not ({"type", "properties", "anyOf", "oneOf", "$schema"} & set(sentries)) and not any(
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
            return
        ctx.claim(obj)
        self._entries(obj)  # claims the definitions it spreads: they are part of this tool
        handler = self._handler(self._entry(entries, "execute"))
        info = analyze_schema(ctx, schema_node) if schema_node is not None else SchemaInfo()
        eff = fx.analyze(ctx, handler) if handler is not None else fx.Effects()
        typed, tev = self._typed(info, handler, eff, no_schema_means_no_params=handler is None)
        typed, tev = self._spread_evidence(obj, info, typed, tev)
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
        if style == "mcp_ts.list_tools" and handler is None:
            branch = dispatch.branches(ctx).get(name)  # its code is in the CallTool handler's branch
            if branch is not None:
                eff = fx.analyze(ctx, branch)
                typed, tev = self._typed(info, None, eff, no_schema_means_no_params=True)
        self._emit(node=obj, at_line=at_line, name=name, framework=framework or "unknown", style=style,
                   schema=info.kind if info.declared else "none", typed=typed, typed_evidence=tev,
                   description=desc, description_ref=dref, handler=handler, eff=eff,
                   gates=self._gates(entries, eff), definition=self._definition_ref(obj, None, info))

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
        """Give tools bound to a variable the key under which that variable is stored."""
        for cand in self.tools:
            bind = cand.get("bind")
            if not bind or cand.get("name") or cand.get("name_ref"):
                continue
            idx = self.key_index if bind["kind"] == "var" else self.call_key_index
            keys = idx.get(bind["local"], [])
            if keys:
                k = keys[0][0]
                if isinstance(k, str):
                    cand["name"] = k
                else:
                    cand["name_ref"] = k
                cand["bind"] = None
            elif not bind["exported"]:
                cand["name"] = bind.get("default") or fallback_name(bind)
                cand["bind"] = None


# Names of module-level arrays that hold tools: TOOLS, tools, searchTools, ALL_TOOLS.
_TOOL_LIST_NAME = re.compile(r"(^|_)tools$|[a-z]Tools$", re.I)
# Array methods that hand back (some of) the same elements.
_ARRAY_PASS_ALONG = frozenset({"filter", "map", "slice", "concat", "flat", "flatMap", "sort", "toSorted", "reverse"})


def _project_module(module: str) -> bool:
    """A module of this repository: relative, or through a path alias (@/lib/..., ~/..., #app/...)."""
    return module.startswith((".", "@/", "~/", "#"))


def handoff_tool_name(agent: str) -> str:
    """The tool name OpenAI Agents JS gives a hand-off (`defaultHandoffToolName`, `toFunctionToolName`)."""
    return "transfer_to_" + re.sub(r"[^a-zA-Z0-9]", "_", agent)


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
_LC_TOOL_BASES = langchain.SPEC.tool_classes


def class_heritage_base(cls: Node) -> Node | None:
    for child in cls.named_children:
        if child.type == "class_heritage":
            for h in child.named_children:
                if h.type == "extends_clause":
                    return h.child_by_field_name("value") or (h.named_children[0] if h.named_children else None)
                if h.type not in ("implements_clause",):
                    return h  # JavaScript: the expression itself
    return None


def class_info(ctx: FileCtx, cls: Node) -> dict[str, Any] | None:
    """Base class and the tool-relevant fields of a class: name, description, schema."""
    base_node = unwrap(class_heritage_base(cls))
    if base_node is None:
        return None
    if base_node.type == "call_expression":  # mixins: extends Mixin(Tool)
        return None
    chain = member_chain(base_node)
    if not chain:
        return None
    base = chain[-1]
    base_module = ctx.import_source(chain[0])
    out: dict[str, Any] = {"base": base, "base_module": base_module, "name": None}
    body = cls.child_by_field_name("body")
    if body is None:
        return out
    for member in body.named_children:
        if member.type in ("public_field_definition", "field_definition"):
            if any(c.type == "static" for c in member.children):
                continue
            k = member.child_by_field_name("name") or member.child_by_field_name("property")
            if k is None:
                continue
            kname = text(k)
            value = member.child_by_field_name("value")
            if kname == "name" and value is not None:
                v = ctx.string_value(value)
                if v is not None:
                    out["name"] = v if isinstance(v, str) else None
                    if isinstance(v, dict):
                        out["name"] = None
                        out["name_ref"] = v
            elif kname == "description" and value is not None:
                v = ctx.string_value(value)
                if isinstance(v, str):
                    out["description"] = v
                elif isinstance(v, dict):
                    out["description_ref"] = v
                else:
                    out["description"] = ctx.loose_string(value)
            elif kname == "schema" and value is not None:
                out["schema_node"] = value
        elif member.type == "method_definition":
            k = member.child_by_field_name("name")
            if k is not None and text(k) == "name" and any(c.type == "get" for c in member.children):
                bodyn = member.child_by_field_name("body")
                if bodyn is not None:
                    for st in bodyn.named_children:
                        if st.type == "return_statement" and st.named_children:
                            v = ctx.string_value(st.named_children[0])
                            if isinstance(v, str):
                                out["name"] = v
    return out


def resolve_local_base(ctx: FileCtx, cls: Node, base: str) -> str | None:
    """'Tool'/'StructuredTool' when the class derives from a LangChain tool base (through classes of this
    file), 'pending' when the chain leaves the file through a relative import, None otherwise."""
    seen: set[str] = set()
    current_cls = cls
    for _ in range(8):
        if base in seen:
            return None
        seen.add(base)
        b = ctx.lookup(current_cls, base)
        if b is None:
            return _LC_TOOL_BASES.get(base) if base in _LC_TOOL_BASES else None
        if b.kind == "import":
            fw = framework_of(b.module)
            if fw == "langchainjs":
                return _LC_TOOL_BASES.get(b.imported or base, "StructuredTool") if (b.imported or base) in _LC_TOOL_BASES \
                    or (b.imported or "").endswith("Tool") else None
            if b.module is not None and (b.module.startswith(".") or b.module.startswith(("@/", "~/"))):
                return "pending"
            return None
        if b.kind == "class" and b.node is not None:
            base_node = unwrap(class_heritage_base(b.node))
            if base_node is None:
                return None
            chain = member_chain(base_node)
            if not chain:
                return None
            current_cls = b.node
            base = chain[-1]
            continue
        return None
    return None

