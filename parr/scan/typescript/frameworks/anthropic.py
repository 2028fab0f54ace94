"""Anthropic API (`@anthropic-ai/*`): raw tools with input_schema, versioned server tools."""

import re

from parr.scan.typescript.frameworks.spec import Factory, FrameworkSpec

SPEC = FrameworkSpec(
    id="anthropic",
    prefixes=("@anthropic-ai/",),
    factories=(Factory("<input_schema>", "anthropic.raw_tool_schema", name_keys=("name",),
                       schema_keys=("input_schema",), handler_keys=()),),
)

# { type: "bash_20250124" }: a server or client tool Anthropic defines, named by its type's prefix.
SERVER_TOOL_TYPE = re.compile(r"^([a-z_]+?)_(\d{8})$")
