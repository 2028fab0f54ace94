"""AWS Agent Squad (`agent_squad`): AgentTool(name, description, properties, required, func)."""

from __future__ import annotations

import ast

from parr.scan.python.astutil import fn_arg
from parr.scan.python.frameworks.spec import Framework

_SQUAD = "agent-squad"


def _agent_tool(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """AgentTool(name=..., func=f, properties={...}): one tool under the name given. The model sees
    `properties` when given (as a JSON schema's properties), else the function's hints, which
    AgentTool._extract_properties turns into one property per parameter."""
    if fw_q != _SQUAD:
        return False  # google.adk's AgentTool(agent=...) has the same class name
    fexpr = fn_arg(node, "func", pos=4)
    props = fn_arg(node, "properties", pos=2)
    extra = None
    if props is not None and not (isinstance(props, ast.Constant) and props.value is None):
        schema = ast.Dict(keys=[ast.Constant("properties")], values=[props])
        extra = {"jschema": ex.json_schema_info(schema, scope) or {"props": [], "blob": False, "opaque": True}}
    ex.fn_cand(node, scope, fexpr, _SQUAD, "agent_squad.AgentTool", name_pos=0, desc_pos=1,
               schema="json_schema" if extra else "type_hints", extra=extra)
    return True


FRAMEWORKS = (
    Framework(
        label=_SQUAD,
        roots=("agent_squad",),
        style_prefix="agent_squad",
        call_hooks={"AgentTool": (_agent_tool,)},
    ),
)
