"""`astutil.walk`: the nodes ast.walk yields, in its order (breadth first, fields in order), as one list; the
readers that walk a function's body take it for ast.walk's generators."""

from __future__ import annotations

import ast
from pathlib import Path

from parr.scan.python.astutil import walk

ROOT = Path(__file__).resolve().parents[3]


def test_walk_yields_ast_walks_nodes_in_its_order() -> None:
    files = sorted((ROOT / "parr" / "scan" / "python").rglob("*.py"))
    assert len(files) > 20
    for path in files:
        tree = ast.parse(path.read_text())
        assert [id(n) for n in walk(tree)] == [id(n) for n in ast.walk(tree)], path
        for fn in (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
            assert [id(n) for n in walk(fn)] == [id(n) for n in ast.walk(fn)], (path, fn.name)


def test_walk_of_nodes_made_by_hand() -> None:
    # fields left unset, a list holding names (global), a node of a class made after import
    class Marker(ast.expr):
        _fields = ("value",)

    made = ast.Module(body=[ast.Global(names=["a", "b"]), ast.Expr(value=Marker(value=ast.Name(id="x"))),
                            ast.Return()], type_ignores=[])
    assert [id(n) for n in walk(made)] == [id(n) for n in ast.walk(made)]
    assert [type(n).__name__ for n in walk(made)] == ["Module", "Global", "Expr", "Return", "Marker", "Name"]
