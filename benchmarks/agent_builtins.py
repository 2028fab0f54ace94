#!/usr/bin/env python3
"""Write parr/scan/python/frameworks/agent_builtins.py from the wheels of Pydantic AI, deepagents,
LangChain (v1 agent middleware), smolagents and the OpenAI Agents SDK, read with `ast`.

usage: agent_builtins.py WHEEL ... > parr/scan/python/frameworks/agent_builtins.py
  e.g. pip download --no-deps -d /tmp/ab pydantic-ai-slim 'pydantic-ai-slim<2' deepagents langchain \\
           smolagents openai-agents
       python benchmarks/agent_builtins.py /tmp/ab/*.whl

Nothing is imported or run: every module of every wheel is parsed, and only names and flags are
written out (no code of the packages). What is read:

- Pydantic AI native (provider) tools: every subclass of AbstractNativeTool (AbstractBuiltinTool before
  1.x renamed it) in pydantic_ai.native_tools / pydantic_ai.builtin_tools, named by its `kind` (the
  name each provider gives it differs: web_search, google_search...; the kind is the one the model
  request carries). Capabilities (pydantic_ai.capabilities) whose `_default_native()` returns one of
  them give that native tool (WebSearch() -> web_search). Common tools: every function of
  pydantic_ai.common_tools that returns `Tool(..., name='<literal>')` (duckduckgo_search_tool ->
  duckduckgo_search). Where two wheels (1.x and 2.x) both declare a name, the newer one's is kept.
- Agent middleware (langchain.agents.middleware, deepagents.middleware): every AgentMiddleware
  subclass that sets `self.tools`, and the tool names reachable from that assignment: the literal
  `name=` of StructuredTool.from_function/tool(...) calls, `@tool` / `@tool("name")` functions, through
  the class's own methods and the module's functions it calls or names (FilesystemMiddleware's
  _create_tools -> _create_ls_tool -> from_function(name="ls")). One that sets none is listed with
  no tools (SummarizationMiddleware, HumanInTheLoopMiddleware: they shape the run, the model sees no tool). A name given as a parameter's
  default (`tool_name: str = SHELL_TOOL_NAME`) is that default, and that keyword renames the tool.
- deepagents' create_deep_agent: the middleware its main agent is built with: those in the list it
  starts from and appends at the top level of its body are always there; one appended under
  `if <name>:` is there when that name is given (a parameter), or, for a list the function fills
  itself, as _LOCAL_CONDITIONS below says (checked against the body: a condition it does not know
  stops the generator).
- smolagents: every Tool subclass of smolagents.default_tools with a literal `name`, and the classes
  of its TOOL_MAPPING (what `add_base_tools=True` adds), with the one agents.py keeps for
  ToolCallingAgent only (`name != "python_interpreter" or ... == "ToolCallingAgent"`). FinalAnswerTool
  is left out: every agent gets it (`setdefault("final_answer", ...)`), it ends the run with the
  answer, and the hand counts never count it (as Pydantic AI's output tools are not counted).
- OpenAI Agents SDK: the members of the `Tool` union in agents.tool, each with the literal its
  `name` property returns first or, for a dataclass field
  (ShellTool), its default (FunctionTool and CustomTool are named by the user and left out).

Whether a tool changes state is decided by the rule in _RULES (first match wins, on the tool name):
file writes, edits, deletes and patches; a shell or code execution (untyped: its input is run);
computer use; a provider memory tool (writes memory files); delegation to sub-agents that can
write (task, start/update/cancel of an async task); everything else (search, fetch, reads, image
generation, a todo list held in the agent's state) does not.
"""

from __future__ import annotations

import ast
import re
import sys
import zipfile
from pathlib import Path

# (pattern on the tool name, mutating, typed, caps); first match wins; no match: a read.
_RULES: tuple[tuple[str, bool, bool, tuple[str, ...]], ...] = (
    (r"^(write_file|edit_file|delete|apply_patch)$", True, True, ("file_write",)),
    (r"^(execute|shell|local_shell|bash)$", True, False, ("shell",)),
    (r"^(code_execution|code_interpreter|python_interpreter|programmatic_tool_calling)$", True, False,
     ("code_execution",)),
    (r"^(computer|computer_use_preview)$", True, True, ("computer_use",)),
    (r"^memory$", True, True, ("file_write",)),
    (r"^(task|start_async_task|update_async_task|cancel_async_task)$", True, True, ()),
    (r"^(ls|read_file|glob|grep|glob_search|grep_search)$", False, True, ("file_read",)),
    # a search over the provider's vector stores, or over the agent's own deferred tools
    (r"^(file_search|tool_search)$", False, True, ()),
    (r"^(mcp_server|hosted_mcp)$", False, True, ("mcp_remote",)),
    (r"search|fetch|url_context|visit_webpage|wikipedia|^exa_", False, True, ("http",)),
)

# create_deep_agent's conditions on lists it fills itself: the name -> the keyword that must be
# given for it to hold, or None when it holds by default (a general-purpose sub-agent is added
# unless a profile turns it off, so the `task` tool is there).
_LOCAL_CONDITIONS = {"inline_subagents": None, "async_subagents": "subagents+graph_id",
                     "main_interrupt_on is not None": "interrupt_on"}


def _flags(name: str) -> tuple[bool, bool, tuple[str, ...]]:
    for pat, mutating, typed, caps in _RULES:
        if re.search(pat, name):
            return mutating, typed, caps
    return False, True, ()


def _modules(wheels: list[Path]) -> tuple[dict[str, ast.Module], dict[str, str]]:
    mods: dict[str, ast.Module] = {}
    versions: dict[str, str] = {}
    for w in sorted(wheels, key=lambda p: _version_key(p.name)):  # newer wheels overwrite older modules
        dist, version = w.name.split("-")[:2]
        versions[f"{dist.replace('_', '-')} {version}"] = version
        with zipfile.ZipFile(w) as z:
            for n in z.namelist():
                if n.endswith(".py") and ".dist-info/" not in n:
                    mod = n[:-3].replace("/", ".").removesuffix(".__init__")
                    try:
                        mods[mod] = ast.parse(z.read(n).decode("utf-8"))
                    except SyntaxError:
                        continue
    return mods, versions


def _version_key(name: str) -> tuple:
    parts = name.split("-")
    return parts[0], tuple(int(x) for x in re.findall(r"\d+", parts[1])[:3])


def _classes(tree: ast.Module) -> dict[str, ast.ClassDef]:
    return {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}


def _base_names(c: ast.ClassDef) -> list[str]:
    out = []
    for b in c.bases:
        while isinstance(b, ast.Subscript):
            b = b.value
        if isinstance(b, ast.Attribute):
            out.append(b.attr)
        elif isinstance(b, ast.Name):
            out.append(b.id)
    return out


def _subclasses(mods: dict[str, ast.Module], prefix: str, root: str) -> dict[str, tuple[str, ast.ClassDef]]:
    """Classes of modules under `prefix` whose bases lead, by name, to `root`."""
    all_classes = {name: (mod, c) for mod, t in mods.items() if mod.startswith(prefix)
                   for name, c in _classes(t).items()}
    out: dict[str, tuple[str, ast.ClassDef]] = {}

    def leads(name: str, depth: int = 0) -> bool:
        if name == root:
            return True
        if depth > 8 or name not in all_classes:
            return False
        return any(leads(b, depth + 1) for b in _base_names(all_classes[name][1]))

    for name, (mod, c) in all_classes.items():
        if name != root and leads(name):
            out[name] = (mod, c)
    return out


def _class_str(c: ast.ClassDef, attr: str) -> str | None:
    for n in c.body:
        if isinstance(n, (ast.Assign, ast.AnnAssign)) and isinstance(n.value, ast.Constant) \
                and isinstance(n.value.value, str):
            targets = n.targets if isinstance(n, ast.Assign) else [n.target]
            if any(isinstance(t, ast.Name) and t.id == attr for t in targets):
                return n.value.value
    return None


def _module_consts(tree: ast.Module) -> dict[str, str]:
    out = {}
    for n in tree.body:
        if isinstance(n, (ast.Assign, ast.AnnAssign)) and isinstance(n.value, ast.Constant) \
                and isinstance(n.value.value, str):
            for t in (n.targets if isinstance(n, ast.Assign) else [n.target]):
                if isinstance(t, ast.Name):
                    out[t.id] = n.value.value
    return out


def _funcs(tree) -> dict[str, ast.FunctionDef]:
    return {n.name: n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}


class _ToolNames:
    """The tool names reachable from an expression of a middleware class (see the module docstring)."""

    _MAKERS = {"from_function", "StructuredTool", "Tool", "tool"}

    def __init__(self, tree: ast.Module, cls: ast.ClassDef):
        self.consts = _module_consts(tree)
        self.funcs = _funcs(tree)
        self.methods = _funcs(cls)
        self.cls = cls
        self.seen: set[int] = set()
        self.name_params: set[str] = set()  # constructor parameters a tool name is the default of

    def str_of(self, e, fn) -> str | None:
        if isinstance(e, ast.Constant) and isinstance(e.value, str):
            return e.value
        if isinstance(e, ast.Name):
            if e.id in self.consts:
                return self.consts[e.id]
            return self._param_default(e.id, fn)
        if isinstance(e, ast.Attribute) and isinstance(e.value, ast.Name) and e.value.id == "self":
            for m in self.methods.values():  # self._tool_name = tool_name in __init__
                for n in ast.walk(m):
                    if isinstance(n, ast.Assign) and any(isinstance(t, ast.Attribute) and t.attr == e.attr
                                                          for t in n.targets):
                        got = self.str_of(n.value, m)
                        if got is not None:
                            return got
        return None

    def _param_default(self, name: str, fn) -> str | None:
        if fn is None:
            return None
        a = fn.args
        pos = a.posonlyargs + a.args
        pairs = list(zip(pos[len(pos) - len(a.defaults):], a.defaults)) + \
            [(k, d) for k, d in zip(a.kwonlyargs, a.kw_defaults) if d is not None]
        for arg, default in pairs:
            if arg.arg == name:
                got = self.str_of(default, None)
                if got is not None and fn.name == "__init__":
                    self.name_params.add(name)  # ShellToolMiddleware(tool_name="bash") renames it
                return got
        return None

    def of_function(self, fn) -> set[str]:
        if id(fn) in self.seen:
            return set()
        self.seen.add(id(fn))
        out: set[str] = set()
        for n in ast.walk(fn):
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n is not fn:
                for d in n.decorator_list:
                    callee = d.func if isinstance(d, ast.Call) else d
                    if (callee.attr if isinstance(callee, ast.Attribute) else getattr(callee, "id", None)) == "tool":
                        given = self.str_of(d.args[0], fn) if isinstance(d, ast.Call) and d.args else None
                        out.add(given or n.name)
            elif isinstance(n, ast.Call):
                f = n.func
                last = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", None)
                if last in self._MAKERS:
                    for k in n.keywords:
                        if k.arg == "name":
                            got = self.str_of(k.value, fn)
                            if got is not None:
                                out.add(got)
            if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "self" \
                    and n.attr in self.methods:
                out |= self.of_function(self.methods[n.attr])
            elif isinstance(n, ast.Name) and n.id in self.funcs:
                out |= self.of_function(self.funcs[n.id])
        return out

    def of_class(self) -> set[str]:
        out: set[str] = set()
        for m in self.methods.values():
            for n in ast.walk(m):
                targets = n.targets if isinstance(n, ast.Assign) else [n.target] if isinstance(n, ast.AnnAssign) else []
                if any(isinstance(t, ast.Attribute) and t.attr == "tools" and isinstance(t.value, ast.Name)
                       and t.value.id == "self" for t in targets) and n.value is not None:
                    wrapper = ast.FunctionDef(name="_", args=m.args, body=[ast.Expr(n.value)], decorator_list=[])
                    for sub in ast.walk(m):  # names bound in the method (task_tool = _build_task_tool(...))
                        if isinstance(sub, (ast.Assign, ast.FunctionDef, ast.AsyncFunctionDef)) and sub is not m:
                            wrapper.body.append(sub if isinstance(sub, ast.Assign) else ast.Expr(ast.Constant(0)))
                    got = self.of_function(wrapper)
                    # @tool functions defined in the method itself (ShellToolMiddleware, file search)
                    self.seen.discard(id(m))
                    got |= self.of_function(m) if not got else set()
                    out |= got
        return out


def pydantic_ai(mods) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    native: dict[str, str] = {}
    for root in ("AbstractNativeTool", "AbstractBuiltinTool"):
        for name, (mod, c) in _subclasses(mods, "pydantic_ai.", root).items():
            if name.startswith("Abstract"):
                continue
            kind = _class_str(c, "kind")
            if kind is None:  # inherits its base's kind
                base = next((b for b in _base_names(c) if b in native), None)
                kind = native.get(base) if base else None
            if kind and not kind.startswith("unknown"):
                native.setdefault(name, kind)
    caps: dict[str, str] = {}
    for mod, t in mods.items():
        if not mod.startswith("pydantic_ai.capabilities"):
            continue
        for name, c in _classes(t).items():
            m = _funcs(c).get("_default_native")
            if m is None:
                continue
            for n in ast.walk(m):
                if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in native:
                    caps[name] = native[n.func.id]
                    break
    common: dict[str, str] = {}
    for mod, t in mods.items():
        if not mod.startswith("pydantic_ai.common_tools"):
            continue
        for fname, fn in _funcs(t).items():
            for n in ast.walk(fn):
                if isinstance(n, ast.Return) and isinstance(n.value, ast.Call):
                    f = n.value.func
                    while isinstance(f, ast.Subscript):  # Tool[Any](...)
                        f = f.value
                    if getattr(f, "id", None) == "Tool":
                        got = next((k.value.value for k in n.value.keywords if k.arg == "name"
                                    and isinstance(k.value, ast.Constant)), None)
                        if got:
                            common[fname] = got
    return native, caps, common


def middleware(mods, prefix: str, renames: dict[str, str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for name, (mod, c) in _subclasses(mods, prefix, "AgentMiddleware").items():
        if name.startswith("_"):
            continue
        reader = _ToolNames(mods[mod], c)
        # listed with no tools too: SummarizationMiddleware() in middleware=[...] gives the model nothing
        out[name] = tuple(sorted(reader.of_class()))
        if len(out[name]) == 1 and len(reader.name_params) == 1:
            renames[name] = next(iter(reader.name_params))
    return out


def _cond_text(test) -> str:
    return ast.unparse(test)


def deep_agent(mods, mw: dict[str, tuple[str, ...]]) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """create_deep_agent: (middleware always on the main agent, keyword -> middleware it adds)."""
    fn = _funcs(mods["deepagents.graph"])["create_deep_agent"]
    params = {a.arg for a in fn.args.args + fn.args.kwonlyargs}
    always: list[str] = []
    given: dict[str, list[str]] = {}

    def classes(e) -> list[str]:
        return [n.func.id for n in ast.walk(e) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                and n.func.id in mw]

    def add(found: list[str], cond: str | None) -> None:
        if cond is None:
            always.extend(found)
            return
        if not found:
            return
        cond = cond.removesuffix(" is not None") if cond.removesuffix(" is not None") in params else cond
        if cond not in params and cond not in _LOCAL_CONDITIONS:
            raise SystemExit(f"create_deep_agent: condition {cond!r} on {found} is not known: read the body")
        key = cond if cond in params else _LOCAL_CONDITIONS[cond]
        if key is None:
            always.extend(found)
        else:
            given.setdefault(key, []).extend(found)

    def walk(body, cond):
        for st in body:
            if isinstance(st, (ast.Assign, ast.AnnAssign)) and any(
                    isinstance(t, ast.Name) and t.id in ("deepagent_middleware", "sub_agent_middleware")
                    for t in (st.targets if isinstance(st, ast.Assign) else [st.target])):
                add(classes(st.value), cond)
            elif isinstance(st, ast.Expr) and isinstance(st.value, ast.Call) and isinstance(st.value.func, ast.Attribute) \
                    and getattr(st.value.func.value, "id", None) == "deepagent_middleware":
                add(classes(st.value), cond)
            elif isinstance(st, ast.If):
                walk(st.body, _cond_text(st.test) if cond is None else cond)

    walk(fn.body, None)
    return tuple(dict.fromkeys(always)), {k: tuple(dict.fromkeys(v)) for k, v in given.items()}


def smolagents(mods) -> tuple[dict[str, str], tuple[str, ...], tuple[str, ...]]:
    t = mods["smolagents.default_tools"]
    tools = {name: _class_str(c, "name") for name, c in _classes(t).items()}
    tools = {k: v for k, v in tools.items() if v and k != "FinalAnswerTool"}
    mapping: list[str] = []
    for n in t.body:
        if isinstance(n, ast.Assign) and any(getattr(x, "id", None) == "TOOL_MAPPING" for x in n.targets):
            mapping = [e.id for comp in ast.walk(n.value) if isinstance(comp, ast.List) for e in comp.elts
                       if isinstance(e, ast.Name)]
    setup = _funcs(_classes(mods["smolagents.agents"])["MultiStepAgent"])["_setup_tools"]
    only_tca = {c.value for c in ast.walk(setup) if isinstance(c, ast.Compare) and isinstance(c.left, ast.Name)
                for c in c.comparators if isinstance(c, ast.Constant)} & set(tools.values())
    base = tuple(c for c in mapping if tools.get(c) not in only_tca)
    tca_only = tuple(c for c in mapping if tools.get(c) in only_tca)
    return tools, base, tca_only


def openai_agents(mods) -> dict[str, str]:
    t = mods["agents.tool"]
    members: list[str] = []
    for n in t.body:
        if isinstance(n, ast.Assign) and any(getattr(x, "id", None) == "Tool" for x in n.targets):
            members = [x.id for x in ast.walk(n.value) if isinstance(x, ast.Name)]
    out = {}
    for name, c in _classes(t).items():
        if name not in members:
            continue
        prop = _funcs(c).get("name")
        lit = next((r.value.value for r in ast.walk(prop) if isinstance(r, ast.Return)
                    and isinstance(r.value, ast.Constant) and isinstance(r.value.value, str)), None) if prop else None
        lit = lit or _class_str(c, "name")  # ShellTool: `name: str = "shell"`, a field the user may set
        if lit:
            out[name] = lit
    return out


def _table(title: str, d: dict[str, str]) -> list[str]:
    lines = [f"# {title}: class or function -> (name the model sees, mutating, typed, capabilities)",
             f"{title.split()[0].upper()}: dict[str, tuple[str, bool, bool, tuple[str, ...]]] = {{"]
    for k in sorted(d):
        lines.append(f"    {k!r}: {(d[k], *_flags(d[k]))!r},")
    return lines + ["}", ""]


def main(argv: list[str]) -> int:
    wheels = [Path(a) for a in argv]
    if not wheels:
        print(__doc__, file=sys.stderr)
        return 2
    mods, versions = _modules(wheels)
    native, caps, common = pydantic_ai(mods)
    renames: dict[str, str] = {}
    lc_mw, da_mw = middleware(mods, "langchain.agents.middleware", renames), middleware(mods, "deepagents.", renames)
    always, given = deep_agent(mods, {**lc_mw, **da_mw})
    smol, base, tca_only = smolagents(mods)
    oa = openai_agents(mods)
    out = ['"""Built-in tools of Pydantic AI, agent middleware (LangChain v1, deepagents), smolagents and the',
           "OpenAI Agents SDK, as data (generated: do not edit).", "",
           "Written by benchmarks/agent_builtins.py from the wheels of:"]
    out += [f"  {v}" for v in sorted(versions)]
    out += ["read with `ast` (names and flags only). Its docstring says what is read and the rule that decides",
            'which tools change state.', '"""', "", "from __future__ import annotations", ""]
    out += _table("PYDANTIC_NATIVE tools (kind)", native)
    out += _table("PYDANTIC_CAPABILITIES giving a native tool", {k: native_kind for k, native_kind in caps.items()})
    out += _table("PYDANTIC_COMMON tool factories", common)
    for title, mw in (("LANGCHAIN_MIDDLEWARE", lc_mw), ("DEEPAGENTS_MIDDLEWARE", da_mw)):
        out += [f"# {title}: agent middleware -> the tools it gives the model (name, mutating, typed, capabilities)",
                f"{title}: dict[str, tuple[tuple[str, bool, bool, tuple[str, ...]], ...]] = {{"]
        for k in sorted(mw):
            out.append(f"    {k!r}: {tuple((n, *_flags(n)) for n in mw[k])!r},")
        out += ["}", ""]
    out += ["# Middleware whose one tool is named by a constructor keyword (the default above)",
            f"MIDDLEWARE_NAME_KWS: dict[str, str] = {dict(sorted(renames.items()))!r}", ""]
    out += [
            "# create_deep_agent: middleware always on the main agent; keyword -> middleware it adds when given",
            "# ('subagents+graph_id': a subagents= entry with a graph_id key, an async sub-agent)",
            f"DEEP_AGENT_ALWAYS: tuple[str, ...] = {always!r}",
            f"DEEP_AGENT_GIVEN: dict[str, tuple[str, ...]] = {given!r}", ""]
    out += _table("SMOLAGENTS default tool classes", smol)
    out += ["# add_base_tools=True: the classes every agent gets, and those only ToolCallingAgent gets",
            f"SMOLAGENTS_BASE: tuple[str, ...] = {base!r}",
            f"SMOLAGENTS_BASE_TOOL_CALLING: tuple[str, ...] = {tca_only!r}", ""]
    out += _table("OPENAI_AGENTS hosted and built-in tool classes", oa)
    sys.stdout.write("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
