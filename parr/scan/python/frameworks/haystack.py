"""Haystack (`haystack.tools`): @tool, Tool, create_tool_from_function, ComponentTool, PipelineTool, Toolset, Tool subclasses."""

from __future__ import annotations

import ast

from parr.scan.python.astutil import _const_str, _kw, fn_arg
from parr.scan.python.frameworks.spec import Builtin, Decorator, Factory, Framework

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
    # ComponentTool(component=research_agent): an agent offered as a tool does what its tools do
    sub = ex.agent_ref(component) if isinstance(component, ast.Name) and (
        component.id in ex.agent_members or component.id in ex.imports) else None
    if isinstance(component, ast.Name):
        bound, _ = ex.lookup(scope, component.id)
        component = bound if isinstance(bound, ast.Call) else component
    cls = ex.class_of_call(component, scope)
    run = cls.methods.get("run") if cls is not None else None
    n = r = None
    if name_e is not None:
        n, r = ex.name_of(name_e, scope)
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
                def_line=run.node.lineno if run is not None else None, extra={"sub_agent": sub} if sub else None)
    ex.consumed.add(id(node))
    return True


# Component classes that put a model (or an agent) inside a pipeline: its input becomes a prompt.
_MODEL_COMPONENT = ("Generator", "Agent", "LLM", "ChatModel")


def _pipeline_components(ex, pipeline) -> list[str] | None:
    """Class names of the components added to a pipeline built in this file (`pipe.add_component("x",
    Comp(...))`), or None when parr cannot see them all (a pipeline from elsewhere, a component built
    out of sight)."""
    if not isinstance(pipeline, ast.Name):
        return None
    made: dict[str, ast.Call] = {}
    added: list = []
    built = False
    for e in ast.walk(ex.tree):
        if isinstance(e, ast.Assign) and len(e.targets) == 1 and isinstance(e.targets[0], ast.Name) \
                and isinstance(e.value, ast.Call):
            made[e.targets[0].id] = e.value
            if e.targets[0].id == pipeline.id:
                built = (ex.dotted(e.value.func) or "").rsplit(".", 1)[-1] in ("Pipeline", "AsyncPipeline")
        elif isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute) and e.func.attr == "add_component" \
                and isinstance(e.func.value, ast.Name) and e.func.value.id == pipeline.id:
            added.append(_kw(e, "instance") or (e.args[1] if len(e.args) > 1 else None))
    if not built or not added:
        return None
    names = []
    for comp in added:
        if isinstance(comp, ast.Name):
            comp = made.get(comp.id)
        cls = (ex.dotted(comp.func) or "") if isinstance(comp, ast.Call) else ""
        if not cls:
            return None
        names.append(cls.rsplit(".", 1)[-1])
    return names


def _pipeline_tool(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """PipelineTool(pipeline=..., name=..., description=...): a whole pipeline offered as one tool; a
    sub-agent when a model reads its input, a typed tool when parr sees every component and none is
    a generator or an agent (the input only fills templates and queries)."""
    if fw_q not in (_HS, None):
        return False
    n, r = ex.name_of(_kw(node, "name"), scope)
    if n is None and r is None:
        ex.unresolved_site(node, "", node.lineno, "tool registration parr cannot read")
        return True
    comps = _pipeline_components(ex, fn_arg(node, "pipeline"))
    agentic = comps is None or any(c.endswith(_MODEL_COMPONENT) or "Generator" in c for c in comps)
    ex.new_cand(name=n, name_ref=r, line=node.lineno, framework=_HS, style="haystack.PipelineTool",
                schema="framework_defined", typed=False if agentic else None,
                description=_const_str(_kw(node, "description")), flags=("agent_tool",) if agentic else ())
    ex.consumed.add(id(node))
    return True


# haystack-core-integrations tool classes (their default name= in __init__); GitHub's file editor
# and PR creator commit and open pull requests, the commenter posts, the forker forks.
_BUILTINS = {
    "GitHubRepoViewerTool": Builtin(_HS, "repo_viewer", ("http",)),
    "GitHubIssueViewerTool": Builtin(_HS, "issue_viewer", ("http",)),
    "GitHubFileEditorTool": Builtin(_HS, "file_editor", ("http_write",), True),
    "GitHubIssueCommenterTool": Builtin(_HS, "issue_commenter", ("http_write",), True),
    "GitHubPRCreatorTool": Builtin(_HS, "pr_creator", ("http_write",), True),
    "GitHubRepoForkerTool": Builtin(_HS, "repo_forker", ("http_write",), True),
    "Mem0MemoryRetrieverTool": Builtin(_HS, "retrieve_memories"),
    "Mem0MemoryWriterTool": Builtin(_HS, "store_memory", (), True),
    "MirageShellTool": Builtin(_HS, "mirage_shell", ("shell",), True, False),
    "TavilyWebSearchTool": Builtin(_HS, "web_search", ("http",)),
}
# Toolsets with fixed members: haystack.tools.skills.SkillToolset (names fixed, "an Agent can use at
# most one"), and haystack_integrations' E2BToolset over one sandbox.
_TOOLSETS = {
    "SkillToolset": (Builtin(_HS, "load_skill", ("file_read",)), Builtin(_HS, "read_skill_file", ("file_read",))),
    "E2BToolset": (Builtin(_HS, "run_bash_command", ("shell",), True, False), Builtin(_HS, "read_file", ("file_read",)),
                   Builtin(_HS, "write_file", ("file_write",), True), Builtin(_HS, "list_directory", ("file_read",))),
}

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
        builtin_classes=_BUILTINS,
        builtin_toolsets=_TOOLSETS,
    ),
)
