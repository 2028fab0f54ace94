"""The command line of a Python process call (`subprocess.run(["kubectl", "get", ...])`,
`shlex.split("git log")`, `os.system("helm list")`), read as an executable and words for the CLI
knowledge base (`parr.scan.effects_kb.cli`).

Words are literals (strings, names bound to one), `Slot`s (a parameter of the function, or a field
of one: `args.action`, `arguments["action"]`) or None (anything else). A list bound to a local name
may be appended to later, which this reading does not follow: an unknown word ends it (fail closed).
Text of the input spliced into a command a shell runs is left to the caller (it runs as written).
"""

from __future__ import annotations

import ast
import json
from typing import Callable

from parr.scan.effects_kb import cli as kb

_MAX_WORDS = 12
_SHELL_TEXT = object()  # the model's text goes into a shell command: not judged by the knowledge base


def _kw(call: ast.Call, name: str):
    return next((k.value for k in call.keywords if k.arg == name), None)


def _slot(e, params: frozenset[str]) -> kb.Slot | None:
    if isinstance(e, ast.Name) and e.id in params:
        return kb.Slot(e.id)
    if isinstance(e, (ast.Attribute, ast.Subscript)):
        root = e
        while isinstance(root, (ast.Attribute, ast.Subscript)):
            root = root.value
        if isinstance(root, ast.Name) and root.id in params:
            if isinstance(e, ast.Attribute):
                return kb.Slot(e.attr)
            idx = e.slice
            if isinstance(idx, ast.Constant) and isinstance(idx.value, str):
                return kb.Slot(idx.value)
            return None
    if isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute) and e.func.attr == "get" and e.args:
        # arguments.get("action"): a field of the input
        root = e.func.value
        if isinstance(root, ast.Name) and root.id in params and isinstance(e.args[0], ast.Constant) \
                and isinstance(e.args[0].value, str):
            return kb.Slot(e.args[0].value)
    return None


def _word(e, lookup: Callable, params: frozenset[str], depth: int = 0) -> kb.Word:
    if isinstance(e, ast.Constant) and isinstance(e.value, str):
        return e.value
    if isinstance(e, ast.JoinedStr) and len(e.values) == 1 and isinstance(e.values[0], ast.FormattedValue):
        return _word(e.values[0].value, lookup, params, depth + 1)
    slot = _slot(e, params)
    if slot is not None:
        return slot
    if isinstance(e, ast.Name) and depth < 3:
        v = lookup(e.id)
        if isinstance(v, ast.expr) and not (isinstance(v, ast.Name) and v.id == e.id):
            return _word(v, lookup, params, depth + 1)
    return None


def _list_words(e, lookup: Callable, params: frozenset[str], depth: int = 0) -> list[kb.Word] | None:
    if isinstance(e, ast.Name) and depth < 3:
        v = lookup(e.id)
        if isinstance(v, (ast.List, ast.Tuple, ast.Call, ast.BinOp)):
            words = _list_words(v, lookup, params, depth + 1)
            # appended to later where this reading does not follow: what comes next is unknown
            return None if words is None else words + [None]
        return None
    if isinstance(e, ast.BinOp) and isinstance(e.op, ast.Add):
        left = _list_words(e.left, lookup, params, depth + 1)
        if left is None:
            return None
        right = _list_words(e.right, lookup, params, depth + 1)
        return left + (right if right is not None else [None])
    if isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute) and e.func.attr == "split" \
            and isinstance(e.func.value, ast.Name) and e.func.value.id == "shlex" and e.args:
        text = _word(e.args[0], lookup, params, depth + 1)
        return [w for w in kb.split_command(text)] if isinstance(text, str) else None
    if not isinstance(e, (ast.List, ast.Tuple)):
        return None
    out: list[kb.Word] = []
    for el in e.elts[:_MAX_WORDS]:
        if isinstance(el, ast.Starred):
            inner = _list_words(el.value, lookup, params, depth + 1)
            if inner is None:
                return out + [None] if out else None
            out.extend(inner)
            continue
        out.append(_word(el, lookup, params, depth + 1))
    return out


def _text(e, lookup: Callable, params: frozenset[str]):
    """A command string; _SHELL_TEXT when a value parr cannot read is spliced into it."""
    w = _word(e, lookup, params)
    if isinstance(w, str):
        return w
    if isinstance(e, ast.JoinedStr):
        parts = []
        for v in e.values:
            if isinstance(v, ast.Constant) and isinstance(v.value, str):
                parts.append(v.value)
            else:
                inner = _word(v.value, lookup, params) if isinstance(v, ast.FormattedValue) else None
                if not isinstance(inner, str):
                    return _SHELL_TEXT
                parts.append(inner)
        return "".join(parts)
    return _SHELL_TEXT if w is not None or isinstance(e, (ast.BinOp, ast.Call, ast.Name)) else None


def decision(call: ast.Call, root: str, last: str, lookup: Callable | None,
             params: frozenset[str]) -> kb.Decision | None:
    """The CLI decision for a process call, or None (not a CLI parr knows, or shell text of the input)."""
    lookup = lookup or (lambda _n: None)
    cmd = next((v for v in (_kw(call, "args"), _kw(call, "cmd"), _kw(call, "command")) if v is not None),
               call.args[0] if call.args else None)
    if cmd is None:
        return None
    shell_kw = _kw(call, "shell")
    shell = (root == "os" and last in ("system", "popen")) or last in ("getoutput", "getstatusoutput",
                                                                       "create_subprocess_shell") or (
        shell_kw is not None and not (isinstance(shell_kw, ast.Constant) and not shell_kw.value))
    if root == "asyncio" and last == "create_subprocess_exec" and call.args and isinstance(call.args[0], ast.Starred):
        # create_subprocess_exec(*cmd, ...): the list is the whole command line, read as subprocess.run(cmd)
        words = _list_words(ast.List(elts=list(call.args), ctx=ast.Load()), lookup, params)
        return kb.classify(words[0], words[1:]) if words and isinstance(words[0], str) else None
    if root == "asyncio" and last == "create_subprocess_exec":
        exe = _word(call.args[0], lookup, params) if call.args else None
        words = [_word(a, lookup, params) if not isinstance(a, ast.Starred) else None for a in call.args[1:]]
        return kb.classify(exe, words) if isinstance(exe, str) else None
    if root == "os" and last not in ("system", "popen"):
        return None  # exec*/spawn*: argv shapes parr does not read here
    words = _list_words(cmd, lookup, params)
    if words is not None:
        if shell and any(not isinstance(w, str) for w in words):
            return None
        return kb.classify(words[0], words[1:]) if words and isinstance(words[0], str) else None
    text = _text(cmd, lookup, params)
    if not isinstance(text, str) or not text.strip():
        return None
    return kb.classify_command(text)


def effect(d: kb.Decision, how: str) -> tuple[str, str, str]:
    """The (capability, strength, evidence) of a decision, as python.effects reports calls. A subcommand
    the model picks is kept as a choice ("cli_choice", its facts as JSON) for the judge, who has the
    schema's allowed values."""
    if d.kind == kb.READ:
        return ("", "cli_read", d.evidence)
    if d.kind == kb.CHOICE:
        return ("", "cli_choice", json.dumps(kb.choice_fact(d), sort_keys=True))
    # `kubectl exec pod -- <command>`: the parameter holding the command is run (untyped, like a shell command)
    return (f"shell@{','.join(d.runs)}" if d.runs else "shell", "strong", f"{d.evidence} ({how})")


def pending(call: ast.Call, root: str, last: str, lookup: Callable | None, params: frozenset[str],
            how: str) -> tuple[str, str, str] | None:
    """A helper running a process whose words come from one of its parameters
    (`subprocess.run(["kubectl", *args])`, `["kubectl"] + args`, `subprocess.run(cmd)`): kept as
    "cli_pending" (its facts as JSON) for each caller to fill with its own arguments; a tool whose own
    parameter it is keeps running a command (judge)."""
    lookup = lookup or (lambda _n: None)
    if not (root == "subprocess" or (root == "asyncio" and last == "create_subprocess_exec")):
        return None
    if _kw(call, "shell") is not None and not (isinstance(_kw(call, "shell"), ast.Constant) and not _kw(call, "shell").value):
        return None
    cmd = next((v for v in (_kw(call, "args"), _kw(call, "cmd")) if v is not None), call.args[0] if call.args else None)
    head: list[ast.expr] = []
    param = None
    if isinstance(cmd, ast.Name) and cmd.id in params:
        param = cmd.id
    elif isinstance(cmd, ast.List) and cmd.elts and isinstance(cmd.elts[-1], ast.Starred) \
            and isinstance(cmd.elts[-1].value, ast.Name) and cmd.elts[-1].value.id in params:
        head, param = list(cmd.elts[:-1]), cmd.elts[-1].value.id
    elif isinstance(cmd, ast.BinOp) and isinstance(cmd.op, ast.Add) and isinstance(cmd.left, (ast.List, ast.Tuple)) \
            and isinstance(cmd.right, ast.Name) and cmd.right.id in params:
        head, param = list(cmd.left.elts), cmd.right.id
    if param is None:
        return None
    words = [_word(e, lookup, params) for e in head]
    if any(not isinstance(w, str) for w in words):
        return None
    if words and kb.cli_of(words[0]) is None:
        return None  # an executable parr does not know: as before
    spec = {"exe": words[0] if words else None, "words": words[1:], "param": param, "how": how}
    return ("shell" if words else f"shell@{param}", "cli_pending", json.dumps(spec, sort_keys=True))


def _passed_on(arg, params: frozenset[str]) -> tuple[list, str] | None:
    """`args`, `[*head, *args]`, `head + args` with `args` a parameter: (head, parameter)."""
    if isinstance(arg, ast.Name) and arg.id in params:
        return [], arg.id
    if isinstance(arg, ast.List) and arg.elts and isinstance(arg.elts[-1], ast.Starred) \
            and isinstance(arg.elts[-1].value, ast.Name) and arg.elts[-1].value.id in params:
        return list(arg.elts[:-1]), arg.elts[-1].value.id
    if isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Add) and isinstance(arg.left, (ast.List, ast.Tuple)) \
            and isinstance(arg.right, ast.Name) and arg.right.id in params:
        return list(arg.left.elts), arg.right.id
    return None


def fill(spec: dict, arg, lookup: Callable, params: frozenset[str]) -> tuple[kb.Decision | None, dict | None]:
    """A pending helper process seen from one call: the decision for the words the caller passes (`arg`),
    or, when they end in the caller's own parameter, the same question asked of the caller's callers."""
    on = _passed_on(arg, params)
    if on is not None:
        head = [_word(e, lookup, params) for e in on[0]]
        if spec.get("exe") is None and head:
            if not isinstance(head[0], str) or kb.cli_of(head[0]) is None:
                return None, None
            return None, {**spec, "exe": head[0], "words": head[1:], "param": on[1]}
        return None, {**spec, "words": list(spec.get("words") or []) + [_to_json(w) for w in head], "param": on[1]}
    words = _list_words(arg, lookup, params) if arg is not None else None
    if words is None:
        return None, None
    exe = spec.get("exe")
    if exe is None:
        if not words or not isinstance(words[0], str):
            return None, None
        exe, words = words[0], words[1:]
    return kb.classify(exe, [_from_json(w) for w in spec.get("words") or []] + words), None


def _to_json(w: kb.Word):
    return w if isinstance(w, str) else {"field": w.field} if isinstance(w, kb.Slot) else None


def _from_json(w) -> kb.Word:
    return w if isinstance(w, str) else kb.Slot(str(w["field"])) if isinstance(w, dict) and "field" in w else None
