"""MCP TypeScript SDK (`@modelcontextprotocol/*`): server.registerTool / server.tool, tools/list."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tree_sitter import Node

from parr.scan.typescript import factories
from parr.scan.typescript.frameworks.spec import (
    IMPORTED_DEFINITION,
    Factory,
    FrameworkSpec,
    Registration,
)
from parr.scan.typescript.nodes import args_of, object_entries, one_line, text, unwrap
from parr.scan.typescript.values import FileCtx

if TYPE_CHECKING:
    from parr.scan.typescript.detect import Detector


def signal(ctx: FileCtx, frameworks: set[str]) -> bool:
    """The file serves MCP: it imports the SDK or Cloudflare's agents/mcp, or names an MCP server class
    (a receiver of `.tool(...)` is then a server whatever its name)."""
    return "mcp-typescript-sdk" in frameworks or any(
        m.startswith("agents/mcp") for m, _ in ctx.imports.values()) or b"McpServer" in ctx.source \
        or b"McpAgent" in ctx.source


def register_tool(det: Detector, call: Node, args: list[Node], wrapper: dict | None = None,
                  style: str = "mcp_ts.registerTool") -> None:
    """server.registerTool(name, { title, description, inputSchema, annotations }, handler)."""
    if b"vscode" in det.ctx.source:
        from parr.scan.typescript.frameworks import vscode_lm

        if vscode_lm.is_registration(det.ctx, call):
            return  # VS Code's lm.registerTool(name, instance): the instance phase reads it (vscode_lm.py)
    if wrapper is None and factories.on_registration(det, call, args):
        return  # one definition object, or a project function returning one
    if len(args) < 2:
        return
    if wrapper is None:
        fwd = det._forwarding_calls(args[0])
        if fwd is not None:
            helper, sites = fwd
            det.ctx.claim(call)
            for site in sites:
                if not det.ctx.is_claimed(site):
                    det.ctx.claim(site)
                    _register_one(det, site, args, None, style, helper, args_of(site))
            return
    _register_one(det, call, args, wrapper, style)


def _register_one(det: Detector, call: Node, args: list[Node], wrapper: dict | None, style: str,
                  helper: Node | None = None, site_args: list[Node] | None = None) -> None:
    """One registration. With `helper` (a local function whose parameters fill this registration) and the
    arguments of one call of it, each parameter reads as that call's argument and the tool's code is the
    function the call passes, where the helper's handler only calls it."""
    def sub(node: Node | None) -> Node | None:
        return det._substitute(node, helper, site_args) if helper is not None and site_args is not None else node

    name = det._names(sub(args[0]))
    if not name:
        if helper is not None:
            det._unread(call, "tool name made at run time", one_line(call, 140))
            return
        if wrapper is not None:
            # Whether this is a tool at all is known once the method's own file is read.
            det._emit(node=call, name=None, framework="mcp-typescript-sdk", style=style, schema="none",
                       typed=False, wrapper=dict(wrapper, unread_name=text(call)[:60]))
        elif not det._register_registration_wrapper(args[0], style):
            det._unread(call, "tool name made at run time", f"registerTool({text(args[0])[:60]}, ...)")
        return
    cfg, entries = det._config(sub(args[1]))
    if cfg is None and unwrap(sub(args[1])) is not None and \
            unwrap(sub(args[1])).type not in ("identifier", "member_expression"):
        return
    if cfg is not None:
        det.ctx.claim(cfg)
        if app_only(det, entries):
            return  # `_meta: { ui: { visibility: ["app"] } }`: the view's helper, hidden from the model
    handler = det._handler(sub(args[-1])) if len(args) >= 3 else None
    if helper is not None and site_args is not None:
        handler = det._forwarded_handler(handler, helper, site_args) or handler
    if handler is None and len(args) >= 3 and style == "mcp_ts.registerToolTask":
        # registerToolTask(name, config, { createTask, getTask, getTaskResult }): the task's three methods
        # are its code (createTask starts the work)
        obj = det.ctx.value_node(args[-1])
        handler = obj if obj is not None and obj.type == "object" and "createTask" in object_entries(obj) else None
    schema_node = sub(det._entry(entries, "inputSchema"))
    info = det._schema_of(schema_node)
    eff = det._effects_of(handler)
    typed, tev = det._typed(info, handler, eff, no_schema_means_no_params=True)
    if cfg is not None:
        typed, tev = det._spread_evidence(cfg, info, typed, tev)
    definition = det._definition_ref(cfg, args[1], info)
    if cfg is None:
        # The config is a variable parr could not follow within this file: its schema is unseen.
        typed, tev = False, [IMPORTED_DEFINITION if definition else "tool config parr could not read"]
    desc, dref = det._description(sub(det._entry(entries, "description")))
    ann = det._annotations(sub(det._entry(entries, "annotations")))
    title = sub(det._entry(entries, "title"))
    if title is not None and "title" not in ann:
        t = det.ctx.string_value(title)
        if isinstance(t, str):
            ann["title"] = t
    det._emit(node=call, name=name, framework="mcp-typescript-sdk", style=style, wrapper=wrapper,
               schema=info.kind if info.declared else "none", typed=typed, typed_evidence=tev,
               description=desc, description_ref=dref, handler=handler, eff=eff,
               gates=det._gates(entries, eff), annotations=ann, caps=(), definition=definition)


def app_only(det: Detector, entries: dict[str, Node]) -> bool:
    """The MCP Apps extension's `_meta.ui.visibility: ["app"]` (mcp-use: `visibility: "app"`): a helper the
    app's view calls, which hosts keep from the model (ext-apps McpUiToolMeta; mcp-use ToolDefinition.visibility).
    Visible to the model unless "model" is left out."""
    node = det._entry(entries, "visibility")
    if node is None:
        meta = det.ctx.value_node(det._entry(entries, "_meta"))
        ui = det.ctx.value_node(det._entry(det._entries(meta), "ui")) if meta is not None and meta.type == "object" else None
        node = det._entry(det._entries(ui), "visibility") if ui is not None and ui.type == "object" else None
    value = det.ctx.value_node(node)
    if value is None:
        return False
    if value.type == "array":
        items = [det.ctx.string_value(v) for v in value.named_children]
        return bool(items) and all(isinstance(i, str) for i in items) and "model" not in items
    return det.ctx.string_value(value) == "app"


def definition_tool(det: Detector, call: Node, args: list[Node], cfg: Node) -> None:
    """mcp-use's `server.tool({ name, description, inputSchema | schema, annotations, visibility }, callback)`:
    the input schema is any Standard Schema (zod, ArkType, Valibot, TypeBox through fromJsonSchema)."""
    det.ctx.claim(cfg)
    entries = det._entries(cfg)
    if app_only(det, entries):
        return  # callable by the view only, hidden from the model
    name = det._names(det._entry(entries, "name"))
    if not name:
        det._unread(call, "tool name made at run time", f"tool({text(args[0])[:60]}, ...)")
        return
    handler = det._handler(args[1]) if len(args) >= 2 else None
    schema_node = det._entry(entries, "inputSchema", "schema")
    info = det._schema_of(schema_node)
    eff = det._effects_of(handler)
    typed, tev = det._typed(info, handler, eff, no_schema_means_no_params=True)
    typed, tev = det._spread_evidence(cfg, info, typed, tev)
    desc, dref = det._description(det._entry(entries, "description"))
    ann = det._annotations(det._entry(entries, "annotations"))
    framework = "mcp-use" if any(m == "mcp-use" or m.startswith("mcp-use/") for m, _ in det.ctx.imports.values()) \
        else "mcp-typescript-sdk"
    det._emit(node=call, name=name, framework=framework, style="mcp_use.tool",
              schema=info.kind if info.declared else "none", typed=typed, typed_evidence=tev,
              description=desc, description_ref=dref, handler=handler, eff=eff,
              gates=det._gates(entries, eff), annotations=ann)


def positional_tool(det: Detector, call: Node, args: list[Node], paid: bool) -> None:
    """server.tool(name, description?, schema?, annotations?, handler), and paidTool with its price."""
    first = det.ctx.value_node(args[0]) if args and not paid else None
    if first is not None and first.type == "object" and "name" in object_entries(first):
        definition_tool(det, call, args, first)
        return
    if len(args) < 2:
        return
    name = det._names(args[0])
    if not name:
        det._unread(call, "tool name made at run time", f"tool({text(args[0])[:60]}, ...)")
        return
    last = len(args) - 1
    if paid:
        # x402: (name, description, price, schema, handler); Stripe's paidTool puts an options
        # object after the handler: (name, description, schema, handler, options)
        while last > 1 and det._handler(args[last]) is None and unwrap(args[last]).type == "object":
            last -= 1
    handler = det._handler(args[last])
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
        resolved = det.ctx.value_node(v)
        if resolved is not None and resolved.type in ("string", "template_string", "binary_expression") or (
                i == 0 and description is None and resolved is not None and resolved.type == "identifier"
                and isinstance(det.ctx.string_value(v), (str, dict))):
            d, r = det._description(v)
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
    info = det._schema_of(schema_node)
    eff = det._effects_of(handler)
    if paid and any(_STRIPE_PAID_OPTIONS & set(object_entries(unwrap(a))) for a in args[last + 1:]
                    if unwrap(a) is not None and unwrap(a).type == "object"):
        eff.add_strong(PAID_CALL, "payment")
    typed, tev = det._typed(info, handler, eff, no_schema_means_no_params=True)
    ann = det._annotations(ann_node) if ann_node is not None else {}
    if paid:
        ann["paid"] = True
    det._emit(node=call, name=name,
               framework="cloudflare-agents" if paid else "mcp-typescript-sdk",
               style="x402.paidTool" if paid else "mcp_ts.tool",
               schema=info.kind if info.declared else "none", typed=typed, typed_evidence=tev,
               description=description, description_ref=dref, handler=handler, eff=eff,
               gates=det._gates({}, eff), annotations=ann)


# What a Stripe paid tool's call does whatever its handler does: Stripe's agent toolkit (`paidTool` of
# PaidMcpAgent, options `PaidToolOptions { checkout, paymentReason, meterEvent? }` after the handler) answers
# with a Stripe checkout until the user pays once or subscribes, or records a billing meter event per call.
# Charging the user changes state. (x402's paidTool takes a price the calling agent settles per request; the
# labelled corpus counts such a tool by its handler, so it is not marked here.)
_STRIPE_PAID_OPTIONS = frozenset({"checkout", "paymentReason", "meterEvent"})
PAID_CALL = "paidTool: the user is charged through Stripe for its use (checkout, subscription or metered)"


def paid_tool(det: Detector, call: Node, args: list[Node]) -> None:
    """x402's and Stripe's paidTool: MCP's positional tool() with a price."""
    positional_tool(det, call, args, paid=True)


SPEC = FrameworkSpec(
    id="mcp-typescript-sdk",
    prefixes=("@modelcontextprotocol/",),
    registrations=(
        # registerTool(name, { title, description, inputSchema, annotations }, handler)
        Registration("registerTool", "mcp_ts.registerTool", hook=register_tool),
        # server.experimental.tasks.registerToolTask(name, config, { createTask, getTask, getTaskResult }):
        # a tool the client calls as a task (SDK 1.2x experimental tasks)
        Registration("registerToolTask", "mcp_ts.registerToolTask",
                     hook=lambda det, call, args: register_tool(det, call, args, style="mcp_ts.registerToolTask")),
        # tool(name, description?, schema?, annotations?, handler): without an MCP signal in the file, only
        # on a receiver named like a server
        Registration("tool", "mcp_ts.tool", hook=lambda det, call, args: positional_tool(det, call, args, paid=False),
                     receiver=re.compile(r"server|mcp", re.I)),
    ),
    # A tools/list answer: { name, description, inputSchema }
    factories=(Factory("<tools/list entry>", "mcp_ts.list_tools", name_keys=("name",), schema_keys=("inputSchema",),
                       handler_keys=()),),
)
