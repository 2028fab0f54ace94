"""Claude Agent SDK (`claude_agent_sdk`, formerly `claude_code_sdk`): Claude Code's built-in tools named in the options, and @tool."""

from __future__ import annotations

import ast
from dataclasses import replace

from parr.scan.python.astutil import _const_str, _kw
from parr.scan.python.frameworks.spec import Builtin, Decorator, Framework

_CA = "claude-agent-sdk"

# Claude Code's built-in tools (the SDK's ClaudeAgentOptions.tools / allowed_tools name them; what
# each does is Claude Code's tool reference). Bash runs a command the model writes; Write, Edit,
# MultiEdit and NotebookEdit change files; Task starts a sub-agent from a prompt.
BUILTINS = {
    "Bash": Builtin(_CA, "Bash", ("shell",), True, False),
    "BashOutput": Builtin(_CA, "BashOutput"),
    "KillShell": Builtin(_CA, "KillShell", (), True),
    "KillBash": Builtin(_CA, "KillBash", (), True),
    "Read": Builtin(_CA, "Read", ("file_read",)),
    "Write": Builtin(_CA, "Write", ("file_write",), True),
    "Edit": Builtin(_CA, "Edit", ("file_write",), True),
    "MultiEdit": Builtin(_CA, "MultiEdit", ("file_write",), True),
    "NotebookEdit": Builtin(_CA, "NotebookEdit", ("file_write",), True),
    "NotebookRead": Builtin(_CA, "NotebookRead", ("file_read",)),
    "Glob": Builtin(_CA, "Glob", ("file_read",)),
    "Grep": Builtin(_CA, "Grep", ("file_read",)),
    "LS": Builtin(_CA, "LS", ("file_read",)),
    "WebFetch": Builtin(_CA, "WebFetch", ("http",)),
    "WebSearch": Builtin(_CA, "WebSearch", ("http",)),
    "TodoWrite": Builtin(_CA, "TodoWrite"),
    "Task": Builtin(_CA, "Task", (), False, False, "framework_defined",
                    "Launch a sub-agent to handle a task."),
    "ExitPlanMode": Builtin(_CA, "ExitPlanMode"),
}


def _names(ex, e, scope, depth: int = 0) -> tuple[list[tuple[str, int]], bool]:
    """The string entries of a tool-name list, following names and *spreads; second: all readable."""
    if depth > 4 or e is None:
        return [], e is None
    if isinstance(e, ast.Name):
        v, vscope = ex.lookup(scope, e.id)
        if isinstance(v, (ast.List, ast.Tuple)):
            return _names(ex, v, vscope, depth + 1)
        return [], False
    if isinstance(e, ast.BinOp) and isinstance(e.op, ast.Add):
        a, ok_a = _names(ex, e.left, scope, depth + 1)
        b, ok_b = _names(ex, e.right, scope, depth + 1)
        return a + b, ok_a and ok_b
    if not isinstance(e, (ast.List, ast.Tuple)):
        return [], False
    out, ok = [], True
    for el in e.elts:
        if isinstance(el, ast.Starred):
            sub, sub_ok = _names(ex, el.value, scope, depth + 1)
            out += sub
            ok = ok and sub_ok
            continue
        s, _ = ex.str_of(el, scope)
        if s is None:
            ok = False
        else:
            out.append((s, getattr(el, "lineno", 0)))
    return out, ok


def _hooked(ex, node: ast.Call, scope) -> set[str]:
    """Tools a PreToolUse hook inspects before each call: hooks={"PreToolUse": [HookMatcher(matcher="Bash", ...)]}."""
    hooks = _kw(node, "hooks")
    out: set[str] = set()
    if not isinstance(hooks, ast.Dict):
        return out
    for k, v in zip(hooks.keys, hooks.values):
        if _const_str(k) != "PreToolUse" or not isinstance(v, (ast.List, ast.Tuple)):
            continue
        for m in v.elts:
            if isinstance(m, ast.Call):
                matcher = _const_str(_kw(m, "matcher")) or (_const_str(m.args[0]) if m.args else None)
                out.update(x.strip() for x in (matcher or "").split("|") if x.strip())
    return out


def _sdk_server(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """server = create_sdk_mcp_server(name=..., tools=[greet]) given to Claude Code as
    mcp_servers={"tools": server} (in ClaudeAgentOptions or any wrapper of it): Claude Code shows the
    tool as mcp__<key>__<name>, the key in mcp_servers, not the server's own name=. The @tool
    functions declared in this file are renamed; a server no mcp_servers here names keeps them bare."""
    if fw_q != _CA:
        return False
    held = {id(node)}
    for e in ast.walk(ex.tree):  # server = create_sdk_mcp_server(...): the variable stands for it
        if isinstance(e, ast.Assign) and e.value is node:
            held |= {t.id for t in e.targets if isinstance(t, ast.Name)}
    key = None
    for e in ast.walk(ex.tree):
        if isinstance(e, ast.keyword) and e.arg == "mcp_servers" and isinstance(e.value, ast.Dict):
            for k, v in zip(e.value.keys, e.value.values):
                if (isinstance(v, ast.Name) and v.id in held) or id(v) in held:
                    key = _const_str(k) or key
    listed = _kw(node, "tools")
    if key is None or not isinstance(listed, (ast.List, ast.Tuple)):
        return True
    for el in listed.elts:
        fi = ex.resolve_func_expr(el, scope) if isinstance(el, ast.Name) else None
        for c in ex.cands:
            if fi is not None and c.get("_fn") is fi and c.get("name") and not c["name"].startswith("mcp__"):
                c["name"] = f"mcp__{key}__{c['name']}"
    return True


def _options(ex, node: ast.Call, d: str, fw_q, scope) -> bool:
    """ClaudeAgentOptions(tools=[...]) names the built-in tools the model has; without tools=, the
    allowed_tools=[...] it may call without asking (a floor: Claude Code's default set is larger).
    "Bash(npm test:*)" is the Bash tool with a permission rule; "mcp__server__tool" belongs to an MCP
    server (read where the server is declared)."""
    if fw_q != _CA:
        return False
    listed = _kw(node, "tools")
    if listed is None or isinstance(listed, ast.Dict):  # {"type": "preset", ...}: the default set
        listed = _kw(node, "allowed_tools")
    if listed is None:
        return True
    names, ok = _names(ex, listed, scope)
    hooked = _hooked(ex, node, scope)
    # A Task sub-agent gets this agent's tools (Claude Code's subagents inherit them): it changes
    # state when any of them may, including one parr cannot name or an MCP server's (read elsewhere).
    others = {raw.split("(", 1)[0].strip() for raw, _ in names} - {"Task"}
    sub_writes = not ok or any(n not in BUILTINS or BUILTINS[n].mutating for n in others)
    seen: set[str] = set()
    for raw, line in names:
        name = raw.split("(", 1)[0].strip()
        if name.startswith("mcp__") or name in seen:
            continue
        seen.add(name)
        b = BUILTINS.get(name)
        if b is None:
            ex.unresolved_site(None, "", line or node.lineno, "Claude Code tool parr does not know",
                               text=f"allowed_tools: {raw}")
            continue
        if name == "Task" and sub_writes:
            b = replace(b, mutating=True)
        ex.builtin_cand(b, line or node.lineno, "builtin_tool",
                        gates=("guardrails",) if name in hooked or "*" in hooked else (),
                        flags=("agent_tool",) if name == "Task" else ())
    if not ok:
        ex.unresolved_site(listed, "allowed_tools=", node.lineno, "tool names parr cannot read")
    return True


FRAMEWORKS = (
    Framework(
        label=_CA,
        roots=("claude_agent_sdk", "claude_code_sdk"),
        style_prefix="claude_agent_sdk",
        # @tool("greet", "Greet a user", {"name": str}): name, description, input schema by position
        decorators=(Decorator("tool", "claude_agent_sdk.tool", receiver=None, positional_name=True,
                              schema_pos=2),),
        call_hooks={"ClaudeAgentOptions": (_options,), "ClaudeCodeOptions": (_options,),
                    "create_sdk_mcp_server": (_sdk_server,)},
    ),
)
