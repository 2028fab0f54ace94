"""The fields of a pydantic tool class, as the parameters the model fills in (Langroid, agency-swarm)."""

from __future__ import annotations

import ast

# Annotations that make a class attribute no field of the model's schema.
_NOT_FIELDS = frozenset({"ClassVar", "PrivateAttr"})


def field_params(classes: list, skip: frozenset[str] = frozenset()) -> list[dict]:
    """[{"n", "ok", "str"}] for each annotated field of `classes` (the class first, then its bases of the same
    file), the form the judge reads for type hints: `ok` when the type says what goes in (not Any/dict),
    `str` for a plain string. Private (`_x`), ClassVar and `skip`ped names are not fields."""
    from parr.scan.python.extract import _ann_name, _is_blob, _unwrap_ann

    out: list[dict] = []
    seen: set[str] = set(skip)
    for ci in classes:
        for st in ci.node.body:
            if not (isinstance(st, ast.AnnAssign) and isinstance(st.target, ast.Name)):
                continue
            name = st.target.id
            if name in seen or name.startswith("_"):
                continue
            seen.add(name)
            inner, _ = _unwrap_ann(st.annotation)
            head = inner.value if isinstance(inner, ast.Subscript) else inner
            if _ann_name(head) in _NOT_FIELDS:
                continue
            out.append({"n": name, "ok": not _is_blob(inner), "str": _ann_name(inner) == "str"})
    return out


def derives_from(ex, ci, is_base) -> bool:
    """Whether the class, or a base of it defined in the same file, lists a base that `is_base`
    (the base as written, e.g. "agents.BaseTool") accepts."""
    return any(is_base(b) for c in class_chain(ex, ci, 9) for b in c.bases)


def class_chain(ex, ci, depth: int = 8) -> list:
    """The class and its bases defined in the same file, nearest first."""
    chain, todo = [], [ci]
    while todo and len(chain) < depth:
        c = todo.pop(0)
        if c in chain:
            continue
        chain.append(c)
        todo.extend(p for p in (ex._local_class(b, c) for b in c.bases) if p is not None)
    return chain


def docstring_summary(node) -> str | None:
    """The first paragraph of a class's or function's docstring."""
    return (ast.get_docstring(node) or "").strip().split("\n\n", 1)[0].strip() or None


def field_model_tools(ex, fw: str, is_tool, method: str, style: str, fallback: str | None = None) -> None:
    """Every concrete class of this file that `is_tool(ex, ci)` accepts (a pydantic tool base) and that has
    `method` of its own or of a base here: one tool named by its class, described by its docstring (else
    `fallback`, with `{name}` for the class name), its fields the parameters, `method` the code."""
    for ci in ex.classes:
        if ci.abstract or not is_tool(ex, ci):
            continue
        ci.claimed = True  # a field called `name` is a parameter here, not the generic reading's tool name
        fn = ex.class_method(ci, method)
        if fn is None or ci.name.startswith("_"):
            continue  # a base of the project's tools without a body
        description = docstring_summary(ci.node) or (fallback.format(name=ci.name) if fallback else None)
        ex.new_cand(name=ci.name, line=ci.node.lineno, framework=fw, style=style, schema="pydantic", fn=fn,
                    description=description, cls=ci, def_line=ci.node.lineno,
                    params=field_params(class_chain(ex, ci), frozenset()), extra={"class_name": ci.name})

