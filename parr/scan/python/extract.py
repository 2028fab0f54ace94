"""Phase 1 for Python: one file's facts, from one `ast.parse` and one walk.

The walk keeps a scope chain (module, class, function) so that names in `tools=[...]` lists resolve
to the right nested definition, records every call's effect on the innermost enclosing function,
and collects declaration candidates. After the walk, tool-context references are resolved against
the scopes, effects are closed over local helper calls, and candidates are serialised.
"""

from __future__ import annotations

import ast
import bisect
import builtins
import sys
import json
import re
from typing import Any

from parr.scan.python import catalog, frameworks, mcp_dispatch, nameparts, raw_dispatch, toolclass
from parr.scan.python.frameworks.mcp import direct_registration as mcp_direct_registration
from parr.scan.python.frameworks import llamaindex as _llamaindex, nat
from parr.scan.python.frameworks.spec import Builtin
from parr.scan.python.astutil import (
    _const_str, _docstring, _kw, _literal_keys, _short_source, _shorten, _truthy_kw, fn_arg, statements, walk,
)
from parr.scan.evidence import OPENAI_HOSTED_TYPES, XAI_HOSTED_TYPES
from parr.scan import effects_kb
from parr.scan.python import branches, flow, process, registry, scratch
from parr.scan.python.effects import _IN_MEMORY_ORIGINS
from parr.scan.python.effects import ENSURE_DIR, READ as READ_FX, UNKNOWN, WEAK, classify_call, known_quiet, list_insert, sql_lead, sql_text_effect
from parr.scan.python.frameworks import provider_sdks
from parr.scan.python.names import CTX_POSITIONAL as _CTX_POSITIONAL, FACTS_VERSION, module_name  # noqa: F401


_BUILTIN_NAMES = frozenset(dir(builtins))
# The receiver's name, in the evidence and the effect rules, of a method called on an expression no
# dotted name spells ((out_dir / name).write_text(...)).
_VALUE_RECEIVER = "(value)"
# Stands for a tool name computed at run time (decorator name=... that is not a literal).
_DYNAMIC_NAME = "\0dynamic"
_SK_PROCESS_STEPS = frozenset({"KernelProcessStep"})
# Names of lists that hold tools; "functions" only on its own (SETUP_FUNCTIONS holds no tools).
# Request keys that force a named tool (OpenAI, Anthropic, Bedrock Converse): references, not definitions.
_TOOL_CHOICE_KEYS = frozenset({"tool_choice", "toolChoice"})
# Capitalised annotations that name no record of fields the model fills (typing's and the standard
# library's containers and scalars).
_NOT_MODEL_ANNOTATIONS = frozenset({
    "Any", "Optional", "Union", "List", "Dict", "Tuple", "Set", "FrozenSet", "Sequence", "Mapping", "Iterable",
    "Literal", "Annotated", "Path", "PurePath", "Decimal", "Enum", "IntEnum", "StrEnum", "UUID", "Callable", "Type",
})
# Config keys whose list a project's helper hands to a model's registration (cfg.get("toolkits")).
_CONFIG_TOOL_KEY = re.compile(r"tool|function", re.I)
_TOOLS_VAR = re.compile(r"(^|_)(tools|toolset|toolsets|tool_list|tool_functions)$|^_?functions$", re.I)


def _tool_dict_values(value) -> ast.Tuple | None:
    """The values of a dict literal that maps names to tools by reference ({"shell": shell,
    "calc": tools.calculator}), as one tuple read like a tools list; None for a dict holding data
    (a schema, settings) or objects it makes (a dispatch table of instances, read by the rules of
    the server that looks them up)."""
    if not isinstance(value, ast.Dict) or not value.values or any(k is None for k in value.keys) \
            or not all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in value.keys) \
            or not all(isinstance(v, (ast.Name, ast.Attribute)) for v in value.values):
        return None
    return ast.copy_location(ast.Tuple(elts=list(value.values), ctx=ast.Load()), value)


_REGISTRIES = frozenset({"registry", "toolkit", "tool_registry", "tools", "_registry", "_toolkit"})
_EXEC_METHODS = ("_run", "_arun", "run", "arun", "forward", "__call__", "run_async", "execute", "invoke",
                 "ainvoke", "call", "_call", "run_json", "acall", "_execute")
_EXEC_METHOD_SET = frozenset(_EXEC_METHODS)
_LOGGING_CALL = re.compile(r"^(?:loguru|structlog|logging)\b|(?:^|\.)(?:_?logger|_?log|LOGGER|LOG)\.")
_STDLIB = frozenset(getattr(sys, "stdlib_module_names", ())) | {"builtins"}
_VALUE_METHODS = frozenset("get append extend insert pop remove clear copy update items keys values setdefault add "
                           "discard strip lstrip rstrip split rsplit splitlines join replace format lower upper "
                           "startswith endswith encode decode find index count isdigit isalpha".split())
# Literal text kept for an argument only when it could be a statement (its start decides read or write).
_SQL_TEXT = re.compile(r"^\s*\(?\s*(select|with|show|describe|explain|pragma|insert|update|delete|drop|truncate|alter|"
                       r"create|merge|replace|grant|revoke|call|exec|copy|attach|install|load|set|use|begin)\b", re.I)
# ... or a GraphQL document (its operation keyword decides: parr.scan.effects_kb.graphql).
_GQL_TEXT = re.compile(r"^\s*(?:#|\{|(?:query|mutation|subscription|fragment)\b)", re.I)
_STR_METHODS = frozenset("format replace strip lstrip rstrip lower upper casefold removeprefix removesuffix "
                         "expandtabs title capitalize".split())
_BLOB_ANN = frozenset({"Any", "object", "dict", "Dict", "Mapping", "MutableMapping", "JSON", "Json", "JsonValue", "JSONType"})
_ENUM_BASES = frozenset({"Enum", "StrEnum", "IntEnum"})
_COLLECTORS = frozenset({"list", "tuple", "set", "frozenset", "sorted"})
_MIDDLEWARE_FAMILIES = frozenset({"langchain", "langgraph", "deepagents"})
_TOOLISH = re.compile(r"tool|mcp|function", re.I)
# Keywords holding objects of which only some give the model tools (see FileExtractor._quiet).
_QUIET_KWS = frozenset(kw for kws in frameworks.TOOL_KWS.values() for kw in kws if kw not in ("builtin_tools", "native_tools"))
# Decorators that by their name make a tool (register_tool, ai_function, toolbox.tool, my_tool).
_TOOL_DECORATOR = re.compile(r"(^|_)(tool|tools|function_tool|ai_function|llm_function)$|^register_(tool|function)$", re.I)
_NOT_TOOL_DECORATORS = frozenset({"list_tools", "call_tool"})
# Calls whose first argument is a class attribute's default (pydantic and dataclass fields).
_FIELD_CALLS = frozenset({"Field", "PrivateAttr", "field"})
# Bases of classes a framework turns into a schema-only tool when they are listed as tools.
_SCHEMA_BASES = frozenset({"BaseModel", "TypedDict"})
# Calls that register a tool with a server or registry, whatever the receiver is called.
_REGISTRATION_CALLS = frozenset({"add_tool", "add_tools", "register_tool", "register_tools"})
# Calls that hand back the same tools they are given: list(tools), sorted(tools), tuple(...).
_LIST_BUILTINS = frozenset({"list", "tuple", "sorted", "set", "filter", "reversed"})
# Calls that make a tool from a function given to them (Tool(func=f), FunctionTool(f), tool(f));
# the read calls that take a list of tools (agent options, servers, legacy agents) are not.
# A match statement on an object's `type` (`match action.type:`), the only form _action_cases reads.
_MATCH_ON_TYPE = re.compile(r"^[ \t]*match[ \t]+[\w.()\[\]]+\.type[ \t]*:", re.M)
_TOOL_MAKERS = (frozenset(frameworks.FACTORIES) | frozenset(frameworks.CALL_HOOKS) | frameworks.CALLABLE_DECORATORS) - {
    "ClaudeAgentOptions", "ClaudeCodeOptions", "create_sdk_mcp_server", "initialize_agent"} - {
    name for name in frameworks.CALL_HOOKS if (name.startswith("create_") and name.endswith("_agent"))
    or name.endswith("Agent")}
# Framework functions whose calls parr reads as tools (call hooks and factories).
_READ_AT_CALLS = frozenset(frameworks.FACTORIES) | frozenset(frameworks.CALL_HOOKS)
_DOUBLE_PREFIX = ("Fake", "Mock", "Dummy", "Stub")
# Model clients and SDK roots whose import shows a file talks to a model (with fw_hints, the
# agent evidence that makes tools= on a callee parr does not know a tools position).
_MODEL_CLIENTS = frozenset({
    "OpenAI", "AsyncOpenAI", "AzureOpenAI", "AsyncAzureOpenAI", "Anthropic", "AsyncAnthropic", "ChatOpenAI",
    "ChatAnthropic", "ChatGoogleGenerativeAI", "ChatVertexAI", "ChatBedrock", "ChatMistralAI", "ChatGroq",
    "ChatOllama", "Mistral", "Groq", "Cohere", "ClientV2"})
_MODEL_ROOTS = frozenset({"litellm", "groq", "mistralai", "cohere", "ollama", "together", "vertexai", "google.genai",
                          "google.generativeai", "instructor", "dspy", "guidance", "outlines", "marvin"})



def prefilter_names() -> frozenset[str]:
    """Names this extractor matches in code rather than in catalog data (decorators, registration
    calls, keywords that hold tools, dict keys of tool definitions): parr/scan/prefilter.py parses
    in full every file that mentions one. A name added to a test here belongs in this set too
    (tests/scan/engine/test_prefilter.py reads this module's comparisons to check)."""
    return frozenset({
        *_REGISTRATION_CALLS, *_SK_PROCESS_STEPS, *_REGISTRIES,
        "function_tool", "ai_function", "llm_function", "register_function",  # _TOOL_DECORATOR's words
        "kernel_function", ".action", "register_for_llm", "add_plugin", "plugins", "plugin_name",
        "spec_functions", "FunctionDeclaration", "input_schema", "inputSchema", "functions", "toolsets",
        "Function(", "entrypoint", "'function'", '"function"', "params_json_schema", "on_invoke_tool",
        "as_tool", "TOOL_SPEC",
    })

class Scope:
    __slots__ = ("kind", "parent", "defs", "assigns", "func", "cls", "name", "earlier")

    def __init__(self, kind, parent, func=None, cls=None, name=""):
        self.kind = kind
        self.parent = parent
        self.defs: dict[str, Any] = {}
        self.assigns: dict[str, ast.AST] = {}
        self.earlier: dict[str, list] = {}  # values a name held before its last assignment here
        self.func = func
        self.cls = cls
        self.name = name


class FuncInfo:
    __slots__ = ("node", "name", "qual", "scope", "cls", "fx", "local_calls", "self_calls", "ext_calls",
                 "strs", "is_static", "returns", "candidate", "body_scope", "decorators", "deferred",
                 "injected", "renamed", "call_nodes", "obj_calls", "xcalls", "ret_values", "params", "conds",
                 "scratch", "tests", "computes", "paths")

    def __init__(self, node, name, qual, scope, cls):
        self.node = node
        self.name = name
        self.qual = qual
        self.scope = scope  # scope the def lives in
        self.cls = cls
        self.fx: list = []
        self.local_calls: list = []
        self.self_calls: list = []
        self.ext_calls: list = []
        self.strs: dict[str, str] = {}
        self.is_static = False
        self.returns: list = []
        self.candidate = False
        self.body_scope = None
        self.decorators: list[str] = []
        self.injected = None
        self.renamed = None  # fn.__name__ = ...: the new literal name, or _DYNAMIC_NAME
        self.call_nodes: dict[str, list] = {}  # helper name (or self.method) -> its call sites here
        self.obj_calls: list = []  # (ClassInfo, method, callee as written): crm.close_case() on an object of a class here
        self.xcalls: list = []  # deferred calls with what they are passed (parr.scan.python.flow)
        self.ret_values: list = []  # what its own return statements return (not its inner functions')
        self.params = None  # (names, frozenset of them): FileExtractor._params, read once per function
        self.conds = None  # id(call) -> the branch condition it runs under (parr.scan.python.branches)
        self.paths = None  # FileExtractor.path_source: (loop/with variable -> what it binds from, memo)
        self.scratch = None  # the names it binds to tempfile's paths (parr.scan.python.scratch), read once
        self.tests = False  # a test against string literals (or a match) seen so far in its own body
        self.computes = None  # whether its body only computes from its arguments (_computes_only), read once


class ClassInfo:
    __slots__ = ("node", "name", "qual", "scope", "bases", "methods", "attrs", "registered", "init_name",
                 "init_desc", "abstract", "body_scope", "self_attrs", "self_values", "claimed")

    def __init__(self, node, name, qual, scope, bases):
        self.node = node
        self.name = name
        self.qual = qual
        self.scope = scope
        self.bases = bases
        self.methods: dict[str, FuncInfo] = {}
        self.attrs: dict[str, ast.AST] = {}
        self.self_attrs: dict[str, ast.Call] = {}  # self.iam = boto3.client("iam") in a method
        # Every value a method puts in self.<attr> (self.tools = [...], self.tools += [...],
        # self.tools.extend([...])), with the method's scope: read when self.<attr> is handed over.
        self.self_values: dict[str, list] = {}
        self.registered: list = []  # (method name, line) registered as tools from inside the class
        self.init_name = None
        self.init_desc = None
        self.abstract = False
        self.body_scope = None
        self.claimed = False  # read as a tool by its family's own rules (a file hook): not again here


def _ann_name(ann) -> str | None:
    if ann is None:
        return None
    if isinstance(ann, ast.Name):
        return ann.id
    if isinstance(ann, ast.Attribute):
        return ann.attr
    if isinstance(ann, ast.Subscript):
        return _ann_name(ann.value)
    if isinstance(ann, ast.Constant) and isinstance(ann.value, str):
        return ann.value.split("[", 1)[0].split(".")[-1].strip()
    return None


def _unwrap_ann(ann):
    """Strip Optional[...], X | None, Annotated[X, ...]; returns (inner, annotated_metadata)."""
    meta = []
    for _ in range(6):
        if isinstance(ann, ast.Subscript):
            head = _ann_name(ann.value)
            sl = ann.slice
            if head == "Annotated" and isinstance(sl, ast.Tuple) and sl.elts:
                meta.extend(sl.elts[1:])
                ann = sl.elts[0]
                continue
            if head == "Optional":
                ann = sl
                continue
            if head == "Union" and isinstance(sl, ast.Tuple):
                rest = [e for e in sl.elts if not (isinstance(e, ast.Constant) and e.value is None) and _ann_name(e) != "None"]
                if len(rest) == 1:
                    ann = rest[0]
                    continue
        if isinstance(ann, ast.BinOp) and isinstance(ann.op, ast.BitOr):
            sides = [ann.left, ann.right]
            rest = [e for e in sides if not (isinstance(e, ast.Constant) and e.value is None)]
            if len(rest) == 1:
                ann = rest[0]
                continue
        break
    return ann, meta


_CONTAINERS = frozenset("list List Sequence MutableSequence Iterable set Set frozenset FrozenSet tuple Tuple".split())


def _is_blob(ann, depth: int = 0) -> bool:
    n = _ann_name(ann)
    if n in _CONTAINERS and isinstance(ann, ast.Subscript) and depth < 4:
        # list[dict], list[Any]: a list of free-form objects is as free-form as one
        elts = ann.slice.elts if isinstance(ann.slice, ast.Tuple) else [ann.slice]
        return any(_is_blob(_unwrap_ann(e)[0], depth + 1) for e in elts
                   if not (isinstance(e, ast.Constant) and e.value is Ellipsis))
    if n in _CONTAINERS and (isinstance(ann, (ast.Name, ast.Attribute))
                             or isinstance(ann, ast.Constant) and "[" not in str(ann.value)):
        # a bare `list` (typing.List, set, tuple): the schema made from it is an array with no item
        # type ({"type": "array", "items": {}}), so what goes in it is as free-form as list[Any]
        return True
    if n in _BLOB_ANN:
        if n in ("dict", "Dict", "Mapping", "MutableMapping") and isinstance(ann, ast.Subscript):
            # dict[str, X] is a blob only when values are Any/object
            sl = ann.slice
            if isinstance(sl, ast.Tuple) and len(sl.elts) == 2:
                return _ann_name(sl.elts[1]) in ("Any", "object")
            return True
        return True
    return False


class FileExtractor:
    def __init__(self, rel_path: str, tree: ast.Module, text: str = ""):
        self.rel = rel_path
        self.tree = tree
        self.text = text
        self.module = module_name(rel_path)
        self.is_pkg = rel_path.endswith("__init__.py")
        self.imports: dict[str, str] = {}
        self._roots_cache: tuple[int, frozenset] | None = None
        self._modules_cache: tuple[int, frozenset] | None = None
        self._funcs_listed: set | None = None
        self._xmemo: dict[int, list] = {}  # xclosure per function
        self.star_import = False  # "from x import *": names may come from anywhere
        self.star_modules: list[str] = []  # the modules star-imported, in import order (the last one wins)
        self.reg_walks: list[dict] = []  # subclass walks of a project class (parr.scan.python.registry)
        self.reg_sites: list[dict] = []  # registrations naming a tool by what its object's class says
        self.reg_middleware: list = []  # [class, line]: project agent middleware made here (registry.py)
        self.def_made: set[int] = set()  # calls that wrap each entry of a tool-definition list
        self.named_ctors: list = []  # [class, made from a definition list] for Cls(name=<not a literal>)
        self.module_defs: dict[str, list] = {}  # module-level functions by name, in order of definition
        self.project_quals: set[str] = set()  # names imported by a relative import: the project's own
        self.sk_plugins: list[list[str]] = []  # [plugin class reference, plugin name]
        self.consts: dict[str, str] = {}
        self.enums: dict[str, dict[str, str]] = {}
        self.classes: list[ClassInfo] = []
        self.funcs: list[FuncInfo] = []
        self.cands: list[dict] = []
        self.ctx_items: list = []  # (expr, scope, framework_hint, line, label of the handing site)
        # Places where tools are plainly handed to a model but the expression cannot be turned
        # into tools: {"line", "call", "reason"}; references to other modules are settled by resolve.
        self.unresolved: list[dict] = []
        self.module_vars: set[str] = set()  # module-level names bound to something other than a string
        self.agents: dict[str, str] = {}
        self.agent_members: dict[str, list[str]] = {}  # module-level agent variable -> what it can do
        self.fw_hints: set[str] = set()
        self.consumed: set[int] = set()  # ids of nodes already turned into candidates
        self.returned_builtins: set = set()  # (function, name, type) of built-in tool dicts a function returns
        self.deftable_refs: list = []  # loops making one tool definition per entry of a module-level table
        self.list_tool_funcs: list[FuncInfo] = []
        self.var_ctor: dict[str, str] = {}
        self.var_ann: dict[str, str] = {}  # module-level names annotated with a class (manager: Optional[M] = None)
        self.module_scope = Scope("module", None)
        self.tool_spec_dicts: list = []
        self.toolkit_refs: list = []  # (ClassInfo, attr name, line)
        self.name_filters: list[frozenset] = []  # tool names a comprehension being read keeps
        self.picked: set[tuple[int, str]] = set()  # (toolkit or loader call, tool name) already reported
        self.early_methods: dict[int, FuncInfo] = {}  # methods registered before their class body is walked
        self.local_decorator_names: set[str] = set()
        self.refs: list[dict] = []
        self.ctor_args: list[list[str]] = []  # [class, keyword, class of the object given there]: Tool(client=c)
        self.a2a = False
        self.applied_decorators: list = []  # (call, scope): deco(...)(fn) whose fn was not yet defined
        self.handoff_items: list = []  # (handoffs=[...] value, scope, framework of the call, line)
        # MCP low-level servers: call and list handlers (FuncInfo, or (expr, scope) given as
        # on_call_tool=/on_list_tools= to be looked up after the walk), Tool(...) constructions
        # read (node, scope), and calls compared in an assert or a comparison (not declarations)
        self.call_tool_funcs: list = []
        self.handler_exprs: list = []  # (keyword, expr, scope)
        self.mcp_tool_sites: list = []
        self.compared: set[int] = set()
        self.mcp_dispatch_methods: set[str] = set()
        self.mcp_lists: list[dict] = []
        self.mcp_makers: set[str] = set()
        self.forwards: dict[str, set[str]] = {}  # function qual -> its parameters passed to a tools position
        self.agent_classes: set[str] = set()  # classes whose methods hand self's tools to a model
        self.held_classes: dict[str, set[str]] = {}  # class a parameter is declared as -> its fields handed to a model
        # function qual -> its parameters whose each element (or itself) a tool registration registers
        # (def register_toolkits(config, ...): for tool in config: register_function(tool, caller=...))
        self.reg_params: dict[str, dict[str, str]] = {}
        # Nodes made here to be read like the source's (a TypedDict call as its dict): kept alive for the
        # walk, so that no later node takes the id() the consumed set remembers of them
        self.synthetic: list = []
        self.config_lists: set[str] = set()  # keys of dict literals holding a tool list ({"toolkits": [...]})
        self.config_keys: list[dict] = []  # cfg.get("toolkits") handed over as tools: the configs' lists are read
        # (agent expression, call, scope, via): <agent>.handoffs.<method>(...) or register_hand_off(...)
        self.condition_handoff_calls: list = []
        self.name_prefixes: set[str] = set()  # prefixes read at run time already listed as a site
        self.mounts: list[dict] = []  # {"server", "prefix" or "prefix_unknown", "format", "line"}
        # Module-level maps of keys to names ({"getAccount": "get_account"}, or to records made with
        # a literal name=, and {k: v.name for k, v in THAT.items()}): var -> [[name, line, description]],
        # for a call that names what it generates by such a map (FastMCP.from_openapi(mcp_names=...))
        self.name_maps: dict[str, list] = {}
        self.builtin_agent_calls: set[int] = set()  # ids of agent constructors whose own tools were read
        # Family hooks that read a call only once the whole file is walked: (hook, call, scope).
        self.deferred: list = []
        self.pipecat_handlers: dict = {}  # register_function("name", handler): name -> handler (pipecat)
        self.fw_state: dict = {}  # per-file notes a family's hooks keep (keyed by the family)

    # ------------------------------------------------------------------ names
    def dotted(self, e) -> str | None:
        parts = []
        while True:
            if isinstance(e, ast.Attribute):
                parts.append(e.attr)
                e = e.value
            elif isinstance(e, ast.Name):
                parts.append(e.id)
                break
            elif isinstance(e, ast.Call):
                inner = self.dotted(e.func)
                if inner is None:
                    return None
                parts.append(inner + "()")
                break
            elif isinstance(e, ast.Subscript):
                e = e.value
            else:
                return None
        return ".".join(reversed(parts))

    def qualify(self, dotted: str | None) -> str | None:
        if not dotted:
            return dotted
        head, _, rest = dotted.partition(".")
        hq = self.imports.get(head.rstrip("()"))
        if hq:
            return hq + ("." + rest if rest else "")
        return dotted

    def _abs_module(self, module: str | None, level: int) -> str:
        if not level:
            return module or ""
        base = self.module.split(".") if self.module else []
        if not self.is_pkg:
            base = base[:-1]
        if level > 1:
            base = base[: len(base) - (level - 1)] if level - 1 <= len(base) else []
        if module:
            base = base + module.split(".")
        return ".".join(base)

    def fw_of_qual(self, qual: str | None) -> str | None:
        if not qual:
            return None
        return _fw_cached(qual)

    def file_framework(self, prefer: tuple[str, ...] = ()) -> str:
        for p in prefer:
            if p in self.fw_hints:
                return p
        order = ("google-adk", "agno", "llama-index", "semantic-kernel", "browser-use", "strands-agents",
                 "openai-agents", "pydantic-ai", "crewai", "smolagents", "autogen", "fastmcp", "mcp",
                 "langgraph", "langchain", "anthropic", "openai", "swarm", "praisonai")
        for f in order:
            if f in self.fw_hints:
                return f
        return "unknown"

    def self_attr_str(self, e, scope: Scope) -> str | None:
        """The string a `self.attr` (or `cls.attr`) holds when the enclosing class sets it literally."""
        if not (isinstance(e, ast.Attribute) and isinstance(e.value, ast.Name) and e.value.id in ("self", "cls")):
            return None
        cls = scope.func.cls if scope.func is not None else None
        value = cls.attrs.get(e.attr) if cls is not None else None
        if isinstance(value, ast.Call):  # name: str = Field(default="x")
            value = _kw(value, "default") or (value.args[0] if value.args else None)
        return _const_str(value) if value is not None else None

    def class_const(self, e, scope: Scope):
        """The literal a class attribute holds, read as `self.X`/`cls.X` in its methods or as
        `Cls.X` for a class of this file: `"inputSchema": self.TOOL_INPUT_SCHEMA`."""
        if not (isinstance(e, ast.Attribute) and isinstance(e.value, ast.Name)):
            return None
        if e.value.id in ("self", "cls"):
            ci = scope.func.cls if scope.func is not None else None
        else:
            ci = self._local_class(e.value.id)
        return ci.attrs.get(e.attr) if ci is not None else None

    def lookup(self, scope: Scope, name: str):
        s = scope
        while s is not None:
            if s.kind == "class" and s is not scope:
                s = s.parent
                continue
            if name in s.defs:
                return s.defs[name], s
            if name in s.assigns:
                return s.assigns[name], s
            s = s.parent
        return None, None

    # ------------------------------------------------------------------ walk
    def run(self):
        self.visit_body(self.tree.body, self.module_scope)
        self.finish()

    def visit_body(self, stmts, scope):
        for st in stmts:
            self.visit(st, scope)

    def visit(self, node, scope):
        t = type(node)
        if t in _LEAF:
            return
        if t is ast.Attribute:
            self.visit(node.value, scope)
        elif t is ast.Call:
            self.visit_call(node, scope)
        elif t is ast.FunctionDef or t is ast.AsyncFunctionDef:
            self.visit_func(node, scope)
        elif t is ast.ClassDef:
            self.visit_class(node, scope)
        elif t is ast.Import:
            for a in node.names:
                local = a.asname or a.name.split(".")[0]
                self.imports[local] = a.name if a.asname else a.name.split(".")[0]
                self._hint(a.name)
        elif t is ast.ImportFrom:
            mod = self._abs_module(node.module, node.level)
            if not node.level:
                self._hint(mod)
                if mod.split(".", 1)[0] in ("a2a", "python_a2a"):
                    self.a2a = True
            for a in node.names:
                if a.name == "*":
                    self.star_import = True
                    self.star_modules.append(mod)
                    continue
                self.imports[a.asname or a.name] = f"{mod}.{a.name}" if mod else a.name
                if node.level:
                    self.project_quals.add(self.imports[a.asname or a.name])
        elif t is ast.Assign or t is ast.AnnAssign:
            self.visit_assign(node, scope)
        elif t is ast.AugAssign and isinstance(node.op, ast.Add) and isinstance(node.target, ast.Name) \
                and _TOOLS_VAR.search(node.target.id) and (isinstance(node.value, (ast.List, ast.Tuple))
                                                           or self._builtin_tools_call(node.value)):
            # tools += [a, b]: a tool list grown in place, read like tools.extend([a, b]); and
            # tools += toolkit.get_tools() / load_tools([...]): a framework's built-in tools
            self.ctx_items.append((node.value, scope, None, node.lineno, f"{node.target.id} += "))
            self.visit(node.value, scope)
        elif t is ast.AugAssign and isinstance(node.op, ast.BitOr) and isinstance(node.target, ast.Name) \
                and _TOOLS_VAR.search(node.target.id) and _tool_dict_values(node.value) is not None:
            # tools |= {"shell": shell}: more entries of a registry of tools by name
            self.ctx_items.append((_tool_dict_values(node.value), scope, None, node.lineno, f"{node.target.id} |= "))
            self.visit(node.value, scope)
        elif t is ast.AugAssign and isinstance(node.op, ast.Add) and isinstance(node.target, ast.Attribute) \
                and isinstance(node.target.value, ast.Name) and node.target.value.id == "self" \
                and scope.func is not None and scope.func.cls is not None:
            # self.tools += [...]: more of what self.tools holds when it is handed over
            scope.func.cls.self_values.setdefault(node.target.attr, []).append((node.value, scope))
            self.visit(node.value, scope)
        elif t is ast.Dict:
            self.visit_dict(node, scope)
            for v in node.values:
                if v is not None:
                    self.visit(v, scope)
            for k in node.keys:
                if k is not None:
                    self.visit(k, scope)
        elif t is ast.Return:
            if scope.func is not None:
                scope.func.ret_values.append(node.value)
            if node.value is not None:
                held = _registry_read(node.value)
                if scope.func is not None and (isinstance(node.value, (ast.List, ast.Tuple)) or (
                        isinstance(node.value, ast.Name) and _TOOLS_VAR.search(node.value.id))):
                    scope.func.returns.append(node.value)  # [a, b], or `return tools` after building it
                elif scope.func is not None and held is not None:
                    scope.func.returns.append(held)  # list(all_tools.values()), [all_tools[n] for n in names]
                elif scope.func is not None and isinstance(node.value, ast.Call):
                    # return ToolCollection(*tools): a holder built from the tool list is that list
                    for a in node.value.args:
                        if isinstance(a, ast.Starred) and isinstance(a.value, ast.Name) and _TOOLS_VAR.search(a.value.id):
                            scope.func.returns.append(a.value)
                self.visit(node.value, scope)
        elif t is ast.Expr:
            if type(node.value) is not ast.Constant:
                self.visit(node.value, scope)
        elif t is ast.Lambda:
            if scope.func is not None and not (node.args.args or node.args.posonlyargs or node.args.kwonlyargs
                                               or node.args.vararg or node.args.kwarg):
                # a thunk, `lambda: Tool().execute(code=code)`, handed to a retry or executor helper
                # or kept to be called later: what it calls is this function's code (the helper that
                # calls it is told so through the call's arguments: "f", parr.scan.python.flow)
                self.visit(node.body, scope)
            return
        else:
            if (t is ast.Match or t is ast.Compare and branches.literal_test(node)) and scope.func is not None:
                scope.func.tests = True
            if t is ast.Assert or (t is ast.Compare and any(
                    type(x) in (ast.Call, ast.List, ast.Tuple) for x in (node.left, *node.comparators))):
                # assert result == types.Tool(...): a value compared, not a tool declared
                self.compared.update(id(n) for n in walk(node) if type(n) is ast.Call)
            if (t is ast.ListComp or t is ast.GeneratorExp) and self._from_definitions(node, scope):
                self.def_made.add(id(node.elt))
            if t is ast.For or t is ast.AsyncFor:
                if type(node.iter) is ast.Call:
                    registry.note_walk(self, node.iter, [st.test for st in node.body if type(st) is ast.If],
                                       scope, node.lineno)
            elif t is ast.ListComp or t is ast.GeneratorExp or t is ast.SetComp or t is ast.DictComp:
                for g in node.generators:
                    if type(g.iter) is ast.Call:
                        registry.note_walk(self, g.iter, g.ifs, scope, node.lineno)
            for name in node._fields:
                v = getattr(node, name, None)
                if v is None:
                    continue
                if type(v) is list:
                    for item in v:
                        if isinstance(item, ast.AST):
                            self.visit(item, scope)
                elif isinstance(v, ast.AST):
                    self.visit(v, scope)

    def _hint(self, mod: str):
        fw = catalog.framework_of(mod)
        if fw:
            self.fw_hints.add(fw)

    # ------------------------------------------------------------------ defs
    def visit_func(self, node, scope):
        cls = scope.cls if scope.kind == "class" else None
        qual = f"{cls.qual}.{node.name}" if cls else (f"{scope.func.qual}.<locals>.{node.name}" if scope.func else node.name)
        fi = self.early_methods.pop(id(node), None) or FuncInfo(node, node.name, qual, scope, cls)
        self.funcs.append(fi)
        if scope.kind == "module":
            # a module (or a notebook's cells, run top to bottom) may define a name twice
            self.module_defs.setdefault(node.name, []).append(fi)
        scope.defs[node.name] = fi
        if cls is not None:
            cls.methods[node.name] = fi
        for d in node.decorator_list:
            dn = self.dotted(d.func if isinstance(d, ast.Call) else d) or ""
            fi.decorators.append(dn)
            if dn in ("staticmethod",):
                fi.is_static = True
            if dn.endswith("abstractmethod") and cls is not None:
                cls.abstract = True
        # decorators are evaluated in the enclosing scope
        for d in node.decorator_list:
            self.visit(d, scope)
        made = len(self.cands)
        for d in node.decorator_list:
            self.decorator_candidate(d, fi, scope)
        if len(self.cands) == made:
            self._unknown_tool_decorator(node, fi)
        a = node.args
        for dflt in a.defaults + [x for x in a.kw_defaults if x is not None]:
            self.visit(dflt, scope)
        body_scope = Scope("func", scope, func=fi, name=node.name)
        fi.body_scope = body_scope
        for arg in a.posonlyargs + a.args + a.kwonlyargs:
            body_scope.assigns.setdefault(arg.arg, arg)
        if cls is not None and node.name == "get_tools":
            # A toolkit's get_tools() hands out its methods (CAMEL's BaseToolkit, and the same
            # convention elsewhere), also through a name -> method map or a loop.
            for st in node.body:
                self._collect_self_refs(st, body_scope)
                if isinstance(st, ast.Return) and isinstance(st.value, ast.Dict):
                    # return {"search_repositories": self, ...}: each key names a method of this
                    # object, which the caller looks up by that name (getattr(obj, name))
                    for k, v in zip(st.value.keys, st.value.values):
                        key = _const_str(k) if k is not None else None
                        if key in cls.methods and isinstance(v, ast.Name) and v.id == "self":
                            self.toolkit_refs.append((cls, key, v.lineno))
        self.visit_body(node.body, body_scope)

    def visit_class(self, node, scope):
        bases = []
        for b in node.bases:
            d = self.dotted(b)
            if d:
                bases.append(self.qualify(d))
            self.visit(b, scope)
        qual = node.name if scope.kind == "module" else f"{scope.name}.{node.name}"
        ci = ClassInfo(node, node.name, qual, scope, bases)
        self.classes.append(ci)
        scope.defs[node.name] = ci
        for d in node.decorator_list:
            self.visit(d, scope)
        lasts = {b.rsplit(".", 1)[-1] for b in bases}
        if lasts & {"ABC", "ABCMeta", "Protocol"}:
            ci.abstract = True
        for kw in node.keywords:
            if kw.arg == "metaclass" and (self.dotted(kw.value) or "").endswith("ABCMeta"):
                ci.abstract = True
        body_scope = Scope("class", scope, cls=ci, name=qual)
        body_scope.func = None
        ci.body_scope = body_scope
        for st in node.body:
            if isinstance(st, ast.Assign):
                for t in st.targets:
                    if isinstance(t, ast.Name):
                        ci.attrs[t.id] = st.value
            elif isinstance(st, ast.AnnAssign) and isinstance(st.target, ast.Name) and st.value is not None:
                ci.attrs[st.target.id] = st.value
        for st in node.body:
            if isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef)) and st.name not in ci.methods:
                # Known before the bodies are walked: __init__ may hand over a method defined below
                # it (Tool(func=self.discover), Function(entrypoint=self.run)); the same FuncInfo is
                # filled in when its definition is walked.
                fi = FuncInfo(st, st.name, f"{qual}.{st.name}", body_scope, ci)
                ci.methods[st.name] = fi
                self.early_methods[id(st)] = fi
        if lasts & _ENUM_BASES:
            members = {}
            for k, v in ci.attrs.items():
                s = _const_str(v)
                if s is not None:
                    members[k] = s
            if members and scope.kind == "module":
                self.enums[node.name] = members
        self.visit_body(node.body, body_scope)
        if lasts & _SCHEMA_BASES and any(self._langchain_tool_decorator(d) for d in node.decorator_list):
            # @tool on a pydantic model: LangChain makes a StructuredTool named after the class, whose
            # call only builds the model (the schema is all there is), whether or not it is bound here
            self.schema_class_tool(ci, "langchain")

    def _langchain_tool_decorator(self, d) -> bool:
        """@tool / @tool("name") from LangChain (by import, or a bare tool in a file that speaks LangChain)."""
        target = d.func if isinstance(d, ast.Call) else d
        dotted = self.dotted(target) or ""
        if dotted.rsplit(".", 1)[-1] != "tool":
            return False
        q = self.qualify(dotted) if dotted.split(".", 1)[0] in self.imports else None
        fw = catalog.framework_of(q) if q else None
        return fw in ("langchain", "langgraph") or (q is None and "." not in dotted and "tool" not in self.module_scope.defs
                                                    and self.file_framework(frameworks.BARE_TOOL_PREFERENCE) == "langchain")

    def visit_assign(self, node, scope):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        value = node.value
        if value is None:
            return
        for t in targets:
            if isinstance(t, ast.Subscript) and isinstance(t.value, ast.Attribute):
                self._registry_entry(t, node, scope)
            if isinstance(t, ast.Attribute) and t.attr == "handoffs" and isinstance(t.value, ast.Name):
                # triage.handoffs = [...] (or +=) after the agents exist: hand-offs given by assignment
                self._late_handoffs(t.value.id, value, scope, node.lineno)
            if isinstance(t, ast.Attribute) and t.attr == "__name__" and isinstance(t.value, ast.Name):
                fi, _ = self.lookup(scope, t.value.id)
                if isinstance(fi, FuncInfo):
                    fi.renamed = _const_str(value) or _DYNAMIC_NAME
            if isinstance(t, ast.Name):
                if scope.kind != "module" and t.id in scope.assigns and len(scope.earlier.get(t.id, ())) < 4:
                    scope.earlier.setdefault(t.id, []).append(scope.assigns[t.id])
                scope.assigns[t.id] = value
                s = _const_str(value)
                if scope.kind == "module":
                    if s is not None:
                        self.consts[t.id] = s
                    else:
                        self.module_vars.add(t.id)
                        names = self._name_map(value)
                        if names:
                            self.name_maps[t.id] = names
                    if isinstance(value, ast.Call):
                        d = self.dotted(value.func)
                        if d:
                            self.var_ctor[t.id] = self.qualify(d)
                        last = (d or "").rsplit(".", 1)[-1]
                        if last in ("create_react_agent", "create_agent"):
                            # LangGraph: create_react_agent(model, tools): an agent other tools may run
                            self.agent_members[t.id] = self._agent_members(value, scope, tools_pos=1)
                            nm = _const_str(_kw(value, "name"))
                            if nm:  # its name, which a supervisor's hand-off tool carries
                                self.agents[t.id] = nm
                        if last.endswith("Agent") and last[:1].isupper():
                            # Agent(name="x"), LlmAgent, ConversableAgent("x"): hand-offs elsewhere name it
                            nm = _const_str(_kw(value, "name") or (value.args[0] if value.args else None))
                            if nm:
                                self.agents[t.id] = nm
                            # what the agent can do, for the tools that run it as a sub-agent
                            self.agent_members[t.id] = self._agent_members(value, scope)
                    if isinstance(node, ast.AnnAssign) and t.id not in self.var_ctor:
                        # manager: Optional[TerminologyManager] = None, set by an init function: the
                        # annotation names the class whose methods it runs. Read only for a method
                        # handed to an executor (run_in_executor(None, manager.import_x, ...)), where
                        # nothing else is read; its direct calls are left as they were.
                        cls_name = _annotated_class(node.annotation)
                        if cls_name and (cls_name.split(".", 1)[0] in self.imports or isinstance(
                                self.module_scope.defs.get(cls_name), ClassInfo)):
                            self.var_ann[t.id] = self.qualify(cls_name)
                    if t.id == "TOOL_SPEC" and isinstance(value, ast.Dict):
                        self.tool_spec_dicts.append(value)
                        self.consumed.add(id(value))
                if scope.func is not None and s is not None:
                    scope.func.strs[t.id] = s
                elif scope.func is not None and isinstance(value, ast.JoinedStr):
                    scope.func.strs[t.id] = "".join(
                        v.value for v in value.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
                if _TOOLS_VAR.search(t.id) and isinstance(value, (ast.List, ast.Tuple)):
                    self.ctx_items.append((value, scope, None, value.lineno, f"{t.id} = "))
                elif _TOOLS_VAR.search(t.id) and _tool_dict_values(value) is not None:
                    # tools = {"shell": shell, ...}: a registry of tools by name, handed over by its
                    # values (Agent(tools=get_tools().values())): read like a list of them
                    self.ctx_items.append((_tool_dict_values(value), scope, None, value.lineno, f"{t.id} = "))
                    if scope.cls is None and scope.func is not None and scope.func.cls is not None:
                        self._collect_self_refs(value, scope)
            elif isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "self":
                fn_cls = scope.func.cls if scope.func is not None else None
                call = value.value if isinstance(value, ast.Await) else value
                if fn_cls is not None and isinstance(call, ast.Call):
                    fn_cls.self_attrs.setdefault(t.attr, call)
                if fn_cls is not None:
                    fn_cls.self_values.setdefault(t.attr, []).append((call, scope))
        self.visit(value, scope)

    def _registry_entry(self, t: ast.Subscript, node, scope: Scope) -> None:
        """A tool put straight into a registry dict under its name: the MCP SDK's FastMCP
        `server._tool_manager._tools[name] = tool`, an agno Toolkit's `self.functions[name] = fn`.
        A name read off an object of a project class is resolved from the class hierarchy
        (parr.scan.python.registry); any other name in FastMCP's registry is a site."""
        holder = t.value
        text = _shorten(_short_source(node), 140)
        if holder.attr == "_tools" and isinstance(holder.value, ast.Attribute) and holder.value.attr == "_tool_manager":
            if _const_str(t.slice) is None and not registry.note_registration(
                    self, t.slice, scope, node.lineno, "mcp", "mcp.tool_manager_entry", text, strict=True):
                self.unresolved_site(None, "", node.lineno, "tool put in an MCP server's registry under a name parr cannot read",
                                     text=text)
        elif holder.attr == "functions" and isinstance(holder.value, ast.Name) and holder.value.id == "self" \
                and scope.func is not None and scope.func.cls is not None and "agno" in self.fw_hints \
                and any(b.rsplit(".", 1)[-1] == "Toolkit" for b in scope.func.cls.bases):
            registry.note_registration(self, t.slice, scope, node.lineno, "agno", "agno.Toolkit_entry", text)

    # ------------------------------------------------------------------ calls
    def visit_call(self, node: ast.Call, scope: Scope):
        if type(node.func) is ast.Name and node.func.id in _COLLECTORS and len(node.args) == 1 \
                and type(node.args[0]) is ast.Call:
            registry.note_walk(self, node.args[0], [], scope, node.lineno)  # list(iter_subclasses(Tool))
        if self.fw_hints & _MIDDLEWARE_FAMILIES:
            registry.note_middleware(self, node)
        name_kw = _kw(node, "name")
        if name_kw is not None and _const_str(name_kw) is None and isinstance(node.func, (ast.Name, ast.Attribute)):
            d0 = self.dotted(node.func) or ""
            if d0.rsplit(".", 1)[-1][:1].isupper() and "()" not in d0:
                self.named_ctors.append([self.qualify(d0), id(node) in self.def_made])
        if isinstance(node.func, ast.Call) and len(node.args) == 1 and not node.keywords:
            # mcp.tool(name="x")(fn), assistant.register_for_llm(name="calc")(fn): a decorator
            # factory's result applied by a call
            fi = self.resolve_func_expr(node.args[0], scope)
            if isinstance(fi, FuncInfo) and not fi.candidate:
                self.decorator_candidate(node.func, fi, fi.scope)
            elif fi is None:
                # self.mcp.tool(name=...)(self.handler) in __init__: the method is defined further
                # down the class; read it once the whole file has been walked
                self.applied_decorators.append((node, scope))
        d = self.dotted(node.func)
        q = self.qualify(d) if d else None
        fn = scope.func
        if d and node.keywords and "()" not in d and d.rsplit(".", 1)[-1][:1].isupper():
            self._ctor_arg_facts(node, d, scope)
        aliased = self._method_alias(node, d, fn) if fn is not None and type(node.func) is ast.Name else None
        if aliased:
            # method = self._manager.run_inline if wait else self._manager.spawn; method(task=...): a call of
            # each bound method the local may hold, with these arguments
            for call, ad in aliased:
                self.record_effects(call, ad, self.qualify(ad), fn)
        elif fn is not None and d:
            self.record_effects(node, d, q, fn)
        elif fn is not None and isinstance(node.func, ast.Attribute) and \
                isinstance(node.func.value, (ast.BinOp, ast.BoolOp, ast.IfExp, ast.Await, ast.NamedExpr)):
            # (out_dir / name).write_bytes(data), (a or b).mkdir(...): a receiver no dotted name spells
            # still does what its method does (no unknown when no rule knows it: a value's own method)
            self.record_effects(node, f"{_VALUE_RECEIVER}.{node.func.attr}", None, fn, value_call=True)
        for k in node.keywords:
            if k.arg in ("on_call_tool", "on_list_tools"):  # Server(on_call_tool=handle_call_tool)
                self.handler_exprs.append((k.arg, k.value, scope))
            elif k.arg in _TOOL_CHOICE_KEYS:
                self._tool_choice(k.value)
        if d:
            made = len(self.cands)
            self.call_candidate(node, d, q, scope)
            if len(self.cands) > made:
                self.consumed.add(id(node))  # a declaration rule read this call: its tools are known
            self.call_tool_context(node, d, q, scope)
        # recurse
        self.visit(node.func, scope)
        for a in node.args:
            self.visit(a, scope)
        for k in node.keywords:
            self.visit(k.value, scope)

    def _method_alias(self, node: ast.Call, d: str | None, fn: FuncInfo) -> list | None:
        """A call of a local bound in this function to a bound method, or to either of two
        (`method = a.spawn if wait else a.run_inline`): [(the call made on each method, its dotted
        name)], or None when the local is anything else (a helper, a parameter, a value)."""
        if not d or fn.body_scope is None:
            return None
        v, where = self.lookup(fn.body_scope, d)
        if where is None or where.func is not fn:
            return None
        alts = [v.body, v.orelse] if isinstance(v, ast.IfExp) else [v]
        out = []
        for alt in alts:
            ad = self.dotted(alt) if isinstance(alt, ast.Attribute) else None
            if not ad or "()" in ad or "." not in ad:
                return None
            out.append((ast.copy_location(ast.Call(func=alt, args=node.args, keywords=node.keywords), node), ad))
        return out

    def _name_map(self, value) -> list | None:
        """[[name, line, description]] of a dict literal mapping string keys to names, or to calls
        given a literal name= (ToolDefinition(name="get_account", description=...)); of a dict
        comprehension `{k: v.name for k, v in M.items()}` over such a map of this module; else None."""
        if isinstance(value, ast.Dict) and len(value.keys) >= 2 and len(value.keys) <= 1000 \
                and all(_const_str(k) is not None for k in value.keys if k is not None) and None not in value.keys:
            out = []
            for v in value.values:
                if _const_str(v) is not None:
                    out.append([_const_str(v), v.lineno, None])
                elif isinstance(v, ast.Call) and _const_str(_kw(v, "name")) is not None:
                    out.append([_const_str(_kw(v, "name")), _kw(v, "name").lineno, _const_str(_kw(v, "description"))])
                else:
                    return None
            return out
        if isinstance(value, ast.DictComp) and len(value.generators) == 1 and isinstance(value.value, ast.Attribute) \
                and value.value.attr == "name" and isinstance(value.value.value, ast.Name):
            gen = value.generators[0]
            it = gen.iter
            if not gen.ifs and isinstance(gen.target, ast.Tuple) and len(gen.target.elts) == 2 \
                    and isinstance(gen.target.elts[1], ast.Name) and gen.target.elts[1].id == value.value.value.id \
                    and isinstance(it, ast.Call) and isinstance(it.func, ast.Attribute) and it.func.attr == "items" \
                    and isinstance(it.func.value, ast.Name):
                base = self.name_maps.get(it.func.value.id)
                if base and all(desc is not None or True for _, _, desc in base):
                    return [list(x) for x in base]
        return None

    def _local_agent(self, name: str, fn: FuncInfo) -> bool:
        """`agent = Agent(tools=..., ...)` in this function, of a framework's agent class: called by
        name (Strands `agent(query)`), it runs a model on what it is given."""
        if fn.body_scope is None:
            return False
        v, where = self.lookup(fn.body_scope, name)
        if where is None or where.func is not fn or not isinstance(v, ast.Call):
            return False
        d = self.dotted(v.func) or ""
        last = d.rsplit(".", 1)[-1]
        return last.endswith("Agent") and last[:1].isupper() and self.fw_of_qual(self.qualify(d)) is not None

    def _uses_tempfile(self) -> bool:
        n = len(self.imports)  # read again only when an import was added (one inside a function)
        if getattr(self, "_tempfile_seen", (None,))[0] != n:
            self._tempfile_seen = (n, any(v == "tempfile" or v.startswith("tempfile.") for v in self.imports.values()))
        return self._tempfile_seen[1]

    def _scratch(self, fn: FuncInfo) -> scratch.Scratch:
        if fn.scratch is None:
            fn.scratch = scratch.Scratch(fn.node, self.qualify)
        return fn.scratch

    def record_effects(self, node, d, q, fn: FuncInfo, value_call: bool = False):
        head = d.split(".", 1)[0]
        is_builtin = "." not in d and d not in self.imports and d in _BUILTIN_NAMES
        if is_builtin and fn.body_scope is not None and isinstance(node.func, ast.Name) \
                and self.resolve_func_expr(node.func, fn.body_scope) is not None:
            is_builtin = False  # a function of the file named like a builtin (def open(url)) shadows it
        injected = fn.injected
        if injected is None:
            injected = fn.injected = self._injected_names(fn)
        origin = self._receiver_origin(d, fn) if "." in d and head not in self.imports else None
        if origin is None and head.endswith("()") and "." in d and head[:1].isupper() and "(" not in head[:-2] \
                and (head[:-2] in self.imports or isinstance(self.module_scope.defs.get(head[:-2]), ClassInfo)):
            # UnuseNotebookTool().execute(...): the receiver is an object made right here, of a class of
            # this file or an imported one, read as `tool = UnuseNotebookTool(); tool.execute(...)` is
            origin = (self.qualify(head[:-2]) or head[:-2]) + "()"
        fx = classify_call(node, d, q, is_builtin, fn.strs.get, injected,
                           origin=origin, file_roots=self._import_roots(),
                           url_source=lambda e: self.url_source(fn, e),
                           path_source=lambda e: self.path_source(fn, e),
                           lookup=lambda n: self.lookup(fn.body_scope, n)[0] if fn.body_scope is not None else None,
                           params=self._param_names(fn)[1], file_modules=self._import_modules(),
                           bindable=lambda: branches.bindable(fn.node, self._params(fn)),
                           receiver_call=(lambda: self._receiver_call(d, fn)) if "." in d else None)
        if fx and d.count(".") == 1 and all(x[0] == "" and x[1] == WEAK and x[2] == f"calls .{d[len(head) + 1:]}()"
                                            for x in fx):
            # manager.notify_user(...) on an object of a class another module of the project defines:
            # its name decides only where the project does not (resolve reads that method's code)
            qm = self._imported_method(d, head, origin, fn)
            if qm is not None:
                fx = [("?" + qm, *x[1:]) for x in fx]
        if fx and any(x[0].partition("@")[0] == "file_write" for x in fx) and self._uses_tempfile():
            if self._scratch(fn).target(node, d):
                # a file it made with tempfile: written, moved or removed there, nothing lasts
                fx = [("", READ_FX, f"uses a scratch file it made with tempfile ({d})")]
        if fx:
            if fn.conds is None and fn.tests:
                # a branch condition comes from a test the walk has passed already (an enclosing `if`,
                # an earlier guard, a `match`): with none seen yet, this call runs unconditioned
                fn.conds = branches.conditions(fn.node, self._params(fn))
            cond = fn.conds.get(id(node)) if fn.conds else None
            if cond or any(len(x) > 4 for x in fx):
                # the branch of a test of a parameter it runs under: a caller's literal decides it
                fx = [(*x[:3], 0) + ((c,) if c else ()) for x in fx
                      for c in [list(cond or ()) + list(x[4] if len(x) > 4 else ())]]
            fn.fx.extend(fx)
        elif value_call:
            return
        elif not known_quiet(d, q, is_builtin, injected, self._import_heads(), origin) and not list_insert(
                node, d.rsplit(".", 1)[-1]) and not (self._uses_tempfile() and self._scratch(fn).touches(node, q or d)):
            unknown = self._unknown_call(d, q, head, origin, fn)
            if unknown is not None:
                fn.fx.append(unknown)
        last = d.rsplit(".", 1)[-1]
        if last in _RUNS_AGENT:
            # Runner.run(agent, ...), agent.invoke(...): the tool does what that agent's tools do
            target = node.args[0] if (q or "").startswith("agents.Runner") and node.args else \
                node.func.value if isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name) \
                and (node.func.value.id in self.agent_members or node.func.value.id in self.imports
                     and re.search(r"agent|graph|crew|team|assistant", node.func.value.id, re.I)) else None
        else:
            # agent(query): a Strands Agent (like other callable agents) runs when called; a module-level
            # agent variable called by name is run as a sub-agent
            target = node.func if isinstance(node.func, ast.Name) and (
                node.func.id in self.agent_members or node.func.id in self._module_agents()
                or self._local_agent(node.func.id, fn)) else None
            if target is not None and node.args and isinstance(node.args[0], ast.Name) \
                    and node.args[0].id in self._param_names(fn)[1]:
                # the tool's parameter is the sub-agent's prompt: free-form text (typed as the prompt names say)
                fn.fx.append(("", "prompt", f"hands its input to sub-agent {node.func.id} ({d})"))
        if target is not None:
            for ref in self.agent_refs(target, fn.body_scope):
                if ref != "?" and (not ref.startswith("local:") or ref[6:] in self.agent_members
                                   or ref[6:] in self._module_agents()):
                    fn.fx.append((ref, "subagent", f"runs sub-agent {ref.partition(':')[2]} ({d})"))
        if self.a2a and d.endswith(".send_message"):
            fn.fx.append(("", "prompt", f"forwards input to a remote A2A agent ({d})"))
        # a helper handed to a runner (asyncio.to_thread(fn, ...), loop.run_in_executor(None, fn),
        # executor.submit(fn), functools.partial(fn)) runs as if called here
        if d.rsplit(".", 1)[-1] in _RUNS_ITS_ARGUMENT or d.endswith("executor.execute"):
            # (mcp-agent's context.executor.execute(task, *args) runs the workflow task it is given)
            for a in node.args[:2]:
                ad = self.dotted(a) if isinstance(a, (ast.Name, ast.Attribute)) else None
                if not ad or "()" in ad:
                    continue
                ahead = ad.split(".", 1)[0]
                if "." not in ad:
                    if ad in self.imports:
                        fn.ext_calls.append(self.imports[ad])
                        fn.fx.append(("?" + self.imports[ad], UNKNOWN, f"runs {ad}()"))
                        self._xcall(fn, node, ["q", self.imports[ad]], unknown=True)
                    elif ad not in _BUILTIN_NAMES:
                        fn.local_calls.append((fn.body_scope, ad))
                elif ahead in ("self", "cls") and ad.count(".") == 1:
                    fn.self_calls.append(ad.split(".", 1)[1])
                elif ahead in self.imports:
                    fn.ext_calls.append(self.qualify(ad))
                    # what it runs is the project's (resolve reads it and drops this) or unknown
                    fn.fx.append(("?" + self.qualify(ad), UNKNOWN, f"runs {ad}()"))
                    self._xcall(fn, node, ["q", self.qualify(ad)], unknown=True)
                elif ad.count(".") == 1 and (self.var_ctor.get(ahead) or self.var_ann.get(ahead) or "").rsplit(
                        ".", 1)[-1][:1].isupper():
                    # run_in_executor(None, manager.import_terminology, ...): a method of the class
                    # the module-level object is made from (or annotated with), as if called here
                    cls_name, method = self.var_ctor.get(ahead) or self.var_ann[ahead], ad.split(".", 1)[1]
                    ci = self.module_scope.defs.get(cls_name)
                    if isinstance(ci, ClassInfo):
                        fn.obj_calls.append((ci, method, ad))
                    elif "." in cls_name:
                        fn.ext_calls.append(f"{cls_name}.{method}")
                        self._xcall(fn, node, ["q", f"{cls_name}.{method}"])
                elif ad.count(".") == 1 and ahead not in ("self", "cls", "super()") and d.rsplit(".", 1)[-1] in _PASSES_REST:
                    # asyncio.to_thread(client.execute, code): the bound method of a local or a parameter
                    # runs with the arguments after it, read as that call (client.execute(code))
                    rest = node.args[node.args.index(a) + 1:]
                    kws = list(node.keywords) if _PASSES_REST[d.rsplit(".", 1)[-1]] else []
                    synth = ast.copy_location(ast.Call(func=a, args=list(rest), keywords=kws), node)
                    self.record_effects(synth, ad, self.qualify(ad), fn)
                break
        if last in ("Process", "Thread", "Timer") and _kw(node, "target") is not None:
            self._started_target(node, fn)
        # a function defined in this one and handed to a call (self._safe_call(call_fn),
        # retry(do_request)) is run by it: its effects are this function's
        for a in node.args:
            if type(a) is ast.Name and fn.body_scope is not None:
                local = fn.body_scope.defs.get(a.id)
                if isinstance(local, FuncInfo):
                    fn.local_calls.append((fn.body_scope, a.id))
        # calls to helpers
        if "." not in d or (head in ("self", "cls") and d.count(".") == 1):
            fn.call_nodes.setdefault(d.split(".", 1)[-1], []).append(node)
        if "." not in d:
            if d in self.imports:
                fn.ext_calls.append(self.imports[d])
                self._xcall(fn, node, ["q", self.imports[d]])
            elif not is_builtin:
                fn.local_calls.append((fn.body_scope, d))
        elif head in ("self", "cls") and d.count(".") == 1:
            fn.self_calls.append(d.split(".", 1)[1])
        elif head == "super()" and d.count(".") == 1 and fn.cls is not None:
            # super().execute(code): the base's method, of this file or of an imported class
            t = self._base_method(fn.cls, d[8:])
            if isinstance(t, FuncInfo) and t.cls is not None:
                fn.obj_calls.append((t.cls, d[8:], d))
                fn.call_nodes.setdefault(d, []).append(node)
            elif isinstance(t, str):
                fn.ext_calls.append(t)
                self._xcall(fn, node, ["q", t])
        elif head in self.imports and "()" not in d:
            fn.ext_calls.append(q)
            self._xcall(fn, node, ["q", q])
        elif d.count(".") == 1 and head in self._param_names(fn)[1] and head not in self.imports:
            # db_client.query(sql) on an object the caller hands in: resolved where the caller is
            # known to pass an object of a class parr can read
            self._xcall(fn, node, ["p", head, d.split(".", 1)[1]])
        elif (d.count(".") == 1 and head not in ("self", "cls")) or (head == "self" and d.count(".") == 2):
            # client.close_case(), self.crm.close_case(): a method of the class that built the
            # object (here or imported)
            ctor = origin
            if ctor is None:
                v, _ = self.lookup(fn.body_scope, head) if fn.body_scope is not None else (None, None)
                ctor = (self.var_ctor.get(head) + "()") if v is not None and self.var_ctor.get(head) else None
            if ctor and ctor.endswith("()") and "()" not in ctor[:-2]:
                cls_name = ctor[:-2]
                ci = self.module_scope.defs.get(cls_name)
                method = d.rsplit(".", 1)[1]
                if isinstance(ci, ClassInfo):
                    fn.obj_calls.append((ci, method, d))
                    fn.call_nodes.setdefault(d, []).append(node)
                elif cls_name.rsplit(".", 1)[-1][:1].isupper() and "." in cls_name and not (
                        fx and all(x[1] == "read" for x in fx)):
                    # (a method of an SDK's class the effects KB already knows as a read is not
                    # followed into its source, where a tree holding the SDK has it)
                    fn.ext_calls.append(f"{cls_name}.{method}")
                    self._xcall(fn, node, ["q", f"{cls_name}.{method}"])
                elif self._imported_factory(head, fn) == cls_name or (
                        head == "self" and self._imported_by_name(cls_name)):
                    # agent = create_agent(cfg); agent.run(...), or self.client = make_client() in
                    # __init__ and self.client.fetch(url) here: a method of the class the imported
                    # factory is declared to return (resolve reads its `ret`), with what is passed
                    fn.ext_calls.append(f"{cls_name}().{method}")
                    self._xcall(fn, node, ["q", f"{cls_name}().{method}"])
                elif isinstance(ci, FuncInfo):
                    # the same, with a factory of this file: each class its return annotation names
                    # (`-> Union[SqlDriver, SafeSqlDriver]`), of this file or imported
                    for ret in self._returned_classes(ci):
                        if isinstance(ret, ClassInfo):
                            fn.obj_calls.append((ret, method, d))
                            fn.call_nodes.setdefault(d, []).append(node)
                        else:
                            fn.ext_calls.append(f"{ret}.{method}")
                            self._xcall(fn, node, ["q", f"{ret}.{method}"])
                            if not fx and not known_quiet(d, q, is_builtin, injected, self._import_heads()):
                                # resolve drops it where the project defines that method
                                fn.fx.append((f"?{ret}.{method}", UNKNOWN, f"calls {d}()"))

    def _started_target(self, node: ast.Call, fn: FuncInfo) -> None:
        """multiprocessing.Process(target=self._run, args=(code, out)) / threading.Thread(target=f,
        args=..., kwargs=...): the target runs with those arguments, as if called here (a helper of
        this file or a method of this object, its arguments mapped to its parameters)."""
        target = _kw(node, "target")
        ad = self.dotted(target) if isinstance(target, (ast.Name, ast.Attribute)) else None
        if not ad or "()" in ad or fn.body_scope is None:
            return
        argv, kwv = _kw(node, "args"), _kw(node, "kwargs")
        args = list(argv.elts) if isinstance(argv, (ast.Tuple, ast.List)) else \
            [ast.Starred(value=argv, ctx=ast.Load())] if argv is not None else []
        keywords = [ast.keyword(arg=None, value=kwv)] if kwv is not None else []
        if isinstance(kwv, ast.Dict) and all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in kwv.keys):
            keywords = [ast.keyword(arg=k.value, value=v) for k, v in zip(kwv.keys, kwv.values)]
        call = ast.copy_location(ast.Call(func=target, args=args, keywords=keywords), node)
        if "." not in ad:
            if ad in self.imports or ad in _BUILTIN_NAMES:
                return
            fn.local_calls.append((fn.body_scope, ad))
            fn.call_nodes.setdefault(ad, []).append(call)
        elif ad.split(".", 1)[0] in ("self", "cls") and ad.count(".") == 1:
            fn.self_calls.append(ad.split(".", 1)[1])
            fn.call_nodes.setdefault(ad.split(".", 1)[1], []).append(call)

    def _imported_factory(self, var: str, fn: FuncInfo) -> str | None:
        """The qualified name of the function imported by name whose result `var` holds
        (`agent = create_agent(cfg)`), or None."""
        v, _ = self.lookup(fn.body_scope, var) if fn.body_scope is not None else (None, None)
        v = v.value if isinstance(v, ast.Await) else v
        if isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and v.func.id in self.imports:
            return self.imports[v.func.id]
        return None

    def _imported_by_name(self, qual: str) -> bool:
        """`qual` is a function (or class) this file imports under its own last name
        (`from pkg.clients import make_client` for "pkg.clients.make_client")."""
        return "." in qual and self.imports.get(qual.rsplit(".", 1)[-1]) == qual

    def _returned_class(self, fi: FuncInfo):
        """The class a function's return annotation names (`-> BaseCLIAgent`): a ClassInfo of this
        file, the qualified name of an imported one, or None (none, or several)."""
        found = self._returned_classes(fi)
        return found[0] if len(found) == 1 else None

    def _returned_classes(self, fi: FuncInfo) -> list:
        """Every class a function's return annotation names: one (`-> Driver`), or each member of
        `Union[A, B]`, `A | B`, `Optional[A]` (a call on what it returns may run any of their
        methods). Each a ClassInfo of this file or the qualified name of an imported class."""
        out: list = []
        todo = [fi.node.returns]
        while todo and len(out) < 8:
            ann = todo.pop(0)
            if isinstance(ann, ast.Constant) and isinstance(ann.value, str) and len(ann.value) < 200:
                try:
                    ann = ast.parse(ann.value, mode="eval").body
                except SyntaxError:
                    continue
            if isinstance(ann, ast.BinOp) and isinstance(ann.op, ast.BitOr):
                todo[:0] = [ann.left, ann.right]
                continue
            if isinstance(ann, ast.Subscript) and (self.dotted(ann.value) or "").rsplit(".", 1)[-1] in ("Union", "Optional"):
                todo[:0] = list(ann.slice.elts) if isinstance(ann.slice, ast.Tuple) else [ann.slice]
                continue
            d = self.dotted(ann) if isinstance(ann, (ast.Name, ast.Attribute)) else None
            if not d or not d.rsplit(".", 1)[-1][:1].isupper():
                continue
            local = self.module_scope.defs.get(d)
            if isinstance(local, ClassInfo):
                out.append(local)
            elif d.split(".", 1)[0] in self.imports and (q := self.qualify(d)).split(".", 1)[0] not in _STDLIB:
                out.append(q)  # (typing's Dict, collections' OrderedDict: values, not classes to follow)
        return out

    def _serialised_funcs(self) -> set:
        """The qualified names of the functions serialise() lists in the facts' funcs."""
        if self._funcs_listed is None:
            self._funcs_listed = {fi.qual for fi in self.funcs if fi.scope is self.module_scope or (
                fi.cls is not None and fi.cls.scope is self.module_scope)}
        return self._funcs_listed

    def _xcall(self, fn: FuncInfo, call: ast.Call, head: list, unknown: bool = False) -> None:
        """Records a deferred call with what it passes for each argument (parr.scan.python.flow).
        Calls into the standard library, and methods of a parameter that pass nothing from the
        caller or are the methods of plain values (`text.strip()`, `items.append(x)`), are left out:
        they cannot reach a statement sink of the project. A call that passes only literals (or
        nothing) is kept for its callee's branch conditions while there is room; the resolver
        takes a call left out as deciding none of them (and passing nothing from the caller). `unknown`:
        the function is run by another (asyncio.to_thread(fn, ...)) with arguments not mapped here."""
        if len(fn.xcalls) >= 100:
            return
        if head[0] == "q" and (head[1].split(".", 1)[0] in _STDLIB or _LOGGING_CALL.search(head[1])
                               or head[1].rsplit(".", 1)[-1][:1].isupper()):
            return  # (a class built: the resolver reads no constructor's effects)
        if head[0] == "p" and head[2] in _VALUE_METHODS:
            return
        argmap = {"*": {"p": ["?"]}} if unknown else self._argmap(fn, call)
        item = head + [argmap] if argmap else head
        if not flow.informative(item) and (head[0] != "q" or len(fn.xcalls) >= 40):
            return  # only literals for the callee's branches: a call left out decides none of them
        fn.xcalls.append(item)  # (passing nothing: the callee's defaults hold)

    def _argmap(self, fn: FuncInfo, call: ast.Call) -> dict:
        out: dict = {}
        items = [(str(i), a) for i, a in enumerate(call.args)] + [(k.arg, k.value) for k in call.keywords]
        for key, a in items:
            if key is None or isinstance(a, ast.Starred):
                out["*"] = {"p": ["?"]}
                continue
            info: dict = {}
            src = self.url_source(fn, a)
            if not src and isinstance(a, ast.JoinedStr) and (lead := sql_lead(a)) is not a:
                src = self.url_source(fn, lead)  # f"/* tag */ {query}": a statement starts with `query`
            if src:
                info["p"] = sorted(src)
            if "?" not in src and not isinstance(a, ast.Constant) and not (
                    isinstance(a, ast.Name) and a.id in self._param_names(fn)[1]):
                # the parameters that reach other parts of the value, for a directory the callee
                # makes (effects.ENSURE_DIR): os.path.join(root, name) starts with root, names name
                more = self.path_source(fn, a) - src
                if more:
                    info["pp"] = sorted(more)
            text = self._literal_text(fn, a)
            if text is not None and (_SQL_TEXT.match(text) or _GQL_TEXT.match(text)):
                info["t"] = text[:200]  # a statement's start is what decides: read or write
            ctor = self._arg_ctor(fn, a)
            if ctor:
                info["o"] = ctor
            if self._read_callable(fn, a):
                info["f"] = 1  # a function whose code this function's reading holds (flow.map_effects)
            value = self._literal_value(fn, a)
            if value is not None:
                info["v"] = value  # decides the callee's branch conditions (parr.scan.python.branches)
            elif isinstance(a, ast.Name) and a.id in self._param_names(fn)[1]:
                info["n"] = a.id
            else:
                info["x"] = 1  # neither: the callee's default for it does not hold
            out[key] = info
        return out

    def _read_callable(self, fn: FuncInfo, a) -> bool:
        """An argument that is a function whose code is read as the caller's: a thunk (`lambda: ...`,
        visited in the caller) or a function defined in the caller (its local calls)."""
        if isinstance(a, ast.Lambda):
            x = a.args
            return not (x.args or x.posonlyargs or x.kwonlyargs or x.vararg or x.kwarg)
        if isinstance(a, ast.Name) and fn.body_scope is not None:
            return isinstance(fn.body_scope.defs.get(a.id), FuncInfo)
        return False

    def _literal_value(self, fn: FuncInfo, a) -> str | None:
        """A short string argument the code fixes: a literal, or a name assigned one literal once."""
        if isinstance(a, ast.Name) and fn.body_scope is not None:
            if a.id in self._params(fn):
                return None  # the caller's value, not a name of an outer scope
            v, vs = self.lookup(fn.body_scope, a.id)
            if vs is None or vs.earlier.get(a.id):
                return None
            a = v
        if isinstance(a, ast.Constant) and isinstance(a.value, str) and len(a.value) <= 64:
            return a.value
        return None

    def _literal_text(self, fn: FuncInfo, a, depth: int = 0) -> str | None:
        """The text the code writes for an argument: a string, the literal parts of an f-string,
        or a local variable holding either (what a statement starts with decides read or write)."""
        if isinstance(a, ast.Constant) and isinstance(a.value, str):
            return a.value
        if isinstance(a, ast.JoinedStr):
            return "".join(v.value for v in a.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
        if isinstance(a, ast.Name) and fn.body_scope is not None and depth < 2:
            v, _ = self.lookup(fn.body_scope, a.id)
            if isinstance(v, (ast.Constant, ast.JoinedStr)):
                return self._literal_text(fn, v, depth + 1)
        return None

    def _arg_ctor(self, fn: FuncInfo, a) -> str | None:
        """The qualified class that built the object an argument holds (`DatabaseClient(...)` here,
        in a variable, in self.attr, or a module-level instance), or None."""
        v = a
        if isinstance(a, ast.Name) and fn.body_scope is not None:
            v, _ = self.lookup(fn.body_scope, a.id)
        elif isinstance(a, ast.Attribute) and isinstance(a.value, ast.Name) and a.value.id == "self" and fn.cls is not None:
            v = fn.cls.self_attrs.get(a.attr)
        if isinstance(v, ast.Await):
            v = v.value
        if not isinstance(v, ast.Call) or not isinstance(v.func, (ast.Name, ast.Attribute)):
            return None
        od = self.dotted(v.func)
        if not od or "()" in od or not od.rsplit(".", 1)[-1][:1].isupper():
            return None
        if "." not in od and isinstance(self.module_scope.defs.get(od), ClassInfo):
            return f"{self.module}.{od}"
        q = self.qualify(od)
        return q if q and "." in q else None

    def xclosure(self, fi: FuncInfo, depth=0, seen=None) -> list:
        """The deferred calls of a function and of the helpers of this file it calls, in its own
        parameters (what each helper is passed is mapped at each call)."""
        if seen is None:
            seen = set()
        if id(fi) in seen or depth > 5:
            return []
        if id(fi) in self._xmemo:
            return self._xmemo[id(fi)]
        seen.add(id(fi))
        out = [list(x) for x in fi.xcalls]
        for c, key in self._callees(fi):
            if effects_kb.is_plumbing(c.name):
                continue
            sub = self.xclosure(c, depth + 1, seen)
            if not sub:
                continue
            params = self._params(c)
            for call in fi.call_nodes.get(key) or ():
                bound = flow.binding(self._argmap(fi, call), params)
                out += [t for t in (flow.translate_call(x, bound, params) for x in sub) if t is not None]
        out = self._xmemo[id(fi)] = flow.dedupe(out)
        return out

    def agent_ref(self, e) -> str | None:
        """An agent given by name: "local:<var>" for this file's, "ref:<qualified>" for an imported one."""
        if isinstance(e, ast.Name):
            return "ref:" + self.imports[e.id] if e.id in self.imports else "local:" + e.id
        if isinstance(e, ast.Attribute):
            d = self.dotted(e)
            if d and d.split(".", 1)[0] in self.imports and "()" not in d:
                return "ref:" + self.qualify(d)
        return None

    def _module_agents(self) -> set[str]:
        """Module-level variables bound to an agent (as visit_assign records them in agent_members),
        also those bound below the function that runs them (a tool body defined above `agent = Agent(...)`)."""
        got = self.__dict__.get("_module_agent_names")
        if got is None:
            got = set()
            todo = list(self.tree.body)
            while todo:  # module-level statements, also inside try/with/if blocks (not functions or classes)
                n = todo.pop()
                if isinstance(n, (ast.Try, ast.With, ast.If)):
                    todo += n.body + n.orelse if not isinstance(n, ast.With) else n.body
                    if isinstance(n, ast.Try):
                        todo += n.finalbody + [s for h in n.handlers for s in h.body]
                    continue
                if isinstance(n, (ast.Assign, ast.AnnAssign)) and isinstance(n.value, ast.Call):
                    last = (self.dotted(n.value.func) or "").rsplit(".", 1)[-1]
                    if last in ("create_react_agent", "create_agent") or last.endswith("Agent") and last[:1].isupper():
                        for t in (n.targets if isinstance(n, ast.Assign) else [n.target]):
                            if isinstance(t, ast.Name):
                                got.add(t.id)
            self._module_agent_names = got
        return got

    def agent_refs(self, e, scope, depth: int = 0) -> list[str]:
        """The agents an expression may hold, following a function's own assignments and both
        branches of `a if cond else b` (None is no agent); "?" where parr cannot tell."""
        if isinstance(e, ast.Constant) and e.value is None:
            return []
        if isinstance(e, ast.IfExp):
            return self.agent_refs(e.body, scope, depth + 1) + self.agent_refs(e.orelse, scope, depth + 1)
        if isinstance(e, ast.Name) and scope is not None and scope.func is not None and depth < 4:
            v, sc = self.lookup(scope, e.id)
            if isinstance(v, ast.expr) and sc is not None and sc.kind != "module" and not isinstance(v, ast.Call):
                return self.agent_refs(v, scope, depth + 1)
        ref = self.agent_ref(e)
        return [ref] if ref is not None else ["?"]

    def _agent_members(self, call: ast.Call, scope, tools_pos: int | None = None) -> list[str]:
        """What an agent built by `call` can do: its tools (functions, agents run as tools), its
        sub-agents, and a code executor; an element parr cannot read is "?" (fail closed)."""
        out: list[str] = []
        if (ce := _kw(call, "code_executor")) is not None and not (isinstance(ce, ast.Constant) and ce.value is None):
            out.append("code")
        elems = []
        for k in ("tools", "sub_agents", "functions"):
            v = _kw(call, k)
            if v is None and k == "tools" and tools_pos is not None and len(call.args) > tools_pos:
                v = call.args[tools_pos]
            if isinstance(v, (ast.List, ast.Tuple)):
                elems += [(k, x) for x in v.elts]
            elif v is not None:
                out.append("?")
        while elems:
            k, e = elems.pop(0)
            if isinstance(e, ast.IfExp):
                elems += [(k, e.body), (k, e.orelse)]  # either branch may be the tool
                continue
            if k == "sub_agents":
                ref = self.agent_ref(e)
                out.append("agent:" + ref if ref is not None else "?")
                continue
            if isinstance(e, ast.Call):
                f = self.dotted(e.func) or ""
                last = f.rsplit(".", 1)[-1]
                inner = fn_arg(e, "agent") if last == "AgentTool" else e.func.value if last == "as_tool" and \
                    isinstance(e.func, ast.Attribute) else fn_arg(e, "func") if last.endswith("Tool") else None
                if inner is not None and (ref := self.agent_ref(inner)) is not None:
                    out.append(("agent:" if last in ("AgentTool", "as_tool") else "fn:") + ref)
                else:
                    out.append("?")
                continue
            ref = self.agent_ref(e)
            out.append("fn:" + ref if ref is not None else "?")
        if not out and any(_kw(call, k) is not None for k in ("output_schema", "output_key", "output_type")):
            # ADK output_schema/output_key, OpenAI Agents output_type: an agent that only answers in a
            # schema (kept under a key of the session state)
            out.append("state")
        return out

    def _import_heads(self) -> frozenset:
        """The names this file imports (kept while the import count stays the same)."""
        cached = getattr(self, "_heads", None)
        if cached is None or cached[0] != len(self.imports):
            cached = self._heads = (len(self.imports), frozenset(self.imports))
        return cached[1]

    def _ctor_arg_facts(self, node: ast.Call, d: str, scope: Scope) -> None:
        """RAGTool(rag_pipeline=pipeline), `pipeline` an object of a known class (constructed, or a
        parameter declared as it): which class each keyword of a class's construction is given, for
        the tool classes whose field is declared Any (resolve: Project.field_effects)."""
        head = d.split(".", 1)[0]
        local = self.module_scope.defs.get(d) if "." not in d else None
        if not isinstance(local, ClassInfo) and head not in self.imports:
            return
        cls_q = self.qualify(d) if head in self.imports else d
        for k in node.keywords:
            v = k.value
            val = self._ctor_of(v.id, scope) if k.arg and isinstance(v, ast.Name) else \
                self.dotted(v.func) if k.arg and isinstance(v, ast.Call) else None
            if not val or "()" in val or not val.rsplit(".", 1)[-1][:1].isupper():
                continue
            if val.split(".", 1)[0] in self.imports:
                val = self.qualify(val)
            elif not isinstance(self.module_scope.defs.get(val), ClassInfo):
                continue
            self.ctor_args.append([cls_q, k.arg, val])

    def _field_calls(self, ci: ClassInfo) -> list[list[str]]:
        """[keyword, method] of the calls self.<field>.<method>(...) a tool class's methods make on a
        field whose class it does not declare (`rag_pipeline: Any = Field(...)`, or an __init__
        parameter with no annotation or Any stored as self.<field>): the constructor keyword that
        sets it, for resolve to read the class of the object the project gives there."""
        anys = ("Any", "typing.Any", "object")
        declared = {st.target.id: st.annotation for st in ci.node.body
                    if isinstance(st, ast.AnnAssign) and isinstance(st.target, ast.Name)}
        stored: dict[str, tuple[str, ast.AST | None]] = {}
        init = ci.methods.get("__init__")
        if init is not None:
            a = init.node.args
            ann = {x.arg: x.annotation for x in a.posonlyargs + a.args + a.kwonlyargs}
            for st in ast.walk(init.node):
                if isinstance(st, ast.Assign) and isinstance(st.value, ast.Name) and st.value.id in ann:
                    for t in st.targets:
                        if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "self":
                            stored[t.attr] = (st.value.id, ann[st.value.id])
        out: list[list[str]] = []
        for fi in ci.methods.values():
            for e in ast.walk(fi.node):
                if not (isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute)
                        and isinstance(e.func.value, ast.Attribute) and isinstance(e.func.value.value, ast.Name)
                        and e.func.value.value.id == "self"):
                    continue
                attr = e.func.value.attr
                if attr in ci.self_attrs or attr in ci.methods:
                    continue
                if attr in stored:
                    kw, ann_e = stored[attr]
                elif attr in declared:
                    kw, ann_e = attr, declared[attr]
                else:
                    continue
                inner = _unwrap_ann(ann_e)[0] if ann_e is not None else None
                if inner is not None and (self.dotted(inner) or "") not in anys:
                    continue  # a declared class: the delegation rules read it
                if [kw, e.func.attr] not in out:
                    out.append([kw, e.func.attr])
        return out[:30]

    def _imported_method(self, d: str, head: str, origin: str | None, fn: FuncInfo) -> str | None:
        """`pkg.mod.Class.method` for obj.method() on an object of a class imported from another module
        (obj = Class(...) in the function or at module level), else None."""
        ctor = origin
        if ctor is None and fn.body_scope is not None:
            v, _ = self.lookup(fn.body_scope, head)
            ctor = (self.var_ctor.get(head) + "()") if v is not None and self.var_ctor.get(head) else None
        if ctor and ctor.endswith("()") and "()" not in ctor[:-2] and "." in ctor[:-2] \
                and ctor[:-2].rsplit(".", 1)[-1][:1].isupper():
            return f"{ctor[:-2]}.{d.rsplit('.', 1)[1]}"
        return None

    def _unknown_call(self, d: str, q: str | None, head: str, origin: str | None, fn: FuncInfo):
        """The marker of a call parr cannot say anything about (an SDK method its knowledge lacks, a
        library function), or None where another reading follows it: a helper of this file or this
        class (the closure reads its body) or an object of a class of this file. A function
        imported by name may be the project's own: resolve drops its marker when it finds it."""
        if "." not in d:
            if d in self.imports:
                return ("?" + self.imports[d], UNKNOWN, f"calls {d}()")
            return None  # a helper of this file: the closure reads it (or marks it unknown)
        if head in ("self", "cls") and d.count(".") == 1:
            return None
        if head == "super()" and d.count(".") == 1 and fn.cls is not None:
            t = self._base_method(fn.cls, d[8:])
            if isinstance(t, FuncInfo):
                return None  # a base class's method of this file: the closure reads it
            if isinstance(t, str):  # resolve drops the marker when the project's class chain holds it
                return ("?" + t, UNKNOWN, f"calls {d}()")
        if head in self.imports and "()" not in d:
            return ("?" + (q or d), UNKNOWN, f"calls {d}()")
        ctor = origin
        if ctor is None and d.count(".") == 1 and fn.body_scope is not None:
            v, _ = self.lookup(fn.body_scope, head)
            ctor = (self.var_ctor.get(head) + "()") if v is not None and self.var_ctor.get(head) else None
        if ctor and ctor.endswith("()") and isinstance(self.module_scope.defs.get(ctor[:-2]), ClassInfo):
            return None  # crm.close_case() on a class of this file: its method is read
        if ctor and ctor.endswith("()") and isinstance(f := self.module_scope.defs.get(ctor[:-2]), FuncInfo) \
                and self._returned_classes(f):
            return None  # on what a factory of this file returns: each class's method (helpers, below)
        if ctor and ctor.endswith("()") and d.count(".") == 1 and "()" not in ctor[:-2] and "." in ctor[:-2] \
                and ctor[:-2].rsplit(".", 1)[-1][:1].isupper():
            # client.board() on an object of a class imported from another module: resolve drops
            # the marker when the project defines that method (its effects are read there)
            return (f"?{ctor[:-2]}.{d.rsplit('.', 1)[1]}", UNKNOWN, f"calls {d}()")
        if ctor and ctor.endswith("()") and "()" not in ctor[:-2] and self._imported_by_name(ctor[:-2]):
            # reader.read() / self.reader.read() on what an imported factory returns: resolve drops the
            # marker when the project defines the class its return annotation names (read there)
            return (f"?{ctor[:-2]}().{d.rsplit('.', 1)[1]}", UNKNOWN, f"calls {d}()")
        return ("", UNKNOWN, f"calls {d}()")

    def _params(self, fn: FuncInfo) -> list[str]:
        return list(self._param_names(fn)[0])

    @staticmethod
    def _param_names(fn: FuncInfo) -> tuple[tuple[str, ...], frozenset]:
        """The function's parameter names without self/cls, and the same as a set: read once per
        function (every call in its body asks), once `is_static` is known (its decorators are read
        before its body is walked)."""
        cached = fn.params
        if cached is None:
            a = fn.node.args
            names = [x.arg for x in a.posonlyargs + a.args + a.kwonlyargs]
            if fn.cls is not None and not fn.is_static and names and names[0] in ("self", "cls"):
                names = names[1:]
            cached = fn.params = (tuple(names), frozenset(names))
        return cached

    def path_source(self, fn: FuncInfo, e, depth: int = 0) -> frozenset:
        """Parameters of `fn` whose value reaches any part of the path `e` (a directory a call makes):
        unlike a URL's host, which leads, every part of a path chooses where it is. Local names are
        followed to what they were assigned, a loop or `with` variable to what it iterates or
        enters; a name bound where this reading does not follow counts as input ("?"); the object's
        own attributes (self.root), imports and functions are fixed."""
        if e is None or depth > 4 or isinstance(e, ast.Constant):
            return frozenset()
        if fn.paths is None:
            fn.paths = ([None], {})  # the loop and with bindings are read when a name needs them
        lazy, memo = fn.paths
        got = memo.get(id(e))
        if got is not None:
            return got
        params = self._param_names(fn)[1]
        out: set[str] = set()
        for n in walk(e):
            if not isinstance(n, ast.Name) or not isinstance(n.ctx, ast.Load):
                continue
            if n.id in params:
                out.add(n.id)
                continue
            if n.id in ("self", "cls") or n.id in self.imports or n.id in _BUILTIN_NAMES:
                continue
            v, vs = self.lookup(fn.body_scope, n.id) if fn.body_scope is not None else (None, None)
            if v is None:
                if lazy[0] is None:
                    lazy[0] = _loop_and_with_binds(fn.node)
                bound = lazy[0].get(n.id)
                if bound is None:
                    out.add("?")
                else:
                    out |= self.path_source(fn, bound, depth + 1)
                continue
            if isinstance(v, ast.expr) and v is not e:
                out |= self.path_source(fn, v, depth + 1)
                for earlier in (vs.earlier.get(n.id, ()) if vs is not None else ()):
                    if isinstance(earlier, ast.expr):
                        out |= self.path_source(fn, earlier, depth + 1)
        got = memo[id(e)] = frozenset(out)
        return got

    def url_source(self, fn: FuncInfo, e, depth: int = 0) -> frozenset:
        """Parameters of `fn` that choose the scheme or host of the URL `e` (empty when the base is
        fixed: a literal with a host, a path relative to a client's base_url, a constant)."""
        if e is None or depth > 4:
            return frozenset()
        params = self._param_names(fn)[1]
        if isinstance(e, ast.Constant):
            return frozenset()
        if isinstance(e, ast.JoinedStr):
            for i, v in enumerate(e.values):
                if isinstance(v, ast.Constant) and isinstance(v.value, str):
                    if _fixes_host(v.value, i == len(e.values) - 1):
                        return frozenset()
                    if "://" in v.value or not v.value:
                        continue  # "https://{host}/...": the host comes next
                    return frozenset()  # "api/v1/{x}": relative to a fixed base
                if isinstance(v, ast.FormattedValue):
                    return self.url_source(fn, v.value, depth + 1)
            return frozenset()
        if isinstance(e, (ast.List, ast.Tuple)):  # ["git", "clone", url]: the program leads
            return self.url_source(fn, e.elts[0], depth + 1) if e.elts else frozenset()
        if isinstance(e, ast.Starred):
            return self.url_source(fn, e.value, depth + 1)
        if isinstance(e, ast.BinOp) and isinstance(e.op, (ast.Add, ast.Mod)):
            return self.url_source(fn, e.left, depth + 1)
        if isinstance(e, ast.Name):
            if e.id in params:
                return frozenset({e.id})
            v, vs = self.lookup(fn.body_scope, e.id) if fn.body_scope is not None else (None, None)
            if isinstance(v, ast.expr) and not (isinstance(v, ast.Name) and v.id == e.id):
                # url = state["url"]; if not url.startswith("https"): url = HOST + url: any value the
                # name held may be the one used
                src = self.url_source(fn, v, depth + 1)
                for earlier in (vs.earlier.get(e.id, ()) if vs is not None else ()):
                    if isinstance(earlier, ast.expr) and not (isinstance(earlier, ast.Name) and earlier.id == e.id):
                        src = src | self.url_source(fn, earlier, depth + 1)
                return src
            if v is None and e.id not in self.imports and e.id not in _BUILTIN_NAMES:
                # bound where this reading does not follow (url, body = json.loads(raw), a loop
                # variable): it may well be model input, so it counts as such (fail closed)
                return frozenset({"?"})
            return frozenset()
        if isinstance(e, (ast.Attribute, ast.Subscript)):
            root = e
            while isinstance(root, (ast.Attribute, ast.Subscript)):
                root = root.value
            if isinstance(root, ast.Name) and root.id not in params and fn.body_scope is not None:
                # args = Fetch(**arguments); args.url: a field of an object built from the input
                v = fn.body_scope.assigns.get(root.id)
                if isinstance(v, ast.Call) and not isinstance(v.func, ast.Attribute):
                    return self.url_source(fn, v, depth + 1)
            return frozenset({root.id}) if isinstance(root, ast.Name) and root.id in params else frozenset()
        if isinstance(e, ast.Call):
            if isinstance(e.func, ast.Attribute) and e.func.attr in _STR_METHODS:
                # sql.strip(), template.format(...): the string the method is called on leads
                return self.url_source(fn, e.func.value, depth + 1)
            if e.args:  # urljoin(base, path), Request(url), quote(...): the first argument leads
                return self.url_source(fn, e.args[0], depth + 1)
            spread = [k.value for k in e.keywords if k.arg is None]  # Model(**arguments)
            if spread:
                return self.url_source(fn, spread[0], depth + 1)
            return frozenset()
        return frozenset(n.id for n in walk(e) if isinstance(n, ast.Name) and n.id in params)

    def _map_cli(self, caller: FuncInfo, callee: FuncInfo, key: str, fx: list) -> list:
        """A helper running a CLI with words from its parameter ("cli_pending"), seen from the caller:
        judged on the words each call passes (effects_kb.cli), or still pending on the caller's own
        parameter; a call parr cannot read runs a command as before."""
        calls = caller.call_nodes.get(key) or []
        if not calls or not any(x[1] == "cli_pending" for x in fx):
            return fx
        names = self._params(callee)
        params = self._param_names(caller)[1]
        lookup = (lambda n: self.lookup(caller.body_scope, n)[0]) if caller.body_scope is not None else None
        out = []
        for x in fx:
            if x[1] != "cli_pending":
                out.append(x)
                continue
            spec = json.loads(x[2])
            p = spec.get("param")
            i = names.index(p) if p in names else -1
            for call in calls:
                arg = next((k.value for k in call.keywords if k.arg == p), None)
                if arg is None and 0 <= i < len(call.args) and not any(isinstance(a, ast.Starred) for a in call.args[:i + 1]):
                    arg = call.args[i]
                d, up = process.fill(spec, arg, lookup, params)
                if up is not None:
                    out.append((x[0], "cli_pending", json.dumps(up, sort_keys=True)) + tuple(x[3:]))
                elif d is not None:
                    out.append(process.effect(d, f"{spec.get('how')} via {key}()") + tuple(x[3:]))
                else:
                    out.append((x[0], "strong", f"runs a subprocess ({spec.get('how')})") + tuple(x[3:]))
        return out

    def _map_conds(self, caller: FuncInfo, callee: FuncInfo, key: str, fx: list) -> list:
        """A helper's effects under branch conditions, seen from each call of it here: decided by the
        literal arguments (or the helper's defaults), tied to the caller's parameter it passes on."""
        if not any(len(x) > 4 and x[4] for x in fx):
            return fx
        calls = caller.call_nodes.get(key) or []
        if not calls:
            return flow.bind_conds(fx, None, [], {})
        params = self._params(callee)
        defaults = _str_defaults(callee.node)
        out: list = []
        for call in calls:
            out += flow.bind_conds([list(x) for x in fx], flow.binding(self._argmap(caller, call), params), params, defaults)
        return [tuple(x) for x in _dedupe(out)]

    def _map_url_caps(self, caller: FuncInfo, callee: FuncInfo, key: str, fx: list) -> list:
        """A helper's HTTP capability tied to its parameters ("http@url"), seen from the caller:
        tied to the caller's parameters that reach those arguments, or dropped when the caller
        passes a fixed URL."""
        names = self._params(callee)
        calls = caller.call_nodes.get(key) or []
        out = []
        for x in fx:
            cap = x[0]
            if "@" not in cap or not calls:
                out.append(x)
                continue
            base, _, tied = cap.partition("@")
            if base == "fn":
                out += self._map_called_param(caller, names, calls, x)
                continue
            src: set[str] = set()
            texts: list[str | None] = []
            for p in tied.split(","):
                if p not in names:
                    src.add("?")
                    continue
                i = names.index(p)
                for call in calls:
                    arg = next((k.value for k in call.keywords if k.arg == p), None)
                    if arg is None and i < len(call.args) and not any(isinstance(a, ast.Starred) for a in call.args[:i + 1]):
                        arg = call.args[i]
                    if arg is None and (any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords)):
                        src.add("?")
                    if base == "sql":
                        arg = sql_lead(arg)  # f"/* tag */ {query}": the statement is `query`
                    src |= (self.path_source if x[1] == ENSURE_DIR else self.url_source)(caller, arg)
                    texts.append(arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else
                                 self._literal_text(caller, arg) if base == "gql" and arg is not None else None)
            if base == "sql" and not src and texts and all(t is not None for t in texts):
                # _run("SELECT ... WHERE id = ?", (id,)): the statement is the caller's literal
                out.append(sql_text_effect(texts) + tuple(x[3:]))
                continue
            got = flow.gql_text_effect(texts) if base == "gql" and not src and texts and all(
                t is not None for t in texts) else None
            if got is not None:  # _graphql("mutation { ... }"): the document is the caller's literal
                out.append(got + tuple(x[3:]))
                continue
            # a fixed URL or statement is no broad capability; a fixed command still runs a shell
            keep = base if base in ("shell", "code_execution") else ""
            out.append((f"{base}@{','.join(sorted(src))}" if src else keep,) + tuple(x[1:]))
        return out

    def _map_called_param(self, caller: FuncInfo, names: list[str], calls: list, x: tuple) -> list:
        """A helper's call of its own parameter ("fn@op": `return await op()`), seen from a caller of
        this file: gone where every call hands it a function whose code the caller's reading holds
        (`_retry(lambda: client.delete(id))`, a helper defined in the caller); tied to the caller's
        parameter it passes on as it is; else a call parr cannot read."""
        p = x[0].partition("@")[2]
        if p not in names:
            return [("",) + tuple(x[1:])]
        i = names.index(p)
        src: set[str] = set()
        for call in calls:
            arg = next((k.value for k in call.keywords if k.arg == p), None)
            if arg is None and i < len(call.args) and not any(isinstance(a, ast.Starred) for a in call.args[:i + 1]):
                arg = call.args[i]
            if arg is not None and self._read_callable(caller, arg):
                continue
            if isinstance(arg, ast.Name) and arg.id in self._param_names(caller)[1]:
                src.add(arg.id)
                continue
            return [("",) + tuple(x[1:])]
        if not calls:
            return [("",) + tuple(x[1:])]
        return [(f"fn@{sorted(src)[0]}",) + tuple(x[1:])] if src else []

    def _receiver_call(self, d: str, fn: FuncInfo):
        """The call that built a call's receiver variable (`conn = duckdb.connect(p, read_only=True)`)."""
        head = d.split(".", 1)[0]
        if head in ("self", "cls") or fn.body_scope is None or head in self.imports:
            return None
        v, _ = self.lookup(fn.body_scope, head)
        return v.value if isinstance(v, ast.Await) else v if isinstance(v, ast.Call) else None

    def _receiver_origin(self, d: str, fn: FuncInfo, depth: int = 0) -> str | None:
        """The qualified callee that built a call's receiver variable (`iam = boto3.client("iam")`,
        `iam = get_iam_client()`), so the effects knowledge can tell which SDK it is."""
        head = d.split(".", 1)[0]
        if head == "self" and d.count(".") == 2 and fn.cls is not None:
            v = fn.cls.self_attrs.get(d.split(".")[1])  # self.iam.detach_user_policy()
            if v is None:
                return self._annotated_attr(fn.cls, d.split(".")[1])
            od = self.dotted(v.func)
            return (self.qualify(od) + "()") if od else None
        if head in ("self", "cls") or fn.body_scope is None:
            return None
        v, _ = self.lookup(fn.body_scope, head)
        if isinstance(v, ast.Await):
            v = v.value
        if v is None and depth < 2 and self._imports_memory_lib():
            # `for elem in soup(["script"])` / `in soup.find_all(...)`: an element an in-memory object
            # of the function hands out is in memory too
            it = next((n.iter for n in ast.walk(fn.node) if isinstance(n, (ast.For, ast.AsyncFor))
                       and isinstance(n.target, ast.Name) and n.target.id == head), None)
            return self._derived_origin(it, head, fn, depth)
        if isinstance(v, ast.BoolOp):  # soup.find("main") or soup.find("article")
            v = next((x for x in v.values if isinstance(x, ast.Call)), None)
        if isinstance(v, ast.Name) and v.id not in (head, "self", "cls") and v.id not in self.imports and depth < 2 \
                and self._imports_memory_lib():
            origin = self._receiver_origin(v.id + ".x", fn, depth + 1)  # container = soup
            return origin if origin and _IN_MEMORY_ORIGINS.match(origin) else None
        if not isinstance(v, ast.Call):
            return None
        od = self.dotted(v.func)
        if od and depth < 2 and self._imports_memory_lib() and (derived := self._derived_origin(v, head, fn, depth)) is not None:
            return derived  # title = soup.find("title"): a part of the parse tree
        return (self.qualify(od) + "()") if od else None

    def _imports_memory_lib(self) -> bool:
        """Whether this file imports a library whose objects live in memory only (the derived origins
        below matter for nothing else, and looking for them walks the function)."""
        got = self.__dict__.get("_memory_lib")
        if got is None:
            got = self.__dict__["_memory_lib"] = any(_IN_MEMORY_ORIGINS.match(q + ".") for q in self.imports.values())
        return got

    def _derived_origin(self, call, head: str, fn: FuncInfo, depth: int) -> str | None:
        """The origin of a local object whose method (or call) made this value, where that origin is a
        library whose objects live in memory only (effects._IN_MEMORY_ORIGINS); else None."""
        src = self.dotted(call.func) if isinstance(call, ast.Call) else None
        h = src.split(".", 1)[0] if src else None
        if not h or h in (head, "self", "cls") or h in self.imports:
            return None
        origin = self._receiver_origin(h + ".x", fn, depth + 1)
        return origin if origin and _IN_MEMORY_ORIGINS.match(origin) else None

    def _annotated_attr(self, ci: ClassInfo, attr: str) -> str | None:
        """`Driver()` for `self.<attr>` a method stored from its parameter declared as a class
        (`def __init__(self, inner: SqlDriver): self.inner = inner`): calls on it are that class's
        methods. None when the stores disagree or name no class."""
        found = set()
        for value, scope in ci.self_values.get(attr, ()):
            fi = scope.func if scope is not None else None
            if not isinstance(value, ast.Name) or fi is None:
                return None
            a = fi.node.args
            arg = next((x for x in a.posonlyargs + a.args + a.kwonlyargs if x.arg == value.id), None)
            ann = _unwrap_ann(arg.annotation)[0] if arg is not None and arg.annotation is not None else None
            if isinstance(ann, ast.Constant) and isinstance(ann.value, str) and ann.value.isidentifier():
                ann = ast.Name(id=ann.value, ctx=ast.Load())
            d = self.dotted(ann) if isinstance(ann, (ast.Name, ast.Attribute)) else None
            if not d or not d.rsplit(".", 1)[-1][:1].isupper():
                return None
            found.add(self.qualify(d))
        return next(iter(found)) + "()" if len(found) == 1 else None

    def _import_roots(self) -> frozenset:
        if self._roots_cache is None or self._roots_cache[0] != len(self.imports):
            self._roots_cache = (len(self.imports), frozenset(v.split(".", 1)[0] for v in self.imports.values()))
        return self._roots_cache[1]

    def _import_modules(self) -> frozenset:
        if self._modules_cache is None or self._modules_cache[0] != len(self.imports):
            self._modules_cache = (len(self.imports), frozenset(self.imports.values()))
        return self._modules_cache[1]

    def _injected_names(self, fn: FuncInfo) -> frozenset:
        names = set()
        a = fn.node.args
        for arg in a.posonlyargs + a.args + a.kwonlyargs:
            if arg.arg in catalog.INJECTED_PARAM_NAMES or _ann_name(_unwrap_ann(arg.annotation)[0]) in catalog.INJECTED_ANNOTATIONS:
                if arg.arg not in ("self", "cls"):
                    names.add(arg.arg)
        return frozenset(names)

    def _collect_self_refs(self, expr, scope):
        """self.method references in a tools list or register() call inside a class method."""
        cls = scope.func.cls if scope.func else None
        if cls is None:
            return
        called = {id(e.func) for e in ast.walk(expr) if isinstance(e, ast.Call)}
        # Tool(name=..., func=self.discover), StructuredTool.from_function(self.run): the call makes
        # the tool and the method is its body, not a second tool, whatever parr reads of the call
        bodies = {id(a) for e in ast.walk(expr) if isinstance(e, ast.Call)
                  and (self.dotted(e.func) or "").rsplit(".", 1)[-1] in _TOOL_MAKERS
                  for a in (*e.args, *(k.value for k in e.keywords))}
        for e in ast.walk(expr):
            if isinstance(e, ast.Attribute) and isinstance(e.value, ast.Name) and e.value.id == "self":
                if id(e) in called or id(e) in bodies:
                    continue  # self.convert(tool): the call's result goes in the list, not the method
                self.toolkit_refs.append((cls, e.attr, e.lineno))

    def _sk_plugin_class(self, e, scope) -> str | None:
        """The class of a Semantic Kernel plugin object: MenuPlugin() or a variable holding one."""
        if isinstance(e, ast.Name):
            v, _ = self.lookup(scope, e.id)
            if isinstance(v, ast.Call):
                e = v
            elif isinstance(v, ClassInfo):
                return v.name
            else:
                return None
        if isinstance(e, ast.Call):
            e = e.func
        d = self.dotted(e) if isinstance(e, (ast.Name, ast.Attribute)) else None
        if not d or "()" in d:
            return None
        return self.qualify(d) if d.split(".", 1)[0] in self.imports else d

    def sk_registration(self, node: ast.Call, last: str, scope) -> None:
        if last == "add_plugin":
            plugin = _kw(node, "plugin") or (node.args[0] if node.args else None)
            name_e = _kw(node, "plugin_name") or (node.args[1] if len(node.args) > 1 else None)
            cls = self._sk_plugin_class(plugin, scope) if plugin is not None else None
            if cls:
                name, _ = self.str_of(name_e, scope) if name_e is not None else (None, None)
                self.sk_plugins.append([cls, name or cls.rsplit(".", 1)[-1]])
        plugins = _kw(node, "plugins")
        if isinstance(plugins, (ast.List, ast.Tuple)):
            for el in plugins.elts:
                if self._sk_agent_plugin(el, scope):
                    continue
                cls = self._sk_plugin_class(el, scope)
                if cls:
                    self.sk_plugins.append([cls, cls.rsplit(".", 1)[-1]])

    def _sk_agent_plugin(self, el, scope) -> bool:
        """An agent in another agent's `plugins=[...]`: Semantic Kernel's Agent makes itself a kernel
        function in model_post_init (`@kernel_function(name=self.name, description=self.description or
        self.instructions)` over get_response(messages, instructions_override)), which the kernel then
        offers as a plugin: one tool named by the agent's name=, that runs the agent. True when `el` is
        (or names) a call of a class from semantic_kernel.agents; an agent whose name parr cannot read is
        a site."""
        call = el
        if isinstance(el, ast.Name):
            v, _ = self.lookup(scope, el.id)
            call = v
        if not isinstance(call, ast.Call):
            return False
        q = self.qualify(self.dotted(call.func) or "")
        if not (q.startswith("semantic_kernel.agents") and q.endswith("Agent")):
            return False
        name_e = _kw(call, "name")
        n, r = self.name_of(name_e, scope) if name_e is not None else (None, None)
        if n is None and r is None:
            self.unresolved_site(el, "plugins=[", el.lineno, "agent offered as a plugin under a name parr cannot read")
            return True
        desc = _const_str(_kw(call, "description")) or _const_str(_kw(call, "instructions"))
        ref = self.agent_ref(el) if isinstance(el, ast.Name) else None
        self.new_cand(name=n, name_ref=r, line=call.lineno, framework="semantic-kernel",
                      style="semantic_kernel.agent_plugin", schema="framework_defined", description=desc,
                      flags=("agent_tool",), extra={"sub_agent": ref} if ref else None)
        return True

    def registration_site(self, node: ast.Call, d: str, scope: Scope, fw) -> None:
        """server.add_tool(x), register_tool(...) that no declaration rule read: its argument is
        read like a tools list element, or the call is recorded as a site parr could not read."""
        arg = node.args[0] if node.args else _kw(node, "tool", "func", "fn", "function", "tools")
        if arg is None or any(isinstance(x, ast.Attribute) and isinstance(x.value, ast.Name) and x.value.id in ("self", "cls")
                              for x in ast.walk(arg)):
            return  # self.add_tool(self.method): the toolkit's class rules read it
        if isinstance(arg, ast.Name) and isinstance(self.lookup(scope, arg.id)[0], ast.arg):
            return  # a method that registers whatever it is given: plumbing; its callers are the sites
        named = _kw(node, "name")
        if named is not None and registry.note_registration(
                self, named, scope, node.lineno, fw or "unknown", f"{fw or 'unknown'}.registry_subclass",
                _shorten(_short_source(node), 140),
                arg.attr if isinstance(arg, ast.Attribute) and isinstance(arg.value, ast.Name) else None, strict=True):
            return  # add_tool(tool.apply, name=tool.get_name()) over objects of a project class (registry.py)
        if named is not None or len(node.args) > 1:
            # add_tool(fn, name=...), register_tool(name, fn, ...): a registration rule parr does not have
            self.unresolved.append({"line": node.lineno, "call": _shorten(_short_source(node)),
                                    "reason": "tool registration parr cannot read"})
            return
        self.ctx_items.append((arg, scope, fw, node.lineno, f"{d}("))

    def _late_handoffs(self, agent_var: str, value, scope: Scope, line: int) -> None:
        """Hand-offs added to an agent after it is built; read when the variable was made by a
        framework's agent constructor (its framework names the hand-off tools)."""
        fw = self.fw_of_qual(self.var_ctor.get(agent_var))
        if fw is not None and fw in frameworks.HANDOFF_NAMING:
            self.handoff_items.append((value, scope, fw, line))

    def _from_definitions(self, comp, scope: Scope) -> bool:
        """[Wrapper(name=d["method"], ...) for d in DEFS]: one object per entry of a tool list named
        like one, imported or of this module (through filtering comprehensions). Those entries are
        read where the list is defined, as when the list itself is handed over."""
        if len(comp.generators) != 1 or not isinstance(comp.elt, ast.Call):
            return False
        gen = comp.generators[0]
        if not isinstance(gen.target, ast.Name):
            return False
        var = gen.target.id
        used = [a for a in comp.elt.args + [k.value for k in comp.elt.keywords]]
        if not any(isinstance(n, ast.Name) and n.id == var for a in used for n in ast.walk(a)):
            return False
        it = gen.iter
        for _ in range(4):
            if not isinstance(it, ast.Name):
                return False
            if _TOOLS_VAR.search(it.id) and (it.id in self.imports or it.id in self.module_scope.assigns):
                return True
            held, _ = self.lookup(scope, it.id)
            if not (isinstance(held, (ast.ListComp, ast.GeneratorExp)) and len(held.generators) == 1
                    and isinstance(held.elt, ast.Name) and isinstance(held.generators[0].target, ast.Name)
                    and held.elt.id == held.generators[0].target.id):
                return False  # only a filter keeps the entries as they are
            it = held.generators[0].iter
        return False

    def _returns_made_tools(self, fi: FuncInfo) -> bool:
        """get_tools() returning self._tools, set to one wrapper per entry of a definition list."""
        if fi.cls is None:
            return False
        attrs = {r.attr for r in fi.ret_values if isinstance(r, ast.Attribute)
                 and isinstance(r.value, ast.Name) and r.value.id == "self"}
        if not attrs or not self.def_made:
            return False  # returns no self.<attr>, or the file wraps no definitions: no class walk
        return bool(attrs & self._made_attrs(fi.cls))

    def _made_attrs(self, ci: ClassInfo) -> set[str]:
        """The self.<attr> a class's methods set to one wrapper per entry of a definition list; one
        walk per class (getters returning self.<attr> are many: walking per getter was quadratic)."""
        cache = self.__dict__.setdefault("_made_attrs_cache", {})
        found = cache.get(id(ci))
        if found is None:
            found = set()
            for method in ci.methods.values():
                for st in ast.walk(method.node):
                    if isinstance(st, ast.Assign) and len(st.targets) == 1 and isinstance(st.targets[0], ast.Attribute) \
                            and isinstance(st.value, (ast.ListComp, ast.GeneratorExp)) and id(st.value.elt) in self.def_made:
                        found.add(st.targets[0].attr)
            cache[id(ci)] = found
        return found

    def _defined_before(self, fi: FuncInfo, scope: Scope, use) -> FuncInfo:
        """The definition a module-level use names when the module defines the name twice: the last
        one above the use, as Python runs a module (and a notebook its cells) top to bottom. A use
        inside a function runs later and sees the last definition."""
        defs = self.module_defs.get(fi.name) or ()
        if len(defs) < 2 or fi.scope is not self.module_scope or scope is not self.module_scope:
            return fi
        before = [d for d in defs if d.node.lineno <= use.lineno]
        return before[-1] if before else fi

    def _ctor_of(self, name: str, scope: Scope) -> str | None:
        """The class an object bound to `name` was made by: x = Cls(...), or a parameter x: Cls."""
        held, _ = self.lookup(scope, name)
        if isinstance(held, ast.Call):
            fi = self.resolve_func_expr(held.func, scope)
            if fi is not None:
                # tools = build_tools(), which ends `return ToolCollection(*tools)`
                made = {self.dotted(r.value.func) for r in ast.walk(fi.node)
                        if isinstance(r, ast.Return) and isinstance(r.value, ast.Call)}
                return made.pop() if len(made) == 1 else None
            return self.dotted(held.func)
        if isinstance(held, ast.arg) and isinstance(held.annotation, (ast.Name, ast.Attribute)):
            return self.dotted(held.annotation)
        return None

    def _tools_in_kwargs(self, node: ast.Call, scope: Scope):
        """The "tools" entry of a dict unpacked into the call (client.messages.create(**params) with
        params = {"tools": ..., "model": ...}, or dict(tools=...)): a tools= keyword by another route."""
        for k in node.keywords:
            if k.arg is not None:
                continue
            held = k.value
            if isinstance(held, ast.Name):
                held, _ = self.lookup(scope, held.id)
            if isinstance(held, ast.Dict):
                for key, value in zip(held.keys, held.values):
                    if _const_str(key) == "tools":
                        return value
            elif isinstance(held, ast.Call) and self.dotted(held.func) == "dict":
                value = _kw(held, "tools")
                if value is not None:
                    return value
        return None

    def call_tool_context(self, node: ast.Call, d: str, q: str | None, scope: Scope):
        last = d.rsplit(".", 1)[-1]
        parts = d.split(".")
        if len(parts) == 3 and parts[1] == "handoffs" and last in ("append", "extend", "insert") and node.args:
            # triage.handoffs.append(agent) / .extend([a, b]) / .insert(0, agent)
            added = node.args[-1]
            self._late_handoffs(parts[0], added if last == "extend" else ast.List(elts=[added], ctx=ast.Load()),
                                scope, node.lineno)
        if last in frameworks.MOUNT_CALLS and len(parts) >= 2:
            self.mount_call(node, last, scope)
        if len(parts) == 3 and parts[1] == "handoffs" and (node.args or node.keywords):
            # AG2: coordinator.handoffs.add_llm_conditions([OnCondition(target=AgentTarget(x), ...)])
            self.condition_handoff_calls.append((ast.Name(id=parts[0], ctx=ast.Load()), node, scope, "handoffs"))
        elif last in frameworks.CONDITION_REGISTER_CALLS and (node.args or node.keywords):
            # register_hand_off(agent, hand_to=[...]) / agent.register_hand_off([...]) (AG2 swarm)
            if "." in d:
                agent_e, items = node.func.value, [*node.args[:1], *(k.value for k in node.keywords if k.arg == "hand_to")]
            else:
                agent_e = _kw(node, "agent") or (node.args[0] if node.args else None)
                items = [*node.args[1:2], *(k.value for k in node.keywords if k.arg == "hand_to")]
            call = ast.Call(func=node.func, args=items, keywords=[])
            ast.copy_location(call, node)
            self.condition_handoff_calls.append((agent_e, call, scope, "register"))
        fw = self.fw_of_qual(q)
        if last == "add_plugin" or _kw(node, "plugins") is not None:
            self.sk_registration(node, last, scope)
        tools_kw = _kw(node, "tools")
        if tools_kw is not None and last in frameworks.NOT_TOOL_LISTS and frameworks.NOT_TOOL_LISTS[last] == fw:
            return  # ServerCapabilities(tools=ToolsCapability()): says tools are served, not which
        if tools_kw is None:
            tools_kw = self._tools_in_kwargs(node, scope)
        cond = None
        if tools_kw is not None or _kw(node, "functions", "toolsets", "handoffs") is not None or (
                0 <= _CTX_POSITIONAL.get(last, -1) < len(node.args)):
            cond = self._position(d, q, fw, scope)
        for other in ("functions", "toolsets", *frameworks.TOOL_KWS.get(fw or "", ())):
            # Agent(functions=[...]) (Swarm, AutoGen), Agent(toolsets=[...]) (pydantic-ai). agno
            # hands tools over as tools= only: its Registry(functions=[...]) lists functions to
            # restore by name, not a model's tools.
            if other == "functions" and fw == "agno":
                continue
            value = _kw(node, other)
            if value is not None and other == "functions" and not (last.endswith(("Agent", "Plugin")) or fw == "autogen"):
                # functions=[...] of a registry, a workflow or a scheduler: functions it calls itself;
                # an agent's (Swarm, AutoGen) or a Semantic Kernel plugin's are offered to the model
                continue
            if isinstance(value, ast.Name) and other in frameworks.TOOL_KWS.get(fw or "", ()):
                made_by = self.lookup(scope, value.id)[0]
                if isinstance(made_by, FuncInfo):
                    # extra_middleware=build_middleware: a factory the framework calls for the list
                    for rv in made_by.ret_values if made_by.body_scope is not None else ():
                        if rv is not None:
                            self._ctx_item(rv, made_by.body_scope, fw, getattr(rv, "lineno", node.lineno),
                                           f"{d}({other}=", cond)
                    continue
            if value is not None:
                self._ctx_item(value, scope, fw, getattr(value, "lineno", node.lineno), f"{d}({other}=", cond)
        handoffs = _kw(node, "handoffs")
        if handoffs is not None and cond is None:
            self.handoff_items.append((handoffs, scope, fw, node.lineno))
        if last in _REGISTRATION_CALLS and id(node) not in self.consumed and (node.args or node.keywords):
            self.registration_site(node, d, scope, fw)
        if tools_kw is not None:
            self._ctx_item(tools_kw, scope, fw, getattr(tools_kw, "lineno", node.lineno), f"{d}(tools=", cond)
            if scope.func is not None and scope.func.cls is not None and (cond is None or cond[0] == "local"):
                self._collect_self_refs(tools_kw, scope)
                if isinstance(tools_kw, ast.Name):
                    v = scope.assigns.get(tools_kw.id)
                    if v is not None and not isinstance(v, ast.arg):
                        self._collect_self_refs(v, scope)
        pos = _CTX_POSITIONAL.get(last)
        if pos is not None and pos >= 0 and len(node.args) > pos:
            self._ctx_item(node.args[pos], scope, fw, node.lineno, f"{d}(", cond)
        if node.args and isinstance(node.func, ast.Name):
            # _build_agent(model, tools): a tools list handed by position to a function of this file
            # that passes that parameter on to a framework's tools (read as its keyword would be)
            fi = self.resolve_func_expr(node.func, scope)
            given = self.forwards.get(fi.qual, ()) if isinstance(fi, FuncInfo) else ()
            params = [a.arg for a in fi.node.args.posonlyargs + fi.node.args.args] if given else []
            regs = self.reg_params.get(fi.qual, {}) if isinstance(fi, FuncInfo) else {}
            for a, p in zip(node.args, params):
                if p in regs and scope.func is not None and not isinstance(a, ast.Starred):
                    src = self._param_source(a, scope, _loop_and_with_binds(scope.func.node), 0, set())
                    if src is not None:
                        # register_toolkits([getattr(cls, f) for f in dir(cls)], ...) in a helper given
                        # `cls`: that helper registers what it is given too
                        self.reg_params.setdefault(scope.func.qual, {})[src] = regs[p]
                        self.forwards.setdefault(scope.func.qual, set()).add(src)
                        continue
                if p in given and (_TOOLS_VAR.search(p) or p in regs) and not isinstance(a, ast.Starred):
                    self._ctx_item(a, scope, regs.get(p) or fw, node.lineno, f"{d}(",
                                   self._position(d, q, fw, scope))
        if node.args and fw is None and q and "." not in d and d in self.imports and d[:1].islower() \
                and self.lookup(scope, d)[0] is None:
            # register_toolkits(self.toolkits, self, proxy) of another module of the project: where
            # that function registers each element of a parameter (reg_params), what is given there is
            # tools; resolve decides by the callee's facts (a position of that index)
            for i, a in enumerate(node.args):
                if isinstance(a, (ast.List, ast.Name, ast.Attribute, ast.BoolOp, ast.ListComp, ast.Call, ast.Subscript)) \
                        and (isinstance(a, ast.List) and a.elts or _mentions_toolish(a)):
                    self.ctx_items.append((a, scope, None, node.lineno, f"{d}(", ("ext", f"{q}#{i}")))
        if last in ("append", "extend", "insert") and node.args and len(parts) == 3 and parts[0] == "self" \
                and scope.func is not None and scope.func.cls is not None:
            # self.tools.extend([...]) / .append(t): more of what self.tools holds when handed over
            added = node.args[-1]
            scope.func.cls.self_values.setdefault(parts[1], []).append(
                (added if last == "extend" else ast.List(elts=[added], ctx=ast.Load()), scope))
        toolkit = _kw(node, "toolkit")
        if toolkit is not None and self._toolkit_of(toolkit, scope) is not None:
            # create_sql_agent(llm, toolkit=toolkit): the agent is given the toolkit's tools
            call = ast.copy_location(ast.Call(func=ast.Attribute(value=toolkit, attr=self._toolkit_of(toolkit, scope)[3].method,
                                                                 ctx=ast.Load()), args=[], keywords=[]), node)
            self.ctx_items.append((call, scope, None, node.lineno, f"{d}(toolkit="))
        # Toolkit registration inside a class: self.register(self.x), tools.append(self.x)
        if scope.func is not None and scope.func.cls is not None:
            if last in ("register", "append", "extend", "add_tool", "register_tool") and node.args:
                recv = d.rsplit(".", 1)[0] if "." in d else ""
                recv_last = recv.split(".")[-1]
                if (last in ("add_tool", "register_tool") or _TOOLS_VAR.search(recv_last or "")
                        or (last == "register" and (recv in ("self", "super()", "cls") or recv_last in _REGISTRIES))):
                    # atexit.register(self.close), signal handlers: registrations, not tools
                    self._collect_self_refs(node.args[0], scope)
        # module-level registration helpers: tools.append(fn), tools.extend([...])
        if last in ("append", "extend") and node.args and "." in d:
            recv = d.rsplit(".", 1)[0]
            if _TOOLS_VAR.search(recv.split(".")[-1]) and not recv.startswith("self"):
                arg = node.args[0]
                if isinstance(arg, ast.Dict) and scope.func is not None:
                    # tools.append({"type": "file_search"}) in a function: an SDK translating the
                    # tools it was configured with into API dicts, not a declaration
                    self.consumed.add(id(arg))
                else:
                    self.ctx_items.append((arg, scope, None, node.lineno, f"{d}("))

    def _agent_evidence(self) -> bool:
        """The file imports an agent framework or constructs a model client: a tools= it hands
        to a callee parr does not know may well reach a model."""
        if self.fw_hints:
            return True
        return any(v.rsplit(".", 1)[-1] in _MODEL_CLIENTS or any(v == r or v.startswith(r + ".") for r in _MODEL_ROOTS)
                   for v in self.imports.values())

    def _position(self, d: str, q: str | None, fw, scope: Scope):
        """Whether `tools=` (functions=, handoffs=, a tool list by position) of this call is a
        framework's tools parameter: None when it is (a framework's callee, or any callee in a
        file that speaks to a model); ("local", def) for a class or function of this file, decided
        once the file is walked (it must have a framework base or pass the parameter on to a
        framework); ("ext", qualified) for a callee imported from elsewhere, decided in resolve;
        ("drop",) when it cannot be (SideSummary(tools=len(tools)) in code that knows no model)."""
        if fw is not None:
            return None
        if "." not in d:
            v, _ = self.lookup(scope, d)
            if isinstance(v, (ClassInfo, FuncInfo)):
                return ("local", v)
        if self._agent_evidence():
            return None
        head = d.split(".", 1)[0]
        if head in self.imports and q and "()" not in q:
            return ("ext", q)
        return ("drop",)

    def _ctx_item(self, value, scope: Scope, fw, line: int, label: str, cond) -> None:
        if cond is not None and cond[0] == "drop":
            return
        if cond is None and scope.func is not None:
            # def build(tools): Agent(tools=tools), or a method handing self.tools (made from the
            # object's fields) to a model: what this function or class is given reaches a framework
            given = self._mentions_given(value, scope, 0)
            if given:
                self.forwards.setdefault(scope.func.qual, set()).update(given)
                self._held_class(value, scope, given)
            if scope.func.cls is not None and "self" in given:
                self.agent_classes.add(scope.func.cls.qual)
        self.ctx_items.append((value, scope, fw, line, label) + ((cond,) if cond is not None else ()))

    def _held_class(self, value, scope: Scope, given: set[str]) -> None:
        """`tools = [function_to_json(f) for f in agent.functions]` handed to a model, `agent: Agent` a
        parameter annotated with a class: that class holds the tools in a field (a Swarm-style agent
        record, a pydantic model of name, instructions and functions), so its construction with that
        keyword elsewhere in the project is a tools position (resolve reads `held_classes`)."""
        args = scope.func.node.args
        anns = {a.arg: a.annotation for a in args.posonlyargs + args.args + args.kwonlyargs if a.annotation is not None}
        fields = self._given_attrs(value, scope, 0)
        for p, attr in fields:
            ann = anns.get(p)
            d = self.dotted(_unwrap_ann(ann)[0]) if ann is not None else None
            if not d or not d.rsplit(".", 1)[-1][:1].isupper() or p not in given:
                continue
            q = self.qualify(d) or d
            v, _ = self.lookup(self.module_scope, d) if "." not in d else (None, None)
            if isinstance(v, ClassInfo):
                q = v.qual if not self.module else f"{self.module}.{v.qual}"
            elif d.split(".", 1)[0] not in self.imports:
                continue
            self.held_classes.setdefault(q, set()).add(attr)

    def _given_attrs(self, value, scope: Scope, depth: int) -> set[tuple[str, str]]:
        """(parameter, attribute) pairs `value` reads (agent.functions), through the locals it names."""
        out: set[tuple[str, str]] = set()
        if depth > 3:
            return out
        for n in ast.walk(value):
            if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and isinstance(scope.assigns.get(n.value.id), ast.arg):
                out.add((n.value.id, n.attr))
            elif isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load):
                bound = scope.assigns.get(n.id)
                if isinstance(bound, ast.AST) and not isinstance(bound, ast.arg) and bound is not value:
                    out |= self._given_attrs(bound, scope, depth + 1)
        return out

    def _mentions_given(self, value, scope: Scope, depth: int) -> set[str]:
        """Parameters of the enclosing function (and `self`) a value is made from, through the
        local variables it names."""
        out: set[str] = set()
        if depth > 3:
            return out
        for n in ast.walk(value):
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load):
                bound = scope.assigns.get(n.id)
                if isinstance(bound, ast.arg) or n.id == "self":
                    out.add(n.id)
                elif isinstance(bound, ast.AST) and bound is not value:
                    out |= self._mentions_given(bound, scope, depth + 1)
        return out

    def _position_holds(self, v) -> bool:
        """A class or function of this file taking tools=: a class with a framework base (or
        whose __init__ passes the parameter on), a function that passes it on."""
        if isinstance(v, FuncInfo):
            # a function of a file that speaks to a model may pass them on through helpers parr
            # does not follow; a class must show it (a framework base, methods handing them over)
            return v.qual in self.forwards or self._agent_evidence()
        seen = 0
        todo = [v]
        while todo and seen < 8:
            ci = todo.pop()
            seen += 1
            if f"{ci.qual}.__init__" in self.forwards or ci.qual in self.agent_classes:
                return True
            for b in ci.bases:
                if self.fw_of_qual(b) is not None:
                    return True
                local = self._local_class(b, ci)
                if local is not None:
                    todo.append(local)
        return False

    # ------------------------------------------------------------------ helpers for candidates
    def str_of(self, e, scope) -> tuple[str | None, str | None]:
        """(literal, ref): the string an expression evaluates to, or a qualified reference to
        resolve later (constant or enum member in another module)."""
        if e is None:
            return None, None
        s = _const_str(e)
        if s is not None:
            return s, None
        if isinstance(e, ast.Attribute) and e.attr == "value":
            e = e.value
        if isinstance(e, ast.Name):
            if e.id in self.consts:
                return self.consts[e.id], None
            v, _ = self.lookup(scope, e.id)
            s = _const_str(v) if isinstance(v, ast.AST) else None
            if s is not None:
                return s, None
            if e.id in self.imports:
                return None, self.imports[e.id]
            return None, None
        if isinstance(e, ast.Attribute):
            d = self.dotted(e)
            if not d or "()" in d:
                return None, None
            head, _, rest = d.partition(".")
            if head in self.enums and rest in self.enums[head]:
                return self.enums[head][rest], None
            if head in self.imports:
                return None, self.qualify(d)
            # Class attribute constant in this module
            for ci in self.classes:
                if ci.name == head and rest in ci.attrs:
                    s = _const_str(ci.attrs[rest])
                    if s is not None:
                        return s, None
            field_e = self._record_field(head, rest, scope)
            if field_e is not None:
                return self.str_of(field_e, self.module_scope)
            return None, None
        if isinstance(e, ast.BinOp) and isinstance(e.op, ast.Add):
            l, _ = self.str_of(e.left, scope)
            r, _ = self.str_of(e.right, scope)
            if l is not None and r is not None:
                return l + r, None
        if isinstance(e, (ast.BinOp, ast.JoinedStr, ast.Call)):
            parts = self._parts(e, scope)
            s = nameparts.joined(parts) if parts else None
            if s is not None:
                return s, None
        return None, None

    def text_of(self, e, scope, depth: int = 0) -> str | None:
        """The words of a description expression, as far as this module shows them: str_of, else
        the readable pieces of `"The code ..." + OTHER`, the text a helper is applied to
        (`refine_prompt("...")`, `dedent(...)`) and both arms of a conditional. Read for its words
        (what a property is for), never as a tool's name."""
        if e is None or depth > 4:
            return None
        s, _ = self.str_of(e, scope)
        if s is not None:
            return s
        if isinstance(e, ast.BinOp) and isinstance(e.op, ast.Add):
            parts = [self.text_of(x, scope, depth + 1) for x in (e.left, e.right)]
        elif isinstance(e, ast.IfExp):
            parts = [self.text_of(x, scope, depth + 1) for x in (e.body, e.orelse)]
        elif isinstance(e, ast.Call) and len(e.args) == 1 and not e.keywords:
            return self.text_of(e.args[0], scope, depth + 1)
        elif isinstance(e, ast.Name):
            v, vscope = self.lookup(scope, e.id)
            if isinstance(v, (ast.BinOp, ast.IfExp, ast.Call)):
                return self.text_of(v, vscope or scope, depth + 1)
            return None
        else:
            return None
        words = [p for p in parts if p]
        return " ".join(words) if words else None

    def _record_field(self, var: str, field: str, scope):
        """WIDGET.identifier with WIDGET = Widget(identifier="timer", ...) at module level and Widget a
        dataclass, pydantic model or NamedTuple of this file: such a class keeps each field as given,
        so the argument is the value (a class with its own __init__ or a property of that name may not)."""
        v, vscope = self.lookup(scope, var)
        if not isinstance(v, ast.Call) or vscope is not self.module_scope or not isinstance(v.func, ast.Name):
            return None
        ci, _ = self.lookup(self.module_scope, v.func.id)
        if not isinstance(ci, ClassInfo) or "__init__" in ci.methods or field in ci.methods:
            return None
        record = any((self.dotted(d.func if isinstance(d, ast.Call) else d) or "").rsplit(".", 1)[-1] == "dataclass"
                     for d in ci.node.decorator_list) \
            or {b.rsplit(".", 1)[-1] for b in ci.bases} & {"BaseModel", "NamedTuple"}
        if not record:
            return None
        given = _kw(v, field)
        if given is None and v.args and not any(isinstance(a, ast.Starred) for a in v.args):
            fields = [st.target.id for st in ci.node.body if isinstance(st, ast.AnnAssign)
                      and isinstance(st.target, ast.Name)]
            given = v.args[fields.index(field)] if field in fields[:len(v.args)] else None
        return given

    def name_of(self, e, scope) -> tuple[str | None, str | None]:
        """str_of for a tool's name: also a name whose leading part is read at run time
        (`namespace_prefix + "read_graph"`, f"{prefix}_search"), as a nameparts.Prefixed holding
        the readable rest; new_cand records the whole template and the prefix as a site."""
        s, r = self.str_of(e, scope)
        if s is not None or r is not None or not isinstance(e, (ast.BinOp, ast.JoinedStr, ast.Call, ast.Name)):
            return s, r
        parts = self._parts(e, scope)
        if not parts:
            return None, None
        whole = nameparts.joined(parts)
        return (whole if whole is not None else nameparts.prefixed(parts)), None

    def _parts(self, e, scope, env=None, depth=0):
        """The parts of a string expression (nameparts.template_parts), each operand read through
        this module: constants, local variables, and the parameters of a local helper being
        evaluated (`env`: parameter -> (argument, its scope, its env))."""
        if depth > 6 or e is None:
            return None

        def leaf(x):
            return self._leaf_parts(x, scope, env, depth + 1)
        return nameparts.template_parts(e, leaf) or leaf(e)

    def _leaf_parts(self, x, scope, env, depth):
        if depth > 6:
            return None
        if isinstance(x, ast.Name):
            if env is not None and x.id in env:
                bound = env[x.id]
                return self._parts(bound[0], bound[1], bound[2], depth) if bound is not None else None
            s, _ = self.str_of(x, scope)
            if s is not None:
                return [(s, s)]
            v, vscope = self.lookup(scope, x.id)
            if isinstance(v, (ast.BinOp, ast.JoinedStr, ast.Call)):
                return self._parts(v, vscope, None, depth)  # name = f"{ns}_x": read where it is made
            return None
        if isinstance(x, ast.Call):
            return self._helper_parts(x, scope, env, depth) if isinstance(x.func, ast.Name) else None
        if isinstance(x, (ast.BinOp, ast.JoinedStr)):
            return None  # a template template_parts did not take (an operator other than + and %)
        s, _ = self.str_of(x, scope)
        return [(s, s)] if s is not None else None

    def _helper_parts(self, call: ast.Call, scope, env, depth):
        """tool_name("read") with `def tool_name(n, prefix=NS): return f"{prefix}_{n}"` in this
        module: a helper that only returns a string built from its parameters is evaluated with
        the call's arguments and its own defaults. Any other body is read at run time."""
        fi, _ = self.lookup(scope, call.func.id)
        if not isinstance(fi, FuncInfo) or fi.cls is not None:
            return None
        body = fi.node.body[1:] if _docstring(fi.node) is not None else fi.node.body
        if len(body) != 1 or not isinstance(body[0], ast.Return) or body[0].value is None:
            return None
        a = fi.node.args
        if a.vararg or a.kwarg or any(isinstance(x, ast.Starred) for x in call.args) \
                or any(k.arg is None for k in call.keywords):
            return None
        params = a.posonlyargs + a.args
        bind: dict = {p.arg: None for p in params + a.kwonlyargs}
        for p, dflt in zip(params[len(params) - len(a.defaults):], a.defaults):
            bind[p.arg] = (dflt, fi.scope, None)
        for p, dflt in zip(a.kwonlyargs, a.kw_defaults):
            if dflt is not None:
                bind[p.arg] = (dflt, fi.scope, None)
        if len(call.args) > len(params):
            return None
        for p, arg in zip(params, call.args):
            bind[p.arg] = (arg, scope, env)
        for k in call.keywords:
            if k.arg not in bind:
                return None
            bind[k.arg] = (k.value, scope, env)
        return self._parts(body[0].value, fi.scope, bind, depth)

    def class_of_call(self, e, scope) -> ClassInfo | None:
        """The class of this file an expression instantiates: SearchComponent(...)."""
        if isinstance(e, ast.Call) and isinstance(e.func, ast.Name):
            v, _ = self.lookup(scope, e.func.id)
            if isinstance(v, ClassInfo):
                return v
        return None

    def resolve_func_expr(self, e, scope) -> FuncInfo | None:
        if isinstance(e, ast.Name):
            v, _ = self.lookup(scope, e.id)
            if isinstance(v, FuncInfo):
                return v
            return None
        if isinstance(e, ast.Attribute):
            base = e.value
            if isinstance(base, ast.Name) and base.id == "self":
                owner = scope  # self in a closure a method defines is the method's self
                while owner is not None and not (owner.func is not None and owner.func.cls is not None):
                    owner = owner.parent
                if owner is not None:
                    m = owner.func.cls.methods.get(e.attr)
                    # self.tools read through a @property is the value it returns, not a function
                    return None if m is not None and any(d.endswith("property") for d in m.decorators) else m
            if isinstance(base, ast.Call):
                base = base.func
            if isinstance(base, ast.Name):
                v, _ = self.lookup(scope, base.id)
                if isinstance(v, ast.Call) and isinstance(v.func, ast.Name):
                    v, _ = self.lookup(scope, v.func.id)  # handlers = Handlers(): a method of that class
                if isinstance(v, ClassInfo):
                    return v.methods.get(e.attr)
        return None

    def ext_ref_of(self, e) -> str | None:
        if isinstance(e, ast.Name) and e.id in self.imports:
            return self.imports[e.id]
        if isinstance(e, ast.Attribute):
            d = self.dotted(e)
            if d and "()" not in d and d.split(".", 1)[0] in self.imports:
                return self.qualify(d)
        return None

    def new_cand(self, *, name, line, framework, style, schema, fn: FuncInfo | None = None, name_ref=None,
                 description=None, gates=(), annotations=None, flags=(), params=None, typed=None,
                 mutating=None, caps=(), def_line=None, extra=None, normalize=None, cls: ClassInfo | None = None):
        c = {
            "name": name, "name_ref": name_ref, "line": line, "framework": framework, "style": style,
            "schema": schema, "description": description, "gates": list(gates),
            "annotations": annotations or {}, "flags": list(flags), "typed": typed, "mutating": mutating,
            "caps": list(caps), "def_line": def_line, "normalize": normalize,
            "_fn": fn, "_cls": cls,
        }
        if isinstance(name, nameparts.Prefixed):
            # The model sees this name behind a prefix set at run time (a namespace option whose
            # default is often empty): reported under the readable rest, the template in its
            # evidence, and the prefix once per file as a site, as for a FastMCP mount parr cannot read.
            c["name"], c["name_template"] = str(name), name.template
            site = {"line": line, "call": _shorten(f"name={name.template}", 140),
                    "reason": "tool name prefix parr cannot read"}
            if name.prefix not in self.name_prefixes:
                self.name_prefixes.add(name.prefix)
                self.unresolved.append(site)
        if params is not None:
            c["params"] = params
        if extra:
            c.update(extra)
        if self.name_filters and name is not None and name not in self.name_filters[-1]:
            return None  # left out by the comprehension that picks tools by name
        self.cands.append(c)
        if fn is not None:
            fn.candidate = True
        return c

    def _name_filter(self, comp, scope) -> frozenset | None:
        """The tool names a comprehension keeps: `for t in tools if t.name == "x"` (or `in [...]`,
        a literal list or a name bound to one), over one loop variable; None when it keeps others."""
        if len(comp.generators) != 1 or not isinstance(comp.generators[0].target, ast.Name):
            return None
        var = comp.generators[0].target.id
        for cond in comp.generators[0].ifs:
            if not (isinstance(cond, ast.Compare) and len(cond.ops) == 1 and isinstance(cond.left, ast.Attribute)
                    and cond.left.attr == "name" and isinstance(cond.left.value, ast.Name) and cond.left.value.id == var):
                continue
            right = cond.comparators[0]
            if isinstance(cond.ops[0], ast.Eq) and _const_str(right) is not None:
                return frozenset({_const_str(right)})
            if isinstance(cond.ops[0], ast.In):
                if isinstance(right, ast.Name):
                    right = self.lookup(scope, right.id)[0]
                if isinstance(right, (ast.List, ast.Tuple, ast.Set)) and all(_const_str(x) is not None for x in right.elts):
                    return frozenset(_const_str(x) for x in right.elts)
        return None

    # ------------------------------------------------------------------ decorators
    def decorator_candidate(self, d, fi: FuncInfo, scope: Scope):
        call = d if isinstance(d, ast.Call) else None
        target = d.func if call else d
        dotted = self.dotted(target)
        if not dotted or "()" in dotted.rsplit(".", 1)[-1]:
            return
        last = dotted.rsplit(".", 1)[-1]
        recv = dotted.rsplit(".", 1)[0] if "." in dotted else ""
        node = fi.node
        doc = _docstring(node)
        kw = (lambda *n: _kw(call, *n)) if call else (lambda *n: None)

        def name_from(*kws, positional=False):
            for k in kws:
                v = kw(k)
                if v is not None:
                    s, r = self.name_of(v, scope)
                    if s is None and r is None:
                        # name=self.name, name=function_name: the class's literal, or made at run time
                        s = self.self_attr_str(v, fi.scope if fi.cls is not None else scope) or _DYNAMIC_NAME
                    return s, r
            if positional and call and call.args:
                s, r = self.name_of(call.args[0], scope)
                if s is not None or r is not None:
                    return s, r
                first = call.args[0]
                if isinstance(first, (ast.JoinedStr, ast.BinOp)) or (
                        isinstance(first, ast.Name) and isinstance(self.lookup(scope, first.id)[0], ast.AST)):
                    # @tool(name) with a name made at run time (a factory's parameter): not the function's name
                    return _DYNAMIC_NAME, None
            return None, None

        def desc_from():
            v = kw("description")
            s = _const_str(v) if v is not None else None
            return s or doc

        gates = []
        if call is not None:
            if _truthy_kw(call, "needs_approval") or _truthy_kw(call, "requires_confirmation") \
                    or _truthy_kw(call, "require_confirmation") or _truthy_kw(call, "requires_approval"):
                gates.append("needs_approval")
            if _kw(call, "tool_input_guardrails", "tool_output_guardrails", "guardrails") is not None:
                gates.append("guardrails")

        if last == "tool" and not recv:
            qq = self.imports.get("tool")
            if qq is None:
                if "tool" in self.module_scope.defs or not self.fw_hints:
                    return
                fw = self.file_framework(frameworks.BARE_TOOL_PREFERENCE)
            else:
                fw = catalog.framework_of(qq) or self.file_framework(frameworks.BARE_TOOL_PREFERENCE)
            if fw == "langgraph":
                fw = "langchain"
            n, r = name_from("name", "name_or_callable", positional=True)
            normalize = None
            if fw == "crewai":
                normalize = "crewai"
            style = frameworks.BARE_TOOL_STYLE.get(fw, f"{fw}.tool_decorator")
            spec = next((sp for label, sp in frameworks.DECORATORS.get("tool", ()) if label == fw), None)
            if spec is not None and _gated(call, spec.gate_values) and "needs_approval" not in gates:
                gates.append("needs_approval")
            if fw == "mcp":
                fw = "fastmcp"
            ann = self._mcp_annotations(call) if fw == "fastmcp" else {}
            desc = desc_from()
            extra = None
            if spec is not None and spec.schema_pos is not None and call is not None:
                # @tool("greet", "Greet a user", {"name": str}): the schema is the decorator's argument
                extra, desc = self._decorator_schema(call, spec.schema_pos, scope), (
                    _const_str(call.args[1]) if len(call.args) > 1 else None) or desc
            c = self._func_cand(fi, scope, n or (None if r else fi.name), r, fw, style, desc, gates,
                                normalize=normalize, annotations=ann,
                                schema="json_schema" if extra else "type_hints", extra=extra)
            if c is not None and extra and extra.get("typed") is not None:
                c["typed"] = extra.pop("typed")
            return
        inst = self._instance_decorator(recv, last, scope) if recv else None
        if inst is not None:
            # @app.tool / @app.async_tool on an instance of the family's class (mcp-agent MCPApp)
            fw, sp = inst
            n, r = name_from(*sp.name_kws, positional=sp.positional_name)
            desc = next((s for s in (_const_str(kw(k)) for k in sp.desc_kws) if s), None) or doc
            c = self._func_cand(fi, scope, n or (None if r else fi.name), r, fw, sp.style, desc, gates,
                                annotations=self._mcp_annotations(call))
            if c is not None:  # which instance holds it: a family's later reading may need to know
                self.fw_state.setdefault("instance_tools", []).append((c, recv))
            return
        if last in ("tool", "tool_plain") and recv:
            fw, style = self._receiver_tool_framework(recv, scope, last)
            if fw is None:
                return
            n, r = name_from("name", positional=(fw in ("mcp", "fastmcp")))
            ann = self._mcp_annotations(call) if fw in ("mcp", "fastmcp") else {}
            server = self.module_var_ref(recv) if fw in ("mcp", "fastmcp") else None
            self._func_cand(fi, scope, n or (None if r else fi.name), r, fw, style, desc_from(), gates,
                            annotations=ann, plain=(last == "tool_plain"), extra={"server": server} if server else None)
            return
        specs = frameworks.DECORATORS.get(last)
        # Two families share a decorator name (function_tool: OpenAI Agents, LiveKit): the import says which.
        qfw = catalog.framework_of(self.qualify(dotted)) if dotted.split(".", 1)[0] in self.imports else None
        specs = tuple((fw, sp) for fw, sp in specs or () if not sp.receiver_classes)
        spec = (next(((fw, sp) for fw, sp in specs if sp.receiver is not None and fw == qfw), None)
                or next(((fw, sp) for fw, sp in specs if sp.receiver is not None), None)) if specs else None
        if spec is not None:
            fw, sp = spec
            if _gated(call, sp.gate_values) and "needs_approval" not in gates:
                gates.append("needs_approval")
            raw = kw(sp.schema_kw) if sp.schema_kw else None
            raw_keys = _literal_keys(raw) if isinstance(raw, ast.Dict) else None
            if raw_keys is not None and "name" in raw_keys:
                # raw_schema={"name": ..., "description": ..., "parameters": {...}}: what the model sees
                n, r = self.name_of(raw_keys["name"], scope)
                if n is None and r is None:
                    n = _DYNAMIC_NAME
                params = raw_keys.get("parameters")
                self._func_cand(fi, scope, n, r, fw, sp.style, _const_str(raw_keys.get("description")) or doc, gates,
                                schema="json_schema", extra={"no_params": True, "jschema": (
                                    self.json_schema_info(params, scope) if isinstance(params, ast.Dict) else None)
                                    or {"props": [], "blob": True}})
                return
            n, r = name_from(*sp.name_kws, positional=sp.positional_name)
            desc = next((s for s in (_const_str(kw(k)) for k in sp.desc_kws) if s), None) or doc
            extra = None
            if fw == "semantic-kernel" and fi.cls is not None:
                # The model sees Plugin-function; the plugin name comes from where the class is added
                # to a kernel or an agent (resolve matches it up, in any file).
                extra = {"sk_class": fi.cls.name}
            self._func_cand(fi, scope, n or (None if r else fi.name), r, fw, sp.style, desc, gates, extra=extra)
            return
        if last == "action" and recv:
            rl = recv.rsplit(".", 1)[-1]
            if "browser-use" not in self.fw_hints and rl not in ("registry", "controller"):
                return
            desc = None
            if call is not None:
                desc = _const_str(call.args[0]) if call.args else None
                desc = desc or _const_str(kw("description"))
            self._func_cand(fi, scope, fi.name, None, "browser-use", "browser_use.registry_action",
                            desc or doc, gates)
            return
        if last == "list_tools" and recv:
            self.list_tool_funcs.append(fi)
            return
        if last == "call_tool" and recv and call is not None:
            self.call_tool_funcs.append(fi)  # @server.call_tool(): runs the listed tools by name
            return

    def _unknown_tool_decorator(self, node, fi: FuncInfo) -> None:
        """@register_tool, @toolbox.tool, @ai_function from an API parr has no rule for: a place that
        plainly makes a tool, recorded rather than passed over."""
        for d, name in zip(node.decorator_list, fi.decorators):
            last = name.rsplit(".", 1)[-1]
            if not _TOOL_DECORATOR.search(last) or last in _NOT_TOOL_DECORATORS:
                continue
            head = name.split(".", 1)[0]
            if head in self.local_decorator_names or (head in self.module_scope.defs and "." not in name):
                continue  # a decorator this file defines: what it does is read like any function
            if self.fw_of_qual(self.qualify(name)) is not None and last in ("tool", "tool_plain"):
                continue  # a known framework's @x.tool that its rules rejected (not a tool receiver)
            if last in nat.REGISTRATIONS and self.fw_of_qual(self.qualify(name)) == "nvidia-nat":
                continue  # NAT's builder registration: its file hook reads what the builder yields
            self.unresolved_site(None, "", node.lineno, "tool decorator parr does not know",
                                 text=f"@{name} def {fi.name}")
            q = self.qualify(name)
            if head in self.imports and q and q != name and self.unresolved:
                # imported from a module resolve may find in the project: there it is read like any
                # function (a registry's decorator is no tool by itself); elsewhere the site stays
                self.unresolved[-1]["deco"] = q
            return

    def instance_class(self, recv: str, scope: Scope) -> tuple[str, str | None] | None:
        """(class name, framework) of the object a receiver name was built from (`app = MCPApp(...)`)."""
        if "." in recv:
            return None
        v, _ = self.lookup(scope, recv)
        if isinstance(v, ast.AnnAssign):
            v = v.value
        if not isinstance(v, ast.Call):
            return None
        ctor = self.qualify(self.dotted(v.func))
        return ((ctor or "").rsplit(".", 1)[-1], catalog.framework_of(ctor)) if ctor else None

    def _instance_decorator(self, recv: str, last: str, scope: Scope):
        """The (framework, spec) of a decorator declared for instances of a class, when `recv` is one."""
        specs = [(fw, sp) for fw, sp in frameworks.DECORATORS.get(last, ()) if sp.receiver_classes]
        built = self.instance_class(recv, scope) if specs else None
        if built is None and specs and recv in self.imports and self.lookup(scope, recv)[0] is None:
            # `from main import app` in a file that imports the family: the app made in another module
            return next(((fw, sp) for fw, sp in specs if fw in self.fw_hints), None)
        if built is None:
            return None
        cls, cls_fw = built
        return next(((fw, sp) for fw, sp in specs if cls in sp.receiver_classes and cls_fw in (fw, None)), None)

    def _receiver_tool_framework(self, recv: str, scope: Scope, last: str):
        """Which framework a `@X.tool` decorator belongs to, from how X was built."""
        base = recv.split(".")[-1]
        ctor = None
        v, _ = self.lookup(scope, recv) if "." not in recv else (None, None)
        if v is None and recv in self.imports:
            # @llm.tool with `llm` a module of a family whose module-level decorator it is (Mirascope)
            fw = catalog.framework_of(self.imports[recv])
            spec = next((sp for label, sp in frameworks.DECORATORS.get(last, ()) if label == fw and sp.receiver), None)
            if spec is not None:
                return fw, spec.style
        if isinstance(v, ast.Call):
            ctor = self.qualify(self.dotted(v.func))
        elif recv in self.imports:
            ctor = None
        ctor_last = (ctor or "").rsplit(".", 1)[-1]
        ctor_fw = catalog.framework_of(ctor) if ctor else None
        if last == "tool_plain" or ctor_fw == "pydantic-ai" or (ctor_last == "Agent" and "pydantic-ai" in self.fw_hints):
            return "pydantic-ai", ("pydantic_ai.agent_tool_plain" if last == "tool_plain" else "pydantic_ai.agent_tool")
        if ctor_last in ("FastMCP", "MCPServer") or ctor_fw in ("mcp", "fastmcp"):
            return ("fastmcp" if ctor_fw == "fastmcp" else "mcp"), "mcp.decorator"
        if ctor is not None and ctor_last not in ("FastMCP",):
            # built from something else: only trust it when the file speaks MCP or pydantic-ai
            if ctor_fw is None and not ({"mcp", "fastmcp", "pydantic-ai"} & self.fw_hints):
                return None, None
        if "pydantic-ai" in self.fw_hints and not ({"mcp", "fastmcp"} & self.fw_hints):
            return "pydantic-ai", "pydantic_ai.agent_tool"
        if {"mcp", "fastmcp"} & self.fw_hints or "mcp" in base.lower() or "server" in base.lower():
            return ("fastmcp" if "fastmcp" in self.fw_hints else "mcp"), "mcp.decorator"
        if self.fw_hints:
            return self.file_framework(), "mcp.decorator"
        return None, None

    def _mcp_annotations(self, call) -> dict:
        if call is None:
            return {}
        v = _kw(call, "annotations")
        out = {}
        if isinstance(v, ast.Call):
            for k in v.keywords:
                if k.arg and isinstance(k.value, ast.Constant) and isinstance(k.value.value, (bool, str)):
                    out[k.arg] = k.value.value
        elif isinstance(v, ast.Dict):
            for k, val in zip(v.keys, v.values):
                ks = _const_str(k)
                if ks and isinstance(val, ast.Constant) and isinstance(val.value, (bool, str)):
                    out[ks] = val.value
        return out

    def _func_cand(self, fi: FuncInfo, scope, name, name_ref, fw, style, desc, gates, *, normalize=None,
                   annotations=None, plain=False, line=None, schema="type_hints", flags=(), extra=None):
        if name is _DYNAMIC_NAME:
            outer = fi.scope.func if fi.scope is not None else None
            if outer is not None and outer.name in _READ_AT_CALLS and catalog.framework_of_module(self.module):
                # the framework's own factory (langgraph-swarm's create_handoff_tool, scanning its
                # repository): parr reads the tool it makes at each call, where the name is given
                return None
            # A tool whose name is made at run time: parr cannot say what the model sees. Inside
            # a function that wraps whatever it is given it is plumbing, still a place to declare.
            deco = next((x for x in reversed(fi.decorators) if x), "")
            self.unresolved_site(None, "", line or fi.node.lineno, "tool name made at run time",
                                 text=f"@{deco}(name=...) def {fi.name}" if deco else f"def {fi.name}")
            return None
        if style == "semantic_kernel.kernel_function" and fi.cls is not None and \
                {b.rsplit(".", 1)[-1] for b in fi.cls.bases} & _SK_PROCESS_STEPS:
            return None  # a process step's handler: the process runtime calls it, not a model
        return self.new_cand(
            name=name, name_ref=name_ref, line=line or fi.node.lineno, framework=fw, style=style,
            schema=schema, fn=fi, description=desc, gates=gates, annotations=annotations,
            normalize=normalize, def_line=fi.node.lineno, flags=flags, extra=extra,
        )

    # ------------------------------------------------------------------ call declarations
    def fn_cand(self, node: ast.Call, scope: Scope, fexpr, fw, style, name_kws=("name",), desc_kws=("description",),
                flags=(), gates=(), schema="type_hints", typed=None, extra=None, name_pos=None, desc_pos=None,
                meta=None):
        """A tool a call makes from a function (FunctionTool(func=f), Tool.from_function(f)): its name
        from name_kws (or the function), its description from desc_kws (or the docstring). `meta`:
        the metadata object the call was given (ToolMetadata(description, name)); its name and
        description stand before the function's."""
        fi = self.resolve_func_expr(fexpr, scope) if fexpr is not None else None
        if fi is None and isinstance(fexpr, ast.Attribute) and isinstance(fexpr.value, ast.Name):
            # FunctionTool.from_defaults(fn=builder.plan) with a parameter builder: Builder of this file
            held, _ = self.lookup(scope, fexpr.value.id)
            if isinstance(held, ast.arg) and isinstance(held.annotation, ast.Name):
                cls, _ = self.lookup(scope, held.annotation.id)
                fi = self._method_lookup(cls, fexpr.attr) if isinstance(cls, ClassInfo) else None
        n, r = None, None
        named = False
        name_e = None
        meta_desc = None
        if meta is not None:
            if isinstance(meta, ast.Name):
                bound, _ = self.lookup(scope, meta.id)
                if isinstance(bound, ast.arg):
                    return None  # metadata handed in: code wrapping whatever it is given (plumbing)
                meta = bound if isinstance(bound, ast.Call) else meta
            name_e = (_kw(meta, "name") or (meta.args[1] if len(meta.args) > 1 else None)) \
                if isinstance(meta, ast.Call) else None
            n, r = self.name_of(name_e, scope) if name_e is not None else (None, None)
            if n is None and r is None and (fexpr is None or name_e is not None):
                # metadata made elsewhere, or a name made at run time: the model's name is not readable
                self.unresolved_site(None, "", node.lineno, "tool name parr cannot read",
                                     text=_shorten(_short_source(node), 140))
                return None
            meta_desc = _const_str(_kw(meta, "description") or (meta.args[0] if meta.args else None)) \
                if isinstance(meta, ast.Call) else None
            named = n is not None or r is not None
        for k in name_kws if not named else ():
            v = _kw(node, k)
            if v is None and name_pos is not None and len(node.args) > name_pos:
                v = node.args[name_pos]
            if v is not None:
                named = True
                name_e = v
                n, r = self.name_of(v, scope)
                if n is None and r is None:
                    n = self.self_attr_str(v, scope)
                break
        if n is None and r is None:
            if named:
                # tool.get_name() of an object of a project class whose registry walks its subclasses:
                # each concrete subclass is a tool (parr.scan.python.registry); any other name made at
                # run time (kwargs["x"], tool.name of a parameter) is not one to report
                method = fexpr.attr if isinstance(fexpr, ast.Attribute) and isinstance(fexpr.value, ast.Name) else None
                if registry.note_registration(self, name_e, scope, node.lineno, fw, f"{fw}.registry_subclass",
                                              _shorten(_short_source(node), 140), method):
                    self.consumed.add(id(node))
                return None
            if fi is not None:
                n = fi.name
            elif isinstance(fexpr, ast.Name):
                bound, _ = self.lookup(scope, fexpr.id)
                elts = self._loop_elements(node, fexpr.id, scope) if bound is None else None
                if elts is not None:
                    # [FunctionTool.from_defaults(fn=fn) for fn in fns] with fns = [builder.plan, builder.build]
                    # (in every branch that sets it): the maker called on each function of the list
                    out = None
                    for el, el_scope in elts:
                        out = self.fn_cand(node, el_scope, el, fw, style, name_kws, desc_kws, flags, gates, schema,
                                           typed, extra, name_pos, desc_pos, meta) or out
                    self.consumed.add(id(node))
                    return out
                if isinstance(bound, ast.arg) or (bound is None and fexpr.id not in self.imports
                                                  and not self.star_import):
                    # A parameter or loop variable: code that wraps whatever it is given
                    # (framework plumbing), not a declaration of a tool.
                    return None
                n = fexpr.id
                ref = self.ext_ref_of(fexpr)
                if ref:
                    extra = dict(extra or {}, ext_fn=ref)
            elif isinstance(fexpr, ast.Attribute):
                if self._bound_ref(fexpr, scope, node, fw, style):
                    self.consumed.add(id(node))
                    return None
                n = fexpr.attr
            else:
                if fexpr is not None:  # Tool.from_function(partial(f, x)), FunctionTool(lambda q: ...)
                    self.unresolved_site(None, "", node.lineno, "tool registration parr cannot read",
                                         text=_shorten(_short_source(node), 140))
                return None
        desc = meta_desc
        for k in desc_kws if desc is None else ():
            desc = _const_str(_kw(node, k))
            if desc:
                break
        if desc is None and desc_pos is not None and len(node.args) > desc_pos:
            desc = _const_str(node.args[desc_pos])
        if desc is None and fi is not None:
            desc = _docstring(fi.node)
        c = self.new_cand(name=n, name_ref=r, line=node.lineno, framework=fw, style=style, schema=schema,
                          fn=fi, description=desc, gates=gates, flags=flags, typed=typed, extra=extra,
                          def_line=fi.node.lineno if fi else None)
        self.consumed.add(id(node))
        return c

    def _loop_elements(self, node: ast.AST, var: str, scope: Scope) -> list | None:
        """The elements `var` takes in the comprehension or for loop around `node` that binds it, each
        with its scope: a literal list or tuple, or a name bound to one (every value it is given
        in the function, an if/else's lists both). None when no loop around `node` binds `var`, or
        what it walks is anything else (a parameter, a call: code wrapping what it is given)."""
        tree = scope.func.node if scope.func is not None else self.tree
        it = None
        for loop in ast.walk(tree):
            if isinstance(loop, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
                gens = [g for g in loop.generators if isinstance(g.target, ast.Name) and g.target.id == var]
                body = [loop.key, loop.value] if isinstance(loop, ast.DictComp) else [loop.elt]
                if gens and any(n is node for b in body for n in ast.walk(b)):
                    it = gens[0].iter
                    break
            elif isinstance(loop, (ast.For, ast.AsyncFor)) and isinstance(loop.target, ast.Name) \
                    and loop.target.id == var and any(n is node for st in loop.body for n in ast.walk(st)):
                it = loop.iter
                break
        if it is None:
            return None
        if isinstance(it, (ast.List, ast.Tuple)):
            return [(e, scope) for e in it.elts]
        if not isinstance(it, ast.Name):
            return None
        v, vs = self.lookup(scope, it.id)
        values = [v] + list(vs.earlier.get(it.id, ())) if vs is not None else []
        if not values or not all(isinstance(x, (ast.List, ast.Tuple)) for x in values):
            return None
        out, seen = [], set()
        for x in values:
            for e in x.elts:
                key = ast.dump(e)
                if key not in seen:  # the same function in both branches' lists is one tool
                    seen.add(key)
                    out.append((e, vs))
        return out

    def _bound_ref(self, e: ast.Attribute, scope: Scope, node: ast.Call, fw, style) -> bool:
        """FunctionTool.from_defaults(fn=builder.create_agent), `builder` an object of a class another
        module of the project defines (builder = Builder(...), or a parameter builder: Builder): that
        module's method, reported at its def by resolve (or a site where parr cannot read it)."""
        if not isinstance(e.value, ast.Name) or e.value.id in ("self", "cls"):
            return False
        cname = self._ctor_of(e.value.id, scope)
        if not cname or cname.split(".", 1)[0] not in self.imports or not cname.rsplit(".", 1)[-1][:1].isupper():
            return False
        q = self.qualify(cname)
        if self.fw_of_qual(q):
            return False  # a framework's object: its own rules, not a method of the project's
        self.refs.append({"target": f"{q}.{e.attr}", "line": node.lineno, "framework": fw, "bound": True,
                          "as": {"style": style}, "site": _shorten(_short_source(node), 140)})
        return True

    def schema_factory_cand(self, node: ast.Call, scope: Scope, fw: str, style: str) -> bool:
        """pydantic_function_tool(Model), get_function_tool(Model): a schema-only tool from a class."""
        a = node.args[0] if node.args else None
        n, r = self.name_of(_kw(node, "name"), scope)
        ci = None
        if isinstance(a, ast.Name):
            v, _ = self.lookup(scope, a.id)
            if isinstance(v, ClassInfo):
                ci = v
            if n is None and r is None:
                n = a.id
        if n is None and r is None:
            return True
        desc = _const_str(_kw(node, "description")) or (_docstring(ci.node) if ci else None)
        self.new_cand(name=n, name_ref=r, line=node.lineno, framework=fw, style=style, schema="pydantic",
                      typed=True, description=desc, flags=("schema_only",),
                      def_line=ci.node.lineno if ci else None)
        self.consumed.add(id(node))
        return True

    def call_candidate(self, node: ast.Call, d: str, q: str | None, scope: Scope):
        last = d.rsplit(".", 1)[-1]
        fw_q = self.fw_of_qual(q)
        line = node.lineno
        if last in frameworks.CALLABLE_DECORATORS and "." not in d and node.args:
            # function_tool(fn), tool(fn), function_tool(fn, name_override="x"): the decorator as a call
            fi = self.resolve_func_expr(node.args[0], scope)
            if isinstance(fi, FuncInfo) and not fi.candidate:
                self.decorator_candidate(node, fi, fi.scope)
                if fi.candidate:
                    self.consumed.add(id(node))
                    return
        if last in ("tool", "tool_plain", "add_tool") and "." in d and len(node.args) == 1 and not node.keywords:
            # agent.tool(fn), mcp.add_tool(fn): the decorator, applied by a call
            fi = self.resolve_func_expr(node.args[0], scope)
            if isinstance(fi, FuncInfo) and not fi.candidate:
                target = node.func if last != "add_tool" else ast.Attribute(value=node.func.value, attr="tool",
                                                                             ctx=ast.Load())
                self.decorator_candidate(target, fi, fi.scope)
                if fi.candidate:
                    self.consumed.add(id(node))
                    return

        if last in ("tool", "add_tool") and "." in d and node.args and (node.keywords or len(node.args) > 1) \
                and mcp_direct_registration(self, node, d, last, scope):
            return
        factories = frameworks.FACTORIES.get(last)
        if factories:
            # The import names the framework; else the keywords and arguments it is given decide.
            f = next((f for f in factories if f.framework == fw_q), None) or next(
                (f for f in factories if any(_kw(node, k) is not None for k in f.when_kws)
                 or (f.when_args and node.args)), None)
            if f is not None:
                gated = any(_truthy_kw(node, k) for k in f.gate_kws) or _gated(node, f.gate_values)
                fexpr = _kw(node, *f.fn_kws) if f.fn_pos is None else fn_arg(node, *f.fn_kws, pos=f.fn_pos)
                meta = _kw(node, f.meta_kw) if f.meta_kw else None
                if meta is None and f.meta_pos is not None and len(node.args) > f.meta_pos:
                    meta = node.args[f.meta_pos]
                if self._registers_param(fexpr, scope, f.framework):
                    return  # the callers' lists are read instead (call_tool_context)
                if self._returned_function(node, fexpr, scope, f):
                    return
                self.fn_cand(node, scope, fexpr, f.framework, f.style, schema=f.schema, typed=f.typed,
                             gates=["needs_approval"] if gated else [], flags=f.flags,
                             name_pos=f.name_pos, desc_pos=f.desc_pos, meta=meta)
            return
        for hook in frameworks.CALL_HOOKS.get(last, ()):
            if hook(self, node, d, fw_q, scope):
                return
        for suffix, hook in frameworks.CALL_SUFFIX_HOOKS:
            if last.endswith(suffix) and hook(self, node, d, fw_q, scope):
                return

    def _registers_param(self, fexpr, scope: Scope, fw: str) -> bool:
        """register_function(stringify(tool_function), caller=..., name=name) in a helper whose
        function is taken out of a parameter (`for tool in config: tool_dict = {"function": tool} if
        callable(tool) else tool; tool_function = tool_dict["function"]`): a registration helper. Each
        element its callers hand it there is a tool, named as the registration names it (name= from
        the element's dict, else the function's __name__); nothing is declared here."""
        fn = scope.func
        if fexpr is None or fn is None or fn.node is None:
            return False
        binds = _loop_and_with_binds(fn.node)
        param = self._param_source(fexpr, scope, binds, 0, set())
        if param is None:
            return False
        self.reg_params.setdefault(fn.qual, {})[param] = fw
        self.forwards.setdefault(fn.qual, set()).add(param)
        return True

    def _returned_funcs(self, fi: FuncInfo) -> dict:
        """The inner functions a function returns: {"-1": f} for `return f`, {"0": f} for the first
        element of `return f, helper`."""
        out: dict = {}
        if fi.body_scope is None:
            return out
        for rv in fi.ret_values:
            for i, el in ([(-1, rv)] if isinstance(rv, ast.Name) else enumerate(rv.elts) if isinstance(rv, ast.Tuple) else ()):
                if isinstance(el, ast.Name):
                    v = fi.body_scope.defs.get(el.id)
                    if isinstance(v, FuncInfo) and v.scope is fi.body_scope:
                        out.setdefault(str(i), v)
        return out

    def _returned_function(self, node: ast.Call, fexpr, scope: Scope, f) -> bool:
        """register_function(rag_func, caller=..., ...) with `rag_func, proxy = get_rag_function(cfg)`: the
        function registered is the inner function that call returns (AutoGen sends its __name__):
        read in this file, or in the callee's module by resolve (a site where it cannot be read)."""
        if not isinstance(fexpr, ast.Name):
            return False
        if isinstance(self.lookup(scope, fexpr.id)[0], FuncInfo):
            return False
        root = scope.func.node if scope.func is not None else self.tree
        made = idx = None
        for st in ast.walk(root):
            if isinstance(st, ast.Assign) and isinstance(st.value, ast.Call) and st.lineno < node.lineno:
                for t in st.targets:
                    if isinstance(t, ast.Name) and t.id == fexpr.id:
                        made, idx = st.value, -1
                    elif isinstance(t, ast.Tuple):
                        for i, el in enumerate(t.elts):
                            if isinstance(el, ast.Name) and el.id == fexpr.id:
                                made, idx = st.value, i
        if made is None:
            return False
        n = _const_str(_kw(node, "name"))
        callee = self.resolve_func_expr(made.func, scope)
        if isinstance(callee, FuncInfo):
            inner = self._returned_funcs(callee).get(str(idx))
            if inner is None:
                self.unresolved_site(None, "", node.lineno, "tool registration parr cannot read",
                                     text=_shorten(_short_source(node), 140))
            else:
                self.fn_cand(node, callee.body_scope, ast.Name(id=inner.name, ctx=ast.Load()), f.framework, f.style,
                             schema=f.schema, typed=f.typed, flags=f.flags)
            self.consumed.add(id(node))
            return True
        d = self.dotted(made.func)
        if not d or "()" in d or d.split(".", 1)[0] not in self.imports:
            return False
        ref = {"target": self.qualify(d), "line": node.lineno, "framework": f.framework, "retfn": str(idx),
               "site": _shorten(_short_source(node), 140), "as": {"style": f.style}}
        if n:
            ref["as"]["name"] = n
        self.refs.append(ref)
        self.consumed.add(id(node))
        return True

    def _param_source(self, e, scope: Scope, binds: dict, depth: int, seen: set) -> str | None:
        """The parameter of the enclosing function an expression is, or an element of: through
        locals, loop variables, wrapping calls (their first argument), subscripts, dict values and
        conditional expressions."""
        if e is None or depth > 8 or id(e) in seen:
            return None
        seen.add(id(e))
        if isinstance(e, ast.Name):
            bound = scope.assigns.get(e.id)
            if isinstance(bound, ast.arg):
                receiver = scope.func is not None and scope.func.cls is not None and e.id in ("self", "cls")
                return None if receiver else e.id
            if e.id in binds:
                return self._param_source(binds[e.id], scope, binds, depth + 1, seen)
            if isinstance(bound, ast.AST):
                return self._param_source(bound, scope, binds, depth + 1, seen)
            return None
        if isinstance(e, ast.Call):
            return self._param_source(e.args[0], scope, binds, depth + 1, seen) if e.args else None
        if isinstance(e, ast.Subscript):
            return self._param_source(e.value, scope, binds, depth + 1, seen)
        if isinstance(e, (ast.ListComp, ast.GeneratorExp)):
            return self._param_source(e.elt, scope, binds, depth + 1, seen)
        parts = e.values if isinstance(e, (ast.Dict, ast.BoolOp)) else (e.body, e.orelse) if isinstance(e, ast.IfExp) else ()
        for v in parts:
            got = self._param_source(v, scope, binds, depth + 1, seen)
            if got is not None:
                return got
        return None

    def _config_key(self, e, scope: Scope, line: int, label: str) -> bool:
        """cfg.get("toolkits", []) / cfg["toolkits"] handed over as tools, cfg a value of the run (a
        parameter, an entry looked up at run time): the tools are the lists the project's configs
        give under that key, read where those dict literals are (their items are tools when some
        code hands that key to a model). Recorded here; resolve ties them."""
        key = recv = None
        if isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute) and e.func.attr == "get" and e.args:
            key, recv = _const_str(e.args[0]), e.func.value
        elif isinstance(e, ast.Subscript):
            key, recv = _const_str(e.slice), e.value
        if not key or not _CONFIG_TOOL_KEY.search(key):
            return False
        if isinstance(recv, ast.Name):
            bound = scope.assigns.get(recv.id)
            if not isinstance(bound, (ast.Call, ast.Subscript)):
                return False  # a parameter (the caller's tools), a dict literal read here, a module name
            root = scope.func.node if scope.func is not None else self.tree
            if any(isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name) and t.value.id == recv.id
                   and _const_str(t.slice) == key for n in ast.walk(root) if isinstance(n, ast.Assign) for t in n.targets):
                return False  # cfg["tools"] = [...] set by this code: read as it is
        elif not isinstance(recv, ast.Subscript):
            return False
        site = self._site(e, label, line)
        self.config_keys.append({"key": key, "line": line, "call": site["call"]})
        return True

    def wrapped_function(self, e, scope: Scope, depth: int = 0) -> FuncInfo | None:
        """The function an expression is, or wraps: `find`, `partial(find, x=1)`,
        `make_partial(find, {...})`, or a local name bound to one of these (`fn = find` then
        `fn = wrap(fn, ...)`: a rebinding through a call on itself keeps what it wrapped)."""
        if e is None or depth > 6:
            return None
        fi = self.resolve_func_expr(e, scope)
        if fi is not None:
            return fi
        if isinstance(e, ast.Call) and e.args:
            return self.wrapped_function(e.args[0], scope, depth + 1)
        if isinstance(e, ast.Name):
            v, where = self.lookup(scope, e.id)
            for val in [v] + list(reversed(where.earlier.get(e.id, ()))) if where is not None else ():
                if isinstance(val, ast.Call) and val.args and isinstance(val.args[0], ast.Name) \
                        and val.args[0].id == e.id:
                    continue  # fn = wrap(fn, ...): what fn held before
                if isinstance(val, ast.AST) and not isinstance(val, ast.arg):
                    return self.wrapped_function(val, scope, depth + 1)
                break
        return None

    # ------------------------------------------------------------------ dict literals
    def _function_def(self, e, scope):
        """The {"name", "description", "parameters"} literal of an OpenAI {"type": "function",
        "function": ...} entry: given there, or a name or class constant bound to it."""
        if isinstance(e, ast.Name):
            v, _ = self.lookup(scope, e.id)
            e = v if isinstance(v, ast.Dict) else e
        elif isinstance(e, ast.Attribute):
            e = self.class_const(e, scope) or e
        elif isinstance(e, ast.Call):
            from parr.scan.python.frameworks import openai_raw  # FunctionDefinition(name=...): a TypedDict
            if (self.dotted(e.func) or "").rsplit(".", 1)[-1] in openai_raw.FUNCTION_CHUNKS:
                e = openai_raw.typed_dict(e) or e
        return e if isinstance(e, ast.Dict) else None

    def _tool_choice(self, v) -> None:
        """tool_choice={"type": "function", "function": {"name": "x"}}: names a tool the request
        defines elsewhere (forcing the model to call it); the reference is no second tool."""
        if isinstance(v, ast.Dict):
            self.consumed.add(id(v))
            for inner in v.values:
                if isinstance(inner, ast.Dict):
                    self.consumed.add(id(inner))

    def visit_dict(self, node: ast.Dict, scope):
        if id(node) in self.consumed:
            return
        keys = {}
        for k, v in zip(node.keys, node.values):
            ks = _const_str(k) if k is not None else None
            if ks is not None:
                keys[ks] = v
                if ks in _TOOL_CHOICE_KEYS:
                    self._tool_choice(v)  # {"toolChoice": {"tool": {"name": "x"}}} in a request dict
        if "tools" in keys and ("messages" in keys or "model" in keys and not isinstance(keys["model"], ast.Dict)) \
                and isinstance(keys["tools"], (ast.List, ast.Tuple, ast.Call, ast.BinOp)) \
                and id(keys["tools"]) not in self.consumed:
            # {"model": ..., "messages": ..., "tools": tool_collection.to_params()}: a model request
            # built as a dict and passed on (client.messages.create(**request)): its tools are handed
            # over. A bare name there is a list made elsewhere (an SDK translating what it was given),
            # read where it is made; {"model": {...}} is a description of an agent (API examples).
            self.ctx_items.append((keys["tools"], scope, None, getattr(keys["tools"], "lineno", node.lineno),
                                   '{"tools": '))
        for ks, v in keys.items():
            if scope.func is None and isinstance(v, ast.List) and v.elts and _CONFIG_TOOL_KEY.search(ks) \
                    and id(v) not in self.consumed \
                    and not any(item[0] is v for item in self.ctx_items[-3:]):
                # {"name": "Market_Analyst", "toolkits": [FinnHubUtils.get_company_news, ...]}: a config's
                # tool list, handed over where some code gives cfg.get("toolkits") to a model (resolve)
                self.ctx_items.append((v, scope, None, getattr(v, "lineno", node.lineno), f'{{"{ks}": ',
                                       ("ext", f"@key:{ks}")))
                self.config_lists.add(ks)
        if "name" not in keys:
            spec = keys.get("toolSpec")
            if isinstance(spec, ast.Dict):  # Amazon Bedrock Converse: {"toolSpec": {name, description, inputSchema: {json}}}
                sk = _literal_keys(spec)
                schema_v = sk.get("inputSchema")
                if not isinstance(schema_v, ast.Dict):
                    schema_v = self.class_const(schema_v, scope)  # a class constant of the agent
                if "name" in sk and isinstance(schema_v, ast.Dict):
                    n, r = self.name_of(sk["name"], scope)
                    if n is None and r is None:
                        n = self.self_attr_str(sk["name"], scope)
                    if n or r:
                        inner = _literal_keys(schema_v)
                        self.consumed.add(id(spec))
                        self.new_cand(name=n, name_ref=r, line=node.lineno, framework="bedrock",
                                      style="bedrock.tool_spec", schema="json_schema",
                                      description=_const_str(sk.get("description")),
                                      extra={"jschema": self.json_schema_info(inner.get("json"), scope)})
                return
            if keys.get("type") is not None and _const_str(keys.get("type")) == "function" and "function" in keys:
                inner = self._function_def(keys["function"], scope)
                ik = _literal_keys(inner) if inner is not None else {}
                if "name" in ik:
                    n, r = self.name_of(ik["name"], scope)
                    if n or r:
                        self.consumed.add(id(inner))
                        self.new_cand(name=n, name_ref=r, line=node.lineno, framework="openai",
                                      style="openai.raw_function_schema", schema="json_schema",
                                      description=_const_str(ik.get("description")),
                                      extra={"jschema": self.json_schema_info(ik.get("parameters"), scope)})
            return
        t = _const_str(keys.get("type")) if "type" in keys else None
        n, r = self.name_of(keys["name"], scope)
        if not (n or r):
            return
        if t == "function" and ("parameters" in keys or "description" in keys or "strict" in keys):
            self.new_cand(name=n, name_ref=r, line=node.lineno, framework="openai",
                          style="openai.raw_function_schema", schema="json_schema",
                          description=_const_str(keys.get("description")),
                          extra={"jschema": self.json_schema_info(keys.get("parameters"), scope)})
            return
        if "input_schema" in keys and t in (None, "custom"):
            self.new_cand(name=n, name_ref=r, line=node.lineno, framework="anthropic",
                          style="anthropic.raw_tool_dict", schema="json_schema",
                          description=_const_str(keys.get("description")),
                          extra={"jschema": self.json_schema_info(keys.get("input_schema"), scope)})
            return
        if t and catalog.anthropic_builtin_type(t):
            if scope.func is not None and any(v is node for v in scope.func.ret_values):
                # def default_tool(kind): if model_a: return {"name": "bash", "type": "bash_20250124"}
                # elif model_b: return {"name": "bash", "type": "bash_20250124"}: a function returns
                # one value per call, so the same built-in returned on two paths is one tool.
                seen = (id(scope.func), n, r and str(r), t)
                if seen in self.returned_builtins:
                    return
                self.returned_builtins.add(seen)
            base = t.rsplit("_", 1)[0]
            caps, mut, typed = catalog.ANTHROPIC_BUILTIN_CAPS.get(base, ((), False, True))
            self.new_cand(name=n, name_ref=r, line=node.lineno, framework="anthropic",
                          style="anthropic.builtin_tool", schema="provider_defined", caps=caps,
                          mutating=mut, typed=typed)
            return
        if t and catalog.anthropic_versioned_type(t) and "anthropic" in self.fw_hints and len(keys) <= 6:
            # {"type": "advisor_20260301", "name": "advisor"}: a built-in tool parr has no entry for;
            # what it can do is unknown, so it is taken as changing state (fail closed).
            self.new_cand(name=n, name_ref=r, line=node.lineno, framework="anthropic",
                          style="anthropic.builtin_tool", schema="provider_defined",
                          flags=("builtin_unknown",), extra={"builtin_type": t})
            return
        if "args_schema" in keys and t is None and ("description" in keys or "method" in keys):
            # A toolkit's own list of tool definitions, handed to adapters for each framework:
            # {"method": "create_customer", "name": "Create Customer", "args_schema": CreateCustomer}
            if " " in (n or "") and "method" in keys:
                m, _ = self.str_of(keys["method"], scope)
                if m:
                    n, r = m, None
            desc, _ = self.str_of(keys.get("description"), scope) if "description" in keys else (None, None)
            self.new_cand(name=n, name_ref=r, line=node.lineno, framework=self.file_framework() or "unknown",
                          style="tool_definition_dict", schema="pydantic", typed=True, description=desc)
            return
        if "parameters" in keys and t is None and scope.func is None and self._in_function_declarations(node):
            self.new_cand(name=n, name_ref=r, line=node.lineno, framework="google-genai",
                          style="gemini.function_declaration_dict", schema="json_schema",
                          description=_const_str(keys.get("description")),
                          extra={"jschema": self.json_schema_info(keys.get("parameters"), scope)})

    def _in_function_declarations(self, node) -> bool:
        return False

    def json_schema_info(self, v, scope, depth=0) -> dict | None:
        """Summary of a JSON-schema literal: property names, types, descriptions; 'blob' when a
        property has no type, is 'object' without properties, or the schema is not a literal."""
        if isinstance(v, ast.Name) and depth < 3:
            val, _ = self.lookup(scope, v.id)
            if isinstance(val, ast.AST) and not isinstance(val, ast.arg):
                return self.json_schema_info(val, scope, depth + 1)
            return None
        if isinstance(v, ast.Call):
            # .model_json_schema() of a pydantic model, or a helper: typed but not inspectable
            return {"pydantic": True}
        if not isinstance(v, ast.Dict):
            return None
        keys = _literal_keys(v)
        if "json" in keys and isinstance(keys["json"], ast.Dict):
            keys = _literal_keys(keys["json"])
        props = keys.get("properties")
        out = {"props": [], "blob": False}
        extra = keys.get("additionalProperties")
        if (props is None or (isinstance(props, ast.Dict) and not props.keys)) and extra is not None and not (
                isinstance(extra, ast.Constant) and extra.value is False):
            # {"type": "object", "additionalProperties": {...}}: any keys the model likes
            return {"props": [], "blob": False, "open": True}
        if props is None:
            return out
        if not isinstance(props, ast.Dict):
            return {"props": [], "blob": False, "opaque": True}
        for k, val in zip(props.keys, props.values):
            pn = _const_str(k) if k is not None else None
            if pn is None:
                continue
            ptype = None
            pdesc = None
            popts: list[str] = []
            has_props = False
            if isinstance(val, ast.Dict):
                for kk, vv in zip(val.keys, val.values):
                    kn = _const_str(kk) if kk is not None else None
                    if kn == "type":
                        ptype = _const_str(vv)
                        if isinstance(vv, (ast.List, ast.Tuple)):
                            ptype = "union"
                    elif kn == "description":
                        pdesc = _const_str(vv)
                        if pdesc is None and isinstance(vv, (ast.BinOp, ast.Call, ast.Name, ast.IfExp)):
                            pdesc = self.text_of(vv, scope)
                    if kn == "enum" and isinstance(vv, (ast.List, ast.Tuple)):
                        popts = [s for s in (_const_str(e) for e in vv.elts) if s is not None]
                    if kn in ("properties", "enum", "anyOf", "oneOf", "$ref", "items", "allOf", "const"):
                        has_props = True
                        if ptype is None and kn != "properties":
                            ptype = ptype or "composite"
            out["props"].append({"n": pn, "t": ptype, "d": pdesc, "sub": has_props, **({"ops": popts} if popts else {})})
        return out

    # ------------------------------------------------------------------ finish
    def finish(self):
        for hook, node, scope in self.deferred:
            hook(self, node, scope)
        for label, file_hook in frameworks.FILE_HOOKS:
            if label in self.fw_hints:
                file_hook(self)
        # TOOL_SPEC modules (strands)
        for dct in self.tool_spec_dicts:
            keys = _literal_keys(dct)
            n, r = self.name_of(keys.get("name"), self.module_scope)
            if not (n or r):
                continue
            handler = None
            if n and n in self.module_scope.defs and isinstance(self.module_scope.defs[n], FuncInfo):
                handler = self.module_scope.defs[n]
            else:
                for fi in self.funcs:
                    if fi.scope is self.module_scope and fi.node.args.args and \
                            _ann_name(fi.node.args.args[0].annotation) == "ToolUse":
                        handler = fi
                        break
            self.new_cand(name=n, name_ref=r, line=dct.lineno, framework="strands-agents",
                          style="strands.TOOL_SPEC_module", schema="json_schema", fn=handler,
                          description=_const_str(keys.get("description")),
                          extra={"jschema": self.json_schema_info(keys.get("inputSchema"), self.module_scope),
                                 "no_params": True})
        for node, scope in self.applied_decorators:
            self.late_applied_decorator(node, scope)
        # MCP low-level: Tool(...) are found by call_candidate already; their code is in the call handler
        self._mcp_lowlevel()
        # provider raw schemas: the code that runs them is where the model's call comes back
        raw_dispatch.link(self)
        # Toolkit / plugin classes
        self.class_candidates()
        for value, scope, fw, line in self.handoff_items:
            self.handoff_elem(value, scope, fw, line, 0)
        self.condition_handoffs()
        # tool contexts
        seen_ctx: set[int] = set()
        # positions known to be a framework's first: a tool listed there too is no conditional one
        for expr, scope, fw, line, label, *cond in sorted(self.ctx_items, key=lambda item: len(item) > 5):
            if cond and cond[0][0] == "local":
                if not self._position_holds(cond[0][1]):
                    continue  # Report(tools=...) of a class or function of this file that is no agent's
                cond = []
            mark = (len(self.cands), len(self.unresolved), len(self.refs), len(self.config_keys))
            self.ctx_elem(expr, scope, fw, line, 0, seen_ctx, label)
            if cond:  # a callee imported from elsewhere, in a file that knows no model: resolve decides
                for part, start in ((self.cands, mark[0]), (self.unresolved, mark[1]), (self.refs, mark[2]),
                                    (self.config_keys, mark[3])):
                    for item in part[start:]:
                        item["cond"] = cond[0][1]
                if "#" in cond[0][1] or cond[0][1].startswith("@key:"):
                    for item in self.refs[mark[2]:]:
                        item["reg"] = True  # a class given to a registration helper: its public functions

    def _mcp_lowlevel(self) -> None:
        """Ties each Tool(...) of a low-level MCP server to the code that runs it (its branch of
        the call handler), notes the methods the handler calls on an object it looked up by name
        (a handler class's run method, tied up in resolve), and checks that every list handler
        lists tools parr read."""
        for node, scope, emit in self.mcp_tool_sites:
            emit(self, node, scope)
        calls, lists = list(self.call_tool_funcs), list(self.list_tool_funcs)
        for kw, e, scope in self.handler_exprs:
            fi = self.resolve_func_expr(e, scope)
            if isinstance(fi, FuncInfo):
                (calls if kw == "on_call_tool" else lists).append(fi)
        groups = [mcp_dispatch.read_handler(self, fi) for fi in calls if fi.body_scope is not None]
        for group in groups:
            for disp in group:
                self.mcp_dispatch_methods |= disp.methods
        for c in self.cands:
            if c.get("style") != "mcp.lowlevel_Tool":
                continue
            if "inst" in c:  # an object of a class listed by the list handler: resolve reads its class
                coll = c.pop("_inst_coll")
                run = set().union(*(mcp_dispatch.methods_on_entry(g[0].handler.node, coll) for g in groups)) \
                    if groups else set()
                c["inst"]["run"] = sorted(run or set().union(*(d.methods for g in groups for d in g)))
                continue
            key = c["name"] if c.get("name") else f"ref:{c.get('name_ref')}"
            bodies: list = []
            reads: set = set()
            for group in groups:
                # a handler that never looks at the name runs the same code for every tool
                if any(key in disp.branches for disp in group) or mcp_dispatch.ignores_name(group[0].handler):
                    for disp in group:
                        found, fns = mcp_dispatch.branch_calls(disp, key)
                        bodies.append(self._calls_as_body(disp.handler, found))
                        bodies.extend(fns)
                        reads |= mcp_dispatch.input_reads(disp, key)
            if bodies:
                c["_bodies"] = bodies
                c["arg_reads"] = [list(p) for p in sorted(reads)[:64]]  # the open-object rule (judge)
            elif c.get("_mcp_cls") is None:
                c["flags"].append("dispatch_unread")
        sites = {id(node) for node, _, _ in self.mcp_tool_sites}
        for _, scope, _ in self.mcp_tool_sites:
            s = scope
            while s is not None:
                if s.func is not None:
                    self.mcp_makers.add(s.func.name)
                s = s.parent
        for name, value in self.module_scope.assigns.items():
            if isinstance(value, ast.AST) and any(id(n) in sites for n in walk(value)):
                self.mcp_makers.add(name)  # TOOLS = [types.Tool(...), ...]
        for fi in lists:
            self._mcp_list_check(fi, sites)

    def in_framework(self, label: str) -> bool:
        """This file is part of the framework's own package (scanning the framework itself)."""
        return catalog.framework_of_module(self.module) == label

    def _calls_as_body(self, handler: FuncInfo, calls: list) -> FuncInfo:
        """A function standing for part of a handler: the effects of just these calls, read with
        the handler's names and parameters."""
        part = FuncInfo(handler.node, handler.name, handler.qual, handler.scope, handler.cls)
        part.body_scope = handler.body_scope
        part.strs = handler.strs
        for node in calls:
            d = self.dotted(node.func)
            if d:
                self.record_effects(node, d, self.qualify(d), part)
        return part

    def _mcp_list_check(self, fi: FuncInfo, sites: set) -> None:
        """A list handler lists tools parr read when it builds them, or refers to a function,
        method or variable that does (here, or in another file: resolve checks); one that returns
        only [] lists none. Anything else is a site."""
        end = getattr(fi.node, "end_lineno", fi.node.lineno)
        if any(fi.node.lineno <= node.lineno <= end for node, _, _ in self.mcp_tool_sites):
            return
        returns = [n.value for n in ast.walk(fi.node) if isinstance(n, ast.Return)]
        if returns and all(isinstance(v, (ast.List, ast.Tuple)) and not v.elts for v in returns):
            return
        names = set()
        for n in (x for st in fi.node.body for x in ast.walk(st)):
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load):
                names.add(n.id)
            elif isinstance(n, ast.Attribute):
                names.add(n.attr)
        if names & self.mcp_makers:
            return
        if self.in_framework("fastmcp"):
            return  # FastMCP's own handler, serving the tools its users declare
        deco = next((x for x in fi.decorators if x.endswith("list_tools")), "")
        self.mcp_lists.append({"line": fi.node.lineno, "call": f"@{deco}() def {fi.name}" if deco else f"def {fi.name}",
                               "names": sorted(names)[:80]})

    def handoff_elem(self, e, scope: Scope, fw, line: int, depth: int) -> None:
        """One hand-off in handoffs=[...]: the model sees it as a tool (transfer_to_<agent>), or
        handoff(agent, tool_name_override=...), or AutoGen's Handoff(target=..., name=...)."""
        if depth > 4 or e is None:
            return
        line = getattr(e, "lineno", line)
        if isinstance(e, (ast.List, ast.Tuple)):
            for el in e.elts:
                self.handoff_elem(el, scope, fw, line, depth + 1)
            return
        if isinstance(e, ast.Starred):
            self.handoff_elem(e.value, scope, fw, line, depth + 1)
            return
        if isinstance(e, ast.Attribute) or (isinstance(e, ast.Constant) and e.value is None):
            return  # self.handoffs, agent.handoffs: hand-offs read where they are built
        if isinstance(e, ast.Name):
            v, vscope = self.lookup(scope, e.id)
            if isinstance(v, ast.arg):
                return  # a parameter: the caller's handoffs=[...] is where they are read
            if isinstance(v, (ast.List, ast.Tuple, ast.Call)):
                self.handoff_elem(v, vscope, fw, line, depth + 1)
                return
        if isinstance(e, ast.Call):
            callee = (self.dotted(e.func) or "").rsplit(".", 1)[-1]
            if callee in ("get", "getattr", "pop"):
                return  # settings.get("handoffs"): made elsewhere and passed along, like a parameter
            if callee in _LIST_BUILTINS or callee == "cast":
                for a in e.args[-1:]:  # tuple(handoffs), cast(list[Handoff], handoffs)
                    self.handoff_elem(a, scope, fw, line, depth + 1)
                return
        if fw not in frameworks.HANDOFF_NAMING:
            fw = self.file_framework(tuple(frameworks.HANDOFF_NAMING))
        naming = frameworks.HANDOFF_NAMING.get(fw)
        if naming == "builtin":
            return  # one tool of the family's own delegates to every agent listed (swarms' handoff_task)
        if naming is None:
            self.unresolved_site(e, "handoffs=", line, "hand-off parr cannot read")
            return
        name = ref = None
        if isinstance(e, ast.Constant) and isinstance(e.value, str):  # AutoGen: handoffs=["flights_refunder"]
            name = catalog.handoff_tool_name(e.value, naming)
        elif isinstance(e, ast.Call) and (self.dotted(e.func) or "").rsplit(".", 1)[-1].lower().endswith("handoff"):
            override = _kw(e, "tool_name_override", "name")
            if override is not None:
                name, ref = self.name_of(override, scope)
                if name is None and ref is None:
                    self.unresolved_site(e, "handoffs=", line, "hand-off parr cannot read")
                    return
            else:
                target = fn_arg(e, "agent", "target")
                name, ref = self._agent_name(target, scope)
                if name is not None:
                    name = catalog.handoff_tool_name(name, naming)
        else:
            name, ref = self._agent_name(e, scope)
            if name is not None:
                name = catalog.handoff_tool_name(name, naming)
        if name is None and ref is None:
            self.unresolved_site(e, "handoffs=", line, "hand-off parr cannot read")
            return
        self.new_cand(name=name, name_ref=ref, line=line, framework=fw, style=f"{frameworks.style_prefix(fw)}.handoff",
                      schema="framework_defined", typed=True, flags=("handoff",),
                      normalize=("handoff_" + naming) if ref and ref.startswith("agent:") else None,
                      extra={"no_params": True})

    def _decorator_schema(self, call: ast.Call, pos: int, scope: Scope) -> dict | None:
        """The input schema a decorator is given: a JSON schema, or {"param": type} (typed when every
        type is a plain one; dict, Any or a missing type leave it shapeless)."""
        e = call.args[pos] if len(call.args) > pos else _kw(call, "input_schema")
        if isinstance(e, ast.Name):
            v, _ = self.lookup(scope, e.id)
            e = v if isinstance(v, ast.Dict) else e
        if not isinstance(e, ast.Dict):
            return {"no_params": True, "typed": True} if e is not None else None  # a pydantic model or TypedDict
        keys = _literal_keys(e)
        if "type" in keys or "properties" in keys:
            return {"no_params": True, "jschema": self.json_schema_info(e, scope)}
        plain = {"str", "int", "float", "bool"}
        typed = all(isinstance(v, ast.Name) and v.id in plain or
                    isinstance(v, ast.Subscript) and isinstance(v.value, ast.Name) and v.value.id == "list"
                    for v in keys.values())
        return {"no_params": True, "typed": typed}

    def module_var_ref(self, name: str) -> str | None:
        """The qualified reference of a module-level variable (or an imported one) a tool is
        registered on, for resolve to match with another file's server composition."""
        if "." in name:
            return None
        if name in self.imports:
            return self.imports[name]
        if name in self.module_scope.assigns:
            return f"{self.module}.{name}" if self.module else name
        return None

    def mount_call(self, node: ast.Call, method: str, scope: Scope) -> None:
        """main.mount(sub, namespace="jira"), import_server("jira", sub): the mounted server's tools
        reach the model with the prefix. Only a server variable is recorded; resolve applies the
        prefix to the tools registered on it (an HTTP adapter mounted on a session has none)."""
        kws, fmt = frameworks.MOUNT_CALLS[method]
        prefix_e = _kw(node, *kws)
        server_e = _kw(node, "server", "app")
        for a in node.args:
            if isinstance(a, (ast.Constant, ast.JoinedStr, ast.BinOp)) and prefix_e is None:
                prefix_e = a
            elif server_e is None:
                server_e = a
            elif prefix_e is None:
                prefix_e = a  # mount(sub, ns): the second positional is the namespace
        if not isinstance(server_e, ast.Name) or prefix_e is None:
            return  # no prefix: the tools keep their names
        ref = self.module_var_ref(server_e.id)
        if ref is None:
            return
        prefix, _ = self.str_of(prefix_e, scope)
        if isinstance(prefix_e, ast.Constant) and prefix_e.value is None:
            return
        if prefix is not None and not re.fullmatch(r"[A-Za-z0-9_.-]*", prefix):
            return  # app.mount("/mcp", mcp_app), session.mount("https://", adapter): a URL path, not a namespace
        entry = {"server": ref, "format": fmt, "line": node.lineno}
        if prefix is None:
            entry["prefix_unknown"] = _shorten(_short_source(node), 140)
        else:
            entry["prefix"] = prefix
        self.mounts.append(entry)

    def condition_handoffs(self) -> None:
        """Hand-offs held as conditions (AG2 OnCondition): each condition the model decides is a tool,
        named from its target and its position among the agent's conditions, in the order added."""
        position: dict[str, int] = {}
        made: dict[str, int] = {}
        for agent_e, call, scope, via in self.condition_handoff_calls:
            method = (self.dotted(call.func) or "").rsplit(".", 1)[-1]
            if not any(method in s.methods for specs in frameworks.CONDITION_HANDOFFS.values() for s in specs):
                continue  # set_after_work(...), add_context_condition(...): decided without the model
            agent = ast.dump(agent_e) if agent_e is not None else ""
            for arg in [*call.args, *(k.value for k in call.keywords)]:
                elems, escope = (arg.elts if isinstance(arg, (ast.List, ast.Tuple)) else [arg]), scope
                if isinstance(arg, ast.Name):
                    v, vscope = self.lookup(scope, arg.id)
                    if isinstance(v, (ast.List, ast.Tuple)):
                        elems, escope = v.elts, vscope
                for e in elems:
                    if isinstance(e, ast.Name):
                        v, _ = self.lookup(escope, e.id)
                        e = v if isinstance(v, ast.Call) else e
                    callee = self.dotted(e.func) if isinstance(e, ast.Call) else None
                    fw = self.fw_of_qual(self.qualify(callee)) if callee else None
                    spec = next((s for s in frameworks.CONDITION_HANDOFFS.get(fw or "", ())
                                 if s.via == via and method in s.methods), None)
                    if spec is None:
                        if self._condition_framework_imported():
                            # handoffs.add_many(conditions) built where parr cannot see: fail closed
                            self.unresolved_site(e, "handoffs.", getattr(e, "lineno", call.lineno),
                                                 "hand-off parr cannot read")
                        continue
                    if callee.rsplit(".", 1)[-1] not in spec.conditions:
                        continue  # OnContextCondition: decided without the model
                    position[agent] = position.get(agent, 0) + 1
                    self._condition_handoff(e, escope, fw, spec, position[agent], agent_e, made)

    def _condition_framework_imported(self) -> bool:
        return any(self.fw_of_qual(q) in frameworks.CONDITION_HANDOFFS for q in self.imports.values())

    def _condition_handoff(self, cond: ast.Call, scope: Scope, fw: str, spec, index: int, agent_e,
                           made: dict[str, int]) -> None:
        target = _kw(cond, "target") or (cond.args[0] if cond.args else None)
        if spec.via == "register":
            # swarm: target=other_agent itself; the name carries both agents' names
            own, _ = self._agent_name(agent_e, scope)
            other, _ = self._agent_name(target, scope)
            if own is None or other is None:
                self.unresolved_site(cond, "hand_to=", cond.lineno, "hand-off parr cannot read")
                return
            base = spec.name_format.format(agent=own, target=other)
            made[base] = made.get(base, 0) + 1
            self.new_cand(name=base if made[base] == 1 else f"{base}_{made[base]}", line=cond.lineno, framework=fw,
                          style=f"{frameworks.style_prefix(fw)}.handoff", schema="framework_defined", typed=True,
                          flags=("handoff",), extra={"no_params": True})
            return
        if isinstance(target, ast.Name):
            v, _ = self.lookup(scope, target.id)
            target = v if isinstance(v, ast.Call) else target
        kind = (self.dotted(target.func) or "").rsplit(".", 1)[-1] if isinstance(target, ast.Call) else None
        name = ref = None
        if kind in spec.fixed_targets:
            name = spec.fixed_targets[kind]
        elif kind in spec.agent_targets:
            held = _kw(target, "agent", "agent_name") or (target.args[0] if target.args else None)
            if isinstance(held, ast.Constant) or kind != spec.agent_targets[0]:
                name, _ = self.str_of(held, scope)  # AgentNameTarget("billing"): the name itself
            else:
                name, ref = self._agent_name(held, scope)
        if name is None and ref is None:
            self.unresolved_site(cond, "handoffs.", cond.lineno, "hand-off parr cannot read")
            return
        fmt = spec.name_format
        self.new_cand(name=fmt.format(target=name, index=index) if name is not None else None, name_ref=ref,
                      line=cond.lineno, framework=fw, style=f"{frameworks.style_prefix(fw)}.handoff",
                      schema="framework_defined", typed=True, flags=("handoff",),
                      normalize=f"handoff_format:{fmt.replace('{index}', str(index))}" if ref else None,
                      extra={"no_params": True})

    def _agent_name(self, e, scope: Scope):
        """(name, ref) of the agent an expression stands for: Agent(name="x") here, a variable holding
        one, an agent imported from another module ("agent:<module.name>"), or a literal target."""
        if isinstance(e, ast.Constant) and isinstance(e.value, str):
            return e.value, None
        if isinstance(e, ast.Name):
            v, _ = self.lookup(scope, e.id)
            if isinstance(v, ast.Call):
                e = v
            elif v is None and e.id in self.imports:
                return None, "agent:" + self.imports[e.id]
            else:
                return None, None
        if isinstance(e, ast.Call) and (self.dotted(e.func) or "").rsplit(".", 1)[-1][:1].isupper():
            # Agent(name="Billing"), AssistantAgent("travel", ...): an agent built here
            name_e = _kw(e, "name") or (e.args[0] if e.args else None)
            s, _ = self.str_of(name_e, scope) if name_e is not None else (None, None)
            return s, None
        return None, None

    def _ext_decorated(self, node: ast.Call, scope: Scope, ref: str) -> bool:
        """mcp.tool(name=...)(docs.fetch_doc) with the function in another module: the decorator's
        rules run on a stand-in for the function, and what they make is resolved in that module
        (its parameters, docstring and effects), under the decorator's name and style."""
        stub = ast.FunctionDef(name=ref.rsplit(".", 1)[-1], args=ast.arguments(
            posonlyargs=[], args=[], vararg=None, kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[]),
            body=[ast.Pass()], decorator_list=[], returns=None, lineno=node.lineno, col_offset=0)
        fi = FuncInfo(stub, stub.name, stub.name, scope, None)
        made = len(self.cands)
        self.decorator_candidate(node.func, fi, scope)
        if len(self.cands) == made:
            return False
        c = self.cands.pop()
        if c.get("name_ref"):
            self.unresolved_site(None, "", node.lineno, "tool name defined elsewhere that parr cannot read",
                                 text=_shorten(_short_source(node), 140))
            return True
        over = {k: c[k] for k in ("name", "style", "gates", "annotations", "description") if c.get(k)}
        self.refs.append({"target": ref, "line": node.lineno, "framework": c["framework"],
                          "site": _shorten(_short_source(node), 140), "as": over})
        return True

    def late_applied_decorator(self, node: ast.Call, scope: Scope) -> None:
        """deco(...)(fn) where fn could not be read when the call was walked: read it now, or, when
        the decorator makes tools, record the site rather than pass it over."""
        arg = node.args[0]
        fi = self.resolve_func_expr(arg, scope)
        if isinstance(fi, FuncInfo):
            if not fi.candidate:
                self.decorator_candidate(node.func, fi, fi.scope)
            return
        target = self.dotted(node.func.func) or ""
        last = target.rsplit(".", 1)[-1]
        if last not in frameworks.DECORATORS or "()" in last:
            return
        if isinstance(arg, ast.Name) and isinstance(self.lookup(scope, arg.id)[0], ast.arg):
            return  # a helper that registers whatever function it is given: its callers are the sites
        ref = self.ext_ref_of(arg)
        if ref and self._ext_decorated(node, scope, ref):
            return
        if last in ("tool", "tool_plain") and "." in target:
            if self._receiver_tool_framework(target.rsplit(".", 1)[0], scope, last)[0] is None:
                return
        elif "." not in target and target not in self.imports:
            return  # a tool(...) this file defines or never imports
        self.unresolved_site(None, "", node.lineno, "tool registration parr cannot read",
                             text=_shorten(_short_source(node), 140))

    def class_candidates(self):
        registered: dict[int, list] = {}
        for ci, attr, line in self.toolkit_refs:
            registered.setdefault(id(ci), []).append((attr, line))
        subclassed = set()
        for ci in self.classes:
            for b in ci.bases:
                subclassed.add(b.rsplit(".", 1)[-1])
        for ci in self.classes:
            lasts = [b.rsplit(".", 1)[-1] for b in ci.bases]
            fw_bases = [catalog.framework_of(b) for b in ci.bases]
            # agno Toolkit-style registration (self.method in tools list / register)
            regs = registered.get(id(ci), [])
            if regs:
                seen = set()
                is_browser = bool(set(lasts) & catalog.BROWSER_USE_REGISTRY_BASES) and "browser-use" in self.fw_hints
                for attr, line in regs:
                    fi = ci.methods.get(attr)
                    if fi is None or attr in seen or fi.candidate or is_browser:
                        continue
                    if any(d.rsplit(".", 1)[-1] in ("property", "cached_property") or d.endswith(".setter")
                           for d in fi.decorators):
                        continue  # self.is_connected reads a property; it hands out no method
                    seen.add(attr)
                    fw = next((f for f in fw_bases if f), None) or self.file_framework(("agno",))
                    style = "agno.Toolkit_method" if fw == "agno" or set(lasts) & catalog.TOOLKIT_BASES else f"{fw}.method_tool"
                    self._func_cand(fi, ci.body_scope, fi.name, None, fw, style, _docstring(fi.node), [])
            # llama-index ToolSpec
            spec = ci.attrs.get("spec_functions")
            if spec is not None and isinstance(spec, (ast.List, ast.Tuple)):
                for el in spec.elts:
                    if isinstance(el, ast.Tuple) and el.elts:
                        el = el.elts[0]
                    s = _const_str(el)
                    fi = ci.methods.get(s) if s else None
                    if fi is not None and not fi.candidate:
                        self._func_cand(fi, ci.body_scope, s, None, "llama-index", "llama_index.ToolSpec_method",
                                        _docstring(fi.node), [])
                continue
            # Classes that stand for an Anthropic built-in tool (the computer-use reference code:
            # api_type = "bash_20250124", name = "bash", sent by to_params())
            if not ci.abstract and self._anthropic_tool_class(ci):
                continue
            shape = self._class_shape(ci)
            if shape is not None and not ci.abstract and self._shaped_builtin(ci, shape):
                continue
            if shape is not None and shape["schema_key"] is None:
                shape = None  # {"name": ..., "type": "person"}: a record, not a built-in tool
            # class-based tools (BaseTool / Tool subclasses): decided in resolve from the base chain
            if (not ci.bases and shape is None) or ci.abstract or ci.claimed:
                continue
            if shape is None and set(lasts) & (_ENUM_BASES | {"BaseModel", "TypedDict", "NamedTuple", "Exception"}):
                continue
            name_e = ci.attrs.get("name")
            if name_e is None:
                name_e = _property_value(ci, "name")  # @property def name(self): return "read_file"
            n = r = None
            if name_e is not None:
                if isinstance(name_e, ast.Call) and (self.dotted(name_e.func) or "").rsplit(".", 1)[-1] in _FIELD_CALLS:
                    name_e = _kw(name_e, "default") or (name_e.args[0] if name_e.args else None)  # Field(default="x")
                n, r = self.name_of(name_e, ci.body_scope)
            if n is None and r is None:
                init = ci.methods.get("__init__")
                if init is not None:
                    n, r = self._super_init_name(init)
                    if (n or r) and self._anthropic_schema_class(ci, init, n, r):
                        continue
            if n is None and r is None and shape is not None and not ci.abstract:
                n = self._shape_str(ci, shape["name"])  # {"name": "browser", ...} in its own to_params()
            if n is None and r is None and not (isinstance(name_e, ast.Call) and not ci.abstract):
                continue
            # name = os.environ.get(...): a name made at run time; resolve reports the class as a
            # site once its base chain shows it is a tool class
            if ci.name.startswith(_DOUBLE_PREFIX) and ("test" in self.rel.lower()):
                continue
            desc_e = ci.attrs.get("description")
            if desc_e is None:
                desc_e = _property_value(ci, "description")
            if isinstance(desc_e, ast.Call) and (self.dotted(desc_e.func) or "").rsplit(".", 1)[-1] not in _FIELD_CALLS \
                    and (shape is not None or isinstance(self.resolve_func_expr(desc_e.func, ci.body_scope), FuncInfo)):
                desc_e = None  # description = _describe("computer"): made by a helper, not its argument
            if isinstance(desc_e, ast.Call):
                desc_e = _kw(desc_e, "default") or (desc_e.args[0] if desc_e.args else None)
            desc = _const_str(desc_e) if desc_e is not None else None
            if desc is None and isinstance(desc_e, ast.BinOp):
                desc, _ = self.str_of(desc_e, ci.body_scope)
            if desc is None and shape is not None:
                desc = self._shape_str(ci, shape["description"])
            desc = desc or _docstring(ci.node)
            exec_fn = None
            for m in _EXEC_METHODS:
                if m in ci.methods:
                    exec_fn = ci.methods[m]
                    break
            if exec_fn is None:
                # a tool class with no execute() of its own runs the one its base class in this file
                # defines (ComputerBatchTool(_BatchTool))
                exec_fn = next((f for f in (self._method_lookup(ci, m) for m in _EXEC_METHODS) if f is not None), None)
            if exec_fn is None and "__init__" in ci.methods:
                exec_fn = self._init_function_method(ci)  # super().__init__(..., function=self.search)
            extra = {"class_bases": ci.bases, "class_name": ci.name, "class_subclassed_here": ci.name in subclassed}
            if (field_calls := self._field_calls(ci)):
                extra["field_calls"] = field_calls  # self.<field>.<m>() on a field declared Any
            if exec_fn is None and (inherited := self._inherited_bases(ci)):
                extra["inherit_run"] = inherited  # its run method is an imported base's: resolve reads it
            schema = "type_hints"
            typed = None
            if "args_schema" in ci.attrs or "args_type" in ci.attrs or self._model_class_attr(ci.attrs.get("input_schema")):
                schema = "pydantic"
                typed = True
            inputs = ci.attrs.get("inputs")
            if isinstance(inputs, ast.Dict):
                schema = "json_schema"
                extra["jschema"] = self._smol_inputs(inputs)
            if shape is not None:
                # serialises itself into a model API's tool definition: resolve takes it for a tool
                # class even when no framework base is in its chain
                extra["api_shape"] = shape["schema_key"]
                schema_e = next((ci.attrs[k] for k in toolclass.SCHEMA_KEYS if k in ci.attrs), None)
                if schema_e is None and shape["schema"] is not None and toolclass.self_attr(shape["schema"]) is None:
                    schema_e = shape["schema"]
                if schema_e is not None:
                    schema = "json_schema"
                    extra["jschema"] = self.json_schema_info(schema_e, ci.body_scope) or {"props": [], "blob": True}
                    extra["no_params"] = True
            elif (exec_fn is not None and not _is_stub(exec_fn.node) or exec_fn is None and extra.get("inherit_run")) \
                    and (attr_key := toolclass.attr_definition(ci.attrs)) is not None:
                # name/description/input_schema as class attributes with code that runs: a tool
                # class whose base (often outside the repository) sends that definition. Used by
                # resolve only when no framework base claims the class (its own rules stay). With no
                # run method of its own, resolve keeps it only where an imported base runs it
                # (toolclass.inherited_hooks).
                extra["attr_shape"] = attr_key
                extra["attr_jschema"] = self.json_schema_info(ci.attrs[attr_key], ci.body_scope) or {"props": [], "blob": True}
            if shape is None and (own := self._own_parameters(ci)) is not None:
                extra["own_jschema"] = own  # used where a project base sends the definition (resolve)
            c = self.new_cand(name=n, name_ref=r, line=ci.node.lineno, framework="?", style="?", schema=schema,
                              fn=exec_fn, description=desc, typed=typed, extra=extra, cls=ci,
                              def_line=ci.node.lineno)
            if exec_fn is None:
                c["flags"].append("no_exec")
            elif _is_stub(exec_fn.node):
                c["flags"].append("abstract_exec")
            elif _returns_only_literal(exec_fn.node) and not self._name_used(ci.name, ci.node):
                # a run that answers a fixed text, in a class nothing in this file uses: a scaffold
                # (`crewai create`'s MyCustomTool); resolve drops it when no other file imports it
                c["flags"].append("placeholder_exec")
            elif self._dispatches_to_stubs(ci, exec_fn):
                # call() hands each action to a method left unimplemented (raise NotImplementedError):
                # the class only describes the tool, the code that acts is elsewhere (the agent that
                # parses the call): judged by its name, and taken as changing state when the name
                # says nothing parr knows (fail closed)
                c["flags"].append("name_only")

    def _own_parameters(self, ci: ClassInfo) -> dict | None:
        """The parameters a tool class declares for the definition its base sends, as the judge's schema
        summary: `super().__init__(..., parameters={...})`, a class decorator handed the JSON schema
        (`@tool_parameters({"type": "object", ...})`), or a one-line `parameters` property. The value is
        a JSON schema, or a map of parameter name -> a spec object made with `type=` (HolmesGPT's
        `{"host": ToolParameter(type="string", description=...)}`). None when the class gives none."""
        found = []
        init = ci.methods.get("__init__")
        if init is not None:
            for e in ast.walk(init.node):
                if isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute) and e.func.attr == "__init__":
                    v = _kw(e, *toolclass.SCHEMA_KEYS)
                    if v is not None:
                        found.append((v, init.body_scope))
                    break
        for d in ci.node.decorator_list:
            if isinstance(d, ast.Call) and len(d.args) == 1 and not d.keywords and isinstance(d.args[0], ast.Dict) \
                    and {"type", "properties"} <= set(_literal_keys(d.args[0])):
                found.append((d.args[0], ci.scope))
        prop = _property_value(ci, "parameters")
        if prop is not None:
            found.append((prop, ci.body_scope))
        for v, scope in found:
            if isinstance(v, ast.Name):
                v = self.lookup(scope, v.id)[0]
            if not isinstance(v, ast.Dict):
                continue
            keys = _literal_keys(v)
            if {"type", "properties"} & set(keys):
                return self.json_schema_info(v, scope) or {"props": [], "blob": True}
            props = []
            for k, spec in zip(v.keys, v.values):
                pn = _const_str(k) if k is not None else None
                if pn is None or not isinstance(spec, ast.Call) or _kw(spec, "type") is None:
                    return {"props": props, "blob": True, "open": True}
                t = _const_str(_kw(spec, "type"))
                props.append({"n": pn, "t": t, "d": _const_str(_kw(spec, "description")),
                              "sub": t in ("object", "array")})
            return {"props": props, "blob": False}
        return None

    def _dispatches_to_stubs(self, ci: ClassInfo, fn: FuncInfo) -> bool:
        """Every `self.<method>(...)` the run method calls is a stub of the class (or its bases in this
        file), and it calls at least two: a dispatcher over actions it does not implement."""
        targets = [n.func.attr for n in ast.walk(fn.node) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                   and isinstance(n.func.value, ast.Name) and n.func.value.id == "self"]
        methods = [self.class_method(ci, t) for t in targets]
        own = [m for m in methods if m is not None]
        return len(own) >= 2 and all(_is_stub(m.node) for m in own)

    def _model_class_attr(self, e) -> bool:
        """`input_schema = WeatherInput`: a class of this file (a model; BeeAI's Tool reads its fields),
        not a JSON schema dict, which toolclass reads."""
        return isinstance(e, ast.Name) and any(isinstance(n, ast.ClassDef) and n.name == e.id for n in self.tree.body)

    def _name_used(self, name: str, defn) -> bool:
        """`name` is read anywhere in this file outside its own definition."""
        inside = {id(n) for n in ast.walk(defn)}
        return any(isinstance(n, ast.Name) and n.id == name and id(n) not in inside for n in ast.walk(self.tree))

    def _class_attr_str(self, ci: ClassInfo, attr: str, depth: int = 0) -> str | None:
        """A class attribute's literal string, from the class or its bases in this file."""
        value = ci.attrs.get(attr)
        if value is not None:
            return _const_str(value)
        if depth > 5:
            return None
        for base in ci.bases:
            parent = next((c for c in self.classes if c.name == base.rsplit(".", 1)[-1] and c is not ci), None)
            if parent is not None:
                found = self._class_attr_str(parent, attr, depth + 1)
                if found is not None:
                    return found
        return None

    def _local_class(self, base: str, ci: ClassInfo | None = None) -> ClassInfo | None:
        return next((c for c in self.classes if c.name == base.rsplit(".", 1)[-1] and c is not ci), None)

    def class_method(self, ci: ClassInfo, names, seen: int = 0):
        """The first of `names` (one name or several) the class defines, or inherits from a class of
        this file."""
        for m in (names,) if isinstance(names, str) else names:
            if m in ci.methods:
                return ci.methods[m]
        for base in ci.bases if seen < 8 else ():
            parent = self._local_class(base, ci)
            if parent is not None:
                found = self.class_method(parent, names, seen + 1)
                if found is not None:
                    return found
        return None

    def list_elements(self, e, scope, depth: int = 0) -> list | None:
        """(element, scope) of a list or tuple expression, through `*xs`, `a + b` and names bound to
        lists; None where the list is not readable here (a parameter, a call)."""
        if depth > 4 or e is None:
            return None
        if isinstance(e, (ast.List, ast.Tuple)):
            out = []
            for el in e.elts:
                if isinstance(el, ast.Starred):
                    inner = self.list_elements(el.value, scope, depth + 1)
                    if inner is None:
                        return None
                    out += inner
                else:
                    out.append((el, scope))
            return out
        if isinstance(e, ast.BinOp) and isinstance(e.op, ast.Add):
            left, right = self.list_elements(e.left, scope, depth + 1), self.list_elements(e.right, scope, depth + 1)
            return None if left is None or right is None else left + right
        if isinstance(e, ast.Name):
            v, vscope = self.lookup(scope, e.id)
            if isinstance(v, (ast.List, ast.Tuple, ast.BinOp)):
                return self.list_elements(v, vscope, depth + 1)
        return None

    def class_attr_value(self, ci: ClassInfo, attr: str, bound: dict | None = None, depth: int = 0):
        """(literal, ref) of `self.<attr>` for an object of class `ci`: a class attribute, an
        assignment in __init__ (from a literal, a constant, a parameter's default, or the argument
        a subclass's super().__init__(...) passes for that parameter), or the same on a base class
        of this file. `bound`: the base's __init__ parameters -> (expression, scope) given by the
        subclass that called it."""
        if depth > 5:
            return None, None
        v = ci.attrs.get(attr)
        if v is not None:
            if isinstance(v, ast.Call) and (self.dotted(v.func) or "").rsplit(".", 1)[-1] in _FIELD_CALLS:
                v = _kw(v, "default") or (v.args[0] if v.args else None)
            n, r = self.name_of(v, ci.body_scope)
            if n is not None or r is not None:
                return n, r
        init = ci.methods.get("__init__")
        if init is not None:
            params = {x.arg for x in init.node.args.posonlyargs + init.node.args.args + init.node.args.kwonlyargs}
            for st in ast.walk(init.node):
                if isinstance(st, (ast.Assign, ast.AnnAssign)) and st.value is not None and any(
                        isinstance(t, ast.Attribute) and t.attr == attr and isinstance(t.value, ast.Name)
                        and t.value.id == "self" for t in (st.targets if isinstance(st, ast.Assign) else [st.target])):
                    val = st.value
                    if isinstance(val, ast.Name) and val.id in params:
                        if bound and val.id in bound:
                            return self.name_of(*bound[val.id])
                        return _param_default_str(init.node, val.id), None
                    return self.name_of(val, init.body_scope)
            for e in ast.walk(init.node):
                if not (isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute) and e.func.attr == "__init__"):
                    continue
                recv = e.func.value
                args = list(e.args)
                if isinstance(recv, ast.Call) and isinstance(recv.func, ast.Name) and recv.func.id == "super":
                    base = self._local_class(ci.bases[0], ci) if ci.bases else None
                elif isinstance(recv, ast.Name):  # Base.__init__(self, ...)
                    base = self._local_class(recv.id, ci)
                    args = args[1:]
                else:
                    base = None
                if base is None or "__init__" not in base.methods:
                    continue
                bargs = base.methods["__init__"].node.args
                names = [x.arg for x in bargs.posonlyargs + bargs.args][1:]
                binding = {}
                for name, a in zip(names, args):
                    binding[name] = self._bound_arg(a, init, bound)
                for k in e.keywords:
                    if k.arg:
                        binding[k.arg] = self._bound_arg(k.value, init, bound)
                return self.class_attr_value(base, attr, binding, depth + 1)
        for b in ci.bases:
            base = self._local_class(b, ci)
            if base is not None:
                n, r = self.class_attr_value(base, attr, bound if init is None else None, depth + 1)
                if n is not None or r is not None:
                    return n, r
        return None, None

    def attr_class(self, ci: ClassInfo, attr: str, bound: dict | None = None, depth: int = 0):
        """The annotation naming the class of `self.<attr>` for an object of class `ci`, where
        __init__ stores a parameter there: the parameter's annotation, or the one a subclass gives
        the parameter it passes on through super().__init__(...) (ComputerBatchTool(inner:
        ComputerTool) -> _BatchTool(inner: Tool): self._inner is a ComputerTool)."""
        if depth > 4:
            return None
        init = ci.methods.get("__init__")
        if init is not None:
            a = init.node.args
            ann = {x.arg: x.annotation for x in a.posonlyargs + a.args + a.kwonlyargs}
            for st in ast.walk(init.node):
                if isinstance(st, (ast.Assign, ast.AnnAssign)) and isinstance(st.value, ast.Name) \
                        and st.value.id in ann and any(
                        isinstance(t, ast.Attribute) and t.attr == attr and isinstance(t.value, ast.Name)
                        and t.value.id == "self" for t in (st.targets if isinstance(st, ast.Assign) else [st.target])):
                    p = st.value.id
                    return (bound or {}).get(p) or ann[p]
            for e in ast.walk(init.node):
                if isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute) and e.func.attr == "__init__" \
                        and isinstance(e.func.value, ast.Call) and isinstance(e.func.value.func, ast.Name) \
                        and e.func.value.func.id == "super" and ci.bases:
                    base = self._local_class(ci.bases[0], ci)
                    if base is None or "__init__" not in base.methods:
                        continue
                    bargs = base.methods["__init__"].node.args
                    names = [x.arg for x in bargs.posonlyargs + bargs.args][1:]
                    mine = lambda v: ((bound or {}).get(v.id) or ann.get(v.id)) if isinstance(v, ast.Name) else None
                    binding = {n: mine(v) for n, v in zip(names, e.args)}
                    binding.update({k.arg: mine(k.value) for k in e.keywords if k.arg})
                    return self.attr_class(base, attr, {k: v for k, v in binding.items() if v is not None}, depth + 1)
        for b in ci.bases:
            base = self._local_class(b, ci)
            if base is not None:
                r = self.attr_class(base, attr, bound if init is None else None, depth + 1)
                if r is not None:
                    return r
        return None

    def delegated_effects(self, ci: ClassInfo, fi: FuncInfo) -> tuple[list, list]:
        """Effects of `self.<attr>.<method>(...)` calls in a tool class's method, where the
        attribute's class is known from the constructor's annotation: a batch or wrapper tool does
        what the tool it delegates to does."""
        fx: list = []
        ext: list = []
        for e in ast.walk(fi.node):
            if not (isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute)
                    and isinstance(e.func.value, ast.Attribute) and isinstance(e.func.value.value, ast.Name)
                    and e.func.value.value.id == "self"):
                continue
            ann = self.attr_class(ci, e.func.value.attr)
            d = self.dotted(ann) if isinstance(ann, (ast.Name, ast.Attribute)) else None
            if not d:
                continue
            local = self.module_scope.defs.get(d)
            if isinstance(local, ClassInfo):
                m = self._method_lookup(local, e.func.attr)
                if m is not None and m is not fi:
                    f2, e2 = self.closure(m)
                    fx += [(x[0], x[1], x[2], (x[3] if len(x) > 3 else 0) + 1) + tuple(x[4:5]) for x in f2]
                    ext += e2
            elif d.split(".", 1)[0] in self.imports:
                ext.append(f"{self.qualify(d)}.{e.func.attr}")
        return fx, ext

    def _bound_arg(self, a, init: FuncInfo, bound: dict | None):
        """An argument a subclass passes to its base's __init__, as (expression, scope): its own
        parameter passed on is what its caller bound to it, or that parameter's default."""
        if isinstance(a, ast.Name) and bound and a.id in bound:
            return bound[a.id]
        if isinstance(a, ast.Name) and isinstance(init.body_scope.assigns.get(a.id), ast.arg):
            d = _param_default_str(init.node, a.id)
            return (ast.Constant(d) if d is not None else a), init.body_scope
        return a, init.body_scope

    def _class_shape(self, ci: ClassInfo, depth: int = 0) -> dict | None:
        """The tool definition the class (or a base of it in this file) serialises itself into."""
        shape = toolclass.api_shape(ci.node)
        if shape is not None or depth > 5:
            return shape
        for base in ci.bases:
            parent = self.module_scope.defs.get(base)
            if isinstance(parent, ClassInfo) and parent is not ci:
                shape = self._class_shape(parent, depth + 1)
                if shape is not None:
                    return shape
        return None

    def _shape_str(self, ci: ClassInfo, e) -> str | None:
        """A string of a tool definition: a literal, a constant, or the class's own attribute (self.name)."""
        if e is None:
            return None
        attr = toolclass.self_attr(e)
        if attr is not None:
            return self._class_attr_str(ci, attr)
        s, _ = self.str_of(e, ci.body_scope)
        return s

    def _shaped_builtin(self, ci: ClassInfo, shape: dict) -> bool:
        """A class whose definition is a provider's built-in ({"type": "bash_20250124", "name":
        "bash"}): that built-in, named as the definition says."""
        if shape["type"] is None:
            return False
        api = self._shape_str(ci, shape["type"])
        if api is None or not catalog.anthropic_builtin_type(api):
            return False
        base = api.rsplit("_", 1)[0]
        if base not in catalog.ANTHROPIC_BUILTIN_CAPS:
            return False
        name = self._shape_str(ci, shape["name"]) or base
        caps, mutating, typed = catalog.ANTHROPIC_BUILTIN_CAPS[base]
        self.builtin_cand(Builtin("anthropic", name, caps, mutating, typed), ci.node.lineno, "builtin_tool_class",
                          extra={"class_name": ci.name})
        return True

    def _anthropic_tool_class(self, ci: ClassInfo) -> bool:
        api = self._class_attr_str(ci, "api_type")
        if api is None:
            # @dataclass class WebSearchServerTool: name = "web_search"; type = "web_search_20250305"
            # (sent as {"type": self.type, "name": self.name}): a known versioned type is specific enough
            api = self._class_attr_str(ci, "type")
            if api is None or not catalog.anthropic_builtin_type(api):
                return False
        base = api.rsplit("_", 1)[0] if catalog.anthropic_builtin_type(api) else api
        if base not in catalog.ANTHROPIC_BUILTIN_CAPS:
            return False
        name = self._class_attr_str(ci, "name") or base
        caps, mutating, typed = catalog.ANTHROPIC_BUILTIN_CAPS[base]
        self.builtin_cand(Builtin("anthropic", name, caps, mutating, typed), ci.node.lineno, "builtin_tool_class",
                          extra={"class_name": ci.name})
        return True

    @staticmethod
    def _calls_run_async(fi: FuncInfo) -> bool:
        return any(isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute) and e.func.attr == "run_async"
                   for e in ast.walk(fi.node))

    def _anthropic_schema_class(self, ci: ClassInfo, init: FuncInfo, n, r) -> bool:
        """super().__init__(name="think", description=..., input_schema={...}) in a tool class:
        the class declares a tool in Anthropic's shape, whatever its (project) base is."""
        for e in ast.walk(init.node):
            if isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute) and e.func.attr == "__init__":
                schema = _kw(e, "input_schema")
                if not isinstance(schema, ast.Dict):
                    return False
                desc, _ = self.str_of(_kw(e, "description"), init.body_scope)
                exec_fn = next((ci.methods[m] for m in _EXEC_METHODS if m in ci.methods), None)
                self.new_cand(name=n, name_ref=r, line=ci.node.lineno, framework="anthropic",
                              style="anthropic.tool_class", schema="json_schema", fn=exec_fn,
                              description=desc or _docstring(ci.node), def_line=ci.node.lineno,
                              extra={"jschema": self.json_schema_info(schema, init.body_scope), "no_params": True,
                                     "class_name": ci.name})
                return True
        return False

    def _init_function_method(self, ci: ClassInfo) -> FuncInfo | None:
        for e in ast.walk(ci.methods["__init__"].node):
            if isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute) and e.func.attr == "__init__":
                f = _kw(e, "function", "func")
                if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "self":
                    return ci.methods.get(f.attr)
        return None

    def _super_init_name(self, init: FuncInfo):
        for e in ast.walk(init.node):
            if isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute) and e.func.attr == "__init__":
                v = _kw(e, "name")
                if v is None and len(e.args) >= 3:
                    v = e.args[2]  # autogen BaseTool(args_type, return_type, name, description)
                if v is not None:
                    n, r = self.name_of(v, init.body_scope)
                    if n is None and r is None and isinstance(v, ast.Name):
                        n = _param_default_str(init.node, v.id)  # def __init__(self, name="weather")
                    return n, r
        return None, None

    def _smol_inputs(self, d: ast.Dict) -> dict:
        out = {"props": [], "blob": False}
        for k, v in zip(d.keys, d.values):
            pn = _const_str(k) if k is not None else None
            if pn is None:
                continue
            t = None
            desc = None
            if isinstance(v, ast.Dict):
                for kk, vv in zip(v.keys, v.values):
                    kn = _const_str(kk) if kk is not None else None
                    if kn == "type":
                        t = _const_str(vv)
                    elif kn == "description":
                        desc = _const_str(vv)
            out["props"].append({"n": pn, "t": t, "d": desc, "sub": False})
        return out

    def ctx_elem(self, e, scope, fw, line, depth, seen, label=""):
        """Turn one expression handed to a model as tools into candidates, or record why not."""
        if e is None or depth > 6:
            return
        key = (id(e), id(scope))
        if key in seen:
            return
        seen.add(key)
        if isinstance(e, (ast.List, ast.Tuple, ast.Set)):
            for el in e.elts:
                self.ctx_elem(el, scope, fw, getattr(el, "lineno", line), depth + 1, seen, label)
            return
        if isinstance(e, ast.Starred):
            self.ctx_elem(e.value, scope, fw, line, depth + 1, seen, label)
            return
        if isinstance(e, ast.BinOp) and isinstance(e.op, ast.Add):
            self.ctx_elem(e.left, scope, fw, line, depth + 1, seen, label)
            self.ctx_elem(e.right, scope, fw, line, depth + 1, seen, label)
            return
        if isinstance(e, ast.IfExp):
            self.ctx_elem(e.body, scope, fw, line, depth + 1, seen, label)
            self.ctx_elem(e.orelse, scope, fw, line, depth + 1, seen, label)
            return
        if isinstance(e, ast.BoolOp):  # tools=tools or [default, tools]
            for v in e.values:
                self.ctx_elem(v, scope, fw, line, depth + 1, seen, label)
            return
        if isinstance(e, ast.Await):
            self.ctx_elem(e.value, scope, fw, line, depth + 1, seen, label)
            return
        if isinstance(e, (ast.ListComp, ast.SetComp, ast.GeneratorExp)):
            # [t for t in tools if ...]: the tools are the iterated ones, filtered or wrapped;
            # next(t for t in tools if t.name == "sql_db_schema"): only the named ones
            names = self._name_filter(e, scope)
            if names is not None:
                self.name_filters.append(names)
                seen = set(seen)  # a pick by name leaves the list to be read again by other picks
            for gen in e.generators:
                self.ctx_elem(gen.iter, scope, fw, line, depth + 1, seen, label)
            if names is not None:
                self.name_filters.pop()
            return
        if isinstance(e, ast.Dict):
            if id(e) not in self.consumed:
                self.hosted_tool_dict(e, scope)
            if id(e) not in self.consumed:
                self.schema_dict_in_tools(e, scope, fw)
            fn = _literal_keys(e).get("function") if id(e) not in self.consumed else None
            if isinstance(fn, (ast.Name, ast.Attribute)) and "type" not in _literal_keys(e):
                # {"function": CodingUtils.list_dir, "name": "list_files", "description": ...} handed to a
                # registration: the function, under the name the record gives (else its own)
                fi = self.resolve_func_expr(fn, scope)
                keys = _literal_keys(e)
                n, r = self.name_of(keys["name"], scope) if "name" in keys else (None, None)
                if isinstance(fi, FuncInfo) and not fi.candidate:
                    n = n if (n or r) else fi.name if "name" not in keys else None
                    if n or r:
                        fw = fw or self.file_framework()
                        self._func_cand(fi, fi.scope, n, r, "langchain" if fw == "langgraph" else fw, "plain_function",
                                        _const_str(keys.get("description")) or _docstring(fi.node), [])
                        return
                elif fi is None and (n or "name" not in keys) and not r:
                    # CodingUtils.list_dir of another module (or of a star import): read there, under this name
                    before = len(self.refs)
                    self.ctx_elem(fn, scope, fw, line, 7 - 1, set(), label)
                    for ref in self.refs[before:]:
                        ref["reg"] = True
                        if n:
                            ref["as"] = dict(ref.get("as") or {}, name=n)
                    if len(self.refs) > before:
                        return
                self.unresolved_site(e, label, line, "tool record parr cannot read")
                return
            if isinstance(fn, ast.Name) and fn.id in self.imports and self.lookup(scope, fn.id)[0] is None:
                # {"type": "function", "function": RENDER_TOOL_SCHEMA} with the definition imported
                # from another module: a tool parr cannot read (it may not stay silent)
                self.unresolved_site(e, label, line, "function definition parr cannot read")
            return
        if isinstance(e, ast.Constant) or isinstance(e, ast.JoinedStr):
            return  # None, a hosted tool's name, an empty value: nothing hidden
        if isinstance(e, (ast.Call, ast.Subscript)) and self._config_key(e, scope, line, label):
            return
        if isinstance(e, ast.Name):
            v, vscope = self.lookup(scope, e.id)
            if isinstance(v, FuncInfo):
                v = self._defined_before(v, scope, e)
                self.plain_function(v, fw)
                self._crew_handed(v, fw)
                return
            if isinstance(v, ClassInfo):
                self.class_in_tools(v, fw, line, label, e)
                return
            if isinstance(v, ast.arg):
                return  # a parameter: the caller's own tools= or list is where they are read
            if v is None:
                if e.id in self.imports:
                    self.ext_ctx_ref(self.imports[e.id], line, fw, self._handing_site(e, label, line))
                elif self.star_import and e.id not in _BUILTIN_NAMES:
                    self.star_ref(e, label, line, fw)
                elif e.id not in _BUILTIN_NAMES and not label.endswith((".append(", ".extend(", ".insert(")):
                    # bound by a loop, an unpacking or at run time: tools parr cannot name, not none
                    # (a list being built, `tools.append(t)`, is only a candidate: its use is the site)
                    self.unresolved_site(e, label, line, "tools bound to a name at run time (a loop variable or an unpacking)")
                return
            if isinstance(v, ast.AST):
                self.ctx_elem(v, vscope, fw, line, depth + 1, seen, label)
            return
        if isinstance(e, ast.Attribute):
            fi = self.resolve_func_expr(e, scope)
            if fi is not None:
                if not fi.candidate:
                    self.plain_function(fi, fw)
                self._crew_handed(fi, fw)
                return
            ref = self.ext_ref_of(e)
            if ref:
                self.ext_ctx_ref(ref, line, fw, self._handing_site(e, label, line))
                return
            if isinstance(e.value, ast.Name) and self.star_import and self.star_modules and all(self.star_modules) \
                    and self.lookup(scope, e.value.id)[0] is None and e.value.id[:1].isupper():
                # FinnHubUtils.get_company_profile with the class from `from pkg import *`: resolve finds
                # the class in the star-imported modules and reads its function there (or a site)
                site = self._handing_site(e, label, line)
                self.refs.append({"target": f"{self.star_modules[-1]}.{e.value.id}", "line": line, "framework": fw,
                                  "site": site["call"] if site else _shorten(_short_source(e), 70),
                                  "stars": list(self.star_modules), "attr": e.attr, "bound": True})
                return
            held = self._self_values(e, scope)
            if held:
                # tools=self.tools: whatever the class's methods put there (self.tools = [...],
                # self.tools = toolkit.get_tools(), self.tools.extend([...]))
                for value, vscope in held:
                    self.ctx_elem(value, vscope, fw, getattr(value, "lineno", line), depth + 1, seen, label)
                return
            head = e.value
            while isinstance(head, ast.Attribute):
                head = head.value
            if isinstance(head, ast.Name) and head.id not in ("self", "cls"):
                bound, _ = self.lookup(scope, head.id)
                if isinstance(bound, ast.Await):
                    bound = bound.value  # tools = await client.tools(); tools.standard_tools: the call's
                if isinstance(bound, ast.Call) and id(bound) in self.builtin_agent_calls and e.attr == "tools":
                    return  # DeepResearchAgent(...).tools: its built-in tools, read where it is built
                cname = self._ctor_of(head.id, scope) if head is e.value and isinstance(bound, ast.Call) else None
                if cname and cname.split(".", 1)[0] in self.imports and cname.rsplit(".", 1)[-1][:1].isupper() \
                        and not self.fw_of_qual(self.qualify(cname)):
                    # plugin.get_ticket with plugin = TicketingPlugin() of another module of the project:
                    # a bound method, read in that module (resolve reports it there, or the site)
                    ref = {"target": f"{self.qualify(cname)}.{e.attr}", "line": line, "framework": fw, "bound": True}
                    site = self._handing_site(e, label, line)
                    if site is not None:
                        ref["site"] = site["call"]
                    self.refs.append(ref)
                    return
                if isinstance(bound, ast.Call) and id(bound) not in self.consumed:
                    # search.run where search = SomeWrapper(...): a method of an object parr cannot read
                    self.unresolved_site(e, label, line, "attribute of an object parr cannot read")
            return
        if isinstance(e, ast.Subscript):
            inner = e.value
            if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute) and inner.func.attr == "to_tool_list":
                idx = e.slice
                spec = self.toolspec_tools(inner, scope)
                if spec and spec[1] and isinstance(idx, ast.Constant) and isinstance(idx.value, int) \
                        and -len(spec[1]) <= idx.value < len(spec[1]):
                    self.builtin_cand(spec[1][idx.value], e.lineno, "ToolSpec.to_tool_list")
                elif spec is None or (spec[0] and not spec[1]):
                    self.ctx_elem(inner, scope, fw, line, depth + 1, seen, label)  # the site its list gets
                return
            if isinstance(e.slice, ast.Slice):  # tools[:3]: some of the tools of a list
                self.ctx_elem(inner, scope, fw, line, depth + 1, seen, label)
            elif isinstance(inner, ast.Name) and isinstance(e.slice, ast.Constant):
                held, held_scope = self.lookup(scope, inner.id)  # REGISTRY["search"]: that entry
                if isinstance(held, ast.Dict):
                    for key, value in zip(held.keys, held.values):
                        if isinstance(key, ast.Constant) and key.value == e.slice.value:
                            self.ctx_elem(value, held_scope, fw, line, depth + 1, seen, label)
                elif isinstance(held, (ast.List, ast.Tuple)) and isinstance(e.slice.value, int) \
                        and -len(held.elts) <= e.slice.value < len(held.elts):
                    self.ctx_elem(held.elts[e.slice.value], held_scope, fw, line, depth + 1, seen, label)
            return
        if isinstance(e, ast.Call):
            d = self.dotted(e.func) or ""
            last = d.rsplit(".", 1)[-1]
            if last == "to_tool_list":
                spec = self.toolspec_tools(e, scope)
                if spec is None:
                    self.unresolved_site(e, label, line, "tool spec parr does not know")
                elif spec[0] and not spec[1]:
                    self.unresolved_site(e, label, line, f"llama-index tool spec {spec[0]} makes its tools at run time")
                else:
                    for b in spec[1]:
                        self.builtin_cand(b, e.lineno, "ToolSpec.to_tool_list")
                return
            if id(e) in self.consumed:
                return
            q = self.qualify(d)
            if last == "tool" and self.fw_of_qual(q) in ("langchain", "langgraph") and len(e.args) == 1 \
                    and isinstance(e.args[0], ast.Name) and e.args[0].id[:1].isupper():
                # tool(ResearchComplete): a pydantic model offered as a tool, its schema is all there is;
                # the model's call is data handed back to the graph, not an action of its own
                schema_cls, _ = self.lookup(scope, e.args[0].id)
                self.new_cand(name=e.args[0].id, line=e.lineno, framework="langchain",
                              style="langchain.tool_from_schema", schema="pydantic", typed=True,
                              description=_docstring(schema_cls.node) if isinstance(schema_cls, ClassInfo) else None,
                              extra={"no_params": True})
                self.consumed.add(id(e))
                return
            named = _kw(e, "name")
            if last in _TOOL_MAKERS and named is not None and self.str_of(named, scope) == (None, None) \
                    and self.self_attr_str(named, scope) is None and q not in self.project_quals \
                    and not isinstance(self.module_scope.defs.get(d), ClassInfo):
                # (a class of this project that shares a framework maker's name, ToolSpec, is read as
                # the project's own definition: definition_call)
                # Tool(name=config.tool_name, func=...): a tool whose name is made at run time
                self.unresolved_site(e, label, line, "tool name made at run time")
                return
            if isinstance(e.func, ast.Attribute) and any(h(self, e, scope, label, line)
                                                         for h in frameworks.LIST_HOOKS.get(last, ())):
                return  # await workspace.list_tools(): the framework object's tools, read by its family
            if isinstance(e.func, ast.Attribute) and last in frameworks.TOOLKIT_METHODS and not e.args:
                kit = self._toolkit_of(e.func.value, scope)
                if kit is not None:
                    self.toolkit_cands(e, kit, label, line, scope)
                    return
            if last in frameworks.LOADERS and self.loader_cands(e, last, q, scope, label, line):
                return
            real = q.rsplit(".", 1)[-1] if q else last  # the class's own name, also when imported under another
            if real in frameworks.CONFIGURED_TOOLKITS and self.configured_toolkit_cands(e, real, q, scope, label, line):
                return
            if last in frameworks.TOOL_ADAPTERS and frameworks.TOOL_ADAPTERS[last] == self.fw_of_qual(q) \
                    and (e.args or _kw(e, "langchain_tool", "tool")):
                # LangChainToolAdapter(search): the wrapped tool is what the model gets
                inner = e.args[0] if e.args else _kw(e, "langchain_tool", "tool")
                self.ctx_elem(inner, scope, fw, line, depth + 1, seen, label)
                return
            toolset = frameworks.BUILTIN_TOOLSETS.get(last, {}).get(self.fw_of_qual(q) or "")
            if toolset is not None and q not in self.project_quals:
                # SkillToolset(store), E2BToolset(sandbox): the fixed tools the toolset hands the model
                rename = _kw(e, frameworks.TOOLSET_NAME_KWS[last]) if last in frameworks.TOOLSET_NAME_KWS else None
                renamed = self.str_of(rename, scope)[0] if rename is not None else None
                if rename is not None and renamed is None:
                    self.unresolved_site(e, label, line, "tool name made at run time")
                    self.consumed.add(id(e))
                    return
                for b in toolset:
                    self.builtin_cand(b, e.lineno, "builtin_toolset", name=renamed, home=q)
                self.consumed.add(id(e))
                return
            b = self.builtin_for(last, q, d.split(".", 1)[0], scope)
            if b is None and isinstance(e.func, ast.Attribute) and _ALT_CONSTRUCTOR.match(last) and "." in d:
                # GlobalSearchTool.from_settings(...), AzureAISearchTool.create_vector_search(...):
                # a class method that builds the built-in tool, an instance of that class
                cls_d = d.rsplit(".", 1)[0]
                if cls_d.rsplit(".", 1)[-1][:1].isupper():
                    b = self.builtin_for(cls_d.rsplit(".", 1)[-1], self.qualify(cls_d), cls_d.split(".", 1)[0], scope)
            if b is not None and b.site:
                self.unresolved_site(e, label, line, b.site)
                self.consumed.add(id(e))
                return
            if b is not None:
                # ShellTool(..., needs_approval=True): hosted and built-in tools take the same gate.
                approval = any(k.arg == "needs_approval" and not (isinstance(k.value, ast.Constant) and not k.value.value)
                               for k in e.keywords)
                named = _const_str(_kw(e, "name"))  # VertexAiRagRetrieval(name="retrieve_docs", ...)
                if not b.name and not named:
                    # a built-in named by its caller (autogen_ext HttpTool(name, ...)): keyword or first argument
                    named, ref = self.str_of(_kw(e, "name") or (e.args[0] if e.args else None), scope)
                    if not named:
                        self.unresolved_site(e, label, line, "tool name made at run time")
                        self.consumed.add(id(e))
                        return
                self.builtin_cand(b, e.lineno, "builtin_tool_instance", name=named,
                                  gates=("needs_approval",) if approval else (), home=q)
                self.consumed.add(id(e))
                return
            if d == "next" and e.args and isinstance(e.args[0], ast.GeneratorExp):
                self.ctx_elem(e.args[0], scope, fw, line, depth + 1, seen, label)  # the first tool it yields
                return
            if e.args and last in frameworks.WRAPPER_CALLS.get(self.fw_of_qual(q) or "", ()):
                self.ctx_elem(e.args[0], scope, fw, line, depth + 1, seen, label)  # NativeTool(WebSearchTool())
                return
            if d in ("cast", "typing.cast") and len(e.args) == 2:
                self.ctx_elem(e.args[1], scope, fw, line, depth + 1, seen, label)  # cast(Tool, local): the value
                return
            if (last in _LIST_BUILTINS and "." not in d) or d in ("copy.copy", "copy.deepcopy", "deepcopy"):
                for a in e.args:  # list(tools), sorted(tools, key=...), copy(tool): the same tools
                    self.ctx_elem(a, scope, fw, line, depth + 1, seen, label)
                return
            if isinstance(e.func, ast.Attribute) and last in ("values", "copy") and not e.args:
                # REGISTRY.values(), BASE.copy(): the tools a dict or list of this file holds
                receiver = e.func.value
                if isinstance(receiver, ast.Name):
                    held, held_scope = self.lookup(scope, receiver.id)
                    if isinstance(held, ast.Dict):
                        for value in held.values:
                            self.ctx_elem(value, held_scope, fw, line, depth + 1, seen, label)
                        return
                self.ctx_elem(receiver, scope, fw, line, depth + 1, seen, label)
                return
            if _kw(e, "tools") is not None or last in ("get", "getattr", "pop") or \
                    0 <= _CTX_POSITIONAL.get(last, -1) < len(e.args):
                # tool_namespace(tools=[...]): its own tools= is read as a context of its own;
                # settings.get("tools"): tools made elsewhere, passed along like a parameter
                return
            if self.definition_call(e, scope, fw, line, label):
                return
            cls_name = e.func.id if isinstance(e.func, ast.Name) else None
            bound = self.lookup(scope, cls_name)[0] if cls_name else None
            if isinstance(bound, ClassInfo):
                # SearchTool(): an instance of a class of this file, a tool when the class rules found it
                if self.object_method_tools(bound, fw):
                    return
                if not any(c.get("class_name") == bound.name for c in self.cands) \
                        and not any(r.get("holder") == bound.name for r in self.reg_sites):
                    # (a class registering objects of a project class hierarchy: resolve reads them, or
                    # reports the registration as a site)
                    self.unresolved_site(e, label, line, "instance of a class parr does not read as a tool")
                return
            if cls_name and bound is None and cls_name in self.imports and cls_name[:1].isupper():
                self.ext_ctx_ref(self.imports[cls_name], line, fw, self._handing_site(e, label, line), instance=True)
                return
            if cls_name and bound is None and cls_name in self.imports:
                # get_all_tools(config) from another module: read there if it returns a tool list
                self.ext_ctx_ref(self.imports[cls_name], line, fw, self._handing_site(e, label, line), call=True)
                return
            ref = self.ext_ref_of(e.func) if isinstance(e.func, ast.Attribute) else None
            if ref:
                # ExaSearchTool.tools(), tools_module.build(): read in the module that defines it
                self.ext_ctx_ref(ref, line, fw, self._handing_site(e, label, line), call=True)
                return
            if isinstance(e.func, ast.Attribute) and isinstance(e.func.value, ast.Name):
                # tool_collection.to_params(), toolkit.get_tools(): tools an object of a project class
                # hands out; read with the class when the method returns its own definition, its
                # members' definitions or one tool per entry of a definition list
                cname = self._ctor_of(e.func.value.id, scope)
                held = self.lookup(scope, cname)[0] if cname and "." not in cname else None
                if isinstance(held, ClassInfo):
                    method = self._method_lookup(held, e.func.attr)
                    if method is not None and self._returns_tools(method):
                        return
                elif cname and cname.split(".", 1)[0] in self.imports and cname.rsplit(".", 1)[-1][:1].isupper() \
                        and not self.fw_of_qual(self.qualify(cname)):
                    made = len(self.refs)
                    self.ext_ctx_ref(f"{self.qualify(cname)}.{e.func.attr}", line, fw, self._handing_site(e, label, line),
                                     call=True)
                    if len(self.refs) > made:
                        # a class from outside the project: the same site as any unreadable call
                        self.refs[-1]["miss_reason"] = "tools made by a call parr cannot read"
                    return
            # list returned by a local factory: tools=get_tools()
            fi = self.resolve_func_expr(e.func, scope)
            if fi is not None and fi.returns:
                for rv in fi.returns:
                    self.ctx_elem(rv, fi.body_scope, fw, getattr(rv, "lineno", line), depth + 1, seen, label)
                return
            if fi is not None and (self._returns_declared_tool(fi) or self._returns_made_list(fi)):
                return  # self.build_order_tool(items): the tool it makes and returns is read where it is declared
            self.unresolved_site(e, label, line, "tools made by a call parr cannot read")
            return
        self.unresolved_site(e, label, line, "unknown element")

    def _described(self, fi: FuncInfo, entry: dict) -> None:
        """What a function's facts entry says of it for a tool made from it in another file: its
        docstring, parameters, and whether it only computes a number (a calculator)."""
        doc = _docstring(fi.node)
        if doc is not None:
            entry["doc"] = doc
        params = self.params_of(fi, "plain_function")
        if params:
            entry["params"] = compact_params(params)
        if _computes_only(fi):
            entry["arith"] = True

    def _plain_bases(self, ci: ClassInfo, depth: int = 0) -> bool:
        """A plain class: no bases but `object` and ABC, or only plain classes of this file or of this
        module's own package (`core.agent_builder.base.BaseBuilder` for `core.agent_builder.multimodal`),
        never a framework's, a schema's, an enum's or an exception's."""
        own_root = self.module.split(".", 1)[0]
        for b in ci.bases:
            if b in ("object", "ABC", "abc.ABC") or depth > 4:
                continue
            v = self.module_scope.defs.get(b)
            if isinstance(v, ClassInfo) and v is not ci:
                if not self._plain_bases(v, depth + 1):
                    return False
                continue
            last = b.rsplit(".", 1)[-1]
            if "." not in b or b.split(".", 1)[0] != own_root or self.fw_of_qual(b) \
                    or last in _SCHEMA_BASES | _ENUM_BASES or last.endswith(("Error", "Exception")):
                return False
        return True

    def _bound_method_facts(self, fi: FuncInfo, entry: dict) -> bool:
        """A public method of a plain class (a plugin object, no base class): what another file needs
        to report it when it hands `obj.method` (a bound method) to a model as a tool, and, for a
        method that returns a list of its own bound methods (`return [self.get, self.create]`), their
        names (`plugin.get_functions()` in another file's tools=)."""
        if not self._plain_bases(fi.cls) or fi.name.startswith("_") or fi.is_static:
            return False
        own = [el.attr for rv in fi.returns if isinstance(rv, (ast.List, ast.Tuple))
               for el in rv.elts if isinstance(el, ast.Attribute) and isinstance(el.value, ast.Name)
               and el.value.id == "self"]
        if own:
            entry["self_tools"] = own
        self._described(fi, entry)
        entry["bound"] = True
        return True

    def _returns_declared_tool(self, fi: FuncInfo) -> bool:
        """A builder that returns one tool declared in its own body: a decorated inner function
        (`@function_tool() async def order(...)` ... `return order`) or a tool factory call parr read
        (`return function_tool(handler, name=...)`). That tool is already reported, once, where it is
        declared, however many times the builder is called."""
        body = fi.body_scope
        rets = fi.ret_values
        if not rets or None in rets:
            return False
        for rv in rets:
            if isinstance(rv, ast.Name) and body is not None:
                inner = body.defs.get(rv.id)
                if isinstance(inner, FuncInfo) and inner.candidate:
                    continue
                bound = body.assigns.get(rv.id)
                if isinstance(bound, ast.Call) and id(bound) in self.consumed:
                    continue
            if isinstance(rv, ast.Call) and id(rv) in self.consumed:
                continue
            return False
        return True

    def _returns_tools(self, fi: FuncInfo) -> bool:
        """The function hands back a tool list read here: a list named like tools (read as a
        context where it is built), or a literal list of tools declared in this file; or it is a
        tool class's to_params() (its definition, read with the class) or a collection's (its
        members' definitions, each read with its class)."""
        if fi.cls is not None and (toolclass.serialises_members(fi.node) or toolclass.serialises_self(fi.node)
                                   or self._returns_made_tools(fi)):
            return True
        for rv in fi.returns:
            if isinstance(rv, ast.Name) and _TOOLS_VAR.search(rv.id):
                return True
            if isinstance(rv, (ast.List, ast.Tuple)) and rv.elts and all(
                    (f := self.resolve_func_expr(el, fi.body_scope)) is not None and f.candidate for el in rv.elts):
                return True
        if self._returns_made_list(fi):
            return True
        return self._returns_declared_tool(fi)

    def _returns_made_list(self, fi: FuncInfo) -> bool:
        """return [FunctionTool.from_defaults(fn=fn) for fn in fns]: a list of tools a maker read here made."""
        return any(isinstance(rv, (ast.ListComp, ast.GeneratorExp)) and id(rv.elt) in self.consumed
                   for rv in fi.ret_values or ())

    def class_in_tools(self, ci: ClassInfo, fw, line: int, label: str, e) -> None:
        """A class listed as a tool: a tool class the class rules read, a pydantic model or
        TypedDict the framework turns into a schema-only tool (bind_tools([NewEmailDraft])), or a
        class parr cannot read as a tool."""
        if any(c.get("class_name") == ci.name for c in self.cands):
            return
        if self.object_method_tools(ci, fw):
            return
        if {b.rsplit(".", 1)[-1] for b in ci.bases} & _SCHEMA_BASES:
            self.schema_class_tool(ci, fw)
            return
        if ci.bases:
            self.unresolved_site(e, label, line, "class parr does not read as a tool")

    def object_method_tools(self, ci: ClassInfo, fw) -> bool:
        """An object (or class) of a plain class of this file in a tools list of a family that makes
        every public method a tool (Upsonic): those methods, by their names, each judged by its own
        body. Only bound methods count (a staticmethod or property is none); methods its bases of
        this file define are the object's too. False when the family has no such rule, or the class
        is a tool class the class rules read."""
        style = frameworks.OBJECT_METHODS_STYLE.get(fw or "")
        if style is None or any(c.get("class_name") == ci.name for c in self.cands) or ci.claimed:
            return False
        seen: set[str] = set()
        for c in model_fields_chain(self, ci):
            for name, fi in c.methods.items():
                if name.startswith("_") or name in seen:
                    continue
                seen.add(name)
                if any(d.rsplit(".", 1)[-1] in ("staticmethod", "property", "cached_property") or d.endswith(".setter")
                       for d in fi.decorators):
                    continue
                if not fi.candidate:
                    self._func_cand(fi, c.body_scope, name, None, fw, style, _docstring(fi.node), [])
        return True

    def schema_class_tool(self, ci: ClassInfo, fw) -> None:
        if any(c.get("class_name") == ci.name and c.get("style", "").endswith("schema_class") for c in self.cands):
            return
        fw = fw or self.file_framework(("langchain", "openai", "anthropic"))
        if fw == "langgraph":
            fw = "langchain"
        # Its schema is all there is: the model's call is data handed back to the code, which acts on it.
        self.new_cand(name=ci.name, line=ci.node.lineno, framework=fw if fw != "unknown" else "langchain",
                      style="langchain.schema_class", schema="pydantic", typed=True,
                      description=_docstring(ci.node), def_line=ci.node.lineno,
                      extra={"no_params": True, "class_name": ci.name})

    def _site(self, e, label: str, line: int, text: str | None = None) -> dict:
        if text is None:
            text = _shorten(_short_source(e), 70)
            if label:
                context = label + ("...)" if label.endswith("(") or (label.endswith("=") and "(" in label) else "[...]")
                text = f"{text} in {context}"
        return {"line": line, "call": _shorten(text, 140)}

    def _handing_site(self, e, label: str, line: int) -> dict | None:
        """The site of an element handed over, or None where an element parr cannot read is no
        tool to report: see _quiet."""
        return None if self._quiet(e, label) else self._site(e, label, line)

    @staticmethod
    def _quiet(e, label: str) -> bool:
        """middleware=[...], capabilities=[...] (a framework's TOOL_KWS): they hold objects that
        shape the run (summaries, retries, approvals), of which only the built-ins parr knows give
        the model tools; one of the project's own or of another package is a site only when its
        source names a tool."""
        kw = label.rsplit("(", 1)[-1].rstrip("=") if label.endswith("=") else ""
        return kw in _QUIET_KWS and not _TOOLISH.search(_short_source(e) if e is not None else "")

    def star_ref(self, e: ast.Name, label: str, line: int, fw) -> None:
        """A name handed over that only a star import can bind (`from configs.tools import *`):
        resolve looks it up in the star-imported project modules, last import first as Python
        binds it; where none of them is scanned or defines it, it stays a site (fail closed)."""
        before = len(self.unresolved)
        self.unresolved_site(e, label, line, "name from a star import")
        if len(self.unresolved) == before or not self.star_modules or not all(self.star_modules) \
                or e.id.startswith("_"):
            return  # quiet, already a site, or a star import parr cannot name: the site stays
        site = self.unresolved.pop()
        self.refs.append({"target": f"{self.star_modules[-1]}.{e.id}", "line": line, "framework": fw,
                          "site": site["call"], "stars": list(self.star_modules)})

    def unresolved_site(self, e, label: str, line: int, reason: str, text: str | None = None) -> None:
        if self._quiet(e, label):
            return
        if label.endswith(" = ") or label.endswith(".append(") or label.endswith(".extend("):
            # A list merely named like tools (called_tools.append(name)): only what mentions a
            # tool is a tool handed over; tools=, bind_tools(...) and registrations are plain.
            if not _TOOLISH.search(_short_source(e) if e is not None else text or ""):
                return
        site = dict(self._site(e, label, line, text), reason=reason)
        if site not in self.unresolved:
            self.unresolved.append(site)

    def definition_call(self, e: ast.Call, scope, fw, line: int, label: str) -> bool:
        """Def(name=..., description=..., schema={...}) handed over as a tool: a project's own
        provider-neutral definition (a plain class of name, description and JSON schema) that a
        converter turns into each provider's tool schema by reading those fields. Named by a literal,
        it is the tool here. Made in a loop over a module-level table, `for cmd, spec in
        TABLE.items(): tools.append(Def(name=cmd.value, schema=spec.schema))`, it is one tool per
        entry of the table, reported at the entry and named by its key (or by the entry's own
        `name=` for `name=spec.name`): resolve reads the table where it is defined."""
        named = _kw(e, "name")
        schema = _kw(e, *_DEF_SCHEMA_KWS)
        if named is None or schema is None or self.fw_of_qual(self.qualify(self.dotted(e.func))):
            return False  # (a framework's own class is read by its family)
        if isinstance(schema, ast.Dict):
            if not _json_object_schema(schema):
                return False
            n, r = self.name_of(named, scope)
            if not (n or r):
                return False
            self.new_cand(name=n, name_ref=r, line=e.lineno, framework=fw or "unknown",
                          style="project.tool_definition", schema="json_schema",
                          description=self.str_of(_kw(e, "description"), scope)[0],
                          extra={"jschema": self.json_schema_info(schema, scope)})
            self.consumed.add(id(e))
            return True
        loop = self._table_loop(e, scope)
        if loop is None:
            return False
        table, key_var, val_var = loop
        if not (isinstance(schema, ast.Attribute) and isinstance(schema.value, ast.Name) and schema.value.id == val_var):
            return False  # the schema is not the entry's: not the table's definitions
        base = named.value if isinstance(named, ast.Attribute) and named.attr in ("value", "name") else named
        if isinstance(base, ast.Name) and base.id == key_var:
            by = "key"
        elif isinstance(named, ast.Attribute) and isinstance(named.value, ast.Name) and named.value.id == val_var:
            by = "own"
        else:
            return False
        site = self._handing_site(e, label, line)
        self.deftable_refs.append({"table": table, "by": by, "attr": schema.attr, "line": line,
                                   "framework": fw, "site": site["call"] if site else None})
        self.consumed.add(id(e))
        return True

    def _table_loop(self, e: ast.Call, scope) -> tuple[str, str, str] | None:
        """(qualified table, key variable, value variable) of the `for k, v in TABLE.items()` loop
        around `e`, TABLE a module-level name of this file or an imported one."""
        root = scope.func.node if scope.func is not None else self.tree
        for node in ast.walk(root):
            if type(node) not in (ast.For, ast.AsyncFor) or not isinstance(node.target, ast.Tuple) \
                    or len(node.target.elts) != 2 or not all(isinstance(x, ast.Name) for x in node.target.elts):
                continue
            it = node.iter
            if not (isinstance(it, ast.Call) and not it.args and isinstance(it.func, ast.Attribute)
                    and it.func.attr == "items" and isinstance(it.func.value, ast.Name)):
                continue
            if not any(x is e for st in node.body for x in ast.walk(st)):
                continue
            t = it.func.value.id
            if t in self.module_scope.assigns and self.lookup(scope, t)[1] is self.module_scope:
                table = f"{self.module}.{t}" if self.module else t
            elif t in self.imports and self.lookup(scope, t)[0] is None:
                table = self.imports[t]
            else:
                return None
            return table, node.target.elts[0].id, node.target.elts[1].id
        return None

    def _action_types(self) -> dict:
        """Module-level classes of a discriminated union of actions, `class ClickAction(BaseAction):
        type: Literal["click"] = "click"`: class -> the literal its `type` field holds."""
        out = {}
        if "Literal" not in self.text:
            return out
        for ci in self.classes:
            if ci.scope is not self.module_scope:
                continue
            for st in ci.node.body:
                if isinstance(st, ast.AnnAssign) and isinstance(st.target, ast.Name) and st.target.id == "type" \
                        and isinstance(st.annotation, ast.Subscript) and _ann_name(st.annotation.value) == "Literal":
                    sl = st.annotation.slice
                    elts = sl.elts if isinstance(sl, ast.Tuple) else [sl]
                    if len(elts) == 1 and _const_str(elts[0]) is not None:
                        out[ci.name] = _const_str(elts[0])
        return out

    def _action_cases(self) -> dict:
        """What an executor does for each kind of action: `match action.type: case "double_click":
        page.mouse.dblclick(...)`: literal -> {fx, ext} of that case's calls (and the helpers they
        reach), for a tool whose dispatch branch only builds an action of that type (resolve)."""
        out: dict = {}
        if ".type" not in self.text or not _MATCH_ON_TYPE.search(self.text):
            return out
        for fi in self.funcs:
            if fi.body_scope is None:
                continue
            for node in mcp_dispatch.walk_own(fi.node.body):
                if not (isinstance(node, ast.Match) and isinstance(node.subject, ast.Attribute)
                        and node.subject.attr == "type"):
                    continue
                for case in node.cases:
                    pats = case.pattern.patterns if isinstance(case.pattern, ast.MatchOr) else [case.pattern]
                    lits = [_const_str(pt.value) for pt in pats if isinstance(pt, ast.MatchValue)]
                    if not lits or None in lits or case.guard is not None:
                        continue
                    calls = [n for n in mcp_dispatch.walk_own(case.body) if isinstance(n, ast.Call)]
                    fx, ext = self.closure(self._calls_as_body(fi, calls)) if calls else ([], [])
                    for lit in lits:
                        entry = out.setdefault(lit, {"fx": [], "ext": []})
                        entry["fx"] += [list(x) for x in _dedupe(fx) if list(x) not in entry["fx"]][:30]
                        entry["ext"] = sorted(set(entry["ext"]) | set(ext))[:30]
        return out

    def _definition_tables(self) -> dict:
        """Module-level tables of tool definitions, `TABLE = {Cmd.SEARCH: Def(name="search",
        description=..., schema={...}), ...}`: per entry its key's name (a literal, or a reference
        resolve reads), its own name, line, description and schema; read by resolve when a loop
        elsewhere makes one tool of each entry (definition_call)."""
        out = {}
        if "name=" not in self.text:
            return out
        for t, v in self.module_scope.assigns.items():
            if not isinstance(v, ast.Dict) or not v.values or None in v.keys:
                continue
            entries = []
            for k, d in zip(v.keys, v.values):
                schema = _kw(d, *_DEF_SCHEMA_KWS) if isinstance(d, ast.Call) else None
                if not isinstance(schema, ast.Dict) or _kw(d, "name") is None or not _json_object_schema(schema):
                    entries = None
                    break
                kn, kr = self.name_of(k, self.module_scope)
                entries.append({"key": kn, "key_ref": kr, "own": self.str_of(_kw(d, "name"), self.module_scope)[0],
                                "line": d.lineno, "description": self.str_of(_kw(d, "description"), self.module_scope)[0],
                                "jschema": self.json_schema_info(schema, self.module_scope)})
            if entries:
                out[t] = entries
        return out

    def schema_dict_in_tools(self, d: ast.Dict, scope, fw) -> None:
        """{"name": ..., "description": ..., "parameters": {...}} handed over as a tool: LangChain's
        bind_tools and similar converters take a bare function schema (no "type": "function")."""
        keys = _literal_keys(d)
        if "name" not in keys or "type" in keys or not (
                "parameters" in keys or "input_schema" in keys or "parameter_definitions" in keys):
            return
        n, r = self.name_of(keys["name"], scope)
        if not (n or r):
            return  # {"name": spec["name"], ...}: code translating tools it was given into API dicts
        fw = fw or self.file_framework(("langchain", "openai", "anthropic"))
        if fw == "langgraph":
            fw = "langchain"
        self.consumed.add(id(d))
        self.new_cand(name=n, name_ref=r, line=d.lineno, framework=fw if fw != "unknown" else "openai",
                      style="function_schema_dict", schema="json_schema",
                      description=_const_str(keys.get("description")),
                      extra={"jschema": provider_sdks.cohere_v1_schema(keys["parameter_definitions"])
                             if "parameter_definitions" in keys else
                             self.json_schema_info(keys.get("parameters") or keys.get("input_schema"), scope)})

    def hosted_tool_dict(self, d: ast.Dict, scope) -> None:
        """{"type": "code_interpreter"} and the other OpenAI hosted tools in a tools list (and
        xAI's own, {"type": "x_search"}, which its OpenAI-shaped Responses API takes beside them)."""
        keys = _literal_keys(d)
        kind = _const_str(keys.get("type"))
        table = OPENAI_HOSTED_TYPES if kind in OPENAI_HOSTED_TYPES else XAI_HOSTED_TYPES
        if kind not in table or "function" in keys:
            return
        mutating, typed, caps = table[kind]
        name = kind
        if kind == "mcp":
            label = _const_str(keys.get("server_label"))
            name = label or "mcp"
        self.consumed.add(id(d))
        self.builtin_cand(Builtin("openai" if table is OPENAI_HOSTED_TYPES else "xai", name, caps, mutating, typed),
                          d.lineno, "builtin_tool")

    def toolspec_tools(self, call: ast.Call, scope):
        """`spec.to_tool_list(spec_functions=[...])`: (class, the built-in tools it hands out, only
        the named ones when spec_functions= names them) for a llama-index-tools-* spec; no tools
        for one that makes them at run time; ("", []) for a spec class of this file (its methods
        are read with the class); None when parr cannot tell. The import decides: a class of the
        same name from elsewhere is not the package's."""
        recv = call.func.value if isinstance(call.func, ast.Attribute) else None
        ctor = None
        if isinstance(recv, ast.Call):
            ctor = recv
        elif isinstance(recv, ast.Name):
            v, _ = self.lookup(scope, recv.id)
            if isinstance(v, ast.Call):
                ctor = v
            elif isinstance(v, ast.arg) and isinstance(v.annotation, (ast.Name, ast.Attribute)):
                ctor = ast.Call(func=v.annotation, args=[], keywords=[])  # def build(spec: GmailToolSpec)
        d = self.dotted(ctor.func) if ctor is not None else None
        if not d:
            return None
        last = d.rsplit(".", 1)[-1]
        head = d.split(".", 1)[0]
        if "." not in d and isinstance(self.lookup(scope, head)[0], ClassInfo):
            return "", []  # a ToolSpec class of this file: the class rules read its spec functions
        q = self.qualify(d)
        last = q.rsplit(".", 1)[-1] if q else last  # its own name, also when imported under another
        table = _llamaindex.HUB_TOOLSPECS if q and q.startswith("llama_hub.") else frameworks.TOOLSPECS
        if last not in table or q in self.project_quals or self.fw_of_qual(q) != "llama-index":
            return None
        tools = list(table[last])
        chosen = _kw(call, "spec_functions")
        if isinstance(chosen, ast.Name):
            chosen = self.lookup(scope, chosen.id)[0]
        if isinstance(chosen, (ast.List, ast.Tuple)):
            names = [_const_str(x.elts[0] if isinstance(x, ast.Tuple) and x.elts else x) for x in chosen.elts]
            if None not in names and set(names) <= {b.name for b in tools}:
                tools = [b for b in tools if b.name in names]
            else:  # a method parr has no entry for, or a name it cannot read: its effects are unknown
                return None
        return last, tools

    def _self_values(self, e, scope) -> list:
        """What a method's `self.<attr>` holds: the values the class's methods put there."""
        if not (isinstance(e, ast.Attribute) and isinstance(e.value, ast.Name) and e.value.id == "self"
                and scope.func is not None and scope.func.cls is not None):
            return []
        return scope.func.cls.self_values.get(e.attr, [])

    def _toolkit_of(self, recv, scope):
        """(constructor call, class, framework, Toolkit) when `recv` is a framework toolkit object:
        SQLDatabaseToolkit(...), a name or self.<attr> bound to one, PlayWrightBrowserToolkit.from_browser(...).
        The import decides the framework: a toolkit class of the project with the same name is not one."""
        ctor = recv
        if isinstance(recv, ast.Name):
            ctor, _ = self.lookup(scope, recv.id)
        elif isinstance(recv, ast.Attribute) and isinstance(recv.value, ast.Name) and recv.value.id == "self" \
                and scope.func is not None and scope.func.cls is not None:
            ctor = scope.func.cls.self_attrs.get(recv.attr)
        if isinstance(ctor, ast.arg) and isinstance(ctor.annotation, (ast.Name, ast.Attribute)):
            # def build(toolkit: SQLDatabaseToolkit): the class the parameter is declared as (no
            # constructor keywords to read: all of its tools)
            ctor = ast.Call(func=ctor.annotation, args=[], keywords=[])
        if not isinstance(ctor, ast.Call):
            return None
        parts = (self.dotted(ctor.func) or "").split(".")
        for cut in (len(parts), len(parts) - 1):
            table = frameworks.TOOLKITS.get(parts[cut - 1]) if cut >= 1 else None
            if not table:
                continue
            q = self.qualify(".".join(parts[:cut]))
            fw = self.fw_of_qual(q)
            fw = "langchain" if fw == "langgraph" else fw
            if q not in self.project_quals and fw in table:
                return ctor, parts[cut - 1], fw, table[fw]
        return None

    def builtin_cand(self, b, line: int, kind: str, name: str | None = None, gates=(), home: str | None = None,
                     *, framework: str | None = None, description: str | None = None, flags=(), **given) -> None:
        """One built-in tool of a framework: a class instance, a toolkit's or a loader's tool. Every
        built-in is made here, so each carries what its data says it does (`builtin_mutating` or
        `builtin_read`): the judge then goes by that, not by the tool's name.
        `home`: the framework's qualified callee that gives it (resolve drops the tool when the scanned
        project holds that module and its own code declares the tool: it is reported there, once).
        `framework`: the family that hands it over when that is not its own (mcp-agent's
        from_langchain_tool); `description`: one the call gives; `flags`: more flags (agent_tool);
        `given`: what the call site knows better than the data (params, schema, typed, extra)."""
        fw = framework or b.framework
        extra = dict(given.pop("extra", None) or {})
        if home:
            extra["fw_home"] = home
        fields = {"schema": b.schema, "typed": b.typed, **given}
        self.new_cand(name=name or b.name, line=line, framework=fw, description=description or b.description,
                      style=f"{frameworks.style_prefix(fw)}.{kind}", mutating=b.mutating if b.mutating else None,
                      caps=b.caps, gates=gates, extra=extra or None,
                      flags=("builtin",) + (("builtin_mutating",) if b.mutating else ("builtin_read",)) + tuple(flags),
                      **fields)

    def toolkit_cands(self, e: ast.Call, kit, label: str, line: int, scope=None) -> None:
        """toolkit.get_tools(): the toolkit's built-in tools; with selected_tools=[...] given
        literally, only those (otherwise all of them: parr cannot tell which are kept)."""
        ctor, cls, fw, spec = kit
        if not self.name_filters:  # a pick by name leaves the rest to other picks
            self.consumed.add(id(e))
        if not spec.tools:
            self.unresolved_site(e, label, line, f"{fw} toolkit {cls} makes its tools at run time")
            return
        keep = None
        chosen = _kw(ctor, spec.selector) if spec.selector else None
        if isinstance(chosen, ast.Name) and scope is not None:  # selected_tools=FILE_TOOLS
            chosen = self.lookup(scope, chosen.id)[0]
        if isinstance(chosen, (ast.List, ast.Tuple)) and all(_const_str(x) is not None for x in chosen.elts):
            keep = {_const_str(x) for x in chosen.elts}
        for b in spec.tools:
            if (keep is None or b.name in keep) and (id(e), b.name) not in self.picked:
                if not self.name_filters or b.name in self.name_filters[-1]:
                    self.picked.add((id(e), b.name))  # once, however many picks and lists name it
                self.builtin_cand(b, e.lineno, "builtin_toolkit")

    def configured_toolkit_cands(self, e: ast.Call, last: str, q, scope, label: str, line: int) -> bool:
        """YFinanceTools(enable_company_info=True) in tools=[...]: the functions the toolkit's
        constructor registers under the keywords given here, the rest at their defaults. A keyword
        parr cannot read (a variable, **options) counts as on: the tool stays in view."""
        if not q or q in self.project_quals:
            return False  # a class of the project with the same name is the project's
        found = frameworks.CONFIGURED_TOOLKITS[last].get(q.split(".", 1)[0])
        if found is None:
            return False
        fw, kit = found
        self.consumed.add(id(e))
        if not kit.tools:
            self.unresolved_site(e, label, line, f"{fw} toolkit {last} lists its tools at run time")
            return True
        given = {k.arg: k.value for k in e.keywords if k.arg}
        opaque = any(k.arg is None for k in e.keywords)  # **options: any keyword may be in there

        def holds(flag: str, default: bool, negated: bool) -> bool:
            v = given.get(flag)
            if v is None and not opaque:
                v = ast.Constant(default)
            if isinstance(v, ast.Name) and scope is not None:
                v = self.lookup(scope, v.id)[0]
            if not isinstance(v, ast.Constant):
                return True  # cannot tell: counted
            return bool(v.value) != negated

        def names(kw: str | None) -> set[str] | None:
            v = given.get(kw) if kw else None
            if isinstance(v, ast.Name) and scope is not None:
                v = self.lookup(scope, v.id)[0]
            if isinstance(v, (ast.List, ast.Tuple, ast.Set)) and all(_const_str(x) is not None for x in v.elts):
                return {_const_str(x) for x in v.elts}
            return None

        include, exclude, confirmed = names(kit.include_kw), names(kit.exclude_kw), names(kit.gate_kw) or set()
        variants = (kit.tools,) + kit.older
        flags = [{f for ft in v for group in ft.conditions for f, _, _ in group} for v in variants]
        asked = set(given) & set().union(*flags)  # the flags this call sets, of any release
        chosen = next((v for v, fl in zip(variants, flags) if asked <= fl), kit.tools)
        for ft in chosen:
            b = ft.tool
            if not all(any(holds(*flag) for flag in group) for group in ft.conditions):
                continue
            if (include is not None and b.name not in include) or (exclude is not None and b.name in exclude):
                continue
            self.builtin_cand(b, e.lineno, "builtin_toolkit", gates=("needs_approval",) if b.name in confirmed else (),
                              home=q)
        return True

    def loader_cands(self, e: ast.Call, last: str, q, scope, label: str, line: int) -> bool:
        """load_tools(["serpapi", "llm-math"], llm=llm): the built-in tool each key builds."""
        fw = self.fw_of_qual(q)
        spec = frameworks.LOADERS[last].get("langchain" if fw == "langgraph" else fw or "")
        if spec is None:
            return False
        if not self.name_filters:
            self.consumed.add(id(e))
        keys = _kw(e, spec.keys_kw)
        if keys is None and len(e.args) > spec.keys_pos:
            keys = e.args[spec.keys_pos]
        if isinstance(keys, ast.Name):
            keys = self.lookup(scope, keys.id)[0]
        if not isinstance(keys, (ast.List, ast.Tuple)):
            self.unresolved_site(e, label, line, f"{last}() keys parr cannot read")
            return True
        for el in keys.elts:
            key, _ = self.str_of(el, scope)
            b = spec.tools.get(key) if key is not None else None
            if b is None:
                self.unresolved_site(e, label, line, f"{last}() key {key!r} parr does not know" if key
                                     else f"{last}() key parr cannot read")
            elif (id(e), b.name) not in self.picked:
                if not self.name_filters or b.name in self.name_filters[-1]:
                    self.picked.add((id(e), b.name))
                self.builtin_cand(b, e.lineno, "builtin_loaded")
        return True

    def _builtin_tools_call(self, e) -> bool:
        """toolkit.get_tools() or load_tools([...]) (by name only: read where it is handed over)."""
        if not isinstance(e, ast.Call):
            return False
        last = (self.dotted(e.func) or "").rsplit(".", 1)[-1]
        return (isinstance(e.func, ast.Attribute) and last in frameworks.TOOLKIT_METHODS) or last in frameworks.LOADERS

    def builtin_for(self, last: str, q: str | None, head: str | None = None, scope=None):
        table = catalog.BUILTIN_CLASSES.get(last)
        if not table or q in self.project_quals:
            return None  # from .tools.computer import ComputerTool: the project's class, not a framework's
        fw = catalog.framework_of(q)
        if fw in ("langgraph",):
            fw = "langchain"
        if fw is not None and f"{fw}:{(q or '').split('.', 1)[0]}" in table:
            return table[f"{fw}:{q.split('.', 1)[0]}"]  # one package of a family that spans two (autogen_ext)
        if fw in table:
            return table[fw]
        if fw is None and head is not None and (head in self.imports or (scope is not None and self.lookup(scope, head)[0])):
            return None  # imported from a module of no framework, or defined here: a class of the same name
        if fw is None and len(table) == 1:
            return next(iter(table.values()))
        if fw is None:
            for f in ("openai-agents", "langchain"):
                if f in self.fw_hints and f in table:
                    return table[f]
        return None

    def ext_ctx_ref(self, qual: str, line: int, fw, site: dict | None = None, instance: bool = False,
                    call: bool = False):
        last = qual.rsplit(".", 1)[-1]
        qfw = catalog.framework_of(qual)
        if qual in frameworks.BUILTIN_MODULES and qual not in self.project_quals:
            # from strands_tools import slack: the module handed over whole, every tool it gives
            for b in frameworks.BUILTIN_MODULES[qual]:
                self.builtin_cand(b, line, "builtin_tool_instance", flags=("builtin_ref",))
            return
        root, _, rest = qual.partition(".")
        if root in frameworks.BUILTIN_MODULE_ROOTS and rest and "." not in rest and rest[:1].islower() \
                and qual not in self.project_quals and site is not None \
                and not (qfw in catalog.BUILTIN_INSTANCES and last in catalog.BUILTIN_INSTANCES[qfw]):
            # a module of the tools package parr has no entry for: its tools are not known, nor none
            site = dict(site, reason=f"{root} module {rest} parr does not know")
            if site not in self.unresolved:
                self.unresolved.append(site)
            return
        if qfw and qfw in catalog.BUILTIN_INSTANCES and last in catalog.BUILTIN_INSTANCES[qfw]:
            # an object imported by name: handed to two agents it is still one tool (resolve folds them)
            self.builtin_cand(catalog.BUILTIN_INSTANCES[qfw][last], line, "builtin_tool_instance",
                              flags=("builtin_ref",))
            return
        if qfw and qual not in self.project_quals:
            # (imported relatively, it is this project's own module even under a framework's
            # root, scanning the framework's repository: read there like any other)
            if instance and site is not None and last[:1].isupper():
                # TavilySearch() from a framework's package parr has no entry for: a tool it cannot judge.
                # Resolve decides: a module of the project named like the framework (agents/agent.py
                # beside a notebook) is the project's own, read there.
                self.refs.append({"target": qual, "line": line, "framework": fw, "site": site["call"],
                                  "instance": True, "fw_reason": f"{qfw} tool class parr does not know"})
            elif call and site is not None:
                # load_tools([...]), codex_tool(...): tools a framework makes that parr has no entry for.
                # Resolve decides, as for an instance: in the framework's own repository it is the
                # project's function, read there.
                self.refs.append({"target": qual, "line": line, "framework": fw, "site": site["call"], "call": True,
                                  "fw_reason": f"tools made by {qfw}'s {last}(), which parr does not know"})
            return  # some other framework object
        ref = {"target": qual, "line": line, "framework": fw}
        if site is not None:
            ref["site"] = site["call"]
        if instance:
            ref["instance"] = True
        if call:
            ref["call"] = True
        self.refs.append(ref)

    def _crew_handed(self, fi: FuncInfo, fw) -> None:
        """A tool of this file handed to a crewAI agent goes to the model under crewAI's sanitized
        name, whatever made it (a LangChain @tool("Search the internet") included)."""
        if fw != "crewai" or not fi.candidate:
            return
        for c in self.cands:
            if c.get("def_line") == fi.node.lineno and not c.get("normalize"):
                c["normalize"] = "crewai"

    def plain_function(self, fi: FuncInfo, fw):
        if fi.candidate:
            return
        fw = fw or self.file_framework()
        if fw == "langgraph":
            fw = "langchain"
        self._func_cand(fi, fi.scope, fi.name, None, fw, "plain_function", _docstring(fi.node), [])

    # ------------------------------------------------------------------ serialise
    def _callees(self, fi: FuncInfo, unknown: list | None = None,
                 ext: list | None = None) -> list[tuple[FuncInfo, str | None]]:
        """The functions of this file `fi` calls (helpers, its class's methods, methods of objects of
        this file's classes), each with the name it is called by. With `unknown`, a call parr cannot
        read (a name bound to a lambda or a value, an inherited method) is noted there as such."""
        callees = []
        for sc, name in fi.local_calls:
            v, _ = self.lookup(sc, name) if sc is not None else (None, None)
            if isinstance(v, FuncInfo):
                callees.append((v, name))
            elif unknown is not None and not isinstance(v, ClassInfo) and not name[:1].isupper() and name not in fi.strs:
                origin = self._receiver_origin(name + ".__call__", fi) if fi.body_scope is not None else None
                if origin and _IN_MEMORY_ORIGINS.match(origin):
                    continue  # soup(["script"]): an in-memory object's search
                # a name bound to something parr does not read (a lambda, a parameter, a value); a
                # parameter is tied to it ("fn@name"): a caller handing it a function whose code the
                # caller's own reading holds (a thunk, a helper of its file) drops it
                tie = f"fn@{name}" if name in self._param_names(fi)[1] else ""
                unknown.append((tie, UNKNOWN, f"calls {name}()", 0))
        if fi.cls is not None:
            for m in fi.self_calls:
                t = self._method_lookup(fi.cls, m)
                if t is not None:
                    callees.append((t, m))
                elif unknown is not None:
                    # inherited from an imported base: resolve reads it there and drops the marker;
                    # else from a base parr did not read
                    b = self._base_method(fi.cls, m)
                    unknown.append(("?" + b if isinstance(b, str) else "", UNKNOWN, f"calls self.{m}()", 0))
                    if isinstance(b, str) and ext is not None:
                        ext.append(b)
        for ci, m, d in fi.obj_calls:
            t = self._method_lookup(ci, m)
            if t is not None:
                callees.append((t, d))
        return callees

    def closure(self, fi: FuncInfo, depth=0, seen=None):
        """Effects of a function and of the local helpers it calls (transitively)."""
        if seen is None:
            seen = set()
        if id(fi) in seen or depth > 5:
            return [], []
        seen.add(id(fi))
        fx = [tuple(x) + ((0,) if len(x) == 3 else ()) for x in fi.fx]
        ext = list(fi.ext_calls)
        for c, key in self._callees(fi, fx, ext):
            if effects_kb.is_plumbing(c.name):
                # get_credentials() writing a token cache is not the tool's effect; that sign-in
                # only built a URL for the user to open is what the tool does
                if effects_kb.is_signin(c.name):
                    cfx, _ = self.closure(c, depth + 1, seen)
                    fx += [(x[0], x[1], x[2], (x[3] if len(x) > 3 else 0) + 1) for x in cfx
                           if x[1] == effects_kb.SIGNIN_URL]
                continue
            cfx, cext = self.closure(c, depth + 1, seen)
            if effects_kb.makes_client(c.name):
                cfx = [x for x in cfx if x[1] != UNKNOWN]  # building the client is not the tool's effect
            if key is not None:
                cfx = self._map_cli(fi, c, key, cfx)
                cfx = self._map_url_caps(fi, c, key, cfx)
                cfx = self._map_conds(fi, c, key, cfx)
            for x in cfx:
                fx.append((x[0], x[1], x[2], x[3] + 1 if len(x) > 3 else 1) + tuple(x[4:5]))
            ext.extend(cext)
        return fx, ext

    def _class_methods(self, ci: ClassInfo, skip: str | None) -> list:
        """[name, effects, calls to other modules] of every method of a class (with those it
        inherits from classes of this file), but __init__ and the one named `skip`."""
        names: list[str] = []
        todo, seen = [ci], set()
        while todo and len(seen) < 8:
            cur = todo.pop(0)
            if id(cur) in seen:
                continue
            seen.add(id(cur))
            names += [m for m in cur.methods if m not in names and m not in ("__init__", skip)]
            todo += [b for b in (self._local_class(x, cur) for x in cur.bases) if b is not None]
        out = []
        for m in names[:40]:
            f = self._method_lookup(ci, m)
            if f is None:
                continue
            fx, ext = self.closure(f)
            out.append([m, [list(x) for x in _dedupe(fx)][:40], sorted(set(ext))[:30]])
        return out

    def _base_method(self, ci: ClassInfo, m: str, depth: int = 0):
        """Where the `m` that `super().m()` in a method of `ci` runs is: a method of a base class of
        this file (its FuncInfo), `pkg.mod.Base.m` when the first base that may hold it is imported
        (resolve follows that class's chain across files), or None (no base parr can name)."""
        if depth > 4:
            return None
        for b in ci.bases:
            v = self.module_scope.defs.get(b)
            if isinstance(v, ClassInfo) and v is not ci:
                t = v.methods.get(m) or self._base_method(v, m, depth + 1)
                if t is not None:
                    return t
            elif "." in b:  # bases are kept qualified through the imports
                return f"{b}.{m}"
        return None

    def _inherited_bases(self, ci: ClassInfo, depth: int = 0) -> list[str]:
        """The qualified names of the imported classes above `ci` (through its bases of this file)."""
        out: list[str] = []
        for b in ci.bases if depth < 5 else ():
            v = self.module_scope.defs.get(b)
            if isinstance(v, ClassInfo) and v is not ci:
                out += [q for q in self._inherited_bases(v, depth + 1) if q not in out]
            elif "." in b and b not in out:
                out.append(b)
        return out

    def _overrides_reached(self, ci: ClassInfo, fi: FuncInfo) -> list[FuncInfo]:
        """The methods a run method `fi` that `ci` inherits from a base of this file reaches through
        self.<m>() calls and that `ci` (or a class between) overrides: on an object of `ci` Python
        runs those, not the base's (the template method: Base.run() calling self.run_impl())."""
        if fi.cls is None or fi.cls is ci:
            return []
        out: list[FuncInfo] = []
        todo, seen = list(fi.self_calls or ()), set()
        while todo and len(seen) < 40:
            m = todo.pop(0)
            if m in seen:
                continue
            seen.add(m)
            t = self._method_lookup(ci, m)
            if t is None:
                continue
            base_t = self._method_lookup(fi.cls, m)
            if t is not base_t and t is not fi:
                out.append(t)
            todo += t.self_calls or ()
        return out

    def _method_lookup(self, ci: ClassInfo, m: str, depth=0):
        if m in ci.methods:
            return ci.methods[m]
        if depth > 4:
            return None
        for b in ci.bases:
            v = self.module_scope.defs.get(b)
            if isinstance(v, ClassInfo):
                r = self._method_lookup(v, m, depth + 1)
                if r is not None:
                    return r
        return None

    def params_of(self, fi: FuncInfo, style: str) -> list:
        a = fi.node.args
        args = list(a.posonlyargs) + list(a.args)
        if fi.cls is not None and not fi.is_static and args and args[0].arg in ("self", "cls"):
            args = args[1:]
        args += list(a.kwonlyargs)
        out = []
        for arg in args:
            inner, meta = _unwrap_ann(arg.annotation)
            an = _ann_name(inner)
            meta_names = {_ann_name(m) for m in meta}
            injected = (arg.arg in catalog.INJECTED_PARAM_NAMES and (arg.annotation is None or an not in ("str", "int", "float", "bool")))\
                or an in catalog.INJECTED_ANNOTATIONS or bool(meta_names & catalog.INJECTED_ANNOTATIONS)
            if injected:
                continue
            ok = arg.annotation is not None and not _is_blob(inner)
            if not ok and arg.annotation is None and self._truth_flag(fi, arg.arg):
                ok = True  # `metadata=False` only tested for truth: a yes/no, whatever the model sends
            if ok and isinstance(inner, ast.Name):
                # Metadata = dict[str, Any] at module level, here (read now) or imported (a reference
                # resolve reads in the defining module's blob_aliases): the alias is what it names
                alias = self.module_scope.assigns.get(inner.id)
                if _type_alias(alias):
                    ok = not _is_blob(_unwrap_ann(alias)[0])
                elif inner.id in self.imports:
                    ok = "alias:" + self.imports[inner.id]
            entry = {"n": arg.arg, "ok": ok, "str": an == "str"}
            if ok and an and an[:1].isupper() and an not in _NOT_MODEL_ANNOTATIONS and isinstance(inner, (ast.Name, ast.Attribute)):
                entry["m"] = True  # a model or record class (params: RunParams): its fields are the model's input
            options = self._options(inner)
            if options:
                entry["ops"] = options  # Literal[...] or a module enum: the values the model may pass
            out.append(entry)
        return out

    def _truth_flag(self, fi: FuncInfo, name: str, depth: int = 0) -> bool:
        """An unannotated parameter whose default is True or False and that the body only tests for
        truth (`if p:`, `not p`, `a if p else b`, `p and ...` in such a test), or hands as it is to a
        function of this module whose parameter is such a flag: what the model sends there ends as a
        yes or a no, never as a value the code passes on. Any other use (passed elsewhere, formatted,
        compared, reassigned) is not."""
        a = fi.node.args
        pos = a.posonlyargs + a.args
        defaults = dict(zip([x.arg for x in pos[len(pos) - len(a.defaults):]], a.defaults))
        defaults.update((x.arg, d) for x, d in zip(a.kwonlyargs, a.kw_defaults) if d is not None)
        d = defaults.get(name)
        if not (isinstance(d, ast.Constant) and isinstance(d.value, bool)) or depth > 2:
            return False
        parents: dict[int, ast.AST] = {}
        uses = []
        for node in ast.walk(fi.node):
            for child in ast.iter_child_nodes(node):
                parents[id(child)] = node
            if isinstance(node, ast.Name) and node.id == name and node is not None:
                uses.append(node)
        for use in uses:
            if not isinstance(use.ctx, ast.Load):
                return False  # reassigned or deleted
            if not self._truth_use(fi, use, parents, depth):
                return False
        return True

    def _truth_use(self, fi: FuncInfo, e, parents: dict, depth: int) -> bool:
        up = parents.get(id(e))
        while isinstance(up, ast.BoolOp) or isinstance(up, ast.UnaryOp) and isinstance(up.op, ast.Not):
            if isinstance(up, ast.UnaryOp):
                return True  # `not p`: a bool
            e, up = up, parents.get(id(up))  # `p and q`: its value is p's or q's, so look where it goes
        if isinstance(up, (ast.If, ast.While, ast.IfExp, ast.Assert)) and up.test is e:
            return True
        if isinstance(up, ast.comprehension) and e in up.ifs:
            return True
        if isinstance(up, ast.keyword):
            up, key = parents.get(id(up)), up.arg
        elif isinstance(up, ast.Call) and e in up.args:
            key = up.args.index(e)
        else:
            return False
        if not isinstance(up, ast.Call) or not isinstance(up.func, ast.Name) or key is None \
                or isinstance(e, ast.BoolOp):
            return False
        callee = self.module_scope.defs.get(up.func.id)
        if not isinstance(callee, FuncInfo) or callee.cls is not None:
            return False
        ca = callee.node.args
        names = [x.arg for x in ca.posonlyargs + ca.args]
        if isinstance(key, int):
            if any(isinstance(x, ast.Starred) for x in up.args[:key + 1]) or key >= len(names):
                return False
            key = names[key]
        elif key not in names + [x.arg for x in ca.kwonlyargs]:
            return False
        return self._truth_flag(callee, key, depth + 1)

    def _options(self, ann) -> list[str]:
        """The string values of a Literal["a", "b"] annotation or of an enum class of this module."""
        if isinstance(ann, ast.Subscript) and _ann_name(ann.value) == "Literal":
            elts = ann.slice.elts if isinstance(ann.slice, ast.Tuple) else [ann.slice]
            return [e.value for e in elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        name = _ann_name(ann) if isinstance(ann, (ast.Name, ast.Attribute)) else None
        if name is not None and name in self.enums:
            return list(self.enums[name].values())
        return []

    def calls_in_order(self) -> list:
        """Every call of the file in source order, with the scope it runs in (outer functions come
        first, so an inner function's calls end up under it)."""
        scopes = {}
        for fi in self.funcs:
            if fi.body_scope is None:
                continue
            for n in ast.walk(fi.node):
                if isinstance(n, ast.Call):
                    scopes[id(n)] = fi.body_scope
        calls = sorted((n for n in ast.walk(self.tree) if isinstance(n, ast.Call)), key=lambda n: (n.lineno, n.col_offset))
        return [(n, scopes.get(id(n), self.module_scope)) for n in calls]

    def release(self) -> None:
        """Break the extractor's reference cycles (a scope holds its functions, each function its scope
        and syntax tree) once the facts are out, so the whole file's objects are freed at once by
        reference counting instead of waiting for the garbage collector to trace millions of them."""
        for fi in self.funcs:
            for slot in FuncInfo.__slots__:
                if hasattr(fi, slot):
                    setattr(fi, slot, None)
        for ci in self.classes:
            for slot in ClassInfo.__slots__:
                if hasattr(ci, slot):
                    setattr(ci, slot, None)
        self.__dict__.clear()

    def serialise(self) -> dict:
        tools = []
        for c in self.cands:
            fi: FuncInfo | None = c.pop("_fn")
            ci: ClassInfo | None = c.pop("_cls")
            bodies = c.pop("_bodies", None)
            mcp_cls = c.pop("_mcp_cls", None)
            mcp_fn = c.pop("_mcp_fn", None)
            if bodies:
                # a low-level MCP tool: its branch of the call handler (and what it calls)
                fx, ext = [], []
                xc: list = []
                for body in bodies:
                    f2, e2 = self.closure(body)
                    fx += f2
                    ext += e2
                    xc += self.xclosure(body)
                if xc:
                    c["xc"] = flow.dedupe(xc)
                c["fx"] = [list(x) for x in _dedupe(fx)]
                c["ext_calls"] = sorted(set(ext))[:50]
            elif mcp_cls is not None:
                # built by a class's method: the method the call handler runs on the object looked
                # up by name is its code; resolve picks it from every file's call handlers
                c["mcp_methods"] = self._class_methods(mcp_cls, mcp_fn)
            if fi is not None and fi.renamed is not None and c.get("name") == fi.name:
                if fi.renamed is _DYNAMIC_NAME:
                    continue  # wrapper.__name__ = tool_name: named at run time, framework plumbing
                c["name"] = fi.renamed
            if fi is not None:
                c["fn_qual"] = fi.qual  # other files' agents list it by this name
                fx, ext = self.closure(fi)
                if ci is not None:
                    f2, e2 = self.delegated_effects(ci, fi)
                    fx += f2
                    ext += e2
                    # other exec-ish methods of a tool class contribute too
                    for m in _EXEC_METHODS:
                        mf = ci.methods.get(m)
                        if mf is not None and mf is not fi:
                            f2, e2 = self.closure(mf)
                            fx += f2
                            ext += e2
                    for mf in self._overrides_reached(ci, fi):
                        f2, e2 = self.closure(mf)
                        fx += f2
                        ext += e2
                c["fx"] = [list(x) for x in _dedupe(fx)]
                c["ext_calls"] = sorted(set(ext))[:50]
                for k in ("jschema", "attr_jschema", "own_jschema"):
                    if isinstance(c.get(k), dict) and c[k].get("props"):
                        _mark_selectors(fi.node, c[k])
                xc = self.xclosure(fi)
                if xc and fi.qual in self._serialised_funcs():
                    c["xc_of"] = fi.qual  # the same list is in the funcs entry (facts stay small)
                elif xc:
                    c["xc"] = xc
                if "params" not in c and not c.get("no_params"):
                    c["params"] = self.params_of(fi, c["style"])
                if _computes_only(fi):
                    c["flags"].append("arith")
                elif not [x for x in c["fx"] if x[1] != UNKNOWN] and _only_framework_state(fi.node):
                    c["flags"].append("framework_state")
                if "framework_state" not in c["flags"] and not [x for x in c["fx"] if x[1] != UNKNOWN] \
                        and _only_framework_state(fi.node, need_reply=False):
                    c["flags"].append("state_writes")  # judged with the name's object (judge.py)
                    c["state_keys"] = _state_keys(fi.node)
                if _returns_agent(fi.node, self.agents):
                    c["flags"].append("returns_agent")
                handed = _handoff_text(fi.node)
                if handed:
                    c["handoff_text"] = handed  # judged in judge._typed: free text the next agent acts on
                if c["description"] is None:
                    c["description"] = _docstring(fi.node)
            else:
                c.setdefault("fx", [])
                c.setdefault("ext_calls", [])
            tools.append(c)
        # module-level functions other files may list in tools=[...] or call from tools
        funcs = {}
        for fi in list(self.funcs):
            if fi.scope is self.module_scope or (fi.cls is not None and fi.cls.scope is self.module_scope):
                entry: dict[str, Any] = {"line": fi.node.lineno}
                if fi.qual in self.forwards:
                    entry["fwd"] = True  # passes a parameter on to a framework's tools
                if fi.qual in self.reg_params:
                    # positions of the parameters whose elements it registers as tools (register_toolkits)
                    a = fi.node.args
                    names = [x.arg for x in a.posonlyargs + a.args]
                    if fi.cls is not None and not fi.is_static and names and names[0] in ("self", "cls"):
                        names = names[1:]
                    entry["regs"] = sorted(names.index(p) for p in self.reg_params[fi.qual] if p in names)
                fx, ext = self.closure(fi)
                if fx:
                    entry["fx"] = [list(x) for x in _dedupe(fx)][:40]
                if ext:
                    entry["ext"] = sorted(set(ext))[:30]
                xc = self.xclosure(fi)
                if xc:
                    entry["xc"] = xc
                if fi.scope is self.module_scope and fi.node.returns is not None:
                    ret = self._returned_class(fi)
                    if ret is not None:  # other files' calls on what it returns are that class's methods
                        entry["ret"] = ret.qual if isinstance(ret, ClassInfo) else ret
                if fi.cls is not None and fi.name in _EXEC_METHOD_SET:
                    # the run method a subclass in another file inherits: its parameters are the tool's
                    entry["pa"] = self.params_of(fi, "plain_function")
                if fi.cls is not None and fi.self_calls:
                    # self.<m>() it calls: an object of a subclass runs the subclass's <m> (resolve,
                    # for the objects an MCP list handler lists)
                    entry["sc"] = sorted(set(fi.self_calls))[:30]
                if xc or any("@" in x[0] or len(x) > 4 and x[4] for x in fx):
                    entry["pn"] = self._params(fi)  # for the callers' arguments (parr.scan.python.flow)
                if any(len(x) > 4 and x[4] for x in fx):
                    pd = _str_defaults(fi.node)
                    if pd:
                        entry["pd"] = pd  # what a caller that passes nothing there binds
                if fi.scope is self.module_scope:
                    self._described(fi, entry)
                    if "arith" not in entry and not [x for x in fx if x[1] != UNKNOWN] \
                            and _only_framework_state(fi.node, need_reply=False):
                        entry["state_writes"] = True
                    if fi.candidate:
                        entry["cand"] = True
                    if self._returns_tools(fi):
                        entry["returns_tools"] = True  # its tool list was read here, element by element
                elif fi.candidate or self._returns_tools(fi):
                    # Tools.search listed, or Tools.tools() called, in another file's tools=[...]
                    entry["cand" if fi.candidate else "returns_tools"] = True
                elif self._bound_method_facts(fi, entry):
                    pass
                elif len(entry) == 1:
                    # A method with no effects: nothing another file could take from it (and an
                    # absent entry reads like an empty one, also where it replaces an earlier def).
                    funcs.pop(fi.qual, None)
                    continue
                funcs[fi.qual] = entry
                if fi.scope is self.module_scope and fi.ret_values:
                    returned = self._returned_funcs(fi)
                    if returned:
                        # another file registers what a call of it returns: the inner functions' facts
                        entry["retfn"] = {i: inner.name for i, inner in returned.items()}
                        for inner in returned.values():
                            ie: dict[str, Any] = {"line": inner.node.lineno}
                            ifx, iext = self.closure(inner)
                            if ifx:
                                ie["fx"] = [list(x) for x in _dedupe(ifx)][:40]
                            if iext:
                                ie["ext"] = sorted(set(iext))[:30]
                            self._described(inner, ie)
                            funcs[f"{fi.qual}.<locals>.{inner.name}"] = ie
        classes = {ci.qual: ci.bases for ci in self.classes}
        # the methods each class with bases defines: what a subclass in another file inherits from it
        cmethods = {ci.qual: sorted(ci.methods)[:60] for ci in self.classes
                    if ci.scope is self.module_scope and ci.methods
                    and (ci.bases or not _EXEC_METHOD_SET.isdisjoint(ci.methods))}
        # Methods a class leaves to its subclasses (a body of only a docstring, pass, `...` or
        # `raise NotImplementedError`; 1 when it must be overridden): a call on an object declared as
        # that class runs a subclass's override (resolve: Project.overrides)
        stubs = {ci.qual: {m: int(_must_override(fi.node)) for m, fi in ci.methods.items()
                           if m != "__init__" and _is_stub(fi.node)}
                 for ci in self.classes if ci.scope is self.module_scope and ci.methods}
        stubs = {k: v for k, v in stubs.items() if v}
        # crm = Crm(...) at module level: another file's crm.close_case() is Crm.close_case
        instances = {k: v for k, v in self.var_ctor.items()
                     if v and v.rsplit(".", 1)[-1][:1].isupper() and (v in classes or "." in v)}
        # Module-level pydantic models and TypedDicts other files may list as tools: line and docstring.
        schema_classes = {ci.name: [ci.node.lineno, _docstring(ci.node)] for ci in self.classes
                          if ci.scope is self.module_scope and {b.rsplit(".", 1)[-1] for b in ci.bases} & _SCHEMA_BASES}
        # Classes that serialise themselves into a tool definition: other files' subclasses are tool classes.
        shaped = {ci.qual: shape["schema_key"] for ci in self.classes
                  if (shape := toolclass.api_shape(ci.node)) is not None and shape["schema_key"]}
        # ... or through a method of another name (a get_openai_format() returning {"name": self.name, ...},
        # or what a definition-making function returns for self.name: in this file, or read in resolve)
        schema_text = any(k in self.text for k in toolclass.SCHEMA_KEYS)
        makers = {name: key for name, fis in self.module_defs.items()
                  if schema_text and (key := toolclass.definition_maker(fis[-1].node))}
        shape_via: dict[str, list[str]] = {}
        for ci in self.classes if "self.name" in self.text else ():
            if ci.qual in shaped or ci.scope is not self.module_scope or not ci.methods:
                continue
            key, callees = toolclass.self_definition(ci.node)
            key = key or next((makers[c] for c in callees if c in makers), None)
            if key:
                shaped[ci.qual] = key
            elif (far := sorted({self.qualify(c) for c in callees if c.split(".", 1)[0] in self.imports})):
                shape_via[ci.qual] = far[:4]
        # Type aliases other files' parameters may be declared with that accept any object (Metadata = dict[str, Any]).
        blob_aliases = sorted(k for k, v in self.module_scope.assigns.items()
                              if _type_alias(v) and _is_blob(_unwrap_ann(v)[0]))
        # What other files may read off objects of each class (an MCP list handler's Tool(name=tool.name)).
        faces = {ci.qual: face for ci in self.classes
                 if ci.scope is self.module_scope and (face := toolclass.class_face(self, ci))}
        facts = {"module": self.module, "tools": tools}
        reg = self._registry_parts() if self.reg_sites or self.reg_walks or "__subclasses__" in self.text \
            or "__name__" in self.text else {}
        # Empty parts are left out (resolve reads every part with a default): on a large tree the
        # facts of every file are held at once, and most files declare nothing.
        for key, value in (("imports", self.imports), ("consts", self.consts), ("enums", self.enums),
                           ("classes", classes), ("cmethods", cmethods), ("funcs", funcs), ("instances", instances),
                           ("agents", self.agents), ("hints", sorted(self.fw_hints)), ("refs", self.refs),
                           # what resolve needs of every file's classes: the last names of their bases
                           ("base_names", sorted({b.rsplit(".", 1)[-1] for bases in classes.values() for b in bases})),
                           ("sk_plugins", self.sk_plugins), ("unresolved", self.unresolved), ("mounts", self.mounts),
                           ("vars", sorted(self.module_vars)), ("schema_classes", schema_classes),
                           ("mcp_dispatch", sorted(self.mcp_dispatch_methods)), ("mcp_lists", self.mcp_lists),
                           ("mcp_makers", sorted(self.mcp_makers)), ("agent_classes", sorted(self.agent_classes)),
                           ("held_classes", {k: sorted(v) for k, v in sorted(self.held_classes.items())}),
                           ("config_keys", self.config_keys), ("config_lists", sorted(self.config_lists)),
                           ("model_evidence", self._agent_evidence()), ("shaped_classes", shaped),
                           ("shape_via", shape_via), ("def_makers", makers),
                           ("agent_members", self.agent_members),
                           ("named_ctors", self.named_ctors), ("faces", faces), ("blob_aliases", blob_aliases),
                           ("stars", self.star_modules), ("rets", self._element_returns()),
                           ("msig", self._method_signatures()), ("mw_made", self.reg_middleware),
                            ("ctor_args", self.ctor_args), ("stubs", stubs), ("name_maps", self.name_maps),
                            ("deftables", self._definition_tables()), ("deftable_refs", self.deftable_refs),
                            ("act_types", self._action_types()), ("act_cases", self._action_cases()),
                           *reg.items()):
            if value:
                facts[key] = pack_part(value) if key in PACKED_PARTS else value
        return facts


    def _element_returns(self) -> dict:
        """Functions and methods whose return annotation is a collection of a class (`-> list["Tool"]`):
        what a loop over their call holds, for registrations in other files (parr.scan.python.registry)."""
        out = {}
        for fi in self.funcs:
            ann = fi.node.returns
            if type(ann) is not ast.Subscript or not (fi.scope is self.module_scope or (
                    fi.cls is not None and fi.cls.scope is self.module_scope)):
                continue
            q = registry.element_class(self, ann)
            if q is not None:
                out[fi.qual] = q
        return out

    def _method_signatures(self) -> str | None:
        """[parameters, docstring] of each public method a module-level class with bases defines in
        its own body: the schema and description of a tool another file's registry makes of the
        class (parr.scan.python.registry). Kept as text: looked up only for such classes."""
        out = {}
        for ci in self.classes:
            if ci.scope is not self.module_scope or not ci.bases or ci.abstract \
                    or {b.rsplit(".", 1)[-1] for b in ci.bases} & (_ENUM_BASES | _SCHEMA_BASES | {"Exception"}):
                continue
            for m, fi in ci.methods.items():
                if (m.startswith("_") and m != "__call__") or fi.candidate or fi.is_static:
                    continue
                out[f"{ci.qual}.{m}"] = [compact_params(self.params_of(fi, "plain_function")), _docstring(fi.node)]
        return pack_part(out) if out else None

    def _registry_parts(self) -> dict:
        """What resolve needs to enumerate a registry's tool classes (parr.scan.python.registry):
        the subclass walks and registrations of this file, the functions that walk their first
        parameter's subclasses, the name methods computed from the class name, and the signature
        and docstring of every public method of a class with bases (a subclass another file's
        registry may collect)."""
        out: dict = {}
        if self.reg_walks:
            out["walks"] = self.reg_walks
        if self.reg_sites:
            out["regs"] = self.reg_sites
        if "__subclasses__" in self.text:
            walkers = [fi.qual for fi in self.funcs if registry.walks_first_param(fi.node)]
            if walkers:
                out["subwalkers"] = walkers
        if "__name__" in self.text or "__qualname__" in self.text:
            # (only a method whose lines say either name can read it: the others are not walked)
            said = _lines_of(self.text, _CLASS_NAME_READ)
            namefns = {f"{ci.qual}.{m}": src for ci in self.classes if ci.scope is self.module_scope
                       for m, fi in ci.methods.items()
                       if _says_within(fi.node, said) and (src := registry.name_method_source(fi.node))}
            if namefns:
                out["namefns"] = pack_part(namefns)
        return out


_CLASS_NAME_READ = re.compile(r"__(?:qual)?name__")


def _lines_of(text: str, pattern: re.Pattern) -> list[int]:
    """The line numbers (from 1, ascending) where `pattern` matches in `text`."""
    out: list[int] = []
    line, pos = 1, 0
    for m in pattern.finditer(text):
        line += text.count("\n", pos, m.start())
        pos = m.start()
        out.append(line)
    return out


def _says_within(node, lines: list[int]) -> bool:
    """Whether one of `lines` (sorted line numbers) falls within a definition, its decorators included."""
    start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", ())])
    end = getattr(node, "end_lineno", None) or node.lineno
    i = bisect.bisect_left(lines, start)
    return i < len(lines) and lines[i] <= end


# Class methods that build an instance of their class (from_settings, from_config, create_vector_search).
_ALT_CONSTRUCTOR = re.compile(r"^(?:from_\w+|create\w*|load_component)$")

# Parts only looked up in the few files other files reference, kept as JSON text until then:
# text is several times smaller than the dicts it decodes to, and every file's facts are held at once.
PACKED_PARTS = ("imports", "funcs", "classes", "cmethods", "faces")


def pack_part(value: dict) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def unpack_part(facts: dict, key: str) -> dict:
    """A part of a file's facts, decoded (once: the decoded value replaces the text)."""
    value = facts.get(key)
    if value is None:
        return {}
    if type(value) is str:
        value = facts[key] = json.loads(value)
    return value


_TYPE_HEADS = frozenset({"dict", "Dict", "Mapping", "MutableMapping", "list", "List", "Sequence", "Union", "Optional",
                         "Annotated", "tuple", "Tuple", "set", "Set", "Literal"})


def _type_alias(value) -> bool:
    """A module-level value that is a type: dict[str, Any], Optional[X], A | B, Any."""
    if isinstance(value, ast.Subscript):
        return _ann_name(value.value) in _TYPE_HEADS
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.BitOr):
        return _type_alias(value.left) or _type_alias(value.right) or _ann_name(value.left) in _BLOB_ANN
    return isinstance(value, (ast.Name, ast.Attribute)) and _ann_name(value) in ("Any", "JsonValue")


def compact_params(params: list[dict]) -> list[list]:
    """Parameters as [name, ok, str] triples, the form `funcs` entries keep them in."""
    return [[p["n"], p["ok"], p["str"]] for p in params]


def expand_params(params: list[list]) -> list[dict]:
    return [{"n": n, "ok": ok, "str": is_str} for n, ok, is_str in params]


_LEAF = frozenset(
    [ast.Name, ast.Constant, ast.Load, ast.Store, ast.Del, ast.Pass, ast.Break, ast.Continue, ast.Global,
     ast.Nonlocal, ast.JoinedStr, ast.alias]
    + [c for c in vars(ast).values() if isinstance(c, type) and issubclass(c, (ast.operator, ast.unaryop, ast.cmpop, ast.boolop))]
)

_FW_CACHE: dict[str, str | None] = {}


def _fw_cached(qual: str) -> str | None:
    r = _FW_CACHE.get(qual, 0)
    if r == 0:
        r = catalog.framework_of(qual)
        if len(_FW_CACHE) < 20000:
            _FW_CACHE[qual] = r
    return r


_RUNS_AGENT = frozenset({"run", "arun", "run_sync", "run_streamed", "invoke", "ainvoke", "stream", "astream",
                         "run_async"})
# Runners that call the function they are given with the arguments after it, and whether they pass their
# keywords on too (asyncio.to_thread(func, /, *args, **kwargs); loop.run_in_executor(executor, func, *args)).
_PASSES_REST = {"to_thread": True, "run_in_executor": False, "submit": True, "run_sync": False, "partial": True,
                "start_soon": False, "run_in_threadpool": True}
_RUNS_ITS_ARGUMENT = frozenset({"to_thread", "run_in_executor", "submit", "run_sync", "partial", "start_soon",
                                "map", "starmap", "apply_async", "map_async", "imap", "imap_unordered",
                                "run_in_threadpool", "sync_to_async"})


def _fixes_host(text: str, last: bool) -> bool:
    """A URL literal that fixes the scheme and host ('https://api.example.com/...', or the whole
    string when nothing follows) or is a path on a client's base URL ('/v1/items')."""
    if text.startswith("/"):
        return True
    _, sep, rest = text.partition("://")
    return bool(sep) and (bool(re.match(r"[^/{]+/", rest)) or (last and bool(rest)))


# The keyword a project's own tool-definition class takes its JSON schema under
_DEF_SCHEMA_KWS = ("schema", "parameters", "input_schema", "inputSchema")


def _json_object_schema(d: ast.Dict) -> bool:
    """{"type": "object", "properties": {...}}: a JSON schema of an object's fields."""
    keys = _literal_keys(d)
    return _const_str(keys.get("type")) == "object" and isinstance(keys.get("properties"), ast.Dict)


def _mark_selectors(fn: ast.AST, js: dict) -> None:
    """A string property named like a command (`command`, `action`) that the tool's run method only
    compares with literals (`if command == "install": ... elif command == "remove": ...`, also in an
    f-string of its reply) is a choice among those words, as an enum would be: it never reaches what
    runs. Marked `sel` with the words (judge: not a raw string that is executed)."""
    for p in js.get("props") or ():
        if p.get("t") == "string" and not p.get("ops") and p.get("n") in catalog.RAW_PARAM_NAMES:
            words = _only_compared(fn, p["n"])
            if words:
                p["sel"] = words


def _input_key(e: ast.AST, key: str) -> bool:
    """kwargs.get("key"[, default]) or kwargs["key"] (any mapping of the input)."""
    if isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute) and e.func.attr == "get" \
            and isinstance(e.func.value, ast.Name) and e.args and _const_str(e.args[0]) == key:
        return True
    return isinstance(e, ast.Subscript) and isinstance(e.value, ast.Name) and _const_str(e.slice) == key


def _only_compared(fn: ast.AST, key: str) -> list[str] | None:
    """The string literals the input `key` is compared with, where every use of it in `fn` is such a
    comparison or a value formatted into an f-string; None where it is used any other way."""
    a = getattr(fn, "args", None)
    bound = {x.arg for x in (a.posonlyargs + a.args + a.kwonlyargs)} & {key} if a is not None else set()
    reads = 0
    for n in ast.walk(fn):
        if _input_key(n, key):
            reads += 1
        if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name) \
                and _input_key(n.value, key):
            bound.add(n.targets[0].id)
            reads -= 1
        elif isinstance(n, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.For, ast.NamedExpr)):
            targets = n.targets if isinstance(n, ast.Assign) else [n.target]
            if any(isinstance(x, ast.Name) and x.id == key for t in targets for x in ast.walk(t)):
                return None  # the name is bound to something else too
    if reads or not bound:
        return None  # read off the input without a name, or never taken out of it
    allowed: set[int] = set()
    words: list[str] = []
    for n in ast.walk(fn):
        if isinstance(n, ast.Compare) and all(type(op) in (ast.Eq, ast.NotEq, ast.In, ast.NotIn) for op in n.ops):
            sides = [n.left, *n.comparators]
            names = [x for x in sides if isinstance(x, ast.Name) and x.id in bound]
            lits = [x for x in sides if x not in names]
            strs = [_const_str(x) for x in lits] if all(_const_str(x) is not None for x in lits) else None
            if strs is None and len(lits) == 1 and isinstance(lits[0], (ast.Tuple, ast.List, ast.Set)) \
                    and all(_const_str(x) is not None for x in lits[0].elts):
                strs = [_const_str(x) for x in lits[0].elts]
            if names and lits and strs is not None:
                allowed.update(id(x) for x in names)
                words += [w for w in strs if w not in words]
        elif isinstance(n, ast.FormattedValue) and isinstance(n.value, ast.Name) and n.value.id in bound:
            allowed.add(id(n.value))
    for n in ast.walk(fn):
        if isinstance(n, ast.Name) and n.id in bound and isinstance(n.ctx, ast.Load) and id(n) not in allowed:
            return None
    return words or None


def _dedupe(fx):
    """Effects without repeats; calls parr cannot read come last and few (one is enough to keep a
    name's verdict, and a list cut off at 40 must not lose a real effect to them)."""
    seen = set()
    out = []
    unknown = []
    for x in fx:
        k = (x[0], x[1], x[2], repr(x[4:5]))
        if k in seen:
            continue
        seen.add(k)
        (unknown if x[1] == UNKNOWN else out).append(x)
    if not unknown:
        return out
    # definite ones first; "?module.fn" ones are dropped by resolve when the project defines them,
    # so a list cut short keeps a definite marker in their place (fail closed)
    sure = [x for x in unknown if not x[0]]
    maybe = [x for x in unknown if x[0]]
    if len(maybe) > 8:
        maybe = maybe[:8]
        sure.append(("", UNKNOWN, "calls more functions than parr keeps") + tuple(x[3:4]))
    return out + sure[:2] + maybe


_ARITH_OPS = (ast.BinOp, ast.UnaryOp, ast.Name, ast.Constant, ast.Compare, ast.BoolOp, ast.IfExp)
_PURE_CALLS = frozenset({"int", "float", "abs", "round", "min", "max", "sum", "pow", "divmod", "len", "str", "bool", "complex"})


def _registry_read(e) -> ast.Name | None:
    """The tools dict a return statement hands out part of: `list(all_tools.values())`,
    `all_tools.values()`, `[all_tools[n] for n in names if n in all_tools]` (a name-to-tool registry,
    named like tools). What it hands out is some of that dict's values, each read where it is made."""
    if isinstance(e, ast.Call) and isinstance(e.func, ast.Name) and e.func.id in ("list", "tuple") and len(e.args) == 1:
        e = e.args[0]
    if isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute) and e.func.attr == "values" and not e.args:
        e = e.func.value
    elif isinstance(e, ast.ListComp) and isinstance(e.elt, ast.Subscript):
        e = e.elt.value
    return e if isinstance(e, ast.Name) and _TOOLS_VAR.search(e.id) else None


def _returns_only_literal(node) -> bool:
    """A method whose whole body (after a docstring) is `return "some fixed text"`."""
    body = [st for st in node.body if not (isinstance(st, ast.Expr) and isinstance(st.value, ast.Constant))]
    return len(body) == 1 and isinstance(body[0], ast.Return) and isinstance(body[0].value, ast.Constant) \
        and isinstance(body[0].value.value, str)


def _property_value(ci: ClassInfo, attr: str):
    """The value a class's own `@property def <attr>(self)` returns when its body is that one return
    (a docstring aside): `self.name` on its objects reads it as it would a class attribute. None for
    a property that computes its value in statements, or none at all."""
    fi = ci.methods.get(attr)
    if fi is None or not any(isinstance(d, ast.Name) and d.id in ("property", "cached_property")
                             for d in fi.node.decorator_list):
        return None
    body = [st for st in fi.node.body if not (isinstance(st, ast.Expr) and isinstance(st.value, ast.Constant))]
    if len(body) != 1 or not isinstance(body[0], ast.Return) or body[0].value is None:
        return None
    return body[0].value


def _is_stub(node) -> bool:
    """A method with nothing but a docstring, `pass`, `...` or `raise NotImplementedError`."""
    for st in node.body:
        if isinstance(st, ast.Pass) or (isinstance(st, ast.Expr) and isinstance(st.value, ast.Constant)):
            continue
        if isinstance(st, ast.Raise) and st.exc is not None:
            exc = st.exc.func if isinstance(st.exc, ast.Call) else st.exc
            if isinstance(exc, ast.Name) and exc.id == "NotImplementedError":
                continue
        return False
    return True


def _must_override(node) -> bool:
    """A stub method its class declares abstract: `@abstractmethod`, `raise NotImplementedError`, or a
    body of `...` alone (a Protocol's or an ABC's signature)."""
    if any((d.attr if isinstance(d, ast.Attribute) else getattr(d, "id", None)) == "abstractmethod"
           for d in node.decorator_list):
        return True
    body = [st for st in node.body if not (isinstance(st, ast.Expr) and isinstance(st.value, ast.Constant)
                                           and isinstance(st.value.value, str))]
    if any(isinstance(st, ast.Raise) for st in body):
        return True
    return len(body) == 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
        and body[0].value.value is Ellipsis


def _is_logging_call(call: ast.Call) -> bool:
    f = call.func
    if isinstance(f, ast.Name):
        return f.id == "print"
    return (isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name)
            and f.value.id in ("logger", "log", "logging", "LOGGER") and f.attr in
            ("debug", "info", "warning", "warn", "error", "exception", "critical"))


# Calls a body that only keeps framework state may make: builtins that compute, and str methods.
_STATE_SAFE_CALLS = _PURE_CALLS | {"list", "dict", "set", "tuple", "sorted", "enumerate", "range", "zip", "isinstance",
                                   "any", "all", "print", "getattr", "hasattr", "reversed", "map", "filter"}
_STATE_WRITE_METHODS = frozenset({"append", "extend", "update", "setdefault", "pop", "remove", "add", "insert",
                                  "clear", "discard", "popitem", "__setitem__", "sort", "reverse"})
_STATE_SAFE_STMTS = (ast.Expr, ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Return, ast.If, ast.For, ast.Pass,
                     ast.Break, ast.Continue, ast.Raise, ast.Try, ast.Delete, ast.Assert)


def _root_name(e) -> str | None:
    while isinstance(e, (ast.Attribute, ast.Subscript, ast.Call)):
        e = e.func if isinstance(e, ast.Call) else e.value
    return e.id if isinstance(e, ast.Name) else None


def _state_keys(node) -> list[str]:
    """The literal keys a body assigns in the framework state it was handed:
    tool_context.state["proverbs"] = ... -> ["proverbs"]."""
    state = _state_param_names(node)
    keys: list[str] = []
    for e in ast.walk(node):
        if isinstance(e, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            for t in e.targets if isinstance(e, ast.Assign) else [e.target]:
                if isinstance(t, ast.Subscript) and _root_name(t) in state:
                    k = _const_str(t.slice)
                    if k is not None and k not in keys:
                        keys.append(k)
    return keys


def _state_param_names(node) -> set[str]:
    """Parameters holding the framework's in-process state (by annotation, anywhere inside it, or name)."""
    out = set()
    a = node.args
    for arg in a.posonlyargs + a.args + a.kwonlyargs:
        names = {x.id if isinstance(x, ast.Name) else x.attr for x in ast.walk(arg.annotation)
                 if isinstance(x, (ast.Name, ast.Attribute))} if arg.annotation is not None else set()
        if arg.arg in frameworks.STATE_PARAMS or names & frameworks.STATE_PARAMS:
            out.add(arg.arg)
    return out


def _only_framework_state(node, need_reply: bool = True) -> bool:
    """A body whose only writes go to the framework's in-process state object it was handed
    (context_variables["x"] = ..., tool_context.state[...] = ...) or to a reply that updates it
    (Command(update=...)), that answers the framework with its reply class on every path
    (ReplyResult(target=..., context_variables=...)), and calls nothing but builtins, str and model
    methods, methods of that state and the framework's reply classes: a step of the framework's own
    control flow, not an effect. A tool that returns plain data stands for the action it names (a
    stub of cancel_booking that notes the booking in the session is still a cancellation), and one
    that writes nothing is a stub: both go by their name."""
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    state = _state_param_names(node)
    if not state:
        return False
    returns = [e for e in statements(node.body) if type(e) is ast.Return]
    if need_reply and (not returns or not all(isinstance(r.value, ast.Call) and isinstance(r.value.func, ast.Name)
                                              and r.value.func.id in frameworks.REPLY_CLASSES for r in returns)):
        return False
    if not need_reply:
        returns = [r for r in returns if isinstance(r.value, ast.Call)]
    for _ in range(2):  # current_task = context_variables["tasks"][i]: an alias into the state
        for sub in node.body:
            for e in ast.walk(sub):
                if isinstance(e, ast.Assign) and len(e.targets) == 1 and isinstance(e.targets[0], ast.Name) \
                        and isinstance(e.value, (ast.Subscript, ast.Attribute)) and _root_name(e.value) in state:
                    state.add(e.targets[0].id)
    # ReplyResult(target=...) routes the conversation: control flow even when nothing is written
    wrote = any(_kw(r.value, "target") is not None for r in returns)
    for sub in node.body:
        for e in ast.walk(sub):
            if isinstance(e, ast.stmt) and not isinstance(e, _STATE_SAFE_STMTS):
                return False  # with open(...), imports, global, nested defs: more than bookkeeping
            if isinstance(e, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
                targets = e.targets if isinstance(e, (ast.Assign, ast.Delete)) else [e.target]
                for t in targets:
                    for x in (t.elts if isinstance(t, ast.Tuple) else [t]):
                        if isinstance(x, (ast.Subscript, ast.Attribute)):
                            if _root_name(x) not in state:
                                return False  # self.orders[...] = ..., module-level registries
                            wrote = True
            if isinstance(e, ast.Call):
                f = e.func
                if isinstance(f, ast.Name):
                    if f.id in frameworks.REPLY_CLASSES:
                        if _kw(e, "update") is not None:
                            wrote = True  # Command(update={...}): the graph state
                        continue
                    if f.id not in _STATE_SAFE_CALLS and not f.id[:1].isupper():
                        return False  # DocumentPlan(...), a record built from the arguments, is fine
                elif isinstance(f, ast.Attribute):
                    root = _root_name(f.value)
                    if root in state:
                        if f.attr in _STATE_WRITE_METHODS:
                            wrote = True
                        elif f.attr not in ("get", "items", "keys", "values", "copy", "to_dict", "__getitem__"):
                            return False  # ctx.set(...), tool_context.save_artifact(...): read elsewhere
                    elif isinstance(f.value, ast.Name) and f.attr in _PURE_MODULE_CALLS.get(f.value.id, ()):
                        continue  # json.loads(order_json)
                    elif _is_logging_call(e):
                        continue  # a log line
                    elif not isinstance(f.value, (ast.Constant, ast.JoinedStr, ast.Name, ast.Subscript)) or \
                            f.attr not in _STR_METHODS | _STATE_WRITE_METHODS | _READ_METHODS:
                        return False  # a client's method, a helper module's function
                else:
                    return False
    return wrote


_PURE_MODULE_CALLS = {"json": frozenset({"loads", "dumps"})}
_READ_METHODS = frozenset({"get", "items", "keys", "values", "copy", "model_dump", "model_dump_json", "dict", "json"})
_STR_METHODS = frozenset({"format", "join", "strip", "lower", "upper", "title", "split", "replace", "startswith",
                          "endswith", "lstrip", "rstrip", "capitalize"})



def _annotated_class(ann) -> str | None:
    """The class a variable annotation names: `Manager`, `Optional[Manager]`, `Manager | None`,
    `"Manager"`, `pkg.Manager`; None for anything else (builtins and lower-case names included)."""
    if isinstance(ann, ast.Constant) and isinstance(ann.value, str):
        try:
            ann = ast.parse(ann.value, mode="eval").body
        except SyntaxError:
            return None
    if isinstance(ann, ast.Subscript) and isinstance(ann.value, (ast.Name, ast.Attribute)) and \
            (ann.value.id if isinstance(ann.value, ast.Name) else ann.value.attr) == "Optional":
        ann = ann.slice
    if isinstance(ann, ast.BinOp) and isinstance(ann.op, ast.BitOr):
        sides = [x for x in (ann.left, ann.right) if not (isinstance(x, ast.Constant) and x.value is None)]
        ann = sides[0] if len(sides) == 1 else None
    parts = []
    while isinstance(ann, ast.Attribute):
        parts.append(ann.attr)
        ann = ann.value
    if not isinstance(ann, ast.Name):
        return None
    name = ".".join([ann.id] + parts[::-1])
    return name if name.rsplit(".", 1)[-1][:1].isupper() else None


def _returns_agent(node, agents: dict) -> bool:
    """A function whose every return hands back an agent (a module-level agent variable or a new
    `...Agent(...)`): the Swarm-style hand-off, which passes the conversation to that agent."""
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    returns = [e for e in statements(node.body) if type(e) is ast.Return]
    if not returns:
        return False
    for r in returns:
        v = r.value
        if isinstance(v, ast.Name) and v.id in agents:
            continue
        if isinstance(v, ast.Call) and isinstance(v.func, (ast.Name, ast.Attribute)):
            last = v.func.id if isinstance(v.func, ast.Name) else v.func.attr
            if last.endswith("Agent") and last[:1].isupper():
                continue
        return False
    return True


def _handoff_text(node) -> list[str]:
    """The parameters whose text a Swarm-style hand-off hands the next agent: `return Result(value=
    sub_task, agent=coder)` (Swarm's reply, and its forks'): the value is the tool's answer, placed in the
    conversation the agent it switches to carries on, so what the model writes there is that agent's
    instruction. Only where `agent=` is given (a reply without it hands nothing over)."""
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return []
    a = node.args
    params = {x.arg for x in a.posonlyargs + a.args + a.kwonlyargs}
    out: list[str] = []
    for r in statements(node.body):
        if type(r) is not ast.Return or not isinstance(r.value, ast.Call):
            continue
        kws = {k.arg: k.value for k in r.value.keywords if k.arg}
        agent, value = kws.get("agent"), kws.get("value")
        if agent is None or value is None or (isinstance(agent, ast.Constant) and agent.value is None):
            continue
        for n in ast.walk(value):
            if isinstance(n, ast.Name) and n.id in params and n.id not in out:
                out.append(n.id)
    return out


def _computes_only(fi: FuncInfo) -> bool:
    """A calculator or a pure transform of its arguments (read once per function: its facts entry and its
    candidate both ask)."""
    if fi.computes is None:
        fi.computes = _is_arith(fi.node) or _is_pure_transform(fi.node)
    return fi.computes


def _is_arith(node) -> bool:
    """A function whose body only computes a number from its parameters (a calculator tool)."""
    body = [st for st in node.body if not (isinstance(st, ast.Expr) and isinstance(st.value, ast.Constant))]
    if not body or len(body) > 4:
        return False
    a = node.args
    texts = {x.arg for x in a.posonlyargs + a.args + a.kwonlyargs
             if isinstance(x.annotation, ast.Name) and x.annotation.id == "str"}
    has_op = False
    for st in body:
        if isinstance(st, ast.Expr) and isinstance(st.value, ast.Call) and _is_logging_call(st.value):
            continue  # a debug print or a log line changes nothing the agent's users can see
        if isinstance(st, (ast.Return, ast.Assign, ast.If, ast.Raise)):
            for e in ast.walk(st):
                if isinstance(e, ast.Call):
                    f = e.func
                    if isinstance(f, ast.Name) and f.id in _PURE_CALLS | {"ValueError", "ZeroDivisionError"}:
                        continue
                    if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "math":
                        continue
                    return False
                if isinstance(e, (ast.Dict, ast.List, ast.JoinedStr, ast.Attribute, ast.Subscript, ast.Await)):
                    if isinstance(e, ast.Attribute) and isinstance(e.value, ast.Name) and e.value.id == "math":
                        continue
                    return False
                if isinstance(e, ast.BinOp) and isinstance(e.op, (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)):
                    if any(isinstance(o, ast.Constant) and isinstance(o.value, str) or isinstance(o, ast.Name) and o.id in texts
                           for o in (e.left, e.right)):
                        return False  # title + "\n\n" + body joins text: no calculation (a stub of create_pr)
                    has_op = True
        else:
            return False
    return has_op


_PURE_BUILTINS = _PURE_CALLS | frozenset(
    "sorted reversed set frozenset list tuple dict enumerate zip range any all map filter isinstance".split())
# Text methods: read on a parameter declared str, or on a value the body made
_TEXT_METHODS = frozenset("""replace upper lower title capitalize swapcase casefold strip lstrip rstrip split rsplit
    splitlines join count find rfind index startswith endswith isdigit isalpha isalnum isspace isupper islower zfill
    center ljust rjust""".split())
# Container methods: only on a container the body made (a parameter may be a session whose add() writes)
_CONTAINER_METHODS = frozenset("add append extend get items keys values copy pop insert remove update sort".split())


def model_fields_chain(ex, ci):
    from parr.scan.python.frameworks.model_fields import class_chain
    return class_chain(ex, ci)


def _walk_but_raise(node):
    """ast.walk, leaving out what a raise statement says (an error's message)."""
    todo = [node]
    while todo:
        n = todo.pop()
        if isinstance(n, ast.Raise):
            continue
        yield n
        todo.extend(ast.iter_child_nodes(n))


# The statements a body that only computes may hold (a raise only says why it will not).
_PURE_STMTS = (ast.Return, ast.Assign, ast.AugAssign, ast.If, ast.For, ast.Expr, ast.Raise)


def _is_pure_transform(node) -> bool:
    """A function whose whole body computes its answer from its parameters: pure built-ins, text
    methods on its str parameters, containers it made itself, and nothing else: no name of the
    module (a client, a cache), no attribute but those methods, no text of its own in what it
    returns (a stub answering f"Cancelled {id}" stands for what its name says)."""
    a = node.args
    params = {x.arg for x in a.posonlyargs + a.args + a.kwonlyargs}
    if not params or params & {"self", "cls"} or a.vararg or a.kwarg:
        return False
    texts = {x.arg for x in a.posonlyargs + a.args + a.kwonlyargs
             if isinstance(x.annotation, ast.Name) and x.annotation.id == "str"}
    body = [st for st in node.body if not (isinstance(st, ast.Expr) and isinstance(st.value, ast.Constant))]
    if not body or len(body) > 12 or not all(isinstance(st, _PURE_STMTS) for st in body):
        return False  # (checked first: it is cheap, and the walks below only ever add reasons to say no)
    nodes = [n for st in body for n in walk(st)]
    made = {n.id for n in nodes if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    if made & params:
        return False
    if not any(isinstance(n, (ast.Call, ast.BinOp, ast.UnaryOp, ast.Compare, ast.Subscript, ast.ListComp,
                              ast.SetComp, ast.DictComp, ast.GeneratorExp)) for n in nodes):
        return False  # `return to`: a stub handing back what it was given computes nothing; its name stands
    answers = False
    for st in body:
        if isinstance(st, ast.Raise):
            continue  # an error's message
        if not isinstance(st, (ast.Return, ast.Assign, ast.AugAssign, ast.If, ast.For, ast.Expr)):
            return False
        if isinstance(st, ast.Return) and st.value is not None:
            inside = walk(st.value)
            if not any(isinstance(n, ast.Name) and n.id in params | made for n in inside):
                return False  # an answer fixed in advance ({"status": "ok"}): a stub of what its name says
            told = {id(x) for n in inside if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                    for x in (n.func.value, *n.args)}
            if any(isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in told for n in inside):
                return False  # text of its own in the answer (" ".join(words) and split(",") are no text)
            answers = True
        nodes = list(_walk_but_raise(st))
        funcs = {id(n.func) for n in nodes if isinstance(n, ast.Call)}
        for e in nodes:
            if isinstance(e, (ast.Await, ast.Yield, ast.YieldFrom, ast.JoinedStr, ast.Lambda,
                              ast.NamedExpr, ast.Starred)):
                return False
            if isinstance(e, (ast.Return, ast.BinOp)):
                vals = [e.value] if isinstance(e, ast.Return) else [e.left, e.right]
                if any(isinstance(v, ast.Constant) and isinstance(v.value, str) for v in vals):
                    return False  # text of its own in the answer
            if isinstance(e, ast.Name) and isinstance(e.ctx, ast.Load) and e.id not in params | made \
                    and not (id(e) in funcs and e.id in _PURE_BUILTINS):
                return False
            if isinstance(e, ast.Subscript) and isinstance(e.ctx, ast.Store) and not (
                    isinstance(e.value, ast.Name) and e.value.id in made):
                return False
            if isinstance(e, ast.Attribute):
                recv = e.value
                if id(e) not in funcs or isinstance(e.ctx, ast.Store):
                    return False
                if e.attr in _TEXT_METHODS and (isinstance(recv, ast.Constant) and isinstance(recv.value, str)
                                                or isinstance(recv, ast.Name) and recv.id in texts | made):
                    continue
                if e.attr in _CONTAINER_METHODS and isinstance(recv, ast.Name) and recv.id in made:
                    continue
                return False
            if isinstance(e, ast.Call) and not isinstance(e.func, (ast.Name, ast.Attribute)):
                return False
    return answers


_LOOP_CLASSES = frozenset({ast.For, ast.AsyncFor, ast.comprehension})
_WITH_CLASSES = frozenset({ast.With, ast.AsyncWith})


def _loop_and_with_binds(fn_node) -> dict:
    """name -> what a function's `for name in X` iterates or `with X as name` enters (X), the first
    such binding of each name in its body."""
    out: dict = {}
    for n in walk(fn_node):
        c = n.__class__  # (the parser's own classes: no isinstance asked of every node)
        if c in _LOOP_CLASSES:
            for t in walk(n.target):
                if isinstance(t, ast.Name):
                    out.setdefault(t.id, n.iter)
        elif c in _WITH_CLASSES:
            for item in n.items:
                for t in walk(item.optional_vars) if item.optional_vars is not None else ():
                    if isinstance(t, ast.Name):
                        out.setdefault(t.id, item.context_expr)
    return out


def extract_source(rel_path: str, text: str) -> dict:
    from parr.scan.wiring import compact_wiring, python_wiring

    tree = ast.parse(text, filename=rel_path)
    fx = FileExtractor(rel_path, tree, text)
    fx.run()
    facts = fx.serialise()
    fx.release()
    # Model clients and tracing come from the same parse: a second parse per file would cost as much as this one.
    wiring = compact_wiring(python_wiring(tree, text.encode("utf-8", "surrogatepass")))
    if wiring:
        facts["wiring"] = wiring
    from parr.scan.python import GLOBALS_UPDATE

    if GLOBALS_UPDATE.search(text):
        facts["reexports"] = True  # globals().update(...): names it exports at run time (resolve)
    return facts



def _mentions_toolish(e) -> bool:
    """A name, attribute or string inside `e` says tool, MCP or function (self.toolkits,
    cfg.get("tools")): cheaper than unparsing it for every call to another module's function."""
    for n in ast.walk(e):
        word = n.id if isinstance(n, ast.Name) else n.attr if isinstance(n, ast.Attribute) \
            else n.value if isinstance(n, ast.Constant) and isinstance(n.value, str) else None
        if word and _TOOLISH.search(word):
            return True
    return False


def _gated(call: ast.Call | None, gate_values) -> bool:
    """A keyword given the literal that puts a person before each call (approval_mode="always_require")."""
    return call is not None and any(_const_str(_kw(call, k)) == v for k, v in gate_values)


def _str_defaults(fn) -> dict[str, str]:
    """A function's parameters whose default is a string literal -> that string."""
    a = fn.args
    pos = a.posonlyargs + a.args
    out = {}
    for arg, d in list(zip(pos[len(pos) - len(a.defaults):], a.defaults)) + list(zip(a.kwonlyargs, a.kw_defaults)):
        if isinstance(d, ast.Constant) and isinstance(d.value, str) and len(d.value) <= 64:
            out[arg.arg] = d.value
    return out


def _param_default_str(fn: ast.FunctionDef, param: str) -> str | None:
    """The literal string default of a function's parameter, if it has one."""
    a = fn.args
    positional = a.posonlyargs + a.args
    for arg, default in zip(positional[len(positional) - len(a.defaults):], a.defaults):
        if arg.arg == param:
            return _const_str(default)
    for arg, default in zip(a.kwonlyargs, a.kw_defaults):
        if arg.arg == param and default is not None:
            return _const_str(default)
    return None
