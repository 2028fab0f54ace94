"""Branch conditions of a helper (parr.scan.python.branches) and how a caller's literals decide them
(parr.scan.python.flow.bind_conds); GraphQL documents (parr.scan.effects_kb.graphql)."""

from __future__ import annotations

import ast

import pytest

from parr.scan.effects_kb import graphql
from parr.scan.python import branches, flow


def _conds(src: str) -> dict[str, list]:
    """Callee name of each call under a condition -> the condition."""
    fn = ast.parse(src).body[0]
    params = [a.arg for a in fn.args.args]
    got = branches.conditions(fn, params)
    out = {}
    for n in ast.walk(fn):
        if isinstance(n, ast.Call) and id(n) in got:
            out[ast.unparse(n.func)] = got[id(n)]
    return out


def test_if_elif_else_and_case_folding() -> None:
    c = _conds(
        "def req(url, method='GET'):\n"
        "    if method.upper() == 'GET':\n        a.get(url)\n"
        "    elif method.upper() in ('PUT', 'PATCH'):\n        a.put(url)\n"
        "    else:\n        a.delete(url)\n")
    assert c["a.get"] == [["method", "in", ["GET"], "u"]]
    assert c["a.put"] == [["method", "notin", ["GET"], "u"], ["method", "in", ["PATCH", "PUT"], "u"]]
    assert c["a.delete"] == [["method", "notin", ["GET"], "u"], ["method", "notin", ["PATCH", "PUT"], "u"]]


def test_early_return_match_and_alias() -> None:
    c = _conds(
        "def req(kind, path):\n"
        "    k = kind.lower()\n"
        "    if k == 'read':\n        return a.get(path)\n"
        "    match kind:\n        case 'x' | 'y':\n            b.post(path)\n        case _:\n            b.delete(path)\n")
    assert c["a.get"] == [["kind", "in", ["read"], "l"]]
    assert c["b.post"] == [["kind", "notin", ["read"], "l"], ["kind", "in", ["x", "y"], ""]]
    assert c["b.delete"] == [["kind", "notin", ["read"], "l"], ["kind", "notin", ["x", "y"], ""]]


def test_a_reassigned_parameter_or_an_unread_test_adds_no_condition() -> None:
    assert _conds("def req(method):\n    method = pick()\n    if method == 'GET':\n        a.get()\n") == {}
    assert _conds("def req(method):\n    if method.startswith('G'):\n        a.get()\n") == {}
    # `a and b` false: either may be false, no condition on the else branch
    c = _conds("def req(m, x):\n    if m == 'GET' and x:\n        a.get()\n    else:\n        a.put()\n")
    assert c == {"a.get": [["m", "in", ["GET"], ""]]}


@pytest.mark.parametrize(("bound", "defaults", "kept"), [
    ({"method": {"v": "get"}}, {}, ["read"]),           # case folded as the test does
    ({"method": {"v": "DELETE"}}, {}, ["strong"]),
    ({}, {"method": "GET"}, ["read"]),                   # not passed: the default holds
    ({"method": {"x": 1}}, {"method": "GET"}, ["read", "strong", "unknown"]),  # passed, not a literal
])
def test_bind_conds(bound, defaults, kept) -> None:
    fx = [["", "read", "HTTP GET", 0, [["method", "in", ["GET"], "u"]]],
          ["", "strong", "HTTP DELETE", 0, [["method", "notin", ["GET"], "u"]]],
          ["", "unknown", "method unread", 0, [["method", "notin", ["DELETE", "GET"], "u"]]],
          ["", "strong", "HTTP DELETE by method", 0, [["method", "is", ["DELETE"], "u"]]]]
    got = flow.bind_conds(fx, bound, ["url", "method"], defaults)
    assert sorted({x[1] for x in got}) == sorted(kept)
    # an "is" variant stays only where a literal chose it
    assert any(x[2] == "HTTP DELETE by method" for x in got) == (bound.get("method", {}).get("v") == "DELETE")


def test_a_passed_on_parameter_carries_the_condition_to_the_caller() -> None:
    fx = [["", "strong", "HTTP PUT", 0, [["method", "in", ["PUT"], ""]]]]
    got = flow.bind_conds(fx, {"method": {"p": ["verb"], "n": "verb"}}, ["method"], {})
    assert got == [["", "strong", "HTTP PUT", 0, [["verb", "in", ["PUT"], ""]]]]
    assert flow.bind_conds(got, None, [], {}) == [["", "strong", "HTTP PUT", 0]]  # the model picks: it stays


@pytest.mark.parametrize(("doc", "writes"), [
    ("query Cards { cards { id } }", False),
    ("{ viewer { login } }", False),
    ("# note\nmutation Close($id: ID!) { close(id: $id) { id } }", True),
    ("fragment F on Card { id } mutation { archive { ...F } }", True),
    ("query A { a } mutation B { b }", True),
])
def test_graphql_operation(doc: str, writes: bool) -> None:
    assert graphql.effect(doc)[0] is writes


def test_text_that_is_no_document() -> None:
    assert graphql.effect("select * from cards") is None
    assert graphql.effect("cards about mutation") is None
