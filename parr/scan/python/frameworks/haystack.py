"""Haystack (`haystack.tools`): @tool, Tool, create_tool_from_function, ComponentTool, PipelineTool, Toolset, Tool subclasses."""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _const_str, _kw, fn_arg
from parr.scan.python.frameworks.spec import Decorator, Factory, Framework

_HS = "haystack"


def component_tool_name(class_name: str) -> str:
    """The name ComponentTool gives a component when none is passed (SerperDevWebSearch ->
    serper_dev_web_search), following haystack.tools.component_tool."""
    return "".join("_" + c.lower() if c.isupper() and i > 0 and not class_name[i - 1].isupper() else c.lower()
                   for i, c in enumerate(class_name)).lstrip("_")


def _tool(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """Tool(name=..., description=..., parameters={...}, function=fn)."""
    if not (fw_q == _HS or (_kw(node, "parameters") is not None and _kw(node, "function") is not None)):
        return False
    ex.fn_cand(node, scope, _kw(node, "function"), _HS, "haystack.Tool", schema="json_schema",
               extra={"jschema": ex.json_schema_info(_kw(node, "parameters"), scope), "no_params": True})
    return True


def _component_tool(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """ComponentTool(component=SomeComponent(...), name=...): the component's run() is the tool."""
    if fw_q not in (_HS, None):
        return False
    component = fn_arg(node, "component")
    name_e = _kw(node, "name")
    if isinstance(component, ast.Name):
        bound, _ = ex.lookup(scope, component.id)
        component = bound if isinstance(bound, ast.Call) else component
    cls = ex.class_of_call(component, scope)
    run = cls.methods.get("run") if cls is not None else None
    n = r = None
    if name_e is not None:
        n, r = ex.str_of(name_e, scope)
        if n is None and r is None:
            ex.unresolved_site(node, "", node.lineno, "tool name made at run time")
            return True
    elif isinstance(component, ast.Call):
        callee = ex.dotted(component.func) or ""
        if callee and "()" not in callee:
            n = component_tool_name(callee.rsplit(".", 1)[-1])
    if n is None and r is None:
        ex.unresolved_site(node, "", node.lineno, "tool registration parr cannot read")
        return True
    desc = _const_str(_kw(node, "description"))
    ex.new_cand(name=n, name_ref=r, line=node.lineno, framework=_HS, style="haystack.ComponentTool",
                schema="framework_defined", fn=run, description=desc,
                def_line=run.node.lineno if run is not None else None)
    ex.consumed.add(id(node))
    return True


def _pipeline_tool(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """PipelineTool(pipeline=..., name=..., description=...): a whole pipeline offered as one tool."""
    if fw_q not in (_HS, None):
        return False
    n, r = ex.str_of(_kw(node, "name"), scope)
    if n is None and r is None:
        ex.unresolved_site(node, "", node.lineno, "tool registration parr cannot read")
        return True
    ex.new_cand(name=n, name_ref=r, line=node.lineno, framework=_HS, style="haystack.PipelineTool",
                schema="framework_defined", typed=False, description=_const_str(_kw(node, "description")),
                flags=("agent_tool",))
    ex.consumed.add(id(node))
    return True


FRAMEWORKS = (
    Framework(
        label=_HS,
        roots=("haystack", "haystack_integrations"),
        decorators=(Decorator("tool", "haystack.tool_decorator", receiver=None),),
        factories=(
            Factory("create_tool_from_function", _HS, "haystack.create_tool_from_function", when_args=True,
                    when_kws=("function",), fn_kws=("function",)),
        ),
        tool_base_classes=("Tool", "ComponentTool"),
        class_style="haystack.Tool_subclass",
        call_hooks={"Tool": (_tool,), "ComponentTool": (_component_tool,), "PipelineTool": (_pipeline_tool,)},
    ),
)
