"""AutoGen (0.2 `autogen`, 0.4 `autogen_core`/`autogen_agentchat`/`autogen_ext`): register_for_llm, FunctionTool, BaseTool."""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _const_str, _kw
from parr.scan.python.frameworks.spec import Decorator, Factory, Framework

def _tool_schema(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """autogen_core's ToolSchema(name=..., description=..., parameters=ParametersSchema(...)): a
    function schema handed to model_client.create(tools=[...])."""
    if not (fw_q == "autogen" or "autogen" in ex.fw_hints):
        return False
    n, r = ex.str_of(_kw(node, "name"), scope)
    if n or r:
        params = _kw(node, "parameters")
        if isinstance(params, ast.Call) and not params.args:
            params = ast.Dict(keys=[ast.Constant(k.arg) for k in params.keywords if k.arg],
                              values=[k.value for k in params.keywords if k.arg])
        ex.new_cand(name=n, name_ref=r, line=node.lineno, framework="autogen", style="autogen.ToolSchema",
                    schema="json_schema", description=_const_str(_kw(node, "description")),
                    extra={"jschema": ex.json_schema_info(params, scope)})
        ex.consumed.add(id(node))
    return True


FRAMEWORKS = (
    Framework(
        label="autogen",
        roots=("autogen_core", "autogen_ext", "autogen_agentchat", "autogen"),
        decorators=(Decorator("register_for_llm", "autogen.register_for_llm", as_call=False),),
        factories=(
            Factory("FunctionTool", "autogen", "autogen.FunctionTool", when_args=True),
            # AG2 / AutoGen 0.2: register_function(f, caller=assistant, executor=user, name=..., description=...)
            Factory("register_function", "autogen", "autogen.register_function", when_kws=("caller", "executor"),
                    fn_kws=("f",)),
        ),
        handoff_naming="autogen",
        tool_base_classes=("BaseTool", "BaseToolWithState", "BaseStreamTool"),
        class_style="autogen.BaseTool_subclass",
        call_hooks={"ToolSchema": (_tool_schema,)},
    ),
)
