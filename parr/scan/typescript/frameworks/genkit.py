"""Firebase Genkit (`genkit`, `@genkit-ai/*`): ai.defineTool({ name, description, inputSchema }, fn) and its kin.

`ai` is the instance `genkit({...})` returns, often made in one file and imported by the files that define
tools, so the member calls are read by name with the config's shape as the sign where the file does not
import Genkit itself. What the model sees (genkit js/ai/src/tool.ts, toToolDefinition): the config's `name`
after its last "/" (a plugin's namespace is dropped), its `description`, and `inputSchema` or
`inputJsonSchema`; without either the input is `z.void()`, a tool without parameters. The function is the
argument after the config. `defineInterrupt({ name, description, inputSchema })` (genkit/beta) is a tool whose
call stops the generation and hands the request to a person: no body of the project's runs. `tool(...)` and
`dynamicTool(...)` make the same tool without registering it; the 0.5 API's imported
`defineTool(config, fn)` too. A defined tool is exposed by its registration alone: `generate({ tools:
['name'] })` and .prompt files name tools by their registered names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from parr.scan.typescript.frameworks.spec import Factory, FrameworkSpec, Registration
from parr.scan.typescript.nodes import unwrap

if TYPE_CHECKING:  # pragma: no cover
    from parr.scan.typescript.detect import Detector

_SCHEMA_KEYS = ("inputSchema", "inputJsonSchema")
_SHAPE_KEYS = frozenset({"inputSchema", "inputJsonSchema", "outputSchema", "outputJsonSchema"})


def _model_name(name):
    """The name the model sees: a registered `plugin/tool` loses its namespace."""
    if isinstance(name, str) and "/" in name:
        return name.rsplit("/", 1)[1]
    if isinstance(name, list):
        return [_model_name(n) for n in name]
    return name


def _read(det: Detector, call: Node, args: list[Node], style: str, interrupt: bool, member: bool) -> None:
    # The config is the first object argument: defineTool(cfg, fn), or defineTool(registry, cfg, fn) inside
    # Genkit's own layers; the function is the argument after it. On an instance it is the first argument:
    # `x.defineTool("name", {...}, fn)` is some other registration (read as a registration-shaped call).
    index = next((i for i, a in enumerate(args[:1 if member else 2]) if det._config(a)[0] is not None), None)
    if index is None:
        return
    cfg, entries = det._config(args[index])
    fn = args[index + 1] if len(args) > index + 1 else None
    if member and SPEC.id not in det.frameworks:
        # `ai` imported from the project's own genkit.ts: Genkit's signature is the sign (a name and a
        # description, and a schema or the function after the config)
        if "name" not in entries or "description" not in entries or not (
                _SHAPE_KEYS & set(entries) or (fn is not None and det._handler(fn) is not None)):
            return
    name_node = det._entry(entries, "name")
    name = (det._names(name_node) or None) if name_node is not None else None
    if name is None:
        if name_node is not None:
            det._unread(call, "tool name made at run time")
        return
    det.ctx.claim(cfg)
    handler = None if interrupt else det._handler(fn)
    info, eff, typed, tev, desc, dref = det._read_definition(
        cfg, det._entry(entries, *_SCHEMA_KEYS), handler, det._entry(entries, "description"),
        no_schema_means_no_params=True)
    one = name[0] if isinstance(name, list) and len(name) == 1 else name
    cand = det._emit(node=call, name=_model_name(one), framework=SPEC.id, style=style,
                     schema=info.kind if info.declared else "none", typed=typed, typed_evidence=tev,
                     description=desc, description_ref=dref, handler=handler, eff=eff, gates=det._gates(entries, eff))
    if interrupt:  # whatever its name or description says, the call itself only asks (judge.py: state_only)
        cand["state_only"] = "an interrupt: the call stops the generation and waits for a person's reply"


def define_tool(det: Detector, call: Node, args: list[Node]) -> None:
    """`ai.defineTool({ name, description, inputSchema }, fn)` (also `ai.dynamicTool`)."""
    _read(det, call, args, "genkit.defineTool", interrupt=False, member=True)


def define_interrupt(det: Detector, call: Node, args: list[Node]) -> None:
    """`ai.defineInterrupt({ name, description, inputSchema })`: the call is answered by a person."""
    _read(det, call, args, "genkit.defineInterrupt", interrupt=True, member=True)


def _factory(det: Detector, call: Node, args: list[Node], fw: str | None, fname: str) -> None:
    """`tool(cfg, fn)`, `dynamicTool(cfg, fn)` or 0.5's `defineTool(cfg, fn)` imported from Genkit."""
    interrupt = fname == "defineInterrupt"
    _read(det, call, [unwrap(a) for a in args],
          "genkit.defineInterrupt" if interrupt else "genkit.defineTool", interrupt=interrupt, member=False)


SPEC = FrameworkSpec(
    id="genkit",
    packages=("genkit",),
    prefixes=("genkit/", "@genkit-ai/"),
    factories=tuple(Factory(f, "genkit.defineTool", hook=_factory)
                    for f in ("tool", "dynamicTool", "defineTool")),
    # one config object and a function: no exported argument list is spread into them
    registrations=(Registration("defineTool", "genkit.defineTool", hook=define_tool, spread_args=False),
                   Registration("dynamicTool", "genkit.defineTool", hook=define_tool, spread_args=False),
                   Registration("defineInterrupt", "genkit.defineInterrupt", hook=define_interrupt, spread_args=False)),
    context_keys=("tools",),
    # @genkit-ai/mcp: createMcpHost({ mcpServers: {...} }) / defineMcpHost(ai, {...}): the servers' tools, listed at
    # run time (a site each)
    runtime_tool_keys=("mcpServers",),
    agent_factories=("createMcpHost", "defineMcpHost", "createMcpClient", "defineMcpClient"),
)
