"""OpenAI Agents SDK (`agents`): @function_tool, FunctionTool(...), hosted and local built-in tools."""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _const_str, _kw
from parr.scan.python.frameworks import agent_builtins as _generated
from parr.scan.python.frameworks.model_fields import class_chain, field_params
from parr.scan.python.frameworks.spec import Builtin, Decorator, Factory, Framework

_OA = "openai-agents"
# The hosted and built-in tool classes of agents.tool's `Tool` union, read from the package by
# benchmarks/agent_builtins.py. HostedMCPTool hands the model a remote server's tools, named at run
# time: an unresolved site, not a tool.
_REMOTE_MCP = "hosted remote MCP server: its tools are named at run time"
_BUILTINS = {cls: Builtin(_OA, name, caps, mutating, typed, site=_REMOTE_MCP if name == "hosted_mcp" else None)
             for cls, (name, mutating, typed, caps) in _generated.OPENAI_AGENTS.items()}

def _as_tool(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """agent.as_tool(tool_name=..., tool_description=...): an agent offered as a tool."""
    if "." not in d:
        return False
    n, r = ex.name_of(_kw(node, "tool_name"), scope)
    if n or r:
        desc = _const_str(_kw(node, "tool_description"))
        # parameters=Model: the model fills in that pydantic model's fields (agents' structured tool
        # input), not one free-form prompt; typed by its fields where the class is in this file
        model = _kw(node, "parameters")
        local = ex._local_class(ex.dotted(model) or "") if model is not None else None
        params = field_params(class_chain(ex, local)) if local is not None else None
        ex.new_cand(name=n, name_ref=r, line=node.lineno, framework="openai-agents", style="openai_agents.as_tool",
                    schema="framework_defined" if model is None else "pydantic",
                    typed=False if model is None else None if params else True, params=params,
                    description=desc, flags=("agent_tool",),
                    extra={"sub_agent": ex.agent_ref(node.func.value) or "?"})
    return True


FRAMEWORKS = (
    Framework(
        label=_OA,
        roots=("agents",),
        # ctx.context.cart = ...: the run's own context object, held in memory
        state_params=("RunContextWrapper",),
        style_prefix="openai_agents",
        handoff_naming="openai",
        call_hooks={"as_tool": (_as_tool,)},
        decorators=(
            Decorator("function_tool", "openai_agents.function_tool", name_kws=("name_override",),
                      desc_kws=("description_override", "description")),
            # `from agents import tool`-style bare @tool in a file that speaks only this SDK
            Decorator("tool", "openai_agents.function_tool", receiver=None),
        ),
        factories=(
            Factory("FunctionTool", _OA, "openai_agents.FunctionTool", when_kws=("params_json_schema",),
                    fn_kws=("on_invoke_tool",), fn_pos=None, schema="json_schema", gate_kws=("needs_approval",)),
            # CustomTool(name=..., description=..., on_invoke_tool=fn): the model writes one raw string
            Factory("CustomTool", _OA, "openai_agents.CustomTool", fn_kws=("on_invoke_tool",), fn_pos=None,
                    schema="framework_defined", typed=False, gate_kws=("needs_approval",)),
        ),
        builtin_classes=_BUILTINS,
    ),
)
