"""The command line of a process call (`execFileSync("kubectl", ["get", ...])`, `exec("git log")`),
read as an executable and words for the CLI knowledge base (`parr.scan.effects_kb.cli`).

Words are literals (strings, templates without substitutions, constants bound to one), `Slot`s
(a value of the handler's input: `input.subCommand`, a destructured `{ action }`), or None (anything
else). An argument list built in a local variable is read with the `push`es that follow it at the
same level; a push inside a branch or loop makes the rest unknown.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from parr.scan.effects_kb import cli as kb
from parr.scan.typescript.nodes import (
    function_params, args_of, entry_value, iter_descendants, member_chain, member_root, object_entries, text, unwrap,
)
from parr.scan.typescript.values import FileCtx

# child_process / execa functions taking a command string run by a shell, and those taking
# (file, args[]) run without one.
_STRING_FUNCS = frozenset({"exec", "execSync", "execaCommand", "execaCommandSync", "command"})
_ARGV_FUNCS = frozenset({"execFile", "execFileSync", "spawn", "spawnSync", "execa", "execaSync", "fork"})
_MAX_WORDS = 12


def _param_slot(ctx: FileCtx, node: Node) -> kb.Slot | None:
    """`input.subCommand`, `args.action`, a parameter or a name destructured from one: the input field."""
    node = unwrap(node)
    if node is None:
        return None
    if node.type in ("identifier", "shorthand_property_identifier"):
        b = ctx.lookup(node, text(node))
        if b is not None and b.kind in ("param", "pattern"):
            return kb.Slot(text(node))
        return None
    if node.type == "member_expression":
        root = member_root(node)
        if root is None:
            return None
        b = ctx.lookup(root, text(root))
        if b is not None and b.kind in ("param", "pattern"):
            return kb.Slot(member_chain(node)[-1])
    return None


def word(ctx: FileCtx, node: Node | None) -> kb.Word:
    node = unwrap(node)
    if node is None:
        return None
    value = ctx.string_value(node)
    if isinstance(value, str):
        return value
    if node.type == "template_string":
        subs = [c for c in node.named_children if c.type == "template_substitution"]
        frags = [c for c in node.named_children if c.type == "string_fragment"]
        if len(subs) == 1 and not frags and subs[0].named_children:
            return word(ctx, subs[0].named_children[0])
        return None
    return _param_slot(ctx, node)


def _basename(value: str) -> str:
    base = re.split(r"[\\/]", value.strip())[-1]
    return base[:-4] if base.lower().endswith(".exe") else base


def _returned_names(ctx: FileCtx, node: Node | None, depth: int) -> set[str] | None:
    """The program names a returned path may end in (`"adb"`, `path.join(home, "platform-tools", exe)`, a
    ternary of two), an empty set for a path the user configures (`process.env.GO_IOS_PATH`), or None."""
    node = unwrap(node)
    if node is None or depth > 4:
        return None
    value = ctx.string_value(node)
    if isinstance(value, str):
        return {_basename(value)} if value.strip() else None
    if node.type == "ternary_expression":
        a = _returned_names(ctx, node.child_by_field_name("consequence"), depth + 1)
        b = _returned_names(ctx, node.child_by_field_name("alternative"), depth + 1)
        return None if a is None or b is None else a | b
    if node.type == "identifier":
        b = ctx.lookup(node, text(node))
        if b is not None and b.kind == "var" and b.node is not None:
            return _returned_names(ctx, b.node, depth + 1)
        return None
    chain = member_chain(node)
    if node.type == "member_expression" and len(chain) == 3 and chain[:2] == ["process", "env"]:
        return set()  # GO_IOS_PATH=/opt/bin/ios: where the user keeps the same program
    callee = member_chain(node.child_by_field_name("function")) if node.type == "call_expression" else []
    if len(callee) == 2 and callee[1] in ("join", "resolve") and (
            ctx.import_source(callee[0]) in ("path", "node:path") or callee[0] == "path"):
        args = args_of(node)
        return _returned_names(ctx, args[-1], depth + 1) if args else None
    return None


def exe_word(ctx: FileCtx, node: Node | None) -> kb.Word:
    """The executable a process call runs: a word, or the program a path function of this file resolves
    (`getAdbPath()` whose every return is `"adb"`, `path.join(sdk, "platform-tools", exeName)` or an
    environment variable holding the path): its returns must name one program, else None."""
    w = word(ctx, node)
    node = unwrap(node)
    if w is not None or node is None or node.type != "call_expression" or args_of(node):
        return w
    callee = unwrap(node.child_by_field_name("function"))
    if callee is None or callee.type != "identifier":
        return None
    b = ctx.lookup(callee, text(callee))
    fn = unwrap(b.node) if b is not None and b.kind in ("var", "function") else None
    if fn is None or fn.type not in ("arrow_function", "function_expression", "function", "function_declaration"):
        return None
    body = fn.child_by_field_name("body")
    if body is None:
        return None
    returns = [body] if body.type != "statement_block" else [
        r.named_children[0] if r.named_children else None
        for r in iter_descendants(body, 4000) if r.type == "return_statement" and (_owner(r) or fn).id == fn.id]
    names: set[str] = set()
    for r in returns:
        got = _returned_names(ctx, r, 0)
        if got is None:
            return None
        names |= got
    return next(iter(names)) if len(names) == 1 else None


def _owner(node: Node) -> Node | None:
    cur = node.parent
    while cur is not None and cur.type not in ("arrow_function", "function_expression", "function",
                                               "function_declaration", "method_definition"):
        cur = cur.parent
    return cur


def _array_words(ctx: FileCtx, fn: Node, node: Node | None, depth: int = 0) -> list[kb.Word]:
    """Words of an argument array: a literal, or a local variable bound to one and pushed to."""
    node = unwrap(node)
    if node is None or depth > 2:
        return [None]
    if node.type == "identifier":
        alts = alternatives(ctx, fn, node, depth)
        return alts[0] if len(alts) == 1 else [None]
    if node.type != "array":
        return [None]
    out: list[kb.Word] = []
    for el in node.named_children:
        if el.type == "comment":
            continue
        if el.type == "spread_element":
            inner = el.named_children[0] if el.named_children else None
            slot = _param_slot(ctx, inner) if inner is not None else None
            if slot is not None:
                return out + [slot, None]  # `...input.command`: words of the input, how many unknown
            out.extend(_array_words(ctx, fn, inner, depth + 1))
            if out and out[-1] is None:
                return out
            continue
        out.append(word(ctx, el))
        if len(out) >= _MAX_WORDS:
            break
    return out


def alternatives(ctx: FileCtx, fn: Node, node: Node | None, depth: int = 0) -> list[list[kb.Word]]:
    """The argument lists a variable may hold: its initial array with the pushes after it, and every
    array assigned to it later (`let args; if (a) args = [...]; else args = [...]`). `args = f(args, x)`
    keeps what it held and adds words parr does not read."""
    node = unwrap(node)
    if node is None or node.type != "identifier" or depth > 2:
        return [_array_words(ctx, fn, node, depth + 1)]
    name = text(node)
    b = ctx.lookup(node, name)
    if b is None or b.kind not in ("var", "default"):
        return [[None]]
    scope = b.node if b.node is not None else node
    while scope is not None and scope.type not in ("function_declaration", "arrow_function", "function_expression",
                                                   "method_definition", "function", "program"):
        scope = scope.parent  # the whole function the variable lives in
    decl = b.node.parent if b.node is not None else None
    if decl is not None and decl.type == "variable_declarator" and decl.parent is not None and \
            decl.parent.type == "lexical_declaration" and text(decl.parent).startswith("const"):
        scope = None  # a const is never assigned again: its value and pushes are all
    alts: list[list[kb.Word]] = []
    if b.node is not None:
        words = _array_words(ctx, fn, b.node, depth + 1)
        # pushes come after whatever it held (after an unknown word, a subcommand stays unread)
        alts.append(words + _pushes(ctx, fn, name, b.node))
    grows = False
    if scope is not None:
        for n in iter_descendants(scope, 20_000):
            if n.type != "assignment_expression":
                continue
            left, right = unwrap(n.child_by_field_name("left")), unwrap(n.child_by_field_name("right"))
            if left is None or left.type != "identifier" or text(left) != name or right is None:
                continue
            if right.type == "call_expression" and any(
                    unwrap(a) is not None and unwrap(a).type == "identifier" and text(unwrap(a)) == name
                    for a in args_of(right)):
                grows = True
                continue
            alts.append(_array_words(ctx, fn, right, depth + 1))
    if not alts:
        return [[None]]
    return [a + [None] if grows and (not a or a[-1] is not None) else a for a in alts][:6]


def _pushes(ctx: FileCtx, fn: Node, name: str, decl: Node) -> list[kb.Word]:
    """`args.push("get", x)` after `const args = [...]`, in the same block, in source order."""
    stmt = decl
    while stmt is not None and stmt.type not in ("lexical_declaration", "variable_declaration"):
        stmt = stmt.parent
    block = stmt.parent if stmt is not None else None
    if block is None:
        return []
    out: list[kb.Word] = []
    started = False
    for s in block.named_children:
        if s.start_byte == stmt.start_byte and s.end_byte == stmt.end_byte:
            started = True
            continue
        if not started:
            continue
        src = text(s)
        if f"{name}.push(" not in src and f"{name}.unshift(" not in src:
            continue
        if s.type != "expression_statement":
            # a push inside a branch or a loop: unknown words here (a subcommand after them is unread)
            if not out or out[-1] is not None:
                out.append(None)
            continue
        call = unwrap(s.named_children[0]) if s.named_children else None
        chain = member_chain(unwrap(call.child_by_field_name("function"))) if call is not None and \
            call.type == "call_expression" else []
        if chain != [name, "push"]:
            return out + [None]
        for a in args_of(call):
            if unwrap(a) is not None and unwrap(a).type == "spread_element":
                inner = unwrap(a).named_children[0] if unwrap(a).named_children else None
                slot = _param_slot(ctx, inner) if inner is not None else None
                return out + ([slot] if slot is not None else []) + [None]
            out.append(word(ctx, a))
        if len(out) >= _MAX_WORDS:
            break
    return out


def _command_text(ctx: FileCtx, node: Node | None) -> tuple[str, bool] | None:
    """A command string, and whether a value parr cannot read (the input) is spliced into it."""
    node = unwrap(node)
    if node is None:
        return None
    value = ctx.string_value(node)
    if isinstance(value, str):
        return value, False
    if node.type != "template_string":
        return None
    parts: list[str] = []
    spliced = False
    for c in node.named_children:
        if c.type == "string_fragment":
            parts.append(text(c))
        elif c.type == "template_substitution":
            inner = c.named_children[0] if c.named_children else None
            w = word(ctx, inner)
            if isinstance(w, str):
                parts.append(w)
            else:
                spliced = True
                parts.append(" \x00 ")  # one unknown word
        elif c.type == "escape_sequence":
            parts.append(" ")
    return "".join(parts), spliced


def decision(ctx: FileCtx, fn: Node, call: Node, name: str, chain: list[str]) -> kb.Decision | None:
    """What the process call `call` runs, judged by the CLI knowledge base; None when its executable
    is not a CLI parr knows, or the command is text the model supplies (a shell runs it as is)."""
    args = args_of(call)
    if not args:
        return None
    if chain[0] in ("Bun",) and name in ("spawn", "spawnSync"):
        first = unwrap(args[0])
        if first is not None and first.type == "object":
            entry = object_entries(first).get("cmd")
            first = unwrap(entry_value(entry)) if entry is not None else None
        words = _array_words(ctx, fn, first)
        return kb.classify(words[0], words[1:]) if words and isinstance(words[0], str) else None
    if chain[0] == "Deno" and name == "Command":
        exe = word(ctx, args[0])
        opts = unwrap(args[1]) if len(args) > 1 else None
        entry = object_entries(opts).get("args") if opts is not None and opts.type == "object" else None
        words = _array_words(ctx, fn, entry_value(entry)) if entry is not None else []
        return kb.classify(exe, words) if isinstance(exe, str) else None
    if name in _STRING_FUNCS:
        read = _command_text(ctx, args[0])
        if read is None or read[1]:
            return None  # text the model writes into a shell command runs as it is
        return kb.classify_command(read[0])
    if name in _ARGV_FUNCS:
        exe = exe_word(ctx, args[0])
        if not isinstance(exe, str):
            return None
        if " " in exe.strip() and len(args) == 1:
            return kb.classify_command(exe)  # execa("kubectl get pods") style is not argv; read it as a command
        second = unwrap(args[1]) if len(args) > 1 else None
        if second is not None and second.type == "object":
            alts: list[list[kb.Word]] = [[]]  # spawn("kubectl", { ... }): no arguments
        else:
            alts = alternatives(ctx, fn, second) if second is not None else [[]]
        words = [w for a in alts for w in a]
        if second is not None and second.type == "object":
            shell = object_entries(second).get("shell")
            if shell is not None and text(entry_value(shell) or shell) != "false":
                return None
        if len(args) > 2:
            opts = unwrap(args[2])
            if opts is not None and opts.type == "object":
                shell = object_entries(opts).get("shell")
                if shell is not None and text(entry_value(shell) or shell) != "false":
                    # the words are joined and run by a shell: a value of the input is shell text
                    if any(not isinstance(w, str) for w in words):
                        return None
        # every list the arguments may be: the one that changes most decides
        decisions = [kb.classify(exe, a) for a in alts]
        return max(decisions, key=lambda d: _RANK.get(d.kind, 3)) if decisions and all(decisions) else None
    return None


_RANK = {kb.READ: 0, kb.CHOICE: 1, kb.WRITE: 2}


def param_index(fn: Node, node: Node | None, ctx: FileCtx) -> int | None:
    """The position of `fn`'s parameter that `node` names, or None."""
    from parr.scan.typescript.nodes import function_params, param_pattern

    node = unwrap(node)
    if node is None or node.type != "identifier":
        return None
    b = ctx.lookup(node, text(node))
    if b is None or b.kind != "param":
        return None
    for i, p in enumerate(function_params(fn)):
        pat = param_pattern(p)
        if pat is not None and pat.type == "identifier" and text(pat) == text(node):
            return i
    return None


def helper_argv(ctx: FileCtx, fn: Node, call: Node, name: str) -> dict | None:
    """A helper that runs a process from its own parameters (`run(cmd, args) { execFileSync(cmd, args) }`,
    `kube(args) { spawn("kubectl", args) }`): which parameters, so each call site reads its own
    arguments. None when the argument list is not a parameter of `fn`."""
    if name not in _ARGV_FUNCS:
        return None
    args = args_of(call)
    if len(args) < 2:
        return None
    args_at = param_index(fn, args[1], ctx)
    if args_at is None:
        return _rest_helper(ctx, fn, args)
    exe = word(ctx, args[0])
    exe_at = None if isinstance(exe, str) else param_index(fn, args[0], ctx)
    if not isinstance(exe, str) and exe_at is None:
        return None
    return {"exe": exe if isinstance(exe, str) else None, "exe_at": exe_at, "args_at": args_at}


def _rest_helper(ctx: FileCtx, fn: Node, args: list[Node]) -> dict | None:
    """`adb(...args) { execFileSync(getAdbPath(), ["-s", this.deviceId, ...args]) }`: fixed words, then the
    helper's rest parameter; each call site's arguments from that position are the words after them."""
    exe = exe_word(ctx, args[0])
    arr = unwrap(args[1])
    if not isinstance(exe, str) or arr is None or arr.type != "array":
        return None
    items = [c for c in arr.named_children if c.type != "comment"]
    if not items or items[-1].type != "spread_element" or any(c.type == "spread_element" for c in items[:-1]):
        return None
    rest = items[-1].named_children[0] if items[-1].named_children else None
    if rest is None or rest.type != "identifier":
        return None
    params = function_params(fn)
    at = next((i for i, p in enumerate(params) if p.type == "rest_pattern" or (
        p.named_children and p.named_children[0].type == "rest_pattern")), None)
    if at is None or at != len(params) - 1 or text(rest) != text(params[at]).lstrip(".").split(":")[0].strip():
        return None
    prefix = [to_json(word(ctx, c)) for c in items[:-1]]
    return {"exe": exe, "exe_at": None, "args_at": at, "prefix": prefix, "rest": True}


def rest_words(proc: dict, words: list[kb.Word]) -> list[kb.Word]:
    return [from_json(w) for w in proc.get("prefix") or []] + words


def call_site(ctx: FileCtx, fn: Node, call: Node, proc: dict) -> tuple[kb.Decision | None, dict | None]:
    """The decision for a call of a helper described by `helper_argv`, read from this call's arguments;
    or, when the caller passes its own parameters on, the same description in the caller's terms."""
    args = args_of(call)
    if proc.get("rest"):
        # a rest-parameter helper: the caller's arguments from that position, one word each (a spread of
        # the caller's own array is words parr does not follow: unknown)
        given = [None if unwrap(a) is None or unwrap(a).type == "spread_element" else word(ctx, a)
                 for a in args[int(proc["args_at"]):]]
        return kb.classify(proc.get("exe"), rest_words(proc, given)), None
    exe_at, args_at = proc.get("exe_at"), int(proc["args_at"])
    if args_at >= len(args) or (exe_at is not None and exe_at >= len(args)):
        return None, None
    exe = proc.get("exe") if exe_at is None else word(ctx, args[exe_at])
    if not isinstance(exe, str):
        if exe_at is not None:
            up = param_index(fn, args[exe_at], ctx)
            up_args = param_index(fn, args[args_at], ctx)
            if up is not None and up_args is not None:
                return None, {"exe": None, "exe_at": up, "args_at": up_args}
        return None, None
    up_args = param_index(fn, args[args_at], ctx)
    if up_args is not None:
        return None, {"exe": exe, "exe_at": None, "args_at": up_args}
    return kb.classify(exe, _array_words(ctx, fn, args[args_at])), None


def to_json(w: kb.Word):
    return w if isinstance(w, str) else {"field": w.field} if isinstance(w, kb.Slot) else None


def from_json(w) -> kb.Word:
    return w if isinstance(w, str) else kb.Slot(str(w["field"])) if isinstance(w, dict) and "field" in w else None


def arg_fact(ctx: FileCtx, node: Node | None) -> dict:
    """One argument of a call into another file, as the words a process there would take from it:
    `word` (a string), `words` (an argument list)."""
    node = unwrap(node)
    out: dict = {}
    if node is None:
        return out
    w = word(ctx, node)
    if w is not None:
        out["word"] = to_json(w)
    fn = node
    while fn is not None and fn.type not in ("function_declaration", "arrow_function", "function_expression",
                                             "method_definition", "function", "program"):
        fn = fn.parent
    if node.type == "array" or (node.type == "identifier" and not isinstance(w, str)):
        alts = alternatives(ctx, fn or node, node)
        if len(alts) == 1 and alts[0] != [None]:
            out["words"] = [to_json(x) for x in alts[0]]
        elif len(alts) > 1:
            out["alts"] = [[to_json(x) for x in a] for a in alts]
    return out
