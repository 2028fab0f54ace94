"""Framework plumbing is not a tool declaration: code that wraps whatever tool it is handed,
names made at run time, clean-up hooks, and lists of setup functions."""

from __future__ import annotations

from pathlib import Path

from parr.scan.engine import scan_repository
from parr.scan.python import PythonScanner

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "scan" / "python_plumbing"


def test_only_declared_tools_are_reported() -> None:
    result = scan_repository(FIXTURES, scanners=[PythonScanner()], use_cache=False)
    found = {(t.name, t.line) for t in result.tools}
    # FunctionTool(search) is a tool; the name of Tool.from_function(name=self.name) is the class's.
    assert found == {("search", 35), ("bearly_interpreter", 24)}
