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
    return ("shell", "strong", f"{d.evidence} ({how})")
