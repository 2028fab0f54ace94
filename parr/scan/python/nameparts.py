"""Tool names built from parts (`prefix + "read_graph"`, f-strings, `%`, `.format`): the readable rest of a name whose prefix is set at run time."""

from __future__ import annotations

import ast
import re
import string

# A part is (its value, or None when parr cannot read it; the source text shown for it).
Part = tuple  # (str | None, str)

# Characters that join a prefix to a name (`ns + "_" + "x"`, f"{ns}-x", "ns.x"): the prefix's.
_SEPARATORS = "_-.:/ "
_NAMEISH = re.compile(r"[A-Za-z][A-Za-z0-9_.:-]*")


class Prefixed(str):
    """A tool name whose leading part is read at run time: the string is the readable rest
    (what the model sees with an empty prefix), `template` the whole name with the unread
    parts in braces (`{namespace_prefix}read_graph`)."""

    template: str
    prefix: str

    def __new__(cls, rest: str, template: str, prefix: str) -> "Prefixed":
        obj = super().__new__(cls, rest)
        obj.template = template
        obj.prefix = prefix
        return obj


def template_parts(e, leaf) -> list[Part] | None:
    """The parts of a string built by `+`, an f-string, `"%s" % x` or `"{}".format(x)`; None for
    any other expression. `leaf(expr)` reads one operand: a list of parts (it may itself be a
    template), or None when it cannot be read."""
    if isinstance(e, ast.BinOp) and isinstance(e.op, ast.Add):
        left = template_parts(e.left, leaf) or _leaf(e.left, leaf)
        right = template_parts(e.right, leaf) or _leaf(e.right, leaf)
        return left + right
    if isinstance(e, ast.JoinedStr):
        out: list[Part] = []
        for v in e.values:
            if isinstance(v, ast.Constant) and isinstance(v.value, str):
                out.append((v.value, v.value))
            elif isinstance(v, ast.FormattedValue) and v.conversion == -1 and v.format_spec is None:
                out += _leaf(v.value, leaf)
            else:
                out.append((None, _src(v)))
        return out
    if isinstance(e, ast.BinOp) and isinstance(e.op, ast.Mod) and isinstance(e.left, ast.Constant) \
            and isinstance(e.left.value, str):
        args = list(e.right.elts) if isinstance(e.right, ast.Tuple) else [e.right]
        pieces = re.split(r"(%%|%s)", e.left.value)
        if sum(p == "%s" for p in pieces) != len(args) or re.search(r"%[^s%]", e.left.value.replace("%%", "")):
            return [(None, _src(e))]  # %d, %(key)s and counts that do not match: not read
        out = []
        for p in pieces:
            if p == "%s":
                out += _leaf(args.pop(0), leaf)
            elif p:
                out.append(("%" if p == "%%" else p,) * 2)
        return out
    if isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute) and e.func.attr == "format" \
            and isinstance(e.func.value, ast.Constant) and isinstance(e.func.value.value, str):
        kws = {k.arg: k.value for k in e.keywords if k.arg}
        try:
            fields = list(string.Formatter().parse(e.func.value.value))
        except ValueError:
            return [(None, _src(e))]
        out, auto = [], 0
        for lit, field, spec, conv in fields:
            if lit:
                out.append((lit, lit))
            if field is None:
                continue
            if spec or conv:
                out.append((None, "{" + field + "}"))
                continue
            if field == "":
                arg = e.args[auto] if auto < len(e.args) else None
                auto += 1
            elif field.isdigit():
                arg = e.args[int(field)] if int(field) < len(e.args) else None
            else:
                arg = kws.get(field)
            out += _leaf(arg, leaf) if arg is not None else [(None, "{" + field + "}")]
        return out
    return None


def _leaf(e, leaf) -> list[Part]:
    got = leaf(e)
    return got if got is not None else [(None, _src(e))]


def _src(e) -> str:
    try:
        return ast.unparse(e)
    except Exception:  # noqa: BLE001 - a node ast cannot print: shown by its kind
        return type(e).__name__


def joined(parts: list[Part]) -> str | None:
    """The whole string when every part is read."""
    if any(v is None for v, _ in parts):
        return None
    return "".join(v for v, _ in parts)


def prefixed(parts: list[Part]) -> Prefixed | None:
    """The name under a prefix read at run time: every unread part comes before the readable
    rest (separators between them belong to the prefix), and that rest is a name. A part read
    at run time in the middle or at the end (`f"get_{kind}"`) leaves no name to report."""
    last = max((i for i, (v, _) in enumerate(parts) if v is None), default=-1)
    if last < 0:
        return None
    if any(v is not None and v.strip(_SEPARATORS) for v, _ in parts[:last]):
        return None  # "get_" + kind + "_info": read text before a part read at run time
    rest = "".join(v for v, _ in parts[last + 1:]).lstrip(_SEPARATORS)
    if not _NAMEISH.fullmatch(rest) or len(rest) < 2:
        return None
    shown = [v if v is not None else "{" + s + "}" for v, s in parts]
    return Prefixed(rest, "".join(shown), "".join(shown[:last + 1]))
