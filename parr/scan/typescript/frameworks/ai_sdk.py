"""Vercel AI SDK (`ai`, `@ai-sdk/*`): tool(), dynamicTool(), provider tools, `tools:` maps."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tree_sitter import Node

from parr.scan.typescript import effects as fx
from parr.scan.typescript import provider_kinds
from parr.scan.typescript.frameworks import ai_sdk_provider_names, opencode
from parr.scan.typescript.frameworks.spec import Factory, FrameworkSpec
from parr.scan.typescript.nodes import args_of, member_chain, unwrap

if TYPE_CHECKING:
    from parr.scan.typescript.detect import Detector


def tool(det: Detector, call: Node, args: list[Node], style: str) -> None:
    """tool({ description, inputSchema, execute }), dynamicTool, OpenCode's plugin tool: named by where it is stored."""
    cfg, entries = det._claimed_config(args)
    if cfg is None:
        return
    callee = member_chain(unwrap(call.child_by_field_name("function")))
    in_opencode = bool(callee) and det.ctx.import_source(callee[0]) == opencode.PACKAGE
    if det._register_wrapper(cfg, entries, "opencode" if in_opencode else "ai-sdk",
                              opencode.SPEC.factory("tool").style if in_opencode else style):
        return
    if det._wraps_parameters(entries, ("description",), ("inputSchema", "parameters", "args")):
        return  # tool({ description, inputSchema: schema, execute }) over a function's parameters: an adapter
    in_opencode = bool(callee) and det.ctx.import_source(callee[0]) == opencode.PACKAGE
    # OpenCode plugins: tool({ description, args: { x: tool.schema.string() }, execute })
    spec = (opencode.SPEC if in_opencode else SPEC).factory("tool")
    schema_node = det._entry(entries, *spec.schema_keys)
    handler = det._handler(det._entry(entries, "execute"))
    info, eff, typed, tev, desc, dref = det._read_definition(cfg, schema_node, handler,
                                                             det._entry(entries, "description"))
    naming = det._naming(call)
    if in_opencode:
        framework, style = opencode.SPEC.id, spec.style
    else:
        framework = "ai-sdk"
    det._emit_named(call, naming, default_name=None, framework=framework, style=style,
                     schema=info.kind if info.declared else "none", typed=typed, typed_evidence=tev,
                     description=desc, description_ref=dref, handler=handler, eff=eff,
                     gates=det._gates(entries, eff), annotations=det._annotations(det._entry(entries, "annotations")),
                     definition=det._definition_ref(cfg, None, info))


SPEC = FrameworkSpec(
    id="ai-sdk",
    packages=("ai",),
    prefixes=("@ai-sdk/",),
    factories=(
        # Cloudflare agents, Mastra and VoltAgent re-export the AI SDK's tool().
        Factory("tool", "ai_sdk.tool", schema_keys=("inputSchema", "parameters"),
                hook=lambda det, call, args, fw, fname: tool(det, call, args, "ai_sdk.tool"),
                read_for=("ai-sdk", "cloudflare-agents", "mastra", "voltagent")),
        Factory("dynamicTool", "ai_sdk.dynamicTool", schema_keys=("inputSchema", "parameters"),
                hook=lambda det, call, args, fw, fname: tool(det, call, args, "ai_sdk.dynamicTool"), read_for=("*",)),
    ),
    context_keys=("tools",),
)

# Community providers whose `.tools.*` are provider-defined tools like @ai-sdk/*'s.
PROVIDER_PACKAGES = ("workers-ai-provider", "ollama-ai-provider", "@openrouter/ai-sdk-provider")


def is_provider_module(module: str | None) -> bool:
    return bool(module) and (module.startswith("@ai-sdk/") or "ai-sdk-provider" in module
                             or module in PROVIDER_PACKAGES)

# Provider-defined tools (`openai.tools.webSearch()`): what their type says they can do.
# programmaticToolCalling: the model writes a program the provider runs; customTool: free-form text
# constrained only by a grammar the app supplies.
UNTYPED_PROVIDER_TOOL = re.compile(r"bash|shell|code|programmatic|customTool", re.I)
_NOT_PROVIDER_TOOLS = frozenset({"map", "some", "every", "filter", "forEach", "find", "findIndex", "entries",
                                 "keys", "values", "push", "reduce", "flatMap", "includes", "slice", "get", "set",
                                 "has", "concat", "sort", "join", "length", "indexOf", "splice", "add", "delete"})


def provider_call(det: Detector, call: Node, aliased: bool = False) -> None:
    """openai.tools.webSearch(), anthropic.tools.bash_20250124(), and the same through an imported `tools`
    namespace (`aliased`): a tool the provider defines, named by where it is stored or by its type."""
    fn = unwrap(call.child_by_field_name("function"))
    chain = member_chain(fn)
    if aliased:
        if len(chain) != 2 or chain[1] in _NOT_PROVIDER_TOOLS or det.ctx.is_claimed(call):
            return
        root, tool_id = chain
    else:
        if len(chain) != 3 or chain[1] != "tools":
            return
        root = chain[0]
        tool_id = chain[2]
    if tool_id in _NOT_PROVIDER_TOOLS:
        return
    b = det.ctx.lookup(call, root)
    if b is None:
        return
    if aliased:
        if b.kind != "import":  # shadowed by a local of the same name
            return
    elif b.kind == "import":
        # The AI Gateway's tools come from the core package: import { gateway } from "ai".
        if not is_provider_module(b.module) and not (b.module == "ai" and root == "gateway"):
            return
    module = b.module if b.kind == "import" else None
    if b.kind in ("var", "default"):
        init = det.ctx.value_node(b.node)
        if init is None or init.type != "call_expression":
            return
        fn_chain = member_chain(unwrap(init.child_by_field_name("function")))
        module = det.ctx.import_source(fn_chain[0]) if fn_chain else None
        if not is_provider_module(module):
            return  # `const p = createAnthropic()` must come from a provider package
    elif b.kind != "import":
        return
    mutating, known = provider_kinds.verdict(tool_id)
    typed = not UNTYPED_PROVIDER_TOOL.search(tool_id)
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
    _, entries = det._config(args[0]) if args else (None, {})
    eff = fx.Effects()
    if entries:
        h = det._handler(det._entry(entries, "execute"))
        if h is not None:
            eff = fx.analyze(det.ctx, h)
    naming = det._naming(call)
    fixed = ai_sdk_provider_names.FIXED_NAMES.get(module or "", {}).get(tool_id) if tool_id != "mcp" else None
    if fixed is not None:
        # The provider sends the model its fixed name (bash, web_search, ...) whatever key holds the tool.
        naming = {"kind": "key", "name": fixed}
    langchain = b.kind == "import" and (b.module or "").startswith("@langchain/")
    default_name = re.sub(r"_\d{8}$", "", tool_id)
    if langchain:  # the hosted tool's type: imageGeneration -> image_generation
        default_name = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", default_name).lower()
    det._emit_named(call, naming, default_name=default_name,
                     framework="langchainjs" if langchain else "ai-sdk",
                     style="langchain_js.provider_tool" if langchain else "ai_sdk.provider_tool",
                     schema="provider_defined", typed=typed,
                     typed_evidence=[] if typed else ["free-form text input (a grammar, not a schema)"
                                                      if tool_id == "customTool" else "model-written command or code"],
                     eff=eff, caps=caps, kind_mutating=None if tool_id == "customTool" else mutating,
                     gates=det._gates(entries, eff))
    if not known and tool_id != "customTool" and det.tools:
        det.tools[-1]["kind_unknown"] = tool_id
