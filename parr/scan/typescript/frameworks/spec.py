"""The data one TypeScript framework family declares about its tool API (read by the detector)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Why a tool whose schema sits in an imported definition is untyped until the project phase reads it.
IMPORTED_DEFINITION = "input schema in a definition imported from another file"


@dataclass(frozen=True)
class Factory:
    """A function that makes one tool from a config object: which keys hold which part."""

    function: str
    style: str
    name_keys: tuple[str, ...] = ()
    description_keys: tuple[str, ...] = ("description",)
    schema_keys: tuple[str, ...] = ()
    handler_keys: tuple[str, ...] = ("execute",)
    config_arg: int = 0
    # The framework sends a tool without a schema key as one without parameters (not as free-form input).
    no_schema_means_no_params: bool = False
    # Without a name key the tool takes the name of where it is stored (`tools: { x: createTool(...) }`,
    # `const x = ...`); otherwise a config without a readable name is no tool.
    named_by_place: bool = False
    # The name key is only the default: where the tool is stored under a key (`tools: { setPlan: setPlanTool }`,
    # in this file or where another imports it), the model sees that key (Mastra: toolName is the key of the
    # agent's tools object, not the createTool id, mastra-ai/mastra PR #12202); a tool never keyed keeps it.
    key_outranks_name: bool = False
    # How a call is read: hook(detector, call, arguments, family of the callee's import, function name).
    hook: Callable[..., None] | None = None
    # The families whose import of the function this hook reads (they re-export it); None: no known import;
    # "*": any import, or none. Empty: this family only.
    read_for: tuple[str | None, ...] = ()


@dataclass(frozen=True)
class Registration:
    """A method that registers one tool on a receiver (`server.tool(...)`), read positionally."""

    method: str
    style: str
    name_arg: int = 0
    # How the call is read: hook(detector, call, positional arguments).
    hook: Callable[[Any, Any, list], None] | None = None
    # Where the file shows no sign of the family, the receiver's name must match this (`server.tool`).
    receiver: re.Pattern[str] | None = None
    # Its arguments come as a list another file exports and the call spreads (`server.tool(...TOOL)`): exported
    # arrays are read speculatively by such registrations. False where the API takes one config object.
    spread_args: bool = True


@dataclass(frozen=True)
class Builtin:
    """A tool the provider defines and runs: its default name and what it can do."""

    name: str
    mutating: bool
    typed: bool
    capabilities: tuple[str, ...] = ()


@dataclass(frozen=True)
class Handoff:
    """A sub-agent the model reaches through a tool the framework names (`transfer_to_<agent>`)."""

    function: str
    style: str
    name_prefix: str
    override_key: str


@dataclass(frozen=True)
class FrameworkSpec:
    """One framework family: the packages that identify it and the tool API it exposes."""

    id: str
    packages: tuple[str, ...] = ()          # exact module names
    prefixes: tuple[str, ...] = ()          # module name prefixes ("@langchain/")
    factories: tuple[Factory, ...] = ()
    registrations: tuple[Registration, ...] = ()
    tool_classes: dict[str, str] = field(default_factory=dict)  # class -> the base it behaves as
    builtins: dict[str, Builtin] = field(default_factory=dict)  # factory, key or class -> built-in tool
    handoffs: tuple[Handoff, ...] = ()
    context_keys: tuple[str, ...] = ()      # object keys that hand tools to a model (`tools:`)
    # Keys of an agent's config whose servers list tools at run time (`mcpServers:`): a site each.
    runtime_tool_keys: tuple[str, ...] = ()
    # The calls that take such a config, known by name where the family comes through a local re-export.
    agent_factories: tuple[str, ...] = ()
    # Reads a call of one of `builtins` imported from this family or from nowhere known:
    # builtin_hook(detector, call, arguments, function name).
    builtin_hook: Callable[..., None] | None = None
    # Reads an object in a tools array as a tool the provider hosts (`{ type: "web_search" }`,
    # `{ googleSearch: {} }`): hosted_object(detector, object, its entries) -> whether it was one.
    hosted_object: Callable[..., bool] | None = None
    # Reads the calls only this family's import makes tools of (`useCopilotAction({...})`, `composio.tools.get`):
    # file_reader(detector), run once in a file that imports the family, before the generic readers (it claims
    # what it read, so no generic reader takes a config again); files without the import pay nothing.
    file_reader: Callable[..., None] | None = None

    def owns(self, module: str) -> bool:
        return module in self.packages or module.startswith(self.prefixes)

    def factory(self, function: str) -> Factory:
        for f in self.factories:
            if f.function == function:
                return f
        raise KeyError(f"{self.id} declares no factory {function}")
