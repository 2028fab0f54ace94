"""The depth screen (`nodes.deeper_than`) enters only subtrees large enough to reach past the limit: its answer
is the one a walk of every node gives, at the limit, one past it and one short of it, whatever shape nests."""

from __future__ import annotations

import pytest

from parr.scan.typescript.nodes import deeper_than, parser


def _max_depth(root) -> int:
    cursor, depth, deepest = root.walk(), 0, 0
    while True:
        if cursor.goto_first_child():
            depth += 1
            deepest = max(deepest, depth)
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return deepest
            depth -= 1


SHAPES = {
    "nested calls": "const x = " + "f(" * 150 + "1" + ")" * 150 + ";\n",
    "nested arrays beside small statements": "const a = 1;\n" * 40 + "const x = " + "[" * 120 + "]" * 120 + ";\n",
    "else-if chain": "function g(a) {" + "if (a) { a(); } else " * 120 + "{ a(); } }\n" + "(f(" * 100 + ")" * 200,
    "deep then shallow siblings": "const y = " + "{a:" * 90 + "1" + "}" * 90 + ";\nconst z = [1, 2, 3];\n" * 3,
    "a bracket missing": "const x = " + "f(" * 140 + "1" + ")" * 139 + ";\n",
}


@pytest.mark.parametrize("shape", SHAPES)
def test_the_depth_screen_answers_as_a_walk_of_every_node(shape: str) -> None:
    source = SHAPES[shape].encode()
    root = parser("typescript").parse(source).root_node
    deepest = _max_depth(root)
    assert deepest > 100
    for limit in (10, deepest // 2, deepest - 2, deepest - 1, deepest, deepest + 1, deepest + 50):
        if sum(source.count(o) for o in (b"{", b"(", b"[", b"<")) < limit // 2:
            continue  # (the byte screen before it answers for these)
        assert deeper_than(source, root, limit) == (deepest > limit), limit
